/**
 * The verdict matrix as Markdown: one row per checked config (or variant), one column per
 * property, each cell that property's verdict when checked alone (`checkEach`).
 */
import type { CheckResult } from '../check/result.js';

export interface MatrixRow {
  readonly label: string;
  /** Property name → its own run's result; a name the row's model does not have is absent. */
  readonly cells: ReadonlyMap<string, CheckResult>;
}

/** `holds`, `✗ N` (violated, N-state counterexample), `error N` (evaluation error), `—` (not in this model), or why it could not be decided. */
export function matrixCell(r: CheckResult | undefined): string {
  if (!r) return '—';
  const v = r.verdict;
  const steps = 'trace' in v ? v.trace.length : 0;
  switch (v.kind) {
    case 'passed': return 'holds';
    case 'invariant': case 'property': case 'assert': case 'deadlock': return `✗ ${steps}`;
    case 'evalError': return `error ${steps}`;
    case 'timeout': return 'timeout';
    default: return v.kind;
  }
}

export function matrixMarkdown(rows: readonly MatrixRow[], names: readonly string[], corner = ''): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [
    line([corner, ...names]),
    line(['---', ...names.map(() => ':---:')]),
    ...rows.map((r) => line([r.label, ...names.map((n) => matrixCell(r.cells.get(n)))])),
  ].join('\n') + '\n';
}
