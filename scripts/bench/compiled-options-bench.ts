/**
 * The compiled verifier's two options, measured side by side in one run:
 *  - `threads`: one thread vs `--workers auto` on v13-fix `hotplug` at 3 CPUs × 2 tasks (about
 *    1.6 million distinct states; 2 × 2 with `--quick`), alternating so both see the same load;
 *    the same counts are required, the speed-up is reported.
 *  - `por`: partial-order reduction's factor (distinct states of the full search ÷ of the
 *    reduced one) and verdicts on every safety config of models/ (no temporal property, no
 *    SYMMETRY), the verdict required equal.
 */
import os from 'node:os';
import { compiledChecker } from '../../dsl/check/compiled/index.js';
import type { CheckJob } from '../../dsl/check/checker.js';
import { verdictText } from '../../dsl/check/outcome.js';
import { compile } from '../../dsl/compile.js';
import { SpanResolver } from '../../dsl/map/spans.js';
import { jobFor } from '../../dsl/pipeline/run.js';
import { models } from '../../models/index.js';
import { pointName, zswapScalingModel } from './zswap-scaling.js';
import { secs, table } from './table.js';

export interface ThreadsFigures {
  readonly config: string;
  readonly distinct: number;
  readonly workers: number;
  /** Per run, alternating: one thread, then auto. */
  readonly runs: readonly { readonly workers: 1 | 'auto'; readonly ms: number; readonly cpuMs: number; readonly distinct?: number }[];
  readonly speedup: number;
}


export async function benchThreads(log: (l: string) => void, quick: boolean, rounds = 2): Promise<ThreadsFigures> {
  const point = { cpus: quick ? 2 : 3, tasks: 2, symmetry: false };
  const m = zswapScalingModel('v13-fix', 'hotplug', [point]);
  const job = jobFor(compile(m, new SpanResolver()), m.module, m.module.configs.find((c) => c.name === pointName(point))!);
  const runs: { workers: 1 | 'auto'; ms: number; cpuMs: number; distinct?: number }[] = [];
  for (let i = 0; i < rounds; i++) {
    for (const workers of [1, 'auto'] as const) {
      const cpu = process.cpuUsage(), t = performance.now();
      const r = await compiledChecker.check(job, { workers });
      const used = process.cpuUsage(cpu);
      runs.push({ workers, ms: Math.round(performance.now() - t), cpuMs: Math.round((used.user + used.system) / 1000), ...(r.counts ? { distinct: r.counts.distinct } : {}) });
      log(`  workers ${workers}: ${verdictText(r)}, ${r.counts?.distinct?.toLocaleString('en-US')} distinct, ${secs(runs.at(-1)!.ms)} s`);
    }
  }
  const counts = new Set(runs.map((r) => r.distinct));
  if (counts.size !== 1) throw new Error(`--workers changed the distinct-state count: ${[...counts].join(' vs ')}`);
  const best = (w: 1 | 'auto') => Math.min(...runs.filter((r) => r.workers === w).map((r) => r.ms));
  return { config: `ZswapV13Fix hotplug ${pointName(point)}`, distinct: runs[0]!.distinct!, workers: os.availableParallelism(), runs, speedup: Math.round((best(1) / best('auto')) * 100) / 100 };
}

export function threadsTable(f: ThreadsFigures): string {
  const best = (w: 1 | 'auto') => f.runs.filter((r) => r.workers === w).reduce((a, b) => (b.ms < a.ms ? b : a));
  return table(['config', 'distinct', 'one thread (best)', `--workers auto (${f.workers} threads, best)`, 'speed-up', 'CPU one / auto'], [[
    f.config, f.distinct.toLocaleString('en-US'), `${secs(best(1).ms)} s`, `${secs(best('auto').ms)} s`, `×${f.speedup}`, `${secs(best(1).cpuMs)} s / ${secs(best('auto').cpuMs)} s`,
  ]]);
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
