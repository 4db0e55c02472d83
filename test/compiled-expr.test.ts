/**
 * The compiled verifier's expressions (dsl/check/compiled/compile.ts, `exprBody` to the helpers):
 * each IR node evaluated on one state, its value printed as TLC prints it, and each evaluation
 * error with TLC's message. The IR is written by hand (every node kind and operator, including
 * those the DSL does not build) into the invariant of a one-variable module, printed and
 * compiled per test — nothing is compiled at load.
 */
import { describe, expect, it } from 'vitest';
import { AssertFailure, compileSpec, Unsupported, type Env } from '../dsl/check/compiled/compile.js';
import { EvalError, show, type Value } from '../dsl/check/compiled/values.js';
import { emitModule } from '../dsl/emit/module.js';
import { binder, type Expr, type InfixOp } from '../dsl/ir/nodes.js';
import { B, bi, bound, def, I, ints, op, rec, ref, S, set_, tup, V, withB } from './helpers/ir.js';
import type * as ir from '../dsl/ir/nodes.js';
import { eq, model, set, t } from '../dsl/index.js';

const fnOf = (dom: Expr, body: (x: Expr) => Expr) => withB('i', (b, x) => ({ kind: 'fn', binder: b, set: dom, body: body(x) }));
const tlaFn = (...pairs: [Expr, Expr][]) => pairs.map(([k, v]) => op(':>', k, v)).reduce((f, g) => op('@@', f, g));

interface Extra { definitions?: ir.Definition[]; constants?: ir.Config['constants'] }

/** The module `E`: variable v (= `vInit`), invariant Probe == `x`, checked on the initial state. */
function probe(x: Expr, extra: Extra = {}, vInit = 1) {
  const m = model('E', (b) => {
    const v = b.variable('v', t.int(0, 9), vInit);
    b.action('Stay', {}, () => [set(v, v)]);
    b.invariant('Probe', eq(v, v));
    b.config('c', { invariants: ['Probe'], checkDeadlock: false });
  });
  const definitions = [...m.module.definitions.map((d) => (d.name === 'Probe' ? { ...d, body: x } : d)), ...(extra.definitions ?? [])];
  const config = { ...m.module.configs[0]!, constants: extra.constants ?? m.module.configs[0]!.constants };
  const module: ir.Module = { ...m.module, definitions };
  // A node the printer refuses (a process's `self` outside one) is compiled without the text.
  const { text, spans } = (() => { try { return emitModule(module); } catch { return { text: '', spans: [] }; } })();
  const spec = compileSpec(module, config, text, spans);
  const env: Env = spec.newEnv();
  env.s = [vInit];
  const inv = spec.invariants.find((i) => i.name === 'Probe')!;
  return { spec, env, check: () => inv.conjuncts.map((c) => c.check(env)) };
}
/** Conjuncts' values as TLC prints them, joined as the conjunction. */
const shown = (vs: readonly unknown[]): string => vs.map((v) => show(v as Value)).join(' /\\ ');
/** The value of `x` (printed), or `error: message` when it fails. */
function ev(x: Expr, extra?: Extra, vInit?: number): string {
  const { check } = probe(x, extra, vInit);
  try {
    return shown(check());
  } catch (err) {
    if (err instanceof EvalError) return `error: ${err.message}`;
    throw err;
  }
}

describe('literals, names and operators', () => {
  it('literals, the variable, BOOLEAN and constants', () => {
    expect(ev(tup(I(3), S('a'), B(false), V, ref('BOOLEAN')))).toBe('<<3, "a", FALSE, 1, {FALSE, TRUE}>>');
  });
  it('a definition is evaluated once per reference, and definitions may refer to definitions', () => {
    expect(ev(op('+', ref('Two'), ref('Three')), { definitions: [def('Two', op('+', I(1), I(1))), def('Three', op('+', ref('Two'), I(1)))] })).toBe('5');
  });
  it('an operator call binds its arguments and restores what they shadowed', () => {
    const p = binder('p'), q = binder('q');
    const sub = def('Sub', op('-', bound(p), bound(q)), [p, q]);
    expect(ev(tup({ kind: 'call', op: 'Sub', args: [I(10), I(3)] }, { kind: 'call', op: 'Sub', args: [I(1), op('+', V, I(1))] }), { definitions: [sub] })).toBe('<<7, -1>>');
    // A call inside a call of the same operator: each sees its own arguments.
    expect(ev({ kind: 'call', op: 'Sub', args: [{ kind: 'call', op: 'Sub', args: [I(9), I(1)] }, I(2)] }, { definitions: [sub] })).toBe('6');
  });
  it('comparisons and arithmetic', () => {
    const cases: [InfixOp, number, number, string][] = [
      ['<', 1, 2, 'TRUE'], ['<', 2, 2, 'FALSE'], ['<=', 2, 2, 'TRUE'], ['<=', 3, 2, 'FALSE'],
      ['>', 3, 2, 'TRUE'], ['>', 2, 2, 'FALSE'], ['>=', 2, 2, 'TRUE'], ['>=', 1, 2, 'FALSE'],
      ['+', 2, 3, '5'], ['-', 2, 3, '-1'], ['*', 4, -3, '-12'],
      ['\\div', 7, 2, '3'], ['\\div', -7, 2, '-4'], ['%', 7, 3, '1'], ['%', -7, 3, '2'],
      ['=', 2, 2, 'TRUE'], ['=', 2, 3, 'FALSE'], ['#', 2, 3, 'TRUE'], ['#', 3, 2, 'TRUE'], ['#', 2, 2, 'FALSE'],
    ];
    for (const [o, a, b, want] of cases) expect(`${a} ${o} ${b} = ${ev(op(o, I(a), I(b)))}`).toBe(`${a} ${o} ${b} = ${want}`);
    expect(ev({ kind: 'neg', operand: V })).toBe('-1');
  });
  it('integer errors: division by 0, a modulus not positive, overflow both ways, a non-integer', () => {
    expect(ev(op('\\div', I(1), I(0)))).toBe('error: The second argument of \\div is 0.');
    expect(ev(op('%', I(1), I(0)))).toBe('error: The second argument of % should be a positive number, but instead it is:\n0');
    expect(ev(op('%', I(1), I(-2)))).toBe('error: The second argument of % should be a positive number, but instead it is:\n-2');
    const overflow = 'error: Overflow: the result of an integer operation is outside -2^31..2^31-1.';
    expect(ev(op('+', I(2147483647), I(1)))).toBe(overflow);
    expect(ev(op('-', I(-2147483648), I(1)))).toBe(overflow);
    expect(ev(op('*', I(65536), I(32768)))).toBe(overflow);
    expect(ev(op('+', I(2147483646), I(1)))).toBe('2147483647');
    expect(ev(op('-', I(-2147483647), I(1)))).toBe('-2147483648');
    expect(ev(op('<', S('a'), I(1)))).toBe('error: Attempted to use the non-integer "a" as an integer.');
    expect(ev(op('<', I(1), S('b')))).toBe('error: Attempted to use the non-integer "b" as an integer.');
    expect(ev({ kind: 'neg', operand: S('c') })).toBe('error: Attempted to use the non-integer "c" as an integer.');
  });
  it('boolean connectives, short-circuiting as TLC does', () => {
    const boom = op('=', op('\\div', I(1), I(0)), I(0));
    // (Inside a tuple: an invariant's top-level conjuncts are checked one by one.)
    expect(ev(tup({ kind: 'and', operands: [B(true), B(false), boom] }))).toBe('<<FALSE>>');
    expect(ev(tup({ kind: 'and', operands: [B(true), B(true)] }))).toBe('<<TRUE>>');
    expect(ev({ kind: 'or', operands: [B(false), B(true), boom] })).toBe('TRUE');
    expect(ev({ kind: 'or', operands: [B(false), B(false)] })).toBe('FALSE');
    expect(ev({ kind: 'not', operand: B(false) })).toBe('TRUE');
    expect(ev(tup(op('=>', B(false), boom), op('=>', B(true), B(false)), op('=>', B(true), B(true))))).toBe('<<TRUE, FALSE, TRUE>>');
    expect(ev(tup(op('<=>', B(false), B(false)), op('<=>', B(true), B(false)), op('<=>', B(true), B(true))))).toBe('<<TRUE, FALSE, TRUE>>');
  });
  it('a non-boolean where a boolean is needed is an error naming where', () => {
    expect(ev({ kind: 'not', operand: I(1) })).toMatch(/^error: .*the argument of ~/);
    expect(ev(tup({ kind: 'and', operands: [B(true), I(1)] }))).toMatch(/^error: .*a formula in a conjunction/);
    expect(ev({ kind: 'or', operands: [B(false), I(1)] })).toMatch(/^error: .*a formula in a disjunction/);
    expect(ev(op('=>', I(1), B(true)))).toMatch(/^error: .*the first argument of =>/);
    expect(ev(op('=>', B(true), I(1)))).toMatch(/^error: .*the second argument of =>/);
    expect(ev(op('<=>', I(1), B(true)))).toMatch(/^error: .*an argument of <=>/);
    expect(ev(op('<=>', B(true), I(1)))).toMatch(/^error: .*an argument of <=>/);
    expect(ev({ kind: 'if', cond: I(1), then: I(1), else: I(2) })).toMatch(/^error: .*the condition of an IF/);
  });
});

describe('sets', () => {
  it('set operators', () => {
    const a = set_(I(1), I(2), I(3)), b = set_(I(3), I(4));
    expect(ev(op('\\cup', a, b))).toBe('{1, 2, 3, 4}');
    expect(ev(op('\\cap', a, b))).toBe('{3}');
    expect(ev(op('\\', a, b))).toBe('{1, 2}');
    expect(ev(tup(op('\\subseteq', set_(I(1), I(3)), a), op('\\subseteq', b, a)))).toBe('<<TRUE, FALSE>>');
    expect(ev(tup(op('\\in', I(2), a), op('\\in', I(4), a), op('\\notin', I(4), a), op('\\notin', I(2), a)))).toBe('<<TRUE, FALSE, TRUE, FALSE>>');
    expect(ev(ints(2, 4))).toBe('2..4');
    expect(ev(set_(I(3), I(1), I(3)))).toBe('{1, 3}');
    expect(ev(bi('Cardinality', ints(3, 7)))).toBe('5');
    expect(ev(bi('SUBSET', set_(I(1), I(2))))).toMatch(/^SUBSET/);
    expect(ev(bi('Cardinality', bi('SUBSET', set_(I(1), I(2)))))).toBe('4');
    expect(ev(bi('UNION', set_(set_(I(1), I(2)), set_(I(2), I(5)))))).toBe('{1, 2, 5}');
  });
  it('quantifiers, CHOOSE, filters and maps bind each element', () => {
    expect(ev(withB('x', (b, x) => ({ kind: 'quant', quantifier: '\\A', binder: b, set: ints(1, 3), body: op('<', x, I(4)) })))).toBe('TRUE');
    expect(ev(withB('x', (b, x) => ({ kind: 'quant', quantifier: '\\A', binder: b, set: ints(1, 3), body: op('<', x, I(3)) })))).toBe('FALSE');
    expect(ev(withB('x', (b, x) => ({ kind: 'quant', quantifier: '\\E', binder: b, set: ints(1, 3), body: op('=', x, I(3)) })))).toBe('TRUE');
    expect(ev(withB('x', (b, x) => ({ kind: 'quant', quantifier: '\\E', binder: b, set: ints(1, 3), body: op('=', x, I(4)) })))).toBe('FALSE');
    expect(ev(withB('x', (b, x) => ({ kind: 'choose', binder: b, set: set_(I(5), I(2), I(9)), body: op('>', x, I(1)) })))).toBe('2');
    expect(ev(withB('x', (b, x) => ({ kind: 'choose', binder: b, set: ints(1, 3), body: op('>', x, I(3)) }))))
      .toBe('error: Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.');
    expect(ev(withB('x', (b, x) => ({ kind: 'setFilter', binder: b, set: ints(1, 6), pred: op('=', op('%', x, I(2)), I(0)) })))).toBe('{2, 4, 6}');
    expect(ev(withB('x', (b, x) => ({ kind: 'setMap', binder: b, set: ints(1, 3), body: op('*', x, x) })))).toBe('{1, 4, 9}');
    expect(ev(withB('x', (b, x) => ({ kind: 'quant', quantifier: '\\A', binder: b, set: ints(1, 2), body: op('+', x, I(0)) })))).toMatch(/^error: .*the body of a quantifier/);
    expect(ev(withB('x', (b, x) => ({ kind: 'choose', binder: b, set: ints(1, 2), body: x })))).toMatch(/^error: .*the body of CHOOSE/);
    expect(ev(withB('x', (b, x) => ({ kind: 'setFilter', binder: b, set: ints(1, 2), pred: x })))).toMatch(/^error: .*the predicate of a set filter/);
  });
});

describe('functions, records and sequences', () => {
  it('functions: construction, application, DOMAIN, :> and @@ (the left one wins)', () => {
    const f = fnOf(ints(2, 4), (x) => op('*', x, I(10)));
    expect(ev(f)).toBe('(2 :> 20 @@ 3 :> 30 @@ 4 :> 40)');
    expect(ev({ kind: 'apply', fn: f, arg: I(3) })).toBe('30');
    expect(ev(bi('DOMAIN', f))).toBe('{2, 3, 4}');
    expect(ev(fnOf(ints(1, 3), (x) => x))).toBe('<<1, 2, 3>>');
    expect(ev(tlaFn([I(2), S('a')], [I(3), S('b')], [I(2), S('c')]))).toBe('(2 :> "a" @@ 3 :> "b")');
    expect(ev(op('@@', tup(S('x'), S('y')), tup(S('p'), S('q'), S('r'))))).toBe('<<"x", "y", "r">>');
    // TLC orders the field names as it interned them: k, written first, before j (TLC prints {"k", "j"}).
    expect(ev(bi('DOMAIN', op('@@', rec(['k', I(1)]), rec(['k', I(2)], ['j', I(3)]))))).toBe('{"k", "j"}');
    expect(ev({ kind: 'field', record: op('@@', rec(['k', I(1)]), rec(['k', I(2)], ['j', I(3)])), name: 'k' })).toBe('1');
    // A constructor applied where it is built is TLC's lazy function (FcnLambdaValue#apply): its message (a stored function's is in compiled-errors).
    expect(ev({ kind: 'apply', fn: f, arg: I(7) })).toBe('error: In applying the function\n(2 :> 20 @@ 3 :> 30 @@ 4 :> 40),\nthe first argument is:\n7\nwhich is not in its domain.\n');
    expect(ev({ kind: 'apply', fn: I(3), arg: I(1) })).toBe('error: A non-function (integer) was applied as a function.\n3');
    expect(ev({ kind: 'apply', fn: S('s'), arg: I(1) })).toBe('error: A non-function (string) was applied as a function.\n"s"');
    expect(ev({ kind: 'apply', fn: set_(I(1)), arg: I(1) })).toBe('error: A non-function (set) was applied as a function.\n{1}');
    expect(ev(op('@@', I(1), tup()))).toBe('error: A non-function (integer) was applied as a function.\n1');
    expect(ev(op('@@', tup(), B(true)))).toMatch(/^error: A non-function \(function\) was applied as a function\.\nTRUE$/);
    expect(ev(bi('DOMAIN', I(4)))).toBe('error: Attempted to compute the domain of a non-function:\n4');
    expect(ev({ kind: 'fnSet', dom: set_(I(1), I(2)), rng: set_(B(true)) })).toBe('[{1, 2} -> {TRUE}]');
    expect(ev(bi('Cardinality', { kind: 'fnSet', dom: set_(I(1), I(2)), rng: set_(I(0), I(1), I(2)) }))).toBe('9');
  });
  it('records: construction, fields, DOMAIN, record sets', () => {
    const r = rec(['a', I(1)], ['b', S('x')]);
    expect(ev(r)).toBe('[a |-> 1, b |-> "x"]');
    expect(ev({ kind: 'field', record: r, name: 'b' })).toBe('"x"');
    expect(ev({ kind: 'field', record: r, name: 'a' })).toBe('1');
    expect(ev(bi('DOMAIN', r))).toBe('{"a", "b"}');
    expect(ev({ kind: 'field', record: r, name: 'c' })).toBe('error: Attempted to select nonexistent field "c" from the record\n[a |-> 1, b |-> "x"]');
    expect(ev({ kind: 'field', record: I(2), name: 'c' })).toBe('error: Attempted to select field "c" from a non-record value 2');
    expect(ev({ kind: 'field', record: tlaFn([S('c'), I(5)]), name: 'c' })).toBe('5');
    expect(ev({ kind: 'apply', fn: r, arg: I(1) })).toBe('error: Attempted to apply function:\n[a |-> 1, b |-> "x"]\nto argument 1, which is not in the domain of the function.');
    expect(ev({ kind: 'apply', fn: r, arg: S('z') })).toBe('error: Attempted to apply function:\n[a |-> 1, b |-> "x"]\nto argument "z", which is not in the domain of the function.');
    expect(ev(bi('Cardinality', { kind: 'recordSet', fields: [['a', ints(1, 2)], ['b', set_(I(0), I(1), I(2))]] }))).toBe('6');
    expect(ev(op('\\in', rec(['a', I(2)], ['b', I(0)]), { kind: 'recordSet', fields: [['a', ints(1, 2)], ['b', set_(I(0), I(1), I(2))]] }))).toBe('TRUE');
  });
  it('sequences: Len, Head, Tail, Append, SubSeq, \\o, Seq, DOMAIN, indexing', () => {
    const s = tup(I(5), I(6), I(7));
    expect(ev(tup(bi('Len', s), bi('Head', s), bi('Tail', s), bi('Append', s, I(8))))).toBe('<<3, 5, <<6, 7>>, <<5, 6, 7, 8>>>>');
    expect(ev(tup(bi('SubSeq', s, I(2), I(3)), bi('SubSeq', s, I(1), I(1)), bi('SubSeq', s, I(3), I(2)), bi('SubSeq', s, I(9), I(0))))).toBe('<<<<6, 7>>, <<5>>, <<>>, <<>>>>');
    expect(ev(bi('SubSeq', s, I(0), I(2)))).toBe('error: The second argument of SubSeq must be in the domain of its first argument:\n<<5, 6, 7>>\nbut instead it is\n0');
    expect(ev(bi('SubSeq', s, I(2), I(4)))).toBe('error: The second argument of SubSeq must be in the domain of its first argument:\n<<5, 6, 7>>\nbut instead it is\n2');
    expect(ev(bi('SubSeq', s, I(1), I(3)))).toBe('<<5, 6, 7>>');
    expect(ev(op('\\o', s, tup(I(1))))).toBe('<<5, 6, 7, 1>>');
    expect(ev(op('\\o', s, I(1)))).toBe('error: Attempted to concatenate values that are not sequences.');
    expect(ev(op('\\o', I(1), s))).toBe('error: Attempted to concatenate values that are not sequences.');
    expect(ev(bi('DOMAIN', s))).toBe('1..3');
    expect(ev({ kind: 'apply', fn: s, arg: I(3) })).toBe('7');
    expect(ev({ kind: 'apply', fn: s, arg: I(0) })).toBe('error: Attempted to access index 0 of tuple\n<<5, 6, 7>>\nwhich is out of bounds.');
    expect(ev({ kind: 'apply', fn: s, arg: I(4) })).toBe('error: Attempted to access index 4 of tuple\n<<5, 6, 7>>\nwhich is out of bounds.');
    expect(ev({ kind: 'apply', fn: s, arg: S('k') })).toBe('error: Attempted to access tuple at a non integral index: "k"');
    expect(ev(op('\\in', tup(I(1), I(1)), bi('Seq', set_(I(1)))))).toBe('TRUE');
    expect(ev(bi('Head', tup()))).toBe('error: Attempted to apply Head to the empty sequence.');
    expect(ev(bi('Tail', tup()))).toBe('error: Attempted to apply Tail to the empty sequence.');
    for (const o of ['Len', 'Head', 'Tail'] as const) expect(ev(bi(o, I(3)))).toBe(`error: Attempted to apply ${o} to a value that is not a sequence:\n3`);
    expect(ev(bi('Append', I(3), I(1)))).toBe('error: Attempted to apply Append to a value that is not a sequence:\n3');
    expect(ev(bi('SubSeq', S('q'), I(1), I(1)))).toBe('error: Attempted to apply SubSeq to a value that is not a sequence:\n"q"');
  });
  it('EXCEPT: one key, paths, fields, @, several updates, keys outside the domain left alone', () => {
    const f = fnOf(ints(1, 3), () => I(0)); // printed as a sequence, held as a function
    const at: Expr = { kind: 'at' };
    const ex = (fn: Expr, ...updates: ir.ExceptUpdate[]): Expr => ({ kind: 'except', fn, updates });
    const idx = (...keys: Expr[]): ir.PathElem[] => keys.map((key) => ({ kind: 'index', key }));
    expect(ev(ex(f, { path: idx(I(2)), value: op('+', at, I(5)) }))).toBe('<<0, 5, 0>>');
    expect(ev(ex(f, { path: idx(I(9)), value: I(5) }))).toBe('<<0, 0, 0>>');
    expect(ev(ex(tup(I(1), I(2)), { path: idx(I(2)), value: op('*', at, I(10)) }))).toBe('<<1, 20>>');
    expect(ev(ex(rec(['a', I(1)], ['b', I(2)]), { path: [{ kind: 'field', name: 'b' }], value: op('-', at, I(2)) }))).toBe('[a |-> 1, b |-> 0]');
    expect(ev(ex(f, { path: idx(I(1)), value: I(7) }, { path: idx(I(3)), value: op('+', at, I(1)) }, { path: idx(I(8)), value: I(1) }))).toBe('<<7, 0, 1>>');
    // A function whose domain is not 1..n is held as one (not as a sequence).
    const g = fnOf(ints(2, 4), (x) => op('*', x, I(10)));
    expect(ev(ex(g, { path: idx(I(3)), value: op('+', at, I(5)) }))).toBe('(2 :> 20 @@ 3 :> 35 @@ 4 :> 40)');
    expect(ev(ex(g, { path: idx(I(4)), value: I(0) }, { path: idx(I(2)), value: I(1) }))).toBe('(2 :> 1 @@ 3 :> 30 @@ 4 :> 0)');
    const deep = fnOf(ints(2, 3), () => rec(['q', I(0)]));
    expect(ev(ex(deep, { path: [...idx(I(3)), { kind: 'field', name: 'q' }], value: I(9) }))).toBe('(2 :> [q |-> 0] @@ 3 :> [q |-> 9])');
    const nested = fnOf(ints(1, 2), () => rec(['q', tup(I(1), I(2))]));
    expect(ev(ex(nested, { path: [...idx(I(2)), { kind: 'field', name: 'q' }, ...idx(I(1))], value: op('+', at, I(40)) }))).toBe('<<[q |-> <<1, 2>>], [q |-> <<41, 2>>]>>');
    expect(ev(ex(nested, { path: [...idx(I(3)), { kind: 'field', name: 'q' }], value: I(0) }))).toBe('<<[q |-> <<1, 2>>], [q |-> <<1, 2>>]>>');
    expect(ev(ex(I(4), { path: idx(I(1)), value: I(0) }))).toBe('error: A non-function (integer) was applied as a function.\n4');
    expect(ev(ex(tup(I(1)), { path: idx(S('k')), value: I(0) }))).toBe('error: Attempted to apply tuple\n<<1>>\nto the non-integer argument "k"');
    // Outside EXCEPT, @ has no value; after an EXCEPT it has none again.
    expect(ev(at)).toBe('error: @ used outside EXCEPT');
    expect(ev(tup(ex(f, { path: idx(I(1)), value: at }), at))).toBe('error: @ used outside EXCEPT');
    expect(ev(tup(ex(f, { path: idx(I(1)), value: at }, { path: idx(I(2)), value: at }), at))).toBe('error: @ used outside EXCEPT');
  });
});

describe('control and binding', () => {
  it('IF, CASE (first true arm, OTHER, none true), LET (lazy: an unused failing value is never evaluated)', () => {
    expect(ev({ kind: 'if', cond: op('=', V, I(1)), then: S('one'), else: S('other') })).toBe('"one"');
    expect(ev({ kind: 'if', cond: op('=', V, I(2)), then: S('one'), else: S('other') })).toBe('"other"');
    const arms: [Expr, Expr][] = [[op('=', V, I(0)), S('zero')], [op('>', V, I(0)), S('pos')], [B(true), S('any')]];
    expect(ev({ kind: 'case', arms })).toBe('"pos"');
    expect(ev({ kind: 'case', arms: [[B(false), I(1)]], other: I(2) })).toBe('2');
    expect(ev({ kind: 'case', arms: [[B(false), I(1)], [B(true), I(3)]], other: I(2) })).toBe('3');
    expect(ev({ kind: 'case', arms: [[B(false), I(1)]] })).toBe('error: Attempted to evaluate a CASE with no conditions true.');
    expect(ev({ kind: 'case', arms: [[I(0), I(1)]] })).toMatch(/^error: .*a condition of a CASE/);
    expect(ev({ kind: 'let', name: 'y', value: op('+', V, I(1)), body: op('*', ref('y'), ref('y')) })).toBe('4');
    expect(ev({ kind: 'let', name: 'y', value: op('\\div', I(1), I(0)), body: I(3) })).toBe('3');
    // Nested LETs of the same name: the inner one shadows, the outer one is back after it.
    expect(ev({ kind: 'let', name: 'y', value: I(1), body: tup({ kind: 'let', name: 'y', value: I(2), body: ref('y') }, ref('y')) })).toBe('<<2, 1>>');
  });
  it('a primed variable or expression has no value in a state (an invariant)', () => {
    expect(ev({ kind: 'prime', operand: V })).toBe('error: In evaluation, the identifier v is either undefined or not an operator.');
    expect(ev({ kind: 'prime', operand: op('+', V, I(1)) })).toBe('error: In evaluation, the identifier v is either undefined or not an operator.');
  });
  it('a state-free expression is evaluated once; one that reads state, on each state', () => {
    const { env, check } = probe(op('+', V, ref('K')), { definitions: [def('K', op('+', I(1), I(1)))] });
    expect(check()).toEqual([3]);
    env.s = [5];
    expect(check()).toEqual([7]);
  });
  it('constants from the config: integers, strings, booleans, model values', () => {
    const constants: ir.Config['constants'] = [['N', { kind: 'int', value: 4 }], ['Name', { kind: 'str', value: 'n' }], ['Flag', { kind: 'bool', value: true }], ['Procs', { kind: 'modelValues', names: ['p1', 'p2'] }], ['Nil', { kind: 'modelValue' }]];
    expect(ev(tup(ref('N'), ref('Name'), ref('Flag'), ref('Procs'), ref('Nil')), { constants })).toBe('<<4, "n", TRUE, {p1, p2}, Nil>>');
  });
});

describe('what the compiled verifier refuses, and edge cases of application', () => {
  it('temporal, symmetry and process-only nodes, unknown names and operators are refused when compiled, each saying what', () => {
    const refused = (x: Expr, extra?: Extra) => { try { probe(x, extra); return 'compiled'; } catch (err) { return (err as Error).message; } };
    expect(refused(bi('Permutations', set_(I(1))))).toMatch(/Permutations \(temporal or symmetry operators are not evaluated as expressions\)/);
    expect(refused(bi('ENABLED', B(true)))).toMatch(/ENABLED \(temporal or symmetry operators/);
    expect(refused(bi('[]', B(true)))).toMatch(/\[\] \(temporal or symmetry operators/);
    expect(refused(bi('<>', B(true)))).toMatch(/<> \(temporal or symmetry operators/);
    expect(refused(op('~>', B(true), B(true)))).toMatch(/temporal formulas \(~>\)/);
    expect(refused({ kind: 'fair', strong: false, action: B(true) })).toMatch(/temporal formulas/);
    expect(refused({ kind: 'boxAction', action: B(true) })).toMatch(/temporal formulas/);
    expect(refused({ kind: 'self' })).toMatch(/a 'self' node outside a process \(lowering should have removed it\)/);
    expect(refused({ kind: 'local', name: 'l' })).toMatch(/a 'local' node outside a process/);
    expect(refused(ref('Nowhere'))).toMatch(/unknown name Nowhere/);
    expect(refused({ kind: 'call', op: 'NoOp', args: [] })).toMatch(/unknown operator NoOp/);
    expect(refused({ kind: 'call', op: 'Stay', args: [] })).toMatch(/action Stay used as an expression \(ENABLED\)/);
    expect(refused({ kind: 'prime', operand: tup({ kind: 'prime', operand: V }) })).toMatch(/a primed expression that reads primes$/);
    // An EXCEPT's `@` inside a primed expression reads only the EXCEPT's function: evaluated in the next state.
    expect(refused({ kind: 'prime', operand: { kind: 'except', fn: tup(V), updates: [{ path: [{ kind: 'index', key: I(1) }], value: op('+', { kind: 'at' }, I(1)) }] } })).toBe('compiled');
    expect(refused(tup(B(true)))).toBe('compiled');
  });
  it('SubSeq of one element; a model value as a sequence index or as a function; a field of a sequence', () => {
    const s = tup(I(5), I(6), I(7));
    expect(ev(tup(bi('SubSeq', s, I(2), I(2)), bi('SubSeq', s, I(3), I(3))))).toBe('<<<<6>>, <<7>>>>');
    // An empty range is empty even where its ends lie outside the sequence.
    expect(ev(tup(bi('SubSeq', s, I(0), I(-1)), bi('SubSeq', s, I(5), I(4))))).toBe('<<<<>>, <<>>>>');
    const constants: ir.Config['constants'] = [['Nil', { kind: 'modelValue' }]];
    expect(ev({ kind: 'apply', fn: s, arg: ref('Nil') }, { constants })).toBe('error: Attempted to access tuple at a non integral index: Nil');
    expect(ev({ kind: 'apply', fn: ref('Nil'), arg: I(1) }, { constants })).toBe('error: A non-function (model value) was applied as a function.\nNil');
    expect(ev({ kind: 'field', record: s, name: 'c' })).toBe('error: Attempted to apply function with integer domain to the non-integer argument "c"');
    // EXCEPT at a model value of a sequence: outside its domain, left as it is.
    expect(ev({ kind: 'except', fn: s, updates: [{ path: [{ kind: 'index', key: ref('Nil') }], value: I(0) }] }, { constants })).toBe('<<5, 6, 7>>');
  });
  it('equality across kinds that cannot be compared is an error, as in TLC', () => {
    expect(ev(op('=', I(1), S('a')))).toMatch(/^error: Attempted to check equality of/);
  });
});

describe('which variables an invariant conjunct reads (the search remembers a conjunct by the values of a few)', () => {
  it('a read of the variable is found inside every kind of node; a prime makes it unknown', () => {
    const varsOf = (x: Expr) => { const { spec } = probe(x); return spec.invariants.find((i) => i.name === 'Probe')!.conjuncts.map((c) => c.vars); };
    const readsV = (x: Expr) => expect(varsOf(x), JSON.stringify(x).slice(0, 120)).toEqual([[0]]);
    const inV = op('=', V, I(1));
    const b = binder('b');
    readsV(inV);
    readsV({ kind: 'not', operand: inV });
    readsV(op('=', { kind: 'neg', operand: V }, I(-1)));
    readsV(op('=', bi('Cardinality', set_(V)), I(1)));
    readsV(tup(B(true), { kind: 'and', operands: [B(true), inV] }, { kind: 'or', operands: [inV] }));
    readsV(tup(B(true), { kind: 'and', operands: [B(true), inV] }));
    readsV(tup(B(true), { kind: 'or', operands: [B(false), inV] }));
    readsV(op('\\in', I(1), set_(I(2), V)));
    readsV({ kind: 'quant', quantifier: '\\A', binder: b, set: set_(V), body: B(true) });
    readsV({ kind: 'quant', quantifier: '\\E', binder: b, set: set_(I(1)), body: op('=', bound(b), V) });
    readsV(op('=', { kind: 'choose', binder: b, set: set_(I(1)), body: op('=', bound(b), V) }, I(1)));
    readsV(op('=', { kind: 'setFilter', binder: b, set: set_(I(1)), pred: op('=', bound(b), V) }, set_(I(1))));
    readsV(op('=', { kind: 'setMap', binder: b, set: set_(I(1)), body: V }, set_(I(1))));
    readsV(op('=', { kind: 'fn', binder: b, set: set_(I(1)), body: V }, tup(I(1))));
    readsV(op('=', rec(['a', V]), rec(['a', I(1)])));
    readsV(op('\\in', rec(['a', I(1)]), { kind: 'recordSet', fields: [['a', set_(V)]] }));
    readsV(op('=', { kind: 'field', record: rec(['a', V]), name: 'a' }, I(1)));
    readsV(op('=', { kind: 'apply', fn: tup(I(1)), arg: V }, I(1)));
    readsV(op('=', { kind: 'apply', fn: tup(V), arg: I(1) }, I(1)));
    readsV(op('\\in', tup(I(1)), { kind: 'fnSet', dom: set_(I(1)), rng: set_(V) }));
    readsV(op('\\in', tup(I(1)), { kind: 'fnSet', dom: set_(V), rng: set_(I(1)) }));
    readsV(op('=', { kind: 'except', fn: tup(V), updates: [{ path: [{ kind: 'index', key: I(1) }], value: I(1) }] }, tup(I(1))));
    readsV(op('=', { kind: 'except', fn: tup(I(1)), updates: [{ path: [{ kind: 'index', key: I(1) }], value: V }] }, tup(I(1))));
    readsV(op('=', { kind: 'except', fn: tup(I(1)), updates: [{ path: [{ kind: 'index', key: V }], value: I(1) }] }, tup(I(1))));
    readsV({ kind: 'if', cond: inV, then: B(true), else: B(true) });
    readsV({ kind: 'if', cond: B(true), then: inV, else: B(true) });
    readsV({ kind: 'if', cond: B(false), then: B(true), else: inV });
    readsV({ kind: 'case', arms: [[inV, B(true)]], other: B(true) });
    readsV({ kind: 'case', arms: [[B(true), inV]] });
    readsV({ kind: 'case', arms: [[B(false), B(true)]], other: inV });
    readsV({ kind: 'let', name: 'y', value: V, body: op('=', ref('y'), I(1)) });
    readsV({ kind: 'let', name: 'y', value: I(1), body: inV });
    expect(varsOf(B(true))).toEqual([undefined]);
    expect(varsOf(op('=', { kind: 'prime', operand: V }, I(1)))).toEqual([undefined]);
  });
});

describe('what is evaluated once and what afresh', () => {
  /** `x` evaluated on the states v = 1 and v = 2, in that order, by one compiled spec. */
  function onStates(x: Expr, extra?: Extra): string[] {
    const p = probe(x, extra);
    return [1, 2].map((v) => { p.env.s = [v]; return shown(p.check()); });
  }
  const i = binder('i');
  const I_ = bound(i);
  /** `{ body(i) : i \in 1..2 }`: a body that reads `i` has a value for each. */
  const eachI = (body: Expr): Expr => ({ kind: 'setMap', binder: i, set: ints(1, 2), body });
  const p = binder('p');
  const defs = { definitions: [def('AddV', op('+', bound(p), V), [p]), def('Twice', op('*', bound(p), I(2)), [p]), def('W', op('+', V, I(0)))] };
  it.each<{ name: string; x: Expr; want: [string, string] }>([
    { name: 'the variable under an operator', x: op('+', V, I(1)), want: ['2', '3'] },
    { name: 'a definition that reads it', x: ref('W'), want: ['1', '2'] },
    { name: 'an operator whose body reads it', x: { kind: 'call', op: 'AddV', args: [I(1)] }, want: ['2', '3'] },
    { name: 'an argument that reads it', x: { kind: 'call', op: 'Twice', args: [V] }, want: ['2', '4'] },
    { name: 'a set that reads it', x: { kind: 'quant', quantifier: '\\A', binder: i, set: ints(1, 1), body: op('<', I_, op('+', V, I(0))) }, want: ['FALSE', 'TRUE'] },
    { name: 'CHOOSE over it', x: { kind: 'choose', binder: i, set: ints(1, 3), body: op('>', I_, V) }, want: ['2', '3'] },
    { name: 'a filter by it', x: { kind: 'setFilter', binder: i, set: ints(1, 3), pred: op('>', I_, V) }, want: ['{2, 3}', '{3}'] },
    { name: 'a record set of it', x: { kind: 'recordSet', fields: [['a', set_(V)]] }, want: ['[a : {1}]', '[a : {2}]'] },
    { name: 'a function set onto it', x: bi('Cardinality', { kind: 'fnSet', dom: ints(1, 2), rng: op('..', I(1), V) }), want: ['1', '4'] },
    { name: 'EXCEPT with it', x: { kind: 'except', fn: tup(I(0), I(0)), updates: [{ path: [{ kind: 'index', key: I(1) }], value: V }] }, want: ['<<1, 0>>', '<<2, 0>>'] },
    { name: 'CASE on it', x: { kind: 'case', arms: [[op('=', V, I(1)), I(10)]], other: I(20) }, want: ['10', '20'] },
    { name: 'CASE whose OTHER reads it', x: { kind: 'case', arms: [[B(false), I(0)]], other: V }, want: ['1', '2'] },
    { name: 'a filter of a set that reads it', x: { kind: 'setFilter', binder: i, set: op('..', I(1), V), pred: B(true) }, want: ['{1}', '{1, 2}'] },
    { name: 'two operators in one expression, each its own body', x: tup({ kind: 'call', op: 'AddV', args: [I(1)] }, { kind: 'call', op: 'Twice', args: [I(3)] }), want: ['<<2, 6>>', '<<3, 6>>'] },
  ])('$name: evaluated on each state', ({ x, want }) => {
    expect(onStates(x, defs)).toEqual(want);
  });
  it.each<{ name: string; body: Expr; want: string }>([
    { name: 'the bound identifier', body: I_, want: '{1, 2}' },
    { name: 'negated', body: { kind: 'neg', operand: I_ }, want: '{-2, -1}' },
    { name: 'under ~', body: { kind: 'not', operand: op('=', I_, I(1)) }, want: '{FALSE, TRUE}' },
    { name: 'in a conjunction', body: { kind: 'and', operands: [B(true), op('=', I_, I(1))] }, want: '{FALSE, TRUE}' },
    { name: 'in a disjunction', body: { kind: 'or', operands: [B(false), op('=', I_, I(1))] }, want: '{FALSE, TRUE}' },
    { name: 'in a set', body: set_(I_), want: '{{1}, {2}}' },
    { name: 'in a tuple', body: tup(I_), want: '{<<1>>, <<2>>}' },
    { name: 'in a record', body: rec(['a', I_]), want: '{[a |-> 1], [a |-> 2]}' },
    { name: 'a field of a record of it', body: { kind: 'field', record: rec(['a', I_]), name: 'a' }, want: '{1, 2}' },
    { name: 'applying a function to it', body: { kind: 'apply', fn: tup(I(5), I(6)), arg: I_ }, want: '{5, 6}' },
    { name: 'a function of it', body: { kind: 'apply', fn: fnOf(ints(1, 1), (j) => op('+', j, I_)), arg: I(1) }, want: '{2, 3}' },
    { name: 'a set of functions onto it', body: { kind: 'fnSet', dom: set_(I(0)), rng: set_(I_) }, want: '{{(0 :> 1)}, {(0 :> 2)}}' },
    { name: 'a function set from it', body: { kind: 'fnSet', dom: set_(I_), rng: set_(I(0)) }, want: '{{<<0>>}, {(2 :> 0)}}' },
    { name: 'a record set of it', body: { kind: 'recordSet', fields: [['a', set_(I_)]] }, want: '{{[a |-> 1]}, {[a |-> 2]}}' },
    { name: 'IF on it', body: { kind: 'if', cond: op('=', I_, I(1)), then: S('one'), else: S('two') }, want: '{"one", "two"}' },
    { name: 'CASE on it', body: { kind: 'case', arms: [[op('=', I_, I(1)), S('one')]], other: S('two') }, want: '{"one", "two"}' },
    { name: 'a builtin of it', body: bi('Cardinality', op('..', I(1), I_)), want: '{1, 2}' },
    { name: 'an operator called with it', body: { kind: 'call', op: 'Twice', args: [I_] }, want: '{2, 4}' },
    { name: 'a quantifier over it', body: { kind: 'quant', quantifier: '\\E', binder: binder('j'), set: set_(I_), body: B(true) }, want: '{TRUE}' },
    { name: 'a set built from it', body: withB('j', (j, jx) => ({ kind: 'setMap', binder: j, set: set_(I_), body: jx })), want: '{{1}, {2}}' },
    { name: 'a filter of it', body: withB('j', (j, jx) => ({ kind: 'setFilter', binder: j, set: ints(1, 2), pred: op('=', jx, I_) })), want: '{{1}, {2}}' },
    { name: 'CHOOSE of it', body: withB('j', (j, jx) => ({ kind: 'choose', binder: j, set: ints(1, 2), body: op('=', jx, I_) })), want: '{1, 2}' },
  ])('$name: evaluated for each binding', ({ body, want }) => {
    expect(onStates(eachI(body), defs)).toEqual([want, want]);
  });
});

describe('Assert, primes and UNCHANGED, evaluated on a step', () => {
  const assert = (cond: Expr, name: Expr = S('A')): Expr => ({ kind: 'call', op: 'Assert', args: [cond, name] });
  const prime = (operand: Expr): Expr => ({ kind: 'prime', operand });
  /** `x` on the step from v = 1 to v' = `next` (undefined: v' not yet assigned), with `suppressed` asserts off. */
  function onStep(x: Expr, next: number | undefined, suppressed: string[] = []): string {
    const p = probe(x, { definitions: [def('W', op('+', V, I(0)))] });
    p.env.n = [next];
    p.env.suppressed = new Set(suppressed);
    try { return shown(p.check()); } catch (err) {
      if (err instanceof AssertFailure) return `assert ${err.assertName}: ${err.message}`;
      if (err instanceof EvalError) return `error${err.inAssert ? ` in ${err.inAssert}` : ''}: ${err.message}`;
      throw err;
    }
  }
  it.each<{ name: string; x: Expr; next?: number; suppressed?: string[]; want: string }>([
    { name: 'an Assert that holds', x: assert(op('=', V, I(1))), want: 'TRUE' },
    { name: 'an Assert that fails', x: assert(op('=', V, I(2))), want: 'assert A: The first argument of Assert evaluated to FALSE; the second argument was:\n"A"' },
    { name: 'an Assert whose name is not a string', x: assert(B(false), I(7)), want: 'assert ?: The first argument of Assert evaluated to FALSE; the second argument was:\n"?"' },
    { name: 'an Assert of a non-boolean', x: assert(I(3)), want: 'error: The first argument of Assert must be a boolean.' },
    { name: 'an Assert without a name', x: { kind: 'call', op: 'Assert', args: [B(false)] }, want: 'assert ?: The first argument of Assert evaluated to FALSE; the second argument was:\n"?"' },
    { name: 'an error inside an Assert names it', x: assert(op('=', op('\\div', I(1), I(0)), I(0))), want: 'error in A: The second argument of \\div is 0.' },
    { name: 'an Assert switched off holds, its condition not evaluated', x: assert(op('=', op('\\div', I(1), I(0)), I(0))), suppressed: ['A'], want: 'TRUE' },
    { name: 'another Assert switched off: this one still fails', x: assert(B(false)), suppressed: ['B'], want: 'assert A: The first argument of Assert evaluated to FALSE; the second argument was:\n"A"' },
    { name: "v' once assigned", x: tup(prime(V), V), next: 5, want: '<<5, 1>>' },
    { name: "v' not assigned", x: prime(V), want: "error: In evaluation, the identifier v is either undefined or not an operator." },
    { name: "(v + 1)': on the next state, the current one kept after", x: tup(prime(op('+', V, I(1))), V), next: 5, want: '<<6, 1>>' },
    { name: "W' of a definition W == v + 0", x: prime(ref('W')), next: 5, want: '5' },
    { name: "(v + 1)' with v' not assigned", x: prime(op('+', V, I(1))), want: "error: In evaluation, the identifier v is either undefined or not an operator." },
    { name: 'UNCHANGED v, v unchanged', x: { kind: 'unchanged', names: ['v'] }, next: 1, want: 'TRUE' },
    { name: 'UNCHANGED v, v changed', x: { kind: 'unchanged', names: ['v'] }, next: 2, want: 'FALSE' },
    { name: 'UNCHANGED v, v\' not assigned', x: { kind: 'unchanged', names: ['v'] }, want: 'error: UNCHANGED of an unassigned variable' },
  ])('$name', ({ x, next, suppressed, want }) => {
    expect(onStep(x, next, suppressed)).toBe(want);
  });
  it('UNCHANGED of two variables is FALSE when either changed', () => {
    const m = model('U', (b) => {
      const v = b.variable('v', t.int(0, 9), 1);
      const w = b.variable('w', t.int(0, 9), 1);
      b.action('Stay', {}, () => [set(v, v), set(w, w)]);
      b.invariant('Probe', eq(v, w));
      b.config('c', { invariants: ['Probe'], checkDeadlock: false });
    });
    const module: ir.Module = { ...m.module, definitions: m.module.definitions.map((d) => (d.name === 'Probe' ? { ...d, body: { kind: 'unchanged', names: ['v', 'w'] } } : d)) };
    const spec = compileSpec(module, m.module.configs[0]!, '', []);
    const env = spec.newEnv();
    const [c] = spec.invariants.find((x) => x.name === 'Probe')!.conjuncts;
    env.s = [1, 1];
    const on = (n: number[]) => { env.n = n; return c!.check(env); };
    expect([on([1, 1]), on([1, 2]), on([2, 1]), on([2, 2])]).toEqual([true, false, false, false]);
  });
  it('a constant the config gives no value is refused, naming it and the config', () => {
    const m = model('K', (b) => {
      const v = b.variable('v', t.int(0, 9), 1);
      b.action('Stay', {}, () => [set(v, v)]);
      b.invariant('Probe', eq(v, v));
      b.config('c', { invariants: ['Probe'], checkDeadlock: false });
    });
    const module: ir.Module = { ...m.module, constants: [...m.module.constants, { name: 'N' } as ir.Module['constants'][number]], definitions: m.module.definitions.map((d) => (d.name === 'Probe' ? { ...d, body: op('=', V, ref('N')) } : d)) };
    expect(() => compileSpec(module, m.module.configs[0]!, '', [])).toThrow(new Unsupported('constant N has no value in config c'));
    expect(() => compileSpec({ ...module, definitions: m.module.definitions.map((d) => (d.name === 'Probe' ? { ...d, body: op('=', V, ref('M')) } : d)) }, m.module.configs[0]!, '', [])).toThrow(new Unsupported('unknown name M'));
  });
});
