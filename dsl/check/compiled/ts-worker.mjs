// Starts a worker thread's module, `workerData.entry` (search-worker, check-thread): from
// TypeScript sources (tests, `tsx`) it is loaded through tsx first, as the main thread was.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
