/**
 * The compiled backend's entry (dsl/check/compiled/index.ts) on small models built in each test:
 * what it is and refuses, each verdict's shape, the random walks' and --por's results, checkEach's
 * cells, covers left undecided with why, and trace states as TLC prints them.
 */
import { describe, expect, it } from 'vitest';
import { COMPILED_VERSION, checkCompiled, checkEachCompiled, compiledChecker, forgetCompilations, traceStates } from '../dsl/check/compiled/index.js';
import { search, type Step } from '../dsl/check/compiled/search.js';
import { ModelValue } from '../dsl/check/compiled/values.js';
import { alwaysAction, alwaysEventually, and, assert, div, eq, eventually, exists, leadsTo, letIn, loop, lt, minus, model, or, pick, plus, primed, range, set, t, when, wf } from '../dsl/index.js';
import { compileSpec } from '../dsl/check/compiled/compile.js';
import type { CheckResult, TraceState } from '../dsl/check/result.js';
import type * as ir from '../dsl/ir/nodes.js';
import { findTlc } from '../dsl/check/tlc.js';
import { tlcOn, tlcSkipNote } from './helpers/t2-java.js';
import { jobOf } from './helpers/compiled-job.js';
import { peerModels } from '../models/peer/index.js';
import { mutexStarvation, unfairCompletion } from '../models/peer/liveness-bugs.js';

/** x counts 0, 1, 2 and stops; BelowTwo fails at 2; ReachesTwo is reached, ReachesThree never. */
const counter = () => model('IdxCounter', (b) => {
  const x = b.variable('x', t.int(0, 3), 0);
  b.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
  b.invariant('BelowTwo', lt(x, 2));
  b.cover('ReachesTwo', eq(x, 2));
  b.cover('ReachesThree', eq(x, 3));
  b.property('EventuallyTwo', eventually(eq(x, 2)));
  b.property('EventuallyOne', eventually(eq(x, 1)));
  b.property('Nested', leadsTo(alwaysEventually(eq(x, 1)), eq(x, 0)));
  b.config('passes', { invariants: [], covers: [], checkDeadlock: false });
  b.config('violated', { covers: ['ReachesTwo', 'ReachesThree'], checkDeadlock: false });
  b.config('covered', { invariants: [], covers: ['ReachesThree'], checkDeadlock: false });
  b.config('deadlocks', { invariants: [], covers: ['ReachesThree'], checkDeadlock: true });
  b.config('live', { invariants: [], covers: [], properties: ['EventuallyTwo'], checkDeadlock: false });
  b.config('lives', { invariants: [], covers: [], properties: ['EventuallyTwo', 'EventuallyOne'], checkDeadlock: false });
  b.config('nested', { invariants: [], covers: [], properties: ['Nested'], checkDeadlock: false });
});

const verdictKinds = (rs: readonly { verdict: { kind: string } }[]) => rs.map((r) => r.verdict.kind);

/** x counts to 600: past the search's first check of its limits (every 256 states). */
const long = () => model('IdxLong', (b) => {
  const x = b.variable('x', t.int(0, 600), 0);
  b.action('Inc', {}, () => [when(lt(x, 600)), set(x, plus(x, 1))]);
  b.cover('Overflows', eq(x, 601));
  b.config('c', { checkDeadlock: false });
});

/** x counts to 2; Reaches2 holds only under the spec's WF of a bare `\\E` (no definition) doing Inc's step. */
const fairBare = () => model('FairBare', (b) => {
  const x = b.variable('x', t.int(0, 2), 0);
  b.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
  const fair = b.spec('FairInc', { fairness: [wf(exists(range(1, 1), () => eq(primed(x), plus(x, 1))) as never)] });
  b.config('c', { invariants: [], checkDeadlock: false, spec: fair, properties: [b.property('Reaches2', eventually(eq(x, 2)))] });
});
const tlc = await findTlc();

describe('the compiled checker', () => {
  it('is embedded, named, and always available with its version', async () => {
    expect(compiledChecker.name).toBe('compiled');
    expect(compiledChecker.embedded).toBe(true);
    expect(await compiledChecker.available()).toEqual({ ok: true, version: COMPILED_VERSION, detail: `compiled (zswap-tla ${COMPILED_VERSION}, node ${process.version})` });
  });
  it('refuses a temporal formula it does not check, naming it; accepts the others', () => {
    expect(compiledChecker.refuses!(jobOf(counter(), 'nested'))).toMatch(/^the compiled backend does not check temporal property Nested: .*; use --backend tlc$/);
    expect(compiledChecker.refuses!(jobOf(counter(), 'live'))).toBeUndefined();
  });
  it('answers each config of one module for itself, asked in turn, past the compilations it keeps (four)', async () => {
    const m = counter();
    const [nested, live, violated, passes, covered] = [jobOf(m, 'nested'), jobOf(m, 'live'), jobOf(m, 'violated'), jobOf(m, 'passes'), jobOf(m, 'covered')];
    for (let round = 0; round < 3; round++) {
      expect(compiledChecker.refuses!(nested)).toMatch(/temporal property Nested/);
      expect(compiledChecker.refuses!(live)).toBeUndefined();
      expect(verdictKinds(await Promise.all([violated, passes, covered, live].map((j) => checkCompiled(j))))).toEqual(['invariant', 'passed', 'passed', 'property']);
    }
  });
  it('forgets its compilations when told, saying how many it kept (a refusal is kept too), and keeps the next one anew', async () => {
    const m = counter();
    forgetCompilations();
    await checkCompiled(jobOf(m, 'passes'));
    compiledChecker.refuses!(jobOf(m, 'nested'));
    await checkCompiled(jobOf(m, 'passes'));
    expect(forgetCompilations()).toBe(2);
    expect(forgetCompilations()).toBe(0);
    expect((await checkCompiled(jobOf(m, 'violated'))).verdict.kind).toBe('invariant');
    expect(forgetCompilations()).toBe(1);
  });
  it('a refused job checked anyway: crashed with the refusal, no counts', async () => {
    const r = await checkCompiled(jobOf(counter(), 'nested'));
    expect(r.verdict.kind === 'crashed' && r.verdict.message).toMatch(/^the compiled backend does not check temporal property Nested: /);
    expect(r).toMatchObject({ backend: 'compiled', version: COMPILED_VERSION, module: 'IdxCounter', config: 'nested' });
    expect('counts' in r).toBe(false);
  });
  it.each([{}, { thread: true }])('distributed checking is refused at once (%o), never run', async (o) => {
    const r = await checkCompiled(jobOf(counter(), 'passes'), { ...o, distributed: { localWorkers: 2 } });
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'distributed checking is TLC\'s: use --backend tlc' });
    expect('counts' in r).toBe(false);
  });
});

describe('verdicts and counts', () => {
  it('a pass: its counts', async () => {
    const r = await checkCompiled(jobOf(counter(), 'passes'));
    expect(r).toMatchObject({ backend: 'compiled', version: COMPILED_VERSION, module: 'IdxCounter', config: 'passes', verdict: { kind: 'passed' }, counts: { distinct: 3, generated: 3, depth: 3 } });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });
  it('an invariant violated: its trace in TLC\'s terms; the covers it stopped before are undecided, saying why', async () => {
    const r = await checkCompiled(jobOf(counter(), 'violated'));
    expect(r.verdict).toEqual({
      kind: 'invariant', name: 'BelowTwo', initial: false,
      trace: [
        { index: 1, vars: { x: '0' } },
        { index: 2, action: expect.objectContaining({ name: 'Inc', params: {} }), vars: { x: '1' } },
        { index: 3, action: expect.objectContaining({ name: 'Inc', params: {} }), vars: { x: '2' } },
      ],
    });
    expect(r.covers?.map((c) => [c.name, c.status, c.reason])).toEqual([
      ['ReachesTwo', 'reached', undefined],
      ['ReachesThree', 'undecided', 'the search stopped first, at the violation of BelowTwo'],
    ]);
  });
  it('TypeOK violated: the verdict names the variable outside its type (the pipeline names it for TLC; this backend itself)', async () => {
    const m = model('IdxType', (b) => {
      b.variable('y', t.int(0, 3), 0);
      const x = b.variable('x', t.int(0, 1), 0);
      b.action('Inc', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
      b.config('c', { checkDeadlock: false });
    });
    const r = await checkCompiled(jobOf(m));
    expect(r.verdict).toMatchObject({ kind: 'invariant', name: 'TypeOK', variable: 'x', initial: false });
    expect(r.verdict.kind === 'invariant' && r.verdict.trace.map((s) => s.vars.x)).toEqual(['0', '1', '2']);
  });
  it('a deadlock: its trace; an unreached cover there is undecided, at the deadlock', async () => {
    const r = await checkCompiled(jobOf(counter(), 'deadlocks'));
    expect(r.verdict.kind === 'deadlock' && r.verdict.trace.map((s) => s.vars.x)).toEqual(['0', '1', '2']);
    expect(r.covers?.map((c) => [c.name, c.status, c.reason])).toEqual([['ReachesThree', 'undecided', 'the search stopped first, at the deadlock']]);
  });
  it('--max-states: crashed, covers undecided with the search\'s message', async () => {
    const r = await checkCompiled(jobOf(long()), { maxStates: 10 });
    expect(r.verdict.kind).toBe('crashed');
    const msg = r.verdict.kind === 'crashed' ? r.verdict.message : '';
    expect(msg).toMatch(/more than --max-states 10/);
    expect(r.covers).toEqual([{ name: 'Overflows', status: 'undecided', reason: `the search stopped first: ${msg}` }]);
  });
  it('a time limit: timed out, covers undecided because of it', async () => {
    const r = await checkCompiled(jobOf(long()), { timeoutMs: 1e-9 });
    expect(r.verdict).toEqual({ kind: 'timeout', afterMs: 1e-9 });
    expect(r.covers).toEqual([{ name: 'Overflows', status: 'undecided', reason: 'the search timed out first' }]);
  });
  /** x counts to 3; `2 \\div (1 - x) < 9` cannot be evaluated at 1; the step to 2 breaks `[][x' < 2]_x`; x = 3 comes after both. */
  const stops = () => model('IdxStops', (b) => {
    const x = b.variable('x', t.int(0, 3), 0);
    b.action('Inc', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
    b.cover('ReachesThree', eq(x, 3));
    b.config('error', { invariants: [b.invariant('Divides', lt(div(2, minus(1, x)), 9))], covers: ['ReachesThree'], checkDeadlock: false });
    b.config('property', { invariants: [], properties: [b.property('StepBelowTwo', alwaysAction(lt(primed(x), 2), x))], covers: ['ReachesThree'], checkDeadlock: false });
  });
  /** A process asserting x < 1 before each step. */
  const asserts = () => model('IdxAsserts', (b) => {
    const x = b.variable('x', t.int(0, 3), 0);
    b.process('P', 'p', {}, () => [loop('l', lt(x, 3), [assert('Low', lt(x, 1)), set(x, plus(x, 1))])]);
    b.cover('ReachesThree', eq(x, 3));
    b.config('c', { covers: ['ReachesThree'], checkDeadlock: false });
  });
  it.each([
    ['an evaluation error', stops, 'error', 'evalError', 'the evaluation error (Evaluating invariant Divides failed.)'],
    ['an action property', stops, 'property', 'property', 'the violation of StepBelowTwo'],
    ['a failed assert', asserts, 'c', 'assert', 'the failed assert Low'],
  ] as const)('%s stops the search: an unreached cover is undecided, at that stop', async (_what, m, config, kind, at) => {
    const r = await checkCompiled(jobOf(m(), config));
    expect(r.verdict.kind).toBe(kind);
    expect(r.covers).toEqual([{ name: 'ReachesThree', status: 'undecided', reason: `the search stopped first, at ${at}` }]);
  });
  it('progress reaches the caller: starting, the search\'s own once it has run a second, and done', async () => {
    const m = model('IdxForever', (b) => {
      const x = b.variable('x', t.int(0, 10_000_000), 0);
      b.action('Inc', {}, () => [when(lt(x, 10_000_000)), set(x, plus(x, 1))]);
      b.config('c', { checkDeadlock: false });
    });
    const phases: string[] = [];
    // The search reports progress at its first check of its limits past a second; 2.5 s leaves a pause of 1.5 s room.
    const r = await checkCompiled(jobOf(m), { timeoutMs: 2500, onProgress: (p) => phases.push(p.phase) });
    expect(r.verdict.kind).toBe('timeout');
    expect([phases[0], phases.includes('exploring'), phases.at(-1)]).toEqual(['starting', true, 'done']);
  });
  it('a complete search: an unreached cover is unreached', async () => {
    const r = await checkCompiled(jobOf(counter(), 'covered'));
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.covers).toEqual([{ name: 'ReachesThree', status: 'unreached' }]);
  });
});

describe('liveness verdicts, step coverage, stopping', () => {
  it('a lasso that ends stuttering: no cycle start, no loop action', async () => {
    const v = (await checkCompiled(jobOf(unfairCompletion))).verdict;
    expect(v).toMatchObject({ kind: 'property', name: 'WaiterWakes', stuttering: true });
    expect(v.kind === 'property' && ['loopsTo' in v, 'loopAction' in v, v.trace.length]).toEqual([false, false, 1]);
  });
  it('a lasso with a cycle: where it loops to, and the step that closes it', async () => {
    const v = (await checkCompiled(jobOf(mutexStarvation))).verdict;
    expect(v).toMatchObject({ kind: 'property', name: 'EveryCpuGetsTheLock', stuttering: false, loopsTo: 2, loopAction: { name: 'Cpu_drop' } });
  });
  it('an action property broken by a step: a two-state trace, not a lasso, not stuttering', async () => {
    const m = model('IdxStep', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
      b.property('StaysZero', alwaysAction(eq(primed(x), 0), x));
      b.config('c', { invariants: [], properties: ['StaysZero'], checkDeadlock: false });
    });
    const v = (await checkCompiled(jobOf(m))).verdict;
    expect(v).toMatchObject({ kind: 'property', name: 'StaysZero', stuttering: false });
    expect(v.kind === 'property' && ['loopsTo' in v, 'loopAction' in v, v.trace.map((s) => s.vars.x)]).toEqual([false, false, ['0', '1']]);
  });
  it("WF of an action that is no definition (an \\E around x' = e): compiled as a step, the property holds under it", async () => {
    const job = jobOf(fairBare());
    expect(job.tla).toContain("WF_vars(\\E x2 \\in 1..1 : x' = x + 1)");
    expect((await checkCompiled(job)).verdict).toEqual({ kind: 'passed' });
  });
  it.skipIf(!tlc.found)(`WF of an action that is no definition: TLC passes it too${tlcSkipNote(tlc)}`, async () => {
    expect((await tlcOn(jobOf(fairBare()))).verdict).toEqual({ kind: 'passed' });
  }, 60_000);
  it('step coverage: the successors of each action, in place and in checkEach', async () => {
    const job = jobOf(counter(), 'passes');
    expect((await checkCompiled(job, { coverage: true })).coverage).toEqual([{ kind: 'action', name: 'Inc', generated: 2 }]);
    expect((await checkEachCompiled(job, ['deadlock'], { coverage: true })).get('deadlock')!.coverage).toEqual([{ kind: 'action', name: 'Inc', generated: 2 }]);
    expect('coverage' in (await checkCompiled(job))).toBe(false);
  });
  it('an aborted signal stops the search: crashed, never passed', async () => {
    const r = await checkCompiled(jobOf(long()), { signal: AbortSignal.abort() });
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'aborted' });
  });
  it('a duration within the call\'s own', async () => {
    const before = performance.now();
    const r = await checkCompiled(jobOf(long()));
    const each = await checkEachCompiled(jobOf(long()), ['deadlock']);
    const took = Math.ceil(performance.now() - before);
    expect(r.durationMs).toBeLessThanOrEqual(took);
    expect(each.get('deadlock')!.durationMs).toBeLessThanOrEqual(took);
  });
});

describe('random walks and --por', () => {
  it('a walk: the seed, traces, the default depth 100; the traces asked for', async () => {
    const r = await checkCompiled(jobOf(counter(), 'passes'), { simulate: { seed: 5n, traces: 3 } });
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.simulation).toEqual({ seed: '5', traces: 3, depth: 100, generated: expect.any(Number), maxTraces: 3 });
  });
  it('a walk without a seed gets a random one, a valid Java long (TLC -seed), printed', async () => {
    const seeds = await Promise.all([1, 2].map(async () => (await checkCompiled(jobOf(counter(), 'passes'), { simulate: { traces: 1 } })).simulation!.seed!));
    for (const s of seeds) {
      expect(s).toMatch(/^\d+$/);
      expect(BigInt(s) < 2n ** 63n).toBe(true);
    }
    // Two draws of 63 bits: equal once in 2^63.
    expect(seeds[0]).not.toBe(seeds[1]);
  });
  it('a walk without a trace count walks to its time limit, and says so', async () => {
    const r = await checkCompiled(jobOf(counter(), 'passes'), { simulate: { seed: 3n, depth: 2 }, timeoutMs: 50 });
    expect(r.simulation).toEqual({ seed: '3', traces: expect.any(Number), depth: 2, generated: expect.any(Number), timeLimited: true });
    expect('maxTraces' in r.simulation!).toBe(false);
  });
  it('a walk refuses temporal properties, naming them', async () => {
    const r = await checkCompiled(jobOf(counter(), 'lives'), { simulate: { seed: 1n, depth: 5, traces: 2 } });
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'the compiled random walks check invariants, asserts, deadlock and action properties; temporal property EventuallyTwo, EventuallyOne needs the exhaustive search (no --simulate) or --backend tlc' });
  });
  it('--por refuses temporal properties, naming them, and SYMMETRY', async () => {
    const r = await checkCompiled(jobOf(counter(), 'lives'), { por: true });
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'partial-order reduction (--por) checks safety properties only: temporal property EventuallyTwo, EventuallyOne needs the full search (drop --por)' });
    const sym = await checkCompiled(jobOf(peerModels.find((m) => m.name === 'LockedCounter')!, 'three_tasks_sym'), { por: true });
    expect(sym.verdict).toEqual({ kind: 'crashed', message: 'partial-order reduction (--por) and SYMMETRY together are not supported: drop one of them' });
  });
  it('--por: the reduced search says how many states it reduced', async () => {
    const r = await checkCompiled(jobOf(counter(), 'passes'), { por: true });
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.reduction).toEqual({ reducedStates: expect.any(Number) });
  });
});

describe('checkEach', () => {
  it('a refused job: every name crashed with the refusal', async () => {
    const cells = await checkEachCompiled(jobOf(counter(), 'nested'), ['A', 'B']);
    expect([...cells.keys()]).toEqual(['A', 'B']);
    for (const c of cells.values()) {
      expect(c.verdict.kind === 'crashed' && c.verdict.message).toMatch(/^the compiled backend does not check temporal property Nested/);
      expect(c).toMatchObject({ backend: 'compiled', version: COMPILED_VERSION, module: 'IdxCounter', config: 'nested', durationMs: 0 });
    }
  });
  it('a search that explored every state decides an unreached cover for every cell', async () => {
    const cells = await checkEachCompiled(jobOf(counter(), 'covered'), ['deadlock']);
    expect(cells.get('deadlock')!.covers).toEqual([{ name: 'ReachesThree', status: 'unreached' }]);
  });
  it('each name alone: a violation without counts, a name that holds with them', async () => {
    const cells = await checkEachCompiled(jobOf(counter(), 'violated'), ['BelowTwo', 'deadlock']);
    expect(cells.get('BelowTwo')!.verdict.kind).toBe('invariant');
    expect('counts' in cells.get('BelowTwo')!).toBe(false);
    expect(cells.get('deadlock')).toMatchObject({ verdict: { kind: 'passed' }, counts: { distinct: 3, generated: 3, depth: 3 }, config: 'violated' });
  });
});

describe('a step\'s action is named and placed as TLC names and places it, where TLC splits Next apart', () => {
  // An action that is one \E over a constant set (a pick with nothing before it): TLC makes an
  // action per value whose predicate is the \E's body. Before 2026-12-07 the steps were placed
  // at the whole definition body. Found by fuzzing error paths against TLC.
  const pickJob = () => jobOf(model('SplitPick', (b) => {
    const x = b.variable('x', t.int(0, 3), 0);
    b.action('Pick', {}, () => [pick(range(1, 2), (i) => [when(lt(x, 2)), set(x, plus(x, i))])]);
    b.invariant('Small', lt(x, 2));
    b.config('c', { invariants: ['Small'], checkDeadlock: false });
  }));
  // Two actions splitting through one operator applied to constants (hand IR: A == Op(5), B == Op(1),
  // Op's body a disjunction): TLC names the step by the operator and its argument, placed at the disjunct taken.
  const sharedJob = () => {
    let op!: (args: { v: number }) => { node: ir.Expr };
    const m = model('SharedOp', (b) => {
      const x = b.variable('x', t.int(0, 9), 1);
      op = b.defineOp('Op', { v: range(0, 9) }, ({ v }) => or(and(eq(x, v), eq(primed(x), 2)), and(eq(x, v), eq(primed(x), 3)))) as unknown as typeof op;
      b.action('A', {}, () => [set(x, x)]);
      b.action('B', {}, () => [set(x, x)]);
      b.invariant('Small', lt(x, 2));
      b.config('c', { invariants: ['Small'], checkDeadlock: false });
    });
    return jobOf({ ...m.module, actions: m.module.actions.map((a) => ({ ...a, formula: op({ v: a.name === 'A' ? 5 : 1 }).node })) });
  };
  // No parameters: TLC's parser gives none, this backend an empty record.
  // An action whose whole body is a definition's name (hand IR: A == System, System a disjunction): TLC names the step System.
  const refJob = () => {
    let system!: { node: ir.Expr };
    const m = model('RefSplit', (b) => {
      const x = b.variable('x', t.int(0, 9), 1);
      system = b.define('System', or(and(eq(x, 5), eq(primed(x), 2)), and(eq(x, 1), eq(primed(x), 3)))) as unknown as typeof system;
      b.action('A', {}, () => [set(x, x)]);
      b.invariant('Small', lt(x, 2));
      b.config('c', { invariants: ['Small'], checkDeadlock: false });
    });
    return jobOf({ ...m.module, actions: m.module.actions.map((a) => ({ ...a, formula: system.node })) });
  };
  // A pick of one statement: its body is that assignment alone, no list (found by a surviving
  // mutant that placed only a list's steps).
  const pickOneJob = () => jobOf(model('SplitPickOne', (b) => {
    const x = b.variable('x', t.int(0, 3), 0);
    b.action('Pick', {}, () => [pick(range(1, 2), (i) => [set(x, plus(x, i))])]);
    b.invariant('Small', lt(x, 2));
    b.config('c', { invariants: ['Small'], checkDeadlock: false });
  }));
  // An action that is a LET's name (hand IR: A == LET r == (x = 5 /\ x' = 2) \/ (x = 1 /\ x' = 3) IN r):
  // TLC splits through the name, the step placed at the disjunct taken (found by a surviving mutant
  // that compiled the LET's value as no action's, so placed it at A's body) and named r.
  const letJob = () => {
    let body!: ir.Expr;
    const m = model('LetSplit', (b) => {
      const x = b.variable('x', t.int(0, 9), 1);
      body = letIn('r', or(and(eq(x, 5), eq(primed(x), 2)), and(eq(x, 1), eq(primed(x), 3))), (r) => r).node;
      b.action('A', {}, () => [set(x, x)]);
      b.invariant('Small', lt(x, 2));
      b.config('c', { invariants: ['Small'], checkDeadlock: false });
    });
    return jobOf({ ...m.module, actions: m.module.actions.map((a) => ({ ...a, formula: body })) });
  };
  // A definition's name, then a disjunct of the action's own (hand IR: A == System \/ (x = 1 /\ x' = 3)):
  // the second step is A's, not System's (found by a surviving mutant that left System the action
  // being split after its name was compiled).
  const refThenOwnJob = () => {
    let system!: { node: ir.Expr };
    let own!: ir.Expr;
    const m = model('RefThenOwn', (b) => {
      const x = b.variable('x', t.int(0, 9), 1);
      system = b.define('System', and(eq(x, 5), eq(primed(x), 2))) as unknown as typeof system;
      own = and(eq(x, 1), eq(primed(x), 3)).node;
      b.action('A', {}, () => [set(x, x)]);
      b.invariant('Small', lt(x, 2));
      b.config('c', { invariants: ['Small'], checkDeadlock: false });
    });
    return jobOf({ ...m.module, actions: m.module.actions.map((a) => ({ ...a, formula: { kind: 'or', operands: [system.node, own] } as ir.Expr })) });
  };
  const steps = (trace: readonly TraceState[]) => trace.slice(1).map((s) => s.action && { name: s.action.name, params: s.action.params ?? {}, location: s.action.location });
  const stepsOf = (r: Awaited<ReturnType<typeof checkCompiled>>) => steps((r.verdict as Extract<typeof r.verdict, { trace: unknown }>).trace);
  /** The same search in worker threads from its first state (workers otherwise start past 20,000 states). */
  const inWorkers = async (j: ReturnType<typeof jobOf>) => {
    const spec = compileSpec(j.module, j.config, j.tla, j.spans);
    const r = await search(spec, { checkDeadlock: j.config.checkDeadlock, parallel: { workers: 2, from: 0, source: { module: j.module, config: j.config, tla: j.tla, spans: j.spans } } });
    return steps(traceStates((r.outcome as unknown as { trace: Step[] }).trace, j.module.variables.map((v) => v.name)));
  };

  it("a pick as the whole body: the body of the \\E, not the definition's, in one thread and in worker threads", async () => {
    const j = pickJob();
    const [step] = stepsOf(await checkCompiled(j));
    const text = j.tla.split('\n');
    expect(step!.name).toBe('Pick');
    expect(text[step!.location!.startLine - 1]!.slice(step!.location!.startCol - 1)).toBe('/\\ x < 2');
    expect(text[step!.location!.startLine - 2]!.trim()).toMatch(/^\\E i\w* \\in 1\.\.2 :$/);
    expect(await inWorkers(j)).toEqual([step]);
  });
  it('one operator split from two actions: named by the operator, with the argument of the action that took the step (B\'s), in one thread and in worker threads', async () => {
    const j = sharedJob();
    const [step] = stepsOf(await checkCompiled(j));
    expect([step!.name, step!.params]).toEqual(['Op', { v: '1' }]);
    expect(j.tla.split('\n')[step!.location!.startLine - 1]!.slice(step!.location!.startCol - 1)).toBe('/\\ x = v');
    expect(await inWorkers(j)).toEqual([step]);
  });
  it('an action that is a definition\'s name: named by the definition, placed at the disjunct taken', async () => {
    const j = refJob();
    const [step] = stepsOf(await checkCompiled(j));
    expect([step!.name, step!.params]).toEqual(['System', {}]);
    expect(j.tla.split('\n')[step!.location!.startLine - 1]!.slice(step!.location!.startCol - 1)).toBe('/\\ x = 1');
    expect(await inWorkers(j)).toEqual([step]);
  });
  it.each([
    ['a pick of one statement: placed at that statement', pickOneJob, 'Pick', "x' = x + "],
    // Until 2026-12-07 named A (found by these mutants' review; hand IR, no DSL statement makes a LET an action).
    ["an action that is a LET's name: placed at the disjunct taken, named by the LET's name as TLC names it", letJob, 'r', "x = 1 /\\ x' = 3)"],
    ["a definition's name, then a disjunct of the action's own: that step named by the action", refThenOwnJob, 'A', '/\\ x = 1'],
  ] as const)('%s', async (_name, job, name, text) => {
    const j = job();
    const [step] = stepsOf(await checkCompiled(j));
    expect(step!.name).toBe(name);
    expect(j.tla.split('\n')[step!.location!.startLine - 1]!.slice(step!.location!.startCol - 1).startsWith(text)).toBe(true);
  });
  it.skipIf(!tlc.found).each([['SplitPick', pickJob], ['SharedOp', sharedJob], ['RefSplit', refJob], ['SplitPickOne', pickOneJob], ['LetSplit', letJob], ['RefThenOwn', refThenOwnJob]] as const)(`%s: the same as TLC's${tlcSkipNote(tlc)}`, async (_name, job) => {
    const j = job();
    const theirs = (await tlcOn(j)).verdict as Extract<CheckResult['verdict'], { trace: unknown }>;
    expect(stepsOf(await checkCompiled(j))).toEqual(steps(theirs.trace));
  }, 60_000);
});

describe('trace states', () => {
  it('values in TLA+ text in the variable order, the action with its parameters and location; numbered from 1', () => {
    const action = { name: 'Take', params: ['self', 'n'], location: { file: 'M.tla', startLine: 3, startCol: 1, endLine: 3, endCol: 9 } };
    const steps: Step[] = [
      { values: [0, ModelValue.of('a')] },
      { values: [1, ModelValue.of('b')], action: action as never, args: [ModelValue.of('p1'), 2] },
      { values: [true, 'b'], action: { name: 'Idle', params: [] } as never, args: [] },
    ];
    expect(traceStates(steps, ['x', 'who'])).toEqual([
      { index: 1, vars: { x: '0', who: 'a' } },
      { index: 2, action: { name: 'Take', params: { self: 'p1', n: '2' }, location: action.location }, vars: { x: '1', who: 'b' } },
      { index: 3, action: { name: 'Idle', params: {} }, vars: { x: 'TRUE', who: '"b"' } },
    ]);
  });
});
