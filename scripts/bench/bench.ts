/**
 * `npm run bench`: how fast the checkers are on the real models, how the DSL's TLA+ compares
 * with the PlusCal translation of the same algorithms, how the zswap models scale, and a
 * differential fuzzing campaign. Every run is bounded (per-config timeout, per-section budget,
 * and an overall deadline); what did not fit is marked, not waited for. Jobs run on a pool of
 * one slot per core, each single-threaded (TLC `-workers 1`, tla-checker's one WebAssembly
 * thread), except the workers comparison, which runs alone.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { fileURLToPath } from 'node:url';
import { compile } from '../../dsl/compile.js';
import type * as ir from '../../dsl/ir/nodes.js';
import { violatedName } from '../../dsl/check/outcome.js';
import { emitCfg } from '../../dsl/emit/cfg.js';
import { stateSpaceConfig } from '../../dsl/ir/config-variants.js';
import { jobFor, runPipeline } from '../../dsl/pipeline/run.js';
import type { CheckResult, Verdict } from '../../dsl/check/result.js';
import type { CheckJob } from '../../dsl/check/checker.js';
import { TLA_CHECKER_VERSION } from '../../dsl/check/tla-checker-session.js';
import { runJarTool, runTlc, tlcChecker, type TlcLookup, type TlcSetup } from '../../dsl/check/tlc.js';
import { SpanResolver } from '../../dsl/map/spans.js';
import { models as allModels } from '../../models/index.js';
import { peerModels } from '../../models/peer/index.js';
import type { Scenario } from '../../models/zswap/index.js';
import type { VariantName } from '../../models/zswap/variants.js';
import { benchCompiled, compiledTable, type CompiledRow } from './compiled-bench.js';
import { runCampaign, FIXTURES_DIR, type CampaignReport } from './fuzz.js';
import { runErrorCampaign, type ErrorCampaignReport } from './fuzz-errors.js';
import { tlcJudge, type JudgedCase } from './judged.js';
import { runLivenessCampaign, type LivenessCampaignReport } from './fuzz-liveness.js';
import { Pool } from './pool.js';
import { median, rate, ratio, secs, table } from './table.js';
import { fastTlcJvm } from './tlc-fast.js';
import { benchWatch, watchTable, type WatchFigures } from './watch-bench.js';
import { benchCheck, checkTable, type CheckFigures } from './check-bench.js';
import { benchBig, bigTable, type BigFigures } from './big-bench.js';
import { benchMatrix, matrixTables, mergeMatrix, type MatrixFigures, type MatrixSection } from './matrix-bench.js';
import { benchPor, benchThreads, porTable, threadsTable, type PorRow, type ThreadsFigures } from './compiled-options-bench.js';
import { pointName, zswapScalingModel, type ScalingPoint } from './zswap-scaling.js';
import { benchScale, scaleTables, type ScaleResults } from './scale-bench.js';
import { cellFilter, configFilter, loadAverage, mergeSection, type PartialRun, type Remeasured } from './configs.js';
import { removeWithRun } from './run-scope.js';

const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const SECTIONS = ['models', 'pcal', 'scaling', 'workers', 'threads', 'por', 'scale', 'fuzz', 'fuzz-errors', 'fuzz-liveness', 'watch', 'check', 'big', 'matrix'] as const;
/** What `npm run bench` runs when no `--only` is given: `big` (about 11 minutes of CPU) and `matrix` (about 40 minutes) only when asked. */
export const DEFAULT_SECTIONS: readonly Section[] = SECTIONS.filter((s) => s !== 'big' && s !== 'matrix');
export type Section = (typeof SECTIONS)[number];

export interface BenchOptions {
  readonly quick: boolean;
  readonly sections: readonly Section[];
  /** Fuzz models to try. */
  readonly fuzz: number;
  /** Error-path fuzz models to compare with TLC (section `fuzz-errors`). */
  readonly fuzzErrors: number;
  /** Temporal-property fuzz models to compare with TLC (section `fuzz-liveness`). */
  readonly fuzzLiveness: number;
  readonly seed: number;
  /** Per-config (per-run) timeout. */
  readonly timeoutMs: number;
  /** tla-checker explores at most this many states on configs TLC found bigger (0: no cap). */
  readonly tlaCheckerCap: number;
  /** Time for the scaling grid. */
  readonly scalingBudgetMs: number;
  /** Nothing new starts after this much time; the fuzz campaign stops early if it must. */
  readonly deadlineMs: number;
  readonly saveFixtures: boolean;
  /** Section `matrix`: one cell's timeout (60 s) and the section's own budget (50 minutes; the overall deadline does not apply, as to `big`). */
  readonly matrixCellTimeoutMs?: number;
  readonly matrixBudgetMs?: number;
  /** Jobs at a time (default: one per core, at most 2). */
  readonly jobs?: number;
  /** Sections `models` and `compiled`: only the configs these globs select (`Model/config`); section `matrix`: only these cells (`SIZE/variant/scenario`). The results file keeps the other rows. */
  readonly configs?: readonly string[];
  /** Section `matrix`: saves the section after each cell (the results file, merged). */
  readonly saveMatrix?: (m: MatrixSection) => Promise<void>;
  readonly log: (line: string) => void;
}

const describe = (v: Verdict): string => {
  if (v.kind === 'passed') return 'pass';
  if (v.kind === 'timeout') return 'timeout';
  if (v.kind === 'crashed' && /MaxStatesExceeded/.test(v.message)) return 'capped';
  const n = violatedName(v);
  return n ? `${v.kind === 'assert' ? 'assert ' : ''}${n}` : v.kind;
};
const expectText = (e: ir.Expectation) => (e.kind === 'pass' ? 'pass' : e.kind === 'deadlock' ? 'deadlock' : e.property);

async function tempDir(prefix: string): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), `zswap-tla-bench-${prefix}-`));
}

// ---------------------------------------------------------------------------------------------
// 1. Every config of every model

export interface RunFigures {
  readonly verdict: string;
  readonly ms: number;
  readonly distinct?: number;
  readonly depth?: number;
  readonly statesPerSec?: number;
  /** tla-checker stopped at the state cap (its rate is still measured). */
  readonly capped?: boolean;
}

export interface ModelRow {
  readonly model: string;
  readonly config: string;
  readonly expect: string;
  readonly emitMs: number;
  readonly tlc?: RunFigures;
  readonly tlaChecker?: RunFigures;
}

function figures(r: CheckResult, capped = false): RunFigures {
  const distinct = r.counts?.distinct;
  return {
    verdict: describe(r.verdict),
    ms: r.durationMs,
    ...(distinct !== undefined ? { distinct } : {}),
    ...(r.counts?.depth !== undefined ? { depth: r.counts.depth } : {}),
    ...(distinct ? { statesPerSec: rate(distinct, r.durationMs)! } : {}),
    ...(capped ? { capped } : {}),
  };
}

export async function benchModels(o: BenchOptions, tlc: TlcLookup, pool: Pool): Promise<ModelRow[]> {
  const keep = configFilter(o.configs);
  const chosen = (o.quick ? allModels.filter((m) => !m.name.startsWith('Zswap') || m.name === 'ZswapV13Fix') : allModels)
    .filter((m) => m.module.configs.some((c) => keep(m.name, c.name)));
  // Warm up ts-morph and the emitter once, so each model's emit time is its own.
  compile(chosen[0]!, new SpanResolver());
  const emitMs = new Map<string, number>();
  const artifacts = new Map(chosen.map((m) => {
    const t0 = performance.now();
    const a = compile(m, new SpanResolver());
    emitMs.set(m.name, performance.now() - t0);
    return [m, a] as const;
  }));
  const rows = chosen.flatMap((m) => m.module.configs.filter((c) => keep(m.name, c.name)).map(async (c): Promise<ModelRow> => {
    const check = (backend: 'tlc' | 'tla-checker', maxStates?: number) => pool.run(() => runPipeline(m, c.name, { backend, artifacts: artifacts.get(m)!, workers: 1, timeoutMs: o.timeoutMs, ...(maxStates ? { maxStates } : {}) }).then((r) => r.results[0]!));
    const t = tlc.found ? await check('tlc') : undefined;
    const tDistinct = t?.verdict.kind === 'passed' ? t.counts?.distinct : undefined;
    // With TLC, the cap spares tla-checker configs TLC has already counted. Without TLC,
    // tla-checker is the only checker: every config runs to the end (or the timeout).
    const cap = tlc.found && o.tlaCheckerCap > 0 && (tDistinct === undefined || tDistinct > o.tlaCheckerCap) ? o.tlaCheckerCap : undefined;
    const e = await check('tla-checker', cap);
    const row: ModelRow = {
      model: m.name, config: c.name, expect: expectText(c.expect), emitMs: Math.round(emitMs.get(m.name)!),
      ...(t ? { tlc: figures(t) } : {}),
      tlaChecker: figures(e, e.verdict.kind === 'crashed' && /MaxStatesExceeded/.test(e.verdict.message)),
    };
    o.log(`  ${m.name}/${c.name}: TLC ${t ? `${describe(t.verdict)} ${secs(t.durationMs)}s` : '–'}, tla-checker ${describe(e.verdict)} ${secs(e.durationMs)}s`);
    return row;
  }));
  return await Promise.all(rows);
}

export function modelsTable(rows: readonly ModelRow[]): string {
  return table(
    ['model/config', 'expect', 'verdict', 'emit ms', 'TLC s', 'tla-chk s', 'states TLC', 'states tla-chk', 'TLC st/s', 'tla-chk st/s', 'depth'],
    rows.map((r) => [
      `${r.model}/${r.config}`, r.expect, r.tlc?.verdict ?? r.tlaChecker?.verdict, r.emitMs,
      secs(r.tlc?.ms), r.tlaChecker ? `${secs(r.tlaChecker.ms)}${r.tlaChecker.verdict === 'timeout' ? '+' : ''}` : undefined,
      r.tlc?.distinct, r.tlaChecker?.capped ? `≥${r.tlaChecker.distinct} (cap)` : r.tlaChecker?.distinct,
      r.tlc?.statesPerSec, r.tlaChecker?.statesPerSec, r.tlc?.depth,
    ]),
  );
}

/**
 * TLC's count of the whole state space of `c` (invariants off) for the PlusCal translation in
 * `dir`, in a private copy. The translation is not an emitted module, so no `CheckJob` holds it:
 * TLC runs on it directly, with the DSL config's state-space variant printed as its cfg.
 */
async function countPcalStateSpace(tlc: TlcSetup, dir: string, m: ir.Module, c: ir.Config, o: { workers: number; timeoutMs: number }): Promise<CheckResult> {
  const work = await tempDir('space');
  try {
    await copyFile(path.join(dir, `${m.name}.tla`), path.join(work, `${m.name}.tla`));
    // pcal.trans defines no TypeOK (the DSL's state-space variant keeps it for tla-checker's sake): without it TLC counts the same space.
    await writeFile(path.join(work, 'space.cfg'), emitCfg(m, { ...stateSpaceConfig(c), checkTypeOk: false }));
    return await runTlc(tlc, work, m.name, 'space.cfg', c.name, o);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// 2. DSL vs PlusCal (pcal.trans), TLC workers 1

export interface PcalRow {
  readonly config: string;
  readonly expect: string;
  readonly dsl: { readonly verdict: string; readonly distinct?: number; readonly ms: number; readonly runs: readonly number[] };
  readonly pcal: { readonly verdict: string; readonly distinct?: number; readonly ms: number; readonly runs: readonly number[] };
  /** `check` when both passed (the check explored everything), else `state space` (invariants off). */
  readonly countedBy: 'check' | 'state space';
  readonly statesRatio?: number;
  readonly timeRatio?: number;
}

export async function benchPcal(o: BenchOptions, tlc: TlcSetup, pool: Pool): Promise<PcalRow[]> {
  const fixtures = path.join(PROJECT_ROOT, 'test/fixtures/pcal');
  const pcalDir = await tempDir('pcal');
  // Sub-second runs are mostly JVM start-up: the median of five damps its noise.
  const reps = o.quick ? 1 : 5;
  try {
    for (const f of await readdir(fixtures)) await copyFile(path.join(fixtures, f), path.join(pcalDir, f));
    const dslArtifacts = new Map(peerModels.map((m) => [m, compile(m, new SpanResolver())] as const));
    await Promise.all(peerModels.map((m) => pool.run(async () => {
      const r = await runJarTool(tlc, 'pcal.trans', ['-nocfg', `${m.name}.tla`], { cwd: pcalDir });
      if (r.exitCode !== 0 || !/Translation completed/.test(r.output)) throw new Error(`pcal.trans ${m.name}.tla failed:\n${r.output}`);
    })));
    const rows: PcalRow[] = [];
    const opts = { workers: 1, timeoutMs: o.timeoutMs } as const;
    for (const m of peerModels) {
      for (const c of m.module.configs) {
        const cfgFile = `${m.name}.${c.name}.cfg`;
        const dslJob = jobFor(dslArtifacts.get(m)!, m.module, c);
        const dslRuns: CheckResult[] = [];
        const pcalRuns: CheckResult[] = [];
        // Both sides at the same time, one per core: they run under the same load.
        for (let i = 0; i < reps; i++) {
          const [d, p] = await Promise.all([
            pool.run(() => tlcChecker.check(dslJob, opts)),
            // The PlusCal side is pcal.trans's module with its own cfg, not a `CheckJob`: TLC directly.
            pool.run(() => runTlc(tlc, pcalDir, m.name, cfgFile, c.name, opts)),
          ]);
          dslRuns.push(d);
          pcalRuns.push(p);
        }
        const bothPassed = dslRuns[0]!.verdict.kind === 'passed' && pcalRuns[0]!.verdict.kind === 'passed';
        const [dc, pc] = bothPassed ? [dslRuns[0]!, pcalRuns[0]!] : await Promise.all([
          pool.run(() => tlcChecker.check(jobFor(dslArtifacts.get(m)!, m.module, stateSpaceConfig(c)), opts)),
          pool.run(() => countPcalStateSpace(tlc, pcalDir, m.module, c, opts)),
        ]);
        const side = (runs: CheckResult[], count: CheckResult) => ({
          verdict: describe(runs[0]!.verdict),
          ...(count.counts?.distinct !== undefined ? { distinct: count.counts.distinct } : {}),
          ms: median(runs.map((r) => r.durationMs)),
          runs: runs.map((r) => r.durationMs),
        });
        const dsl = side(dslRuns, dc);
        const pcal = side(pcalRuns, pc);
        const statesRatio = dsl.distinct !== undefined && pcal.distinct ? Number((dsl.distinct / pcal.distinct).toFixed(3)) : undefined;
        rows.push({
          config: `${m.name}/${c.name}`, expect: expectText(c.expect), dsl, pcal, countedBy: bothPassed ? 'check' : 'state space',
          ...(statesRatio !== undefined ? { statesRatio } : {}), timeRatio: Number((dsl.ms / pcal.ms).toFixed(3)),
        });
        o.log(`  ${m.name}/${c.name}: DSL ${dsl.distinct} states ${secs(dsl.ms)}s, PlusCal ${pcal.distinct} states ${secs(pcal.ms)}s`);
      }
    }
    return rows;
  } finally {
    await rm(pcalDir, { recursive: true, force: true });
  }
}

export function pcalTable(rows: readonly PcalRow[]): string {
  const body = table(
    ['config', 'expect', 'DSL verdict', 'PlusCal verdict', 'DSL states', 'PlusCal states', 'states ratio', 'DSL s', 'PlusCal s', 'time ratio', 'counted by'],
    rows.map((r) => [r.config, r.expect, r.dsl.verdict, r.pcal.verdict, r.dsl.distinct, r.pcal.distinct, r.statesRatio?.toFixed(2), secs(r.dsl.ms), secs(r.pcal.ms), r.timeRatio?.toFixed(2), r.countedBy]),
  );
  const sumD = rows.reduce((s, r) => s + r.dsl.ms, 0);
  const sumP = rows.reduce((s, r) => s + r.pcal.ms, 0);
  const states = rows.every((r) => r.statesRatio === 1) ? '1.00 on every config' : `min ${Math.min(...rows.map((r) => r.statesRatio ?? NaN)).toFixed(2)}, max ${Math.max(...rows.map((r) => r.statesRatio ?? NaN)).toFixed(2)}`;
  return `${body}\nstates ratio DSL/PlusCal: ${states} (target 1.00); time ratio over all configs: ${ratio(sumD, sumP)} (target ≤ 1.05)`;
}

// ---------------------------------------------------------------------------------------------
// 3. zswap scaling: CPUs × tasks, with and without SYMMETRY on CPUS

export interface ScalingRow extends ScalingPoint {
  readonly variant: VariantName;
  readonly scenario: Scenario;
  readonly status: 'done' | 'timeout' | 'skipped';
  readonly reason?: string;
  readonly verdict?: string;
  readonly distinct?: number;
  readonly depth?: number;
  readonly ms?: number;
  readonly statesPerSec?: number;
}

export interface ScalingSpec { readonly variant: VariantName; readonly scenario: Scenario; readonly cpus: readonly number[]; readonly tasks: readonly number[] }

export function scalingSpecs(quick: boolean): ScalingSpec[] {
  return quick
    ? [{ variant: 'v13-fix', scenario: 'hotplug', cpus: [2, 3], tasks: [1, 2] }, { variant: 'v13', scenario: 'alloc-fail', cpus: [2, 3], tasks: [1] }]
    : [{ variant: 'v13-fix', scenario: 'hotplug', cpus: [2, 3, 4], tasks: [1, 2, 3] }, { variant: 'v13', scenario: 'alloc-fail', cpus: [2, 3, 4], tasks: [1, 2, 3] }];
}

export async function benchScaling(o: BenchOptions, tlc: TlcLookup, pool: Pool, specs = scalingSpecs(o.quick)): Promise<ScalingRow[]> {
  const deadline = performance.now() + o.scalingBudgetMs;
  const rows: ScalingRow[] = [];
  const all: Promise<void>[] = [];
  for (const [si, spec] of specs.entries()) {
    const points: ScalingPoint[] = spec.cpus.flatMap((cpus) => spec.tasks.flatMap((tasks) => [false, true].map((symmetry) => ({ cpus, tasks, symmetry }))));
    const m = zswapScalingModel(spec.variant, spec.scenario, points);
    const artifacts = compile(m, new SpanResolver());
    const done = new Map<string, Promise<ScalingRow>>();
    // Small points first, over every variant (the pool starts the cheapest waiting job). A point
    // waits for its smaller neighbours; it is skipped when one of them did not finish, or when
    // their counts predict it cannot finish in the time left.
    const cost = (p: ScalingPoint) => p.cpus * p.tasks * 10 + p.cpus + (p.symmetry ? 0 : 0.5) + si * 0.01;
    for (const p of [...points].sort((a, b) => cost(a) - cost(b))) {
      const at = (c: number, t: number) => done.get(pointName({ ...p, cpus: c, tasks: t }));
      const preds = [at(p.cpus - 1, p.tasks), at(p.cpus, p.tasks - 1)].filter((x): x is Promise<ScalingRow> => !!x);
      const diagonal = at(p.cpus - 1, p.tasks - 1);
      const job = (async (): Promise<ScalingRow> => {
        const base = { ...p, variant: spec.variant, scenario: spec.scenario };
        const before = await Promise.all(preds);
        const blocked = before.find((b) => b.status !== 'done');
        if (blocked) return { ...base, status: 'skipped', reason: `${pointName(blocked)} ${blocked.status === 'timeout' ? 'timed out' : 'was skipped'}` };
        if (!tlc.found && (p.cpus > 2 || p.tasks > 1)) return { ...base, status: 'skipped', reason: 'tla-checker only: too slow for bigger configs' };
        const predicted = predictMs(before, diagonal ? await diagonal : undefined);
        return pool.run(async () => {
          const left = deadline - performance.now();
          if (left < 5_000) return { ...base, status: 'skipped', reason: 'scaling budget used up' };
          if (predicted !== undefined && predicted > Math.min(o.timeoutMs, left)) return { ...base, status: 'skipped', reason: `predicted ~${secs(predicted)}s, ${secs(Math.min(o.timeoutMs, left))}s left` };
          const timeoutMs = Math.min(o.timeoutMs, left);
          const r = (await runPipeline(m, pointName(p), { backend: tlc.found ? 'tlc' : 'tla-checker', artifacts, workers: 1, timeoutMs })).results[0]!;
          const row: ScalingRow = r.verdict.kind === 'timeout'
            ? { ...base, status: 'timeout', reason: `over ${secs(timeoutMs)}s`, ms: r.durationMs }
            : {
              ...base, status: 'done', verdict: describe(r.verdict), ms: r.durationMs,
              ...(r.counts?.distinct !== undefined ? { distinct: r.counts.distinct, statesPerSec: rate(r.counts.distinct, r.durationMs)! } : {}),
              ...(r.counts?.depth !== undefined ? { depth: r.counts.depth } : {}),
            };
          o.log(`  ${spec.variant} ${spec.scenario} ${pointName(p)}: ${row.status === 'done' ? `${row.verdict}, ${row.distinct} states, ${secs(row.ms)}s` : `${row.status} (${row.reason})`}`);
          return row;
        }, cost(p));
      })();
      done.set(pointName(p), job);
      all.push(job.then((r) => {
        if (r.status === 'skipped') o.log(`  ${spec.variant} ${spec.scenario} ${pointName(p)}: skipped (${r.reason})`);
        rows.push(r);
      }));
    }
  }
  await Promise.all(all);
  const key = (r: ScalingRow) => `${r.variant} ${r.cpus} ${r.tasks} ${Number(r.symmetry)}`;
  return rows.sort((a, b) => key(a).localeCompare(key(b)));
}

/**
 * Time a passing point will take, from its neighbours that passed: states grow by the same
 * factor along each axis (s(c,t) ≈ s(c-1,t) · s(c,t-1) / s(c-1,t-1)), at the faster neighbour's rate.
 */
function predictMs(preds: readonly ScalingRow[], diagonal: ScalingRow | undefined): number | undefined {
  if (preds.length !== 2 || !diagonal || [...preds, diagonal].some((r) => r.verdict !== 'pass' || !r.distinct || !r.statesPerSec)) return undefined;
  const states = (preds[0]!.distinct! * preds[1]!.distinct!) / diagonal.distinct!;
  return (states / Math.max(...preds.map((r) => r.statesPerSec!))) * 1000;
}

/** Symmetry reduction: distinct states without / with SYMMETRY CPUS (both explored to the end). */
export function reduction(rows: readonly ScalingRow[], r: ScalingRow): number | undefined {
  const twin = rows.find((x) => x.variant === r.variant && x.cpus === r.cpus && x.tasks === r.tasks && x.symmetry !== r.symmetry);
  const [plain, sym] = r.symmetry ? [twin, r] : [r, twin];
  if (plain?.verdict !== 'pass' || sym?.verdict !== 'pass' || !plain.distinct || !sym.distinct) return undefined;
  return Number((plain.distinct / sym.distinct).toFixed(2));
}

export function scalingTable(rows: readonly ScalingRow[]): string {
  const pairs = rows.filter((r) => !r.symmetry);
  return table(
    ['variant (scenario)', 'CPUs', 'tasks', 'verdict', 'states', 's', 'states sym', 's sym', 'sym reduction', 'depth'],
    pairs.map((r) => {
      const s = rows.find((x) => x.variant === r.variant && x.cpus === r.cpus && x.tasks === r.tasks && x.symmetry);
      const cell = (x: ScalingRow | undefined, f: 'distinct' | 'ms') => (x?.status === 'done' ? (f === 'ms' ? secs(x.ms) : x.distinct) : x?.status === 'timeout' ? `>${secs(x.ms)}s` : x ? 'skipped' : undefined);
      return [`${r.variant} (${r.scenario})`, r.cpus, r.tasks, r.verdict ?? s?.verdict, cell(r, 'distinct'), cell(r, 'ms'), cell(s, 'distinct'), cell(s, 'ms'), reduction(rows, r)?.toFixed(2), r.depth ?? s?.depth];
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// 4. TLC -workers 1 vs -workers auto

export interface WorkersResult {
  readonly config: string;
  readonly distinct?: number;
  readonly one: { readonly ms: number; readonly distinct?: number; readonly verdict: string };
  readonly auto: { readonly ms: number; readonly distinct?: number; readonly verdict: string };
  readonly cores: number;
  readonly speedup: number;
}

/** On the largest scaling config that finished within `maxMs` with one worker. */
export async function benchWorkers(o: BenchOptions, scaling: readonly ScalingRow[], maxMs: number): Promise<WorkersResult | undefined> {
  const pick = [...scaling].filter((r) => r.status === 'done' && r.verdict === 'pass' && (r.ms ?? Infinity) <= maxMs).sort((a, b) => (b.distinct ?? 0) - (a.distinct ?? 0))[0];
  if (!pick) return undefined;
  const m = zswapScalingModel(pick.variant, pick.scenario, [pick]);
  const artifacts = compile(m, new SpanResolver());
  const run = async (workers: number | 'auto') => (await runPipeline(m, pointName(pick), { backend: 'tlc', artifacts, workers, timeoutMs: o.timeoutMs })).results[0]!;
  const one = await run(1);
  const auto = await run('auto');
  const side = (r: CheckResult) => ({ ms: r.durationMs, verdict: describe(r.verdict), ...(r.counts?.distinct !== undefined ? { distinct: r.counts.distinct } : {}) });
  return { config: `${m.name}/${pointName(pick)} (${pick.scenario})`, ...(pick.distinct ? { distinct: pick.distinct } : {}), one: side(one), auto: side(auto), cores: os.cpus().length, speedup: Number((one.durationMs / auto.durationMs).toFixed(2)) };
}

export function workersTable(w: WorkersResult): string {
  return table(['config', 'workers', 'verdict', 'states', 's', 'speedup'], [
    [w.config, '1', w.one.verdict, w.one.distinct, secs(w.one.ms), '1.00'],
    [w.config, `auto (${w.cores} cores)`, w.auto.verdict, w.auto.distinct, secs(w.auto.ms), w.speedup.toFixed(2)],
  ]);
}

// ---------------------------------------------------------------------------------------------
// 5. Differential fuzzing

export async function benchFuzz(o: BenchOptions, tlc: TlcLookup, deadline: number): Promise<CampaignReport & { cds?: boolean; stoppedEarly: boolean }> {
  const jvm = tlc.found ? await fastTlcJvm(tlc) : undefined;
  try {
    let n = 0;
    const rep = await runCampaign({
      count: o.fuzz, seed: o.seed, lanes: o.jobs ?? (os.cpus().length >= 2 ? 2 : 1), deadline,
      ...(tlc.found ? { tlc, jvmArgs: jvm!.jvmArgs } : {}),
      timeoutMs: 60_000, save: o.saveFixtures, fixturesDir: FIXTURES_DIR,
      onCase: (r) => {
        n++;
        if (r.status !== 'agree') o.log(`  fuzz #${n} ${r.d.name}: ${r.status}${r.knownIssue ? ` (${r.knownIssue})` : ''}${r.status === 'disagree' ? `: ${r.detail}` : ''}`);
        else if (n % 50 === 0) o.log(`  fuzz: ${n} models tried`);
      },
    });
    return { ...rep, ...(jvm ? { cds: jvm.cds } : {}), stoppedEarly: rep.tried < o.fuzz };
  } finally {
    await jvm?.cleanup();
  }
}

export function fuzzSummary(r: CampaignReport & { stoppedEarly: boolean }, wanted: number): string {
  const lines = [
    `models tried: ${r.tried}${r.stoppedEarly ? ` (of ${wanted}: stopped at the deadline)` : ''}, skipped as too big: ${r.skipped}, checkers: ${r.withTlc ? 'TLC + compiled + tla-checker + independent evaluation' : 'compiled + tla-checker + independent evaluation (no TLC)'}, ${secs(r.ms)}s`,
    `agreed: ${r.agreed} (verdicts: ${Object.entries(r.verdicts).map(([k, v]) => `${k} ${v}`).join(', ')})`,
    `models with a variable of each sort: ${Object.entries(r.sorts ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `models with each form: ${Object.entries(r.forms ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ')}`,
    `disagreements: ${r.disagreements.length + Object.values(r.known).reduce((a, b) => a + b, 0)} (new, shrunk and saved: ${r.disagreements.length}; known issues seen again: ${Object.values(r.known).reduce((a, b) => a + b, 0)})`,
    `new disagreements: ${r.disagreements.length}${r.disagreements.map((d) => `\n  - ${d.issue}: ${d.wrong} wrong; ${d.detail}${d.fixture ? ` → ${path.relative(PROJECT_ROOT, d.fixture)}` : ''}`).join('')}`,
    `known disagreements seen again: ${Object.entries(r.known).map(([k, v]) => `${k} ×${v}`).join(', ') || 'none'}`,
    `DSL build errors: ${r.buildErrors.length}${r.buildErrors.map((b) => `\n  - ${b.name}: ${b.detail.split('\n')[0]}`).join('')}`,
  ];
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// 5b, 5c. Differential fuzzing judged by TLC: the error paths (TLC alone), temporal properties (with the independent evaluation, and TLC where found)

/** `tlc`: its version, or `none` (a campaign the evaluation judges alone). */
type Judged<R> = (R & { stoppedEarly: boolean; tlc: string }) | { skipped: string };
export type FuzzErrorsFigures = Judged<ErrorCampaignReport>;
export type FuzzErrorsSection = FuzzErrorsFigures & { recordedAt: string };
export type FuzzLivenessFigures = Judged<LivenessCampaignReport>;

/**
 * A campaign judged by TLC (`name`: its section, `what`: what it fuzzes): without TLC, skipped
 * when TLC is its only judge (`alone`), else run without it; TLC started fast (`fastTlcJvm`) and
 * cleaned up after; each disagreement and every 50th model logged.
 */
async function judgedCampaign<R extends { tried: number }>(
  o: BenchOptions, tlc: TlcLookup, name: string, what: string, wanted: number, alone: boolean,
  run: (c: { tlc?: (job: CheckJob) => Promise<CheckResult>; onCase: (r: JudgedCase, n: number) => void; save: boolean; tlcVersion?: string }) => Promise<R>,
): Promise<Judged<R>> {
  if (!tlc.found && alone) return { skipped: `TLC not found (${tlc.reason}): ${what} are judged by TLC alone` };
  const jvm = tlc.found ? await fastTlcJvm(tlc) : undefined;
  try {
    const rep = await run({
      ...(jvm ? { tlc: tlcJudge({ jvmArgs: jvm.jvmArgs, timeoutMs: 60_000 }) } : {}), save: o.saveFixtures, ...(tlc.found && tlc.version ? { tlcVersion: tlc.version } : {}),
      onCase: (r, n) => {
        if (r.status === 'disagree' || r.status === 'build-error') o.log(`  ${name} #${n} ${r.d.name}: ${r.status}: ${r.detail?.split('\n')[0]}`);
        else if (n % 50 === 0) o.log(`  ${name}: ${n} models compared`);
      },
    });
    return { ...rep, stoppedEarly: rep.tried < wanted, tlc: tlc.found ? tlc.version ?? 'unknown' : 'none' };
  } finally {
    await jvm?.cleanup();
  }
}

export const benchFuzzErrors = (o: BenchOptions, tlc: TlcLookup, deadline: number): Promise<FuzzErrorsFigures> => judgedCampaign(o, tlc, 'fuzz-errors', 'the error paths', o.fuzzErrors, true,
  // `alone`: run only with TLC.
  (c) => runErrorCampaign({ ...c, tlc: c.tlc!, count: o.fuzzErrors, seed: o.seed, deadline, timeoutMs: 60_000 }));

export const benchFuzzLiveness = (o: BenchOptions, tlc: TlcLookup, deadline: number): Promise<FuzzLivenessFigures> => judgedCampaign(o, tlc, 'fuzz-liveness', 'temporal properties', o.fuzzLiveness, false,
  (c) => runLivenessCampaign({ ...c, count: o.fuzzLiveness, seed: o.seed, deadline, timeoutMs: 60_000 }));

const list = (o: Record<string, number>) => Object.entries(o).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k} ${v}`).join(', ') || 'none';
const comparedLine = (r: { tried: number; stoppedEarly: boolean; tooBig: number; tlc: string; ms: number }, wanted: number, evaluated = false) =>
  `models compared: ${r.tried}${r.stoppedEarly ? ` (of ${wanted}: stopped at the deadline)` : ''}, skipped (too big, or a checker out of time): ${r.tooBig}, compiled against ${
    evaluated ? `the independent evaluation${r.tlc === 'none' ? ' (TLC not found)' : ` and TLC ${r.tlc} (one worker)`}` : `TLC ${r.tlc} (one worker)`}, ${secs(r.ms)}s`;
const disagreementLines = (ds: readonly { model: string; reducedFrom: string; detail: string; fixture?: string }[]) =>
  ds.map((d) => `\n  - ${d.model} (reduced from ${d.reducedFrom}): ${d.detail}${d.fixture ? ` → ${path.relative(PROJECT_ROOT, d.fixture)}` : ''}`).join('');
const buildErrorLine = (bs: readonly { name: string; detail: string }[]) => `DSL build errors: ${bs.length}${bs.map((b) => `\n  - ${b.name}: ${b.detail.split('\n')[0]}`).join('')}`;

export function fuzzErrorsSummary(r: FuzzErrorsFigures, wanted: number): string {
  if ('skipped' in r) return `skipped: ${r.skipped}`;
  return [
    comparedLine(r, wanted),
    `the same verdict, message, frames, trace and counts (distinct, generated): ${r.agreed}; the compiled verifier's verdicts: ${list(r.verdicts)}`,
    `models with each guard taken away: ${list(r.unguarded)}; built shared: ${r.shared}`,
    `known differences: ${list(r.known)}`,
    `new disagreements: ${r.disagreements.length}${disagreementLines(r.disagreements)}`,
    `new disagreements of a kind already met: ${list(r.again)}; reduced to a saved fixture: ${list(r.toFixture)}`,
    buildErrorLine(r.buildErrors),
  ].join('\n');
}

export function fuzzLivenessSummary(r: FuzzLivenessFigures, wanted: number): string {
  if ('skipped' in r) return `skipped: ${r.skipped}`;
  return [
    comparedLine(r, wanted, true),
    `the same verdict and count, and each lasso a fair behaviour violating the property: ${r.agreed}; the compiled verifier's verdicts: ${list(r.verdicts)}`,
    `models with each property and fairness: ${list(r.forms)}; by distinct states: ${list(r.sizes)}`,
    `disagreements: ${r.disagreements.length}${disagreementLines(r.disagreements)}; of a kind already met: ${list(r.again)}; reduced to a saved fixture: ${list(r.toFixture)}`,
    buildErrorLine(r.buildErrors),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The whole bench

export interface BenchResults extends RunHeader {
  /** Runs since the one the header describes that measured only some sections or configs (see `saveResults`), oldest first. */
  partialRuns?: RunHeader[];
  models?: { rows: ModelRow[]; recordedAt: string; partial?: PartialRun; remeasured?: Remeasured[] };
  compiled?: { rows: CompiledRow[]; recordedAt: string; partial?: PartialRun; remeasured?: Remeasured[] };
  pcal?: { rows: PcalRow[]; recordedAt: string } | { skipped: string };
  scaling?: { rows: (ScalingRow & { symmetryReduction?: number })[]; recordedAt: string };
  workers?: (WorkersResult & { recordedAt: string }) | { skipped: string };
  scale?: ScaleResults & { recordedAt: string };
  fuzz?: (CampaignReport & { stoppedEarly: boolean; recordedAt: string });
  'fuzz-errors'?: FuzzErrorsSection;
  'fuzz-liveness'?: FuzzLivenessFigures & { recordedAt: string };
  watch?: WatchFigures & { recordedAt: string };
  check?: CheckFigures & { recordedAt: string };
  big?: BigFigures & { recordedAt: string };
  matrix?: MatrixSection;
  threads?: ThreadsFigures & { recordedAt: string };
  por?: { rows: PorRow[]; recordedAt: string };
}

/** What a run says of itself: the file's header, or an entry of `partialRuns`. */
export interface RunHeader {
  machine: { cpus: number; cpuModel: string; node: string; java?: string; tlcJar?: string; tlaChecker: string; platform: string };
  recordedAt: string;
  options: { quick: boolean; timeoutS: number; tlaCheckerCap: number; seed: number; fuzz: number; fuzzErrors?: number; fuzzLiveness?: number };
  tlc: string;
  totalMs: number;
  /** The sections it ran, and with `--configs` the globs (absent in files written before 2026-12-06). */
  sections?: readonly Section[];
  configs?: readonly string[];
}

export async function runBench(o: BenchOptions, tlc: TlcLookup): Promise<BenchResults> {
  const started = performance.now();
  const deadline = started + o.deadlineMs;
  const pool = new Pool(o.jobs ?? Math.max(1, Math.min(2, os.cpus().length)));
  const on = (s: Section) => o.sections.includes(s);
  const now = () => new Date().toISOString();
  let java: string | undefined;
  if (tlc.found) {
    const v = await execa(tlc.java, ['-version'], { reject: false, all: true });
    java = (v.all ?? '').split('\n')[0];
  }
  const res: BenchResults = {
    machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? '?', node: process.version, ...(java ? { java } : {}), ...(tlc.found ? { tlcJar: tlc.jar } : {}), tlaChecker: TLA_CHECKER_VERSION, platform: `${os.platform()} ${os.arch()}` },
    recordedAt: now(),
    options: { quick: o.quick, timeoutS: o.timeoutMs / 1000, tlaCheckerCap: o.tlaCheckerCap, seed: o.seed, fuzz: o.fuzz, fuzzErrors: o.fuzzErrors, fuzzLiveness: o.fuzzLiveness },
    tlc: tlc.found ? `TLC: ${tlc.java} -cp ${tlc.jar}` : `TLC not found (${tlc.reason}): tla-checker only`,
    totalMs: 0,
    ...(o.configs ? { configs: o.configs } : {}),
  };
  // The checkers this run has; each section's heading says which of them it runs.
  o.log(tlc.found ? `checkers: TLC (${tlc.jar}), the compiled verifier and tla-checker ${TLA_CHECKER_VERSION}` : `checkers: the compiled verifier and tla-checker ${TLA_CHECKER_VERSION} — TLC not found: ${tlc.reason}`);
  o.log(`cores: ${os.cpus().length}; jobs run ${pool.size} at a time, each on one thread\n`);

  if (on('models')) {
    const capText = !tlc.found ? '; tla-checker only, every config to the end' : o.tlaCheckerCap ? `; tla-checker capped at ${o.tlaCheckerCap} states where TLC found more` : '';
    o.log(`== every config of every model (TLC -workers 1${capText}; timeout ${o.timeoutMs / 1000}s)`);
    // --configs: the load around each section is recorded with the rows it re-measured (configs.ts).
    const partial = (loadBefore: number[]) => (o.configs ? { partial: { configs: o.configs, loadBefore, loadAfter: loadAverage(), tlaCheckerCap: o.tlaCheckerCap } } : {});
    let load = loadAverage();
    const rows = await benchModels(o, tlc, pool);
    res.models = { rows, recordedAt: now(), ...partial(load) };
    o.log(`\n${modelsTable(rows)}\n`);
    o.log('== compiled backend vs TLC -workers 1 vs tla-checker, per zswap config (compiled and TLC one at a time)');
    load = loadAverage();
    res.compiled = { rows: await benchCompiled(o, tlc, rows), recordedAt: now(), ...partial(load) };
    o.log(`\n${compiledTable(res.compiled.rows)}\n`);
  }
  if (on('pcal')) {
    if (tlc.found) {
      o.log('== DSL vs PlusCal translation (pcal.trans), TLC -workers 1');
      const rows = await benchPcal(o, tlc, pool);
      res.pcal = { rows, recordedAt: now() };
      o.log(`\n${pcalTable(rows)}\n`);
    } else {
      res.pcal = { skipped: 'needs TLC (pcal.trans and the translated specs)' };
      o.log('== DSL vs PlusCal: skipped, needs TLC\n');
    }
  }
  let scaling: ScalingRow[] = [];
  if (on('scaling')) {
    o.log(`== zswap scaling (${tlc.found ? 'TLC -workers 1' : 'tla-checker'}; per-config timeout ${o.timeoutMs / 1000}s, budget ${o.scalingBudgetMs / 1000}s)`);
    scaling = await benchScaling(o, tlc, pool);
    res.scaling = { rows: scaling.map((r) => ({ ...r, ...(reduction(scaling, r) !== undefined ? { symmetryReduction: reduction(scaling, r)! } : {}) })), recordedAt: now() };
    o.log(`\n${scalingTable(scaling)}\n`);
  }
  if (on('workers')) {
    if (!tlc.found) res.workers = { skipped: 'needs TLC' };
    else {
      if (!scaling.length) scaling = await benchScaling({ ...o, scalingBudgetMs: 60_000 }, tlc, pool, [{ variant: 'v13-fix', scenario: 'hotplug', cpus: [2, 3], tasks: [1] }]);
      o.log('== TLC -workers 1 vs -workers auto (alone on the machine)');
      const w = await benchWorkers(o, scaling, o.quick ? 15_000 : 45_000);
      res.workers = w ? { ...w, recordedAt: now() } : { skipped: 'no scaling config finished' };
      o.log(w ? `\n${workersTable(w)}\n` : 'skipped: no scaling config finished\n');
    }
  }
  if (on('threads')) {
    o.log(`== the compiled verifier: one thread vs --workers auto (alternating, alone on the machine)${tlc.found ? ', and TLC -workers 1 and auto on the same config' : ''}`);
    const t = await benchThreads(o.log, o.quick, tlc);
    res.threads = { ...t, recordedAt: now() };
    o.log(`\n${threadsTable(t)}\n`);
  }
  if (on('por')) {
    o.log('== the compiled verifier: partial-order reduction (--por) on every safety config');
    const rows = await benchPor(o.log);
    res.por = { rows, recordedAt: now() };
    o.log(`\n${porTable(rows)}\n`);
  }
  if (on('scale')) {
    o.log('== past exhaustive search and one process: scaling table, and time to the first violation (one run at a time)');
    const s = await benchScale(o, tlc);
    res.scale = { ...s, recordedAt: now() };
    o.log(`\n${scaleTables(s)}\n`);
  }
  if (on('fuzz') && o.fuzz > 0) {
    o.log(`== differential fuzzing: ${o.fuzz} models, seed ${o.seed}`);
    const f = await benchFuzz(o, tlc, deadline);
    res.fuzz = { ...f, recordedAt: now() };
    o.log(`\n${fuzzSummary(f, o.fuzz)}\n`);
  }
  if (on('fuzz-errors') && o.fuzzErrors > 0) {
    o.log(`== differential fuzzing of the error paths against TLC: ${o.fuzzErrors} models, seed ${o.seed}`);
    const f = await benchFuzzErrors(o, tlc, deadline);
    res['fuzz-errors'] = { ...f, recordedAt: now() };
    o.log(`\n${fuzzErrorsSummary(f, o.fuzzErrors)}\n`);
  }
  if (on('fuzz-liveness') && o.fuzzLiveness > 0) {
    o.log(`== differential fuzzing of temporal properties under fairness against the independent evaluation${tlc.found ? ' and TLC' : ' (TLC not found)'}: ${o.fuzzLiveness} models, seed ${o.seed}`);
    const f = await benchFuzzLiveness(o, tlc, deadline);
    res['fuzz-liveness'] = { ...f, recordedAt: now() };
    o.log(`\n${fuzzLivenessSummary(f, o.fuzzLiveness)}\n`);
  }
  if (on('watch')) {
    // Alone on the machine (after the pool's jobs): a save's latency is what is measured.
    o.log('== watch: save → result for a one-model project (type-check on, embedded checkers)');
    const w = await benchWatch({ saves: o.quick ? 4 : 8, pauseMs: 6000, log: o.log });
    res.watch = { ...w, recordedAt: now() };
    o.log(`\n${watchTable(w)}\n`);
  }
  if (on('check')) {
    // Alone on the machine, like watch: the README's first command, timed whole.
    o.log('== npm run check with no TLC: --jobs 1 and --jobs auto, alternating');
    const c = await benchCheck({ rounds: o.quick ? 1 : 3, log: o.log });
    res.check = { ...c, recordedAt: now() };
    o.log(`\n${checkTable(c)}\n`);
  }
  if (on('big')) {
    o.log('== the compiled verifier at 10^7 states (alone on the machine)');
    const b = await benchBig(o.log);
    res.big = { ...b, recordedAt: now() };
    o.log(`\n${bigTable(b)}\n`);
  }
  if (on('matrix')) {
    // One search at a time, alone on the machine; each cell is cut at its timeout, the section at its budget.
    const cellTimeoutMs = o.matrixCellTimeoutMs ?? 60_000, budgetMs = o.matrixBudgetMs ?? 50 * 60_000;
    o.log(`== the zswap verdict matrix at larger sizes (compiled verifier, every property alone; cell timeout ${cellTimeoutMs / 1000} s, budget ${secs(budgetMs)} s${o.configs ? `; only ${o.configs.join(', ')}` : ''})`);
    // --configs: globs over SIZE/variant/scenario (`2x2x2/v13-fix/hotplug`); the other cells stay as recorded (mergeMatrix).
    const keep = o.configs ? cellFilter(o.configs) : undefined;
    const recordedAt = now();
    const partialOf = (f: MatrixFigures, configs: readonly string[]) => ({ configs, cellTimeoutS: f.cellTimeoutS, budgetS: f.budgetS, loadBefore: f.loadBefore, loadAfter: f.loadAfter });
    // Each cell saved as it finishes (merged like a --configs run): hours of cells are not lost with the process.
    const onCell = o.saveMatrix ? (f: MatrixFigures) => o.saveMatrix!({ ...f, recordedAt, partial: partialOf(f, o.configs ?? ['*/*/*']) }) : undefined;
    const f = await benchMatrix({ log: o.log, cellTimeoutMs, budgetMs, ...(keep ? { keep } : {}), ...(onCell ? { onCell } : {}) });
    res.matrix = { ...f, recordedAt, ...(o.configs ? { partial: partialOf(f, o.configs) } : {}) };
    o.log(`\n${matrixTables(f)}\n`);
  }
  res.totalMs = Math.round(performance.now() - started);
  // The sections this run measured: one asked for may write nothing (fuzz with --fuzz 0).
  res.sections = o.sections.filter((s) => res[s] !== undefined);
  o.log(`bench finished in ${secs(res.totalMs)}s`);
  return res;
}

const HEADER_KEYS = ['machine', 'recordedAt', 'options', 'tlc', 'totalMs', 'sections', 'configs'] as const;
/** How many `partialRuns` the file keeps (the latest): each section dates its own figures, this says how they were run. */
export const PARTIAL_RUNS_KEPT = 20;

/** A run of every default section over every config: its header describes the whole file. */
const wholeRun = (r: Partial<BenchResults>) => !r.configs && r.sections !== undefined && DEFAULT_SECTIONS.every((s) => r.sections!.includes(s));

/**
 * Merge into an existing results file: sections not run this time are kept. Written whole or not
 * at all. The header (machine, date, options, total time) stays the last whole run's: a run of
 * some sections or configs (`--only`, `--configs`, which may use another tla-checker cap or
 * timeout) is recorded in `partialRuns` instead, so the header never claims figures it did not
 * measure. A matrix checkpoint (a section alone, no header) touches that section only.
 */
export async function saveResults(file: string, r: Partial<BenchResults>): Promise<void> {
  let old: Partial<BenchResults> = {};
  try { old = JSON.parse(await readFile(file, 'utf8')) as Partial<BenchResults>; } catch { /* first run */ }
  const fresh = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)) as Partial<BenchResults>;
  if (r.recordedAt !== undefined && old.recordedAt !== undefined && !wholeRun(r)) {
    const header = Object.fromEntries(HEADER_KEYS.flatMap((k) => (fresh[k] !== undefined ? [[k, fresh[k]]] : []))) as unknown as RunHeader;
    for (const k of HEADER_KEYS) delete fresh[k];
    fresh.partialRuns = [...(old.partialRuns ?? []), header].slice(-PARTIAL_RUNS_KEPT);
  } else if (r.recordedAt !== undefined) {
    // A whole run: the partial runs before it are superseded with the rest of the header, but
    // for those that measured a section it did not (big, matrix): their figures stay, so do they.
    const kept = (old.partialRuns ?? []).filter((p) => p.sections?.some((s) => !r.sections?.includes(s)));
    if (kept.length) old.partialRuns = kept;
    else delete old.partialRuns;
    delete old.configs;
  }
  const merged = { ...old, ...fresh };
  // A --configs run measured some rows: put them in place, keep the others (configs.ts).
  if (r.models) merged.models = mergeSection(old.models, r.models, (x) => `${x.model}/${x.config}`);
  if (r.compiled) merged.compiled = mergeSection(old.compiled, r.compiled, (x) => x.config);
  if (r.matrix) merged.matrix = mergeMatrix(old.matrix, r.matrix);
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  removeWithRun(tmp); // should the run be stopped between the write and the rename
  await writeFile(tmp, `${JSON.stringify(merged, null, 2)}\n`);
  await rename(tmp, file);
}
