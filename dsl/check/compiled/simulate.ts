/**
 * Random walks over a compiled spec (`check --simulate` on the compiled backend), as TLC's
 * `-simulate` does (tlc2.tool.SimulationWorker#simulateRandomTrace): pick an initial state, then
 * repeatedly generate the current state's successors, check each one's invariants, and move to
 * one of them chosen at random, for at most `depth` states. Differences from TLC, on purpose:
 * every action's successors are generated (TLC tries one random action first), so an assert or
 * evaluation error in any enabled action fires, and the choice is uniform over successors.
 *
 * The walk is a function of the seed alone (xoshiro128**, seeded through splitmix32 from the
 * 64-bit seed): the same seed gives the same traces, and so the same violation and trace.
 */
import type { Progress } from '../checker.js';
import type { CompiledSpec } from './compile.js';
import { brokenProperty, incomplete, withinConstraints, type Checking } from './expand.js';
import { errorOutcome, initErrorOutcome, type Outcome, type Step } from './search.js';
import { enterOrder, EvalError, type Value } from './values.js';

/** TLC's messages (tlc2.output.MP) when no initial state is left to walk from. */
export const NO_INITIAL_STATE = 'There is no state satisfying the initial state predicate.';
export const NO_INITIAL_STATE_IN_MODEL = 'There is no state satisfying the initial state predicate and the state-constraint(s).';

export interface WalkOptions {
  readonly seed: bigint;
  /** Most steps in one trace after its initial state (TLC `-depth`: SimulationWorker's loop bound). */
  readonly depth: number;
  /** Traces to run; default: until the time limit or the signal. */
  readonly traces?: number;
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: Progress) => void;
  readonly checkDeadlock: boolean;
}

export interface WalkResult {
  readonly outcome: Outcome;
  /** Traces run, the one that found the violation included. */
  readonly traces: number;
  /** States generated, every successor of every visited state counted. */
  readonly generated: number;
  /** The most states in one trace run. */
  readonly longest: number;
  /** The time limit ended the walks (no trace count was given, or it was not reached). */
  readonly timeLimited: boolean;
}

/** A seeded PRNG: xoshiro128** (Blackman and Vigna), 32-bit outputs, state from splitmix32. */
export function rng(seed: bigint): () => number {
  let x = Number(BigInt.asUintN(32, seed)) | 0;
  const split = (): number => {
    x = (x + 0x9e3779b9) | 0;
    let z = x;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  // The seed's high half is mixed in too, so seeds differing only there differ.
  const hi = Number(BigInt.asUintN(32, seed >> 32n));
  const s: number[] = [split() ^ hi, split(), split() ^ Math.imul(hi, 0x27d4eb2d), split()];
  if (!s.some((v) => v !== 0)) s[0] = 1;
  return () => {
    const result = Math.imul(rotl(Math.imul(s[1]!, 5), 7), 9) >>> 0;
    const t = s[1]! << 9;
    s[2]! ^= s[0]!; s[3]! ^= s[1]!; s[1]! ^= s[2]!; s[0]! ^= s[3]!;
    s[2]! ^= t; s[3] = rotl(s[3]!, 11);
    return result;
  };
}

function rotl(v: number, k: number): number {
  return (v << k) | (v >>> (32 - k));
}

/** A uniform index below `n` from 32 random bits. */
function pick(next: () => number, n: number): number {
  return Math.floor((next() / 2 ** 32) * n);
}

export async function walk(spec: CompiledSpec, o: WalkOptions): Promise<WalkResult> {
  enterOrder(spec.order);
  const next = rng(o.seed);
  const env = spec.newEnv();
  const checkEnv = spec.newEnv();
  const started = performance.now();
  let generated = 0, traces = 0, longest = 0, lastProgress = started, lastYield = started;
  const done = (outcome: Outcome, timeLimited = false): WalkResult => ({ outcome, traces, generated, longest, timeLimited });

  const inModel = (vals: readonly Value[]): boolean => withinConstraints(spec, checkEnv, vals);
  /** The first invariant `vals` violates (an evaluation error counts), as an outcome. */
  const violation = (vals: readonly Value[], trace: () => Step[], initial: boolean): Outcome | undefined => {
    checkEnv.s = vals;
    for (const inv of [...spec.invariants, ...spec.impliedInvariants]) {
      for (const c of inv.conjuncts) {
        let v: Value;
        try { v = c.check(checkEnv); } catch (err) { return initial ? initErrorOutcome(spec, err) : errorOutcome(err, trace(), `invariant ${inv.name}`); }
        if (typeof v !== 'boolean') return errorOutcome(new EvalError(`The invariant ${inv.name} is not a boolean.`), trace());
        if (!v) return { kind: 'invariant', name: inv.name, initial, trace: trace(), ...(c.variable ? { variable: c.variable } : {}) };
      }
    }
    return undefined;
  };

  // Every initial state is checked once, as TLC does before it simulates.
  const inits: Value[][] = [];
  const initEnv = spec.newEnv();
  try {
    let bad: Outcome | undefined;
    spec.init(initEnv, () => {
      if (bad) return;
      generated++;
      const vals = initEnv.n.slice() as Value[];
      bad = violation(vals, () => [{ values: vals }], true);
      if (bad) return;
      let inside: boolean;
      try { inside = inModel(vals); } catch (err) { bad = initErrorOutcome(spec, err); return; }
      if (inside) inits.push(vals);
    });
    if (bad) return done(bad);
  } catch (err) {
    return done(errorOutcome(err, []));
  }
  // TLC's simulator will not walk from nothing (Simulator.java: TLC_NO_STATES_SATISFYING_INIT and
  // _AND_CONSTRAINT, errors); the exhaustive search, like TLC's, passes with no states.
  if (inits.length === 0) return done({ kind: 'crashed', message: generated === 0 ? NO_INITIAL_STATE : NO_INITIAL_STATE_IN_MODEL });

  while (o.traces === undefined || traces < o.traces) {
    const now = performance.now();
    if (o.timeoutMs !== undefined && now - started > o.timeoutMs) return done({ kind: 'passed' }, true);
    if (o.signal?.aborted) return done({ kind: 'crashed', message: 'aborted' });
    if (now - lastProgress > 1000) {
      lastProgress = now;
      o.onProgress?.({ phase: 'exploring', traces, generated, depth: longest });
    }
    if (now - lastYield > 200) { await new Promise((r) => setImmediate(r)); enterOrder(spec.order); lastYield = performance.now(); }
    traces++;
    const trace: Step[] = [{ values: inits[pick(next, inits.length)]! }];
    while (trace.length <= o.depth) {
      const cur = trace.at(-1)!;
      env.s = cur.values;
      const succ: Step[] = [];
      let bad: Outcome | undefined;
      /** The successor being judged, and the action property being checked: an error raised by its action property or constraint ends the trace with it, as in TLC. */
      let judged: Step | undefined;
      const checking: Checking = {};
      try {
        spec.next(env, () => {
          if (bad) return;
          generated++;
          const missing = incomplete(spec, env);
          if (missing) throw missing;
          const step: Step = { values: env.n.slice() as Value[], ...(env.action ? { action: env.action, args: env.args.slice() } : {}) };
          judged = step;
          // As SimulationWorker#addElement: the invariants, then the action properties, then the constraint.
          bad = violation(step.values, () => [...trace, step], false);
          if (!bad) {
            const broken = brokenProperty(spec, env, checking);
            if (broken) bad = { kind: 'property', name: broken.name, trace: [...trace, step] };
            else if (inModel(step.values)) succ.push(step);
          }
          judged = undefined;
        });
      } catch (err) {
        return done(errorOutcome(err, judged ? [...trace, judged] : trace.slice(), checking.property && `action property ${checking.property.name}`));
      }
      if (bad) return done(bad);
      if (succ.length === 0) {
        // No successor inside the constraint is a deadlock for TLC's simulator (its successors
        // outside it are never added), unlike its breadth-first search, where only none at all is.
        if (o.checkDeadlock) return done({ kind: 'deadlock', trace: trace.slice() });
        break;
      }
      trace.push(succ[pick(next, succ.length)]!);
    }
    if (trace.length > longest) longest = trace.length;
  }
  return done({ kind: 'passed' });
}
