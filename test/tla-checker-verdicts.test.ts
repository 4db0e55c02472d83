/**
 * How the tla-checker adapter (dsl/check/tla-checker.ts) reads the checker's raw result, with the
 * WebAssembly worker replaced by canned replies: every error type to its verdict (a failure never
 * read as a pass), invariants named by index, lassos, parse-error locations from byte offsets;
 * and what the adapter refuses or rewrites before a run (simulation, distributed, other specs,
 * constraints). No model checking.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerReply } from '../dsl/check/tla-checker-session.js';
import { always, alwaysAction, and, eq, eventually, exists, forall, ge, le, leadsTo, model, plus, primed, set, t, wf, when, type AtomSort, type IntSort, type SetSort, type TExpr, type Var } from '../dsl/index.js';
import { emitModule } from '../dsl/emit/module.js';
import { emitCfg } from '../dsl/emit/cfg.js';

const replies: (WorkerReply | undefined)[] = [];
const calls: unknown[][] = [];
vi.mock('../dsl/check/tla-checker-session.js', () => ({
  TLA_CHECKER_VERSION: '9.9.9',
  callInWorker: (...args: unknown[]) => { calls.push(args); return Promise.resolve(replies.shift()); },
}));
const { constrainedJob, CONSTRAINED_NEXT, onlyChosenSpec, parseTrace, runTlaChecker, tlaChecker } = await import('../dsl/check/tla-checker.js');

const facts = { invariants: ['TypeOK', 'Safe'], properties: ['Live'], checkDeadlock: true };
const ctx = { module: 'M', config: 'c' };
const raw = (r: Partial<{ success: boolean; error_type: string | null; error_message: string | null; states_explored: number; trace: string[] | null }>): WorkerReply =>
  ({ ok: true, json: JSON.stringify({ success: false, error_type: null, error_message: null, states_explored: 7, trace: null, warnings: [], ...r }) });
const STATES = 'State 0\n  x = 0\n  y = true\nState 1\n  x = 1\n  y = false\n';

beforeEach(() => { replies.length = 0; calls.length = 0; });
const verdictOf = async (reply: WorkerReply | undefined, f = facts, spec = 'SPEC', o = {}) => {
  replies.push(reply);
  return runTlaChecker(spec, 'CFG', f, ctx, o);
};

describe('runTlaChecker', () => {
  it('passes the spec, the cfg and the limits: unlimited, deadlock per the cfg', async () => {
    const r = await verdictOf(raw({ success: true }), { ...facts, checkDeadlock: false }, 'SPEC', { timeoutMs: 1234 });
    expect(r).toMatchObject({ backend: 'tla-checker', version: '9.9.9', module: 'M', config: 'c', verdict: { kind: 'passed' }, counts: { distinct: 7 } });
    expect(r.rawTail).toBeUndefined();
    expect(calls[0]![0]).toBe('check_spec_with_options');
    expect(calls[0]![1]).toEqual(['SPEC', JSON.stringify({ cfg_source: 'CFG', max_states: 4294967295, max_depth: 4294967295, allow_deadlock: true })]);
    expect(calls[0]![2]).toBe(1234);
    await verdictOf(raw({ success: true }), facts, 'SPEC', { maxStates: 10 });
    expect(JSON.parse((calls[1]![1] as string[])[1]!)).toEqual({ cfg_source: 'CFG', max_states: 10, max_depth: 4294967295, allow_deadlock: false });
    expect(calls[1]![2]).toBe(600_000);
  });
  it('no reply: a timeout, or interrupted when aborted; a worker error is crashed', async () => {
    expect((await verdictOf(undefined, facts, 'S', { timeoutMs: 50 })).verdict).toEqual({ kind: 'timeout', afterMs: 50 });
    expect((await verdictOf(undefined, facts, 'S', { signal: AbortSignal.abort() })).verdict).toEqual({ kind: 'crashed', message: 'interrupted' });
    expect((await verdictOf({ ok: false, error: 'boom' })).verdict).toEqual({ kind: 'crashed', message: 'boom' });
  });
  it('a failure keeps the raw reply\'s tail', async () => {
    const r = await verdictOf(raw({ error_type: 'Deadlock', trace: [STATES] }));
    expect(r.rawTail).toContain('"error_type":"Deadlock"');
  });
  it('an invariant by its index in the cfg, initial when the trace has one state', async () => {
    expect((await verdictOf(raw({ error_type: 'InvariantViolation', error_message: 'Invariant 1 violated', trace: [STATES] }))).verdict)
      .toEqual({ kind: 'invariant', name: 'Safe', initial: false, trace: [{ index: 1, vars: { x: '0', y: 'true' } }, { index: 2, vars: { x: '1', y: 'false' } }] });
    expect((await verdictOf(raw({ error_type: 'InvariantViolation', error_message: 'Invariant 0 violated', trace: ['State 0\n  x = 0\n'] }))).verdict)
      .toMatchObject({ kind: 'invariant', name: 'TypeOK', initial: true });
    expect((await verdictOf(raw({ error_type: 'InvariantViolation', error_message: 'Invariant 5 violated', trace: [] }))).verdict).toMatchObject({ name: '#5', initial: true });
    expect((await verdictOf(raw({ error_type: 'InvariantViolation', error_message: 'Invariant Foo is false' }))).verdict).toMatchObject({ name: 'Foo' });
    expect((await verdictOf(raw({ error_type: 'InvariantViolation', error_message: null }))).verdict).toMatchObject({ name: '?' });
  });
  it('a deadlock with its trace', async () => {
    expect((await verdictOf(raw({ error_type: 'Deadlock', trace: [STATES] }))).verdict).toEqual({ kind: 'deadlock', trace: parseTrace(STATES) });
  });
  it('a property: the path and the cycle joined as a lasso, named when the cfg checks one', async () => {
    const path = 'State 0\n  x = 0\nState 1\n  x = 1\n';
    const cycle = 'State 0\n  x = 1\nState 1\n  x = 2\nState 2\n  x = 1\n';
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: [path, cycle] }))).verdict).toEqual({
      kind: 'property', name: 'Live', loopsTo: 2, stuttering: false,
      trace: [{ index: 1, vars: { x: '0' } }, { index: 2, vars: { x: '1' } }, { index: 3, vars: { x: '2' } }, { index: 4, vars: { x: '1' } }],
    });
    // A cycle that does not start at the path's last state follows it.
    const apart = await verdictOf(raw({ error_type: 'PropertyViolation', trace: [path, 'State 0\n  x = 5\nState 1\n  x = 6\n'] }), { ...facts, properties: ['A', 'B'] });
    expect(apart.verdict).toEqual({
      kind: 'property', loopsTo: 3, stuttering: false,
      trace: [{ index: 1, vars: { x: '0' } }, { index: 2, vars: { x: '1' } }, { index: 3, vars: { x: '5' } }, { index: 4, vars: { x: '6' } }],
    });
    // A one-state cycle: stuttering at the end of the path.
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: [path, 'State 0\n  x = 1\n'] }))).verdict).toMatchObject({ loopsTo: 2, stuttering: true, trace: [{ index: 1 }, { index: 2 }] });
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: [path] }))).verdict).toMatchObject({ loopsTo: 3, stuttering: true });
    // Same values but another variable set: not the same state.
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: [path, 'State 0\n  x = 1\n  y = 2\nState 1\n  x = 3\n'] }))).verdict).toMatchObject({ loopsTo: 3 });
  });
  it('limits reached: crashed, never a pass', async () => {
    expect((await verdictOf(raw({ error_type: 'MaxStatesExceeded', error_message: '10' }))).verdict).toEqual({ kind: 'crashed', message: 'tla-checker stopped early: MaxStatesExceeded (10)' });
    expect((await verdictOf(raw({ error_type: 'MaxDepthExceeded', error_message: '5' }))).verdict).toEqual({ kind: 'crashed', message: 'tla-checker stopped early: MaxDepthExceeded (5)' });
  });
  it('a parse error at byte offsets: line and column in the spec (UTF-8 aware), the message unquoted', async () => {
    const spec = 'ab\ncdé\nfgh';
    // 'f' is byte 8 (é is two bytes); the span ends after 'g' (byte 10, exclusive).
    const r = await verdictOf(raw({ error_type: 'ParseError', error_message: 'ParseError { message: "unexpected \\"x\\"", span: Some(Span { start: 8, end: 10 }) }' }), facts, spec);
    expect(r.verdict).toEqual({ kind: 'parseError', message: 'unexpected \\"x\\"', location: { module: 'M', startLine: 3, startCol: 1, endLine: 3, endCol: 2 } });
    const bare = await verdictOf(raw({ error_type: 'ParseError', error_message: 'no span here' }), facts, spec);
    expect(bare.verdict).toEqual({ kind: 'parseError', message: 'no span here' });
    const atStart = await verdictOf(raw({ error_type: 'ParseError', error_message: 'x span: Some(Span { start: 0, end: 0 })' }), facts, spec);
    expect(atStart.verdict).toMatchObject({ location: { startLine: 1, startCol: 1, endLine: 1, endCol: 1 } });
  });
  it.each(['ConfigError', 'MissingConstants', 'OptionsError'])('%s is a config error', async (type) => {
    expect((await verdictOf(raw({ error_type: type, error_message: 'bad' }))).verdict).toEqual({ kind: 'configError', message: `${type}: bad` });
  });
  it('a false ASSUME, evaluation errors and failed asserts', async () => {
    expect((await verdictOf(raw({ error_type: 'AssumeViolation', error_message: 'Assume 0 violated' }))).verdict).toEqual({ kind: 'evalError', message: 'Assume 0 violated', stack: [], trace: [] });
    for (const type of ['NextError', 'InitError', 'InvariantError']) {
      expect((await verdictOf(raw({ error_type: type, error_message: 'Assertion failed: "Low \\" x"', trace: [STATES] }))).verdict)
        .toEqual({ kind: 'assert', message: 'Low \\" x', trace: parseTrace(STATES) });
      expect((await verdictOf(raw({ error_type: type, error_message: 'division by zero', trace: [STATES] }))).verdict)
        .toEqual({ kind: 'evalError', message: 'division by zero', stack: [], trace: parseTrace(STATES) });
    }
  });
  it('an error type it does not know is crashed, never a pass', async () => {
    expect((await verdictOf(raw({ error_type: 'Weird', error_message: 'hm' }))).verdict).toEqual({ kind: 'crashed', message: 'Weird: hm' });
    expect((await verdictOf(raw({ error_type: null, error_message: null }))).verdict).toEqual({ kind: 'crashed', message: 'null: ' });
  });
});

describe('runTlaChecker: edges the first mutation run found', () => {
  it('indexes and offsets of more than one digit', async () => {
    const many = { ...facts, invariants: Array.from({ length: 13 }, (_, i) => `I${i}`) };
    expect((await verdictOf(raw({ error_type: 'InvariantViolation', error_message: 'Invariant 12 violated', trace: [STATES] }), many)).verdict).toMatchObject({ name: 'I12' });
    const spec = '0123456789\nabcdefghij\n';
    const r = await verdictOf(raw({ error_type: 'ParseError', error_message: 'span: Some(Span { start: 13, end: 15 })' }), facts, spec);
    expect(r.verdict).toMatchObject({ location: { startLine: 2, startCol: 3, endLine: 2, endCol: 4 } });
  });
  it('lassos: an empty path, a longer path, and states that differ in their variables or a value', async () => {
    const cycle = 'State 0\n  x = 1\nState 1\n  x = 2\n';
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: ['', cycle] }))).verdict).toMatchObject({ loopsTo: 1, trace: [{ index: 1, vars: { x: '1' } }, { index: 2, vars: { x: '2' } }] });
    const path3 = 'State 0\n  x = 0\nState 1\n  x = 5\nState 2\n  x = 1\n';
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: [path3, cycle] }))).verdict).toMatchObject({ loopsTo: 3, trace: [{}, {}, {}, { index: 4, vars: { x: '2' } }] });
    const pathXY = 'State 0\n  x = 1\n  y = 2\n';
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: [pathXY, cycle] }))).verdict).toMatchObject({ loopsTo: 2 });
    const cycleXY = 'State 0\n  x = 1\n  y = 5\nState 1\n  x = 2\n  y = 5\n';
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: [pathXY, cycleXY] }))).verdict).toMatchObject({ loopsTo: 2 });
  });
  it('a liveness violation without traces is a property violation with an empty trace', async () => {
    expect((await verdictOf(raw({ error_type: 'LivenessViolation', trace: null }))).verdict).toEqual({ kind: 'property', name: 'Live', trace: [], loopsTo: 1, stuttering: true });
  });
  it('only a message that starts with the assertion is a failed assert', async () => {
    expect((await verdictOf(raw({ error_type: 'NextError', error_message: 'in x: Assertion failed: "A"' }))).verdict).toMatchObject({ kind: 'evalError', message: 'in x: Assertion failed: "A"' });
  });
  it('the raw tail keeps the last 4000 characters', async () => {
    const r = await verdictOf(raw({ error_type: 'Deadlock', error_message: 'x'.repeat(9000) }));
    expect(r.rawTail).toHaveLength(4000);
    expect(r.rawTail!.endsWith('"warnings":[]}')).toBe(true);
  });
  it('parseTrace: names of several letters; a deeper-indented line continues the value above', () => {
    expect(parseTrace('State 0\n  count = [a |->\n    y = 2]\n')).toEqual([{ index: 1, vars: { count: '[a |-> y = 2]' } }]);
  });
});

describe('parseTrace', () => {
  it('states from 1, wrapped values joined with a space, other lines ignored', () => {
    expect(parseTrace('junk\nState 0\n  x = <<1,\n     2>>\n  y = 1\n\nState 12 \n  x = 3\n   \nnot a var\n')).toEqual([
      { index: 1, vars: { x: '<<1, 2>>', y: '1' } }, { index: 2, vars: { x: '3 not a var' } },
    ]);
    expect(parseTrace('')).toEqual([]);
    expect(parseTrace('State 0\n')).toEqual([{ index: 1, vars: {} }]);
    expect(parseTrace('State 0\nwrapped before any variable\n x = 1\n')).toEqual([{ index: 1, vars: {} }]);
  });
});

const job = (extra: { config?: Record<string, unknown>; module?: Record<string, unknown>; tla?: string; cfg?: string } = {}) => ({
  module: { name: 'M', definitions: [], specs: [], actions: [], constants: [], loc: { file: 'm.ts', line: 1, col: 1 }, ...extra.module },
  config: { name: 'c', invariants: [], properties: [], constraints: [], symmetry: [], constants: [], checkDeadlock: true, expect: { kind: 'pass' }, loc: { file: 'm.ts', line: 1, col: 1 }, ...extra.config },
  tla: extra.tla ?? '---- MODULE M ----\nSpec == x\nFairSpec == Spec\n====\n', cfg: extra.cfg ?? 'SPECIFICATION Spec\n', spans: [],
}) as never;

describe('the adapter', () => {
  it('a simulation or a distributed run is refused as crashed, never an exhaustive pass', async () => {
    expect(await tlaChecker.check(job(), { simulate: { seed: 1n } } as never)).toEqual({ backend: 'tla-checker', version: '9.9.9', module: 'M', config: 'c', durationMs: 0, verdict: { kind: 'crashed', message: 'tla-checker has no simulation mode: use --backend tlc or compiled' } });
    expect((await tlaChecker.check(job(), { distributed: { workers: 2 } } as never)).verdict).toEqual({ kind: 'crashed', message: 'distributed checking is TLC\'s: use --backend tlc' });
    expect(calls).toEqual([]);
  });
  it('onlyChosenSpec: every other *Spec renamed to *SpeC, whole words only, in module and cfg', () => {
    const j = job({ module: { specs: [{ name: 'FairSpec' }], definitions: [{ name: 'TDSpec' }, { name: 'Other' }] }, config: { spec: 'FairSpec' },
      tla: 'Spec == 1\nFairSpec == Spec\nTDSpec == I!Spec\nMySpecial == Spec2\nOther == 2\n', cfg: 'SPECIFICATION FairSpec\nPROPERTY TDSpec\n' });
    expect(onlyChosenSpec(j)).toEqual({ tla: 'SpeC == 1\nFairSpec == SpeC\nTDSpeC == I!Spec\nMySpecial == Spec2\nOther == 2\n', cfg: 'SPECIFICATION FairSpec\nPROPERTY TDSpeC\n' });
    const plain = job({ tla: 'Spec == 1\n', cfg: 'SPECIFICATION Spec\n' });
    expect(onlyChosenSpec(plain)).toEqual({ tla: 'Spec == 1\n', cfg: 'SPECIFICATION Spec\n' });
  });
  it('constrainedJob: Next restricted to the constraint with a stutter outside it, before the module\'s end; none with properties or no constraint', () => {
    const tla = '---- MODULE M ----\nNext == x\n====\n';
    const c = constrainedJob(job({ tla, config: { constraints: ['A', 'B'] } }));
    expect(c?.tla).toBe(`---- MODULE M ----\nNext == x\n${CONSTRAINED_NEXT} ==\n  \\/ A /\\ B /\\ Next\n  \\/ ~(A /\\ B) /\\ UNCHANGED vars\n\n====\n`);
    expect(c?.cfg).toContain(`INIT Init\nNEXT ${CONSTRAINED_NEXT}\n`);
    expect(c?.cfg).not.toContain('CONSTRAINT');
    expect(constrainedJob(job({ tla, config: { constraints: ['A'], properties: ['P'] } }))).toBeUndefined();
    expect(constrainedJob(job({ tla }))).toBeUndefined();
    expect(constrainedJob(job({ tla: 'no end', config: { constraints: ['A'] } }))).toBeUndefined();
  });
});

describe('what the adapter refuses (built models)', () => {
  /** A job for config `c` of a small model with the properties `props` builds. */
  const built = (props: (m: Parameters<Parameters<typeof model>[1]>[0], x: Var<IntSort>, S: TExpr<SetSort<AtomSort<'S'>>>) => string[], instance = false) => {
    const inner = model('Inner', (m) => { const y = m.variable('y', t.int(0, 3), 0); m.action('Up', {}, () => [when(le(y, 2)), set(y, plus(y, 1))]); });
    const built = model('R', (m) => {
      const S = m.modelValues('S');
      const x = m.variable('x', t.int(0, 3), 0);
      m.action('Up', {}, () => [when(le(x, 2)), set(x, plus(x, 1))]);
      const inst = instance ? m.instance('I', inner, { y: x }) : undefined;
      if (inst) m.property('Refines', inst.spec());
      const names = props(m, x, S);
      m.config('c', { constants: { S: ['s1'] }, properties: [...names, ...(inst ? ['Refines'] : [])] as never });
    });
    const mod = built.module;
    const config = mod.configs[0]!;
    const { text, spans } = emitModule(mod);
    return { module: mod, config, tla: text, spans, cfg: emitCfg(mod, config) } as never;
  };
  it('accepts <>P, []<>P, <>[]P, P ~> Q, their conjunction and \\A over them', () => {
    const job = built((m, x, S) => {
      m.property('A', eventually(eq(x, 3)));
      m.property('B', always(eventually(eq(x, 3))));
      m.property('C', eventually(always(eq(x, 3))));
      m.property('D', leadsTo(eq(x, 1), eq(x, 2)));
      // A conjunction of temporal formulas: the typed builders have no temporal `and`; the IR does.
      m.property('E', and(eventually(eq(x, 3)) as never, leadsTo(eq(x, 0), eq(x, 1)) as never) as never);
      m.property('F', forall(S, () => eventually(eq(x, 3))));
      // Through an operator without parameters, called (printed as its name).
      m.property('G', m.defineOp('ReachesThree', {}, () => eventually(eq(x, 3)))({}));
      return ['A', 'B', 'C', 'D', 'E', 'F', 'G'];
    });
    expect(tlaChecker.refuses!(job)).toBeUndefined();
  });
  it.each([
    ['[]P', (x: Var<IntSort>) => always(ge(x, 0))],
    ['<><>P', (x: Var<IntSort>) => eventually(eventually(eq(x, 3)))],
    ['[][]P', (x: Var<IntSort>) => always(always(eq(x, 3)))],
    ['<>(P ~> Q)', (x: Var<IntSort>) => eventually(leadsTo(eq(x, 1), eq(x, 2)))],
    ['[]<>[]P', (x: Var<IntSort>) => always(eventually(always(eq(x, 3))))],
    ['(<>P) ~> Q', (x: Var<IntSort>) => leadsTo(eventually(eq(x, 1)), eq(x, 2))],
  ])('refuses %s by name, with what it checks', (_shape, body) => {
    const job = built((m, x) => { m.property('Bad', body(x)); return ['Bad']; });
    expect(tlaChecker.refuses!(job)).toMatch(/^tla-checker .* checks PROPERTY formulas built from <>P, \[\]<>P, <>\[\]P and P ~> Q \(P, Q state predicates\) with \/\\ and \\A only \(Bad is not; e\.g\. \[\]P is an invariant\): use --backend tlc, or compiled for \[\]P, \[\]\(P => <>Q\) and F => G of \[\]<>\/<>\[\]$/);
  });
  it('names every refused property; a conjunction or \\E with one bad part, a state predicate, fairness under <> are refused', () => {
    const job = built((m, x, S) => {
      m.property('Bad', always(ge(x, 0)));
      m.property('Bad2', and(eventually(eq(x, 3)) as never, always(ge(x, 0)) as never) as never);
      m.property('Bad3', exists(S, () => eventually(eq(x, 3)) as never) as never);
      m.property('Bad4', eq(x, 1) as never);
      m.property('Bad5', eventually(wf(m.next())));
      return ['Bad', 'Bad2', 'Bad3', 'Bad4', 'Bad5'];
    });
    expect(tlaChecker.refuses!(job)).toContain('(Bad, Bad2, Bad3, Bad4, Bad5 is not;');
  });
  it('refuses an action property and a property through an INSTANCE, naming them', () => {
    const act = built((m, x) => { m.property('Mono', alwaysAction(ge(primed(x), x), x)); return ['Mono']; });
    expect(tlaChecker.refuses!(act)).toBe('tla-checker does not check action properties ([][A]_v) as a PROPERTY (Mono): use --backend tlc or compiled');
    const two = built((m, x) => { m.property('M1', alwaysAction(ge(primed(x), x), x)); m.property('M2', alwaysAction(ge(primed(x), x), x)); return ['M1', 'M2']; });
    expect(tlaChecker.refuses!(two)).toContain('(M1, M2)');
    const via = built(() => [], true);
    expect(tlaChecker.refuses!(via)).toBe('tla-checker does not read INSTANCE (Refines refer to another model\'s module): use --backend tlc');
  });
});

describe('the adapter\'s check, with canned replies', () => {
  const small = (constraint: boolean) => {
    const m = model('K', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      const y = b.variable('y', t.bool(), true);
      b.action('Up', {}, () => [when(le(x, 2)), set(x, plus(x, 1)), set(y, y)]);
      b.constraint('Low', le(x, 1));
      const N = b.intConstant('N');
      b.assume('Enough', ge(N, 0));
      b.config('c', constraint ? { constants: { N: 1 }, constraints: ['Low'] } : { constants: { N: 1 } });
    }).module;
    const config = m.configs[0]!;
    const { text, spans } = emitModule(m);
    return { module: m, config, tla: text, spans, cfg: emitCfg(m, config) } as never;
  };
  it('a constraint: the constrained run, then a run as written to count states, durations added', async () => {
    replies.push(raw({ success: true, states_explored: 2 }), raw({ success: true, states_explored: 9 }));
    const r = await tlaChecker.check(small(true));
    expect(calls).toHaveLength(2);
    expect((calls[0]![1] as string[])[0]).toContain(CONSTRAINED_NEXT);
    expect((calls[1]![1] as string[])[0]).not.toContain(CONSTRAINED_NEXT);
    expect(r).toMatchObject({ verdict: { kind: 'passed' }, counts: { distinct: 9 } });
  });
  it('a constraint: a violation in the constrained run is the verdict, without a second run', async () => {
    replies.push(raw({ error_type: 'InvariantViolation', error_message: 'Invariant 0 violated', trace: ['State 0\n  x = 0\n  y = true\n'] }));
    const r = await tlaChecker.check(small(true));
    expect(calls).toHaveLength(1);
    expect(r.verdict).toMatchObject({ kind: 'invariant', name: 'TypeOK', initial: true });
  });
  it('a counting run that fails is the verdict', async () => {
    replies.push(raw({ success: true }), raw({ error_type: 'Deadlock', trace: [] }));
    expect((await tlaChecker.check(small(true))).verdict).toEqual({ kind: 'deadlock', trace: [] });
  });
  it('trace values as TLC prints them: true and false in capitals, strings left alone', async () => {
    replies.push(raw({ error_type: 'InvariantViolation', error_message: 'Invariant 0 violated', trace: ['State 0\n  x = 0\n  y = [a |-> true, b |-> "false"]\n'] }));
    const r = await tlaChecker.check(small(false));
    expect(r.verdict.kind === 'invariant' && r.verdict.trace[0]!.vars).toEqual({ x: '0', y: '[a |-> TRUE, b |-> "false"]' });
  });
  it('a false ASSUME is said as TLC says it, at the assumption\'s formula', async () => {
    replies.push(raw({ error_type: 'AssumeViolation', error_message: 'Assume 0 violated' }));
    const job = small(false) as { tla: string };
    const r = await tlaChecker.check(job as never);
    expect(r.verdict.kind).toBe('evalError');
    if (r.verdict.kind === 'evalError') {
      expect(r.verdict.message).toMatch(/^Assumption line \d+, col \d+ to line \d+, col \d+ of module K is false\.$/);
      const [at] = r.verdict.stack;
      expect(job.tla.split('\n')[at!.startLine - 1]!.slice(at!.startCol - 1, at!.endCol)).toBe('N >= 0');
    }
    replies.push(raw({ error_type: 'AssumeViolation', error_message: 'Assume 12 violated' }));
    expect((await tlaChecker.check(small(false))).verdict).toEqual({ kind: 'evalError', message: 'Assumption number 12 of module K is false.', stack: [], trace: [] });
    for (const message of ['Assume 0 violated twice', 'an Assume 0 violated']) {
      replies.push(raw({ error_type: 'AssumeViolation', error_message: message }));
      expect((await tlaChecker.check(small(false))).verdict).toEqual({ kind: 'evalError', message, stack: [], trace: [] });
    }
  });
  it('aborted: the result as it came, nothing recovered', async () => {
    replies.push(undefined);
    expect((await tlaChecker.check(small(false), { signal: AbortSignal.abort() })).verdict).toEqual({ kind: 'crashed', message: 'interrupted' });
  });
});
