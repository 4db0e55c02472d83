/**
 * What a worker of the parallel search does (search-worker.ts is this on its parent port):
 * compiles the spec itself — `{ ready: true }`, or `{ failed }` with why — then expands each
 * batch it is sent (expand.ts) and sends the result back, its arrays transferred, not copied.
 */
import { compileSpec } from './compile.js';
import { Expander } from './expand.js';
import type { SpecSource } from './parallel.js';
import { batchFromWire, resultToWire, type WireBatch } from './wire.js';
import type { ServerPort } from './check-server.js';

export function serveBatches(port: ServerPort, source: SpecSource): void {
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
}
