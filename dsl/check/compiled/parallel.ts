/**
 * The parallel search's worker threads (`--workers`): each compiles the spec from the same IR
 * and expands the batches of states it is sent (expand.ts). The search (search.ts) stays the
 * one place that numbers, stores and checks states, taking each batch's successors in the order
 * the batches were cut from its queue — so it finds exactly what the search of one thread
 * finds, in the same order: the same counts, verdict and trace.
 */
import { Worker } from 'node:worker_threads';
import type * as ir from '../../ir/nodes.js';
import type { SpanEntry } from '../../emit/writer.js';
import type { Batch, BatchResult } from './expand.js';
import type { ValueTable } from './store.js';
import { batchToWire, resultFromWire, type WireResult } from './wire.js';

/** What a worker compiles its spec from: the IR and text of the emitted module. */
export interface SpecSource {
  readonly module: ir.Module;
  readonly config: ir.Config;
  readonly tla: string;
  readonly spans: readonly SpanEntry[];
}

interface Member {
  readonly worker: Worker;
  /** Per variable: how many of the search's values this worker has been sent. */
  readonly known: number[];
  /** The batches sent to it, in order: each answer settles the first. */
  readonly waiting: { resolve: (r: BatchResult) => void; reject: (e: Error) => void }[];
  ready: boolean;
}

/** What the search needs of its workers (tests put an in-thread pool here). */
export interface Pool {
  /** Every worker can take batches (throws when one failed to start). */
  readonly ready: boolean;
  /** Why the pool stopped working: the search cannot go on. */
  readonly failure: Error | undefined;
  /** The successors of the states `rows` (value ids of `tables`), in order. */
  expand(rows: Int32Array, tables: readonly ValueTable[]): Promise<BatchResult>;
  close(): Promise<void>;
}

const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './search-worker.ts' : './search-worker.js', import.meta.url).href;

export class WorkerPool implements Pool {
  private readonly members: Member[];
  /** Why the pool stopped working (a worker failed to start, or died): the search cannot go on. */
  failure: Error | undefined;

  /** Starts `n` workers; they compile the spec in the background (`ready`). */
  constructor(source: SpecSource, n: number, nVars: number) {
    this.members = Array.from({ length: n }, () => {
      const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { ...source, entry: ENTRY } });
      const m: Member = { worker, known: new Array<number>(nVars).fill(0), waiting: [], ready: false };
      worker.on('message', (msg: WireResult | { ready: true } | { failed: string }) => {
        if ('ready' in msg) m.ready = true;
        else if ('failed' in msg) this.fail(new Error(`a search worker could not compile the spec: ${msg.failed}`));
        else m.waiting.shift()?.resolve(resultFromWire(msg));
      });
      // An uncaught error ends the worker, but its 'error' event can overtake the answers it posted
      // before; 'exit' comes after Node has delivered them. So the pool fails at the exit, with the error.
      let thrown: Error | undefined;
      worker.on('error', (e) => { thrown ??= e; });
      worker.on('exit', (code) => { if (!this.closed) this.fail(thrown ?? new Error(`a search worker exited (code ${code})`)); });
      return m;
    });
  }

  private closed = false;
  private fail(e: Error): void {
    this.failure ??= e;
    for (const m of this.members) for (const w of m.waiting.splice(0)) w.reject(e);
  }

  /** Every worker has compiled the spec (a failure to start is thrown). */
  get ready(): boolean {
    if (this.failure) throw this.failure;
    return this.members.every((m) => m.ready);
  }

  /** Batches sent and not yet answered. */
  get inFlight(): number { return this.members.reduce((n, m) => n + m.waiting.length, 0); }

  /**
   * Sends the states `rows` to the least busy worker, with the values of `tables` it has not
   * seen; resolves to their successors.
   */
  expand(rows: Int32Array, tables: readonly ValueTable[]): Promise<BatchResult> {
    const m = this.members.reduce((a, b) => (b.waiting.length < a.waiting.length ? b : a));
    const batch = batchFor(rows, tables, m.known);
    return new Promise<BatchResult>((resolve, reject) => {
      if (this.failure) { reject(this.failure); return; }
      m.waiting.push({ resolve, reject });
      m.worker.postMessage(batchToWire(batch), [rows.buffer as ArrayBuffer]);
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.members.map((m) => m.worker.terminate()));
  }
}

/** A batch of the states `rows` for a worker that has been sent `known[i]` values of each table (updated). */
export function batchFor(rows: Int32Array, tables: readonly ValueTable[], known: number[]): Batch {
  const added = tables.map((t, i) => {
    const from = known[i] ?? 0;
    known[i] = t.values.length;
    return t.values.slice(from);
  });
  return { added, rows };
}
