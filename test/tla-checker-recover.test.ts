/**
 * What tla-checker leaves out of a counterexample, recovered through its exploration API
 * (dsl/check/tla-checker-recover.ts) — each step's action and arguments, and where an evaluation
 * error or a failed assert happened — and the worker session it runs in
 * (dsl/check/tla-checker-session.ts). Small models; the real WebAssembly checker, one worker
 * per recovery.
 */
import { describe, expect, it } from 'vitest';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import type { CheckResult, TlaLocation, TraceState } from '../dsl/check/result.js';
import { actionOf, recoverTrace } from '../dsl/check/tla-checker-recover.js';
import { callInWorker, TlaCheckerSession } from '../dsl/check/tla-checker-session.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { and, assert, div, eq, forall, gt, ite, label, le, letIn, loop, lt, minus, model, plus, range, set, setOf, t, TRUE, union, when } from '../dsl/index.js';
import { jobOf } from './helpers/compiled-job.js';
import { textAt } from './helpers/t2-source.js';

/** x goes up by 1 or 2 (Add(k)), or doubles (Double, no parameters), below 5; Small says x < 3. */
const adding = () => model('Rec', (b) => {
  const x = b.variable('x', t.int(0, 9), 0);
  const y = b.variable('y', t.int(0, 9), 0);
  b.action('Add', { k: range(1, 2) }, ({ k }) => [when(lt(x, 5)), set(x, plus(x, k)), set(y, y)]);
  b.action('Double', {}, () => [when(lt(x, 5)), set(x, plus(x, x)), set(y, y)]);
  b.invariant('Small', lt(x, 3));
  b.config('c');
});
const statesOnly = (trace: readonly TraceState[]) => trace.map((s) => ({ vars: s.vars }) as TraceState);
/** `r` with `trace` (states as tla-checker gives them: no index). */
const withTrace = (r: CheckResult, trace: readonly Omit<TraceState, 'index'>[]): CheckResult => ({ ...r, verdict: { ...r.verdict, trace } as CheckResult['verdict'] });

describe('recoverTrace', () => {
  it('names each step\'s action and arguments from the states alone, at the action\'s definition; a step that names one keeps it; a state no step reaches stops the naming', async () => {
    const job = jobOf(adding());
    const r = await checkCompiled(job, {});
    expect(r.verdict.kind).toBe('invariant');
    if (r.verdict.kind !== 'invariant') return;
    const bare = statesOnly(r.verdict.trace);
    expect(bare.map((s) => s.vars.x)).toEqual(['0', '1', '3']);
    const given = { name: 'Given', params: { k: '9' } };
    // Step 2 already names an action; then a state that no step reaches, and one after it.
    const trace: Omit<TraceState, 'index'>[] = [bare[0]!, bare[1]!, { ...bare[2]!, action: given }, { vars: { x: '7', y: '0' } }, { vars: { x: '8', y: '0' } }];
    const out = await recoverTrace(withTrace(r, trace), job);
    expect(out.verdict.kind === 'invariant' && out.verdict.trace).toEqual([
      { vars: { x: '0', y: '0' } },
      { vars: { x: '1', y: '0' }, action: { name: 'Add', params: { k: '1' }, location: expect.objectContaining({ module: 'Rec' }) } },
      { vars: { x: '3', y: '0' }, action: given },
      { vars: { x: '7', y: '0' } },
      { vars: { x: '8', y: '0' } },
    ]);
    const at = out.verdict.kind === 'invariant' ? out.verdict.trace[1]!.action!.location! : undefined;
    expect(textAt(job.tla, at!)).toMatch(/^Add\(k\) ==/);
    expect({ ...out, verdict: undefined }).toEqual({ ...r, verdict: undefined });
  });
  it('an action without parameters has none; a state that differs in one variable, or has one variable fewer, is not the state', async () => {
    const job = jobOf(adding());
    const r = await checkCompiled(job, {});
    const trace: Omit<TraceState, 'index'>[] = [{ vars: { x: '0', y: '0' } }, { vars: { x: '1', y: '0' } }, { vars: { x: '2', y: '0' } }, { vars: { x: '4', y: '1' } }, { vars: { x: '6' } }];
    const out = await recoverTrace(withTrace(r, trace), job);
    const steps = out.verdict.kind === 'invariant' ? out.verdict.trace : [];
    expect(steps[2]!.action).toMatchObject({ name: 'Add', params: { k: '1' } }); // Add(1) before Double: the first match
    expect(steps.slice(3)).toEqual([{ vars: { x: '4', y: '1' } }, { vars: { x: '6' } }]);
    // From 0, only Double stays at 0.
    const doubled = await recoverTrace(withTrace(r, [{ vars: { x: '0', y: '0' } }, { vars: { x: '2', y: '0' } }, { vars: { x: '4', y: '0' } }, { vars: { x: '4', y: '0' } }]), job);
    const d = doubled.verdict.kind === 'invariant' ? doubled.verdict.trace : [];
    expect(d[1]!.action).toMatchObject({ name: 'Add', params: { k: '2' } });
    expect(d[2]!.action).toMatchObject({ name: 'Add', params: { k: '2' } });
    expect(d[3]).toEqual({ vars: { x: '4', y: '0' } }); // 4 is not below 5: no step
    const stay = await recoverTrace(withTrace(r, [{ vars: { x: '0', y: '0' } }, { vars: { x: '0', y: '0' } }]), job);
    expect(stay.verdict.kind === 'invariant' && stay.verdict.trace[1]!.action).toEqual({ name: 'Double', location: expect.objectContaining({ module: 'Rec' }) });
  });
  it('nothing to recover, or an initial state the checker does not have: the result as it came', async () => {
    const job = jobOf(adding());
    const r = await checkCompiled(job, {});
    const passed: CheckResult = { ...r, verdict: { kind: 'passed' } };
    expect(await recoverTrace(passed, job)).toBe(passed);
    const one = withTrace(r, [{ vars: { x: '0', y: '0' } }]);
    expect(await recoverTrace(one, job)).toBe(one);
    const empty = withTrace(r, []);
    expect(await recoverTrace(empty, job)).toBe(empty);
    const stranger = withTrace(r, [{ vars: { x: '7', y: '0' } }, { vars: { x: '8', y: '0' } }]);
    expect(await recoverTrace(stranger, job)).toBe(stranger);
  });
  it('an evaluation error: the innermost failing expression of the step that fails, found in the last state', async () => {
    const m = model('RecDiv', (b) => {
      const x = b.variable('x', t.int(-1, 3), 0);
      b.action('Up', {}, () => [when(lt(x, 1)), set(x, plus(x, 1))]);
      b.action('Down', {}, () => [when(eq(x, 1)), set(x, minus(x, div(1, minus(x, 1))))]);
      b.config('c', { checkDeadlock: false });
    });
    const job = jobOf(m);
    const r = await tlaChecker.check(job);
    expect(r.verdict.kind).toBe('evalError');
    if (r.verdict.kind !== 'evalError') return;
    expect(r.verdict.trace.map((s) => s.vars.x)).toEqual(['0', '1']);
    expect(r.verdict.trace[1]!.action).toMatchObject({ name: 'Up' });
    expect(r.verdict.stack).toHaveLength(1);
    expect(textAt(job.tla, r.verdict.stack[0]!)).toBe('1 \\div (x - 1)');
  });
  it('a failed assert in a process step: located at its Assert, with self bound to the process', async () => {
    const m = model('RecAssert', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.process('P', 'p', {}, () => [loop('l', TRUE(), [assert('Low', lt(x, 2)), set(x, plus(x, 1))])]);
      b.config('c');
    });
    const job = jobOf(m);
    const r = await tlaChecker.check(job);
    expect(r.verdict).toMatchObject({ kind: 'assert', message: 'Low' });
    if (r.verdict.kind !== 'assert') return;
    expect(r.verdict.trace.map((s) => s.vars.x)).toEqual(['0', '1', '2']);
    expect(textAt(job.tla, r.verdict.location!)).toMatch(/^Assert\(.*x < 2, "Low"\)$/);
  });
  it('a failure already located is not looked for again', async () => {
    const job = jobOf(adding());
    const loc = { module: 'Rec', startLine: 1, startCol: 1, endLine: 1, endCol: 2 };
    const failed: CheckResult = { backend: 'tla-checker', module: 'Rec', config: 'c', durationMs: 0, verdict: { kind: 'evalError', message: 'boom', stack: [loc], trace: [{ index: 1, vars: { x: '0', y: '0' } }] } };
    expect(await recoverTrace(failed, job)).toBe(failed);
    const asserted: CheckResult = { ...failed, verdict: { kind: 'assert', message: 'A', location: loc, trace: [{ index: 1, vars: { x: '0', y: '0' } }] } };
    expect(await recoverTrace(asserted, job)).toBe(asserted);
    // Not located, but no candidate fails with that message: the trace comes back, no location.
    const unknown: CheckResult = { ...failed, verdict: { kind: 'evalError', message: 'no such failure', stack: [], trace: [{ index: 1, vars: { x: '0', y: '0' } }] } };
    expect((await recoverTrace(unknown, job)).verdict).toEqual(unknown.verdict);
  });
  it('an evaluation error with no trace (a false assumption\'s) or a run already aborted: the result as it came', async () => {
    const job = jobOf(adding());
    const assumed: CheckResult = { backend: 'tla-checker', module: 'Rec', config: 'c', durationMs: 0, verdict: { kind: 'evalError', message: 'Assume 0 violated', stack: [], trace: [] } };
    expect(await recoverTrace(assumed, job)).toBe(assumed);
    // Aborted: the worker answers nothing, so there is no initial state to start from.
    const r = await checkCompiled(job, {});
    if (r.verdict.kind !== 'invariant') throw new Error(r.verdict.kind);
    const bare = withTrace(r, statesOnly(r.verdict.trace));
    expect(await recoverTrace(bare, job, AbortSignal.abort())).toBe(bare);
  });
  it('the replay leaves no worker holding the process open when it returns', async () => {
    const job = jobOf(adding());
    const r = await checkCompiled(job, {});
    // A worker thread in use holds a ref'd MessagePort; a warm one waiting in the pool is unref'd, and not counted.
    const ports = () => process.getActiveResourcesInfo().filter((x) => x === 'MessagePort').length;
    const before = ports();
    const out = await recoverTrace(withTrace(r, [{ vars: { x: '0', y: '0' } }, { vars: { x: '1', y: '0' } }]), job);
    expect(out.verdict.kind === 'invariant' && out.verdict.trace[1]!.action?.name).toBe('Add'); // it did run
    expect(ports()).toBeLessThanOrEqual(before); // (a worker another file left closing may end meanwhile)
  });
  it('a module text without its `VARIABLES` line as emitted: an internal error, not steps left unnamed', async () => {
    const job = jobOf(adding());
    const r = await checkCompiled(job, {});
    // `VARIABLE` is TLA+ too (the initial state is found), but the replay adds its variable to the `VARIABLES` line.
    const other = { ...job, tla: job.tla.replace('VARIABLES x, y\n', 'VARIABLE x, y\n') };
    expect(other.tla).not.toBe(job.tla);
    await expect(recoverTrace(withTrace(r, [{ vars: { x: '0', y: '0' } }, { vars: { x: '1', y: '0' } }]), other)).rejects.toThrow("internal: no 'VARIABLES x, y' line in Rec.tla");
  });
  it('parameters named like the module\'s variables or generated definitions (printed `x2`, `vars2`): the replay renames them too', async () => {
    const m = model('RecNames', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.action('Add', { x: range(1, 2) }, ({ x: k }) => [when(lt(x, 5)), set(x, plus(x, k))]);
      b.action('Back', { vars: range(1, 1) }, ({ vars: k }) => [when(gt(x, 0)), set(x, minus(x, k))]);
      b.invariant('Small', lt(x, 2));
      b.config('c');
    });
    const job = jobOf(m);
    // The replay quantifies over them itself (`\E x2 \in 1..2 : Add(x2) /\ ...`): an `x` there would hide the variable.
    expect(job.tla).toContain('Add(x2) ==');
    expect(job.tla).toContain('Back(vars2) ==');
    const r = await checkCompiled(job, {});
    const out = await recoverTrace(withTrace(r, [{ vars: { x: '0' } }, { vars: { x: '2' } }, { vars: { x: '1' } }]), job);
    expect(out.verdict.kind === 'invariant' && out.verdict.trace.map((s) => s.action && { name: s.action.name, params: s.action.params })).toEqual([
      undefined, { name: 'Add', params: { x: '2' } }, { name: 'Back', params: { vars: '1' } },
    ]);
  });
  it('a state is the trace\'s when each value is the same up to whitespace runs (one space) and whitespace around it; spaces inside a string count', async () => {
    const m = model('RecText', (b) => {
      const x = b.variable('x', t.set(t.int(1, 3)), setOf(1));
      const s = b.variable('s', t.enum('to do', 'done'), 'to do');
      b.action('Grow', { k: range(2, 3) }, ({ k }) => [set(x, union(x, setOf(k))), set(s, s)]);
      b.action('Finish', {}, () => [set(x, x), set(s, 'done')]);
      b.config('c', { checkDeadlock: false });
    });
    const job = jobOf(m);
    const r = await checkCompiled(job, {});
    // A value wrapped over lines, one with a line's trailing \r.
    const wrapped = withTrace(r, [{ vars: { x: '{1}\r', s: '"to do"' } }, { vars: { x: '{1,\n   2}', s: ' "to do"' } }]);
    const out = await recoverTrace(wrapped, job);
    expect('trace' in out.verdict && out.verdict.trace[1]!.action).toMatchObject({ name: 'Grow', params: { k: '2' } });
    const squeezed = withTrace(r, [{ vars: { x: '{1}', s: '"todo"' } }, { vars: { x: '{1}', s: '"done"' } }]);
    expect(await recoverTrace(squeezed, job)).toBe(squeezed);
  });
  it('a state with one variable fewer, or another variable in place of one, is not the state', async () => {
    const job = jobOf(adding());
    const r = await checkCompiled(job, {});
    const fewer = await recoverTrace(withTrace(r, [{ vars: { x: '0', y: '0' } }, { vars: { x: '1' } }]), job);
    expect(fewer.verdict.kind === 'invariant' && fewer.verdict.trace).toEqual([{ vars: { x: '0', y: '0' } }, { vars: { x: '1' } }]);
    const otherVar = withTrace(r, [{ vars: { x: '0', z: '0' } }, { vars: { x: '1', y: '0' } }]);
    expect(await recoverTrace(otherVar, job)).toBe(otherVar);
  });
});

describe('recoverTrace: where a failure happened', () => {
  /** Two processes, each adding its id to x (step a), then asserting x <= id + 1 (step b). */
  const steps = () => model('RecSteps', (b) => {
    const x = b.variable('x', t.int(0, 9), 0);
    b.process('P', range(1, 2), {}, ({ self }) => [label('a'), set(x, plus(x, self)), label('b'), assert('Sum', le(x, plus(self, 1)))]);
    b.config('c');
  });
  const failed = (verdict: CheckResult['verdict']): CheckResult => ({ backend: 'tla-checker', module: 'RecSteps', config: 'c', durationMs: 0, verdict });
  /** A state of `steps`: x, and each process's pc (the ids are 1..2, so pc prints as a tuple). */
  const at = (x: number, pc1: string, pc2: string) => ({ vars: { x: String(x), pc: `<<"${pc1}", "${pc2}">>` } });
  const numbered = (states: readonly Omit<TraceState, 'index'>[]): TraceState[] => states.map((s, i) => ({ index: i + 1, ...s }));

  it('a failed assert in a process step: the step each process is at (pc), not a finished one\'s, with self bound to that process', async () => {
    const job = jobOf(steps());
    // Process 2 runs to the end (2 <= 3), then process 1 adds 1: at b, 3 <= 2 fails.
    const trace = numbered([at(0, 'a', 'a'), at(2, 'a', 'b'), at(2, 'a', 'Done'), at(3, 'b', 'Done')]);
    const out = await recoverTrace(failed({ kind: 'assert', message: 'Sum', trace }), job);
    if (out.verdict.kind !== 'assert') throw new Error(out.verdict.kind);
    expect(out.verdict.trace.map((s) => s.action && { name: s.action.name, params: s.action.params })).toEqual([
      undefined, { name: 'P_a', params: { self: '2' } }, { name: 'P_b', params: { self: '2' } }, { name: 'P_a', params: { self: '1' } },
    ]);
    // The assert reads self: evaluated with self = 1 it fails; unbound it would not evaluate at all.
    expect(textAt(job.tla, out.verdict.location!)).toBe('Assert("Sum" \\notin AssertsOff => x <= self + 1, "Sum")');
    expect(job.tla.split('\n')[out.verdict.location!.startLine - 3]).toBe('P_b(self) ==');
    // Another assert's name: this one failing is not it.
    const other = await recoverTrace(failed({ kind: 'assert', message: 'Other', trace }), job);
    expect(other.verdict).not.toHaveProperty('location');
  });
  it.for([
    ['let', 'Assert("Sum" \\notin AssertsOff => (LET self == x IN self <= self2 + 1), "Sum")'],
    ['variable', 'Assert("Sum" \\notin AssertsOff => x <= self2 + 1, "Sum")'],
  ] as const)('a process whose self prints under another name (a %s named self): self is bound under that name', async ([named, assertText]) => {
    const m = model(`RecSelf_${named}`, (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      if (named === 'variable') b.variable('self', t.int(0, 9), 0);
      b.process('P', range(1, 2), {}, ({ self }) => [label('a'), set(x, plus(x, self)), label('b'),
        assert('Sum', named === 'let' ? letIn('self', x, (v) => le(v, plus(self, 1))) : le(x, plus(self, 1)))]);
      b.config('c');
    });
    const job = jobOf(m);
    const state = (x: number, pc1: string, pc2: string) => ({ vars: { x: String(x), ...(named === 'variable' ? { self: '0' } : {}), pc: `<<"${pc1}", "${pc2}">>` } });
    const trace = numbered([state(0, 'a', 'a'), state(2, 'a', 'b'), state(2, 'a', 'Done'), state(3, 'b', 'Done')]);
    const out = await recoverTrace(failed({ kind: 'assert', message: 'Sum', trace }), job);
    if (out.verdict.kind !== 'assert') throw new Error(out.verdict.kind);
    expect(out.verdict.trace.at(-1)!.action).toMatchObject({ name: 'P_a', params: { self: '1' } });
    // Bound as `self`, the text (which reads self2) would not evaluate: no location.
    expect(out.verdict.location).toBeDefined();
    expect(textAt(job.tla, out.verdict.location!)).toBe(assertText);
    expect(job.tla.split('\n')[out.verdict.location!.startLine - 3]).toBe('P_b(self2) ==');
  });
  it('every process finished: the stuttering step is Terminating', async () => {
    const job = jobOf(steps());
    const trace = numbered([at(0, 'a', 'a'), at(1, 'b', 'a'), at(1, 'Done', 'a'), at(3, 'Done', 'b'), at(3, 'Done', 'Done'), at(3, 'Done', 'Done')]);
    const out = await recoverTrace(failed({ kind: 'deadlock', trace }), job);
    expect(out.verdict.kind === 'deadlock' && out.verdict.trace.map((s) => s.action?.name)).toEqual([undefined, 'P_a', 'P_b', 'P_a', 'P_b', 'Terminating']);
  });

  /** Up to 1, where Down divides by x - 1; Far(k) would too, but only past k = 1, so never here. */
  const far = () => model('RecFar', (b) => {
    const x = b.variable('x', t.int(-9, 9), 0);
    b.action('Up', {}, () => [when(lt(x, 1)), set(x, plus(x, 1))]);
    b.action('Far', { k: range(1, 1) }, ({ k }) => [when(gt(x, k)), set(x, div(1, minus(x, 1)))]);
    b.action('Down', {}, () => [when(eq(x, 1)), set(x, minus(x, div(10, minus(x, 1))))]);
    b.config('c', { checkDeadlock: false });
  });

  it('an evaluation error: in the step without parameters that fails, not in an action with parameters (its values are unknown) nor another action\'s expression', async () => {
    const job = jobOf(far());
    const r = await tlaChecker.check(job);
    if (r.verdict.kind !== 'evalError') throw new Error(r.verdict.kind);
    expect(r.verdict.message).toBe('division by zero');
    // Far's `1 \div (x - 1)` is shorter and fails the same way when evaluated alone, but Far is not taken at x = 1.
    expect(r.verdict.stack.map((l) => textAt(job.tla, l))).toEqual(['10 \\div (x - 1)']);
    expect(job.tla.split('\n')[r.verdict.stack[0]!.startLine - 1]).toBe("  /\\ x' = x - 10 \\div (x - 1)");
  });
  it('an evaluation error already located keeps its location (its steps are still named); one that nothing here fails with is not located; the message is compared trimmed', async () => {
    const job = jobOf(far());
    // The failure of the test above, as tla-checker reports it: states only, no location.
    const failure = (message: string, stack: TlaLocation[]): CheckResult => ({
      backend: 'tla-checker', module: 'RecFar', config: 'c', durationMs: 0, verdict: { kind: 'evalError', message, stack, trace: [{ index: 1, vars: { x: '0' } }, { index: 2, vars: { x: '1' } }] },
    });
    const named = [{ index: 1, vars: { x: '0' } }, { index: 2, vars: { x: '1' }, action: { name: 'Up' } }];
    const elsewhere = { module: 'RecFar', startLine: 1, startCol: 1, endLine: 1, endCol: 2 };
    const kept = await recoverTrace(failure('division by zero', [elsewhere]), job);
    expect(kept.verdict).toMatchObject({ stack: [elsewhere], trace: named });
    // Another message: Down's division fails, but not with it.
    const other = await recoverTrace(failure('integer overflow', []), job);
    expect(other.verdict).toMatchObject({ stack: [], trace: named });
    const padded = await recoverTrace(failure('division by zero\n', []), job);
    expect(padded.verdict.kind === 'evalError' && padded.verdict.stack.map((l) => textAt(job.tla, l))).toEqual(['10 \\div (x - 1)']);
  });
  it('an evaluation error in an invariant, inside a quantifier (its body cannot be evaluated alone): the whole quantifier, over several lines', async () => {
    const m = model('RecSpread', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('Up', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
      // Fails the same way at x = 1, but no check evaluates it: not a candidate.
      b.define('Ratio', div(2, minus(x, 1)));
      b.invariant('Spread', ite(gt(x, 0), forall(range(1, 2), (i) => and(gt(i, 0), lt(div(2, minus(x, i)), 5))), TRUE()));
      b.config('c');
    });
    const job = jobOf(m);
    const r = await tlaChecker.check(job);
    if (r.verdict.kind !== 'evalError') throw new Error(r.verdict.kind);
    expect(r.verdict.message).toBe('division by zero');
    expect(r.verdict.stack).toHaveLength(1);
    const loc = r.verdict.stack[0]!;
    // Evaluated as cut from the middle of the THEN line to the end of the last: the whole first line, or
    // one line only, would not parse; then the IF around it would be the location.
    expect(loc.endLine - loc.startLine).toBe(2);
    expect(textAt(job.tla, loc)).toBe('\\A i \\in 1..2 :\n         /\\ i > 0\n         /\\ 2 \\div (x - i) < 5');
    expect(job.tla.split('\n')[loc.startLine - 1]).toBe('  THEN \\A i \\in 1..2 :');
  });
});

describe('actionOf: the replay tag of a step, read back', () => {
  /** Double (no parameters) is declared before Add(k), so the first action is not the one a tag names. */
  const doublingFirst = () => model('Tags', (b) => {
    const x = b.variable('x', t.int(0, 9), 0);
    b.action('Double', {}, () => [when(lt(x, 5)), set(x, plus(x, x))]);
    b.action('Add', { k: range(1, 2) }, ({ k }) => [when(lt(x, 5)), set(x, plus(x, k))]);
    b.config('c');
  });

  it('names the action, its parameters by name and the TLA+ text of its definition', () => {
    const job = jobOf(doublingFirst());
    const add = actionOf('<<"Add", <<2>>>>', job)!;
    expect({ name: add.name, params: add.params }).toEqual({ name: 'Add', params: { k: '2' } });
    expect(textAt(job.tla, add.location!)).toMatch(/^Add\(k\) ==/);
    const double = actionOf('<<"Double", <<>>>>', job)!;
    expect(double.name).toBe('Double');
    expect(double).not.toHaveProperty('params');
    expect(textAt(job.tla, double.location!)).toMatch(/^Double ==/);
    expect(double.location!.startLine).toBeLessThan(add.location!.startLine);
  });

  it('an action the module does not have: its name alone, no parameters, no location', () => {
    expect(actionOf('<<"Gone", <<1>>>>', jobOf(doublingFirst()))).toEqual({ name: 'Gone' });
  });

  it('arguments that do not fit the action (another count, or not a tuple): no parameters', () => {
    const job = jobOf(doublingFirst());
    expect(actionOf('<<"Add", <<1, 2>>>>', job)).not.toHaveProperty('params');
    expect(actionOf('<<"Add", <<>>>>', job)).not.toHaveProperty('params');
    expect(actionOf('<<"Add", 1>>', job)).not.toHaveProperty('params');
    expect(actionOf('<<"Add", 1>>', job)!.name).toBe('Add');
  });

  it('no tag, or a value that is not a pair: no action', () => {
    const job = jobOf(doublingFirst());
    expect(actionOf(undefined, job)).toBeUndefined();
    expect(actionOf('"Add"', job)).toBeUndefined();
    expect(actionOf('<<"Add">>', job)).toBeUndefined();
    expect(actionOf('<<"Add", <<1>>, 3>>', job)).toBeUndefined();
    expect(actionOf('{"Add", 1}', job)).toBeUndefined();
  });
});

describe('TlaCheckerSession', () => {
  const SPEC = '---- MODULE S ----\nVARIABLE x\nInit == x = 0\nNext == x\' = 1 - x\n====\n';
  const CFG = 'INIT Init\nNEXT Next\n';
  it('answers calls in order, one wasm load for all; an unknown call is an error reply, and the session goes on', async () => {
    const s = new TlaCheckerSession();
    try {
      const a = await s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
      expect(a?.ok).toBe(true);
      expect(a?.ok && JSON.parse(a.json)).toMatchObject({ ok: true, states: [{ display: { x: '0' } }] });
      const bad = await s.call('no_such_call', [], 30_000);
      expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/not a function/) });
      expect(bad).not.toHaveProperty('id');
      const again = await s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
      expect(again).toEqual(a);
    } finally { await s.close(); }
  });
  it('a call past its timeout answers nothing and ends the session: later calls answer nothing at once', async () => {
    const s = new TlaCheckerSession();
    try {
      expect(await s.call('explore_init', [SPEC, CFG, '{}'], 1)).toBeUndefined();
      const t0 = performance.now();
      expect(await s.call('explore_init', [SPEC, CFG, '{}'], 30_000)).toBeUndefined();
      expect(performance.now() - t0).toBeLessThan(1000);
    } finally { await s.close(); }
  });
  it('an aborted signal: nothing is called; aborting during a call answers it with nothing', async () => {
    expect(await callInWorker('explore_init', [SPEC, CFG, '{}'], 30_000, AbortSignal.abort())).toBeUndefined();
    const ac = new AbortController();
    const pending = callInWorker('explore_init', [SPEC, CFG, '{}'], 30_000, ac.signal);
    ac.abort();
    expect(await pending).toBeUndefined();
    expect(await callInWorker('explore_init', [SPEC, CFG, '{}'], 30_000)).toMatchObject({ ok: true });
  });
  it('closing answers the pending calls with nothing', async () => {
    const s = new TlaCheckerSession();
    const pending = s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
    await s.close();
    expect(await pending).toBeUndefined();
    expect(await s.call('explore_init', [SPEC, CFG, '{}'], 30_000)).toBeUndefined();
  });
});
