/**
 * Every property alone (`checkEach`, the verdict matrix's cells). The compiled verifier decides
 * them all in one search that goes on past each violation; each cell must be exactly what a run
 * focused on that name (the others off) gives: the same verdict and shortest trace on the
 * compiled verifier, on tla-checker, and on TLC when it is found.
 */
import { describe, expect, it } from 'vitest';
import type { Checker } from '../dsl/check/checker.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { violatedName } from '../dsl/check/outcome.js';
import type { CheckResult } from '../dsl/check/result.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { assert, emptySeq, gt, head, label, len, lt, model, set, skip, t, type Model } from '../dsl/index.js';
import { assertNames, checkableNames, focusConfig, kindOf } from '../dsl/ir/config-variants.js';
import { checkEach } from '../dsl/pipeline/each.js';
import { artifactsOf, configOf, jobFor, runPipeline } from '../dsl/pipeline/run.js';
import mutexCounter from '../models/mutex-counter.js';
import { doubleLock, lockBeforeInit, unlockByNonOwner } from '../models/peer/mutex-misuse.js';
import { zswapModel } from '../models/zswap/index.js';
import { VARIANTS } from '../models/zswap/variants.js';
import { TLC_JVM } from './helpers/t2-java.js';

const tlc = await findTlc();
const variant = (name: string) => zswapModel(VARIANTS.find((v) => v.name === name)!);

/** What a cell says: verdict kind, the name violated, and the trace length. */
const cell = (r: CheckResult) => `${r.verdict.kind}${violatedName(r.verdict) ? ` ${violatedName(r.verdict)}` : ''}${'trace' in r.verdict ? ` in ${r.verdict.trace.length}` : ''}`;

/** Each name of `m`/`config` alone through `checker`'s focused runs, as cells. */
async function focusedRuns(m: Model, config: string, checker: Checker): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of checkableNames(m.module).filter((n) => m.module.definitions.find((d) => d.name === n)?.role !== 'property')) {
    const o = await runPipeline(m, config, { checkers: [checker], focus: name, workers: 1, timeoutMs: 600_000, jvmArgs: TLC_JVM });
    out[name] = cell(o.results[0]!);
  }
  return out;
}

/**
 * As `focusedRuns` on the compiled verifier, with the names `cells` says hold checked in one run
 * with all of them on (and everything else off). That run reaches exactly the states each of their
 * focused runs reaches: an assert that holds stops nothing, and invariants and the deadlock check
 * do not change what is reachable. So it passes if and only if each of them passes alone (a
 * violation or evaluation error in it names which); the violated names, whose runs stop early,
 * get a focused run each. On zswap a focused run of a name that holds searches the whole state
 * space: one per name took about a minute for the two cells below.
 */
async function focusedRunsHoldingTogether(m: Model, config: string, cells: Record<string, string>): Promise<Record<string, string>> {
  const module = m.module;
  const names = checkableNames(module).filter((n) => kindOf(module, n) !== 'property');
  const holding = names.filter((n) => cells[n] === 'passed');
  const out: Record<string, string> = {};
  if (holding.length) {
    const written = configOf(m, config);
    const base = focusConfig(module, written, holding[0]!);
    const joint = {
      ...base,
      checkTypeOk: holding.includes('TypeOK'),
      invariants: holding.filter((n) => kindOf(module, n) === 'invariant' && n !== 'TypeOK'),
      checkDeadlock: holding.includes('deadlock'),
      assertsOff: [...assertNames(module)].filter((a) => !holding.includes(a)),
    };
    const r = await compiledChecker.check(jobFor(artifactsOf(m, {}), module, joint), { workers: 1, timeoutMs: 600_000 });
    for (const n of holding) out[n] = r.verdict.kind === 'passed' ? 'passed' : `(with ${holding.join(', ')} on) ${cell(r)}`;
  }
  for (const n of names.filter((x) => !holding.includes(x))) {
    const o = await runPipeline(m, config, { checkers: [compiledChecker], focus: n, workers: 1, timeoutMs: 600_000 });
    out[n] = cell(o.results[0]!);
  }
  return Object.fromEntries(names.map((n) => [n, out[n]!]));
}

async function together(m: Model, config: string): Promise<Record<string, string>> {
  const e = await checkEach(m, config, { checkers: [compiledChecker] });
  return Object.fromEntries(e.cells.filter((c) => c.kind !== 'property').map((c) => [c.name, cell(c.result)]));
}

// Two asserts, the first failing first; an invariant; and a third step whose assert cannot be
// evaluated (Head of an empty sequence): only that assert's own run stops there.
const twoAsserts = model('T2EachAsserts', (b) => {
  const x = b.variable('x', t.int(0, 3), 0);
  const q = b.variable('q', t.seq(t.int(0, 1), 1), emptySeq(t.int(0, 1)));
  b.process('Stepper', 'stepper', {}, () => [
    label('one'), set(x, 1),
    label('two'), set(x, 2),
    label('three'), assert('AtMostOne', lt(x, 2)),
    label('four'), assert('QueueHead', gt(head(q), 0)),
    label('five'), set(x, 3),
    label('six'), assert('AtMostTwo', lt(x, 3)),
    label('seven'), skip(),
  ]);
  b.invariant('NotThree', lt(x, 3));
  b.invariant('QueueShort', lt(len(q), 2));
  b.config('c', { expect: { violates: 'AtMostOne' } });
});

const SMALL = ([[twoAsserts, 'c'], [mutexCounter, 'racy'], [doubleLock, 'one_task'], [unlockByNonOwner, 'owner_and_other'], [lockBeforeInit, 'one_probe']] as const).map(([m, config]) => ({ label: `${m.name} / ${config}`, m, config }));
// Every kind of zswap verdict: invariants and asserts violated (v13-null-freed / combined), deadlock (get-cpu-lock / reclaim).
const ZSWAP: [string, string][] = [['v13-null-freed', 'combined'], ['get-cpu-lock', 'reclaim']];

describe('checkEach on the compiled verifier equals a focused run per name', () => {
  it('the hand-made model: each assert and invariant its own verdict; the evaluation error only in its assert', async () => {
    const cells = await together(twoAsserts, 'c');
    expect(cells).toEqual({
      TypeOK: 'passed',
      NotThree: 'invariant NotThree in 6',
      QueueShort: 'passed',
      AtMostOne: 'assert AtMostOne in 3',
      QueueHead: 'evalError in 4',
      AtMostTwo: 'assert AtMostTwo in 6',
      deadlock: 'passed', // with QueueHead off the stepper reaches Done, where it may stutter
    });
  });

  it.each(SMALL)('$label: compiled, focused per name', async ({ m, config }) => {
    expect(await together(m, config)).toEqual(await focusedRuns(m, config, compiledChecker));
  });

  // Three models cover every verdict kind on tla-checker (a run per name each).
  it.each(SMALL.filter((x) => x.m !== mutexCounter && x.m !== lockBeforeInit))('$label: tla-checker, focused per name', async ({ m, config }) => {
    expect(await together(m, config)).toEqual(await focusedRuns(m, config, tlaChecker));
  }, 120_000);

  // TLC starts a JVM per name: two models (every verdict kind between them) keep it to a minute.
  it.skipIf(!tlc.found).each(SMALL.filter((x) => x.m === twoAsserts || x.m === doubleLock))(`$label: TLC, focused per name${tlc.found ? '' : ` (skipped: ${tlc.found ? '' : tlc.reason})`}`, async ({ m, config }) => {
    expect(await together(m, config)).toEqual(await focusedRuns(m, config, tlcChecker));
  }, 300_000);

  it.each(ZSWAP)('zswap %s / %s: compiled, focused per violated name, the names that hold in one run', async (v, config) => {
    const cells = await together(variant(v), config);
    expect(Object.values(cells).filter((c) => c === 'passed').length).toBeGreaterThan(0);
    expect(Object.values(cells).filter((c) => c !== 'passed').length).toBeGreaterThan(0);
    expect(cells).toEqual(await focusedRunsHoldingTogether(variant(v), config, cells));
  }, 300_000);

  it('the joint run of the names that hold is not blind: with a violated name among them it fails', async () => {
    // get-cpu-lock / reclaim: deadlock is violated; claiming it holds with the rest must show.
    const m = variant('get-cpu-lock');
    const cells = await together(m, 'reclaim');
    expect(cells.deadlock).toMatch(/^deadlock in \d+$/);
    const claimed = await focusedRunsHoldingTogether(m, 'reclaim', { ...cells, deadlock: 'passed' });
    expect(claimed.TypeOK).toMatch(/^\(with .*deadlock.* on\) deadlock in \d+$/);
  }, 300_000);

  // On TLC, a zswap cell is fifteen JVM runs (about three minutes): EACH_TLC_ZSWAP=1 asks for it.
  it.skipIf(!tlc.found || !process.env.EACH_TLC_ZSWAP).each(ZSWAP.slice(0, 1))(`zswap %s / %s: TLC, focused per name${tlc.found ? (process.env.EACH_TLC_ZSWAP ? '' : ' (skipped: set EACH_TLC_ZSWAP=1; about three minutes)') : ` (skipped: ${tlc.found ? '' : tlc.reason})`}`, async (v, config) => {
    expect(await together(variant(v), config)).toEqual(await focusedRuns(variant(v), config, tlcChecker));
  }, 600_000);
});
