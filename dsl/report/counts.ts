/**
 * State counts as reporters show them. tla-checker reports 0 states explored when it stops on a
 * failed assert or an evaluation error inside a step; a count below the trace's length is not a
 * count, so it is shown as unknown rather than as `0 distinct`. A violation found by several TLC
 * workers (or distributed TLC) stops at a point that depends on their order: its count is shown
 * as varying, never as one stable number. A simulation counts traces, not distinct states.
 */
import type { CheckResult } from '../check/result.js';

/** Distinct states the checker explored, or `undefined` when it did not say (or said something impossible). */
export function distinctStates(r: CheckResult): number | undefined {
  const n = r.counts?.distinct;
  const traced = 'trace' in r.verdict ? r.verdict.trace.length : 0;
  return n === undefined || n < traced ? undefined : n;
}

/** `3572 (varies by run: TLC with 2 workers)`, `3572 (partial-order reduced: …)`, `3572`, or undefined when unknown. */
export function distinctText(r: CheckResult): string | undefined {
  const n = distinctStates(r);
  if (n === undefined) return undefined;
  if (r.reduction) return `${n} (partial-order reduced: ${r.reduction.reducedStates} expanded by one process)`;
  return r.countsVary ? `${n} (varies by run: ${r.countsVary})` : String(n);
}

/** `12 random traces of at most 100 steps, seed 42, 1,201 states generated`. */
export function simulationText(s: NonNullable<CheckResult['simulation']>): string {
  const n = (x: number) => x.toLocaleString('en-US');
  return [
    `${s.traces !== undefined ? n(s.traces) : '?'} random trace${s.traces === 1 ? '' : 's'}${s.depth !== undefined ? ` of at most ${n(s.depth)} steps` : ''}`,
    ...(s.seed !== undefined ? [`seed ${s.seed}`] : []),
    ...(s.generated !== undefined ? [`${n(s.generated)} states generated`] : []),
  ].join(', ');
}

/**
 * `13700 distinct, depth 22, 4.8s`, or `distinct states not reported, 4.8s`; a simulation's traces
 * and seed; `2 workers` before the time when more than one thread generated states (unless the
 * count's own note already says so).
 */
export function countsText(r: CheckResult): string {
  const secs = `${(r.durationMs / 1000).toFixed(1)}s`;
  const workers = r.workers !== undefined && r.workers > 1 && !r.countsVary?.includes('workers') ? `${r.workers} workers` : '';
  if (r.simulation) return [simulationText(r.simulation), workers, secs].filter(Boolean).join(', ');
  const d = distinctText(r);
  const states = d !== undefined ? `${d} distinct` : r.counts ? 'distinct states not reported' : '';
  return [states, r.counts?.depth !== undefined ? `depth ${r.counts.depth}` : '', workers, secs].filter(Boolean).join(', ');
}
