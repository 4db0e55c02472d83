/** A module measured in line slices (scripts/mutation-slices.ts): each slice kept, the module their sum. */
import { describe, expect, it } from 'vitest';
import { withSlice, type ModuleFigures } from '../scripts/mutation-slices.js';

const figures = (o: Partial<ModuleFigures> & Pick<ModuleFigures, 'killed' | 'survived'>): ModuleFigures => {
  const f = { recordedAt: '2026-12-01T00:00:00.000Z', timeout: 0, noCoverage: 0, ignored: 0, errors: 0, undetected: [], ...o };
  return { ...f, mutants: o.mutants ?? f.killed + f.timeout + f.survived + f.noCoverage + f.ignored + f.errors, score: o.score ?? null };
};

describe('a module measured in line slices', () => {
  const earlier = { ...figures({ killed: 8, survived: 1, noCoverage: 1, undetected: ['1007:13 A: x', '1100:1 B: y'] }), lines: '992-1264' };
  const now = figures({ recordedAt: '2026-12-03T00:00:00.000Z', killed: 5, timeout: 1, survived: 4, undetected: ['740:1 C: z', '990:2 D: w'] });

  it('a first slice beside a record of one slice: both kept, counts and undetected summed, the newest date', () => {
    const m = withSlice(earlier, '736-991', now);
    expect(Object.keys(m.slices!)).toEqual(['736-991', '992-1264']);
    expect(m.slices!['992-1264']).toMatchObject({ killed: 8, survived: 1 });
    expect(m.slices!['992-1264']!.lines).toBeUndefined();
    expect(m).toMatchObject({ mutants: 20, killed: 13, timeout: 1, survived: 5, noCoverage: 1, recordedAt: '2026-12-03T00:00:00.000Z' });
    // (13 + 1) detected of 20.
    expect(m.score).toBe(70);
    expect(m.undetected).toEqual(['740:1 C: z', '990:2 D: w', '1007:13 A: x', '1100:1 B: y']);
  });

  it('the same slice again replaces its figures, the others stay', () => {
    const once = withSlice(earlier, '736-991', now);
    const better = figures({ recordedAt: '2026-12-04T00:00:00.000Z', killed: 9, timeout: 1, survived: 0 });
    const m = withSlice(once, '736-991', better);
    expect(m).toMatchObject({ mutants: 20, killed: 17, timeout: 1, survived: 1, noCoverage: 1, score: 90 });
    expect(m.undetected).toEqual(['1007:13 A: x', '1100:1 B: y']);
  });

  it('a slice of a module never measured is the module', () => {
    expect(withSlice(undefined, '1-100', now)).toMatchObject({ mutants: 10, killed: 5, timeout: 1, survived: 4, score: 60, slices: { '1-100': now } });
  });

  it.each([
    ['736-1000', '992-1264'],
    ['1264-1300', '992-1264'],
    ['900-2000', '992-1264'],
  ])('a slice %s overlapping the recorded %s is refused, naming both', (lines, other) => {
    expect(() => withSlice(earlier, lines, now)).toThrow(`--lines ${lines} overlaps the recorded slice ${other}`);
  });

  it('a slice of a module recorded whole is refused: it would replace all of it', () => {
    expect(() => withSlice(figures({ killed: 1, survived: 0 }), '1-10', now)).toThrow(/recorded whole/);
  });
});
