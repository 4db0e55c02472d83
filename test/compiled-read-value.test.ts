/**
 * Reading a value back from a trace's text (dsl/check/compiled/read-value.ts), and what the
 * pipeline does with it: naming the variable a TLC or tla-checker TypeOK violation puts outside
 * its type (`invariantOn` of TypeOK). Printed values are `show`'s, which prints as TLC prints.
 */
import fc from 'fast-check';
import { beforeEach, describe, expect, it } from 'vitest';
import { compiledChecker, invariantOn } from '../dsl/check/compiled/index.js';
import { textAt } from './helpers/t2-source.js';
import { readValue } from '../dsl/check/compiled/read-value.js';
import { enterOrder, equals, makeFn, makeRecord, ModelValue, SetValue, show, TupleValue, valueOrder, type Value } from '../dsl/check/compiled/values.js';
import { compile } from '../dsl/compile.js';
import { alwaysEventually, emptySeq, eq, leadsTo, lt, model, plus, set, t, when } from '../dsl/index.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { SpanResolver } from '../dsl/map/spans.js';
import { jobFor } from '../dsl/pipeline/run.js';

const MODEL_VALUES = new Set(['m1', 'm2', 'm3']);
beforeEach(() => enterOrder(valueOrder('f g h', [...MODEL_VALUES])));

/** Values of every kind a state holds, nested. */
const values: fc.Arbitrary<Value> = fc.letrec<{ v: Value }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.boolean(),
    fc.integer({ min: -1000, max: 1000 }),
    fc.string({ maxLength: 6 }),
    fc.constantFrom(...MODEL_VALUES).map((n) => ModelValue.of(n)),
    fc.array(tie('v'), { maxLength: 3 }).map((xs) => new TupleValue(xs)),
    fc.array(tie('v'), { maxLength: 3 }).map((xs) => { try { return SetValue.of(xs); } catch { return SetValue.of([]); } }),
    fc.tuple(tie('v'), tie('v')).map(([f, g]) => makeRecord(['g', 'f'], [g, f])),
    fc.subarray([...MODEL_VALUES], { minLength: 1 }).chain((dom) => fc.array(tie('v'), { minLength: dom.length, maxLength: dom.length })
      .map((vals) => makeFn(dom.map((n) => ModelValue.of(n)), vals))),
  ),
})).v;

describe('readValue', () => {
  it('reads back what show prints, equal to the value printed', () => {
    fc.assert(fc.property(values, (v) => {
      const back = readValue(show(v), MODEL_VALUES);
      expect(back, show(v)).toBeDefined();
      expect(equals(back!, v), show(v)).toBe(true);
      expect(show(back!)).toBe(show(v));
    }), { numRuns: 300 });
  });

  it.each([
    ['a string with every escape TLC prints', '"a\\"b\\\\c\\td\\ne"', 'a"b\\c\td\ne'],
    ['a negative integer', '-7', -7],
    ['a function printed with :> and @@', '(m2 :> 1 @@ m1 :> 2)', makeFn([ModelValue.of('m1'), ModelValue.of('m2')], [2, 1])],
    ['a function on 1..n, printed as a sequence', '<<"a", "b">>', makeFn([1, 2], ['a', 'b'])],
    ['a set printed out of order, with a repeat', '{3, 1, 3}', SetValue.of([1, 3])],
  ])('%s', (_, text, want) => {
    const got = readValue(text, MODEL_VALUES);
    expect(got !== undefined && equals(got, want as Value)).toBe(true);
  });

  it.each([
    ['an identifier that is not a model value of the config', 'm9'],
    ['one inside a record', '[f |-> m9]'],
    ['one as a function\'s argument', '(m9 :> 1)'],
    ['a number TLC does not print so', '1e3'],
    ['a string with an escape TLC does not print', '"a\\qb"'],
    ['a lazy interval', '1..3'],
    ['a set of functions', '[{1} -> BOOLEAN]'],
    ['an integer past 2^53', '12345678901234567890'],
    ['text that does not parse', '{1, '],
    ['a set TLC cannot compare the elements of', '{1, "a"}'],
    ['a function whose arguments TLC cannot compare', '(1 :> TRUE @@ "k" :> FALSE)'],
  ])('gives undefined for %s', (_, text) => {
    expect(readValue(text, MODEL_VALUES)).toBeUndefined();
  });
});

describe('invariantOn TypeOK: the variable a state puts outside its type', () => {
  const m = model('ReadBroken', (b) => {
    const S = b.modelValues('S');
    b.variable('n', t.int(0, 2), 0);
    b.variable('q', t.seq(t.member(S), 1), emptySeq(t.member(S)));
    b.config('c', { constants: { S: ['s1', 's2'] }, checkDeadlock: false });
  });
  const job = () => jobFor(compile(m, new SpanResolver()), m.module, m.module.configs[0]!);

  it.each([
    ['n past its range', { n: '3', q: '<<>>' }, 'n'],
    ['q past its length bound', { n: '0', q: '<<s1, s2>>' }, 'q'],
    ['q holding a value outside S', { n: '0', q: '<<"s1">>' }, 'q'],
    ['both: the first in TypeOK\'s order', { n: '-1', q: '<<s1, s1>>' }, 'n'],
  ])('%s', (_, vars, want) => {
    expect(invariantOn(job(), 'TypeOK', vars)).toEqual({ holds: false, variable: want });
  });
  it('no variable outside its type: TypeOK holds', () => {
    expect(invariantOn(job(), 'TypeOK', { n: '2', q: '<<s2>>' })).toEqual({ holds: true });
  });
  it.each([
    ['a value that cannot be read', { n: '1', q: '<<s9>>' }],
    ['a variable missing from the state', { n: '3' }],
    ['a value that cannot be read for certain', { n: '{1, "a"}', q: '<<>>' }],
  ])('undefined for %s', (_, vars) => {
    expect(invariantOn(job(), 'TypeOK', vars)).toBeUndefined();
  });
  it('a conjunct that fails to evaluate (a string against 0..2): the error, as the compiled verifier raises it', () => {
    const j = job(), said = invariantOn(j, 'TypeOK', { n: '"a"', q: '<<>>' });
    expect(said).toEqual({ raises: { message: expect.stringContaining('"a"'), stack: [expect.objectContaining({ module: 'ReadBroken' })] } });
    // Its frame: n's conjunct of TypeOK.
    expect(said && 'raises' in said && textAt(j.tla, said.raises.stack[0]!)).toBe('n \\in 0..2');
  });
  it('names the variable where the compiled verifier refuses the config (it evaluates TypeOK alone)', () => {
    const refused = model('ReadRefused', (b) => {
      const n = b.variable('n', t.int(0, 2), 0);
      b.property('Nested', leadsTo(alwaysEventually(eq(n, 1)), eq(n, 0)));
      b.config('c', { properties: ['Nested'], checkDeadlock: false });
    });
    const j = jobFor(compile(refused, new SpanResolver()), refused.module, refused.module.configs[0]!);
    expect(compiledChecker.refuses?.(j)).toBeDefined();
    expect(invariantOn(j, 'TypeOK', { n: '3' })).toEqual({ holds: false, variable: 'n' });
    expect(invariantOn(j, 'TypeOK', { n: '2' })).toEqual({ holds: true });
  });
});

describe('the pipeline names the variable on a TypeOK violation only', () => {
  // Focused on Small, TypeOK is not checked: Small fails where n is also outside 0..1, and the
  // problem stays Small's.
  const m = model('ReadOnlyTypeOk', (b) => {
    const n = b.variable('n', t.int(0, 1), 0);
    b.action('Inc', {}, () => [when(lt(n, 2)), set(n, plus(n, 1))]);
    b.invariant('Small', lt(n, 2));
    b.config('c', { invariants: ['Small'], checkDeadlock: false });
  });
  it.each([['Small', undefined], ['TypeOK', 'n']])('focused on %s, on tla-checker: violated, variable %s', async (name, variable) => {
    const r = await checkModel(m, 'c', { checkers: [tlaChecker], focus: name });
    const v = r.results[0]!.verdict;
    expect(v.kind === 'invariant' && [v.name, v.variable]).toEqual([name, variable]);
    expect(r.explanations[0]!.problem?.variable).toBe(variable);
  });
});
