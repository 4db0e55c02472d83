/**
 * The pool manager (mm/zswap.c): zswap_pool_create() with every error label, the pool becoming
 * current, and zswap_pool_destroy() once the last reference is gone.
 */
import {
  eitherOf, emptySet, goto, ifThen, label, local, loop, mutexInitAll, set, setMinus, setOf, t, when, withSome, type Stmt,
} from '../../dsl/index.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { Callbacks } from './acomp-ctx.js';
import type { InstanceOps } from './cpuhp.js';
import type { Zswap } from './state.js';

export function declarePoolManager(m: ModelBuilder, z: Zswap, cb: Callbacks, hp: InstanceOps): void {
  const v = z.variant;
  const noCpus = emptySet(t.member(z.CPUS));
  m.process('PoolManager', 'manager', { locals: { mgr_todo: local(t.set(t.member(z.CPUS)), noCpus) } }, ({ mgr_todo: todo }) => {
    // for_each_possible_cpu(cpu) acomp_ctx_dealloc(per_cpu_ptr(pool->acomp_ctx, cpu));
    const deallocAll = (prefix: string, next: string): Stmt[] => [
      label(`${prefix}_dealloc`), set(todo, z.CPUS),
      loop(`${prefix}_dealloc_next`, todo.neq(noCpus), [
        withSome(todo, (c) => [set(todo, setMinus(todo, setOf(c))), cb.dealloc!(c)]),
      ]),
      goto(next),
    ];
    const addFailTarget = v.addFailPath === 'error' ? 'create_error' : v.addFailPath === 'ref-fail' ? 'create_ref_fail' : 'create_add_fail_dealloc';
    return [
      // pool = kzalloc(); pool->acomp_ctx = alloc_percpu[_gfp](..., __GFP_ZERO): all fields NULL.
      label('create_alloc'),
      eitherOf([], [when(z.ALLOC_FAIL.eq(1)), set(z.pool_state, 'failed'), goto('create_end')]),
      ...(v.mutexInit === 'pool-create'
        // 12dcb0ef: for_each_possible_cpu(cpu) mutex_init(&per_cpu_ptr(pool->acomp_ctx, cpu)->mutex);
        ? [label('create_mutex_init'), mutexInitAll(z.ctx_mutex)]
        : []),
      label('create_add'), hp.addInstance({}), // ret = cpuhp_state_add_instance(CPUHP_MM_ZSWP_POOL_PREPARE, &pool->node);
      label('create_add_result'), ifThen(z.add_ok.eq(false), [goto(addFailTarget)]),
      // percpu_ref_init() may fail: goto ref_fail.
      label('create_ref'), eitherOf([set(z.pool_state, 'live')], [when(z.ALLOC_FAIL.eq(1)), goto('create_ref_fail')]),
      // The pool is current; replacing it drops the last "current" reference (percpu_ref_kill).
      label('pool_replace'), set(z.pool_state, 'dying'),
      label('pool_empty'), when(z.refs.eq(0)), // __zswap_pool_empty() -> zswap_pool_destroy() once no task holds a reference
      label('destroy_remove'), hp.removeInstance({}), // cpuhp_state_remove_instance(...)
      label('destroy_after_remove'),
      ...(cb.dealloc ? [goto('destroy_dealloc'), ...deallocAll('destroy', 'destroy_free')] : []),
      label('destroy_free'), set(z.pool_state, 'destroyed'), goto('create_end'), // free_percpu(pool->acomp_ctx); kfree(pool)
      // ref_fail: cpuhp_state_remove_instance(); [v13] acomp_ctx_dealloc() for each possible CPU
      label('create_ref_fail'), hp.removeInstance({}),
      label('create_after_remove'),
      ...(cb.dealloc ? [goto('create_ref_fail_dealloc'), ...deallocAll('create_ref_fail', 'create_error')] : [goto('create_error')]),
      // The review's new label: acomp_ctx_dealloc() for each possible CPU, no remove_instance.
      ...(v.addFailPath === 'dealloc' ? deallocAll('create_add_fail', 'create_error') : []),
      label('create_error'), set(z.pool_state, 'failed'), // error: free_percpu(pool->acomp_ctx); kfree(pool)
      label('create_end'),
    ];
  });
}

