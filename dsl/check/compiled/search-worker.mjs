// Starts a parallel-search worker (search-worker.ts, or .js when built): from TypeScript sources
// (tests, `tsx`), TypeScript is loaded through tsx first, as the main thread was.
import { workerData } from 'node:worker_threads';

if (workerData.entry.endsWith('.ts')) {
  const { register } = await import('tsx/esm/api');
  register();
}
await import(workerData.entry);
