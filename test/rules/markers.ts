/**
 * Expected locations in rule fixtures come from caret comments, never from hard-coded numbers.
 * A marker line `//   ^ ZT010 twice-in-action` says: rule ZT010's error for the invalid case
 * `twice-in-action` is on the nearest line above that is not itself a marker, at the column of
 * the caret. `//   ^ related twice-in-action` marks the error's first related location (the
 * first assignment, the first declaration).
 */
export interface Marker {
  /** A rule id (`ZT010`), or `related`. */
  readonly tag: string;
  readonly caseName: string;
  readonly line: number;
  readonly col: number;
}

const MARKER = /^\s*\/\/\s*\^\s+(\S+)\s+(.+?)\s*$/;

export function parseMarkers(text: string): Marker[] {
  const lines = text.split('\n');
  const out: Marker[] = [];
  lines.forEach((l, i) => {
    const m = MARKER.exec(l);
    if (!m) return;
    let target = i - 1;
    while (target >= 0 && MARKER.test(lines[target]!)) target--;
    if (target < 0) throw new Error(`marker on line ${i + 1} has no line above it`);
    out.push({ tag: m[1]!, caseName: m[2]!, line: target + 1, col: l.indexOf('^') + 1 });
  });
  return out;
}
