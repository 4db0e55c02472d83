// Runs tla-checker's WebAssembly checker off the main thread, so a runaway check can be
// stopped with worker.terminate() (the wasm call itself cannot be interrupted). Loads the wasm
// once, then answers each `{ id, call, args }` message, so a session pays for the load once.
// Each reply says how big the instance's memory has grown (it never shrinks): the session pool
// does not keep a worker holding much of it.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parentPort } from 'node:worker_threads';

const require = createRequire(import.meta.url);
const pkgDir = require.resolve('tla-checker/package.json').replace(/package\.json$/, '');
const tla = await import(pkgDir + 'tla_checker.js');
const wasm = tla.initSync({ module: readFileSync(pkgDir + 'tla_checker_bg.wasm') });

parentPort.on('message', ({ id, call, args }) => {
  let reply;
  try {
    reply = { id, ok: true, json: tla[call](...args) };
  } catch (e) {
    reply = { id, ok: false, error: String(e && e.stack ? e.stack : e) };
  }
  parentPort.postMessage({ ...reply, memory: wasm.memory.buffer.byteLength });
});
