/**
 * Fairness over any action expression, specs chosen per config, action properties and
 * leads-to over temporal formulas: what the generated TLA+ says (read from the module), and
 * what each backend concludes from it — tla-checker and the compiled verifier in every run,
 * TLC when it is found.
 */
import { describe, expect, it } from 'vitest';
import {
  alwaysAction, alwaysEventually, eq, eventually, exists, forall, ge, label, leadsTo, loop, lt, model, or, plus, primed,
  range, set, sf, skip, t, unchanged, when, wf,
} from '../dsl/index.js';
import { compile } from '../dsl/compile.js';
import { onlyChosenSpec } from '../dsl/check/tla-checker.js';
import { findTlc } from '../dsl/check/tlc.js';
import type { Backend } from '../dsl/check/result.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { jobOf } from './helpers/compiled-job.js';
import { TLC_JVM } from './helpers/t2-java.js';

const tlc = await findTlc();

const fairForms = model('FairForms', (m) => {
  const x = m.variable('x', t.int(0, 2), 0);
  const y = m.variable('y', t.int(0, 1), 0);
  const A = m.action('A', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
  const B = m.action('B', { i: range(0, 1) }, ({ i }) => [when(lt(y, 1)), set(y, i)]);
  const AB = m.define('AB', or(A({}), exists(range(0, 1), (i) => B({ i }))), 'the steps fairness is about');
  m.fairness(wf(AB), sf(A({})));
  const none = m.spec('NoFairness');
  const wfNext = m.spec('WFNext', { fairness: [wf(m.next())] });
  const reaches2 = m.property('Reaches2', eventually(eq(x, 2)));
  const monotone = m.property('XNeverDecreases', alwaysAction(ge(primed(x), x), x));
  const yFixed = m.property('YFixed', alwaysAction(unchanged(y), [x, y]));
  m.property('TemporalLeadsTo', leadsTo(alwaysEventually(eq(y, 1)), eq(x, 2)));
  const base = { invariants: [], checkDeadlock: false } as const;
  m.config('fair', { ...base, properties: [reaches2] });
  m.config('unfair', { ...base, spec: none, properties: [reaches2], expect: { violates: reaches2 } });
  m.config('wf_next', { ...base, spec: wfNext, properties: [reaches2] });
  m.config('monotone', { ...base, properties: [monotone] });
  m.config('y_fixed', { ...base, properties: [yFixed], expect: { violates: yFixed } });
});

const ncsLabels = model('NcsLabels', (m) => {
  const PROCS = m.modelValues('PROCS');
  m.process('P', PROCS, { fairness: 'weak', unfair: ['ncs'] }, () => [loop('ncs', true, [skip(), label('enter'), skip(), label('cs'), skip()])]);
  const entered = m.property('EnterLeadsToCs', forall(PROCS, (p) => leadsTo(eq(m.pc(p), 'enter'), eq(m.pc(p), 'cs'))));
  const leaves = m.property('LeavesNcs', forall(PROCS, (p) => eventually(eq(m.pc(p), 'enter'))));
  const base = { constants: { PROCS: ['p1', 'p2'] }, invariants: [], checkDeadlock: false } as const;
  m.config('progress', { ...base, properties: [entered] });
  m.config('ncs_may_stay', { ...base, properties: [leaves], expect: { violates: leaves } });
});

const tla = (mdl: typeof fairForms) => compile(mdl).files.get(`${mdl.module.name}.tla`)!;
const block = (text: string, name: string) => text.slice(text.indexOf(`\n${name} ==`) + 1).split('\n\n')[0]!;

describe('the generated TLA+', () => {
  const text = tla(fairForms);

  it('a named action formula is an operator printed after the actions it names, before Next', () => {
    expect(block(text, 'AB')).toBe('AB ==\n  \\/ A\n  \\/ \\E i \\in 0..1 : B(i)');
    expect(text.indexOf('\nAB ==')).toBeGreaterThan(text.indexOf('\nB(i) =='));
    expect(text.indexOf('\nAB ==')).toBeLessThan(text.indexOf('\nNext =='));
  });

  it.each([
    ['Spec', 'Spec ==\n  /\\ Init\n  /\\ [][Next]_vars\n  /\\ WF_vars(AB)\n  /\\ SF_vars(A)'],
    ['NoFairness', 'NoFairness ==\n  /\\ Init\n  /\\ [][Next]_vars'],
    ['WFNext', 'WFNext ==\n  /\\ Init\n  /\\ [][Next]_vars\n  /\\ WF_vars(Next)'],
    ['XNeverDecreases', "XNeverDecreases == [][x' >= x]_x"],
    ['YFixed', 'YFixed == [][UNCHANGED y]_<<x, y>>'],
    ['TemporalLeadsTo', 'TemporalLeadsTo == [](<>(y = 1)) ~> x = 2'],
  ])('%s', (name, expected) => {
    expect(block(text, name).replace(/^\\\* .*\n/, '')).toBe(expected);
  });

  it.each([['fair', 'Spec'], ['unfair', 'NoFairness'], ['wf_next', 'WFNext']])('config %s checks SPECIFICATION %s', (config, spec) => {
    expect(compile(fairForms).files.get(`FairForms.${config}.cfg`)).toMatch(new RegExp(`^SPECIFICATION ${spec}$`, 'm'));
  });

  it('a fair process leaves its unfair labels out: WF_vars((pc[self] # "ncs") /\\ P(self))', () => {
    expect(block(tla(ncsLabels), 'Spec')).toContain('\\A self \\in PROCS : WF_vars(pc[self] # "ncs" /\\ P(self))');
  });
});

describe('for tla-checker, only the chosen spec ends in Spec', () => {
  it.each([
    ['fair', ['Spec ==']],
    ['unfair', ['SpeC ==', 'NoFairness ==']],
  ])('%s', (config, present) => {
    const text = onlyChosenSpec(jobOf(fairForms, config)).tla;
    for (const p of present) expect(text).toContain(`\n${p}`);
    expect(text.length).toBe(jobOf(fairForms, config).tla.length);
  });
});

const cases: [string, string, Backend, string][] = [
  ['FairForms', 'fair', 'tla-checker', 'passed'],
  ['FairForms', 'unfair', 'tla-checker', 'property Reaches2'],
  ['FairForms', 'wf_next', 'tla-checker', 'passed'],
  ['FairForms', 'monotone', 'compiled', 'passed'],
  ['FairForms', 'y_fixed', 'compiled', 'property YFixed'],
  ['NcsLabels', 'progress', 'tla-checker', 'passed'],
  ['NcsLabels', 'ncs_may_stay', 'tla-checker', 'property LeavesNcs'],
  ['FairForms', 'fair', 'compiled', 'passed'],
  ['FairForms', 'unfair', 'compiled', 'property Reaches2'],
  ['FairForms', 'wf_next', 'compiled', 'passed'],
  ['NcsLabels', 'progress', 'compiled', 'passed'],
  ['NcsLabels', 'ncs_may_stay', 'compiled', 'property LeavesNcs'],
];
const byName = { FairForms: fairForms, NcsLabels: ncsLabels };
const verdictText = (v: { kind: string; name?: string }) => (v.kind === 'property' ? `property ${v.name}` : v.kind);

describe('verdicts', () => {
  it.each(cases)('%s/%s on %s: %s', async (m, config, backend, verdict) => {
    const r = await checkModel(byName[m as keyof typeof byName], config, { backend });
    expect(verdictText(r.results[0]!.verdict as { kind: string; name?: string })).toBe(verdict);
    expect(r.outcome.asExpected).toBe(true);
  });

  it('an action property fails on the step that breaks it: the last step of the trace changes y', async () => {
    const r = await checkModel(fairForms, 'y_fixed', { backend: 'compiled' });
    const v = r.results[0]!.verdict;
    const trace = v.kind === 'property' ? v.trace : [];
    expect(trace.at(-1)!.action?.name).toBe('B');
    expect(trace.at(-2)!.vars.y).toBe('0');
    expect(trace.at(-1)!.vars.y).toBe('1');
  });

  it('random walks check action properties on every step too', async () => {
    const r = await checkModel(fairForms, 'y_fixed', { backend: 'compiled', simulate: { seed: 3n, depth: 10, traces: 20 } });
    const v = r.results[0]!.verdict;
    expect(v.kind === 'property' && [v.name, v.trace.at(-1)!.action?.name, v.trace.at(-1)!.vars.y]).toEqual(['YFixed', 'B', '1']);
  });

  describe.skipIf(!tlc.found)(`on TLC${tlc.found ? '' : ` (skipped: ${tlc.reason})`}`, () => {
    it.each(cases)('%s/%s: the same verdict as %s', async (m, config, _backend, verdict) => {
      const r = await checkModel(byName[m as keyof typeof byName], config, { backend: 'tlc', jvmArgs: TLC_JVM });
      expect(verdictText(r.results[0]!.verdict as { kind: string; name?: string })).toBe(verdict);
    });
  });
});
