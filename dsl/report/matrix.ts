/**
 * The verdict matrix as Markdown: one row per checked config (or variant), one column per
 * property, each cell that property's verdict when checked alone (`checkEach`); then one column
 * per cover the rows check (`m.cover`), each whether the row's state space reaches it.
 */
import type { CheckResult, CoverResult } from '../check/result.js';

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

/** `reached N` (an N-state witness), `✗ unreached` (fails the config), `?` (not decided), `—` (the row does not check it). */
export function coverCell(c: CoverResult | undefined): string {
  if (!c) return '—';
  return c.status === 'reached' ? `reached ${c.witness?.length ?? '?'}` : c.status === 'unreached' ? '✗ unreached' : '?';
}

/** A row's covers: those of its results (every cell of a row explores the same states). */
function coversOf(r: MatrixRow): readonly CoverResult[] {
  return [...r.cells.values()].find((x) => x.covers)?.covers ?? [];
}

export function matrixMarkdown(rows: readonly MatrixRow[], names: readonly string[], corner = ''): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const covers = [...new Set(rows.flatMap((r) => coversOf(r).map((c) => c.name)))];
  return [
    line([corner, ...names, ...covers.map((c) => `cover: ${c}`)]),
    line(['---', ...names.map(() => ':---:'), ...covers.map(() => ':---:')]),
    ...rows.map((r) => line([r.label, ...names.map((n) => matrixCell(r.cells.get(n))), ...covers.map((c) => coverCell(coversOf(r).find((x) => x.name === c)))])),
  ].join('\n') + '\n';
}
