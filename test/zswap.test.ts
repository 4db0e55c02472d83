/**
 * The zswap results table (every variant row x every scenario): its shape, tla-checker on a
 * passing cell and TLC on a sample of cells (one of each finding, when it is found) against the
 * compiled verifier, and the README's counterexamples checked step by step against the model's
 * labels on each backend. Every cell on the compiled verifier, as written and each property alone
 * (the verdict matrix): test/zswap-matrix.test.ts.
 */
import { describe, expect, it as itBase } from 'vitest';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { checkModel } from '../dsl/testing/check-model.js';
import '../dsl/testing/matchers.js';
import { FINDINGS, SCENARIOS, zswapModel, zswapModels } from '../models/zswap/index.js';
import { VARIANTS } from '../models/zswap/variants.js';
import { lineOf } from './helpers/locate.js';
import { TLC_JVM } from './helpers/t2-java.js';
import { cells, expectFinding } from './helpers/zswap-cells.js';

const tlc = await findTlc();

describe('the zswap results table', () => {
  itBase('has one model per variant and one config per scenario', () => {
    expect(zswapModels.map((m) => m.name)).toEqual(VARIANTS.map((v) => v.module));
    for (const v of VARIANTS) expect(zswapModels.find((x) => x.name === v.module)!.module.configs.map((c) => c.name)).toEqual(Object.keys(SCENARIOS));
  });

  itBase('exactly the README\'s safe rows hold everything (v13-base, v13-null-freed-errcheck, v13-fix); every other row violates something', () => {
    const holdsAll = VARIANTS.filter((v) => Object.values(FINDINGS[v.name]).every((f) => f === 'pass')).map((v) => v.name);
    expect(holdsAll).toEqual(['v13-base', 'v13-null-freed-errcheck', 'v13-fix']);
  });

  itBase('every variant row differs from v13 in at least one switch, and every scenario turns at least one switch on', () => {
    const v13 = VARIANTS.find((v) => v.name === 'v13')!;
    const switches = (v: (typeof VARIANTS)[number]) => JSON.stringify({ ...v, name: '', module: '', summary: '' });
    for (const v of VARIANTS) if (v !== v13) expect(switches(v), v.name).not.toBe(switches(v13));
    expect(new Set(VARIANTS.map(switches)).size).toBe(VARIANTS.length);
    for (const [name, env] of Object.entries(SCENARIOS)) {
      const on = Object.entries(env).filter(([k, x]) => k !== 'REPLACE' && k !== 'TASKS' && x !== (k === 'POOLS' ? 1 : 0));
      expect(on.length, name).toBeGreaterThan(0);
    }
  });
});

/**
 * tla-checker (an independent interpreter of the emitted TLA+) on a passing cell of the fix, with the
 * same distinct states as the compiled verifier, so that without TLC (as in CI) a second checker
 * still confirms the fix: its cheapest cell, intermediate (7116 states, about 11 s in CI;
 * alloc-fail's 10825 took 30-40 s, and teardown's intermediate, the table's cheapest, 4629 and 6 s). A
 * violating cell costs it a minute or more here (its recount over the whole state space, at
 * 20-30x TLC's time), so its violation verdicts are
 * cross-checked on zswap with one CPU and one task (below: an assert), on every small model
 * (test/checkers.test.ts, test/compiled-models.test.ts), and on zswap cells by TLC (next
 * block). ZSWAP_TABLE=all asks it about all 64 cells (about 10 minutes).
 */
const SAMPLE = new Set(['ZswapV13Fix / intermediate']);
const sampled = process.env.ZSWAP_TABLE === 'all' ? cells : cells.filter((c) => SAMPLE.has(`${c.model.name} / ${c.config}`));

describe.concurrent('tla-checker agrees with the compiled verifier (a sample of cells)', () => {
  itBase('the sample names a real, passing cell', () => {
    expect(sampled.length).toBe(process.env.ZSWAP_TABLE === 'all' ? cells.length : SAMPLE.size);
    if (process.env.ZSWAP_TABLE !== 'all') expect(sampled.map((c) => c.finding)).toEqual(['pass']);
  });
  itBase.for(sampled)('$label', { timeout: 600_000 }, async ({ model, config, finding }) => {
    // Covers: decided by the compiled verifier's own search; on tla-checker each would cost a
    // full run (test/covers.test.ts checks that method).
    const r = await checkModel(model, config, { checkers: [compiledChecker, tlaChecker], timeoutMs: 600_000, covers: false });
    expect(r.results.map((x) => x.backend)).toEqual(['compiled', 'tla-checker']);
    await expectFinding(r, finding);
    expect(r.outcome.disagreement).toBeUndefined();
  });
});

/**
 * TLC on a sample of cells: one of each finding (every invariant kind, both asserts, the
 * deadlock) and a pass — the same verdict, distinct states (for a violation, over the whole
 * state space with invariants and asserts off) and shortest-trace length as the compiled
 * verifier. A TLC cell and its recount take 5-60 s on 2 busy cores; ZSWAP_TABLE=all asks TLC
 * about all 64 (48 of 48 agreed, 320 s, on 2026-12-02, before the `switch` scenario).
 */
const TLC_SAMPLE = new Set(['ZswapTeardown / reclaim', 'ZswapV13 / alloc-fail', 'ZswapV13Fix / alloc-fail', 'ZswapV13Review / alloc-fail', 'ZswapGetCpuLock / reclaim', 'ZswapV13NullFreed / alloc-fail']);
const tlcCells = process.env.ZSWAP_TABLE === 'all' ? cells : cells.filter((c) => TLC_SAMPLE.has(`${c.model.name} / ${c.config}`));

describe.skipIf(!tlc.found)(`TLC agrees with the compiled verifier (a sample of cells)${tlc.found ? '' : ` (skipped: ${tlc.reason})`}`, () => {
  itBase('the sample names real cells and covers every finding in the table', () => {
    expect(tlcCells.length).toBe(process.env.ZSWAP_TABLE === 'all' ? cells.length : TLC_SAMPLE.size);
    expect(new Set(tlcCells.map((c) => c.finding))).toEqual(new Set(cells.map((c) => c.finding)));
  });
  itBase.concurrent.for(tlcCells)('$label', { timeout: 900_000 }, async ({ model, config, finding }) => {
    // Both backends in one pipeline run: it compares their verdicts, and their distinct-state
    // counts (over the whole state space for a violation, whose stopping point depends on search order).
    // Covers: TLC would need a run per cover (test/covers.test.ts checks TLC's on a zswap cell).
    const r = await checkModel(model, config, { checkers: [tlcChecker, compiledChecker], timeoutMs: 600_000, workers: 1, covers: false, jvmArgs: TLC_JVM });
    expect(r.results.map((x) => x.backend)).toEqual(['tlc', 'compiled']);
    await expectFinding(r, finding);
    expect(r.outcome.disagreement).toBeUndefined();
    // Breadth-first on both: the same shortest counterexample length.
    const [t, c] = r.results.map((x) => ('trace' in x.verdict ? x.verdict.trace.length : 0));
    expect(c).toBe(t);
  });
});

const NOTE = tlc.found ? '' : ` (skipped: ${tlc.reason})`;

// On each backend the trace reaches the map by a different road (TLC's own trace; tla-checker's,
// completed by replay; the compiled verifier's, native). tla-checker needs tens of seconds for each
// of the last two (tens of thousands of states before the violation): it maps the first.
describe.each(['compiled', 'tla-checker', 'tlc'] as const)('counterexamples on %s map to the model lines', (backend) => {
  const it = backend === 'tlc' && !tlc.found ? itBase.skip : itBase;
  const slow = (backend === 'tla-checker' ? () => undefined : it) as typeof it;
  const variant = (name: string) => zswapModel(VARIANTS.find((x) => x.name === name)!);

  it(`v13 / alloc-fail: remove_instance of a node never added, reached through goto ref_fail${backend === 'tlc' ? NOTE : ''}`, async () => {
    const r = await checkModel(variant('v13'), 'alloc-fail', { backend, timeoutMs: 600_000, jvmArgs: TLC_JVM });
    // The assert fails in remove_instance's first step (for an assert, `atStep` is the step that fails it).
    await expect(r).toViolate('RemoveOnlyAddedInstance', { atStep: 'remove_lock' });
    const steps = r.explanations[0]!.steps.filter((s) => s.unit);
    // The trace before it: the add failed (prepare's buffer allocation), then ref_fail calls remove_instance.
    expect(steps.at(-1)!.dsl?.line).toBe(lineOf('models/zswap/pool.ts', "label('create_ref_fail')"));
    expect(steps.some((s) => s.unit?.label === 'add_rollback')).toBe(true);
  });

  slow(`teardown / hotplug: the task takes a CPU's ctx, is migrated, the CPU goes down and its req is freed, then the task uses it${backend === 'tlc' ? NOTE : ''}`, async () => {
    const r = await checkModel(variant('teardown'), 'hotplug', { backend, timeoutMs: 600_000, jvmArgs: TLC_JVM });
    await expect(r).toViolate('NoUseOfFreedResource', { atStep: 'comp_use' });
    const labels = r.explanations[0]!.steps.map((s) => s.unit?.label ?? s.action ?? '');
    const at = (l: string) => labels.indexOf(l);
    // raw_cpu_ptr() before the migration; the unlocked teardown frees req before the task locks the mutex.
    expect(at('comp_get_ctx')).toBeGreaterThan(-1);
    expect(at('comp_get_ctx')).toBeLessThan(labels.findIndex((l) => l.includes('Migrate')));
    expect(at('dead_req')).toBeGreaterThan(at('comp_get_ctx'));
    expect(at('comp_lock')).toBeGreaterThan(at('dead_req'));
  }, 600_000);

  slow(`v13-null-freed / combined, MutexLockedBeforeInit alone: a CPU whose online failed comes back with the review's early return and an uninitialised mutex, which the task then locks${backend === 'tlc' ? NOTE : ''}`, async () => {
    // That assert alone (OnlineCpuHasUsableCtx would stop the search first): the task's
    // mutex_lock() on that CPU.
    const r = await checkModel(variant('v13-null-freed'), 'combined', { backend, timeoutMs: 600_000, jvmArgs: TLC_JVM, focus: 'MutexLockedBeforeInit' });
    const v = r.results[0]!.verdict;
    expect(v.kind).toBe('assert');
    expect(v.kind === 'assert' && v.message).toBe('MutexLockedBeforeInit');
    // At the task's mutex_lock(), not at the first lock() of the model (the compiled verifier said
    // cpuhp.ts, the hotplug lock, when the pipeline's widened source map hid its spans).
    expect(r.explanations[0]!.problem?.dsl?.file).toBe('models/zswap/tasks.ts');
    expect(r.explanations[0]!.problem?.dsl?.line).toBe(lineOf('models/zswap/tasks.ts', 'label(`${p}_lock`)'));
    const labels = r.explanations[0]!.steps.map((s) => s.unit?.label ?? s.action ?? '');
    // The failed online left an ERR acomp; the retry returned early at prep_check.
    expect(labels).toContain('prep_fail');
    expect(labels.lastIndexOf('prep_check')).toBeGreaterThan(labels.indexOf('prep_fail'));
    // ... and the task got a reference on the live pool before it locked that CPU's ctx.
    expect(labels).toContain('store_get_pool');
  }, 600_000);

});

