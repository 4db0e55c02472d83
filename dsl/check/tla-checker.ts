import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { CheckResult, TraceState, Verdict } from './result.js';

const require = createRequire(import.meta.url);
export const TLA_CHECKER_VERSION: string = (JSON.parse(readFileSync(require.resolve('tla-checker/package.json'), 'utf8')) as { version: string }).version;

export type WorkerReply = { ok: true; json: string } | { ok: false; error: string };

/**
 * A worker thread running tla-checker, for a series of calls (a trace replay makes one per
 * step): the WebAssembly module is loaded once. A call that runs past its timeout ends the
 * session — the worker is terminated, the call resolves `undefined`, later calls too.
 */
export class TlaCheckerSession {
  private readonly worker = new Worker(new URL('./tla-checker-worker.mjs', import.meta.url));
  private readonly pending = new Map<number, { resolve: (r: WorkerReply | undefined) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }>();
  private nextId = 0;
  private closed = false;

  constructor() {
    this.worker.on('message', (m: WorkerReply & { id: number }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      const { id: _, ...reply } = m;
      p.resolve(reply as WorkerReply);
    });
    this.worker.on('error', (e) => { for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(e); } this.pending.clear(); this.closed = true; });
    // A worker that dies without an error event (e.g. terminated) answers nothing more.
    this.worker.on('exit', () => { for (const p of this.pending.values()) { clearTimeout(p.timer); p.resolve(undefined); } this.pending.clear(); this.closed = true; });
  }

  call(call: string, args: readonly unknown[], timeoutMs: number): Promise<WorkerReply | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => { this.pending.delete(id); resolve(undefined); void this.close(); }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, call, args });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) { clearTimeout(p.timer); p.resolve(undefined); }
    this.pending.clear();
    await this.worker.terminate();
  }
}

/** Call one tla-checker binding in its own worker; `undefined` when it ran past `timeoutMs`. */
export async function callInWorker(call: string, args: readonly unknown[], timeoutMs: number): Promise<WorkerReply | undefined> {
  const session = new TlaCheckerSession();
  try {
    return await session.call(call, args, timeoutMs);
  } finally {
    await session.close();
  }
}

interface RawResult {
  success: boolean;
  error_type: string | null;
  error_message: string | null;
  states_explored: number;
  trace: string[] | null;
  warnings: string[];
}

export interface EmbeddedOptions {
  readonly timeoutMs?: number;
  readonly maxStates?: number;
}

/** tla-checker's largest accepted limits: its defaults (1e6 states, depth 100) would cut the search. */
const UNLIMITED = 4294967295;

/** Check a module with tla-checker: exhaustively, deadlock per the cfg. */
export async function runTlaChecker(spec: string, cfg: string, ctx: { module: string; config: string }, o: EmbeddedOptions = {}): Promise<CheckResult> {
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  const started = performance.now();
  const options = {
    cfg_source: cfg,
    max_states: o.maxStates ?? UNLIMITED,
    max_depth: UNLIMITED,
    allow_deadlock: !cfgChecksDeadlock(cfg),
  };
  const reply = await callInWorker('check_spec_with_options', [spec, JSON.stringify(options)], timeoutMs);
  const durationMs = Math.round(performance.now() - started);
  const base = { backend: 'tla-checker' as const, version: TLA_CHECKER_VERSION, module: ctx.module, config: ctx.config, durationMs };
  if (!reply) return { ...base, verdict: { kind: 'timeout', afterMs: timeoutMs } };
  if (!reply.ok) return { ...base, verdict: { kind: 'crashed', message: reply.error } };
  const raw = JSON.parse(reply.json) as RawResult;
  return { ...base, verdict: verdictOf(raw, cfg, spec, ctx.module), counts: { distinct: raw.states_explored }, ...(raw.success ? {} : { rawTail: reply.json.slice(-4000) }) };
}

/** Deadlock is checked unless the cfg says `CHECK_DEADLOCK FALSE`. */
export function cfgChecksDeadlock(cfg: string): boolean {
  return !/^\s*CHECK_DEADLOCK\s+FALSE\s*$/m.test(cfg);
}

export function cfgProperties(cfg: string): string[] {
  return [...cfg.matchAll(/^\s*PROPERT(?:Y|IES)\s+(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
}

/** Invariants in cfg order: tla-checker names a violated invariant by its index among them. */
export function cfgInvariants(cfg: string): string[] {
  return [...cfg.matchAll(/^\s*INVARIANTS?\s+(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/\s+/));
}

function verdictOf(raw: RawResult, cfg: string, spec: string, module: string): Verdict {
  if (raw.success) return { kind: 'passed' };
  const trace = parseTrace(raw.trace?.[0] ?? '');
  const msg = raw.error_message ?? '';
  switch (raw.error_type) {
    case 'LivenessViolation':
    case 'PropertyViolation': {
      // Two traces: the path, then the cycle, which starts at the path's last state and returns
      // to it. Joined as TLC shows a lasso: the last state's successor is state `loopsTo`.
      const cycle = parseTrace(raw.trace?.[1] ?? '');
      const props = cfgProperties(cfg);
      const joinsPath = cycle.length > 0 && trace.length > 0 && sameState(cycle[0]!, trace.at(-1)!);
      const rest = (joinsPath ? cycle.slice(1) : cycle).map((s, i) => ({ ...s, index: trace.length + i + 1 }));
      return {
        kind: 'property',
        ...(props.length === 1 ? { name: props[0]! } : {}),
        trace: [...trace, ...rest],
        loopsTo: joinsPath ? trace.length : trace.length + 1,
        stuttering: cycle.length <= 1,
      };
    }
    case 'MaxStatesExceeded':
    case 'MaxDepthExceeded':
      return { kind: 'crashed', message: `tla-checker stopped early: ${raw.error_type} (${msg})` };
    case 'InvariantViolation': {
      const idx = /Invariant (\d+) violated/.exec(msg);
      const name = idx ? cfgInvariants(cfg)[Number(idx[1])] ?? `#${idx[1]}` : /Invariant (\w+)/.exec(msg)?.[1] ?? '?';
      return { kind: 'invariant', name, initial: trace.length <= 1, trace };
    }
    case 'Deadlock': return { kind: 'deadlock', trace };
    case 'ParseError': {
      // Byte offsets, not line/column: convert against the spec text.
      const at = /span: Some\(Span \{ start: (\d+), end: (\d+) \}\)/.exec(msg);
      const loc = at ? { module, ...lineCol(spec, Number(at[1])), ...endLineCol(spec, Number(at[2])) } : undefined;
      return { kind: 'parseError', message: /message: "((?:[^"\\]|\\.)*)"/.exec(msg)?.[1] ?? msg, ...(loc ? { location: loc } : {}) };
    }
    case 'ConfigError':
    case 'MissingConstants':
    case 'OptionsError':
      return { kind: 'configError', message: `${raw.error_type}: ${msg}` };
    case 'NextError':
    case 'InitError':
    case 'InvariantError': {
      const assert = /^Assertion failed: "((?:[^"\\]|\\.)*)"/.exec(msg);
      if (assert) return { kind: 'assert', message: assert[1]!, trace };
      return { kind: 'evalError', message: msg, stack: [], trace };
    }
    default:
      return { kind: 'crashed', message: `${raw.error_type}: ${msg}` };
  }
}

function lineCol(text: string, offset: number): { startLine: number; startCol: number } {
  const before = Buffer.from(text).subarray(0, offset).toString();
  const lines = before.split('\n');
  return { startLine: lines.length, startCol: lines[lines.length - 1]!.length + 1 };
}
function endLineCol(text: string, offset: number): { endLine: number; endCol: number } {
  const { startLine, startCol } = lineCol(text, offset);
  return { endLine: startLine, endCol: Math.max(1, startCol - 1) };
}

function sameState(a: TraceState, b: TraceState): boolean {
  const keys = Object.keys(a.vars);
  return keys.length === Object.keys(b.vars).length && keys.every((k) => a.vars[k] === b.vars[k]);
}

/** `State 0\n  x = 1\n  y = 2\nState 1\n...` → states (1-based, like TLC). */
export function parseTrace(text: string): TraceState[] {
  const states: TraceState[] = [];
  for (const block of text.split(/^State \d+\s*$/m).slice(1)) {
    const vars: Record<string, string> = {};
    let last: string | undefined;
    for (const line of block.split('\n')) {
      const m = /^ {2}([A-Za-z_]\w*) = (.*)$/.exec(line);
      if (m) { last = m[1]!; vars[last] = m[2]!; } else if (last && line.trim()) vars[last] += ` ${line.trim()}`;
    }
    states.push({ index: states.length + 1, vars });
  }
  return states;
}
