/** Plain-text tables for the bench output: columns padded, numbers right-aligned. */
export type Cell = string | number | undefined;

export function table(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const text = rows.map((r) => r.map((c) => (c === undefined ? '–' : String(c))));
  const widths = head.map((h, i) => Math.max(h.length, ...text.map((r) => r[i]?.length ?? 0)));
  const numeric = head.map((_, i) => rows.every((r) => r[i] === undefined || typeof r[i] === 'number' || /^[\d.,×x≥~<>–-]+( ?s|%)?$/.test(String(r[i]))));
  const line = (cells: readonly string[]) => cells.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...text.map(line)].join('\n');
}

export const secs = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : (ms / 1000).toFixed(ms < 10_000 ? 2 : 1));
export const rate = (states: number | undefined, ms: number | undefined): number | undefined =>
  (states === undefined || !ms ? undefined : Math.round((states / ms) * 1000));
export const ratio = (a: number | undefined, b: number | undefined, digits = 2): string | undefined =>
  (a === undefined || b === undefined || b === 0 ? undefined : (a / b).toFixed(digits));

/** Counts one more `key` in `counts` (a report's tally by verdict, kind, form…). */
export function tally(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** The middle of `xs` (the mean of the middle two when their number is even). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : Math.round((s[s.length / 2 - 1]! + s[s.length / 2]!) / 2);
}
