/**
 * Steps by pc (dsl/check/compiled/pc-dispatch.ts): which disjunctions the compiled verifier runs
 * by reading `pc[self]` once. compiled-actions checks that a dispatched disjunction has the same
 * steps as one tried disjunct by disjunct; here, which shapes are dispatched: every process and
 * procedure of every model (else the zswap models are searched step by step, slower and silently),
 * and none whose steps the table could get wrong; and that the compiler asks for the table and
 * runs what it says (a disjunction tried disjunct by disjunct finds the same states, so only a
 * changed table shows the wiring).
 */
import { describe, expect, it, vi } from 'vitest';
import { pcDispatch, stepLabel, type PcDispatch } from '../dsl/check/compiled/pc-dispatch.js';
import { search } from '../dsl/check/compiled/search.js';
import { binder } from '../dsl/ir/nodes.js';
import type * as ir from '../dsl/ir/nodes.js';
import { label, model, plus, range, set, t } from '../dsl/index.js';
import { models } from '../models/index.js';
import { B, bound, call, I, ref, S } from './helpers/ir.js';
import { specOf } from './helpers/compiled-job.js';

// pcDispatch as itself, but a spy: the wiring tests below see what compile.ts asks of it, and
// hand it another table.
vi.mock('../dsl/check/compiled/pc-dispatch.js', async (actual) => {
  const real = await actual<typeof import('../dsl/check/compiled/pc-dispatch.js')>();
  return { ...real, pcDispatch: vi.fn(real.pcDispatch) };
});

/** Process Proc, ids 1..2: `a: x := x + 1; b: x := x + 2`, lowered. */
const lowered = model('P', (b) => {
  const x = b.variable('x', t.int(0, 20), 0);
  b.process('Proc', range(1, 2), {}, () => [label('a'), set(x, plus(x, 1)), label('b'), set(x, plus(x, 2))]);
  b.config('c', { checkDeadlock: false });
}).module;

type Guard = ir.Expr & { kind: 'infix' };
type Conjunction = ir.Expr & { kind: 'and' };
const proc = lowered.definitions.find((d) => d.name === 'Proc')! as ir.Definition & { body: ir.Expr & { kind: 'or' } };
const self = proc.params[0]!;
const step = (name: string) => lowered.actions.find((a) => a.name === name)!;

/** The lowered module's actions and definitions, `change`d; then Proc's disjuncts (or `disjuncts`) dispatched. */
function dispatch(change: (m: { actions: Map<string, ir.Action>; defs: Map<string, ir.Definition> }) => void = () => {}, disjuncts = proc.body.operands) {
  const actions = new Map(lowered.actions.map((a) => [a.name, a]));
  const defs = new Map(lowered.definitions.map((d) => [d.name, d]));
  change({ actions, defs });
  const d = pcDispatch(disjuncts, actions, defs);
  return d && { self: d.self, steps: Object.fromEntries([...d.steps].map(([l, a]) => [l, a.name])) };
}
/** Step `name` with its first conjunct, the pc guard, rewritten by `guard`. */
const withGuard = (name: string, guard: (g: Guard) => ir.Expr) => (m: { actions: Map<string, ir.Action> }) => {
  const a = m.actions.get(name)!, f = a.formula as Conjunction;
  m.actions.set(name, { ...a, formula: { ...f, operands: [guard(f.operands[0] as Guard), ...f.operands.slice(1)] } });
};
const pcOf = (g: Guard) => g.left as ir.Expr & { kind: 'apply' };

describe('a process\'s steps, as lowering writes them, are dispatched', () => {
  it('the lowered Proc: label a runs Proc_a, label b Proc_b, self is its parameter', () => {
    expect(dispatch()).toEqual({ self: bound(self), steps: { a: 'Proc_a', b: 'Proc_b' } });
    expect(dispatch()!.self.binder).toBe(self);
  });
  it('through a step definition passing self on: its steps are the table\'s', () => {
    const outer = binder('o');
    const d = dispatch((m) => m.defs.set('Outer', { ...proc, name: 'Outer', params: [outer], body: { kind: 'or', operands: [call('Proc', bound(outer))] } }), [call('Outer', bound(outer))]);
    expect(d).toEqual({ self: bound(outer), steps: { a: 'Proc_a', b: 'Proc_b' } });
  });
  it('a step\'s label is its own', () => {
    expect(stepLabel(step('Proc_a'))).toBe('a');
    expect(stepLabel(step('Proc_b'))).toBe('b');
  });

  // Every process and procedure of every model: a step definition whose own steps are not all in
  // its table would be tried disjunct by disjunct.
  const withSteps = models.filter((m) => m.module.definitions.some((d) => d.role === 'step'));
  it('the models with processes are found (every zswap variant among them)', () => expect(withSteps.map((m) => m.name).filter((n) => n.startsWith('Zswap')).length).toBe(8));
  it.each(withSteps.map((m) => [m.name, m.module] as const))('%s: every step definition is dispatched, each of its own steps at its label', (_name, module) => {
    const actions = new Map(module.actions.map((a) => [a.name, a]));
    const defs = new Map(module.definitions.map((d) => [d.name, d]));
    for (const d of module.definitions.filter((x) => x.role === 'step')) {
      if (d.body.kind !== 'or') throw new Error(`${d.name} is not a disjunction`);
      const table = pcDispatch(d.body.operands, actions, defs);
      const own = module.actions.filter((a) => a.process === d.name);
      expect(own.length, d.name).toBeGreaterThan(0);
      expect(table, d.name).toBeDefined();
      for (const a of own) expect(table!.steps.get(a.label!), `${d.name}: ${a.name}`).toBe(a);
    }
  });
});

describe('shapes that are not dispatched (tried disjunct by disjunct)', () => {
  const other = binder('q');
  const cases: [name: string, change: Parameters<typeof dispatch>[0], disjuncts?: readonly ir.Expr[]][] = [
    ['no disjunct', undefined, []],
    ['a first disjunct that is not a call', undefined, [B(false), ...proc.body.operands]],
    ['a later disjunct that is not a call', undefined, [...proc.body.operands, B(false)]],
    ['a call with two arguments', undefined, [call('Proc_a', bound(self), bound(self))]],
    ['a call with none', undefined, [call('Proc_a')]],
    ['a later call with two arguments', undefined, [call('Proc_a', bound(self)), call('Proc_b', bound(self), bound(self))]],
    ['a call passing a value, not self', undefined, [call('Proc_a', I(1))]],
    ['a later call passing a value', undefined, [call('Proc_a', bound(self)), call('Proc_b', I(1))]],
    ['a later call passing another bound identifier', undefined, [call('Proc_a', bound(self)), call('Proc_b', bound(other))]],
    ['a name that is neither an action nor a definition', undefined, [call('Proc_a', bound(self)), call('Nowhere', bound(self))]],
    ['a definition that is not a step', (m) => m.defs.set('Helper', { ...proc, name: 'Helper', role: 'helper' }), [call('Helper', bound(self))]],
    ['a step definition with two parameters', (m) => m.defs.set('Two', { ...proc, name: 'Two', params: [self, other] }), [call('Two', bound(self))]],
    ['a step definition that is not a disjunction', (m) => m.defs.set('One', { ...proc, name: 'One', body: call('Proc_a', bound(self)) }), [call('One', bound(self))]],
    ['a step definition passing on another identifier than its parameter', (m) => m.defs.set('Inner', { ...proc, name: 'Inner', params: [other] }), [call('Inner', bound(self))]],
    ['a step definition with a disjunct that is not dispatched', (m) => m.defs.set('Inner', { ...proc, name: 'Inner', body: { kind: 'or', operands: [...proc.body.operands, B(true)] } }), [call('Inner', bound(self))]],
    ['a step without a label', (m) => m.actions.set('Proc_b', { ...step('Proc_b'), label: undefined } as ir.Action)],
    ['a step with two parameters', (m) => m.actions.set('Proc_b', { ...step('Proc_b'), params: [...step('Proc_b').params, ...step('Proc_b').params] })],
    ['a step whose formula is not a conjunction', (m) => m.actions.set('Proc_b', { ...step('Proc_b'), formula: (step('Proc_b').formula as Conjunction).operands[0]! })],
    ['a step whose first conjunct is not its guard', (m) => { const f = step('Proc_b').formula as Conjunction; m.actions.set('Proc_b', { ...step('Proc_b'), formula: { ...f, operands: f.operands.slice(1) } }); }],
    ['a guard pc[self] # "b"', withGuard('Proc_b', (g) => ({ ...g, op: '#' }))],
    ['a guard naming the other label', withGuard('Proc_b', (g) => ({ ...g, right: S('a') }))],
    ['a guard naming a label that is not a string', withGuard('Proc_b', (g) => ({ ...g, right: ref('b') }))],
    ['a guard comparing something other than an application', withGuard('Proc_b', (g) => ({ ...g, left: S('b') }))],
    ['a guard applying something other than a name', withGuard('Proc_b', (g) => ({ ...g, left: { ...pcOf(g), fn: bound(self) } }))],
    ['a guard reading another function than pc', withGuard('Proc_b', (g) => ({ ...g, left: { ...pcOf(g), fn: ref('Q') } }))],
    ['a guard reading a record\'s field named pc', withGuard('Proc_b', (g) => ({ ...g, left: { ...pcOf(g), fn: { kind: 'field', record: ref('r'), name: 'pc' } } }))],
    ['a guard reading pc[1]', withGuard('Proc_b', (g) => ({ ...g, left: { ...pcOf(g), arg: I(1) } }))],
    ['a guard reading pc at another identifier', withGuard('Proc_b', (g) => ({ ...g, left: { ...pcOf(g), arg: bound(other) } }))],
    ['two steps at one label', (m) => { m.actions.set('Proc_b', { ...step('Proc_b'), label: 'a' }); withGuard('Proc_b', (g) => ({ ...g, right: S('a') }))(m); }],
  ];
  it.each(cases)('%s', (_name, change, disjuncts) => {
    expect(dispatch(change, disjuncts)).toBeUndefined();
  });
  it('the calls the cases change are dispatched as written', () => {
    expect(dispatch(undefined, [call('Proc_a', bound(self)), call('Proc_b', bound(self))])).toEqual({ self: bound(self), steps: { a: 'Proc_a', b: 'Proc_b' } });
    expect(dispatch(undefined, [call('Proc', bound(self))])).toEqual({ self: bound(self), steps: { a: 'Proc_a', b: 'Proc_b' } });
  });
});

describe('the compiler steps a dispatched disjunction by its table', () => {
  const spy = vi.mocked(pcDispatch);
  /** The lowered Proc's states and successors, compiled while pcDispatch answers with `table`. */
  async function searched(table: (real: PcDispatch | undefined) => PcDispatch | undefined) {
    const { pcDispatch: real } = await vi.importActual<typeof import('../dsl/check/compiled/pc-dispatch.js')>('../dsl/check/compiled/pc-dispatch.js');
    spy.mockClear();
    spy.mockImplementation((...args) => table(real(...args)));
    try {
      const r = await search(specOf(lowered), { checkDeadlock: false });
      return { distinct: r.distinct, generated: r.generated, asked: spy.mock.calls.length };
    } finally {
      spy.mockImplementation(real);
    }
  }

  it('asks for the table, and runs its steps: what the disjuncts tried one by one find', async () => {
    const dispatched = await searched((d) => d);
    expect(dispatched.asked).toBeGreaterThan(0);
    expect(spy.mock.results.some((r) => r.type === 'return' && (r.value as PcDispatch | undefined)?.steps.size === 2)).toBe(true);
    const tried = await searched(() => undefined);
    // pc of each of two processes in a, b, Done; x the sum of their steps.
    expect({ distinct: dispatched.distinct, generated: dispatched.generated }).toEqual({ distinct: 9, generated: tried.generated });
    expect(tried.distinct).toBe(9);
  });

  it('a label the table leaves out never steps: the table is what runs, not the disjuncts', async () => {
    const withoutB = await searched((d) => d && { ...d, steps: new Map([...d.steps].filter(([l]) => l !== 'b')) });
    // Each process stops at b: pc in {a, b} for each.
    expect(withoutB.distinct).toBe(4);
  });
});
