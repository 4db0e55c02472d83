/**
 * One typed result for every backend (TLC, tla-checker). Reporters and tests read only this.
 * Values in states are kept as the checker printed them (TLA+ syntax), keyed by variable.
 */

/** `compiled`: the IR compiled to a specialised JavaScript search (dsl/check/compiled/). */
export type Backend = 'tlc' | 'tla-checker' | 'compiled';

/** A TLA+ span as TLC reports it (1-based, inclusive end). */
export interface TlaLocation {
  readonly module: string;
  readonly startLine: number;
  readonly startCol: number;
  readonly endLine: number;
  readonly endCol: number;
}

export interface TraceState {
  /** 1-based position in the trace. */
  readonly index: number;
  /** The action that produced this state (`undefined` for the initial state). */
  readonly action?: {
    readonly name: string;
    /** Parameter values by name, e.g. `{ self: 't1' }`, when the checker reports them. */
    readonly params?: Readonly<Record<string, string>>;
    /** The arguments as printed after the action's name (`IncY(1)` → `1`), when names are not known. */
    readonly args?: string;
    readonly location?: TlaLocation;
  };
  /** Variable → value in TLA+ syntax. */
  readonly vars: Readonly<Record<string, string>>;
}

export interface Counts {
  readonly generated?: number;
  readonly distinct: number;
  readonly queue?: number;
  readonly depth?: number;
}

/** How far a search got: reported while it runs and kept when it is cut short. */
export interface Progress {
  readonly phase: 'starting' | 'initial states' | 'exploring' | 'liveness' | 'done';
  readonly generated?: number;
  readonly distinct?: number;
  readonly queue?: number;
  readonly depth?: number;
  readonly distinctPerMinute?: number;
}

export type Verdict =
  | { readonly kind: 'passed' }
  | { readonly kind: 'invariant'; readonly name: string; readonly initial: boolean; readonly trace: readonly TraceState[] }
  | { readonly kind: 'deadlock'; readonly trace: readonly TraceState[] }
  /** A temporal property failed; `loopsTo` is the 1-based state the lasso returns to, `stuttering` when it ends stuttering. */
  | { readonly kind: 'property'; readonly name?: string; readonly trace: readonly TraceState[]; readonly loopsTo?: number; readonly stuttering: boolean }
  | { readonly kind: 'assert'; readonly message: string; readonly location?: TlaLocation; readonly trace: readonly TraceState[] }
  | { readonly kind: 'evalError'; readonly message: string; readonly stack: readonly TlaLocation[]; readonly trace: readonly TraceState[] }
  | { readonly kind: 'parseError'; readonly message: string; readonly location?: TlaLocation }
  | { readonly kind: 'configError'; readonly message: string }
  | { readonly kind: 'crashed'; readonly message: string; readonly exitCode?: number }
  /** Cut short by the time limit; `progress`: how far the search had got. */
  | { readonly kind: 'timeout'; readonly afterMs: number; readonly progress?: Progress };

export interface CheckResult {
  readonly backend: Backend;
  readonly version?: string;
  readonly module: string;
  readonly config: string;
  readonly verdict: Verdict;
  readonly counts?: Counts;
  readonly durationMs: number;
  /** Checker output kept for diagnosis when something went wrong. */
  readonly rawTail?: string;
}

/** Violations found by checking, as opposed to the checker being unable to check. */
export function isViolation(v: Verdict): boolean {
  return v.kind === 'invariant' || v.kind === 'deadlock' || v.kind === 'property' || v.kind === 'assert' || v.kind === 'evalError';
}
