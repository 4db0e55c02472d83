/**
 * What tla-checker leaves out of a counterexample, recovered with its exploration API:
 *
 * - Each step's action and parameters. Its traces list states only, so the trace is replayed
 *   under an instrumented next-state relation: every action of the IR (and `Terminating`),
 *   instantiated over its parameters as in `Next`, also sets an extra variable to
 *   `<<"Action", <<args>>>>`. The successor that matches the trace's next state says exactly
 *   which action fired with which arguments.
 * - Where an evaluation error or a failed assert happened. It reports only the message (for an
 *   assert, its name, which several steps may share). Candidates: each process's next step
 *   (from `pc`, with `self`, under the name the module prints it as, bound to the process), each
 *   action without parameters, and each invariant. Their sub-expressions (from the emitted
 *   spans, innermost first, none with a primed variable) are evaluated in the last state; the
 *   first that fails with the same message is the location. Actions with parameters are not
 *   tried (their values are not known).
 *
 * All calls go to one worker session (dsl/check/tla-checker-session.ts), usually the warm one its check ran in.
 */
import type * as ir from '../ir/nodes.js';
import { emitCfg } from '../emit/cfg.js';
import { actionParamNames, globalNames } from '../emit/module.js';
import { GENERATED } from '../lower/names.js';
import { ExprPrinter, Scope } from '../emit/expr.js';
import { Writer } from '../emit/writer.js';
import type { CheckJob } from './checker.js';
import { withSession, type TlaCheckerSession } from './tla-checker-session.js';
import type { CheckResult, TlaLocation, TraceState, Verdict } from './result.js';
import { functionEntries, parseValue, showValue } from './values.js';

interface ExploredState { readonly display: Record<string, string>; readonly json: Record<string, unknown> }
interface InitReply { readonly ok: boolean; readonly states?: readonly ExploredState[] }
interface Transition { readonly state: ExploredState }
interface NextReply { readonly ok: boolean; readonly transitions?: readonly Transition[] }
interface EvalReply { readonly ok: boolean; readonly error?: string }

const CALL_TIMEOUT_MS = 30_000;
/** The replay's extra variable and next-state relation; they exist only in its private copy of the module. */
const TAG = 'zt_replay_step';
const REPLAY_NEXT = 'ZtReplayNext';

/** `result` with every step's action and parameters (and a failure's location) filled in where found; unchanged otherwise. */
export async function recoverTrace(result: CheckResult, job: CheckJob, signal?: AbortSignal): Promise<CheckResult> {
  const v = result.verdict;
  if (!('trace' in v) || v.trace.length === 0) return result;
  const needsActions = v.trace.length >= 2;
  const needsLocation = (v.kind === 'evalError' && v.stack.length === 0) || (v.kind === 'assert' && !v.location);
  if (!needsActions && !needsLocation) return result;
  return withSession(signal, (session) => replayIn(session, result, v, needsLocation, job));
}

/** The replay of `recoverTrace`, its calls in `session`. */
async function replayIn(session: TlaCheckerSession, result: CheckResult, v: Extract<Verdict, { trace: unknown }>, needsLocation: boolean, job: CheckJob): Promise<CheckResult> {
  const explore = async <T extends { ok: boolean }>(call: string, args: readonly string[]): Promise<T | undefined> => {
    const reply = await session.call(call, args, CALL_TIMEOUT_MS);
    if (!reply?.ok) return undefined;
    const r = JSON.parse(reply.json) as T;
    return r.ok ? r : undefined;
  };
  const init = await explore<InitReply>('explore_init', [job.tla, job.cfg, '{}']);
  let current: ExploredState | undefined = init?.states?.find((s) => matches(s, v.trace[0]!));
  if (!current) return result;
  const replay = replayModule(job);
  const trace: TraceState[] = [v.trace[0]!];
  for (const s of v.trace.slice(1)) {
    const next: NextReply | undefined = current ? await explore<NextReply>('explore_next', [replay.tla, replay.cfg, '{}', JSON.stringify({ ...current.json, [TAG]: 0 })]) : undefined;
    const hit: Transition | undefined = next?.transitions?.find((t) => matches(t.state, s));
    trace.push(hit && !s.action ? { ...s, action: actionOf(hit.state.display[TAG], job) } : s);
    current = hit && { display: hit.state.display, json: Object.fromEntries(Object.entries(hit.state.json).filter(([k]) => k !== TAG)) };
  }
  const verdict = { ...v, trace } as Verdict;
  if (needsLocation && current && (verdict.kind === 'evalError' || verdict.kind === 'assert')) {
    const state = JSON.stringify(current.json);
    // The same failure: the evaluation error's message, or this assert failing.
    const same = verdict.kind === 'evalError' ? (e: string) => e === verdict.message.trim() : (e: string) => e.startsWith(`Assertion failed: ${JSON.stringify(verdict.message)}`);
    const fails = async (expr: string) => {
      const error = (await session.call('explore_eval', [job.tla, job.cfg, '{}', state, expr], CALL_TIMEOUT_MS).then((r) => (r?.ok ? (JSON.parse(r.json) as EvalReply) : undefined)))?.error;
      return error !== undefined && same(error);
    };
    const at = await locateFailure(job, trace.at(-1)!, fails);
    if (at) return { ...result, verdict: verdict.kind === 'evalError' ? { ...verdict, stack: [at] } : { ...verdict, location: at } };
  }
  return { ...result, verdict };
}

/**
 * A private copy of the module for the replay: one more variable, and a next-state relation in
 * which each action (and `Terminating`) also records `<<name, <<args>>>>` in it.
 */
function replayModule(job: CheckJob): { tla: string; cfg: string } {
  const m = job.module;
  const names = m.variables.map((v) => v.name).join(', ');
  const declared = `VARIABLES ${names}\n`;
  if (!job.tla.includes(declared)) throw new Error(`internal: no '${declared.trim()}' line in ${m.name}.tla`);
  const tag = (name: string, args: readonly ir.Expr[]): ir.Expr => ({
    kind: 'infix', op: '=', left: { kind: 'prime', operand: { kind: 'ref', name: TAG } }, right: { kind: 'tuple', elements: [{ kind: 'str', value: name }, { kind: 'tuple', elements: args }] },
  });
  const disjuncts: ir.Expr[] = m.actions.map((a) => {
    const call: ir.Expr = { kind: 'call', op: a.name, args: a.params.map((p) => ({ kind: 'bound', binder: p.binder })) };
    const body: ir.Expr = { kind: 'and', operands: [call, tag(a.name, a.params.map((p) => ({ kind: 'bound', binder: p.binder })))] };
    return a.params.reduceRight<ir.Expr>((inner, p) => ({ kind: 'quant', quantifier: '\\E', binder: p.binder, set: p.set, body: inner }), body);
  });
  if (m.processes?.length) disjuncts.push({ kind: 'and', operands: [{ kind: 'ref', name: GENERATED.terminating }, tag(GENERATED.terminating, [])] });
  const taken = new Set([...globalNames(m), TAG, REPLAY_NEXT]);
  const w = new Writer(false);
  w.write(`${REPLAY_NEXT} ==`);
  w.newline(3);
  new ExprPrinter(w, REPLAY_NEXT, new Scope(taken)).block({ kind: 'or', operands: disjuncts });
  const end = job.tla.lastIndexOf('\n====');
  const tla = `${job.tla.slice(0, end).replace(declared, `VARIABLES ${names}, ${TAG}\n`)}\n\n${w.toString()}\n${job.tla.slice(end)}`;
  return { tla, cfg: emitCfg(m, job.config, { initNext: [GENERATED.init, REPLAY_NEXT] }) };
}

/** `<<"Acquire", <<t1>>>>` → `Acquire` with `{ self: 't1' }` and its TLA+ location (exported for its tests: a tag that is not one gives undefined). */
export function actionOf(tagText: string | undefined, job: CheckJob): TraceState['action'] {
  const tag = tagText === undefined ? undefined : parseValue(tagText);
  if (tag?.k !== 'seq' || tag.items.length !== 2) return undefined;
  const name = showValue(tag.items[0]!.text);
  const args = tag.items[1]!;
  const a = job.module.actions.find((x) => x.name === name);
  const values = args.k === 'seq' ? args.items.map((i) => i.text) : [];
  const params = a && values.length === a.params.length ? Object.fromEntries(a.params.map((p, i) => [p.binder.hint, values[i]!])) : {};
  const def = job.spans.find((e) => e.kind === 'definition' && e.definition === name);
  const location: TlaLocation | undefined = def && { module: job.module.name, startLine: def.tla.start.line, startCol: def.tla.start.col, endLine: def.tla.end.line, endCol: def.tla.end.col };
  return { name, ...(Object.keys(params).length ? { params } : {}), ...(location ? { location } : {}) };
}

/** The innermost expression of a candidate step or invariant that fails as the checker did. */
async function locateFailure(ctx: CheckJob, last: TraceState, fails: (expr: string) => Promise<boolean>): Promise<TlaLocation | undefined> {
  const lines = ctx.tla.split('\n');
  const candidates: { definition: string; bind: string }[] = [];
  for (const [id, label] of functionEntries(last.vars.pc ?? '') ?? []) {
    const a = ctx.module.actions.find((x) => x.label === showValue(label.text) && x.process !== undefined);
    // Bound under the name the module prints it as (`self2` beside a variable or LET `self`).
    const self = a && actionParamNames(ctx.module, a)[0];
    if (a && self) candidates.push({ definition: a.name, bind: `LET ${self} == ${showValue(id)} IN ` });
  }
  for (const a of ctx.module.actions) if (a.process === undefined && a.params.length === 0) candidates.push({ definition: a.name, bind: '' });
  for (const d of ctx.module.definitions) if (d.role === 'invariant') candidates.push({ definition: d.name, bind: '' });
  for (const c of candidates) {
    const spans = ctx.spans
      .filter((e) => e.kind === 'expr' && e.definition === c.definition)
      .map((e) => ({ e, text: cut(lines, e.tla.start, e.tla.end) }))
      .filter(({ text }) => !text.includes("'") && !/\bUNCHANGED\b/.test(text))
      .sort((a, b) => a.text.length - b.text.length);
    for (const { e, text } of spans) {
      if (await fails(`${c.bind}(${text})`)) {
        return { module: ctx.module.name, startLine: e.tla.start.line, startCol: e.tla.start.col, endLine: e.tla.end.line, endCol: e.tla.end.col };
      }
    }
  }
  return undefined;
}

/** The text between two 1-based positions (end column inclusive). */
function cut(lines: readonly string[], start: { line: number; col: number }, end: { line: number; col: number }): string {
  if (start.line === end.line) return lines[start.line - 1]!.slice(start.col - 1, end.col);
  return [lines[start.line - 1]!.slice(start.col - 1), ...lines.slice(start.line, end.line - 1), lines[end.line - 1]!.slice(0, end.col)].join('\n');
}

const norm = (t: string) => t.replace(/\s+/g, ' ').trim();

function matches(s: ExploredState, t: TraceState): boolean {
  const keys = Object.keys(t.vars);
  return keys.length === Object.keys(s.display).filter((k) => k !== TAG).length && keys.every((k) => s.display[k] !== undefined && norm(s.display[k]!) === norm(t.vars[k]!));
}
