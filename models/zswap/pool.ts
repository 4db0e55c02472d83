/**
 * The pool manager (mm/zswap.c, Linux 6.12.117 unless marked `v13 ±N`): zswap_pool_create()
 * (mm/zswap.c:249-320; v13 +259-327) with every error label, the pool becoming current
 * (__zswap_param_set, mm/zswap.c:604-636), and zswap_pool_destroy() (mm/zswap.c:364-373;
 * v13 +347-363) once the last reference is gone (__zswap_pool_empty -> __zswap_pool_release,
 * mm/zswap.c:392-408, 375-388).
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
    // for_each_possible_cpu(cpu) acomp_ctx_dealloc(per_cpu_ptr(pool->acomp_ctx, cpu)); (v13 +317-318, +355-356)
    const deallocAll = (prefix: string, next: string): Stmt[] => [
      label(`${prefix}_dealloc`), set(todo, z.CPUS),
      loop(`${prefix}_dealloc_next`, todo.neq(noCpus), [
        withSome(todo, (c) => [set(todo, setMinus(todo, setOf(c))), cb.dealloc!(c)]),
      ]),
      goto(next),
    ];
    const addFailTarget = v.addFailPath === 'error' ? 'create_error' : v.addFailPath === 'ref-fail' ? 'create_ref_fail' : 'create_add_fail_dealloc';
    return [
      // pool = kzalloc() (mm/zswap.c:267-269); pool->acomp_ctx = alloc_percpu() (mm/zswap.c:282-286;
      // v13 +280-286: alloc_percpu_gfp(..., __GFP_ZERO)): all fields NULL (state.ts).
      label('create_alloc'),
      eitherOf([], [when(z.allocMayFail), set(z.pool_state, 'failed'), goto('create_end')]),
      ...(v.mutexInit === 'pool-create'
        // mm/zswap.c:288-289 (12dcb0ef): for_each_possible_cpu(cpu) mutex_init(&per_cpu_ptr(pool->acomp_ctx, cpu)->mutex);
        ? [label('create_mutex_init'), mutexInitAll(z.ctx_mutex)]
        : []),
      // mm/zswap.c:291-294: ret = cpuhp_state_add_instance(CPUHP_MM_ZSWP_POOL_PREPARE, &pool->node);
      // if (ret) goto error;   (v13 +296-299: goto ref_fail;  review: a label that only deallocs)
      label('create_add'), hp.addInstance({}),
      label('create_add_result'), ifThen(z.add_ok.eq(false), [goto(addFailTarget)]),
      // mm/zswap.c:299-302 (v13 +304-307): ret = percpu_ref_init(...); if (ret) goto ref_fail;
      label('create_ref'), eitherOf([set(z.pool_state, 'live')], [when(z.allocMayFail), goto('create_ref_fail')]),
      // The pool is current (list_add_rcu, mm/zswap.c:606-609). A compressor switch replaces it
      // and kills its "current" reference (percpu_ref_kill, mm/zswap.c:635-636). REPLACE = 0:
      // it stays current.
      label('pool_replace'), ifThen(z.REPLACE.eq(0), [goto('create_end')]), set(z.pool_state, 'dying'),
      // __zswap_pool_empty() -> release work -> zswap_pool_destroy() once no one holds a reference.
      label('pool_empty'), when(z.refs.eq(0)),
      label('destroy_remove'), hp.removeInstance({}), // mm/zswap.c:368 (v13 +353): cpuhp_state_remove_instance(...)
      label('destroy_after_remove'),
      // v13 +355-356: for_each_possible_cpu(cpu) acomp_ctx_dealloc(per_cpu_ptr(pool->acomp_ctx, cpu));
      ...(cb.dealloc ? [goto('destroy_dealloc'), ...deallocAll('destroy', 'destroy_free')] : []),
      // mm/zswap.c:369-372 (v13 +358-362): free_percpu(pool->acomp_ctx); ...; kfree(pool)
      label('destroy_free'), set(z.pool_state, 'destroyed'), goto('create_end'),
      // ref_fail: cpuhp_state_remove_instance() (mm/zswap.c:311-312; v13 +314-315)
      label('create_ref_fail'), hp.removeInstance({}),
      label('create_after_remove'),
      // v13 +317-318: for_each_possible_cpu(cpu) acomp_ctx_dealloc(per_cpu_ptr(pool->acomp_ctx, cpu));
      ...(cb.dealloc ? [goto('create_ref_fail_dealloc'), ...deallocAll('create_ref_fail', 'create_error')] : [goto('create_error')]),
      // The review's new label: acomp_ctx_dealloc() for each possible CPU, no remove_instance.
      ...(v.addFailPath === 'dealloc' ? deallocAll('create_add_fail', 'create_error') : []),
      // error: free_percpu(pool->acomp_ctx); ...; kfree(pool); return NULL (mm/zswap.c:313-319; v13 +319-325)
      label('create_error'), set(z.pool_state, 'failed'),
      label('create_end'),
    ];
  });
}

