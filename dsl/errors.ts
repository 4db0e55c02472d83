import type { SourceLoc } from './ir/nodes.js';

/** Misuse the type system cannot catch. Always names the DSL file and line it comes from. */
export class DslError extends Error {
  constructor(
    message: string,
    readonly loc: SourceLoc,
    readonly related: readonly { message: string; loc: SourceLoc }[] = [],
  ) {
    super(`${formatLoc(loc)}: ${message}${related.map((r) => `\n  ${formatLoc(r.loc)}: ${r.message}`).join('')}`);
    this.name = 'DslError';
  }
}

/** Something the model probably does not mean, which still emits valid TLA+ (printed by `gen` and `check`). */
export interface DslWarning {
  readonly message: string;
  readonly loc: SourceLoc;
}

export function warningText(w: DslWarning): string {
  return `warning: ${formatLoc(w.loc)}: ${w.message}`;
}

export function formatLoc(loc: SourceLoc): string {
  return `${loc.file}:${loc.line}:${loc.col}`;
}
