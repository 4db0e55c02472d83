/**
 * The state every zswap concern shares: CPUs and their hotplug state, the pool, the per-CPU
 * acomp_ctx with its three resources, the locks, and the resource accounting the properties read.
 * Line references: Linux 6.12.117 unless marked `v13 ±N` (see variants.ts).
 */
import {
  and, booleans, choose, enumSet, exists, filter, fn, fnSet, forall, isIn, le, minus, or, range, record, recordOf, recordSet, t, type TExpr,
} from '../../dsl/index.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { AtomSort, SetSort, Sort } from '../../dsl/author/sorts.js';
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
/** The most pools a config may ask for (`POOLS`): the bound of the pool-id sort. */
export const MAX_POOLS = 3;

/** A pool id: 1..POOLS, 0 for none (an unset parameter). */
export const POOL = t.int(0, MAX_POOLS);
type PoolSort = typeof POOL;
type CpuSort = AtomSort<'CPUS'>;
type SetSortOf<S extends Sort> = SetSort<S>;

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
  /**
   * How many pools are created: the boot pool (zswap_setup()) and POOLS - 1 compressor switches
   * (__zswap_param_set(), mm/zswap.c:604-636), each creating a new pool, making it current and
   * killing the old one, whose release work (__zswap_pool_release) then runs on its own. Pool ids
   * are 1..POOLS in creation order. 1: the single-pool model, state for state.
   */
  const POOLS = m.intConstant('POOLS');
  /**
   * 1 when, after the last switch, the compressor may be switched back while the pool that
   * switch killed still holds references (an entry or a store in flight): zswap_pool_find_get()
   * finds it on zswap_pools and percpu_ref_tryget() succeeds (mm/zswap.c:457-475, 576-581), so
   * __zswap_param_set() revives it (percpu_ref_resurrect(), 593) instead of creating a pool,
   * makes it current again and kills the pool it replaces (606-609, 635-636). Only with REPLACE = 0.
   */
  const REUSE = m.intConstant('REUSE');
  const POOL_IDS = range(1, POOLS);
  /** Pools killed by a switch, whose release work is a process of its own (pool.ts). */
  const SWITCHED_OUT = range(1, minus(POOLS, 1));

  // cpu_online(): the CPU is active and runs tasks. At least one CPU is online (kernel/cpu.c:1405).
  const online = m.variableIn('online', t.fn(CPUS, t.bool()), filter(fnSet(CPUS, booleans()), (f) => exists(CPUS, (c) => f.at(c))));
  // Not online, but its hotplug state (struct cpuhp_cpu_state.state) is at or past
  // CPUHP_MM_ZSWP_POOL_PREPARE: add/remove_instance call zswap's callbacks for it too
  // (kernel/cpu.c:2425-2430, 2573-2578), and a later online does not (the state is passed).
  const parked = m.variable('parked', t.fn(CPUS, t.bool()), fn(CPUS, () => false, t.bool()));
  const cpu_of = m.variableIn('cpu_of', t.fn(TASKS, t.member(CPUS)), filter(fnSet(TASKS, CPUS), (f) => forall(TASKS, (task) => online.at(f.at(task)))));
  const migrations = m.variable('migrations', t.int(0, 3), 0);
  const hp_budget = m.variable('hp_budget', t.int(0, 4), HOTPLUG_OPS);

  // Each pool's life: created (zswap_pool_create), current ('live': first on zswap_pools), killed
  // ('dying': percpu_ref_kill, mm/zswap.c:636), destroyed (mm/zswap.c:364-373) or failed. At most
  // one pool is 'live': zswap_pool_current() (mm/zswap.c:441-454 reads the list head) is the
  // pool in that state (`currentPool` below), the model's current-pool pointer.
  const POOL_STATE = t.enum('none', 'live', 'dying', 'destroyed', 'failed');
  const pool_state = m.variable('pool_state', t.fn(POOL_IDS, POOL_STATE), fn(POOL_IDS, () => 'none', POOL_STATE));
  // pool->node is on the state's instance list (hlist_add_head, kernel/cpu.c:2441).
  const node_added = m.variable('node_added', t.fn(POOL_IDS, t.bool()), fn(POOL_IDS, () => false, t.bool()));
  // References taken by zswap_pool_current_get() (mm/zswap.c:441-454) and not yet put, per pool.
  const refs = m.variable('refs', t.fn(POOL_IDS, t.int(0, 3)), fn(POOL_IDS, () => 0, t.int(0, 3)));
  /** Return values: of the startup callback (read under cpu_hotplug_lock), of cpuhp_state_add_instance() (the manager's). */
  const prep_ok = m.variable('prep_ok', t.bool(), false);
  const add_ok = m.variable('add_ok', t.bool(), false);

  // Each pool's acomp_ctx: alloc_percpu(), mm/zswap.c:282 (v13 +281: alloc_percpu_gfp(...,
  // __GFP_ZERO)); percpu memory is zeroed either way (mm/percpu.c:1898-1900 clears the area), so
  // every field starts NULL.
  const NULL_CTX = recordOf(CTX, { buffer: 'NULL', acomp: 'NULL', req: 'NULL' });
  const ctx = m.variable('ctx', t.fn(POOL_IDS, t.fn(CPUS, CTX)), fn(POOL_IDS, () => fn(CPUS, () => NULL_CTX)));
  /** Objects allocated for each pool's ctx of each CPU and not yet freed: leaks and the offline cost show here. */
  const LIVE = t.int(0, 2 * CTX_RESOURCES);
  const live = m.variable('live', t.fn(POOL_IDS, t.fn(CPUS, LIVE)), fn(POOL_IDS, () => fn(CPUS, () => 0, LIVE)));

  // History, read by covers only (properties.ts): CPUs whose online failed — a prepare error, after
  // which cpuhp_reset_state() and the rollback left the CPU offline (kernel/cpu.c:1021-1029).
  const failed_online = m.variable('failed_online', t.fn(CPUS, t.bool()), fn(CPUS, () => false, t.bool()));

  // acomp_ctx->mutex of each pool and CPU (key `ctxKey(pool, cpu)`): uninitialised until
  // mutex_init() (where depends on the variant).
  const ctx_mutex = m.mutexes('ctx_mutex', recordSet({ pool: POOL_IDS, cpu: CPUS }), { initialised: false });
  const ctxKey = (pool: TExpr<PoolSort>, cpu: TExpr<CpuSort>) => record({ pool, cpu });
  // crypto/scompress.c:38: taken by crypto_alloc_acomp*() (scompress.c:105-108, which allocates
  // the scratch buffers under it) and crypto_free_acomp() (scompress.c:201-204).
  const scomp_lock = m.mutex('scomp_lock', { initialised: true });
  // cpu_hotplug_lock, kernel/cpu.c:484: a percpu rwsem. Instance add/remove take it for read
  // (cpus_read_lock, cpu.c:2452, 2563), CPU up/down for write (cpus_write_lock, cpu.c:1633,
  // 1411): readers (a count) or one writer.
  const hp_readers = m.variable('cpu_hotplug_readers', t.int(0, MAX_POOLS), 0);
  const hp_writer = m.variable('cpu_hotplug_writer', t.bool(), false);
  // cpuhp_state_mutex, kernel/cpu.c:2416, 2564: held by add/remove_instance inside their read
  // section, so two instance operations never run their callbacks at the same time.
  const state_mutex = m.mutex('cpuhp_state_mutex', { initialised: true });

  /** May an allocation for `pool`'s ctx (or the pool) being made now fail? */
  const allocMayFail = (pool: TExpr<PoolSort>) =>
    or(ALLOC_FAIL.eq(1), and(ALLOC_FAIL.eq(2), isIn(pool_state.at(pool), enumSet(POOL_STATE, 'live', 'dying'))));
  /** The current pool (zswap_pool_current(): the head of zswap_pools), if there is one. */
  const hasCurrent = exists(POOL_IDS, (p) => pool_state.at(p).eq('live'));
  const currentPool = choose(POOL_IDS, (p) => pool_state.at(p).eq('live'));
  /** The pools on CPUHP_MM_ZSWP_POOL_PREPARE's instance list (sp->list), newest first: hlist_add_head, kernel/cpu.c:2441. */
  const instances = filter(POOL_IDS, (p) => node_added.at(p));
  const newest = (set: TExpr<SetSortOf<PoolSort>>) => choose(set, (p) => forall(set, (q) => le(q, p)));
  const onlineCpus = filter(CPUS, (c) => online.at(c));
  /** for_each_present_cpu with st->state >= CPUHP_MM_ZSWP_POOL_PREPARE (kernel/cpu.c:2425-2430). */
  const atStateCpus = filter(CPUS, (c) => or(online.at(c), parked.at(c)));
  return {
    variant, CPUS, NoCpu, TASKS, ALLOC_FAIL, HOTPLUG_OPS, MIGRATIONS, RECLAIM, LOADS, INTERMEDIATE, PREP_RECLAIM, REPLACE,
    POOLS, REUSE, POOL_IDS, SWITCHED_OUT, POOL_STATE,
    online, parked, cpu_of, migrations, hp_budget, pool_state, node_added, refs, prep_ok, add_ok, ctx, live, failed_online,
    ctx_mutex, ctxKey, scomp_lock, hp_readers, hp_writer, state_mutex, onlineCpus, atStateCpus, allocMayFail,
    hasCurrent, currentPool, instances, newest,
  };
}

export type Zswap = ReturnType<typeof declareState>;
