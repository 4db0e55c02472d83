/**
 * The fuzz reducer's one-step simplifications (scripts/bench/reduce.ts) reach into the newer forms:
 * a CASE's arms, a LET's body, a CHOOSE's default, the element an item adds, and a record's
 * initial choices. A disagreement involving them is saved small.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../dsl/compile.js';
import { SpanResolver } from '../dsl/map/spans.js';
import { buildFuzzModel, evaluate, type ExprD, type FuzzModelD } from '../scripts/bench/fuzz-model.js';
import { simplifications } from '../scripts/bench/reduce.js';

const lit = (v: boolean | number): ExprD => ({ k: 'lit', v });
const base: FuzzModelD = {
  name: 'Fuzz_reduce', p: 2, symmetry: false, check: { k: 'inv', inv: 0 },
  vars: [
    { name: 'x1', sort: { k: 'set', elem: { k: 'int', lo: 0, hi: 2 } }, init: { k: 'value', items: [] } },
    { name: 'x2', sort: { k: 'rec', f: { k: 'int', lo: 0, hi: 2 }, g: { k: 'bool' } }, init: { k: 'in', fieldChoices: { f: [0, 1], g: [true, false] } } },
  ],
  actions: [{ name: 'Act1', param: false, items: [{ k: 'add', v: 'x1', e: { k: 'plus', a: lit(1), b: lit(1) } }] }],
  invariants: [{
    k: 'case',
    arms: [[{ k: 'not', a: lit(false) }, { k: 'le', a: { k: 'card', v: 'x1' }, b: lit(2) }]],
    other: { k: 'let', name: 'lv1', e: lit(1), body: { k: 'ge', a: { k: 'chooseOr', v: 'x1', op: 'neq', e: lit(0), d: lit(2) }, b: lit(0) } },
  }],
};
const all = [...simplifications(base)];
const has = (pred: (d: FuzzModelD) => boolean) => all.some(pred);

describe('fuzz reducer: the newer forms', () => {
  it('a CASE becomes its OTHER or an arm\'s value, and each arm\'s parts are simplified', () => {
    const inv = base.invariants[0]! as Extract<ExprD, { k: 'case' }>;
    expect(has((d) => JSON.stringify(d.invariants[0]) === JSON.stringify(inv.other))).toBe(true);
    expect(has((d) => JSON.stringify(d.invariants[0]) === JSON.stringify(inv.arms[0]![1]))).toBe(true);
    expect(has((d) => { const c = d.invariants[0]!; return c.k === 'case' && JSON.stringify(c.arms[0]![0]) === JSON.stringify(lit(false)); })).toBe(true);
  });
  it('a LET becomes its body, a CHOOSE its default, Cardinality a 0', () => {
    const other = (d: FuzzModelD) => { const c = d.invariants[0]!; return c.k === 'case' ? c.other : undefined; };
    expect(has((d) => other(d)?.k === 'ge')).toBe(true);
    expect(has((d) => { const o = other(d); return o?.k === 'let' && o.body.k === 'ge' && JSON.stringify(o.body.a) === JSON.stringify(lit(2)); })).toBe(true);
    expect(has((d) => { const c = d.invariants[0]!; return c.k === 'case' && c.arms[0]![1].k === 'le' && JSON.stringify(c.arms[0]![1].a) === JSON.stringify(lit(0)); })).toBe(true);
  });
  it('the element an item adds is simplified; a record\'s initial choices shrink to one each', () => {
    expect(has((d) => { const it = d.actions[0]?.items[0]; return it?.k === 'add' && JSON.stringify(it.e) === JSON.stringify(lit(1)); })).toBe(true);
    expect(has((d) => JSON.stringify(d.vars[1]?.init.fieldChoices) === JSON.stringify({ f: [0], g: [true] }))).toBe(true);
  });
  it('a CASE with no OTHER becomes its last arm\'s value or an arm\'s; a simplified condition keeps it total', () => {
    const total: ExprD = { k: 'caseTotal', arms: [[{ k: 'not', a: lit(false) }, lit(true)]], other: { k: 'le', a: { k: 'card', v: 'x1' }, b: lit(2) } };
    const ds = [...simplifications({ ...base, invariants: [total] })];
    const inv = (d: FuzzModelD) => JSON.stringify(d.invariants[0]);
    expect(ds.some((d) => inv(d) === JSON.stringify(total.other))).toBe(true);
    expect(ds.some((d) => inv(d) === JSON.stringify(lit(true)))).toBe(true);
    // The last arm's condition is derived from the others, so a smaller condition leaves no gap:
    // with the first arm's condition FALSE, the last arm holds (~FALSE) and the model evaluates.
    const gap = ds.find((d) => { const c = d.invariants[0]!; return c.k === 'caseTotal' && JSON.stringify(c.arms[0]![0]) === JSON.stringify(lit(false)); });
    expect(gap).toBeDefined();
    expect(evaluate(gap!).problem).toBeUndefined();
    expect(compile(buildFuzzModel(gap!), new SpanResolver()).files.get(`${gap!.name}.tla`)).toMatch(/CASE FALSE -> TRUE \[\] ~FALSE -> Cardinality\(x1\) <= 2/);
  });
});
