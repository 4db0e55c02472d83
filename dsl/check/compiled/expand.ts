/**
 * Successor generation for the parallel search (parallel.ts), the part a worker thread does:
 * states arrive as rows of value ids of the search's tables — the worker keeps a replica, kept
 * in step by the values each batch adds — and leave as rows of their successors' ids. A value
 * the replica does not have yet travels as a value (`fresh`), and the search gives it its id.
 * Everything that decides the search's order, counts and verdict stays in the search: here each
 * state's successors are only generated, in the order `Next` generates them, as search.ts's
 * own loop would, with what only the generating thread knows (the action, whether a successor
 * is inside the constraints, a failed action property, an error) marked on them.
 */
import type { ActionInfo, CompiledSpec, Env } from './compile.js';
import { ValueTable } from './store.js';
import { enterOrder, EvalError, type Value } from './values.js';

export interface Batch {
  /** Per variable: the values the search's table gained since the last batch (in id order). */
  readonly added: readonly (readonly Value[])[];
  /** The states to expand: `rows.length / nVars` rows of value ids. */
  readonly rows: Int32Array;
}

/**
 * Successor flags; `INCOMPLETE`: generating it failed (the batch's `stop` says how), it has no
 * row; `EVAL_FAILED`: its action property or constraint raised the batch's `stop` error (its
 * row is the last state of that error's trace).
 */
export const OUTSIDE_CONSTRAINT = 1, PROPERTY_FAILED = 2, INCOMPLETE = 4, EVAL_FAILED = 8;

/** Where an action property is being checked: the one running, so an error it throws can be named (TLC's message names it). */
export interface Checking { property?: { readonly name: string } | undefined }

/** The first action property the step in `env` breaks, if any; `checking.property` is set while each runs. */
export function brokenProperty(spec: CompiledSpec, env: Env, checking: Checking): { readonly name: string } | undefined {
  for (const p of spec.actionProperties) {
    checking.property = p;
    if (!p.steps.every((step) => step(env) === true)) { checking.property = undefined; return p; }
  }
  checking.property = undefined;
  return undefined;
}

/** Whether the state `vals` meets every CONSTRAINT (checked in `env`; an error there is the caller's to place). */
export function withinConstraints(spec: CompiledSpec, env: Env, vals: readonly Value[]): boolean {
  env.s = vals as Value[];
  for (const c of spec.constraints) if (c(env) !== true) return false;
  return true;
}

/** The error of a successor some variable of which its action left unassigned, if it is one. */
export function incomplete(spec: CompiledSpec, env: Env): EvalError | undefined {
  const i = env.n.indexOf(undefined);
  return i < 0 ? undefined : new EvalError(`Successor state is not completely specified by action ${env.action?.name ?? 'Next'}: ${spec.varNames[i]} is not assigned.`);
}

export interface BatchResult {
  /** How many of the batch's states were expanded: all, or up to the one whose expansion stopped (`stop`). */
  readonly expanded: number;
  /** Successors of each expanded state. */
  readonly counts: Int32Array;
  /** The successors' rows; an id `-1 - k` is the k-th value of `fresh` for that variable. */
  readonly rows: Int32Array;
  readonly flags: Int32Array;
  /** Each successor's action, an index into `CompiledSpec.actions` (-1: none). */
  readonly actions: Int32Array;
  readonly fresh: readonly (readonly Value[])[];
  /** The arguments of the successors that may end up in a trace: outside the constraints, failing an action property, or raising an error there. */
  readonly args: ReadonlyMap<number, readonly Value[]>;
  /** Why the last expanded state's expansion stopped: a failed action property (on its last successor) or an error (raised checking that action property, if `checking`). */
  readonly stop?: { readonly property: string } | { readonly error: unknown; readonly checking?: string };
}

export class Expander {
  private readonly nVars: number;
  private readonly tables: ValueTable[];
  private readonly env: Env;
  private readonly actionIndex: Map<ActionInfo, number>;

  private readonly check: Env;

  /**
   * `tables`: the search's own, when this expander runs in the search's thread (then batches
   * add nothing); by default a replica, kept in step by what each batch adds.
   */
  constructor(private readonly spec: CompiledSpec, tables?: ValueTable[]) {
    this.check = spec.newEnv();
    this.nVars = spec.varNames.length;
    this.tables = tables ?? spec.varNames.map(() => new ValueTable());
    this.env = spec.newEnv();
    this.actionIndex = new Map(spec.actions.map((a, i) => [a, i]));
  }

  expand(batch: Batch): BatchResult {
    enterOrder(this.spec.order);
    const { nVars, tables, env, spec } = this;
    batch.added.forEach((vals, i) => { for (const v of vals) tables[i]!.intern(v); });
    const nStates = batch.rows.length / nVars;
    const counts = new Int32Array(nStates);
    const rows = new Grow(), flags = new Grow(), actions = new Grow();
    const args = new Map<number, readonly Value[]>();
    const fresh = spec.varNames.map(() => new ValueTable());
    let stop: BatchResult['stop'];
    let expanded = 0;
    const cur = new Int32Array(nVars);
    let curVals: Value[] = [];
    let successors = 0;
    const checking: Checking = {};
    /** One successor, as search.ts's loop takes it: complete, then constraints, then (after its invariants, in the search) action properties. */
    const onSuccessor = (): void => {
      successors++;
      const n = env.n;
      const at = actions.length;
      actions.push(env.action ? this.actionIndex.get(env.action) ?? -1 : -1);
      let f = 0;
      const missing = incomplete(spec, env);
      if (missing) {
        // The search counts this successor, then stops at the error.
        for (let i = 0; i < nVars; i++) rows.push(0);
        flags.push(INCOMPLETE);
        throw missing;
      }
      try {
        if (!withinConstraints(spec, this.check, n as Value[])) f = OUTSIDE_CONSTRAINT;
        const property = brokenProperty(spec, env, checking);
        if (property) { f |= PROPERTY_FAILED; stop = { property: property.name }; }
      } catch (err) {
        // After a property's error, f keeps OUTSIDE_CONSTRAINT: the search judges the invariants first.
        f |= EVAL_FAILED;
        stop = { error: err, ...(checking.property ? { checking: `action property ${checking.property.name}` } : {}) };
        checking.property = undefined;
      }
      for (let i = 0; i < nVars; i++) {
        const v = n[i]!;
        let id = v === curVals[i] ? cur[i]! : tables[i]!.find(v);
        if (id < 0) id = -1 - fresh[i]!.intern(v);
        rows.push(id);
      }
      flags.push(f);
      if (f !== 0) args.set(at, env.args.slice());
      if (f & (PROPERTY_FAILED | EVAL_FAILED)) throw STOP;
    };
    for (let s = 0; s < nStates; s++) {
      for (let i = 0; i < nVars; i++) cur[i] = batch.rows[s * nVars + i]!;
      curVals = new Array<Value>(nVars);
      for (let i = 0; i < nVars; i++) curVals[i] = tables[i]!.values[cur[i]!]!;
      env.s = curVals;
      successors = 0;
      expanded++;
      try {
        spec.next(env, onSuccessor);
      } catch (err) {
        if (err !== STOP) stop = { error: err };
      }
      counts[s] = successors;
      if (stop) break;
    }
    return {
      expanded, counts: counts.subarray(0, expanded), rows: rows.done(), flags: flags.done(), actions: actions.done(),
      fresh: fresh.map((t) => t.values), args, ...(stop ? { stop } : {}),
    };
  }
}

const STOP = Symbol('stop');

/** An appendable Int32Array (doubling), handed over as its filled part. (One element type: a generic one made every push megamorphic.) */
class Grow {
  private data = new Int32Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) { const d = new Int32Array(this.data.length * 2); d.set(this.data); this.data = d; }
    this.data[this.length++] = v;
  }
  done(): Int32Array { return this.data.slice(0, this.length); }
}
