/** A worker thread of the parallel search: compiles the spec itself, then expands each batch it is sent (expand.ts). */
import { parentPort, workerData } from 'node:worker_threads';
import { compileSpec } from './compile.js';
import { Expander } from './expand.js';
import type { SpecSource } from './parallel.js';
import { batchFromWire, resultToWire, type WireBatch } from './wire.js';

const port = parentPort!;
const source = workerData as SpecSource;
let expander: Expander;
try {
  expander = new Expander(compileSpec(source.module, source.config, source.tla, source.spans));
  port.postMessage({ ready: true });
} catch (err) {
  port.postMessage({ failed: err instanceof Error ? err.message : String(err) });
}
port.on('message', (b: WireBatch) => {
  const r = resultToWire(expander.expand(batchFromWire(b)));
  port.postMessage(r, [r.counts.buffer, r.rows.buffer, r.flags.buffer, r.actions.buffer] as ArrayBuffer[]);
});
