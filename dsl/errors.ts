import type { SourceLoc } from './ir/nodes.js';

/** A static check's stable identity: `ZT010` / `assigned-twice` (listed in README.md). */
export interface RuleRef {
  readonly id: string;
  readonly name: string;
}

export interface Related { readonly message: string; readonly loc: SourceLoc }

/**
 * Misuse the type system cannot catch, found by a named rule. Its message starts with the DSL
 * file, line and column, then the rule: `models/x.ts:12:5: ZT010 assigned-twice: …`.
 */
export class DslError extends Error {
  constructor(
    readonly rule: RuleRef,
    message: string,
    readonly loc: SourceLoc,
    readonly related: readonly Related[] = [],
  ) {
    super(`${formatLoc(loc)}: ${rule.id} ${rule.name}: ${message}${related.map((r) => `\n  ${formatLoc(r.loc)}: ${r.message}`).join('')}`);
    this.name = 'DslError';
  }
}

/** Something the model probably does not mean, which still emits valid TLA+ (printed by `gen` and `check`). */
export interface DslWarning {
  readonly rule: RuleRef;
  readonly message: string;
  readonly loc: SourceLoc;
}

export function warningText(w: DslWarning): string {
  return `warning: ${formatLoc(w.loc)}: ${w.rule.id} ${w.rule.name}: ${w.message}`;
}

export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}
