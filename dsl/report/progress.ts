import type { Progress } from '../check/checker.js';

/** One status line for a terminal: `12,345 distinct states, 678 on queue, depth 9, 41,000 distinct/min`. */
export function progressText(p: Progress): string {
  if (p.phase === 'starting') return 'starting…';
  if (p.phase === 'initial states') return 'computing initial states…';
  const n = (x: number) => x.toLocaleString('en-US');
  if (p.traces !== undefined) return `${n(p.traces)} traces simulated${p.generated !== undefined ? `, ${n(p.generated)} states generated` : ''}${p.depth !== undefined ? `, longest ${p.depth}` : ''}`;
  if (p.distinct === undefined) return `${p.phase}…`;
  return [
    `${n(p.distinct)} distinct states`,
    ...(p.queue !== undefined ? [`${n(p.queue)} on queue`] : []),
    ...(p.depth !== undefined ? [`depth ${p.depth}`] : []),
    ...(p.distinctPerMinute !== undefined ? [`${n(p.distinctPerMinute)} distinct/min`] : []),
    ...(p.phase === 'liveness' ? ['checking liveness'] : []),
  ].join(', ');
}
