/**
 * Past one machine and past exhaustive search (issue 17): random simulation on the compiled
 * verifier (a seed reproduces its trace, a seeded bug is found and mapped to its DSL line) and on
 * TLC; distributed TLC on loopback with two workers (same verdict and distinct states as one TLC
 * process, violations mapped the same way, temporal properties refused, no process left after an
 * abort); counts that depend on search order said to vary; the new options' bad values.
 * TLC runs are skipped, saying why, when TLC (or, for --distributed, javac) is not found.
 */
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { models } from '../models/index.js';
import { runPipeline, type PipelineResult } from '../dsl/pipeline/run.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { rng } from '../dsl/check/compiled/simulate.js';
import { findTlc, newestCheckpoint, tlcChecker, writeJobFiles, type TlcSetup } from '../dsl/check/tlc.js';
import type { DistributedOptions } from '../dsl/check/checker.js';
import { distributedClasses, freePort, runDistributedTlc } from '../dsl/check/tlc-distributed.js';
import { parseToolOutput } from '../dsl/check/tlc-output.js';
import type { CheckResult } from '../dsl/check/result.js';
import { countsText } from '../dsl/report/counts.js';
import { verdictText } from '../dsl/report/report.js';
import { runCheckCli } from '../dsl/cli/check.js';
import { memoryArg } from '../dsl/cli/scale-options.js';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { Sink, tempDirs } from './helpers/io.js';
import { jobOf } from './helpers/compiled-job.js';
import { lineOf } from './helpers/locate.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { tlcMessage } from './helpers/tlc-message.js';

const model = (name: string) => models.find((m) => m.name === name)!;
const tlc = await findTlc();
const javac = tlc.found ? await distributedClasses(tlc) : { reason: 'TLC not found' };
const TLC_SKIP = tlc.found ? '' : ` [skipped: TLC not found: ${tlc.reason}]`;
const DIST_SKIP = TLC_SKIP || ('reason' in javac ? ` [skipped: ${javac.reason}]` : '');
const CPUHP_ASSERT = { file: 'models/zswap/cpuhp.ts', line: lineOf('models/zswap/cpuhp.ts', "assert('RemoveOnlyAddedInstance'") };
const NO_LOST_UPDATE = { file: 'models/mutex-counter.ts', line: lineOf('models/mutex-counter.ts', "m.invariant('NoLostUpdate'") };

const problemAt = (o: PipelineResult) => { const d = o.explanations[0]!.problem?.dsl; return d && { file: d.file, line: d.line }; };

describe('simulation on the compiled verifier', () => {
  const run = (seed: bigint) => runPipeline(model('ZswapV13'), 'alloc-fail', { checkers: [compiledChecker], simulate: { seed, depth: 60 }, timeoutMs: 30_000 });

  it('finds the v13 alloc-fail bug and maps it to the assert\'s DSL line; the same seed gives the same trace, another seed its own', async () => {
    const [a, b, c] = [await run(42n), await run(42n), await run(7n)];
    for (const o of [a, b, c]) {
      expect(o.results[0]!.verdict).toMatchObject({ kind: 'assert', message: 'RemoveOnlyAddedInstance' });
      expect(problemAt(o)).toEqual(CPUHP_ASSERT);
      expect(o.asExpected).toBe(true);
    }
    expect(a.results[0]!.simulation).toMatchObject({ seed: '42', depth: 60 });
    expect(JSON.stringify(b.results[0]!.verdict)).toBe(JSON.stringify(a.results[0]!.verdict));
    expect(b.results[0]!.simulation).toEqual(a.results[0]!.simulation);
    expect(c.results[0]!.simulation!.seed).toBe('7');
  });

  it('a passing config says how many random traces it ran, never a plain pass', async () => {
    const o = await runPipeline(model('MutexCounter'), 'locked', { checkers: [compiledChecker], simulate: { seed: 1n, depth: 20, traces: 300 } });
    const r = o.results[0]!;
    expect(r.verdict.kind).toBe('passed');
    expect(r.simulation).toMatchObject({ seed: '1', traces: 300, maxTraces: 300, depth: 20 });
    expect(verdictText(r)).toBe('no violation in 300 random traces');
    expect(countsText(r)).toMatch(/^300 random traces of at most 20 steps, seed 1, [\d,]+ states generated, \d+\.\ds$/);
  });

  it('the generator is a function of the whole 64-bit seed', () => {
    const draw = (s: bigint) => { const n = rng(s); return [n(), n(), n()]; };
    expect(draw(5n)).toEqual(draw(5n));
    expect(draw(5n)).not.toEqual(draw(5n + 2n ** 32n));
    expect(draw(0n).every((x) => x >= 0 && x < 2 ** 32)).toBe(true);
  });
});

describe('simulation on TLC', () => {
  it.skipIf(!tlc.found)(`TLC -simulate with a seed finds the v13 alloc-fail bug at the assert's DSL line and reports the seed${TLC_SKIP}`, async () => {
    const o = await runPipeline(model('ZswapV13'), 'alloc-fail', { checkers: [tlcChecker], simulate: { seed: 42n, depth: 60, traces: 2000 }, jvmArgs: ['-XX:TieredStopAtLevel=1'] });
    const r = o.results[0]!;
    expect(r.verdict).toMatchObject({ kind: 'assert', message: 'RemoveOnlyAddedInstance' });
    expect(problemAt(o)).toEqual(CPUHP_ASSERT);
    expect(r.simulation).toMatchObject({ seed: '42', depth: 60, maxTraces: 2000 });
    expect(r.countsVary).toBeUndefined();
  });

  it('the parser reads a simulation: a failed Assert wrapped in a general error is an assert; 2210 without an error is a pass of N traces', () => {
    const failed = tlcMessage(2185, 0, 'Starting...') + tlcMessage(1000, 1, `TLC threw an unexpected exception.\nThe exception was a tlc2.tool.EvalException\n: ${tlcMessage(2132, 0, 'The first argument of Assert evaluated to FALSE; the second argument was:\n"NoDoubleFree"').trimEnd()}`)
      + tlcMessage(2121, 1, 'The behavior up to this point is:') + tlcMessage(2217, 4, '1: <Initial predicate>\n/\\ x = 0')
      + tlcMessage(2209, 0, 'Progress(3) at 2026-12-02 06:48:23: 23 states generated, -1 distinct states found, -1 states left on queue.')
      + tlcMessage(2210, 0, 'The number of states generated: 23\nSimulation using seed 42 and aril 0') + tlcMessage(2186, 0, 'Finished in 1941ms');
    const r = parseToolOutput(failed, { module: 'M', config: 'c', durationMs: 1, exitCode: 255 });
    expect(r.verdict).toMatchObject({ kind: 'assert', message: 'NoDoubleFree' });
    expect(r.simulation).toEqual({ seed: '42', traces: 3, generated: 23 });
    const passed = tlcMessage(2185, 0, 'Starting...') + tlcMessage(2209, 0, 'Progress(300) at 2026-12-02 06:48:52: 1201 states generated, -1 distinct states found, -1 states left on queue.')
      + tlcMessage(2210, 0, 'The number of states generated: 1201\nSimulation using seed 7 and aril 0') + tlcMessage(2186, 0, 'Finished in 1s');
    const p = parseToolOutput(passed, { module: 'M', config: 'c', durationMs: 1, exitCode: 0 });
    expect(p.verdict.kind).toBe('passed');
    expect(p.simulation).toEqual({ seed: '7', traces: 300, generated: 1201 });
  });
});

describe('distributed TLC on loopback, two workers', () => {
  const tmp = tempDirs();
  it.skipIf(!!DIST_SKIP)(`gives the verdict and distinct states of one TLC process; a violation maps to its DSL line and its count is said to vary${DIST_SKIP}`, async () => {
    const distributed = { localWorkers: 2 };
    // Side by side, C1 only: each run is mostly JVM start-ups (a server, two workers) and RMI set-up.
    const fast = { checkers: [tlcChecker], jvmArgs: ['-XX:TieredStopAtLevel=1'] };
    const [dist, single, racy] = await Promise.all([
      runPipeline(model('LockedCounter'), 'three_tasks_sym', { ...fast, distributed }),
      runPipeline(model('LockedCounter'), 'three_tasks_sym', { ...fast, workers: 1 }),
      runPipeline(model('MutexCounter'), 'racy', { ...fast, distributed }),
    ]);
    // Whole verdicts, so a failure shows a crash's message and not only its kind.
    expect(single.results[0]!.verdict).toEqual({ kind: 'passed' });
    expect(dist.results[0]!.verdict).toEqual({ kind: 'passed' });
    expect(dist.results[0]!.counts!.distinct).toBe(single.results[0]!.counts!.distinct);
    expect(dist.results[0]!.counts!.distinct).toBe(19);
    expect(dist.results[0]!.countsVary).toBeUndefined();
    const v = racy.results[0]!;
    expect(v.verdict).toMatchObject({ kind: 'invariant', name: 'NoLostUpdate' });
    expect(problemAt(racy)).toEqual(NO_LOST_UPDATE);
    expect(racy.asExpected).toBe(true);
    expect(v.countsVary).toBe('distributed TLC, 2 workers');
    expect(countsText(v)).toMatch(/^\d+ \(varies by run: distributed TLC, 2 workers\) distinct/);
  }, 90_000);

  it.skipIf(!!DIST_SKIP)(`an abort stops the server and every worker before the run returns${DIST_SKIP}`, async () => {
    // Below Linux's ephemeral range (32768 on), which other sockets take from at any moment.
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const ac = new AbortController();
    let exploring = false;
    const run = runPipeline(model('ZswapV13'), 'hotplug', {
      checkers: [tlcChecker], signal: ac.signal, distributed: { localWorkers: 2, port }, jvmArgs: ['-XX:TieredStopAtLevel=1'],
      // The first progress report comes after the workers were started (at the server's 7000).
      onProgress: (p) => { if (p.distinct !== undefined && !exploring) { exploring = true; ac.abort(); } },
    });
    const o = await run;
    expect(exploring).toBe(true);
    expect(o.results[0]!.verdict).toMatchObject({ kind: 'crashed', message: 'interrupted' });
    const ps = await execa('ps', ['-eo', 'args'], { reject: false });
    expect(String(ps.stdout).split('\n').filter((l) => l.includes(`TLCServer.port=${port}`))).toEqual([]);
  }, 90_000);

  it.skipIf(!!DIST_SKIP)(`a port we picked, taken before the server binds it: started again on a fresh one; a port the user gave, taken: an error naming it${DIST_SKIP}`, async () => {
    const held = net.createServer();
    await new Promise<void>((resolve) => held.listen(0, '127.0.0.1', resolve));
    const taken = (held.address() as net.AddressInfo).port;
    try {
      const job = jobOf(model('LockedCounter'), 'three_tasks_sym');
      const dir = await tmp('zswap-tla-port-');
      const cfgFile = await writeJobFiles(job, dir);
      const picked: number[] = [];
      const findPort = async () => { const p = picked.length === 0 ? taken : await freePort(); picked.push(p); return p; };
      const run = (distributed: DistributedOptions) => runDistributedTlc(tlc as TlcSetup, dir, job.module.name, cfgFile, 'three_tasks_sym', { checkDeadlock: job.config.checkDeadlock, distributed, jvmArgs: ['-XX:TieredStopAtLevel=1'] }, findPort);
      const again = await run({ localWorkers: 1 });
      expect(again.verdict).toEqual({ kind: 'passed' });
      expect(again.counts!.distinct).toBe(19);
      expect(picked).toEqual([taken, expect.any(Number)]);
      expect(picked[1]).not.toBe(taken);
      const mine = await run({ localWorkers: 1, port: taken });
      expect(mine.verdict).toMatchObject({ kind: 'crashed', message: expect.stringContaining(`Port already in use: ${taken}`) });
      expect(picked).toHaveLength(2);
    } finally {
      held.close();
    }
  }, 90_000);

  it('a config with temporal properties is refused, naming them, before anything runs', async () => {
    const o = await runPipeline(model('LockedCounter'), 'two_tasks', { checkers: [tlcChecker], distributed: { localWorkers: 2 } });
    const v = o.results[0]!.verdict;
    expect(v.kind).toBe('crashed');
    expect(v.kind === 'crashed' && v.message).toMatch(/^distributed TLC does not check temporal properties \(TLC's documentation: "When run in distributed mode, TLC cannot check liveness properties.*and this config checks Termination: check it without --distributed$/);
  });
});

describe('checkpoints', () => {
  const tmp = tempDirs();
  it('the newest run directory holding a TLC checkpoint is the one resumed; none is an error naming --resume', async () => {
    const d = await tmp('zswap-tla-ckpt-');
    const run = async (name: string, files: string[]) => { await mkdir(path.join(d, name)); for (const f of files) await writeFile(path.join(d, name, f), ''); };
    await run('26-12-02-07-22-31.465', ['M.st.chkpt', 'queue.chkpt']);
    await run('26-12-02-07-40-02.001', ['M.st', 'M_0.fp']);
    expect(await newestCheckpoint(d)).toBe(path.join(d, '26-12-02-07-22-31.465'));
    expect(await newestCheckpoint(path.join(d, 'nothing-here'))).toBeUndefined();
  });

  it.skipIf(!tlc.found)(`--resume without a checkpoint is a crash that says so, before TLC starts${TLC_SKIP}`, async () => {
    const dir = await tmp('zswap-tla-ckpt-');
    const o = await runPipeline(model('MutexCounter'), 'racy', { checkers: [tlcChecker], checkpoint: { dir, resume: true } });
    expect(o.results[0]!.verdict).toEqual({ kind: 'crashed', message: `--resume: no TLC checkpoint of MutexCounter/racy under ${path.join(dir, 'MutexCounter.racy')} (run with --checkpoint-dir first)` });
  });
});

describe('honest counts', () => {
  const base: CheckResult = { backend: 'tlc', module: 'M', config: 'c', durationMs: 1200, verdict: { kind: 'deadlock', trace: [] }, counts: { distinct: 3572, depth: 22 } };
  it('a violation found by several workers prints its count as varying; a single worker\'s as it is', () => {
    expect(countsText({ ...base, countsVary: 'TLC with 2 workers' })).toBe('3572 (varies by run: TLC with 2 workers) distinct, depth 22, 1.2s');
    expect(countsText(base)).toBe('3572 distinct, depth 22, 1.2s');
  });
  it.each([
    [{ workers: 1 }, '3572 distinct, depth 22, 1.2s'],
    [{ workers: 2 }, '3572 distinct, depth 22, 2 workers, 1.2s'],
    [{ workers: 2, countsVary: 'TLC with 2 workers' }, '3572 (varies by run: TLC with 2 workers) distinct, depth 22, 1.2s'],
    [{ workers: 2, countsVary: 'resumed from a TLC checkpoint' }, '3572 (varies by run: resumed from a TLC checkpoint) distinct, depth 22, 2 workers, 1.2s'],
    [{ workers: 4, counts: undefined }, '4 workers, 1.2s'],
    [{ workers: 2, simulation: { seed: '7', traces: 6, depth: 5, generated: 25 } }, '6 random traces of at most 5 steps, seed 7, 25 states generated, 2 workers, 1.2s'],
  ] as [Partial<CheckResult>, string][])('workers beside the counts when more than one generated states (%o)', (extra, text) => {
    expect(countsText({ ...base, ...extra })).toBe(text);
  });
});

describe('check options', () => {
  const cli = async (args: string[]) => {
    const out = new Sink();
    const err = new Sink();
    const code = await runCheckCli(['MutexCounter', '--no-typecheck', ...args], { root: PROJECT_ROOT, out, err });
    return { code, err: err.text };
  };
  it.each([
    [['--memory', '12x'], /--memory must be a size like 4g, 512m or 50%/],
    [['--fpmem', '1'], /--fpmem must be a number above 0 and below 1/],
    [['--seed', '-3', '--simulate'], /--seed must be an integer from 0 to 2\^63 - 1/],
    [['--depth', '0', '--simulate'], /--depth must be an integer from 1/],
    [['--traces', '5'], /--traces only applies with --simulate/],
    [['--simulate', '--distributed'], /--simulate and --distributed do not combine/],
    [['--distributed-workers', '0', '--distributed'], /--distributed-workers 0 needs --distributed-hosts/],
    [['--resume'], /--resume needs --checkpoint-dir/],
    [['--distributed', '--jobs', '2'], /--jobs 2 with --distributed: a distributed run checks one config at a time/],
    [['--memory', '1g', '--backend', 'compiled'], /--memory only applies to TLC, not --backend compiled/],
  ])('%j: exit 2 naming the option', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toMatch(message);
  });

  it('--memory sizes: g, m and % of physical memory', () => {
    expect(memoryArg('4g', 16 * 2 ** 30)).toBe(4 * 2 ** 30);
    expect(memoryArg('512m', 16 * 2 ** 30)).toBe(512 * 2 ** 20);
    expect(memoryArg('50%', 16 * 2 ** 30)).toBe(8 * 2 ** 30);
    expect(() => memoryArg('17g', 16 * 2 ** 30)).toThrow(/--memory/);
  });

  it('--help documents every new option', async () => {
    const out = new Sink();
    await runCheckCli(['--help'], { root: PROJECT_ROOT, out, err: new Sink() });
    for (const o of ['--simulate', '--depth', '--traces', '--seed', '--distributed', '--distributed-workers', '--distributed-hosts', '--distributed-address', '--distributed-port', '--memory', '--fpmem', '--checkpoint-dir', '--checkpoint', '--resume']) {
      expect(out.text).toContain(`  ${o} `);
    }
    expect(readFileSync(`${PROJECT_ROOT}/README.md`, 'utf8')).toContain('--distributed-hosts');
  });
});
