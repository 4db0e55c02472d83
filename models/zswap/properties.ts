/**
 * What every variant is checked against. Assertions at the code sites cover the rest:
 * NoUseOfFreedResource, NoUseOfNullOrErrResource (tasks, reclaim), NoDoubleFree,
 * NoLeakOnOverwrite (resources), RemoveOnlyAddedInstance (cpuhp), and the mutex checks
 * MutexLockedBeforeInit, MutexInitWhileHeld, MutexUnlockedByNonOwner. Deadlocks (including
 * lock-order cycles through reclaim) are TLC's deadlock check: finished processes are Done.
 * (Freeing an ERR pointer is not a check: crypto_free_acomp() returns on one, crypto/api.c:678,
 * and no other free is ever given one; see models/zswap/README.md.)
 */
import { and, enumSet, exists, forall, gt, heldBy, implies, isIn, le, not, or, type TExpr } from '../../dsl/index.js';
import type { AtomSort } from '../../dsl/author/sorts.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import { CTX_RESOURCES, type Zswap } from './state.js';

export function declareProperties(m: ModelBuilder, z: Zswap) {
  const finished = isIn(z.pool_state, enumSet(z.pool_state.sort, 'destroyed', 'failed'));
  return {
    allFreed: m.invariant('AllFreedAfterDestroy', implies(finished, forall(z.CPUS, (c) => z.live.at(c).eq(0))),
      'after pool destroy (or failed create) every resource allocated for it was freed'),
    // What zswap_compress()/zswap_decompress() on that CPU will dereference (mm/zswap.c:948-973).
    usable: m.invariant('OnlineCpuHasUsableCtx', implies(z.pool_state.eq('live'), forall(z.CPUS, (c) => implies(z.online.at(c),
      and(z.ctx.at(c).get('buffer').eq('ok'), z.ctx.at(c).get('acomp').eq('ok'), z.ctx.at(c).get('req').eq('ok'))))),
    'while the pool is current, every online CPU has a usable acomp_ctx'),
    // v13's stated cost: an offline CPU keeps one ctx's resources until the pool is destroyed.
    bounded: m.invariant('OfflineMemoryBounded', forall(z.CPUS, (c) => or(z.online.at(c), le(z.live.at(c), CTX_RESOURCES))),
      'an offline CPU holds at most one acomp_ctx worth of resources'),
    refs: m.invariant('RefsOnlyOnUsablePool', implies(gt(z.refs, 0), isIn(z.pool_state, enumSet(z.pool_state.sort, 'live', 'dying'))),
      'tasks only touch a pool they hold a reference to'),
  };
}

/**
 * Covers: the situations the passing properties guard, each of which some state of a scenario
 * must reach (index.ts says which scenario checks which). A property that holds in a scenario
 * that never gets there would say nothing.
 */
export function declareCovers(m: ModelBuilder, z: Zswap, hotplug: TExpr<AtomSort<'hotplug'>>) {
  const failedOnline = (c: TExpr<AtomSort<'CPUS'>>) => z.failed_online.at(c);
  return {
    // NoUseOfFreedResource, NoUseOfNullOrErrResource: the teardown of a CPU a task still uses.
    taskOnOfflineCtx: m.cover('TaskHoldsCtxOfOfflineCpu', exists(z.TASKS, (task) => exists(z.CPUS, (c) => and(not(z.online.at(c)), heldBy(z.ctx_mutex, task, c)))),
      'a task holds the acomp_ctx mutex of a CPU that went offline (it took the ctx, was migrated, the CPU went down)'),
    // AllFreedAfterDestroy, NoDoubleFree: the dealloc loop over a ctx a failed online left behind.
    destroyedAfterFailedOnline: m.cover('PoolDestroyedAfterFailedOnline', and(z.pool_state.eq('destroyed'), exists(z.CPUS, failedOnline)),
      'the pool is destroyed after an online of one of its CPUs failed'),
    // OnlineCpuHasUsableCtx, MutexLockedBeforeInit: prepare's early return on a ctx a failed online left.
    retried: m.cover('FailedOnlineRetried', exists(z.CPUS, (c) => and(failedOnline(c), z.online.at(c))),
      'a CPU whose online failed is online again: the online was retried'),
    // NoUseOfFreedResource, NoUseOfNullOrErrResource, MutexLockedBeforeInit: a task on that ctx.
    taskOnRetriedCtx: m.cover('TaskHoldsCtxOfRetriedCpu', exists(z.TASKS, (task) => exists(z.CPUS, (c) => and(failedOnline(c), z.online.at(c), heldBy(z.ctx_mutex, task, c)))),
      'a task holds the acomp_ctx mutex of a CPU brought online by a retry after a failed online'),
    // The teardown (remove_instance) of a CPU stopped between our state and online.
    parkedAtDestroy: m.cover('PoolDestroyedWithParkedCpu', and(z.pool_state.eq('destroyed'), exists(z.CPUS, (c) => z.parked.at(c))),
      'the pool is destroyed while a CPU is stopped between CPUHP_MM_ZSWP_POOL_PREPARE and online'),
    // Lock order and ctx use of a store from direct reclaim inside prepare's own allocation.
    reclaimInPrepare: m.cover('PrepareReclaimUsesCtx', m.pc(hotplug).eq('rc_use'),
      'a store from direct reclaim in prepare\'s allocation uses an online CPU\'s acomp_ctx'),
  };
}
