/**
 * Asserts are switchable by name (the module's `AssertsOff` constant, set per config): a focused
 * check turns every other assert off, so each one can be checked alone — the verdict matrix's
 * cells. On every backend: the compiled verifier and tla-checker every run, TLC when found.
 */
import { describe, expect, it } from 'vitest';
import type { Checker } from '../dsl/check/checker.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { violatedName } from '../dsl/check/outcome.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { assert, label, lt, model, plus, set, t, when } from '../dsl/index.js';
import { focusConfig, stateSpaceConfig } from '../dsl/ir/config-variants.js';
import { runPipeline } from '../dsl/pipeline/run.js';
import { TLC_JVM } from './helpers/t2-java.js';

const tlc = await findTlc();

// x goes 0 → 1 → 2 → 3; AtMostOne fails once x is 2, AtMostTwo once it is 3 (and NotThree with it).
const m = model('T2TwoAsserts', (b) => {
  const x = b.variable('x', t.int(0, 3), 0);
  b.process('Stepper', 'stepper', {}, () => [
    label('one'), set(x, 1),
    label('two'), set(x, 2),
    label('three'), assert('AtMostOne', lt(x, 2)),
    label('four'), set(x, 3),
    label('five'), assert('AtMostTwo', lt(x, 3)),
  ]);
  b.invariant('NotThree', lt(x, 3));
  b.config('c', { checkDeadlock: false, expect: { violates: 'AtMostOne' } });
});

const backends: [string, Checker, boolean][] = [['compiled', compiledChecker, true], ['tla-checker', tlaChecker, true], ['tlc', tlcChecker, tlc.found]];

describe.each(backends)('switchable asserts on %s', (name, checker, available) => {
  const run = (focus?: string) => runPipeline(m, 'c', { checkers: [checker], workers: 1, jvmArgs: TLC_JVM, ...(focus ? { focus } : {}) });

  it.skipIf(!available)(`all on: the first to fail is reported${available ? '' : ` (skipped: ${!tlc.found ? tlc.reason : ''})`}`, async () => {
    const o = await run();
    expect(o.cfg).toContain('AssertsOff = {}');
    expect(violatedName(o.results[0]!.verdict)).toBe('AtMostOne');
  });

  it.skipIf(!available)('focus on the second: the first is off, the second fails two steps later', async () => {
    const o = await run('AtMostTwo');
    expect(o.cfg).toContain('AssertsOff = {"AtMostOne"}');
    const v = o.results[0]!.verdict;
    expect(violatedName(v)).toBe('AtMostTwo');
    // one, two, three, four, five: the state in which the failing step starts is the last.
    expect('trace' in v && v.trace.length).toBe(5);
  });

  it.skipIf(!available)('focus on an invariant: every assert is off, and the invariant decides', async () => {
    const o = await run('NotThree');
    expect(o.cfg).toContain('AssertsOff = {"AtMostOne", "AtMostTwo"}');
    expect(violatedName(o.results[0]!.verdict)).toBe('NotThree');
  });

  it.skipIf(!available)('focus on an invariant: TypeOK is off too (the cfg lists only the invariant), though it fails first', async () => {
    // x counts to 3 in a type of 0..2: TypeOK fails one step before NotThree does.
    const narrow = model('T2Narrow', (b) => {
      const x = b.variable('x', t.int(0, 2), 0);
      b.action('Inc', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
      b.invariant('NotThree', lt(x, 3));
      b.config('c', { checkDeadlock: false });
    });
    const all = await runPipeline(narrow, 'c', { checkers: [checker], workers: 1, jvmArgs: TLC_JVM });
    expect(['TypeOK', 'NotThree'].map((n) => all.cfg.includes(`INVARIANT ${n}`))).toEqual([true, true]);
    expect(violatedName(all.results[0]!.verdict)).toBe('TypeOK');
    const o = await runPipeline(narrow, 'c', { checkers: [checker], workers: 1, jvmArgs: TLC_JVM, focus: 'NotThree' });
    expect(['TypeOK', 'NotThree'].map((n) => o.cfg.includes(`INVARIANT ${n}`))).toEqual([false, true]);
    const v = o.results[0]!.verdict;
    expect(violatedName(v)).toBe('NotThree');
    expect('trace' in v && v.trace.map((s) => s.vars.x)).toEqual(['0', '1', '2', '3']);
  });

  it.skipIf(!available)('the whole state space with asserts off: every state, passed', async () => {
    const job = (await import('../dsl/pipeline/run.js')).jobFor((await run()).artifacts, m.module, stateSpaceConfig(m.module.configs[0]!, m.module));
    const r = await checker.check(job, { workers: 1, jvmArgs: TLC_JVM });
    expect(r.verdict.kind).toBe('passed');
    expect(r.counts?.distinct).toBe(6); // pc one, two, three, four, five, Done
  });
});

describe('focusConfig', () => {
  it.each([
    ['AtMostOne', ['AtMostTwo'], [], false],
    ['AtMostTwo', ['AtMostOne'], [], false],
    ['NotThree', ['AtMostOne', 'AtMostTwo'], ['NotThree'], false],
    ['deadlock', ['AtMostOne', 'AtMostTwo'], [], true],
  ] as const)('%s: asserts off %j, invariants %j, deadlock %s', (name, off, invariants, deadlock) => {
    const c = focusConfig(m.module, m.module.configs[0]!, name);
    expect(c.assertsOff).toEqual(off);
    expect(c.invariants).toEqual(invariants);
    expect(c.checkDeadlock).toBe(deadlock);
  });

  it('a model without asserts declares no AssertsOff constant', async () => {
    const plain = model('T2NoAsserts', (b) => {
      const x = b.variable('x', t.int(0, 1), 0);
      b.action('Step', {}, () => [set(x, 1)]);
      b.config('c', { checkDeadlock: false });
    });
    const o = await runPipeline(plain, 'c', { checkers: [compiledChecker] });
    expect(o.artifacts.files.get('T2NoAsserts.tla')).not.toContain('AssertsOff');
    expect(o.cfg).not.toContain('AssertsOff');
  });
});
