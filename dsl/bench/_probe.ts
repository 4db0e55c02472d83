import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os'; import path from 'node:path';
import { compile } from '../../dsl/compile.js';
import { checkConfig } from '../../dsl/check/run.js';
import { findTlc } from '../../dsl/check/tlc.js';
import { models } from '../../models/index.js';
const tlc = await findTlc();
const dir = await mkdtemp(path.join(os.tmpdir(), 'probe-'));
for (const m of models) {
  const t0 = performance.now();
  const a = compile(m);
  const emitMs = performance.now() - t0;
  for (const [n, t] of a.files) await writeFile(path.join(dir, n), t);
  for (const c of m.module.configs) {
    const o = await checkConfig(dir, m.module, c, ['tlc', 'tla-checker'], tlc, { workers: 1, timeoutMs: 120000 });
    console.log(m.name, c.name, emitMs.toFixed(0), o.results.map(r => `${r.backend}:${r.verdict.kind}:${r.counts?.distinct}:d${r.counts?.depth}:${r.durationMs}ms`).join(' '), o.disagreement ?? '');
  }
}
