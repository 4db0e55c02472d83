/**
 * A worker thread running tla-checker's WebAssembly module, for a series of calls: the module
 * is loaded once per session. The wasm call itself cannot be interrupted, so a call that runs
 * past its timeout ends the session (the worker is terminated). Sessions that answered well are
 * kept warm for the next check (`withSession`): starting one costs a thread and a wasm load.
 * What a reused instance keeps from earlier calls cannot change an answer here: tla-checker
 * clears its interned names per call, and its other state (TLCSet/TLCGet registers, the
 * RandomElement generator) serves operators the emitted modules never use.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
export const TLA_CHECKER_VERSION: string = (JSON.parse(readFileSync(require.resolve('tla-checker/package.json'), 'utf8')) as { version: string }).version;

export type WorkerReply = { ok: true; json: string } | { ok: false; error: string };
/** The worker's reply: the call's id, and the bytes of the wasm instance's memory (it never shrinks). */
type Reply = WorkerReply & { id: number; memory: number };

/** A call waiting for its reply. */
interface Pending { resolve: (r: WorkerReply | undefined) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }

/** A session whose wasm memory grew past this is not kept: an idle one would hold it, and no check needs it back. */
export const KEEP_MEMORY_BYTES = 256 * 2 ** 20;

/**
 * A worker thread running tla-checker, for a series of calls (a trace replay makes one per
 * step): the WebAssembly module is loaded once. A call that runs past its timeout ends the
 * session — the worker is terminated, the call resolves `undefined`, later calls too.
 */
export class TlaCheckerSession {
  private readonly worker = new Worker(new URL('./tla-checker-worker.mjs', import.meta.url));
  private readonly pending = new Map<number, Pending>();
  private nextId = 0;
  private closed = false;
  /** Every call so far was answered, and answered without an error: the wasm instance is sound to reuse (a trap can leave it broken). */
  private sound = true;
  /** The wasm instance's memory after the last reply. */
  private memory = 0;
  /** The timer that ends the session while it waits in the pool (set exactly while it is there). */
  private idleTimer: NodeJS.Timeout | undefined;

  constructor() {
    this.worker.on('message', (m: Reply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      const { id: _, memory, ...reply } = m;
      if (!reply.ok) this.sound = false;
      this.memory = memory;
      p.resolve(reply as WorkerReply);
    });
    this.worker.on('error', (e) => { this.settlePending((p) => p.reject(e)); this.ended(); });
    // A worker that dies without an error event (e.g. terminated) answers nothing more.
    this.worker.on('exit', () => { this.settlePending((p) => p.resolve(undefined)); this.ended(); });
  }

  call(call: string, args: readonly unknown[], timeoutMs: number): Promise<WorkerReply | undefined> {
    if (this.idleTimer) throw new Error('a tla-checker session was called while waiting in the pool (after its withSession ended)');
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => { this.pending.delete(id); resolve(undefined); void this.close(); }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, call, args });
    });
  }

  /** Still open, never given an error or a timeout, and not holding much memory: fit for another check. */
  get reusable(): boolean { return !this.closed && this.sound && this.pending.size === 0 && this.memory <= KEEP_MEMORY_BYTES; }

  /** Into the pool: the worker does not keep the process alive, and ends after `ms` unless taken. */
  park(ms: number): void {
    this.worker.unref();
    idle.push(this);
    // It acts only if the session is still parked by this very call: a timer that clearTimeout
    // could not stop (fake timers installed after it was set) then ends nothing.
    const timer = setTimeout(() => { if (this.idleTimer === timer) void this.close(); }, ms);
    timer.unref();
    this.idleTimer = timer;
  }

  /** Out of the pool, for a check. */
  wake(): this {
    this.unpark();
    this.worker.ref();
    return this;
  }

  private unpark(): void {
    if (!this.idleTimer) return;
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    idle.splice(idle.indexOf(this), 1);
  }

  /** No more calls: out of the pool too, if it waits there. */
  private ended(): void {
    this.closed = true;
    this.unpark();
  }

  async close(): Promise<void> {
    this.ended();
    this.settlePending((p) => p.resolve(undefined));
    await this.worker.terminate();
  }

  /** Every call still waiting, answered by `settle` (its timer stopped), and none left. */
  private settlePending(settle: (p: Pending) => void): void {
    for (const p of this.pending.values()) { clearTimeout(p.timer); settle(p); }
    this.pending.clear();
  }
}

/**
 * Sessions waiting for their next check: at most one per core, each for `IDLE_MS` at most (checks
 * running at once each have their own session, however many). A run of checks (every config of
 * `check --backend tla-checker`, a cross-check, a trace replay after its check) pays for one
 * thread and one wasm load per core, not one per check.
 */
const idle: TlaCheckerSession[] = [];
export const IDLE_MS = 5_000;

/**
 * `use` with a warm session from the pool, or a new one. Aborting `signal` ends the session (its
 * pending calls answer `undefined`). Afterwards the session goes back to the pool when it is fit
 * for reuse (every call answered without an error or a timeout, its memory at most
 * `KEEP_MEMORY_BYTES`) and the pool has room, and is closed otherwise.
 */
export async function withSession<T>(signal: AbortSignal | undefined, use: (s: TlaCheckerSession) => Promise<T>): Promise<T> {
  const session = idle.at(-1)?.wake() ?? new TlaCheckerSession();
  const abort = () => void session.close();
  if (signal?.aborted) abort();
  else signal?.addEventListener('abort', abort, { once: true });
  try {
    return await use(session);
  } finally {
    signal?.removeEventListener('abort', abort);
    if (session.reusable && idle.length < os.availableParallelism()) session.park(IDLE_MS);
    else await session.close();
  }
}

/** Ends every session waiting in the pool (a host that wants its threads and memory back now). */
export async function closeIdleSessions(): Promise<number> {
  const all = [...idle];
  await Promise.all(all.map((s) => s.close()));
  return all.length;
}

/** Call one tla-checker binding in a pooled worker; `undefined` when it ran past `timeoutMs` or `signal` aborted it. */
export function callInWorker(call: string, args: readonly unknown[], timeoutMs: number, signal?: AbortSignal): Promise<WorkerReply | undefined> {
  return withSession(signal, (s) => s.call(call, args, timeoutMs));
}
