import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os'; import path from 'node:path';
import { compile } from '../compile.js';
import { runTlc, findTlc } from '../check/tlc.js';
import { zswapScalingModel, pointName } from './zswap-scaling.js';
const tlc = await findTlc(); if (!tlc.found) throw 0;
const [variant, scenario, ...pts] = process.argv.slice(2);
const points = pts.map((s) => { const [c, t, y] = s.split(','); return { cpus: +c!, tasks: +t!, symmetry: y === 's' }; });
const m = zswapScalingModel(variant as any, scenario as any, points);
const dir = await mkdtemp(path.join(os.tmpdir(), 'scale-'));
for (const [n, t] of compile(m).files) await writeFile(path.join(dir, n), t);
for (const p of points) {
  const r = await runTlc(tlc, dir, m.name, `${m.name}.${pointName(p)}.cfg`, pointName(p), { workers: 1, timeoutMs: 120000 });
  console.log(variant, scenario, pointName(p), r.verdict.kind, 'name' in r.verdict ? r.verdict.name : ('message' in r.verdict ? r.verdict.message : ''), r.counts?.distinct, r.counts?.depth, r.durationMs);
}
