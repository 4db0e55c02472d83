/**
 * Differential fuzzing of temporal properties under fairness (scripts/bench/fuzz-liveness.ts):
 * what the generator makes (every property and fairness kind, printed as TLA+ and in the cfg, and
 * models whose verdict fairness decides), how answers are compared and disagreements grouped,
 * that the reducer takes fairness and property parts away, every saved fixture against what was
 * said (no TLC needed), a fixed slice of 150 against the independent evaluation in every run, and
 * 8 against TLC too where it is found.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { findTlc } from '../dsl/check/tlc.js';
import { explore, fuzzCfgFacts, type ExprD, type FuzzModelD, type VarD } from '../scripts/bench/fuzz-model.js';
import { evaluateLiveness } from '../scripts/bench/fuzz-liveness-eval.js';
import {
  disagreementKind, firstDisagreement, livenessDifference, livenessForms, livenessModelArb, livenessSaid, loadLivenessFixtures, runLivenessCase, type LivenessSaid,
} from '../scripts/bench/fuzz-liveness.js';
import { fuzzJob } from '../scripts/bench/fuzz.js';
import { tlcJudge } from '../scripts/bench/judged.js';
import { simplifications } from '../scripts/bench/reduce.js';
import { tlcSkipNote } from './helpers/t2-java.js';

const tlc = await findTlc();
const sample = fc.sample(livenessModelArb, { numRuns: 150, seed: 20_261_207 });

describe('the generator', () => {
  it('over a fixed sample, makes every property kind (each also under \\A p \\in P) and every kind of fairness, never with symmetry', () => {
    const forms = new Set(sample.flatMap(livenessForms));
    expect([...forms].sort()).toEqual([
      'action strong', 'action weak', 'alwaysEventually', 'eventually', 'eventuallyAlways',
      'forall alwaysEventually', 'forall eventually', 'forall eventuallyAlways', 'forall leadsTo',
      'goal', 'leadsTo', 'process strong', 'process weak', 'termination', 'tick', 'unfair labels',
    ]);
    // A quantified property reads its bound value.
    for (const d of sample) if (d.check.k === 'prop' && d.check.prop.k === 'forall') expect(JSON.stringify(d.check.prop), d.name).toContain('{"k":"bound","i":0}');
    expect(sample.every((d) => d.check.k === 'prop' && !d.symmetry)).toBe(true);
  });

  it('over a fixed sample, fairness decides the verdict of some models, and SF against WF of some (the Tick and Goal actions\' purpose)', () => {
    const weak = (d: FuzzModelD): FuzzModelD => ({ ...d, actions: d.actions.map((a) => (a.fairness ? { ...a, fairness: 'weak' } : a)), ...(d.process?.fairness ? { process: { ...d.process, fairness: 'weak' } } : {}) });
    const none = (d: FuzzModelD): FuzzModelD => ({ ...d, actions: d.actions.map(({ fairness: _f, ...a }) => a), ...(d.process ? { process: (({ fairness: _g, unfair: _u, ...p }) => p)(d.process) } : {}) });
    let strongDecides = 0, fairnessDecides = 0;
    for (const d of sample) {
      const g = explore(d)!;
      const v = evaluateLiveness(d, g).verdict;
      if (evaluateLiveness(weak(d), g).verdict !== v) strongDecides++;
      if (evaluateLiveness(none(d), g).verdict !== v) fairnessDecides++;
    }
    expect(strongDecides).toBeGreaterThan(0);
    expect(fairnessDecides).toBeGreaterThan(strongDecides);
  });

  it('each model prints its fairness as Spec\'s conjuncts and its property as the cfg\'s PROPERTY', () => {
    for (const d of sample.slice(0, 40)) {
      const { job } = fuzzJob(d);
      const prop = fuzzCfgFacts(d).properties[0]!;
      expect(job.cfg).toMatch(new RegExp(`^PROPERTY ${prop}$`, 'm'));
      expect(job.cfg).not.toMatch(/^(INVARIANT Inv|SYMMETRY)/m);
      const spec = /^Spec ==\n([\s\S]*?)\n\n/m.exec(job.tla)![1]!;
      const fair = d.actions.filter((a) => a.fairness).length + (d.process?.fairness ? 1 : 0);
      expect(spec.match(/[WS]F_vars/g)?.length ?? 0, d.name).toBe(fair);
      for (const a of d.actions) if (a.fairness) expect(spec, d.name).toContain(`${a.fairness === 'weak' ? 'WF' : 'SF'}_vars(${a.param ? `${a.name}(self)` : a.name})`);
      const unfair = (d.process?.unfair ?? []).map((l) => `"${l}"`);
      if (unfair.length) expect(spec, d.name).toContain(unfair.length === 1 ? `pc[self] # ${unfair[0]}` : `pc[self] \\notin {${unfair.join(', ')}}`);
    }
  });

  it('the compiled verifier checks every model of the sample: it passes some and finds each kind of property violated in others, refusing none', async () => {
    const verdicts = new Map<string, number>();
    for (const d of sample.slice(0, 60)) {
      const r = await checkCompiled(fuzzJob(d).job, { maxStates: 5000 });
      const v = livenessSaid(r).verdict;
      verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
    }
    expect([...verdicts.keys()].sort()).toEqual(['passed', 'property Prop', 'property Termination']);
  });
});

describe('livenessDifference: what the two must agree on', () => {
  const said = (over: Partial<LivenessSaid> = {}): LivenessSaid => ({ verdict: 'property Prop', distinct: 4, ...over });
  it.each([
    { name: 'the same', a: said(), b: said(), diff: undefined },
    { name: 'a pass against a violation', a: said({ verdict: 'passed' }), b: said(), diff: 'verdict (passed against property Prop)' },
    { name: 'another property', a: said(), b: said({ verdict: 'property Termination' }), diff: 'verdict (property Prop against property Termination)' },
    { name: 'a violation TLC names no property for (older wordings) matches any', a: said(), b: said({ verdict: 'property (unnamed)' }), diff: undefined },
    { name: 'an unnamed violation is still not a pass', a: said({ verdict: 'passed' }), b: said({ verdict: 'property (unnamed)' }), diff: 'verdict (passed against property (unnamed))' },
    { name: 'another count', a: said(), b: said({ distinct: 5 }), diff: 'distinct (4 against 5)' },
    { name: 'a count from one only', a: said(), b: said({ distinct: undefined }), diff: 'distinct (4 against undefined)' },
    { name: 'two crashes, other messages', a: { verdict: 'crashed', message: 'a' }, b: { verdict: 'crashed', message: 'b' }, diff: 'message' },
  ])('$name', ({ a, b, diff }) => expect(livenessDifference(a, b)).toBe(diff));
});

describe('the reducer on a temporal property\'s model', () => {
  const lit = (v: boolean | number): ExprD => ({ k: 'lit', v });
  const n: VarD = { name: 'n', sort: { k: 'int', lo: 0, hi: 2 }, init: { k: 'value', e: lit(0) } };
  const d: FuzzModelD = {
    name: 'Fuzz_t', p: 1, vars: [n], symmetry: false, invariants: [lit(true), lit(false)],
    actions: [{ name: 'Act1', param: false, items: [{ k: 'set', v: 'n', e: lit(1) }], fairness: 'strong' }],
    process: { name: 'Proc', ids: 'P', locals: [], steps: [{ label: 'l1', items: [] }, { label: 'l2', items: [] }], loop: true, fairness: 'weak', unfair: ['l2'] },
    check: { k: 'prop', prop: { k: 'leadsTo', p: { k: 'eq', a: { k: 'var', name: 'n' }, b: lit(1) }, q: { k: 'and', es: [lit(true), lit(false)] } } },
  };
  const all = [...simplifications(d)];
  it('takes away the invariants the property does not need, each action\'s fairness, the unfair labels, then the process\'s fairness', () => {
    expect(all.some((c) => c.invariants.length === 1)).toBe(true);
    expect(all.some((c) => c.actions.length === 1 && c.actions[0]!.fairness === undefined && c.process?.fairness === 'weak')).toBe(true);
    expect(all.some((c) => !!c.process && c.process.unfair === undefined && c.process.fairness === 'weak')).toBe(true);
    expect(all.some((c) => !!c.process && c.process.fairness === undefined && c.process.unfair === undefined && c.actions[0]?.fairness === 'strong')).toBe(true);
  });
  it('a step taken away takes its label out of those left out of fairness (a label the process lacks is a DSL error)', () => {
    const shorter = all.filter((c) => c.process && c.process.steps.length === 1);
    expect(shorter.length).toBeGreaterThan(0);
    for (const c of shorter) expect(c.process!.unfair).toBeUndefined();
    // Of three steps, two left out of fairness: taking one away keeps the other's label.
    const three: FuzzModelD = { ...d, process: { ...d.process!, steps: [...d.process!.steps, { label: 'l3', items: [] }], unfair: ['l2', 'l3'] } };
    const kept = [...simplifications(three)].filter((c) => c.process?.steps.length === 2 && c.process.fairness === 'weak').map((c) => [c.process!.steps.map((s) => s.label), c.process!.unfair]);
    expect(kept).toEqual(expect.arrayContaining([[['l1', 'l3'], ['l3']], [['l1', 'l2'], ['l2']]]));
  });
  it('simplifies each side of a leads-to', () => {
    const lt = all.map((c) => c.check).flatMap((c) => (c.k === 'prop' && c.prop.k === 'leadsTo' ? [c.prop] : []));
    expect(lt.some((p) => JSON.stringify(p.p) !== JSON.stringify((d.check as { prop: typeof p }).prop.p))).toBe(true);
    expect(lt.some((p) => JSON.stringify(p.q) !== JSON.stringify((d.check as { prop: typeof p }).prop.q))).toBe(true);
  });
});

const fixtures = await loadLivenessFixtures();
describe.runIf(fixtures.length > 0).each(fixtures)('fixture $json.description.name (what TLC and the evaluation said when it was found)', ({ json }) => {
  it('the compiled verifier says what TLC said, and agrees with the evaluation now', async () => {
    if (json.tlc) expect(livenessDifference(livenessSaid(await checkCompiled(fuzzJob(json.description).job)), json.tlc)).toBeUndefined();
    const now = await runLivenessCase(json.description, {});
    expect(now.status, now.detail).toBe('agree');
  });
  it('its detail is what it stores said (or a lasso\'s problem)', () => {
    const stored = firstDisagreement(json.compiled, json.tlc, json.evaluation);
    if (stored) expect(json.detail).toBe(stored);
    else expect(json.detail).toMatch(/^(the compiled verifier's|TLC's) lasso: /);
  });
});

describe('firstDisagreement and disagreementKind', () => {
  const said = (over: Partial<LivenessSaid> = {}): LivenessSaid => ({ verdict: 'property Prop', distinct: 4, ...over });
  it.each([
    { name: 'all the same', c: said(), t: said(), e: said(), want: undefined },
    { name: 'TLC first', c: said(), t: said({ distinct: 5 }), e: said({ verdict: 'passed' }), want: 'against TLC: distinct (4 against 5)' },
    { name: 'the evaluation, TLC agreeing', c: said(), t: said(), e: said({ verdict: 'passed' }), want: 'against the evaluation: verdict (property Prop against passed)' },
    { name: 'the evaluation, without TLC', c: said(), t: undefined, e: said({ distinct: 3 }), want: 'against the evaluation: distinct (4 against 3)' },
  ])('$name', ({ c, t, e, want }) => expect(firstDisagreement(c, t, e)).toBe(want));
  it.each([
    ['against TLC: distinct (4 against 5)', 'against TLC: distinct'],
    ['against the evaluation: verdict (property Prop against passed)', 'against the evaluation: verdict (property Prop against passed)'],
    ['the compiled verifier\'s lasso: no step of Next from state 2 to state 3', 'the compiled verifier\'s lasso: no step of Next from state N to state N'],
    ['TLC\'s lasso: state 3: {1: expected , or } at column 3', 'TLC\'s lasso: state N: …'],
  ])('%s → %s', (detail, kind) => expect(disagreementKind(detail)).toBe(kind));
});

describe('a fixed slice against the independent evaluation (no TLC needed)', () => {
  // Deterministic: the same 150 models each run. Each must give the evaluation's verdict and
  // count, and each lasso the compiled verifier gives must be a fair behaviour violating the property.
  const slice = fc.sample(livenessModelArb, { numRuns: 150, seed: 20_261_209 });
  it('every model: the same verdict and count, every lasso a fair counterexample', async () => {
    const verdicts = new Map<string, number>();
    for (const d of slice) {
      const r = await runLivenessCase(d, {});
      if (r.status === 'skipped') continue;
      expect(r.status, `${d.name}: ${r.detail}: compiled ${JSON.stringify(r.compiled)}, evaluation ${JSON.stringify(r.evaluation)}`).toBe('agree');
      verdicts.set(r.compiled!.verdict, (verdicts.get(r.compiled!.verdict) ?? 0) + 1);
    }
    // Both sides of each verdict are exercised: passes, and violations with lassos to check.
    expect([...verdicts.keys()].sort()).toEqual(['passed', 'property Prop', 'property Termination']);
    expect([...verdicts.values()].reduce((a, b) => a + b, 0)).toBeGreaterThan(140);
  }, 120_000);
});

describe('a fixed slice against TLC', () => {
  const slice = fc.sample(livenessModelArb, { numRuns: 8, seed: 20_261_208 });
  it.skipIf(!tlc.found).each(slice.map((d) => [d.name, d] as const))(`%s: the same verdict and distinct states as TLC and the evaluation, each lasso fair and violating${tlcSkipNote(tlc)}`, async (_name, d) => {
    const r = await runLivenessCase(d, { tlc: tlcJudge() });
    expect(r.tlc, 'TLC was asked').toBeDefined();
    expect(r.status, `${r.detail}: compiled ${JSON.stringify(r.compiled)}, TLC ${JSON.stringify(r.tlc)}, evaluation ${JSON.stringify(r.evaluation)}`).toBe('agree');
  }, 120_000);
});
