/**
 * The zswap results table. `test/checkers.test.ts` checks every config's verdict on both
 * backends; here: the table and the configs agree, and the cheapest counterexamples map back to
 * the model lines that mirror the kernel code (found by reading the model files).
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it as itBase } from 'vitest';
import { checkConfig, compareVerdicts } from '../dsl/check/run.js';
import type { CheckResult } from '../dsl/check/result.js';
import { findTlc } from '../dsl/check/tlc.js';
import { compile } from '../dsl/compile.js';
import { explain } from '../dsl/map/explain.js';
import { recoverActions } from '../dsl/report/recover.js';
import { FINDINGS, SCENARIOS, zswapModel, zswapModels } from '../models/zswap/index.js';
import { VARIANTS } from '../models/zswap/variants.js';
import { lineOf } from './helpers/locate.js';

const tlc = await findTlc();

describe('the zswap results table', () => {
  itBase('has one config per variant and scenario, expecting exactly what the table says', () => {
    expect(zswapModels.map((m) => m.name)).toEqual(VARIANTS.map((v) => v.module));
    for (const v of VARIANTS) {
      const m = zswapModels.find((x) => x.name === v.module)!;
      expect(m.module.configs.map((c) => c.name)).toEqual(Object.keys(SCENARIOS));
      for (const c of m.module.configs) {
        const f = FINDINGS[v.name][c.name as keyof typeof SCENARIOS];
        const e = c.expect;
        expect(e.k === 'pass' ? 'pass' : e.k === 'deadlock' ? 'deadlock' : e.property, `${v.name}/${c.name}`).toBe(f);
      }
    }
  });

  itBase('the minimal fix holds everything, and every other variant violates something', () => {
    for (const v of VARIANTS) {
      const all = Object.values(FINDINGS[v.name]);
      if (v.name === 'v13-fix') expect(all.every((f) => f === 'pass')).toBe(true);
      else expect(all.some((f) => f !== 'pass'), v.name).toBe(true);
    }
  });
});

const zswapDir = mkdtempSync(path.join(os.tmpdir(), 'zswap-all-'));
for (const m of zswapModels) for (const [f, t] of compile(m).files) writeFileSync(path.join(zswapDir, f), t);
const cells = zswapModels.flatMap((m) => m.module.configs.map((c) => ({ model: m, config: c, label: `${m.name} / ${c.name}: ${FINDINGS[VARIANTS.find((v) => v.module === m.name)!.name][c.name as keyof typeof SCENARIOS]}` })));

/** tla-checker's result per cell, for the TLC comparison below (no second embedded run). */
const embedded = new Map<string, CheckResult>();

// The whole table on the embedded checker, every run (configs run two at a time: one per core).
describe.concurrent('every cell of the table on tla-checker', () => {
  itBase.for(cells)('$label', { timeout: 600_000 }, async ({ model, config, label }) => {
    const o = await checkConfig(zswapDir, model.module, config, ['tla-checker'], tlc, { timeoutMs: 600_000 });
    embedded.set(label, o.results[0]!);
    expect(o.asExpected, JSON.stringify(o.results[0]!.verdict).slice(0, 300)).toBe(true);
  });
});

describe.skipIf(!tlc.found)(`every cell of the table on TLC, and the two checkers agree${tlc.found ? '' : ` (skipped: ${tlc.reason})`}`, () => {
  itBase.concurrent.for(cells)('$label', { timeout: 900_000 }, async ({ model, config, label }) => {
    const o = await checkConfig(zswapDir, model.module, config, ['tlc'], tlc, { timeoutMs: 600_000, workers: 1 });
    expect(o.asExpected).toBe(true);
    const e = embedded.get(label);
    expect(compareVerdicts([o.results[0]!, ...(e ? [e] : [])])).toBeUndefined();
    // Passing runs explore everything: the counts must match (violations stop at search-order-dependent points).
    if (e && e.verdict.kind === 'passed') expect(o.results[0]!.counts?.distinct).toBe(e.counts?.distinct);
  });
});

/** Check one config in a private dir and explain the result in DSL terms. */
async function run(variant: string, scenario: string, backend: 'tla-checker' | 'tlc') {
  const v = VARIANTS.find((x) => x.name === variant)!;
  const m = zswapModel(v);
  const a = compile(m);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'zswap-'));
  for (const [f, t] of a.files) writeFileSync(path.join(dir, f), t);
  const config = m.module.configs.find((c) => c.name === scenario)!;
  const outcome = await checkConfig(dir, m.module, config, [backend], tlc);
  let result = outcome.results[0]!;
  if (backend === 'tla-checker') {
    result = await recoverActions(result, readFileSync(path.join(dir, `${m.name}.tla`), 'utf8'), readFileSync(path.join(dir, `${m.name}.${scenario}.cfg`), 'utf8'));
  }
  return { outcome, ex: explain(result, a.sourceMap, m.module) };
}

const NOTE = tlc.found ? '' : ` (skipped: ${tlc.reason})`;

describe.each(['tla-checker', 'tlc'] as const)('counterexamples on %s map to the model lines', (backend) => {
  const it = backend === 'tlc' && !tlc.found ? itBase.skip : itBase;
  it(`v13 / alloc-fail: remove_instance of a node never added, reached through goto ref_fail${backend === 'tlc' ? NOTE : ''}`, async () => {
    const { outcome, ex } = await run('v13', 'alloc-fail', backend);
    expect(outcome.asExpected).toBe(true);
    expect(ex.problem?.name).toBe('RemoveOnlyAddedInstance');
    const steps = ex.steps.filter((s) => s.unit);
    // The last steps: the add failed (prepare's buffer allocation), then ref_fail calls remove_instance.
    expect(steps.at(-1)!.dsl?.line).toBe(lineOf('models/zswap/pool.ts', "label('create_ref_fail')"));
    expect(steps.some((s) => s.unit?.label === 'add_rollback')).toBe(true);
  });

  it(`get-cpu-lock / alloc-fail: the fail path frees an ERR acomp (if (acomp))${backend === 'tlc' ? NOTE : ''}`, async () => {
    const { ex } = await run('get-cpu-lock', 'alloc-fail', backend);
    expect(ex.problem?.name).toBe('NoFreeOfErrPointer');
    const last = ex.steps.at(-1)!;
    expect(last.changes.some((c) => c.to === 'ERR' || c.to === '"ERR"')).toBe(true);
    expect(last.dsl?.line).toBe(lineOf('models/zswap/acomp-ctx.ts', "label('prep_acomp')"));
  });
});

