/**
 * The compiled verifier's two options, measured side by side in one run:
 *  - `threads`: one thread vs `--workers auto` on v13-fix `hotplug` at 3 CPUs × 2 tasks (about
 *    1.6 million distinct states; 2 × 2 with `--quick`), alternating so both see the same load;
 *    the same counts are required, the speed-up is reported. When TLC is found, TLC `-workers 1`
 *    and `-workers auto` run on the same config in the same rounds (JVM start-up included), so
 *    distinct states per second compare side by side past 10^6 states.
 *  - `por`: partial-order reduction's factor (distinct states of the full search ÷ of the
 *    reduced one) and verdicts on every safety config of models/ (no temporal property, no
 *    SYMMETRY), the verdict required equal.
 */
import os from 'node:os';
import { compiledChecker } from '../../dsl/check/compiled/index.js';
import { tlcChecker, type TlcLookup } from '../../dsl/check/tlc.js';
import type { CheckJob } from '../../dsl/check/checker.js';
import { verdictText } from '../../dsl/check/outcome.js';
import { compile } from '../../dsl/compile.js';
import { SpanResolver } from '../../dsl/map/spans.js';
import { jobFor } from '../../dsl/pipeline/run.js';
import { models } from '../../models/index.js';
import { pointName, zswapScalingModel } from './zswap-scaling.js';
import { secs, table } from './table.js';

type Engine = 'compiled' | 'TLC';
interface Run { readonly engine: Engine; readonly workers: 1 | 'auto'; readonly ms: number; readonly cpuMs?: number; readonly distinct?: number }

export interface ThreadsFigures {
  readonly config: string;
  readonly distinct: number;
  readonly workers: number;
  /** Per round, in turn: compiled one thread, compiled auto, then (with TLC) TLC -workers 1 and auto. CPU is this process's (compiled only). */
  readonly runs: readonly Run[];
  /** Compiled, best one thread ÷ best auto. */
  readonly speedup: number;
  /** With TLC: compiled's distinct states/s ÷ TLC's, best runs, one thread against `-workers 1` and auto against auto. */
  readonly vsTlc?: { readonly one: number; readonly auto: number };
}


export async function benchThreads(log: (l: string) => void, quick: boolean, tlc?: TlcLookup, rounds = 2): Promise<ThreadsFigures> {
  const point = { cpus: quick ? 2 : 3, tasks: 2, symmetry: false };
  const m = zswapScalingModel('v13-fix', 'hotplug', [point]);
  const job = jobFor(compile(m, new SpanResolver()), m.module, m.module.configs.find((c) => c.name === pointName(point))!);
  const runs: Run[] = [];
  const record = (r: Run, verdict: string) => {
    runs.push(r);
    log(`  ${r.engine} workers ${r.workers}: ${verdict}, ${r.distinct?.toLocaleString('en-US')} distinct, ${secs(r.ms)} s`);
  };
  for (let i = 0; i < rounds; i++) {
    for (const workers of [1, 'auto'] as const) {
      const cpu = process.cpuUsage(), t = performance.now();
      const r = await compiledChecker.check(job, { workers });
      const used = process.cpuUsage(cpu);
      record({ engine: 'compiled', workers, ms: Math.round(performance.now() - t), cpuMs: Math.round((used.user + used.system) / 1000), ...(r.counts ? { distinct: r.counts.distinct } : {}) }, verdictText(r));
    }
    // TLC once per round too (a TLC run of the full point takes minutes): in the last round only.
    if (tlc?.found && i === rounds - 1) {
      for (const workers of [1, 'auto'] as const) {
        const t = performance.now();
        const r = await tlcChecker.check(job, { workers, timeoutMs: 30 * 60_000 });
        record({ engine: 'TLC', workers, ms: Math.round(performance.now() - t), ...(r.counts ? { distinct: r.counts.distinct } : {}) }, verdictText(r));
      }
    }
  }
  const counts = new Set(runs.map((r) => r.distinct));
  if (counts.size !== 1) throw new Error(`the distinct-state counts differ: ${runs.map((r) => `${r.engine} ${r.workers}: ${r.distinct}`).join(', ')}`);
  const best = (e: Engine, w: 1 | 'auto') => Math.min(...runs.filter((r) => r.engine === e && r.workers === w).map((r) => r.ms));
  const hundredths = (x: number) => Math.round(x * 100) / 100;
  const withTlc = runs.some((r) => r.engine === 'TLC');
  return {
    config: `ZswapV13Fix hotplug ${pointName(point)}`, distinct: runs[0]!.distinct!, workers: os.availableParallelism(), runs,
    speedup: hundredths(best('compiled', 1) / best('compiled', 'auto')),
    ...(withTlc ? { vsTlc: { one: hundredths(best('TLC', 1) / best('compiled', 1)), auto: hundredths(best('TLC', 'auto') / best('compiled', 'auto')) } } : {}),
  };
}

export function threadsTable(f: ThreadsFigures): string {
  const rows = (['compiled', 'TLC'] as const).flatMap((engine) => ([1, 'auto'] as const).flatMap((workers) => {
    const mine = f.runs.filter((r) => r.engine === engine && r.workers === workers);
    if (!mine.length) return [];
    const b = mine.reduce((a, x) => (x.ms < a.ms ? x : a));
    const label = `${engine} ${workers === 1 ? (engine === 'TLC' ? '-workers 1' : 'one thread') : `${engine === 'TLC' ? '-workers' : '--workers'} auto (${f.workers} threads)`}`;
    return [[label, f.distinct.toLocaleString('en-US'), `${secs(b.ms)} s`, Math.round(f.distinct / (b.ms / 1000)).toLocaleString('en-US'), b.cpuMs !== undefined ? `${secs(b.cpuMs)} s` : '–', String(mine.length)]];
  }));
  const notes = [`compiled --workers auto speed-up: ×${f.speedup}`];
  if (f.vsTlc) notes.push(`compiled states/s ÷ TLC's: ×${f.vsTlc.one} (one thread vs -workers 1), ×${f.vsTlc.auto} (auto vs auto)`);
  return `${f.config}\n${table(['engine', 'distinct', 'wall (best)', 'distinct/s', 'CPU (compiled)', 'runs'], rows)}\n${notes.join('; ')}`;
}

export interface PorRow { readonly config: string; readonly verdict: string; readonly full: number; readonly reduced: number; readonly factor: number; readonly reducedStates: number }

export async function benchPor(log: (l: string) => void): Promise<PorRow[]> {
  const rows: PorRow[] = [];
  for (const m of models) {
    const artifacts = compile(m, new SpanResolver());
    for (const c of m.module.configs) {
      if (c.properties.length || c.symmetry.length) continue;
      const job: CheckJob = jobFor(artifacts, m.module, c);
      const full = await compiledChecker.check(job), reduced = await compiledChecker.check(job, { por: true });
      if (verdictText(full) !== verdictText(reduced)) throw new Error(`${m.module.name}/${c.name}: --por gave ${verdictText(reduced)}, the full search ${verdictText(full)}`);
      const f = full.counts?.distinct ?? 0, r = reduced.counts?.distinct ?? 0;
      rows.push({ config: `${m.module.name}/${c.name}`, verdict: verdictText(full), full: f, reduced: r, factor: r ? Math.round((f / r) * 1000) / 1000 : 1, reducedStates: reduced.reduction?.reducedStates ?? 0 });
    }
  }
  log(`  ${rows.length} safety configs, every verdict equal`);
  return rows;
}

export function porTable(rows: readonly PorRow[]): string {
  const passed = rows.filter((r) => r.verdict === 'passed');
  const best = [...passed].sort((a, b) => b.factor - a.factor).slice(0, 5);
  const total = (k: 'full' | 'reduced') => passed.reduce((n, r) => n + r[k], 0);
  return [
    table(['config (passing, largest factor first)', 'full', 'with --por', 'factor', 'states expanded by one process'], best.map((r) => [r.config, r.full.toLocaleString('en-US'), r.reduced.toLocaleString('en-US'), `×${r.factor}`, r.reducedStates.toLocaleString('en-US')])),
    `all ${passed.length} passing safety configs: ${total('full').toLocaleString('en-US')} → ${total('reduced').toLocaleString('en-US')} distinct states (×${Math.round((total('full') / Math.max(1, total('reduced'))) * 1000) / 1000}); ${rows.length - passed.length} violating configs: the same verdicts`,
  ].join('\n');
}
