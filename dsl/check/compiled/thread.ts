/**
 * Compiled checks off the calling thread (`CheckOptions.thread`): each runs in a worker thread
 * of its own (check-thread.ts), so several configs are checked at once, one per core (`check
 * --jobs`). A thread is kept for the next check — it loads the verifier once — and an idle one
 * does not keep the process alive.
 */
import { Worker } from 'node:worker_threads';
import type { CheckJob, CheckOptions } from '../checker.js';
import type { CheckResult, Progress } from '../result.js';

/** What a check thread is sent: the job and the options that cross a thread (no callbacks, no signal). */
export interface ThreadRequest {
  readonly job: CheckJob;
  readonly options: Pick<CheckOptions, Crossing>;
  /** Send progress messages (the caller listens). */
  readonly progress: boolean;
  /** `checkEach` of these names instead of `check`. */
  readonly each?: readonly string[];
}
export type ThreadMessage =
  | { readonly progress: Progress }
  | { readonly result: CheckResult | ReadonlyMap<string, CheckResult> }
  | { readonly error: { readonly message: string; readonly stack?: string } };

/** The options the compiled verifier reads that can cross a thread (a caller may pass more: a pipeline's checkers, say). */
type Crossing = 'workers' | 'timeoutMs' | 'maxStates' | 'simulate' | 'por' | 'coverage';
const CROSSING: readonly Crossing[] = ['workers', 'timeoutMs', 'maxStates', 'simulate', 'por', 'coverage'];

const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './check-thread.ts' : './check-thread.js', import.meta.url).href;
const idle = new Set<Worker>();
const busy = new Set<Worker>();

function start(): Worker {
  const worker = new Worker(new URL('./ts-worker.mjs', import.meta.url), { workerData: { entry: ENTRY } });
  // A thread that fails or ends while idle is no longer handed out (and its error does not crash the process).
  const drop = () => idle.delete(worker);
  return worker.on('error', drop).on('exit', drop);
}

/** How many check threads wait for a check. */
export const idleThreads = (): number => idle.size;

/**
 * End every check thread now: the idle ones, and the busy ones, whose checks fail ("exited
 * before answering"). For a long-lived caller that wants its memory back; the next check starts
 * a new thread.
 */
export async function stopThreads(): Promise<void> {
  await Promise.all([...idle, ...busy].map((w) => w.terminate()));
}

/**
 * Start `n` check threads now, idle, so that they load the verifier while the caller does other
 * work (the CLI type-checks and compiles the models meanwhile).
 */
export function warmThreads(n: number): void {
  while (idle.size < n) {
    const worker = start();
    worker.unref();
    idle.add(worker);
  }
}

/** `check` (or `checkEach` of `each`) of `job` in a check thread. */
export function inThread(job: CheckJob, options: CheckOptions): Promise<CheckResult>;
export function inThread(job: CheckJob, options: CheckOptions, each: readonly string[]): Promise<ReadonlyMap<string, CheckResult>>;
export function inThread(job: CheckJob, options: CheckOptions, each?: readonly string[]): Promise<CheckResult | ReadonlyMap<string, CheckResult>> {
  const { onProgress, signal } = options;
  const request: ThreadRequest = {
    job, options: Object.fromEntries(CROSSING.map((k) => [k, options[k]])),
    progress: onProgress !== undefined, ...(each ? { each } : {}),
  };
  // The thread that finished last: the likeliest to hold this module's compiled spec.
  const worker = [...idle].at(-1) ?? start();
  idle.delete(worker);
  worker.ref();
  busy.add(worker);
  return new Promise((resolve, reject) => {
    const onAbort = () => worker.postMessage({ abort: true });
    const settle = (alive: boolean) => {
      worker.off('message', onMessage).off('error', onFailure).off('exit', onExit);
      signal?.removeEventListener('abort', onAbort);
      busy.delete(worker);
      if (alive) { worker.unref(); idle.add(worker); } else void worker.terminate();
    };
    const onMessage = (m: ThreadMessage) => {
      if ('progress' in m) onProgress?.(m.progress);
      else if ('result' in m) { settle(true); resolve(m.result); }
      else { settle(true); reject(Object.assign(new Error(m.error.message), m.error.stack ? { stack: m.error.stack } : {})); }
    };
    const onFailure = (e: Error) => { settle(false); reject(e); };
    const onExit = (code: number) => { settle(false); reject(new Error(`a check thread exited (code ${code}) before answering`)); };
    worker.on('message', onMessage).on('error', onFailure).on('exit', onExit);
    try {
      worker.postMessage(request);
    } catch (e) {
      settle(true);
      return reject(e instanceof Error ? e : new Error(String(e)));
    }
    // Messages arrive in order: an abort sent now reaches this check, never the thread's next one.
    if (signal?.aborted) onAbort();
    else signal?.addEventListener('abort', onAbort, { once: true });
  });
}
