/**
 * One TLC run that gives both the verdict and the whole state space: `-continue` makes TLC report
 * the first violation (the same one as without it: one worker, breadth-first) and keep exploring,
 * so its final counts are the full reachable state space. For the fuzz campaign, where a second
 * JVM per model would double the cost. The TLC adapter (`tlcChecker`) has no `-continue`: this is
 * the one low-level TLC run the bench keeps; it takes the same `CheckJob`.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { CheckJob } from '../../dsl/check/checker.js';
import type { CheckResult } from '../../dsl/check/result.js';
import { parseToolOutput } from '../../dsl/check/tlc-output.js';
import type { TlcSetup } from '../../dsl/check/tlc.js';

export async function runTlcContinue(setup: TlcSetup, job: CheckJob, o: { jvmArgs?: readonly string[]; timeoutMs?: number } = {}): Promise<CheckResult> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-tlcc-'));
  const module = job.module.name;
  const config = job.config.name;
  const cfgFile = `${module}.${config}.cfg`;
  const timeoutMs = o.timeoutMs ?? 60_000;
  try {
    await writeFile(path.join(work, `${module}.tla`), job.tla);
    await writeFile(path.join(work, cfgFile), job.cfg);
    const started = performance.now();
    const args = ['-XX:+UseParallelGC', `-Djava.io.tmpdir=${work}`, ...(o.jvmArgs ?? []), '-cp', setup.jar, 'tlc2.TLC', '-tool', '-continue', '-workers', '1', '-noGenerateSpecTE', '-metadir', path.join(work, 'states'), '-config', cfgFile, `${module}.tla`];
    const r = await execa(setup.java, args, { cwd: work, reject: false, timeout: timeoutMs, forceKillAfterDelay: 2_000, cleanup: true, all: true, stdin: 'ignore' });
    const durationMs = Math.round(performance.now() - started);
    if (r.timedOut) return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'timeout', afterMs: timeoutMs } };
    return parseToolOutput(r.all ?? '', { module, config, durationMs, ...(r.exitCode === undefined ? {} : { exitCode: r.exitCode }) });
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
