/**
 * A config's outcome over every backend that checked it: whether each verdict is what the
 * model's author expected, and whether the backends agree.
 */
import type * as ir from '../ir/nodes.js';
import type { CheckResult, Verdict } from './result.js';

export interface ConfigOutcome {
  readonly module: string;
  /** The config as checked (after any focus). */
  readonly config: ir.Config;
  readonly results: readonly CheckResult[];
  /** Did every backend give the verdict the model expects, and do they agree? */
  readonly asExpected: boolean;
  /** Set when two backends disagree on verdict or distinct states. */
  readonly disagreement?: string;
}

export function meetsExpectation(v: Verdict, e: ir.Expectation): boolean {
  switch (e.kind) {
    case 'pass': return v.kind === 'passed';
    case 'deadlock': return v.kind === 'deadlock';
    case 'violation': return violatedName(v) === e.property;
  }
}

/** The name of what was violated, in the model's terms. */
export function violatedName(v: Verdict): string | undefined {
  switch (v.kind) {
    case 'invariant': return v.name;
    case 'property': return v.name;
    case 'assert': return v.message;
    default: return undefined;
  }
}

/** `invariant Safe`, `assert X`, `passed`: a result's verdict kind and the name it violated. */
export const verdictText = (r: CheckResult): string => `${r.verdict.kind}${violatedName(r.verdict) ? ` ${violatedName(r.verdict)}` : ''}`;

/** Every backend that ran must give the same verdict as the first. */
export function compareVerdicts(results: readonly CheckResult[]): string | undefined {
  const [a, ...rest] = results;
  const b = rest.find((r) => verdictText(r) !== verdictText(a!));
  return a && b ? `${a.backend} says ${verdictText(a)}, ${b.backend} says ${verdictText(b)}` : undefined;
}

/** Every backend that decided a cover must decide it as the first did (reached or unreached). */
export function compareCovers(results: readonly CheckResult[]): string | undefined {
  const [a, ...rest] = results;
  for (const c of a?.covers ?? []) {
    if (c.status === 'undecided') continue;
    for (const b of rest) {
      const d = b.covers?.find((x) => x.name === c.name);
      if (d && d.status !== 'undecided' && d.status !== c.status) return `${a!.backend} says cover ${c.name} is ${c.status}, ${b.backend} says ${d.status}`;
    }
  }
  return undefined;
}

/** Every backend must count the same distinct states as the first. */
export function compareCounts(results: readonly CheckResult[], what: string): string | undefined {
  const [a, ...rest] = results;
  const b = rest.find((r) => r.counts?.distinct !== a!.counts?.distinct);
  return a && b ? `${a.backend} found ${a.counts?.distinct ?? '?'} ${what}, ${b.backend} ${b.counts?.distinct ?? '?'}` : undefined;
}
