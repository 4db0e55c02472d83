/**
 * The state every zswap concern shares: CPUs and their hotplug state, the pool, the per-CPU
 * acomp_ctx with its three resources, the locks, and the resource accounting the properties read.
 */
import {
  booleans, exists, filter, fn, fnSet, forall, recordOf, t,
} from '../../dsl/index.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { Variant } from './variants.js';

/**
 * What a C pointer field can hold, as far as the code can and cannot tell: NULL, an ERR_PTR,
 * a live object, or a dangling pointer to a freed one (indistinguishable from live in C).
 */
export const PTR = t.enum('NULL', 'ERR', 'ok', 'freed');
export const RESOURCES = ['buffer', 'acomp', 'req'] as const;
export type Resource = (typeof RESOURCES)[number];
export const CTX = t.record({ buffer: PTR, acomp: PTR, req: PTR });
/** Resources one ctx can hold: what an offline CPU may keep allocated (v13's stated cost). */
export const CTX_RESOURCES = RESOURCES.length;

export function declareState(m: ModelBuilder, variant: Variant) {
  const CPUS = m.modelValues('CPUS');
  /** What an unset `cpu` parameter holds before a callback is called. */
  const NoCpu = m.modelValue('NoCpu', CPUS, { auto: true });
  const TASKS = m.modelValues('TASKS');
  /** 1 when allocations may fail (every site, nondeterministically). */
  const ALLOC_FAIL = m.intConstant('ALLOC_FAIL');
  /** How many CPU online/offline operations the hotplug thread may perform. */
  const HOTPLUG_OPS = m.intConstant('HOTPLUG_OPS');
  /** How many times tasks may be migrated in total. */
  const MIGRATIONS = m.intConstant('MIGRATIONS');
  /** 1 when a task's store may run from direct reclaim inside another scomp user's allocation. */
  const RECLAIM = m.intConstant('RECLAIM');

  const online = m.variableIn('online', t.fn(CPUS, t.bool()), filter(fnSet(CPUS, booleans()), (f) => exists(CPUS, (c) => f.at(c))));
  const cpu_of = m.variableIn('cpu_of', t.fn(TASKS, t.member(CPUS)), filter(fnSet(TASKS, CPUS), (f) => forall(TASKS, (task) => online.at(f.at(task)))));
  const migrations = m.variable('migrations', t.int(0, 3), 0);
  const hp_budget = m.variable('hp_budget', t.int(0, 4), HOTPLUG_OPS);

  const pool_state = m.variable('pool_state', t.enum('none', 'live', 'dying', 'destroyed', 'failed'), 'none');
  const node_added = m.variable('node_added', t.bool(), false);
  const refs = m.variable('refs', t.int(0, 3), 0);
  /** Return values: of the startup callback (read under cpu_hotplug_lock), of cpuhp_state_add_instance() (the manager's). */
  const prep_ok = m.variable('prep_ok', t.bool(), false);
  const add_ok = m.variable('add_ok', t.bool(), false);

  // alloc_percpu_gfp(..., __GFP_ZERO) (and alloc_percpu, which zeroes too): every field NULL.
  const ctx = m.variable('ctx', t.fn(CPUS, CTX), fn(CPUS, () => recordOf(CTX, { buffer: 'NULL', acomp: 'NULL', req: 'NULL' })));
  /** Objects allocated for each CPU's ctx and not yet freed: leaks and the offline cost show here. */
  const live = m.variable('live', t.fn(CPUS, t.int(0, 2 * CTX_RESOURCES)), fn(CPUS, () => 0, t.int(0, 2 * CTX_RESOURCES)));

  const ctx_mutex = m.mutexes('ctx_mutex', CPUS, { initialised: false });
  const scomp_lock = m.mutex('scomp_lock', { initialised: true });
  const hotplug_lock = m.mutex('cpu_hotplug_lock', { initialised: true });

  const onlineCpus = filter(CPUS, (c) => online.at(c));
  return {
    variant, CPUS, NoCpu, TASKS, ALLOC_FAIL, HOTPLUG_OPS, MIGRATIONS, RECLAIM,
    online, cpu_of, migrations, hp_budget, pool_state, node_added, refs, prep_ok, add_ok, ctx, live,
    ctx_mutex, scomp_lock, hotplug_lock, onlineCpus,
  };
}

export type Zswap = ReturnType<typeof declareState>;
