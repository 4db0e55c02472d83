/**
 * What the compiled verifier makes of a module's properties, invariants and fairness
 * (dsl/check/compiled/compile.ts, `spec` to `varsRead`): each temporal shape split into step
 * checks, implied invariants or the lassos liveness.ts looks for — each predicate evaluated on a
 * row of states so a swapped or negated part shows — the shapes it refuses (with the message
 * that names the property), `\A` over a constant set expanded once per value, invariant
 * conjuncts remembered by the one to four variables they read, and the fairness compiled only for liveness.
 * Properties are IR written by hand on a two-variable module; everything compiles per test.
 */
import { describe, expect, it } from 'vitest';
import { type CompiledSpec, type Env, type Eval, type GoalSpec } from '../dsl/check/compiled/compile.js';
import { show, type Value } from '../dsl/check/compiled/values.js';
import { binder } from '../dsl/ir/nodes.js';
import type * as ir from '../dsl/ir/nodes.js';
import { model, plus, set, t } from '../dsl/index.js';
import { specOf } from './helpers/compiled-job.js';
import { and, B, bi, call, def, I, ints, op, primed, ref, set_, tup, V, withB } from './helpers/ir.js';

const W = ref('w');
const always = (x: ir.Expr) => bi('[]', x);
const eventually = (x: ir.Expr) => bi('<>', x);
const box = (action: ir.Expr, sub?: ir.Expr): ir.Expr => ({ kind: 'boxAction', action, ...(sub ? { sub } : {}) });
const forall = (hint: string, s: ir.Expr, body: (x: ir.Expr) => ir.Expr): ir.Expr => withB(hint, (b, x) => ({ kind: 'quant', quantifier: '\\A', binder: b, set: s, body: body(x) }));
const fair = (action: ir.Expr, strong = false): ir.Expr => ({ kind: 'fair', strong, action });

/** Module `P`: variables v and w (0..9, from 0), action `Step` (v' = v + 1), config `c`. */
const moduleP = () => model('P', (b) => {
  const v = b.variable('v', t.int(0, 9), 0);
  b.variable('w', t.int(0, 9), 0);
  b.action('Step', {}, () => [set(v, plus(v, 1))]);
  b.config('c', { checkDeadlock: false });
}).module;

/** Module `P` with its config changed by `config`, `defs` added as helper definitions (a property is named by its definition). */
function compiled(defs: Record<string, ir.Expr | { params: ir.Binder[]; body: ir.Expr }>, config: Partial<ir.Config> = {}, more: Partial<ir.Module> = {}): CompiledSpec {
  const m = moduleP();
  const definitions = Object.entries(defs).map(([name, d]): ir.Definition => ({ ...('params' in d ? def(name, d.body, d.params) : def(name, d)), role: 'helper', loc: m.loc }));
  const module: ir.Module = { ...m, ...more, definitions: [...m.definitions, ...definitions], configs: [{ ...m.configs[0]!, ...config }] };
  return specOf(module);
}

/** The error `compiled` throws, as `ClassName: message`. */
function refused(defs: Parameters<typeof compiled>[0], config: Partial<ir.Config> = {}, more: Partial<ir.Module> = {}): string {
  try {
    compiled(defs, config, more);
  } catch (err) {
    return `${(err as Error).constructor.name}: ${(err as Error).message}`;
  }
  return 'compiled';
}

/** `f` in the state v, w (old state; `next` the new one, for a step). */
function at(spec: CompiledSpec, f: Eval, [v, w]: [number, number], next?: [number, number]): Value {
  const e: Env = spec.newEnv();
  e.s = [v, w];
  if (next) e.n = [...next];
  return f(e);
}
/** The values of v in 0..4 (w = 0) where `f` holds: a state predicate as a row. */
const row = (spec: CompiledSpec, f: Eval) => [0, 1, 2, 3, 4].filter((v) => at(spec, f, [v, 0]) === true).join('');
/** A goal with each predicate as its row. */
const goal = (spec: CompiledSpec, g: GoalSpec) => ({
  start: typeof g.start === 'string' ? g.start : row(spec, g.start),
  within: g.within.map((f) => row(spec, f)),
  visits: g.visits.map((f) => row(spec, f)),
});
const goals = (spec: CompiledSpec) => spec.liveness.map((l) => ({ name: l.name, goals: l.goals.map((g) => goal(spec, g)) }));
/** Every step v -> v' (v, v' in 0..3, w unchanged at 0) that `f` allows, as `vv'`. */
const steps = (spec: CompiledSpec, f: Eval) => [0, 1, 2, 3].flatMap((v) => [0, 1, 2, 3].filter((n) => at(spec, f, [v, 0], [n, 0]) === true).map((n) => `${v}${n}`)).join(' ');

const vAbove1 = op('>', V, I(1));
const vBelow3 = op('<', V, I(3));

describe('property shapes', () => {
  it('[]P of a state predicate: an implied invariant named after the property', () => {
    const s = compiled({ Prop: always(vBelow3) }, { properties: ['Prop'] });
    expect(s.impliedInvariants.map((i) => [i.name, i.conjuncts.map((c) => row(s, c.check))])).toEqual([['Prop', ['012']]]);
    expect([s.actionProperties, s.liveness]).toEqual([[], []]);
    // [](P => Q) without <> is one too.
    const i = compiled({ Prop: always(op('=>', vAbove1, vBelow3)) }, { properties: ['Prop'] });
    expect(i.impliedInvariants.map((x) => [x.name, x.conjuncts.map((c) => row(i, c.check))])).toEqual([['Prop', ['012']]]);
  });
  it('<>P: a lasso from an initial state that never meets P', () => {
    const s = compiled({ Prop: eventually(vAbove1) }, { properties: ['Prop'] });
    expect(goals(s)).toEqual([{ name: 'Prop', goals: [{ start: 'init', within: ['01'], visits: [] }] }]);
    expect([s.actionProperties, s.impliedInvariants]).toEqual([[], []]);
  });
  it('[]<>P: a cycle anywhere that stays out of P', () => {
    const s = compiled({ Prop: always(eventually(vAbove1)) }, { properties: ['Prop'] });
    expect(goals(s)).toEqual([{ name: 'Prop', goals: [{ start: 'any', within: ['01'], visits: [] }] }]);
  });
  it('<>[]P: a cycle anywhere that visits a state outside P', () => {
    const s = compiled({ Prop: eventually(always(vAbove1)) }, { properties: ['Prop'] });
    expect(goals(s)).toEqual([{ name: 'Prop', goals: [{ start: 'any', within: [], visits: ['01'] }] }]);
  });
  it('P ~> Q and [](P => <>Q): from a state with P and not Q, a lasso that never meets Q', () => {
    const expected = [{ name: 'Prop', goals: [{ start: '0', within: ['01'], visits: [] }] }];
    const p = op('<', V, I(1)), q = vAbove1;
    expect(goals(compiled({ Prop: op('~>', p, q) }, { properties: ['Prop'] }))).toEqual(expected);
    expect(goals(compiled({ Prop: always(op('=>', p, eventually(q))) }, { properties: ['Prop'] }))).toEqual(expected);
    // Q already holding where P does: no start there.
    for (const prop of [op('~>', vBelow3, vAbove1), always(op('=>', vBelow3, eventually(vAbove1)))]) {
      expect(goals(compiled({ Prop: prop }, { properties: ['Prop'] }))).toEqual([{ name: 'Prop', goals: [{ start: '01', within: ['01'], visits: [] }] }]);
    }
    expect(goals(compiled({ Prop: op('~>', vAbove1, op('>', V, I(0))) }, { properties: ['Prop'] }))).toEqual([{ name: 'Prop', goals: [{ start: '', within: ['0'], visits: [] }] }]);
  });
  it('F => G over []<> and <>[]: F\'s recurrence kept, G\'s negated, each in its place', () => {
    const p = vAbove1, q = vBelow3;
    const of = (f: ir.Expr, g: ir.Expr) => goals(compiled({ Prop: op('=>', f, g) }, { properties: ['Prop'] }))[0]!.goals;
    expect(of(always(eventually(p)), always(eventually(q)))).toEqual([{ start: 'any', within: ['34'], visits: ['234'] }]);
    expect(of(eventually(always(p)), eventually(always(q)))).toEqual([{ start: 'any', within: ['234'], visits: ['34'] }]);
    expect(of(always(eventually(p)), eventually(always(q)))).toEqual([{ start: 'any', within: [], visits: ['234', '34'] }]);
    expect(of(eventually(always(p)), always(eventually(q)))).toEqual([{ start: 'any', within: ['234', '34'], visits: [] }]);
  });
  it('[][A]_sub: A or the subscript unchanged, on every step', () => {
    const grow = op('=', primed(V), op('+', V, I(1)));
    const of = (sub?: ir.Expr) => { const s = compiled({ Prop: box(grow, sub) }, { properties: ['Prop'] }); return s.actionProperties.map((p) => [p.name, p.steps.map((f) => steps(s, f))]); };
    expect(of()).toEqual([['Prop', ['00 01 11 12 22 23 33']]]);
    expect(of(ref('vars'))).toEqual([['Prop', ['00 01 11 12 22 23 33']]]);
    expect(of(tup(V, W))).toEqual([['Prop', ['00 01 11 12 22 23 33']]]);
    // A subscript of w alone: v may change as it likes while w stays.
    expect(of(W)).toEqual([['Prop', ['00 01 02 03 10 11 12 13 20 21 22 23 30 31 32 33']]]);
    // With w changing, only A allows the step (the whole vars subscript), or nothing (w's).
    const s = compiled({ Prop: box(grow) }, { properties: ['Prop'] });
    expect([at(s, s.actionProperties[0]!.steps[0]!, [1, 0], [2, 5]), at(s, s.actionProperties[0]!.steps[0]!, [1, 0], [1, 5])]).toEqual([true, false]);
    const sw = compiled({ Prop: box(grow, tup(W)) }, { properties: ['Prop'] });
    expect([at(sw, sw.actionProperties[0]!.steps[0]!, [1, 0], [2, 5]), at(sw, sw.actionProperties[0]!.steps[0]!, [1, 0], [3, 5])]).toEqual([true, false]);
  });
  it('a subscript other than variables is refused', () => {
    const grow = op('=', primed(V), op('+', V, I(1)));
    const msg = 'Unsupported: property Prop: a subscript other than variables';
    expect(refused({ Prop: box(grow, ref('x')) }, { properties: ['Prop'] })).toBe(msg);
    expect(refused({ Prop: box(grow, tup(V, I(1))) }, { properties: ['Prop'] })).toBe(msg);
    expect(refused({ Prop: box(grow, op('+', V, I(1))) }, { properties: ['Prop'] })).toBe(msg);
  });
  it('a conjunction of shapes: each part where it belongs, all named after the property', () => {
    const grow = op('=', primed(V), op('+', V, I(1)));
    const s = compiled({ Prop: and(box(grow), always(vBelow3), eventually(vAbove1), always(op('<', W, I(9)))) }, { properties: ['Prop'] });
    expect(s.actionProperties.map((p) => [p.name, p.steps.length])).toEqual([['Prop', 1]]);
    expect(s.impliedInvariants.map((p) => [p.name, p.conjuncts.map((c) => row(s, c.check))])).toEqual([['Prop', ['012', '01234']]]);
    expect(goals(s)).toEqual([{ name: 'Prop', goals: [{ start: 'init', within: ['01'], visits: [] }] }]);
  });
  it('through parameterless definitions, and \\A over a constant set once per value (outer first)', () => {
    const s = compiled({
      Below: vBelow3,
      Prop: and(always(ref('Below')), forall('i', ints(1, 2), (i) => forall('j', set_(I(0), I(2)), (j) => always(op('#', V, op('+', i, j)))))),
    }, { properties: ['Prop'] });
    expect(s.impliedInvariants[0]!.conjuncts.map((c) => row(s, c.check))).toEqual(['012', '0234', '0124', '0134', '0123']);
    const live = compiled({ Prop: forall('i', set_(I(3), I(1)), (i) => eventually(op('=', V, i))) }, { properties: ['Prop'] });
    expect(goals(live)[0]!.goals).toEqual([{ start: 'init', within: ['0234'], visits: [] }, { start: 'init', within: ['0124'], visits: [] }]);
    const box1 = compiled({ Prop: forall('i', set_(I(1), I(2)), (i) => box(op('#', primed(V), i))) }, { properties: ['Prop'] });
    expect(box1.actionProperties[0]!.steps.map((f) => steps(box1, f))).toEqual(['00 02 03 10 11 12 13 20 22 23 30 32 33', '00 01 03 10 11 13 20 21 22 23 30 31 33']);
  });
  it('several properties: each its own entry, in the config\'s order', () => {
    const s = compiled({ A: always(vBelow3), B: always(vAbove1), C: eventually(vAbove1), D: always(eventually(vBelow3)) }, { properties: ['B', 'D', 'A', 'C'] });
    expect(s.impliedInvariants.map((i) => i.name)).toEqual(['B', 'A']);
    expect(s.liveness.map((i) => i.name)).toEqual(['D', 'C']);
  });
});

describe('refused properties: named, never passed', () => {
  const generic = 'the compiled backend checks [][A]_v, []P, <>P, []<>P, <>[]P, P ~> Q and F => G of []<>/<>[] (of state predicates), and /\\ and \\A of these; use --backend tlc';
  const step = op('=', primed(V), I(1));
  it.each<[string, ir.Expr]>([
    ['a state predicate alone', vAbove1],
    ['[] of an action', always(step)],
    ['<> of an action', eventually(step)],
    ['[][]P', always(always(vAbove1))],
    ['<><>P', eventually(eventually(vAbove1))],
    ['[]<> of an action', always(eventually(step))],
    ['<>[] of an action', eventually(always(step))],
    ['[](P => <>Q) with an action', always(op('=>', step, eventually(vBelow3)))],
    ['[](P => <>Q) with an action after <>', always(op('=>', vAbove1, eventually(step)))],
    ['P ~> Q of an action', op('~>', step, vBelow3)],
    ['P ~> Q of an action on the right', op('~>', vBelow3, step)],
    ['F => G with a state predicate', op('=>', always(eventually(vAbove1)), vBelow3)],
    ['F => G with a state predicate on the left', op('=>', vBelow3, always(eventually(vAbove1)))],
    ['F => G with <> alone', op('=>', eventually(vBelow3), always(eventually(vAbove1)))],
    ['F => G with []<> of an action', op('=>', always(eventually(step)), always(eventually(vAbove1)))],
    ['F => G with <><>', op('=>', eventually(eventually(vAbove1)), always(eventually(vBelow3)))],
    ['F => G with [][]', op('=>', always(always(vAbove1)), always(eventually(vBelow3)))],
    ['F <=> G', op('<=>', always(eventually(vAbove1)), always(eventually(vBelow3)))],
    ['[](P <=> <>Q)', always(op('<=>', vAbove1, eventually(vBelow3)))],
    ['[](P => []Q)', always(op('=>', vAbove1, always(vBelow3)))],
    ['\\E over properties', withB('i', (b, i) => ({ kind: 'quant', quantifier: '\\E', binder: b, set: set_(I(1)), body: always(op('#', V, i)) }))],
    ['[] of an action called by name', always(call('Step'))],
    ['[] of UNCHANGED', always({ kind: 'unchanged', names: ['v'] })],
    ['[] of a definition with a prime', always(ref('Primed'))],
    ['an undefined name', ref('Nowhere')],
    ['an operator with parameters', call('Param', I(1))],
    ['ENABLED', always(bi('ENABLED', step))],
    ['a disjunction', { kind: 'or', operands: [always(vAbove1), always(vBelow3)] }],
    ['a state predicate under a builtin (Head(<<P>>))', bi('Head', tup(vAbove1))],
  ])('%s', (_, x) => {
    expect(refused({ Prop: x, Param: vAbove1, Primed: op('=', primed(V), V) }, { properties: ['Prop'] })).toBe(`Unsupported: temporal property Prop: ${generic}`);
  });
  it('a property of another module (INSTANCE): refinement is TLC\'s', () => {
    expect(refused({ Prop: ref('Abs!Spec') }, { properties: ['Prop'] })).toBe('Unsupported: temporal property Prop: it refers to Abs!Spec, another model\'s module (INSTANCE); refinement is checked by TLC only so far; use --backend tlc');
  });
  it('\\A over a set that depends on the state', () => {
    const msg = 'Unsupported: temporal property Prop: a \\A over a set that depends on the state; use --backend tlc';
    expect(refused({ Prop: forall('i', set_(V), (i) => always(op('#', V, i))) }, { properties: ['Prop'] })).toBe(msg);
    expect(refused({ S: set_(W), Prop: forall('i', ref('S'), (i) => always(op('#', V, i))) }, { properties: ['Prop'] })).toBe(msg);
    expect(refused({ Prop: forall('i', set_(primed(V)), (i) => always(op('#', V, i))) }, { properties: ['Prop'] })).toBe(msg);
    // A set of another bound identifier's values is constant: expanded under the outer binding.
    const s = compiled({ Prop: forall('i', set_(I(1), I(2)), (i) => forall('j', set_(i), (j) => always(op('#', V, j)))) }, { properties: ['Prop'] });
    expect(s.impliedInvariants[0]!.conjuncts.map((c) => row(s, c.check))).toEqual(['0234', '0134']);
  });
  it('a state predicate is one that no temporal operator, ENABLED, ~>, WF or [][A] reaches, through definitions too', () => {
    const msg = `Unsupported: temporal property Prop: ${generic}`;
    for (const inner of [eventually(vAbove1), always(vAbove1), bi('ENABLED', vAbove1), op('~>', vAbove1, vAbove1), fair(ref('Step')), box(ref('Step'))]) {
      expect(refused({ T: inner, Prop: always(and(ref('T'), vAbove1)) }, { properties: ['Prop'] })).toBe(msg);
      expect(refused({ T: inner, Prop: always(op('=>', vAbove1, ref('T'))) }, { properties: ['Prop'] })).toBe(msg);
    }
    // An operator with parameters whose body is temporal, called: not a state predicate either.
    const x = binder('x');
    expect(refused({ T: { params: [x], body: eventually(op('>', { kind: 'bound', binder: x }, I(1))) }, Prop: always(call('T', V)) }, { properties: ['Prop'] })).toBe(msg);
    // A built-in operator that is not temporal keeps it one.
    const card = compiled({ Prop: always(op('=', bi('Cardinality', set_(V, I(1))), I(2))) }, { properties: ['Prop'] });
    expect(card.impliedInvariants[0]!.conjuncts.map((c) => row(card, c.check))).toEqual(['0234']);
    // A definition with parameters read through a call, and one reached twice: still a state predicate.
    const s = compiled({ Above: op('>', V, I(1)), Both: and(ref('Above'), ref('Above')), Prop: always(ref('Both')) }, { properties: ['Prop'] });
    expect(s.impliedInvariants[0]!.conjuncts.map((c) => row(s, c.check))).toEqual(['234']);
  });
});

describe('invariants, constraints, covers, symmetry', () => {
  /** Each invariant as its name and conjuncts, a conjunct as its row and (after `@`) the variables it is remembered by. */
  const invariants = (s: CompiledSpec) => s.invariants.map((i) => [i.name, ...i.conjuncts.map((c) => `${row(s, c.check)}${c.vars === undefined ? '' : `@${c.vars.map((i) => s.varNames[i]).join('+')}`}`)]);
  it('TypeOK first, one conjunct per variable, each remembered by its variable; then the config\'s, split at their top /\\', () => {
    const s = compiled({ Inv: and(vBelow3, op('<', W, I(1)), op('<', V, op('+', W, I(2)))), One: vAbove1 }, { invariants: ['One', 'Inv'] });
    expect(invariants(s)).toEqual([['TypeOK', '01234@v', '01234@w'], ['One', '234@v'], ['Inv', '012@v', '01234@w', '01@v+w']]);
    // A variable's own TypeOK conjunct, where it has one, instead of its sort's.
    const own = compiled({}, {}, { variables: moduleP().variables.map((v) => (v.name === 'v' ? { ...v, typeInvariant: vBelow3 } : v)) });
    expect(invariants(own)).toEqual([['TypeOK', '012@v', '01234@w']]);
  });
  it('a config that switches TypeOK off has none; one naming an invariant the module does not define is refused, never ignored', () => {
    expect(invariants(compiled({}, { checkTypeOk: false }))).toEqual([]);
    expect(invariants(compiled({}, { checkTypeOk: true })).map(([n]) => n)).toEqual(['TypeOK']);
    expect(refused({}, { invariants: ['Missing'] })).toMatch(/^Unsupported: .*unknown name Missing/);
  });
  it('a module without variables has no TypeOK', () => {
    const s = specOf(model('Z', (b) => b.config('c', { checkDeadlock: false })).module);
    expect([s.varNames, s.invariants]).toEqual([[], []]);
  });
  it('a conjunction with a source location is one conjunct (the author wrote it as one)', () => {
    const loc = { file: 'm.ts', line: 3, col: 1 } as ir.SourceLoc;
    const s = compiled({ Inv: { ...and(vBelow3, vAbove1), loc } as ir.Expr }, { invariants: ['Inv'] });
    expect(invariants(s)[1]).toEqual(['Inv', '2@v']);
  });
  it('the variables a conjunct reads, through definitions, operator arguments and Assert', () => {
    const s = compiled({
      ReadsW: op('<', W, I(5)),
      ViaDef: ref('ReadsW'),
      Twice: and(ref('ReadsW'), op('<', ref('W2'), I(9))),
      W2: W,
      Checked: call('Assert', op('<', V, I(9)), { kind: 'str', value: 'small' }),
      NoVars: B(true),
      Inv: and(ref('ViaDef'), ref('Twice'), ref('Checked'), ref('NoVars'), op('=', ref('ViaDef'), op('<', V, I(9)))),
    }, { invariants: ['Inv'] });
    expect(invariants(s)[1]).toEqual(['Inv', '01234@w', '01234@w', '01234@v', '01234', '01234@w+v']);
  });
  it('`@` in an EXCEPT reads nothing but its function: the conjunct is remembered by that variable, and [] over it is an invariant', () => {
    // [<<v>> EXCEPT ![1] = @ + 1][1] > 2, that is v + 1 > 2.
    const bumped: ir.Expr = { kind: 'apply', fn: { kind: 'except', fn: tup(V), updates: [{ path: [{ kind: 'index', key: I(1) }], value: op('+', { kind: 'at' }, I(1)) }] }, arg: I(1) };
    const s = compiled({ Inv: and(op('>', bumped, I(2)), vBelow3), Prop: always(op('>', bumped, I(2))) }, { invariants: ['Inv'], properties: ['Prop'] });
    expect(invariants(s)[1]).toEqual(['Inv', '234@v', '012@v']);
    expect(s.impliedInvariants.map((i) => [i.name, ...i.conjuncts.map((c) => row(s, c.check))])).toEqual([['Prop', '234']]);
  });
  it('an operator\'s arguments count as read where it is called', () => {
    const x = binder('x');
    const small = { params: [x], body: op('<', { kind: 'bound', binder: x }, I(3)) };
    const withW = { params: [x], body: op('+', { kind: 'bound', binder: x }, W) };
    const s = compiled({ Small: small, WithW: withW, Inv: and(call('Small', V), call('Small', I(1)), call('Small', op('+', V, W)), op('<', call('WithW', I(1)), I(5))) }, { invariants: ['Inv'] });
    expect(invariants(s)[1]).toEqual(['Inv', '012@v', '01234', '012@v+w', '01234@w']);
  });
  it('a conjunct reading four variables is remembered by them; one reading five is not remembered', () => {
    const w = moduleP().variables[1]!;
    const more = { variables: [...moduleP().variables, ...['x', 'y', 'z'].map((name) => ({ ...w, name }))] };
    const r = (name: string): ir.Expr => ({ kind: 'ref', name });
    const sum = (names: string[]) => names.map(r).reduce((a, b) => op('+', a, b));
    const s = compiled({ Inv: and(op('<', sum(['v', 'w', 'x', 'y']), I(3)), op('<', sum(['v', 'w', 'x', 'y', 'z']), I(3))) }, { invariants: ['Inv'] }, more);
    expect(s.invariants[1]!.conjuncts.map((c) => c.vars?.map((i) => s.varNames[i]).join('+'))).toEqual(['v+w+x+y', undefined]);
  });
  it('constraints and covers, in the config\'s order', () => {
    const s = compiled({ A: vBelow3, B: vAbove1 }, { constraints: ['B', 'A'], covers: ['A', 'B'] });
    expect(s.constraints.map((c) => row(s, c))).toEqual(['234', '012']);
    expect(s.covers.map((c) => [c.name, row(s, c.check)])).toEqual([['A', '012'], ['B', '234']]);
    expect(compiled({}, {}).covers).toEqual([]);
    // A focused or state-counting variant of a config has none.
    expect(compiled({}, { covers: undefined }).covers).toEqual([]);
  });
  it('SYMMETRY: the model values of each set; anything else refused', () => {
    const consts = (...names: string[]): Partial<ir.Module> => ({ constants: names.map((name) => ({ name, kind: 'modelValues', loc: { file: 'm.ts', line: 1, col: 1 } } as ir.ConstantDecl)) });
    const values: ir.Config['constants'] = [['Procs', { kind: 'modelValues', names: ['p1', 'p2'] }], ['One', { kind: 'modelValue' }], ['N', { kind: 'int', value: 3 }]];
    const s = compiled({}, { constants: values, symmetry: ['Procs'] }, consts('Procs', 'One', 'N'));
    expect(s.symmetry.map((xs) => xs.map((x) => show(x)))).toEqual([['p1', 'p2']]);
    for (const name of ['One', 'N', 'Nowhere']) {
      expect(refused({}, { constants: values, symmetry: [name] }, consts('Procs', 'One', 'N'))).toBe(`Unsupported: SYMMETRY ${name}: not a set of model values`);
    }
  });
  it('a fresh env per search: no state, the next state\'s slots empty, a slot per bound identifier', () => {
    const s = compiled({ Prop: forall('i', ints(1, 2), (i) => forall('j', ints(1, 2), (j) => always(op('#', V, op('+', i, j))))) }, { properties: ['Prop'] });
    const e = s.newEnv();
    expect([e.s, e.n, e.b.length >= 2, e.at, e.action, e.args, e.undo, e.suppressed.size]).toEqual([[], [undefined, undefined], true, undefined, undefined, [], [], 0]);
    expect(s.newEnv().n).not.toBe(e.n);
  });
});

describe('fairness: compiled only when a property needs it', () => {
  const liveness = { properties: ['Live'] };
  const live = { Live: eventually(vAbove1) };
  const to = (value: ir.Expr) => and(op('=', primed(V), value), op('=', primed(W), W));
  /** Each fairness conjunct as WF/SF and its successors from v = w = 0. */
  const fairness = (s: CompiledSpec) => s.fairness.map((f) => {
    const e = s.newEnv();
    e.s = [0, 0];
    const out: string[] = [];
    f.steps(e, () => out.push(e.n.join(',')));
    return `${f.strong ? 'SF' : 'WF'} ${out.join(' ')}`;
  });
  it('the spec\'s WF/SF conjuncts, one per value of a \\A over them', () => {
    const more = { fairness: [fair(to(I(7))), forall('i', set_(I(2), I(1)), (i) => fair(to(i), true))] };
    expect(fairness(compiled(live, liveness, more))).toEqual(['WF 7,0', 'SF 1,0', 'SF 2,0']);
  });
  it('a named spec\'s own fairness', () => {
    const more = { specs: [{ name: 'Fast', fairness: [fair(to(I(4)), true)], loc: { file: 'm.ts', line: 1, col: 1 } as ir.SourceLoc }], fairness: [fair(to(I(7)))] };
    expect(fairness(compiled(live, { ...liveness, spec: 'Fast' }, more))).toEqual(['SF 4,0']);
    expect(fairness(compiled(live, liveness, more))).toEqual(['WF 7,0']);
  });
  it('none without liveness to check, even where it would be refused', () => {
    const more = { fairness: [vAbove1] };
    expect(compiled({ Inv: vBelow3 }, { properties: [] }, more).fairness).toEqual([]);
    expect(compiled({ Safe: always(vBelow3) }, { properties: ['Safe'] }, more).fairness).toEqual([]);
  });
  it('anything but WF/SF among them is refused, naming the spec', () => {
    expect(refused(live, liveness, { fairness: [vAbove1] })).toBe('Unsupported: the fairness of Spec: a infix among WF/SF conjuncts; use --backend tlc');
    const named = { specs: [{ name: 'Fast', fairness: [forall('i', set_(V), (i) => fair(to(i)))], loc: { file: 'm.ts', line: 1, col: 1 } as ir.SourceLoc }] };
    expect(refused(live, { ...liveness, spec: 'Fast' }, named)).toBe('Unsupported: the fairness of Fast: a \\A over a set that depends on the state; use --backend tlc');
  });
});
