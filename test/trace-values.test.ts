/**
 * Reading values as checkers print them in traces (dsl/check/values.ts): every value form, what
 * stays opaque, top-level splitting of action arguments, and per-entry diffs of a step.
 */
import { describe, expect, it } from 'vitest';
import { diffValues, functionEntries, parseValue, readValueText, showValue, splitTopLevel, type Value } from '../dsl/check/values.js';

const atom = (text: string): Value => ({ k: 'atom', text });

describe('parseValue', () => {
  it.each<[string, Value]>([
    ['42', atom('42')], ['-3', atom('-3')], ['TRUE', atom('TRUE')], ['t1', atom('t1')], ['a_b9', atom('a_b9')],
    ['"idle"', atom('"idle"')], ['"a \\" b"', atom('"a \\" b"')], ['"a,b"', atom('"a,b"')],
    ['  7  ', atom('7')],
    ['<<>>', { k: 'seq', items: [], text: '<<>>' }],
    ['<<1, "x">>', { k: 'seq', items: [atom('1'), atom('"x"')], text: '<<1, "x">>' }],
    ['{ }', { k: 'set', items: [], text: '{ }' }],
    ['{a, b}', { k: 'set', items: [atom('a'), atom('b')], text: '{a, b}' }],
    ['[]', { k: 'record', fields: [], text: '[]' }],
    ['[pc |-> "a", n |-> <<1>>]', { k: 'record', fields: [['pc', atom('"a"')], ['n', { k: 'seq', items: [atom('1')], text: '<<1>>' }]], text: '[pc |-> "a", n |-> <<1>>]' }],
    ['(t1 :> "idle" @@ t2 :> "read")', { k: 'fn', entries: [['t1', atom('"idle"')], ['t2', atom('"read"')]], text: '(t1 :> "idle" @@ t2 :> "read")' }],
    ['(<<1, 2>> :> {})', { k: 'fn', entries: [['<<1, 2>>', { k: 'set', items: [], text: '{}' }]], text: '(<<1, 2>> :> {})' }],
    ['(5)', atom('5')],
    ['( "s" )', atom('"s"')],
    ['{\n  a,\n  b\n}', { k: 'set', items: [atom('a'), atom('b')], text: '{\n  a,\n  b\n}' }],
  ])('%s', (text, value) => {
    expect(parseValue(text)).toEqual(value);
  });

  it.each([
    '1..3', '<<1, 2', '{a b}', '{, a}', ' a b ', '[a = 1]', '[1 |-> 2]', '(a :> 1 @@ b)', '(a :> 1 b)', '(a :> 1', '(a b)', '"open', 'a b', '', '<<1,>>', '{,}', '[a |-> ]', '(a :> 1 @@ 5)',
  ])('%s stays one opaque value', (text) => {
    expect(parseValue(text)).toEqual(atom(text.trim()));
  });
});

describe('readValueText: what parseValue leaves opaque is an error naming where reading stopped', () => {
  it.each([
    ['1..3', '1..3: more after the value at column 2'], ['<<1, 2', '<<1, 2: expected , or >> at column 7'], ['{a b}', '{a b}: expected , or } at column 4'],
    ['{, a}', '{, a}: unexpected , at column 2'], [' a b ', 'a b: more after the value at column 3'], ['[a = 1]', '[a = 1]: expected |-> at column 4'],
    ['[1 |-> 2]', '[1 |-> 2]: expected a field name at column 2'], ['(a :> 1 @@ b)', '(a :> 1 @@ b): expected :> at column 13'],
    ['(a :> 1 b)', '(a :> 1 b): expected @@ or ) at column 9'], ['(a b)', '(a b): expected ) at column 4'], ['"open', '"open: unterminated string at column 1'],
    ['', ': unexpected end at column 1'], ['<<1,>>', '<<1,>>: unexpected > at column 5'],
  ])('%s', (text, message) => {
    expect(() => readValueText(text)).toThrow(message);
    expect(parseValue(text)).toEqual(atom(text.trim()));
  });

  it('a value it reads is parseValue\'s', () => {
    for (const text of ['<<1, "x">>', '[pc |-> "a", n |-> <<1>>]', '(t1 :> "idle" @@ t2 :> "read")', '(5)', ' "a \\" b" ']) expect(readValueText(text)).toEqual(parseValue(text));
  });
});

describe('parseValue keeps each nested value\'s own text', () => {
  it('a record and a function inside a sequence', () => {
    const v = parseValue('<<[a |-> 1], (k :> 2)>>');
    expect(v.k === 'seq' && v.items.map((x) => x.text)).toEqual(['[a |-> 1]', '(k :> 2)']);
  });
});

describe('splitTopLevel', () => {
  it.each<[string, string[]]>([
    ['', []], ['a', ['a']], [' a , b ', ['a', 'b']], ['a,', ['a', '']], [',', ['', '']],
    ['1, <<2, 3>>, 4', ['1', '<<2, 3>>', '4']],
    ['{a, b}, [x |-> 1, y |-> 2], (a :> 1 @@ b :> 2)', ['{a, b}', '[x |-> 1, y |-> 2]', '(a :> 1 @@ b :> 2)']],
    ['"a, b", c', ['"a, b"', 'c']], ['"a \\", b", c', ['"a \\", b"', 'c']], ['"<<", d', ['"<<"', 'd']], ['")", d', ['")"', 'd']],
    ['<<<<1, 2>>, 3>>, 4', ['<<<<1, 2>>, 3>>', '4']],
    ['<<<<1>>>>, 2', ['<<<<1>>>>', '2']],
    ['(), x', ['()', 'x']], ['{}, y', ['{}', 'y']], ['[], z', ['[]', 'z']],
    ['x >= 1, y', ['x >= 1', 'y']],
  ])('%j', (text, parts) => {
    expect(splitTopLevel(text)).toEqual(parts);
  });
});

describe('showValue', () => {
  it.each([['"idle"', 'idle'], ['"a \\"q\\""', 'a "q"'], ['""', ''], ['idle', 'idle'], ['42', '42'], ['"a" @@ "b"', '"a" @@ "b"'], ['<<"a">>', '<<"a">>']])('%s → %s', (text, shown) => {
    expect(showValue(text)).toBe(shown);
  });
});

describe('functionEntries', () => {
  it('a function by printed key, a sequence by index, anything else none', () => {
    expect(functionEntries('(t1 :> 1 @@ t2 :> 2)')).toEqual(new Map([['t1', atom('1')], ['t2', atom('2')]]));
    expect(functionEntries('<<"a", "b">>')).toEqual(new Map([['1', atom('"a"')], ['2', atom('"b"')]]));
    expect(functionEntries('<<>>')).toEqual(new Map());
    for (const text of ['{1}', '[a |-> 1]', '7', 'junk (']) expect(functionEntries(text)).toBeUndefined();
  });
});

describe('diffValues', () => {
  it('values that differ only in layout are no change, whatever their kind', () => {
    expect(diffValues('s', '{1,\n  2}', '{1, 2}')).toEqual([]);
    expect(diffValues('s', '  7', '7 ')).toEqual([]);
  });
  it('a variable the earlier state lacks: the whole value, no `from`', () => {
    expect(diffValues('x', undefined, '1')).toEqual([{ variable: 'x', path: 'x', to: '1' }]);
  });
  it('equal values, also modulo whitespace and line breaks: no change', () => {
    expect(diffValues('x', '1', '1')).toEqual([]);
    expect(diffValues('f', '(a :> 1 @@\n b :> 2)', '(a :> 1 @@ b :> 2)')).toEqual([]);
    expect(diffValues('f', '(a :> [x |-> 1,\n  y |-> 2] @@ b :> 0)', '(a :> [x |-> 1, y |-> 2] @@ b :> 1)')).toEqual([{ variable: 'f', path: 'f[b]', from: '0', to: '1' }]);
  });
  it('atoms: the whole value', () => {
    expect(diffValues('n', '1', '2')).toEqual([{ variable: 'n', path: 'n', from: '1', to: '2' }]);
  });
  it('a function: each changed entry, keys unquoted, nested paths', () => {
    expect(diffValues('phase', '(t1 :> "idle" @@ t2 :> "read" @@ t3 :> "x")', '(t1 :> "read" @@ t2 :> "read" @@ t3 :> "y")')).toEqual([
      { variable: 'phase', path: 'phase[t1]', from: '"idle"', to: '"read"' },
      { variable: 'phase', path: 'phase[t3]', from: '"x"', to: '"y"' },
    ]);
    expect(diffValues('f', '("k" :> (a :> 1 @@ b :> 2))', '("k" :> (a :> 1 @@ b :> 3))')).toEqual([{ variable: 'f', path: 'f[k][b]', from: '2', to: '3' }]);
  });
  it('a record: by field; a sequence: by index', () => {
    expect(diffValues('r', '[a |-> 1, b |-> <<1, 2>>]', '[a |-> 1, b |-> <<1, 5>>]')).toEqual([{ variable: 'r', path: 'r.b[2]', from: '2', to: '5' }]);
    expect(diffValues('s', '<<1, 2, 3>>', '<<0, 2, 4>>')).toEqual([
      { variable: 's', path: 's[1]', from: '1', to: '0' }, { variable: 's', path: 's[3]', from: '3', to: '4' },
    ]);
  });
  it('different keys, kinds or lengths: the whole value', () => {
    const whole = (from: string, to: string) => expect(diffValues('v', from, to)).toEqual([{ variable: 'v', path: 'v', from, to }]);
    whole('(a :> 1 @@ b :> 2)', '(a :> 1 @@ c :> 2)');
    whole('(a :> 1 @@ b :> 2)', '(b :> 2 @@ a :> 1)');
    whole('(a :> 1)', '(a :> 2 @@ b :> 2)');
    whole('<<1>>', '<<1, 2>>');
    whole('[a |-> 1]', '(a :> 2)');
    whole('<<1>>', '[a |-> 1]');
    whole('{1}', '{2}');
    whole('[a |-> 1]', '[b |-> 1]');
    whole('1', '<<1>>');
  });
  it('a sequence against a function over 1..n is compared by index', () => {
    expect(diffValues('q', '<<1, 2>>', '(1 :> 1 @@ 2 :> 3)')).toEqual([{ variable: 'q', path: 'q[2]', from: '2', to: '3' }]);
  });
});
