/**
 * dsl/map's per-step helpers on hand-built IR and states: what a step read (reads.ts), which
 * assignment made a change and which guards a process waits on (statements.ts), and which steps
 * the runs took (coverage.ts). Every expected path, value and location is written out.
 */
import { describe, expect, it } from 'vitest';
import type * as ir from '../dsl/ir/nodes.js';
import type { CheckResult } from '../dsl/check/result.js';
import { readsOf } from '../dsl/map/reads.js';
import { statementOf, waitGuards, widen } from '../dsl/map/statements.js';
import { stepCoverage, stepText, unreachedSteps } from '../dsl/map/coverage.js';
import type { SourceMap } from '../dsl/map/sourcemap.js';
import type { SpanEntry } from '../dsl/emit/writer.js';

const at = (line: number, col: number, endLine?: number, endCol?: number): ir.SourceLoc => ({ file: 'models/m.ts', line, col, ...(endLine !== undefined ? { endLine } : {}), ...(endCol !== undefined ? { endCol } : {}) });
const ref = (name: string): ir.Expr => ({ kind: 'ref', name });
const int = (value: number): ir.Expr => ({ kind: 'int', value });
const str = (value: string): ir.Expr => ({ kind: 'str', value });
const apply = (fn: ir.Expr, arg: ir.Expr): ir.Expr => ({ kind: 'apply', fn, arg }) as ir.Expr;
const field = (record: ir.Expr, name: string): ir.Expr => ({ kind: 'field', record, name });
const eq = (left: ir.Expr, right: ir.Expr): ir.Expr => ({ kind: 'infix', op: '=', left, right }) as ir.Expr;
const self: ir.Binder = { id: 9001, hint: 'self' };
const other: ir.Binder = { id: 9002, hint: 'o' };
const bound = (b: ir.Binder): ir.Expr => ({ kind: 'bound', binder: b });
const guard = (cond: ir.Expr, loc = at(1, 1)): ir.ActionItem => ({ kind: 'guard', cond, loc });
const assign = (variable: string, value: ir.Expr, loc = at(1, 1)): ir.ActionItem => ({ kind: 'assign', variable, value, loc });

function action(body: ir.ActionItem[], opts: { params?: ir.Binder[]; loc?: ir.SourceLoc; name?: string; process?: string; label?: string } = {}): ir.Action {
  return {
    name: opts.name ?? 'A', params: (opts.params ?? []).map((binder) => ({ binder, set: ref('S') })) as unknown as ir.ActionParam[], body, fairness: 'none', loc: opts.loc ?? at(1, 1),
    ...(opts.process ? { process: opts.process } : {}), ...(opts.label ? { label: opts.label } : {}), formula: { kind: 'bool', value: true },
  };
}

describe('readsOf: what a step read, narrowed to entries and fields', () => {
  const before = {
    x: '3',
    pc: '(t1 :> "go" @@ t2 :> "go")',
    stack: '(t1 :> <<>> @@ t2 :> <<>>)',
    local: '(t1 :> 5 @@ t2 :> 6)',
    ctx: '(c1 :> [acomp |-> TRUE, refs |-> 2])',
    q: '<<"a", "b">>',
    names: '("a" :> 1)',
  };

  it('a variable whole, an entry by the step parameter, a field of an entry, each once; control variables and constants left out', () => {
    const a = action([
      guard(eq(ref('x'), ref('N'))),
      guard(eq(apply(ref('pc'), bound(self)), str('go'))),
      assign('local', eq(apply(ref('local'), bound(self)), field(apply(ref('ctx'), ref('c1')), 'acomp'))),
      guard(eq(ref('x'), apply(ref('stack'), bound(self)))),
    ], { params: [self] });
    expect(readsOf(a, { self: 't1' }, before)).toEqual([
      { path: 'x', value: '3' },
      { path: 'local[t1]', value: '5' },
      { path: 'ctx[c1].acomp', value: 'TRUE' },
    ]);
  });

  it('sequence items by number, entries by string and by the value of a variable (which is read too), a missing key or field leaves the whole variable', () => {
    const a = action([
      guard(eq(apply(ref('q'), int(2)), str('b'))),
      guard(eq(apply(ref('names'), str('a')), int(1))),
      guard(eq(apply(ref('local'), ref('x')), int(0))),
      guard(eq(field(apply(ref('ctx'), ref('c1')), 'missing'), int(0))),
      guard(eq(apply(ref('q'), ref('c1')), str('a'))),
    ]);
    expect(readsOf(a, {}, { ...before, local: '<<7, 8, 9>>' })).toEqual([
      { path: 'q[2]', value: '"b"' },
      { path: 'names[a]', value: '1' },
      { path: 'local[3]', value: '9' },
      { path: 'x', value: '3' },
      { path: 'ctx[c1]', value: '[acomp |-> TRUE, refs |-> 2]' },
      { path: 'q', value: '<<"a", "b">>' },
    ]);
  });

  it('an index bound by a quantifier (not a step parameter) leaves the whole variable; a primed variable is not read', () => {
    const a = action([
      guard({ kind: 'quant', q: '\\A', binder: other, set: ref('S'), body: eq(apply(ref('local'), bound(other)), int(0)) } as unknown as ir.Expr),
      assign('x', { kind: 'prime', operand: ref('names') } as ir.Expr),
    ]);
    expect(readsOf(a, {}, before)).toEqual([{ path: 'local', value: '(t1 :> 5 @@ t2 :> 6)' }]);
  });

  it('an EXCEPT reads its index and new value, not the function it updates (except through @)', () => {
    const upd: ir.Expr = { kind: 'except', fn: ref('local'), updates: [{ path: [{ kind: 'index', key: ref('x') }, { kind: 'field', name: 'refs' }], value: apply(ref('ctx'), ref('c1')) }] } as unknown as ir.Expr;
    expect(readsOf(action([assign('local', upd)]), {}, before)).toEqual([
      { path: 'x', value: '3' },
      { path: 'ctx[c1]', value: '[acomp |-> TRUE, refs |-> 2]' },
    ]);
  });

  it('a field of something that is not a record, an entry of something that is not a function or not a variable', () => {
    const a = action([guard(eq(field(ref('x'), 'f'), apply(ref('x'), int(1))))]);
    expect(readsOf(a, {}, before)).toEqual([{ path: 'x', value: '3' }]);
    const notVars = action([guard(eq(field(ref('N'), 'f'), apply(ref('N'), int(1))))]);
    expect(readsOf(notVars, {}, before)).toEqual([]);
  });

  it('the entry a key names, not the first; a key the function lacks leaves the whole variable; a tenth item', () => {
    const a = action([guard(eq(apply(ref('local'), bound(self)), apply(ref('local'), str('t9')))), guard(eq(apply(ref('q'), int(10)), str('j')))], { params: [self] });
    expect(readsOf(a, { self: 't2' }, { ...before, q: '<<"a", "b", "c", "d", "e", "f", "g", "h", "i", "j">>' })).toEqual([
      { path: 'local[t2]', value: '6' },
      { path: 'local', value: '(t1 :> 5 @@ t2 :> 6)' },
      { path: 'q[10]', value: '"j"' },
    ]);
  });

  it('a key read through a field and an entry; a field named like a variable is still the field', () => {
    const a = action([guard(eq(apply(ref('q'), field(apply(ref('ctx'), ref('c1')), 'refs')), str('b')))]);
    expect(readsOf(a, {}, { ...before, refs: '0' })).toEqual([
      { path: 'q[2]', value: '"b"' },
      { path: 'ctx[c1].refs', value: '2' },
    ]);
  });
});

describe('statementOf, waitGuards, widen', () => {
  const entry = (dsl: ir.SourceLoc): SpanEntry => ({ kind: 'expr', definition: 'A', tla: { start: { line: 1, col: 1 }, end: { line: 1, col: 2 } }, dsl });
  const map = (...dsl: ir.SourceLoc[]): SourceMap => ({ version: 1, module: 'M', tla: 'M.tla', entries: dsl.map(entry) });

  it('widen: the longest span starting at the same place (by end line, then end column), the location itself when none does', () => {
    const m = map(at(5, 3, 5, 10), at(5, 3, 6, 2), at(5, 3, 6, 9), at(5, 3, 6, 4), at(5, 4, 9, 9), { ...at(5, 3, 9, 9), file: 'models/other.ts' }, at(6, 3, 9, 9));
    expect(widen(at(5, 3), m)).toEqual(at(5, 3, 6, 9));
    expect(widen(at(7, 1), m)).toEqual(at(7, 1));
    expect(widen(at(5, 3, 7, 1), map(at(5, 3, 6, 20), at(5, 3)))).toEqual(at(5, 3, 7, 1));
    expect(widen(at(5, 3), map(at(5, 3), at(5, 3, 5, 8)))).toEqual(at(5, 3, 5, 8));
    expect(widen(at(5, 3, 5, 4), map(at(5, 3, 5, 8), at(5, 3, 5, 6)))).toEqual(at(5, 3, 5, 8));
  });

  it('statementOf: the assignment of the first changed variable that is not control, through with and the either branch assigning most', () => {
    const body: ir.ActionItem[] = [
      guard(ref('g'), at(2, 1)),
      assign('pc', int(0), at(3, 1)),
      { kind: 'with', binder: other, set: ref('S'), body: [assign('y', int(1), at(4, 1))], loc: at(4, 0) },
      { kind: 'either', alts: [[assign('z', int(1), at(5, 1))], [assign('z', int(2), at(6, 1)), assign('w', int(2), at(6, 9))], [assign('w', int(3), at(7, 1))]], loc: at(5, 0) },
      { kind: 'assert', name: 'ok', cond: ref('g'), loc: at(8, 1) },
    ];
    const a = action(body);
    const m = map(at(6, 1, 6, 20));
    expect(statementOf(a, ['pc', 'w', 'y'], m)).toEqual(at(6, 9));
    expect(statementOf(a, ['pc', 'z'], m)).toEqual(at(5, 1));
    expect(statementOf(a, ['z', 'w'], m)).toEqual(at(6, 1, 6, 20));
    expect(statementOf(a, ['y'], m)).toEqual(at(4, 1));
    expect(statementOf(a, ['nothing', 'y'], m)).toEqual(at(4, 1));
    expect(statementOf(a, ['pc', 'stack'], m)).toBeUndefined();
    expect(statementOf(a, ['nothing'], m)).toBeUndefined();
    expect(statementOf(action([{ kind: 'either', alts: [], loc: at(1, 1) }]), ['x'], m)).toBeUndefined();
  });

  it("waitGuards: the guards at the top and in a top-level with, widened, without the label's own pc test", () => {
    const a = action([
      guard(ref('pcTest'), at(10, 3)),
      guard(ref('free'), at(11, 5)),
      { kind: 'with', binder: other, set: ref('S'), body: [guard(ref('inWith'), at(12, 7)), assign('x', int(1), at(12, 20))], loc: at(12, 1) },
      { kind: 'either', alts: [[guard(ref('nested'), at(13, 1))]], loc: at(13, 0) },
      assign('y', int(0), at(14, 1)),
    ], { loc: at(10, 3) });
    expect(waitGuards(a, map(at(11, 5, 11, 30)))).toEqual([at(11, 5, 11, 30), at(12, 7)]);
    expect(waitGuards(action([guard(ref('g'), { ...at(10, 3), file: 'models/x.ts' }), guard(ref('h'), at(10, 4)), guard(ref('i'), at(11, 3))], { loc: at(10, 3) }), map())).toEqual([{ ...at(10, 3), file: 'models/x.ts' }, at(10, 4), at(11, 3)]);
  });
});

describe('stepCoverage, unreachedSteps, stepText', () => {
  const module = {
    actions: [
      action([], { name: 'P_go', process: 'P', label: 'go', loc: at(3, 5) }),
      action([], { name: 'P_wait', process: 'P', label: 'wait', loc: at(4, 5) }),
      action([], { name: 'Tick', loc: at(8, 3) }),
    ],
  } as unknown as ir.Module;
  const run = (coverage?: CheckResult['coverage']) => ({ ...(coverage ? { coverage } : {}) }) as CheckResult;

  it('sums successors per action over the runs that counted them, 0 for an action none took; undefined when no run counted', () => {
    const runs = [
      run([{ kind: 'init', name: 'Init', generated: 1 }, { kind: 'action', name: 'P_go', generated: 2 }, { kind: 'action', name: 'Tick', generated: 1 }]),
      run(),
      run([{ kind: 'action', name: 'P_go', generated: 3 }, { kind: 'action', name: 'Tick' }, { kind: 'property', name: 'P_wait', generated: 9 }]),
    ];
    expect(stepCoverage(module, runs)).toStrictEqual([
      { action: 'P_go', process: 'P', label: 'go', dsl: at(3, 5), generated: 5 },
      { action: 'P_wait', process: 'P', label: 'wait', dsl: at(4, 5), generated: 0 },
      { action: 'Tick', dsl: at(8, 3), generated: 1 },
    ]);
    expect(unreachedSteps(module, runs)!.map(stepText)).toEqual(['step \'wait\' of P (models/m.ts:4)']);
    expect(stepCoverage(module, [run(), run([{ kind: 'init', name: 'Init', generated: 1 }])])).toBeUndefined();
    expect(unreachedSteps(module, [run()])).toBeUndefined();
    expect(stepText({ action: 'Tick', dsl: at(8, 3), generated: 0 })).toBe('action Tick (models/m.ts:8)');
  });

  it("takes each step's line from the source map's definition span when there is one", () => {
    const m: SourceMap = { version: 1, module: 'M', tla: 'M.tla', entries: [
      { kind: 'expr', definition: 'Tick', tla: { start: { line: 1, col: 1 }, end: { line: 1, col: 2 } }, dsl: at(20, 1) },
      { kind: 'definition', definition: 'Tick', tla: { start: { line: 1, col: 1 }, end: { line: 3, col: 2 } }, dsl: at(8, 3, 9, 4) },
    ] };
    expect(stepCoverage(module, [run([{ kind: 'action', name: 'Tick', generated: 1 }])], m)!.map((s) => s.dsl)).toEqual([at(3, 5), at(4, 5), at(8, 3, 9, 4)]);
  });
});
