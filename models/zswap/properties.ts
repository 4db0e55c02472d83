/**
 * What every variant is checked against. Assertions at the code sites cover the rest:
 * NoUseOfFreedResource, NoUseOfNullOrErrResource (tasks, reclaim), NoDoubleFree,
 * NoLeakOnOverwrite (resources), RemoveOnlyAddedInstance (cpuhp), and the mutex checks
 * MutexLockedBeforeInit, MutexInitWhileHeld, MutexUnlockedByNonOwner. Deadlocks (including
 * lock-order cycles through reclaim) are TLC's deadlock check: finished processes are Done.
 * (Freeing an ERR pointer is not a check: crypto_free_acomp() returns on one, crypto/api.c:678,
 * and no other free is ever given one; see models/zswap/README.md.)
 */
import { and, enumSet, forall, gt, implies, isIn, le, or } from '../../dsl/index.js';
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
