/**
 * Several configs at once (`check --jobs`): `inOrder` runs them a few at a time and streams each
 * result in command-line order; a compiled check with `thread: true` runs in a check thread and
 * must give exactly what it gives in place — verdict, counts, trace, covers, coverage, every
 * option that crosses — and stop when aborted, throw what it throws, and not keep the process
 * alive. The CLI's report with `--jobs 2` is the report with `--jobs 1`.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Writable } from 'node:stream';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { inOrder } from '../dsl/cli/in-order.js';
import { runCheckCli } from '../dsl/cli/check.js';
import { concurrency } from '../dsl/cli/check-run.js';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { checkCompiled, checkEachCompiled } from '../dsl/check/compiled/index.js';
import { idleThreads, stopThreads, warmThreads } from '../dsl/check/compiled/thread.js';
import type { CheckJob, CheckOptions } from '../dsl/check/checker.js';
import type { Progress } from '../dsl/check/result.js';
import { choose, gt, model, range, set, t } from '../dsl/index.js';
import { modelNamed, timeless } from './helpers/models.js';
import { mutexStarvation } from '../models/peer/liveness-bugs.js';
import { jobOf, slowCounters } from './helpers/compiled-job.js';
import { Sink, tempDirs } from './helpers/io.js';
import { PROJECT_ROOT } from './helpers/root.js';

const tempDir = tempDirs();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('inOrder', () => {
  it.each([
    { n: 6, limit: 2, delays: [50, 5, 30, 5, 20, 1] },
    { n: 5, limit: 3, delays: [40, 30, 20, 10, 0] },
    { n: 4, limit: 1, delays: [10, 0, 10, 0] },
    { n: 3, limit: 8, delays: [15, 10, 5] },
  ])('$n runs, $limit at once, finishing out of order: delivered in index order, never more than $limit running', async ({ n, limit, delays }) => {
    let now = 0;
    let most = 0;
    const started: number[] = [];
    const delivered: [string, number][] = [];
    await inOrder(n, limit, async (i) => {
      started.push(i);
      most = Math.max(most, ++now);
      await sleep(delays[i]!);
      now--;
      return `r${i}`;
    }, (r, i) => delivered.push([r, i]), () => false);
    expect(started).toEqual([...Array(n).keys()]);
    expect(delivered).toEqual([...Array(n).keys()].map((i) => [`r${i}`, i]));
    expect(most).toBe(Math.min(limit, n));
  });

  it('a result is delivered as soon as every earlier one is in, not at the end', async () => {
    const log: string[] = [];
    await inOrder(3, 2, async (i) => { await sleep([5, 40, 5][i]!); log.push(`done ${i}`); return i; }, (r) => log.push(`deliver ${r}`), () => false);
    expect(log).toEqual(['done 0', 'deliver 0', 'done 2', 'done 1', 'deliver 1', 'deliver 2']);
  });

  it('once stopped, nothing new starts; what was running is let finish and delivered in order', async () => {
    let stop = false;
    const started: number[] = [];
    const delivered: number[] = [];
    await inOrder(10, 2, async (i) => { started.push(i); await sleep(10); if (i === 2) stop = true; return i; }, (r) => delivered.push(r), () => stop);
    expect(started).toEqual([0, 1, 2, 3]);
    expect(delivered).toEqual([0, 1, 2, 3]);
  });

  it('a run that throws: `failed` is told at once, the others running finish, nothing new starts, nothing from it on is delivered, and its error is thrown', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const delivered: number[] = [];
    const failedAt: string[] = [];
    const run = inOrder(8, 3, async (i) => {
      started.push(i);
      await sleep(i === 1 ? 5 : i === 2 ? 2 : 30);
      if (i === 1 || i === 2) throw new Error(`run ${i} failed`);
      finished.push(i);
      return i;
    }, (r) => delivered.push(r), () => false, () => failedAt.push(`failed with ${finished.length} finished`));
    await expect(run).rejects.toThrow('run 2 failed');
    expect(started).toEqual([0, 1, 2]);
    expect(finished).toEqual([0]);
    expect(delivered).toEqual([]);
    // Once, at the first failure, while run 0 was still going.
    expect(failedAt).toEqual(['failed with 0 finished']);
  });

  it('a run that throws once stopped was stopped, not broken: nothing thrown, `failed` not told, the others still delivered', async () => {
    let stop = false;
    const delivered: number[] = [];
    const failedAt: number[] = [];
    await inOrder(5, 2, async (i) => {
      await sleep(i === 1 ? 5 : 20);
      if (i === 1) { stop = true; throw new Error('the service is no longer running'); }
      return i;
    }, (r) => delivered.push(r), () => stop, () => failedAt.push(1));
    expect(failedAt).toEqual([]);
    // Run 0 was going when run 1 stopped everything: it ends, and is delivered (run 1 has nothing to deliver).
    expect(delivered).toEqual([0]);
  });

  it('a run that throws as a stop arrives, the stop\'s handler running just after the error is seen, was stopped too', async () => {
    // As a Ctrl-C to the process group: the helper process it ends fails the run, and this
    // process's own SIGINT handler runs in the same turn of the event loop, after the failure.
    let stop = false;
    const failedAt: number[] = [];
    await inOrder(3, 2, (i) => new Promise<number>((resolve, reject) => {
      if (i === 0) setImmediate(() => { reject(new Error('The service was stopped: write EPIPE')); setImmediate(() => { stop = true; }); });
      else setTimeout(() => resolve(i), 30);
    }), () => undefined, () => stop, () => failedAt.push(1));
    expect(failedAt).toEqual([]);
  });

  it('while a throw is judged, no new run starts, though another lane finishes in that turn', async () => {
    const started: number[] = [];
    const run = inOrder(4, 2, (i) => { started.push(i); return new Promise<number>((resolve, reject) => setTimeout(() => (i === 0 ? reject(new Error('broken')) : resolve(i)), 10)); }, () => undefined, () => false);
    await expect(run).rejects.toThrow('broken');
    expect(started).toEqual([0, 1]);
  });

  it('no runs: nothing is called', async () => {
    let calls = 0;
    await inOrder(0, 2, async () => { calls++; return 0; }, () => calls++, () => false);
    expect(calls).toBe(0);
  });
});


const chooseNone = model('T2ThreadChooseNone', (m) => {
  const x = m.variable('x', t.int(0, 3), 0);
  m.action('Advance', {}, () => [set(x, choose(range(0, 3), (v) => gt(v, x)))]);
  m.config('c', { checkDeadlock: false });
});

const slow = slowCounters('T2ThreadSlow');

describe('a compiled check in a check thread gives what it gives in place', () => {
  const cases: [string, () => CheckJob, CheckOptions][] = [
    ['a pass', () => jobOf(modelNamed('MutexCounter'), 'locked'), {}],
    ['an invariant violated, with its trace', () => jobOf(modelNamed('MutexCounter'), 'racy'), {}],
    ['a liveness property violated, with its lasso', () => jobOf(mutexStarvation), {}],
    ['an evaluation error, located', () => jobOf(chooseNone), {}],
    ['an assert of the zswap model failing, covers decided', () => jobOf(modelNamed('ZswapV13'), 'alloc-fail'), {}],
    ['a zswap pass with its covers and step coverage', () => jobOf(modelNamed('ZswapV13Fix'), 'hotplug'), { coverage: true }],
    ['--max-states: stopped, never passed', () => jobOf(modelNamed('ZswapV13Fix'), 'hotplug'), { maxStates: 500 }],
    ['--por: the reduced search', () => jobOf(modelNamed('ZswapV13Fix'), 'reclaim'), { por: true }],
    ['random walks with a seed', () => jobOf(modelNamed('ZswapV13'), 'hotplug'), { simulate: { seed: 7n, depth: 30, traces: 20 } }],
  ];
  it.each(cases)('%s', async (_, job, options) => {
    const [here, there] = [await checkCompiled(job(), options), await checkCompiled(job(), { ...options, thread: true })];
    expect(timeless(there)).toEqual(timeless(here));
  });

  it('checkEach: every name alone, as in place', async () => {
    const job = jobOf(modelNamed('ZswapV13'), 'alloc-fail');
    const names = ['TypeOK', 'RemoveOnlyAddedInstance', 'deadlock'];
    const [here, there] = [await checkEachCompiled(job, names), await checkEachCompiled(job, names, { thread: true })];
    expect([...there.keys()]).toEqual(names);
    for (const n of names) expect(timeless(there.get(n)!), n).toEqual(timeless(here.get(n)!));
  });

  it('checkEach ends with a done progress carrying the counts of its one search, here and in a thread', async () => {
    const job = jobOf(modelNamed('ZswapV13'), 'alloc-fail');
    for (const thread of [false, true]) {
      const seen: Progress[] = [];
      const r = await checkEachCompiled(job, ['TypeOK'], { thread, onProgress: (p) => seen.push(p) });
      const counts = r.get('TypeOK')!.counts!;
      expect(seen.at(-1), `thread ${thread}`).toEqual({ phase: 'done', distinct: counts.distinct, generated: counts.generated, depth: counts.depth });
    }
  });

  it('progress crosses: starting, then done with the final counts', async () => {
    const seen: Progress[] = [];
    const r = await checkCompiled(jobOf(modelNamed('ZswapV13Fix'), 'hotplug'), { thread: true, onProgress: (p) => seen.push(p) });
    expect(seen[0]).toEqual({ phase: 'starting' });
    expect(seen.at(-1)).toEqual({ phase: 'done', distinct: r.counts!.distinct, generated: r.counts!.generated, depth: r.counts!.depth });
  });

  it('options that cannot cross a thread (a pipeline\'s checkers, callbacks) are left behind, not a crash', async () => {
    const options = { thread: true, checkers: [{ check: () => undefined }], resolver: () => undefined } as CheckOptions;
    expect((await checkCompiled(jobOf(modelNamed('MutexCounter'), 'racy'), options)).verdict.kind).toBe('invariant');
  });

  it('aborting stops the search in its thread: an error, never a pass, long before it would end', async () => {
    const stop = new AbortController();
    const started = performance.now();
    const running = checkCompiled(jobOf(slow), { thread: true, signal: stop.signal, onProgress: (p) => { if (p.phase === 'starting') setTimeout(() => stop.abort(), 300); } });
    const r = await running;
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'aborted' });
    expect(performance.now() - started).toBeLessThan(10_000);
    // The thread is free again: the next check in it runs to the end.
    expect((await checkCompiled(jobOf(modelNamed('MutexCounter'), 'locked'), { thread: true })).verdict.kind).toBe('passed');
  });

  it('an aborted signal before the start: stopped at once', async () => {
    const r = await checkCompiled(jobOf(slow), { thread: true, signal: AbortSignal.abort() });
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'aborted' });
  });

  it('a check that throws in its thread throws the same message here', async () => {
    const job = jobOf(modelNamed('MutexCounter'), 'locked');
    // Its own text too: a thread keeps its last compilations by module text.
    const broken = { ...job, tla: `${job.tla}\n\\* broken`, module: { ...job.module, variables: [{ name: 'x' }] } } as unknown as CheckJob;
    const here = await checkCompiled(broken).then(() => 'no error', (e: Error) => e.message);
    expect(here).not.toBe('no error');
    await expect(checkCompiled(broken, { thread: true })).rejects.toThrow(here);
  });

  it('idle check threads — one that checked, two started ahead (warmThreads) — do not keep the process alive', async () => {
    const at = (f: string) => JSON.stringify(path.join(PROJECT_ROOT, f));
    const script = path.join(await tempDir('zswap-tla-thread-'), 'one-check.mts');
    await writeFile(script, [
      `import { checkCompiled } from ${at('dsl/check/compiled/index.ts')};`,
      `import { jobOf } from ${at('test/helpers/compiled-job.ts')};`,
      `import mutexCounter from ${at('models/mutex-counter.ts')};`,
      `import { warmThreads } from ${at('dsl/check/compiled/thread.ts')};`,
      'warmThreads(3);',
      "const r = await checkCompiled(jobOf(mutexCounter, 'racy'), { thread: true });",
      'console.log(r.verdict.kind);',
    ].join('\n'));
    const r = await execa('node', ['--import', 'tsx', script], { cwd: PROJECT_ROOT, reject: false, timeout: 60_000 });
    expect(r.timedOut, r.stderr).toBe(false);
    expect(r.exitCode, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe('invariant');
  }, 90_000);
});

describe('the pool of check threads', () => {
  const waitUntilStarted = (): { onProgress: (p: Progress) => void; started: Promise<void> } => {
    let go!: () => void;
    const started = new Promise<void>((r) => { go = r; });
    return { onProgress: (p) => { if (p.phase === 'starting') go(); }, started };
  };

  it('warmThreads starts threads up to n, never more; stopThreads ends every idle one', async () => {
    await stopThreads();
    expect(idleThreads()).toBe(0);
    warmThreads(2);
    expect(idleThreads()).toBe(2);
    warmThreads(1);
    expect(idleThreads()).toBe(2);
    warmThreads(3);
    expect(idleThreads()).toBe(3);
    await stopThreads();
    expect(idleThreads()).toBe(0);
  });

  it('a thread that checked goes back to the pool — after a result, after an error thrown in it, after a request that could not be sent', async () => {
    await stopThreads();
    const job = jobOf(modelNamed('MutexCounter'), 'locked');
    expect((await checkCompiled(job, { thread: true })).verdict.kind).toBe('passed');
    expect(idleThreads()).toBe(1);
    const broken = { ...job, tla: `${job.tla}\n\\* broken again`, module: { ...job.module, variables: [{ name: 'x' }] } } as unknown as CheckJob;
    await expect(checkCompiled(broken, { thread: true })).rejects.toThrow();
    expect(idleThreads()).toBe(1);
    // A function cannot be copied to a thread: postMessage throws before anything is sent.
    const uncloneable = { ...job, module: { ...job.module, extra: () => 1 } } as unknown as CheckJob;
    await expect(checkCompiled(uncloneable, { thread: true })).rejects.toThrow(/could not be cloned/);
    expect(idleThreads()).toBe(1);
    // The same thread checks again.
    expect((await checkCompiled(job, { thread: true })).verdict.kind).toBe('passed');
    expect(idleThreads()).toBe(1);
  });

  it('twelve checks in a row on one thread: each leaves no listener behind (no MaxListenersExceededWarning, every result once)', async () => {
    await stopThreads();
    const warnings: Error[] = [];
    const onWarning = (w: Error) => warnings.push(w);
    process.on('warning', onWarning);
    try {
      const job = jobOf(modelNamed('MutexCounter'), 'racy');
      const stop = new AbortController();
      for (let i = 0; i < 12; i++) {
        const r = await checkCompiled(job, { thread: true, signal: stop.signal, onProgress: () => {} });
        expect(r.verdict.kind).toBe('invariant');
        expect(idleThreads()).toBe(1);
      }
      await new Promise((r) => setImmediate(r));
      expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('aborting the signal of a check that has finished does not reach the next check in the same thread', async () => {
    await stopThreads();
    const first = new AbortController();
    expect((await checkCompiled(jobOf(modelNamed('MutexCounter'), 'locked'), { thread: true, signal: first.signal })).verdict.kind).toBe('passed');
    const { onProgress, started } = waitUntilStarted();
    const second = checkCompiled(jobOf(modelNamed('ZswapV13Fix'), 'hotplug'), { thread: true, onProgress });
    await started;
    first.abort();
    const r = await second;
    expect(r.verdict.kind).toBe('passed');
    expect(r.counts!.distinct).toBe(15_704);
  });

  it('an error thrown in a thread keeps the thread\'s stack: the frame it was thrown at, as in place', async () => {
    const job = jobOf(modelNamed('MutexCounter'), 'locked');
    const broken = { ...job, tla: `${job.tla}\n\\* broken for the stack`, module: { ...job.module, variables: [{ name: 'x' }] } } as unknown as CheckJob;
    const here = await checkCompiled(broken).then(() => undefined, (e: Error) => e);
    const there = await checkCompiled(broken, { thread: true }).then(() => undefined, (e: Error) => e);
    const frame = (e: Error | undefined) => e?.stack?.split('\n').find((l) => l.trimStart().startsWith('at '));
    expect(frame(here)).toMatch(/compiled\//);
    expect(frame(there)).toBe(frame(here));
  });

  it('a thread ended during its check: the check fails (never a pass) and the thread is not handed out again', async () => {
    await stopThreads();
    const { onProgress, started } = waitUntilStarted();
    const running = checkCompiled(jobOf(slow), { thread: true, onProgress });
    await started;
    await stopThreads();
    await expect(running).rejects.toThrow(/a check thread exited \(code \d+\) before answering/);
    expect(idleThreads()).toBe(0);
    expect((await checkCompiled(jobOf(modelNamed('MutexCounter'), 'racy'), { thread: true })).verdict.kind).toBe('invariant');
    expect(idleThreads()).toBe(1);
  });
});

describe('check --jobs', () => {
  it.each([
    // jobs, workers, configs, distributed, cores → jobs, each config's workers
    ['auto', 'auto', 81, false, 2, 2, 1],
    ['auto', 'auto', 81, false, 4, 4, 1],
    ['auto', 'auto', 1, false, 2, 1, 'auto'],
    ['auto', 'auto', 81, true, 2, 1, 'auto'],
    [3, 'auto', 2, false, 8, 2, 4],
    [2, 'auto', 81, false, 8, 2, 4],
    [2, 3, 81, false, 2, 2, 3],
    [1, 'auto', 81, false, 2, 1, 'auto'],
    ['auto', 'auto', 0, false, 2, 1, 'auto'],
  ] as const)('--jobs %s --workers %s, %i configs, distributed %s, %i cores: %i at once, --workers %s each', (jobs, workers, configs, distributed, cores, atOnce, each) => {
    expect(concurrency({ jobs, workers }, configs, distributed, cores)).toEqual({ jobs: atOnce, workers: each });
  });

  const run = async (args: readonly string[]) => {
    const out = new Sink();
    const err = new Sink();
    const generated = path.join(await tempDir('zswap-tla-jobs-'), 'generated');
    const code = await runCheckCli([...args, '--backend', 'compiled', '--no-typecheck'], { root: PROJECT_ROOT, generatedDir: generated, out, err });
    // Durations differ from run to run; nothing else may.
    return { code, out: out.text.replace(/\d+\.\ds\b/g, 'T'), err: err.text };
  };
  const names = ['MutexCounter', 'RacyCounter', 'PetersonTurnFirst', 'ZswapV13/alloc-fail', 'ZswapV13Fix/hotplug', 'ZswapTeardown/reclaim'];

  it.each([
    // names → idle check threads after the run (a thread that checked stays, for the next)
    [['Peterson'], 0], // a model with one config: no lane but the first, no thread loaded
    [['MutexCounter/locked'], 0],
    [['MutexCounter'], 1], // two configs: the second in a thread
    [['MutexCounter/locked', 'PetersonTurnFirst'], 1],
    // --changed (watch): only the models the file declares, counted once loaded
    [['--changed', 'models/examples/two-phase.ts'], 0],
    [['--changed', 'models/peer/peterson.ts'], 1], // Peterson and PetersonTurnFirst, a config each
  ] as const)('--jobs 2 of %j: %i check thread started (one per lane after the first, as many lanes as configs)', async (names, threads) => {
    await stopThreads();
    const r = await run([...names, '--jobs', '2']);
    expect(r.code, r.err).toBe(EXIT.ok);
    expect(idleThreads()).toBe(threads);
    await stopThreads();
  }, 60_000);

  it('two at a time: the same report, in the same order, as one at a time', async () => {
    const [one, two] = [await run([...names, '--jobs', '1']), await run([...names, '--jobs', '2'])];
    expect(one.code, one.err).toBe(EXIT.ok);
    expect(two).toEqual(one);
    expect(one.out.indexOf('MutexCounter/racy')).toBeLessThan(one.out.indexOf('ZswapV13/alloc-fail'));
  }, 120_000);

  it('--each: the same matrix with two at a time', async () => {
    const [one, two] = [await run(['MutexCounter', 'ZswapV13/alloc-fail', '--each', '--jobs', '1']), await run(['MutexCounter', 'ZswapV13/alloc-fail', '--each', '--jobs', '2'])];
    expect(one.code, one.err).toBe(EXIT.ok);
    expect(two).toEqual(one);
  }, 120_000);

  it('on a terminal, the status line of a config still running is cleared before a finished one\'s report, and drawn again after', async () => {
    // stdout and stderr on one screen: a report written after an uncleared status line would continue it.
    const screen: { stream: 'out' | 'err'; text: string }[] = [];
    class Face extends Writable {
      isTTY: boolean;
      constructor(private readonly stream: 'out' | 'err') { super(); this.isTTY = stream === 'err'; }
      override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void { screen.push({ stream: this.stream, text: chunk.toString() }); cb(); }
    }
    const generated = path.join(await tempDir('zswap-tla-jobs-'), 'generated');
    // The first config is tiny and checked in place; the second, in a thread, is still running when the first is reported.
    const code = await runCheckCli(['MutexCounter/locked', 'ZswapV13Fix/hotplug', '--jobs', '2', '--backend', 'compiled', '--no-typecheck'], { root: PROJECT_ROOT, generatedDir: generated, out: new Face('out'), err: new Face('err') });
    expect(code).toBe(EXIT.ok);
    let dirty = false, sawOverlap = false;
    for (const w of screen) {
      if (w.stream === 'err') { if (w.text.startsWith('\x1b[2K\r')) dirty = w.text.length > '\x1b[2K\r'.length; continue; }
      expect(dirty, `stdout written over a status line: ${JSON.stringify(w.text.slice(0, 60))}`).toBe(false);
    }
    for (let i = 0; i < screen.length; i++) {
      if (screen[i]!.stream === 'out' && screen[i]!.text.includes('MutexCounter/locked')) {
        sawOverlap = screen.slice(0, i).some((w) => w.stream === 'err' && w.text.includes('ZswapV13Fix/hotplug'));
        expect(screen.slice(i + 1).some((w) => w.stream === 'err' && w.text.includes('checking ZswapV13Fix/hotplug'))).toBe(true);
        break;
      }
    }
    expect(sawOverlap).toBe(true);
  }, 60_000);

  it.each([['0'], ['-2'], ['two'], ['1.5']])('--jobs %s: exit 2 naming the option; nothing checked', async (v) => {
    const r = await run(['MutexCounter', '--jobs', v]);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.err).toMatch(/--jobs|unknown option '-2'/);
    expect(r.out).toBe('');
  });
});
