/**
 * A checker's counterexample to a fuzz model, read back from its printed states and checked on
 * the independent evaluation's state graph (fuzz-model.ts `explore`): a safety trace must be a
 * shortest path from an initial state to a state that breaks what the verdict says; a lasso, a fair
 * behaviour on which the temporal property is false (fuzz-liveness-eval.ts's fairness).
 */
import type { TraceState, Verdict } from '../../dsl/check/result.js';
import { readValueText, type Value } from '../../dsl/check/values.js';
import { enables, fairnessOf, fairTo, instances, isStepOf, propertyOf } from './fuzz-liveness-eval.js';
import { holds, invName, pNames, setOfVals, typeProblem, type FuzzModelD, type State, type StateGraph, type Val } from './fuzz-model.js';

/**
 * The trace's states as printed, with their numbers in the graph (their orbits' under SYMMETRY),
 * or what kept one from being a reachable state.
 */
function statesOf(d: FuzzModelD, g: StateGraph, trace: readonly TraceState[]): { readonly states: State[]; readonly ids: number[] } | string {
  const states: State[] = [], ids: number[] = [];
  for (const [i, t] of trace.entries()) {
    let s: State;
    try { s = readState(d, g, t); } catch (e) { return `state ${i + 1}: ${(e as Error).message}`; }
    const id = g.idOf(s);
    if (id === undefined) return `state ${i + 1} is not a reachable state`;
    states.push(s);
    ids.push(id);
  }
  return { states, ids };
}

/** Whether Next takes state `a` to state `b` (the states themselves: under SYMMETRY, not just their orbits). */
const isStep = (g: StateGraph, a: State, b: State) => g.successors(a).some((n) => g.same(n.s, b));

/**
 * What is wrong with `v`, a checker's invariant violation or deadlock of `d`: undefined when its
 * states are reachable, begin at an initial state, follow one another by steps of Next, the last
 * breaks the invariant (TypeOK: some variable's type) or has no successor, and no shorter path
 * reaches such a state (the search is breadth-first; under SYMMETRY, over orbits, which the
 * fuzz models' invariants and steps respect). The steps are checked between orbits first, and
 * between the states themselves after everything else (`SYMMETRIC_JUMP`).
 */
export function traceProblem(d: FuzzModelD, g: StateGraph, v: Extract<Verdict, { kind: 'invariant' | 'deadlock' }>): string | undefined {
  if (!v.trace.length) return 'the trace has no states';
  const read = statesOf(d, g, v.trace);
  if (typeof read === 'string') return read;
  const { states, ids } = read;
  if (!g.initial.includes(ids[0]!)) return 'state 1 is not an initial state';
  for (let i = 1; i < ids.length; i++) if (!g.edges[ids[i - 1]!]!.some((e) => e.to === ids[i])) return `no step of Next from state ${i} to state ${i + 1}`;
  let bad: (s: State) => boolean;
  if (v.kind === 'deadlock') bad = (s) => g.successors(s).length === 0;
  else if (v.name === 'TypeOK') bad = (s) => typeProblem(d, g.ids, s) !== undefined;
  else {
    const i = d.invariants.findIndex((_, j) => invName(j) === v.name);
    if (i < 0) return `no invariant ${v.name}`;
    bad = (s) => !holds(d, d.invariants[i]!, s);
  }
  if (!bad(states.at(-1)!)) return v.kind === 'deadlock' ? 'the last state has a successor' : `the last state satisfies ${v.name}`;
  const shortest = distanceTo(g, (id) => bad(g.states[id]!));
  if (shortest + 1 !== ids.length) return `${ids.length} states, where the shortest such trace has ${shortest + 1}`;
  // Last, the states themselves (they differ from their orbits' only under SYMMETRY): a jump
  // between two states whose orbits a step joins, and nothing else wrong.
  for (let i = 1; i < states.length; i++) if (!isStep(g, states[i - 1]!, states[i]!)) return `${SYMMETRIC_JUMP} from state ${i} to state ${i + 1}`;
  return undefined;
}

/**
 * A counterexample problem's kind, which stays as a model is reduced: without its state numbers,
 * nor the printed value a state could not be read from (`state N: …`).
 */
export const problemKind = (problem: string) => problem.replace(/(state \d+: ).*$/, '$1…').replace(/\d+/g, 'N');

/** How `traceProblem` begins a trace right but for a step between states that are not joined, only their orbits. */
export const SYMMETRIC_JUMP = 'a jump between states whose orbits a step joins';

/** The fewest steps from an initial state to one that `bad` holds of. */
function distanceTo(g: StateGraph, bad: (s: number) => boolean): number {
  const depth = new Map(g.initial.map((s) => [s, 0]));
  for (const [s, n] of depth) { // a Map iterates the entries added while it runs: breadth-first
    if (bad(s)) return n;
    for (const e of g.edges[s]!) if (!depth.has(e.to)) depth.set(e.to, n + 1);
  }
  return Infinity;
}

/**
 * What is wrong with `v`, a checker's counterexample to `d`'s property, as a behaviour of `d`:
 * undefined when its states are reachable, begin at an initial state, follow one another by
 * steps of Next (or stutter), close their loop, the loop is fair, and the property is false on
 * it. Each state is read from the trace's printed values.
 */
export function lassoProblem(d: FuzzModelD, g: StateGraph, v: Extract<Verdict, { kind: 'property' }>): string | undefined {
  propertyOf(d);
  if (!v.trace.length) return 'the lasso has no states';
  const read = statesOf(d, g, v.trace);
  if (typeof read === 'string') return read;
  const { states, ids } = read;
  // A behaviour may stutter between any two states.
  const step = (a: number, b: number) => g.same(states[a]!, states[b]!) || isStep(g, states[a]!, states[b]!);
  if (!g.initial.includes(ids[0]!)) return 'state 1 is not an initial state';
  for (let i = 1; i < ids.length; i++) if (!step(i - 1, i)) return `no step of Next from state ${i} to state ${i + 1}`;
  // The loop: from the last state back to state `loopsTo`, or stuttering at the last state.
  let from: number;
  if (v.stuttering) from = ids.length - 1;
  else if (v.loopsTo !== undefined && v.loopsTo >= 1 && v.loopsTo <= ids.length) {
    from = v.loopsTo - 1;
    if (!step(ids.length - 1, from)) return `no step of Next from the last state back to state ${v.loopsTo}`;
  } else return 'the lasso neither loops nor stutters';
  const loop = ids.slice(from);
  const steps = v.stuttering ? [] : loop.map((a, i) => [a, loop[(i + 1) % loop.length]!] as const);
  for (const f of fairnessOf(d)) {
    const taken = steps.some(([a, b]) => g.edges[a]!.some((e) => e.to === b && isStepOf(f, a, e)));
    if (!fairTo(f, taken, loop.map((s) => enables(g, f, s)))) return `the loop is not fair to ${f.strong ? 'SF' : 'WF'}_vars(${f.name})`;
  }
  const falseOn = instances(d, g).some((x) => {
    switch (x.k) {
      case 'eventually': return ids.every((s) => !x.p(s));
      case 'alwaysEventually': return loop.every((s) => !x.p(s));
      case 'eventuallyAlways': return loop.some((s) => !x.p(s));
      // P at some state, Q at none from there on (the loop's states come again after any of them).
      case 'leadsTo': return ids.some((s, i) => x.p(s) && ids.slice(Math.min(i, from)).every((t) => !x.q(t)));
    }
  });
  return falseOn ? undefined : 'the property holds on the lasso';
}

/** A trace state as the evaluation's state, read from each variable's printed value. */
export function readState(d: FuzzModelD, g: StateGraph, t: TraceState): State {
  const atoms = pNames(d.p);
  const value = (name: string): Printed => {
    const text = t.vars[name];
    if (text === undefined) throw new Error(`no value for ${name}`);
    return parsePrinted(text);
  };
  /** A function over `keys` (printed `(k :> v @@ …)`, or as a record when its keys are strings). */
  const over = (p: Printed, keys: readonly string[]): Printed[] => {
    if (!isComposite(p) || (p.k !== 'fn' && p.k !== 'rec')) throw new Error(`not a function: ${show(p)}`);
    const m = new Map(p.pairs.map(([k, v]) => [show(k), v]));
    if (m.size !== p.pairs.length || m.size !== keys.length) fail(`not a function over ${keys.join(', ')}: ${show(p)}`);
    return keys.map((k) => m.get(k) ?? fail(`not a function over ${keys.join(', ')}: ${show(p)}`));
  };
  const elements = (p: Printed, k: 'set' | 'seq'): Printed[] => (isComposite(p) && p.k === k ? p.xs : fail(`not a ${k}: ${show(p)}`));
  const globals: Record<string, Val> = {};
  for (const v of d.vars) {
    const p = value(v.name);
    switch (v.sort.k) {
      case 'fn': globals[v.name] = over(p, atoms).map(scalar); break;
      case 'set': globals[v.name] = setOfVals(elements(p, 'set').map(scalar)); break;
      case 'seq': globals[v.name] = elements(p, 'seq').map(scalar); break;
      case 'rec': globals[v.name] = over(p, ['f', 'g']).map(scalar); break;
      default: globals[v.name] = scalar(p);
    }
  }
  const pr = d.process;
  if (!pr) return { g: globals, pc: {}, loc: {} };
  const pcs = over(value('pc'), g.ids).map(scalar);
  const kept = new Map(g.stateLocals.map((l) => [l, over(value(l), g.ids).map(scalar)]));
  return {
    g: globals,
    pc: Object.fromEntries(g.ids.map((id, i) => [id, String(pcs[i])])),
    loc: Object.fromEntries(g.ids.map((id, i) => [id, Object.fromEntries(pr.locals.map((l) => [l.name, kept.has(l.name) ? kept.get(l.name)![i] as number : l.init]))])),
  };
}

// ---------------------------------------------------------------------------------------------
// Printed values (TLC's and the compiled verifier's trace syntax, as much of it as the fuzz models print)

type Scalar = boolean | number | string;
type Printed = Scalar | { readonly k: 'set' | 'seq'; readonly xs: Printed[] } | { readonly k: 'fn' | 'rec'; readonly pairs: (readonly [Printed, Printed])[] };
const isComposite = (p: Printed): p is Exclude<Printed, Scalar> => typeof p === 'object';
const fail = (why: string): never => { throw new Error(why); };
const scalar = (p: Printed): Val => (isComposite(p) ? fail(`not a scalar: ${show(p)}`) : p);
/** A key's text for matching: a model value or string by its name. */
const show = (p: Printed): string => (isComposite(p) ? JSON.stringify(p) : String(p));

/**
 * Reads a printed value (`readValueText`, which fails where it cannot read): TRUE/FALSE, integers,
 * strings, model values, `{…}`, `<<…>>`, `[f |-> …]`, `(k :> v @@ …)`; an atom that is none of
 * those (`1abc`) fails here. Strings and model values both read as their text.
 */
export function parsePrinted(text: string): Printed {
  return printed(readValueText(text));
}

function printed(v: Value): Printed {
  switch (v.k) {
    case 'set': case 'seq': return { k: v.k, xs: v.items.map(printed) };
    case 'record': return { k: 'rec', pairs: v.fields.map(([f, x]) => [f, printed(x)] as const) };
    case 'fn': return { k: 'fn', pairs: v.entries.map(([key, x]) => [parsePrinted(key), printed(x)] as const) };
    case 'atom': {
      const t = v.text;
      if (t === 'TRUE' || t === 'FALSE') return t === 'TRUE';
      if (/^-?\d+$/.test(t)) return Number(t);
      if (t.startsWith('"')) return JSON.parse(t) as string;
      if (/^[A-Za-z_]\w*$/.test(t)) return t;
      return fail(`${t} cannot be read`);
    }
  }
}
