/**
 * The kernel code versions the zswap models cover. Each is a set of switches, one per place the
 * versions differ; everything else is shared. Line references are to mm/zswap.c of that version
 * (see models/zswap/README notes in the top-level README).
 */
export type VariantName = 'teardown' | 'get-cpu-lock' | 'v13' | 'v13-review' | 'v13-null-freed' | 'v13-fix';

export interface Variant {
  readonly name: VariantName;
  /** TLA+ module name. */
  readonly module: string;
  readonly summary: string;
  /** zswap_cpu_comp_dead(): none (v13), frees unlocked (pre-2025), or NULLs and frees under the mutex (12dcb0ef). */
  readonly teardown: 'none' | 'unlocked' | 'under-mutex';
  /** Where mutex_init(&acomp_ctx->mutex) runs. */
  readonly mutexInit: 'prepare-start' | 'pool-create' | 'prepare-end';
  /** zswap_cpu_comp_prepare(): allocate straight into the ctx (old, v13) or into locals, then assign under the mutex (779b9955). */
  readonly prepareInto: 'ctx' | 'locals-then-lock';
  /** v13's early return: `!IS_ERR_OR_NULL(acomp)` (v13) or `if (acomp)` + WARN (review). */
  readonly earlyReturn: 'none' | 'not-err-or-null' | 'non-null';
  /** Compress/decompress: plain `raw_cpu_ptr` + `mutex_lock`, or acomp_ctx_get_cpu_lock()'s retry loop. */
  readonly ctxGet: 'plain' | 'retry';
  /** On cpuhp_state_add_instance() failure in zswap_pool_create(): `goto error`, v13's `goto ref_fail`, or the review's dealloc-only label. */
  readonly addFailPath: 'error' | 'ref-fail' | 'dealloc';
  /** Does the dealloc (v13) / fail path free the acomp when it is an ERR pointer? (779b9955's `if (acomp)`) */
  readonly failFreesErrAcomp: boolean;
  /** The fix: acomp_ctx_dealloc() resets each pointer to NULL: 'freed' only the ones it frees, 'all' ERR values too. */
  readonly deallocClears: 'none' | 'freed' | 'all';
}

export const VARIANTS: readonly Variant[] = [
  {
    name: 'teardown', module: 'ZswapTeardown',
    summary: 'before 2025 (v6.12): zswap_cpu_comp_dead() frees on CPU offline without the mutex; prepare re-inits the mutex on every online',
    teardown: 'unlocked', mutexInit: 'prepare-start', prepareInto: 'ctx', earlyReturn: 'none', ctxGet: 'plain',
    addFailPath: 'error', failFreesErrAcomp: false, deallocClears: 'none',
  },
  {
    name: 'get-cpu-lock', module: 'ZswapGetCpuLock',
    summary: 'early 2025 (12dcb0ef + 779b9955): acomp_ctx_get_cpu_lock() retries when ctx->req is NULL; the teardown frees under the mutex',
    teardown: 'under-mutex', mutexInit: 'pool-create', prepareInto: 'locals-then-lock', earlyReturn: 'none', ctxGet: 'retry',
    addFailPath: 'error', failFreesErrAcomp: true, deallocClears: 'none',
  },
  {
    name: 'v13', module: 'ZswapV13',
    summary: 'the seed patch as posted: no teardown, acomp_ctx_dealloc(), early return if acomp is not ERR/NULL, goto ref_fail on add_instance failure',
    teardown: 'none', mutexInit: 'prepare-end', prepareInto: 'ctx', earlyReturn: 'not-err-or-null', ctxGet: 'plain',
    addFailPath: 'ref-fail', failFreesErrAcomp: false, deallocClears: 'none',
  },
  {
    name: 'v13-review', module: 'ZswapV13Review',
    summary: "v13 with the review's changes: `if (acomp_ctx->acomp)` + WARN_ON_ONCE(IS_ERR), and a new label that deallocs without cpuhp_state_remove_instance()",
    teardown: 'none', mutexInit: 'prepare-end', prepareInto: 'ctx', earlyReturn: 'non-null', ctxGet: 'plain',
    addFailPath: 'dealloc', failFreesErrAcomp: false, deallocClears: 'none',
  },
  {
    name: 'v13-null-freed', module: 'ZswapV13NullFreed',
    summary: 'v13-review where acomp_ctx_dealloc() NULLs only the pointers it frees: the obvious fix, and not enough',
    teardown: 'none', mutexInit: 'prepare-end', prepareInto: 'ctx', earlyReturn: 'non-null', ctxGet: 'plain',
    addFailPath: 'dealloc', failFreesErrAcomp: false, deallocClears: 'freed',
  },
  {
    name: 'v13-fix', module: 'ZswapV13Fix',
    summary: 'v13-review plus the minimal fix: acomp_ctx_dealloc() resets every field to NULL, ERR values included',
    teardown: 'none', mutexInit: 'prepare-end', prepareInto: 'ctx', earlyReturn: 'non-null', ctxGet: 'plain',
    addFailPath: 'dealloc', failFreesErrAcomp: false, deallocClears: 'all',
  },
];
