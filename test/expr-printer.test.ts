/**
 * The expression printer (dsl/emit/expr.ts) on hand-built IR: what each node prints as, where
 * brackets go (TLA+'s precedence table, associativity, prefix operators, negative literals), bound
 * names, the one-line / list layout choice and the spans it records. Each expected text is the
 * TLA+ that means the same tree: a missing bracket changes the meaning (`a - (b - c)`), an extra
 * one is noise, and `Op()` is not TLA+.
 */
import { describe, expect, it } from 'vitest';
import type * as ir from '../dsl/ir/nodes.js';
import { binder } from '../dsl/ir/nodes.js';
import { ExprPrinter, Scope } from '../dsl/emit/expr.js';
import { Writer } from '../dsl/emit/writer.js';

const ref = (name: string): ir.Expr => ({ kind: 'ref', name });
const int = (value: number): ir.Expr => ({ kind: 'int', value });
const bin = (op: ir.InfixOp, left: ir.Expr, right: ir.Expr): ir.Expr => ({ kind: 'infix', op, left, right });
const and = (...operands: ir.Expr[]): ir.Expr => ({ kind: 'and', operands });
const or = (...operands: ir.Expr[]): ir.Expr => ({ kind: 'or', operands });
const not = (operand: ir.Expr): ir.Expr => ({ kind: 'not', operand });
const neg = (operand: ir.Expr): ir.Expr => ({ kind: 'neg', operand });
const call = (op: string, ...args: ir.Expr[]): ir.Expr => ({ kind: 'call', op, args });
const builtin = (op: ir.BuiltinOp, ...args: ir.Expr[]): ir.Expr => ({ kind: 'builtin', op, args });
const bound = (b: ir.Binder): ir.Expr => ({ kind: 'bound', binder: b });
const forall = (hint: string, set: ir.Expr, body: (x: ir.Expr) => ir.Expr): ir.Expr => {
  const b = binder(hint);
  return { kind: 'quant', quantifier: '\\A', binder: b, set, body: body(bound(b)) };
};
const exists = (hint: string, set: ir.Expr, body: (x: ir.Expr) => ir.Expr): ir.Expr => {
  const b = binder(hint);
  return { kind: 'quant', quantifier: '\\E', binder: b, set, body: body(bound(b)) };
};
const ite = (cond: ir.Expr, then: ir.Expr, otherwise: ir.Expr): ir.Expr => ({ kind: 'if', cond, then, else: otherwise });
const [a, b, c, p, q, r, S, f, x] = ['a', 'b', 'c', 'p', 'q', 'r', 'S', 'f', 'x'].map(ref) as [ir.Expr, ir.Expr, ir.Expr, ir.Expr, ir.Expr, ir.Expr, ir.Expr, ir.Expr, ir.Expr];

/** `e` printed on one line, as a whole definition body (no surrounding operator). */
function inline(e: ir.Expr, taken: readonly string[] = []): string {
  const w = new Writer();
  new ExprPrinter(w, 'D', new Scope(new Set(taken))).inline(e, 0);
  return w.toString();
}

/** `D == ` then `e` printed where a list layout is allowed. */
function block(e: ir.Expr, prefix = 'D == '): string {
  const w = new Writer();
  w.write(prefix);
  new ExprPrinter(w, 'D', new Scope(new Set())).block(e);
  return w.toString();
}

describe('each node on one line', () => {
  const b1 = binder('k');
  it.each<[string, ir.Expr, string]>([
    ['TRUE', { kind: 'bool', value: true }, 'TRUE'],
    ['FALSE', { kind: 'bool', value: false }, 'FALSE'],
    ['an integer', int(3), '3'],
    ['a negative integer alone', int(-2), '-2'],
    ['a string, quoted and escaped', { kind: 'str', value: 'a"b' }, '"a\\"b"'],
    ['a name', ref('counter'), 'counter'],
    ['a call without arguments (`Op()` is not TLA+)', call('Zero'), 'Zero'],
    ['a call with arguments', call('Bump', a, int(1)), 'Bump(a, 1)'],
    ['a primed name', { kind: 'prime', operand: x }, "x'"],
    ['a primed expression', { kind: 'prime', operand: bin('+', x, int(1)) }, "(x + 1)'"],
    ['the empty conjunction', and(), 'TRUE'],
    ['the empty disjunction', or(), 'FALSE'],
    ['a conjunction of one', and(p), 'p'],
    ['a disjunction of one', or(q), 'q'],
    ['a conjunction', and(p, q, r), 'p /\\ q /\\ r'],
    ['a disjunction', or(p, q), 'p \\/ q'],
    ['an interval, without spaces', bin('..', int(1), int(3)), '1..3'],
    ['membership', bin('\\in', x, S), 'x \\in S'],
    ['an empty set', { kind: 'setEnum', elements: [] }, '{}'],
    ['a set', { kind: 'setEnum', elements: [int(1), int(2)] }, '{1, 2}'],
    ['a tuple', { kind: 'tuple', elements: [a, b] }, '<<a, b>>'],
    ['a record', { kind: 'record', fields: [['n', int(1)], ['m', b]] }, '[n |-> 1, m |-> b]'],
    ['a record set', { kind: 'recordSet', fields: [['n', S], ['m', S]] }, '[n : S, m : S]'],
    ['a field', { kind: 'field', record: r, name: 'g' }, 'r.g'],
    ['a field of Head(s) (tla-checker reads no field of an operator result)', { kind: 'field', record: builtin('Head', ref('s')), name: 'g' }, 's[1].g'],
    ['a field of another operator result keeps the call', { kind: 'field', record: builtin('Tail', ref('s')), name: 'g' }, 'Tail(s).g'],
    ['a field of a call named Head that is not the builtin', { kind: 'field', record: call('Head', ref('s')), name: 'g' }, 'Head(s).g'],
    ['a field of an application', { kind: 'field', record: { kind: 'apply', fn: f, arg: a }, name: 'g' }, 'f[a].g'],
    ['a field of an infix', { kind: 'field', record: bin('@@', f, ref('h')), name: 'g' }, '(f @@ h).g'],
    ['an application', { kind: 'apply', fn: f, arg: bin('+', a, int(1)) }, 'f[a + 1]'],
    ['an application of an application', { kind: 'apply', fn: { kind: 'apply', fn: f, arg: a }, arg: b }, 'f[a][b]'],
    ['a function', { kind: 'fn', binder: b1, set: S, body: bin('*', bound(b1), int(2)) }, '[k \\in S |-> k * 2]'],
    ['a function set', { kind: 'fnSet', dom: S, rng: bin('..', int(0), int(2)) }, '[S -> 0..2]'],
    ['an EXCEPT with a path and @', {
      kind: 'except', fn: f, updates: [
        { path: [{ kind: 'index', key: a }, { kind: 'field', name: 'g' }], value: bin('+', { kind: 'at' }, int(1)) },
        { path: [{ kind: 'field', name: 'h' }], value: int(0) },
      ],
    }, '[f EXCEPT ![a].g = @ + 1, !.h = 0]'],
    ['IF', ite(p, a, b), 'IF p THEN a ELSE b'],
    ['CASE with OTHER', { kind: 'case', arms: [[p, int(1)], [q, int(2)]], other: int(3) }, 'CASE p -> 1 [] q -> 2 [] OTHER -> 3'],
    ['CASE without OTHER', { kind: 'case', arms: [[p, int(1)]] }, 'CASE p -> 1'],
    ['LET', { kind: 'let', name: 'z', value: int(1), body: bin('+', ref('z'), ref('z')) }, 'LET z == 1 IN z + z'],
    ['weak fairness', { kind: 'fair', strong: false, action: call('Next') }, 'WF_vars(Next)'],
    ['strong fairness', { kind: 'fair', strong: true, action: call('Go', a) }, 'SF_vars(Go(a))'],
    ['[][A]_vars', { kind: 'boxAction', action: ref('Next') }, '[][Next]_vars'],
    ['UNCHANGED of one', { kind: 'unchanged', names: ['x'] }, 'UNCHANGED x'],
    ['UNCHANGED of several', { kind: 'unchanged', names: ['x', 'y'] }, 'UNCHANGED <<x, y>>'],
    ['a builtin operator', builtin('Append', ref('s'), a), 'Append(s, a)'],
    ['DOMAIN', builtin('DOMAIN', f), 'DOMAIN f'],
    ['SUBSET', builtin('SUBSET', S), 'SUBSET S'],
    ['UNION', builtin('UNION', S), 'UNION S'],
    ['ENABLED', builtin('ENABLED', call('Go', a)), 'ENABLED Go(a)'],
    ['always', builtin('[]', p), '[]p'],
    ['eventually', builtin('<>', p), '<>p'],
    ['CHOOSE', { kind: 'choose', binder: b1, set: S, body: { kind: 'bool', value: true } }, 'CHOOSE k \\in S : TRUE'],
  ])('%s', (_, e, text) => {
    expect(inline(e)).toBe(text);
  });
});

/**
 * Brackets: exactly where the tree differs from how TLA+ would parse the text without them.
 * Precedence ranges from the TLA+ book: => 1, <=> ~> 2, /\ \/ 3, ~ 4, = # < \in 5, @@ 6, :> 7,
 * \cup \cap \ 8, .. DOMAIN 9, + % 10, - 11, * \div \o 13.
 */
describe('brackets', () => {
  it.each<[string, ir.Expr, string]>([
    ['+ is associative: left-nested needs none', bin('+', bin('+', a, b), c), 'a + b + c'],
    ['+ nested on the right keeps the tree', bin('+', a, bin('+', b, c)), 'a + (b + c)'],
    ['* is associative too', bin('*', bin('*', a, b), c), 'a * b * c'],
    ['\\cup is associative', bin('\\cup', bin('\\cup', S, a), b), 'S \\cup a \\cup b'],
    ['- is not associative: left-nested', bin('-', bin('-', a, b), c), '(a - b) - c'],
    ['- is not associative: right-nested', bin('-', a, bin('-', b, c)), 'a - (b - c)'],
    ['= is not associative ((a = b) = c is not a = b = c)', bin('=', bin('=', a, b), c), '(a = b) = c'],
    ['\\ is not associative', bin('\\', bin('\\', S, a), b), '(S \\ a) \\ b'],
    ['a lower precedence operand', bin('*', bin('+', a, b), c), '(a + b) * c'],
    ['a higher precedence operand', bin('+', bin('*', a, b), c), 'a * b + c'],
    ['+ under -', bin('-', bin('+', a, b), c), '(a + b) - c'],
    ['- under + (- binds tighter: 11 > 10)', bin('+', bin('-', a, b), c), 'a - b + c'],
    ['a comparison of sums', bin('<', bin('+', a, b), c), 'a + b < c'],
    ['an implication of comparisons', bin('=>', bin('=', a, b), bin('#', b, c)), 'a = b => b # c'],
    ['an implication of implications', bin('=>', bin('=>', p, q), r), '(p => q) => r'],
    ['<=> of an implication', bin('<=>', bin('=>', p, q), r), '(p => q) <=> r'],
    ['% brackets its sum operand', bin('%', bin('+', a, b), c), '(a + b) % c'],
    ['% brackets both sides', bin('%', a, bin('*', b, c)), 'a % (b * c)'],
    ['% under + is bracketed (both 10)', bin('+', a, bin('%', b, c)), 'a + (b % c)'],
    ['\\div under *', bin('*', bin('\\div', a, b), c), '(a \\div b) * c'],
    ['% of plain operands', bin('%', a, int(2)), 'a % 2'],
    ['.. of sums', bin('..', bin('+', a, int(1)), bin('-', b, int(1))), 'a + 1..b - 1'],
    ['\\cup of an interval: bracketed although .. binds tighter (9 > 8), for tla-checker 0.9.0', bin('\\cup', bin('..', int(1), int(2)), S), '(1..2) \\cup S'],
    ['an interval of a union', bin('..', int(1), bin('\\cup', a, b)), '1..(a \\cup b)'],
    ['a negative literal as an operand', bin('+', a, int(-1)), 'a + (-1)'],
    ['a negative literal on the left', bin('*', int(-1), a), '(-1) * a'],
    ['a negative literal as an argument needs none', call('F', int(-1)), 'F(-1)'],
    ['a negative literal in a set needs none', { kind: 'setEnum', elements: [int(-1)] }, '{-1}'],
    ['a positive literal as an operand', bin('+', a, int(1)), 'a + 1'],
    ['unary minus alone', neg(a), '-a'],
    ['unary minus of a sum', neg(bin('+', a, b)), '-(a + b)'],
    ['unary minus as an operand', bin('*', neg(a), b), '(-a) * b'],
    ['unary minus on the right of -', bin('-', b, neg(a)), 'b - (-a)'],
    ['unary minus of unary minus', neg(neg(a)), '-(-a)'],
    ['~ alone', not(p), '~p'],
    ['~ of a conjunction', not(and(p, q)), '~(p /\\ q)'],
    ['~ of a comparison', not(bin('=', a, b)), '~(a = b)'],
    ['~ in a conjunction', and(not(p), q), '~p /\\ q'],
    ['~ as an operand of =', bin('=', not(p), q), '(~p) = q'],
    ['~ as an operand of =>', bin('=>', not(p), q), '~p => q'],
    ['~ of ~ (a prefix operator brackets any operand that is not atomic)', not(not(p)), '~(~p)'],
    ['a conjunction in a disjunction', or(and(p, q), r), '(p /\\ q) \\/ r'],
    ['a disjunction in a conjunction', and(p, or(q, r)), 'p /\\ (q \\/ r)'],
    ['a one-item conjunction takes its context', bin('*', and(bin('+', a, b)), c), '(a + b) * c'],
    ['comparisons in a conjunction', and(bin('=', a, b), bin('\\in', c, S)), 'a = b /\\ c \\in S'],
    ['an implication in a conjunction', and(bin('=>', p, q), r), '(p => q) /\\ r'],
    ['a conjunction as an operand of =>', bin('=>', and(p, q), r), '(p /\\ q) => r'],
    ['a quantifier in a conjunction', and(forall('k', S, (k) => bin('>', k, int(0))), p), '(\\A k \\in S : k > 0) /\\ p'],
    ['a quantifier body needs none', exists('k', S, (k) => and(p, bin('=', k, a))), '\\E k \\in S : p /\\ k = a'],
    ['CHOOSE as an operand', bin('+', { kind: 'choose', binder: binder('w'), set: S, body: p }, int(1)), '(CHOOSE w \\in S : p) + 1'],
    ['IF as an operand', bin('+', ite(p, a, b), int(1)), '(IF p THEN a ELSE b) + 1'],
    ['CASE as an operand', bin('=', { kind: 'case', arms: [[p, a]] }, b), '(CASE p -> a) = b'],
    ['LET as an operand', bin('*', { kind: 'let', name: 'z', value: a, body: ref('z') }, b), '(LET z == a IN z) * b'],
    ['IF parts need none', ite(and(p, q), bin('+', a, b), bin('-', a, b)), 'IF p /\\ q THEN a + b ELSE a - b'],
    ['DOMAIN in \\cup (DOMAIN binds tighter)', bin('\\cup', builtin('DOMAIN', f), S), 'DOMAIN f \\cup S'],
    ['DOMAIN under + (tighter still)', bin('+', builtin('Cardinality', builtin('DOMAIN', f)), int(1)), 'Cardinality(DOMAIN f) + 1'],
    ['DOMAIN applied', { kind: 'apply', fn: builtin('DOMAIN', f), arg: a }, '(DOMAIN f)[a]'],
    ['DOMAIN of an application', builtin('DOMAIN', { kind: 'apply', fn: f, arg: a }), 'DOMAIN f[a]'],
    ['DOMAIN of a union', builtin('DOMAIN', bin('@@', f, ref('h'))), 'DOMAIN (f @@ h)'],
    ['[] of an implication', builtin('[]', bin('=>', p, q)), '[](p => q)'],
    ['[] in an implication', bin('=>', builtin('[]', p), builtin('<>', q)), '[]p => <>q'],
    ['[] in a conjunction', and(builtin('[]', p), q), '[]p /\\ q'],
    ['[] as an operand of =', bin('=', builtin('[]', p), q), '([]p) = q'],
    ['<> of []', builtin('<>', builtin('[]', p)), '<>([]p)'],
  ])('%s', (_, e, text) => {
    expect(inline(e)).toBe(text);
  });
});

describe('bound names', () => {
  it('a nested binder with the same hint gets a fresh name', () => {
    const e = forall('x', S, (outer) => exists('x', S, (inner) => bin('#', inner, outer)));
    expect(inline(e)).toBe('\\A x \\in S : \\E x2 \\in S : x2 # x');
  });

  it('a name taken by the module (a variable) is not reused', () => {
    expect(inline(forall('x', S, (k) => bin('=', k, x)), ['x', 'x2'])).toBe('\\A x3 \\in S : x3 = x');
  });

  it('a name is free again after its scope: sibling quantifiers share it', () => {
    const e = and(forall('k', S, (k) => bin('>', k, int(0))), exists('k', S, (k) => bin('<', k, int(3))));
    expect(inline(e)).toBe('(\\A k \\in S : k > 0) /\\ (\\E k \\in S : k < 3)');
  });

  it('the set is printed outside the binder\'s scope, and the name is not reused inside it', () => {
    const e = forall('k', S, (k) => exists('k', { kind: 'setEnum', elements: [k] }, (k2) => bin('=', k2, k)));
    expect(inline(e)).toBe('\\A k \\in S : \\E k2 \\in {k} : k2 = k');
  });

  it('a set map binds its name in the body printed before it', () => {
    const m = binder('v');
    const e: ir.Expr = { kind: 'setMap', binder: m, set: S, body: bin('+', bound(m), int(1)) };
    expect(inline(and(bin('=', e, e), exists('v', S, (v) => bin('\\in', v, S))))).toBe('{v + 1 : v \\in S} = {v + 1 : v \\in S} /\\ (\\E v \\in S : v \\in S)');
  });

  it('a set filter', () => {
    const m = binder('v');
    expect(inline({ kind: 'setFilter', binder: m, set: S, pred: bin('>', bound(m), int(1)) })).toBe('{v \\in S : v > 1}');
  });

  it('a bound name used outside its binder is an internal error, not a guess', () => {
    expect(() => inline(bound(binder('lost')))).toThrow("internal: bound identifier 'lost' used outside its scope");
  });

  it.each<[string, ir.Expr]>([['local', { kind: 'local', name: 'tmp' }], ['self', { kind: 'self' }]])('a process %s reaching the printer is an internal error', (kind, e) => {
    expect(() => inline(bin('+', e, int(1)))).toThrow(`internal: '${kind}' reached the printer (in D)`);
  });
});

describe('layout: one line when it fits, aligned lists otherwise', () => {
  const long = (n: number): ir.Expr => ref('v'.repeat(n));
  it('a conjunction in a definition body is a list aligned under its first bullet', () => {
    expect(block(and(p, bin('=', a, b)))).toBe('D == /\\ p\n     /\\ a = b');
  });

  it('a disjunction of conjunctions nests the lists', () => {
    expect(block(or(and(p, q), r))).toBe('D == \\/ /\\ p\n        /\\ q\n     \\/ r');
  });

  it('empty and one-item lists print as their value', () => {
    expect(block(and())).toBe('D == TRUE');
    expect(block(or())).toBe('D == FALSE');
    expect(block(or(bin('=', a, b)))).toBe('D == a = b');
  });

  it('a quantifier whose body is a list breaks after the colon, two columns in', () => {
    expect(block(forall('k', S, (k) => and(bin('>', k, int(0)), p)), 'D ==\n  ')).toBe('D ==\n  \\A k \\in S :\n    /\\ k > 0\n    /\\ p');
  });

  it('a short quantifier stays on one line', () => {
    expect(block(forall('k', S, (k) => bin('>', k, int(0))))).toBe('D == \\A k \\in S : k > 0');
  });

  it('an IF with a list in a branch puts THEN and ELSE under IF', () => {
    expect(block(ite(p, and(q, r), a))).toBe('D == IF p\n     THEN /\\ q\n          /\\ r\n     ELSE a');
  });

  it('an IF with a list in its ELSE only breaks too', () => {
    expect(block(ite(p, a, or(q, r)))).toBe('D == IF p\n     THEN a\n     ELSE \\/ q\n          \\/ r');
  });

  it('a one-item list is no list: an IF around it stays on one line', () => {
    expect(block(ite(p, and(bin('=', a, b)), c))).toBe('D == IF p THEN a = b ELSE c');
  });

  it('an IF whose branch is a LET over a list breaks', () => {
    expect(block(ite(p, { kind: 'let', name: 'z', value: a, body: and(q, r) }, b))).toBe('D == IF p\n     THEN LET z == a\n          IN  /\\ q\n              /\\ r\n     ELSE b');
  });

  it('a CASE too long for the line and without OTHER ends with its last arm', () => {
    const e: ir.Expr = { kind: 'case', arms: [[p, long(50)], [q, long(50)]] };
    expect(block(e)).toBe(`D == CASE p -> ${'v'.repeat(50)}\n       [] q -> ${'v'.repeat(50)}`);
  });

  it('a short IF and a short CASE stay on one line', () => {
    expect(block(ite(p, a, b))).toBe('D == IF p THEN a ELSE b');
    expect(block({ kind: 'case', arms: [[p, a]], other: b })).toBe('D == CASE p -> a [] OTHER -> b');
  });

  it('LET puts IN under LET, and a list in its body breaks', () => {
    expect(block({ kind: 'let', name: 'z', value: a, body: and(p, q) })).toBe('D == LET z == a\n     IN  /\\ p\n         /\\ q');
  });

  it('a LET around a quantifier over a list is not measured as one line', () => {
    const e: ir.Expr = { kind: 'let', name: 'z', value: a, body: forall('k', S, () => and(p, q)) };
    expect(block(e)).toBe('D == LET z == a\n     IN  \\A k \\in S :\n           /\\ p\n           /\\ q');
  });

  it('a line that ends before column 100 fits; one that reaches it breaks', () => {
    // `D == IF p THEN <name> ELSE b`: 22 columns besides the name.
    expect(block(ite(p, long(77), b))).toBe(`D == IF p THEN ${'v'.repeat(77)} ELSE b`);
    expect(block(ite(p, long(78), b)).split('\n')).toEqual(['D == IF p', `     THEN ${'v'.repeat(78)}`, '     ELSE b']);
  });

  it('a quantifier too long for the line breaks after its colon', () => {
    const e = forall('k', S, (k) => bin('=', k, long(90)));
    expect(block(e)).toBe(`D == \\A k \\in S :\n       k = ${'v'.repeat(90)}`);
  });

  it('a CASE too long for the line puts each arm on its own line', () => {
    const e: ir.Expr = { kind: 'case', arms: [[p, long(50)], [q, long(50)]], other: a };
    expect(block(e)).toBe(`D == CASE p -> ${'v'.repeat(50)}\n       [] q -> ${'v'.repeat(50)}\n       [] OTHER -> a`);
  });

  it('measuring a layout leaves the scope as it was', () => {
    // The quantifier is measured (a probe binds k), then printed: still `k`, not `k2`.
    expect(block(and(forall('k', S, (k) => bin('>', k, int(0))), forall('k', S, (k) => bin('<', k, int(3)))))).toBe(
      'D == /\\ \\A k \\in S : k > 0\n     /\\ \\A k \\in S : k < 3');
  });
});

describe('spans: where each located node landed (1-based, end column inclusive)', () => {
  const at = (line: number): ir.SourceLoc => ({ file: 'models/m.ts', line, col: 1 });
  it('nested expressions on one line, with their columns', () => {
    const sum: ir.Expr = { ...bin('+', { ...a, loc: at(2) }, { ...int(1), loc: at(3) }), loc: at(1) };
    const w = new Writer();
    w.write('D == ');
    new ExprPrinter(w, 'D', new Scope(new Set())).inline({ ...bin('*', sum, b), loc: at(4) }, 0);
    expect(w.toString()).toBe('D == (a + 1) * b');
    const spans = w.spans.map((s) => [s.dsl.line, s.kind, s.definition, `${s.tla.start.line}:${s.tla.start.col}-${s.tla.end.line}:${s.tla.end.col}`]);
    expect(spans).toEqual([
      [2, 'expr', 'D', '1:7-1:7'],
      [3, 'expr', 'D', '1:11-1:11'],
      [1, 'expr', 'D', '1:6-1:12'], // the brackets belong to the sum
      [4, 'expr', 'D', '1:6-1:16'],
    ]);
  });

  it('a list across lines ends on its last line', () => {
    const w = new Writer();
    w.write('D == ');
    new ExprPrinter(w, 'D', new Scope(new Set())).block({ ...and(p, { ...bin('=', a, b), loc: at(2) }), loc: at(1) });
    expect(w.spans.map((s) => [s.dsl.line, s.kind, s.tla])).toEqual([
      [2, 'expr', { start: { line: 2, col: 9 }, end: { line: 2, col: 13 } }],
      [1, 'expr', { start: { line: 1, col: 6 }, end: { line: 2, col: 13 } }],
    ]);
  });

  it('a layout that is only measured records nothing', () => {
    const w = new Writer();
    new ExprPrinter(w, 'D', new Scope(new Set())).block({ ...forall('k', S, (k) => ({ ...bin('>', k, int(0)), loc: at(2) })), loc: at(1) });
    expect(w.spans.map((s) => s.dsl.line)).toEqual([2, 1]);
  });
});
