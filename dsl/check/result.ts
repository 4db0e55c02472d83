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

/** A location as TLC writes one in its messages (`line 3, col 5 to line 3, col 9 of module M`). */
export const placeText = (at: TlaLocation): string => `line ${at.startLine}, col ${at.startCol} to line ${at.endLine}, col ${at.endCol} of module ${at.module}`;

/** Whether two locations are the same text of the same module. */
export const sameSpan = (a: TlaLocation, b: TlaLocation): boolean =>
  a.module === b.module && a.startLine === b.startLine && a.startCol === b.startCol && a.endLine === b.endLine && a.endCol === b.endCol;

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
  /** Simulation: traces run so far. */
  readonly traces?: number;
}

export type Verdict =
  | { readonly kind: 'passed' }
  /**
   * `variable`: of TypeOK, the variable whose type the last state breaks. The compiled verifier
   * checks TypeOK a variable at a time and says; TLC and tla-checker name only TypeOK, and
   * `runPipeline` adds it to their verdicts (a bare `check()` of theirs has none).
   */
  | { readonly kind: 'invariant'; readonly name: string; readonly initial: boolean; readonly trace: readonly TraceState[]; readonly variable?: string }
  | { readonly kind: 'deadlock'; readonly trace: readonly TraceState[] }
  /**
   * A temporal property failed; `loopsTo` is the 1-based state the lasso returns to, `loopAction`
   * the action of that closing step (when the checker names it), `stuttering` when it ends stuttering.
   */
  | { readonly kind: 'property'; readonly name?: string; readonly trace: readonly TraceState[]; readonly loopsTo?: number; readonly loopAction?: TraceState['action']; readonly stuttering: boolean }
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
  /** Warnings the checker printed (TLC's class-3 messages, SANY and JVM warnings), one line each. */
  readonly warnings?: readonly string[];
  /**
   * The violation's trace ends before what violates it: the state (an invariant, a `[]P`) or the
   * step (an action property), which holds on the trace's last state or step as the compiled
   * verifier evaluates it (dsl/pipeline/run.ts `withLastStateJudged`; `warnings` say why).
   */
  readonly traceCut?: 'state' | 'step';
  /** Lines the spec printed with `Print`/`PrintT`, in order (TLC prints them again while it rebuilds a trace). */
  readonly output?: readonly string[];
  /** Per-action coverage, when the checker was asked for it (TLC `-coverage`; the compiled verifier with `CheckOptions.coverage`). */
  readonly coverage?: readonly CoverageItem[];
  /** The config's covers (`m.cover`), each reached, unreached or undecided; absent when it has none. */
  readonly covers?: readonly CoverResult[];
  /** TLC's liveness phase: how often it started checking temporal properties on the state graph, and finished. */
  readonly liveness?: { readonly started: number; readonly finished: number };
  /** Every violation after the first (which is `verdict`), in the order found (TLC `-continue`). */
  readonly moreViolations?: readonly Verdict[];
  /** A Java stack trace in the checker's output (TLC prints one with `-debug`; the JVM when it dies). */
  readonly stackTrace?: string;
  /**
   * Set when the run was a random simulation (`--simulate`), not an exhaustive search: a `passed`
   * verdict then only says that no trace it ran violated anything. The seed reproduces the run.
   */
  readonly simulation?: SimulationFacts;
  /**
   * Why `counts` of this run are not the one stable count a single exhaustive search gives: a
   * violation found by several workers (`TLC with 2 workers`, `distributed TLC, 2 workers`) stops
   * at a point that depends on their order; a run resumed from a checkpoint counts what TLC
   * recovered. Absent when the count is stable.
   */
  readonly countsVary?: string;
  /**
   * Threads that generated states: TLC's workers (its `-workers`, as it printed them); the
   * compiled verifier's search thread and the worker threads it started, which it does only past
   * 20,000 distinct states. Absent when the checker did not say (tla-checker, distributed TLC)
   * or no search ran (a refusal).
   */
  readonly workers?: number;
  /**
   * Set when partial-order reduction (`--por`) searched a reduced state graph: `counts` are its
   * states; `reducedStates` of them were expanded by one process's steps instead of all.
   */
  readonly reduction?: { readonly reducedStates: number };
}

export interface SimulationFacts {
  /** The seed that reproduces the run (TLC's is a Java long: kept as text). */
  readonly seed?: string;
  /** Traces run (to the violation, if one was found). */
  readonly traces?: number;
  /** Traces asked for, and their longest length. */
  readonly maxTraces?: number;
  readonly depth?: number;
  /** States generated along every trace (not distinct). */
  readonly generated?: number;
  /** The time limit ended the simulation (no trace count was given, or it was not reached). */
  readonly timeLimited?: boolean;
}

/**
 * A cover of the config: `reached` when some state satisfies it (`witness`: the trace to the
 * first one found, a shortest one on a breadth-first search with one worker); `unreached` when
 * every state was explored and none does — the config then fails; `undecided` when the search
 * stopped before (a violation, a limit, an error: `reason`).
 */
export interface CoverResult {
  readonly name: string;
  readonly status: 'reached' | 'unreached' | 'undecided';
  readonly witness?: readonly TraceState[];
  readonly reason?: string;
  /** The checker whose own search decided it, when that is not the run's checker (see `withCovers`). */
  readonly decidedBy?: string;
}

/** The covers a result found unreached: each fails its config. */
export function unreachedCovers(r: Pick<CheckResult, 'covers'>): readonly CoverResult[] {
  return (r.covers ?? []).filter((c) => c.status === 'unreached');
}

export interface CoverageItem {
  /** What the entry covers: the initial predicate, a next-state action, a property or a constraint. */
  readonly kind: 'init' | 'action' | 'property' | 'constraint';
  readonly name: string;
  readonly location?: TlaLocation;
  /** For `init`/`action`: distinct states found and states generated by it. */
  readonly distinct?: number;
  readonly generated?: number;
}

/**
 * What an evaluation error's message says was being checked when it was raised, as TLC and the
 * compiled verifier word it (`Evaluating invariant Inv failed.`, `… action property P …`); none
 * for an error in a step.
 */
export function evaluating(message: string): { readonly what: 'invariant' | 'action property'; readonly name: string } | undefined {
  const m = /^Evaluating (invariant|action property) (\S+) failed\./.exec(message);
  return m ? { what: m[1] as 'invariant' | 'action property', name: m[2]! } : undefined;
}

/** Violations found by checking, as opposed to the checker being unable to check. */
export function isViolation(v: Verdict): boolean {
  return v.kind === 'invariant' || v.kind === 'deadlock' || v.kind === 'property' || v.kind === 'assert' || v.kind === 'evalError';
}
