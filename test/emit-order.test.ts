/**
 * The printer's order of definitions (dsl/emit/order.ts): as given, except that each comes after
 * every definition it uses — a table of orders that need no change and of orders that do.
 */
import { describe, expect, it } from 'vitest';
import { inReferenceOrder, namesUsed, type Printable } from '../dsl/emit/order.js';
import { binder } from '../dsl/ir/nodes.js';
import type * as ir from '../dsl/ir/nodes.js';

/** `A:B,C` is A using B and C. */
const items = (spec: string): Printable[] => spec.split(' ').map((s) => {
  const [name, uses] = s.split(':');
  return { name: name!, uses: new Set(uses ? uses.split(',') : []), print: () => undefined };
});
const order = (spec: string): string => inReferenceOrder(items(spec)).map((i) => i.name).join(' ');

describe('inReferenceOrder', () => {
  const unchanged: [string, string][] = [
    ['no uses', 'A B C'],
    ['each uses one before it', 'A B:A C:B,A'],
    ['a use of a name no item has (a variable, a constant, an operator of the standard modules)', 'A:x,Len B:A'],
    ['one item', 'A'],
  ];
  it.each(unchanged)('%s: as given', (_, spec) => {
    expect(order(spec)).toBe(spec.split(' ').map((s) => s.split(':')[0]).join(' '));
  });

  const moved: [string, string, string][] = [
    ['an action using a definition printed after it', 'Init A:K B K', 'Init K A B'],
    ['what the moved one uses comes with it, ahead of it', 'A:K B K:L L', 'L K A B'],
    ['a helper using an action, which uses a definition after both', 'H:A Init A:K K', 'K A H Init'],
    ['two users of one definition: it moves once, ahead of the first', 'A:K B:K K', 'K A B'],
    ['a cycle (SANY rejects it) ends, each item once', 'A:B B:A C', 'B A C'],
    ['an item using itself stays where it is', 'A:A B', 'A B'],
  ];
  it.each(moved)('%s', (_, spec, want) => {
    expect(order(spec)).toBe(want);
  });

  it('returns the given items, not copies, and leaves the input as it was', () => {
    const given = items('A:K K');
    const out = inReferenceOrder(given);
    expect(out[0]).toBe(given[1]);
    expect(out[1]).toBe(given[0]);
    expect(given.map((i) => i.name)).toEqual(['A', 'K']);
  });
});

describe('namesUsed', () => {
  const ref = (name: string): ir.Expr => ({ kind: 'ref', name });
  const I1: ir.Expr = { kind: 'int', value: 1 };
  const rows: [string, ir.Expr[], string[]][] = [
    ['a name', [ref('K')], ['K']],
    ['an operator called, and the names in its arguments', [{ kind: 'call', op: 'Op', args: [ref('a')] }], ['Op', 'a']],
    ['names deep inside, each once, from every expression given', [{ kind: 'and', operands: [ref('a'), { kind: 'not', operand: ref('b') }] }, ref('a')], ['a', 'b']],
    ['under a quantifier and ENABLED', [{ kind: 'quant', quantifier: '\\E', binder: binder('i'), set: ref('S'), body: { kind: 'builtin', op: 'ENABLED', args: [ref('A')] } }], ['S', 'A']],
    ["an instance's operator: the instance", [ref('I!Small'), { kind: 'call', op: 'J!Op', args: [] }], ['I', 'J']],
    ['a name a LET binds is no use inside its body', [{ kind: 'let', name: 'L', value: ref('a'), body: { kind: 'and', operands: [ref('L'), { kind: 'call', op: 'L', args: [] }] } }], ['a']],
    ['in its value, and beside it, the same name is a use', [{ kind: 'let', name: 'M', value: ref('M'), body: ref('M') }, ref('L'), { kind: 'let', name: 'L', value: I1, body: ref('L') }], ['M', 'L']],
    ['literals, bound names and UNCHANGED use none', [{ kind: 'int', value: 1 }, { kind: 'bound', binder: binder('i') }, { kind: 'unchanged', names: ['y'] }], []],
  ];
  it.each(rows)('%s', (_, exprs, want) => {
    expect([...namesUsed(...exprs)].sort()).toEqual([...want].sort());
  });
});
