/**
 * The zswap per-CPU acomp_ctx lifetime models: one module per kernel code version (variants.ts),
 * built from the concerns in this folder. Small configs are checked in CI; `large` ones by bench.
 */
import { model, type Model } from '../../dsl/index.js';
import { declareCallbacks } from './acomp-ctx.js';
import { declareHotplug, declareInstanceOps } from './cpuhp.js';
import { declarePoolManager } from './pool.js';
import { declareCovers, declareProperties } from './properties.js';
import { declareState, type Zswap } from './state.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import { declareTasks } from './tasks.js';
import { VARIANTS, type Variant } from './variants.js';

/** Every switch off: each scenario turns on what it explores. */
const QUIET = { ALLOC_FAIL: 0, RECLAIM: 0, HOTPLUG_OPS: 0, MIGRATIONS: 0, LOADS: 0, INTERMEDIATE: 0, PREP_RECLAIM: 0, REPLACE: 1, POOLS: 1, REUSE: 0 };

/**
 * Scenarios, each a small config (2 CPUs, 1 task unless it says otherwise): what the environment
 * may do. Each is sized to stay under ~30,000 distinct states on every variant (CI runs them on
 * the embedded checker); the bench runs larger ones.
 */
export const SCENARIOS = {
  /** Races between tasks (storing or loading), migration and CPU online/offline; allocations always succeed. */
  hotplug: { ...QUIET, HOTPLUG_OPS: 1, MIGRATIONS: 1, LOADS: 1 },
  /** Every allocation may fail: the error paths (no tasks: OnlineCpuHasUsableCtx stands for their view). */
  'alloc-fail': { ...QUIET, ALLOC_FAIL: 1, HOTPLUG_OPS: 2, TASKS: [] as string[] },
  /** Stores entered from direct reclaim under another user's scomp_lock: lock order. */
  reclaim: { ...QUIET, RECLAIM: 1, HOTPLUG_OPS: 1, MIGRATIONS: 1 },
  /** CPUs stopping between CPUHP_MM_ZSWP_POOL_PREPARE and online (sysfs hotplug/target). */
  intermediate: { ...QUIET, INTERMEDIATE: 1, HOTPLUG_OPS: 2, TASKS: [] as string[] },
  /** Direct reclaim from prepare's own allocations (CPU online), storing into the live pool while a task stores too. */
  'prep-reclaim': { ...QUIET, PREP_RECLAIM: 1, HOTPLUG_OPS: 2, REPLACE: 0 },
  /**
   * Allocation failures while the pool is live (CPU online), with a task storing or loading,
   * migration and CPU hotplug: a ctx broken by a failed online is followed to the task using it.
   */
  combined: { ...QUIET, ALLOC_FAIL: 2, HOTPLUG_OPS: 2, MIGRATIONS: 1, LOADS: 1, REPLACE: 0 },
  /**
   * A compressor switch (POOLS = 2: the boot pool, then a new pool made current and the old one
   * killed): a task storing into the pool it got, the old one after the switch, and the old
   * pool's release work (remove_instance, the dealloc loop) running concurrently with it. No
   * hotplug operation: with one the scenario is 40,000-60,000 states a variant (the bench runs
   * it, and three pools, where a release overlaps the next switch's add_instance). REUSE: while
   * the task still holds the old pool, the compressor may be switched back to it
   * (zswap_pool_find_get() reuse): the old pool is current again and the new one is released.
   */
  switch: { ...QUIET, POOLS: 2, REPLACE: 0, REUSE: 1 },
  /**
   * Two pools, no task, one CPU hotplug operation while allocations may fail for a live pool:
   * CPU up/down runs the callbacks of both pools' instances (newest first) and, in the rows with
   * a teardown, rolls back the first when the second fails (cpuhp_invoke_callback); the old
   * pool's release work contends with the hotplug thread for cpu_hotplug_lock.
   */
  'switch-hotplug': { ...QUIET, POOLS: 2, ALLOC_FAIL: 2, HOTPLUG_OPS: 1, REPLACE: 0, TASKS: [] as string[] },
} as const;
export type Scenario = keyof typeof SCENARIOS;

/**
 * The covers each scenario must reach (properties.ts): the situations its passing properties
 * guard. An unreached one fails the config, so a scenario that stops exploring what it was
 * sized for fails instead of passing vacuously.
 */
export const SCENARIO_COVERS: Record<Scenario, readonly string[]> = {
  hotplug: ['TaskHoldsCtxOfOfflineCpu'],
  'alloc-fail': ['PoolDestroyedAfterFailedOnline', 'FailedOnlineRetried'],
  reclaim: ['TaskHoldsCtxOfOfflineCpu'],
  intermediate: ['PoolDestroyedWithParkedCpu'],
  'prep-reclaim': ['PrepareReclaimUsesCtx'],
  combined: ['TaskHoldsCtxOfOfflineCpu', 'FailedOnlineRetried', 'TaskHoldsCtxOfRetriedCpu'],
  switch: ['TaskUsesOldPoolAfterSwitch', 'OldPoolDestroyedWhileNewCurrent', 'SwitchBackRevivesOldPool'],
  'switch-hotplug': ['CpuUpPreparesTwoInstances', 'OldPoolDestroyedWhileNewCurrent'],
};

const ALL_PASS: Record<Scenario, string> = {
  hotplug: 'pass', 'alloc-fail': 'pass', reclaim: 'pass', intermediate: 'pass', 'prep-reclaim': 'pass', combined: 'pass', switch: 'pass', 'switch-hotplug': 'pass',
};

/**
 * What the model checker finds per variant and scenario (asserted by test/zswap.test.ts on both
 * checkers; explained in the README). 'pass', 'deadlock', or the violated property / assertion.
 */
export const FINDINGS: Record<Variant['name'], Record<Scenario, string>> = {
  'teardown': { ...ALL_PASS, hotplug: 'NoUseOfFreedResource', reclaim: 'NoUseOfFreedResource', combined: 'NoUseOfFreedResource' },
  'get-cpu-lock': { ...ALL_PASS, reclaim: 'deadlock' },
  'v13-base': { ...ALL_PASS },
  'v13': { ...ALL_PASS, 'alloc-fail': 'RemoveOnlyAddedInstance', combined: 'OnlineCpuHasUsableCtx', 'switch-hotplug': 'NoDoubleFree' },
  'v13-review': { ...ALL_PASS, 'alloc-fail': 'NoDoubleFree', combined: 'OnlineCpuHasUsableCtx', 'switch-hotplug': 'NoDoubleFree' },
  'v13-null-freed': { ...ALL_PASS, 'alloc-fail': 'OnlineCpuHasUsableCtx', combined: 'OnlineCpuHasUsableCtx' },
  'v13-null-freed-errcheck': { ...ALL_PASS },
  'v13-fix': { ...ALL_PASS },
};

const expectation = (f: string) => (f === 'pass' ? 'pass' : f === 'deadlock' ? 'deadlock' : { violates: f }) as 'pass' | 'deadlock' | { violates: string };

/** The scenario configs, with what each is expected to find. */
function scenarioConfigs(m: ModelBuilder, z: Zswap): void {
  const small = { CPUS: ['c1', 'c2'], TASKS: ['t1'] as string[] };
  for (const [name, env] of Object.entries(SCENARIOS)) {
    m.config(name, { constants: { ...small, ...env }, covers: SCENARIO_COVERS[name as Scenario], expect: expectation(FINDINGS[z.variant.name][name as Scenario]), doc: `scenario '${name}'` });
  }
}

/** A variant's model; `configs` replaces the scenario configs (the bench adds larger ones). */
export function zswapModel(v: Variant, configs: (m: ModelBuilder, z: Zswap) => void = scenarioConfigs, doc?: string): Model {
  return model(v.module, (m) => {
    const z = declareState(m, v);
    const cb = declareCallbacks(m, z);
    const hp = declareInstanceOps(m, z, cb);
    const manager = declarePoolManager(m, z, cb, hp);
    const hotplug = declareHotplug(m, z, cb);
    declareTasks(m, z);
    declareProperties(m, z);
    declareCovers(m, z, hotplug, manager);
    configs(m, z);
  }, { doc: doc ?? `zswap acomp_ctx lifetime, variant '${v.name}': ${v.summary}` });
}

export const zswapModels: readonly Model[] = VARIANTS.map((v) => zswapModel(v));
