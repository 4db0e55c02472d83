/** A check thread's entry (thread.ts starts it): serves checks on its parent port (check-server.ts). */
import { parentPort } from 'node:worker_threads';
import { serveChecks } from './check-server.js';

serveChecks(parentPort!);
