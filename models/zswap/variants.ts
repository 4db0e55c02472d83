/**
 * The kernel code versions the zswap models cover: one row per version, each a set of switches,
 * one per place the versions differ; everything else is shared. Rows after v13 are written as
 * differences from v13. Line references (`mm/zswap.c:N`, `kernel/cpu.c:N`) are to Linux 6.12.117;
 * `v13 +N` / `v13 -N` are lines of the v13 patch (87d50786f61f / its base 4897ed689b9f) as its
 * hunk headers number them. models/zswap/README.md maps every kernel function to its model steps.
 */
export type VariantName =
  | 'teardown' | 'get-cpu-lock' | 'v13-base' | 'v13' | 'v13-review' | 'v13-null-freed' | 'v13-null-freed-errcheck' | 'v13-fix';

export interface Variant {
  readonly name: VariantName;
  /** TLA+ module name. */
  readonly module: string;
  readonly summary: string;
  /**
   * zswap_cpu_comp_dead(), the PREPARE teardown: none (v13 removes it: v13 -1801 / +1765),
   * frees with no lock (before 12dcb0ef), frees under the mutex (12dcb0ef), or NULLs the fields
   * under the mutex and frees the old pointers after unlocking (mm/zswap.c:877-908, the v13 base).
   */
  readonly teardown: 'none' | 'unlocked' | 'under-mutex' | 'null-then-free';
  /** Where mutex_init(&acomp_ctx->mutex) runs: prepare's start (before 12dcb0ef), pool create (mm/zswap.c:288-289), prepare's end (v13 +810). */
  readonly mutexInit: 'prepare-start' | 'pool-create' | 'prepare-end';
  /** zswap_cpu_comp_prepare(): allocate straight into the ctx (before 779b9955; v13 +778-791) or into locals, then assign under the mutex (mm/zswap.c:825-867). */
  readonly prepareInto: 'ctx' | 'locals-then-lock';
  /** v13's early return: `!IS_ERR_OR_NULL(acomp)` (v13 +775) or the review's `if (acomp)` + WARN_ON_ONCE(IS_ERR). */
  readonly earlyReturn: 'none' | 'not-err-or-null' | 'non-null';
  /** Compress/decompress: plain `raw_cpu_ptr` + `mutex_lock` (v13 +830-831) or acomp_ctx_get_cpu_lock()'s retry loop (mm/zswap.c:910-928). */
  readonly ctxGet: 'plain' | 'retry';
  /** zswap_decompress(): compressed data only (mm/zswap.c:1004-1039), or with the branch that copies a PAGE_SIZE (incompressible) entry as is (v13 -947..951). */
  readonly decompress: 'compressed-only' | 'incompressible-branch';
  /** On cpuhp_state_add_instance() failure in zswap_pool_create(): `goto error` (mm/zswap.c:293-294), v13's `goto ref_fail` (v13 +299), or the review's dealloc-only label. */
  readonly addFailPath: 'error' | 'ref-fail' | 'dealloc';
  /** The fix: acomp_ctx_dealloc() resets each pointer to NULL: 'freed' only the ones it frees, 'all' ERR values too. */
  readonly deallocClears: 'none' | 'freed' | 'all';
}

/** The seed patch as posted (v13 19/22). */
const V13: Variant = {
  name: 'v13', module: 'ZswapV13',
  summary: 'the seed patch as posted: no teardown, acomp_ctx_dealloc(), early return if acomp is not ERR/NULL, goto ref_fail on add_instance failure',
  teardown: 'none', mutexInit: 'prepare-end', prepareInto: 'ctx', earlyReturn: 'not-err-or-null', ctxGet: 'plain',
  decompress: 'incompressible-branch', addFailPath: 'ref-fail', deallocClears: 'none',
};

export const VARIANTS: readonly Variant[] = [
  {
    name: 'teardown', module: 'ZswapTeardown',
    summary: 'before 2025 (v6.12 as released): zswap_cpu_comp_dead() frees on CPU offline without the mutex; prepare re-inits the mutex on every online',
    teardown: 'unlocked', mutexInit: 'prepare-start', prepareInto: 'ctx', earlyReturn: 'none', ctxGet: 'plain',
    decompress: 'compressed-only', addFailPath: 'error', deallocClears: 'none',
  },
  {
    name: 'get-cpu-lock', module: 'ZswapGetCpuLock',
    summary: 'early 2025 (12dcb0ef + 779b9955): acomp_ctx_get_cpu_lock() retries when ctx->req is NULL; the teardown frees under the mutex',
    teardown: 'under-mutex', mutexInit: 'pool-create', prepareInto: 'locals-then-lock', earlyReturn: 'none', ctxGet: 'retry',
    decompress: 'compressed-only', addFailPath: 'error', deallocClears: 'none',
  },
  {
    // What the v13 patch applies to; its acomp_ctx code is that of 6.12.117 (stable backports),
    // plus decompress's incompressible branch.
    ...V13, name: 'v13-base', module: 'ZswapV13Base',
    summary: 'the code v13 applies to (6.12.117 + the incompressible branch): the teardown NULLs the fields under the mutex and frees after unlocking',
    teardown: 'null-then-free', mutexInit: 'pool-create', prepareInto: 'locals-then-lock', earlyReturn: 'none', ctxGet: 'retry',
    addFailPath: 'error',
  },
  V13,
  {
    ...V13, name: 'v13-review', module: 'ZswapV13Review',
    summary: "v13 with the review's changes: `if (acomp_ctx->acomp)` + WARN_ON_ONCE(IS_ERR), and a new label that deallocs without cpuhp_state_remove_instance()",
    earlyReturn: 'non-null', addFailPath: 'dealloc',
  },
  {
    ...V13, name: 'v13-null-freed', module: 'ZswapV13NullFreed',
    summary: 'v13-review where acomp_ctx_dealloc() NULLs only the pointers it frees: the obvious fix, and not enough',
    earlyReturn: 'non-null', addFailPath: 'dealloc', deallocClears: 'freed',
  },
  {
    ...V13, name: 'v13-null-freed-errcheck', module: 'ZswapV13NullFreedErrCheck',
    summary: "v13-null-freed keeping v13's `!IS_ERR_OR_NULL(acomp)` early return: with that check, NULLing the freed pointers is enough",
    addFailPath: 'dealloc', deallocClears: 'freed',
  },
  {
    ...V13, name: 'v13-fix', module: 'ZswapV13Fix',
    summary: 'v13-review plus the minimal fix: acomp_ctx_dealloc() resets every field to NULL, ERR values included',
    earlyReturn: 'non-null', addFailPath: 'dealloc', deallocClears: 'all',
  },
];
