/**
 * The independent evaluation of temporal properties (scripts/bench/fuzz-liveness-eval.ts): its
 * verdicts under each kind of fairness on hand-made models (each also checked by the compiled
 * verifier), its fair-cycle search against a brute force, and what fuzz-counterexamples.ts finds
 * wrong with a lasso (its printed values: test/fuzz-counterexamples.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import type { TraceState, Verdict } from '../dsl/check/result.js';
import { livenessSaid } from '../scripts/bench/fuzz-liveness.js';
import { lassoProblem } from '../scripts/bench/fuzz-counterexamples.js';
import { evaluateLiveness, fairCycleStates, type Fairness } from '../scripts/bench/fuzz-liveness-eval.js';
import { explore, type ExprD, type FairD, type FuzzModelD, type PropD, type StateGraph } from '../scripts/bench/fuzz-model.js';
import { fuzzJob } from '../scripts/bench/fuzz.js';

const lit = (v: boolean | number): ExprD => ({ k: 'lit', v });
const v = (name: string): ExprD => ({ k: 'var', name });
const xIs1: ExprD = { k: 'eq', a: v('x'), b: lit(1) };

/**
 * `b` toggles (Toggle, weakly fair unless `toggle` says otherwise); SetX sets `x` to 1 when `b`
 * holds, so it is enabled every other state of the toggling: WF of it does not force it, SF does.
 */
function toggling(setX: FairD | undefined, prop: PropD = { k: 'eventually', e: xIs1 }, toggle: FairD | 'unfair' = 'weak'): FuzzModelD {
  return {
    name: 'Fuzz_toggle', p: 1, symmetry: false, invariants: [],
    vars: [
      { name: 'b', sort: { k: 'bool' }, init: { k: 'value', e: lit(false) } },
      { name: 'x', sort: { k: 'int', lo: 0, hi: 1 }, init: { k: 'value', e: lit(0) } },
    ],
    actions: [
      { name: 'Toggle', param: false, items: [{ k: 'set', v: 'b', e: { k: 'not', a: v('b') } }], ...(toggle !== 'unfair' ? { fairness: toggle } : {}) },
      { name: 'SetX', param: false, items: [{ k: 'when', e: v('b') }, { k: 'set', v: 'x', e: lit(1) }], ...(setX ? { fairness: setX } : {}) },
    ],
    check: { k: 'prop', prop },
  };
}

/** One process per p in P that steps l1 → l2 → Done, setting its flag at l2; `fairness` for the process, `unfair` labels left out of it. */
function stepping(fairness: FairD | undefined, unfair: readonly string[] = [], prop: PropD = { k: 'termination' }): FuzzModelD {
  return {
    name: 'Fuzz_steps', p: 2, symmetry: false, invariants: [],
    vars: [{ name: 'f', sort: { k: 'fn', rng: { k: 'bool' } }, init: { k: 'value', e: lit(false) } }],
    actions: [],
    process: {
      name: 'Proc', ids: 'P', locals: [], loop: false,
      steps: [{ label: 'l1', items: [] }, { label: 'l2', items: [{ k: 'update', v: 'f', key: { k: 'self' }, e: lit(true) }] }],
      ...(fairness ? { fairness } : {}), ...(unfair.length ? { unfair } : {}),
    },
    check: { k: 'prop', prop },
  };
}

/** `stepping`'s steps in one process, `main`. */
function single(fairness: FairD | undefined): FuzzModelD {
  const d = stepping(fairness);
  return { ...d, vars: [{ name: 'n', sort: { k: 'int', lo: 0, hi: 1 }, init: { k: 'value', e: lit(0) } }], process: { ...d.process!, ids: 'single', steps: [{ label: 'l1', items: [] }, { label: 'l2', items: [{ k: 'set', v: 'n', e: lit(1) }] }] } };
}

/** Set(self) sets f[self]: weak fairness of each Set(p) makes every flag set. */
function perSelf(fairness: FairD | undefined): FuzzModelD {
  return {
    name: 'Fuzz_self', p: 2, symmetry: false, invariants: [],
    vars: [{ name: 'f', sort: { k: 'fn', rng: { k: 'bool' } }, init: { k: 'value', e: lit(false) } }],
    actions: [{ name: 'Set', param: true, items: [{ k: 'when', e: { k: 'not', a: { k: 'app', fn: 'f', key: { k: 'self' } } } }, { k: 'update', v: 'f', key: { k: 'self' }, e: lit(true) }], ...(fairness ? { fairness } : {}) }],
    check: { k: 'prop', prop: { k: 'forall', prop: { k: 'eventually', e: { k: 'app', fn: 'f', key: { k: 'bound', i: 0 } } } } },
  };
}

const evaluated = (d: FuzzModelD) => evaluateLiveness(d, explore(d)!);

describe('the evaluation\'s verdicts, each the compiled verifier\'s too', () => {
  const allFlags: ExprD = { k: 'forall', body: { k: 'app', fn: 'f', key: { k: 'bound', i: 1 } } };
  it.each([
    { name: '<>P with no fairness for SetX: the toggling may go on forever', d: toggling(undefined), verdict: 'property Prop' },
    { name: 'WF of SetX: enabled every other state, never forced', d: toggling('weak'), verdict: 'property Prop' },
    { name: 'SF of SetX: enabled infinitely often, so taken', d: toggling('strong'), verdict: 'passed' },
    { name: 'SF of SetX but Toggle unfair: the behaviour may stutter where SetX is disabled', d: toggling('strong', undefined, 'unfair'), verdict: 'property Prop' },
    { name: '[]<>P: once x is 1 it stays, so some fair behaviour ends among x = 0 only without SF', d: toggling('weak', { k: 'alwaysEventually', e: xIs1 }), verdict: 'property Prop' },
    { name: '<>[]P under SF: x becomes 1 and stays', d: toggling('strong', { k: 'eventuallyAlways', e: xIs1 }), verdict: 'passed' },
    { name: 'b ~> x = 1 under SF', d: toggling('strong', { k: 'leadsTo', p: v('b'), q: xIs1 }), verdict: 'passed' },
    { name: 'b ~> x = 1 under WF', d: toggling('weak', { k: 'leadsTo', p: v('b'), q: xIs1 }), verdict: 'property Prop' },
    { name: 'Termination without fairness', d: stepping(undefined), verdict: 'property Termination' },
    { name: 'Termination under WF of each process', d: stepping('weak'), verdict: 'passed' },
    { name: 'Termination with l2 left out of the fairness: a process may stop at l2', d: stepping('weak', ['l2']), verdict: 'property Termination' },
    { name: '\\A p: <>f[p] under WF', d: stepping('weak', [], { k: 'forall', prop: { k: 'eventually', e: { k: 'app', fn: 'f', key: { k: 'bound', i: 0 } } } }), verdict: 'passed' },
    { name: '\\A p: <>f[p] with l1 left out: one process may never start', d: stepping('strong', ['l1'], { k: 'forall', prop: { k: 'eventually', e: { k: 'app', fn: 'f', key: { k: 'bound', i: 0 } } } }), verdict: 'property Prop' },
    { name: '<>(every flag set) under WF', d: stepping('weak', [], { k: 'eventually', e: { k: 'forall', body: { k: 'app', fn: 'f', key: { k: 'bound', i: 0 } } } }), verdict: 'passed' },
    { name: 'a predicate read under a bound variable of its own', d: stepping('weak', [], { k: 'eventually', e: { k: 'exists', body: allFlags } }), verdict: 'passed' },
    { name: 'Termination of a single process (`main`) under WF', d: single('weak'), verdict: 'passed' },
    { name: 'Termination of a single process without fairness', d: single(undefined), verdict: 'property Termination' },
    { name: '\\A p: <>f[p], an action with a parameter, WF of each A(p)', d: perSelf('weak'), verdict: 'passed' },
    { name: '\\A p: <>f[p], an action with a parameter and no fairness', d: perSelf(undefined), verdict: 'property Prop' },
  ])('$name: $verdict', async ({ d, verdict }) => {
    const e = evaluated(d);
    expect(e.verdict).toBe(verdict);
    const compiled = livenessSaid(await checkCompiled(fuzzJob(d).job));
    expect(compiled).toEqual({ verdict, distinct: e.distinct });
  });
});

describe('fairCycleStates against every strongly connected set of states, on random graphs', () => {
  // A set of states a behaviour can visit forever and fairly: strongly connected by its own edges
  // (one state stutters), and each WF/SF met when the behaviour visits all of it — the definition,
  // tried on every subset.
  const graphArb = fc.integer({ min: 1, max: 5 }).chain((n) => fc.record({
    edges: fc.array(fc.array(fc.record({ to: fc.nat(n - 1), by: fc.constantFrom('A', 'B', 'C') }), { maxLength: 3 }), { minLength: n, maxLength: n }),
    fair: fc.uniqueArray(fc.record({ name: fc.constantFrom('A', 'B', 'C'), strong: fc.boolean() }), { selector: (f) => f.name, maxLength: 3 }),
    within: fc.subarray(Array.from({ length: n }, (_, i) => i), { minLength: 1 }),
  }));
  it('gives the union of the fair ones', () => {
    fc.assert(fc.property(graphArb, ({ edges, fair, within }) => {
      const g = { states: [], initial: [0], edges, idOf: () => undefined, stateLocals: [], ids: [] } as unknown as StateGraph;
      const fs: Fairness[] = fair.map((f) => ({ ...f, covers: (by: string) => by === f.name }));
      const reaches = (s: readonly number[], a: number, b: number) => {
        const seen = new Set([a]); const todo = [a];
        while (todo.length) for (const e of edges[todo.pop()!]!) if (s.includes(e.to) && !seen.has(e.to)) { seen.add(e.to); todo.push(e.to); }
        return seen.has(b);
      };
      const want = new Set<number>();
      for (let mask = 1; mask < 1 << within.length; mask++) {
        const s = within.filter((_, i) => mask & (1 << i));
        if (!s.every((a) => s.every((b) => reaches(s, a, b)))) continue;
        const ok = fs.every((f) => {
          const enabled = (a: number) => edges[a]!.some((e) => e.to !== a && f.covers(e.by));
          const taken = s.some((a) => edges[a]!.some((e) => e.to !== a && s.includes(e.to) && f.covers(e.by)));
          return taken || (f.strong ? !s.some(enabled) : !s.every(enabled));
        });
        if (ok) for (const a of s) want.add(a);
      }
      expect([...fairCycleStates(g, fs, new Set(within))].sort()).toEqual([...want].sort());
    }), { numRuns: 2000, seed: 20_261_207 });
  });
});

describe('lassoProblem: what is wrong with a counterexample', () => {
  const state = (x: number, b: boolean, index = 1): TraceState => ({ index, vars: { x: String(x), b: b ? 'TRUE' : 'FALSE' } });
  const lasso = (states: readonly (readonly [number, boolean])[], loop: { loopsTo?: number; stuttering?: boolean }): Extract<Verdict, { kind: 'property' }> =>
    ({ kind: 'property', name: 'Prop', trace: states.map(([x, b], i) => state(x, b, i + 1)), stuttering: loop.stuttering ?? false, ...(loop.loopsTo !== undefined ? { loopsTo: loop.loopsTo } : {}) });
  const problem = (d: FuzzModelD, l: Extract<Verdict, { kind: 'property' }>) => lassoProblem(d, explore(d)!, l);
  const toggle = lasso([[0, false], [0, true]], { loopsTo: 1 });

  it.each([
    { name: 'the toggling loop under WF of SetX: a fair violation', d: toggling('weak'), l: toggle, want: undefined },
    { name: 'the same loop under SF of SetX', d: toggling('strong'), l: toggle, want: 'the loop is not fair to SF_vars(SetX)' },
    { name: 'stuttering where Toggle is enabled', d: toggling('weak'), l: lasso([[0, false]], { stuttering: true }), want: 'the loop is not fair to WF_vars(Toggle)' },
    { name: 'stuttering with Toggle unfair and SetX disabled', d: toggling('weak', undefined, 'unfair'), l: lasso([[0, false]], { stuttering: true }), want: undefined },
    { name: 'a loop where x is 1', d: toggling('weak'), l: lasso([[0, false], [0, true], [1, true], [1, false]], { loopsTo: 3 }), want: 'the property holds on the lasso' },
    { name: 'the first state not initial', d: toggling('weak'), l: lasso([[0, true], [0, false]], { loopsTo: 1 }), want: 'state 1 is not an initial state' },
    { name: 'two states no step joins', d: toggling('weak'), l: lasso([[0, false], [1, false]], { stuttering: true }), want: 'no step of Next from state 1 to state 2' },
    { name: 'a loop that does not close', d: toggling('weak'), l: lasso([[0, false], [0, true], [1, true]], { loopsTo: 1 }), want: 'no step of Next from the last state back to state 1' },
    { name: 'a loop back past the end', d: toggling('weak'), l: lasso([[0, false]], { loopsTo: 2 }), want: 'the lasso neither loops nor stutters' },
    { name: 'neither a loop nor stuttering', d: toggling('weak'), l: lasso([[0, false]], {}), want: 'the lasso neither loops nor stutters' },
    { name: 'no states', d: toggling('weak'), l: lasso([], { stuttering: true }), want: 'the lasso has no states' },
    { name: 'a value outside the variable\'s type', d: toggling('weak'), l: lasso([[5, false]], { stuttering: true }), want: 'state 1 is not a reachable state' },
    { name: 'a value that does not read', d: toggling('weak'), l: { ...toggle, trace: [{ index: 1, vars: { x: '{1', b: 'FALSE' } }] }, want: 'state 1: {1: expected , or } at column 3' },
    { name: 'a variable missing', d: toggling('weak'), l: { ...toggle, trace: [{ index: 1, vars: { x: '0' } }] }, want: 'state 1: no value for b' },
    {
      name: 'P ~> Q: P at the loop\'s first state, Q never', d: toggling('weak', { k: 'leadsTo', p: v('b'), q: xIs1 }),
      l: lasso([[0, false], [0, true], [0, false]], { loopsTo: 2 }), want: undefined,
    },
    {
      // P (b) at the loop's last state, Q (~b) at its first: Q comes again after P as the loop goes round.
      name: 'P ~> Q: Q at a loop state before P\'s', d: toggling('weak', { k: 'leadsTo', p: v('b'), q: { k: 'not', a: v('b') } }),
      l: lasso([[0, false], [0, true]], { loopsTo: 1 }), want: 'the property holds on the lasso',
    },
    {
      name: 'P ~> Q: Q after P', d: toggling('weak', { k: 'leadsTo', p: v('b'), q: xIs1 }),
      l: lasso([[0, false], [0, true], [1, true], [1, false]], { loopsTo: 3 }), want: 'the property holds on the lasso',
    },
  ])('$name', ({ d, l, want }) => expect(problem(d, l)).toBe(want));

  it('reads a process\'s pc and function-valued variables, with model values as keys', () => {
    const d = stepping('weak', ['l2']);
    const s = (pc1: string, pc2: string, f1: boolean, f2: boolean, index: number): TraceState =>
      ({ index, vars: { f: `(p1 :> ${f1 ? 'TRUE' : 'FALSE'} @@ p2 :> ${f2 ? 'TRUE' : 'FALSE'})`, pc: `(p1 :> "${pc1}" @@ p2 :> "${pc2}")` } });
    const stopsAtL2 = { kind: 'property' as const, name: 'Termination', trace: [s('l1', 'l1', false, false, 1), s('l2', 'l1', false, false, 2), s('l2', 'l2', false, false, 3)], stuttering: true };
    expect(lassoProblem(d, explore(d)!, stopsAtL2)).toBeUndefined();
    // Stopped at l1, which the process's fairness covers: not fair.
    const stopsAtL1 = { ...stopsAtL2, trace: stopsAtL2.trace.slice(0, 2) };
    expect(lassoProblem(d, explore(d)!, stopsAtL1)).toBe('the loop is not fair to WF_vars(Proc(p2))');
    // A function printed over other keys, or one too many, is not read as the state.
    const over = (f: string) => ({ ...stopsAtL2, trace: [{ index: 1, vars: { ...stopsAtL2.trace[0]!.vars, f } }] });
    expect(lassoProblem(d, explore(d)!, over('(p1 :> FALSE @@ p3 :> FALSE)'))).toBe('state 1: not a function over p1, p2: {"k":"fn","pairs":[["p1",false],["p3",false]]}');
    expect(lassoProblem(d, explore(d)!, over('(p1 :> FALSE @@ p2 :> FALSE @@ p1 :> TRUE)'))).toMatch(/^state 1: not a function over p1, p2: /);
  });

  it('refuses a model with SYMMETRY: its graph is of orbits', () => {
    const d = { ...stepping('weak'), symmetry: true };
    expect(() => lassoProblem(d, explore(d)!, { kind: 'property', trace: [], stuttering: true })).toThrow('temporal properties are evaluated without SYMMETRY');
    expect(() => evaluateLiveness(d, explore(d)!)).toThrow('temporal properties are evaluated without SYMMETRY');
  });
});
