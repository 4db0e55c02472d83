/**
 * An action's items as one formula (dsl/lower/actions.ts), on hand-built IR: guards and
 * assignments in the order written, `UNCHANGED` for what the action leaves alone — per branch of
 * an `either` — and the generated `Assert`; and `assignedBy`, which finds the double assignments
 * rule ZT010 reports, with the first assignment's location. Formulas are compared as the TLA+
 * the printer makes of them, which is what TLC reads.
 */
import { describe, expect, it } from 'vitest';
import type * as ir from '../dsl/ir/nodes.js';
import { binder } from '../dsl/ir/nodes.js';
import { ExprPrinter, Scope } from '../dsl/emit/expr.js';
import { Writer } from '../dsl/emit/writer.js';
import { actionFormula, assignedBy } from '../dsl/lower/actions.js';

const VARS = ['x', 'y', 'z'];
let line = 0;
/** Each item on its own DSL line, so a location says which item it is. */
const at = (): ir.SourceLoc => ({ file: 'models/m.ts', line: ++line, col: 5 });
const ref = (name: string): ir.Expr => ({ kind: 'ref', name });
const int = (value: number): ir.Expr => ({ kind: 'int', value });
const guard = (cond: ir.Expr): ir.Guard => ({ kind: 'guard', cond, loc: at() });
const set = (variable: string, value: number): ir.Assign => ({ kind: 'assign', variable, value: int(value), loc: at() });
const either = (...alts: ir.ActionItem[][]): ir.ActionItem => ({ kind: 'either', alts, loc: at() });
const gt0 = (name: string): ir.Expr => ({ kind: 'infix', op: '>', left: ref(name), right: int(0) });

function tla(e: ir.Expr): string {
  const w = new Writer();
  new ExprPrinter(w, 'A', new Scope(new Set(VARS))).inline(e, 0);
  return w.toString();
}

const action = (body: ir.ActionItem[]): ir.ActionDecl => ({ name: 'A', params: [], body, fairness: 'none', loc: at() });
const formula = (body: ir.ActionItem[], variables = VARS) => tla(actionFormula(action(body), variables));

describe('actionFormula', () => {
  it.each<[string, () => ir.ActionItem[], string]>([
    ['guards and assignments in the order written, the rest UNCHANGED', () => [set('y', 1), guard(gt0('x')), set('x', 2)], "y' = 1 /\\ x > 0 /\\ x' = 2 /\\ UNCHANGED z"],
    ['every variable assigned: no UNCHANGED', () => [set('x', 1), set('y', 1), set('z', 1)], "x' = 1 /\\ y' = 1 /\\ z' = 1"],
    ['nothing assigned: every variable UNCHANGED, in declaration order', () => [guard(gt0('z'))], 'z > 0 /\\ UNCHANGED <<x, y, z>>'],
    ['an empty action', () => [], 'UNCHANGED <<x, y, z>>'],
    ['each alternative leaves UNCHANGED what another assigns', () => [either([set('x', 1)], [set('y', 2)], [guard(gt0('x'))])],
      "((x' = 1 /\\ UNCHANGED y) \\/ (y' = 2 /\\ UNCHANGED x) \\/ (x > 0 /\\ UNCHANGED <<x, y>>)) /\\ UNCHANGED z"],
    ['alternatives that assign the same variables need no padding', () => [either([set('x', 1)], [set('x', 2)])], "(x' = 1 \\/ x' = 2) /\\ UNCHANGED <<y, z>>"],
    ['an assignment before the either counts for the whole action', () => [set('z', 0), either([set('x', 1)], [set('y', 1)])],
      "z' = 0 /\\ ((x' = 1 /\\ UNCHANGED y) \\/ (y' = 1 /\\ UNCHANGED x))"],
    ['an either nested in an alternative pads its own alternatives', () => [either([either([set('x', 1)], [set('y', 1)])], [set('z', 1)])],
      "(((x' = 1 /\\ UNCHANGED y) \\/ (y' = 1 /\\ UNCHANGED x)) /\\ UNCHANGED z) \\/ (z' = 1 /\\ UNCHANGED <<x, y>>)"],
  ])('%s', (_, body, text) => {
    expect(formula(body())).toBe(text);
  });

  it('a with is \\E over its items, which count as assigned', () => {
    const k = binder('k');
    const w: ir.ActionItem = { kind: 'with', binder: k, set: ref('S'), body: [guard({ kind: 'infix', op: '\\in', left: { kind: 'bound', binder: k }, right: ref('S') }), set('x', 1)], loc: at() };
    expect(formula([w])).toBe("(\\E k \\in S : k \\in S /\\ x' = 1) /\\ UNCHANGED <<y, z>>");
    expect(actionFormula(action([w]), VARS)).toMatchObject({ operands: [{ kind: 'quant', loc: w.loc }, { kind: 'unchanged' }] });
  });

  it('an assert is TLC\'s Assert, switched off by naming it in AssertsOff', () => {
    const item: ir.AssertItem = { kind: 'assert', name: 'Safe', cond: gt0('x'), loc: at() };
    expect(formula([item, set('x', 1)])).toBe("Assert(\"Safe\" \\notin AssertsOff => x > 0, \"Safe\") /\\ x' = 1 /\\ UNCHANGED <<y, z>>");
    // The call carries the assert's location: a failing Assert is reported on its DSL line.
    expect(actionFormula(action([item]), VARS)).toMatchObject({ operands: [{ kind: 'call', op: 'Assert', loc: item.loc }, { kind: 'unchanged' }] });
  });

  it('an assignment and an either keep their DSL locations', () => {
    const s = set('x', 1);
    const e = either([set('y', 1)], [set('y', 2)]);
    const f = actionFormula(action([s, e]), VARS) as Extract<ir.Expr, { kind: 'and' }>;
    expect(f.operands.map((o) => o.loc)).toEqual([s.loc, e.loc, undefined]);
  });
});

describe('assignedBy: where each variable is first assigned, and every second assignment', () => {
  const twice = (items: ir.ActionItem[]) => {
    const found: [number, number][] = [];
    const first = assignedBy(items, (again, firstAt) => found.push([again.loc.line, firstAt.line]));
    return { found, first: Object.fromEntries([...first].map(([v, l]) => [v, l.line])) };
  };

  it('two assignments on one path: the second, with the first\'s location', () => {
    const a = set('x', 1);
    const b = set('x', 2);
    expect(twice([a, guard(gt0('y')), b])).toEqual({ found: [[b.loc.line, a.loc.line]], first: { x: a.loc.line } });
  });

  it('alternatives of an either are separate paths', () => {
    const a = set('x', 1);
    const b = set('x', 2);
    expect(twice([either([a], [b])])).toEqual({ found: [], first: { x: a.loc.line } });
  });

  it('after an either, a variable any alternative assigns is assigned', () => {
    const a = set('x', 1);
    const after = set('x', 3);
    expect(twice([either([guard(gt0('x'))], [a]), after]).found).toEqual([[after.loc.line, a.loc.line]]);
  });

  it('an assignment before an either clashes with one in an alternative', () => {
    const before = set('y', 0);
    const inAlt = set('y', 1);
    expect(twice([before, either([set('x', 1)], [inAlt])])).toEqual({ found: [[inAlt.loc.line, before.loc.line]], first: { y: before.loc.line, x: expect.any(Number) } });
  });

  it('after an either the first alternative that assigns a variable gives its location', () => {
    const first = set('x', 1);
    const second = set('x', 2);
    expect(twice([either([set('y', 1)], [first], [second])]).first).toEqual({ y: expect.any(Number), x: first.loc.line });
  });

  it('assignments inside a with count on the path', () => {
    const inside = set('x', 1);
    const after = set('x', 2);
    const w: ir.ActionItem = { kind: 'with', binder: binder('k'), set: ref('S'), body: [inside], loc: at() };
    expect(twice([w, after]).found).toEqual([[after.loc.line, inside.loc.line]]);
  });

  it('without a listener, double assignments are only counted once', () => {
    const a = set('x', 1);
    expect([...assignedBy([a, set('x', 2)])]).toEqual([['x', a.loc]]);
  });
});
