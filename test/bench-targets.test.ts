/**
 * The compiled verifier's speed targets as the bench counts them (scripts/bench/compiled-bench.ts
 * `targets`): which rows meet each, which have no figure for it, and the least favourable ratio.
 */
import { describe, expect, it } from 'vitest';
import { slowFirstChecks, targets, type CompiledRow } from '../scripts/bench/compiled-bench.js';

/** A row: compiled's first and median ms, TLC's ms, tla-checker's ms, distinct states (every backend's). */
function row(config: string, c: { ms: number; median?: number }, tlcMs: number | undefined, tlaCheckerMs: number | undefined, distinct = 1000, capped = false): CompiledRow {
  const perSec = (ms: number) => Math.round((distinct / ms) * 1000);
  return {
    config, verdict: 'passed', agree: true,
    compiled: { ms: c.ms, medianMs: c.median ?? c.ms, distinct, perSec: perSec(c.ms) },
    ...(tlcMs !== undefined ? { tlc: { ms: tlcMs, distinct, perSec: perSec(tlcMs) } } : {}),
    ...(tlaCheckerMs !== undefined ? { tlaChecker: { ms: tlaCheckerMs, distinct, perSec: perSec(tlaCheckerMs), ...(capped ? { capped: true } : {}) } } : {}),
  };
}

describe('bench: the compiled verifier against its targets', () => {
  it.each<[string, CompiledRow[], string[]]>([
    ['every row meets every target', [row('A/a', { ms: 10 }, 1000, 1000), row('A/b', { ms: 20 }, 2000, 5000)], [
      "time at most 0.5× TLC's: 2 of 2, the least favourable 0.01×",
      "distinct states/s at least 2× TLC's: 2 of 2, the least favourable 100.00×",
      'at least 50× faster than tla-checker, first check: 2 of 2, the least favourable 100.00×',
      'at least 50× faster than tla-checker, median check: 2 of 2, the least favourable 100.00×',
    ]],
    ['a first check under 50× whose median meets it; exactly 0.5× and 2× meet theirs', [row('A/a', { ms: 20, median: 10 }, 40, 900), row('A/b', { ms: 10 }, 1000, 1000)], [
      "time at most 0.5× TLC's: 2 of 2, the least favourable 0.50×",
      "distinct states/s at least 2× TLC's: 2 of 2, the least favourable 2.00×",
      'at least 50× faster than tla-checker, first check: 1 of 2, the least favourable 45.00×',
      'at least 50× faster than tla-checker, median check: 2 of 2, the least favourable 90.00×',
    ]],
    ['no TLC on one row, tla-checker capped on another: each left out of its targets, and said', [row('A/a', { ms: 10 }, undefined, 1000), row('A/b', { ms: 10 }, 100, 300, 1000, true)], [
      "time at most 0.5× TLC's: 1 of 1 (1 without the figures), the least favourable 0.10×",
      "distinct states/s at least 2× TLC's: 1 of 1 (1 without the figures), the least favourable 10.00×",
      'at least 50× faster than tla-checker, first check: 1 of 1 (1 without the figures), the least favourable 100.00×',
      'at least 50× faster than tla-checker, median check: 1 of 1 (1 without the figures), the least favourable 100.00×',
    ]],
    ['slower than the targets', [row('A/a', { ms: 600 }, 1000, 1000)], [
      "time at most 0.5× TLC's: 0 of 1, the least favourable 0.60×",
      "distinct states/s at least 2× TLC's: 0 of 1, the least favourable 1.66×",
      'at least 50× faster than tla-checker, first check: 0 of 1, the least favourable 1.66×',
      'at least 50× faster than tla-checker, median check: 0 of 1, the least favourable 1.66×',
    ]],
    ['no row with figures', [row('A/a', { ms: 10 }, undefined, undefined)], [
      "time at most 0.5× TLC's: no row has the figures",
      "distinct states/s at least 2× TLC's: no row has the figures",
      'at least 50× faster than tla-checker, first check: no row has the figures',
      'at least 50× faster than tla-checker, median check: no row has the figures',
    ]],
  ])('%s', (_name, rows, lines) => {
    expect(targets(rows)).toEqual(lines);
  });

  it('a row without a state count (tla-checker stopped at a failed Assert) still counts by wall time', () => {
    const r = row('A/a', { ms: 10 }, 1000, 800);
    const noCount: CompiledRow = { ...r, tlaChecker: { ms: 800, distinct: 0, perSec: 0 } };
    expect(targets([noCount])[2]).toBe('at least 50× faster than tla-checker, first check: 1 of 1, the least favourable 80.00×');
  });

  it.each<[string, Partial<CompiledRow>]>([
    ['TLC disputes its verdict', { agree: false }],
    ['a later check ended otherwise', { unstable: 'round 2: passed, 999 distinct' }],
  ])('a row whose %s meets no target, however fast, and the count says why', (_name, wrongness) => {
    const fast = { ...row('A/a', { ms: 1 }, 1000, 1000), ...wrongness };
    const lines = targets([fast, row('A/b', { ms: 10 }, 1000, 1000)]);
    for (const l of lines) expect(l).toMatch(/: 1 of 2 \(1 meeting none for a verdict TLC disputes or a later check changed\), the least favourable/);
  });

  it.each<[string, CompiledRow, number, string]>([
    ['a ratio of 0.07 (7.000000000000001 hundredths in floating point) is not rounded up to 0.08', row('A/a', { ms: 70 }, 1000, 100000), 0, '1 of 1, the least favourable 0.07×'],
    ['a ratio of 2.01 (200.99999999999997 hundredths) is not rounded down to 2.00', row('A/a', { ms: 1000 }, 2010, 100000, 201), 1, '1 of 1, the least favourable 2.01×'],
    ['exactly 50× tla-checker meets it', row('A/a', { ms: 20 }, 1000, 1000), 2, '1 of 1, the least favourable 50.00×'],
  ])('%s', (_name, r, i, tail) => {
    expect(targets([r])[i]).toMatch(new RegExp(`: ${tail.replace(/[.×()]/g, (c) => `\\${c}`)}$`));
  });

  it.each<[string, CompiledRow, number, string]>([
    ['a ratio just under 50× is not printed as 50', row('A/a', { ms: 100 }, 1000, 4999.6), 2, 'the least favourable 49.99×'],
    ['a time just over 0.5× TLC\'s is not printed as 0.50', row('A/a', { ms: 500.4 }, 1000, 100000), 0, 'the least favourable 0.51×'],
  ])('%s', (_name, r, i, tail) => {
    expect(targets([r])[i]).toMatch(new RegExp(`: 0 of 1, ${tail.replace(/[.×]/g, (c) => `\\${c}`)}$`));
  });

  it('a first check under 50× tla-checker is listed with every check\'s wall and CPU time; rows meeting it, or capped, are not', () => {
    const slow: CompiledRow = { ...row('V/alloc-fail', { ms: 89, median: 34 }, 2000, 4423), compiled: { ms: 89, runsMs: [89, 34, 31], runsCpuMs: [40, 33, 30], medianMs: 34 } };
    const fine = row('V/hotplug', { ms: 10 }, 2000, 4000);
    const capped = row('V/big', { ms: 1000 }, 2000, 3000, 1000, true);
    expect(slowFirstChecks([fine, slow, capped])).toEqual([
      '  V/alloc-fail, under 50× tla-checker by its first check: 89 ms (CPU 40 ms), then 34 ms (CPU 33 ms), then 31 ms (CPU 30 ms); tla-checker 4423 ms',
    ]);
    // A row recorded before CPU times were: wall times alone.
    expect(slowFirstChecks([{ ...slow, compiled: { ms: 89, runsMs: [89, 34, 31], medianMs: 34 } }])[0]).toBe('  V/alloc-fail, under 50× tla-checker by its first check: 89 ms, then 34 ms, then 31 ms; tla-checker 4423 ms');
  });
});
