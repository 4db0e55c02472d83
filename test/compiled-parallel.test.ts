/**
 * The compiled verifier's parallel search (`--workers`): the search numbers, stores and checks
 * every state itself and takes the workers' successors in queue order, so it must find exactly
 * what one thread finds — the same outcome, trace, distinct and generated counts and depth. Shown
 * on every config of models/ but the zswap cells (one cell per zswap scenario stands for them),
 * on random models, with the workers in this thread (the protocol, values cloned as messages
 * are) and on a few in real worker threads; a worker that cannot start is a crash, never a pass.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompiled, PARALLEL_FROM } from '../dsl/check/compiled/index.js';
import { compileSpec } from '../dsl/check/compiled/compile.js';
import { search, type SearchResult } from '../dsl/check/compiled/search.js';
import { traceStates } from '../dsl/check/compiled/index.js';
import type { CheckJob } from '../dsl/check/checker.js';
import { models } from '../models/index.js';
import { assert, eq, fn, label, lt, model, plus, range, set, t, when } from '../dsl/index.js';
import { buildFuzzModel } from '../scripts/bench/fuzz-model.js';
import { zswapScalingModel } from '../scripts/bench/zswap-scaling.js';
import { fuzzModelArb } from '../scripts/bench/fuzz.js';
import { jobOf, successorError, twoChecks } from './helpers/compiled-job.js';
import { InThreadPool } from './helpers/in-thread-pool.js';
import { replayInAction, replayNew, replayProperty } from './fixtures/tlc-replay.js';
import { WorkerPool, type Pool } from '../dsl/check/compiled/parallel.js';

const failure = new Error('a search worker exited (code 1)');
const source = (job: CheckJob) => ({ module: job.module, config: job.config, tla: job.tla, spans: job.spans });

/** Everything a search result says, traces as TLC prints them. */
function summary(job: CheckJob, r: SearchResult): unknown {
  const o = r.outcome, names = job.module.variables.map((v) => v.name);
  const trace = 'trace' in o ? traceStates(o.trace, names) : undefined;
  return { ...o, ...(trace ? { trace } : {}), ...('loopStep' in o && o.loopStep ? { loopStep: traceStates([o.loopStep], names) } : {}), distinct: r.distinct, generated: r.generated, depth: r.depth };
}

async function both(job: CheckJob, workers = 2): Promise<{ one: unknown; many: unknown; batches: number }> {
  const spec = compileSpec(job.module, job.config, job.tla, job.spans);
  const base = { checkDeadlock: job.config.checkDeadlock };
  const one = summary(job, await search(spec, base));
  let pool: InThreadPool | undefined;
  const many = summary(job, await search(spec, { ...base, parallel: { workers, from: 0, source: source(job), pool: () => (pool = new InThreadPool(source(job), workers)) } }));
  return { one, many, batches: pool?.batches ?? 0 };
}

const refused = (job: CheckJob) => { try { compileSpec(job.module, job.config, job.tla, job.spans); return false; } catch { return true; } };
// The zswap cells on a diagonal: the i-th variant in its (i mod 6)-th scenario, every variant and scenario once at least.
const zswap = models.filter((m) => m.module.name.startsWith('Zswap'));
const all = models.flatMap((m) => m.module.configs.map((c, j) => ({ label: `${m.module.name}/${c.name}`, model: m, config: c.name, on: !zswap.includes(m) || zswap.indexOf(m) % m.module.configs.length === j })));
// Small models for what models/ outside zswap never ends with: a failed assert, an evaluation error, a deadlock, CONSTRAINTs.
const small = [
  model('AssertFails', (m) => {
    const x = m.variable('x', t.int(0, 3), 0);
    m.process('Proc', 'main', {}, () => [label('a'), set(x, plus(x, 1)), label('b'), assert('XBelow1', lt(x, 1)), set(x, plus(x, 1))]);
    m.config('c', { checkDeadlock: false, expect: { violates: 'XBelow1' } });
  }),
  model('OutOfDomain', (m) => {
    const x = m.variable('x', t.int(0, 3), 0);
    const f = m.variable('f', t.fn(range(0, 1), t.int(0, 3)), fn(range(0, 1), () => 0, t.int(0, 3)));
    m.action('Read', {}, () => [when(lt(x, 3)), when(eq(f.at(x), 0)), set(x, plus(x, 1))]);
    m.config('c', { checkDeadlock: false });
  }),
  model('Stuck', (m) => {
    const x = m.variable('x', t.int(0, 2), 0);
    m.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
    m.config('c', { checkDeadlock: true });
  }),
  model('Bounded', (m) => {
    const x = m.variable('x', t.int(0, 9), 0);
    const y = m.variable('y', t.int(0, 9), 0);
    m.action('IncX', {}, () => [when(lt(x, 9)), set(x, plus(x, 1))]);
    m.action('IncY', {}, () => [when(lt(y, 9)), set(y, plus(y, 1))]);
    const inside = m.constraint('Inside', lt(plus(x, y), 6));
    const below = m.invariant('Below', lt(x, 6));
    m.config('holds', { constraints: [inside], checkDeadlock: false });
    m.config('violated_outside', { constraints: [inside], invariants: [below], checkDeadlock: false, expect: { violates: below } });
  }),
  // An evaluation error on a successor (its constraint, its step's action property): the trace ends with it.
  successorError('constraint'),
  successorError('property'),
  // Two checks failing on one successor: the workers judge it in the search's order.
  twoChecks('InvariantAndProperty'),
  twoChecks('ConstraintErrorAndProperty'),
  twoChecks('PropertyErrorAndInvariant'),
  // An invariant's evaluation error past the first state: the states TLC's replay adds are counted on either side.
  replayNew, replayInAction, replayProperty,
];
const cells = [
  ...all.filter((c) => c.on).map((c) => ({ label: c.label, job: jobOf(c.model, c.config) })),
  ...small.flatMap((m) => m.module.configs.map((c) => ({ label: `${m.module.name}/${c.name}`, job: jobOf(m, c.name) }))),
].filter(({ job }) => !refused(job));
const pick = (label: string) => { const c = all.find((x) => x.label === label)!; return jobOf(c.model, c.config); };

describe('the parallel search finds what one thread finds', () => {
  it('covers every kind of outcome among the configs (the zswap cells aside)', async () => {
    const kinds = new Set<string>();
    for (const { job, label } of cells) if (!label.startsWith('Zswap')) kinds.add((await checkCompiled(job)).verdict.kind);
    expect([...kinds].sort()).toEqual(expect.arrayContaining(['assert', 'deadlock', 'evalError', 'invariant', 'passed', 'property']));
  });

  it.each(cells)('$label', async ({ job }) => {
    const { one, many, batches } = await both(job);
    expect(many).toEqual(one);
    expect(batches).toBeGreaterThan(0);
  });

  it.each(fc.sample(fuzzModelArb, { seed: 20_261_203, numRuns: 30 }).map((d) => ({ d, name: d.name })))('random model $name', async ({ d }) => {
    const job = jobOf(buildFuzzModel(d));
    const { one, many } = await both(job, 3);
    expect(many).toEqual(one);
  });
});

describe('the search expands batches itself while the workers are busy', () => {
  it.each([['prompt', undefined], ['late (5 ms a batch)', 5]] as const)('workers answering %s: the same as one thread, and states expanded on both sides', async (_how, lateMs) => {
    const job = pick('ZswapV13Fix/hotplug');
    const spec = compileSpec(job.module, job.config, job.tla, job.spans);
    const base = { checkDeadlock: job.config.checkDeadlock };
    const one = await search(spec, base);
    let pool: InThreadPool | undefined;
    const many = await search(spec, { ...base, parallel: { workers: 1, from: 0, source: source(job), pool: () => (pool = new InThreadPool(source(job), 1, lateMs)) } });
    expect(summary(job, many)).toEqual(summary(job, one));
    // Every state is expanded once (the pool starts at once: from 0), by the worker or by the search.
    expect(pool!.statesSent).toBeGreaterThan(0);
    expect(pool!.statesSent).toBeLessThan(one.distinct);
    expect([one.workers, many.workers]).toEqual([1, 2]);
  });
});

describe('in worker threads', () => {
  it.each(['ZswapV13Fix/hotplug', 'ZswapV13/hotplug', 'EWD840/n3_unfair'])('%s: the same as one thread', async (label) => {
    const job = pick(label);
    const spec = compileSpec(job.module, job.config, job.tla, job.spans);
    const base = { checkDeadlock: job.config.checkDeadlock };
    const one = summary(job, await search(spec, base));
    const many = summary(job, await search(spec, { ...base, parallel: { workers: 2, from: 0, source: source(job) } }));
    expect(many).toEqual(one);
  });

  it('a worker that cannot compile the spec says so', async () => {
    const job = pick('ZswapV13Fix/hotplug');
    const pool = new WorkerPool({ ...source(job), config: { ...job.config, invariants: ['NoSuchInvariant'] } }, 1, job.module.variables.length);
    try {
      const failure = await new Promise<unknown>((resolve) => {
        const poll = setInterval(() => { try { if (pool.ready) resolve(undefined); } catch (e) { resolve(e); } if (pool.failure) clearInterval(poll); }, 20);
      });
      expect(String(failure)).toMatch(/a search worker could not compile the spec: .*NoSuchInvariant/);
    } finally {
      await pool.close();
    }
  });

  it.each([
    ['cannot start', { get ready(): boolean { throw failure; }, failure, expand: () => Promise.reject(failure), close: () => Promise.resolve() }],
    ['dies while expanding', { ready: true, failure, expand: () => Promise.reject(failure), close: () => Promise.resolve() }],
  ] as [string, Pool][])('a pool that %s stops the search as a crash, never a pass', async (_, pool) => {
    const job = pick('ZswapV13Fix/hotplug');
    const spec = compileSpec(job.module, job.config, job.tla, job.spans);
    const r = await search(spec, { checkDeadlock: true, parallel: { workers: 2, from: 100, source: source(job), pool: () => pool } });
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'a search worker exited (code 1) — not a pass' });
    expect(r.distinct).toBeGreaterThanOrEqual(100);
    expect(r.distinct).toBeLessThan(1000);
  });

  // Workers start at PARALLEL_FROM states and take a few hundred ms to compile the spec: the
  // models/ configs (27,000 states at most) end before they are ready, so this one is bigger.
  it('checkCompiled with workers: 2 runs them, and counts what it counts with one', async () => {
    const big = zswapScalingModel('v13-fix', 'switch', [{ cpus: 3, tasks: 1, symmetry: false }]);
    const job = jobOf(big);
    const one = await checkCompiled(job, { workers: 1 });
    const two = await checkCompiled(job, { workers: 2 });
    expect(one.counts!.distinct).toBeGreaterThan(4 * PARALLEL_FROM);
    expect({ verdict: two.verdict, counts: two.counts }).toEqual({ verdict: one.verdict, counts: one.counts });
    expect([one.workers, two.workers]).toEqual([1, 2]);
  });

  it('below PARALLEL_FROM states no worker starts, and the result says so', async () => {
    const job = pick('ZswapV13Fix/alloc-fail');
    const r = await checkCompiled(job, { workers: 2 });
    expect(r.counts!.distinct).toBeLessThan(PARALLEL_FROM);
    expect(r.workers).toBe(1);
  });
});
