/**
 * `explain`: a real counterexample of models/mutex-counter.ts (racy config) on both checkers, and
 * synthetic results for the verdicts that model cannot produce. DSL lines are found by reading
 * the model file, never hard-coded.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import mutexCounter from '../models/mutex-counter.js';
import type { CheckResult, TlaLocation, TraceState, Verdict } from '../dsl/check/result.js';
import { findTlc, type TlcLookup } from '../dsl/check/tlc.js';
import { compile } from '../dsl/compile.js';
import type * as ir from '../dsl/ir/nodes.js';
import { explain, type Explanation } from '../dsl/map/explain.js';
import { definitionSpan, type SourceMap } from '../dsl/map/sourcemap.js';
import { diffValues, parseValue, splitTopLevel } from '../dsl/check/values.js';
import { MODEL_FILE, runRacy } from './fixtures/report/racy.js';
import { lineOf } from './helpers/locate.js';

const NO_LOST_UPDATE = () => lineOf(MODEL_FILE, "m.invariant('NoLostUpdate'");
const ACTION_LINE = (name: string) => lineOf(MODEL_FILE, `m.action('${name}'`);

let tlc: TlcLookup;
beforeAll(async () => { tlc = await findTlc(); });

/** Action names and DSL lines of the steps after the initial state. */
const stepActions = (x: Explanation) => x.steps.slice(1).map((s) => ({ action: s.action, line: s.dsl?.line }));

describe('explain a real counterexample (racy config)', () => {
  it('tla-checker: property line, actions recovered by replay, changes per function entry', async () => {
    const { report } = await runRacy(['tla-checker']);
    const x = report.runs[0]!.explanation;
    expect(x.verdict).toBe('invariant');
    expect(x.problem).toMatchObject({ kind: 'invariant', name: 'NoLostUpdate', dsl: { file: MODEL_FILE, line: NO_LOST_UPDATE() } });
    expect(x.steps[0]!.action).toBeUndefined();
    for (const { action, line } of stepActions(x)) {
      expect(['Acquire', 'Write']).toContain(action);
      expect(line).toBe(ACTION_LINE(action!));
    }
    // Every step moves exactly one task's phase; the diff names the entry, not the whole function.
    for (const s of x.steps.slice(1)) expect(s.changes.filter((c) => c.variable === 'phase').map((c) => c.path)).toEqual([expect.stringMatching(/^phase\[t[12]\]$/)]);
    expect(JSON.parse(JSON.stringify(x))).toEqual(x);
  });

  it('TLC: actions with their DSL lines, unquoted parameters, the task as actor', async (ctx) => {
    if (!tlc.found) ctx.skip(`TLC not available: ${tlc.reason}`);
    const { report } = await runRacy(['tlc']);
    const x = report.runs[0]!.explanation;
    expect(x.problem).toMatchObject({ name: 'NoLostUpdate', dsl: { file: MODEL_FILE, line: NO_LOST_UPDATE() } });
    expect(x.steps.length).toBeGreaterThan(1);
    for (const s of x.steps.slice(1)) {
      expect(s.dsl?.line).toBe(ACTION_LINE(s.action!));
      expect(s.params.self).toMatch(/^t[12]$/);
      expect(s.actor).toBe(s.params.self);
      expect(s.summary.startsWith(`${s.actor}: ${s.action}(self=${s.actor})`)).toBe(true);
    }
    const acquire = x.steps.find((s) => s.action === 'Acquire')!;
    expect(acquire.summary).toContain(`phase[${acquire.actor}]: idle → read`);
  });
});

describe('explain synthetic results', () => {
  const { sourceMap: map } = compile(mutexCounter);
  const module = mutexCounter.module;
  const result = (verdict: Verdict): CheckResult => ({ backend: 'tlc', module: 'MutexCounter', config: 'racy', verdict, durationMs: 1 });
  const state = (index: number, vars: Record<string, string>, action?: TraceState['action']): TraceState => ({ index, vars, ...(action ? { action } : {}) });
  const tlaOf = (name: string): TlaLocation => {
    const { start, end } = definitionSpan(map, name)!.tla;
    return { module: 'MutexCounter', startLine: start.line, startCol: start.col, endLine: end.line, endCol: end.col };
  };
  const trace = [
    state(1, { counter: '0', phase: '(t1 :> "idle" @@ t2 :> "idle")' }),
    state(2, { counter: '0', phase: '(t1 :> "read" @@ t2 :> "idle")' }, { name: 'Acquire', args: 't1' }),
  ];

  it('deadlock: no property, the config as anchor, the trace explained', () => {
    const x = explain(result({ kind: 'deadlock', trace }), map, module);
    expect(x.problem).toEqual({ kind: 'deadlock', message: expect.stringContaining('deadlock') });
    expect(x.configDsl?.line).toBe(lineOf(MODEL_FILE, "m.config('racy'"));
    // TLC's text trace gives `Acquire(t1)`: the argument is named from the IR action.
    expect(x.steps[1]).toMatchObject({ action: 'Acquire', params: { self: 't1' }, actor: 't1', summary: 't1: Acquire(self=t1) — phase[t1]: idle → read' });
    expect(x.steps[0]!.summary).toBe('initial state — counter = 0; phase = (t1 :> "idle" @@ t2 :> "idle")');
  });

  it('lasso: loopsTo and stuttering are kept, the property mapped to its declaration', () => {
    const x = explain(result({ kind: 'property', name: 'MutualExclusion', trace, loopsTo: 1, stuttering: false }), map, module);
    expect(x.lasso).toEqual({ loopsTo: 1, stuttering: false });
    expect(x.problem?.dsl?.line).toBe(lineOf(MODEL_FILE, "m.invariant('MutualExclusion'"));
    expect(explain(result({ kind: 'property', trace, stuttering: true }), map, module).lasso).toEqual({ stuttering: true });
  });

  it('evalError: the innermost frame that maps to the DSL wins; frames in other modules are skipped', () => {
    const inner = map.entries.find((e) => e.kind === 'expr' && e.definition === 'Write')!;
    const frame: TlaLocation = { module: 'MutexCounter', startLine: inner.tla.start.line, startCol: inner.tla.start.col, endLine: inner.tla.end.line, endCol: inner.tla.end.col };
    const elsewhere: TlaLocation = { module: 'TLC', startLine: 1, startCol: 1, endLine: 1, endCol: 5 };
    const x = explain(result({ kind: 'evalError', message: 'boom', stack: [tlaOf('Write'), frame, elsewhere], trace: [] }), map, module);
    expect(x.problem).toMatchObject({ kind: 'evalError', message: 'boom', dsl: inner.dsl, tla: frame });
  });

  it('parseError: its TLA+ location maps through the source map', () => {
    const x = explain(result({ kind: 'parseError', message: 'bad', location: tlaOf('NoLostUpdate') }), map, module);
    expect(x.problem?.dsl?.line).toBe(NO_LOST_UPDATE());
    expect(x.steps).toEqual([]);
  });
});

describe('explain asserts and process steps (hand-built IR and source map)', () => {
  const at = (line: number): ir.SourceLoc => ({ file: 'models/p.ts', line, col: 3, endLine: line, endCol: 20 });
  const self: ir.Binder = { id: 1, hint: 'self' };
  const step = (name: string, process: string, label: string, line: number, body: ir.ActionItem[] = []): ir.Action =>
    ({ name, params: [{ binder: self, set: { kind: 'ref', name: 'ProcSet' } }], body, formula: { kind: 'bool', value: true }, fairness: 'none', loc: at(line), process, label });
  const check: ir.ActionItem = { kind: 'assert', name: 'FrameFits', cond: { kind: 'bool', value: true }, loc: at(42) };
  const module: ir.Module = {
    name: 'P', extends: [], constants: [], variables: [], configs: [], loc: at(1),
    definitions: [{ name: 'Worker', params: [self], body: { kind: 'bool', value: true }, role: 'step', loc: at(5) }],
    actions: [
      step('Worker_lock', 'Worker', 'lock', 10),
      step('Worker_store', 'Worker', 'store', 12, [{ kind: 'either', loc: at(40), alts: [[], [check]] }]),
      step('Alloc_grab', 'Alloc', 'grab', 30),
    ],
  };
  const tla = (line: number) => ({ start: { line, col: 1 }, end: { line, col: 40 } });
  const map: SourceMap = {
    version: 1, module: 'P', tla: 'P.tla', entries: [
      { kind: 'definition', definition: 'Worker_lock', tla: tla(20), dsl: at(10) },
      { kind: 'definition', definition: 'Worker_store', tla: { start: { line: 22, col: 1 }, end: { line: 26, col: 40 } }, dsl: at(12) },
      { kind: 'expr', definition: 'Worker_store', tla: { start: { line: 24, col: 6 }, end: { line: 24, col: 30 } }, dsl: at(42) },
      { kind: 'definition', definition: 'Alloc_grab', tla: tla(30), dsl: at(30) },
    ],
  };
  const result = (verdict: Verdict): CheckResult => ({ backend: 'tla-checker', module: 'P', config: 'c', verdict, durationMs: 1 });

  it('assert: TLC location → innermost DSL span; without one, the assert named by the message', () => {
    const location: TlaLocation = { module: 'P', startLine: 24, startCol: 8, endLine: 24, endCol: 20 };
    expect(explain(result({ kind: 'assert', message: 'FrameFits', location, trace: [] }), map, module).problem)
      .toMatchObject({ kind: 'assert', name: 'FrameFits', dsl: { line: 42 }, tla: location });
    expect(explain(result({ kind: 'assert', message: 'FrameFits', trace: [] }), map, module).problem?.dsl?.line).toBe(42);
  });

  it('decodes pc moves and the call stack, and names the step from the label when the checker did not', () => {
    const s = (index: number, pc: string, stack: string, action?: string): TraceState =>
      ({ index, vars: { pc, stack }, ...(action ? { action: { name: action } } : {}) });
    const frame = '<<[procedure |-> "Alloc", pc |-> "store"]>>';
    const x = explain(result({
      kind: 'invariant', name: 'Inv', initial: false, trace: [
        s(1, '(t1 :> "lock" @@ t2 :> "lock")', '(t1 :> <<>> @@ t2 :> <<>>)'),
        // tla-checker names the process's step definition, not the labelled action.
        s(2, '(t1 :> "grab" @@ t2 :> "lock")', `(t1 :> ${frame} @@ t2 :> <<>>)`, 'Worker'),
        s(3, '(t1 :> "grab" @@ t2 :> "store")', `(t1 :> ${frame} @@ t2 :> <<>>)`),
      ],
    }), map, module);
    const [, lock, other] = x.steps;
    expect(lock).toMatchObject({ action: 'Worker_lock', actor: 't1', params: { self: 't1' }, unit: { name: 'Worker', label: 'lock' }, dsl: { line: 10 }, callStack: ['Alloc'] });
    expect(lock!.labels).toEqual([{ id: 't1', from: 'lock', to: 'grab' }]);
    expect(lock!.summary).toBe('t1: Worker_lock(self=t1) — t1: lock → grab; calls of t1: (none) → Alloc');
    expect(other).toMatchObject({ action: 'Worker_lock', actor: 't2', callStack: [] });
  });
});

describe('TLA+ values', () => {
  it('reads functions, records, sequences, sets and strings; keeps what it cannot read opaque', () => {
    expect(parseValue('(a :> [x |-> <<1, "s,">>] @@ b :> {})')).toMatchObject({ k: 'fn', entries: [['a', { k: 'record' }], ['b', { k: 'set', items: [] }]] });
    expect(parseValue('(1)')).toEqual({ k: 'atom', text: '1' });
    expect(parseValue('[x \\in S |-> 1]')).toEqual({ k: 'atom', text: '[x \\in S |-> 1]' });
    expect(splitTopLevel('t1, <<a, b>>, "x,y"')).toEqual(['t1', '<<a, b>>', '"x,y"']);
    expect(splitTopLevel('')).toEqual([]);
  });

  it('diffs per entry where both sides have the same keys, else the whole value', () => {
    expect(diffValues('r', '[a |-> (t1 :> 1 @@ t2 :> 2), b |-> 0]', '[a |-> (t1 :> 1 @@ t2 :> 3), b |-> 0]'))
      .toEqual([{ variable: 'r', path: 'r.a[t2]', from: '2', to: '3' }]);
    expect(diffValues('q', '<<1>>', '<<1, 2>>')).toEqual([{ variable: 'q', path: 'q', from: '<<1>>', to: '<<1, 2>>' }]);
    expect(diffValues('q', '<<1,\n 2>>', '<<1, 2>>')).toEqual([]);
  });
});
