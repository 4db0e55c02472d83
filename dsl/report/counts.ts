/**
 * State counts as reporters show them. tla-checker reports 0 states explored when it stops on a
 * failed assert or an evaluation error inside a step; a count below the trace's length is not a
 * count, so it is shown as unknown rather than as `0 distinct`.
 */
import type { CheckResult } from '../check/result.js';

/** Distinct states the checker explored, or `undefined` when it did not say (or said something impossible). */
export function distinctStates(r: CheckResult): number | undefined {
  const n = r.counts?.distinct;
  const traced = 'trace' in r.verdict ? r.verdict.trace.length : 0;
  return n === undefined || n < traced ? undefined : n;
}

/** `13700 distinct, depth 22, 4.8s`, or `distinct states not reported, 4.8s`. */
export function countsText(r: CheckResult): string {
  const n = distinctStates(r);
  const states = n !== undefined ? `${n} distinct` : r.counts ? 'distinct states not reported' : '';
  return [states, r.counts?.depth !== undefined ? `depth ${r.counts.depth}` : '', `${(r.durationMs / 1000).toFixed(1)}s`].filter(Boolean).join(', ');
}
