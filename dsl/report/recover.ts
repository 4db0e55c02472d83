/**
 * tla-checker's counterexamples list states without the actions between them. Its exploration
 * API does name actions, so the trace is replayed: from the initial state matching state 1, take
 * the successor matching state 2, and so on, reading each transition's action name. Parameters
 * are not reported by that API; `explain` still finds the process that moved from `pc`.
 */
import { callInWorker } from '../check/tla-checker.js';
import type { CheckResult, TraceState } from '../check/result.js';

interface ExploredState { readonly display: Record<string, string>; readonly json: unknown }
interface InitReply { readonly ok: boolean; readonly states?: readonly ExploredState[] }
/** `action` is the disjunct of Next that fired, `null` when tla-checker cannot name it. */
interface Transition { readonly action: string | null; readonly state: ExploredState }
interface NextReply { readonly ok: boolean; readonly transitions?: readonly Transition[] }

const CALL_TIMEOUT_MS = 30_000;

/** `result` with action names filled in where the replay finds them; unchanged otherwise. */
export async function recoverActions(result: CheckResult, spec: string, cfg: string): Promise<CheckResult> {
  const v = result.verdict;
  if (result.backend !== 'tla-checker' || !('trace' in v) || v.trace.length < 2 || v.trace.some((s) => s.action)) return result;
  const init = await explore<InitReply>('explore_init', [spec, cfg, '{}']);
  let current: ExploredState | undefined = init?.states?.find((s) => matches(s, v.trace[0]!));
  if (!current) return result;
  const trace: TraceState[] = [v.trace[0]!];
  for (const s of v.trace.slice(1)) {
    const next: NextReply | undefined = current ? await explore<NextReply>('explore_next', [spec, cfg, '{}', JSON.stringify(current.json)]) : undefined;
    const hit: Transition | undefined = next?.transitions?.find((t) => matches(t.state, s));
    trace.push(typeof hit?.action === 'string' ? { ...s, action: { name: hit.action } } : s);
    current = hit?.state;
  }
  return { ...result, verdict: { ...v, trace } as typeof v };
}

async function explore<T extends { ok: boolean }>(call: string, args: readonly string[]): Promise<T | undefined> {
  const reply = await callInWorker(call, args, CALL_TIMEOUT_MS);
  if (!reply?.ok) return undefined;
  const parsed = JSON.parse(reply.json) as T;
  return parsed.ok ? parsed : undefined;
}

const norm = (t: string) => t.replace(/\s+/g, ' ').trim();

function matches(s: ExploredState, t: TraceState): boolean {
  const keys = Object.keys(t.vars);
  return keys.length === Object.keys(s.display).length && keys.every((k) => s.display[k] !== undefined && norm(s.display[k]!) === norm(t.vars[k]!));
}
