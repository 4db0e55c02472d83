/**
 * The independent evaluation of a fuzz model's temporal property under its fairness, on the
 * evaluation's own state graph (fuzz-model.ts `explore`), not on any checker's code
 * (fuzz-counterexamples.ts checks a checker's lasso with the same pieces).
 *
 * A behaviour may stutter at any state, so a fair behaviour ends in a strongly connected set of
 * states (one state, stuttering, is one) that it visits forever. Visiting all of such a set C,
 * `WF_vars(A)` holds when some step of A inside C changes the state or some state of C does not
 * enable one; `SF_vars(A)` when some such step is inside C or no state of C enables one. A set
 * failing a WF never has a fair part; one failing an SF may, without the states that enable A
 * (Emerson and Lei's decomposition). The states on fair cycles are those of the sets left.
 */
import { holds, pNames, propName, type Edge, type ExprD, type FairD, type FuzzModelD, type PropD, type StateGraph, type StatePropD } from './fuzz-model.js';

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

/**
 * Whether a behaviour visiting the states of `enabled` forever is fair to `f`: it takes a step of
 * f's action (`taken`), or that action is disabled somewhere there (WF) or everywhere (SF).
 */
export const fairTo = (f: Fairness, taken: boolean, enabled: readonly boolean[]) => taken || (f.strong ? !enabled.some(Boolean) : !enabled.every(Boolean));

/** A step of `f` from state `from` that changes the state (`<<A>>_vars`). */
export const isStepOf = (f: Fairness, from: number, e: Edge) => e.to !== from && f.covers(e.by);
/** Whether state `s` enables a step of `f`'s action (`ENABLED <<A>>_vars`). */
export const enables = (g: StateGraph, f: Fairness, s: number) => g.edges[s]!.some((e) => isStepOf(f, s, e));

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
      const unfair = (f: Fairness) => !fairTo(f, c.some((s) => g.edges[s]!.some((e) => inC.has(e.to) && isStepOf(f, s, e))), c.map((s) => enables(g, f, s)));
      if (fair.some((f) => !f.strong && unfair(f))) continue;
      const sf = fair.find((f) => f.strong && unfair(f));
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
export type Pred = (s: number) => boolean;
/** One instance of the property (of each `p` under `\A p \in P`), its predicates over `g`'s states. */
export type Instance = { readonly k: 'eventually' | 'alwaysEventually' | 'eventuallyAlways'; readonly p: Pred } | { readonly k: 'leadsTo'; readonly p: Pred; readonly q: Pred };

/** `d`'s property; an error for a model checking none, or with SYMMETRY (the graph would be of orbits, where per-process fairness and `\A p` cannot be judged). */
export function propertyOf(d: FuzzModelD): PropD {
  if (d.check.k !== 'prop') throw new Error(`${d.name} checks no temporal property`);
  if (d.symmetry) throw new Error(`${d.name}: temporal properties are evaluated without SYMMETRY`);
  return d.check.prop;
}

/** `d`'s property as its instances over `g`'s states (one per `p` under `\A p \in P`; Termination as `<>` all Done). */
export function instances(d: FuzzModelD, g: StateGraph): Instance[] {
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
  let anywhere: Set<number> | undefined; // the same for every instance
  const violated = instances(d, g).some((x) => {
    switch (x.k) {
      // <>P fails on a fair behaviour whose every state is not P; []<>P, on one that ends among them.
      case 'eventually': return fairCycleStates(g, fair, reachableWithin(g, g.initial, (s) => !x.p(s))).size > 0;
      case 'alwaysEventually': return fairCycleStates(g, fair, new Set(all.filter((s) => !x.p(s)))).size > 0;
      // <>[]P, on one that visits a state not P forever.
      case 'eventuallyAlways': return [...(anywhere ??= fairCycleStates(g, fair, new Set(all)))].some((s) => !x.p(s));
      // P ~> Q, on one that reaches P without Q and never Q after.
      case 'leadsTo': return fairCycleStates(g, fair, reachableWithin(g, all.filter((s) => x.p(s) && !x.q(s)), (s) => !x.q(s))).size > 0;
    }
  });
  return { verdict: violated ? `property ${name}` : 'passed', distinct: g.states.length };
}
