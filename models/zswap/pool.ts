/**
 * The pool manager (mm/zswap.c, Linux 6.12.117 unless marked `v13 ±N`): zswap_pool_create()
 * (mm/zswap.c:249-320; v13 +259-327) with every error label, the pool becoming current
 * (__zswap_param_set, mm/zswap.c:604-636), and zswap_pool_destroy() (mm/zswap.c:364-373;
 * v13 +347-363) once the last reference is gone (__zswap_pool_empty -> __zswap_pool_release,
 * mm/zswap.c:392-408, 375-388).
 */
import {
  and, eitherOf, emptySet, goto, gt, ifThen, label, local, loop, lt, minus, mutexInitAll, or, plus, recordSet, set, setMinus, setOf, t, update, when, withSome,
  type Local, type Stmt, type TExpr,
} from '../../dsl/index.js';
import type { AtomSort, SetSort } from '../../dsl/author/sorts.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { Callbacks } from './acomp-ctx.js';
import type { InstanceOps } from './cpuhp.js';
import { POOL, type Zswap } from './state.js';

type PoolSort = typeof POOL;

export function declarePoolManager(m: ModelBuilder, z: Zswap, cb: Callbacks, hp: InstanceOps): TExpr<AtomSort<'manager'>> {
  const v = z.variant;
  const noCpus = emptySet(t.member(z.CPUS));
  // for_each_possible_cpu(cpu) acomp_ctx_dealloc(per_cpu_ptr(pool->acomp_ctx, cpu)); (v13 +317-318, +355-356)
  const deallocAll = (todo: Local<SetSort<AtomSort<'CPUS'>>>, pool: TExpr<PoolSort>, prefix: string, next: string): Stmt[] => [
    label(`${prefix}_dealloc`), set(todo, z.CPUS),
    loop(`${prefix}_dealloc_next`, todo.neq(noCpus), [
      withSome(todo, (c) => [set(todo, setMinus(todo, setOf(c))), cb.dealloc!(pool, c)]),
    ]),
    goto(next),
  ];
  /**
   * zswap_pool_destroy() (mm/zswap.c:364-373; v13 +347-363) of a killed pool once its last
   * reference is gone: __zswap_pool_empty() (mm/zswap.c:392-408) takes it off zswap_pools and
   * schedule_work()s __zswap_pool_release() (mm/zswap.c:375-388: synchronize_rcu(),
   * percpu_ref_exit(), zswap_pool_destroy()). `prefix` names the steps.
   */
  const destroy = (todo: Local<SetSort<AtomSort<'CPUS'>>>, pool: TExpr<PoolSort>, prefix: string, end: string): Stmt[] => [
    label(`${prefix}_remove`), hp.removeInstance({ pool }), // mm/zswap.c:368 (v13 +353): cpuhp_state_remove_instance(...)
    label(`${prefix}_after_remove`),
    // v13 +355-356: for_each_possible_cpu(cpu) acomp_ctx_dealloc(per_cpu_ptr(pool->acomp_ctx, cpu));
    ...(cb.dealloc ? [goto(`${prefix}_dealloc`), ...deallocAll(todo, pool, prefix, `${prefix}_free`)] : []),
    // mm/zswap.c:369-372 (v13 +358-362): free_percpu(pool->acomp_ctx); ...; kfree(pool)
    label(`${prefix}_free`), update(z.pool_state, (p) => p.at(pool).to('destroyed')), goto(end),
  ];

  const manager = m.process('PoolManager', 'manager', { locals: {
    mgr_todo: local(t.set(t.member(z.CPUS)), noCpus),
    // The pool being created: 1 the boot pool (zswap_setup()), then one per compressor switch.
    mgr_pool: local(POOL, 1),
  } }, ({ mgr_todo: todo, mgr_pool: pool }) => {
    const addFailTarget = v.addFailPath === 'error' ? 'create_error' : v.addFailPath === 'ref-fail' ? 'create_ref_fail' : 'create_add_fail_dealloc';
    const setState = (p: TExpr<PoolSort>, to: 'live' | 'dying' | 'failed') => update(z.pool_state, (f) => f.at(p).to(to));
    return [
      // pool = kzalloc() (mm/zswap.c:267-269); pool->acomp_ctx = alloc_percpu() (mm/zswap.c:282-286;
      // v13 +280-286: alloc_percpu_gfp(..., __GFP_ZERO)): all fields NULL (state.ts).
      label('create_alloc'),
      eitherOf([], [when(z.allocMayFail(pool)), setState(pool, 'failed'), goto('create_end')]),
      ...(v.mutexInit === 'pool-create'
        // mm/zswap.c:288-289 (12dcb0ef): for_each_possible_cpu(cpu) mutex_init(&per_cpu_ptr(pool->acomp_ctx, cpu)->mutex);
        ? [label('create_mutex_init'), mutexInitAll(z.ctx_mutex, recordSet({ pool: setOf(pool), cpu: z.CPUS }))]
        : []),
      // mm/zswap.c:291-294: ret = cpuhp_state_add_instance(CPUHP_MM_ZSWP_POOL_PREPARE, &pool->node);
      // if (ret) goto error;   (v13 +296-299: goto ref_fail;  review: a label that only deallocs)
      label('create_add'), hp.addInstance({ pool }),
      label('create_add_result'), ifThen(z.add_ok.eq(false), [goto(addFailTarget)]),
      // mm/zswap.c:299-302 (v13 +304-307): ret = percpu_ref_init(...); if (ret) goto ref_fail;
      label('create_ref'), eitherOf(
        // The boot pool is current at once: zswap_setup() list_add()s it right after creating it.
        // A switch's new pool: __zswap_param_set() list_add_rcu()s it at the head of zswap_pools
        // (mm/zswap.c:606-609), then percpu_ref_kill()s the old current pool's initial
        // reference (mm/zswap.c:635-636). One step: between percpu_ref_init() and the kill
        // nothing else reads or writes either pool (param_set_charp, the pools spinlock), and a
        // task putting the old pool's last reference before the kill ends the same way as after.
        [ifThen(pool.eq(1), [setState(pool, 'live')], [update(z.pool_state, (f) => [f.at(pool).to('live'), f.at(minus(pool, 1)).to('dying')])])],
        [when(z.allocMayFail(pool)), goto('create_ref_fail')],
      ),
      // The pool is current (list_add_rcu, mm/zswap.c:606-609). POOLS > 1: the next compressor
      // switch creates the next pool (zswap_pool_create() from __zswap_param_set(),
      // mm/zswap.c:585-586). Otherwise a compressor switch replaces it and kills its
      // "current" reference (percpu_ref_kill, mm/zswap.c:635-636); REPLACE = 0: it stays current,
      // or (REUSE = 1) a switch back to the old compressor revives the pool the last switch killed.
      label('pool_replace'),
      ifThen(lt(pool, z.POOLS), [set(pool, plus(pool, 1)), goto('create_alloc')]),
      ifThen(z.REPLACE.eq(0), [
        ifThen(and(z.REUSE.eq(1), gt(pool, 1)), [ifThen(and(z.pool_state.at(minus(pool, 1)).eq('dying'), gt(z.refs.at(minus(pool, 1)), 0)), [eitherOf([], [
          // __zswap_param_set() back to the old compressor, under zswap_pools_lock:
          // zswap_pool_find_get() (mm/zswap.c:576, 457-475) walks zswap_pools, where a killed pool
          // stays until its count reaches zero (__zswap_pool_empty()'s list_del_rcu, 402), and
          // percpu_ref_tryget() (zswap_pool_get(), 410-416) succeeds while a reference is left;
          // list_del_rcu() (580); percpu_ref_resurrect() restores its initial reference, the find's
          // reference is put (593-596); list_add_rcu() makes it current again (606-609) and
          // percpu_ref_kill() kills the pool it replaces (635-636). One step, as the switch above:
          // the revived pool is off the list in between, and no callback or ctx path reads it.
          // Its node never left the instance list, so no hotplug callback runs.
          update(z.pool_state, (f) => [f.at(minus(pool, 1)).to('live'), f.at(pool).to('dying')]),
          // The killed pool's __zswap_pool_empty() -> release work -> zswap_pool_destroy(), as below.
          goto('pool_empty'),
        ])])]),
        goto('create_end'),
      ]), setState(pool, 'dying'),
      // __zswap_pool_empty() -> release work -> zswap_pool_destroy() once no one holds a reference.
      label('pool_empty'), when(z.refs.at(pool).eq(0)),
      ...destroy(todo, pool, 'destroy', 'create_end'),
      // ref_fail: cpuhp_state_remove_instance() (mm/zswap.c:311-312; v13 +314-315)
      label('create_ref_fail'), hp.removeInstance({ pool }),
      label('create_after_remove'),
      // v13 +317-318: for_each_possible_cpu(cpu) acomp_ctx_dealloc(per_cpu_ptr(pool->acomp_ctx, cpu));
      ...(cb.dealloc ? [goto('create_ref_fail_dealloc'), ...deallocAll(todo, pool, 'create_ref_fail', 'create_error')] : [goto('create_error')]),
      // The review's new label: acomp_ctx_dealloc() for each possible CPU, no remove_instance.
      ...(v.addFailPath === 'dealloc' ? deallocAll(todo, pool, 'create_add_fail', 'create_error') : []),
      // error: free_percpu(pool->acomp_ctx); ...; kfree(pool); return NULL (mm/zswap.c:313-319; v13 +319-325)
      label('create_error'), setState(pool, 'failed'),
      label('create_end'),
    ];
  });

  // The release work of each pool a switch killed (POOLS > 1; none with one pool): INIT_WORK +
  // schedule_work() in __zswap_pool_empty() (mm/zswap.c:404-405) when the last reference is put,
  // running __zswap_pool_release() (mm/zswap.c:375-388) on a kworker, concurrently with
  // everything else: tasks, CPU hotplug, the next switch's zswap_pool_create().
  m.process('ReleaseWork', z.SWITCHED_OUT, { locals: { rel_todo: local(t.set(t.member(z.CPUS)), noCpus) } }, ({ rel_todo: todo, self }) => [
    // percpu_ref_kill() made it 'dying'; __zswap_pool_empty() runs when the count reaches zero.
    // A pool never killed (the switch away from it failed) has no release work: it ends when
    // the manager has.
    label('release_wait'),
    when(or(and(z.pool_state.at(self).eq('dying'), z.refs.at(self).eq(0)), and(m.pc(manager).eq('Done'), z.pool_state.at(self).neq('dying')))),
    ifThen(z.pool_state.at(self).neq('dying'), [goto('release_end')]),
    // __zswap_pool_release(): synchronize_rcu(); percpu_ref_exit(); zswap_pool_destroy(pool) (mm/zswap.c:380-387)
    ...destroy(todo, self, 'release', 'release_end'),
    label('release_end'),
  ]);
  return manager;
}
