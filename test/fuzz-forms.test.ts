/**
 * The fuzz generator's sets, sequences and records, and its CHOOSE, CASE and LET, on descriptions
 * small enough to count by hand:
 * the independent evaluation, the compiled backend and tla-checker (and TLC where it is found)
 * must each give the verdict and the number of distinct states worked out here, and the emitted
 * module must say it with the TLA+ operators the description names.
 */
import { describe, expect, it } from 'vitest';
import { findTlc } from '../dsl/check/tlc.js';
import { compile } from '../dsl/compile.js';
import { SpanResolver } from '../dsl/map/spans.js';
import { buildFuzzModel, evaluate, localIsState, readsState, type ExprD, type FuzzModelD, type ItemD, type VarD } from '../scripts/bench/fuzz-model.js';
import { interval, runCase } from '../scripts/bench/fuzz.js';
import { tlcSkipNote } from './helpers/t2-java.js';

const tlc = await findTlc();
const lit = (v: boolean | number | string, e?: number): ExprD => (e === undefined ? { k: 'lit', v } : { k: 'lit', v, e });
const x1 = (sort: VarD['sort'], init: VarD['init']): VarD => ({ name: 'x1', sort, init });
const act = (name: string, items: readonly ItemD[], param = false) => ({ name, param, items });
const desc = (name: string, d: Omit<FuzzModelD, 'name' | 'check' | 'symmetry' | 'p'> & Partial<Pick<FuzzModelD, 'symmetry' | 'p'>>): FuzzModelD =>
  ({ p: 2, symmetry: false, check: { k: 'inv', inv: 0 }, ...d, name });

interface Case { readonly d: FuzzModelD; readonly verdict: string; readonly distinct: number; readonly tla: readonly string[] }

const setOfEnums = (inv: ExprD) => desc('Fuzz_setenum', {
  vars: [x1({ k: 'set', elem: { k: 'enum', e: 0 } }, { k: 'value', items: [] })],
  actions: [act('Act1', [{ k: 'add', v: 'x1', e: lit('a', 0) }]), act('Act2', [{ k: 'add', v: 'x1', e: lit('b', 0) }]), act('Act3', [{ k: 'del', v: 'x1', e: lit('a', 0) }])],
  invariants: [inv],
});
const recordOfInts = (inv: ExprD) => desc('Fuzz_recint', {
  vars: [x1({ k: 'rec', f: { k: 'int', lo: 0, hi: 2 }, g: { k: 'bool' } }, { k: 'value', items: [lit(0), lit(false)] })],
  actions: [
    act('Act1', [{ k: 'when', e: { k: 'inRange', a: { k: 'plus', a: { k: 'field', v: 'x1', f: 'f' }, b: lit(1) }, lo: 0, hi: 2 } }, { k: 'setField', v: 'x1', f: 'f', e: { k: 'plus', a: { k: 'field', v: 'x1', f: 'f' }, b: lit(1) } }]),
    act('Act2', [{ k: 'setField', v: 'x1', f: 'g', e: { k: 'not', a: { k: 'field', v: 'x1', f: 'g' } } }]),
  ],
  invariants: [inv],
});
const recordOfAtoms = (symmetry: boolean) => desc('Fuzz_recatom', {
  symmetry,
  vars: [x1({ k: 'rec', f: { k: 'atom' }, g: { k: 'atom' } }, { k: 'in', fieldChoices: { f: [], g: [] } })],
  actions: [act('Act1', [{ k: 'setField', v: 'x1', f: 'f', e: { k: 'self' } }], true)],
  invariants: [{ k: 'or', es: [{ k: 'eq', a: { k: 'field', v: 'x1', f: 'f' }, b: { k: 'field', v: 'x1', f: 'g' } }, { k: 'neq', a: { k: 'field', v: 'x1', f: 'f' }, b: { k: 'field', v: 'x1', f: 'g' } }] }],
});
const counter = (inv: ExprD) => desc('Fuzz_case', {
  vars: [x1({ k: 'int', lo: 0, hi: 3 }, { k: 'value', e: lit(0) })],
  actions: [act('Act1', [{ k: 'set', v: 'x1', e: {
    k: 'case',
    arms: [[{ k: 'lt', a: { k: 'var', name: 'x1' }, b: lit(3) }, { k: 'plus', a: { k: 'var', name: 'x1' }, b: lit(1) }], [{ k: 'lt', a: { k: 'var', name: 'x1' }, b: lit(2) }, lit(0)]],
    other: lit(3),
  } }])],
  invariants: [inv],
});
// A CASE with no OTHER (kept total) as an outer CASE's first arm, with arms after it: they stay the outer CASE's.
const x1e = { k: 'var', name: 'x1' } as const;
const nestedCase = (inv: ExprD) => desc('Fuzz_casetotal', {
  vars: [x1({ k: 'int', lo: 0, hi: 3 }, { k: 'value', e: lit(0) })],
  actions: [act('Act1', [{ k: 'set', v: 'x1', e: {
    k: 'case',
    arms: [
      [{ k: 'lt', a: x1e, b: lit(2) }, { k: 'caseTotal', arms: [[{ k: 'eq', a: x1e, b: lit(0) }, lit(1)]], other: lit(2) }],
      [{ k: 'eq', a: x1e, b: lit(2) }, lit(3)],
    ],
    other: lit(0),
  } }])],
  invariants: [inv],
});
const setOfAtoms = (symmetry: boolean) => desc('Fuzz_setatom', {
  p: 3, symmetry,
  vars: [x1({ k: 'set', elem: { k: 'atom' } }, { k: 'value', items: [] })],
  actions: [act('Act1', [{ k: 'add', v: 'x1', e: { k: 'self' } }], true), act('Act2', [{ k: 'clear', v: 'x1' }])],
  invariants: [{ k: 'le', a: { k: 'card', v: 'x1' }, b: lit(3) }],
});

const CASES: readonly Case[] = [
  // {}, {a}, {b}, {a, b}.
  { d: setOfEnums({ k: 'le', a: { k: 'card', v: 'x1' }, b: lit(2) }), verdict: 'passed', distinct: 4, tla: ['x1 \\cup {"a"}', 'x1 \\ {"a"}', 'Cardinality(x1)'] },
  { d: setOfEnums({ k: 'not', a: { k: 'has', v: 'x1', e: lit('b', 0) } }), verdict: 'invariant Inv1', distinct: 4, tla: ['"b" \\in x1'] },
  // x1 in <<>>, <<TRUE>>, <<TRUE, TRUE>> (pushed while shorter than 2, popped while not empty), x2 either boolean: 6.
  {
    d: desc('Fuzz_seqbool', {
      vars: [x1({ k: 'seq', elem: { k: 'bool' }, max: 2 }, { k: 'value', items: [] }), { name: 'x2', sort: { k: 'bool' }, init: { k: 'value', e: lit(false) } }],
      actions: [
        act('Act1', [{ k: 'when', e: { k: 'lt', a: { k: 'len', v: 'x1' }, b: lit(2) } }, { k: 'push', v: 'x1', e: lit(true) }]),
        act('Act2', [{ k: 'when', e: { k: 'gt', a: { k: 'len', v: 'x1' }, b: lit(0) } }, { k: 'pop', v: 'x1' }]),
        act('Act3', [{ k: 'set', v: 'x2', e: { k: 'headOr', v: 'x1', d: lit(false) } }]),
      ],
      invariants: [{ k: 'le', a: { k: 'len', v: 'x1' }, b: lit(2) }],
    }),
    verdict: 'passed', distinct: 6, tla: ['Append(x1, TRUE)', 'Tail(x1)', 'Head(x1)', 'Len(x1) <= 2'],
  },
  // f in 0..2 (raised while it stays in range) times g either boolean: 6; `f < 2` fails after two raises.
  { d: recordOfInts({ k: 'le', a: { k: 'field', v: 'x1', f: 'f' }, b: lit(2) }), verdict: 'passed', distinct: 6, tla: ['[x1 EXCEPT !.f = x1.f + 1]', '[f |-> 0, g |-> FALSE]'] },
  { d: recordOfInts({ k: 'lt', a: { k: 'field', v: 'x1', f: 'f' }, b: lit(2) }), verdict: 'invariant Inv1', distinct: 6, tla: [] },
  // [f: P, g: P] with |P| = 2: four records; under SYMMETRY two orbits (f = g, and f # g).
  { d: recordOfAtoms(false), verdict: 'passed', distinct: 4, tla: ['x1 \\in [f : P, g : P]', '[x1 EXCEPT !.f = self]'] },
  { d: recordOfAtoms(true), verdict: 'passed', distinct: 2, tla: [] },
  // The subsets of P, |P| = 3: eight; under SYMMETRY one orbit per size, four.
  { d: setOfAtoms(false), verdict: 'passed', distinct: 8, tla: ['x1 \\cup {self}'] },
  { d: setOfAtoms(true), verdict: 'passed', distinct: 4, tla: [] },
  // CHOOSE takes the first element in TLC's order (integers by value), not the order written: x2 becomes 1, never 2.
  {
    d: desc('Fuzz_chooseorder', {
      vars: [
        x1({ k: 'set', elem: { k: 'int', lo: 0, hi: 2 } }, { k: 'value', items: [lit(2), lit(1), lit(0)] }),
        { name: 'x2', sort: { k: 'int', lo: 0, hi: 2 }, init: { k: 'value', e: lit(0) } },
      ],
      actions: [act('Act1', [{ k: 'set', v: 'x2', e: { k: 'chooseOr', v: 'x1', op: 'neq', e: lit(0), d: lit(0) } }])],
      invariants: [{ k: 'neq', a: { k: 'var', name: 'x2' }, b: lit(2) }],
    }),
    verdict: 'passed', distinct: 2, tla: ['CHOOSE y \\in x1 : y # 0', '\\E y \\in x1 : y # 0'],
  },
  // With no element to choose, the ELSE: x1 in {}, {2}; x2 = 1 from {} and 2 from {2}: 5 states.
  {
    d: desc('Fuzz_chooseelse', {
      vars: [x1({ k: 'set', elem: { k: 'int', lo: 0, hi: 2 } }, { k: 'value', items: [] }), { name: 'x2', sort: { k: 'int', lo: 0, hi: 2 }, init: { k: 'value', e: lit(0) } }],
      actions: [act('Act1', [{ k: 'add', v: 'x1', e: lit(2) }]), act('Act2', [{ k: 'set', v: 'x2', e: { k: 'chooseOr', v: 'x1', op: 'neq', e: lit(0), d: lit(1) } }])],
      invariants: [{ k: 'le', a: { k: 'var', name: 'x2' }, b: lit(2) }],
    }),
    verdict: 'passed', distinct: 5, tla: [],
  },
  // CASE takes its first arm that holds: 0, 1, 2, 3 (taking the last would stay at 0).
  { d: counter({ k: 'le', a: { k: 'var', name: 'x1' }, b: lit(3) }), verdict: 'passed', distinct: 4, tla: ['CASE x1 < 3 -> x1 + 1', 'OTHER -> 3'] },
  { d: counter({ k: 'neq', a: { k: 'var', name: 'x1' }, b: lit(3) }), verdict: 'invariant Inv1', distinct: 4, tla: [] },
  // 0, 1, 2, 3, then 0 again. Were the outer CASE's later arms read as the inner one's, x1 = 2 would
  // meet a CASE with no arm true (an evaluation error), and 3 would never be reached.
  { d: nestedCase({ k: 'le', a: x1e, b: lit(3) }), verdict: 'passed', distinct: 4, tla: ['CASE x1 < 2 -> (CASE x1 = 0 -> 1 [] ~(x1 = 0) -> 2) [] x1 = 2 -> 3 [] OTHER -> 0'] },
  { d: nestedCase({ k: 'neq', a: x1e, b: lit(3) }), verdict: 'invariant Inv1', distinct: 4, tla: [] },
  // Nested LETs, the inner reading the outer: x1 cycles 0, 1, 2; x2 is whether x1 was 2 when last set: 6 states.
  {
    d: desc('Fuzz_let', {
      vars: [x1({ k: 'int', lo: 0, hi: 2 }, { k: 'value', e: lit(0) }), { name: 'x2', sort: { k: 'bool' }, init: { k: 'value', e: lit(false) } }],
      actions: [
        act('Act1', [{ k: 'set', v: 'x1', e: { k: 'let', name: 'lv2', e: { k: 'var', name: 'x1' }, body: { k: 'let', name: 'lv1', e: { k: 'plus', a: { k: 'letRef', name: 'lv2' }, b: lit(1) }, body: { k: 'ite', c: { k: 'le', a: { k: 'letRef', name: 'lv1' }, b: lit(2) }, a: { k: 'letRef', name: 'lv1' }, b: { k: 'minus', a: { k: 'letRef', name: 'lv2' }, b: lit(2) } } } } }]),
        act('Act2', [{ k: 'set', v: 'x2', e: { k: 'let', name: 'lv1', e: { k: 'var', name: 'x1' }, body: { k: 'eq', a: { k: 'letRef', name: 'lv1' }, b: lit(2) } } }]),
      ],
      invariants: [{ k: 'le', a: { k: 'var', name: 'x1' }, b: lit(2) }],
    }),
    verdict: 'passed', distinct: 6, tla: ['LET lv2 == x1', 'LET lv1 == lv2 + 1'],
  },
];

describe(`sets, sequences, records, CHOOSE, CASE and LET of the fuzz generator, counted by hand: evaluation, compiled, tla-checker${tlc.found ? ' and TLC' : ''}${tlcSkipNote(tlc)}`, () => {
  it.each(CASES.map((c) => ({ ...c, name: `${c.d.name}${c.d.symmetry ? ' (symmetry)' : ''}: ${c.verdict}, ${c.distinct} states` })))('$name', async ({ d, verdict, distinct, tla }) => {
    const r = await runCase(d, { ...(tlc.found ? { tlc } : {}), known: [] });
    const want = { verdict, distinct };
    expect(r.answers.evaluation).toEqual(want);
    expect(r.answers.compiled).toEqual(expect.objectContaining(want));
    expect(r.answers['tla-checker']).toEqual(expect.objectContaining(want));
    if (tlc.found) expect(r.answers.tlc).toEqual(expect.objectContaining(want));
    const text = compile(buildFuzzModel(d), new SpanResolver()).files.get(`${d.name}.tla`)!;
    for (const s of tla) expect(text).toContain(s);
  });

  it('TypeOK bounds what the generator guards: an element, a field or a length out of its type is a problem', () => {
    const unguarded = desc('Fuzz_unguarded', {
      vars: [x1({ k: 'seq', elem: { k: 'int', lo: 0, hi: 1 }, max: 1 }, { k: 'value', items: [] })],
      // Guarded one past its bound: Len(x1) < 2 where TypeOK says Len(x1) <= 1.
      actions: [act('Act1', [{ k: 'when', e: { k: 'lt', a: { k: 'len', v: 'x1' }, b: lit(2) } }, { k: 'push', v: 'x1', e: lit(1) }])],
      invariants: [{ k: 'le', a: { k: 'len', v: 'x1' }, b: lit(5) }],
    });
    expect(evaluate(unguarded).problem).toMatch(/^TypeOK: x1 out of range: \[1,1\]/);
    const element = desc('Fuzz_element', {
      vars: [x1({ k: 'set', elem: { k: 'int', lo: 0, hi: 1 } }, { k: 'value', items: [] })],
      actions: [act('Act1', [{ k: 'add', v: 'x1', e: lit(2) }])],
      invariants: [{ k: 'le', a: { k: 'card', v: 'x1' }, b: lit(5) }],
    });
    expect(evaluate(element).problem).toMatch(/^TypeOK: x1 out of range: \[2\]/);
    const field = recordOfInts({ k: 'le', a: { k: 'field', v: 'x1', f: 'f' }, b: lit(9) });
    const unbounded = { ...field, actions: [act('Act1', [{ k: 'setField', v: 'x1', f: 'f', e: lit(3) }])] } satisfies FuzzModelD;
    expect(evaluate(unbounded).problem).toMatch(/^TypeOK: x1 out of range: \[3,false\]/);
    expect(evaluate(CASES[0]!.d).problem).toBeUndefined();
  });

  it.each([
    { name: 'Cardinality(x1)', e: { k: 'card', v: 'x1' } as ExprD, iv: [0, 2] },
    { name: 'Len(x2)', e: { k: 'len', v: 'x2' } as ExprD, iv: [0, 2] },
    { name: 'x3.f', e: { k: 'field', v: 'x3', f: 'f' } as ExprD, iv: [-1, 3] },
    { name: 'x3.g (not an integer)', e: { k: 'field', v: 'x3', f: 'g' } as ExprD, iv: [0, 0] },
    { name: 'IF Len(x4) > 0 THEN Head(x4) ELSE 5', e: { k: 'headOr', v: 'x4', d: lit(5) } as ExprD, iv: [0, 5] },
  ])('interval of $name (the bounds the generator guards by)', ({ e, iv }) => {
    const vars: VarD[] = [
      { name: 'x1', sort: { k: 'set', elem: { k: 'atom' } }, init: { k: 'value', items: [] } },
      { name: 'x2', sort: { k: 'seq', elem: { k: 'bool' }, max: 2 }, init: { k: 'value', items: [] } },
      { name: 'x3', sort: { k: 'rec', f: { k: 'int', lo: -1, hi: 3 }, g: { k: 'bool' } }, init: { k: 'value', items: [lit(0), lit(true)] } },
      { name: 'x4', sort: { k: 'seq', elem: { k: 'int', lo: 0, hi: 2 }, max: 1 }, init: { k: 'value', items: [] } },
    ];
    expect(interval(e, { vars, locals: [], p: 2 })).toEqual(iv);
  });

  it('reading a set, sequence or record reads the state; a local read inside one makes it state', () => {
    expect(readsState({ k: 'card', v: 'x1' })).toBe(true);
    expect(readsState({ k: 'not', a: { k: 'has', v: 'x1', e: lit('a', 0) } })).toBe(true);
    expect(readsState({ k: 'lt', a: lit(1), b: lit(2) })).toBe(false);
    const step = (items: readonly ItemD[]) => ({ name: 'Proc', ids: 'single' as const, locals: [{ name: 'loc1', lo: 0, hi: 2, init: 0 }], steps: [{ label: 'l1', items }], loop: true });
    expect(localIsState(step([{ k: 'push', v: 'x1', e: { k: 'local', name: 'loc1' } }]), 'loc1')).toBe(true);
    expect(localIsState(step([{ k: 'setField', v: 'x1', f: 'f', e: { k: 'headOr', v: 'x2', d: { k: 'local', name: 'loc1' } } }]), 'loc1')).toBe(true);
    expect(localIsState(step([{ k: 'setLocal', v: 'loc1', e: lit(1) }, { k: 'add', v: 'x1', e: { k: 'local', name: 'loc1' } }]), 'loc1')).toBe(false);
    expect(localIsState(step([{ k: 'pop', v: 'x1' }, { k: 'clear', v: 'x2' }]), 'loc1')).toBe(false);
  });
});
