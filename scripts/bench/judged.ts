/**
 * What the fuzzers TLC judges share (the error paths, temporal properties): a description's
 * job, one check of it by each (the compiled verifier capped, TLC as the judge when it is given:
 * the temporal properties have the independent evaluation too), and the campaign loop — models drawn 25 a seed, each compared, the first disagreement of each kind reduced
 * (`reduce.ts`) and handed on, a later one of a kind counted.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import type { CheckJob } from '../../dsl/check/checker.js';
import { checkCompiled } from '../../dsl/check/compiled/index.js';
import type { CheckResult } from '../../dsl/check/result.js';
import { tlcChecker } from '../../dsl/check/tlc.js';
import { fuzzJob, writeFixture } from './fuzz.js';
import type { FuzzModelD } from './fuzz-model.js';
import { reduce } from './reduce.js';
import { tally } from './table.js';

/** TLC as the judge: one worker (its search order is then the compiled verifier's); C1 only unless `jvmArgs` say more (the models are small). */
export const tlcJudge = (o: { timeoutMs?: number; jvmArgs?: readonly string[] } = {}) => (job: CheckJob): Promise<CheckResult> =>
  tlcChecker.check(job, { workers: 1, timeoutMs: o.timeoutMs ?? 120_000, jvmArgs: o.jvmArgs ?? ['-XX:TieredStopAtLevel=1'] });

export interface JudgedOptions {
  /** How TLC is run; without it the compiled verifier alone checks (the error paths need TLC: `ErrorCaseOptions`). */
  readonly tlc?: (job: CheckJob) => Promise<CheckResult>;
  /** Models whose compiled search goes past this many states are skipped. */
  readonly cap?: number;
  readonly timeoutMs?: number;
}

/** `d` checked by both (by the compiled verifier alone without `JudgedOptions.tlc`), or why it was not: it did not build, or one of them ran out of room or time. */
export type Judged =
  | { readonly status: 'build-error'; readonly detail: string }
  | { readonly status: 'skipped'; readonly detail: string; readonly files: ReadonlyMap<string, string> }
  | { readonly status: 'checked'; readonly job: CheckJob; readonly files: ReadonlyMap<string, string>; readonly compiled: CheckResult; readonly tlc?: CheckResult };

export async function judge(d: FuzzModelD, o: JudgedOptions): Promise<Judged> {
  let job: CheckJob;
  let files: ReadonlyMap<string, string>;
  try { ({ job, files } = fuzzJob(d)); } catch (e) {
    return { status: 'build-error', detail: (e as Error).stack ?? String(e) };
  }
  const compiled = await checkCompiled(job, { timeoutMs: o.timeoutMs ?? 60_000, maxStates: o.cap ?? 5000 });
  const v = compiled.verdict;
  if (v.kind === 'timeout' || (v.kind === 'crashed' && /--max-states/.test(v.message))) return { status: 'skipped', detail: v.kind === 'timeout' ? 'timeout' : v.message, files };
  if (!o.tlc) return { status: 'checked', job, files, compiled };
  const tlc = await o.tlc(job);
  // TLC that ran out of time judges nothing (a crash is compared: it may be a gap of the TLC output parser).
  if (tlc.verdict.kind === 'timeout') return { status: 'skipped', detail: 'TLC: timeout', files };
  return { status: 'checked', job, files, compiled, tlc };
}

// ---------------------------------------------------------------------------------------------
// Fixtures: a disagreement, reduced, with what each said (the suite checks the compiled verifier against it, TLC or not)

export interface JudgedFixture<S> {
  readonly description: FuzzModelD;
  /** Where they differed when it was found. */
  readonly detail: string;
  /** What TLC said, when it was asked: the compiled verifier must say the same. */
  readonly tlc?: S;
  /** What the independent evaluation said, for a campaign that has one. */
  readonly evaluation?: S;
  /** What the compiled verifier said when it was found. */
  readonly compiled: S;
  readonly found: { readonly seed: number; readonly at: string; readonly tlc?: string };
}

/** Saves a reduced disagreement with what each party said (TLC's version when it was asked). */
export function saveJudgedFixture<S>(r: JudgedCase & { readonly tlc?: S; readonly evaluation?: S; readonly compiled?: S; readonly files?: ReadonlyMap<string, string> }, dir: string, seed: number, tlcVersion: string | undefined): Promise<string> {
  const json: JudgedFixture<S> = {
    description: r.d, detail: r.detail ?? '', ...(r.tlc ? { tlc: r.tlc } : {}), ...(r.evaluation ? { evaluation: r.evaluation } : {}), compiled: r.compiled!,
    found: { seed, at: new Date().toISOString(), ...(r.tlc && tlcVersion ? { tlc: tlcVersion } : {}) },
  };
  return writeFixture(path.join(dir, r.d.name), r.files, json);
}

// ---------------------------------------------------------------------------------------------
// Campaign

export interface JudgedCase {
  readonly d: FuzzModelD;
  readonly status: 'agree' | 'disagree' | 'known' | 'skipped' | 'build-error';
  readonly detail?: string;
}

/** A campaign: how many models from which seed, until when; where and whether to save; who hears of each case. */
export interface JudgedCampaignOptions<C> extends JudgedOptions {
  /** Models to compare (those skipped do not count). */
  readonly count: number;
  readonly seed: number;
  /** Stop starting new cases after this time (`performance.now()`). */
  readonly deadline?: number;
  /** Candidates the reducer may try per disagreement. */
  readonly reduceBudget?: number;
  /** Where fixtures are saved (default: the campaign's own, `CampaignLoop.fixturesDir`): a disagreement that reduces to one saved there is counted (`toFixture`), not saved again. */
  readonly fixturesDir?: string;
  /** Save reduced disagreements as fixtures (default: true). */
  readonly save?: boolean;
  readonly tlcVersion?: string;
  readonly onCase?: (r: C, n: number) => void;
}

/** What every TLC-judged campaign reports. */
export interface JudgedReport {
  tried: number;
  /** Models passed over: more states than the cap, or a checker ran out of time. */
  tooBig: number;
  agreed: number;
  /** What the compiled verifier said, over the models compared. */
  verdicts: Record<string, number>;
  /** The first disagreement of each kind, reduced (and saved), … */
  disagreements: { model: string; detail: string; fixture?: string; reducedFrom: string }[];
  /** … each later one of a kind already met, by kind, … */
  again: Record<string, number>;
  /** … and those that reduced to a model already saved as a fixture (a known difference pinned there, or one not yet fixed), by its name. */
  toFixture: Record<string, number>;
  buildErrors: { name: string; detail: string }[];
  ms: number;
}

export const emptyReport = (): JudgedReport => ({ tried: 0, tooBig: 0, agreed: 0, verdicts: {}, disagreements: [], again: {}, toFixture: {}, buildErrors: [], ms: 0 });

/** What a campaign does with its own kind of case. */
export interface CampaignLoop<C extends JudgedCase> {
  readonly arb: fc.Arbitrary<FuzzModelD>;
  run(d: FuzzModelD): Promise<C>;
  /** What the compiled verifier said of a case that built. */
  verdictOf(r: C): string;
  /** What else the campaign counts of each case compared that built. */
  count?(r: C): void;
  /** A disagreement's kind: a reduced model must still disagree that way. */
  kindOf(r: C): string;
  /** The campaign's fixtures folder, unless the options name another. */
  readonly fixturesDir: string;
  save(minimal: C, dir: string, seed: number, tlcVersion: string | undefined): Promise<string>;
}

/** Run a campaign, counting into `rep` (the shared counts, and the campaign's own through `loop.count`). */
export async function runJudgedCampaign<C extends JudgedCase, R extends JudgedReport>(o: JudgedCampaignOptions<C>, rep: R, loop: CampaignLoop<C>): Promise<R> {
  const started = performance.now();
  const fixturesDir = o.fixturesDir ?? loop.fixturesDir;
  const seen = new Set<string>();
  const late = () => !!o.deadline && performance.now() > o.deadline;
  for (let batch = 0; rep.tried < o.count && !late(); batch++) {
    const seed = o.seed + batch;
    for (const d of fc.sample(loop.arb, { numRuns: 25, seed })) {
      if (rep.tried >= o.count || late()) break;
      const r = await loop.run(d);
      if (r.status === 'skipped') { rep.tooBig++; continue; }
      o.onCase?.(r, ++rep.tried);
      if (r.status === 'build-error') { rep.buildErrors.push({ name: d.name, detail: (r.detail ?? '').split('\n').slice(0, 4).join('\n') }); continue; }
      const v = loop.verdictOf(r);
      tally(rep.verdicts, v);
      loop.count?.(r);
      if (r.status === 'agree') rep.agreed++;
      if (r.status !== 'disagree') continue;
      const kind = loop.kindOf(r);
      if (seen.has(kind)) { tally(rep.again, kind); continue; }
      seen.add(kind);
      const reduced = await reduce(d, async (c) => {
        if (late()) return false;
        const x = await loop.run(c).catch(() => undefined);
        return x?.status === 'disagree' && loop.kindOf(x) === kind;
      }, o.reduceBudget ?? 150);
      // Cut short by the deadline, the reduction is not what a fixture should hold: counted, not saved.
      if (late()) { rep.again[`${kind} (not reduced: the deadline)`] = 1; break; }
      const minimal = await loop.run(reduced.d);
      if (existsSync(path.join(fixturesDir, minimal.d.name, 'model.json'))) { tally(rep.toFixture, minimal.d.name); continue; }
      const fixture = o.save === false || minimal.status !== 'disagree' ? undefined : await loop.save(minimal, fixturesDir, seed, o.tlcVersion);
      rep.disagreements.push({ model: minimal.d.name, detail: minimal.detail ?? r.detail ?? '', ...(fixture ? { fixture } : {}), reducedFrom: d.name });
    }
  }
  rep.ms = Math.round(performance.now() - started);
  return rep;
}
