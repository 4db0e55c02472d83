/**
 * What tla-checker leaves out of a counterexample, recovered with its exploration API:
 *
 * - Actions. Its traces list states without the actions between them, so the trace is replayed:
 *   from the initial state matching state 1, take the successor matching state 2, and so on,
 *   reading each transition's action name. Parameters are not reported by that API; `explain`
 *   still finds the process that moved from `pc`.
 * - Where an evaluation error or a failed assert happened. It reports only the message (for an
 *   assert, its name, which several steps may share). Candidates: each process's next step
 *   (from `pc`, with `self` bound to the process), each action without parameters, and each
 *   invariant. Their sub-expressions (from the source map, innermost first, none with a primed
 *   variable) are evaluated in the last state; the first that fails with the same message is
 *   the location. Actions with parameters are not tried (their values are not known).
 *
 * All calls go to one worker (one WebAssembly load per replay).
 */
import type * as ir from '../ir/nodes.js';
import { TlaCheckerSession } from '../check/tla-checker.js';
import type { CheckResult, TlaLocation, TraceState, Verdict } from '../check/result.js';
import type { SourceMap } from '../map/sourcemap.js';
import { functionEntries, showValue } from './values.js';

interface ExploredState { readonly display: Record<string, string>; readonly json: unknown }
interface InitReply { readonly ok: boolean; readonly states?: readonly ExploredState[] }
/** `action` is the disjunct of Next that fired, `null` when tla-checker cannot name it. */
interface Transition { readonly action: string | null; readonly state: ExploredState }
interface NextReply { readonly ok: boolean; readonly transitions?: readonly Transition[] }
interface EvalReply { readonly ok: boolean; readonly error?: string }

const CALL_TIMEOUT_MS = 30_000;

/** To locate evaluation errors: the module's source map and IR. */
export interface RecoverContext { readonly map: SourceMap; readonly module: ir.Module }

/** `result` with action names (and an evaluation error's location) filled in where found; unchanged otherwise. */
export async function recoverActions(result: CheckResult, spec: string, cfg: string, ctx?: RecoverContext): Promise<CheckResult> {
  const v = result.verdict;
  if (result.backend !== 'tla-checker' || !('trace' in v) || v.trace.length === 0) return result;
  const needsActions = v.trace.length >= 2 && !v.trace.some((s) => s.action);
  const needsLocation = ctx !== undefined && ((v.kind === 'evalError' && v.stack.length === 0) || (v.kind === 'assert' && !v.location));
  if (!needsActions && !needsLocation) return result;
  const session = new TlaCheckerSession();
  try {
    const explore = async <T extends { ok: boolean }>(call: string, args: readonly string[]): Promise<T | undefined> => {
      const reply = await session.call(call, args, CALL_TIMEOUT_MS);
      if (!reply?.ok) return undefined;
      return JSON.parse(reply.json) as T;
    };
    const ok = <T extends { ok: boolean }>(r: T | undefined) => (r?.ok ? r : undefined);
    const init = ok(await explore<InitReply>('explore_init', [spec, cfg, '{}']));
    let current: ExploredState | undefined = init?.states?.find((s) => matches(s, v.trace[0]!));
    if (!current) return result;
    const trace: TraceState[] = [v.trace[0]!];
    for (const s of v.trace.slice(1)) {
      const next: NextReply | undefined = current ? ok(await explore<NextReply>('explore_next', [spec, cfg, '{}', JSON.stringify(current.json)])) : undefined;
      const hit: Transition | undefined = next?.transitions?.find((t) => matches(t.state, s));
      trace.push(typeof hit?.action === 'string' && !s.action ? { ...s, action: { name: hit.action } } : s);
      current = hit?.state;
    }
    const verdict = { ...v, trace } as Verdict;
    if (needsLocation && current && (verdict.kind === 'evalError' || verdict.kind === 'assert')) {
      const state = JSON.stringify(current.json);
      // The same failure: the evaluation error's message, or this assert failing.
      const same = verdict.kind === 'evalError' ? (e: string) => e === verdict.message.trim() : (e: string) => e.startsWith(`Assertion failed: ${JSON.stringify(verdict.message)}`);
      const fails = async (expr: string) => {
        const error = (await explore<EvalReply>('explore_eval', [spec, cfg, '{}', state, expr]))?.error;
        return error !== undefined && same(error);
      };
      const at = await locateFailure(spec, trace.at(-1)!, ctx!, fails);
      if (at) return { ...result, verdict: verdict.kind === 'evalError' ? { ...verdict, stack: [at] } : { ...verdict, location: at } };
    }
    return { ...result, verdict };
  } finally {
    await session.close();
  }
}

/** The innermost expression of a candidate step or invariant that fails as the checker did. */
async function locateFailure(spec: string, last: TraceState, ctx: RecoverContext, fails: (expr: string) => Promise<boolean>): Promise<TlaLocation | undefined> {
  const lines = spec.split('\n');
  const candidates: { definition: string; bind: string }[] = [];
  for (const [id, label] of functionEntries(last.vars.pc ?? '') ?? []) {
    const a = ctx.module.actions.find((x) => x.label === showValue(label.text) && x.process !== undefined);
    const self = a?.params[0]?.binder.hint;
    if (a && self) candidates.push({ definition: a.name, bind: `LET ${self} == ${showValue(id)} IN ` });
  }
  for (const a of ctx.module.actions) if (a.process === undefined && a.params.length === 0) candidates.push({ definition: a.name, bind: '' });
  for (const d of ctx.module.definitions) if (d.role === 'invariant') candidates.push({ definition: d.name, bind: '' });
  for (const c of candidates) {
    const spans = ctx.map.entries
      .filter((e) => e.kind === 'expr' && e.definition === c.definition)
      .map((e) => ({ e, text: cut(lines, e.tla.start, e.tla.end) }))
      .filter(({ text }) => !text.includes("'") && !/\bUNCHANGED\b/.test(text))
      .sort((a, b) => a.text.length - b.text.length);
    for (const { e, text } of spans) {
      if (await fails(`${c.bind}(${text})`)) {
        return { module: ctx.map.module, startLine: e.tla.start.line, startCol: e.tla.start.col, endLine: e.tla.end.line, endCol: e.tla.end.col };
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
  return keys.length === Object.keys(s.display).length && keys.every((k) => s.display[k] !== undefined && norm(s.display[k]!) === norm(t.vars[k]!));
}
