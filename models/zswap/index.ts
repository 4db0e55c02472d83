/**
 * The zswap per-CPU acomp_ctx lifetime models: one module per kernel code version (variants.ts),
 * built from the concerns in this folder. Small configs are checked in CI; `large` ones by bench.
 */
import { model, type Model } from '../../dsl/index.js';
import { declareCallbacks } from './acomp-ctx.js';
import { declareHotplug, declareInstanceOps } from './cpuhp.js';
import { declarePoolManager } from './pool.js';
import { declareProperties } from './properties.js';
import { declareState } from './state.js';
import { declareTasks } from './tasks.js';
import { VARIANTS, type Variant } from './variants.js';

/** What each variant is expected to violate in the small configs (from the model checker's findings). */
export const EXPECTED: Record<Variant['name'], Record<string, string | 'pass'>> = {
  'teardown': {},
  'get-cpu-lock': {},
  'v13': {},
  'v13-review': {},
  'v13-fix': {},
};

export function zswapModel(v: Variant): Model {
  return model(v.module, (m) => {
    const z = declareState(m, v);
    const cb = declareCallbacks(m, z);
    const hp = declareInstanceOps(m, z, cb);
    declarePoolManager(m, z, cb, hp);
    declareHotplug(m, z, cb);
    declareTasks(m, z);
    declareProperties(m, z);
    const base = { CPUS: ['c1', 'c2'], TASKS: ['t1'], ALLOC_FAIL: 1, HOTPLUG_OPS: 2, MIGRATIONS: 1, RECLAIM: 0 };
    m.config('small', { constants: base });
  }, { doc: `zswap acomp_ctx lifetime, variant '${v.name}': ${v.summary}` });
}

export const zswapModels: readonly Model[] = VARIANTS.map(zswapModel);
