/**
 * What a check thread and a search worker do, driven in place over a `MessageChannel`
 * (check-server.ts, batch-server.ts): the same messages a thread's parent port carries, so each
 * branch is exercised here, not only through a Worker (test/check-threads.test.ts,
 * test/compiled-pool.test.ts run them in real threads).
 */
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { serveBatches } from '../dsl/check/compiled/batch-server.js';
import { serveChecks } from '../dsl/check/compiled/check-server.js';
import { compileSpec } from '../dsl/check/compiled/compile.js';
import { Expander } from '../dsl/check/compiled/expand.js';
import { checkCompiled, checkEachCompiled } from '../dsl/check/compiled/index.js';
import { batchToWire, resultToWire, type WireResult } from '../dsl/check/compiled/wire.js';
import type { CheckJob } from '../dsl/check/checker.js';
import type { CheckResult } from '../dsl/check/result.js';
import { eq, lt, model, plus, range, set, t, when } from '../dsl/index.js';
import { modelNamed, timeless } from './helpers/models.js';
import { jobOf, slowCounters } from './helpers/compiled-job.js';


let open: MessagePort[] = [];
afterEach(() => { for (const p of open) p.close(); open = []; });

/** A channel with `serve` on one end; the other end collects every message. */
function channel(serve: (port: MessagePort) => void) {
  const { port1, port2 } = new MessageChannel();
  open.push(port1, port2);
  serve(port1);
  const got: unknown[] = [];
  const waiters: (() => void)[] = [];
  port2.on('message', (m: unknown) => { got.push(m); for (const w of waiters.splice(0)) w(); });
  /** Resolves once a message satisfies `test`; returns it. */
  const until = async <T>(test: (m: unknown) => m is T): Promise<T> => {
    for (;;) {
      const hit = got.find(test);
      if (hit !== undefined) return hit;
      await new Promise<void>((r) => waiters.push(r));
    }
  };
  return { send: (m: unknown) => port2.postMessage(m), got, until };
}

const isResult = (m: unknown): m is { result: CheckResult | ReadonlyMap<string, CheckResult> } => typeof m === 'object' && m !== null && 'result' in m;
const isError = (m: unknown): m is { error: { message: string; stack?: string } } => typeof m === 'object' && m !== null && 'error' in m;
const isProgress = (m: unknown): m is { progress: { phase: string } } => typeof m === 'object' && m !== null && 'progress' in m;

const slow = slowCounters('T2ServerSlow');

describe('serveChecks: a check thread\'s side of the port', () => {
  it('answers a check with what checkCompiled gives in place; with progress asked, progress first, starting to done', async () => {
    const job = jobOf(modelNamed('MutexCounter'), 'racy');
    const c = channel(serveChecks);
    c.send({ job, options: {}, progress: true });
    const { result } = await c.until(isResult);
    expect(timeless(result as CheckResult)).toEqual(timeless(await checkCompiled(job)));
    const progress = c.got.filter(isProgress).map((m) => m.progress.phase);
    expect(progress[0]).toBe('starting');
    expect(progress.at(-1)).toBe('done');
    expect(c.got.at(-1)).toHaveProperty('result');
  });

  it('sends no progress when none is asked', async () => {
    const c = channel(serveChecks);
    c.send({ job: jobOf(modelNamed('MutexCounter'), 'locked'), options: {}, progress: false });
    await c.until(isResult);
    expect(c.got).toHaveLength(1);
  });

  it('checkEach of the names sent: a map, each as in place', async () => {
    const job = jobOf(modelNamed('ZswapV13'), 'alloc-fail');
    const names = ['TypeOK', 'RemoveOnlyAddedInstance'];
    const c = channel(serveChecks);
    c.send({ job, options: {}, progress: false, each: names });
    const { result } = await c.until(isResult);
    const here = await checkEachCompiled(job, names);
    expect(result).toBeInstanceOf(Map);
    for (const n of names) expect(timeless((result as ReadonlyMap<string, CheckResult>).get(n)!), n).toEqual(timeless(here.get(n)!));
  });

  it('passes the options it is sent on: --max-states stops the search there', async () => {
    const c = channel(serveChecks);
    c.send({ job: jobOf(slow), options: { maxStates: 100 }, progress: false });
    const r = (await c.until(isResult)).result as CheckResult;
    expect(r.verdict.kind).not.toBe('passed');
    expect(r.counts!.distinct).toBeLessThan(1000);
  });

  it('an abort stops the check running (an error verdict, never a pass); an abort with nothing running does nothing', async () => {
    const c = channel(serveChecks);
    c.send({ abort: true });
    c.send({ job: jobOf(slow), options: {}, progress: true });
    await c.until((m): m is unknown => isProgress(m) && m.progress.phase === 'starting');
    c.send({ abort: true });
    const r = (await c.until(isResult)).result as CheckResult;
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'aborted' });
    // The same port serves the next check to its end.
    c.got.length = 0;
    c.send({ job: jobOf(modelNamed('MutexCounter'), 'locked'), options: {}, progress: false });
    expect(((await c.until(isResult)).result as CheckResult).verdict.kind).toBe('passed');
  });

  it('a check that throws: its message and stack sent back', async () => {
    const job = jobOf(modelNamed('MutexCounter'), 'locked');
    const broken = { ...job, tla: `${job.tla}\n\\* broken here`, module: { ...job.module, variables: [{ name: 'x' }] } } as unknown as CheckJob;
    const message = await checkCompiled(broken).then(() => 'no error', (e: Error) => e.message);
    expect(message).not.toBe('no error');
    const c = channel(serveChecks);
    c.send({ job: broken, options: {}, progress: false });
    const { error } = await c.until(isError);
    expect(error.message).toBe(message);
    expect(error.stack).toContain(message);
  });
});

describe('serveBatches: a search worker\'s side of the port', () => {
  const pair = () => model('T2ServerPair', (m) => {
    const x = m.variable('x', t.int(0, 2), 0);
    const y = m.variable('y', t.int(0, 1), 0);
    m.action('Up', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
    m.action('Put', { v: range(0, 1) }, ({ v }) => [when(eq(x, x)), set(y, v)]);
    m.config('plain', { checkDeadlock: false });
  });

  it('says ready once its spec compiled, then answers each batch as an Expander in place does', async () => {
    const job = jobOf(pair());
    const source = { module: job.module, config: job.config, tla: job.tla, spans: job.spans };
    const c = channel((p) => serveBatches(p, source));
    await c.until((m): m is { ready: true } => typeof m === 'object' && m !== null && 'ready' in m);
    expect(c.got).toEqual([{ ready: true }]);
    const batch = { added: [[0], [0, 1]], rows: Int32Array.of(0, 0, 0, 1) };
    c.send(batchToWire(batch));
    const answer = await c.until((m): m is WireResult => typeof m === 'object' && m !== null && 'rows' in m);
    const here = resultToWire(new Expander(compileSpec(source.module, source.config, source.tla, source.spans)).expand(batch));
    expect(answer).toEqual(here);
    expect(answer.expanded).toBe(2);
  });

  it('a spec that does not compile: failed, with the compiler\'s message', async () => {
    const job = jobOf(pair());
    const source = { module: { ...job.module, variables: [{ name: 'x' }] } as never, config: job.config, tla: `${job.tla}\n\\* unlike any other`, spans: job.spans };
    const message = (() => { try { compileSpec(source.module, source.config, source.tla, source.spans); return 'no error'; } catch (e) { return (e as Error).message; } })();
    expect(message).not.toBe('no error');
    const c = channel((p) => serveBatches(p, source));
    expect(await c.until((m): m is { failed: string } => typeof m === 'object' && m !== null && 'failed' in m)).toEqual({ failed: message });
    expect(c.got).toHaveLength(1);
  });
});
