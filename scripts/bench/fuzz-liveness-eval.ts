/**
 * The independent evaluation of a fuzz model's temporal property under its fairness, and a check
 * that a checker's lasso is a fair behaviour of the model that violates the property. Both work on
 * the evaluation's own state graph (fuzz-model.ts `explore`), not on either checker's code.
 *
 * A behaviour may stutter at any state, so a fair behaviour ends in a strongly connected set of
 * states (one state, stuttering, is one) that it visits forever. Visiting all of such a set C,
 * `WF_vars(A)` holds when some step of A inside C changes the state or some state of C does not
 * enable one; `SF_vars(A)` when some such step is inside C or no state of C enables one. A set
 * failing a WF never has a fair part; one failing an SF may, without the states that enable A
 * (Emerson and Lei's decomposition). The states on fair cycles are those of the sets left.
 */
import type { TraceState, Verdict } from '../../dsl/check/result.js';
import { holds, pNames, propName, setOfVals, type Edge, type ExprD, type FairD, type FuzzModelD, type PropD, type State, type StateGraph, type StatePropD, type Val } from './fuzz-model.js';

/** One fairness conjunct of Spec, instantiated: whether a step (by its `Edge.by`) is one of its action's. */
export interface Fairness { readonly name: string; readonly strong: boolean; readonly covers: (by: string) => boolean }

/** Spec's fairness conjuncts, one per value of their `\A self \in P`. */
export function fairnessOf(d: FuzzModelD): Fairness[] {
  const out: Fairness[] = [];
  const strong = (f: FairD) => f === 'strong';
  for (const a of d.actions) {
    if (!a.fairness) continue;
    for (const by of a.param ? pNames(d.p).map((p) => `${a.name}(${p})`) : [a.name]) out.push({ name: by, strong: strong(a.fairness), covers: (b) => b === by });
  }
  const pr = d.process;
  if (pr?.fairness) {
    const unfair = new Set(pr.unfair ?? []);
    for (const id of pr.ids === 'P' ? pNames(d.p) : ['main']) {
      const prefix = `${pr.name}(${id}):`;
      out.push({ name: `${pr.name}(${id})`, strong: strong(pr.fairness), covers: (b) => b.startsWith(prefix) && !unfair.has(b.slice(prefix.length)) });
    }
  }
  return out;
}

/** A step of `f` from state `from` that changes the state (`<<A>>_vars`). */
const isStepOf = (f: Fairness, from: number, e: Edge) => e.to !== from && f.covers(e.by);
const enables = (g: StateGraph, f: Fairness, s: number) => g.edges[s]!.some((e) => isStepOf(f, s, e));

/** The strongly connected sets of the graph within `within` (Tarjan's, without recursion). */
function components(g: StateGraph, within: ReadonlySet<number>): number[][] {
  const index = new Map<number, number>(), low = new Map<number, number>(), onStack = new Set<number>();
  const stack: number[] = [], out: number[][] = [];
  let next = 0;
  for (const root of within) {
    if (index.has(root)) continue;
    const work: { s: number; i: number }[] = [{ s: root, i: 0 }];
    index.set(root, next); low.set(root, next++); stack.push(root); onStack.add(root);
    while (work.length) {
      const top = work.at(-1)!;
      const es = g.edges[top.s]!;
      if (top.i < es.length) {
        const t = es[top.i++]!.to;
        if (!within.has(t)) continue;
        if (!index.has(t)) { index.set(t, next); low.set(t, next++); stack.push(t); onStack.add(t); work.push({ s: t, i: 0 }); }
        else if (onStack.has(t)) low.set(top.s, Math.min(low.get(top.s)!, index.get(t)!));
        continue;
      }
      work.pop();
      if (work.length) low.set(work.at(-1)!.s, Math.min(low.get(work.at(-1)!.s)!, low.get(top.s)!));
      if (low.get(top.s) === index.get(top.s)) {
        const c: number[] = [];
        let x: number;
        do { x = stack.pop()!; onStack.delete(x); c.push(x); } while (x !== top.s);
        out.push(c);
      }
    }
  }
  return out;
}

/** The states within `within` that a fair behaviour staying within it can visit forever. */
export function fairCycleStates(g: StateGraph, fair: readonly Fairness[], within: ReadonlySet<number>): Set<number> {
  const out = new Set<number>();
  const work: Set<number>[] = [new Set(within)];
  while (work.length) {
    for (const c of components(g, work.pop()!)) {
      const inC = new Set(c);
      const taken = (f: Fairness) => c.some((s) => g.edges[s]!.some((e) => inC.has(e.to) && isStepOf(f, s, e)));
      if (fair.some((f) => !f.strong && !taken(f) && c.every((s) => enables(g, f, s)))) continue;
      const sf = fair.find((f) => f.strong && !taken(f) && c.some((s) => enables(g, f, s)));
      if (sf) {
        const rest = new Set(c.filter((s) => !enables(g, sf, s)));
        if (rest.size) work.push(rest);
        continue;
      }
      for (const s of c) out.add(s);
    }
  }
  return out;
}

/** The states reachable from `from` through states satisfying `keep` (`from` among them when it does). */
function reachableWithin(g: StateGraph, from: readonly number[], keep: (s: number) => boolean): Set<number> {
  const seen = new Set(from.filter(keep));
  const todo = [...seen];
  while (todo.length) for (const e of g.edges[todo.pop()!]!) if (!seen.has(e.to) && keep(e.to)) { seen.add(e.to); todo.push(e.to); }
  return seen;
}

/** A state predicate over state numbers, each state evaluated once. */
type Pred = (s: number) => boolean;
/** One instance of the property (of each `p` under `\A p \in P`), its predicates over `g`'s states. */
type Instance = { readonly k: 'eventually' | 'alwaysEventually' | 'eventuallyAlways'; readonly p: Pred } | { readonly k: 'leadsTo'; readonly p: Pred; readonly q: Pred };

/** `d`'s property; an error for a model checking none, or with SYMMETRY (the graph would be of orbits, where per-process fairness and `\A p` cannot be judged). */
function propertyOf(d: FuzzModelD): PropD {
  if (d.check.k !== 'prop') throw new Error(`${d.name} checks no temporal property`);
  if (d.symmetry) throw new Error(`${d.name}: temporal properties are evaluated without SYMMETRY`);
  return d.check.prop;
}

function instances(d: FuzzModelD, g: StateGraph): Instance[] {
  const pred = (e: ExprD, bound: readonly string[]): Pred => {
    const memo = new Map<number, boolean>();
    return (s) => {
      let v = memo.get(s);
      if (v === undefined) memo.set(s, v = holds(d, e, g.states[s]!, bound));
      return v;
    };
  };
  const of = (p: StatePropD, bound: readonly string[]): Instance => (p.k === 'leadsTo' ? { k: p.k, p: pred(p.p, bound), q: pred(p.q, bound) } : { k: p.k, p: pred(p.e, bound) });
  const p = propertyOf(d);
  // Termination: <>(\A self \in ProcSet : pc[self] = "Done").
  if (p.k === 'termination') return [{ k: 'eventually', p: (s) => g.ids.every((id) => g.states[s]!.pc[id] === 'Done') }];
  if (p.k === 'forall') return pNames(d.p).map((x) => of(p.prop, [x]));
  return [of(p, [])];
}

export interface LivenessEvaluation {
  /** `passed`, `property Prop` or `property Termination`. */
  readonly verdict: string;
  readonly distinct: number;
}

/** The verdict of `d`'s property over every fair behaviour in `g` (`explore(d)`), and the reachable states' count. */
export function evaluateLiveness(d: FuzzModelD, g: StateGraph): LivenessEvaluation {
  const name = propName(propertyOf(d));
  const fair = fairnessOf(d);
  const all = g.states.map((_, i) => i);
  const violated = instances(d, g).some((x) => {
    switch (x.k) {
      // <>P fails on a fair behaviour whose every state is not P; []<>P, on one that ends among them.
      case 'eventually': return fairCycleStates(g, fair, reachableWithin(g, g.initial, (s) => !x.p(s))).size > 0;
      case 'alwaysEventually': return fairCycleStates(g, fair, new Set(all.filter((s) => !x.p(s)))).size > 0;
      // <>[]P, on one that visits a state not P forever.
      case 'eventuallyAlways': return [...fairCycleStates(g, fair, new Set(all))].some((s) => !x.p(s));
      // P ~> Q, on one that reaches P without Q and never Q after.
      case 'leadsTo': return fairCycleStates(g, fair, reachableWithin(g, all.filter((s) => x.p(s) && !x.q(s)), (s) => !x.q(s))).size > 0;
    }
  });
  return { verdict: violated ? `property ${name}` : 'passed', distinct: g.states.length };
}

// ---------------------------------------------------------------------------------------------
// A checker's lasso

/**
 * What is wrong with `v`, a checker's counterexample to `d`'s property, as a behaviour of `d`:
 * undefined when its states are reachable, begin at an initial state, follow one another by
 * steps of Next (or stutter), close their loop, the loop is fair, and the property is false on
 * it. Each state is read from the trace's printed values.
 */
export function lassoProblem(d: FuzzModelD, g: StateGraph, v: Extract<Verdict, { kind: 'property' }>): string | undefined {
  propertyOf(d);
  if (!v.trace.length) return 'the lasso has no states';
  const ids: number[] = [];
  for (const [i, t] of v.trace.entries()) {
    let s: State;
    try { s = stateOf(d, g, t); } catch (e) { return `state ${i + 1}: ${(e as Error).message}`; }
    const id = g.idOf(s);
    if (id === undefined) return `state ${i + 1} is not a reachable state`;
    ids.push(id);
  }
  const step = (a: number, b: number) => a === b || g.edges[a]!.some((e) => e.to === b);
  if (!g.initial.includes(ids[0]!)) return 'state 1 is not an initial state';
  for (let i = 1; i < ids.length; i++) if (!step(ids[i - 1]!, ids[i]!)) return `no step of Next from state ${i} to state ${i + 1}`;
  // The loop: from the last state back to state `loopsTo`, or stuttering at the last state.
  let from: number;
  if (v.stuttering) from = ids.length - 1;
  else if (v.loopsTo !== undefined && v.loopsTo >= 1 && v.loopsTo <= ids.length) {
    from = v.loopsTo - 1;
    if (!step(ids.at(-1)!, ids[from]!)) return `no step of Next from the last state back to state ${v.loopsTo}`;
  } else return 'the lasso neither loops nor stutters';
  const loop = ids.slice(from);
  const steps = v.stuttering ? [] : loop.map((a, i) => [a, loop[(i + 1) % loop.length]!] as const);
  for (const f of fairnessOf(d)) {
    const taken = steps.some(([a, b]) => g.edges[a]!.some((e) => e.to === b && isStepOf(f, a, e)));
    const enabled = loop.map((s) => enables(g, f, s));
    if (!taken && (f.strong ? enabled.some(Boolean) : enabled.every(Boolean))) return `the loop is not fair to ${f.strong ? 'SF' : 'WF'}_vars(${f.name})`;
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
function stateOf(d: FuzzModelD, g: StateGraph, t: TraceState): State {
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

/** Reads a printed value: TRUE/FALSE, integers, strings, model values, `{…}`, `<<…>>`, `[f |-> …]`, `(k :> v @@ …)`. Strings and model values both read as their text. */
export function parsePrinted(text: string): Printed {
  const tokens: string[] = [];
  for (const m of text.matchAll(/\s*(?:("(?:[^"\\]|\\.)*"|-?\d+|[A-Za-z_][A-Za-z0-9_]*|<<|>>|\|->|:>|@@|[{}[\](),])|(\S))/g)) {
    if (m[2] !== undefined) fail(`${text}: ${JSON.stringify(m[2])} cannot be read`);
    if (m[1] !== undefined) tokens.push(m[1]);
  }
  let i = 0;
  const peek = () => tokens[i];
  const take = (want?: string) => {
    const t = tokens[i++] ?? fail(`${text}: ends early`);
    if (want !== undefined && t !== want) fail(`${text}: ${want} expected, found ${t}`);
    return t;
  };
  /** Items up to `close`, each after a `sep` but the first. */
  const list = (close: string, item: () => void, sep = ',') => {
    if (peek() === close) { take(); return; }
    for (;;) {
      item();
      const t = take();
      if (t === close) return;
      if (t !== sep) fail(`${text}: ${sep} or ${close} expected, found ${t}`);
    }
  };
  const read = (): Printed => {
    const t = take();
    if (t === 'TRUE' || t === 'FALSE') return t === 'TRUE';
    if (/^-?\d+$/.test(t)) return Number(t);
    if (t.startsWith('"')) return JSON.parse(t) as string;
    if (t === '{' || t === '<<') { const xs: Printed[] = []; list(t === '{' ? '}' : '>>', () => xs.push(read())); return { k: t === '{' ? 'set' : 'seq', xs }; }
    if (t === '[') { const pairs: [Printed, Printed][] = []; list(']', () => { const f = take(); take('|->'); pairs.push([f, read()]); }); return { k: 'rec', pairs }; }
    if (t === '(') { const pairs: [Printed, Printed][] = []; list(')', () => { const k = read(); take(':>'); pairs.push([k, read()]); }, '@@'); return { k: 'fn', pairs }; }
    if (/^[A-Za-z_]/.test(t)) return t;
    return fail(`${text}: unexpected ${t}`);
  };
  const v = read();
  if (i !== tokens.length) fail(`${text}: more after the value`);
  return v;
}
