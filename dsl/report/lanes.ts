/**
 * Which lane (process instance) a step belongs to, for swimlane views (HTML, Mermaid): the
 * process id that took it; for an action-style model, its `self`-like parameter's value.
 */
import type { Explanation, Step } from '../map/explain.js';

/** The lane of a step, or `undefined` when nothing says who took it (the initial state, an unnamed action). */
export function laneOf(s: Step): string | undefined {
  if (s.actor !== undefined) return s.actor;
  if (s.params.self !== undefined) return s.params.self;
  const values = Object.values(s.params);
  return values.length === 1 ? values[0] : undefined;
}

/** Lanes in order of first appearance, the lasso's closing step included. */
export function lanesOf(x: Explanation, steps: readonly Step[] = x.steps): string[] {
  const all = [...steps, ...(x.lasso?.closing ? [x.lasso.closing] : [])];
  return [...new Set(all.map(laneOf).filter((l): l is string => l !== undefined))];
}
