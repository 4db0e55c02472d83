/**
 * The compiled backend on every config of every model in models/: the verdict the model
 * expects; the same verdict and distinct-state count as tla-checker (for a violation, over the
 * whole state space with invariants and asserts off); and, when TLC is found, the same verdict,
 * count, depth and shortest-counterexample length as TLC (for a temporal property, that both
 * show a lasso: TLC does not look for a shortest one). The zswap configs are left to
 * test/zswap-matrix.test.ts (every cell's verdict as written on the compiled verifier, the one its
 * `expect` states) and test/zswap.test.ts (a passing cell against tla-checker, one cell of each
 * finding against TLC);
 * `COMPILED_CROSSCHECK=all` checks them here too, and asks both backends about them (about 13
 * minutes on 2 cores).
 */
import { tlcChecker } from '../dsl/check/tlc.js';
import { describe, expect, it } from 'vitest';
import type { CheckJob } from '../dsl/check/checker.js';
import { checkCompiled, compiledChecker } from '../dsl/check/compiled/index.js';
import type { CheckResult } from '../dsl/check/result.js';
import { meetsExpectation, violatedName } from '../dsl/check/outcome.js';
import { cfgFacts } from '../dsl/check/cfg-facts.js';
import { runTlaChecker } from '../dsl/check/tla-checker.js';
import { findTlc } from '../dsl/check/tlc.js';
import { emitCfg } from '../dsl/emit/cfg.js';
import { models } from '../models/index.js';
import { exampleModels } from '../models/examples/index.js';
import { jobOf, stateSpaceJob } from './helpers/compiled-job.js';
import { TLC_JVM } from './helpers/t2-java.js';

const tlc = await findTlc();
const ALL = process.env.COMPILED_CROSSCHECK === 'all';

const cells = models.flatMap((m) => m.module.configs.map((c) => ({ label: `${m.module.name}/${c.name}`, job: jobOf(m, c.name) })));

/** `job` checking only those of its properties `keep` holds for. */
function withProperties(job: CheckJob, keep: (name: string) => boolean): CheckJob {
  const properties = job.config.properties.filter(keep);
  if (properties.length === job.config.properties.length) return job;
  const config = { ...job.config, properties };
  return { ...job, config, cfg: emitCfg(job.module, config) };
}
/** What the compiled backend checks of `job`: every property it does not refuse (action properties) kept. */
const compiledPart = (job: CheckJob) => withProperties(job, (p) => !compiledChecker.refuses!(withProperties(job, (q) => q === p)));
/** `job` without temporal properties: what tla-checker and the compiled backend can both check. */
const safetyPart = (job: CheckJob) => withProperties(job, () => false);
/** What `part` of `job` should give: a pass when the property the config expects violated was left out. */
function expectationOf(job: CheckJob, part: CheckJob): CheckJob['config']['expect'] {
  const e = job.config.expect;
  return e.kind === 'violation' && job.config.properties.includes(e.property) && !part.config.properties.includes(e.property) ? { kind: 'pass' } : e;
}

const describeVerdict = (r: CheckResult) => `${r.verdict.kind}${violatedName(r.verdict) ? ` ${violatedName(r.verdict)}` : ''}`;
const traceLength = (r: CheckResult) => ('trace' in r.verdict ? r.verdict.trace.length : undefined);
/** A temporal property's lasso: TLC's liveness checker does not look for a shortest one, so only its kind compares. */
const lasso = (r: CheckResult) => r.verdict.kind === 'property' && (r.verdict.stuttering || r.verdict.loopsTo !== undefined);
/** An Assert or evaluation error fires whatever the cfg checks: such runs are compared by verdict only. */
const recountable = (r: CheckResult) => r.verdict.kind !== 'assert' && r.verdict.kind !== 'evalError';

// The zswap configs (64 of the 88) are checked as written on the compiled verifier, against the same
// expectation (their `expect` is written from FINDINGS), by test/zswap.test.ts's table, cell by cell.
const ZSWAP = (label: string) => label.startsWith('Zswap');

describe('the compiled backend on every config of models/', () => {
  it.each(cells.filter(({ label }) => ALL || !ZSWAP(label)))('$label: the verdict the model expects', async ({ job }) => {
    const part = compiledPart(job);
    const r = await checkCompiled(part);
    expect(meetsExpectation(r.verdict, expectationOf(job, part)), JSON.stringify(r.verdict).slice(0, 2000)).toBe(true);
    if (r.verdict.kind === 'passed') expect(r.counts!.distinct).toBeGreaterThan(0);
  });

  it.each(cells.filter(({ job }) => compiledPart(job).config.properties.length < job.config.properties.length))('$label: temporal properties other than action properties are refused, naming the backends that check them', async ({ job }) => {
    const r = await checkCompiled(job);
    expect(r.verdict.kind).toBe('crashed');
    expect(r.verdict.kind === 'crashed' && r.verdict.message).toMatch(/temporal property.*--backend tlc or tla-checker/);
  });
});

// The ported examples are checked on all three backends against their originals' counts in test/examples.test.ts.
const ported = new Set(exampleModels.map((m) => m.name));
const crossChecked = cells.filter(({ job }) => ALL || (!job.module.name.startsWith('Zswap') && !ported.has(job.module.name)));

describe.concurrent('the same verdict and distinct states as tla-checker', () => {
  it.each(crossChecked)('$label', { timeout: 600_000 }, async ({ job }) => {
    const safety = safetyPart(job);
    const mine = await checkCompiled(safety);
    const theirs = await runTlaChecker(safety.tla, safety.cfg, cfgFacts(safety.config), { module: job.module.name, config: job.config.name }, { timeoutMs: 600_000 });
    expect(describeVerdict(mine)).toBe(describeVerdict(theirs));
    if (mine.verdict.kind === 'passed') expect(mine.counts!.distinct).toBe(theirs.counts!.distinct);
    else if (recountable(mine)) {
      const space = stateSpaceJob(safety, true);
      const [a, b] = [await checkCompiled(space), await runTlaChecker(space.tla, space.cfg, cfgFacts(space.config), { module: job.module.name, config: 'space' }, { timeoutMs: 600_000 })];
      expect(a.verdict.kind).toBe('passed');
      expect(a.counts!.distinct).toBe(b.counts!.distinct);
    }
  });
});

/** TLC on the same job, through its adapter (one worker: a reproducible search). */
function runTlcOn(job: CheckJob): Promise<CheckResult> {
  if (!tlc.found) throw new Error(tlc.reason);
  return tlcChecker.check(job, { workers: 1, timeoutMs: 600_000, jvmArgs: TLC_JVM });
}

describe.skipIf(!tlc.found).concurrent(`the same verdict, distinct states and counterexample length as TLC${tlc.found ? '' : ` (skipped: ${tlc.reason})`}`, () => {
  it.each(crossChecked)('$label', { timeout: 900_000 }, async ({ job }) => {
    const safety = compiledPart(job);
    const [mine, theirs] = [await checkCompiled(safety), await runTlcOn(safety)];
    expect(describeVerdict(mine)).toBe(describeVerdict(theirs));
    expect(lasso(mine)).toBe(lasso(theirs));
    if (!lasso(mine)) expect(traceLength(mine)).toBe(traceLength(theirs));
    if (mine.verdict.kind === 'passed') {
      expect(mine.counts!.distinct).toBe(theirs.counts!.distinct);
      expect(mine.counts!.depth).toBe(theirs.counts!.depth);
    } else if (recountable(mine)) {
      const space = stateSpaceJob(safety, true);
      const [a, b] = [await checkCompiled(space), await runTlcOn(space)];
      expect(a.counts!.distinct).toBe(b.counts!.distinct);
    }
  });
});
