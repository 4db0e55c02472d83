/**
 * The parallel search's worker pool (dsl/check/compiled/parallel.ts) on its own, with real worker
 * threads and a two-variable model: a batch carries the values a worker has not been sent yet and
 * comes back as the worker's successors (the same as an Expander in this thread gives); batches go
 * to the least busy worker; and every way a pool stops working (a worker that cannot compile the
 * spec, throws, or exits) rejects what is in flight and what is sent after, with the reason, while
 * closing the pool is no failure. Everything is built inside each test (see README, "Mutation testing").
 */
import { describe, expect, it } from 'vitest';
import { lt, model, plus, range, set, t, when, type Model } from '../dsl/index.js';
import { emitModule } from '../dsl/emit/module.js';
import { compileSpec } from '../dsl/check/compiled/compile.js';
import { Expander } from '../dsl/check/compiled/expand.js';
import { batchFor, WorkerPool, type SpecSource } from '../dsl/check/compiled/parallel.js';
import { ValueTable } from '../dsl/check/compiled/store.js';
import { ModelValue } from '../dsl/check/compiled/values.js';

/** x counts up below 3; `Put(v)` sets y to v in 0..1. */
const counter = (): Model => model('PoolCounter', (m) => {
  const x = m.variable('x', t.int(0, 3), 0);
  const y = m.variable('y', t.int(0, 1), 0);
  m.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
  m.action('Put', { v: range(0, 1) }, ({ v }) => [set(y, v)]);
  m.config('c', { checkDeadlock: false });
});
function sourceOf(m: Model): SpecSource {
  const { text, spans } = emitModule(m.module);
  return { module: m.module, config: m.module.configs[0]!, tla: text, spans };
}
const tablesOf = (...vals: number[][]) => vals.map((vs) => { const t = new ValueTable(); for (const v of vs) t.intern(v); return t; });
/** Waits until the pool is ready (or throws its failure). */
async function ready(pool: WorkerPool): Promise<void> {
  for (let i = 0; i < 500; i++) { if (pool.ready) return; await new Promise((r) => setTimeout(r, 20)); }
  throw new Error('the pool did not get ready in 10 s');
}
/** Waits until the pool has failed; its failure. */
async function failed(pool: WorkerPool): Promise<Error> {
  for (let i = 0; i < 500; i++) { if (pool.failure) return pool.failure; await new Promise((r) => setTimeout(r, 20)); }
  throw new Error('the pool did not fail in 10 s');
}
type Members = { members: { worker: import('node:worker_threads').Worker; waiting: unknown[]; known: number[]; ready: boolean }[] };
const membersOf = (pool: WorkerPool) => (pool as unknown as Members).members;

describe('batchFor', () => {
  it('sends each table\'s values from what the worker already has, and records what it now has', () => {
    const tables = tablesOf([0, 1, 2], [7]);
    const known: number[] = [];
    const rows = Int32Array.of(0, 0);
    const first = batchFor(rows, tables, known);
    expect(first.added).toStrictEqual([[0, 1, 2], [7]]);
    expect(first.rows).toBe(rows);
    expect(known).toEqual([3, 1]);
    tables[0]!.intern(3);
    const second = batchFor(Int32Array.of(3, 0), tables, known);
    expect(second.added).toStrictEqual([[3], []]);
    expect(known).toEqual([4, 1]);
    expect(batchFor(Int32Array.of(3, 0), tables, known).added).toStrictEqual([[], []]);
  });

  it('values that are not numbers are sent as they are', () => {
    const t = new ValueTable();
    t.intern(ModelValue.of('p1'));
    t.intern('s');
    expect(batchFor(new Int32Array(1), [t], [1]).added).toStrictEqual([['s']]);
  });
});

describe('WorkerPool', () => {
  it('is not ready before its workers have compiled the spec; then expands a batch as this thread would, transferring the rows', async () => {
    const src = sourceOf(counter());
    const pool = new WorkerPool(src, 2, 2);
    try {
      expect(pool.ready).toBe(false);
      expect(pool.failure).toBeUndefined();
      await ready(pool);
      const tables = tablesOf([0, 1], [0]);
      const rows = Int32Array.of(0, 0, 1, 0);
      const answer = pool.expand(rows, tables);
      expect(rows.length).toBe(0); // its buffer went to the worker
      expect(pool.inFlight).toBe(1);
      const r = await answer;
      expect(pool.inFlight).toBe(0);
      const here = new Expander(compileSpec(src.module, src.config, src.tla, src.spans)).expand({ added: [[0, 1], [0]], rows: Int32Array.of(0, 0, 1, 0) });
      expect(r.expanded).toBe(2);
      expect([...r.counts]).toEqual([3, 3]);
      expect([...r.rows]).toEqual([1, 0, 0, 0, 0, -1, -1, 0, 1, 0, 1, -1]);
      expect(r.fresh).toStrictEqual([[2], [1]]);
      expect({ ...r, args: [...r.args] }).toStrictEqual({ ...here, args: [...here.args] });
    } finally {
      await pool.close();
    }
  });

  it('sends each batch to the least busy worker, and each worker only the values it has not been sent', async () => {
    const pool = new WorkerPool(sourceOf(counter()), 2, 2);
    try {
      await ready(pool);
      const [a, b] = membersOf(pool);
      const tables = tablesOf([0], [0]);
      const first = pool.expand(Int32Array.of(0, 0), tables);
      expect([a!.waiting.length, b!.waiting.length]).toEqual([1, 0]);
      tables[0]!.intern(1);
      const second = pool.expand(Int32Array.of(1, 0), tables);
      expect([a!.waiting.length, b!.waiting.length]).toEqual([1, 1]);
      expect(pool.inFlight).toBe(2);
      expect([a!.known, b!.known]).toEqual([[1, 1], [2, 1]]);
      const third = pool.expand(Int32Array.of(1, 0), tables);
      expect([a!.waiting.length, b!.waiting.length]).toEqual([2, 1]);
      expect(a!.known).toEqual([2, 1]);
      const [r1, r2, r3] = await Promise.all([first, second, third]);
      expect([...r1.rows]).toEqual([-1, 0, 0, 0, 0, -1]);
      expect([...r2.rows]).toEqual([-1, 0, 1, 0, 1, -1]);
      expect([...r3.rows]).toEqual([-1, 0, 1, 0, 1, -1]);
      expect(r2.fresh).toStrictEqual([[2], [1]]);
      expect(pool.inFlight).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('a worker that cannot compile the spec fails the pool: ready throws the reason, and a batch sent then is refused with it', async () => {
    const src = sourceOf(counter());
    const pool = new WorkerPool({ ...src, config: { ...src.config, invariants: ['NoSuchInvariant'] } }, 1, 2);
    try {
      const failure = await failed(pool);
      expect(failure.message).toMatch(/^a search worker could not compile the spec: .*NoSuchInvariant/);
      expect(() => pool.ready).toThrow(failure);
      await expect(pool.expand(Int32Array.of(0, 0), tablesOf([0], [0]))).rejects.toBe(failure);
      expect(pool.inFlight).toBe(0);
    } finally {
      await pool.close();
    }
  });

  it('a worker that exits while batches are in flight fails the pool and rejects them, in every member, with its exit code', async () => {
    const pool = new WorkerPool(sourceOf(counter()), 2, 2);
    try {
      await ready(pool);
      const [a, b] = membersOf(pool);
      // Unanswerable batches: the workers would answer them; they are pushed by hand, as expand() does.
      const rejected: unknown[] = [];
      for (const m of [a!, a!, b!]) m.waiting.push({ resolve: () => undefined, reject: (e: unknown) => rejected.push(e) });
      await b!.worker.terminate();
      const failure = await failed(pool);
      expect(failure.message).toBe('a search worker exited (code 1)');
      expect(rejected).toEqual([failure, failure, failure]);
      expect(pool.inFlight).toBe(0);
      expect(() => pool.ready).toThrow('a search worker exited (code 1)');
    } finally {
      await pool.close();
    }
  });

  it('a worker that throws fails the pool with its error', async () => {
    const pool = new WorkerPool(sourceOf(counter()), 1, 2);
    try {
      await ready(pool);
      const answer = pool.expand(Int32Array.of(0, 0), tablesOf([0], [0]));
      const outcome = answer.then(() => 'resolved', (e: unknown) => e);
      // Not a batch: the worker's handler throws reading it.
      membersOf(pool)[0]!.worker.postMessage({});
      const failure = await failed(pool);
      expect(failure).toBeInstanceOf(Error);
      expect(failure.message).not.toMatch(/exited/);
      // The batch before it was answered; the pool's failure is the first error, not the exit after it.
      expect(await outcome).toBe('resolved');
    } finally {
      await pool.close();
    }
  });

  it('is ready only when every worker is', async () => {
    const pool = new WorkerPool(sourceOf(counter()), 2, 2);
    try {
      // Both members ready (asked of them, not of the pool: its answer is what is tested), then one not.
      for (let i = 0; !membersOf(pool).every((m) => m.ready); i++) {
        if (i === 500) throw new Error('the workers did not get ready in 10 s');
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(pool.ready).toBe(true);
      membersOf(pool)[1]!.ready = false;
      expect(pool.ready).toBe(false);
    } finally {
      await pool.close();
    }
  });

  it('closing the pool ends every worker, and is not a failure', async () => {
    const pool = new WorkerPool(sourceOf(counter()), 2, 2);
    await ready(pool);
    const exits = membersOf(pool).map((m) => new Promise<number>((resolve) => m.worker.once('exit', resolve)));
    await pool.close();
    expect(await Promise.all(exits)).toEqual([1, 1]);
    await new Promise((r) => setTimeout(r, 50));
    expect(pool.failure).toBeUndefined();
    expect(pool.ready).toBe(true);
  });
});
