/**
 * The compiler's folding analysis (dsl/check/compiled/free-binders.ts): which bound names an
 * expression reads, or null when it reads state — one table row per node kind, both ways.
 */
import { describe, expect, it } from 'vitest';
import { FreeBinders, type ModuleNames } from '../dsl/check/compiled/free-binders.js';
import { binder, type Binder, type Expr } from '../dsl/ir/nodes.js';
import { bound, call, def, I, ref, V } from './helpers/ir.js';

const plus = (left: Expr, right: Expr): Expr => ({ kind: 'infix', op: '+', left, right });

/** Module `v` (a variable), `N` (a constant with a value), and definitions that fold or not. */
function analysis(): { free: FreeBinders; i: Binder; j: Binder } {
  const p = binder('p');
  const defs = new Map([
    ['C', def('C', plus(I(1), I(2)))],
    ['R', def('R', V)],
    ['Loop', def('Loop', ref('Loop'))],
    ['P', def('P', plus(bound(p), I(1)), [p])],
    ['S', def('S', plus(bound(p), V), [p])],
  ]);
  const names: ModuleNames = { isVariable: (n) => n === 'v', isConstant: (n) => n === 'N', definition: (n) => defs.get(n) };
  return { free: new FreeBinders(names), i: binder('i'), j: binder('j') };
}

type Row = { name: string; x: (i: Expr, ib: Binder, j: Expr, jb: Binder) => Expr; reads: 'state' | ('i' | 'j')[] };
const rows: Row[] = [
  { name: 'a literal', x: () => I(1), reads: [] },
  { name: 'a string, a boolean', x: () => ({ kind: 'tuple', elements: [{ kind: 'str', value: 'a' }, { kind: 'bool', value: true }] }), reads: [] },
  { name: 'a bound name', x: (i) => i, reads: ['i'] },
  { name: 'the variable', x: () => V, reads: 'state' },
  { name: 'a constant', x: () => ref('N'), reads: [] },
  { name: 'BOOLEAN', x: () => ref('BOOLEAN'), reads: [] },
  { name: 'a name that is nothing known', x: () => ref('Nowhere'), reads: 'state' },
  { name: 'a definition that folds', x: () => ref('C'), reads: [] },
  { name: 'a definition that reads the variable', x: () => ref('R'), reads: 'state' },
  { name: 'a definition that refers to itself', x: () => ref('Loop'), reads: 'state' },
  { name: 'an operator named without its arguments', x: () => ref('P'), reads: 'state' },
  { name: 'an operator called with a bound name', x: (i) => call('P', i), reads: ['i'] },
  { name: 'an operator whose body reads the variable', x: () => call('S', I(1)), reads: 'state' },
  { name: 'an operator called with the variable', x: () => call('P', V), reads: 'state' },
  { name: 'Assert, with constant arguments', x: () => call('Assert', { kind: 'bool', value: true }, { kind: 'str', value: 'A' }), reads: 'state' },
  { name: 'an unknown operator', x: () => call('Nowhere', I(1)), reads: 'state' },
  { name: 'a builtin', x: (i) => ({ kind: 'builtin', op: 'Cardinality', args: [i] }), reads: ['i'] },
  { name: 'ENABLED', x: () => ({ kind: 'builtin', op: 'ENABLED', args: [I(1)] }), reads: 'state' },
  { name: '[]', x: () => ({ kind: 'builtin', op: '[]', args: [I(1)] }), reads: 'state' },
  { name: '<>', x: () => ({ kind: 'builtin', op: '<>', args: [I(1)] }), reads: 'state' },
  { name: 'an infix of two bound names', x: (i, _, j) => plus(i, j), reads: ['i', 'j'] },
  { name: 'an infix with the variable on the right', x: (i) => plus(i, V), reads: 'state' },
  { name: 'negation', x: (i) => ({ kind: 'neg', operand: i }), reads: ['i'] },
  { name: 'not', x: (i) => ({ kind: 'not', operand: i }), reads: ['i'] },
  { name: 'not of the variable', x: () => ({ kind: 'not', operand: V }), reads: 'state' },
  { name: 'and', x: (i, _, j) => ({ kind: 'and', operands: [i, j] }), reads: ['i', 'j'] },
  { name: 'or', x: (i, _, j) => ({ kind: 'or', operands: [i, j] }), reads: ['i', 'j'] },
  { name: 'or with the variable last', x: (i) => ({ kind: 'or', operands: [i, V] }), reads: 'state' },
  { name: 'a set', x: (i) => ({ kind: 'setEnum', elements: [I(1), i] }), reads: ['i'] },
  { name: 'a tuple', x: (_, __, j) => ({ kind: 'tuple', elements: [j] }), reads: ['j'] },
  { name: '\\E over a set of i binding j, its body reading both', x: (i, _, j, jb) => ({ kind: 'quant', quantifier: '\\E', binder: jb, set: { kind: 'setEnum', elements: [i] }, body: plus(i, j) }), reads: ['i'] },
  { name: '\\A whose set reads the variable', x: (_, __, j, jb) => ({ kind: 'quant', quantifier: '\\A', binder: jb, set: { kind: 'setEnum', elements: [V] }, body: j }), reads: 'state' },
  { name: '\\A whose body reads the variable', x: (_, __, ___, jb) => ({ kind: 'quant', quantifier: '\\A', binder: jb, set: { kind: 'setEnum', elements: [I(1)] }, body: V }), reads: 'state' },
  { name: 'CHOOSE j, its body reading i', x: (i, _, j, jb) => ({ kind: 'choose', binder: jb, set: { kind: 'setEnum', elements: [I(1)] }, body: plus(i, j) }), reads: ['i'] },
  { name: 'a set map binding j', x: (_, __, j, jb) => ({ kind: 'setMap', binder: jb, set: { kind: 'setEnum', elements: [I(1)] }, body: j }), reads: [] },
  { name: 'a function binding j over a set of i', x: (i, _, j, jb) => ({ kind: 'fn', binder: jb, set: { kind: 'setEnum', elements: [i] }, body: j }), reads: ['i'] },
  { name: '\\E binding j over constants, its body reading j then i', x: (i, _, j, jb) => ({ kind: 'quant', quantifier: '\\E', binder: jb, set: { kind: 'setEnum', elements: [I(1)] }, body: plus(j, i) }), reads: ['i'] },
  { name: '\\E binding j over constants, its body reading i then j', x: (i, _, j, jb) => ({ kind: 'quant', quantifier: '\\E', binder: jb, set: { kind: 'setEnum', elements: [I(1)] }, body: plus(i, j) }), reads: ['i'] },
  { name: '\\E binding j over a set of i, its body reading i', x: (i, _, __, jb) => ({ kind: 'quant', quantifier: '\\E', binder: jb, set: { kind: 'setEnum', elements: [i] }, body: i }), reads: ['i'] },
  { name: '\\E binding j over a set of j, its body reading i', x: (i, _, j, jb) => ({ kind: 'quant', quantifier: '\\E', binder: jb, set: { kind: 'setEnum', elements: [j] }, body: i }), reads: ['i', 'j'] },
  { name: 'an infix reading i twice', x: (i) => plus(i, i), reads: ['i'] },
  { name: 'and of i, j, i', x: (i, _, j) => ({ kind: 'and', operands: [i, j, i] }), reads: ['i', 'j'] },
  { name: 'and of i + j, then j', x: (i, _, j) => ({ kind: 'and', operands: [plus(i, j), j, I(1)] }), reads: ['i', 'j'] },
  { name: 'a filter binding j, its predicate reading i', x: (i, _, j, jb) => ({ kind: 'setFilter', binder: jb, set: { kind: 'setEnum', elements: [I(1)] }, pred: { kind: 'infix', op: '=', left: i, right: j } }), reads: ['i'] },
  { name: 'a filter of a set that reads the variable', x: (_, __, j, jb) => ({ kind: 'setFilter', binder: jb, set: { kind: 'setEnum', elements: [V] }, pred: { kind: 'infix', op: '=', left: j, right: j } }), reads: 'state' },
  { name: 'a filter whose predicate reads the variable', x: (_, __, j, jb) => ({ kind: 'setFilter', binder: jb, set: { kind: 'setEnum', elements: [I(1)] }, pred: { kind: 'infix', op: '=', left: j, right: V } }), reads: 'state' },
  { name: 'a record', x: (i) => ({ kind: 'record', fields: [['a', i]] }), reads: ['i'] },
  { name: 'a record set', x: (i) => ({ kind: 'recordSet', fields: [['a', { kind: 'setEnum', elements: [i] }]] }), reads: ['i'] },
  { name: 'a field', x: (i) => ({ kind: 'field', record: { kind: 'record', fields: [['a', i]] }, name: 'a' }), reads: ['i'] },
  { name: 'an application', x: (i, _, j) => ({ kind: 'apply', fn: i, arg: j }), reads: ['i', 'j'] },
  { name: 'a function set', x: (i, _, j) => ({ kind: 'fnSet', dom: i, rng: j }), reads: ['i', 'j'] },
  { name: 'a function set onto the variable', x: (i) => ({ kind: 'fnSet', dom: i, rng: V }), reads: 'state' },
  { name: 'EXCEPT, even of constants (its values may read @)', x: () => ({ kind: 'except', fn: { kind: 'tuple', elements: [I(1)] }, updates: [{ path: [{ kind: 'index', key: I(1) }], value: I(2) }] }), reads: 'state' },
  { name: 'IF', x: (i, _, j) => ({ kind: 'if', cond: { kind: 'bool', value: true }, then: i, else: j }), reads: ['i', 'j'] },
  { name: 'IF with the variable in its ELSE', x: (i) => ({ kind: 'if', cond: { kind: 'bool', value: true }, then: i, else: V }), reads: 'state' },
  { name: 'CASE with OTHER', x: (i, _, j) => ({ kind: 'case', arms: [[{ kind: 'bool', value: true }, i]], other: j }), reads: ['i', 'j'] },
  { name: 'CASE whose OTHER reads the variable', x: (i) => ({ kind: 'case', arms: [[{ kind: 'bool', value: true }, i]], other: V }), reads: 'state' },
  { name: 'CASE without OTHER', x: (i) => ({ kind: 'case', arms: [[i, I(1)]] }), reads: ['i'] },
  { name: 'a prime', x: () => ({ kind: 'prime', operand: I(1) }), reads: 'state' },
  { name: '@', x: () => ({ kind: 'at' }), reads: 'state' },
  { name: 'a LET', x: () => ({ kind: 'let', name: 'y', value: I(1), body: I(2) }), reads: 'state' },
];

describe('which bound names an expression reads, or that it reads state', () => {
  it.each(rows)('$name: $reads', ({ x, reads }) => {
    const { free, i, j } = analysis();
    const ids = (r: ReadonlySet<number> | null) => (r === null ? 'state' : [...r].map((id) => (id === i.id ? 'i' : id === j.id ? 'j' : `#${id}`)).sort());
    expect(ids(free.of(x(bound(i), i, bound(j), j)))).toEqual(reads);
  });

  it('a node asked about twice is answered the same, and a definition analysed once serves every reference', () => {
    const { free, i } = analysis();
    const x = plus(bound(i), ref('C'));
    expect([...free.of(x)!]).toEqual([i.id]);
    expect([...free.of(x)!]).toEqual([i.id]);
    expect(free.of(ref('C'))).toEqual(new Set());
    expect(free.of(call('P', ref('C')))).toEqual(new Set());
  });
});
