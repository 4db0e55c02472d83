/**
 * Differential fuzzing of the error paths (scripts/bench/fuzz-errors.ts): which guards
 * `unguarded` takes away, how two checkers' reports are compared and which known differences are
 * told apart, that the generator really reaches errors, every saved fixture against what TLC said
 * when it was found (no TLC needed), and a fixed slice of models against TLC where it is found.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { findTlc } from '../dsl/check/tlc.js';
import type { SpanEntry } from '../dsl/emit/writer.js';
import { named, type ExprD, type FuzzModelD, type ItemD, type VarD } from '../scripts/bench/fuzz-model.js';
import {
  errorModelArb, firstDifference, guardPlaces, KNOWN_ERROR_DIFFERENCES, loadErrorFixtures, runErrorCase, said, unguarded, unguardedKinds, type Said,
} from '../scripts/bench/fuzz-errors.js';
import { fuzzJob } from '../scripts/bench/fuzz.js';
import { tlcJudge } from '../scripts/bench/judged.js';
import { tlcSkipNote } from './helpers/t2-java.js';

const tlc = await findTlc();
const lit = (v: boolean | number): ExprD => ({ k: 'lit', v });
const x = (name: string): ExprD => ({ k: 'var', name });
const int = (name: string, lo = 0, hi = 2): VarD => ({ name, sort: { k: 'int', lo, hi }, init: { k: 'value', e: lit(0) } });
const seqVar: VarD = { name: 's', sort: { k: 'seq', elem: { k: 'bool' }, max: 1 }, init: { k: 'value', items: [] } };
const setVar: VarD = { name: 'u', sort: { k: 'set', elem: { k: 'int', lo: 0, hi: 1 } }, init: { k: 'value', items: [] } };
const base = (d: Partial<FuzzModelD>): FuzzModelD => ({ name: 'Fuzz_t', p: 2, vars: [int('n')], actions: [], invariants: [{ k: 'ge', a: x('n'), b: lit(0) }], check: { k: 'inv', inv: 0 }, symmetry: false, ...d });
const fAt: ExprD = { k: 'app', fn: 'f', key: { k: 'self' } };
const inAction = (items: readonly ItemD[], vars: readonly VarD[] = [int('n')]) => base({ vars, actions: [{ name: 'Act1', param: false, items }] });
const inStep = (items: readonly ItemD[]) => base({ process: { name: 'Proc', ids: 'single', locals: [], steps: [{ label: 'l1', items }], loop: false } });
const all = (d: FuzzModelD) => unguarded(d, Array.from({ length: guardPlaces(d) }, () => true));

describe('unguarded: each guard the generator puts in, taken away', () => {
  const headOr: ExprD = { k: 'headOr', v: 's', d: lit(false) };
  const guardedPush: ItemD[] = [{ k: 'when', e: { k: 'lt', a: { k: 'len', v: 's' }, b: lit(1) } }, { k: 'push', v: 's', e: lit(true) }];
  const guardedPop: ItemD[] = [{ k: 'when', e: { k: 'gt', a: { k: 'len', v: 's' }, b: lit(0) } }, { k: 'pop', v: 's' }];
  const rangeGuard: ItemD[] = [{ k: 'when', e: { k: 'inRange', a: { k: 'plus', a: x('n'), b: lit(1) }, lo: 0, hi: 2 } }, { k: 'set', v: 'n', e: { k: 'plus', a: x('n'), b: lit(1) } }];
  const cases: { name: string; d: FuzzModelD; places: number; after: (d: FuzzModelD) => unknown; expected: unknown }[] = [
    { name: 'IF Len(s) > 0 THEN Head(s) ELSE d becomes Head(s)', d: inAction([{ k: 'when', e: headOr }], [int('n'), seqVar]), places: 1, after: (d) => d.actions[0]!.items, expected: [{ k: 'when', e: { k: 'head', v: 's' } }] },
    {
      name: 'a guarded CHOOSE becomes a bare one', places: 1, after: (d) => d.actions[0]!.items,
      d: inAction([{ k: 'set', v: 'n', e: { k: 'chooseOr', v: 'u', op: 'eq', e: lit(1), d: lit(0) } }], [int('n'), setVar]),
      expected: [{ k: 'set', v: 'n', e: { k: 'choose', v: 'u', op: 'eq', e: lit(1) } }],
    },
    {
      name: 'a CASE loses its OTHER', places: 1, after: (d) => d.invariants[0],
      d: base({ invariants: [{ k: 'case', arms: [[{ k: 'gt', a: x('n'), b: lit(0) }, lit(true)]], other: lit(false) }] }),
      expected: { k: 'casePartial', arms: [[{ k: 'gt', a: x('n'), b: lit(0) }, lit(true)]] },
    },
    {
      // Two places: the divisor, and the division through an operator with an argument it never uses.
      name: 'a \\div by a constant divides by an integer variable, through an operator', places: 2, after: (d) => d.invariants[0],
      d: base({ invariants: [{ k: 'ge', a: { k: 'div', a: x('n'), c: 2 }, b: lit(0) }] }),
      expected: { k: 'ge', a: { k: 'opDiv', op: 'div', a: x('n'), by: 'n', unused: { k: 'divBy', op: 'mod', a: lit(1), by: 'n' } }, b: lit(0) },
    },
    {
      name: 'a function variable is applied through an operator\'s function', places: 1, after: (d) => d.invariants[0],
      d: base({ vars: [int('n'), { name: 'f', sort: { k: 'fn', rng: { k: 'bool' } }, init: { k: 'value', e: lit(true) } }], invariants: [{ k: 'app', fn: 'f', key: { k: 'self' } }] }),
      expected: { k: 'lazyAt', v: 'f', key: { k: 'self' } },
    },
    {
      // By the place's number: through the operator's function, then passed to an operator that
      // applies it twice, then an EXCEPT of it, then an EXCEPT whose value applies its `@` twice,
      // then passed to an operator that applies it twice through a LET name and an IF.
      name: 'function variables applied at five places: each way of reaching a lazy function', places: 5, after: (d) => d.invariants[0],
      d: base({ vars: [int('n'), { name: 'f', sort: { k: 'fn', rng: { k: 'bool' } }, init: { k: 'value', e: lit(true) } }], invariants: [{ k: 'ite', c: fAt, a: fAt, b: { k: 'ite', c: fAt, a: fAt, b: fAt } }] }),
      expected: {
        k: 'ite', c: { k: 'lazyAt', v: 'f', key: { k: 'self' } }, a: { k: 'lazyAt', v: 'f', key: { k: 'self' }, via: 'twice' },
        b: { k: 'ite', c: { k: 'lazyAt', v: 'f', key: { k: 'self' }, via: 'except' }, a: { k: 'lazyAt', v: 'f', key: { k: 'self' }, via: 'atTwice' }, b: { k: 'lazyAt', v: 'f', key: { k: 'self' }, via: 'through' } },
      },
    },
    {
      name: 'with no integer variable, a \\div is not a place', places: 0, after: (d) => d.invariants[0],
      d: base({ vars: [{ name: 'b', sort: { k: 'bool' }, init: { k: 'value', e: lit(true) } }], invariants: [{ k: 'ge', a: { k: 'div', a: lit(3), c: 2 }, b: { k: 'ite', c: x('b'), a: lit(0), b: lit(1) } }] }),
      expected: { k: 'ge', a: { k: 'div', a: lit(3), c: 2 }, b: { k: 'ite', c: x('b'), a: lit(0), b: lit(1) } },
    },
    { name: 'the range guard before an integer assignment goes', d: inAction(rangeGuard), places: 1, after: (d) => d.actions[0]!.items, expected: [rangeGuard[1]] },
    { name: 'the length guard before a push goes', d: inAction(guardedPush, [int('n'), seqVar]), places: 1, after: (d) => d.actions[0]!.items, expected: [guardedPush[1]] },
    { name: 'the length guard before a pop goes', d: inAction(guardedPop, [int('n'), seqVar]), places: 1, after: (d) => d.actions[0]!.items, expected: [guardedPop[1]] },
    { name: 'in a process step another guard becomes an assert', d: inStep([{ k: 'when', e: { k: 'gt', a: x('n'), b: lit(0) } }]), places: 1, after: (d) => d.process!.steps[0]!.items, expected: [{ k: 'assert', e: { k: 'gt', a: x('n'), b: lit(0) } }] },
    { name: 'in an action another guard stays (an action has no assert)', d: inAction([{ k: 'when', e: { k: 'gt', a: x('n'), b: lit(0) } }]), places: 0, after: (d) => d.actions[0]!.items, expected: [{ k: 'when', e: { k: 'gt', a: x('n'), b: lit(0) } }] },
    {
      name: 'an invariant that would read no variable without its guard keeps it (the DSL refuses a constant invariant)', places: 1, after: (d) => d.invariants[0],
      d: base({ invariants: [{ k: 'case', arms: [[lit(true), lit(true)]], other: x('n') as never }] }),
      expected: { k: 'case', arms: [[lit(true), lit(true)]], other: x('n') },
    },
  ];
  it.each(cases)('$name', ({ d, places, after, expected }) => {
    expect(guardPlaces(d)).toBe(places);
    const u = all(d);
    expect(after(u)).toEqual(expected);
    // Named after its content, as every fuzz model is; no flip, no change.
    expect(u.name).toBe(named({ ...u, name: '' }).name);
    expect(after(unguarded(d, []))).toEqual(after(d));
  });

  it('flips are taken in the walk order, each place its own', () => {
    const d = inAction([...rangeGuard, ...guardedPop], [int('n'), seqVar]);
    expect(guardPlaces(d)).toBe(2);
    expect(unguarded(d, [true, false]).actions[0]!.items).toEqual([rangeGuard[1], ...guardedPop]);
    expect(unguarded(d, [false, true]).actions[0]!.items).toEqual([...rangeGuard, guardedPop[1]]);
    // A division's two places: unguarded alone it is a divBy; through an operator only once unguarded.
    const division = base({ invariants: [{ k: 'ge', a: { k: 'div', a: x('n'), c: 2 }, b: lit(0) }] });
    expect(unguarded(division, [true, false]).invariants[0]).toEqual({ k: 'ge', a: { k: 'divBy', op: 'div', a: x('n'), by: 'n' }, b: lit(0) });
    expect(unguarded(division, [false, true]).invariants[0]).toEqual(division.invariants[0]);
  });

  it('unguardedKinds names the error-mode forms a description holds', () => {
    expect(unguardedKinds(all(inAction([{ k: 'when', e: headOr }], [int('n'), seqVar])))).toEqual(['head']);
    expect(unguardedKinds(all(inStep([{ k: 'when', e: { k: 'gt', a: x('n'), b: lit(0) } }])))).toEqual(['assert']);
    expect(unguardedKinds(inAction(guardedPop, [int('n'), seqVar]))).toEqual([]);
  });
});

describe('what two checkers said, compared', () => {
  const at = (line: number) => ({ module: 'M', startLine: line, startCol: 1, endLine: line, endCol: 5 });
  const err = (over: Partial<Said> = {}): Said => ({ verdict: 'evalError', message: 'boom', stack: [at(3)], trace: [{ state: ['x = 0'] }, { action: 'A', location: at(7), state: ['x = 1'] }], distinct: 2, ...over });
  it.each([
    { name: 'the same', a: err(), b: err(), diff: undefined },
    { name: 'another verdict', a: err(), b: { verdict: 'passed', distinct: 2 }, diff: 'verdict' },
    { name: 'another message', a: err(), b: err({ message: 'bang' }), diff: 'message' },
    { name: 'another stack', a: err(), b: err({ stack: [] }), diff: 'stack' },
    { name: 'a longer trace', a: err(), b: err({ trace: [...err().trace!, { state: ['x = 2'] }] }), diff: 'trace length (2 against 3)' },
    { name: "a step's place", a: err(), b: err({ trace: [{ state: ['x = 0'] }, { action: 'A', location: at(8), state: ['x = 1'] }] }), diff: 'trace[1].location' },
    { name: 'a state', a: err(), b: err({ trace: [{ state: ['x = 0'] }, { action: 'A', location: at(7), state: ['x = 2'] }] }), diff: 'trace[1].state' },
    { name: 'the count', a: err(), b: err({ distinct: 3 }), diff: 'distinct' },
    { name: 'no count from one, on an initial state (TLC gives none there)', a: err({ trace: [{ state: ['x = 0'] }] }), b: err({ trace: [{ state: ['x = 0'] }], distinct: undefined }), diff: undefined },
    { name: 'no count from one, past the initial state', a: err(), b: err({ distinct: undefined }), diff: 'distinct' },
    // Since 2026-12-07 (a step's \A generated as TLC generates it): the states generated too.
    { name: 'the states generated', a: err({ generated: 3 }), b: err({ generated: 4 }), diff: 'generated' },
    { name: 'no generated count from one, on an initial state', a: err({ trace: [{ state: ['x = 0'] }], generated: 1 }), b: err({ trace: [{ state: ['x = 0'] }] }), diff: undefined },
    { name: 'no generated count from one, past the initial state', a: err({ generated: 3 }), b: err(), diff: 'generated' },
    { name: 'no count from either (two crashes alike)', a: { verdict: 'crashed', message: 'x' }, b: { verdict: 'crashed', message: 'x' }, diff: undefined },
  ])('$name', ({ a, b, diff }) => expect(firstDifference(a, b)).toBe(diff));

  it('said: an action with no parameters has no arguments, whichever way a checker says so; TLC\'s wrapped values are unwrapped', () => {
    const result = (args: { args?: string; params?: Record<string, string> }, value: string) => said({
      backend: 'tlc', module: 'M', config: 'c', durationMs: 0, counts: { distinct: 2 },
      verdict: { kind: 'deadlock', trace: [{ index: 1, vars: { x: '0' } }, { index: 2, action: { name: 'A', ...args }, vars: { x: value } }] },
    });
    expect(result({ params: {} }, '<<1, 2>>')).toEqual(result({}, '<< 1,\n  2 >>'));
    expect(result({ params: { self: 'p1' } }, '0').trace![1]!.args).toBe('p1');
    expect(result({ args: 'p1' }, '0').trace![1]!.args).toBe('p1');
  });

  const known = (id: string) => KNOWN_ERROR_DIFFERENCES.find((k) => k.id === id)!;
  // Module M: line 3 an invariant's conjunct, line 4 a function constructor, line 7 a step.
  const tla = ['---- MODULE M ----', 'VARIABLE x', 'Inv == x \\div 0 > 1', 'F == [p \\in P |-> 1 \\div 0]', '', '', "A == x' = x", '===='].join('\n');
  const inv = 'Evaluating invariant Inv failed. boom';
  const violated = (over: Partial<Said> = {}): Said => ({ verdict: 'invariant TypeOK', trace: [{ state: ['x = 0'] }, { action: 'A', location: at(7), state: ['x = 1'] }], distinct: 2, ...over });
  it.each([
    { name: 'the initial state\'s text, all else the same', id: 'initial-state-text', c: err({ trace: [] }), t: err({ trace: [], message: 'boom While working on the initial state: x = 0' }), matches: true },
    { name: 'the text and a stack', id: 'initial-state-text', c: err({ trace: [] }), t: err({ trace: [], stack: [], message: 'boom While working on the initial state: x = 0' }), matches: false },
    { name: 'the text after another message', id: 'initial-state-text', c: err({ trace: [] }), t: err({ trace: [], message: 'bang While working on the initial state: x = 0' }), matches: false },
    { name: 'an invariant\'s error on a later state, no stack from TLC: not this one (TLC\'s replay)', id: 'no-tlc-stack', c: err({ message: inv }), t: err({ message: inv, stack: [] }), matches: false },
    { name: 'under a function constructor of another module: not this one', id: 'no-tlc-stack', c: err({ stack: [{ module: 'Other', startLine: 4, startCol: 6, endLine: 4, endCol: 28 }] }), t: err({ stack: [] }), matches: false },
    { name: 'a sequence indexed past its end, no stack from TLC', id: 'no-tlc-stack', c: err({ message: 'Attempted to access index 0 of tuple <<1>> which is out of bounds.' }), t: err({ message: 'Attempted to access index 0 of tuple <<1>> which is out of bounds.', stack: [] }), matches: true },
    { name: 'an error under a function constructor, no stack from TLC', id: 'no-tlc-stack', c: err({ stack: [{ module: 'M', startLine: 4, startCol: 6, endLine: 4, endCol: 28 }] }), t: err({ stack: [] }), matches: true },
    { name: 'an error under a function constructor, no stack and another count', id: 'no-tlc-stack', c: err({ stack: [{ module: 'M', startLine: 4, startCol: 6, endLine: 4, endCol: 28 }] }), t: err({ stack: [], distinct: 5 }), matches: false },
    { name: 'another error, no stack from TLC: not this one', id: 'no-tlc-stack', c: err(), t: err({ stack: [] }), matches: false },
    ...[
      { name: 'an invariant\'s error on a later state, no stack from TLC (its replay met no error)', c: err({ message: inv }), t: err({ message: inv, stack: [] }), matches: true },
      { name: 'an invariant\'s error on a later state, another error\'s stack from TLC (its replay met it)', c: err({ message: inv }), t: err({ message: inv, stack: [at(7)] }), matches: true },
      { name: 'the same stack from both: no difference', c: err({ message: inv }), t: err({ message: inv }), matches: false },
      { name: 'on an initial state (TLC\'s stack is the error\'s): not this one', c: err({ message: inv, trace: [{ state: ['x = 0'] }] }), t: err({ message: inv, stack: [], trace: [{ state: ['x = 0'] }] }), matches: false },
      { name: 'not an invariant\'s error: not this one', c: err(), t: err({ stack: [at(7)] }), matches: false },
      { name: 'another stack, and another count', c: err({ message: inv }), t: err({ message: inv, stack: [], distinct: 5 }), matches: false },
      { name: 'another stack, and another trace', c: err({ message: inv }), t: err({ message: inv, stack: [], trace: [{ state: ['x = 0'] }, { action: 'A', location: at(7), state: ['x = 2'] }] }), matches: false },
    ].map((x) => ({ ...x, id: 'tlc-replay-stack' })),
    ...[
      { name: 'TLC\'s trace one state short, all else the same', c: violated(), t: violated({ trace: violated().trace!.slice(0, 1) }), matches: true },
      // The exception that cut the trace escapes before TLC ends the search: it goes on, so it may count more states (Fuzz_1ce7eff9: 4 against 3), never fewer.
      { name: 'TLC\'s trace one state short and a greater count', c: violated(), t: violated({ trace: violated().trace!.slice(0, 1), distinct: 3 }), matches: true },
      { name: 'TLC\'s trace one state short and more states generated (Fuzz_1ce7eff9: 4 against 3)', c: violated({ generated: 3 }), t: violated({ trace: violated().trace!.slice(0, 1), distinct: 3, generated: 4 }), matches: true },
      { name: 'TLC\'s trace one state short and a smaller count', c: violated(), t: violated({ trace: violated().trace!.slice(0, 1), distinct: 1 }), matches: false },
      { name: 'TLC\'s trace two states short', c: violated({ trace: [...violated().trace!, { action: 'A', location: at(7), state: ['x = 2'] }] }), t: violated({ trace: violated().trace!.slice(0, 1) }), matches: false },
      { name: 'TLC\'s trace one state short and its first state another', c: violated(), t: violated({ trace: [{ state: ['x = 5'] }] }), matches: false },
      { name: 'TLC\'s trace one state longer', c: violated({ trace: violated().trace!.slice(0, 1) }), t: violated(), matches: false },
      { name: 'an evaluation error\'s trace one state short: not this one', c: err(), t: err({ trace: err().trace!.slice(0, 1) }), matches: false },
      { name: 'TLC\'s violation on an initial state, with no count, against one a step later: not this one', c: violated({ distinct: 7 }), t: violated({ trace: violated().trace!.slice(0, 1), distinct: undefined }), matches: false },
      { name: 'TLC\'s trace empty', c: violated({ trace: violated().trace!.slice(0, 1) }), t: violated({ trace: [] }), matches: false },
    ].map((x) => ({ ...x, id: 'tlc-trace-cut' })),
  ])('known difference $id, $name: $matches', ({ id, c, t, matches }) => expect(known(id).matches(c, t, tla)).toBe(matches));
});

describe('the generator reaches the error paths', () => {
  it('over a fixed sample, the compiled verifier meets evaluation errors, failed asserts and TypeOK violations, and each kind of guard is taken away', async () => {
    const verdicts = new Set<string>();
    const kinds = new Set<string>();
    const sample = fc.sample(errorModelArb, { numRuns: 300, seed: 4242 });
    for (const d of sample) for (const k of unguardedKinds(d)) kinds.add(k);
    for (const d of sample.slice(0, 60)) verdicts.add(said(await checkCompiled(fuzzJob(d).job, { maxStates: 5000 })).verdict);
    expect([...verdicts]).toEqual(expect.arrayContaining(['evalError', 'assert', 'invariant TypeOK', 'passed']));
    expect([...kinds].sort()).toEqual(['assert', 'casePartial', 'choose', 'divBy', 'head', 'lazyAt', 'lazyAt-atTwice', 'lazyAt-except', 'lazyAt-through', 'lazyAt-twice', 'opDiv']);
  }, 60_000);
});

describe('shared expressions (`FuzzModelD.shared`)', () => {
  const sample = fc.sample(errorModelArb, { numRuns: 60, seed: 4242 });
  /**
   * How many times, in all, the module prints an IR node again in one definition: the prints
   * less the nodes printed. (Sharing merges nodes, so it never lowers this; the number of nodes
   * printed more than once it can: two nodes printed twice each, shared, are one printed four times.)
   */
  const repeated = (spans: readonly SpanEntry[]) => {
    const seen = new Map<string, Map<object, number>>();
    for (const x of spans) {
      if (x.kind !== 'expr') continue;
      const mine = seen.get(x.definition) ?? new Map<object, number>();
      seen.set(x.definition, mine.set(x.dsl, (mine.get(x.dsl) ?? 0) + 1));
    }
    return [...seen.values()].reduce((n, byNode) => n + [...byNode.values()].reduce((m, c) => m + c - 1, 0), 0);
  };
  it('about half the models are built shared; sharing prints the same module, with nodes printed more than once', () => {
    const shared = sample.filter((d) => d.shared);
    expect(shared.length).toBeGreaterThan(15);
    expect(shared.length).toBeLessThan(45);
    let more = 0;
    for (const d of shared) {
      const [mine, plain] = [fuzzJob(d).job, fuzzJob({ ...d, shared: false }).job];
      expect(mine.tla).toBe(plain.tla);
      expect(repeated(mine.spans)).toBeGreaterThanOrEqual(repeated(plain.spans));
      if (repeated(mine.spans) > repeated(plain.spans)) more++;
    }
    expect(more).toBeGreaterThan(shared.length / 2);
  });
  it('some shared models print a Head or a CHOOSE, which can fail, twice in one definition', () => {
    const canFail = (d: FuzzModelD) => {
      const { job } = fuzzJob(d);
      const lines = job.tla.split('\n');
      const text = (x: SpanEntry) => lines[x.tla.start.line - 1]!.slice(x.tla.start.col - 1);
      const byNode = new Map<object, SpanEntry[]>();
      for (const x of job.spans) if (x.kind === 'expr') byNode.set(x.dsl, [...(byNode.get(x.dsl) ?? []), x]);
      return [...byNode.values()].some((xs) => new Set(xs.map((x) => x.definition)).size < xs.length && /^(Head|CHOOSE)\b/.test(text(xs[0]!)));
    };
    // Unshared models have some too (lowering copies a process step's expressions), fewer.
    const [shared, plain] = [sample.filter((d) => d.shared), sample.filter((d) => !d.shared)];
    expect(shared.filter(canFail).length / shared.length).toBeGreaterThan(plain.filter(canFail).length / plain.length);
  });
});

describe.each(await loadErrorFixtures())('fixture $json.description.name (what TLC said when it was found)', ({ dir, json }) => {
  it('is still the module it was, and the compiled verifier says what TLC said (or differs from it by the known difference it shows)', async () => {
    const { job } = fuzzJob(json.description);
    const saved = path.join(dir, `${json.description.name}.tla`);
    expect(existsSync(saved) && job.tla === readFileSync(saved, 'utf8'), 'the emitter prints this model otherwise now: record the fixture again with TLC').toBe(true);
    const now = said(await checkCompiled(job));
    if (json.known) {
      expect(KNOWN_ERROR_DIFFERENCES.find((k) => k.id === json.known)!.matches(now, json.tlc, job.tla), `known difference ${json.known}`).toBe(true);
      // Where TLC is the wrong one, what this verifier said is the reference, the part TLC left out included.
      expect(now).toEqual(json.compiled);
    } else expect(firstDifference(now, json.tlc)).toBeUndefined();
    // What it said when found was what the fixture is for.
    expect(firstDifference(json.compiled, json.tlc)).toBe(json.detail);
  });
  // A known difference where TLC is the wrong one: if TLC stops differing, the difference can go.
  if (json.known) {
    it.skipIf(!tlc.found)(`TLC still says what it said, by the known difference it shows${tlcSkipNote(tlc)}`, async () => {
      const r = await runErrorCase(json.description, { tlc: tlcJudge() });
      expect([r.status, r.knownIssue, r.tlc]).toEqual(['known', json.known, json.tlc]);
    }, 120_000);
  }
});

describe('a fixed slice against TLC', () => {
  const slice = fc.sample(errorModelArb, { numRuns: 8, seed: 20_261_207 });
  it.skipIf(!tlc.found).each(slice.map((d) => [d.name, d] as const))(`%s: the same as TLC, or a known difference${tlcSkipNote(tlc)}`, async (_name, d) => {
    const r = await runErrorCase(d, { tlc: tlcJudge() });
    expect(['agree', 'known', 'skipped'], `${r.detail}: compiled ${JSON.stringify(r.compiled)}, TLC ${JSON.stringify(r.tlc)}`).toContain(r.status);
  }, 120_000);
});
