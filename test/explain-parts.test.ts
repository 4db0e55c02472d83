/**
 * `explain` (dsl/map/explain.ts) verdict by verdict and step by step, on a small process model
 * compiled inside each test (its source map and IR), with synthetic checker results: each
 * problem's message and DSL anchor, how a step's action, actor, parameters and effects are found,
 * a deadlock's waiting processes, a lasso's closing step, covers; and the one-line texts
 * (lassoText, callText, changeText). DSL lines are found by reading this file, never hard-coded.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult, TlaLocation, TraceState, Verdict } from '../dsl/check/result.js';
import { compile } from '../dsl/compile.js';
import { assert, eq, label, le, lt, model, plus, range, ret, set, t, when } from '../dsl/index.js';
import { callText, changeText, explain, lassoText, type Step } from '../dsl/map/explain.js';
import { definitionSpan } from '../dsl/map/sourcemap.js';
import { lineOf } from './helpers/locate.js';

const FILE = 'test/explain-parts.test.ts';
const line = (text: string) => lineOf(FILE, text);

/** Two processes count up to 2, calling a procedure in between; Reset is a plain action. */
function build() {
  const m = model('Ex', (b) => {
    const P = b.modelValues('P');
    const count = b.variable('count', t.int(0, 3), 0);
    const helper = b.procedure('helper', {}, () => [label('inHelper'), set(count, plus(count, 1)), ret()]);
    b.process('Proc', P, {}, () => [
      label('start'), when(lt(count, 2)), set(count, plus(count, 1)),
      label('call'), helper({}),
      label('fin'), assert('Fits', le(count, 3)), set(count, 0),
    ]);
    b.action('Reset', { k: range(0, 2) }, ({ k }) => [when(eq(count, 3)), set(count, k)]);
    b.invariant('Small', le(count, 2));
    b.cover('Two', eq(count, 2));
    b.config('c', { constants: { P: ['p1', 'p2'] } });
  });
  const { sourceMap: map } = compile(m);
  return { map, module: m.module };
}
const result = (verdict: Verdict, extra: Partial<CheckResult> = {}): CheckResult => ({ backend: 'tlc', module: 'Ex', config: 'c', verdict, durationMs: 1, ...extra });
const st = (index: number, vars: Record<string, string>, action?: TraceState['action']): TraceState => ({ index, vars, ...(action ? { action } : {}) });
const pc = (p1: string, p2: string) => `(p1 :> "${p1}" @@ p2 :> "${p2}")`;
const NO_STACK = '(p1 :> <<>> @@ p2 :> <<>>)';

describe('the problem, verdict by verdict', () => {
  it('an invariant: violated, or violated by an initial state, at its declaration', () => {
    const { map, module } = build();
    const x = explain(result({ kind: 'invariant', name: 'Small', initial: false, trace: [] }), map, module);
    expect(x.problem).toEqual({ kind: 'invariant', name: 'Small', message: 'invariant Small violated', dsl: expect.objectContaining({ file: FILE, line: line("b.invariant('Small'") }) });
    expect(explain(result({ kind: 'invariant', name: 'Small', initial: true, trace: [] }), map, module).problem?.message).toBe('invariant Small violated by an initial state');
    expect(x.configDsl).toMatchObject({ file: FILE, line: line("b.config('c'") });
    expect(x.verdict).toBe('invariant');
    expect(x).toMatchObject({ backend: 'tlc', module: 'Ex', config: 'c', steps: [] });
  });

  it('a property without a name; an action named as the violated one (found by the IR when the map has no definition)', () => {
    const { map, module } = build();
    const unnamed = explain(result({ kind: 'property', trace: [], stuttering: true }), map, module);
    expect(unnamed.problem).toEqual({ kind: 'property', message: 'property (unnamed) violated' });
    const noMap = { ...map, entries: [] };
    expect(explain(result({ kind: 'property', name: 'Reset', trace: [], stuttering: true }), noMap, module).problem?.dsl).toMatchObject({ line: line("b.action('Reset'") });
    expect(explain(result({ kind: 'property', name: 'Small', trace: [], stuttering: true }), noMap, module).problem?.dsl).toMatchObject({ line: line("b.invariant('Small'") });
    expect(explain(result({ kind: 'property', name: 'Nowhere', trace: [], stuttering: true }), noMap, module).problem).toEqual({ kind: 'property', name: 'Nowhere', message: 'property Nowhere violated' });
  });

  it('deadlock, configError, crashed: their messages, no DSL anchor', () => {
    const { map, module } = build();
    expect(explain(result({ kind: 'deadlock', trace: [] }), map, module).problem).toEqual({ kind: 'deadlock', message: 'deadlock: a state with no enabled action' });
    expect(explain(result({ kind: 'configError', message: 'no such constant' }), map, module).problem).toEqual({ kind: 'configError', message: 'no such constant' });
    expect(explain(result({ kind: 'crashed', message: 'out of memory' }), map, module).problem).toEqual({ kind: 'crashed', message: 'out of memory' });
    expect(explain(result({ kind: 'passed' }), map, module)).not.toHaveProperty('problem');
  });

  it('a timeout: the limit in seconds, how far it got when known', () => {
    const { map, module } = build();
    const msg = (v: Extract<Verdict, { kind: 'timeout' }>) => explain(result(v), map, module).problem?.message;
    expect(msg({ kind: 'timeout', afterMs: 1500 })).toBe('timed out after 1.5s');
    expect(explain(result({ kind: 'timeout', afterMs: 1500 }), map, module).problem?.kind).toBe('timeout');
    expect(msg({ kind: 'timeout', afterMs: 60_000, progress: { phase: 'checking', distinct: 1_234_567 } as never })).toBe('timed out after 60s (after 1,234,567 distinct states)');
    expect(msg({ kind: 'timeout', afterMs: 60_000, progress: { phase: 'checking', distinct: 12, depth: 4 } as never })).toBe('timed out after 60s (after 12 distinct states, depth 4)');
    expect(msg({ kind: 'timeout', afterMs: 60_000, progress: { phase: 'checking', depth: 4 } as never })).toBe('timed out after 60s');
  });

  it('an assert with a TLA+ location in another module: the first assert of that name instead; none of that name: no anchor', () => {
    const { map, module } = build();
    const elsewhere: TlaLocation = { module: 'Other', startLine: 3, startCol: 1, endLine: 3, endCol: 9 };
    const p = explain(result({ kind: 'assert', message: 'NoSuch', location: elsewhere, trace: [] }), map, module).problem;
    expect(p).toEqual({ kind: 'assert', name: 'NoSuch', message: 'assert NoSuch failed', tla: elsewhere });
    const fits = explain(result({ kind: 'assert', message: 'Fits', location: elsewhere, trace: [] }), map, module).problem;
    expect(fits).toEqual({ kind: 'assert', name: 'Fits', message: 'assert Fits failed', dsl: expect.objectContaining({ file: FILE, line: line("assert('Fits'") }), tla: elsewhere });
    expect(explain(result({ kind: 'assert', message: 'Fits', trace: [] }), map, module).problem).not.toHaveProperty('tla');
  });

  it('an evaluation error no frame of which maps: its message only; a parse error without a location: the same', () => {
    const { map, module } = build();
    const elsewhere: TlaLocation = { module: 'TLC', startLine: 1, startCol: 1, endLine: 1, endCol: 5 };
    expect(explain(result({ kind: 'evalError', message: 'boom', stack: [elsewhere], trace: [] }), map, module).problem).toEqual({ kind: 'evalError', message: 'boom' });
    expect(explain(result({ kind: 'parseError', message: 'bad' }), map, module).problem).toEqual({ kind: 'parseError', message: 'bad' });
    const far: TlaLocation = { module: 'Ex', startLine: 100_000, startCol: 1, endLine: 100_000, endCol: 2 };
    expect(explain(result({ kind: 'parseError', message: 'bad', location: far }), map, module).problem).toEqual({ kind: 'parseError', message: 'bad', tla: far });
  });
});

describe('steps', () => {
  it('the initial state lists every variable; a process step is named from the pc that moved, its actor and unit from the label', () => {
    const { map, module } = build();
    const x = explain(result({ kind: 'invariant', name: 'Small', initial: false, trace: [
      st(1, { count: '0', pc: pc('start', 'start'), stack: NO_STACK }),
      st(2, { count: '1', pc: pc('call', 'start'), stack: NO_STACK }),
    ] }), map, module);
    expect(x.steps[0]).toMatchObject({ index: 1, params: {}, changes: [], labels: [], effects: ['count = 0', `pc = ${pc('start', 'start')}`, `stack = ${NO_STACK}`] });
    expect(x.steps[0]!.summary).toBe(`initial state — count = 0; pc = ${pc('start', 'start')}; stack = ${NO_STACK}`);
    expect(x.steps[0]).not.toHaveProperty('action');
    expect(x.steps[0]).not.toHaveProperty('actor');
    const s = x.steps[1]!;
    expect(s).toMatchObject({ index: 2, action: 'Proc_start', actor: 'p1', params: { self: 'p1' }, unit: { name: 'Proc', label: 'start' }, labels: [{ id: 'p1', from: 'start', to: 'call' }] });
    expect(s.dsl?.line).toBe(line("label('start')"));
    expect(s.effects).toEqual(['p1: start → call', 'count: 0 → 1']);
    expect(s.summary).toBe('p1: Proc_start(self=p1) — p1: start → call; count: 0 → 1');
    expect(s.callStack).toEqual([]);
    // The statement that made the change, and what the step read in the state before it.
    expect(s.statement?.line).toBe(line("label('start')"));
    expect(s.reads).toEqual([expect.objectContaining({ value: '0' })]);
    expect(x.steps[0]).not.toHaveProperty('reads');
    expect(x.steps[0]).not.toHaveProperty('statement');
  });

  it('a plain action TLC named with unnamed arguments: parameters named from the IR; with the wrong count, the arguments as printed', () => {
    const { map, module } = build();
    const trace = (args: string) => [st(1, { count: '3' }), st(2, { count: '0' }, { name: 'Reset', args })];
    const named = explain(result({ kind: 'deadlock', trace: trace('0') }), map, module).steps[1]!;
    expect(named).toMatchObject({ action: 'Reset', params: { k: '0' }, summary: 'Reset(k=0) — count: 3 → 0' });
    expect(named).not.toHaveProperty('args');
    expect(named).not.toHaveProperty('actor');
    expect(named).not.toHaveProperty('unit');
    expect(named.dsl?.line).toBe(line("b.action('Reset'"));
    const unnamed = explain(result({ kind: 'deadlock', trace: trace('0, 1') }), map, module).steps[1]!;
    expect(unnamed).toMatchObject({ action: 'Reset', params: {}, args: '0, 1', summary: 'Reset(0, 1) — count: 3 → 0' });
    // Parameters the checker named: shown as DSL values (model values unquoted).
    const given = explain(result({ kind: 'deadlock', trace: [st(1, { count: '3' }), st(2, { count: '0' }, { name: 'Reset', args: 'x', params: { k: '"m1"' } })] }), map, module).steps[1]!;
    expect(given).toMatchObject({ params: { k: 'm1' } });
    expect(given).not.toHaveProperty('args');
  });

  it('an action the checker named that the module does not have: kept, with no DSL line unless its TLA+ location maps', () => {
    const { map, module } = build();
    const span = definitionSpan(map, 'Reset')!.tla;
    const location: TlaLocation = { module: 'Ex', startLine: span.start.line, startCol: span.start.col, endLine: span.end.line, endCol: span.end.col };
    const steps = explain(result({ kind: 'deadlock', trace: [
      st(1, { count: '3' }),
      st(2, { count: '0' }, { name: 'Ghost' }),
      st(3, { count: '0' }, { name: 'Ghost', location }),
    ] }), map, module).steps;
    expect(steps[1]).toMatchObject({ action: 'Ghost', summary: 'Ghost — count: 3 → 0' });
    expect(steps[1]).not.toHaveProperty('dsl');
    expect(steps[2]!.dsl?.line).toBe(line("b.action('Reset'"));
    expect(steps[2]!.summary).toBe('Ghost');
  });

  it('a step no checker named and no pc explains: unknown action', () => {
    const { map, module } = build();
    const s = explain(result({ kind: 'deadlock', trace: [st(1, { count: '0' }), st(2, { count: '1' })] }), map, module).steps[1]!;
    expect(s.summary).toBe('(unknown action) — count: 0 → 1');
    expect(s).not.toHaveProperty('action');
  });

  it('two pcs moving at once: no single actor; a pc that is not a function: no label changes', () => {
    const { map, module } = build();
    const both = explain(result({ kind: 'deadlock', trace: [st(1, { pc: pc('start', 'start') }), st(2, { pc: pc('call', 'call') })] }), map, module).steps[1]!;
    expect(both.labels).toHaveLength(2);
    expect(both).not.toHaveProperty('actor');
    expect(both.effects).toEqual(['p1: start → call', 'p2: start → call']);
    const odd = explain(result({ kind: 'deadlock', trace: [st(1, { pc: '"start"' }), st(2, { pc: '"call"' })] }), map, module).steps[1]!;
    expect(odd.labels).toEqual([]);
    expect(odd.effects).toEqual(['pc: start → call']);
  });

  it('tla-checker names the process, not the step: the step is the one at the actor\'s label; its self parameter from the actor', () => {
    const { map, module } = build();
    const frame = '<<[procedure |-> "helper", pc |-> "fin"]>>';
    const steps = explain(result({ kind: 'deadlock', trace: [
      st(1, { count: '1', pc: pc('call', 'start'), stack: NO_STACK }),
      st(2, { count: '1', pc: pc('inHelper', 'start'), stack: `(p1 :> ${frame} @@ p2 :> <<>>)` }, { name: 'Proc' }),
    ] }), map, module).steps;
    const s = steps[1]!;
    expect(s).toMatchObject({ action: 'Proc_call', actor: 'p1', params: { self: 'p1' }, unit: { name: 'Proc', label: 'call' }, callStack: ['helper'] });
    expect(s.effects).toEqual(['p1: call → inHelper', 'calls of p1: (none) → helper']);
  });
});

describe('deadlock: who waits where', () => {
  it('each process not done, at its label, with the step there, its guards and what they read', () => {
    const { map, module } = build();
    const x = explain(result({ kind: 'deadlock', trace: [st(1, { count: '2', pc: pc('start', 'Done'), stack: NO_STACK })] }), map, module);
    expect(x.waiting).toHaveLength(1);
    const w = x.waiting![0]!;
    expect(w).toMatchObject({ actor: 'p1', label: 'start', action: 'Proc_start' });
    expect(w.dsl?.line).toBe(line("label('start')"));
    expect(w.guards.map((g) => g.line)).toEqual([line("label('start')")]);
    expect(w.reads).toEqual([expect.objectContaining({ value: '2' })]);
    // No trace, or no pc: nobody listed.
    expect(explain(result({ kind: 'deadlock', trace: [] }), map, module)).not.toHaveProperty('waiting');
    expect(explain(result({ kind: 'deadlock', trace: [st(1, { count: '2' })] }), map, module).waiting).toEqual([]);
    // A label no step has: listed without a step.
    expect(explain(result({ kind: 'deadlock', trace: [st(1, { pc: pc('nowhere', 'Done') })] }), map, module).waiting).toEqual([{ actor: 'p1', label: 'nowhere', guards: [], reads: [] }]);
    // Not a deadlock: no waiting list even with a trace.
    expect(explain(result({ kind: 'invariant', name: 'Small', initial: false, trace: [st(1, { count: '2', pc: pc('start', 'Done') })] }), map, module)).not.toHaveProperty('waiting');
  });
});

describe('lassos', () => {
  it('the closing step from the last state back to loopsTo, explained like a step', () => {
    const { map, module } = build();
    const trace = [
      st(1, { count: '0', pc: pc('start', 'start'), stack: NO_STACK }),
      st(2, { count: '1', pc: pc('call', 'start'), stack: NO_STACK }),
      st(3, { count: '0', pc: pc('start', 'start'), stack: NO_STACK }),
    ];
    const x = explain(result({ kind: 'property', name: 'Small', trace: trace.slice(0, 2), loopsTo: 1, stuttering: false }), map, module);
    expect(x.lasso).toMatchObject({ loopsTo: 1, stuttering: false, closing: { index: 1 } });
    // The last state back to state 1 moves p1's pc from call to start: no step at call goes there
    // by name, but the pc says p1 took its step at call.
    expect(x.lasso!.closing).toMatchObject({ actor: 'p1', action: 'Proc_call', labels: [{ id: 'p1', from: 'call', to: 'start' }] });
    expect(lassoText(x.lasso!)).toBe('p1: Proc_call(self=p1) — p1: call → start; count: 1 → 0 — back to state 1');
    expect(lassoText(x.lasso!, false)).toBe('p1: Proc_call(self=p1) — back to state 1');
    // Stuttering, or a loop whose closing step names no action.
    expect(explain(result({ kind: 'property', name: 'Small', trace, loopsTo: 1, stuttering: true }), map, module).lasso).toEqual({ loopsTo: 1, stuttering: true });
    const still = explain(result({ kind: 'property', name: 'Small', trace: [st(1, { count: '0' }), st(2, { count: '0' })], loopsTo: 1, stuttering: false }), map, module).lasso!;
    expect(still).toEqual({ loopsTo: 1, stuttering: false });
    expect(lassoText(still)).toBe('then loops back to state 1');
  });

  it('lassoText: stuttering; a loop with no state to go back to; a closing step without effects', () => {
    expect(lassoText({ stuttering: true, loopsTo: 2 })).toBe('then stutters forever');
    expect(lassoText({ stuttering: false })).toBe('then loops back to state ?');
    const closing = { action: 'Reset', params: { k: '0' }, effects: [] } as unknown as Step;
    expect(lassoText({ stuttering: false, loopsTo: 3, closing })).toBe('Reset(k=0) — back to state 3');
  });
});

describe('covers', () => {
  it('each cover at its declaration, with its status, reason, decider and witness', () => {
    const { map, module } = build();
    const x = explain(result({ kind: 'passed' }, { covers: [
      { name: 'Two', status: 'reached', witness: [st(1, { count: '0' }), st(2, { count: '2' }, { name: 'Reset', args: '2' })] },
      { name: 'Two', status: 'undecided', reason: 'time limit', decidedBy: 'tlc' },
    ] }), map, module);
    const [reached, undecided] = x.covers!;
    expect(reached).toMatchObject({ name: 'Two', status: 'reached', dsl: { line: line("b.cover('Two'") } });
    expect(reached!.witness!.map((s) => s.summary)).toEqual(['initial state — count = 0', 'Reset(k=2) — count: 0 → 2']);
    expect(reached).not.toHaveProperty('reason');
    expect(reached).not.toHaveProperty('decidedBy');
    expect(undecided).toEqual({ name: 'Two', status: 'undecided', dsl: reached!.dsl, reason: 'time limit', decidedBy: 'tlc' });
    expect(explain(result({ kind: 'passed' }), map, module)).not.toHaveProperty('covers');
  });

  it('results sharing one covers array (the cells of one checkEach search) share its explanation; another map or module explains it anew', () => {
    const { map, module } = build();
    const covers: CheckResult['covers'] = [{ name: 'Two', status: 'reached', witness: [st(1, { count: '0' }), st(2, { count: '2' }, { name: 'Reset', args: '2' })] }];
    const a = explain(result({ kind: 'passed' }, { covers }), map, module);
    const b = explain(result({ kind: 'invariant', name: 'Small', initial: true, trace: [st(1, { count: '3' })] }, { covers }), map, module);
    expect(b.covers).toBe(a.covers);
    // The same covers in a new array: explained again, to the same.
    const c = explain(result({ kind: 'passed' }, { covers: [...covers] }), map, module);
    expect(c.covers).not.toBe(a.covers);
    expect(c.covers).toEqual(a.covers);
    // Another compilation of the model: another module with the same map, then another map with that module.
    const other = build();
    const d = explain(result({ kind: 'passed' }, { covers }), map, other.module);
    expect(d.covers).not.toBe(a.covers);
    const e = explain(result({ kind: 'passed' }, { covers }), other.map, other.module);
    expect(e.covers).not.toBe(d.covers);
    expect(e.covers![0]!.dsl).toEqual(a.covers![0]!.dsl);
  });
});

describe('one-line texts', () => {
  it('callText: named parameters, printed arguments, none, or no action', () => {
    expect(callText({ action: 'Acquire', params: { self: 't1', k: '2' } })).toBe('Acquire(self=t1, k=2)');
    expect(callText({ action: 'Acquire', params: {}, args: 't1' })).toBe('Acquire(t1)');
    expect(callText({ action: 'Tick', params: {} })).toBe('Tick');
    expect(callText({ params: { self: 't1' } })).toBe('(unknown action)');
  });

  it('changeText: a value with no predecessor, a change, both on one line', () => {
    expect(changeText({ variable: 'x', path: 'x', to: '0' })).toBe('x = 0');
    expect(changeText({ variable: 'f', path: 'f[t1]', from: '"idle"', to: '"read"' })).toBe('f[t1]: idle → read');
    expect(changeText({ variable: 'r', path: 'r', from: '[a |-> 1,\n   b |-> 2]', to: '[a |->  1, b |-> 3]' })).toBe('r: [a |-> 1, b |-> 2] → [a |-> 1, b |-> 3]');
  });
});
