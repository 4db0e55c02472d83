/**
 * Liveness on the compiled verifier: each temporal property shape it checks, under weak and
 * strong fairness, with the lasso it reports (where it loops back, or that it stutters) — and
 * TLC's verdict on the same module when TLC is found. The first model is the one tla-checker
 * 0.9.0 gets wrong (test/tla-checker-gaps.test.ts): here every answer is TLC's.
 */
import { describe, expect, it } from 'vitest';
import {
  alwaysEventually, always, eq, eventually, implies, leadsTo, lt, model, not, plus, set, sf, t, when, wf, and,
  type Model,
} from '../dsl/index.js';
import { findTlc } from '../dsl/check/tlc.js';
import type { Backend, Verdict } from '../dsl/check/result.js';
import { checkModel } from '../dsl/testing/check-model.js';

const tlc = await findTlc();
const base = { invariants: [], checkDeadlock: false } as const;

/** x counts 0, 1, 2 and stays at 2; `Inc` is weakly fair in Spec, nothing is in NoFairness. */
const counter = model('LiveCounter', (m) => {
  const x = m.variable('x', t.int(0, 2), 0);
  const inc = m.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
  m.action('Stay', {}, () => [when(eq(x, 2)), set(x, x)]);
  m.fairness(wf(inc({})));
  const none = m.spec('NoFairness');
  // Fairness and a property given through operators without parameters, called (printed as their names).
  const called = m.spec('CalledFairness', { fairness: [m.defineOp('IncIsFair', {}, () => wf(inc({})))({})] });
  const props = {
    ZeroLeadsToThree: leadsTo(eq(x, 0), eq(x, 3)),
    EventuallyOne: eventually(eq(x, 1)),
    EventuallyTwo: eventually(eq(x, 2)),
    OneInfinitelyOften: alwaysEventually(eq(x, 1)),
    EventuallyAlwaysTwo: eventually(always(eq(x, 2))),
    AlwaysBelowTwo: always(lt(x, 2)),
    ZeroThenTwo: always(implies(eq(x, 0), eventually(eq(x, 2)))),
    ReachesTwoCalled: m.defineOp('ReachesTwo', {}, () => eventually(eq(x, 2)))({}),
  };
  for (const [name, f] of Object.entries(props)) {
    const p = m.property(name, f);
    m.config(name, { ...base, properties: [p] });
    m.config(`${name}_unfair`, { ...base, spec: none, properties: [p] });
    if (name === 'EventuallyTwo') m.config(`${name}_called`, { ...base, spec: called, properties: [p] });
  }
});

/**
 * `Finish` is enabled only while `b` holds, and `Flip` toggles `b` forever: weak fairness of
 * Finish lets it be skipped for ever (it is never continuously enabled), strong fairness does not.
 */
const toggle = model('LiveToggle', (m) => {
  const b = m.variable('b', t.bool(), false);
  const done = m.variable('done', t.bool(), false);
  const flip = m.action('Flip', {}, () => [set(b, not(b))]);
  const finish = m.action('Finish', {}, () => [when(and(b, not(done))), set(done, true)]);
  const weak = m.spec('WeakFinish', { fairness: [wf(flip({})), wf(finish({}))] });
  const strong = m.spec('StrongFinish', { fairness: [wf(flip({})), sf(finish({}))] });
  const noFlip = m.spec('NoFlipFairness', { fairness: [sf(finish({}))] });
  const props = {
    Finishes: eventually(done),
    DoneStays: eventually(always(done)),
    FlipsForever: alwaysEventually(b),
    BLeadsToDone: leadsTo(b, done),
    FlippingEndsDone: implies(alwaysEventually(b), eventually(always(done))),
  };
  for (const [name, f] of Object.entries(props)) {
    const p = m.property(name, f);
    m.config(`${name}_weak`, { ...base, spec: weak, properties: [p] });
    m.config(`${name}_strong`, { ...base, spec: strong, properties: [p] });
    m.config(`${name}_noflip`, { ...base, spec: noFlip, properties: [p] });
  }
});

type Shape = 'passed' | 'invariant' | `stutters after ${number}` | `loops ${number}→${number}`;
const shape = (v: Verdict): Shape | string => {
  if (v.kind === 'passed' || v.kind === 'invariant') return v.kind;
  if (v.kind !== 'property') return `${v.kind}: ${'message' in v ? v.message : ''}`;
  return v.stuttering ? `stutters after ${v.trace.length}` : `loops ${v.trace.length}→${v.loopsTo}`;
};

// [model, config, the compiled verifier's verdict and lasso]; TLC must agree on the verdict.
const cases: [string, string, Shape][] = [
  ['LiveCounter', 'ZeroLeadsToThree', 'stutters after 3'], // x = 0 only on the stem: tla-checker passes it
  ['LiveCounter', 'EventuallyOne', 'passed'], // tla-checker reports it violated
  ['LiveCounter', 'EventuallyTwo', 'passed'],
  ['LiveCounter', 'EventuallyTwo_unfair', 'stutters after 1'],
  ['LiveCounter', 'EventuallyTwo_called', 'passed'],
  ['LiveCounter', 'OneInfinitelyOften', 'stutters after 3'],
  ['LiveCounter', 'EventuallyAlwaysTwo', 'passed'],
  ['LiveCounter', 'EventuallyAlwaysTwo_unfair', 'stutters after 1'],
  ['LiveCounter', 'AlwaysBelowTwo', 'invariant'], // []P of a state predicate: TLC reports it as an invariant
  ['LiveCounter', 'ZeroThenTwo', 'passed'],
  ['LiveCounter', 'ZeroThenTwo_unfair', 'stutters after 1'],
  ['LiveCounter', 'ReachesTwoCalled', 'passed'],
  ['LiveCounter', 'ReachesTwoCalled_unfair', 'stutters after 1'],
  ['LiveToggle', 'Finishes_weak', 'loops 2→1'],
  ['LiveToggle', 'Finishes_strong', 'passed'],
  ['LiveToggle', 'Finishes_noflip', 'stutters after 1'],
  ['LiveToggle', 'DoneStays_weak', 'loops 2→1'],
  ['LiveToggle', 'DoneStays_strong', 'passed'],
  ['LiveToggle', 'FlipsForever_weak', 'passed'],
  ['LiveToggle', 'FlipsForever_noflip', 'stutters after 1'],
  ['LiveToggle', 'BLeadsToDone_weak', 'loops 3→2'],
  ['LiveToggle', 'BLeadsToDone_strong', 'passed'],
  ['LiveToggle', 'FlippingEndsDone_weak', 'loops 2→1'],
  ['LiveToggle', 'FlippingEndsDone_strong', 'passed'],
  ['LiveToggle', 'FlippingEndsDone_noflip', 'passed'], // b stays FALSE: []<>b is false, so the implication holds
];

const models: Record<string, Model> = { LiveCounter: counter, LiveToggle: toggle };
const run = (m: Model | string, config: string, backend: Backend) =>
  checkModel(typeof m === 'string' ? models[m]! : m, config, { backend }).then((r) => r.results[0]!.verdict);

describe('the compiled verifier checks liveness under fairness', () => {
  it.each(cases)('%s %s: %s', async (m, config, expected) => {
    const v = await run(m, config, 'compiled');
    expect(shape(v)).toBe(expected);
    if (v.kind === 'property') expect(v.name).toBe(config.replace(/_.*/, ''));
    if (v.kind === 'invariant') expect(v.name).toBe(config);
  });

  it('a lasso is a behaviour: every step names its action, and the closing step goes back to the state it names', async () => {
    const v = await run(toggle, 'BLeadsToDone_weak', 'compiled');
    if (v.kind !== 'property') throw new Error(v.kind);
    expect(v.trace.map((s) => [s.action?.name ?? 'init', s.vars.b, s.vars.done])).toEqual([
      ['init', 'FALSE', 'FALSE'], ['Flip', 'TRUE', 'FALSE'], ['Flip', 'FALSE', 'FALSE'],
    ]);
    // b held in state 2 and done never comes: the cycle 2 → 3 → 2 flips for ever, Finish skipped.
    expect(v.loopsTo).toBe(2);
    expect(v.loopAction?.name).toBe('Flip');
  });

  it('a stuttering lasso ends where every fair action is disabled: x = 2, where Inc is not enabled', async () => {
    const v = await run(counter, 'OneInfinitelyOften', 'compiled');
    if (v.kind !== 'property') throw new Error(v.kind);
    expect(v.trace.map((s) => s.vars.x)).toEqual(['0', '1', '2']);
    expect(v.trace.map((s) => s.action?.name)).toEqual([undefined, 'Inc', 'Inc']);
    expect(v.loopsTo).toBeUndefined();
  });

  it('random walks refuse liveness (a walk cannot show a property holds for ever), and check []P and action properties on each step', async () => {
    const walk = (config: string) => checkModel(counter, config, { backend: 'compiled', simulate: { seed: 7n, depth: 10, traces: 20 } }).then((r) => r.results[0]!.verdict);
    const refused = await walk('EventuallyTwo');
    expect(refused.kind === 'crashed' && refused.message).toMatch(/temporal property EventuallyTwo needs the exhaustive search/);
    const v = await walk('AlwaysBelowTwo');
    expect(v.kind === 'invariant' && [v.name, v.trace.length]).toEqual(['AlwaysBelowTwo', 3]);
  });

  it('a temporal formula it does not check is refused, naming TLC, never passed', async () => {
    const nested = model('LiveNested', (m) => {
      const x = m.variable('x', t.int(0, 1), 0);
      m.action('Set', {}, () => [set(x, 1)]);
      const p = m.property('Nested', leadsTo(alwaysEventually(eq(x, 1)), eq(x, 0)));
      m.config('nested', { ...base, properties: [p] });
    });
    const v = await run(nested, 'nested', 'compiled');
    expect(v.kind).toBe('crashed');
    expect(v.kind === 'crashed' && v.message).toMatch(/^the compiled backend does not check temporal property Nested: .*use --backend tlc$/);
  });
});

describe.skipIf(!tlc.found)(`TLC agrees${tlc.found ? '' : ` (skipped: ${tlc.reason})`}`, () => {
  // One TLC run per verdict kind and fairness kind is enough to pin the semantics; all cases would be 22 JVMs.
  const sample = cases.filter(([, config]) => ['ZeroLeadsToThree', 'EventuallyOne', 'AlwaysBelowTwo', 'Finishes_weak', 'Finishes_strong', 'FlippingEndsDone_weak', 'FlippingEndsDone_noflip', 'ReachesTwoCalled_unfair', 'EventuallyTwo_called'].includes(config));
  it.each(sample)('%s %s', async (m, config, expected) => {
    const v = await run(m, config, 'tlc');
    expect(v.kind).toBe(expected === 'passed' || expected === 'invariant' ? expected : 'property');
  });
});
