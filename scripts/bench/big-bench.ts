/**
 * The compiled verifier at 10^7 states (bench section `big`, run only when asked: about 11
 * minutes of CPU): v13-fix `hotplug` at 3 CPUs × 3 tasks, which passes, so every state is
 * stored. Reports distinct states, time, CPU, the peak resident size of this process (sampled
 * every 200 ms by scale-bench's `measured`) and what that is per distinct state.
 */
import { compiledChecker } from '../../dsl/check/compiled/index.js';
import { compile } from '../../dsl/compile.js';
import { SpanResolver } from '../../dsl/map/spans.js';
import { jobFor } from '../../dsl/pipeline/run.js';
import { pointName, zswapScalingModel } from './zswap-scaling.js';
import { measured } from './scale-bench.js';
import { secs, table } from './table.js';

export interface BigFigures {
  readonly config: string;
  readonly verdict: string;
  readonly distinct?: number;
  readonly generated?: number;
  readonly depth?: number;
  readonly ms: number;
  readonly cpuMs: number;
  readonly peakMiB: number;
  readonly bytesPerState?: number;
}

export async function benchBig(log: (line: string) => void, point = { cpus: 3, tasks: 3, symmetry: false }): Promise<BigFigures> {
  const m = zswapScalingModel('v13-fix', 'hotplug', [point]);
  const artifacts = compile(m, new SpanResolver());
  const job = jobFor(artifacts, m.module, m.module.configs.find((c) => c.name === pointName(point))!);
  const cpu = process.cpuUsage();
  const started = performance.now();
  let last = 0;
  const { r, peakMiB } = await measured(true, () => compiledChecker.check(job, {
    onProgress: (p) => {
      if (p.phase !== 'exploring' || performance.now() - last < 60_000) return;
      last = performance.now();
      log(`  ${p.distinct?.toLocaleString('en-US')} distinct, queue ${p.queue?.toLocaleString('en-US')}, depth ${p.depth}`);
    },
  }));
  const used = process.cpuUsage(cpu);
  const distinct = r.counts?.distinct;
  return {
    config: `ZswapV13Fix hotplug ${pointName(point)}`,
    verdict: r.verdict.kind,
    ...(r.counts ? { distinct, generated: r.counts.generated, depth: r.counts.depth } : {}),
    ms: Math.round(performance.now() - started),
    cpuMs: Math.round((used.user + used.system) / 1000),
    peakMiB,
    ...(distinct ? { bytesPerState: Math.round((peakMiB * 2 ** 20) / distinct) } : {}),
  };
}

export function bigTable(f: BigFigures): string {
  return table(['config', 'verdict', 'distinct', 'depth', 'wall', 'CPU', 'peak RSS', 'bytes/state'], [[
    f.config, f.verdict, f.distinct?.toLocaleString('en-US') ?? '–', String(f.depth ?? '–'), `${secs(f.ms)} s`, `${secs(f.cpuMs)} s`, `${f.peakMiB} MiB`, String(f.bytesPerState ?? '–'),
  ]]);
}
