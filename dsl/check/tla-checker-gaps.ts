/**
 * The known gaps of tla-checker (README: "Known gaps of the embedded checker") that a
 * disagreement between it and another backend may come from, told from the config and the
 * results alone. `--backend both` names them beside the disagreement, so a reader can tell a
 * known difference from a new one. A hint, never a verdict: the config still fails.
 */
import type * as ir from '../ir/nodes.js';
import { moduleExprs, someExpr } from '../ir/walk.js';
import type { CheckResult } from './result.js';
import { definitionUses } from './tla-checker.js';

export interface TlaCheckerGap {
  readonly id: string;
  /** What tla-checker does, in a clause (`it truncates …`). */
  readonly text: string;
  /** Whether the gap may explain how tla-checker's result `mine` differs from `other`'s. */
  applies(module: ir.Module, config: ir.Config, mine: CheckResult, other: CheckResult): boolean;
}

const VIOLATIONS = new Set(['invariant', 'assert', 'property', 'deadlock']);
/** A liveness operator: `<>` (also in `[]<>`, `<>[]`), `~>`, or fairness — not `[]P` or `[][A]_v`, which it judges as TLC does. */
const isLiveness = (e: ir.Expr) => (e.kind === 'builtin' && e.op === '<>') || (e.kind === 'infix' && e.op === '~>') || e.kind === 'fair';
const uses = (module: ir.Module, p: (e: ir.Expr) => boolean) => [...moduleExprs(module)].some(({ expr }) => someExpr(expr, p));

export const TLA_CHECKER_GAPS: readonly TlaCheckerGap[] = [
  {
    id: 'symmetry-count',
    text: 'under SYMMETRY it reduces less than TLC (functions from the symmetric set to itself, several variables over it), so it counts more states',
    applies: (_m, config, mine, other) => config.symmetry.length > 0 && mine.verdict.kind === other.verdict.kind
      && (mine.counts?.distinct ?? 0) > (other.counts?.distinct ?? Infinity),
  },
  {
    id: 'divmod',
    text: 'it truncates \\div and % on negative operands, where TLA+ floors',
    applies: (module) => uses(module, (e) => e.kind === 'infix' && (e.op === '\\div' || e.op === '%')),
  },
  {
    id: 'steps-before-invariants',
    text: 'it takes every step from a state before it checks the invariants of their successors, so it reports another step\'s evaluation error where the others stop at the violation',
    applies: (_m, _c, mine, other) => mine.verdict.kind === 'evalError' && VIOLATIONS.has(other.verdict.kind),
  },
  {
    id: 'no-variables',
    text: 'it counts one (empty) state in a spec without variables, where TLC finds none',
    applies: (module, _c, mine, other) => module.variables.length === 0 && mine.counts?.distinct === 1 && other.counts?.distinct === 0,
  },
  {
    id: 'primed-subseteq',
    text: "it does not take x' \\subseteq S in a step to give x' each subset of S, as TLC does, and raises an error where x' has no value yet",
    applies: (module, _c, mine, other) => mine.verdict.kind === 'evalError' && other.verdict.kind !== 'evalError'
      && uses(module, (e) => e.kind === 'infix' && e.op === '\\subseteq' && e.left.kind === 'prime'),
  },
  {
    id: 'temporal-on-cycle',
    text: 'it judges a temporal property on the lasso\'s cycle only, not along the path to it',
    applies: (module, config, mine, other) => mine.verdict.kind !== other.verdict.kind
      && [mine.verdict.kind, other.verdict.kind].every((k) => k === 'property' || k === 'passed')
      && config.properties.some((name) => definitionUses(module, name, isLiveness)),
  },
];

/** The gaps that may explain a difference between tla-checker's result and another's among `results`. */
export function tlaCheckerGapsIn(module: ir.Module, config: ir.Config, results: readonly CheckResult[]): TlaCheckerGap[] {
  const mine = results.find((r) => r.backend === 'tla-checker');
  if (!mine) return [];
  const others = results.filter((r) => r.backend !== 'tla-checker');
  return TLA_CHECKER_GAPS.filter((g) => others.some((o) => g.applies(module, config, mine, o)));
}
