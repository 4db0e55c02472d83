/**
 * A checker's counterexample read back and checked on the independent evaluation's state graph
 * (scripts/bench/fuzz-counterexamples.ts): what it finds wrong with a safety trace, on tables of
 * good and broken traces, and how it reads printed values. (Lassos: test/fuzz-liveness-eval.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../dsl/check/result.js';
import { parsePrinted, traceProblem } from '../scripts/bench/fuzz-counterexamples.js';
import { explore, type ActionD, type ExprD, type FuzzModelD } from '../scripts/bench/fuzz-model.js';

const lit = (v: number): ExprD => ({ k: 'lit', v });
const x: ExprD = { k: 'var', name: 'x' };
const inc: ActionD = { name: 'Inc', param: false, items: [{ k: 'when', e: { k: 'lt', a: x, b: lit(3) } }, { k: 'set', v: 'x', e: { k: 'plus', a: x, b: lit(1) } }] };
const jump: ActionD = { name: 'Jump', param: false, items: [{ k: 'when', e: { k: 'eq', a: x, b: lit(0) } }, { k: 'set', v: 'x', e: lit(2) }] };

/** `x` counts 0..3 (and with `jump` goes from 0 to 2 at once); Inv1 is `x < 2`. */
function counter(actions: readonly ActionD[], hi = 3): FuzzModelD {
  return {
    name: 'Fuzz_count', p: 1, symmetry: false, actions,
    vars: [{ name: 'x', sort: { k: 'int', lo: 0, hi }, init: { k: 'value', e: lit(0) } }],
    invariants: [{ k: 'lt', a: x, b: lit(2) }],
    check: { k: 'inv', inv: 0 },
  };
}

type Safety = Extract<Verdict, { kind: 'invariant' | 'deadlock' }>;
const trace = (xs: readonly (number | string)[]) => xs.map((v, i) => ({ index: i + 1, vars: { x: String(v) } }));
const invariant = (name: string, xs: readonly (number | string)[]): Safety => ({ kind: 'invariant', name, initial: xs.length === 1, trace: trace(xs) });
const deadlock = (xs: readonly number[]): Safety => ({ kind: 'deadlock', trace: trace(xs) });

describe('traceProblem: what is wrong with an invariant violation\'s or a deadlock\'s trace', () => {
  // Inc up to 2 leaves TypeOK's range (0..1): only a generator bug makes such a model.
  const typeBreak = counter([{ ...inc, items: [{ k: 'when', e: { k: 'lt', a: x, b: lit(2) } }, inc.items[1]!] }], 1);
  it.each([
    { name: 'the shortest trace to x = 2', d: counter([inc]), v: invariant('Inv1', [0, 1, 2]), want: undefined },
    { name: 'a longer one than Jump makes', d: counter([inc, jump]), v: invariant('Inv1', [0, 1, 2]), want: '3 states, where the shortest such trace has 2' },
    { name: 'the shortest one with Jump', d: counter([inc, jump]), v: invariant('Inv1', [0, 2]), want: undefined },
    { name: 'a last state that satisfies the invariant', d: counter([inc]), v: invariant('Inv1', [0, 1]), want: 'the last state satisfies Inv1' },
    { name: 'a first state not initial', d: counter([inc]), v: invariant('Inv1', [1, 2]), want: 'state 1 is not an initial state' },
    { name: 'two states no step joins', d: counter([inc]), v: invariant('Inv1', [0, 2]), want: 'no step of Next from state 1 to state 2' },
    { name: 'an invariant the model lacks', d: counter([inc]), v: invariant('Inv9', [0, 1, 2]), want: 'no invariant Inv9' },
    { name: 'no states', d: counter([inc]), v: invariant('Inv1', []), want: 'the trace has no states' },
    { name: 'a state never reached', d: counter([{ ...inc, items: [{ k: 'when', e: { k: 'lt', a: x, b: lit(2) } }, inc.items[1]!] }]), v: invariant('Inv1', [0, 1, 2, 3]), want: 'state 4 is not a reachable state' },
    { name: 'a value that does not read', d: counter([inc]), v: invariant('Inv1', [0, '<<1']), want: 'state 2: <<1: expected , or >> at column 4' },
    { name: 'a deadlock at x = 3', d: counter([inc]), v: deadlock([0, 1, 2, 3]), want: undefined },
    { name: 'a "deadlock" where Inc can go on', d: counter([inc]), v: deadlock([0, 1]), want: 'the last state has a successor' },
    { name: 'a deadlock reached the long way round', d: counter([inc, jump]), v: deadlock([0, 1, 2, 3]), want: '4 states, where the shortest such trace has 3' },
    { name: 'TypeOK broken at x = 2', d: typeBreak, v: invariant('TypeOK', [0, 1, 2]), want: undefined },
    { name: 'TypeOK said broken where it holds', d: typeBreak, v: invariant('TypeOK', [0, 1]), want: 'the last state satisfies TypeOK' },
  ])('$name', ({ d, v, want }) => expect(traceProblem(d, explore(d)!, v)).toBe(want));
});

describe('traceProblem on function variables, processes and SYMMETRY', () => {
  const fAt = (p: number): ExprD => ({ k: 'app', fn: 'f', key: { k: 'bound', i: p } });
  /** Inc(self) counts f[self] up to 2; Inv1: every f[p] < 2. */
  const counters = (symmetry: boolean): FuzzModelD => ({
    name: 'Fuzz_fcount', p: 2, symmetry,
    vars: [{ name: 'f', sort: { k: 'fn', rng: { k: 'int', lo: 0, hi: 2 } }, init: { k: 'value', e: lit(0) } }],
    actions: [{
      name: 'Inc', param: true,
      items: [{ k: 'when', e: { k: 'lt', a: { k: 'app', fn: 'f', key: { k: 'self' } }, b: lit(2) } }, { k: 'update', v: 'f', key: { k: 'self' }, e: { k: 'plus', a: { k: 'app', fn: 'f', key: { k: 'self' } }, b: lit(1) } }],
    }],
    invariants: [{ k: 'forall', body: { k: 'lt', a: fAt(0), b: lit(2) } }],
    check: { k: 'inv', inv: 0 },
  });
  const fs = (pairs: readonly (readonly [number, number])[]): Safety => ({ kind: 'invariant', name: 'Inv1', initial: false, trace: pairs.map(([a, b], i) => ({ index: i + 1, vars: { f: `(p1 :> ${a} @@ p2 :> ${b})` } })) });
  it.each([
    { name: 'p1 counts to 2', sym: false, v: fs([[0, 0], [1, 0], [2, 0]]), want: undefined },
    { name: 'p2 counts to 2, under SYMMETRY (another state of the orbits the graph keeps)', sym: true, v: fs([[0, 0], [0, 1], [0, 2]]), want: undefined },
    { name: 'a jump from one process\'s count to the other\'s', sym: false, v: fs([[0, 0], [1, 0], [0, 2]]), want: 'no step of Next from state 2 to state 3' },
    { name: 'the same jump under SYMMETRY: its orbits are joined by a step, the states are not', sym: true, v: fs([[0, 0], [1, 0], [0, 2]]), want: 'a jump between states whose orbits a step joins from state 2 to state 3' },
    { name: 'a jump under SYMMETRY between orbits no step joins', sym: true, v: fs([[0, 0], [2, 0]]), want: 'no step of Next from state 1 to state 2' },
    { name: 'a longer way round under SYMMETRY', sym: true, v: fs([[0, 0], [1, 0], [1, 1], [2, 1]]), want: '4 states, where the shortest such trace has 3' },
  ])('$name', ({ sym, v, want }) => {
    const d = counters(sym);
    expect(traceProblem(d, explore(d)!, v)).toBe(want);
  });

  it('reads a process\'s pc and a local kept in the state', () => {
    // Each process: l1 sets its local n to 1, l2 sets f[self] to n + 1 (so n is read first: kept), then Done. Inv1: no f[p] is 2.
    const d: FuzzModelD = {
      name: 'Fuzz_proc', p: 2, symmetry: false, actions: [],
      vars: [{ name: 'f', sort: { k: 'fn', rng: { k: 'int', lo: 0, hi: 2 } }, init: { k: 'value', e: lit(0) } }],
      process: {
        name: 'Proc', ids: 'P', loop: false, locals: [{ name: 'n', lo: 0, hi: 1, init: 0 }],
        steps: [
          { label: 'l1', items: [{ k: 'setLocal', v: 'n', e: lit(1) }] },
          { label: 'l2', items: [{ k: 'update', v: 'f', key: { k: 'self' }, e: { k: 'plus', a: { k: 'local', name: 'n' }, b: lit(1) } }] },
        ],
      },
      invariants: [{ k: 'forall', body: { k: 'lt', a: fAt(0), b: lit(2) } }],
      check: { k: 'inv', inv: 0 },
    };
    const g = explore(d, { stateLocals: ['f', 'pc', 'n'] })!;
    const st = (pc1: string, pc2: string, n1: number, f1: number, index: number) =>
      ({ index, vars: { f: `(p1 :> ${f1} @@ p2 :> 0)`, pc: `(p1 :> "${pc1}" @@ p2 :> "${pc2}")`, n: `(p1 :> ${n1} @@ p2 :> 0)` } });
    const v = (states: ReturnType<typeof st>[]): Safety => ({ kind: 'invariant', name: 'Inv1', initial: false, trace: states });
    expect(traceProblem(d, g, v([st('l1', 'l1', 0, 0, 1), st('l2', 'l1', 1, 0, 2), st('Done', 'l1', 1, 2, 3)]))).toBeUndefined();
    // The local as it was before l1 set it: l2 would then set f[p1] to 1.
    expect(traceProblem(d, g, v([st('l1', 'l1', 0, 0, 1), st('l2', 'l1', 0, 0, 2), st('Done', 'l1', 0, 2, 3)]))).toBe('state 2 is not a reachable state');
    expect(traceProblem(d, g, v([st('l1', 'l1', 0, 0, 1), st('Done', 'l1', 1, 2, 2)]))).toBe('no step of Next from state 1 to state 2');
  });
});

describe('parsePrinted', () => {
  it.each([
    ['TRUE', true], ['FALSE', false], ['-3', -3], ['"a"', 'a'], ['"a\\"b"', 'a"b'], ['p1', 'p1'],
    ['{}', { k: 'set', xs: [] }], ['{1, 2}', { k: 'set', xs: [1, 2] }], ['<<>>', { k: 'seq', xs: [] }], ['<<"a", p2>>', { k: 'seq', xs: ['a', 'p2'] }],
    ['[f |-> 1, g |-> "r"]', { k: 'rec', pairs: [['f', 1], ['g', 'r']] }],
    ['(p1 :> 0 @@ p2 :> <<1>>)', { k: 'fn', pairs: [['p1', 0], ['p2', { k: 'seq', xs: [1] }]] }],
    ['(main :> "l1")', { k: 'fn', pairs: [['main', 'l1']] }], ['({1} :> "a")', { k: 'fn', pairs: [[{ k: 'set', xs: [1] }, 'a']] }],
  ])('%s', (text, want) => expect(parsePrinted(text)).toEqual(want));

  it.each([
    ['{1', '{1: expected , or } at column 3'], ['1 2', '1 2: more after the value at column 3'], ['(p1 :> )', '(p1 :> ): unexpected ) at column 8'], ['[f := 1]', '[f := 1]: expected |-> at column 4'],
    ['{1 2 3}', '{1 2 3}: expected , or } at column 4'], ['(p1 :> 0, p2 :> 1)', '(p1 :> 0, p2 :> 1): expected @@ or ) at column 9'], ['<<1; 2>>', '<<1; 2>>: expected , or >> at column 4'],
    ['1abc', '1abc cannot be read'], ['(p1 :> -x)', '-x cannot be read'],
  ])('%s: an error', (text, message) => expect(() => parsePrinted(text)).toThrow(message));
});
