/**
 * The zswap verdict matrix past CI's size (bench section `matrix`, run only when asked): every
 * variant × scenario with every safety property checked alone, as `zswapMatrix()` does (one
 * compiled search per cell, `checkEach`), at bigger sizes. Per cell: distinct states, time, CPU,
 * each violated property with its trace length, each cover's witness length; then each cell's
 * verdicts compared with the CI-sized matrix (a property that holds at one size and not at the
 * other is a finding). Every cell has a timeout, the section a budget: a cell that does not
 * finish is marked (`timeout`, with the states it had seen), a cell the budget leaves no room for
 * is `skipped` — never waited for.
 *
 * How a size applies to a scenario: `CPUS` always; `TASKS` except where the scenario has none
 * (`alloc-fail`, `intermediate`, `switch-hotplug` keep `TASKS = {}`); `POOLS` is the scenario's
 * own or the size's, whichever is larger (a size of 1 leaves every scenario's own). Every other
 * constant is the scenario's (index.ts).
 */
import os from 'node:os';
import { compiledChecker } from '../../dsl/check/compiled/index.js';
import type { CheckResult } from '../../dsl/check/result.js';
import type { ConstantValueInput } from '../../dsl/author/model.js';
import { checkableNames, kindOf } from '../../dsl/ir/config-variants.js';
import { checkEach } from '../../dsl/pipeline/each.js';
import { matrixCell } from '../../dsl/report/matrix.js';
import { SCENARIO_COVERS, SCENARIOS, zswapModel, type Scenario } from '../../models/zswap/index.js';
import { zswapMatrix, type ZswapMatrix } from '../../models/zswap/matrix.js';
import { VARIANTS, type VariantName } from '../../models/zswap/variants.js';
import { mergeRows } from './configs.js';
import { secs, table } from './table.js';

export interface MatrixSize { readonly cpus: number; readonly tasks: number; readonly pools: number }

/**
 * The two points: 2 CPUs × 2 tasks × 2 pools, and 3 CPUs × 1 task with each scenario's own pools.
 * 3 CPUs × 2 tasks does not fit: v13-fix `hotplug` alone is 1.43 million states there (the
 * scaling section), and the cells with tasks of that point each run past a minute on 2 shared
 * cores; at 3 × 1 every cell finishes in seconds (probe: 16 cells, 1.96 million states, 82 s).
 */
export const MATRIX_SIZES: readonly MatrixSize[] = [{ cpus: 2, tasks: 2, pools: 2 }, { cpus: 3, tasks: 1, pools: 1 }];

/** A cell's name for `--configs` globs: the size point, the variant, the scenario (`2x2x2/v13-fix/hotplug`). */
export const cellKey = (s: MatrixSize, variant: string, scenario: string): string => `${s.cpus}x${s.tasks}x${s.pools}/${variant}/${scenario}`;

export const sizeName = (s: MatrixSize): string => `${s.cpus} CPUs × ${s.tasks} task${s.tasks === 1 ? '' : 's'}${s.pools > 1 ? ` × ${s.pools} pools` : ''}`;

export interface MatrixCellFigures {
  readonly variant: VariantName;
  readonly scenario: Scenario;
  /** The size point (`sizeName`), and below it the size as applied to this scenario. */
  readonly size: string;
  readonly cpus: number;
  readonly tasks: number;
  readonly pools: number;
  readonly status: 'done' | 'timeout' | 'skipped';
  readonly reason?: string;
  /** The whole state space (done), or the states seen when it timed out. */
  readonly distinct?: number;
  readonly depth?: number;
  readonly ms?: number;
  readonly cpuMs?: number;
  /** Property → the length of its own shortest counterexample (every property not listed holds, or was undecided on a timeout). */
  readonly violated?: Readonly<Record<string, number>>;
  /** Properties a timeout left undecided. */
  readonly undecided?: readonly string[];
  /** Cover → its witness's length, `unreached` or `undecided`. */
  readonly covers?: Readonly<Record<string, number | 'unreached' | 'undecided'>>;
  /** Properties whose verdict is not the CI-sized matrix's: `holds` there and violated here, or the other way. */
  readonly differs?: readonly { readonly name: string; readonly ci: string; readonly here: string }[];
}

export interface MatrixFigures {
  readonly sizes: readonly (MatrixSize & { readonly name: string })[];
  readonly cellTimeoutS: number;
  readonly budgetS: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly cells: readonly MatrixCellFigures[];
  /** Per size: cells done / timed out / skipped, distinct states and time over the finished cells. */
  readonly totals: readonly { readonly size: string; readonly done: number; readonly timeout: number; readonly skipped: number; readonly distinct: number; readonly ms: number; readonly cpuMs: number }[];
  /** The CI-sized matrix this run compared with: its wall time. */
  readonly ciMs: number;
}

/** What a `--configs` run of the section carries until it is merged (`mergeMatrix`). */
export interface MatrixPartial {
  readonly configs: readonly string[];
  readonly cellTimeoutS: number;
  readonly budgetS: number;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

export interface MatrixOptions {
  readonly log: (line: string) => void;
  /** One cell's time limit. */
  readonly cellTimeoutMs: number;
  /** Nothing new starts after this much time (the CI-sized matrix included). */
  readonly budgetMs: number;
  readonly sizes?: readonly MatrixSize[];
  /** Only these variants / scenarios (default: all). */
  readonly variants?: readonly VariantName[];
  readonly scenarios?: readonly Scenario[];
  /** The CI-sized matrix, when the caller has it; `false`: compare with nothing. */
  readonly ci?: ZswapMatrix | false;
  /** Only the cells whose `cellKey` this accepts (`--configs`); the others are not run and not listed. */
  readonly keep?: (key: string) => boolean;
  /** After each measured cell, the figures so far: a run cut short (a killed process, a session's end) keeps what it measured. */
  readonly onCell?: (soFar: MatrixFigures) => Promise<void>;
}

const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);

/** The scenario's constants at `size` (see the file comment). */
export function sizedConstants(scenario: Scenario, size: MatrixSize): Record<string, ConstantValueInput> {
  const env = SCENARIOS[scenario] as Record<string, ConstantValueInput>;
  const noTasks = Array.isArray(env.TASKS) && env.TASKS.length === 0;
  return { ...env, CPUS: range('c', size.cpus), TASKS: noTasks ? [] : range('t', size.tasks), POOLS: Math.max(Number(env.POOLS), size.pools) };
}

const CONFIG = 'sized';

async function runCell(variant: VariantName, scenario: Scenario, size: MatrixSize, timeoutMs: number, log: (l: string) => void): Promise<{ cells: ReadonlyMap<string, CheckResult>; seen: number; ms: number; cpuMs: number }> {
  const v = VARIANTS.find((x) => x.name === variant)!;
  const constants = sizedConstants(scenario, size);
  const m = zswapModel(v, (mb) => {
    mb.config(CONFIG, { constants, covers: SCENARIO_COVERS[scenario], doc: `bench matrix: scenario '${scenario}' at ${sizeName(size)}` });
  }, `bench matrix: zswap variant '${v.name}'`);
  const names = checkableNames(m.module).filter((n) => kindOf(m.module, n) !== 'property');
  let seen = 0, last = performance.now();
  const cpu = process.cpuUsage(), t0 = performance.now();
  const e = await checkEach(m, CONFIG, {
    checkers: [compiledChecker], names, timeoutMs,
    onProgress: (p) => {
      if (p.distinct !== undefined) seen = p.distinct;
      if (performance.now() - last > 60_000) { last = performance.now(); log(`    … ${seen.toLocaleString('en-US')} distinct`); }
    },
  });
  const used = process.cpuUsage(cpu);
  return { cells: new Map(e.cells.map((c) => [c.name, c.result])), seen, ms: Math.round(performance.now() - t0), cpuMs: Math.round((used.user + used.system) / 1000) };
}

/** `holds` / `violated` / `undecided`: what is compared between sizes (trace lengths grow with the size). */
const kindOfCell = (r: CheckResult | undefined): string => {
  if (!r) return '—';
  switch (r.verdict.kind) {
    case 'passed': return 'holds';
    case 'invariant': case 'property': case 'assert': case 'deadlock': case 'evalError': return 'violated';
    default: return 'undecided';
  }
};

export async function benchMatrix(o: MatrixOptions): Promise<MatrixFigures> {
  const started = performance.now();
  const deadline = started + o.budgetMs;
  const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const sizes = o.sizes ?? MATRIX_SIZES;
  const variants = VARIANTS.filter((v) => !o.variants || o.variants.includes(v.name));
  const scenarios = (Object.keys(SCENARIOS) as Scenario[]).filter((s) => !o.scenarios || o.scenarios.includes(s));
  const t0 = performance.now();
  if (o.ci === undefined) o.log('  the CI-sized matrix first (2 CPUs, 1 task: what every cell is compared with)');
  const ci = o.ci ?? await zswapMatrix();
  const ciMs = Math.round(performance.now() - t0);
  if (o.ci === undefined) o.log(`  CI-sized matrix: ${secs(ciMs)} s`);
  const cells: MatrixCellFigures[] = [];
  const figures = (): MatrixFigures => ({
    sizes: sizes.map((s) => ({ ...s, name: sizeName(s) })), cellTimeoutS: o.cellTimeoutMs / 1000, budgetS: o.budgetMs / 1000,
    loadBefore, loadAfter: os.loadavg().map((x) => Math.round(x * 100) / 100), cells: [...cells], totals: matrixTotals(sizes.map(sizeName), cells), ciMs,
  });
  for (const size of sizes) {
    o.log(`  == ${sizeName(size)}`);
    for (const v of variants) {
      for (const scenario of scenarios) {
        if (o.keep && !o.keep(cellKey(size, v.name, scenario))) continue;
        const c = sizedConstants(scenario, size);
        const base = { variant: v.name, scenario, size: sizeName(size), cpus: size.cpus, tasks: (c.TASKS as string[]).length, pools: c.POOLS as number };
        const left = deadline - performance.now();
        if (left < 5_000) {
          cells.push({ ...base, status: 'skipped', reason: 'budget used up' });
          continue;
        }
        const timeoutMs = Math.min(o.cellTimeoutMs, left);
        const r = await runCell(v.name, scenario, size, timeoutMs, o.log);
        const results = [...r.cells.values()];
        const timedOut = results.some((x) => x.verdict.kind === 'timeout');
        const violated: Record<string, number> = {};
        const undecided: string[] = [];
        for (const [name, x] of r.cells) {
          const k = kindOfCell(x);
          if (k === 'violated') violated[name] = 'trace' in x.verdict ? x.verdict.trace.length : 0;
          else if (k === 'undecided') undecided.push(name);
        }
        const covers: Record<string, number | 'unreached' | 'undecided'> = {};
        for (const cv of results.find((x) => x.covers)?.covers ?? []) covers[cv.name] = cv.status === 'reached' ? cv.witness?.length ?? 0 : cv.status;
        const ciCells = ci ? ci.get(v.name)!.get(scenario)! : undefined;
        const differs = !ciCells ? [] : [...r.cells].flatMap(([name, x]) => {
          const here = kindOfCell(x), there = kindOfCell(ciCells.get(name));
          return here !== 'undecided' && here !== there ? [{ name, ci: matrixCell(ciCells.get(name)), here: matrixCell(x) }] : [];
        });
        const passed = results.find((x) => x.verdict.kind === 'passed');
        const cell: MatrixCellFigures = {
          ...base, status: timedOut ? 'timeout' : 'done', ...(timedOut ? { reason: `over ${secs(timeoutMs)} s` } : {}),
          distinct: passed?.counts?.distinct ?? r.seen, ...(passed?.counts?.depth !== undefined ? { depth: passed.counts.depth } : {}),
          ms: r.ms, cpuMs: r.cpuMs, violated, ...(undecided.length ? { undecided } : {}), covers, ...(differs.length ? { differs } : {}),
        };
        cells.push(cell);
        o.log(`  ${v.name} / ${scenario} (${cell.cpus}×${cell.tasks}×${cell.pools}): ${cell.status}, ${cell.distinct?.toLocaleString('en-US')} distinct, ${secs(cell.ms)} s; violated ${Object.entries(violated).map(([n, l]) => `${n} ${l}`).join(', ') || 'none'}${differs.length ? `; DIFFERS from CI: ${differs.map((d) => `${d.name} ${d.ci} → ${d.here}`).join(', ')}` : ''}`);
        await o.onCell?.(figures());
      }
    }
  }
  return figures();
}

/** Per size point: cells done / timed out / skipped, distinct states over the done cells, time over all. */
export function matrixTotals(sizes: readonly string[], cells: readonly MatrixCellFigures[]): MatrixFigures['totals'] {
  return sizes.map((size) => {
    const mine = cells.filter((c) => c.size === size);
    const done = mine.filter((c) => c.status === 'done');
    return {
      size, done: done.length, timeout: mine.filter((c) => c.status === 'timeout').length, skipped: mine.filter((c) => c.status === 'skipped').length,
      distinct: done.reduce((n, c) => n + (c.distinct ?? 0), 0), ms: mine.reduce((n, c) => n + (c.ms ?? 0), 0), cpuMs: mine.reduce((n, c) => n + (c.cpuMs ?? 0), 0),
    };
  });
}

/** The section as bench/results.json holds it. */
export type MatrixSection = MatrixFigures & { recordedAt: string; partial?: MatrixPartial; remeasured?: (MatrixPartial & { recordedAt: string; cells: string[] })[] };

/**
 * A `--configs` run of the section merged into the recorded one: its cells in place of the same
 * variant, scenario and size, every other cell kept, the totals recomputed over the merged cells,
 * (a cell the budget skipped keeps what was recorded), and a `remeasured` entry saying which cells, when, with what timeout and at what load (the
 * section's own timeout, budget and load describe the run that measured the other cells). A full
 * run replaces the section; its checkpoints (`onCell`) are merged like a `--configs` run.
 */
export function mergeMatrix(old: MatrixSection | undefined, fresh: MatrixSection | undefined): MatrixSection | undefined {
  if (!fresh?.partial) return fresh;
  const { partial, ...rest } = fresh;
  if (!old) return { ...rest, remeasured: [{ ...partial, recordedAt: rest.recordedAt, cells: rest.cells.map((c) => `${c.size}/${c.variant}/${c.scenario}`) }] };
  const key = (c: MatrixCellFigures) => `${c.size}/${c.variant}/${c.scenario}`;
  // A cell the budget skipped this time measured nothing: what was recorded for it stays.
  const ran = rest.cells.filter((c) => c.status !== 'skipped' || !old.cells.some((o) => key(o) === key(c)));
  const cells = mergeRows(old.cells, ran, key);
  // A run lists every size point; only one it measured cells of is new to the section.
  const sizes = [...old.sizes, ...rest.sizes.filter((s) => ran.some((c) => c.size === s.name) && !old.sizes.some((o) => o.name === s.name))];
  const entry = { ...partial, recordedAt: rest.recordedAt, cells: ran.map(key) };
  // The same run saved again (a checkpoint after each cell, then its end): one entry, the latest.
  const before = (old.remeasured ?? []).filter((r) => r.recordedAt !== entry.recordedAt);
  return { ...old, sizes, cells, totals: matrixTotals(sizes.map((s) => s.name), cells), remeasured: [...before, entry] };
}

/** A cell's verdicts in one line: `holds`, or each violated property with its trace length. */
export function cellVerdicts(c: MatrixCellFigures): string {
  if (c.status === 'skipped') return `skipped (${c.reason})`;
  const v = Object.entries(c.violated ?? {}).map(([n, l]) => `${n} ✗${l}`);
  const t = c.status === 'timeout' ? [`timeout (${c.undecided?.length ?? 0} undecided)`] : [];
  return [...v, ...t].join(', ') || 'holds';
}

export function matrixTables(f: MatrixFigures): string {
  const out: string[] = [];
  for (const s of f.sizes) {
    const mine = f.cells.filter((c) => c.size === s.name);
    out.push(`${s.name}:`, table(['variant / scenario', 'size', 'distinct', 's', 'CPU s', 'violated (trace length)', 'covers', 'vs CI matrix'], mine.map((c) => [
      `${c.variant} / ${c.scenario}`, `${c.cpus}×${c.tasks}×${c.pools}`,
      c.status === 'timeout' ? `≥${c.distinct?.toLocaleString('en-US')}` : c.distinct?.toLocaleString('en-US'),
      c.ms === undefined ? undefined : `${secs(c.ms)}${c.status === 'timeout' ? '+' : ''}`, secs(c.cpuMs),
      cellVerdicts(c), Object.entries(c.covers ?? {}).map(([n, w]) => `${n} ${w}`).join(', ') || undefined,
      c.differs ? c.differs.map((d) => `${d.name}: ${d.ci} → ${d.here}`).join(', ') : c.status === 'skipped' ? undefined : c.status === 'timeout' ? 'same so far' : 'same',
    ])));
  }
  out.push(table(['size', 'cells done', 'timed out', 'skipped', 'distinct (done cells)', 'wall s', 'CPU s'], f.totals.map((t) => [t.size, t.done, t.timeout, t.skipped, t.distinct.toLocaleString('en-US'), secs(t.ms), secs(t.cpuMs)])));
  out.push(`CI-sized matrix (for the comparison): ${secs(f.ciMs)} s; load average before ${f.loadBefore.join(' ')}, after ${f.loadAfter.join(' ')}; cell timeout ${f.cellTimeoutS} s, budget ${f.budgetS} s`);
  return out.join('\n');
}

/**
 * The README's summary: a row per scenario, per point the size as applied, the distinct states
 * over the variant rows (min–max; `≥` where a row timed out) and the time of all rows; then what
 * differs from the CI-sized matrix.
 */
export function matrixSummaryMarkdown(f: MatrixFigures): string {
  const scenarios = [...new Set(f.cells.map((c) => c.scenario))];
  const n = (x: number) => x.toLocaleString('en-US');
  const head = ['scenario', ...f.sizes.flatMap((s) => [`${s.name}: size`, 'distinct states (rows)', 's (rows)'])];
  const rows = scenarios.map((sc) => [`\`${sc}\``, ...f.sizes.flatMap((s) => {
    const mine = f.cells.filter((c) => c.size === s.name && c.scenario === sc);
    const ran = mine.filter((c) => c.status !== 'skipped');
    if (!ran.length) return ['–', 'skipped', '–'];
    const done = ran.filter((c) => c.status === 'done').map((c) => c.distinct ?? 0);
    const out = ran.filter((c) => c.status === 'timeout');
    const c0 = ran[0]!;
    const states = [done.length ? (Math.min(...done) === Math.max(...done) ? n(done[0]!) : `${n(Math.min(...done))}–${n(Math.max(...done))}`) : '', out.length ? `${out.length} timed out at ≥${n(Math.min(...out.map((c) => c.distinct ?? 0)))}` : '']
      .filter(Boolean).join('; ') + (mine.length > ran.length ? `; ${mine.length - ran.length} skipped` : '');
    return [`${c0.cpus}×${c0.tasks}×${c0.pools}`, states, secs(ran.reduce((t, c) => t + (c.ms ?? 0), 0))!];
  })]);
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  const differs = f.cells.filter((c) => c.differs?.length);
  return [
    line(head), line(head.map((_, i) => (i ? '---:' : '---'))), ...rows.map(line), '',
    differs.length
      ? `Verdicts that differ from the CI-sized matrix: ${differs.map((c) => `${c.variant} / ${c.scenario} at ${c.cpus}×${c.tasks}×${c.pools}: ${c.differs!.map((d) => `${d.name} ${d.ci} → ${d.here}`).join(', ')}`).join('; ')}.`
      : 'Every decided verdict is the CI-sized matrix\'s.',
  ].join('\n');
}
