/**
 * CONSTRAINT as TLC applies it (issue 14's constraint gap): a successor outside the constraint
 * is not explored or counted, but the invariants are checked on it. The compiled verifier does
 * this itself; tla-checker is given a module whose next-state relation stutters outside the
 * constraint (`constrainedJob` in dsl/check/tla-checker.ts). Each config on all three backends.
 */
import { describe, expect, it } from 'vitest';
import type { Checker } from '../dsl/check/checker.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { violatedName } from '../dsl/check/outcome.js';
import { constrainedJob, runTlaChecker, tlaChecker } from '../dsl/check/tla-checker.js';
import { cfgFacts } from '../dsl/check/cfg-facts.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { runPipeline } from '../dsl/pipeline/run.js';
import fifo from './fixtures/constraint-gap.js';
import { jobOf } from './helpers/compiled-job.js';
import { TLC_JVM } from './helpers/t2-java.js';

const tlc = await findTlc();
const backends: [string, Checker, boolean][] = [['compiled', compiledChecker, true], ['tla-checker', tlaChecker, true], ['tlc', tlcChecker, tlc.found]];

describe.each(backends)('a bounded FIFO under a CONSTRAINT on %s' + (tlc.found ? '' : ` (TLC skipped: ${tlc.reason})`), (_, checker, available) => {
  it.each([
    ['bound_too_low', 'TypeOK', undefined, 4],
    ['bound_with_room', 'nothing', 3, undefined],
    ['outside_only', 'AtMostOne', undefined, 3],
  ] as const)('%s: %s violated', async (config, violated, distinct, traceLength) => {
    if (!available) return;
    const r = (await runPipeline(fifo, config, { checkers: [checker], workers: 1, jvmArgs: TLC_JVM })).results[0]!;
    if (violated !== 'nothing') {
      expect(violatedName(r.verdict), JSON.stringify(r.verdict).slice(0, 300)).toBe(violated);
      // The shortest counterexample ends in the state outside the constraint.
      expect('trace' in r.verdict && r.verdict.trace.length).toBe(traceLength);
    } else {
      expect(r.verdict).toEqual({ kind: 'passed' });
      expect(r.counts?.distinct).toBe(distinct);
    }
  });
});

it('tla-checker alone, on the module as written, misses the violation (the gap the adapter closes)', async () => {
  const job = jobOf(fifo, 'bound_too_low');
  const raw = await runTlaChecker(job.tla, job.cfg, cfgFacts(job.config), { module: 'BoundedFifo', config: 'bound_too_low' });
  expect(raw.verdict).toEqual({ kind: 'passed' });
  expect(constrainedJob(job)!.cfg).toContain('NEXT ZswapTlaConstrainedNext');
  expect(constrainedJob(job)!.cfg).not.toContain('CONSTRAINT');
});
