/**
 * The tla-checker backend: the independent WebAssembly checker, run exhaustively in a worker
 * thread. Everything it leaves out of a result (each step's action and parameters, where an
 * evaluation error or failed assert happened) is recovered here, in its adapter, by replaying
 * the counterexample (tla-checker-recover.ts), so callers get a complete `CheckResult`.
 */
import type { Checker, CheckJob, CheckOptions } from './checker.js';
import { placeText, type CheckResult, type TraceState, type Verdict } from './result.js';
import { callInWorker, TLA_CHECKER_VERSION } from './tla-checker-session.js';
import { recoverTrace } from './tla-checker-recover.js';
import { cfgFacts, type CfgFacts } from './cfg-facts.js';
import type * as ir from '../ir/nodes.js';
import { bareName, exprNodes } from '../ir/walk.js';
import { assumptionSpan } from '../emit/module.js';
import { emitCfg } from '../emit/cfg.js';

export const tlaChecker: Checker = {
  name: 'tla-checker',
  embedded: true,
  available: async () => ({ ok: true, version: TLA_CHECKER_VERSION, detail: `tla-checker ${TLA_CHECKER_VERSION} (embedded WebAssembly)` }),
  refuses: (job) => {
    const qualified = (e: ir.Expr) => (e.kind === 'ref' && e.name.includes('!')) || (e.kind === 'call' && e.op.includes('!'));
    const viaInstance = [...job.config.invariants, ...job.config.properties].filter((p) => definitionUses(job.module, p, qualified));
    if (viaInstance.length) return `tla-checker does not read INSTANCE (${viaInstance.join(', ')} refer to another model's module): use --backend tlc`;
    const actionProps = job.config.properties.filter((p) => definitionUses(job.module, p, (e) => e.kind === 'boxAction'));
    if (actionProps.length) return `tla-checker does not check action properties ([][A]_v) as a PROPERTY (${actionProps.join(', ')}): use --backend tlc or compiled`;
    const otherShapes = job.config.properties.filter((p) => !checkableShape(job.module, { kind: 'ref', name: p }));
    return otherShapes.length ? `tla-checker ${TLA_CHECKER_VERSION} checks PROPERTY formulas built from <>P, []<>P, <>[]P and P ~> Q (P, Q state predicates) with /\\ and \\A only (${otherShapes.join(', ')} is not; e.g. []P is an invariant): use --backend tlc, or compiled for []P, [](P => <>Q) and F => G of []<>/<>[]` : undefined;
  },
  async check(job: CheckJob, o: CheckOptions = {}): Promise<CheckResult> {
    // Never an exhaustive pass in place of what was asked for.
    const unsupported = o.simulate ? 'tla-checker has no simulation mode: use --backend tlc or compiled' : o.distributed ? 'distributed checking is TLC\'s: use --backend tlc' : undefined;
    if (unsupported) return { backend: 'tla-checker', version: TLA_CHECKER_VERSION, module: job.module.name, config: job.config.name, durationMs: 0, verdict: { kind: 'crashed', message: unsupported } };
    const ctx = { module: job.module.name, config: job.config.name };
    const chosen = { ...job, ...onlyChosenSpec(job) };
    let result: CheckResult;
    const constrained = constrainedJob(chosen);
    if (constrained) {
      // TLC's semantics of CONSTRAINT (see constrainedJob); the distinct states are counted as
      // TLC counts them, by a run of the job as written, when the constrained run passes.
      result = await runTlaChecker(constrained.tla, constrained.cfg, cfgFacts(job.config), ctx, o);
      if (result.verdict.kind === 'passed' && !o.signal?.aborted) {
        const counted = await runTlaChecker(chosen.tla, chosen.cfg, cfgFacts(job.config), ctx, o);
        result = counted.verdict.kind === 'passed' ? { ...counted, durationMs: result.durationMs + counted.durationMs } : counted;
      }
    } else result = await runTlaChecker(chosen.tla, chosen.cfg, cfgFacts(job.config), ctx, o);
    if (o.signal?.aborted) return result;
    return tlcValues(falseAssumption(result, chosen) ?? await recoverTrace(result, chosen, o.signal));
  },
};

/**
 * The module and cfg with every definition whose name ends in `Spec`, other than the spec the
 * config chooses, renamed to end in `SpeC` (same length: every location stays put).
 * tla-checker takes fairness from every `*Spec` definition, not only the cfg's SPECIFICATION
 * (a safety-only spec beside a fair `Spec` would be checked with `Spec`'s fairness; a property
 * named `TDSpec` would join the specification).
 */
export function onlyChosenSpec(job: Pick<CheckJob, 'module' | 'config' | 'tla' | 'cfg'>): { tla: string; cfg: string } {
  const chosen = job.config.spec ?? 'Spec';
  const others = ['Spec', ...(job.module.specs ?? []).map((s) => s.name), ...job.module.definitions.map((d) => d.name)]
    .filter((n) => n.endsWith('Spec') && n !== chosen);
  if (!others.length) return { tla: job.tla, cfg: job.cfg };
  const word = new RegExp(`(?<![!\\w])(${[...new Set(others)].join('|')})\\b`, 'g');
  const rename = (text: string) => text.replace(word, (n) => `${n.slice(0, -1)}C`);
  return { tla: rename(job.tla), cfg: rename(job.cfg) };
}

const temporalNode = (node: ir.Expr): boolean =>
  (node.kind === 'builtin' && (node.op === '[]' || node.op === '<>')) || (node.kind === 'infix' && node.op === '~>') || node.kind === 'fair' || node.kind === 'boxAction';
const isTemporal = (m: CheckJob['module'], e: ir.Expr): boolean => uses(m, e, m.loc, temporalNode);

/**
 * Whether `e` is a temporal formula tla-checker evaluates as TLC does: `/\` and `\A` of `<>P`,
 * `[]<>P`, `<>[]P`, `P ~> Q` with P and Q state predicates. Others it rejects at run time
 * (`[]P` alone, `[](P => []P)`) or gets wrong (`(\A i : []<>P(i)) ~> Q`).
 */
function checkableShape(m: CheckJob['module'], e: ir.Expr): boolean {
  const state = (x: ir.Expr) => !isTemporal(m, x);
  const unary = (x: ir.Expr, op: '[]' | '<>') => x.kind === 'builtin' && x.op === op ? x.args[0]! : undefined;
  switch (e.kind) {
    case 'and': return e.operands.every((x) => checkableShape(m, x));
    case 'quant': return e.quantifier === '\\A' && checkableShape(m, e.body);
    case 'infix': return e.op === '~>' && state(e.left) && state(e.right);
    case 'ref': case 'call': {
      const name = bareName(e);
      const d = name === undefined ? undefined : m.definitions.find((x) => x.name === name && !x.params.length);
      return d !== undefined && checkableShape(m, d.body);
    }
    case 'builtin': {
      const inner = unary(e, '<>') ?? unary(e, '[]');
      if (inner === undefined) return false;
      const nested = unary(inner, e.op === '<>' ? '[]' : '<>');
      if (nested !== undefined) return state(nested);
      return e.op === '<>' && state(inner);
    }
    default: return false;
  }
}

/** Whether definition `name`'s body, or a definition it refers to, has a node `pred` holds for. */
export function definitionUses(m: CheckJob['module'], name: string, pred: (e: ir.Expr) => boolean): boolean {
  return uses(m, { kind: 'ref', name }, m.loc, pred);
}

/** Whether `e`, or a definition it refers to (each looked into once), has a node `pred` holds for. */
function uses(m: CheckJob['module'], e: ir.Expr, loc: ir.SourceLoc, pred: (e: ir.Expr) => boolean, seen = new Set<string>()): boolean {
  for (const { node } of exprNodes(e, loc)) {
    if (pred(node)) return true;
    const name = node.kind === 'ref' ? node.name : node.kind === 'call' ? node.op : undefined;
    const d = name === undefined || seen.has(name) ? undefined : m.definitions.find((x) => x.name === name);
    if (!d) continue;
    seen.add(d.name);
    if (uses(m, d.body, d.loc, pred, seen)) return true;
  }
  return false;
}

/** The next-state relation of a constrained job's module, as tla-checker is given it. */
export const CONSTRAINED_NEXT = 'ZswapTlaConstrainedNext';

/**
 * A CONSTRAINT, as TLC applies it: a successor that violates it is neither explored nor counted,
 * but the invariants are checked on it (tlc2.tool.Worker#addElement; the compiled verifier does
 * the same). tla-checker does not check invariants on such a state, so a TypeOK bound set too
 * low passed there and failed on TLC (test/constraint-gap.test.ts). Here it is given the module
 * with `Next` restricted to the states inside the constraint, and a stutter outside it:
 * `(C /\ Next) \/ (~C /\ UNCHANGED vars)`, with `INIT`/`NEXT` and no CONSTRAINT in its cfg —
 * every successor is checked, only those inside C are explored, and one outside is no deadlock.
 * Only for configs without temporal properties (the stutter would change their meaning); the
 * extra definition comes after the module's text, so every TLA+ location stays where it was.
 */
export function constrainedJob(job: CheckJob): { tla: string; cfg: string } | undefined {
  const c = job.config;
  if (!c.constraints.length || c.properties.length) return undefined;
  const inside = c.constraints.join(' /\\ ');
  const def = [
    `${CONSTRAINED_NEXT} ==`,
    `  \\/ ${inside} /\\ Next`,
    `  \\/ ~(${inside}) /\\ UNCHANGED vars`,
    '',
    '',
  ].join('\n');
  const end = job.tla.lastIndexOf('\n====');
  if (end < 0) return undefined;
  return {
    tla: `${job.tla.slice(0, end + 1)}${def}${job.tla.slice(end + 1)}`,
    cfg: emitCfg(job.module, { ...c, constraints: [] }, { initNext: ['Init', CONSTRAINED_NEXT] }),
  };
}

/**
 * tla-checker says `Assume N violated` (the N-th ASSUME, from 0): said as TLC says it, with the
 * location of that assumption's formula in the emitted module.
 */
function falseAssumption(result: CheckResult, job: CheckJob): CheckResult | undefined {
  const n = result.verdict.kind === 'evalError' ? /^Assume (\d+) violated$/.exec(result.verdict.message)?.[1] : undefined;
  if (n === undefined) return undefined;
  const d = job.module.definitions.filter((x) => x.role === 'assumption')[Number(n)];
  const span = d && assumptionSpan(d, job.spans);
  const at = span && { module: job.module.name, startLine: span.tla.start.line, startCol: span.tla.start.col, endLine: span.tla.end.line, endCol: span.tla.end.col };
  const where = at ? placeText(at) : `number ${n} of module ${job.module.name}`;
  return { ...result, verdict: { kind: 'evalError', message: `Assumption ${where} is false.`, stack: at ? [at] : [], trace: [] } };
}

interface RawResult {
  success: boolean;
  error_type: string | null;
  error_message: string | null;
  states_explored: number;
  trace: string[] | null;
  warnings: string[];
}

/** tla-checker's largest accepted limits: its defaults (1e6 states, depth 100) would cut the search. */
const UNLIMITED = 4294967295;

/** Check a module with tla-checker: exhaustively, deadlock per the cfg. `facts` say what the cfg checks. */
export async function runTlaChecker(spec: string, cfg: string, facts: CfgFacts, ctx: { module: string; config: string }, o: Pick<CheckOptions, 'timeoutMs' | 'maxStates' | 'signal'> = {}): Promise<CheckResult> {
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  const started = performance.now();
  const options = {
    cfg_source: cfg,
    max_states: o.maxStates ?? UNLIMITED,
    max_depth: UNLIMITED,
    allow_deadlock: !facts.checkDeadlock,
  };
  const reply = await callInWorker('check_spec_with_options', [spec, JSON.stringify(options)], timeoutMs, o.signal);
  const durationMs = Math.round(performance.now() - started);
  const base = { backend: 'tla-checker' as const, version: TLA_CHECKER_VERSION, module: ctx.module, config: ctx.config, durationMs };
  if (!reply) return { ...base, verdict: o.signal?.aborted ? { kind: 'crashed', message: 'interrupted' } : { kind: 'timeout', afterMs: timeoutMs } };
  if (!reply.ok) return { ...base, verdict: { kind: 'crashed', message: reply.error } };
  const raw = JSON.parse(reply.json) as RawResult;
  return { ...base, verdict: verdictOf(raw, facts, spec, ctx.module), counts: { distinct: raw.states_explored }, ...(raw.success ? {} : { rawTail: reply.json.slice(-4000) }) };
}

function verdictOf(raw: RawResult, facts: CfgFacts, spec: string, module: string): Verdict {
  if (raw.success) return { kind: 'passed' };
  const trace = parseTrace(raw.trace?.[0] ?? '');
  const msg = raw.error_message ?? '';
  switch (raw.error_type) {
    case 'LivenessViolation':
    case 'PropertyViolation': {
      // Two traces: the path, then the cycle, which starts at the path's last state and returns
      // to it. Joined as TLC shows a lasso: the last state's successor is state `loopsTo`.
      const cycle = parseTrace(raw.trace?.[1] ?? '');
      const props = facts.properties;
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
      const name = idx ? facts.invariants[Number(idx[1])] ?? `#${idx[1]}` : /Invariant (\w+)/.exec(msg)?.[1] ?? '?';
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
    case 'AssumeViolation': return { kind: 'evalError', message: msg, stack: [], trace: [] };
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
/** TLC's `TRUE`/`FALSE` for tla-checker's `true`/`false` (which it prints inside functions and records), strings left alone. */
function tlcBooleans(value: string): string {
  return value.replace(/"(?:[^"\\]|\\.)*"|\b(true|false)\b/g, (m, b?: string) => (b ? b.toUpperCase() : m));
}

/** The trace's values as TLC prints them: after the replay, which matches tla-checker's own text. */
function tlcValues(result: CheckResult): CheckResult {
  const v = result.verdict;
  if (!('trace' in v)) return result;
  const trace = v.trace.map((s) => ({ ...s, vars: Object.fromEntries(Object.entries(s.vars).map(([k, x]) => [k, tlcBooleans(x)])) }));
  return { ...result, verdict: { ...v, trace } as typeof v };
}

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
