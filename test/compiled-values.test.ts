/**
 * The compiled verifier's values (dsl/check/compiled/values.ts) on their own: TLC's order,
 * equality and its errors, membership in lazy sets, enumeration, printing as TLC prints, symmetry
 * and structural identity. Each expectation is what TLC does (tlc2.value.impl).
 */
import { randomUUID } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  compare, compareNames, elements, enterOrder, equals, EvalError, FnSetValue, FnValue, hashValue, IntervalValue, isSetLike,
  makeFn, makeRecord, member, ModelValue, permute, recordMaker, RecordSetValue, RecordValue, same, SeqSetValue, SetValue, show, SubsetValue,
  toStored, TupleValue, valueOrder, type Value,
} from '../dsl/check/compiled/values.js';

const set = (...xs: Value[]) => SetValue.of(xs);
const tup = (...xs: Value[]) => new TupleValue(xs);
const a = ModelValue.of('mvA'), b = ModelValue.of('mvB'), c = ModelValue.of('mvC');

// Field order: x before y before z; model values mvB, mvA (the config's order), mvC unnamed. Set
// before the tables below build their records, and again before each test (some enter others).
const ORDER = () => enterOrder(valueOrder('x y z', ['mvB', 'mvA']));
ORDER();
beforeEach(ORDER);

/**
 * The tables below are built while the file loads; a mutation run reruns the tests of the loaded
 * file, so each test rebuilds its values through the constructors under test (and the tables'
 * expectations stay as built without the mutant).
 */
function fresh(v: Value): Value {
  if (v instanceof ModelValue) return ModelValue.of(v.name);
  if (v instanceof SetValue) return SetValue.of(v.elems.map(fresh));
  if (v instanceof TupleValue) return new TupleValue(v.elems.map(fresh));
  if (v instanceof RecordValue) return makeRecord(v.names, v.vals.map(fresh));
  if (v instanceof FnValue) return makeFn(v.dom.map(fresh), v.vals.map(fresh));
  if (v instanceof IntervalValue) return new IntervalValue(v.lo, v.hi);
  if (v instanceof SubsetValue) return new SubsetValue(fresh(v.base));
  if (v instanceof SeqSetValue) return new SeqSetValue(fresh(v.base));
  if (v instanceof FnSetValue) return new FnSetValue(fresh(v.dom), fresh(v.rng));
  if (v instanceof RecordSetValue) return new RecordSetValue(v.names, v.sets.map(fresh));
  return v;
}

/** `names` in TLC's order under `text`'s module (the order they are given in changes nothing). */
function ranked(text: string, names: readonly string[]): string[] {
  enterOrder(valueOrder(text, []));
  return [...names].sort(compareNames);
}

const errorOf = (f: () => unknown): string => {
  try { f(); } catch (e) { expect(e).toBeInstanceOf(EvalError); return (e as Error).message; }
  return expect.fail('no error');
};

describe('valueOrder', () => {
  it('ranks the module\'s words by first occurrence, skipping comments; then literals as written; a name in neither after, by its characters', () => {
    const text = 'bq (* aq cq *) \\* dq\n "fq \\" eq" cq bq aq "gq" "fq"';
    expect(ranked(text, ['aq', 'bq', 'cq', 'dq', 'eq', 'fq', 'gq'])).toEqual(['bq', 'cq', 'aq', 'gq', 'fq', 'dq', 'eq']);
    expect(ranked(text, ['gq', 'fq', 'eq', 'dq', 'cq', 'bq', 'aq'])).toEqual(['bq', 'cq', 'aq', 'gq', 'fq', 'dq', 'eq']);
  });
  it('a name is a whole word: not part of a longer one, nor the letters of an operator, nor the header\'s MODULE', () => {
    expect(ranked('xaq aq', ['aq', 'xaq'])).toEqual(['xaq', 'aq']);
    expect(ranked('aq_bq bq1 aqbq bq aq', ['aq', 'bq', 'aqbq', 'bq1', 'aq_bq'])).toEqual(['aq_bq', 'bq1', 'aqbq', 'bq', 'aq']);
    expect(ranked('(* aq *) (* bq *)', ['bq', 'aq'])).toEqual(['aq', 'bq']);
    expect(ranked('x \\in S /\\ in', ['in', 'x'])).toEqual(['x', 'in']);
    // The header's `---- MODULE` is one token: MODULE is no word (it ranks as a name never interned, after zq).
    expect(ranked('---- MODULE M ----\nzq == 1\nMODULE', ['MODULE', 'zq'])).toEqual(['zq', 'MODULE']);
    // Digits, capitals and small letters each side make a longer word: yq is first whole at the end.
    expect(ranked('yq9 yqZ yqz 0yq Ayq ayq _yq yq_ zq yq', ['yq', 'zq'])).toEqual(['zq', 'yq']);
    // …and the characters just past them do not: yq is whole where the text starts.
    for (const text of ['yq=1 zq yq', 'yq[1] zq yq', '{yq} zq yq', 'f(yq) zq yq']) expect(ranked(text, ['zq', 'yq']), text).toEqual(['yq', 'zq']);
  });
  it('an unclosed comment or string is none: the words after its opening count; a line comment ends at any line break', () => {
    expect(ranked('zq (* yq', ['aq', 'yq', 'zq'])).toEqual(['zq', 'yq', 'aq']);
    expect(ranked('zq "yq', ['aq', 'yq', 'zq'])).toEqual(['zq', 'yq', 'aq']);
    // A backslash escapes any character in a string but a line break: this quote opens no string.
    expect(ranked('"xq\\\nyq" zq', ['zq', 'yq', 'xq'])).toEqual(['xq', 'yq', 'zq']);
    expect(ranked('zq \\* xq\ryq', ['xq', 'aq', 'yq', 'zq'])).toEqual(['zq', 'yq', 'aq', 'xq']);
    // The words after an unclosed quote are the module's (before the standard modules' Int), not a literal's (after it).
    expect(ranked('zq "yq', ['Int', 'yq'])).toEqual(['yq', 'Int']);
    for (const lineEnd of ['\u2028', '\u2029']) {
      expect(ranked(`zq \\* xq${lineEnd}yq`, ['xq', 'yq', 'zq'])).toEqual(['zq', 'yq', 'xq']);
      expect(ranked(`"xq\\${lineEnd}yq" zq`, ['zq', 'yq', 'xq'])).toEqual(['xq', 'yq', 'zq']);
    }
  });
  it('a comment opens with `(*` (its `*` not also closing it) and runs to the first `*)`; a line comment may end the text', () => {
    expect(ranked('f(zq) yq (* c *)', ['yq', 'zq'])).toEqual(['zq', 'yq']);
    expect(ranked('(*) zq *) yq', ['zq', 'yq'])).toEqual(['yq', 'zq']);
    // zq is in the comment: no word of the module, it ranks after the standard modules' Int.
    expect(ranked('yq \\* zq', ['zq', 'Int'])).toEqual(['Int', 'zq']);
    // The first `*)` closes: comments do not nest, nor run to the last one.
    expect(ranked('(* a *) yq (* b *) zq', ['zq', 'yq'])).toEqual(['yq', 'zq']);
    expect(ranked('(* (* c *) yq *) zq', ['zq', 'yq'])).toEqual(['yq', 'zq']);
  });
  it('a literal ranks by its first place, however often it is written', () => {
    expect(ranked('"yq" "zq" "yq"', ['zq', 'yq'])).toEqual(['yq', 'zq']);
  });
  it('a string no identifier could be is never a word: the empty string, one with a dash or a space (and looking for one ends)', () => {
    expect(ranked('---- MODULE a ----\nx == "a-b" /\\ "" /\\ "x y"', ['x y', '', 'a-b', 'x'])).toEqual(['x', 'a-b', '', 'x y']);
    enterOrder(valueOrder('x y z', []));
    expect(compareNames('', 'x')).toBeGreaterThan(0);
  });
  it('a literal at the very start ranks by its place; a value the config writes twice, by its first', () => {
    expect(ranked('"lq" "kq"', ['kq', 'lq'])).toEqual(['lq', 'kq']);
    enterOrder(valueOrder('', [], ['cq', 'dq', 'cq']));
    expect(compareNames('cq', 'dq')).toBeLessThan(0);
  });
  it('the config\'s values, SANY\'s built-in names and the standard modules\' words take TLC\'s places around the module\'s', () => {
    const o = valueOrder('zq TRUE "lit"', ['p1'], ['p1', 'cv']);
    const rank = (n: string) => o.ranks.of(n);
    const order = ['p1', 'cv', 'STRING', 'TRUE', 'zq', 'Int', 'Nat', 'lit', 'never'];
    expect([...order].reverse().sort((x, y) => rank(x) - rank(y) || (x < y ? -1 : 1))).toEqual(order);
  });
  it('each order is its own, for one module or the next', () => {
    enterOrder(valueOrder('yq xq', []));
    expect(compareNames('yq', 'xq')).toBeLessThan(0);
    enterOrder(valueOrder('xq yq', []));
    expect(compareNames('yq', 'xq')).toBeGreaterThan(0);
    expect(ranked('yq xq', ['xq', 'yq'])).toEqual(['yq', 'xq']);
  });
  it('a name TLC would never have interned ranks after every other, by its characters, whichever is met first', () => {
    enterOrder(valueOrder('yq xq', []));
    expect(compareNames('yq', 'xq')).toBeLessThan(0);
    expect(compareNames('qq', 'xq')).toBeGreaterThan(0);
    expect(compareNames('rq', 'qq')).toBeGreaterThan(0);
    expect(compareNames('qq', 'rq')).toBeLessThan(0);
    expect(compareNames('qq', 'qq')).toBe(0);
  });
});

describe('compare', () => {
  it.each<[string, Value, Value, -1 | 0 | 1]>([
    ['integers', 2, 10, -1], ['integers', -1, -3, 1], ['equal integers', 4, 4, 0],
    ['strings: a module word before a standard module\'s', 'x', 'a', -1], ['strings: a standard module\'s word before one never interned', 'a', 'B', -1],
    ['strings never interned by their characters', 'Bq', 'aq', -1], ['strings never interned by their characters', 'aq', 'abq', 1], ['equal strings', 's', 's', 0],
    ['booleans', false, true, -1], ['booleans', true, false, 1],
    ['model values by config order', b, a, -1], ['model values by config order', a, b, 1],
    ['a named model value before an unnamed one', a, c, -1],
    ['model values before anything', a, 0, -1], ['anything after model values', 0, a, 1], ['after model values', set(), a, 1],
    ['tuples by length first', tup(9), tup(1, 1), -1], ['tuples element-wise', tup(1, 2), tup(1, 3), -1], ['tuples element-wise', tup(2, 0), tup(1, 3), 1],
    ['equal tuples', tup(1, 2), tup(1, 2), 0],
    ['sets by size first', set(9), set(1, 2), -1], ['sets element-wise', set(1, 3), set(1, 2), 1], ['equal sets', set(1, 2), set(2, 1), 0],
    ['an interval against a set', new IntervalValue(1, 2), set(1, 2), 0], ['an interval against a set', new IntervalValue(1, 3), set(1, 2), 1],
    ['records by size', makeRecord(['z'], [1]), makeRecord(['x', 'y'], [1, 1]), -1],
    ['records by field names in rank order', makeRecord(['x'], [5]), makeRecord(['y'], [1]), -1],
    ['records by values', makeRecord(['x', 'y'], [1, 2]), makeRecord(['x', 'y'], [1, 1]), 1],
    ['equal records', makeRecord(['x', 'y'], [1, 2]), makeRecord(['y', 'x'], [2, 1]), 0],
    ['functions by size', new FnValue([a], [1]), new FnValue([a, b], [1, 1]), -1],
    ['functions by domain', new FnValue([b], [9]), new FnValue([a], [1]), -1],
    ['functions by value', new FnValue([a], [2]), new FnValue([a], [1]), 1],
    ['equal functions', new FnValue([b, a], [1, 2]), new FnValue([b, a], [1, 2]), 0],
    ['a tuple against a function of the same size', tup(1), new FnValue([a], [1]), 1],
    // TLC's FcnRcdValue#compareTo: the whole domain before any value (as records compare their names first).
    ['functions of one size: the domain before the values', new FnValue([b, c], [0, 0]), new FnValue([b, a], [5, 0]), 1],
    ['a function against a tuple: the domain before the values', new FnValue([1, 3], [0, 0]), tup(5, 0), 1],
    ['a tuple against a function: the domain before the values', tup(5, 0), new FnValue([1, 3], [0, 0]), -1],
    ['a record against a function of strings: the domain before the values', makeRecord(['x', 'z'], [0, 0]), new FnValue(['x', 'y'], [5, 0]), 1],
    // Over other domains the values are never compared: booleans against integers raise no error (tlaplus#652's case).
    ['functions over other domains, with values of other kinds', new FnValue([1, 3], [false, false]), tup(1, 2), 1],
  ])('%s (%#)', (_what, x, y, sign) => {
    expect(Math.sign(compare(fresh(x), fresh(y)))).toBe(sign);
  });
  it('refuses values of different kinds, as TLC words it', () => {
    expect(errorOf(() => compare(1, 'a'))).toBe('Attempted to compare integer 1 with the string:\n"a"');
    expect(errorOf(() => compare(true, set()))).toBe('Attempted to compare boolean TRUE with the set:\n{}');
    expect(errorOf(() => compare(tup(1), set()))).toBe('Attempted to compare function <<1>> with the set:\n{}');
    expect(errorOf(() => compare(set(), makeRecord(['x'], [1])))).toBe('Attempted to compare set {} with the function:\n[x |-> 1]');
  });
});

describe('SetValue.of, makeFn, makeRecord', () => {
  it('sorts and removes duplicates', () => {
    expect(set(3, 1, 2, 1, 3).elems).toEqual([1, 2, 3]);
    expect(set(tup(1), tup(1), tup(0)).elems).toEqual([tup(0), tup(1)]);
    expect(set().elems).toEqual([]);
  });
  it('a domain 1..n is a tuple, in any order; anything else a function sorted by domain', () => {
    expect(makeFn([2, 1], ['b', 'a'])).toEqual(tup('a', 'b'));
    expect(makeFn([], [])).toEqual(tup());
    expect(makeFn([3, 2], ['c', 'b'])).toEqual(new FnValue([2, 3], ['b', 'c']));
    expect(makeFn([0, 1], ['z', 'a'])).toEqual(new FnValue([0, 1], ['z', 'a']));
    expect(makeFn([a, b], [1, 2])).toEqual(new FnValue([b, a], [2, 1]));
  });
  it('a record sorts its fields by rank, values following', () => {
    const r = makeRecord(['z', 'x', 'y'], [3, 1, 2]);
    expect(r.names).toEqual(['x', 'y', 'z']);
    expect(r.vals).toEqual([1, 2, 3]);
  });
});

describe('equals', () => {
  it.each<[string, Value, Value, boolean]>([
    ['integers', 1, 1, true], ['integers', 1, 2, false], ['strings', 'a', 'b', false], ['booleans', true, false, false],
    ['model values', a, a, true], ['model values', a, b, false],
    ['a model value with anything', a, 1, false], ['anything with a model value', 'x', a, false], ['a model value with a set', a, set(), false],
    ['a set with a model value', set(), b, false],
    ['tuples', tup(1, 2), tup(1, 2), true], ['tuples', tup(1, 2), tup(1, 3), false], ['tuples of other lengths', tup(1), tup(1, 2), false],
    ['records', makeRecord(['x'], [1]), makeRecord(['x'], [1]), true], ['records', makeRecord(['x'], [1]), makeRecord(['y'], [1]), false],
    ['records', makeRecord(['x'], [1]), makeRecord(['x'], [2]), false], ['records', makeRecord(['x'], [1]), makeRecord(['x', 'y'], [1, 1]), false],
    ['functions', new FnValue([a], [1]), new FnValue([a], [1]), true], ['functions', new FnValue([a], [1]), new FnValue([b], [1]), false],
    ['functions', new FnValue([a], [1]), new FnValue([a], [2]), false], ['functions', new FnValue([a], [1]), new FnValue([a, b], [1, 1]), false],
    ['a record and a function with string domain', makeRecord(['x', 'y'], [1, 2]), new FnValue(['y', 'x'], [2, 1]), true],
    ['a record and a function with another value', makeRecord(['x'], [1]), new FnValue(['x'], [2]), false],
    ['a record and a function with another domain', makeRecord(['x'], [1]), new FnValue(['y'], [1]), false],
    ['a record and a larger function', makeRecord(['x'], [1]), new FnValue(['x', 'y'], [1, 1]), false],
    ['a tuple and a function over 1..n', tup('p'), new FnValue([1], ['p']), true],
    ['a tuple and a function over another domain', tup(5, 0), new FnValue([1, 3], [0, 0]), false],
    ['sets', set(1, 2), set(2, 1), true], ['sets', set(1, 2), set(1, 3), false], ['sets', set(1), set(1, 2), false],
    ['an interval and a set', new IntervalValue(1, 3), set(1, 2, 3), true], ['an interval and a set', new IntervalValue(1, 3), set(1, 2), false],
    ['an interval and a set', set(1, 4), new IntervalValue(1, 2), false],
    ['SUBSET and its sets', new SubsetValue(set(1)), set(set(), set(1)), true],
  ])('%s (%#)', (_what, x, y, eq) => {
    expect(equals(fresh(x), fresh(y))).toBe(eq);
    expect(equals(fresh(y), fresh(x))).toBe(eq);
  });
  it('refuses values of different kinds', () => {
    expect(errorOf(() => equals(1, 'a'))).toBe('Attempted to check equality of integer 1 with non-integer:\n"a"');
    expect(errorOf(() => equals('a', true))).toBe('Attempted to check equality of string "a" with non-string:\nTRUE');
    expect(errorOf(() => equals(1, set()))).toBe('Attempted to check equality of integer 1 with non-integer:\n{}');
    expect(errorOf(() => equals(set(), 1))).toBe('Attempted to check equality of set {} with non-set:\n1');
    expect(errorOf(() => equals(set(), tup()))).toBe('Attempted to check equality of set {} with non-set:\n<<>>');
    expect(errorOf(() => equals(tup(), set()))).toBe('Attempted to check equality of function <<>> with non-function:\n{}');
  });
});

describe('elements', () => {
  it('of every set kind, in TLC order', () => {
    expect(elements(set(2, 1))).toEqual([1, 2]);
    expect(elements(new IntervalValue(-1, 1))).toEqual([-1, 0, 1]);
    expect(elements(new IntervalValue(1, 0))).toEqual([]);
    expect(elements(new IntervalValue(3, 3))).toEqual([3]);
    expect(elements(new SubsetValue(set(1, 2)))).toEqual([set(), set(1), set(2), set(1, 2)]);
    expect(elements(new SubsetValue(set()))).toEqual([set()]);
    expect(elements(new FnSetValue(set(a), set(1, 2)))).toEqual([new FnValue([a], [1]), new FnValue([a], [2])]);
    expect(elements(new FnSetValue(new IntervalValue(1, 2), set(true)))).toEqual([tup(true, true)]);
    expect(elements(new FnSetValue(set(), set(1)))).toEqual([tup()]);
    expect(elements(new RecordSetValue(['y', 'x'], [set(1, 2), set(true)]))).toEqual([makeRecord(['x', 'y'], [true, 1]), makeRecord(['x', 'y'], [true, 2])]);
    expect(elements(new RecordSetValue(['x'], [set()]))).toEqual([]);
  });
  it('an interval listed once is listed the same, and stays equal (and toEqual) to one never listed', () => {
    const i = new IntervalValue(2, 4);
    expect(elements(i)).toEqual([2, 3, 4]);
    expect(elements(i)).toBe(elements(i));
    expect(i).toEqual(new IntervalValue(2, 4));
    expect(equals(i, new IntervalValue(2, 4))).toBe(true);
  });
  it('refuses what it cannot enumerate', () => {
    expect(errorOf(() => elements(new SeqSetValue(set(1))))).toBe('Attempted to enumerate the infinite set Seq(S).');
    expect(errorOf(() => elements(1))).toBe('Attempted to enumerate 1, which is not a set.');
    expect(errorOf(() => elements(new SubsetValue(new IntervalValue(1, 21))))).toBe('Attempted to enumerate SUBSET of a set with 21 elements.');
  });
});

describe('member', () => {
  it.each<[string, Value, Value, boolean]>([
    ['in a set', 2, set(1, 2), true], ['not in a set', 3, set(1, 2), false],
    ['in an interval', 1, new IntervalValue(1, 3), true], ['in an interval', 3, new IntervalValue(1, 3), true],
    ['below an interval', 0, new IntervalValue(1, 3), false], ['above an interval', 4, new IntervalValue(1, 3), false],
    ['a model value in an interval', a, new IntervalValue(1, 3), false],
    ['in SUBSET', set(1), new SubsetValue(set(1, 2)), true], ['not in SUBSET', set(3), new SubsetValue(set(1, 2)), false],
    ['a non-set in SUBSET', 1, new SubsetValue(set(1)), false],
    ['in Seq', tup(1, 1), new SeqSetValue(set(1)), true], ['the empty sequence in Seq', tup(), new SeqSetValue(set(1)), true],
    ['not in Seq', tup(2), new SeqSetValue(set(1)), false], ['a set in Seq', set(1), new SeqSetValue(set(1)), false],
    ['in a function set', new FnValue([a, b], [1, 2]), new FnSetValue(set(a, b), set(1, 2)), true],
    ['a tuple in a function set', tup(1, 2), new FnSetValue(new IntervalValue(1, 2), set(1, 2)), true],
    ['a value out of range', new FnValue([a, b], [1, 3]), new FnSetValue(set(a, b), set(1, 2)), false],
    ['a domain too small', new FnValue([a], [1]), new FnSetValue(set(a, b), set(1, 2)), false],
    ['another domain', new FnValue([a, c], [1, 1]), new FnSetValue(set(a, b), set(1, 2)), false],
    ['a non-function', 1, new FnSetValue(set(a), set(1)), false],
    ['in a record set', makeRecord(['x', 'y'], [1, true]), new RecordSetValue(['x', 'y'], [set(1), set(true)]), true],
    ['a field value out of its set', makeRecord(['x', 'y'], [2, true]), new RecordSetValue(['x', 'y'], [set(1), set(true)]), false],
    ['a missing field', makeRecord(['x', 'z'], [1, true]), new RecordSetValue(['x', 'y'], [set(1), set(true)]), false],
    ['a field too many', makeRecord(['x', 'y', 'z'], [1, true, 1]), new RecordSetValue(['x', 'y'], [set(1), set(true)]), false],
    ['a non-record', tup(1, true), new RecordSetValue(['x', 'y'], [set(1), set(true)]), false],
  ])('%s', (_what, x, s, is) => {
    expect(member(fresh(x), fresh(s))).toBe(is);
  });
  it('refuses a non-integer in an interval and a non-set', () => {
    expect(errorOf(() => member('a', new IntervalValue(1, 2)))).toBe('Attempted to check if the value:\n"a"\nis in the integer interval 1..2');
    expect(errorOf(() => member(1, 2))).toBe('Attempted to check if the value:\n1\nis an element of 2, which is not a set.');
  });
  it('set membership uses TLA+ equality: a set of sets holds an equal interval', () => {
    expect(member(new IntervalValue(1, 2), set(set(1, 2)))).toBe(true);
  });
});

describe('toStored', () => {
  it('leaves explicit values as they are (the same object)', () => {
    const v = set(tup(1, makeRecord(['x'], [set(a)])), new FnValue([a], [1]));
    expect(toStored(v)).toBe(v);
    expect(toStored(1)).toBe(1);
    expect(toStored(a)).toBe(a);
  });
  it('replaces lazy sets wherever they are', () => {
    const i = new IntervalValue(1, 2);
    expect(toStored(i)).toEqual(set(1, 2));
    expect(toStored(set(i))).toEqual(set(set(1, 2)));
    expect(toStored(tup(i))).toEqual(tup(set(1, 2)));
    expect(toStored(makeRecord(['x'], [i]))).toEqual(makeRecord(['x'], [set(1, 2)]));
    expect(toStored(new FnValue([a], [i]))).toEqual(new FnValue([a], [set(1, 2)]));
    expect(toStored(set(tup(i)))).toEqual(set(tup(set(1, 2))));
    expect(toStored(tup(makeRecord(['x'], [new FnValue([a], [i])])))).toEqual(tup(makeRecord(['x'], [new FnValue([a], [set(1, 2)])])));
    expect(toStored(new SubsetValue(new IntervalValue(1, 1)))).toEqual(set(set(), set(1)));
  });
});

describe('show', () => {
  it.each<[Value, string]>([
    [true, 'TRUE'], [false, 'FALSE'], [-3, '-3'], ['a"b\\c\td\ne\ff\rg', '"a\\"b\\\\c\\td\\ne\\ff\\rg"'], [a, 'mvA'],
    [set(), '{}'], [set(2, 1), '{1, 2}'], [tup(), '<<>>'], [tup(1, 'a'), '<<1, "a">>'],
    [makeRecord(['y', 'x'], [2, 1]), '[x |-> 1, y |-> 2]'],
    [new FnValue(['b', 'a1'], [1, 2]), '[b |-> 1, a1 |-> 2]'],
    [new FnValue(['WF_x'], [1]), '("WF_x" :> 1)'], [new FnValue(['SF_x'], [1]), '("SF_x" :> 1)'],
    [new FnValue(['12'], [1]), '("12" :> 1)'], [new FnValue(['a b'], [1]), '("a b" :> 1)'], [new FnValue(['x', 'a-b'], [1, 2]), '("x" :> 1 @@ "a-b" :> 2)'],
    [new FnValue([b, a], [1, 2]), '(mvB :> 1 @@ mvA :> 2)'], [new FnValue([0, 2], [true, false]), '(0 :> TRUE @@ 2 :> FALSE)'],
    [new FnValue([false, true], [1, 2]), '(FALSE :> 1 @@ TRUE :> 2)'],
    [new IntervalValue(1, 3), '1..3'], [new SubsetValue(set(1)), 'SUBSET {1}'], [new SeqSetValue(set(1)), 'Seq({1})'],
    [new FnSetValue(set(a), set(1)), '[{mvA} -> {1}]'], [new RecordSetValue(['x', 'y'], [set(1), set(2)]), '[x : {1}, y : {2}]'],
  ])('show %#', (built, text) => {
    const v = fresh(built);
    expect(show(v)).toBe(text);
    expect(show(v)).toBe(text); // a cached key prints the same
  });
});

describe('permute', () => {
  it('swaps model values wherever they are, re-normalising sets and functions', () => {
    const perm = new Map([[a, b], [b, a]]);
    expect(permute(a, perm)).toBe(b);
    expect(permute(c, perm)).toBe(c);
    expect(permute(1, perm)).toBe(1);
    expect(permute(set(a, c), perm)).toEqual(set(b, c));
    expect(permute(tup(a, b), perm)).toEqual(tup(b, a));
    expect(permute(makeRecord(['x'], [a]), perm)).toEqual(makeRecord(['x'], [b]));
    expect(permute(new FnValue([b, a], [a, 1]), perm)).toEqual(new FnValue([b, a], [1, b]));
    const i = new IntervalValue(1, 2);
    expect(permute(i, perm)).toBe(i);
  });
});

describe('same and hashValue', () => {
  const values: Value[] = [
    true, false, 0, 1, '', 'a', a, b, set(), set(1), set(1, 2), tup(), tup(1), tup(1, 2), tup(2, 1), makeRecord(['x'], [1]), makeRecord(['y'], [1]),
    makeRecord(['x'], [2]), new FnValue([a], [1]), new FnValue([b], [1]), new FnValue([a], [2]), new IntervalValue(1, 2), new IntervalValue(1, 3),
  ];
  it('each value is the same as a rebuilt copy of itself, with the same hash, and as no other', () => {
    const copy = (v: Value): Value => {
      if (v instanceof SetValue) return new SetValue([...v.elems]);
      if (v instanceof TupleValue) return new TupleValue([...v.elems]);
      if (v instanceof RecordValue) return new RecordValue([...v.names], [...v.vals]);
      if (v instanceof FnValue) return new FnValue([...v.dom], [...v.vals]);
      if (v instanceof IntervalValue) return new IntervalValue(v.lo, v.hi);
      return v;
    };
    for (const [i, x] of values.entries()) {
      for (const [j, y] of values.entries()) expect(same(x, y), `${show(x)} vs ${show(y)}`).toBe(i === j);
      expect(same(x, copy(x))).toBe(true);
      expect(hashValue(copy(x))).toBe(hashValue(x));
    }
    expect(new Set(values.map(hashValue)).size).toBe(values.length);
  });
  it('recordMaker: fields in the spec\'s rank order (not alphabetical), fixed at its first record, every record sharing one names list', () => {
    enterOrder(valueOrder('z x y', []));
    const make = recordMaker(['x', 'y', 'z']);
    const r1 = make([1, 2, 3]);
    expect(r1.names).toEqual(['z', 'x', 'y']);
    expect(r1.vals).toEqual([3, 1, 2]);
    const want = makeRecord(['x', 'y', 'z'], [1, 2, 3]);
    expect(same(r1, want)).toBe(true);
    expect(hashValue(r1)).toBe(hashValue(want));
    // A constructor belongs to one spec: its order, taken at the first record, stays.
    ORDER();
    const r2 = make([4, 5, 6]);
    expect(r2.names).toBe(r1.names);
    expect(r2.vals).toEqual([6, 4, 5]);
  });
  it('makeFn keeps a domain already in order as it is (functions over one set share it), and sorts any other', () => {
    const dom = [a, c];
    const f = makeFn(dom, [1, 2]) as FnValue;
    expect(f.dom).toBe(dom);
    expect(f.vals).toEqual([1, 2]);
    const g = makeFn([c, b, a], [3, 2, 1]) as FnValue;
    expect(g.dom).toEqual([b, a, c]); // mvB, mvA: the config's order; mvC unnamed, last
    expect(g.vals).toEqual([2, 1, 3]);
    expect(hashValue(makeFn([a, c], [1, 2]))).toBe(hashValue(new FnValue([a, c], [1, 2])));
  });
  it('a set is not the same as a tuple of the same elements, nor a record as a function', () => {
    expect(same(new SetValue([1]), tup(1))).toBe(false);
    expect(same(new RecordValue(['x'], [1]), new FnValue(['x'], [1]))).toBe(false);
  });
  it('isSetLike', () => {
    for (const s of [set(), new IntervalValue(1, 0), new SubsetValue(set()), new SeqSetValue(set()), new FnSetValue(set(), set()), new RecordSetValue([], [])]) expect(isSetLike(s)).toBe(true);
    for (const v of [1, 'a', true, a, tup(), makeRecord([], []), new FnValue([a], [1])]) expect(isSetLike(v)).toBe(false);
  });
});

describe('what the fast paths must agree with', () => {
  it('model values are interned: the same name is the same value', () => {
    expect(ModelValue.of('fresh1')).toBe(ModelValue.of('fresh1'));
    expect(equals(ModelValue.of('fresh2'), ModelValue.of('fresh2'))).toBe(true);
    expect(ModelValue.of('fresh3')).toBeInstanceOf(ModelValue);
  });
  it('an evaluation error starts with no frames', () => {
    expect(new EvalError('m').frames).toEqual([]);
  });
  it('SetValue.of leaves its argument alone', () => {
    const xs: Value[] = [3, 1, 2];
    SetValue.of(xs);
    expect(xs).toEqual([3, 1, 2]);
  });
  it('enterOrder sets the model values\' order', () => {
    enterOrder(valueOrder('', ['mvA', 'mvB']));
    expect(compare(a, b)).toBeLessThan(0);
    enterOrder(valueOrder('', ['mvB', 'mvA']));
    expect(compare(a, b)).toBeGreaterThan(0);
  });
  it('valueOrder: comments and strings separate identifiers', () => {
    expect(ranked('a(* c *)b', ['c', 'b', 'a'])).toEqual(['a', 'b', 'c']);
    expect(ranked('a"s"b', ['s', 'b', 'a'])).toEqual(['a', 'b', 's']);
  });
  it('valueOrder reads the module as a lexer does: comment marks inside a string are the string\'s', () => {
    expect(ranked('a "(* x" b "*)" c \\* y\n "\\* z" d', ['x', 'y', 'z', 'd', 'c', 'b', 'a'])).toEqual(['a', 'b', 'c', 'd', 'x', 'y', 'z']);
  });
  it('record fields compare by rank, not as strings', () => {
    enterOrder(valueOrder('z a', []));
    expect(compare(makeRecord(['z'], [1]), makeRecord(['a'], [1]))).toBeLessThan(0);
    expect(compare(makeRecord(['a', 'z'], [1, 1]), makeRecord(['a', 'z'], [1, 2]))).toBeLessThan(0);
  });
  it('compare looks past equal first entries', () => {
    expect(Math.sign(compare(new FnValue([a, b], [1, 2]), new FnValue([a, b], [1, 3])))).toBe(-1);
    expect(Math.sign(compare(makeRecord(['x', 'y'], [1, 2]), new FnValue(['x', 'y'], [1, 3])))).toBe(-1);
    expect(Math.sign(compare(tup(1, 2), tup(1, 1)))).toBe(1);
  });
  it('compare refuses a string or a number against another kind, either way round', () => {
    expect(errorOf(() => compare('a', 1))).toBe('Attempted to compare string "a" with the integer:\n1');
    expect(errorOf(() => compare(1, true))).toBe('Attempted to compare integer 1 with the boolean:\nTRUE');
    expect(errorOf(() => compare(true, 'a'))).toBe('Attempted to compare boolean TRUE with the string:\n"a"');
  });
  it.each<[string, Value, Value]>([
    ['records differing in a later field name', makeRecord(['x', 'y'], [1, 1]), makeRecord(['x', 'z'], [1, 1])],
    ['records differing in a later value', makeRecord(['x', 'y'], [1, 2]), makeRecord(['x', 'y'], [1, 3])],
    ['functions differing in a later domain element', new FnValue([b, a], [1, 1]), new FnValue([b, c], [1, 1])],
    ['a function and a larger one it is a prefix of', new FnValue([b], [1]), new FnValue([b, a], [1, 1])],
    ['functions differing in a later value', new FnValue([a, b], [1, 1]), new FnValue([a, b], [1, 2])],
    ['a record and a function differing in a later entry', makeRecord(['x', 'y'], [1, 2]), new FnValue(['x', 'y'], [1, 3])],
    ['tuples differing in a later element', tup(1, 2), tup(1, 3)],
    ['sets differing in a later element', set(1, 2), set(1, 3)],
  ])('not equal: %s', (_what, x, y) => {
    expect(equals(fresh(x), fresh(y))).toBe(false);
    expect(equals(fresh(y), fresh(x))).toBe(false);
  });
  it('a record and a function whose domain has other kinds are not equal (and do not throw)', () => {
    expect(equals(makeRecord(['x'], [1]), new FnValue([0], [1]))).toBe(false);
  });
  it('SUBSET membership needs every element in the base', () => {
    expect(member(set(1, 3), new SubsetValue(set(1, 2)))).toBe(false);
    expect(member(set(1, 2), new SubsetValue(set(1, 2)))).toBe(true);
  });
  it('toStored replaces a lazy set beside explicit values too', () => {
    const i = new IntervalValue(1, 2);
    expect(toStored(set(set(1), i))).toEqual(set(set(1), set(1, 2)));
    expect(toStored(tup(1, i))).toEqual(tup(1, set(1, 2)));
    expect(toStored(makeRecord(['x', 'y'], [1, i]))).toEqual(makeRecord(['x', 'y'], [1, set(1, 2)]));
    expect(toStored(new FnValue([a, b], [1, i]))).toEqual(new FnValue([a, b], [1, set(1, 2)]));
    expect(toStored(set(tup(1, i)))).toEqual(set(tup(1, set(1, 2))));
    expect(toStored(tup(tup(1, i)))).toEqual(tup(tup(1, set(1, 2))));
    expect(toStored(tup(makeRecord(['x', 'y'], [1, i])))).toEqual(tup(makeRecord(['x', 'y'], [1, set(1, 2)])));
  });
  it('toStored finds a lazy set inside a set inside a tuple', () => {
    expect(toStored(tup(set(set(1), new IntervalValue(1, 2))))).toEqual(tup(set(set(1), set(1, 2))));
  });
  it('a model value made here has a hash, and two the config does not order compare by name', () => {
    // A name never used before: model values are interned for the life of the process.
    expect(typeof hashValue(ModelValue.of(`fresh-${randomUUID()}`))).toBe('number');
    expect(compare(ModelValue.of('zz1'), ModelValue.of('zz2'))).toBeLessThan(0);
    expect(compare(ModelValue.of('zz2'), ModelValue.of('zz1'))).toBeGreaterThan(0);
  });
  it('a function with a WF_/SF_ key only at the start prints as a function; elsewhere as a record', () => {
    expect(show(new FnValue(['xWF_y'], [1]))).toBe('[xWF_y |-> 1]');
  });
});

describe('EvalError', () => {
  it('carries its message and frames but no JavaScript stack (it is the model\'s error, located by its TLA+ frames)', () => {
    const e = new EvalError('Attempted to apply function');
    expect(e).toBeInstanceOf(Error);
    expect(e.message).toBe('Attempted to apply function');
    expect(e.frames).toEqual([]);
    expect(e.stack ?? '').not.toMatch(/\n\s+at /);
  });

  it('leaves the process\'s stack traces as they were: an ordinary error made after one has its stack', () => {
    const before = Error.stackTraceLimit;
    void new EvalError('x');
    expect(Error.stackTraceLimit).toBe(before);
    expect(new Error('a crash').stack).toMatch(/\n\s+at /);
  });
});
