/**
 * The zswap per-CPU acomp_ctx lifetime models: one module per kernel code version (variants.ts),
 * built from the concerns in this folder. Small configs are checked in CI; `large` ones by bench.
 */
import { model, type Model } from '../../dsl/index.js';
import { declareCallbacks } from './acomp-ctx.js';
import { declareHotplug, declareInstanceOps } from './cpuhp.js';
import { declarePoolManager } from './pool.js';
import { declareProperties } from './properties.js';
import { declareState, type Zswap } from './state.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import { declareTasks } from './tasks.js';
import { VARIANTS, type Variant } from './variants.js';

/**
 * Scenarios, each a small config: what the environment may do. The first violation TLC finds
 * stops the run, so each scenario isolates one kind of trouble.
 */
export const SCENARIOS = {
  /** Races between tasks, migration and CPU online/offline; allocations always succeed. */
  hotplug: { ALLOC_FAIL: 0, RECLAIM: 0, HOTPLUG_OPS: 1, MIGRATIONS: 1 },
  /** Every allocation may fail: the error paths (no tasks: OnlineCpuHasUsableCtx stands for their view). */
  'alloc-fail': { ALLOC_FAIL: 1, RECLAIM: 0, HOTPLUG_OPS: 2, MIGRATIONS: 0, TASKS: [] as string[] },
  /** Stores entered from direct reclaim under another user's scomp_lock: lock order. */
  reclaim: { ALLOC_FAIL: 0, RECLAIM: 1, HOTPLUG_OPS: 1, MIGRATIONS: 1 },
} as const;
export type Scenario = keyof typeof SCENARIOS;

/**
 * What the model checker finds per variant and scenario (asserted by test/zswap.test.ts on both
 * checkers; explained in the README). 'pass', 'deadlock', or the violated property / assertion.
 */
export const FINDINGS: Record<Variant['name'], Record<Scenario, string>> = {
  'teardown': { hotplug: 'NoUseOfFreedResource', 'alloc-fail': 'pass', reclaim: 'NoUseOfFreedResource' },
  'get-cpu-lock': { hotplug: 'pass', 'alloc-fail': 'NoFreeOfErrPointer', reclaim: 'deadlock' },
  'v13': { hotplug: 'pass', 'alloc-fail': 'RemoveOnlyAddedInstance', reclaim: 'pass' },
  'v13-review': { hotplug: 'pass', 'alloc-fail': 'NoDoubleFree', reclaim: 'pass' },
  'v13-null-freed': { hotplug: 'pass', 'alloc-fail': 'OnlineCpuHasUsableCtx', reclaim: 'pass' },
  'v13-fix': { hotplug: 'pass', 'alloc-fail': 'pass', reclaim: 'pass' },
};

const expectation = (f: string) => (f === 'pass' ? 'pass' : f === 'deadlock' ? 'deadlock' : { violates: f }) as 'pass' | 'deadlock' | { violates: string };

/** The scenario configs, with what each is expected to find. */
function scenarioConfigs(m: ModelBuilder, z: Zswap): void {
  const small = { CPUS: ['c1', 'c2'], TASKS: ['t1'] as string[] };
  for (const [name, env] of Object.entries(SCENARIOS)) {
    m.config(name, { constants: { ...small, ...env }, expect: expectation(FINDINGS[z.variant.name][name as Scenario]), doc: `scenario '${name}'` });
  }
}

/** A variant's model; `configs` replaces the scenario configs (the bench adds larger ones). */
export function zswapModel(v: Variant, configs: (m: ModelBuilder, z: Zswap) => void = scenarioConfigs, doc?: string): Model {
  return model(v.module, (m) => {
    const z = declareState(m, v);
    const cb = declareCallbacks(m, z);
    const hp = declareInstanceOps(m, z, cb);
    declarePoolManager(m, z, cb, hp);
    declareHotplug(m, z, cb);
    declareTasks(m, z);
    declareProperties(m, z);
    configs(m, z);
  }, { doc: doc ?? `zswap acomp_ctx lifetime, variant '${v.name}': ${v.summary}` });
}

export const zswapModels: readonly Model[] = VARIANTS.map((v) => zswapModel(v));
