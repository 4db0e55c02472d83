/**
 * The zswap models with extra configs for the scaling bench: `zswapModel` with configs over more CPUs and tasks, with and without
 * SYMMETRY on CPUS (the zswap configs check no temporal properties, so symmetry is sound).
 */
import type { Model } from '../../dsl/model.js';
import { SCENARIO_COVERS, SCENARIOS, zswapModel, type Scenario } from '../../models/zswap/index.js';
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
  return zswapModel(v, (m, z) => {
    for (const p of points) {
      m.config(pointName(p), {
        constants: { ...env, CPUS: range('c', p.cpus), TASKS: range('t', p.tasks) },
        covers: SCENARIO_COVERS[scenario],
        ...(p.symmetry ? { symmetry: [z.CPUS] } : {}),
        doc: `bench: ${p.cpus} CPUs, ${p.tasks} tasks, scenario '${scenario}'${p.symmetry ? ', SYMMETRY CPUS' : ''}`,
      });
    }
  }, `bench scaling: zswap variant '${v.name}'`);
}

const range = (prefix: string, n: number): string[] => Array.from({ length: n }, (_, i) => `${prefix}${i + 1}`);
