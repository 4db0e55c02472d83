import type * as ir from '../../ir/nodes.js';
import { DslError, type DslWarning, type Related, type RuleRef } from '../../errors.js';

/**
 * A static check with a stable identity, in the style of typescript-eslint: an id and a name
 * (shown in every message and listed in README.md), a description, and a check function that
 * reports what it finds. `source` rules see the model as declared, before lowering (lowering
 * relies on them: e.g. every goto has a target); `module` rules see the lowered module.
 */
interface RuleInfo extends RuleRef {
  readonly severity: 'error' | 'warning';
  /** One sentence: what the rule rejects and why. */
  readonly description: string;
}

export type Report = (loc: ir.SourceLoc, message: string, related?: readonly Related[]) => void;

export interface SourceRule extends RuleInfo {
  readonly stage: 'source';
  check(src: ir.ModelSource, report: Report): void;
}

export interface ModuleRule extends RuleInfo {
  readonly stage: 'module';
  check(m: ir.Module, report: Report): void;
}

export type Rule = SourceRule | ModuleRule;

export const sourceRule = (r: Omit<SourceRule, 'stage'>): SourceRule => ({ ...r, stage: 'source' });
export const moduleRule = (r: Omit<ModuleRule, 'stage'>): ModuleRule => ({ ...r, stage: 'module' });

/**
 * Run `rules` over `input`: throws a `DslError` for the first error found (rules in order,
 * each rule's findings in the order it reports them) and returns the warnings.
 */
export function runRules<I>(rules: readonly { readonly severity: 'error' | 'warning'; readonly id: string; readonly name: string; check(input: I, report: Report): void }[], input: I): DslWarning[] {
  const warnings: DslWarning[] = [];
  for (const rule of rules) {
    const ref: RuleRef = { id: rule.id, name: rule.name };
    rule.check(input, (loc, message, related = []) => {
      if (rule.severity === 'error') throw new DslError(ref, message, loc, related);
      warnings.push({ rule: ref, message, loc });
    });
  }
  return warnings;
}
