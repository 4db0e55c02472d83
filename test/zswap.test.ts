/**
 * The zswap results table, cell by cell, with the model matchers (`toPass` / `toViolate`): on
 * tla-checker every run, on TLC when it is found (and then the two agree). The cheapest
 * counterexamples map back to the model lines that mirror the kernel code (found by reading the
 * model files).
 */
import { describe, expect, it as itBase } from 'vitest';
import { compareVerdicts } from '../dsl/check/outcome.js';
import type { CheckResult } from '../dsl/check/result.js';
import { findTlc } from '../dsl/check/tlc.js';
import { checkModel, type CheckModelResult } from '../dsl/testing/check-model.js';
import '../dsl/testing/matchers.js';
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

type Finding = (typeof FINDINGS)[keyof typeof FINDINGS][keyof typeof SCENARIOS];
const cells = zswapModels.flatMap((m) => m.module.configs.map((c) => {
  const finding: Finding = FINDINGS[VARIANTS.find((v) => v.module === m.name)!.name][c.name as keyof typeof SCENARIOS];
  return { model: m, config: c.name, finding, label: `${m.name} / ${c.name}: ${finding}` };
}));

/** The table's claim about one cell, as a matcher on the checked result. */
async function expectFinding(r: CheckModelResult, finding: Finding): Promise<void> {
  if (finding === 'pass') await expect(r).toPass();
  else await expect(r).toViolate(finding);
}

/** tla-checker's result per cell, for the TLC comparison below (no second embedded run). */
const embedded = new Map<string, CheckResult>();

// The whole table on the embedded checker, every run (configs run two at a time: one per core).
describe.concurrent('every cell of the table on tla-checker', () => {
  itBase.for(cells)('$label', { timeout: 600_000 }, async ({ model, config, finding, label }) => {
    const r = await checkModel(model, config, { backend: 'tla-checker', timeoutMs: 600_000 });
    embedded.set(label, r.results[0]!);
    await expectFinding(r, finding);
  });
});

describe.skipIf(!tlc.found)(`every cell of the table on TLC, and the two checkers agree${tlc.found ? '' : ` (skipped: ${tlc.reason})`}`, () => {
  itBase.concurrent.for(cells)('$label', { timeout: 900_000 }, async ({ model, config, finding, label }) => {
    const r = await checkModel(model, config, { backend: 'tlc', timeoutMs: 600_000, workers: 1 });
    await expectFinding(r, finding);
    const e = embedded.get(label);
    expect(compareVerdicts([r.results[0]!, ...(e ? [e] : [])])).toBeUndefined();
    // Passing runs explore everything: the counts must match (violations stop at search-order-dependent points).
    if (e && e.verdict.kind === 'passed') expect(r.results[0]!.counts?.distinct).toBe(e.counts?.distinct);
  });
});

const NOTE = tlc.found ? '' : ` (skipped: ${tlc.reason})`;

describe.each(['tla-checker', 'tlc'] as const)('counterexamples on %s map to the model lines', (backend) => {
  const it = backend === 'tlc' && !tlc.found ? itBase.skip : itBase;
  const variant = (name: string) => zswapModel(VARIANTS.find((x) => x.name === name)!);

  it(`v13 / alloc-fail: remove_instance of a node never added, reached through goto ref_fail${backend === 'tlc' ? NOTE : ''}`, async () => {
    const r = await checkModel(variant('v13'), 'alloc-fail', { backend, timeoutMs: 600_000 });
    // The assert fails in remove_instance's first step (for an assert, `atStep` is the step that fails it).
    await expect(r).toViolate('RemoveOnlyAddedInstance', { atStep: 'remove_lock' });
    const steps = r.explanations[0]!.steps.filter((s) => s.unit);
    // The trace before it: the add failed (prepare's buffer allocation), then ref_fail calls remove_instance.
    expect(steps.at(-1)!.dsl?.line).toBe(lineOf('models/zswap/pool.ts', "label('create_ref_fail')"));
    expect(steps.some((s) => s.unit?.label === 'add_rollback')).toBe(true);
  });

  it(`get-cpu-lock / alloc-fail: the fail path frees an ERR acomp (if (acomp))${backend === 'tlc' ? NOTE : ''}`, async () => {
    const r = await checkModel(variant('get-cpu-lock'), 'alloc-fail', { backend, timeoutMs: 600_000 });
    // The fail path's free fails the assert; the step before it left ERR in the acomp pointer.
    await expect(r).toViolate('NoFreeOfErrPointer', { atStep: 'prep_fail' });
    const last = r.explanations[0]!.steps.at(-1)!;
    expect(last.changes.some((c) => c.to === 'ERR' || c.to === '"ERR"')).toBe(true);
    expect(last.dsl?.line).toBe(lineOf('models/zswap/acomp-ctx.ts', "label('prep_acomp')"));
  });
});
