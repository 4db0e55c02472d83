/**
 * Which process steps partial-order reduction may put in an ample set (dsl/check/compiled/por.ts,
 * `reducibleSteps`), one rule at a time on small models built inside each test, and the `pc`
 * comparisons it recognises (`pcComparison`) on hand-built IR. No search runs here: that the
 * reduced search keeps every verdict is test/compiled-por.test.ts's.
 */
import { describe, expect, it } from 'vitest';
import {
  and, assert, eq, except, exists, fn, forall, goto, ifThen, label, le, local, loop, lt, minus, model, neq, not, plus, range, recordOf, ret, set, t, update, when, withSome,
} from '../dsl/index.js';
import { pcComparison, reducibleSteps } from '../dsl/check/compiled/por.js';
import type * as ir from '../dsl/ir/nodes.js';
import type { Model } from '../dsl/index.js';
import { jobOf } from './helpers/compiled-job.js';

const reducible = (m: Model, config?: string) => [...reducibleSteps(m.module, jobOf(m, config).config)].sort();

describe('pcComparison', () => {
  const pcAt = (arg: ir.Expr): ir.Expr => ({ kind: 'apply', fn: { kind: 'ref', name: 'pc' }, arg });
  const q: ir.Expr = { kind: 'ref', name: 'q' };
  const str = (value: string): ir.Expr => ({ kind: 'str', value });
  const infix = (op: string, left: ir.Expr, right: ir.Expr) => ({ kind: 'infix', op, left, right }) as ir.Expr;

  it('pc[i] compared with a label, by =, #, \\in and \\notin, on either side', () => {
    expect(pcComparison(infix('=', pcAt(q), str('cs')))).toEqual({ index: q, labels: ['cs'] });
    expect(pcComparison(infix('#', str('cs'), pcAt(q)))).toEqual({ index: q, labels: ['cs'] });
    const labels: ir.Expr = { kind: 'setEnum', elements: [str('a'), str('b')] };
    expect(pcComparison(infix('\\in', pcAt(q), labels))).toEqual({ index: q, labels: ['a', 'b'] });
    expect(pcComparison(infix('\\notin', pcAt(q), labels))).toEqual({ index: q, labels: ['a', 'b'] });
  });

  it('anything else is not one', () => {
    expect(pcComparison(infix('<', pcAt(q), str('cs')))).toBeUndefined();
    expect(pcComparison(str('cs'))).toBeUndefined();
    // Not pc: another variable, or pc not applied.
    expect(pcComparison(infix('=', { kind: 'apply', fn: { kind: 'ref', name: 'x' }, arg: q }, str('cs')))).toBeUndefined();
    expect(pcComparison(infix('=', { kind: 'ref', name: 'pc' }, str('cs')))).toBeUndefined();
    // A label set with something other than strings, or a value that is not a label.
    expect(pcComparison(infix('\\in', pcAt(q), { kind: 'setEnum', elements: [str('a'), q] }))).toBeUndefined();
    expect(pcComparison(infix('=', pcAt(q), q))).toBeUndefined();
    expect(pcComparison(infix('=', str('a'), str('b')))).toBeUndefined();
  });
});

describe('reducibleSteps', () => {
  it('steps on their own locals, seen by no check; not the step that writes what the invariant reads', () => {
    const m = model('Own', (mm) => {
      const P = mm.modelValues('P');
      const total = mm.variable('total', t.int(0, 9), 0);
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0), y: local(t.int(0, 3), 0) } }, ({ x, y }) => [
        label('a'), set(x, 1),
        label('b'), set(y, plus(x, 1)),
        label('c'), set(total, plus(total, y)),
      ]);
      mm.invariant('Bounded', le(total, 6));
      mm.config('c', { constants: { P: ['p1', 'p2'] }, invariants: ['Bounded'], checkDeadlock: false });
      mm.config('unchecked', { constants: { P: ['p1', 'p2'] }, invariants: [], checkDeadlock: false });
    });
    expect(reducible(m, 'c')).toEqual(['Proc_a', 'Proc_b']);
    // Its total is shared (read whole by Proc_c itself): still not reducible when nothing checks it.
    expect(reducible(m, 'unchecked')).toEqual(['Proc_a', 'Proc_b']);
  });

  it('a step reading a shared variable, directly or through a definition, is not', () => {
    const m = model('Whole', (mm) => {
      const P = mm.modelValues('P');
      const g = mm.variable('g', t.int(0, 3), 0);
      const gPlus = mm.define('GPlus', plus(g, 1));
      mm.process('Proc', P, { locals: { x: local(t.int(0, 5), 0), z: local(t.int(0, 3), 0) } }, ({ x, z }) => [
        label('own'), set(x, 1),
        label('direct'), when(lt(g, 3)), set(x, 2),
        label('viaDef'), set(x, gPlus),
        // The branch that does not assign z leaves it unchanged: the IR has no UNCHANGED for that.
        label('maybe'), ifThen(lt(z, 1), [set(z, 1)]),
        label('useZ'), set(z, plus(z, 1)),
        label('last'), set(x, plus(x, 1)),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual(['Proc_last', 'Proc_maybe', 'Proc_own', 'Proc_useZ']);
  });

  it("a process's own entry of a shared function is local to it, unless something reads the function whole", () => {
    const build = (wholeReader: boolean) => model(wholeReader ? 'EntryRead' : 'Entry', (mm) => {
      const P = mm.modelValues('P');
      const f = mm.variable('f', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      const g = mm.variable('g', t.int(0, 1), 0);
      if (wholeReader) mm.action('Peek', {}, () => [when(forall(P, (p) => eq(f.at(p), 1))), set(g, 1)]);
      mm.process('Proc', P, {}, ({ self }) => [
        label('bump'), update(f, (p) => p.at(self).to((old) => plus(old, 1))),
        label('read'), when(lt(f.at(self), 3)), set(f, except(f, (p) => p.at(self).to(2))),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(build(false))).toEqual(['Proc_bump', 'Proc_read']);
    expect(reducible(build(true))).toEqual([]);
  });

  it("a step writing another process's entry, or reading one, is not", () => {
    const m = model('Others', (mm) => {
      const P = mm.modelValues('P');
      const f = mm.variable('f', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x, self }) => [
        label('mine'), update(f, (p) => p.at(self).to(1)),
        label('peek'), withSome(P, (q) => [when(lt(f.at(q), 2)), set(x, 1)]),
        label('poke'), withSome(P, (q) => [update(f, (p) => p.at(q).to(2))]),
        label('use'), set(x, plus(x, 1)),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    // f is written at another entry by poke, so mine's own entry is not its own alone.
    expect(reducible(m)).toEqual(['Proc_use']);
  });

  it('what an invariant, a cover or a constraint reads makes the steps writing it visible', () => {
    const m = model('Checks', (mm) => {
      const P = mm.modelValues('P');
      const f = mm.variable('f', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      const h = mm.variable('h', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      mm.process('Proc', P, {}, ({ self }) => [
        label('setF'), update(f, (p) => p.at(self).to(1)),
        label('setH'), update(h, (p) => p.at(self).to(1)),
      ]);
      mm.invariant('FSmall', forall(P, (p) => le(f.at(p), 2)));
      mm.cover('HSet', exists(P, (p) => eq(h.at(p), 1)));
      mm.constraint('HBound', forall(P, (p) => le(h.at(p), 2)));
      mm.config('none', { constants: { P: ['p1', 'p2'] }, invariants: [], covers: [], checkDeadlock: false });
      mm.config('inv', { constants: { P: ['p1', 'p2'] }, invariants: ['FSmall'], covers: [], checkDeadlock: false });
      mm.config('cover', { constants: { P: ['p1', 'p2'] }, invariants: [], covers: ['HSet'], checkDeadlock: false });
      mm.config('constraint', { constants: { P: ['p1', 'p2'] }, invariants: [], covers: [], constraints: ['HBound'], checkDeadlock: false });
    });
    expect(reducible(m, 'none')).toEqual(['Proc_setF', 'Proc_setH']);
    expect(reducible(m, 'inv')).toEqual(['Proc_setH']);
    expect(reducible(m, 'cover')).toEqual(['Proc_setF']);
    expect(reducible(m, 'constraint')).toEqual(['Proc_setF']);
  });

  it("a step moving pc to or from a label another process's step or a check compares pc with is not", () => {
    const m = model('Watched', (mm) => {
      const P = mm.modelValues('P');
      const Q = mm.modelValues('Q');
      const g = mm.variable('g', t.int(0, 1), 0);
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [
        label('prep'), set(x, 1),
        label('enter'), set(x, 2),
        label('cs'), set(x, 3),
        label('out'), set(x, 0),
      ]);
      mm.process('Watch', Q, { locals: { y: local(t.int(0, 3), 0) } }, ({ y }) => [
        label('wait'), when(exists(P, (p) => eq(mm.pc(p), 'cs'))), set(g, 1),
        label('idle'), set(y, 1),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'], Q: ['q1'] }, checkDeadlock: false });
    });
    // enter → cs and cs → out touch "cs"; Watch_wait writes g (read by no other step, but it is shared).
    expect(reducible(m)).toEqual(['Proc_out', 'Proc_prep', 'Watch_idle']);
  });

  it("a process comparing its own pc is not observing anyone (and its own step stays reducible)", () => {
    const m = model('SelfPc', (mm) => {
      const P = mm.modelValues('P');
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x, self }) => [
        label('a'), when(neq(mm.pc(self), 'b')), set(x, 1),
        label('b'), set(x, 2),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual(['Proc_a', 'Proc_b']);
  });

  it('a branch sets pc to either label (both are its successors); a step on a cycle of such steps is not', () => {
    const m = model('Branches', (mm) => {
      const P = mm.modelValues('P');
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [
        label('a'), ifThen(lt(x, 1), [set(x, 1), goto('c')], [set(x, 2)]),
        label('b'), set(x, 2),
        label('c'), set(x, 0),
      ]);
      mm.process('Spin', 'spinner', { locals: { y: local(t.int(0, 3), 0) } }, ({ y }) => [
        label('s1'), set(y, 1),
        label('s2'), set(y, plus(y, 1)), goto('s1'),
      ]);
      mm.invariant('NotB', forall(P, (p) => neq(mm.pc(p), 'b')));
      mm.config('c', { constants: { P: ['p1', 'p2'] }, invariants: [], checkDeadlock: false });
      mm.config('watched', { constants: { P: ['p1', 'p2'] }, invariants: ['NotB'], checkDeadlock: false });
    });
    expect(reducible(m, 'c')).toEqual(['Proc_a', 'Proc_b', 'Proc_c']);
    // "b" is watched: a may go there (its else branch), b leaves it; c neither.
    expect(reducible(m, 'watched')).toEqual(['Proc_c']);
  });

  it('guards, asserts and either conditions are reads too', () => {
    const m = model('Reads', (mm) => {
      const P = mm.modelValues('P');
      const g = mm.variable('g', t.int(0, 3), 0);
      mm.action('Bump', {}, () => [when(lt(g, 3)), set(g, plus(g, 1))]);
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [
        label('guarded'), when(lt(g, 2)), set(x, 1),
        label('asserted'), assert('Small', le(g, 3)), set(x, 2),
        label('free'), set(x, 3),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual(['Proc_free']);
  });

  it('what a with ranges over, a branch condition and an index below the own entry are reads too', () => {
    const m = model('MoreReads', (mm) => {
      const P = mm.modelValues('P');
      const g = mm.variable('g', t.int(0, 1), 0);
      const h = mm.variable('h', t.fn(P, t.fn(range(0, 1), t.int(0, 2))), fn(P, () => fn(range(0, 1), () => 0, t.int(0, 2))));
      mm.action('Flip', {}, () => [set(g, minus(1, g))]);
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x, self }) => [
        label('ranged'), withSome(range(0, g), (k) => [set(x, k)]),
        label('branched'), ifThen(eq(g, 0), [set(x, 1)], [set(x, 2)]),
        label('deepShared'), update(h, (p) => p.at(self).at(g).to(1)),
        label('deepOwn'), update(h, (p) => p.at(self).at(0).to(2)),
        label('free'), set(x, plus(x, 1)),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual(['Proc_deepOwn', 'Proc_free']);
  });

  it('a call writes stack, which TypeOK reads: the calling step is visible', () => {
    const m = model('Calls', (mm) => {
      const P = mm.modelValues('P');
      const helper = mm.procedure('helper', {}, () => [label('inHelper'), ret()]);
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [
        label('before'), set(x, plus(x, 1)),
        label('calling'), helper({}),
        label('after'), set(x, 0),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).not.toContain('Proc_calling');
    expect(reducible(m)).toContain('Proc_before');
  });

  it('a property reads what it names too (reducibleSteps does not refuse one: the search does)', () => {
    const m = model('Props', (mm) => {
      const P = mm.modelValues('P');
      const f = mm.variable('f', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      mm.process('Proc', P, {}, ({ self }) => [label('setF'), update(f, (p) => p.at(self).to(1))]);
      mm.define('FSmall', forall(P, (p) => le(f.at(p), 2)));
      mm.config('c', { constants: { P: ['p1', 'p2'] }, invariants: [], checkDeadlock: false });
    });
    const config = jobOf(m).config;
    expect([...reducibleSteps(m.module, config)]).toEqual(['Proc_setF']);
    expect([...reducibleSteps(m.module, { ...config, properties: ['FSmall'] })]).toEqual([]);
  });

  it("a plain action's parameter named self is not a process's self: its entry reads count as whole reads", () => {
    const m = model('PlainSelf', (mm) => {
      const P = mm.modelValues('P');
      const f = mm.variable('f', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      const g = mm.variable('g', t.int(0, 1), 0);
      mm.action('Peek', { self: P }, ({ self }) => [when(eq(f.at(self), 1)), set(g, 1)]);
      mm.process('Proc', P, {}, ({ self }) => [label('bump'), update(f, (p) => p.at(self).to(1))]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual([]);
  });

  it("updates at another entry, or at the own entry and another at once, or of a record's field, are not the own entry's", () => {
    const build = (kind: 'other' | 'both' | 'field') => model(`Updates_${kind}`, (mm) => {
      const P = mm.modelValues('P');
      const f = mm.variable('f', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      const R = t.record({ a: t.int(0, 1) });
      const r = mm.variable('r', R, recordOf(R, { a: 0 }));
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x, self }) => [
        label('mine'), update(f, (p) => p.at(self).to(1)),
        kind === 'field'
          ? [label('poke'), update(r, (p) => p.get('a').to(1))]
          : [label('poke'), withSome(P, (q) => [update(f, (p) => (kind === 'both' ? [p.at(self).to(2), p.at(q).to(2)] : p.at(q).to(2)))])],
        label('own'), set(x, plus(x, 1)),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(build('other'))).toEqual(['Proc_own']);
    expect(reducible(build('both'))).toEqual(['Proc_own']);
    expect(reducible(build('field'))).toEqual(['Proc_mine', 'Proc_own']);
  });

  it('an EXCEPT at another entry read inside an expression reads its function whole; so does a read at a fixed entry', () => {
    const m = model('Inner', (mm) => {
      const P = mm.modelValues('P');
      const f = mm.variable('f', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      const arr = mm.variable('arr', t.fn(range(0, 1), t.int(0, 3)), fn(range(0, 1), () => 0, t.int(0, 3)));
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x, self }) => [
        label('mine'), update(f, (p) => p.at(self).to(1)),
        label('inner'), withSome(P, (q) => [set(x, except(f, (p) => p.at(q).to(1)).at(self))]),
        label('fixed'), when(lt(arr.at(0), 1)), set(x, plus(x, 1)),
        label('own'), set(x, plus(x, 1)),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual(['Proc_own']);
  });

  it('an operator with parameters is read through its call, in a step and in a check', () => {
    const m = model('Calls2', (mm) => {
      const P = mm.modelValues('P');
      const g = mm.variable('g', t.int(0, 3), 0);
      const h = mm.variable('h', t.fn(P, t.int(0, 3)), fn(P, () => 0, t.int(0, 3)));
      const below = mm.defineOp('Below', { n: range(0, 3) }, ({ n }) => lt(g, n));
      const hAt = mm.defineOp('HSmall', { p: P }, ({ p }) => le(h.at(p), 2));
      mm.action('Tick', {}, () => [when(lt(g, 3)), set(g, plus(g, 1))]);
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x, self }) => [
        label('guarded'), when(below({ n: 2 })), set(x, 1),
        label('setH'), update(h, (p) => p.at(self).to(1)),
        label('own'), set(x, plus(x, 1)),
      ]);
      mm.invariant('HOk', forall(P, (p) => hAt({ p })));
      mm.config('c', { constants: { P: ['p1', 'p2'] }, invariants: [], checkDeadlock: false });
      mm.config('checked', { constants: { P: ['p1', 'p2'] }, invariants: ['HOk'], checkDeadlock: false });
    });
    expect(reducible(m, 'c')).toEqual(['Proc_own', 'Proc_setH']);
    expect(reducible(m, 'checked')).toEqual(['Proc_own']);
  });

  it('a loop is a cycle; a step before a cycle it does not lie on stays reducible; a return sets pc from the stack', () => {
    const m = model('Loops', (mm) => {
      const P = mm.modelValues('P');
      const g = mm.variable('g', t.int(0, 1), 0);
      const helper = mm.procedure('helper', {}, () => [label('h1'), ifThen(eq(g, 0), [ret()]), label('h2'), ret()]);
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [
        label('start'), set(x, 1),
        loop('spin', lt(x, 3), [set(x, plus(x, 1))]),
        label('s1'), set(x, 0),
        label('s2'), set(x, plus(x, 1)), goto('s1'),
      ]);
      mm.process('Caller', 'caller', {}, () => [label('c1'), helper({})]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual(['Proc_start']);
  });

  it('an action that is not a process step never is, nor a process step with parameters of its own', () => {
    const m = model('Plain', (mm) => {
      const x = mm.variable('x', t.int(0, 1), 0);
      mm.action('Flip', {}, () => [set(x, 1)]);
      mm.config('c', { checkDeadlock: false });
    });
    expect(reducible(m)).toEqual([]);
    const n = model('NotSelf', (mm) => {
      const P = mm.modelValues('P');
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [label('a'), set(x, 1), label('b'), set(x, and(eq(x, 1), not(eq(x, 2))) as never)]);
      mm.config('c', { constants: { P: ['p1'] }, checkDeadlock: false });
    });
    expect(reducible(n)).toContain('Proc_a');
  });
});
