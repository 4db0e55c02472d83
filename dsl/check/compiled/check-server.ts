/**
 * What a check thread does (check-thread.ts is this on its parent port): runs each compiled check
 * it is sent, one at a time, and answers with its result, its progress on the way, or its error.
 * Kept apart from the thread's entry so that it can be driven over a `MessageChannel` in place.
 */
import type { MessagePort } from 'node:worker_threads';
import { checkCompiled, checkEachCompiled } from './index.js';
import type { ThreadMessage, ThreadRequest } from './thread.js';
import type { Progress } from '../result.js';

/** The side of a port a server needs (a thread's `parentPort` or a `MessagePort`). */
export type ServerPort = Pick<MessagePort, 'on' | 'postMessage'>;

export function serveChecks(port: ServerPort): void {
  let running: AbortController | undefined;
  const answer = (m: ThreadMessage) => port.postMessage(m);
  port.on('message', (m: ThreadRequest | { abort: true }) => {
    if ('abort' in m) { running?.abort(); return; }
    const stop = new AbortController();
    running = stop;
    const options = { ...m.options, signal: stop.signal, ...(m.progress ? { onProgress: (progress: Progress) => answer({ progress }) } : {}) };
    (m.each ? checkEachCompiled(m.job, m.each, options) : checkCompiled(m.job, options)).then(
      (result) => answer({ result }),
      (e: unknown) => answer({ error: e instanceof Error ? { message: e.message, ...(e.stack ? { stack: e.stack } : {}) } : { message: String(e) } }),
    );
  });
}
