/** A worker thread's entry for the parallel search (parallel.ts starts it): serves batches on its parent port (batch-server.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { serveBatches } from './batch-server.js';
import type { SpecSource } from './parallel.js';

serveBatches(parentPort!, workerData as SpecSource);
