/**
 * The zswap models with extra configs for the scaling bench: the same declarations as
 * models/zswap/index.ts `zswapModel`, with configs over more CPUs and tasks, with and without
 * SYMMETRY on CPUS (the zswap configs check no temporal properties, so symmetry is sound).
 */
import { model, type Model } from '../model.js';
import { declareCallbacks } from '../../models/zswap/acomp-ctx.js';
import { declareHotplug, declareInstanceOps } from '../../models/zswap/cpuhp.js';
import { SCENARIOS, type Scenario } from '../../models/zswap/index.js';
import { declarePoolManager } from '../../models/zswap/pool.js';
import { declareProperties } from '../../models/zswap/properties.js';
import { declareState } from '../../models/zswap/state.js';
import { declareTasks } from '../../models/zswap/tasks.js';
import { VARIANTS, type VariantName } from '../../models/zswap/variants.js';

export interface ScalingPoint {
  readonly cpus: number;
  readonly tasks: number;
  readonly symmetry: boolean;
}

/** `c2_t1`, `c3_t2_sym`: the config name of a point. */
export function pointName(p: ScalingPoint): string {
  return `c${p.cpus}_t${p.tasks}${p.symmetry ? '_sym' : ''}`;
}

/** The zswap model of `variant` with one config per point, all in `scenario` (no expectation: bench reports what it finds). */
export function zswapScalingModel(variant: VariantName, scenario: Scenario, points: readonly ScalingPoint[]): Model {
  const v = VARIANTS.find((x) => x.name === variant);
  if (!v) throw new Error(`unknown zswap variant ${variant}`);
  // Older scenario tables had no HOTPLUG_OPS / MIGRATIONS: default them.
  const env: Record<string, number> = { ...{ HOTPLUG_OPS: 2, MIGRATIONS: 1 } as Record<string, number>, ...(SCENARIOS[scenario] as Record<string, number>) };
  return model(v.module, (m) => {
    const z = declareState(m, v);
    const cb = declareCallbacks(m, z);
    const hp = declareInstanceOps(m, z, cb);
    declarePoolManager(m, z, cb, hp);
    declareHotplug(m, z, cb);
    declareTasks(m, z);
    declareProperties(m, z);
    for (const p of points) {
      m.config(pointName(p), {
        constants: { ...env, CPUS: range('c', p.cpus), TASKS: range('t', p.tasks) },
        ...(p.symmetry ? { symmetry: [z.CPUS] } : {}),
        doc: `bench: ${p.cpus} CPUs, ${p.tasks} tasks, scenario '${scenario}'${p.symmetry ? ', SYMMETRY CPUS' : ''}`,
      });
    }
  }, { doc: `bench scaling: zswap variant '${v.name}'` });
}

const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
