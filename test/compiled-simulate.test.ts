/**
 * Random walks of the compiled verifier (dsl/check/compiled/simulate.ts) on small models: every
 * way a walk ends (invariant in an initial or a later state, deadlock, assert, evaluation error,
 * constraint, trace count, time limit, abort) and what it reports, and the seeded generator.
 */
import { describe, expect, it } from 'vitest';
import { alwaysAction, and, assert, div, emptySet, eq, ge, gt, label, le, loop, lt, minus, model, neq, plus, primed, range, set, setOf, t, TRUE, when, type Model } from '../dsl/index.js';
import { emitModule } from '../dsl/emit/module.js';
import { compileSpec } from '../dsl/check/compiled/compile.js';
import { NO_INITIAL_STATE, NO_INITIAL_STATE_IN_MODEL, rng, walk, type WalkOptions } from '../dsl/check/compiled/simulate.js';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { search } from '../dsl/check/compiled/search.js';
import { initialError, jobOf } from './helpers/compiled-job.js';
import { tlcSkipNote } from './helpers/t2-java.js';
import { show } from '../dsl/check/compiled/values.js';
import { noVariables } from './fixtures/no-variables.js';

/** The compiled spec of `m`'s config `config` (its first when not named). */
function spec(m: Model, config?: string) {
  const { text, spans } = emitModule(m.module);
  const c = config === undefined ? m.module.configs[0]! : m.module.configs.find((x) => x.name === config)!;
  return compileSpec(m.module, c, text, spans);
}
const tlc = await findTlc();
const run = (m: Model, o: Partial<WalkOptions> = {}, config?: string) => walk(spec(m, config), { seed: 7n, depth: 10, traces: 3, checkDeadlock: true, ...o });
const states = (trace: readonly { values: readonly unknown[] }[]) => trace.map((s) => s.values.map((v) => show(v as never)).join(','));

/** x counts up by one from `start` to 3, then stops (a deadlock unless it may stutter). */
const counter = (opts: { start?: number; inv?: number; stutter?: boolean; constraintBelow?: number } = {}) => model('Count', (m) => {
  const x = m.variable('x', t.int(0, 9), opts.start ?? 0);
  m.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
  if (opts.stutter) m.action('Stay', {}, () => [when(ge(x, 3)), set(x, x)]);
  if (opts.inv !== undefined) m.invariant('Small', le(x, opts.inv));
  if (opts.constraintBelow !== undefined) m.constraint('Bounded', lt(x, opts.constraintBelow));
  m.config('c', { ...(opts.constraintBelow === undefined ? {} : { constraints: ['Bounded'] }), ...(opts.inv === undefined ? {} : { invariants: ['Small'] }) });
});

/** x counts up to 3; x ≤ 1 is both an invariant and an action property (on x'). */
const invariantAndProperty = () => model('Both', (b) => {
  const x = b.variable('x', t.int(0, 9), 0);
  b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
  b.invariant('Small', le(x, 1));
  b.property('StepSmall', alwaysAction(le(primed(x), 1)) as never);
  b.config('c', { invariants: ['Small'], properties: ['StepSmall'], checkDeadlock: false });
});

/** `x \in {}`: no initial state at all. */
const noInit = () => model('NoInit', (b) => {
  const x = b.variableIn('x', t.int(0, 3), emptySet(t.int(0, 3)));
  b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
  b.config('c', { checkDeadlock: false });
});

/** x counts up from 0 in a process step that asserts x < 2 first. */
const asserting = () => model('Asserting', (m) => {
  const x = m.variable('x', t.int(0, 9), 0);
  m.process('P', 'p', {}, () => [loop('l', TRUE(), [assert('Low', lt(x, 2)), set(x, plus(x, 1))])]);
  m.config('c');
});

describe('walk', () => {
  it('passes a model with nothing to find: every trace as long as the depth allows, every successor counted', async () => {
    const r = await run(counter({ stutter: true }), { depth: 5, traces: 4 });
    expect(r).toEqual({ outcome: { kind: 'passed' }, traces: 4, generated: 1 + 4 * 5, longest: 6, timeLimited: false });
  });
  it('a violated invariant in a later state: its name, not initial, the trace from the initial state to the bad one', async () => {
    const r = await run(counter({ inv: 1 }));
    expect(r.outcome.kind).toBe('invariant');
    if (r.outcome.kind !== 'invariant') return;
    expect(r.outcome).toMatchObject({ name: 'Small', initial: false });
    expect(states(r.outcome.trace)).toEqual(['0', '1', '2']);
    expect(r.outcome.trace[1]!.action?.name).toBe('Up');
    expect(r.traces).toBe(1);
  });
  it('a violated invariant in an initial state: initial, a one-state trace, no walk', async () => {
    const r = await run(counter({ start: 5, inv: 1 }));
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'Small', initial: true });
    if (r.outcome.kind === 'invariant') expect(states(r.outcome.trace)).toEqual(['5']);
    expect(r.traces).toBe(0);
    expect(r.generated).toBe(1);
  });
  it('a state with no successor is a deadlock when deadlock is checked, else the trace just ends', async () => {
    const r = await run(counter());
    expect(r.outcome.kind).toBe('deadlock');
    if (r.outcome.kind === 'deadlock') expect(states(r.outcome.trace)).toEqual(['0', '1', '2', '3']);
    const off = await run(counter(), { checkDeadlock: false, traces: 2 });
    expect(off).toEqual({ outcome: { kind: 'passed' }, traces: 2, generated: 1 + 2 * 3, longest: 4, timeLimited: false });
  });
  it('a failed assert: its name and the trace up to the state the failing step starts from', async () => {
    const r = await run(asserting());
    expect(r.outcome).toMatchObject({ kind: 'assert', name: 'Low' });
    if (r.outcome.kind === 'assert') expect(r.outcome.trace.map((s) => show(s.values[0]!))).toEqual(['0', '1', '2']);
  });
  it('an evaluation error in a step: evalError with TLC\'s message', async () => {
    const m = model('Div', (b) => {
      const x = b.variable('x', t.int(-1, 3), 1);
      b.action('Down', {}, () => [when(ge(x, 0)), set(x, minus(x, div(1, x)))]);
      b.config('c');
    });
    const r = await run(m);
    expect(r.outcome.kind).toBe('evalError');
    if (r.outcome.kind === 'evalError') {
      expect(r.outcome.message).toBe('The second argument of \\div is 0.');
      expect(states(r.outcome.trace)).toEqual(['1', '0']);
    }
  });
  it("an evaluation error in a successor's constraint or action property: the trace ends with that successor, as TLC's does", async () => {
    const m = model('SuccessorError', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
      b.constraint('Small', lt(div(2, minus(x, 2)), 5));
      b.property('StepSmall', alwaysAction(lt(div(2, minus(primed(x), 2)), 5)) as never);
      b.config('constraint', { constraints: ['Small'], checkDeadlock: false });
      b.config('property', { properties: ['StepSmall'], checkDeadlock: false });
    });
    // TLC's message names an action property being checked (not a constraint) on a line of its own.
    for (const [config, prefix] of [['constraint', ''], ['property', 'Evaluating action property StepSmall failed.\n']]) {
      const r = await run(m, {}, config);
      expect(r.outcome.kind === 'evalError' && [r.outcome.message, states(r.outcome.trace), r.outcome.trace.at(-1)!.action?.name]).toEqual([`${prefix}The second argument of \\div is 0.`, ['0', '1', '2'], 'Up']);
    }
  });
  it('an evaluation error in an invariant is reported, not passed', async () => {
    const m = model('BadInv', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Up', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
      b.invariant('Safe', eq(div(2, minus(1, x)), 2));
      b.config('c', { invariants: ['Safe'], checkDeadlock: false });
    });
    const r = await run(m);
    expect(r.outcome.kind).toBe('evalError');
    if (r.outcome.kind === 'evalError') expect(states(r.outcome.trace)).toEqual(['0', '1']);
  });
  it('a state constraint: states outside it are not walked into; a state with only such successors is a deadlock, as in TLC\'s simulator (checked), else ends the trace', async () => {
    // 0 -> 1 -> (2, outside): TLC's simulator never adds a successor outside the constraint, so 1 has none.
    const stuck = await run(counter({ inv: 3, constraintBelow: 2 }), { traces: 2 });
    expect(stuck.outcome.kind).toBe('deadlock');
    if (stuck.outcome.kind === 'deadlock') expect(states(stuck.outcome.trace)).toEqual(['0', '1']);
    const ok = await run(counter({ inv: 3, constraintBelow: 2 }), { traces: 2, checkDeadlock: false });
    expect(ok).toEqual({ outcome: { kind: 'passed' }, traces: 2, generated: 1 + 2 * 2, longest: 2, timeLimited: false });
    // A state outside the constraint is still checked against the invariants.
    const r = await run(counter({ inv: 1, constraintBelow: 2 }), { traces: 2 });
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'Small' });
  });
  it('no initial state to walk from — none inside the constraint, none at all, or a spec without variables — is an error with TLC\'s message, never a pass; the exhaustive search passes with no states, as TLC\'s does', async () => {
    const outside = counter({ start: 3, constraintBelow: 2 });
    expect(await run(outside)).toEqual({ outcome: { kind: 'crashed', message: NO_INITIAL_STATE_IN_MODEL }, traces: 0, generated: 1, longest: 0, timeLimited: false });
    const empty = noInit();
    expect(await run(empty)).toEqual({ outcome: { kind: 'crashed', message: NO_INITIAL_STATE }, traces: 0, generated: 0, longest: 0, timeLimited: false });
    expect(await run(noVariables)).toEqual({ outcome: { kind: 'crashed', message: NO_INITIAL_STATE }, traces: 0, generated: 0, longest: 0, timeLimited: false });
    for (const m of [outside, empty, noVariables]) {
      const exhaustive = await checkCompiled(jobOf(m));
      expect([exhaustive.verdict.kind, exhaustive.counts?.distinct]).toEqual(['passed', 0]);
    }
  });
  it('a successor breaking an invariant and an action property: the invariant, checked first, as TLC\'s simulator does', async () => {
    const r = await run(invariantAndProperty());
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'Small', initial: false });
    if (r.outcome.kind === 'invariant') expect(states(r.outcome.trace)).toEqual(['0', '1', '2']);
  });
  it.skipIf(!tlc.found)(`TLC -simulate agrees: a deadlock where no successor is inside the constraint; the invariant before the action property${tlc.found ? '' : tlcSkipNote(tlc)}`, async () => {
    for (const [m, kind, length] of [[counter({ inv: 3, constraintBelow: 2 }), 'deadlock', 2], [invariantAndProperty(), 'invariant', 3]] as const) {
      const options = { simulate: { seed: 1n, traces: 3, depth: 10 } };
      const [theirs, mine] = [await tlcChecker.check(jobOf(m), options), await checkCompiled(jobOf(m), options)];
      for (const r of [theirs, mine]) {
        expect(r.verdict.kind, r.backend).toBe(kind);
        if (r.verdict.kind === 'deadlock' || r.verdict.kind === 'invariant') expect(r.verdict.trace.length, r.backend).toBe(length);
      }
    }
  }, 60_000);
  it.skipIf(!tlc.found)(`no initial state to walk from: TLC -simulate says the same${tlc.found ? '' : tlcSkipNote(tlc)}`, async () => {
    for (const [m, message] of [[counter({ start: 3, constraintBelow: 2 }), NO_INITIAL_STATE_IN_MODEL], [noInit(), NO_INITIAL_STATE], [noVariables, NO_INITIAL_STATE]] as const) {
      const theirs = await tlcChecker.check(jobOf(m), { simulate: { seed: 1n, traces: 5 } });
      const mine = await checkCompiled(jobOf(m), { simulate: { seed: 1n, traces: 5 } });
      expect(mine.verdict).toEqual({ kind: 'crashed', message });
      expect(theirs.verdict.kind).toBe('crashed');
      if (theirs.verdict.kind === 'crashed') expect(theirs.verdict.message.split('\n')[0]).toBe(message);
    }
  }, 60_000);
  it('no trace count: the time limit ends it as a pass that says so', async () => {
    const r = await run(counter({ stutter: true }), { traces: undefined, timeoutMs: 0 });
    expect(r.outcome).toEqual({ kind: 'passed' });
    expect(r.timeLimited).toBe(true);
  });
  it('an aborted signal ends it as crashed, never a pass', async () => {
    const r = await run(counter({ stutter: true }), { traces: undefined, signal: AbortSignal.abort() });
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'aborted' });
  });
  it('the same seed walks the same traces', async () => {
    const branching = () => model('Branch', (b) => {
      const x = b.variable('x', t.int(0, 20), 0);
      b.action('One', {}, () => [when(lt(x, 19)), set(x, plus(x, 1))]);
      b.action('Two', {}, () => [when(lt(x, 19)), set(x, plus(x, 2))]);
      b.config('c', { checkDeadlock: false });
    });
    const a = await run(branching(), { seed: 3n, depth: 30, traces: 1, checkDeadlock: false });
    const b = await run(branching(), { seed: 3n, depth: 30, traces: 1, checkDeadlock: false });
    expect(a).toEqual(b);
  });
});

describe('walk: what the first mutation run let through', () => {
  it('an error while checking an invariant is that error, not "not a boolean"', async () => {
    const m = model('BadInv2', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Up', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
      b.invariant('Safe', eq(div(2, minus(1, x)), 2));
      b.config('c', { invariants: ['Safe'], checkDeadlock: false });
    });
    const r = await run(m);
    expect(r.outcome).toMatchObject({ kind: 'evalError', message: 'Evaluating invariant Safe failed.\nThe second argument of \\div is 0.' });
  });
  it('a violating initial state is reported even when a later initial state is fine', async () => {
    const m = model('Inits', (b) => {
      const x = b.variableIn('x', t.int(0, 9), setOf(0, 5));
      b.action('Stay', {}, () => [set(x, x)]);
      b.invariant('Pos', ge(x, 1));
      b.config('c');
    });
    const r = await run(m);
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'Pos', initial: true });
  });
  it('a violating successor is reported even when a later successor is fine', async () => {
    const m = model('Succ', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.action('Bad', {}, () => [when(eq(x, 0)), set(x, 5)]);
      b.action('Good', {}, () => [when(eq(x, 0)), set(x, 1)]);
      b.invariant('Small', le(x, 3));
      b.config('c', { checkDeadlock: false });
    });
    const r = await run(m, { traces: 1, depth: 1 });
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'Small', initial: false });
    expect(r.traces).toBe(1);
  });
  it('every state constraint must hold', async () => {
    const m = model('TwoC', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.action('Up', {}, () => [when(lt(x, 8)), set(x, plus(x, 1))]);
      b.constraint('Narrow', lt(x, 2));
      b.constraint('Wide', lt(x, 5));
      b.config('c', { constraints: ['Narrow', 'Wide'], checkDeadlock: false });
    });
    expect(await run(m, { traces: 2, checkDeadlock: false })).toEqual({ outcome: { kind: 'passed' }, traces: 2, generated: 1 + 2 * 2, longest: 2, timeLimited: false });
  });
  it('a time limit not reached does not cut the walks short; no progress report within a second', async () => {
    const seen: unknown[] = [];
    const r = await run(counter({ stutter: true }), { traces: 3, timeoutMs: 600_000, onProgress: (p) => seen.push(p) });
    expect(r).toMatchObject({ outcome: { kind: 'passed' }, traces: 3, timeLimited: false });
    expect(seen).toEqual([]);
  });
  it('the successor walked to is chosen at random: a violation two steps down the second branch is found', async () => {
    const m = model('Branches', (b) => {
      const x = b.variable('x', t.int(0, 20), 0);
      b.action('A', {}, () => [when(eq(x, 0)), set(x, 1)]);
      b.action('B', {}, () => [when(eq(x, 0)), set(x, 2)]);
      b.action('C', {}, () => [when(eq(x, 1)), set(x, 11)]);
      b.action('D', {}, () => [when(eq(x, 2)), set(x, 12)]);
      b.invariant('Never12', neq(x, 12));
      b.config('c', { checkDeadlock: false });
    });
    const r = await run(m, { traces: 40, depth: 3 });
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'Never12' });
  });
  it('each step keeps its own action arguments', async () => {
    const m = model('Args', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.action('Step', { p: range(0, 5) }, ({ p }) => [when(eq(p, x)), set(x, plus(x, 1))]);
      b.invariant('Below3', lt(x, 3));
      b.config('c');
    });
    const r = await run(m);
    expect(r.outcome.kind).toBe('invariant');
    if (r.outcome.kind === 'invariant') expect(r.outcome.trace.map((s) => s.args?.map((v) => show(v)))).toEqual([undefined, ['0'], ['1'], ['2']]);
  });
  it('an evaluation error in an initial state: evalError with no trace', async () => {
    const m = model('BadInit', (b) => {
      const x = b.variable('x', t.int(0, 3), div(1, 0));
      b.action('Stay', {}, () => [set(x, x)]);
      b.config('c');
    });
    expect((await run(m)).outcome).toEqual({ kind: 'evalError', message: 'The second argument of \\div is 0.', stack: expect.any(Array), trace: [] });
  });
  it("an evaluation error in an initial state's constraint or invariant, or in Init: what the search reports (Init's frames outermost, no trace)", async () => {
    for (const check of ['init', 'constraint', 'invariant'] as const) {
      const m = initialError(check);
      const searched = await search(spec(m), { checkDeadlock: false });
      const walked = await run(m);
      expect(walked.outcome.kind === 'evalError' && walked.outcome.stack.length).toBe(check === 'init' ? 4 : 6);
      expect(walked.outcome).toEqual(searched.outcome);
    }
  });
  it('a walk that runs past a second reports its progress (traces, states generated, longest trace)', async () => {
    const seen: { phase: string; traces?: number; generated?: number; depth?: number }[] = [];
    const r = await run(counter({ stutter: true }), { traces: undefined, timeoutMs: 1100, depth: 5, onProgress: (p) => seen.push(p) });
    expect(r.timeLimited).toBe(true);
    expect(seen.length).toBeGreaterThanOrEqual(1);
    expect(seen[0]).toMatchObject({ phase: 'exploring', depth: 6 });
    expect(seen[0]!.traces).toBeGreaterThan(0);
    expect(seen[0]!.generated).toBe(1 + 5 * seen[0]!.traces!);
  });
  it('an invariant that is not a boolean (only a cast gets one past the types) is an evaluation error, never a pass', async () => {
    const m = model('NotBool', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Stay', {}, () => [set(x, x)]);
      b.invariant('NB', plus(x, 1) as never);
      b.config('c');
    });
    expect((await run(m)).outcome).toEqual({ kind: 'evalError', message: 'The invariant NB is not a boolean.', stack: [], trace: [expect.anything()] });
  });
  it('a failed assert says where it is', async () => {
    const r = await run(asserting());
    expect(r.outcome.kind === 'assert' && r.outcome.location).toMatchObject({ module: 'Asserting' });
  });
  it('the longest trace is the longest of all, not the last', async () => {
    const m = model('Lengths', (b) => {
      const x = b.variable('x', t.int(0, 20), 0);
      b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
      b.action('Jump', {}, () => [when(eq(x, 0)), set(x, 10)]);
      b.config('c', { checkDeadlock: false });
    });
    // Traces end at 3 (4 states) or at 10 (2 states); over 30 traces both happen.
    for (const seed of [1n, 2n, 3n]) expect((await run(m, { seed, traces: 30, depth: 10, checkDeadlock: false })).longest).toBe(4);
  });
});

describe('walk: what the second mutation run let through', () => {
  /** x and y count up together to 3: a spec whose successors the tests below tamper with. */
  const pair = () => spec(model('Pair', (b) => {
    const x = b.variable('x', t.int(0, 9), 0);
    const y = b.variable('y', t.int(0, 9), 0);
    b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1)), set(y, plus(y, 1))]);
    b.config('c', { checkDeadlock: false });
  }));
  const opts: WalkOptions = { seed: 7n, depth: 10, traces: 3, checkDeadlock: false };

  it('a successor that leaves a variable unassigned is an evaluation error naming the action and the variable (TLC\'s message)', async () => {
    const s = pair();
    // Only a hand-made spec can do this: the compiler assigns every variable (UNCHANGED included).
    const r = await walk({ ...s, next: (e, k) => s.next(e, () => { const n = e.n; const y = n[1]; n[1] = undefined; try { k(); } finally { n[1] = y; } }) }, opts);
    expect(r.outcome).toEqual({ kind: 'evalError', message: 'Successor state is not completely specified by action Up: y is not assigned.', stack: [], trace: [expect.anything()] });
    if (r.outcome.kind === 'evalError') expect(states(r.outcome.trace)).toEqual(['0,0']);
  });
  it('without an action being evaluated, the unassigned variable is blamed on Next', async () => {
    const s = pair();
    const r = await walk({ ...s, next: (e, k) => s.next(e, () => { const n = e.n; const x = n[0], a = e.action; n[0] = undefined; e.action = undefined; try { k(); } finally { n[0] = x; e.action = a; } }) }, opts);
    expect(r.outcome).toMatchObject({ kind: 'evalError', message: 'Successor state is not completely specified by action Next: x is not assigned.' });
  });
  it('a step without an action keeps no action and no arguments', async () => {
    const s = pair();
    const r = await walk({ ...s, invariants: [{ name: 'Low', conjuncts: [{ check: (e) => e.s[0] !== 2 }] }], next: (e, k) => s.next(e, () => { const a = e.action; e.action = undefined; try { k(); } finally { e.action = a; } }) }, opts);
    expect(r.outcome).toMatchObject({ kind: 'invariant', name: 'Low' });
    if (r.outcome.kind === 'invariant') expect(r.outcome.trace.map((st) => Object.keys(st).sort().join())).toEqual(['values', 'values', 'values']);
  });
  it('an error of another kind while stepping or starting is a crash with its message, never a pass', async () => {
    const s = pair();
    const stepping = await walk({ ...s, next: () => { throw new TypeError('broken step'); } }, opts);
    expect(stepping.outcome).toEqual({ kind: 'crashed', message: 'broken step' });
    const starting = await walk({ ...s, init: () => { throw new RangeError('broken init'); } }, opts);
    expect(starting.outcome).toEqual({ kind: 'crashed', message: 'broken init' });
  });
  /** x goes up by one to 3, or from 2 jumps back to 0: `Mono` ([][x' >= x]_x) fails only on the jump; `Bounded` ([][x' <= 3]_x) never. */
  const jumping = () => model('Jump', (b) => {
    const x = b.variable('x', t.int(0, 9), 0);
    b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
    b.action('Back', {}, () => [when(eq(x, 2)), set(x, 0)]);
    b.property('Bounded', alwaysAction(le(primed(x), 3), x));
    b.property('Mono', alwaysAction(ge(primed(x), x), x));
    b.config('both', { properties: ['Bounded', 'Mono'], checkDeadlock: false });
    b.config('bounded', { properties: ['Bounded'], checkDeadlock: false });
    // The typed builders have no temporal `and`; the IR does.
    b.property('BoundedMono', and(alwaysAction(le(primed(x), 3), x) as never, alwaysAction(ge(primed(x), x), x) as never) as never);
    b.config('conjoined', { properties: ['BoundedMono'], checkDeadlock: false });
  });
  it('an action property broken by a step: its name and the trace up to and including that step', async () => {
    const r = await run(jumping(), { traces: 50, depth: 6, checkDeadlock: false }, 'both');
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'Mono' });
    if (r.outcome.kind === 'property') {
      expect(states(r.outcome.trace).slice(-3)).toEqual(['1', '2', '0']);
      expect(r.outcome.trace.at(-1)!.action?.name).toBe('Back');
    }
  });
  it('an action property of two conjuncts is broken when either is', async () => {
    const r = await run(jumping(), { traces: 50, depth: 6, checkDeadlock: false }, 'conjoined');
    expect(r.outcome).toMatchObject({ kind: 'property', name: 'BoundedMono' });
  });
  it('an action property every step keeps: the walks pass', async () => {
    const r = await run(jumping(), { traces: 20, depth: 6, checkDeadlock: false }, 'bounded');
    expect(r).toMatchObject({ outcome: { kind: 'passed' }, traces: 20 });
  });
  it('the walk yields to the event loop, so an abort signalled while it runs stops it', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    const r = await run(counter({ stutter: true }), { traces: undefined, timeoutMs: 5000, signal: ac.signal });
    expect(r.outcome).toEqual({ kind: 'crashed', message: 'aborted' });
    expect(r.timeLimited).toBe(false);
  });
  it('a walk that runs past a second without a progress callback still ends at its time limit', async () => {
    const r = await run(counter({ stutter: true }), { traces: undefined, timeoutMs: 1100, depth: 5 });
    expect(r).toMatchObject({ outcome: { kind: 'passed' }, timeLimited: true });
    expect(r.traces).toBeGreaterThan(0);
  });
});

describe('walk: what the third mutation run let through', () => {
  /** x from 0; the invariant x > 0 fails at once, and the constraint `2 \\div x < 5` cannot be evaluated there. */
  const invariantBeforeConstraint = () => model('InvBeforeConstraint', (b) => {
    const x = b.variable('x', t.int(0, 3), 0);
    b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
    b.config('c', { invariants: [b.invariant('Positive', gt(x, 0))], constraints: [b.constraint('Small', lt(div(2, x), 5))], checkDeadlock: false });
  });
  it('an initial state breaking an invariant is that violation, though its constraint cannot be evaluated: TLC\'s simulator checks the invariants first; its breadth-first search, the constraint', async () => {
    const m = invariantBeforeConstraint();
    expect((await run(m)).outcome).toEqual({ kind: 'invariant', name: 'Positive', initial: true, trace: [{ values: [0] }] });
    expect((await search(spec(m), { checkDeadlock: false })).outcome).toMatchObject({ kind: 'evalError', message: 'The second argument of \\div is 0.' });
  });
  it.skipIf(!tlc.found)(`TLC agrees: -simulate reports the invariant, the breadth-first search the constraint's error${tlc.found ? '' : tlcSkipNote(tlc)}`, async () => {
    const job = jobOf(invariantBeforeConstraint());
    const simulated = await tlcChecker.check(job, { simulate: { seed: 1n, traces: 3, depth: 5 } });
    expect(simulated.verdict).toMatchObject({ kind: 'invariant', name: 'Positive', initial: true });
    expect((await tlcChecker.check(job)).verdict.kind).toBe('evalError');
  }, 60_000);
  it('a TypeOK violation names the variable outside its type', async () => {
    const m = model('OutOfType', (b) => {
      const x = b.variable('x', t.int(0, 2), 0);
      b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
      b.config('c', { checkDeadlock: false });
    });
    expect((await run(m)).outcome).toMatchObject({ kind: 'invariant', name: 'TypeOK', initial: false, variable: 'x' });
  });
});

describe('walk: Terminating', () => {
  it('a walk through Terminating reports it as a step without parameters', async () => {
    const m = model('T2', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.action('Inc', {}, () => [when(lt(x, 5)), set(x, plus(x, 1))]);
      b.process('Proc', range(1, 1), {}, () => [label('a'), set(x, x)]);
      b.invariant('Small', lt(x, 4));
      b.config('c', { invariants: ['Small'], checkDeadlock: false });
    });
    const v = (await checkCompiled(jobOf(m), { simulate: { seed: 1n, traces: 5, depth: 20 } })).verdict;
    // Terminating is enabled, a stuttering step, once Proc is done: a walk takes it now and then.
    const steps = v.kind === 'invariant' ? v.trace.flatMap((s) => (s.action ? [s.action] : [])) : [];
    const terminating = steps.filter((a) => a.name === 'Terminating');
    expect(terminating.length).toBeGreaterThan(0);
    for (const a of terminating) expect(a.params).toEqual({});
    expect(steps.find((a) => a.name === 'Proc_a')?.params).toEqual({ self: '1' });
  });
});

describe('rng', () => {
  const take = (seed: bigint, n = 8) => { const next = rng(seed); return Array.from({ length: n }, () => next()); };
  it('is a function of the seed: the same seed, the same numbers; unsigned 32-bit', () => {
    expect(take(42n)).toEqual(take(42n));
    for (const v of take(42n, 100)) { expect(Number.isInteger(v)).toBe(true); expect(v).toBeGreaterThanOrEqual(0); expect(v).toBeLessThan(2 ** 32); }
  });
  it('seeds that differ in the low or only the high half differ; zero works', () => {
    const seqs = [0n, 1n, 2n, 1n << 32n, (1n << 32n) + 1n, 1n << 62n].map((s) => take(s).join());
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(new Set(take(0n, 16)).size).toBeGreaterThan(1);
  });
  it('spreads over the whole range (no stuck bits)', () => {
    const vs = take(5n, 2000);
    let or = 0, and = 0xffffffff;
    for (const v of vs) { or |= v; and &= v; }
    expect(or >>> 0).toBe(0xffffffff);
    expect(and).toBe(0);
    const high = vs.filter((v) => v >= 2 ** 31).length;
    expect(high).toBeGreaterThan(850);
    expect(high).toBeLessThan(1150);
  });
});
