/**
 * What every variant is checked against. Assertions at the code sites cover the rest:
 * NoUseOfFreedResource, NoUseOfNullOrErrResource (tasks, reclaim), NoDoubleFree,
 * NoLeakOnOverwrite (resources), RemoveOnlyAddedInstance (cpuhp), and the mutex checks
 * MutexLockedBeforeInit, MutexInitWhileHeld, MutexUnlockedByNonOwner. Deadlocks (including
 * lock-order cycles through reclaim) are TLC's deadlock check: finished processes are Done.
 * (Freeing an ERR pointer is not a check: crypto_free_acomp() returns on one, crypto/api.c:678,
 * and no other free is ever given one; see models/zswap/README.md.)
 */
import { and, cardinality, enumSet, exists, forall, ge, gt, heldBy, implies, isIn, le, lt, not, or, TRUE, type ExprLike, type TExpr } from '../../dsl/index.js';
type BoolLike = ExprLike<BoolSort>;
import type { AtomSort, BoolSort, IntSort } from '../../dsl/author/sorts.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import { CTX_RESOURCES, POOL, type Zswap } from './state.js';

export function declareProperties(m: ModelBuilder, z: Zswap) {
  const finished = (p: TExpr<typeof POOL>) => isIn(z.pool_state.at(p), enumSet(z.POOL_STATE, 'destroyed', 'failed'));
  return {
    allFreed: m.invariant('AllFreedAfterDestroy', forall(z.POOL_IDS, (p) => implies(finished(p), forall(z.CPUS, (c) => z.live.at(p).at(c).eq(0)))),
      'after a pool\'s destroy (or failed create) every resource allocated for it was freed'),
    // What zswap_compress()/zswap_decompress() on that CPU will dereference (mm/zswap.c:948-973).
    usable: m.invariant('OnlineCpuHasUsableCtx', forall(z.POOL_IDS, (p) => implies(z.pool_state.at(p).eq('live'), forall(z.CPUS, (c) => implies(z.online.at(c),
      and(z.ctx.at(p).at(c).get('buffer').eq('ok'), z.ctx.at(p).at(c).get('acomp').eq('ok'), z.ctx.at(p).at(c).get('req').eq('ok')))))),
    'while a pool is current, every online CPU has a usable acomp_ctx in it'),
    // v13's stated cost: an offline CPU keeps one ctx's resources (per pool) until the pool is destroyed.
    bounded: m.invariant('OfflineMemoryBounded', forall(z.POOL_IDS, (p) => forall(z.CPUS, (c) => or(z.online.at(c), le(z.live.at(p).at(c), CTX_RESOURCES)))),
      'an offline CPU holds at most one acomp_ctx worth of resources per pool'),
    refs: m.invariant('RefsOnlyOnUsablePool', forall(z.POOL_IDS, (p) => implies(gt(z.refs.at(p), 0), isIn(z.pool_state.at(p), enumSet(z.POOL_STATE, 'live', 'dying')))),
      'tasks only touch a pool they hold a reference to'),
  };
}

/**
 * Covers: the situations the passing properties guard, each of which some state of a scenario
 * must reach (index.ts says which scenario checks which). A property that holds in a scenario
 * that never gets there would say nothing.
 */
export function declareCovers(m: ModelBuilder, z: Zswap, hotplug: TExpr<AtomSort<'hotplug'>>, manager: TExpr<AtomSort<'manager'>>) {
  const failedOnline = (c: TExpr<AtomSort<'CPUS'>>) => z.failed_online.at(c);
  /** Some task holds the acomp_ctx mutex of `cpu` in some pool (satisfying `poolCond`). */
  const taskHolds = (cpu: (c: TExpr<AtomSort<'CPUS'>>) => BoolLike, poolCond: (p: TExpr<typeof POOL>) => BoolLike = () => TRUE()) =>
    exists(z.TASKS, (task) => exists(z.POOL_IDS, (p) => exists(z.CPUS, (c) => and(poolCond(p), cpu(c), heldBy(z.ctx_mutex, task, z.ctxKey(p, c))))));
  const someDestroyed = exists(z.POOL_IDS, (p) => z.pool_state.at(p).eq('destroyed'));
  const inPc = (id: TExpr<AtomSort<string>> | ExprLike<IntSort>, labels: readonly string[]) => or(...labels.map((l) => m.pc(id).eq(l)));
  return {
    // NoUseOfFreedResource, NoUseOfNullOrErrResource: the teardown of a CPU a task still uses.
    taskOnOfflineCtx: m.cover('TaskHoldsCtxOfOfflineCpu', taskHolds((c) => not(z.online.at(c))),
      'a task holds the acomp_ctx mutex of a CPU that went offline (it took the ctx, was migrated, the CPU went down)'),
    // AllFreedAfterDestroy, NoDoubleFree: the dealloc loop over a ctx a failed online left behind.
    destroyedAfterFailedOnline: m.cover('PoolDestroyedAfterFailedOnline', and(someDestroyed, exists(z.CPUS, failedOnline)),
      'the pool is destroyed after an online of one of its CPUs failed'),
    // OnlineCpuHasUsableCtx, MutexLockedBeforeInit: prepare's early return on a ctx a failed online left.
    retried: m.cover('FailedOnlineRetried', exists(z.CPUS, (c) => and(failedOnline(c), z.online.at(c))),
      'a CPU whose online failed is online again: the online was retried'),
    // NoUseOfFreedResource, NoUseOfNullOrErrResource, MutexLockedBeforeInit: a task on that ctx.
    taskOnRetriedCtx: m.cover('TaskHoldsCtxOfRetriedCpu', taskHolds((c) => and(failedOnline(c), z.online.at(c))),
      'a task holds the acomp_ctx mutex of a CPU brought online by a retry after a failed online'),
    // The teardown (remove_instance) of a CPU stopped between our state and online.
    parkedAtDestroy: m.cover('PoolDestroyedWithParkedCpu', and(someDestroyed, exists(z.CPUS, (c) => z.parked.at(c))),
      'the pool is destroyed while a CPU is stopped between CPUHP_MM_ZSWP_POOL_PREPARE and online'),
    // Lock order and ctx use of a store from direct reclaim inside prepare's own allocation.
    reclaimInPrepare: m.cover('PrepareReclaimUsesCtx', m.pc(hotplug).eq('rc_use'),
      'a store from direct reclaim in prepare\'s allocation uses an online CPU\'s acomp_ctx'),
    // POOLS > 1. NoUseOfFreedResource, NoUseOfNullOrErrResource, RefsOnlyOnUsablePool: a store
    // (or load of an old entry) still compressing with the old pool after the switch.
    taskOnOldPool: m.cover('TaskUsesOldPoolAfterSwitch', taskHolds(() => TRUE(), (p) => and(z.pool_state.at(p).eq('dying'), z.hasCurrent)),
      'a task holds an acomp_ctx mutex of the old pool after a compressor switch made another pool current'),
    // AllFreedAfterDestroy, OnlineCpuHasUsableCtx: the old pool's release ran to the end while the new one serves.
    oldDestroyed: m.cover('OldPoolDestroyedWhileNewCurrent', and(someDestroyed, z.hasCurrent),
      'a pool killed by a switch is destroyed (its release work done) while the new pool is current'),
    // REUSE: a switch back revived the pool the last switch killed (zswap_pool_find_get(),
    // percpu_ref_resurrect(), mm/zswap.c:576-597) and the pool it replaced was then destroyed by
    // its release: AllFreedAfterDestroy, OnlineCpuHasUsableCtx on the revived pool, a task still on it.
    switchedBack: m.cover('SwitchBackRevivesOldPool', exists(z.POOL_IDS, (p) => exists(z.POOL_IDS, (q) => and(lt(p, q), z.pool_state.at(p).eq('live'), z.pool_state.at(q).eq('destroyed')))),
      'a switch back made a killed pool that still had references current again, and the pool it replaced was destroyed'),
    // CPU up with both pools on the instance list: the startup callback of each, newest first
    // (cpuhp_invoke_callback, kernel/cpu.c:209-229), and the rollback when the second fails.
    upWithTwoInstances: m.cover('CpuUpPreparesTwoInstances', and(ge(cardinality(z.instances), 2), inPc(hotplug, PREPARE_LABELS)),
      'a CPU up runs zswap_cpu_comp_prepare() while two pools are on the instance list'),
    // The old pool's release work inside cpuhp_state_remove_instance() or its dealloc loop
    // while the next pool's zswap_pool_create() is inside cpuhp_state_add_instance() (POOLS = 3).
    releaseAgainstCreate: m.cover('ReleaseOverlapsCreate', and(
      exists(z.SWITCHED_OUT, (r) => inPc(r, RELEASE_INSTANCE_LABELS)),
      inPc(manager, ADD_INSTANCE_LABELS)),
    'a killed pool\'s release work is in cpuhp_state_remove_instance() or its dealloc loop while a new pool is in cpuhp_state_add_instance()'),
  };
}

/** Steps of the startup callback, zswap_cpu_comp_prepare() (every variant's; the caller's pc is the callee's label). */
const PREPARE_LABELS = ['prep_check', 'prep_buffer', 'prep_acomp', 'prep_req', 'prep_lock', 'prep_assign', 'prep_unlock', 'prep_mutex_init', 'prep_fail',
  'prep_fail_ret', 'prep_fail_buffer', 'prep_req_fail', 'prep_acomp_fail'];
/** Steps of cpuhp_state_add_instance() and of the startup callback it calls. */
const ADD_INSTANCE_LABELS = ['add_lock', 'add_next', 'add_result', 'add_link', 'add_rollback', 'add_unlock', ...PREPARE_LABELS];
/** Steps of the release work's cpuhp_state_remove_instance() (and teardowns) and dealloc loop. */
const RELEASE_INSTANCE_LABELS = ['release_remove', 'remove_lock', 'remove_next', 'remove_unlink', 'dead_lock', 'dead_take', 'dead_unlock', 'dead_req', 'dead_acomp', 'dead_buffer',
  'release_after_remove', 'release_dealloc', 'release_dealloc_next', 'dealloc_req', 'dealloc_acomp', 'dealloc_buffer'];
