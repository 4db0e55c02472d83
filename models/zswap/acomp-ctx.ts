/**
 * The per-CPU acomp_ctx (mm/zswap.c): allocating and freeing its three resources, and the
 * hotplug callbacks zswap_cpu_comp_prepare() / zswap_cpu_comp_dead() and v13's
 * acomp_ctx_dealloc(), one version per variant. Each step names the code it stands for.
 */
import {
  assert, eitherOf, enumSet, goto, ifThen, ite, isFree, isIn, label, local, lock, minus, mutexInit, not, plus, recordOf, ret, set,
  setOf, t, union, unlock, update, when, type Stmt, type TExpr,
} from '../../dsl/index.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { AtomSort, EnumSort } from '../../dsl/author/sorts.js';
import { CTX, PTR, type Resource, type Zswap } from './state.js';

type Cpu = TExpr<AtomSort<'CPUS'>>;
type Ptr = TExpr<EnumSort<'NULL' | 'ERR' | 'ok' | 'freed'>>;

/** IS_ERR_OR_NULL(p): a dangling pointer is neither, so it passes. */
export const isErrOrNull = (p: Ptr) => isIn(p, enumSet(PTR, 'NULL', 'ERR'));

/** crypto_alloc_acomp_node() / crypto_free_acomp() take scomp_lock (crypto/scompress.c) briefly. */
export const waitScomp = (z: Zswap): Stmt => when(isFree(z.scomp_lock));

/** `ctx->field = alloc(...)`: success is a live object; failure stores what the allocator returns. */
export function allocField(z: Zswap, cpu: Cpu, field: Resource, failValue: 'NULL' | 'ERR', onFail: Stmt[]): Stmt[] {
  return [
    // Overwriting the only pointer to a live object leaks it.
    assert('NoLeakOnOverwrite', z.ctx.at(cpu).get(field).neq('ok')),
    eitherOf(
      [update(z.ctx, (p) => p.at(cpu).get(field).to('ok')), update(z.live, (p) => p.at(cpu).to((n) => plus(n, 1)))],
      [when(z.ALLOC_FAIL.eq(1)), update(z.ctx, (p) => p.at(cpu).get(field).to(failValue)), ...onFail],
    ),
  ];
}

/**
 * Free what a pointer (a ctx field) points to. `guarded`: the C checks `!IS_ERR_OR_NULL(p)`
 * first (req, acomp); otherwise it is kfree(), which accepts NULL. The pointer is left dangling
 * unless `clear` (the fix) sets it to NULL.
 */
export function freeField(z: Zswap, cpu: Cpu, field: Resource, opts: { guarded: boolean; clear: 'none' | 'freed' | 'all' }): Stmt[] {
  const p = z.ctx.at(cpu).get(field);
  const free: Stmt[] = [
    assert('NoDoubleFree', p.neq('freed')),
    assert('NoFreeOfErrPointer', p.neq('ERR')),
    ifThen(p.eq('ok'), [update(z.live, (q) => q.at(cpu).to((n) => minus(n, 1)))]),
  ];
  const guarded = opts.guarded ? [ifThen(not(isErrOrNull(p)), free)] : free;
  // The C leaves the freed pointer in place (dangling); the fix resets it, ERR values included.
  const after = opts.clear === 'all' ? 'NULL' : opts.clear === 'freed' ? ite(p.neq('ok'), p, 'NULL') : ite(p.neq('ok'), p, 'freed');
  return [...guarded, update(z.ctx, (q) => q.at(cpu).get(field).to(after))];
}

export interface Callbacks {
  readonly prepare: (cpu: Cpu) => Stmt;
  readonly teardown?: (cpu: Cpu) => Stmt;
  readonly dealloc?: (cpu: Cpu) => Stmt;
}

export function declareCallbacks(m: ModelBuilder, z: Zswap): Callbacks {
  const v = z.variant;
  const cpuSort = t.member(union(z.CPUS, setOf(z.NoCpu)));
  // Locals become state variables of the module, so each procedure's names are its own.
  const cpuParam = <N extends string>(name: N) => ({ [name]: local(cpuSort, z.NoCpu) }) as { [K in N]: ReturnType<typeof local<typeof cpuSort>> };

  // acomp_ctx_dealloc(acomp_ctx) (v13): frees what the fields point to; the fix also NULLs them.
  const dealloc = v.teardown === 'none'
    ? m.procedure('acomp_ctx_dealloc', { params: cpuParam('dealloc_cpu') }, ({ dealloc_cpu: cpu }) => [
      label('dealloc_req'), ...freeField(z, cpu, 'req', { guarded: true, clear: v.deallocClears }), // acomp_request_free(req)
      label('dealloc_acomp'), waitScomp(z), ...freeField(z, cpu, 'acomp', { guarded: true, clear: v.deallocClears }), // crypto_free_acomp(acomp)
      label('dealloc_buffer'), ...freeField(z, cpu, 'buffer', { guarded: false, clear: v.deallocClears }), // kfree(buffer)
      ret(),
    ])
    : undefined;

  const prepare = m.procedure('zswap_cpu_comp_prepare', { params: cpuParam('prep_cpu'), locals: {
    // 779b9955: allocate into locals, assign under the mutex.
    prep_buffer: local(PTR, 'NULL'), prep_acomp: local(PTR, 'NULL'), prep_req: local(PTR, 'NULL'),
  } }, ({ prep_cpu: cpu, prep_buffer: buffer, prep_acomp: acomp, prep_req: req }) => {
    const fail = (s: Stmt[]) => [set(z.prep_ok, false), ...s];
    if (v.prepareInto === 'locals-then-lock') {
      const allocLocal = (x: typeof buffer, failValue: 'NULL' | 'ERR', extra: Stmt[] = []) => eitherOf(
        [set(x, 'ok'), update(z.live, (p) => p.at(cpu).to((n) => plus(n, 1)))],
        [when(z.ALLOC_FAIL.eq(1)), set(x, failValue), ...extra, goto('prep_fail')],
      );
      return [
        label('prep_buffer'), allocLocal(buffer, 'NULL'), // buffer = kmalloc_node(PAGE_SIZE * 2, ...)
        label('prep_acomp'), waitScomp(z), allocLocal(acomp, 'ERR'), // acomp = crypto_alloc_acomp_node(...)
        label('prep_req'), allocLocal(req, 'NULL'), // req = acomp_request_alloc(acomp)
        label('prep_lock'), ...lock(z.ctx_mutex, cpu), // mutex_lock(&acomp_ctx->mutex)
        label('prep_assign'), // acomp_ctx->buffer = buffer; ->acomp = acomp; ->req = req
        assert('NoLeakOnOverwrite', z.ctx.at(cpu).get('buffer').neq('ok')),
        update(z.ctx, (p) => p.at(cpu).to(recordOf(CTX, { buffer, acomp, req }))),
        label('prep_unlock'), ...unlock(z.ctx_mutex, cpu), set(z.prep_ok, true), ret(), // mutex_unlock; return 0
        label('prep_fail'), // fail: if (acomp) crypto_free_acomp(acomp);  (`if (acomp)` lets an ERR_PTR through)
        ifThen(v.failFreesErrAcomp ? acomp.neq('NULL') : not(isErrOrNull(acomp)), [
          waitScomp(z), assert('NoFreeOfErrPointer', acomp.neq('ERR')),
          ifThen(acomp.eq('ok'), [update(z.live, (p) => p.at(cpu).to((n) => minus(n, 1)))]),
        ]),
        label('prep_fail_buffer'), // kfree(buffer); return ret
        ifThen(buffer.eq('ok'), [update(z.live, (p) => p.at(cpu).to((n) => minus(n, 1)))]),
        ...fail([ret()]),
      ];
    }
    const early: Stmt[] = v.earlyReturn === 'none' ? [] : [
      // v13: if (!IS_ERR_OR_NULL(acomp_ctx->acomp)) return 0;   review: if (acomp_ctx->acomp) { WARN_ON_ONCE(IS_ERR(..)); return 0; }
      label('prep_check'),
      ifThen(v.earlyReturn === 'not-err-or-null' ? not(isErrOrNull(z.ctx.at(cpu).get('acomp'))) : z.ctx.at(cpu).get('acomp').neq('NULL'),
        [set(z.prep_ok, true), ret()]),
    ];
    const initMutex = (): Stmt[] => mutexInit(z.ctx_mutex, cpu);
    if (v.mutexInit === 'prepare-start') {
      // Before 2025: mutex_init(&acomp_ctx->mutex) first, on every online of the CPU.
      return [
        label('prep_mutex_init'), ...initMutex(),
        label('prep_buffer'), ...allocField(z, cpu, 'buffer', 'NULL', fail([ret()])), // acomp_ctx->buffer = kmalloc_node(); if (!buffer) return -ENOMEM
        label('prep_acomp'), waitScomp(z), ...allocField(z, cpu, 'acomp', 'ERR', [goto('prep_acomp_fail')]), // acomp_ctx->acomp = crypto_alloc_acomp_node()
        label('prep_req'), ...allocField(z, cpu, 'req', 'NULL', [goto('prep_req_fail')]), // acomp_ctx->req = acomp_request_alloc()
        set(z.prep_ok, true), ret(),
        label('prep_req_fail'), waitScomp(z), ...freeField(z, cpu, 'acomp', { guarded: false, clear: 'none' }), // req_fail: crypto_free_acomp(acomp_ctx->acomp)
        label('prep_acomp_fail'), ...freeField(z, cpu, 'buffer', { guarded: false, clear: 'none' }), ...fail([ret()]), // acomp_fail: kfree(acomp_ctx->buffer)
      ];
    }
    // v13 (and review, fix): allocate straight into the ctx, acomp_ctx_dealloc() on failure, mutex_init last.
    return [
      ...early,
      label('prep_buffer'), ...allocField(z, cpu, 'buffer', 'NULL', fail([ret()])), // if (!acomp_ctx->buffer) return ret;
      label('prep_acomp'), waitScomp(z), ...allocField(z, cpu, 'acomp', 'ERR', [goto('prep_fail')]), // if (IS_ERR(acomp_ctx->acomp)) goto fail;
      label('prep_req'), ...allocField(z, cpu, 'req', 'NULL', [goto('prep_fail')]), // if (!acomp_ctx->req) goto fail;
      label('prep_mutex_init'), ...initMutex(), set(z.prep_ok, true), ret(), // mutex_init(&acomp_ctx->mutex); return 0;
      label('prep_fail'), dealloc!({ dealloc_cpu: cpu }), // fail: acomp_ctx_dealloc(acomp_ctx);
      label('prep_fail_ret'), ...fail([ret()]), // return ret;
    ];
  });

  const teardown = v.teardown === 'none' ? undefined : m.procedure('zswap_cpu_comp_dead', { params: cpuParam('dead_cpu') }, ({ dead_cpu: cpu }) => v.teardown === 'unlocked'
    ? [
      // Before 2025: frees with no lock held, pointers left dangling.
      label('dead_req'), ...freeField(z, cpu, 'req', { guarded: true, clear: 'none' }),
      label('dead_acomp'), waitScomp(z), ...freeField(z, cpu, 'acomp', { guarded: true, clear: 'none' }),
      label('dead_buffer'), ...freeField(z, cpu, 'buffer', { guarded: false, clear: 'none' }),
      ret(),
    ]
    : [
      // 12dcb0ef: mutex_lock; free req and set it NULL; free acomp; kfree(buffer); mutex_unlock.
      label('dead_lock'), ...lock(z.ctx_mutex, cpu),
      label('dead_req'), ...freeField(z, cpu, 'req', { guarded: true, clear: 'freed' }),
      label('dead_acomp'), waitScomp(z), ...freeField(z, cpu, 'acomp', { guarded: true, clear: 'none' }),
      label('dead_buffer'), ...freeField(z, cpu, 'buffer', { guarded: false, clear: 'none' }),
      label('dead_unlock'), ...unlock(z.ctx_mutex, cpu), ret(),
    ]);

  return {
    prepare: (cpu) => prepare({ prep_cpu: cpu }),
    ...(teardown ? { teardown: (cpu: Cpu) => teardown({ dead_cpu: cpu }) } : {}),
    ...(dealloc ? { dealloc: (cpu: Cpu) => dealloc({ dealloc_cpu: cpu }) } : {}),
  };
}
