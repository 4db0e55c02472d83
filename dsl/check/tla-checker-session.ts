/**
 * A worker thread running tla-checker's WebAssembly module, for a series of calls: the module
 * is loaded once per session. The wasm call itself cannot be interrupted, so a call that runs
 * past its timeout ends the session (the worker is terminated).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

const require = createRequire(import.meta.url);
export const TLA_CHECKER_VERSION: string = (JSON.parse(readFileSync(require.resolve('tla-checker/package.json'), 'utf8')) as { version: string }).version;

export type WorkerReply = { ok: true; json: string } | { ok: false; error: string };

/**
 * A worker thread running tla-checker, for a series of calls (a trace replay makes one per
 * step): the WebAssembly module is loaded once. A call that runs past its timeout ends the
 * session — the worker is terminated, the call resolves `undefined`, later calls too.
 */
export class TlaCheckerSession {
  private readonly worker = new Worker(new URL('./tla-checker-worker.mjs', import.meta.url));
  private readonly pending = new Map<number, { resolve: (r: WorkerReply | undefined) => void; reject: (e: unknown) => void; timer: NodeJS.Timeout }>();
  private nextId = 0;
  private closed = false;

  constructor() {
    this.worker.on('message', (m: WorkerReply & { id: number }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      const { id: _, ...reply } = m;
      p.resolve(reply as WorkerReply);
    });
    this.worker.on('error', (e) => { for (const p of this.pending.values()) { clearTimeout(p.timer); p.reject(e); } this.pending.clear(); this.closed = true; });
    // A worker that dies without an error event (e.g. terminated) answers nothing more.
    this.worker.on('exit', () => { for (const p of this.pending.values()) { clearTimeout(p.timer); p.resolve(undefined); } this.pending.clear(); this.closed = true; });
  }

  call(call: string, args: readonly unknown[], timeoutMs: number): Promise<WorkerReply | undefined> {
    if (this.closed) return Promise.resolve(undefined);
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      const timer = setTimeout(() => { this.pending.delete(id); resolve(undefined); void this.close(); }, timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      this.worker.postMessage({ id, call, args });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.pending.values()) { clearTimeout(p.timer); p.resolve(undefined); }
    this.pending.clear();
    await this.worker.terminate();
  }
}

/** Call one tla-checker binding in its own worker; `undefined` when it ran past `timeoutMs`. */
export async function callInWorker(call: string, args: readonly unknown[], timeoutMs: number): Promise<WorkerReply | undefined> {
  const session = new TlaCheckerSession();
  try {
    return await session.call(call, args, timeoutMs);
  } finally {
    await session.close();
  }
}
