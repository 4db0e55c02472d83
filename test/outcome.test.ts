/**
 * Judging verdicts (dsl/check/outcome.ts, result.ts, cfg-facts.ts) without running a checker:
 * every verdict kind against every expectation kind, and the backend cross-checks' messages.
 */
import { describe, expect, it } from 'vitest';
import type * as ir from '../dsl/ir/nodes.js';
import { cfgFacts } from '../dsl/check/cfg-facts.js';
import { compareCounts, compareVerdicts, meetsExpectation, violatedName } from '../dsl/check/outcome.js';
import { isViolation, type Backend, type CheckResult, type Verdict } from '../dsl/check/result.js';

const VERDICTS: Record<Verdict['kind'], Verdict> = {
  passed: { kind: 'passed' },
  invariant: { kind: 'invariant', name: 'Inv', initial: false, trace: [] },
  deadlock: { kind: 'deadlock', trace: [] },
  property: { kind: 'property', name: 'Live', trace: [], stuttering: false },
  assert: { kind: 'assert', message: 'Msg', trace: [] },
  evalError: { kind: 'evalError', message: 'Inv', stack: [], trace: [] },
  parseError: { kind: 'parseError', message: 'Inv' },
  configError: { kind: 'configError', message: 'Inv' },
  crashed: { kind: 'crashed', message: 'Inv', exitCode: 1 },
  timeout: { kind: 'timeout', afterMs: 1 },
};
const kinds = Object.keys(VERDICTS) as Verdict['kind'][];

describe('meetsExpectation', () => {
  it.each(kinds)('%s meets `pass` only when it is passed', (k) => {
    expect(meetsExpectation(VERDICTS[k], { kind: 'pass' })).toBe(k === 'passed');
  });
  it.each(kinds)('%s meets `deadlock` only when it is a deadlock', (k) => {
    expect(meetsExpectation(VERDICTS[k], { kind: 'deadlock' })).toBe(k === 'deadlock');
  });
  it.each([
    ['invariant', 'Inv', true], ['invariant', 'Other', false],
    ['property', 'Live', true], ['property', 'Inv', false],
    ['assert', 'Msg', true], ['assert', 'Inv', false],
    // Other verdicts carry a message that happens to equal the property's name: not a violation of it.
    ['evalError', 'Inv', false], ['parseError', 'Inv', false], ['configError', 'Inv', false], ['crashed', 'Inv', false],
    ['passed', 'Inv', false], ['deadlock', 'Inv', false], ['timeout', 'Inv', false],
  ] as const)('%s meets `violation of %s`: %s', (k, property, met) => {
    expect(meetsExpectation(VERDICTS[k], { kind: 'violation', property })).toBe(met);
  });
  it('an unnamed property violation meets no named expectation', () => {
    expect(meetsExpectation({ kind: 'property', trace: [], stuttering: true }, { kind: 'violation', property: 'Live' })).toBe(false);
  });
});

describe('violatedName', () => {
  it.each([
    ['invariant', 'Inv'], ['property', 'Live'], ['assert', 'Msg'],
    ['evalError', undefined], ['parseError', undefined], ['configError', undefined], ['crashed', undefined],
    ['passed', undefined], ['deadlock', undefined], ['timeout', undefined],
  ] as const)('%s → %s', (k, name) => {
    expect(violatedName(VERDICTS[k])).toBe(name);
  });
});

describe('isViolation', () => {
  it.each(kinds)('%s', (k) => {
    expect(isViolation(VERDICTS[k])).toBe(['invariant', 'deadlock', 'property', 'assert', 'evalError'].includes(k));
  });
});

const result = (backend: Backend, verdict: Verdict, distinct?: number): CheckResult =>
  ({ backend, module: 'M', config: 'c', verdict, durationMs: 0, ...(distinct === undefined ? {} : { counts: { distinct } }) });

describe('compareVerdicts', () => {
  it('no results, one result, or all alike: no disagreement', () => {
    expect(compareVerdicts([])).toBeUndefined();
    expect(compareVerdicts([result('tlc', VERDICTS.invariant)])).toBeUndefined();
    expect(compareVerdicts([result('tlc', VERDICTS.invariant), result('compiled', VERDICTS.invariant), result('tla-checker', VERDICTS.invariant)])).toBeUndefined();
  });
  it('names the first backend and the first that differs, with kind and name', () => {
    expect(compareVerdicts([result('tlc', VERDICTS.invariant), result('compiled', VERDICTS.invariant), result('tla-checker', { kind: 'invariant', name: 'Other', initial: true, trace: [] })]))
      .toBe('tlc says invariant Inv, tla-checker says invariant Other');
    expect(compareVerdicts([result('tlc', VERDICTS.passed), result('compiled', VERDICTS.deadlock)])).toBe('tlc says passed, compiled says deadlock');
    expect(compareVerdicts([result('compiled', VERDICTS.assert), result('tlc', VERDICTS.property)])).toBe('compiled says assert Msg, tlc says property Live');
  });
  it('the same kind with a different name, or a name against none, differs', () => {
    expect(compareVerdicts([result('tlc', VERDICTS.property), result('compiled', { kind: 'property', trace: [], stuttering: false })])).toBe('tlc says property Live, compiled says property');
  });
});

describe('compareCounts', () => {
  it('equal counts, or one result: none', () => {
    expect(compareCounts([], 'states')).toBeUndefined();
    expect(compareCounts([result('tlc', VERDICTS.passed, 7)], 'states')).toBeUndefined();
    expect(compareCounts([result('tlc', VERDICTS.passed, 7), result('compiled', VERDICTS.passed, 7)], 'states')).toBeUndefined();
  });
  it('names both counts, `?` for a missing one', () => {
    expect(compareCounts([result('tlc', VERDICTS.passed, 7), result('compiled', VERDICTS.passed, 7), result('tla-checker', VERDICTS.passed, 8)], 'distinct states'))
      .toBe('tlc found 7 distinct states, tla-checker 8');
    expect(compareCounts([result('tlc', VERDICTS.passed), result('compiled', VERDICTS.passed, 3)], 'states')).toBe('tlc found ? states, compiled 3');
    expect(compareCounts([result('tlc', VERDICTS.passed, 3), result('compiled', VERDICTS.passed)], 'states')).toBe('tlc found 3 states, compiled ?');
  });
});

describe('cfgFacts', () => {
  const config = (extra: Partial<ir.Config>): ir.Config => ({
    name: 'c', constants: [], invariants: ['A', 'B'], properties: ['P'], constraints: [], symmetry: [], checkDeadlock: true,
    expect: { kind: 'pass' }, loc: { file: 'm.ts', line: 1, col: 1 }, ...extra,
  });
  it('TypeOK first, then the invariants in order; properties and deadlock as given', () => {
    expect(cfgFacts(config({}))).toEqual({ invariants: ['TypeOK', 'A', 'B'], properties: ['P'], checkDeadlock: true });
    expect(cfgFacts(config({ checkTypeOk: true, checkDeadlock: false, properties: [] }))).toEqual({ invariants: ['TypeOK', 'A', 'B'], properties: [], checkDeadlock: false });
  });
  it('no TypeOK when it is switched off', () => {
    expect(cfgFacts(config({ checkTypeOk: false })).invariants).toEqual(['A', 'B']);
  });
});
