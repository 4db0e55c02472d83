/**
 * Successor generation for the parallel search (dsl/check/compiled/expand.ts), on a small model
 * whose successors are known by hand: each state's successors in `Next`'s order, as rows of the
 * replica's value ids (a value it lacks as `-1 - k`, the k-th fresh value of that variable), with
 * their action, flags and arguments; the replica kept in step by what each batch adds; and every
 * way an expansion stops (a failed action property, an evaluation error, a successor left
 * incomplete), with the states expanded up to it. Specs are compiled inside each test (see
 * README, "Mutation testing").
 */
import { describe, expect, it } from 'vitest';
import { alwaysAction, and, div, eq, fn, ge, le, lt, minus, model, or, plus, primed, range, set, t, when, type Model } from '../dsl/index.js';
import type { CompiledSpec } from '../dsl/check/compiled/compile.js';
import { specOf } from './helpers/compiled-job.js';
import { EVAL_FAILED, Expander, incomplete, INCOMPLETE, OUTSIDE_CONSTRAINT, PROPERTY_FAILED, type BatchResult } from '../dsl/check/compiled/expand.js';
import { ValueTable } from '../dsl/check/compiled/store.js';
import { EvalError } from '../dsl/check/compiled/values.js';

/**
 * (x, y) from (0, 0): `Up` adds one to x below 2, `Put(v)` sets y to v in 0..1, `Peek` reads
 * f[x] (f's domain is 0..1, so at x = 2 it fails). Configs add a constraint on y and an action
 * property that y never falls.
 */
const pair = (): Model => model('Pair', (m) => {
  const x = m.variable('x', t.int(0, 3), 0);
  const y = m.variable('y', t.int(0, 3), 0);
  const f = m.variable('f', t.fn(range(0, 1), t.int(0, 1)), fn(range(0, 1), () => 0, t.int(0, 1)));
  m.action('Up', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
  m.action('Put', { v: range(0, 1) }, ({ v }) => [set(y, v)]);
  m.action('Peek', {}, () => [when(eq(f.at(x), 1)), set(x, 0)]);
  m.constraint('YLow', lt(y, 1));
  m.constraint('XBelow2', lt(x, 2));
  m.constraint('Y1OrX0', or(eq(y, 1), eq(x, 0)));
  m.property('YRises', alwaysAction(ge(primed(y), y), y));
  // The typed builders have no temporal `and`; the IR does.
  m.property('RisingBelow2', and(alwaysAction(ge(primed(y), y), y) as never, alwaysAction(le(primed(x), 1), x) as never) as never);
  m.config('plain', { checkDeadlock: false });
  m.config('constrained', { constraints: ['YLow'], checkDeadlock: false });
  m.config('two_constraints', { constraints: ['YLow', 'XBelow2'], checkDeadlock: false });
  m.config('y1_or_x0', { constraints: ['Y1OrX0'], checkDeadlock: false });
  m.config('rising', { properties: ['YRises'], checkDeadlock: false });
  m.config('rising_below2', { properties: ['RisingBelow2'], checkDeadlock: false });
  // An evaluation error on a successor rather than in the action: 2 \div (x - 1) at x = 1, 2 \div (y' - 1) at y' = 1.
  m.constraint('DivX', lt(div(2, minus(x, 1)), 5));
  m.property('DivY', alwaysAction(lt(div(2, minus(primed(y), 1)), 5), y));
  m.config('div_constraint', { constraints: ['DivX'], checkDeadlock: false });
  m.config('div_property', { properties: ['DivY'], checkDeadlock: false });
});

/** The value f starts with, as the spec builds it. */
const f0 = (spec: CompiledSpec) => {
  let v: unknown;
  const env = spec.newEnv();
  spec.init(env, () => { v = env.n[2]; });
  return v as never;
};
const actionNames = (spec: CompiledSpec, r: BatchResult) => [...r.actions].map((a) => (a < 0 ? '-' : spec.actions[a]!.name));
const pairs = (rows: Int32Array, width: number) => Array.from({ length: rows.length / width }, (_, i) => [...rows.subarray(i * width, (i + 1) * width)]);

describe('Expander.expand', () => {
  it('each state\'s successors in Next\'s order: known values by id, new ones as fresh, one fresh id per new value', () => {
    const spec = specOf(pair(), 'plain');
    const e = new Expander(spec);
    // The replica gets x: [0], y: [0, 1], f: [f0]; the states are (0,0) and (0,1).
    const r = e.expand({ added: [[0], [0, 1], [f0(spec)]], rows: Int32Array.of(0, 0, 0, 0, 1, 0) });
    expect(r.expanded).toBe(2);
    expect([...r.counts]).toEqual([3, 3]);
    expect(pairs(r.rows, 3)).toEqual([
      [-1, 0, 0], [0, 0, 0], [0, 1, 0], // from (0,0): Up (x = 1 is new), Put(0), Put(1)
      [-1, 1, 0], [0, 0, 0], [0, 1, 0], // from (0,1): x = 1 is the same fresh value
    ]);
    expect(r.fresh).toStrictEqual([[1], [], []]);
    expect([...r.flags]).toEqual([0, 0, 0, 0, 0, 0]);
    expect(actionNames(spec, r)).toEqual(['Up', 'Put', 'Put', 'Up', 'Put', 'Put']);
    expect(r.args.size).toBe(0);
    expect('stop' in r).toBe(false);
  });

  it('the replica keeps what earlier batches added: a value sent later is known by its id', () => {
    const spec = specOf(pair(), 'plain');
    const e = new Expander(spec);
    e.expand({ added: [[0], [0], [f0(spec)]], rows: Int32Array.of(0, 0, 0) });
    // Now x = 1 (id 1) and y = 1 (id 1) arrive; the state (1,1) is expanded.
    const r = e.expand({ added: [[1], [1], []], rows: Int32Array.of(1, 1, 0) });
    expect(pairs(r.rows, 3)).toEqual([[-1, 1, 0], [1, 0, 0], [1, 1, 0]]);
    expect(r.fresh).toStrictEqual([[2], [], []]);
    expect(actionNames(spec, r)).toEqual(['Up', 'Put', 'Put']);
  });

  it('over the search\'s own tables (no replica) a batch adds nothing and ids are the tables\'', () => {
    const spec = specOf(pair(), 'plain');
    const tables = [new ValueTable(), new ValueTable(), new ValueTable()];
    tables[0]!.intern(0); tables[0]!.intern(1);
    tables[1]!.intern(0);
    tables[2]!.intern(f0(spec));
    const r = new Expander(spec, tables).expand({ added: [], rows: Int32Array.of(1, 0, 0) });
    expect(pairs(r.rows, 3)).toEqual([[-1, 0, 0], [1, 0, 0], [1, -1, 0]]);
    expect(r.fresh).toStrictEqual([[2], [1], []]);
    expect(tables.map((t) => t.values.length)).toEqual([2, 1, 1]);
  });

  it('a successor outside the constraints is flagged, and it alone keeps its arguments', () => {
    const spec = specOf(pair(), 'constrained');
    const r = new Expander(spec).expand({ added: [[0], [0], [f0(spec)]], rows: Int32Array.of(0, 0, 0) });
    expect([...r.counts]).toEqual([3]);
    expect([...r.flags]).toEqual([0, 0, OUTSIDE_CONSTRAINT]);
    expect(pairs(r.rows, 3)).toEqual([[-1, 0, 0], [0, 0, 0], [0, -1, 0]]);
    expect([...r.args]).toStrictEqual([[2, [1]]]);
    expect('stop' in r).toBe(false);
  });

  it('a successor is outside when any constraint is false', () => {
    const spec = specOf(pair(), 'two_constraints');
    // From (1,0): Up reaches x = 2 (outside XBelow2 only), Put(1) y = 1 (outside YLow only).
    const r = new Expander(spec).expand({ added: [[1], [0], [f0(spec)]], rows: Int32Array.of(0, 0, 0) });
    expect([...r.flags]).toEqual([OUTSIDE_CONSTRAINT, 0, OUTSIDE_CONSTRAINT]);
    expect([...r.args]).toStrictEqual([[0, []], [2, [1]]]);
  });

  it('each flagged successor keeps its own arguments, not those of the steps generated after it', () => {
    const spec = specOf(pair(), 'y1_or_x0');
    // From (1,0): Up to (2,0) and Put(0) to (1,0) are outside, Put(1) to (1,1) inside.
    const r = new Expander(spec).expand({ added: [[1], [0], [f0(spec)]], rows: Int32Array.of(0, 0, 0) });
    expect([...r.flags]).toEqual([OUTSIDE_CONSTRAINT, OUTSIDE_CONSTRAINT, 0]);
    expect([...r.args]).toStrictEqual([[0, []], [1, [0]]]);
  });

  it('the replica takes the values it is sent: two new values of one variable are -1 and -2', () => {
    const spec = specOf(pair(), 'plain');
    // y = 3 is all the replica has of y: from (0,3), Put(0) and Put(1) give two values it lacks.
    const r = new Expander(spec).expand({ added: [[0], [3], [f0(spec)]], rows: Int32Array.of(0, 0, 0) });
    expect(pairs(r.rows, 3)).toEqual([[-1, 0, 0], [0, -1, 0], [0, -2, 0]]);
    expect(r.fresh).toStrictEqual([[1], [0, 1], []]);
  });

  it('a property that is a conjunction fails when any conjunct does', () => {
    const spec = specOf(pair(), 'rising_below2');
    // From (1,0): Up raises x to 2, which breaks the second conjunct only.
    const r = new Expander(spec).expand({ added: [[1], [0], [f0(spec)]], rows: Int32Array.of(0, 0, 0) });
    expect([...r.counts]).toEqual([1]);
    expect([...r.flags]).toEqual([PROPERTY_FAILED]);
    expect(r.stop).toStrictEqual({ property: 'RisingBelow2' });
  });

  it('a failed action property stops the batch at that successor: flagged, its row and arguments kept, the property named', () => {
    const spec = specOf(pair(), 'rising');
    // States (0,0), (0,1), (1,0): from (0,1), Put(0) lowers y.
    const r = new Expander(spec).expand({ added: [[0, 1], [0, 1], [f0(spec)]], rows: Int32Array.of(0, 0, 0, 0, 1, 0, 1, 0, 0) });
    expect(r.expanded).toBe(2);
    expect([...r.counts]).toEqual([3, 2]);
    expect([...r.flags]).toEqual([0, 0, 0, 0, PROPERTY_FAILED]);
    expect(pairs(r.rows, 3)).toEqual([[1, 0, 0], [0, 0, 0], [0, 1, 0], [1, 1, 0], [0, 0, 0]]);
    expect(actionNames(spec, r)).toEqual(['Up', 'Put', 'Put', 'Up', 'Put']);
    expect([...r.args]).toStrictEqual([[4, [0]]]);
    expect(r.stop).toStrictEqual({ property: 'YRises' });
  });

  it('an evaluation error stops the batch at the state it happened in, its successors so far counted', () => {
    const spec = specOf(pair(), 'plain');
    // States (0,0), (2,0), (1,0): at x = 2, Peek reads f[2], outside f's domain, after Put(0) and Put(1).
    const r = new Expander(spec).expand({ added: [[0, 2, 1], [0], [f0(spec)]], rows: Int32Array.of(0, 0, 0, 1, 0, 0, 2, 0, 0) });
    expect(r.expanded).toBe(2);
    expect([...r.counts]).toEqual([3, 2]);
    expect(pairs(r.rows, 3)).toEqual([[2, 0, 0], [0, 0, 0], [0, -1, 0], [1, 0, 0], [1, -1, 0]]);
    expect([...r.flags]).toEqual([0, 0, 0, 0, 0]);
    expect(Object.keys(r.stop!)).toEqual(['error']);
    const err = (r.stop as { error: unknown }).error;
    expect(err).toBeInstanceOf(EvalError);
    expect((err as EvalError).message).toMatch(/^Attempted to apply function:\n.*\nto argument 2, which is not in the domain of the function\.$/s);
  });

  it("an evaluation error in a successor's constraint or action property stops the batch at it: flagged, its row and arguments kept, what was checked named", () => {
    const con = specOf(pair(), 'div_constraint');
    // From (0,0): Up gives (1,0), where DivX divides by zero.
    const c = new Expander(con).expand({ added: [[0], [0], [f0(con)]], rows: Int32Array.of(0, 0, 0, 0, 0, 0) });
    expect([c.expanded, [...c.counts], [...c.flags], pairs(c.rows, 3), [...c.args]]).toStrictEqual([1, [1], [EVAL_FAILED], [[-1, 0, 0]], [[0, []]]]);
    expect(Object.keys(c.stop!)).toEqual(['error']);
    expect(((c.stop as { error: unknown }).error as EvalError).message).toBe('The second argument of \\div is 0.');
    const prop = specOf(pair(), 'div_property');
    // From (0,0): Up, Put(0), then Put(1), whose y' = 1 DivY divides by.
    const p = new Expander(prop).expand({ added: [[0], [0], [f0(prop)]], rows: Int32Array.of(0, 0, 0) });
    expect([p.expanded, [...p.counts], [...p.flags], actionNames(prop, p), [...p.args]]).toStrictEqual([1, [3], [0, 0, EVAL_FAILED], ['Up', 'Put', 'Put'], [[2, [1]]]]);
    expect(pairs(p.rows, 3).at(-1)).toEqual([0, -1, 0]);
    expect((p.stop as { checking?: string }).checking).toBe('action property DivY');
  });

  it('a successor left incomplete is counted and flagged, with a row of zeros, and stops the batch with TLC\'s message', () => {
    const base = specOf(pair(), 'plain');
    // A hand-made Next that leaves y unassigned on Put's successors (the compiler never does).
    const spec: CompiledSpec = { ...base, next: (e, k) => base.next(e, () => {
      if (e.action?.name !== 'Put') { k(); return; }
      const y = e.n[1]; e.n[1] = undefined;
      try { k(); } finally { e.n[1] = y; }
    }) };
    const r = new Expander(spec).expand({ added: [[0], [0], [f0(base)]], rows: Int32Array.of(0, 0, 0, 0, 0, 0) });
    expect(r.expanded).toBe(1);
    expect([...r.counts]).toEqual([2]);
    expect([...r.flags]).toEqual([0, INCOMPLETE]);
    expect(pairs(r.rows, 3)).toEqual([[-1, 0, 0], [0, 0, 0]]);
    expect(r.rows.length).toBe(6);
    expect(actionNames(base, r)).toEqual(['Up', 'Put']);
    expect(r.args.size).toBe(0);
    const err = (r.stop as { error: unknown }).error as EvalError;
    expect(err).toBeInstanceOf(EvalError);
    expect(err.message).toBe('Successor state is not completely specified by action Put: y is not assigned.');
  });

  it('a successor no action names is recorded with action -1', () => {
    const base = specOf(pair(), 'plain');
    const spec: CompiledSpec = { ...base, next: (e, k) => base.next(e, () => { const a = e.action; e.action = undefined; try { k(); } finally { e.action = a; } }) };
    const r = new Expander(spec).expand({ added: [[0], [0], [f0(base)]], rows: Int32Array.of(0, 0, 0) });
    expect([...r.actions]).toEqual([-1, -1, -1]);
  });

  it('an action that is not one of the spec\'s is recorded as -1 too', () => {
    const base = specOf(pair(), 'plain');
    const stranger = { name: 'Stranger', params: [] };
    const spec: CompiledSpec = { ...base, next: (e, k) => base.next(e, () => { const a = e.action; e.action = a?.name === 'Up' ? stranger : a; try { k(); } finally { e.action = a; } }) };
    const r = new Expander(spec).expand({ added: [[0], [0], [f0(base)]], rows: Int32Array.of(0, 0, 0) });
    expect(actionNames(base, r)).toEqual(['-', 'Put', 'Put']);
  });

  it('a batch of many states: every successor kept past the first buffer size', () => {
    const spec = specOf(pair(), 'plain');
    const n = 700; // 2100 successors, 6300 row entries: past the buffers' 1024
    const r = new Expander(spec).expand({ added: [[0], [0], [f0(spec)]], rows: new Int32Array(3 * n) });
    expect(r.expanded).toBe(n);
    expect(r.counts.length).toBe(n);
    expect(r.counts.every((c) => c === 3)).toBe(true);
    expect(r.rows.length).toBe(3 * 3 * n);
    expect(r.flags.length).toBe(3 * n);
    expect(r.actions.length).toBe(3 * n);
    const expected = Array.from({ length: n }, () => [[-1, 0, 0], [0, 0, 0], [0, -1, 0]]).flat();
    expect(pairs(r.rows, 3)).toEqual(expected);
    expect(actionNames(spec, r).slice(-3)).toEqual(['Up', 'Put', 'Put']);
  });
});

describe('incomplete', () => {
  it('names the action and the first variable left unassigned, or Next when no action is being evaluated; undefined when complete', () => {
    const spec = specOf(pair(), 'plain');
    const env = spec.newEnv();
    env.n = [0, undefined, undefined];
    env.action = spec.actions.find((a) => a.name === 'Up');
    expect(incomplete(spec, env)?.message).toBe('Successor state is not completely specified by action Up: y is not assigned.');
    expect(incomplete(spec, env)).toBeInstanceOf(EvalError);
    env.action = undefined;
    env.n = [undefined, 0, 0];
    expect(incomplete(spec, env)?.message).toBe('Successor state is not completely specified by action Next: x is not assigned.');
    env.n = [0, 0, 0];
    expect(incomplete(spec, env)).toBeUndefined();
  });
});
