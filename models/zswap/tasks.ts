/**
 * Tasks storing pages (mm/zswap.c zswap_store() -> zswap_compress(); zswap_decompress() locks
 * and uses the ctx the same way): take a reference on the current pool, take the current CPU's
 * acomp_ctx, lock its mutex, use buffer/req/acomp, unlock, drop the reference. A task is
 * preemptible and may be migrated to another online CPU between any two steps, mutex held or not.
 */
import {
  and, assert, eitherOf, goto, ifThen, label, local, lock, lt, minus, not, plus, ret, set, setOf, t, union, unlock, update, when,
  type TExpr,
} from '../../dsl/index.js';
import type { AtomSort } from '../../dsl/author/sorts.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { Zswap } from './state.js';
import { isErrOrNull } from './acomp-ctx.js';

export function declareTasks(m: ModelBuilder, z: Zswap): void {
  const v = z.variant;
  const cpuOrNone = t.member(union(z.CPUS, setOf(z.NoCpu)));

  const compress = m.procedure('zswap_compress', { locals: { ctx_cpu: local(cpuOrNone, z.NoCpu) } }, ({ ctx_cpu, self }) => {
    const use = [
      // dst = acomp_ctx->buffer; crypto_acomp_compress(acomp_ctx->req) on acomp_ctx->acomp
      label('comp_use'),
      assert('NoUseOfFreedResource', and(...(['buffer', 'acomp', 'req'] as const).map((f) => z.ctx.at(ctx_cpu).get(f).neq('freed')))),
      assert('NoUseOfNullOrErrResource', and(...(['buffer', 'acomp', 'req'] as const).map((f) => not(isErrOrNull(z.ctx.at(ctx_cpu).get(f)))))),
      label('comp_unlock'), ...unlock(z.ctx_mutex, ctx_cpu), ret(), // mutex_unlock / acomp_ctx_put_unlock()
    ];
    const selfCpu = z.cpu_of.at(self as TExpr<AtomSort<'TASKS'>>); // only tasks call it
    return v.ctxGet === 'plain'
      ? [
        label('comp_get_ctx'), set(ctx_cpu, selfCpu), // acomp_ctx = raw_cpu_ptr(pool->acomp_ctx);
        label('comp_lock'), ...lock(z.ctx_mutex, ctx_cpu), // mutex_lock(&acomp_ctx->mutex);
        ...use,
      ]
      : [
        // acomp_ctx_get_cpu_lock(): for (;;) { raw_cpu_ptr; mutex_lock; if (likely(req)) return; mutex_unlock; }
        label('comp_get_ctx'), set(ctx_cpu, selfCpu),
        label('comp_lock'), ...lock(z.ctx_mutex, ctx_cpu),
        label('comp_check_req'), ifThen(z.ctx.at(ctx_cpu).get('req').eq('NULL'), [...unlock(z.ctx_mutex, ctx_cpu), goto('comp_get_ctx')]),
        ...use,
      ];
  });

  m.process('Task', z.TASKS, { locals: { via_reclaim: local(t.bool(), false) } }, ({ via_reclaim }) => [
    // RECLAIM = 1: this store may be direct reclaim entered from another kernel user's
    // crypto_alloc_acomp*() allocation, made while it holds scomp_lock.
    label('store_start'), eitherOf([], [when(z.RECLAIM.eq(1)), set(via_reclaim, true), ...lock(z.scomp_lock)]),
    // zswap_pool_current_get(): percpu_ref_tryget() on the current pool, if there is one.
    label('store_get_pool'), ifThen(z.pool_state.eq('live'), [set(z.refs, plus(z.refs, 1))], [goto('store_end')]),
    label('store_compress'), compress({}),
    label('store_put_pool'), set(z.refs, minus(z.refs, 1)), // zswap_pool_put()
    label('store_end'), ifThen(via_reclaim, [...unlock(z.scomp_lock)]),
  ]);

  // The scheduler moves a task to another online CPU between any two of its steps.
  m.action('Migrate', { task: z.TASKS, cpu: z.CPUS }, ({ task, cpu }) => [
    when(and(m.pc(task).neq('Done'), z.online.at(cpu), z.cpu_of.at(task).neq(cpu), lt(z.migrations, z.MIGRATIONS))),
    update(z.cpu_of, (p) => p.at(task).to(cpu)),
    set(z.migrations, plus(z.migrations, 1)),
  ]);
}
