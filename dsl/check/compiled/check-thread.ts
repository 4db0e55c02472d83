/** A check thread (thread.ts): runs each compiled check it is sent, one at a time, and answers with its result. */
import { parentPort } from 'node:worker_threads';
import { checkCompiled, checkEachCompiled } from './index.js';
import type { ThreadMessage, ThreadRequest } from './thread.js';
import type { Progress } from '../result.js';

const port = parentPort!;
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
