/**
 * The per-CPU acomp_ctx (mm/zswap.c): allocating and freeing its three resources, the hotplug
 * callbacks zswap_cpu_comp_prepare() / zswap_cpu_comp_dead(), v13's acomp_ctx_dealloc(), and
 * the direct reclaim a prepare's allocation may enter. One version per variant. Every step cites
 * the C it stands for: `mm/zswap.c:N` is Linux 6.12.117, `v13 +N` a line of the v13 patch.
 */
import {
  and, assert, eitherOf, enumSet, goto, held, ifThen, isFree, isIn, ite, label, local, lock, minus, mutexInit, not, plus, recordOf, ret,
  set, setOf, t, union, unlock, update, when, withSome, type Stmt, type TExpr,
} from '../../dsl/index.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { AtomSort, EnumSort } from '../../dsl/author/sorts.js';
import { CTX, POOL, PTR, RESOURCES, type Resource, type Zswap } from './state.js';

type Cpu = TExpr<AtomSort<'CPUS'>>;
type Pool = TExpr<typeof POOL>;
type Ptr = TExpr<EnumSort<'NULL' | 'ERR' | 'ok' | 'freed'>>;

/** IS_ERR_OR_NULL(p): a dangling pointer is neither, so it passes. */
export const isErrOrNull = (p: Ptr) => isIn(p, enumSet(PTR, 'NULL', 'ERR'));

/** crypto_alloc_acomp_node() / crypto_free_acomp() take scomp_lock briefly (crypto/scompress.c:105-108, 201-204). */
export const waitScomp = (z: Zswap): Stmt => when(isFree(z.scomp_lock));

/**
 * What compress (and decompress of compressed data) dereferences: acomp_ctx->buffer as the
 * destination, acomp_ctx->req (and through it acomp_ctx->acomp) for the crypto call
 * (mm/zswap.c:948, 958, 972; 1024-1025, 1032-1033). The checks on a ctx the caller holds locked.
 */
export function useCtx(z: Zswap, pool: Pool, cpu: Cpu, fields: readonly Resource[] = RESOURCES): Stmt[] {
  return [
    assert('NoUseOfFreedResource', and(...fields.map((f) => z.ctx.at(pool).at(cpu).get(f).neq('freed')))),
    assert('NoUseOfNullOrErrResource', and(...fields.map((f) => not(isErrOrNull(z.ctx.at(pool).at(cpu).get(f)))))),
  ];
}

/**
 * `ctx->field = alloc(...)`: success is a live object; failure stores what the allocator returns.
 * `reclaim`: a third outcome, success after the allocation entered direct reclaim (the reclaim
 * runs at the end of the step: it uses another CPU's ctx, so the order does not matter).
 */
export function allocField(z: Zswap, pool: Pool, cpu: Cpu, field: Resource, failValue: 'NULL' | 'ERR', onFail: Stmt[], reclaim: Stmt[][] = []): Stmt[] {
  const ok = [update(z.ctx, (p) => p.at(pool).at(cpu).get(field).to('ok')), update(z.live, (p) => p.at(pool).at(cpu).to((n) => plus(n, 1)))];
  return [
    // Overwriting the only pointer to a live object leaks it.
    assert('NoLeakOnOverwrite', z.ctx.at(pool).at(cpu).get(field).neq('ok')),
    eitherOf(
      ok,
      [when(z.allocMayFail(pool)), update(z.ctx, (p) => p.at(pool).at(cpu).get(field).to(failValue)), ...onFail],
      ...reclaim.map((r) => [...ok, ...r]),
    ),
  ];
}

/**
 * Free what `p` points to. kfree(NULL) returns (mm/slub.c:4826), and crypto_free_acomp() returns
 * on NULL or an ERR pointer (crypto/api.c:678, include/crypto/acompress.h:155); acomp_request_free()
 * is only called under `!IS_ERR_OR_NULL(req)` (mm/zswap.c:901, v13 +250). So NULL and ERR are
 * no-ops; a dangling pointer is a double free; a live object is freed.
 */
function freeObject(z: Zswap, pool: Pool, cpu: Cpu, p: Ptr): Stmt[] {
  return [
    assert('NoDoubleFree', p.neq('freed')),
    ifThen(p.eq('ok'), [update(z.live, (q) => q.at(pool).at(cpu).to((n) => minus(n, 1)))]),
  ];
}

/**
 * Free a ctx field. The C leaves the pointer in place (dangling) unless `clear` (the fix) resets
 * it: 'freed' only a pointer it freed, 'all' ERR values too.
 */
export function freeField(z: Zswap, pool: Pool, cpu: Cpu, field: Resource, clear: 'none' | 'freed' | 'all'): Stmt[] {
  const p = z.ctx.at(pool).at(cpu).get(field);
  const after = clear === 'all' ? 'NULL' : clear === 'freed' ? ite(p.neq('ok'), p, 'NULL') : ite(p.neq('ok'), p, 'freed');
  return [...freeObject(z, pool, cpu, p), update(z.ctx, (q) => q.at(pool).at(cpu).get(field).to(after))];
}

/**
 * `ctx->field = local` after `local = alloc(...)` succeeded (before 2025: acomp and req,
 * assigned only once allocated). On failure the field keeps what it held.
 */
function allocAssign(z: Zswap, pool: Pool, cpu: Cpu, field: Resource, onFail: Stmt[], reclaim: Stmt[][] = []): Stmt {
  const ok = [assert('NoLeakOnOverwrite', z.ctx.at(pool).at(cpu).get(field).neq('ok')),
    update(z.ctx, (p) => p.at(pool).at(cpu).get(field).to('ok')), update(z.live, (p) => p.at(pool).at(cpu).to((n) => plus(n, 1)))];
  return eitherOf(ok, [when(z.allocMayFail(pool)), ...onFail], ...reclaim.map((r) => [...ok, ...r]));
}

/** The callbacks, each for one pool's acomp_ctx of one CPU (`pool->acomp_ctx`, the instance's node). */
export interface Callbacks {
  readonly prepare: (pool: Pool, cpu: Cpu) => Stmt;
  readonly teardown?: (pool: Pool, cpu: Cpu) => Stmt;
  readonly dealloc?: (pool: Pool, cpu: Cpu) => Stmt;
}

export function declareCallbacks(m: ModelBuilder, z: Zswap): Callbacks {
  const v = z.variant;
  const cpuSort = t.member(union(z.CPUS, setOf(z.NoCpu)));
  // Locals become state variables of the module, so each procedure's names are its own.
  const cpuParam = <N extends string>(name: N) => ({ [name]: local(cpuSort, z.NoCpu) }) as { [K in N]: ReturnType<typeof local<typeof cpuSort>> };
  // The pool whose ctx a callback works on (hlist_entry(node, struct zswap_pool, node), mm/zswap.c:818); 0 between calls.
  const poolParam = <N extends string>(name: N) => ({ [name]: local(POOL, 0) }) as { [K in N]: ReturnType<typeof local<typeof POOL>> };

  // Direct reclaim entered from one of prepare's GFP_KERNEL allocations (PREP_RECLAIM = 1): it
  // may write back into zswap, zswap_store() on the current pool, which compresses with the
  // ctx of the CPU the hotplug control thread runs on: any online CPU (the one being
  // prepared is not online). Entered from crypto_alloc_acomp_node(), it runs under scomp_lock
  // (crypto/scompress.c:105-107: the scratch buffers are vmalloc()ed under it); the store
  // releases it when done (the model's stand-in for returning into the allocator).
  const reclaimStore = m.procedure('prep_reclaim_store', { locals: { ...cpuParam('rc_cpu'), ...poolParam('rc_pool') } }, ({ rc_cpu: x, rc_pool: pool }) => [
    // zswap_pool_current_get(), mm/zswap.c:441-454 (mm/zswap.c:1500): the current pool, the old
    // one while a switch's new pool is being prepared
    label('rc_get_pool'), ifThen(z.hasCurrent, [set(pool, z.currentPool), update(z.refs, (r) => r.at(z.currentPool).to((n) => plus(n, 1)))], [goto('rc_end')]),
    // acomp_ctx = raw_cpu_ptr(pool->acomp_ctx) on the control CPU (mm/zswap.c:915 / v13 +830)
    label('rc_get_ctx'), withSome(z.onlineCpus, (c) => [set(x, c)]),
    label('rc_lock'), ...lock(z.ctx_mutex, z.ctxKey(pool, x)), // mutex_lock(&acomp_ctx->mutex), mm/zswap.c:916 / v13 +831
    ...(v.ctxGet === 'retry'
      // if (likely(acomp_ctx->req)) return acomp_ctx; mutex_unlock(); (mm/zswap.c:917-926)
      ? [label('rc_check_req'), ifThen(z.ctx.at(pool).at(x).get('req').eq('NULL'), [...unlock(z.ctx_mutex, z.ctxKey(pool, x)), goto('rc_get_ctx')])]
      : []),
    label('rc_use'), ...useCtx(z, pool, x), // zswap_compress(): mm/zswap.c:948-973
    // mutex_unlock; zswap_pool_put()
    label('rc_unlock'), ...unlock(z.ctx_mutex, z.ctxKey(pool, x)), update(z.refs, (r) => r.at(pool).to((n) => minus(n, 1))), set(pool, 0),
    label('rc_end'), ifThen(held(z.scomp_lock), [...unlock(z.scomp_lock)]), ret(),
  ]);
  /** The reclaim outcome of an allocation; `underScomp`: inside crypto_alloc_acomp_node()'s scomp_lock. */
  const reclaimed = (underScomp: boolean): Stmt[][] => [
    [when(and(z.PREP_RECLAIM.eq(1), z.hasCurrent)), ...(underScomp ? lock(z.scomp_lock) : []), reclaimStore({})],
  ];

  // acomp_ctx_dealloc(acomp_ctx), v13 +245-257: frees what the fields point to; the fix also NULLs them.
  const dealloc = v.teardown === 'none'
    ? m.procedure('acomp_ctx_dealloc', { params: { ...poolParam('dealloc_pool'), ...cpuParam('dealloc_cpu') } }, ({ dealloc_pool: pool, dealloc_cpu: cpu }) => [
      label('dealloc_req'), ...freeField(z, pool, cpu, 'req', v.deallocClears), // v13 +250-251: if (!IS_ERR_OR_NULL(req)) acomp_request_free(req)
      label('dealloc_acomp'), waitScomp(z), ...freeField(z, pool, cpu, 'acomp', v.deallocClears), // v13 +253-254: crypto_free_acomp(acomp)
      label('dealloc_buffer'), ...freeField(z, pool, cpu, 'buffer', v.deallocClears), ret(), // v13 +256: kfree(buffer)
    ])
    : undefined;

  const prepare = m.procedure('zswap_cpu_comp_prepare', { params: { ...poolParam('prep_pool'), ...cpuParam('prep_cpu') }, locals: {
    // mm/zswap.c:820-822: allocate into locals, assign under the mutex.
    prep_buffer: local(PTR, 'NULL'), prep_acomp: local(PTR, 'NULL'), prep_req: local(PTR, 'NULL'),
  } }, ({ prep_pool: pool, prep_cpu: cpu, prep_buffer: buffer, prep_acomp: acomp, prep_req: req }) => {
    const fail = (s: Stmt[]) => [set(z.prep_ok, false), ...s];
    if (v.prepareInto === 'locals-then-lock') {
      const allocLocal = (x: typeof buffer, failValue: 'NULL' | 'ERR', reclaim: Stmt[][] = []) => {
        const ok = [set(x, 'ok'), update(z.live, (p) => p.at(pool).at(cpu).to((n) => plus(n, 1)))];
        return eitherOf(ok, [when(z.allocMayFail(pool)), set(x, failValue), goto('prep_fail')], ...reclaim.map((r) => [...ok, ...r]));
      };
      return [
        label('prep_buffer'), allocLocal(buffer, 'NULL', reclaimed(false)), // mm/zswap.c:825-829: buffer = kmalloc_node(); if (!buffer) goto fail
        label('prep_acomp'), waitScomp(z), allocLocal(acomp, 'ERR', reclaimed(true)), // mm/zswap.c:831-837: acomp = crypto_alloc_acomp_node(); if (IS_ERR) goto fail
        label('prep_req'), allocLocal(req, 'NULL'), // mm/zswap.c:839-845: req = acomp_request_alloc(acomp); if (!req) goto fail
        label('prep_lock'), ...lock(z.ctx_mutex, z.ctxKey(pool, cpu)), // mm/zswap.c:852: mutex_lock(&acomp_ctx->mutex)
        label('prep_assign'), // mm/zswap.c:863-866: acomp_ctx->buffer = buffer; ->acomp = acomp; ->req = req
        assert('NoLeakOnOverwrite', z.ctx.at(pool).at(cpu).get('buffer').neq('ok')),
        update(z.ctx, (p) => p.at(pool).at(cpu).to(recordOf(CTX, { buffer, acomp, req }))),
        label('prep_unlock'), ...unlock(z.ctx_mutex, z.ctxKey(pool, cpu)), set(z.prep_ok, true), ret(), // mm/zswap.c:867-868: mutex_unlock; return 0
        // mm/zswap.c:870-872: fail: if (!IS_ERR_OR_NULL(acomp)) crypto_free_acomp(acomp); the v13
        // base (v13 -793) has `if (acomp)`, which passes an ERR pointer on: a no-op (crypto/api.c:678).
        label('prep_fail'), ifThen(acomp.eq('ok'), [waitScomp(z), update(z.live, (p) => p.at(pool).at(cpu).to((n) => minus(n, 1)))]),
        label('prep_fail_buffer'), // mm/zswap.c:873-874: kfree(buffer); return ret
        ifThen(buffer.eq('ok'), [update(z.live, (p) => p.at(pool).at(cpu).to((n) => minus(n, 1)))]),
        ...fail([ret()]),
      ];
    }
    const initMutex = (): Stmt[] => mutexInit(z.ctx_mutex, z.ctxKey(pool, cpu));
    if (v.mutexInit === 'prepare-start') {
      // v6.12 as released (before 12dcb0ef/779b9955; 6.12.117 has them backported): mutex_init()
      // first, on every online; buffer straight into the ctx; acomp and req into locals,
      // assigned once allocated; req_fail frees the acomp, acomp_fail the buffer, neither NULLs.
      return [
        label('prep_mutex_init'), ...initMutex(), // mutex_init(&acomp_ctx->mutex)
        label('prep_buffer'), ...allocField(z, pool, cpu, 'buffer', 'NULL', fail([ret()]), reclaimed(false)), // acomp_ctx->buffer = kmalloc_node(); if (!buffer) return -ENOMEM
        label('prep_acomp'), waitScomp(z), allocAssign(z, pool, cpu, 'acomp', [goto('prep_acomp_fail')], reclaimed(true)), // acomp = crypto_alloc_acomp_node(); if (IS_ERR) goto acomp_fail; acomp_ctx->acomp = acomp
        label('prep_req'), allocAssign(z, pool, cpu, 'req', [goto('prep_req_fail')]), // req = acomp_request_alloc(); if (!req) goto req_fail; acomp_ctx->req = req
        set(z.prep_ok, true), ret(), // return 0
        label('prep_req_fail'), waitScomp(z), ...freeField(z, pool, cpu, 'acomp', 'none'), // req_fail: crypto_free_acomp(acomp_ctx->acomp)
        label('prep_acomp_fail'), ...freeField(z, pool, cpu, 'buffer', 'none'), ...fail([ret()]), // acomp_fail: kfree(acomp_ctx->buffer); return ret
      ];
    }
    const early: Stmt[] = v.earlyReturn === 'none' ? [] : [
      // v13 +775-776: if (!IS_ERR_OR_NULL(acomp_ctx->acomp)) return 0;
      // review: if (acomp_ctx->acomp) { WARN_ON_ONCE(IS_ERR(acomp_ctx->acomp)); return 0; }
      label('prep_check'),
      ifThen(v.earlyReturn === 'not-err-or-null' ? not(isErrOrNull(z.ctx.at(pool).at(cpu).get('acomp'))) : z.ctx.at(pool).at(cpu).get('acomp').neq('NULL'),
        [set(z.prep_ok, true), ret()]),
    ];
    // v13 (and review, fix): allocate straight into the ctx, acomp_ctx_dealloc() on failure, mutex_init last.
    return [
      ...early,
      label('prep_buffer'), ...allocField(z, pool, cpu, 'buffer', 'NULL', fail([ret()]), reclaimed(false)), // v13 +778-780: acomp_ctx->buffer = kmalloc_node(); if (!buffer) return ret;
      label('prep_acomp'), waitScomp(z), ...allocField(z, pool, cpu, 'acomp', 'ERR', [goto('prep_fail')], reclaimed(true)), // v13 +782-788: acomp_ctx->acomp = crypto_alloc_acomp_node(); if (IS_ERR) goto fail;
      label('prep_req'), ...allocField(z, pool, cpu, 'req', 'NULL', [goto('prep_fail')]), // v13 +791-796: acomp_ctx->req = acomp_request_alloc(); if (!req) goto fail;
      label('prep_mutex_init'), ...initMutex(), set(z.prep_ok, true), ret(), // v13 +810-811: mutex_init(&acomp_ctx->mutex); return 0;
      label('prep_fail'), dealloc!({ dealloc_pool: pool, dealloc_cpu: cpu }), // v13 +813-814: fail: acomp_ctx_dealloc(acomp_ctx);
      label('prep_fail_ret'), ...fail([ret()]), // v13 +815: return ret;
    ];
  });

  const teardown = v.teardown === 'none' ? undefined : m.procedure('zswap_cpu_comp_dead', { params: { ...poolParam('dead_pool'), ...cpuParam('dead_cpu') }, locals: {
    dead_req: local(PTR, 'NULL'), dead_acomp: local(PTR, 'NULL'), dead_buffer: local(PTR, 'NULL'),
  } }, ({ dead_pool: pool, dead_cpu: cpu, dead_req: req, dead_acomp: acomp, dead_buffer: buffer }) => {
    if (v.teardown === 'unlocked') {
      // v6.12 as released: frees with no lock held, pointers left dangling.
      return [
        label('dead_req'), ...freeField(z, pool, cpu, 'req', 'none'), // if (!IS_ERR_OR_NULL(acomp_ctx->req)) acomp_request_free(acomp_ctx->req);
        label('dead_acomp'), waitScomp(z), ...freeField(z, pool, cpu, 'acomp', 'none'), // if (!IS_ERR_OR_NULL(acomp_ctx->acomp)) crypto_free_acomp(acomp_ctx->acomp);
        label('dead_buffer'), ...freeField(z, pool, cpu, 'buffer', 'none'), ret(), // kfree(acomp_ctx->buffer);
      ];
    }
    if (v.teardown === 'under-mutex') {
      // 12dcb0ef: mutex_lock; free req and set it NULL; free acomp; kfree(buffer); mutex_unlock.
      return [
        label('dead_lock'), ...lock(z.ctx_mutex, z.ctxKey(pool, cpu)), // mutex_lock(&acomp_ctx->mutex) (6.12.117 keeps it: mm/zswap.c:888)
        label('dead_req'), ...freeField(z, pool, cpu, 'req', 'freed'), // if (!IS_ERR_OR_NULL(req)) acomp_request_free(req); acomp_ctx->req = NULL;
        label('dead_acomp'), waitScomp(z), ...freeField(z, pool, cpu, 'acomp', 'none'), // crypto_free_acomp(acomp_ctx->acomp) under the mutex: takes scomp_lock
        label('dead_buffer'), ...freeField(z, pool, cpu, 'buffer', 'none'), // kfree(acomp_ctx->buffer)
        label('dead_unlock'), ...unlock(z.ctx_mutex, z.ctxKey(pool, cpu)), ret(), // mutex_unlock(&acomp_ctx->mutex) (mm/zswap.c:895)
      ];
    }
    // The v13 base, mm/zswap.c:877-908: take the pointers and NULL the fields under the mutex,
    // free after unlocking ("to avoid subtle locking dependencies causing deadlocks", :897-900).
    return [
      label('dead_lock'), ...lock(z.ctx_mutex, z.ctxKey(pool, cpu)), // mm/zswap.c:888: mutex_lock(&acomp_ctx->mutex)
      label('dead_take'), // mm/zswap.c:889-894: req = acomp_ctx->req; ...; acomp_ctx->req = NULL; ...
      set(req, z.ctx.at(pool).at(cpu).get('req')), set(acomp, z.ctx.at(pool).at(cpu).get('acomp')), set(buffer, z.ctx.at(pool).at(cpu).get('buffer')),
      update(z.ctx, (p) => p.at(pool).at(cpu).to(recordOf(CTX, { buffer: 'NULL', acomp: 'NULL', req: 'NULL' }))),
      label('dead_unlock'), ...unlock(z.ctx_mutex, z.ctxKey(pool, cpu)), // mm/zswap.c:895: mutex_unlock(&acomp_ctx->mutex)
      label('dead_req'), ...freeObject(z, pool, cpu, req), // mm/zswap.c:901-902: if (!IS_ERR_OR_NULL(req)) acomp_request_free(req)
      label('dead_acomp'), waitScomp(z), ...freeObject(z, pool, cpu, acomp), // mm/zswap.c:903-904: if (!IS_ERR_OR_NULL(acomp)) crypto_free_acomp(acomp)
      label('dead_buffer'), ...freeObject(z, pool, cpu, buffer), ret(), // mm/zswap.c:905-907: kfree(buffer); return 0
    ];
  });

  return {
    prepare: (pool, cpu) => prepare({ prep_pool: pool, prep_cpu: cpu }),
    ...(teardown ? { teardown: (pool: Pool, cpu: Cpu) => teardown({ dead_pool: pool, dead_cpu: cpu }) } : {}),
    ...(dealloc ? { dealloc: (pool: Pool, cpu: Cpu) => dealloc({ dealloc_pool: pool, dealloc_cpu: cpu }) } : {}),
  };
}
