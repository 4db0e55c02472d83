/**
 * Past one machine and past exhaustive search (bench section `scale`):
 *  1. a scaling table on the largest zswap config that every engine finishes here (v13-fix
 *     `hotplug` at 2 CPUs × 2 tasks, which passes, so every state is explored): TLC `-workers 1` and `auto`,
 *     distributed TLC with two loopback workers, the compiled verifier — distinct states, time,
 *     peak memory — and the two random simulations for the same time (traces, states generated);
 *  2. time to the first violation of v13 on a config too big to exhaust here (`combined` with the
 *     pool also replaced and destroyed, 4 CPUs × 3 tasks): breadth-first (TLC `auto`, compiled)
 *     against random simulation (TLC `-simulate`, compiled random walks), each with a time limit
 *     and a fixed seed.
 * Peak memory: the largest summed resident size of every process the run started (TLC's JVMs),
 * sampled every 200 ms; for the compiled verifier, which runs in this process, this process's
 * peak resident size during the run (node and the loaded models included).
 */
import { compiledChecker } from '../../dsl/check/compiled/index.js';
import { violatedName } from '../../dsl/check/outcome.js';
import type { CheckOptions } from '../../dsl/check/checker.js';
import type { CheckResult } from '../../dsl/check/result.js';
import { tlcChecker, workerCount, type TlcLookup } from '../../dsl/check/tlc.js';
import { compile } from '../../dsl/compile.js';
import { SpanResolver } from '../../dsl/map/spans.js';
import { jobFor } from '../../dsl/pipeline/run.js';
import { SCENARIOS, zswapModel } from '../../models/zswap/index.js';
import { VARIANTS, type VariantName } from '../../models/zswap/variants.js';
import type { Model } from '../../dsl/model.js';
import { descendants } from './processes.js';
import { secs, table } from './table.js';

export interface ScaleRow {
  readonly engine: string;
  readonly verdict: string;
  readonly distinct?: number;
  /** Simulation rows: traces run and states generated (not distinct). */
  readonly traces?: number;
  readonly generated?: number;
  readonly ms: number;
  readonly peakMiB?: number;
  readonly seed?: string;
  readonly countsVary?: string;
  /** Where the first violation was reported, in DSL terms is in the CLI; here its name. */
  readonly note?: string;
}

export interface ScaleResults {
  readonly scaling: { readonly config: string; readonly rows: readonly ScaleRow[] };
  readonly firstViolation: readonly { readonly config: string; readonly limitS: number; readonly rows: readonly ScaleRow[] }[];
}

const range = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}${i + 1}`);

function bigModel(variant: VariantName, name: string, constants: Record<string, unknown>): Model {
  const v = VARIANTS.find((x) => x.name === variant)!;
  return zswapModel(v, (m) => { m.config(name, { constants: constants as never, covers: [], doc: `bench scale: ${name}` }); /* speed figures: no covers */ }, `bench scale: zswap variant '${variant}'`);
}

/** Summed resident size (MiB) of every descendant of this process, from /proc (Linux; 0 elsewhere). */
function descendantsRssMiB(): number {
  return descendants(process.pid).reduce((a, p) => a + Number(p.stat[21]) * 4096, 0) / 2 ** 20;
}

/** Run `f`, sampling peak memory: the children's (TLC) or this process's (compiled). */
export async function measured(inProcess: boolean, f: () => Promise<CheckResult>): Promise<{ r: CheckResult; peakMiB: number }> {
  let peak = 0;
  const sample = () => { peak = Math.max(peak, inProcess ? process.memoryUsage().rss / 2 ** 20 : descendantsRssMiB()); };
  const timer = setInterval(sample, 200);
  try {
    const r = await f();
    sample();
    return { r, peakMiB: Math.round(peak) };
  } finally {
    clearInterval(timer);
  }
}

const verdictOf = (r: CheckResult): string => {
  if (r.verdict.kind === 'passed') return r.simulation ? 'no violation' : 'pass';
  if (r.verdict.kind === 'timeout') return 'timeout';
  if (r.verdict.kind === 'crashed') return `crashed: ${r.verdict.message.split('\n')[0]!.slice(0, 80)}`;
  const n = violatedName(r.verdict);
  return n ? `${r.verdict.kind === 'assert' ? 'assert ' : ''}${n}` : r.verdict.kind;
};

function row(engine: string, r: CheckResult, peakMiB: number): ScaleRow {
  const timedOut = r.verdict.kind === 'timeout';
  // A compiled search cut short keeps its counts; TLC's, its last progress report.
  const distinct = r.simulation ? undefined : r.verdict.kind === 'timeout' ? r.verdict.progress?.distinct ?? r.counts?.distinct : r.counts?.distinct;
  return {
    engine, verdict: verdictOf(r), ms: r.durationMs, peakMiB,
    ...(distinct !== undefined ? { distinct } : {}),
    ...(r.simulation?.traces !== undefined ? { traces: r.simulation.traces } : {}),
    ...(r.simulation?.generated !== undefined ? { generated: r.simulation.generated } : {}),
    ...(r.simulation?.seed !== undefined ? { seed: r.simulation.seed } : {}),
    ...(r.countsVary ? { countsVary: r.countsVary } : {}),
    ...(timedOut ? { note: 'distinct states when the time limit stopped it' } : {}),
  };
}

/** `parts`: only these first-violation configs, and no scaling table (to re-measure one). */
export async function benchScale(o: { readonly quick: boolean; readonly timeoutMs: number; readonly log: (line: string) => void }, tlc: TlcLookup, parts?: readonly string[]): Promise<ScaleResults> {
  const rows: ScaleRow[] = [];
  // 1. The scaling table. 2 CPUs × 2 tasks: every engine finishes it on a shared 2-core machine
  // (2 × 3, 804,996 states, took TLC -workers 1 30 s alone and did not finish in 150 s under load).
  const cpus = 2, tasks = o.quick ? 1 : 2;
  const sm = bigModel('v13-fix', 'hotplug_big', { ...SCENARIOS.hotplug, CPUS: range('c', cpus), TASKS: range('t', tasks) });
  const sArt = compile(sm, new SpanResolver());
  const sJob = jobFor(sArt, sm.module, sm.module.configs[0]!);
  const run = async (engine: string, inProcess: boolean, f: () => Promise<CheckResult>) => {
    const { r, peakMiB } = await measured(inProcess, f);
    const x = row(engine, r, peakMiB);
    rows.push(x);
    o.log(`  ${engine}: ${x.verdict}, ${x.distinct ?? x.traces ?? '–'} ${x.distinct !== undefined ? 'distinct' : 'traces'}, ${secs(x.ms)}s, peak ${x.peakMiB} MiB`);
    return r;
  };
  const limit: CheckOptions = { timeoutMs: o.timeoutMs };
  if (!parts) {
    o.log(`  config: ZswapV13Fix hotplug, ${cpus} CPUs × ${tasks} tasks`);
  let exhaustiveMs = o.timeoutMs;
  if (tlc.found) {
    const one = await run('TLC -workers 1', false, () => tlcChecker.check(sJob, { ...limit, workers: 1 }));
    exhaustiveMs = Math.max(10_000, one.durationMs);
    await run(`TLC -workers auto (${workerCount('auto')})`, false, () => tlcChecker.check(sJob, { ...limit, workers: 'auto' }));
    await run('distributed TLC, 2 loopback workers', false, () => tlcChecker.check(sJob, { ...limit, distributed: { localWorkers: 2 } }));
  }
  await run('compiled', true, () => compiledChecker.check(sJob, limit));
  // The simulations get the time TLC -workers 1 needed to exhaust the config.
  const simFor = { timeoutMs: exhaustiveMs, simulate: { seed: 1n, depth: 100 } };
  if (tlc.found) await run(`TLC -simulate (${secs(exhaustiveMs)} s)`, false, () => tlcChecker.check(sJob, simFor));
  await run(`compiled random walks (${secs(exhaustiveMs)} s)`, true, () => compiledChecker.check(sJob, simFor));
  }
  const scaling = { config: `ZswapV13Fix/hotplug, ${cpus} CPUs × ${tasks} tasks`, rows: rows.splice(0) };

  // 2. Time to the first violation on configs too big to exhaust here.
  const firstViolation = [];
  for (const f of FIRST_VIOLATION) {
    if (parts && !parts.includes(f.name)) continue;
    const bc = o.quick ? 3 : 4, bt = o.quick ? 2 : 3;
    const limitS = o.quick ? 30 : 60;
    const bm = bigModel('v13', f.name, { ...f.constants, CPUS: range('c', bc), TASKS: range('t', bt) });
    const bArt = compile(bm, new SpanResolver());
    const bJob = jobFor(bArt, bm.module, bm.module.configs[0]!);
    const bl: CheckOptions = { timeoutMs: limitS * 1000 };
    o.log(`  config: ZswapV13 ${f.doc}, ${bc} CPUs × ${bt} tasks; limit ${limitS} s each`);
    if (tlc.found) {
      await run('TLC breadth-first, -workers auto', false, () => tlcChecker.check(bJob, { ...bl, workers: 'auto' }));
      await run('TLC -simulate, seed 1', false, () => tlcChecker.check(bJob, { ...bl, simulate: { seed: 1n, depth: 100 } }));
    }
    await run('compiled breadth-first', true, () => compiledChecker.check(bJob, bl));
    for (const seed of [1n, 2n, 3n]) await run(`compiled random walks, seed ${seed}`, true, () => compiledChecker.check(bJob, { ...bl, simulate: { seed, depth: 100 } }));
    firstViolation.push({ config: `ZswapV13 ${f.doc}, ${bc} CPUs × ${bt} tasks`, limitS, rows: rows.splice(0) });
  }
  return { scaling, firstViolation };
}

/**
 * v13's bugs on configs too big to exhaust here: `combined` with the pool also replaced and
 * destroyed (REPLACE: 1), and the same with every allocation able to fail (ALLOC_FAIL: 1, as in
 * `alloc-fail`, but with tasks storing and loading): its first bug is 13 steps deep.
 */
const FIRST_VIOLATION = [
  { name: 'combined_big', doc: 'combined + pool replaced and destroyed', constants: { ...SCENARIOS.combined, REPLACE: 1 } },
  { name: 'everything_big', doc: 'combined + every allocation may fail + pool replaced and destroyed', constants: { ...SCENARIOS.combined, ALLOC_FAIL: 1, REPLACE: 1 } },
] as const;

export function scaleTables(s: ScaleResults): string {
  const t = (rows: readonly ScaleRow[]) => table(['engine', 'verdict', 'distinct states', 'traces', 'states generated', 's', 'peak MiB'],
    rows.map((r) => [r.engine, r.verdict, r.distinct !== undefined ? `${r.distinct}${r.countsVary ? ' (varies)' : ''}${r.note ? ' (at limit)' : ''}` : undefined, r.traces, r.generated, secs(r.ms), r.peakMiB]));
  return [`${s.scaling.config}\n${t(s.scaling.rows)}`, ...s.firstViolation.map((f) => `first violation, ${f.config} (limit ${f.limitS} s)\n${t(f.rows)}`)].join('\n\n');
}
