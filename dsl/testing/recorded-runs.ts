/**
 * Real TLC runs of the project's own models, recorded as parser fixtures in
 * test/fixtures/tlc-runs/ (`npm run tlc:record`): one per kind of result the parser must read —
 * a pass with a temporal property, an invariant, a deadlock, an assert, a lasso ending in a cycle
 * and one stuttering, an evaluation error, and a zswap counterexample through procedures. Each
 * fixture keeps the module and cfg it was recorded from, so a test can tell when the model has
 * changed since (then: re-record). Which runs are recorded is listed in test/fixtures/tlc-runs/runs.ts.
 */
import { mkdtemp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compile } from '../compile.js';
import type { Model } from '../model.js';
import { runTlc, type TlcSetup } from '../check/tlc.js';
export interface RecordedRun {
  readonly model: Model;
  readonly config: string;
  /** What the run shows, in the parser's terms. */
  readonly shows: 'passed' | 'invariant' | 'deadlock' | 'assert' | 'property' | 'evalError';
  /**
   * TLC printed the trace without its last state, the violating one (README: `tlc-trace-cut`): the
   * compiled verifier's trace is TLC's and that state, and TLC may count more states than it.
   */
  readonly traceCut?: true;
  /**
   * An invariant's evaluation error past the first state: the stack TLC printed is that of the
   * error its replay of the state before met, or none (README: the known difference
   * `tlc-replay-stack`); the compiled verifier gives the error's own. The counts are the same.
   */
  readonly stackOfReplay?: true;
}

export const RECORDED_DIR = 'test/fixtures/tlc-runs';
/** Paths in TLC's output that depend on the machine, rewritten when recording. */
export const SPEC_DIR_PLACEHOLDER = '/home/user/specs';
export const JAR_PLACEHOLDER = '/opt/tla/tla2tools.jar';

/** `<Module>.<config>`: the fixture's directory name. */
export const runName = (r: RecordedRun): string => `${r.model.name}.${r.config}`;

/** Whether a run's fixture was recorded from what the model emits today. */
export async function isCurrent(root: string, r: RecordedRun): Promise<boolean> {
  const a = compile(r.model);
  const dir = path.join(root, RECORDED_DIR, runName(r));
  const same = async (name: string) => (await readFile(path.join(dir, name), 'utf8').catch(() => undefined)) === a.files.get(name);
  return (await same(`${r.model.name}.tla`)) && (await same(`${r.model.name}.${r.config}.cfg`)) && (await readFile(path.join(dir, 'tool.out'), 'utf8').then(() => true, () => false));
}

/** Run TLC (one worker: a reproducible search) on one recorded run and write its fixture. */
export async function recordRun(root: string, r: RecordedRun, tlc: TlcSetup): Promise<{ dir: string; verdict: string }> {
  const a = compile(r.model);
  const work = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-record-'));
  try {
    const tla = `${r.model.name}.tla`;
    const cfg = `${r.model.name}.${r.config}.cfg`;
    await writeFile(path.join(work, tla), a.files.get(tla)!);
    await writeFile(path.join(work, cfg), a.files.get(cfg)!);
    const capture: { output?: string; traceJson?: string } = {};
    const result = await runTlc(tlc, work, r.model.name, cfg, r.config, { workers: 1, capture });
    // TLC also unpacks the standard modules into a fresh tlc-<random> per run, inside the run's
    // own java.io.tmpdir (zswap-tla-tlc-<random>, see runTlc) or, before that, in /tmp.
    const scrub = (text: string) => text.split(work).join(SPEC_DIR_PLACEHOLDER).split(tlc.jar).join(JAR_PLACEHOLDER).replace(/\/[^\s(]*?\/tlc-\d+\//g, '/tmp/tlc-0/');
    const dir = path.join(root, RECORDED_DIR, runName(r));
    await rm(dir, { recursive: true, force: true });
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, tla), a.files.get(tla)!);
    await writeFile(path.join(dir, cfg), a.files.get(cfg)!);
    await writeFile(path.join(dir, 'tool.out'), scrub(capture.output ?? ''));
    if (capture.traceJson !== undefined) await writeFile(path.join(dir, 'trace.json'), scrub(capture.traceJson));
    await writeFile(path.join(dir, 'README.md'), [
      `Recorded by \`npm run tlc:record\` with ${result.version ?? 'TLC (version not reported)'}:`,
      '',
      '```',
      `java -XX:+UseParallelGC -cp tla2tools.jar tlc2.TLC -tool -workers 1 -noGenerateSpecTE -metadir DIR -dumpTrace json trace.json -config ${cfg} ${tla}`,
      '```',
      '',
      `Paths rewritten: the spec directory to ${SPEC_DIR_PLACEHOLDER}, the jar to ${JAR_PLACEHOLDER}, TLC's module directory to /tmp/tlc-0.`,
      '',
    ].join('\n'));
    return { dir, verdict: result.verdict.kind };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
