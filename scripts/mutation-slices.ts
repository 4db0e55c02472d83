/**
 * A module's mutation figures measured in line slices (`npm run mutate -- --mutate FILE:A-B`, for
 * a module too slow to run whole): each slice recorded on its own, the module's figures their sum.
 */
export interface ModuleFigures {
  recordedAt: string;
  mutants: number;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  ignored: number;
  errors: number;
  /** Percent, one decimal; null when nothing was detectable. */
  score: number | null;
  /** `line:col mutator: replacement` of each undetected mutant. */
  undetected: string[];
  /** Measured by line slices (`A-B`), each run on its own: the figures above are their sum. */
  slices?: Record<string, ModuleFigures>;
  /** The lines a record measured when it was of one slice only (a record from before slices). */
  lines?: string;
}

/** Stryker's score: detected (killed or timed out) over detected and undetected, percent to one decimal; null when none was either. */
export function score(detected: number, undetected: number): number | null {
  return detected + undetected === 0 ? null : Math.round((1000 * detected) / (detected + undetected)) / 10;
}

/** `A-B` as its two line numbers. */
const range = (lines: string) => lines.split('-').map(Number) as [number, number];

/** The module's figures as the sum of its slices, with `now` as slice `lines` (replacing that slice). */
export function withSlice(previous: ModuleFigures | undefined, lines: string, now: ModuleFigures): ModuleFigures {
  if (previous && !previous.slices && !previous.lines) throw new Error(`--lines ${lines}: the module is recorded whole; a slice would replace all of it (run it whole, or record without --lines)`);
  const slices: Record<string, ModuleFigures> = { ...(previous?.slices ?? (previous?.lines ? { [previous.lines]: { ...previous, lines: undefined } } : {})), [lines]: now };
  const [lo, hi] = range(lines);
  for (const other of Object.keys(slices)) {
    const [a, b] = range(other);
    if (other !== lines && a <= hi && lo <= b) throw new Error(`--lines ${lines} overlaps the recorded slice ${other}: measure the same slice, or one that does not overlap`);
  }
  const all = Object.values(slices);
  const sum = (k: 'mutants' | 'killed' | 'timeout' | 'survived' | 'noCoverage' | 'ignored' | 'errors') => all.reduce((n, f) => n + f[k], 0);
  const detected = sum('killed') + sum('timeout'), undetected = sum('survived') + sum('noCoverage');
  const line = (u: string) => Number(u.split(':')[0]);
  return {
    recordedAt: all.map((f) => f.recordedAt).sort().at(-1)!,
    mutants: sum('mutants'), killed: sum('killed'), timeout: sum('timeout'), survived: sum('survived'), noCoverage: sum('noCoverage'), ignored: sum('ignored'), errors: sum('errors'),
    score: score(detected, undetected),
    undetected: all.flatMap((f) => f.undetected).sort((a, b) => line(a) - line(b)),
    slices: Object.fromEntries(Object.entries(slices).sort(([a], [b]) => range(a)[0] - range(b)[0])),
  };
}

