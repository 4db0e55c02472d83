/**
 * An invariant violation whose trace ends on a state where the invariant holds has lost its
 * violating state, and the pipeline says so (`withLastStateJudged` in dsl/pipeline/run.ts, on
 * `invariantOn` of the compiled verifier). TLC prints such a trace when, rebuilding it, it meets
 * an evaluation error in another step (test/fixtures/tlc-trace-cut.ts): its real run is recorded
 * in test/fixtures/tlc-runs/TlcTraceCut.c, and run live where TLC is found.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import { always, alwaysAction, and, eq, model, primed, set, t } from '../dsl/index.js';
import type { Checker } from '../dsl/check/checker.js';
import { invariantOn, stepPropertyOn } from '../dsl/check/compiled/index.js';
import type { CheckResult } from '../dsl/check/result.js';
import { findTlc } from '../dsl/check/tlc.js';
import { parseToolOutput } from '../dsl/check/tlc-output.js';
import { cutTraceWarning, runPipeline } from '../dsl/pipeline/run.js';
import { render } from '../dsl/report/render.js';
import { pageView } from '../dsl/report/html/view.js';
import { SourceFiles } from '../dsl/report/code-frame.js';
import { RECORDED_DIR } from '../dsl/testing/recorded-runs.js';
import mutexCounter from '../models/mutex-counter.js';
import { mutexStarvation } from '../models/peer/liveness-bugs.js';
import { tlcTraceCut } from './fixtures/tlc-trace-cut.js';
import { jobOf } from './helpers/compiled-job.js';
import { textAt } from './helpers/t2-source.js';

const tlc = await findTlc();

/** TLC's recorded run of `name`, parsed, as the answer of a stand-in TLC backend. */
function recordedTlc(name: string, module: string, config: string): Checker {
  const result = parseToolOutput(readFileSync(path.join(PROJECT_ROOT, RECORDED_DIR, name, 'tool.out'), 'utf8'), { module, config, durationMs: 0 });
  return { name: 'tlc', available: async () => ({ ok: true, detail: 'recorded run' }), check: async () => result };
}

const violation = (r: CheckResult) => (r.verdict.kind === 'invariant' ? r.verdict : expect.unreachable(`an invariant violation, not ${r.verdict.kind}`));

/** An invariant, and properties of each kind: a `[]P`, an action property, and the two together. */
const withProperty = model('InvariantOnState', (b) => {
  const x = b.variable('x', t.int(0, 2), 0);
  b.invariant('Zero', eq(x, 0));
  b.property('AlwaysZero', always(eq(x, 0)));
  b.property('ZeroAndStill', and(always(eq(x, 0)) as never, alwaysAction(eq(primed(x), x), x) as never) as never);
  b.property('Still', alwaysAction(eq(primed(x), x), x));
  b.config('c', { invariants: ['Zero'], properties: ['AlwaysZero'], checkDeadlock: false });
});

describe('invariantOn: an invariant evaluated on a state as a trace prints it', () => {
  const cut = jobOf(tlcTraceCut, 'c');
  const job = jobOf(withProperty, 'c');
  const initial = { x: '0', y: '0', pc: '(p1 :> "l1")' };

  it.each([
    ['an invariant that holds', cut, 'Small', initial, { holds: true }],
    ['an invariant that does not', cut, 'Small', { ...initial, x: '1' }, { holds: false }],
    ['TypeOK broken, naming the variable', cut, 'TypeOK', { ...initial, y: '3' }, { holds: false, variable: 'y' }],
    ['TypeOK holding', cut, 'TypeOK', initial, { holds: true }],
    ['a property []P checked as an invariant, broken', job, 'AlwaysZero', { x: '2' }, { holds: false }],
    ['a property []P holding', job, 'AlwaysZero', { x: '0' }, { holds: true }],
    ['an invariant the config does not check', job, 'Zero', { x: '1' }, { holds: false }],
  ] as const)('%s', (_, j, name, vars, want) => {
    expect(invariantOn(j, name, vars)).toEqual(want);
  });

  it.each([
    ['a name the module does not define', 'Nothing', initial],
    ['a variable missing', 'Small', { x: '0', y: '0' }],
    ['a value that cannot be read', 'Small', { ...initial, x: '{1, ' }],
  ])('undefined for %s', (_, name, vars) => {
    expect(invariantOn(cut, name, vars)).toBeUndefined();
  });
  it('the error, for a conjunct whose evaluation fails (a string against 0)', () => {
    const said = invariantOn(cut, 'Small', { ...initial, x: '"a"' });
    expect(said).toEqual({ raises: { message: 'Attempted to check equality of string "a" with non-string:\n0', stack: [expect.objectContaining({ module: 'TlcTraceCut' })] } });
    // Its one frame: Small's body, the comparison.
    expect(said && 'raises' in said && textAt(cut.tla, said.raises.stack[0]!)).toBe('x = 0');
  });
});

describe('stepPropertyOn: an action property evaluated on a step of a trace', () => {
  const job = jobOf(tlcTraceCut, 'step');
  const at = (x: string) => ({ x, y: '0', pc: '(p1 :> "l1")' });
  it.each([
    ['a step that keeps x', at('1'), at('1'), true],
    ['a step that changes x', at('0'), at('1'), false],
    ['no step (a one-state trace): nothing to violate', undefined, at('0'), true],
  ] as const)('%s', (_, from, to, want) => {
    expect(stepPropertyOn(job, 'Still', from, to)).toBe(want);
  });
  it('a property that is not only action properties: undefined (its []P may be what a trace breaks); one that is: judged', () => {
    const j = jobOf(withProperty, 'c');
    expect(stepPropertyOn(j, 'ZeroAndStill', { x: '1' }, { x: '1' })).toBeUndefined();
    expect(stepPropertyOn(j, 'AlwaysZero', undefined, { x: '1' })).toBeUndefined();
    expect(stepPropertyOn(j, 'Still', { x: '1' }, { x: '1' })).toBe(true);
  });
  it.each([
    ['an invariant, not an action property', 'Small', at('0'), at('1')],
    ['a name the module does not define', 'Nothing', at('0'), at('1')],
    ['a state that cannot be read', 'Still', { x: '0' }, at('1')],
    ['a step whose evaluation fails (1 against a string)', 'Still', at('"a"'), at('1')],
  ])('undefined for %s', (_, name, from, to) => {
    expect(stepPropertyOn(job, name, from, to)).toBeUndefined();
  });
});

describe('the pipeline on a trace without its violating state', () => {
  it('TLC\'s recorded run: its one-state trace, and the warning, in every report', async () => {
    const r = await runPipeline(tlcTraceCut, 'c', { checkers: [recordedTlc('TlcTraceCut.c', 'TlcTraceCut', 'c')] });
    const [result] = r.results;
    expect(violation(result!)).toMatchObject({ name: 'Small', initial: false, trace: [{ index: 1, vars: { x: '0' } }] });
    const warning = cutTraceWarning('tlc', 'state', 'Small', 1);
    expect(result!.warnings).toEqual([warning]);
    expect(warning).toBe('the trace ends before the state that violates Small: Small holds on its last state (state 1), as the compiled verifier evaluates it. '
      + 'TLC prints such a trace when, rebuilding it by taking the steps again, it meets an evaluation error in another step from that state; it may then go on with the search, so its state count may be greater than the count at the violation. '
      + '`--backend compiled` prints the whole trace.');
    expect(render('text', { configs: [r.report] }, { color: false, root: PROJECT_ROOT })).toContain(`warnings:\n         ${warning}`);
    expect(JSON.parse(render('json', { configs: [r.report] }, { root: PROJECT_ROOT })).configs[0].runs[0].result).toMatchObject({ warnings: [warning], traceCut: 'state' });
    // Where it fails: not the initial state, which the trace alone would say.
    expect(pageView({ configs: [r.report] }, new SourceFiles(PROJECT_ROOT)).traces[0]!.problem!.failsAt).toBe('false in a successor of state 1, which the trace lacks (see the warning)');
    expect(render('github', { configs: [r.report] }, { root: PROJECT_ROOT })).toContain('TlcTraceCut/c (tlc): invariant Small violated after 1 step (the last one missing from the trace)');
  });

  it('TLC\'s recorded run of an action property: the trace has no step, which the warning says', async () => {
    const r = await runPipeline(tlcTraceCut, 'step', { checkers: [recordedTlc('TlcTraceCut.step', 'TlcTraceCut', 'step')] });
    const [result] = r.results;
    expect(result!.verdict).toMatchObject({ kind: 'property', name: 'Still', trace: [{ index: 1 }] });
    expect(result!.warnings).toEqual([cutTraceWarning('tlc', 'step', 'Still', 1)]);
    expect(result!.traceCut).toBe('step');
    // No lasso: an action property's trace is finite (it used to read "then loops back to state ?").
    expect(r.explanations[0]!.lasso).toBeUndefined();
    expect(render('text', { configs: [r.report] }, { color: false, root: PROJECT_ROOT })).not.toContain('loops back');
    expect(pageView({ configs: [r.report] }, new SourceFiles(PROJECT_ROOT)).traces[0]).toMatchObject({ problem: { failsAt: 'false on a step from state 1, which the trace lacks (see the warning)' } });
    expect(pageView({ configs: [r.report] }, new SourceFiles(PROJECT_ROOT)).traces[0]!.loop).toBeUndefined();
    expect(cutTraceWarning('tlc', 'step', 'Still', 1)).toBe('the trace ends before the step that violates Still: it has no step, and Still is a property of steps. '
      + 'TLC prints such a trace when, rebuilding it by taking the steps again, it meets an evaluation error in another step from that state; it may then go on with the search, so its state count may be greater than the count at the violation. '
      + '`--backend compiled` prints the whole trace.');
  });

  it('an action property\'s trace whose last step keeps it: the warning names that step', async () => {
    const recorded = recordedTlc('TlcTraceCut.step', 'TlcTraceCut', 'step');
    const one = await recorded.check(jobOf(tlcTraceCut, 'step'));
    const v = one.verdict as Extract<CheckResult['verdict'], { kind: 'property' }>;
    // The trace with a step that keeps x put before its end: the step to state 2 does not break Still.
    const kept = { ...one, verdict: { ...v, trace: [v.trace[0]!, { ...v.trace[0]!, index: 2, action: { name: 'Proc_l1' } }] } };
    const r = await runPipeline(tlcTraceCut, 'step', { checkers: [{ ...recorded, check: async () => kept }] });
    expect(r.results[0]!.warnings).toEqual([cutTraceWarning('tlc', 'step', 'Still', 2)]);
    expect(cutTraceWarning('tla-checker', 'step', 'Still', 2)).toBe('the trace ends before the step that violates Still: Still holds on its last step (to state 2), as the compiled verifier evaluates it. `--backend compiled` prints the whole trace.');
    // The whole trace, its last step changing x, as the compiled verifier gives it: no warning.
    const whole = { ...one, verdict: { ...v, trace: [v.trace[0]!, { ...v.trace[0]!, index: 2, action: { name: 'Step' }, vars: { ...v.trace[0]!.vars, x: '1' } }] } };
    const fine = await runPipeline(tlcTraceCut, 'step', { checkers: [{ ...recorded, check: async () => whole }] });
    expect([fine.results[0]!.warnings, fine.results[0]!.traceCut]).toEqual([undefined, undefined]);
    expect(pageView({ configs: [fine.report] }, new SourceFiles(PROJECT_ROOT)).traces[0]!.problem!.failsAt).toBe('false on the step to state 2');
  });

  it('a temporal property TLC finds violated by the initial state (no lasso, not an action property): false in the initial state, no warning', async () => {
    const initial: Checker = {
      name: 'tlc', available: async () => ({ ok: true, detail: 'stand-in' }),
      check: async () => ({ backend: 'tlc', module: 'InvariantOnState', config: 'c', durationMs: 0, verdict: { kind: 'property', name: 'AlwaysZero', stuttering: false, trace: [{ index: 1, vars: { x: '2' } }] } }),
    };
    const r = await runPipeline(withProperty, 'c', { checkers: [initial] });
    expect([r.results[0]!.warnings, r.results[0]!.traceCut, r.explanations[0]!.lasso]).toEqual([undefined, undefined, undefined]);
    expect(pageView({ configs: [r.report] }, new SourceFiles(PROJECT_ROOT)).traces[0]!.problem!.failsAt).toBe('false in the initial state');
  });

  it('under SYMMETRY no warning (a printed state may be another of its orbit); the same trace without it is warned of', async () => {
    const symmetric = model('TraceCutSymmetric', (b) => {
      const P = b.modelValues('P');
      const x = b.variable('x', t.int(0, 2), 0);
      b.invariant('Small', eq(x, 0));
      b.action('Step', { self: P }, () => [set(x, 1)]);
      b.config('sym', { constants: { P: ['p1', 'p2'] }, symmetry: [P], invariants: ['Small'], checkDeadlock: false });
      b.config('plain', { constants: { P: ['p1', 'p2'] }, invariants: ['Small'], checkDeadlock: false });
    });
    const cutShort = (config: string): Checker => ({
      name: 'tlc', available: async () => ({ ok: true, detail: 'stand-in' }),
      check: async () => ({ backend: 'tlc', module: 'TraceCutSymmetric', config, durationMs: 0, verdict: { kind: 'invariant', name: 'Small', initial: false, trace: [{ index: 1, vars: { x: '0' } }] } }),
    });
    expect((await runPipeline(symmetric, 'sym', { checkers: [cutShort('sym')] })).results[0]!.warnings).toBeUndefined();
    expect((await runPipeline(symmetric, 'plain', { checkers: [cutShort('plain')] })).results[0]!.warnings).toEqual([cutTraceWarning('tlc', 'state', 'Small', 1)]);
  });

  it('the compiled verifier\'s traces have the violating state and step (TLC\'s and that state), and no warning', async () => {
    const r = await runPipeline(tlcTraceCut, 'c', { backend: 'compiled' });
    expect(violation(r.results[0]!).trace.map((s) => s.vars.x)).toEqual(['0', '1']);
    expect([r.results[0]!.warnings, r.results[0]!.traceCut]).toEqual([undefined, undefined]);
    expect(pageView({ configs: [r.report] }, new SourceFiles(PROJECT_ROOT)).traces[0]!.problem!.failsAt).toBe('false in state 2, after its last step');
    expect(render('github', { configs: [r.report] }, { root: PROJECT_ROOT })).toContain('TlcTraceCut/c (compiled): invariant Small violated after 1 step%0A');
    const step = await runPipeline(tlcTraceCut, 'step', { backend: 'compiled' });
    const theirs = (await recordedTlc('TlcTraceCut.step', 'TlcTraceCut', 'step').check(jobOf(tlcTraceCut, 'step'))).verdict;
    expect(step.results[0]!.verdict).toMatchObject({ kind: 'property', name: 'Still', trace: [{ vars: theirs.kind === 'property' ? theirs.trace[0]!.vars : {} }, { action: { name: 'Step' }, vars: { x: '1' } }] });
    expect(step.results[0]!.warnings).toBeUndefined();
  });

  it('no warning on a whole trace (MutexCounter\'s recorded TLC run)', async () => {
    const r = await runPipeline(mutexCounter, 'racy', { checkers: [recordedTlc('MutexCounter.racy', 'MutexCounter', 'racy')] });
    expect(violation(r.results[0]!).trace.length).toBeGreaterThan(1);
    expect(r.results[0]!.warnings ?? []).toEqual([]);
  });

  it('another checker\'s cut trace is told without TLC\'s reason', () => {
    expect(cutTraceWarning('tla-checker', 'state', 'Inv', 3)).toBe('the trace ends before the state that violates Inv: Inv holds on its last state (state 3), as the compiled verifier evaluates it. `--backend compiled` prints the whole trace.');
  });

  it.skipIf(!tlc.found)(`TLC, live${tlc.found ? '' : ` (skipped: ${tlc.reason})`}: the same one-state traces and warnings`, async () => {
    const r = await runPipeline(tlcTraceCut, 'c', { backend: 'tlc' });
    expect(violation(r.results[0]!).trace).toHaveLength(1);
    expect(r.results[0]!.warnings).toContain(cutTraceWarning('tlc', 'state', 'Small', 1));
    const step = await runPipeline(tlcTraceCut, 'step', { backend: 'tlc' });
    expect(step.results[0]!.verdict).toMatchObject({ kind: 'property', name: 'Still', trace: [{ index: 1 }] });
    expect(step.results[0]!.warnings).toContain(cutTraceWarning('tlc', 'step', 'Still', 1));
  });

  it('no warning on a lasso (a temporal property\'s, recorded)', async () => {
    const r = await runPipeline(mutexStarvation, 'two_cpus', { checkers: [recordedTlc('MutexStarvation.two_cpus', 'MutexStarvation', 'two_cpus')] });
    expect(r.results[0]!.verdict.kind).toBe('property');
    expect(r.results[0]!.warnings ?? []).toEqual([]);
  });
});
