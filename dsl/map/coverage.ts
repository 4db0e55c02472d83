/**
 * Step coverage: which DSL steps (process labels, actions) a set of runs took, summed over the
 * runs' per-action successor counts (`CheckResult.coverage`: the compiled verifier counts them
 * when asked, TLC with `-coverage`). A step no run took is reported at its DSL line: either the
 * configs never get there or the step can never fire, and a property that holds says nothing about it.
 */
import type * as ir from '../ir/nodes.js';
import type { CheckResult } from '../check/result.js';
import { definitionSpan, type SourceMap } from './sourcemap.js';

export interface StepCoverage {
  /** The TLA+ action: `<Process>_<label>` for a process step. */
  readonly action: string;
  /** For a process step: its process or procedure and label. */
  readonly process?: string;
  readonly label?: string;
  /** Where the step (its `label(...)`) or action is written. */
  readonly dsl: ir.SourceLoc;
  /** Successors it generated, summed over the runs. */
  readonly generated: number;
}

/**
 * Every action of `module` with the successors it generated over `results`; undefined when no
 * result counted them (a backend that was not asked, or cannot: nothing is known).
 */
export function stepCoverage(module: ir.Module, results: readonly CheckResult[], map?: SourceMap): StepCoverage[] | undefined {
  const counted = results.filter((r) => r.coverage?.some((c) => c.kind === 'action'));
  if (!counted.length) return undefined;
  const sums = new Map<string, number>();
  for (const r of counted) for (const c of r.coverage!) if (c.kind === 'action') sums.set(c.name, (sums.get(c.name) ?? 0) + (c.generated ?? 0));
  return module.actions.map((a) => ({
    action: a.name,
    ...(a.process !== undefined ? { process: a.process } : {}),
    ...(a.label !== undefined ? { label: a.label } : {}),
    dsl: (map && definitionSpan(map, a.name)?.dsl) ?? a.loc,
    generated: sums.get(a.name) ?? 0,
  }));
}

/** The steps no run of `results` took (see `stepCoverage`). */
export function unreachedSteps(module: ir.Module, results: readonly CheckResult[], map?: SourceMap): StepCoverage[] | undefined {
  return stepCoverage(module, results, map)?.filter((s) => s.generated === 0);
}

/** `step 'rc_use' of prep_reclaim_store (models/zswap/acomp-ctx.ts:115)`, or `action Migrate (…)`. */
export function stepText(s: StepCoverage): string {
  const what = s.label !== undefined ? `step '${s.label}' of ${s.process}` : `action ${s.action}`;
  return `${what} (${s.dsl.file}:${s.dsl.line})`;
}
