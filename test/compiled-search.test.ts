/**
 * The compiled verifier's breadth-first search (dsl/check/compiled/search.ts) on small models whose
 * state spaces are counted by hand: the distinct, generated and depth figures TLC gives, every
 * kind of outcome with its exact shortest trace (actions and arguments on its steps), ASSUMEs,
 * CONSTRAINTs, SYMMETRY, action and temporal properties, every property alone (`each`),
 * partial-order reduction, what a watcher is told, the limits that stop a search (never a pass),
 * and the parallel search on the same models (workers in this thread). Specs are compiled inside
 * each test (see README, "Mutation testing").
 */
import os from 'node:os';
import { describe, expect, it } from 'vitest';
import {
  alwaysAction, alwaysEventually, and, assert, emptySet, eq, eventually, exists, fn, forall, ge, gt, label, le, leadsTo, loop, lt, minus, mod, model, neq, notIn, or, plus, primed,
  range, set, setOf, t, TRUE, union, update, when, type Model, type ModelBuilder,
} from '../dsl/index.js';
import { emitModule } from '../dsl/emit/module.js';
import { compileSpec, type CompiledSpec } from '../dsl/check/compiled/compile.js';
import { search, type Outcome, type SearchOptions, type SearchResult, type Step } from '../dsl/check/compiled/search.js';
import { EvalError, show, type Value } from '../dsl/check/compiled/values.js';
import { Watch } from '../dsl/check/compiled/watch.js';
import { batchFor, type Pool } from '../dsl/check/compiled/parallel.js';
import { Expander, type BatchResult } from '../dsl/check/compiled/expand.js';
import type { ValueTable } from '../dsl/check/compiled/store.js';
import { batchFromWire, batchToWire, resultFromWire, resultToWire } from '../dsl/check/compiled/wire.js';
import { specOf } from './helpers/compiled-job.js';
import { noVariables } from './fixtures/no-variables.js';

const run = (m: Model | CompiledSpec, o: Partial<SearchOptions> = {}, config?: string) =>
  search('varNames' in m ? m : specOf(m, config), { checkDeadlock: false, ...o });
/** A trace as `values|action(args)` per step. */
const steps = (trace: readonly Step[]) => trace.map((s) => `${s.values.map((v) => show(v)).join(',')}${s.action ? `|${s.action.name}(${(s.args ?? []).map((a) => show(a)).join(',')})` : ''}`);
const traceOf = (o: Outcome) => ('trace' in o ? steps(o.trace) : undefined);
const counts = (r: SearchResult) => ({ distinct: r.distinct, generated: r.generated, depth: r.depth });

/**
 * (x, y) from (0, 0): `Up` adds one to x below 2, `Put(v)` sets y to v in 0..1. Six states:
 * (0,0) at depth 1; (1,0), (0,1) at 2; (2,0), (1,1) at 3; (2,1) at 4. Generated: the initial
 * state, then three successors of each state with x < 2 and two of each other: 1 + 4*3 + 2*2 = 17.
 */
const pair = (): Model => model('Pair', (m) => {
  const x = m.variable('x', t.int(0, 3), 0);
  const y = m.variable('y', t.int(0, 1), 0);
  m.action('Up', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
  m.action('Put', { v: range(0, 1) }, ({ v }) => [set(y, v)]);
  m.invariant('NotBoth', or(neq(x, 2), neq(y, 1)));
  m.invariant('XNot1', neq(x, 1));
  m.invariant('Start', eq(x, 0));
  m.invariant('Fine', le(x, 2));
  m.constraint('YZero', eq(y, 0));
  m.constraint('XBelow1', lt(x, 1));
  m.property('YNeverFalls', alwaysAction(ge(primed(y), y), y));
  m.property('XStill', alwaysAction(eq(primed(x), x), x));
  m.property('ReachesX2', eventually(eq(x, 2)));
  m.property('AlwaysX2', alwaysAction(le(primed(x), 2), x));
  // The typed builders have no temporal `and`; the IR does.
  m.property('RisingBelow2', and(alwaysAction(ge(primed(y), y), y) as never, alwaysAction(le(primed(x), 1), x) as never) as never);
  m.config('plain', { invariants: [], checkDeadlock: false });
  m.config('not_both', { invariants: ['NotBoth'], checkDeadlock: false });
  m.config('x_not_1', { invariants: ['Fine', 'XNot1', 'NotBoth'], checkDeadlock: false });
  m.config('initial', { invariants: ['Fine', 'Start'], checkDeadlock: false });
  m.config('deadlock', { invariants: [], checkDeadlock: true });
  m.config('y_zero', { invariants: [], constraints: ['YZero'], checkDeadlock: false });
  m.config('two_constraints', { invariants: [], constraints: ['YZero', 'XBelow1'], checkDeadlock: false });
  m.config('rising_below2', { invariants: [], properties: ['RisingBelow2'], checkDeadlock: false });
  m.config('y_zero_not_both', { invariants: ['NotBoth'], constraints: ['YZero'], checkDeadlock: false });
  m.config('outside_initial', { invariants: ['Start'], constraints: ['XBelow1'], checkDeadlock: false });
  m.config('y_never_falls', { invariants: [], properties: ['YNeverFalls'], checkDeadlock: false });
  m.config('x_still', { invariants: [], properties: ['XStill'], checkDeadlock: false });
  m.config('reaches', { invariants: [], properties: ['ReachesX2'], checkDeadlock: false });
  m.config('bounded', { invariants: [], properties: ['AlwaysX2'], checkDeadlock: false });
  m.config('each', { invariants: ['Fine', 'XNot1', 'NotBoth'], properties: ['YNeverFalls'], checkDeadlock: true });
});

describe('a search that passes', () => {
  it('counts TLC\'s distinct and generated states and the depth', async () => {
    const r = await run(pair(), {}, 'plain');
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(counts(r)).toEqual({ distinct: 6, generated: 17, depth: 4 });
    expect(r.bytes).toBeGreaterThan(0);
    expect('each' in r).toBe(false);
    expect('reduced' in r).toBe(false);
  });

  it('a spec without variables has no state, as under TLC (0 generated, 0 distinct, depth 0): no step is taken, no deadlock looked for', async () => {
    const r = await run(noVariables, {}, 'c');
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(counts(r)).toEqual({ distinct: 0, generated: 0, depth: 0 });
  });

  it('an initial state given twice is generated twice and stored once', async () => {
    const base = specOf(pair(), 'plain');
    const spec: CompiledSpec = { ...base, init: (e, k) => { base.init(e, k); base.init(e, k); } };
    const r = await run(spec);
    expect(counts(r)).toEqual({ distinct: 6, generated: 18, depth: 4 });
  });
});

describe('invariants', () => {
  it('violated after some steps: the shortest trace, each step with its action and arguments', async () => {
    const r = await run(pair(), {}, 'not_both');
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'NotBoth', initial: false });
    // Level 4's first state: (2,1), by Put(1) from (2,0).
    expect(traceOf(r.outcome)).toEqual(['0,0', '1,0|Up()', '2,0|Up()', '2,1|Put(1)']);
    // Found expanding (2,0), the first state of level 3: all six states stored by then.
    expect(counts(r)).toEqual({ distinct: 6, generated: 1 + 3 + 3 + 3 + 2, depth: 4 });
  });

  it('the first invariant violated is reported, in the config\'s order, checked when the state is found', async () => {
    const r = await run(pair(), {}, 'x_not_1');
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'XNot1', initial: false });
    expect(traceOf(r.outcome)).toEqual(['0,0', '1,0|Up()']);
    expect(counts(r)).toEqual({ distinct: 2, generated: 2, depth: 2 });
  });

  it('violated in an initial state: initial, a trace of that state alone, nothing explored', async () => {
    const base = specOf(pair(), 'initial');
    const spec: CompiledSpec = { ...base, init: (e, k) => { base.init(e, () => { e.n[0] = 1; k(); e.n[0] = 0; }); } };
    const r = await run(spec);
    expect(r.outcome).toEqual({ kind: 'invariant', name: 'Start', initial: true, trace: [{ values: [1, 0] }] });
    expect(counts(r)).toEqual({ distinct: 1, generated: 1, depth: 1 });
  });

  it('a conjunct that names its variable (TypeOK\'s, one a variable) names it in the violation; one that names none, nothing', async () => {
    const base = specOf(pair(), 'plain');
    const typeOk = (y: string | undefined) => ({ name: 'TypeOK', conjuncts: [{ check: () => true, variable: 'x' }, { check: (e: { s: readonly unknown[] }) => e.s[1] === 0, ...(y ? { variable: y } : {}) }] });
    const named = await run({ ...base, invariants: [typeOk('y')] });
    expect(named.outcome).toMatchObject({ kind: 'invariant', name: 'TypeOK', variable: 'y' });
    const plain = await run({ ...base, invariants: [typeOk(undefined)] });
    expect(plain.outcome).toMatchObject({ kind: 'invariant', name: 'TypeOK' });
    expect('variable' in plain.outcome).toBe(false);
  });

  it('an invariant that is not a boolean, or cannot be evaluated, is an evaluation error at the state', async () => {
    const base = specOf(pair(), 'plain');
    const nb = await run({ ...base, invariants: [{ name: 'NB', conjuncts: [{ check: (e) => (e.s[0] === 1 ? 7 : true) }] }] });
    expect(nb.outcome).toEqual({ kind: 'evalError', message: 'The invariant NB is not a boolean.', stack: [], trace: expect.anything() });
    expect(traceOf(nb.outcome)).toEqual(['0,0', '1,0|Up()']);
    const thrown = await run({ ...base, invariants: [{ name: 'T', conjuncts: [{ check: (e) => { if (e.s[1] === 1) throw new EvalError('no y'); return true; } }] }] });
    // TLC's message names the invariant on a line before the error.
    expect(thrown.outcome).toEqual({ kind: 'evalError', message: 'Evaluating invariant T failed.\nno y', stack: [], trace: expect.anything() });
    expect(traceOf(thrown.outcome)).toEqual(['0,0', '0,1|Put(1)']);
  });

  it('a conjunct of one variable is evaluated once per value of it', async () => {
    const base = specOf(pair(), 'plain');
    const calls: string[] = [];
    const spec: CompiledSpec = { ...base, invariants: [{ name: 'YSmall', conjuncts: [{ vars: [1], check: (e) => { calls.push(show(e.s[1]!)); return true; } }, { check: (e) => e.s[0] !== 9 }] }] };
    const r = await run(spec);
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(calls).toEqual(['0', '1']);
  });

  it('a conjunct of two variables is evaluated once per pair of their values, whatever the third', async () => {
    const m = model('Three', (b) => {
      const x = b.variable('x', t.int(0, 2), 0);
      const y = b.variable('y', t.int(0, 1), 0);
      const z = b.variable('z', t.int(0, 1), 0);
      b.action('Up', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
      b.action('Put', { v: range(0, 1) }, ({ v }) => [set(y, v)]);
      b.action('Flip', {}, () => [when(eq(z, 0)), set(z, 1)]);
      b.config('c', { checkDeadlock: false });
    });
    const base = specOf(m, 'c');
    const calls: string[] = [];
    const spec: CompiledSpec = { ...base, invariants: [{ name: 'XY', conjuncts: [{ vars: [0, 1], check: (e) => { calls.push(`${show(e.s[0]!)},${show(e.s[1]!)}`); return true; } }] }] };
    const r = await run(spec);
    expect([r.outcome, r.distinct]).toEqual([{ kind: 'passed' }, 12]);
    expect(calls.slice().sort()).toEqual(['0,0', '0,1', '1,0', '1,1', '2,0', '2,1']);
    // False for one pair: the first state with it fails, at the least depth.
    const bad = await run({ ...base, invariants: [{ name: 'Not21', conjuncts: [{ vars: [0, 1], check: (e) => !(e.s[0] === 2 && e.s[1] === 1) }] }] });
    expect(bad.outcome).toMatchObject({ kind: 'invariant', name: 'Not21' });
    expect(traceOf(bad.outcome)).toHaveLength(4);
  });

  it('a remembered conjunct that is false still fails every state with that value', async () => {
    const base = specOf(pair(), 'plain');
    const spec: CompiledSpec = { ...base, invariants: [{ name: 'Y0', conjuncts: [{ check: () => true }, { vars: [1], check: (e) => e.s[1] === 0 }] }] };
    const r = await run(spec);
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'Y0' });
    expect(traceOf(r.outcome)).toEqual(['0,0', '0,1|Put(1)']);
  });
});

describe('deadlock', () => {
  it('a state with no successor is a deadlock when checked, with the trace to it', async () => {
    const m = model('Count', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
      b.config('dead', { checkDeadlock: true });
      b.config('alive', { checkDeadlock: false });
    });
    const dead = await run(specOf(m, 'dead'), { checkDeadlock: true });
    expect(dead.outcome.kind).toBe('deadlock');
    expect(traceOf(dead.outcome)).toEqual(['0', '1|Up()', '2|Up()', '3|Up()']);
    expect(counts(dead)).toEqual({ distinct: 4, generated: 4, depth: 4 });
    const alive = await run(specOf(m, 'alive'), { checkDeadlock: false });
    expect(alive.outcome).toEqual({ kind: 'passed' });
    expect(counts(alive)).toEqual({ distinct: 4, generated: 4, depth: 4 });
  });

  it('a state whose successors are all seen before is not a deadlock', async () => {
    const r = await run(pair(), { checkDeadlock: true }, 'deadlock');
    expect(r.outcome).toEqual({ kind: 'passed' });
  });
});

describe('CONSTRAINT', () => {
  it('a state outside it is generated but neither stored nor explored', async () => {
    const r = await run(pair(), {}, 'y_zero');
    expect(r.outcome).toEqual({ kind: 'passed' });
    // (0,0), (1,0), (2,0): each with Put(1) outside.
    expect(counts(r)).toEqual({ distinct: 3, generated: 1 + 3 + 3 + 2, depth: 3 });
  });

  it('a state is outside when any constraint is false', async () => {
    const r = await run(pair(), {}, 'two_constraints');
    // Only (0,0): Up leaves XBelow1, Put(1) leaves YZero.
    expect(counts(r)).toEqual({ distinct: 1, generated: 4, depth: 1 });
  });

  it('a state outside it has its invariants checked: its trace ends with the step to it', async () => {
    const r = await run(pair(), {}, 'y_zero_not_both');
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'NotBoth', initial: false });
    expect(traceOf(r.outcome)).toEqual(['0,0', '1,0|Up()', '2,0|Up()', '2,1|Put(1)']);
    expect(counts(r)).toEqual({ distinct: 3, generated: 9, depth: 3 });
  });

  it('an initial state outside it is not stored, but its invariants are checked', async () => {
    const base = specOf(pair(), 'outside_initial');
    const spec: CompiledSpec = { ...base, init: (e, k) => { base.init(e, () => { k(); e.n[0] = 1; k(); e.n[0] = 0; }); } };
    const r = await run(spec);
    expect(r.outcome).toEqual({ kind: 'invariant', name: 'Start', initial: true, trace: [{ values: [1, 0] }] });
    expect(counts(r)).toEqual({ distinct: 1, generated: 2, depth: 1 });
  });
});

describe('ASSUME', () => {
  it('a false assumption stops the search before any state, naming where it is', async () => {
    const where = { module: 'Pair', startLine: 4, startCol: 8, endLine: 4, endCol: 20 };
    const r = await run({ ...specOf(pair(), 'plain'), assumptions: [{ check: () => true }, { check: () => false, location: where }] });
    expect(r.outcome).toEqual({ kind: 'evalError', message: 'Assumption line 4, col 8 to line 4, col 20 of module Pair is false.', stack: [where], trace: [] });
    expect(counts(r)).toEqual({ distinct: 0, generated: 0, depth: 0 });
  });

  it('without a location it says "of the module"; one that is not TRUE counts as false', async () => {
    const r = await run({ ...specOf(pair(), 'plain'), assumptions: [{ check: () => 1 }] });
    expect(r.outcome).toEqual({ kind: 'evalError', message: 'Assumption of the module is false.', stack: [], trace: [] });
  });

  it('an assumption that cannot be evaluated is its error', async () => {
    const r = await run({ ...specOf(pair(), 'plain'), assumptions: [{ check: () => { throw new EvalError('bad constant'); } }] });
    expect(r.outcome).toEqual({ kind: 'evalError', message: 'bad constant', stack: [], trace: [] });
  });

  it('a model\'s own assumption, true, lets the search run', async () => {
    const m = model('Assumes', (b) => {
      const x = b.variable('x', t.int(0, 1), 0);
      b.assume('Fine', TRUE());
      b.action('Up', {}, () => [when(lt(x, 1)), set(x, plus(x, 1))]);
      b.config('c', { checkDeadlock: false });
    });
    const r = await run(m);
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(r.distinct).toBe(2);
  });
});

describe('errors while generating', () => {
  it('an error in the initial states is reported with no trace; a crash of another kind with its message', async () => {
    const base = specOf(pair(), 'plain');
    const evalErr = await run({ ...base, init: () => { throw new EvalError('no init'); } });
    expect(evalErr.outcome).toEqual({ kind: 'evalError', message: 'no init', stack: [], trace: [] });
    const other = await run({ ...base, init: () => { throw new TypeError('broken'); } });
    expect(other.outcome).toEqual({ kind: 'crashed', message: 'broken' });
    const thrown = await run({ ...base, init: () => { throw 'a string'; } });
    expect(thrown.outcome).toEqual({ kind: 'crashed', message: 'a string' });
  });

  it('an initial state\'s invariant failing with an error of another kind: a crash with its message (Init\'s frames go on evaluation errors only)', async () => {
    const base = specOf(pair(), 'plain');
    const r = await run({ ...base, invariants: [{ name: 'Broken', conjuncts: [{ check: () => { throw new RangeError('too deep'); } }] }] });
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'too deep' });
  });

  it('an evaluation error in a successor stops with the trace to the state being expanded', async () => {
    const m = model('OutOfDomain', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      const f = b.variable('f', t.fn(range(0, 1), t.int(0, 3)), fn(range(0, 1), () => 0, t.int(0, 3)));
      b.action('Read', {}, () => [when(lt(x, 3)), when(eq(f.at(x), 0)), set(x, plus(x, 1))]);
      b.config('c', { checkDeadlock: false });
    });
    const r = await run(m);
    expect(r.outcome.kind).toBe('evalError');
    expect(r.outcome.kind === 'evalError' && r.outcome.message).toMatch(/^Attempted to apply function:\n.*\nto argument 2, which is not in the domain of the function\.$/s);
    expect(r.outcome.kind === 'evalError' && r.outcome.stack.length).toBeGreaterThan(0);
    expect(traceOf(r.outcome)).toEqual(['0,(0 :> 0 @@ 1 :> 0)', '1,(0 :> 0 @@ 1 :> 0)|Read()', '2,(0 :> 0 @@ 1 :> 0)|Read()']);
    expect(counts(r)).toEqual({ distinct: 3, generated: 3, depth: 3 });
  });

  it('a successor left incomplete is an evaluation error naming the action and the variable', async () => {
    const base = specOf(pair(), 'plain');
    const spec: CompiledSpec = { ...base, next: (e, k) => base.next(e, () => { if (e.action?.name !== 'Put' || e.s[0] !== 1) { k(); return; } const y = e.n[1]; e.n[1] = undefined; try { k(); } finally { e.n[1] = y; } }) };
    const r = await run(spec);
    expect(r.outcome).toEqual({ kind: 'evalError', message: 'Successor state is not completely specified by action Put: y is not assigned.', stack: [], trace: expect.anything() });
    expect(traceOf(r.outcome)).toEqual(['0,0', '1,0|Up()']);
  });

  it('a failed assert: its name, location and the trace to the state whose step failed', async () => {
    const m = model('Asserting', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.process('Proc', 'main', {}, () => [label('a'), set(x, plus(x, 1)), label('b'), assert('XBelow1', lt(x, 1)), set(x, plus(x, 1))]);
      b.config('c', { checkDeadlock: false });
    });
    const r = await run(m);
    expect(r.outcome).toMatchObject({ kind: 'assert', name: 'XBelow1', location: { module: 'Asserting' } });
    expect(r.outcome.kind === 'assert' && r.outcome.trace.length).toBe(2);
    expect(r.outcome.kind === 'assert' && r.outcome.trace[1]!.action?.name).toBe('Proc_a');
  });
});

describe('action properties', () => {
  it('a step that breaks one stops the search: its name, the trace ending with that step, to a state seen before too', async () => {
    const r = await run(pair(), {}, 'y_never_falls');
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'YNeverFalls' });
    // (0,1) --Put(0)--> (0,0), a state seen before: the first falling step in BFS order, after
    // (0,0) and (1,0) were expanded (five states stored) and (0,1)'s Up was generated.
    expect(traceOf(r.outcome)).toEqual(['0,0', '0,1|Put(1)', '0,0|Put(0)']);
    expect(counts(r)).toEqual({ distinct: 5, generated: 1 + 3 + 3 + 2, depth: 3 });
  });

  it('a property every step keeps passes', async () => {
    const r = await run(pair(), {}, 'bounded');
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(counts(r)).toEqual({ distinct: 6, generated: 17, depth: 4 });
  });

  it('a conjunction of action properties is broken when any conjunct is', async () => {
    const r = await run(pair(), {}, 'rising_below2');
    // Up from (1,0) raises x to 2: the second conjunct fails there, before y ever falls.
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'RisingBelow2' });
    expect(traceOf(r.outcome)).toEqual(['0,0', '1,0|Up()', '2,0|Up()']);
  });

  it('broken by the first step generated', async () => {
    const r = await run(pair(), {}, 'x_still');
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'XStill' });
    expect(traceOf(r.outcome)).toEqual(['0,0', '1,0|Up()']);
    // TLC's counts (checked by hand, TLC 2026.12.03): the successor is stored, then its step judged.
    expect(counts(r)).toEqual({ distinct: 2, generated: 2, depth: 2 });
  });
});

describe('temporal properties', () => {
  it('without fairness, stuttering in the initial state violates <>(x = 2)', async () => {
    const r = await run(pair(), {}, 'reaches');
    expect(r.outcome).toEqual({ kind: 'property', name: 'ReachesX2', trace: [{ values: [0, 0] }], stuttering: true });
    expect(counts(r)).toEqual({ distinct: 6, generated: 17, depth: 4 });
  });

  /** x cycles 0 -> 1 -> 2 -> 0 (Step, weakly fair); `Never3` says x reaches 3, `Leads` that x = 1 leads to x = 0. */
  const cycle = () => model('Cycle', (b) => {
    const x = b.variable('x', t.int(0, 3), 0);
    b.action('Step', {}, () => [set(x, mod(plus(x, 1), 3))], { fairness: 'weak' });
    b.property('Never3', eventually(eq(x, 3)));
    b.property('Leads', leadsTo(eq(x, 1), eq(x, 0)));
    b.property('LeadsTo3', leadsTo(eq(x, 1), eq(x, 3)));
    b.config('never3', { properties: ['Never3'], checkDeadlock: false });
    b.config('leads', { properties: ['Leads'], checkDeadlock: false });
    b.config('leads3', { properties: ['LeadsTo3'], checkDeadlock: false });
  });

  it('a fair cycle that never reaches the goal is a lasso: the states, the state it loops to, the step back', async () => {
    const r = await run(cycle(), {}, 'never3');
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'Never3', loopsTo: 1, stuttering: false });
    expect(traceOf(r.outcome)).toEqual(['0', '1|Step()', '2|Step()']);
    expect(r.outcome.kind === 'property' && r.outcome.loopStep && steps([r.outcome.loopStep])).toEqual(['0|Step()']);
    expect(counts(r)).toEqual({ distinct: 3, generated: 4, depth: 3 });
  });

  it('a leads-to the fair cycle keeps passes; one it never meets is a lasso from the state that starts it', async () => {
    expect((await run(cycle(), {}, 'leads')).outcome).toEqual({ kind: 'passed' });
    const r = await run(cycle(), {}, 'leads3');
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'LeadsTo3', stuttering: false });
    expect(traceOf(r.outcome)![1]).toBe('1|Step()');
  });

  it('a goal that cannot be evaluated at a state is that evaluation error, with the trace to the state', async () => {
    const base = specOf(cycle(), 'never3');
    const p = base.liveness[0]!;
    const spec: CompiledSpec = { ...base, liveness: [{ ...p, goals: p.goals.map((g) => ({ ...g, within: g.within.map((w) => (e: Parameters<typeof w>[0]) => { if (e.s[0] === 2) throw new EvalError('cannot at 2'); return w(e); }) })) }] };
    const r = await run(spec);
    expect(r.outcome).toEqual({ kind: 'evalError', message: 'cannot at 2', stack: [], trace: expect.anything() });
    expect(traceOf(r.outcome)).toEqual(['0', '1|Step()', '2|Step()']);
  });

  it('a fairness condition that cannot be evaluated at a state is that evaluation error', async () => {
    const base = specOf(cycle(), 'never3');
    const f = base.fairness[0]!;
    const spec: CompiledSpec = { ...base, fairness: [{ ...f, steps: (e, k) => { if (e.s[0] === 1) throw new EvalError('unfair at 1'); f.steps(e, k); } }] };
    const r = await run(spec);
    expect(r.outcome).toEqual({ kind: 'evalError', message: 'unfair at 1', stack: [], trace: expect.anything() });
    expect(traceOf(r.outcome)).toEqual(['0', '1|Step()']);
  });
});

describe('temporal properties: fairness and where a lasso starts', () => {
  /** x steps by fair actions (weakly, unless a fourth entry says 'strong'): `steps` lists [name, from, to]. */
  const xOf = (b: ModelBuilder) => b.variable('x', t.int(0, 3), 0);
  const moves = (name: string, steps: [string, number, number, ('weak' | 'strong')?][], property: (x: ReturnType<typeof xOf>) => Parameters<ModelBuilder['property']>[1]) => model(name, (b) => {
    const x = xOf(b);
    for (const [a, from, to, f] of steps) b.action(a, {}, () => [when(eq(x, from)), set(x, to)], { fairness: f ?? 'weak' });
    b.property('P', property(x));
    b.config('c', { properties: ['P'], checkDeadlock: false });
  });

  it('a fair action that is not enabled does not forbid stuttering: 0 -> 1, then stuck, never reaches 2', async () => {
    const r = await run(moves('Stops', [['A', 0, 1]], (x) => eventually(eq(x, 2))));
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'P', stuttering: true });
    expect(traceOf(r.outcome)).toEqual(['0', '1|A()']);
  });

  it('a fair action whose only step is a stutter is not enabled: stuttering there is fair', async () => {
    // 0 -> 1 by A; S "steps" from 1 to 1, which <<S>>_x excludes.
    const r = await run(moves('StutterOnly', [['A', 0, 1], ['S', 1, 1]], (x) => eventually(eq(x, 2))));
    expect(r.outcome).toEqual({ kind: 'property', name: 'P', trace: expect.anything(), stuttering: true });
    expect(traceOf(r.outcome)).toEqual(['0', '1|A()']);
  });

  it('a strongly fair action whose only step goes back to the first state is taken on the cycle', async () => {
    // A (weak) 0 -> 1, B (strong) 1 -> 0: stuttering at 0 is unfair to A; the cycle 0, 1 is fair only through B's step to state 0.
    const r = await run(moves('PingPongStrong', [['A', 0, 1], ['B', 1, 0, 'strong']], (x) => eventually(eq(x, 2))));
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'P', loopsTo: 1, stuttering: false });
    expect(traceOf(r.outcome)).toEqual(['0', '1|A()']);
  });

  it('a fair cycle whose only step of one action goes back to the first state', async () => {
    const r = await run(moves('PingPong', [['A', 0, 1], ['B', 1, 0]], (x) => eventually(eq(x, 2))));
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'P', loopsTo: 1, stuttering: false });
    expect(traceOf(r.outcome)).toEqual(['0', '1|A()']);
    expect(r.outcome.kind === 'property' && r.outcome.loopStep && steps([r.outcome.loopStep])).toEqual(['0|B()']);
  });

  it('a leads-to is checked from the states its left side holds in, not from the initial ones', async () => {
    // 0 -> 1 -> 2, stuck at 2: once x = 1, x never returns to 0.
    const r = await run(moves('Leave', [['A', 0, 1], ['B', 1, 2]], (x) => leadsTo(eq(x, 1), eq(x, 0))));
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'P', stuttering: true });
    expect(traceOf(r.outcome)).toEqual(['0', '1|A()', '2|B()']);
  });

  it('a leads-to holds when every state its left side holds in gets there, whatever other states do', async () => {
    // 0 -> 1 -> 2 or 0 -> 3 (stuck at 3, where x = 2 never holds): x = 1 leads to x = 2.
    const r = await run(moves('Branch', [['A', 0, 1], ['B', 1, 2], ['C', 0, 3]], (x) => leadsTo(eq(x, 1), eq(x, 2))));
    expect(r.outcome).toEqual({ kind: 'passed' });
  });

  it('[]<> from any state: a fair cycle through 0 holds; getting stuck away from it does not', async () => {
    const holds = await run(moves('PingPong2', [['A', 0, 1], ['B', 1, 0]], (x) => alwaysEventually(eq(x, 0))));
    expect(holds.outcome).toEqual({ kind: 'passed' });
    const r = await run(moves('Leave2', [['A', 0, 1], ['B', 1, 2]], (x) => alwaysEventually(eq(x, 0))));
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'P', stuttering: true });
    expect(traceOf(r.outcome)).toEqual(['0', '1|A()', '2|B()']);
  });

  it('an internal failure while checking is not a pass: a RangeError is out of memory', async () => {
    const base = specOf(moves('Stops2', [['A', 0, 1]], (x) => eventually(eq(x, 2))));
    const spec: CompiledSpec = { ...base, liveness: [{ name: 'P', get goals(): never { throw new RangeError('Invalid typed array length'); } }] };
    const r = await run(spec);
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'out of memory at 2 distinct states: Invalid typed array length — not a pass' });
  });
});

describe('memory figures', () => {
  it('the bytes the store holds: rows and parents (each its first, smallest chunk), the fingerprint table, and with a temporal property the edges', async () => {
    const chunk = 4 * 2 ** 12, table = 2 ** 12 * 4;
    expect((await run(pair(), {}, 'plain')).bytes).toBe(2 * chunk + 2 * table);
    // With ids kept in the table (4 bytes more a slot), edges and edge starts.
    expect((await run(pair(), {}, 'reaches')).bytes).toBe(2 * chunk + 3 * table + 2 * chunk);
  });
});

describe('SYMMETRY', () => {
  /** s grows by one element of P at a time; t likewise over Q. */
  const subsets = () => model('Subsets', (b) => {
    const P = b.modelValues('P');
    const Q = b.modelValues('Q');
    const s = b.variable('s', t.set(t.member(P)), emptySet(t.member(P)));
    const q = b.variable('q', t.set(t.member(Q)), emptySet(t.member(Q)));
    b.action('AddP', { p: P }, ({ p }) => [when(notIn(p, s)), set(s, union(s, setOf(p)))]);
    b.action('AddQ', { r: Q }, ({ r }) => [when(notIn(r, q)), set(q, union(q, setOf(r)))]);
    const constants = { P: ['p1', 'p2', 'p3'], Q: ['q1', 'q2'] };
    b.config('plain', { constants, invariants: [], checkDeadlock: false });
    b.config('sym_p', { constants, invariants: [], symmetry: [P], checkDeadlock: false });
    b.config('sym_both', { constants, invariants: [], symmetry: [P, Q], checkDeadlock: false });
  });

  it('one state per orbit: by the size of each symmetric set', async () => {
    // 8 subsets of P times 4 of Q; with P symmetric 4 sizes times 4; with both 4 times 3.
    const plain = await run(subsets(), {}, 'plain');
    expect(counts(plain)).toEqual({ distinct: 32, generated: 1 + 32 * 5 / 2, depth: 6 });
    const symP = await run(subsets(), {}, 'sym_p');
    expect(symP.outcome).toEqual({ kind: 'passed' });
    expect(symP.distinct).toBe(16);
    expect(symP.depth).toBe(6);
    const symBoth = await run(subsets(), {}, 'sym_both');
    expect(symBoth.distinct).toBe(12);
    expect(symBoth.depth).toBe(6);
  });
});

describe('every property alone (each)', () => {
  it('goes on past each violation, recording the first of each name with its own shortest trace', async () => {
    const r = await run(pair(), { each: true, checkDeadlock: true }, 'each');
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect('stoppedBy' in r).toBe(false);
    expect([...r.each!.keys()]).toEqual(['XNot1', 'YNeverFalls', 'NotBoth']);
    expect(r.each!.get('XNot1')).toMatchObject({ kind: 'invariant', initial: false });
    expect(traceOf(r.each!.get('XNot1')!)).toEqual(['0,0', '1,0|Up()']);
    expect(traceOf(r.each!.get('YNeverFalls')!)).toEqual(['0,0', '0,1|Put(1)', '0,0|Put(0)']);
    expect(traceOf(r.each!.get('NotBoth')!)).toEqual(['0,0', '1,0|Up()', '2,0|Up()', '2,1|Put(1)']);
    expect(counts(r)).toEqual({ distinct: 6, generated: 17, depth: 4 });
  });

  it('a deadlock is recorded once, under "deadlock", and the search goes on', async () => {
    // From 0 up to 2 or down to -2, both ends dead; -2 violates NotMinus2 when found (from -1).
    const m = model('TwoEnds', (b) => {
      const x = b.variable('x', t.int(-2, 2), 0);
      b.action('Up', {}, () => [when(and(ge(x, 0), lt(x, 2))), set(x, plus(x, 1))]);
      b.action('Down', {}, () => [when(and(le(x, 0), gt(x, -2))), set(x, minus(x, 1))]);
      b.invariant('NotMinus2', neq(x, -2));
      b.config('c', { checkDeadlock: true });
    });
    // Without each the search stops at the violation, before it expands either end.
    expect((await run(m, { checkDeadlock: true })).outcome.kind).toBe('invariant');
    const r = await run(m, { checkDeadlock: true, each: true });
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect([...r.each!.keys()]).toEqual(['NotMinus2', 'deadlock']);
    expect(traceOf(r.each!.get('deadlock')!)).toEqual(['0', '1|Up()', '2|Up()']);
    expect(traceOf(r.each!.get('NotMinus2')!)).toEqual(['0', '-1|Down()', '-2|Down()']);
    expect(counts(r)).toEqual({ distinct: 5, generated: 1 + 2 + 1 + 1, depth: 3 });
  });

  it('a failed assert is recorded, switched off, and the state\'s successors generated again (counted once)', async () => {
    const m = model('Asserting', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.process('Proc', 'main', {}, () => [label('a'), set(x, plus(x, 1)), label('b'), assert('XBelow1', lt(x, 1)), set(x, plus(x, 1))]);
      b.config('c', { checkDeadlock: false });
    });
    const undos: boolean[] = [];
    const watch = { state: () => undefined, successor: () => undefined, expand: (again: boolean) => { undos.push(again); } } as unknown as Watch;
    const r = await run(m, { each: true, watch });
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect([...r.each!.keys()]).toEqual(['XBelow1']);
    expect(r.each!.get('XBelow1')).toMatchObject({ kind: 'assert', name: 'XBelow1' });
    expect(traceOf(r.each!.get('XBelow1')!)?.length).toBe(2);
    // (0, a), (1, b), (2, Done): b's step is generated again once the assert is off, and counted
    // once; then Done's stuttering step (Terminating).
    expect(r.distinct).toBe(3);
    expect(r.generated).toBe(4);
    expect(undos).toEqual([false, false, true, false]);
  });

  it('an assert whose condition cannot be evaluated is recorded under its name, and switched off', async () => {
    const m = model('AssertErr', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      const f = b.variable('f', t.fn(range(0, 1), t.int(0, 1)), fn(range(0, 1), () => 0, t.int(0, 1)));
      b.process('Proc', 'main', {}, () => [loop('l', lt(x, 3), [assert('Safe', eq(f.at(x), 0)), set(x, plus(x, 1))])]);
      b.config('c', { checkDeadlock: false });
    });
    const r = await run(m, { each: true });
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect('stoppedBy' in r).toBe(false);
    expect([...r.each!.keys()]).toEqual(['Safe']);
    expect(r.each!.get('Safe')!.kind).toBe('evalError');
    expect(r.distinct).toBeGreaterThan(3);
  });

  it('an evaluation error outside the asserts stops every check not yet decided', async () => {
    const m = model('OutOfDomain', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      const f = b.variable('f', t.fn(range(0, 1), t.int(0, 3)), fn(range(0, 1), () => 0, t.int(0, 3)));
      b.action('Read', {}, () => [when(lt(x, 3)), when(eq(f.at(x), 0)), set(x, plus(x, 1))]);
      b.invariant('XNot1', neq(x, 1));
      b.config('c', { checkDeadlock: false });
    });
    const r = await run(m, { each: true });
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect([...r.each!.keys()]).toEqual(['XNot1']);
    expect(r.stoppedBy?.kind).toBe('evalError');
    expect(traceOf(r.stoppedBy!)).toEqual(['0,(0 :> 0 @@ 1 :> 0)', '1,(0 :> 0 @@ 1 :> 0)|Read()', '2,(0 :> 0 @@ 1 :> 0)|Read()']);
  });

  it('an invariant violated in an initial state is recorded and the search goes on', async () => {
    const base = specOf(pair(), 'initial');
    const r = await run(base, { each: true });
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect([...r.each!.keys()]).toEqual(['Start']);
    expect(traceOf(r.each!.get('Start')!)).toEqual(['0,0', '1,0|Up()']);
    expect(r.distinct).toBe(6);
  });

  it('an action property broken twice keeps its first break', async () => {
    const r = await run(pair(), { each: true }, 'x_still');
    expect([...r.each!.keys()]).toEqual(['XStill']);
    expect(traceOf(r.each!.get('XStill')!)).toEqual(['0,0', '1,0|Up()']);
    expect(r.distinct).toBe(6);
  });

  it('stops once every wanted name is violated and the watch is settled; explores on while anything is left to learn', async () => {
    // x counts 0..999: 1,000 states. XBelow3 fails at x = 3, the cover Three holds there, Never nowhere.
    const counter = model('Counter', (b) => {
      const x = b.variable('x', t.int(0, 999), 0);
      b.action('Up', {}, () => [when(lt(x, 999)), set(x, plus(x, 1))]);
      b.invariant('XBelow3', lt(x, 3));
      b.invariant('XBelow500', lt(x, 500));
      b.cover('Three', eq(x, 3));
      b.cover('Never', eq(x, 1000));
      b.config('reached', { covers: ['Three'], checkDeadlock: false });
      b.config('unreached', { covers: ['Three', 'Never'], checkDeadlock: false });
    });
    const go = async (config: string, wanted: string[] | undefined, countSteps = false) => {
      const spec = specOf(counter, config);
      const r = await run(spec, { each: true, watch: new Watch(spec, spec.newEnv(), countSteps), ...(wanted ? { eachWanted: wanted } : {}) });
      return { distinct: r.distinct, violated: [...r.each!.keys()], stopped: r.stoppedBy?.kind };
    };
    // Stopped at the first check-point after XBelow3's violation (every 256 states), the others unread.
    expect(await go('reached', ['XBelow3'])).toEqual({ distinct: 257, violated: ['XBelow3'], stopped: undefined });
    // Both wanted: on to XBelow500's violation, then the next check-point.
    expect(await go('reached', ['XBelow3', 'XBelow500'])).toEqual({ distinct: 513, violated: ['XBelow3', 'XBelow500'], stopped: undefined });
    // No names given, a name never violated, an unreached cover, step counts: to the end.
    expect(await go('reached', undefined)).toEqual({ distinct: 1000, violated: ['XBelow3', 'XBelow500'], stopped: undefined });
    expect((await go('reached', ['XBelow3', 'NoSuchName'])).distinct).toBe(1000);
    expect((await go('unreached', ['XBelow3'])).distinct).toBe(1000);
    expect((await go('reached', ['XBelow3'], true)).distinct).toBe(1000);
  });

  it('temporal properties are not checked (each checks safety)', async () => {
    const r = await run(pair(), { each: true }, 'reaches');
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(r.each!.size).toBe(0);
    expect('stoppedBy' in r).toBe(false);
  });
});

/** Two processes, each setting its own entry of c once: independent steps. */
/** Two processes, each setting its own entry of c once, to 1 or 2: independent steps; `Tick` (first, no process) sets t once. */
const indep = (tick = false) => model('Indep', (b) => {
  const P = b.modelValues('P');
  const c = b.variable('c', t.fn(P, t.int(0, 2)), fn(P, () => 0, t.int(0, 2)));
  if (tick) {
    const tk = b.variable('t', t.int(0, 1), 0);
    b.action('Tick', {}, () => [when(eq(tk, 0)), set(tk, 1)]);
  }
  b.action('Inc', { self: P, v: range(1, 2) }, ({ self, v }) => [when(eq(c.at(self), 0)), update(c, (p) => p.at(self).to(v))]);
  b.invariant('AllSmall', forall(P, (p) => le(c.at(p), 2)));
  b.invariant('NotBoth', exists(P, (p) => eq(c.at(p), 0)));
  b.invariant('NoneSet', forall(P, (p) => eq(c.at(p), 0)));
  b.constraint('NothingSet', forall(P, (p) => eq(c.at(p), 0)));
  const constants = { P: ['p1', 'p2'] };
  b.config('c', { constants, invariants: [], checkDeadlock: false });
  b.config('not_both', { constants, invariants: ['NotBoth'], checkDeadlock: false });
  b.config('outside', { constants, invariants: ['NoneSet'], constraints: ['NothingSet'], checkDeadlock: false });
});

describe('partial-order reduction', () => {
  it('keeps one process\'s successors where all its steps may form an ample set, counting the states so reduced', async () => {
    // In full: 3 x 3 states; generated 1 + 4 from (0,0) + 2 from each of the four with one entry set.
    const full = await run(indep());
    expect(counts(full)).toEqual({ distinct: 9, generated: 13, depth: 3 });
    const r = await run(indep(), { por: new Set(['Inc']) });
    expect(r.outcome).toEqual({ kind: 'passed' });
    // From (0,0) only p1's two steps are kept; from (1,0) and (2,0) p2's are the only ones.
    expect(counts(r)).toEqual({ distinct: 7, generated: 1 + 4 + 2 + 2, depth: 3 });
    expect(r.reduced).toBe(1);
  });

  it('no reduction when a process can take a step outside the set', async () => {
    const r = await run(indep(), { por: new Set(['Other']) });
    expect(counts(r)).toEqual({ distinct: 9, generated: 13, depth: 3 });
    expect(r.reduced).toBe(0);
  });

  it('the reduced search checks what it keeps: the trace by the kept steps, with their arguments', async () => {
    const r = await run(indep(), { por: new Set(['Inc']) }, 'not_both');
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'NotBoth' });
    expect(traceOf(r.outcome)).toEqual(['(p1 :> 0 @@ p2 :> 0)', '(p1 :> 1 @@ p2 :> 0)|Inc(p1,1)', '(p1 :> 1 @@ p2 :> 1)|Inc(p2,1)']);
  });

  it('a kept successor outside the constraints is checked, its trace ending with its step and arguments', async () => {
    const r = await run(indep(), { por: new Set(['Inc']) }, 'outside');
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'NoneSet', initial: false });
    expect(traceOf(r.outcome)).toEqual(['(p1 :> 0 @@ p2 :> 0)', '(p1 :> 1 @@ p2 :> 0)|Inc(p1,1)']);
  });

  it('a step of no process never forms an ample set: the first process\'s steps are kept, not it', async () => {
    const seen: string[] = [];
    const watch = { state: (vals: readonly Value[]) => { seen.push(vals.map((v) => show(v)).join()); }, successor: () => undefined, expand: () => undefined } as unknown as Watch;
    const r = await run(indep(true), { por: new Set(['Tick', 'Inc']), watch });
    expect(seen.slice(0, 3)).toEqual(['(p1 :> 0 @@ p2 :> 0),0', '(p1 :> 1 @@ p2 :> 0),0', '(p1 :> 2 @@ p2 :> 0),0']);
    expect(r.reduced).toBeGreaterThan(0);
  });

  it('is off with each', async () => {
    const r = await run(indep(), { por: new Set(['Inc']), each: true });
    expect(r.distinct).toBe(9);
    expect('reduced' in r).toBe(false);
  });
});

describe('what a watcher is told', () => {
  it('every state checked (with its trace), every successor with its action, every expansion', async () => {
    const m = model('Count', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
      b.action('Stay', {}, () => [when(eq(x, 3)), set(x, x)]);
      b.config('c', { checkDeadlock: false });
    });
    const log: string[] = [];
    const traces: string[][] = [];
    const watch = {
      state: (vals: readonly Value[], trace: () => Step[]) => { log.push(`state ${vals.map((v) => show(v)).join()}`); traces.push(steps(trace())); },
      successor: (a: { name: string } | undefined) => { log.push(`successor ${a?.name}`); },
      expand: (again: boolean) => { log.push(`expand ${again}`); },
    } as unknown as Watch;
    const r = await run(m, { watch });
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(log).toEqual([
      'state 0', 'expand false', 'successor Up', 'state 1', 'expand false', 'successor Up', 'state 2',
      'expand false', 'successor Up', 'state 3', 'expand false', 'successor Stay',
    ]);
    expect(traces.at(-1)).toEqual(['0', '1|Up()', '2|Up()', '3|Up()']);
  });

  it('a state outside the constraints is checked with the trace through the step to it', async () => {
    const traces: string[][] = [];
    const watch = { state: (_: unknown, trace: () => Step[]) => { traces.push(steps(trace())); }, successor: () => undefined, expand: () => undefined } as unknown as Watch;
    await run(pair(), { watch }, 'y_zero');
    expect(traces).toEqual([['0,0'], ['0,0', '1,0|Up()'], ['0,0', '0,1|Put(1)'], ['0,0', '1,0|Up()', '2,0|Up()'], ['0,0', '1,0|Up()', '1,1|Put(1)'], ['0,0', '1,0|Up()', '2,0|Up()', '2,1|Put(1)']]);
  });
});

describe('traces', () => {
  it('a step two actions could take is named after the first in Next\'s order', async () => {
    const m = model('TwoWays', (b) => {
      const x = b.variable('x', t.int(0, 2), 0);
      b.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
      b.action('Bump', { k: range(1, 2) }, ({ k }) => [when(lt(plus(x, k), 3)), set(x, plus(x, k))]);
      b.invariant('Below2', lt(x, 2));
      b.config('c', { checkDeadlock: false });
    });
    const r = await run(m);
    expect(traceOf(r.outcome)).toEqual(['0', '2|Bump(2)']);
    const r1 = await run({ ...specOf(m), invariants: [{ name: 'Not1', conjuncts: [{ check: (e) => e.s[0] !== 1 }] }] });
    expect(traceOf(r1.outcome)).toEqual(['0', '1|Inc()']);
  });

  it('a step no action names, or that re-running Next does not find, keeps its values alone', async () => {
    const base = specOf(pair(), 'not_both');
    const unnamed = await run({ ...base, next: (e, k) => base.next(e, () => { const a = e.action; e.action = undefined; try { k(); } finally { e.action = a; } }) });
    expect(traceOf(unnamed.outcome)).toEqual(['0,0', '1,0', '2,0', '2,1']);
    // Next errs when re-run on (2,0) for the trace: the last step is kept by its values.
    let searching = true;
    const spec: CompiledSpec = { ...base, next: (e, k) => { if (!searching && e.s[0] === 2) throw new EvalError('later'); base.next(e, k); } };
    const watch = { state: (vals: readonly Value[]) => { if (vals[0] === 2 && vals[1] === 1) searching = false; }, successor: () => undefined, expand: () => undefined } as unknown as Watch;
    const r = await run(spec, { watch });
    expect(traceOf(r.outcome)).toEqual(['0,0', '1,0|Up()', '2,0|Up()', '2,1']);
  });
});

describe('limits stop the search, never as a pass', () => {
  /** x counts up to 300: one state per level. */
  const long = () => model('Long', (b) => {
    const x = b.variable('x', t.int(0, 300), 0);
    b.action('Up', {}, () => [when(lt(x, 300)), set(x, plus(x, 1))]);
    b.config('c', { checkDeadlock: false });
  });

  it('more distinct states than --max-states, checked every 256 states', async () => {
    const r = await run(long(), { maxStates: 10 });
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'stopped at 257 distinct states: more than --max-states 10 (not a pass)' });
    expect(counts(r)).toEqual({ distinct: 257, generated: 257, depth: 257 });
    expect((await run(long(), { maxStates: 301 })).outcome).toEqual({ kind: 'passed' });
    expect((await run(long(), { maxStates: 257 })).outcome).toEqual({ kind: 'passed' });
  });

  it('an aborted signal', async () => {
    const ac = new AbortController();
    ac.abort();
    const r = await run(long(), { signal: ac.signal });
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'aborted' });
    expect(r.distinct).toBe(1);
  });

  it('the time limit', async () => {
    const base = specOf(long());
    const spec: CompiledSpec = { ...base, init: (e, k) => { const until = performance.now() + 5; while (performance.now() < until) { /* spin */ } base.init(e, k); } };
    const r = await run(spec, { timeoutMs: 2 });
    expect(r.outcome).toEqual({ kind: 'timeout', afterMs: 2 });
    expect((await run(long(), { timeoutMs: 60_000 })).outcome).toEqual({ kind: 'passed' });
  });

  it('memory: the process using more than the limit', async () => {
    const r = await run(long(), { memoryLimit: 1 });
    expect(r.outcome.kind).toBe('crashed');
    expect(r.outcome.kind === 'crashed' && r.outcome.message).toMatch(/^out of memory: stopped at 1 distinct states \(\d+ MiB resident, \d+ MiB heap; limit 0 MiB\) — not a pass; try --max-states or a smaller config$/);
    // The figures are this process's, in MiB: at least one, at most the machine's memory.
    const [resident, heap] = (r.outcome.kind === 'crashed' ? r.outcome.message : '').match(/\d+(?= MiB)/g)!.map(Number);
    const total = os.totalmem() / 2 ** 20;
    expect(resident).toBeGreaterThanOrEqual(1);
    expect(resident).toBeLessThanOrEqual(total);
    expect(heap).toBeGreaterThanOrEqual(1);
    expect(heap).toBeLessThanOrEqual(total);
  });

  it('a full fingerprint table, or a RangeError anywhere, is out of memory', async () => {
    const full = await run(long(), { tableLog2: 4 });
    expect(full.outcome.kind).toBe('crashed');
    expect(full.outcome.kind === 'crashed' && full.outcome.message).toMatch(/^out of memory at \d+ distinct states: the fingerprint table is full \(\d+ states in 2\^4 slots\) — not a pass$/);
    const watch = { state: () => undefined, successor: () => undefined, expand: () => { throw new RangeError('Invalid array length'); } } as unknown as Watch;
    const r = await run(long(), { watch });
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'out of memory at 1 distinct states: Invalid array length — not a pass' });
  });

  it('progress every second while exploring: distinct, queue, depth, generated', async () => {
    const base = specOf(long());
    let slow = true;
    const spec: CompiledSpec = { ...base, next: (e, k) => { if (slow) { slow = false; const until = performance.now() + 1100; while (performance.now() < until) { /* spin */ } } base.next(e, k); } };
    const seen: unknown[] = [];
    const t0 = performance.now();
    const r = await run(spec, { onProgress: (p) => seen.push(p) });
    const elapsed = performance.now() - t0;
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(seen).toEqual([{ phase: 'exploring', distinct: 257, queue: 1, depth: 257, generated: 257, distinctPerMinute: expect.any(Number) }]);
    // 257 states in more than 1.1 s and less than the whole run.
    const rate = (seen[0] as { distinctPerMinute: number }).distinctPerMinute;
    expect(rate).toBeGreaterThanOrEqual(Math.floor(257 / (elapsed / 60_000)));
    expect(rate).toBeLessThanOrEqual(Math.ceil(257 / (1100 / 60_000)));
  });

  it('the search lets the event loop in every 200 ms: at the first checkpoint after a slow state, without a progress callback', async () => {
    const base = specOf(long());
    let fired = false, firedBy: number | undefined, slow = true;
    const spec: CompiledSpec = { ...base, next: (e, k) => {
      if (fired && firedBy === undefined) firedBy = e.s[0] as number;
      if (slow) { slow = false; const until = performance.now() + 1100; while (performance.now() < until) { /* spin */ } setImmediate(() => { fired = true; }); }
      base.next(e, k);
    } };
    const r = await run(spec);
    expect(r.outcome).toEqual({ kind: 'passed' });
    // Checkpoints come every 256 states: the first after the slow one is before state 256.
    expect(firedBy).toBe(256);
  });
});

/** A pool whose workers are Expanders over `spec` in this thread, values crossing as they would (structuredClone). */
class SpecPool implements Pool {
  readonly ready = true;
  readonly failure = undefined;
  batches = 0;
  closed = 0;
  private readonly members: { e: Expander; known: number[] }[];
  /** `lateMs`: each answer only after that long, as a busy worker's. */
  constructor(spec: CompiledSpec, workers: number, private readonly lateMs?: number) { this.members = Array.from({ length: workers }, () => ({ e: new Expander(spec), known: [] })); }
  expand(rows: Int32Array, tables: readonly ValueTable[]): Promise<BatchResult> {
    const m = this.members[this.batches++ % this.members.length]!;
    const answer = resultFromWire(structuredClone(resultToWire(m.e.expand(batchFromWire(structuredClone(batchToWire(batchFor(rows, tables, m.known))))))));
    return this.lateMs === undefined ? Promise.resolve(answer) : new Promise((resolve) => setTimeout(() => resolve(answer), this.lateMs));
  }
  close(): Promise<void> { this.closed++; return Promise.resolve(); }
}

describe('the parallel search finds what one thread finds', () => {
  const parallel = (spec: CompiledSpec, pool: () => Pool, from = 0) => ({ parallel: { workers: 2, from, source: undefined as never, pool } });
  const full = (r: SearchResult) => ({ outcome: r.outcome, trace: 'trace' in r.outcome ? steps(r.outcome.trace) : undefined, ...counts(r), bytes: r.bytes });
  /** A watcher logging what it is told. */
  const logging = () => {
    const log: string[] = [];
    const watch = {
      state: (vals: readonly Value[]) => { log.push(`state ${vals.map((v) => show(v)).join()}`); },
      successor: (a: { name: string } | undefined) => { log.push(`successor ${a?.name}`); },
      expand: (again: boolean) => { log.push(`expand ${again}`); },
    } as unknown as Watch;
    return { log, watch };
  };
  /** x in 0..600 picked once from 0, then y set: 1 + 600 + 600 states, a level wider than the workers' batches. */
  const wide = () => model('Wide', (b) => {
    const x = b.variable('x', t.int(0, 600), 0);
    const y = b.variable('y', t.int(0, 1), 0);
    b.action('Pick', { v: range(1, 600) }, ({ v }) => [when(eq(x, 0)), set(x, v)]);
    b.action('Mark', {}, () => [when(and(gt(x, 0), eq(y, 0))), set(y, 1)]);
    b.invariant('Not599Marked', or(neq(x, 599), eq(y, 0)));
    b.config('plain', { invariants: [], checkDeadlock: false });
    b.config('violated', { invariants: ['Not599Marked'], checkDeadlock: false });
  });
  /** x and y in 0..20, each step raising one: 441 states, levels up to 21 wide. */
  const grid = () => model('Grid', (b) => {
    const x = b.variable('x', t.int(0, 20), 0);
    const y = b.variable('y', t.int(0, 20), 0);
    b.action('X', {}, () => [when(lt(x, 20)), set(x, plus(x, 1))]);
    b.action('Y', { d: range(1, 1) }, ({ d }) => [when(lt(y, 20)), set(y, plus(y, d))]);
    b.constraint('Inside', lt(plus(x, y), 30));
    b.invariant('Far', lt(plus(x, y), 25));
    b.property('Slow', alwaysAction(le(primed(y), 15), y));
    b.config('plain', { invariants: [], checkDeadlock: false });
    b.config('dead', { invariants: [], checkDeadlock: true });
    b.config('inside', { invariants: [], constraints: ['Inside'], checkDeadlock: false });
    b.config('far', { invariants: ['Far'], constraints: ['Inside'], checkDeadlock: false });
    b.config('slow', { invariants: [], properties: ['Slow'], checkDeadlock: false });
  });
  const cases: [string, () => CompiledSpec][] = [
    ['grid', () => specOf(grid(), 'plain')],
    ['wide: this thread expands batches too', () => specOf(wide(), 'plain')],
    ['wide, an invariant violated with batches in flight', () => specOf(wide(), 'violated')],
    ['grid, deadlock at (20,20)', () => specOf(grid(), 'dead')],
    ['grid inside a constraint', () => specOf(grid(), 'inside')],
    ['grid, an invariant violated outside the constraint', () => specOf(grid(), 'far')],
    ['grid, an action property', () => specOf(grid(), 'slow')],
    ['pair, an invariant', () => specOf(pair(), 'not_both')],
    ['pair, an action property to a state seen before', () => specOf(pair(), 'y_never_falls')],
    ['cycle, a temporal property', () => specOf(model('Cyc', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Step', {}, () => [set(x, mod(plus(x, 1), 3))], { fairness: 'weak' });
      b.property('Never3', eventually(eq(x, 3)));
      b.config('c', { properties: ['Never3'], checkDeadlock: false });
    }))],
    ['an incomplete successor', () => { const s = specOf(grid(), 'plain'); return { ...s, next: (e, k) => s.next(e, () => { if (e.s[0] === 3 && e.s[1] === 4 && e.action?.name === 'Y') { const y = e.n[1]; e.n[1] = undefined; try { k(); } finally { e.n[1] = y; } } else k(); }) }; }],
    ['an evaluation error', () => { const s = specOf(grid(), 'plain'); return { ...s, next: (e, k) => { if (e.s[0] === 5 && e.s[1] === 2) throw new EvalError('at (5,2)'); s.next(e, k); } }; }],
  ];
  it.each(cases)('%s', async (_, make) => {
    const spec = make();
    const checkDeadlock = _.includes('deadlock');
    const [a, b] = [logging(), logging()];
    const one = await search(spec, { checkDeadlock, watch: a.watch });
    let pool: SpecPool | undefined;
    const many = await search(spec, { checkDeadlock, watch: b.watch, ...parallel(spec, () => (pool = new SpecPool(make(), 2))) });
    expect(full(many)).toEqual(full(one));
    expect(b.log).toEqual(a.log);
    expect(pool!.batches).toBeGreaterThan(1);
    expect(pool!.closed).toBe(1);
  });

  it('the outcomes differ between the cases: the comparison is not of passes only', async () => {
    const kinds = [];
    for (const [label, make] of cases) kinds.push((await search(make(), { checkDeadlock: label.includes('deadlock') })).outcome.kind);
    expect(kinds).toEqual(['passed', 'passed', 'invariant', 'deadlock', 'passed', 'invariant', 'property', 'invariant', 'property', 'property', 'evalError', 'evalError']);
  });

  it('limits in the parallel search: --max-states and an abort', async () => {
    const spec = specOf(grid(), 'plain');
    const r = await search(spec, { checkDeadlock: false, maxStates: 100, ...parallel(spec, () => new SpecPool(specOf(grid(), 'plain'), 2)) });
    expect(r.outcome.kind).toBe('crashed');
    expect(r.outcome.kind === 'crashed' && r.outcome.message).toMatch(/^stopped at \d+ distinct states: more than --max-states 100 \(not a pass\)$/);
    expect(r.distinct).toBeGreaterThan(100);
    expect(r.distinct).toBeLessThan(441);
    // Aborted once 200 states are found: both stop before expanding state 256, with the same counts.
    const aborting = () => { const ac = new AbortController(); let n = 0; return { signal: ac.signal, watch: { state: () => { if (++n === 200) ac.abort(); }, successor: () => undefined, expand: () => undefined } as unknown as Watch }; };
    const one = await search(spec, { checkDeadlock: false, ...aborting() });
    const many = await search(spec, { checkDeadlock: false, ...aborting(), ...parallel(spec, () => new SpecPool(specOf(grid(), 'plain'), 2)) });
    expect(one.outcome).toEqual({ kind: 'crashed', message: 'aborted' });
    expect(full(many)).toEqual(full(one));
  });

  it('the pool starts once `from` states are found, is never started with each or partial-order reduction, and is closed', async () => {
    const spec = specOf(grid(), 'plain');
    let started = 0;
    const make = () => { started++; return new SpecPool(specOf(grid(), 'plain'), 2); };
    const late = await search(spec, { checkDeadlock: false, ...parallel(spec, make, 200) });
    expect(started).toBe(1);
    expect(late.distinct).toBe(441);
    const never = await search(spec, { checkDeadlock: false, ...parallel(spec, make, 1000) });
    expect(started).toBe(1);
    expect(never.distinct).toBe(441);
    await search(spec, { checkDeadlock: false, each: true, ...parallel(spec, make) });
    await search(spec, { checkDeadlock: false, por: new Set(['X']), ...parallel(spec, make) });
    expect(started).toBe(1);
  });

  it('workers answering late: this thread expands ahead, and a violation found meanwhile drops what is pending', async () => {
    for (const config of ['plain', 'violated']) {
      const spec = specOf(wide(), config);
      const one = await search(spec, { checkDeadlock: false });
      const many = await search(spec, { checkDeadlock: false, ...parallel(spec, () => new SpecPool(specOf(wide(), config), 2, 5)) });
      expect(full(many)).toEqual(full(one));
    }
  });

  it('from: the pool starts at the first checkpoint with that many states found', async () => {
    const spec = specOf(pair(), 'plain');
    let pool: SpecPool | undefined;
    const r = await search(spec, { checkDeadlock: false, ...parallel(spec, () => (pool = new SpecPool(specOf(pair(), 'plain'), 2)), 1) });
    expect(counts(r)).toEqual({ distinct: 6, generated: 17, depth: 4 });
    expect(pool!.batches).toBeGreaterThan(0);
  });

  it('without a pool given, the search starts worker threads from the source (on six states it ends before they are ready)', async () => {
    const m = pair();
    const { text, spans } = emitModule(m.module);
    const config = m.module.configs.find((c) => c.name === 'not_both')!;
    const spec = compileSpec(m.module, config, text, spans);
    const one = await search(spec, { checkDeadlock: false });
    const many = await search(spec, { checkDeadlock: false, parallel: { workers: 1, from: 0, source: { module: m.module, config, tla: text, spans } } });
    expect(full(many)).toEqual(full(one));
  });

  it('a pool that is not ready yet leaves the search in this thread; it is still closed', async () => {
    const spec = specOf(pair(), 'plain');
    let closed = 0;
    const idle: Pool = { ready: false, failure: undefined, expand: () => Promise.reject(new Error('not ready')), close: () => { closed++; return Promise.resolve(); } };
    const r = await search(spec, { checkDeadlock: false, ...parallel(spec, () => idle) });
    expect(counts(r)).toEqual({ distinct: 6, generated: 17, depth: 4 });
    expect(closed).toBe(1);
  });

  it('a pool that fails stops the search as a crash; an error of the search itself is not blamed on it', async () => {
    const spec = specOf(grid(), 'plain');
    const failure = new Error('a search worker exited (code 1)');
    const dying: Pool = { ready: true, failure, expand: () => Promise.reject(failure), close: () => Promise.resolve() };
    const r = await search(spec, { checkDeadlock: false, ...parallel(spec, () => dying) });
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'a search worker exited (code 1) — not a pass' });
    const other = new Error('something else');
    const odd: Pool = { ready: true, failure, expand: () => Promise.reject(other), close: () => Promise.resolve() };
    await expect(search(spec, { checkDeadlock: false, ...parallel(spec, () => odd) })).rejects.toBe(other);
  });
});
