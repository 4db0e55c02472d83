/**
 * Breadth-first search over a compiled spec, step for step what TLC's model checker does
 * (tlc2.tool.Worker#addElement and ModelChecker#doInit, tlaplus master):
 *  - each successor counts as generated; a state violating a CONSTRAINT is not stored or
 *    explored, but invariants are still checked on it;
 *  - a new state's invariants are checked when it is found (TypeOK first), so the first
 *    violation is at the least depth: counterexamples are shortest;
 *  - a state with no successor at all (seen, new or constrained away) is a deadlock;
 *  - an evaluation error or failed Assert while generating successors stops the search with the
 *    trace up to the state being explored.
 */
import type { Progress } from '../checker.js';
import { placeText, type TlaLocation } from '../result.js';
import { AssertFailure, type ActionInfo, type CompiledSpec, type Eval } from './compile.js';
import { ChunkedInts, FingerprintSet, fingerprint, IdMemo, OutOfMemory, StateRows, TupleMemo, ValueTable } from './store.js';
import { enterOrder, equals, EvalError, messageOf, permute, type ModelValue, type Value } from './values.js';
import { findLasso, type FairAt, type Goal, type StateGraph } from './liveness.js';
import type { Watch } from './watch.js';
import { Expander, incomplete, withinConstraints, INCOMPLETE, EVAL_FAILED, OUTSIDE_CONSTRAINT, PROPERTY_FAILED, type BatchResult } from './expand.js';
import { WorkerPool, type Pool, type SpecSource } from './parallel.js';
import v8 from 'node:v8';
import os from 'node:os';

export interface SearchOptions {
  readonly maxStates?: number;
  readonly timeoutMs?: number;
  readonly onProgress?: (p: Progress) => void;
  readonly signal?: AbortSignal;
  readonly checkDeadlock: boolean;
  /** Bytes of memory the search may use before it stops with a clear error (default: most of RAM). */
  readonly memoryLimit?: number;
  /** The fingerprint table's largest size, as a power of two (default 2^30 slots). */
  readonly tableLog2?: number;
  /**
   * Check each invariant, each assert and deadlock alone, in one search (`SearchResult.each`):
   * the search goes on past a violation, recording the first of each kind and name. Breadth
   * first, the states found before a name's first violation are those its own focused run (the
   * others off) finds, in the same order, so each record is that run's verdict and trace. After
   * an assert first fails, it is switched off and the state's successors are generated again; an
   * evaluation error outside the invariants stops every check not yet decided.
   */
  readonly each?: boolean;
  /**
   * With `each`: the names the caller will read. Once every one is violated (and the watch is
   * settled), the rest of the state space cannot change an answer, and the search stops.
   */
  readonly eachWanted?: readonly string[];
  /** Covers and per-action counts (watch.ts): told of every state checked and every successor. */
  readonly watch?: Watch;
  /**
   * Generate successors in `workers` worker threads once `from` distinct states are found (not
   * with `each`): the same states, counts, verdict and trace as one thread (parallel.ts).
   */
  readonly parallel?: { readonly workers: number; readonly from: number; readonly source: SpecSource; readonly pool?: () => Pool };
  /**
   * Partial-order reduction (por.ts), with the steps that may form an ample set: each state is
   * expanded in full, then only one process's successors are kept when every step it can take
   * is one of these. Safety only; not with `each` (then ignored), and in one thread.
   */
  readonly por?: ReadonlySet<string>;
}

export interface Step {
  readonly values: readonly Value[];
  readonly action?: ActionInfo;
  readonly args?: readonly Value[];
}

export type Outcome =
  | { readonly kind: 'passed' }
  /** `variable`: TypeOK's, the variable whose type the state breaks. */
  | { readonly kind: 'invariant'; readonly name: string; readonly initial: boolean; readonly trace: readonly Step[]; readonly variable?: string }
  | { readonly kind: 'deadlock'; readonly trace: readonly Step[] }
  /**
   * An action property `[][A]_v` failed on the trace's last step; or a temporal property, shown
   * by a lasso: the last state steps back to state `loopsTo` (1-based) by `loopStep`, or stutters.
   */
  | { readonly kind: 'property'; readonly name: string; readonly trace: readonly Step[]; readonly loopsTo?: number; readonly loopStep?: Step; readonly stuttering?: boolean }
  | { readonly kind: 'assert'; readonly name: string; readonly location?: TlaLocation; readonly trace: readonly Step[] }
  | { readonly kind: 'evalError'; readonly message: string; readonly stack: readonly TlaLocation[]; readonly trace: readonly Step[] }
  | { readonly kind: 'crashed'; readonly message: string }
  | { readonly kind: 'timeout'; readonly afterMs: number };

export interface SearchResult {
  readonly outcome: Outcome;
  /** With `each`: the first violation of each invariant or assert name, and `deadlock` (absent: it holds). */
  readonly each?: ReadonlyMap<string, Outcome>;
  /** With `each`: the stop that decided every name not in `each` (an evaluation error, a limit), if any. */
  readonly stoppedBy?: Outcome;
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly bytes: number;
  /** With `por`: the states expanded by one process's steps only. */
  readonly reduced?: number;
  /** Threads that generated successors: this one, and the pool's when it started (`parallel.from` states found). */
  readonly workers: number;
}

const noArgs = (): Value[] => [];
/** How many answered batches may wait for their turn while this thread expands more itself. */
const OWN_AHEAD = 4;

/** Thrown out of a successor callback to stop the search. */
class Stop extends Error {
  /** `tlcReplays`: an invariant's evaluation error on a successor, after which TLC counts more states (`replayCount`). */
  constructor(readonly outcome: Outcome, readonly tlcReplays = false) { super(outcome.kind); }
}

export async function search(spec: CompiledSpec, o: SearchOptions): Promise<SearchResult> {
  enterOrder(spec.order);
  const nVars = spec.varNames.length;
  const tables = spec.varNames.map(() => new ValueTable());
  const rows = new StateRows(nVars);
  // Temporal properties are checked on the state graph once it is complete: its edges are kept.
  const live = spec.liveness.length > 0 && !o.each;
  const seen = new FingerprintSet(Math.min(12, o.tableLog2 ?? 30), o.tableLog2 ?? 30, live);
  const edges = new ChunkedInts(), edgeStart = new ChunkedInts();
  const invariants = [...spec.invariants, ...spec.impliedInvariants];
  const perms = permutations(spec.symmetry);
  const permCache = spec.varNames.map(() => perms.map(() => new Map<number, number>()));
  // Asserts this search has switched off (`each`), shared by every env it evaluates in.
  const suppressed = new Set<string>();
  const env = { ...spec.newEnv(), suppressed };
  const checkEnv = { ...spec.newEnv(), suppressed };
  const row = new Int32Array(nVars), best = new Int32Array(nVars), cand = new Int32Array(nVars), cur = new Int32Array(nVars);
  const fp = new Uint32Array(2);
  const started = performance.now();
  const memoryLimit = o.memoryLimit ?? Math.floor(os.totalmem() * 0.8);
  const heapLimit = v8.getHeapStatistics().heap_size_limit * 0.9;
  let generated = 0, depth = 0, head = 0, initialCount = 0;

  const decode = (ids: Int32Array): Value[] => {
    const vals = new Array<Value>(nVars);
    for (let i = 0; i < nVars; i++) vals[i] = tables[i]!.values[ids[i]!]!;
    return vals;
  };
  /** The ids of `vals` into `into`; a value that is the very one of the state expanded (`fromVals`, ids `fromIds`) keeps its id unlooked-up. */
  const intern = (vals: readonly (Value | undefined)[], into: Int32Array, fromVals?: readonly Value[], fromIds?: Int32Array) => {
    for (let i = 0; i < nVars; i++) {
      const v = vals[i]!;
      into[i] = fromVals && fromVals[i] === v ? fromIds![i]! : tables[i]!.intern(v);
    }
  };
  /** Fingerprint of the state's symmetry class: the least row over all permutations. */
  const fingerprintOf = (ids: Int32Array): void => {
    if (perms.length === 0) return fingerprint(ids, nVars, fp);
    best.set(ids);
    for (let p = 0; p < perms.length; p++) {
      for (let i = 0; i < nVars; i++) {
        const cache = permCache[i]![p]!;
        let id = cache.get(ids[i]!);
        if (id === undefined) { id = tables[i]!.intern(permute(tables[i]!.values[ids[i]!]!, perms[p]!)); cache.set(ids[i]!, id); }
        cand[i] = id;
      }
      if (lessThan(cand, best, nVars)) best.set(cand);
    }
    fingerprint(best, nVars, fp);
  };
  const inModel = (vals: readonly Value[]): boolean => withinConstraints(spec, checkEnv, vals);
  /** The first invariant `vals` violates, as an outcome; with `each`, every one not yet violated is recorded instead. */
  const memos = invariants.map((inv) => inv.conjuncts.map((c) => c.vars === undefined ? undefined : c.vars.length === 1 ? new IdMemo(c.vars[0]!) : new TupleMemo(c.vars)));
  const each = o.each ? new Map<string, Outcome>() : undefined;
  const violation = (vals: readonly Value[], ids: Int32Array, trace: () => Step[], initial: boolean): Outcome | undefined => {
    checkEnv.s = vals;
    for (let i = 0; i < invariants.length; i++) {
      const inv = invariants[i]!;
      if (each) {
        if (each.has(inv.name)) continue;
        const bad = invariantViolation(i, ids, trace, initial);
        if (bad) each.set(inv.name, bad);
        continue;
      }
      const bad = invariantViolation(i, ids, trace, initial);
      if (bad) return bad;
    }
    return undefined;
  };
  /** Whether invariant `i` holds in `checkEnv.s`, or how it fails (an evaluation error is a failure too). */
  const invariantViolation = (i: number, ids: Int32Array, trace: () => Step[], initial: boolean): Outcome | undefined => {
    const inv = invariants[i]!;
    for (let j = 0; j < inv.conjuncts.length; j++) {
      const c = inv.conjuncts[j]!;
      let ok: boolean | undefined, key = -1;
      const memo = memos[i]![j];
      if (memo) { key = memo.key(ids); ok = memo.get(key); }
      if (ok === undefined) {
        let v: Value;
        try { v = c.check(checkEnv); } catch (err) { return initial ? initErrorOutcome(spec, err) : errorOutcome(err, trace(), `invariant ${inv.name}`); }
        if (typeof v !== 'boolean') return errorOutcome(new EvalError(`The invariant ${inv.name} is not a boolean.`), trace());
        ok = v;
        memo?.set(key, ok);
      }
      if (!ok) return { kind: 'invariant', name: inv.name, initial, trace: trace(), ...(c.variable ? { variable: c.variable } : {}) };
    }
    return undefined;
  };
  const traceTo = (id: number): Step[] => rebuildTrace(spec, rows, pathTo(rows, id), tables, decode, suppressed);

  /** The first temporal property some fair behaviour violates, as a lasso over the complete state graph. */
  const checkLiveness = (): Outcome | undefined => {
    const flat = new Int32Array(edges.length);
    for (let i = 0; i < edges.length; i++) flat[i] = edges.get(i);
    const graph: StateGraph = {
      size: rows.count,
      initialCount,
      successors: (id) => flat.subarray(edgeStart.get(id), edgeStart.get(id + 1)),
      parent: (id) => rows.parent(id),
    };
    const valuesOf = (id: number): Value[] => { rows.read(id, cur); return decode(cur); };
    /** A predicate over state ids, each state evaluated once; an evaluation error stops the check there. */
    const predicate = (f: Eval): ((id: number) => boolean) => {
      const memo = new Int8Array(rows.count);
      return (id) => {
        if (memo[id] === 0) {
          checkEnv.s = valuesOf(id);
          let v: Value;
          try { v = f(checkEnv); } catch (err) { throw new Stop(errorOutcome(err, traceTo(id))); }
          memo[id] = v === true ? 1 : 2;
        }
        return memo[id] === 1;
      };
    };
    const fairness = spec.fairness.map((f) => ({
      strong: f.strong,
      at: memo((id: number): FairAt => {
        const s = valuesOf(id);
        env.s = s;
        let enabled = false;
        const steps: number[] = [];
        try {
          f.steps(env, () => {
            const n = env.n as Value[];
            // A step of `<<A>>_vars` changes some variable; the DSL's actions assign every one.
            if (n.some((v) => v === undefined) || n.every((v, i) => equals(v!, s[i]!))) return;
            enabled = true;
            intern(n, row);
            fingerprintOf(row);
            const to = seen.find(fp[0]!, fp[1]!);
            if (to >= 0) steps.push(to);
          });
        } catch (err) { throw new Stop(errorOutcome(err, traceTo(id))); }
        return { enabled, steps };
      }),
    }));
    try {
      for (const p of spec.liveness) {
        for (const g of p.goals) {
          const goal: Goal = {
            start: g.start === 'init' ? 'init' : g.start === 'any' ? () => true : predicate(g.start),
            within: g.within.map(predicate),
            visits: g.visits.map(predicate),
          };
          const lasso = findLasso(graph, goal, fairness);
          if (lasso) return lassoOutcome(p.name, lasso.states, lasso.loopsTo);
        }
      }
    } catch (err) {
      if (err instanceof Stop) return err.outcome;
      throw err;
    }
    return undefined;
  };
  const lassoOutcome = (name: string, ids: readonly number[], loopsTo: number | undefined): Outcome => {
    const trace = rebuildTrace(spec, rows, ids, tables, decode, suppressed);
    if (loopsTo === undefined) return { kind: 'property', name, trace, stuttering: true };
    const [, loopStep] = rebuildTrace(spec, rows, [ids.at(-1)!, ids[loopsTo]!], tables, decode, suppressed);
    return { kind: 'property', name, trace, loopsTo: loopsTo + 1, ...(loopStep ? { loopStep } : {}), stuttering: false };
  };

  const por = o.each ? undefined : o.por;
  let reduced = 0, workers = 1;
  const counts = () => ({ distinct: seen.size, generated, depth, bytes: rows.bytes + seen.bytes + edges.bytes + edgeStart.bytes, workers, ...(por ? { reduced } : {}) });
  const result = (outcome: Outcome): SearchResult => each
    ? { outcome: { kind: 'passed' }, each, ...(outcome.kind === 'passed' ? {} : { stoppedBy: outcome }), ...counts() }
    : { outcome, ...counts() };

  try {
    // ASSUMEs, once, before anything else (TLC: ModelChecker#checkAssumptions).
    for (const a of spec.assumptions) {
      let v: Value;
      try { v = a.check(checkEnv); } catch (err) { return result(errorOutcome(err, [])); }
      if (v !== true) {
        const where = a.location ? placeText(a.location) : 'of the module';
        return result({ kind: 'evalError', message: `Assumption ${where} is false.`, stack: a.location ? [a.location] : [], trace: [] });
      }
    }
    // Initial states.
    const initEnv = { ...spec.newEnv(), suppressed };
    try {
      spec.init(initEnv, () => {
        generated++;
        const vals = initEnv.n.slice() as Value[];
        intern(vals, row);
        // As TLC's DoInitFunctor: a state outside the constraint is checked but not kept; one seen before is neither.
        let inside: boolean;
        try { inside = inModel(vals); } catch (err) { throw new Stop(initErrorOutcome(spec, err)); }
        let isNew = false;
        if (inside) {
          fingerprintOf(row);
          isNew = seen.add(fp[0]!, fp[1]!, rows.count);
          if (isNew) { rows.add(row, -1); depth = 1; }
        }
        if (isNew || !inside) {
          const trace = () => [{ values: vals }];
          o.watch?.state(vals, trace);
          const bad = violation(vals, row, trace, true);
          if (bad) throw new Stop(bad);
        }
      });
    } catch (err) {
      if (err instanceof Stop) return result(err.outcome);
      return result(errorOutcome(err, []));
    }

    initialCount = rows.count;
    let levelEnd = rows.count, level = 1, lastProgress = performance.now(), lastYield = lastProgress;
    let curVals: Value[] = [];
    let successors = 0;
    /**
     * The successor `accept` is judging, for `acceptedTrace`: the watch and the invariants ask for
     * its trace (if at all) before `accept` returns, so one closure serves every state, where one
     * per state cost an allocation (and, under tsx, a property definition) for each.
     */
    let acceptedId = -1, acceptedVals: readonly Value[] = [], acceptedAction: ActionInfo | undefined, acceptedArgs: () => Value[] = noArgs;
    const acceptedTrace = (): Step[] => acceptedId >= 0 ? traceTo(acceptedId) : toSuccessor(acceptedVals, acceptedAction, acceptedArgs());
    /** A successor of state `head`, its ids in `row`: stored if new and inside the constraints; its invariants checked if stored or outside them. */
    const accept = (given: readonly Value[] | undefined, inside: boolean, action: ActionInfo | undefined, args: () => Value[]): void => {
      let id = -1;
      if (inside) {
        fingerprintOf(row);
        const isNew = seen.add(fp[0]!, fp[1]!, rows.count);
        if (isNew) { id = rows.add(row, head); if (level + 1 > depth) depth = level + 1; }
        if (live) edges.push(isNew ? id : seen.foundId);
        if (!isNew) return;
      }
      const vals = given ?? decode(row);
      acceptedId = id; acceptedVals = vals; acceptedAction = action; acceptedArgs = args;
      o.watch?.state(vals, acceptedTrace);
      const bad = violation(vals, row, acceptedTrace, false);
      if (bad) throw new Stop(bad, bad.kind === 'evalError');
    };
    /**
     * The states TLC adds to its count after an invariant's evaluation error on a successor of
     * `head`. To print the error's stack, TLC takes that state's steps again with a CallStackTool
     * (ModelChecker#modelCheck → doNext), action by action, each action's successors generated
     * before any is judged: a successor seen before is passed over (the failing one among them),
     * and each new one is put in its set of states — counted — and judged, until a step raises an
     * error, a successor breaks an invariant or an action property, or the steps end. What stopped
     * it is TLC's printed stack, or no stack at all; the error reported stays the first one.
     */
    const replayCount = (): void => {
      rows.read(head, cur);
      curVals = decode(cur);
      env.s = curVals;
      // Each action's successors (an action: one of TLC's split of Next, told by `entered`), judged once all are generated.
      const units: { entered: number; succ: { vals: Value[]; missing: boolean }[] }[] = [];
      try {
        spec.next(env, () => {
          let u = units[units.length - 1];
          if (u?.entered !== env.entered) units.push(u = { entered: env.entered, succ: [] });
          u.succ.push({ vals: env.n.slice() as Value[], missing: !!incomplete(spec, env) });
        });
      } catch {
        // An action that raises an error judges none of its successors; the replay stops there.
        if (units[units.length - 1]?.entered === env.entered) units.pop();
      }
      const n = env.n;
      try {
        for (const u of units) {
          for (const { vals, missing } of u.succ) {
            if (missing) return;
            let inside: boolean;
            try { inside = inModel(vals); } catch { return; }
            intern(vals, row, curVals, cur);
            let unseen = true;
            if (inside) { fingerprintOf(row); unseen = seen.add(fp[0]!, fp[1]!, rows.count); }
            if (unseen && violation(vals, row, () => [], false)) return;
            env.n = vals;
            try { if (!spec.actionProperties.every((p) => p.steps.every((f) => f(env) === true))) return; } catch { return; }
          }
        }
      } finally { env.n = n; }
    };
    /** The search's end at `stop`, thrown while the successors of `head` were judged. */
    const stopped = (stop: Stop): SearchResult => {
      if (stop.tlcReplays && !por) replayCount();
      return result(stop.outcome);
    };
    /** The trace to the state being expanded, then its successor `vals` under `action`. */
    const toSuccessor = (vals: readonly Value[], action: ActionInfo | undefined, args: readonly Value[]): Step[] => {
      const last = vals.slice(); // before traceTo re-runs the steps: `vals` may be the search's env.n
      return [...traceTo(head), { values: last, ...(action ? { action, args } : {}) }];
    };
    const propertyFailure = (name: string, vals: readonly Value[], action: ActionInfo | undefined, args: Value[]): Outcome =>
      ({ kind: 'property', name, trace: toSuccessor(vals, action, args) });
    /** The arguments of the step being generated, asked for only when a trace ends with it. */
    const currentArgs = (): Value[] => env.args.slice();
    /**
     * An evaluation error raised by a successor's action property or constraint: TLC's trace for
     * it ends with that successor (one raised by the action itself ends at the state expanded),
     * and its message names the action property being checked.
     */
    let failed: { trace: Step[]; checking?: string } | undefined;
    const failedOn = (err: unknown, vals: readonly Value[], action: ActionInfo | undefined, args: () => Value[], property?: { name: string }): never => {
      if (!(err instanceof Stop)) failed = { trace: toSuccessor(vals, action, args()), ...(property ? { checking: `action property ${property.name}` } : {}) };
      throw err;
    };
    /**
     * The step in `env` to `vals` against every action property: they hold of every step, to a
     * state seen before too. Checked after the successor's constraint and invariants, as TLC's
     * doNext does (a step breaking an invariant and an action property is the invariant's).
     */
    const checkProperties = (vals: readonly Value[], args: () => Value[]): void => {
      let checked: { name: string } | undefined;
      try {
        for (const p of spec.actionProperties) {
          checked = p;
          if (each?.has(p.name) || p.steps.every((f) => f(env) === true)) continue;
          const bad = propertyFailure(p.name, vals, env.action, args());
          if (!each) throw new Stop(bad);
          each.set(p.name, bad);
        }
      } catch (err) { failedOn(err, vals, env.action, args, checked); }
    };
    const onSuccessor = (): void => {
      generated++;
      successors++;
      o.watch?.successor(env.action);
      const missing = incomplete(spec, env);
      if (missing) throw missing;
      if (por) { expansion.push({ vals: env.n.slice() as Value[], action: env.action, args: env.args.slice() }); return; }
      // The successor is judged in place: nothing reads `env.n` as this state after this call returns; every trace stored copies it (toSuccessor).
      const vals = env.n as Value[];
      judge(vals, env.action, currentArgs);
      checkProperties(vals, currentArgs);
    };
    /**
     * A successor of state `head` as TLC's doNext takes it: its constraint first (an error there
     * ends the trace with the successor), then stored if new and its invariants checked (`accept`).
     * Its action properties are the caller's to check, after.
     */
    const judge = (vals: Value[], action: ActionInfo | undefined, args: () => Value[]): void => {
      let inside: boolean;
      try { inside = inModel(vals); } catch (err) { return failedOn(err, vals, action, args); }
      intern(vals, row, curVals, cur);
      accept(vals, inside, action, args);
    };
    /** With `por`: the successors of the state being expanded, kept until they are all generated. */
    const expansion: { vals: Value[]; action: ActionInfo | undefined; args: Value[] }[] = [];
    /** The ample set among them (indices): every successor of the first process all of whose steps may form one, or all. */
    const ample = (reducible: ReadonlySet<string>): readonly number[] | undefined => {
      const byProcess = new Map<Value, { ok: boolean; at: number[] }>();
      expansion.forEach(({ action, args }, i) => {
        if (action?.params[0] !== 'self') return;
        let p = byProcess.get(args[0]!);
        if (!p) byProcess.set(args[0]!, p = { ok: true, at: [] });
        p.at.push(i);
        if (!reducible.has(action.name)) p.ok = false;
      });
      for (const p of byProcess.values()) if (p.ok && p.at.length < expansion.length) return p.at;
      return undefined;
    };
    const hasActionProperties = spec.actionProperties.length > 0;
    const takeExpansion = (reducible: ReadonlySet<string>): void => {
      const keep = ample(reducible);
      if (keep) reduced++;
      for (const i of keep ?? expansion.keys()) {
        const { vals, action, args } = expansion[i]!;
        judge(vals, action, () => args);
        if (hasActionProperties) stepProperties(i);
      }
      // A step left out of the ample set is judged too, as the full search would judge it.
      if (hasActionProperties && keep) { const kept = new Set(keep); for (const i of expansion.keys()) if (!kept.has(i)) stepProperties(i); }
    };
    /** The action properties of the expansion's step `i`, on its own successor put back in env (next() is done with env until the next state). */
    const stepProperties = (i: number): void => {
      const { vals, action, args } = expansion[i]!;
      const { n, action: a, args: as } = env;
      env.n = vals;
      env.action = action;
      env.args = args;
      try { checkProperties(vals, () => args); } finally { env.n = n; env.action = a; env.args = as; }
    };
    /**
     * Limits, progress and a turn for the event loop, every 256 states: an outcome when a limit
     * stops the search. Another search may run in any await: the caller re-enters this spec's
     * value order after each one (`enterOrder`).
     */
    const checkpoint = async (): Promise<Outcome | undefined> => {
      const now = performance.now();
      if (o.timeoutMs !== undefined && now - started > o.timeoutMs) return { kind: 'timeout', afterMs: o.timeoutMs };
      if (o.signal?.aborted) return { kind: 'crashed', message: 'aborted' };
      if (o.maxStates !== undefined && seen.size > o.maxStates) {
        return { kind: 'crashed', message: `stopped at ${seen.size} distinct states: more than --max-states ${o.maxStates} (not a pass)` };
      }
      if (now - lastProgress > 1000) {
        lastProgress = now;
        o.onProgress?.({ phase: 'exploring', distinct: seen.size, queue: rows.count - head, depth, generated, distinctPerMinute: Math.round(seen.size / ((now - started) / 60000)) });
      }
      if ((head & 4095) === 0) {
        const mem = process.memoryUsage();
        if (mem.rss > memoryLimit || mem.heapUsed > heapLimit) {
          return { kind: 'crashed', message: `out of memory: stopped at ${seen.size} distinct states (${Math.round(mem.rss / 2 ** 20)} MiB resident, ${Math.round(mem.heapUsed / 2 ** 20)} MiB heap; limit ${Math.round(memoryLimit / 2 ** 20)} MiB) — not a pass; try --max-states or a smaller config` };
        }
      }
      if (now - lastYield > 200) { await new Promise((r) => setImmediate(r)); enterOrder(spec.order); lastYield = performance.now(); }
      return undefined;
    };
    /** The successor in `row` a worker stopped its batch at, judged as onSuccessor judges: a constraint's error first, then its invariants, then its action property. */
    const stoppedAt = (stop: NonNullable<BatchResult['stop']>, f: number, action: ActionInfo | undefined, args: () => Value[]): Outcome => {
      const { error, checking, property } = stop as { error?: unknown; checking?: string; property?: string };
      if ((f & EVAL_FAILED) && checking === undefined) return errorOutcome(error, toSuccessor(decode(row), action, args()));
      accept(undefined, (f & OUTSIDE_CONSTRAINT) === 0, action, args);
      return property !== undefined ? propertyFailure(property, decode(row), action, args()) : errorOutcome(error, toSuccessor(decode(row), action, args()), checking);
    };
    /** The successors of a batch of states from `head` on, generated by a worker, taken as `onSuccessor` takes them. */
    const take = (r: BatchResult): Outcome | undefined => {
      const ids = r.fresh.map((vs, i) => vs.map((v) => tables[i]!.intern(v)));
      let k = 0;
      for (let st = 0; st < r.expanded; st++) {
        if (head === levelEnd) { level++; levelEnd = rows.count; }
        if (live) edgeStart.push(edges.length);
        o.watch?.expand(false);
        const n = r.counts[st]!;
        for (let j = 0; j < n; j++, k++) {
          generated++;
          const a = r.actions[k]!, action = a >= 0 ? spec.actions[a] : undefined;
          o.watch?.successor(action);
          const f = r.flags[k]!;
          if (f & INCOMPLETE) break;
          for (let i = 0; i < nVars; i++) { const id = r.rows[k * nVars + i]!; row[i] = id >= 0 ? id : ids[i]![-1 - id]!; }
          // Only a successor outside the constraints, failing a property or raising an error there can end a trace as itself: it alone carries its arguments.
          const given = r.args.get(k), args = given ? () => given as Value[] : noArgs;
          if (f & (PROPERTY_FAILED | EVAL_FAILED)) return stoppedAt(r.stop!, f, action, args);
          accept(undefined, (f & OUTSIDE_CONSTRAINT) === 0, action, args);
        }
        if (r.stop && 'error' in r.stop && st === r.expanded - 1) return errorOutcome(r.stop.error, traceTo(head));
        if (o.checkDeadlock && n === 0) return { kind: 'deadlock', trace: traceTo(head) };
        head++;
        if ((head & 255) === 0 && o.signal?.aborted) return { kind: 'crashed', message: 'aborted' };
      }
      return undefined;
    };
    /**
     * The rest of the search with a pool of workers generating successors, batches taken in
     * queue order. When the next batch due is not back yet, this thread expands the next one
     * itself rather than wait (on the search's own tables: its ids need no replica).
     */
    const inParallel = async (pool: Pool, workers: number): Promise<Outcome | undefined> => {
      const own = new Expander(spec, tables);
      const pending: { result?: BatchResult; answer?: Promise<BatchResult> }[] = [];
      let cut = head, lastCheck = head, sent = 0;
      const cutBatch = (): Int32Array => {
        // Smaller batches while the queue is short, so every thread has work.
        const size = Math.min(rows.count - cut, 1024, Math.max(64, Math.ceil((rows.count - cut) / (2 * (workers + 1)))));
        const batch = new Int32Array(size * nVars);
        for (let j = 0; j < size; j++) { rows.read(cut + j, cur); batch.set(cur, j * nVars); }
        cut += size;
        return batch;
      };
      try {
        for (;;) {
          // Two batches in flight per worker.
          while (sent < 2 * workers && cut < rows.count) {
            const slot: (typeof pending)[number] = {};
            sent++;
            slot.answer = pool.expand(cutBatch(), tables).then((r) => { sent--; slot.result = r; return r; });
            pending.push(slot);
          }
          const next = pending[0];
          if (!next) return undefined;
          if (!next.result && cut < rows.count && pending.length - sent < OWN_AHEAD) {
            pending.push({ result: own.expand({ added: [], rows: cutBatch() }) });
            // Lets the workers' answers in.
            await new Promise((r) => setImmediate(r));
            enterOrder(spec.order);
            continue;
          }
          pending.shift();
          const batch = next.result ?? await next.answer!;
          enterOrder(spec.order);
          const stop = take(batch);
          if (stop) return stop;
          if (head - lastCheck >= 256) { lastCheck = head; const limit = await checkpoint(); enterOrder(spec.order); if (limit) return limit; }
        }
      } finally {
        // Batches still in flight when the search stops are dropped, and so are their failures.
        for (const p of pending) p.answer?.catch(() => undefined);
      }
    };

    let pool: Pool | undefined;
    try {
      while (head < rows.count) {
        if (head === levelEnd) { level++; levelEnd = rows.count; }
        if ((head & 255) === 0) {
          const limit = await checkpoint();
          enterOrder(spec.order);
          if (limit) return result(limit);
          if (each && o.eachWanted?.every((n) => each.has(n)) && (o.watch?.settled ?? true)) return result({ kind: 'passed' });
          if (o.parallel && !each && !por && !pool && seen.size >= o.parallel.from) pool = o.parallel.pool?.() ?? new WorkerPool(o.parallel.source, o.parallel.workers, nVars);
          if (pool?.ready) {
            workers = 1 + o.parallel!.workers;
            const stop = await inParallel(pool, o.parallel!.workers);
            enterOrder(spec.order);
            if (stop) return result(stop);
            break;
          }
        }
        rows.read(head, cur);
        curVals = decode(cur);
        env.s = curVals;
        const generatedBefore = generated;
        if (live) edgeStart.push(edges.length);
        for (let again = false; ; again = true) {
          successors = 0;
          expansion.length = 0;
          o.watch?.expand(again);
          try {
            spec.next(env, onSuccessor);
            if (por) takeExpansion(por);
            break;
          } catch (err) {
            if (err instanceof Stop) return stopped(err);
            const bad = errorOutcome(err, failed?.trace ?? traceTo(head), failed?.checking);
            failed = undefined;
            // An assert that failed, or whose condition could not be evaluated: only its own check stops.
            const assertName = bad.kind === 'assert' ? bad.name : err instanceof EvalError ? err.inAssert : undefined;
            if (!each || assertName === undefined) return result(bad);
            // Its first failure is recorded; from here on it is off: generate this state's successors again.
            if (!each.has(assertName)) each.set(assertName, bad);
            suppressed.add(assertName);
            generated = generatedBefore;
          }
        }
        if (o.checkDeadlock && successors === 0) {
          const dead: Outcome = { kind: 'deadlock', trace: traceTo(head) };
          if (!each) return result(dead);
          if (!each.has('deadlock')) each.set('deadlock', dead);
        }
        head++;
      }
    } catch (err) {
      if (err instanceof Stop) return stopped(err);
      if (pool?.failure && err === pool.failure) return result({ kind: 'crashed', message: `${pool.failure.message} — not a pass` });
      throw err;
    } finally {
      await pool?.close();
      enterOrder(spec.order);
    }
    if (live) {
      edgeStart.push(edges.length);
      const bad = checkLiveness();
      if (bad) return result(bad);
    }
    return result({ kind: 'passed' });
  } catch (err) {
    if (err instanceof OutOfMemory || err instanceof RangeError) return result({ kind: 'crashed', message: `out of memory at ${seen.size} distinct states: ${err.message} — not a pass` });
    throw err;
  }
}

/**
 * What an error thrown while evaluating means: a failed assert, an evaluation error, else a crash.
 * `checking`: the invariant or action property being checked (`invariant Inv`), which TLC's
 * message names on a line of its own before the error.
 */
export function errorOutcome(err: unknown, trace: Step[], checking?: string): Outcome {
  if (err instanceof AssertFailure) return { kind: 'assert', name: err.assertName, ...(err.location ? { location: err.location } : {}), trace };
  if (err instanceof EvalError) return { kind: 'evalError', message: checking ? `Evaluating ${checking} failed.\n${messageOf(err)}` : messageOf(err), stack: err.printedFrames(), trace };
  if (err instanceof OutOfMemory) throw err;
  return { kind: 'crashed', message: err instanceof Error ? err.message : String(err) };
}

/**
 * An error in an initial state's constraint or invariant: TLC raises it while computing the
 * initial states (its DoInitFunctor runs inside Init's evaluation), so Init's frames are outermost,
 * there is no trace, and the message does not name the invariant.
 */
export function initErrorOutcome(spec: Pick<CompiledSpec, 'initFrames'>, err: unknown): Outcome {
  if (err instanceof EvalError) err.frames.unshift(...spec.initFrames);
  return errorOutcome(err, []);
}

/** `f` remembered per state id (each property's goals ask the same fairness questions). */
function memo<T>(f: (id: number) => T): (id: number) => T {
  const known = new Map<number, T>();
  return (id) => { let v = known.get(id); if (v === undefined) known.set(id, v = f(id)); return v; };
}

function lessThan(a: Int32Array, b: Int32Array, n: number): boolean {
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
}

/** Every permutation of every symmetric set, combined (the identity excluded). */
function permutations(sets: readonly (readonly ModelValue[])[]): Map<ModelValue, ModelValue>[] {
  let all: Map<ModelValue, ModelValue>[] = [new Map()];
  for (const set of sets) {
    const next: Map<ModelValue, ModelValue>[] = [];
    for (const order of orders(set.length)) {
      for (const base of all) {
        const m = new Map(base);
        order.forEach((j, i) => { if (i !== j) m.set(set[i]!, set[j]!); });
        next.push(m);
      }
    }
    all = next;
  }
  return all.filter((m) => m.size > 0);
}

function orders(n: number): number[][] {
  if (n === 0) return [[]];
  return orders(n - 1).flatMap((o) => Array.from({ length: n }, (_, i) => [...o.slice(0, i), n - 1, ...o.slice(i)]));
}

/** The ids from an initial state to `id` along the search's tree. */
function pathTo(rows: StateRows, id: number): number[] {
  const ids: number[] = [];
  for (let i = id; i >= 0; i = rows.parent(i)) ids.push(i);
  return ids.reverse();
}

/** The states `ids` as steps, each step's action found by re-running Next on the state before it. */
function rebuildTrace(spec: CompiledSpec, rows: StateRows, ids: readonly number[], tables: readonly ValueTable[], decode: (ids: Int32Array) => Value[], suppressed: ReadonlySet<string>): Step[] {
  const nVars = spec.varNames.length;
  const rowOf = (i: number) => { const r = new Int32Array(nVars); rows.read(i, r); return r; };
  const steps: Step[] = [{ values: decode(rowOf(ids[0]!)) }];
  const env = { ...spec.newEnv(), suppressed };
  for (let j = 1; j < ids.length; j++) {
    const parent = steps[j - 1]!.values;
    const target = rowOf(ids[j]!);
    let found: Step | undefined;
    env.s = parent;
    try {
      spec.next(env, () => {
        if (found) return;
        const n = env.n as Value[];
        if (n.every((v, i) => v !== undefined && tables[i]!.intern(v) === target[i])) {
          found = { values: n.slice(), ...(env.action ? { action: env.action, args: env.args.slice() } : {}) };
        }
      });
    } catch { /* the error is past the step we look for */ }
    steps.push(found ?? { values: decode(target) });
  }
  return steps;
}
