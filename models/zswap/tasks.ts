/**
 * Tasks swapping pages out and in (mm/zswap.c, Linux 6.12.117 unless marked `v13 ±N`):
 * zswap_store() -> zswap_compress(), and with LOADS = 1 zswap_load() -> zswap_decompress().
 * A task takes a reference on the current pool, takes the current CPU's acomp_ctx, locks its
 * mutex, uses buffer/req/acomp, unlocks, drops the reference. It is preemptible and may be
 * migrated to another online CPU between any two steps, mutex held or not.
 */
import {
  and, eitherOf, goto, ifThen, label, local, lock, lt, minus, plus, ret, set, setOf, t, union, unlock, update, when,
  type Stmt, type TExpr, type Var,
} from '../../dsl/index.js';
import type { AtomSort } from '../../dsl/author/sorts.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import { POOL, type Zswap } from './state.js';
import { useCtx } from './acomp-ctx.js';

export function declareTasks(m: ModelBuilder, z: Zswap): void {
  const v = z.variant;
  const cpuOrNone = t.member(union(z.CPUS, setOf(z.NoCpu)));

  /**
   * Take this CPU's ctx and lock it: `raw_cpu_ptr` + `mutex_lock` (v13 +830-831, +907-908), or
   * acomp_ctx_get_cpu_lock()'s loop (mm/zswap.c:910-928), which retries when a teardown NULLed
   * ctx->req. `p` prefixes the labels (one procedure per path).
   */
  const getCtxLocked = (p: string, pool: TExpr<typeof POOL>, ctxCpu: Var<typeof cpuOrNone>, selfCpu: TExpr<AtomSort<'CPUS'>>): Stmt[] => [
    label(`${p}_get_ctx`), set(ctxCpu, selfCpu), // acomp_ctx = raw_cpu_ptr(pool->acomp_ctx); (mm/zswap.c:915)
    label(`${p}_lock`), ...lock(z.ctx_mutex, z.ctxKey(pool, ctxCpu)), // mutex_lock(&acomp_ctx->mutex); (mm/zswap.c:916)
    ...(v.ctxGet === 'retry'
      // if (likely(acomp_ctx->req)) return acomp_ctx; mutex_unlock(&acomp_ctx->mutex); (mm/zswap.c:917-926)
      ? [label(`${p}_check_req`), ifThen(z.ctx.at(pool).at(ctxCpu).get('req').eq('NULL'), [...unlock(z.ctx_mutex, z.ctxKey(pool, ctxCpu)), goto(`${p}_get_ctx`)])]
      : []),
  ];

  // zswap_compress(), mm/zswap.c:935-1002 (v13: +818-897), with the pool the store got (its `pool` argument).
  const compress = m.procedure('zswap_compress', { params: { comp_pool: local(POOL, 0) }, locals: { ctx_cpu: local(cpuOrNone, z.NoCpu) } }, ({ comp_pool: pool, ctx_cpu, self }) => {
    const selfCpu = z.cpu_of.at(self as TExpr<AtomSort<'TASKS'>>); // only tasks call it
    return [
      ...getCtxLocked('comp', pool, ctx_cpu, selfCpu),
      // dst = acomp_ctx->buffer; acomp_request_set_params(acomp_ctx->req, ...);
      // crypto_acomp_compress(acomp_ctx->req) (mm/zswap.c:948-973)
      label('comp_use'), ...useCtx(z, pool, ctx_cpu),
      label('comp_unlock'), ...unlock(z.ctx_mutex, z.ctxKey(pool, ctx_cpu)), ret(), // acomp_ctx_put_unlock(), mm/zswap.c:1000 (v13 +895: mutex_unlock)
    ];
  });

  // zswap_decompress(), mm/zswap.c:1004-1039 (v13: +900-942), on entry->pool. The entry's pool
  // reference keeps the pool alive; the model takes one like a store does.
  const decompress = m.procedure('zswap_decompress', { params: { decomp_pool: local(POOL, 0) }, locals: { dctx_cpu: local(cpuOrNone, z.NoCpu) } }, ({ decomp_pool: pool, dctx_cpu, self }) => {
    const selfCpu = z.cpu_of.at(self as TExpr<AtomSort<'TASKS'>>);
    // Compressed data: the object may be copied into acomp_ctx->buffer (mm/zswap.c:1022-1027),
    // and acomp_ctx->req runs the decompression (mm/zswap.c:1032-1034).
    const compressed: Stmt[] = [...useCtx(z, pool, dctx_cpu)];
    return [
      ...getCtxLocked('decomp', pool, dctx_cpu, selfCpu),
      label('decomp_use'),
      ...(v.decompress === 'incompressible-branch'
        // v13 -947..951: `if (entry->length == PAGE_SIZE)` the stored page is copied out as is
        // and the crypto request is skipped. zs_obj_read_begin() copies into acomp_ctx->buffer
        // only an object that spans two pages; a PAGE_SIZE object fills one page of its size
        // class, so this branch dereferences no ctx field (models/zswap/README.md).
        ? [eitherOf([], compressed)]
        : compressed),
      label('decomp_unlock'), ...unlock(z.ctx_mutex, z.ctxKey(pool, dctx_cpu)), ret(), // acomp_ctx_put_unlock(), mm/zswap.c:1038 (v13 +939)
    ];
  });

  // task_pool: the pool the task holds a reference on (0: none). With POOLS > 1 it may be the
  // old pool after a switch: the store compresses with the pool it got, a load with entry->pool.
  m.process('Task', z.TASKS, { locals: { via_reclaim: local(t.bool(), false), task_pool: local(POOL, 0) } }, ({ via_reclaim, task_pool: pool }) => [
    // RECLAIM = 1: this store may be direct reclaim entered from another kernel user's
    // crypto_alloc_acomp*() allocation, made while it holds scomp_lock (crypto/scompress.c:105-107).
    label('store_start'), eitherOf([], [when(z.RECLAIM.eq(1)), set(via_reclaim, true), ...lock(z.scomp_lock)]),
    // zswap_pool_current_get(): percpu_ref_tryget() on the current pool, if there is one (mm/zswap.c:1500, 441-454).
    label('store_get_pool'),
    ifThen(z.hasCurrent, [set(pool, z.currentPool), update(z.refs, (r) => r.at(z.currentPool).to((n) => plus(n, 1)))], [goto('store_end')]),
    // zswap_store() -> zswap_compress() (mm/zswap.c:1513), or with LOADS = 1 zswap_load() ->
    // zswap_decompress() (mm/zswap.c:1629) of an entry of this pool.
    label('store_compress'), ...(eitherOfLoads(z, compress({ comp_pool: pool }), decompress({ decomp_pool: pool }))),
    label('store_put_pool'), update(z.refs, (r) => r.at(pool).to((n) => minus(n, 1))), set(pool, 0), // zswap_pool_put(), mm/zswap.c:1566 (or the entry's, when it is freed)
    label('store_end'), ifThen(via_reclaim, [...unlock(z.scomp_lock)]),
  ]);

  // The scheduler moves a task to another online CPU between any two of its steps.
  m.action('Migrate', { task: z.TASKS, cpu: z.CPUS }, ({ task, cpu }) => [
    when(and(m.pc(task).neq('Done'), z.online.at(cpu), z.cpu_of.at(task).neq(cpu), lt(z.migrations, z.MIGRATIONS))),
    update(z.cpu_of, (p) => p.at(task).to(cpu)),
    set(z.migrations, plus(z.migrations, 1)),
  ]);
}

/** Store, or (LOADS = 1) load instead. */
function eitherOfLoads(z: Zswap, store: Stmt, load: Stmt): Stmt[] {
  return [eitherOf([store], [when(z.LOADS.eq(1)), load])];
}
