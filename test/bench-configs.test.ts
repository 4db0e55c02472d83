/**
 * `npm run bench -- --only models --configs <globs>` (scripts/bench/configs.ts): which configs a
 * glob selects, and that saving a partial run puts its rows in place and keeps every other row,
 * the key order and the sections' own dates.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { models as allModels } from '../models/index.js';
import { cellFilter, configFilter, mergeRows, mergeSection, splitGlobs } from '../scripts/bench/configs.js';
import { benchMatrix, cellKey, mergeMatrix, sizeName, type MatrixCellFigures, type MatrixFigures } from '../scripts/bench/matrix-bench.js';
import { DEFAULT_SECTIONS, PARTIAL_RUNS_KEPT, saveResults, type BenchResults } from '../scripts/bench/bench.js';

const selected = (globs: string[]) => {
  const keep = configFilter(globs);
  return allModels.flatMap((m) => m.module.configs.filter((c) => keep(m.name, c.name)).map((c) => `${m.name}/${c.name}`));
};

describe('bench --configs', () => {
  it('selects Model/config by glob: Zswap*/switch is the eight switch configs, not switch-hotplug', () => {
    const s = selected(['Zswap*/switch']);
    expect(s).toHaveLength(8);
    expect(s.every((x) => x.endsWith('/switch'))).toBe(true);
    expect(selected(['ZswapV13/{switch,reclaim}'])).toEqual(['ZswapV13/reclaim', 'ZswapV13/switch']);
    expect(selected(['NoSuchModel/*'])).toEqual([]);
    const all = allModels.reduce((n, m) => n + m.module.configs.length, 0);
    expect(selected([])).toHaveLength(all);
  });

  it('mergeRows replaces rows by key in place and appends rows it did not have', () => {
    const old = [{ k: 'a', v: 1 }, { k: 'b', v: 1 }, { k: 'c', v: 1 }];
    expect(mergeRows(old, [{ k: 'b', v: 2 }, { k: 'd', v: 2 }], (r) => r.k)).toEqual([{ k: 'a', v: 1 }, { k: 'b', v: 2 }, { k: 'c', v: 1 }, { k: 'd', v: 2 }]);
  });

  it('mergeSection: a full run replaces the section; a partial one keeps its date and records what it re-measured', () => {
    const old = { rows: [{ k: 'a', v: 1 }, { k: 'b', v: 1 }], recordedAt: 'then' };
    const full = { rows: [{ k: 'b', v: 3 }], recordedAt: 'now' };
    expect(mergeSection(old, full, (r) => r.k)).toBe(full);
    const partial = { ...full, partial: { configs: ['b*'], loadBefore: [1, 2, 3], loadAfter: [2, 2, 3], tlaCheckerCap: 0 } };
    const merged = mergeSection(old, partial, (r) => r.k)!;
    expect(merged).toEqual({
      rows: [{ k: 'a', v: 1 }, { k: 'b', v: 3 }], recordedAt: 'then',
      remeasured: [{ configs: ['b*'], loadBefore: [1, 2, 3], loadAfter: [2, 2, 3], tlaCheckerCap: 0, recordedAt: 'now', rows: ['b'] }],
    });
    expect(Object.keys(merged)).toEqual(['rows', 'recordedAt', 'remeasured']);
    // A second re-measurement adds its own entry.
    expect(mergeSection(merged, { ...partial, recordedAt: 'later' }, (r) => r.k)!.remeasured!.map((x) => x.recordedAt)).toEqual(['now', 'later']);
  });

  describe('saveResults', () => {
    let dir: string | undefined;
    afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); dir = undefined; });

    it('writes a --configs run\'s rows into the file and leaves every other row, section and key order as it was', async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-bench-configs-'));
      const file = path.join(dir, 'results.json');
      const row = (config: string, ms: number) => ({ config, verdict: 'passed', agree: true, compiled: { ms } });
      const mrow = (model: string, config: string, ms: number) => ({ model, config, expect: 'pass', emitMs: 1, tlc: { verdict: 'pass', ms } });
      const before = {
        machine: { cpus: 2 }, recordedAt: 'then', options: {}, tlc: 'TLC', totalMs: 1,
        models: { rows: [mrow('A', 'x', 1), mrow('A', 'switch', 1), mrow('B', 'switch', 1)], recordedAt: 'm-then' },
        pcal: { rows: [], recordedAt: 'p-then' },
        compiled: { rows: [row('A/x', 1), row('A/switch', 1), row('B/switch', 1)], recordedAt: 'c-then' },
        matrix: { cells: [] },
      };
      await writeFile(file, JSON.stringify(before, null, 2));
      const partial = { configs: ['*/switch'], loadBefore: [1, 1, 1], loadAfter: [2, 2, 2], tlaCheckerCap: 3000 };
      const run = {
        machine: { cpus: 2 }, recordedAt: 'now', options: { tlaCheckerCap: 3000 }, tlc: 'TLC', totalMs: 9, sections: ['models'], configs: ['*/switch'],
        models: { rows: [mrow('A', 'switch', 5), mrow('B', 'switch', 5)], recordedAt: 'm-now', partial },
        compiled: { rows: [row('A/switch', 5), row('B/switch', 5)], recordedAt: 'c-now', partial },
      } as unknown as BenchResults;
      await saveResults(file, run);
      const after = JSON.parse(await readFile(file, 'utf8')) as typeof before & { models: { remeasured: unknown[] }; compiled: { remeasured: unknown[] }; partialRuns: unknown[] };
      expect(Object.keys(after)).toEqual([...Object.keys(before), 'partialRuns']);
      // The header is still the whole run's; this one is recorded as a partial run, with its own options.
      expect([after.machine, after.recordedAt, after.options, after.tlc, after.totalMs]).toEqual([before.machine, 'then', {}, 'TLC', 1]);
      expect(after.partialRuns).toEqual([{ machine: { cpus: 2 }, recordedAt: 'now', options: { tlaCheckerCap: 3000 }, tlc: 'TLC', totalMs: 9, sections: ['models'], configs: ['*/switch'] }]);
      expect(after.pcal).toEqual(before.pcal);
      expect(after.matrix).toEqual(before.matrix);
      expect(after.models.rows.map((r) => r.tlc.ms)).toEqual([1, 5, 5]);
      expect(after.compiled.rows.map((r) => r.compiled.ms)).toEqual([1, 5, 5]);
      expect(after.models.rows[0]).toEqual(before.models.rows[0]);
      expect(after.models.recordedAt).toBe('m-then');
      expect(after.compiled.recordedAt).toBe('c-then');
      expect(after.compiled.remeasured).toEqual([{ ...partial, recordedAt: 'c-now', rows: ['A/switch', 'B/switch'] }]);
      expect(after.models.remeasured).toEqual([{ ...partial, recordedAt: 'm-now', rows: ['A/switch', 'B/switch'] }]);
      // Written through a temporary file and renamed: nothing else is left beside it.
      expect(await readdir(dir)).toEqual(['results.json']);
    });

    it('the header is the last whole run\'s: --only some sections is a partial run; a run of every default section replaces the header and its partial runs', async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-bench-configs-'));
      const file = path.join(dir, 'results.json');
      const header = (at: string, sections: readonly string[]) => ({ machine: { cpus: 2 }, recordedAt: at, options: { quick: false, timeoutS: 120 }, tlc: 'TLC', totalMs: 5, sections });
      const por = (at: string) => ({ rows: [], recordedAt: at });
      await writeFile(file, JSON.stringify({ ...header('then', DEFAULT_SECTIONS), por: por('then') }));
      for (let i = 0; i < PARTIAL_RUNS_KEPT + 2; i++) await saveResults(file, { ...header(`p${i}`, ['por']), por: por(`p${i}`) } as unknown as BenchResults);
      let after = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
      expect([after.recordedAt, after.sections]).toEqual(['then', [...DEFAULT_SECTIONS]]);
      expect(after.por!.recordedAt).toBe(`p${PARTIAL_RUNS_KEPT + 1}`);
      // The latest ones, oldest first.
      expect(after.partialRuns!.map((x) => x.recordedAt)).toEqual(Array.from({ length: PARTIAL_RUNS_KEPT }, (_, i) => `p${i + 2}`));
      // A partial run of a section no whole run measures (matrix) outlives the next whole run; the others do not.
      await saveResults(file, { ...header('m', ['matrix']), por: por('m') } as unknown as BenchResults);
      await saveResults(file, { ...header('whole', DEFAULT_SECTIONS), por: por('whole') } as unknown as BenchResults);
      after = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
      expect([after.recordedAt, after.partialRuns!.map((x) => x.recordedAt)]).toEqual(['whole', ['m']]);
      await writeFile(file, JSON.stringify({ ...after, partialRuns: after.partialRuns!.filter((x) => x.recordedAt !== 'm') }));
      await saveResults(file, { ...header('whole2', DEFAULT_SECTIONS), por: por('whole2') } as unknown as BenchResults);
      after = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
      expect([after.recordedAt, after.partialRuns]).toEqual(['whole2', undefined]);
      // Every default section, but over some configs: partial.
      await saveResults(file, { ...header('some', DEFAULT_SECTIONS), configs: ['A/*'], por: por('some') } as unknown as BenchResults);
      after = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
      expect([after.recordedAt, after.configs, after.partialRuns!.map((x) => [x.recordedAt, x.configs])]).toEqual(['whole2', undefined, [['some', ['A/*']]]]);
      // Every default section but one that wrote nothing (fuzz with --fuzz 0): partial.
      await saveResults(file, { ...header('nofuzz', DEFAULT_SECTIONS.filter((x) => x !== 'fuzz')), por: por('nofuzz') } as unknown as BenchResults);
      after = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
      expect(after.recordedAt).toBe('whole2');
    });

    it('the first run into a new file writes its header, whole or not', async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-bench-configs-'));
      const file = path.join(dir, 'results.json');
      await saveResults(file, { machine: { cpus: 2 }, recordedAt: 'now', options: {}, tlc: 'TLC', totalMs: 3, sections: ['por'], por: { rows: [], recordedAt: 'now' } } as unknown as BenchResults);
      const after = JSON.parse(await readFile(file, 'utf8')) as BenchResults;
      expect([after.recordedAt, after.sections, after.partialRuns]).toEqual(['now', ['por'], undefined]);
    });

    it('a matrix checkpoint (one section, nothing else) touches only that section', async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-bench-configs-'));
      const file = path.join(dir, 'results.json');
      const before = { machine: { cpus: 2 }, recordedAt: 'then', options: { quick: false }, models: { rows: [], recordedAt: 'm' }, totalMs: 1 };
      await writeFile(file, JSON.stringify(before));
      const matrix = { sizes: [], cellTimeoutS: 1, budgetS: 1, loadBefore: [], loadAfter: [], ciMs: 0, cells: [], totals: [], recordedAt: 'now' };
      await saveResults(file, { matrix });
      const after = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      expect(after).toEqual({ ...before, matrix });
    });
  });
});

describe('bench --only matrix --configs', () => {
  const cell = (size: string, variant: string, scenario: string, status: 'done' | 'timeout', distinct: number, ms: number) =>
    ({ variant, scenario, size, cpus: 2, tasks: 2, pools: 2, status, distinct, ms, cpuMs: ms }) as MatrixCellFigures;
  const S2 = sizeName({ cpus: 2, tasks: 2, pools: 2 }), S3 = sizeName({ cpus: 3, tasks: 1, pools: 1 });

  it('splits the option at the commas outside braces', () => {
    expect(splitGlobs('2x2x2/*/{hotplug,reclaim}, ZswapV13/switch,,')).toEqual(['2x2x2/*/{hotplug,reclaim}', 'ZswapV13/switch']);
    expect(splitGlobs('{a,{b,c}},d')).toEqual(['{a,{b,c}}', 'd']);
  });

  it('selects cells by SIZE/variant/scenario', () => {
    const keep = cellFilter(['2x2x2/*/{hotplug,combined}']);
    expect(cellKey({ cpus: 2, tasks: 2, pools: 2 }, 'v13-fix', 'hotplug')).toBe('2x2x2/v13-fix/hotplug');
    expect(keep('2x2x2/v13-fix/hotplug')).toBe(true);
    expect(keep('2x2x2/v13/combined')).toBe(true);
    expect(keep('3x1x1/v13-fix/hotplug')).toBe(false);
    expect(keep('2x2x2/v13-fix/switch-hotplug')).toBe(false);
  });

  it('mergeMatrix puts the re-measured cells in place, recomputes the totals and records the run; a full run replaces the section', () => {
    const old = {
      sizes: [{ cpus: 2, tasks: 2, pools: 2, name: S2 }, { cpus: 3, tasks: 1, pools: 1, name: S3 }], cellTimeoutS: 60, budgetS: 3000, loadBefore: [1], loadAfter: [1], ciMs: 5, recordedAt: 'then',
      cells: [cell(S2, 'a', 'x', 'timeout', 10, 60), cell(S2, 'a', 'y', 'done', 7, 3), cell(S3, 'a', 'x', 'done', 4, 2)],
      totals: [],
    };
    const fresh = {
      ...old, sizes: [old.sizes[0]!], cellTimeoutS: 600, budgetS: 7200, loadBefore: [2], loadAfter: [3], recordedAt: 'now',
      cells: [cell(S2, 'a', 'x', 'done', 100, 300)], totals: [],
      partial: { configs: ['2x2x2/a/x'], cellTimeoutS: 600, budgetS: 7200, loadBefore: [2], loadAfter: [3] },
    };
    const m = mergeMatrix(old, fresh)!;
    expect(m.cells.map((c) => [c.status, c.distinct])).toEqual([['done', 100], ['done', 7], ['done', 4]]);
    expect(m.totals).toEqual([
      { size: S2, done: 2, timeout: 0, skipped: 0, distinct: 107, ms: 303, cpuMs: 303 },
      { size: S3, done: 1, timeout: 0, skipped: 0, distinct: 4, ms: 2, cpuMs: 2 },
    ]);
    expect([m.cellTimeoutS, m.recordedAt, m.sizes.length]).toEqual([60, 'then', 2]);
    // A size point the run lists but measured nothing at is not added (nor its empty totals row).
    const S4 = sizeName({ cpus: 4, tasks: 1, pools: 1 });
    const listed = mergeMatrix(old, { ...fresh, sizes: [...fresh.sizes, { cpus: 4, tasks: 1, pools: 1, name: S4 }] })!;
    expect(listed.sizes.map((x) => x.name)).toEqual([S2, S3]);
    expect(listed.totals.map((x) => x.size)).toEqual([S2, S3]);
    const at4 = mergeMatrix(old, { ...fresh, sizes: [{ cpus: 4, tasks: 1, pools: 1, name: S4 }], cells: [cell(S4, 'a', 'x', 'done', 9, 1)] })!;
    expect(at4.sizes.map((x) => x.name)).toEqual([S2, S3, S4]);
    expect(m.remeasured).toEqual([{ configs: ['2x2x2/a/x'], cellTimeoutS: 600, budgetS: 7200, loadBefore: [2], loadAfter: [3], recordedAt: 'now', cells: [`${S2}/a/x`] }]);
    expect('partial' in m).toBe(false);
    // A cell the budget skipped keeps its recorded figures.
    const skipped = { ...fresh, cells: [{ ...cell(S2, 'a', 'x', 'done', 0, 0), status: 'skipped' as const, reason: 'budget used up' }] };
    const k = mergeMatrix(old, skipped)!;
    expect(k.cells[0]).toEqual(old.cells[0]);
    expect(k.remeasured![0]!.cells).toEqual([]);
    // Nothing recorded before: the run's cells, and the run as its first remeasured entry.
    const first = mergeMatrix(undefined, fresh)!;
    expect('partial' in first).toBe(false);
    expect(first.cells).toEqual(fresh.cells);
    expect(first.remeasured).toEqual([{ ...fresh.partial, recordedAt: 'now', cells: [`${S2}/a/x`] }]);
    const { partial: _, ...full } = fresh;
    expect(mergeMatrix(old, full)).toBe(full);
  });

  it('a run saved after each cell and at its end leaves one remeasured entry, the latest, next to earlier runs\'', () => {
    const old = {
      sizes: [{ cpus: 2, tasks: 2, pools: 2, name: S2 }], cellTimeoutS: 60, budgetS: 3000, loadBefore: [1], loadAfter: [1], ciMs: 5, recordedAt: 'then',
      cells: [cell(S2, 'a', 'x', 'timeout', 10, 60), cell(S2, 'a', 'y', 'timeout', 7, 60)], totals: [],
      remeasured: [{ configs: ['2x2x2/a/y'], cellTimeoutS: 60, budgetS: 60, loadBefore: [1], loadAfter: [1], recordedAt: 'earlier', cells: [`${S2}/a/y`] }],
    };
    const run = (cells: MatrixCellFigures[]) => ({
      ...old, recordedAt: 'now', cells, remeasured: undefined, partial: { configs: ['*/*/*'], cellTimeoutS: 900, budgetS: 7000, loadBefore: [2], loadAfter: [2] },
    });
    const afterOne = mergeMatrix(old, run([cell(S2, 'a', 'x', 'done', 100, 300)]))!;
    const afterTwo = mergeMatrix(afterOne, run([cell(S2, 'a', 'x', 'done', 100, 300), cell(S2, 'a', 'y', 'done', 70, 200)]))!;
    expect(afterTwo.cells.map((c) => [c.status, c.distinct])).toEqual([['done', 100], ['done', 70]]);
    expect(afterTwo.remeasured!.map((r) => [r.recordedAt, r.cells])).toEqual([['earlier', [`${S2}/a/y`]], ['now', [`${S2}/a/x`, `${S2}/a/y`]]]);
    expect(afterTwo.totals[0]).toMatchObject({ done: 2, timeout: 0, distinct: 170 });
  });

  it('benchMatrix hands over the figures after every cell, each time with every cell so far', async () => {
    const seen: MatrixFigures[] = [];
    const size = { cpus: 1, tasks: 1, pools: 1 };
    const keep = cellFilter(['1x1x1/v13-fix/{hotplug,reclaim}']);
    const f = await benchMatrix({ log: () => {}, cellTimeoutMs: 60_000, budgetMs: 120_000, sizes: [size], ci: false, keep, onCell: async (x) => { seen.push(x); } });
    expect(seen.map((x) => x.cells.map((c) => c.scenario))).toEqual([['hotplug'], ['hotplug', 'reclaim']]);
    expect(seen[0]!.totals[0]).toMatchObject({ done: 1, distinct: seen[0]!.cells[0]!.distinct });
    expect(f.cells).toEqual(seen[1]!.cells);
    expect(f.cells.every((c) => c.status === 'done' && c.distinct! > 0)).toBe(true);
  }, 120_000);
});
