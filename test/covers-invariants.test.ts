/**
 * Covers by invariant runs (dsl/check/covers.ts), the method for backends that do not watch
 * covers in their own search: the cover job (what it appends and what it checks) and the loop
 * over runs, driven by a scripted checker — each run's verdict decides one cover, or none.
 */
import { describe, expect, it } from 'vitest';
import type { Checker, CheckJob, CheckOptions } from '../dsl/check/checker.js';
import { coverJob, coversByInvariants, UNREACHED_PREFIX } from '../dsl/check/covers.js';
import type { CheckResult, Verdict } from '../dsl/check/result.js';
import { assert, eq, label, lt, model, plus, set, t, when } from '../dsl/index.js';
import { artifactsOf, jobFor } from '../dsl/pipeline/run.js';

/** x counts 0..3; covers Two, Three and Nine (never); an assert (in a process) and an invariant the cover job switches off. */
function job(config = 'c'): CheckJob {
  const m = model('CoverInv', (b) => {
    const x = b.variable('x', t.int(0, 9), 0);
    const z = b.variable('z', t.int(0, 9), 0);
    b.action('Inc', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
    b.process('P', 'p', {}, () => [label('a'), assert('Small', lt(z, 5)), set(z, 1)]);
    b.invariant('Low', lt(x, 2));
    b.cover('Two', eq(x, 2));
    b.cover('Three', eq(x, 3));
    b.cover('Nine', eq(x, 9));
    b.config('c', { invariants: ['Low'], covers: ['Two', 'Three', 'Nine'] });
    b.config('none', { invariants: ['Low'], covers: [] });
  });
  return jobFor(artifactsOf(m, {}), m.module, m.module.configs.find((c) => c.name === config)!);
}

const passed: CheckResult = { backend: 'tlc', module: 'CoverInv', config: 'c', verdict: { kind: 'passed' }, durationMs: 1 };
const result = (verdict: Verdict): CheckResult => ({ ...passed, verdict });
const witness = (n: number) => Array.from({ length: n }, (_, i) => ({ index: i + 1, vars: { x: String(i) } }));
const reachedBy = (cover: string, n: number): Verdict => ({ kind: 'invariant', name: `${UNREACHED_PREFIX}${cover}`, initial: n === 1, trace: witness(n) });

/** A checker answering each run with the next of `verdicts`, remembering what it was asked. */
function scripted(...verdicts: Verdict[]) {
  const asked: { invariants: readonly string[]; options: CheckOptions }[] = [];
  const checker = {
    name: 'tlc',
    check: async (j: CheckJob, options: CheckOptions) => {
      asked.push({ invariants: j.config.invariants, options });
      const v = verdicts.shift();
      if (!v) throw new Error('one run too many');
      return result(v);
    },
  } as unknown as Checker;
  return { checker, asked };
}

describe('coversByInvariants', () => {
  it('each run reaches one cover (dropped from the next run); a passing run leaves the rest unreached; results in the config\'s order', async () => {
    const { checker, asked } = scripted(reachedBy('Three', 4), reachedBy('Two', 3), { kind: 'passed' });
    const covers = await coversByInvariants(checker, job(), passed, { timeoutMs: 5000, coverage: true });
    expect(covers).toEqual([
      { name: 'Two', status: 'reached', witness: witness(3) },
      { name: 'Three', status: 'reached', witness: witness(4) },
      { name: 'Nine', status: 'unreached' },
    ]);
    const p = (...c: string[]) => c.map((x) => `${UNREACHED_PREFIX}${x}`);
    expect(asked.map((a) => a.invariants)).toEqual([p('Two', 'Three', 'Nine'), p('Two', 'Nine'), p('Nine')]);
    // The caller's options go to every run, step coverage off.
    for (const a of asked) expect(a.options).toEqual({ timeoutMs: 5000, coverage: false });
  });
  it('every cover reached: no last run', async () => {
    const { checker, asked } = scripted(reachedBy('Two', 3), reachedBy('Nine', 1), reachedBy('Three', 4));
    const covers = await coversByInvariants(checker, job(), passed);
    expect(covers.map((c) => c.status)).toEqual(['reached', 'reached', 'reached']);
    expect(asked).toHaveLength(3);
    expect(asked[0]!.options).toEqual({ coverage: false });
  });
  it('no covers (none listed, or the config has no covers field): no run', async () => {
    const { checker, asked } = scripted();
    expect(await coversByInvariants(checker, job('none'), passed)).toEqual([]);
    const j = job('none');
    const { covers: _, ...config } = j.config;
    expect(await coversByInvariants(checker, { ...j, config }, passed)).toEqual([]);
    expect(asked).toEqual([]);
  });
  it('a run that ends any other way leaves the rest undecided, saying how it ended', async () => {
    const cases: [Verdict, string][] = [
      [{ kind: 'timeout', afterMs: 10 }, 'time limit'],
      [{ kind: 'crashed', message: 'java died\nat line 2' }, 'crashed: java died'],
      [{ kind: 'parseError', message: 'bad\nmore' }, 'parseError: bad'],
      [{ kind: 'configError', message: 'no such\nmore' }, 'configError: no such'],
      [{ kind: 'evalError', message: 'Head of <<>>\nmore', stack: [], trace: [] }, 'evaluation error (Head of <<>>)'],
      [{ kind: 'deadlock', trace: [] }, 'deadlock'],
      [{ kind: 'invariant', name: 'TypeOK', initial: false, trace: [] }, 'violation of TypeOK'],
      // A cover-invariant name but of a cover not being checked: not taken as reached.
      [reachedBy('Other', 2), `violation of ${UNREACHED_PREFIX}Other`],
    ];
    for (const [v, how] of cases) {
      const { checker, asked } = scripted(reachedBy('Two', 3), v);
      const covers = await coversByInvariants(checker, job(), passed);
      const reason = `its run on tlc ended without deciding it: ${how}`;
      expect(covers).toEqual([
        { name: 'Two', status: 'reached', witness: witness(3) },
        { name: 'Three', status: 'undecided', reason },
        { name: 'Nine', status: 'undecided', reason },
      ]);
      expect(asked).toHaveLength(2);
    }
  });
  it('a cover reached twice (a checker that ignored the dropped one) is not taken again: the rest are undecided', async () => {
    const { checker, asked } = scripted(reachedBy('Two', 3), reachedBy('Two', 3));
    const covers = await coversByInvariants(checker, job(), passed);
    expect(covers.map((c) => c.status)).toEqual(['reached', 'undecided', 'undecided']);
    expect(covers[1]!.reason).toBe(`its run on tlc ended without deciding it: violation of ${UNREACHED_PREFIX}Two`);
    expect(asked).toHaveLength(2);
  });
  it('when the config\'s own run did not pass, no run: every cover is undecided at what stopped it', async () => {
    const cases: [Verdict, string][] = [
      [{ kind: 'invariant', name: 'Low', initial: false, trace: [] }, 'violation of Low'],
      [{ kind: 'property', name: 'Live', trace: [], stuttering: false }, 'violation of Live'],
      [{ kind: 'property', trace: [], stuttering: true }, 'violation of a property'],
      [{ kind: 'assert', message: 'Small', trace: [] }, 'failed assert Small'],
      [{ kind: 'deadlock', trace: [] }, 'deadlock'],
      [{ kind: 'timeout', afterMs: 3 }, 'time limit'],
    ];
    for (const [v, at] of cases) {
      const { checker, asked } = scripted();
      const covers = await coversByInvariants(checker, job(), result(v));
      const reason = `the search stopped first, at the ${at}`;
      expect(covers).toEqual(['Two', 'Three', 'Nine'].map((name) => ({ name, status: 'undecided', reason })));
      expect(asked).toEqual([]);
    }
  });
});

describe('coverJob', () => {
  it('checks only the covers\' negations: no deadlock, no TypeOK, no properties, no covers, every assert off', () => {
    const j = job();
    const cj = coverJob(j, ['Three']);
    expect(cj.config).toMatchObject({ invariants: [`${UNREACHED_PREFIX}Three`], checkTypeOk: false, checkDeadlock: false, properties: [], covers: [], assertsOff: ['Small'] });
    expect(cj.config.name).toBe(j.config.name);
    expect(cj.spans).toBe(j.spans);
    expect(cj.cfg).toContain(`INVARIANT ${UNREACHED_PREFIX}Three`);
    expect(cj.cfg).not.toContain('INVARIANT Low');
  });
  it('each negation is a definition of the IR too, an invariant at its cover\'s location (the module\'s for a name that is no definition)', () => {
    const j = job();
    const cj = coverJob(j, ['Two', 'Missing']);
    const added = cj.module.definitions.slice(j.module.definitions.length);
    const two = j.module.definitions.find((d) => d.name === 'Two')!;
    expect(added).toEqual([
      { name: `${UNREACHED_PREFIX}Two`, params: [], body: { kind: 'not', operand: { kind: 'ref', name: 'Two' } }, role: 'invariant', loc: two.loc },
      { name: `${UNREACHED_PREFIX}Missing`, params: [], body: { kind: 'not', operand: { kind: 'ref', name: 'Missing' } }, role: 'invariant', loc: j.module.loc },
    ]);
    expect(two.loc).not.toEqual(j.module.loc);
    expect(cj.module.definitions.slice(0, j.module.definitions.length)).toEqual(j.module.definitions);
    expect(j.module.definitions.some((d) => d.name.startsWith(UNREACHED_PREFIX))).toBe(false);
  });
  it('the definitions go just before the module\'s end line, everything before it unchanged', () => {
    const j = job();
    const end = j.tla.lastIndexOf('\n====');
    const cj = coverJob(j, ['Two', 'Three']);
    expect(cj.tla).toBe(`${j.tla.slice(0, end + 1)}${UNREACHED_PREFIX}Two == ~Two\n\n${UNREACHED_PREFIX}Three == ~Three\n\n${j.tla.slice(end + 1)}`);
  });
  it('a module text without an end line is refused, naming the module', () => {
    const j = job();
    expect(() => coverJob({ ...j, tla: j.tla.replace(/\n=+\s*$/, '\n') }, ['Two'])).toThrow(/^CoverInv: the emitted module has no end line$/);
  });
});
