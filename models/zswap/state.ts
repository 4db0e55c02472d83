/**
 * The state every zswap concern shares: CPUs and their hotplug state, the pool, the per-CPU
 * acomp_ctx with its three resources, the locks, and the resource accounting the properties read.
 * Line references: Linux 6.12.117 unless marked `v13 ±N` (see variants.ts).
 */
import {
  and, booleans, enumSet, exists, filter, fn, fnSet, forall, isIn, or, recordOf, t,
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
  /**
   * 1: every allocation may fail (nondeterministically); 2: only those made while the pool is
   * in use (CPU online for a live pool), so pool creation always succeeds; 0: none fails.
   */
  const ALLOC_FAIL = m.intConstant('ALLOC_FAIL');
  /** How many CPU online/offline operations the hotplug thread may perform. */
  const HOTPLUG_OPS = m.intConstant('HOTPLUG_OPS');
  /** How many times tasks may be migrated in total. */
  const MIGRATIONS = m.intConstant('MIGRATIONS');
  /** 1 when a task's store may run from direct reclaim inside another scomp user's allocation. */
  const RECLAIM = m.intConstant('RECLAIM');
  /** 1 when a task may load (zswap_load() -> zswap_decompress()) instead of storing. */
  const LOADS = m.intConstant('LOADS');
  /**
   * 1 when a hotplug operation may stop at a state between CPUHP_MM_ZSWP_POOL_PREPARE and
   * CPUHP_ONLINE (a sysfs `hotplug/target`, Documentation/core-api/cpu_hotplug.rst:645-658).
   */
  const INTERMEDIATE = m.intConstant('INTERMEDIATE');
  /**
   * 1 when the allocations of zswap_cpu_comp_prepare() (GFP_KERNEL: mm/zswap.c:825, 831, 839)
   * may enter direct reclaim, which stores into the current pool on the hotplug control CPU.
   */
  const PREP_RECLAIM = m.intConstant('PREP_RECLAIM');
  /** 1 when the pool is replaced (a compressor switch) and destroyed once unreferenced; 0: it stays current. */
  const REPLACE = m.intConstant('REPLACE');

  // cpu_online(): the CPU is active and runs tasks. At least one CPU is online (kernel/cpu.c:1405).
  const online = m.variableIn('online', t.fn(CPUS, t.bool()), filter(fnSet(CPUS, booleans()), (f) => exists(CPUS, (c) => f.at(c))));
  // Not online, but its hotplug state (struct cpuhp_cpu_state.state) is at or past
  // CPUHP_MM_ZSWP_POOL_PREPARE: add/remove_instance call zswap's callbacks for it too
  // (kernel/cpu.c:2425-2430, 2573-2578), and a later online does not (the state is passed).
  const parked = m.variable('parked', t.fn(CPUS, t.bool()), fn(CPUS, () => false, t.bool()));
  const cpu_of = m.variableIn('cpu_of', t.fn(TASKS, t.member(CPUS)), filter(fnSet(TASKS, CPUS), (f) => forall(TASKS, (task) => online.at(f.at(task)))));
  const migrations = m.variable('migrations', t.int(0, 3), 0);
  const hp_budget = m.variable('hp_budget', t.int(0, 4), HOTPLUG_OPS);

  // The pool's life: created (zswap_pool_create), current ('live'), replaced and killed
  // ('dying': percpu_ref_kill, mm/zswap.c:636), destroyed (mm/zswap.c:364-373) or failed.
  const pool_state = m.variable('pool_state', t.enum('none', 'live', 'dying', 'destroyed', 'failed'), 'none');
  // pool->node is on the state's instance list (hlist_add_head, kernel/cpu.c:2441).
  const node_added = m.variable('node_added', t.bool(), false);
  // References taken by zswap_pool_current_get() (mm/zswap.c:441-454) and not yet put.
  const refs = m.variable('refs', t.int(0, 3), 0);
  /** Return values: of the startup callback (read under cpu_hotplug_lock), of cpuhp_state_add_instance() (the manager's). */
  const prep_ok = m.variable('prep_ok', t.bool(), false);
  const add_ok = m.variable('add_ok', t.bool(), false);

  // alloc_percpu(), mm/zswap.c:282 (v13 +281: alloc_percpu_gfp(..., __GFP_ZERO)); percpu memory
  // is zeroed either way (mm/percpu.c:1898-1900 clears the area), so every field starts NULL.
  const ctx = m.variable('ctx', t.fn(CPUS, CTX), fn(CPUS, () => recordOf(CTX, { buffer: 'NULL', acomp: 'NULL', req: 'NULL' })));
  /** Objects allocated for each CPU's ctx and not yet freed: leaks and the offline cost show here. */
  const live = m.variable('live', t.fn(CPUS, t.int(0, 2 * CTX_RESOURCES)), fn(CPUS, () => 0, t.int(0, 2 * CTX_RESOURCES)));

  // History, read by covers only (properties.ts): CPUs whose online failed — a prepare error, after
  // which cpuhp_reset_state() and the rollback left the CPU offline (kernel/cpu.c:1021-1029).
  const failed_online = m.variable('failed_online', t.fn(CPUS, t.bool()), fn(CPUS, () => false, t.bool()));

  // acomp_ctx->mutex: uninitialised until mutex_init() (where depends on the variant).
  const ctx_mutex = m.mutexes('ctx_mutex', CPUS, { initialised: false });
  // crypto/scompress.c:38: taken by crypto_alloc_acomp*() (scompress.c:105-108, which allocates
  // the scratch buffers under it) and crypto_free_acomp() (scompress.c:201-204).
  const scomp_lock = m.mutex('scomp_lock', { initialised: true });
  // kernel/cpu.c:484, a percpu rwsem: instance add/remove take it for read (cpu.c:2452, 2563),
  // CPU up/down for write (cpu.c:1633, 1411). One mutex stands for it: each side has one thread.
  const hotplug_lock = m.mutex('cpu_hotplug_lock', { initialised: true });

  /** May the allocation being made now fail? */
  const allocMayFail = or(ALLOC_FAIL.eq(1), and(ALLOC_FAIL.eq(2), isIn(pool_state, enumSet(pool_state.sort, 'live', 'dying'))));
  const onlineCpus = filter(CPUS, (c) => online.at(c));
  /** for_each_present_cpu with st->state >= CPUHP_MM_ZSWP_POOL_PREPARE (kernel/cpu.c:2425-2430). */
  const atStateCpus = filter(CPUS, (c) => or(online.at(c), parked.at(c)));
  return {
    variant, CPUS, NoCpu, TASKS, ALLOC_FAIL, HOTPLUG_OPS, MIGRATIONS, RECLAIM, LOADS, INTERMEDIATE, PREP_RECLAIM, REPLACE,
    online, parked, cpu_of, migrations, hp_budget, pool_state, node_added, refs, prep_ok, add_ok, ctx, live, failed_online,
    ctx_mutex, scomp_lock, hotplug_lock, onlineCpus, atStateCpus, allocMayFail,
  };
}

export type Zswap = ReturnType<typeof declareState>;
