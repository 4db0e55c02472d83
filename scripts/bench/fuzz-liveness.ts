/**
 * Differential fuzzing of temporal properties under fairness: the ordinary fuzz models (fuzz.ts),
 * each action's and the process's fairness drawn (none, weak or strong; some of the process's
 * labels left out of it), and a property checked instead of an invariant: `<>P`, `[]<>P`, `<>[]P`
 * or `P ~> Q` over the state, or the processes' `Termination`. The compiled verifier and TLC (one
 * worker) must give the same verdict and the same number of distinct states. Their lassos are not
 * compared: neither looks for a shortest one, and a property has many. Only TLC judges: the
 * independent evaluation has no liveness, and tla-checker judges a lasso on its cycle only (its
 * known gap). A disagreement is reduced and saved with what TLC said
 * (test/fixtures/fuzz-liveness/), which the suite checks the compiled verifier against without TLC.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { compile } from '../../dsl/compile.js';
import type { CheckJob } from '../../dsl/check/checker.js';
import { checkCompiled } from '../../dsl/check/compiled/index.js';
import type { CheckResult } from '../../dsl/check/result.js';
import { SpanResolver } from '../../dsl/map/spans.js';
import { jobFor } from '../../dsl/pipeline/run.js';
import { exprArb, fuzzModelArb, loadFixtures, writeFixture } from './fuzz.js';
import { tlcJudge } from './fuzz-errors.js';
import { buildFuzzModel, CONFIG, named, readsState, type FairD, type FuzzModelD, type PropD, type StatePropD } from './fuzz-model.js';
import { reduce } from './reduce.js';

export const LIVENESS_FIXTURES_DIR = fileURLToPath(new URL('../../test/fixtures/fuzz-liveness', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The models

const fairArb: fc.Arbitrary<FairD | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.constant<FairD>('weak'), weight: 2 }, { arbitrary: fc.constant<FairD>('strong'), weight: 1 },
);

/** A fuzz model with fairness drawn for its actions and process, checking one temporal property (no symmetry: TLC refuses it with liveness). */
export const livenessModelArb: fc.Arbitrary<FuzzModelD> = fuzzModelArb.chain((d) => {
  const labels = d.process?.ids === 'P' ? d.process.steps.map((s) => s.label) : [];
  const ctx = { vars: d.vars, p: d.p, self: false, bound: 0, locals: [], labels };
  const over = (bound: number): fc.Arbitrary<StatePropD>[] => {
    const pred = exprArb({ ...ctx, bound }, { k: 'bool' }, 2).filter(readsState);
    return [
      pred.map((e): StatePropD => ({ k: 'eventually', e })),
      pred.map((e): StatePropD => ({ k: 'alwaysEventually', e })),
      pred.map((e): StatePropD => ({ k: 'eventuallyAlways', e })),
      fc.tuple(pred, pred).map(([p, q]): StatePropD => ({ k: 'leadsTo', p, q })),
    ];
  };
  const props: fc.Arbitrary<PropD>[] = [
    ...over(0),
    // `\A p \in P : ...`, its predicates reading p (a process's `pc[p]`, a function at p).
    fc.oneof(...over(1)).filter(readsP).map((prop): PropD => ({ k: 'forall', prop })),
    ...(d.process ? [fc.constant<PropD>({ k: 'termination' })] : []),
  ];
  const steps = d.process?.steps.map((s) => s.label) ?? [];
  return fc.record({
    prop: fc.oneof(...props),
    actions: fc.tuple(...d.actions.map(() => fairArb)),
    process: fairArb,
    // Labels left out of the process's fairness: never all of them.
    unfair: fc.subarray(steps, { maxLength: Math.max(0, steps.length - 1) }),
  }).map(({ prop, actions, process, unfair }) => named({
    ...d,
    name: '',
    actions: d.actions.map((a, i) => (actions[i] ? { ...a, fairness: actions[i] } : a)),
    ...(d.process ? { process: { ...d.process, ...(process ? { fairness: process, ...(unfair.length ? { unfair } : {}) } : {}) } } : {}),
    check: { k: 'prop', prop },
    symmetry: false,
  }));
});

/** Whether a quantified property's predicates read its `p` (bound variable 0: inner binders come after it). */
const readsP = (p: StatePropD) => JSON.stringify(p).includes('{"k":"bound","i":0}');

/** The kinds of fairness and property `d` has (for a campaign's report). */
export function livenessForms(d: FuzzModelD): string[] {
  const forms = new Set<string>();
  if (d.check.k === 'prop') {
    const p = d.check.prop;
    forms.add(p.k === 'forall' ? `forall ${p.prop.k}` : p.k);
  }
  for (const a of d.actions) if (a.fairness) forms.add(`action ${a.fairness}`);
  if (d.process?.fairness) forms.add(`process ${d.process.fairness}`);
  if (d.process?.unfair?.length) forms.add('unfair labels');
  return [...forms].sort();
}

// ---------------------------------------------------------------------------------------------
// One case

/** What the two must agree on: the verdict (with the property's or invariant's name) and the distinct states. */
export interface LivenessSaid { readonly verdict: string; readonly distinct?: number; readonly message?: string }

export function livenessSaid(r: CheckResult): LivenessSaid {
  const v = r.verdict;
  const verdict = v.kind === 'property' || v.kind === 'invariant' ? `${v.kind} ${v.name ?? '(unnamed)'}` : v.kind;
  return { verdict, ...(r.counts?.distinct !== undefined ? { distinct: r.counts.distinct } : {}), ...('message' in v ? { message: v.message.split('\n')[0] } : {}) };
}

/** Where `a` and `b` first differ, or undefined. TLC names no property in some wordings: a property violation without a name matches any. */
export function livenessDifference(a: LivenessSaid, b: LivenessSaid): string | undefined {
  const unnamed = (s: LivenessSaid) => s.verdict === 'property (unnamed)';
  const sameVerdict = a.verdict === b.verdict || (a.verdict.startsWith('property ') && b.verdict.startsWith('property ') && (unnamed(a) || unnamed(b)));
  if (!sameVerdict) return `verdict (${a.verdict} against ${b.verdict})`;
  if (a.message !== b.message) return 'message';
  if (a.distinct !== b.distinct) return `distinct (${a.distinct} against ${b.distinct})`;
  return undefined;
}

export interface LivenessCase {
  readonly d: FuzzModelD;
  readonly status: 'agree' | 'disagree' | 'skipped' | 'build-error';
  readonly compiled?: LivenessSaid;
  readonly tlc?: LivenessSaid;
  readonly detail?: string;
  readonly files?: ReadonlyMap<string, string>;
}

export interface LivenessCaseOptions {
  readonly tlc: (job: CheckJob) => Promise<CheckResult>;
  /** Models whose compiled search goes past this many states are skipped. */
  readonly cap?: number;
  readonly timeoutMs?: number;
}

const resolver = new SpanResolver();

/** The DSL model of `d`, compiled, and its config as a job. */
export function livenessJob(d: FuzzModelD): { job: CheckJob; files: ReadonlyMap<string, string> } {
  const m = buildFuzzModel(d);
  const artifacts = compile(m, resolver);
  return { job: jobFor(artifacts, m.module, m.module.configs.find((x) => x.name === CONFIG)!), files: artifacts.files };
}

export async function runLivenessCase(d: FuzzModelD, o: LivenessCaseOptions): Promise<LivenessCase> {
  let job: CheckJob;
  let files: ReadonlyMap<string, string>;
  try { ({ job, files } = livenessJob(d)); } catch (e) {
    return { d, status: 'build-error', detail: (e as Error).stack ?? String(e) };
  }
  const mine = await checkCompiled(job, { timeoutMs: o.timeoutMs ?? 60_000, maxStates: o.cap ?? 5000 });
  const v = mine.verdict;
  if (v.kind === 'timeout' || (v.kind === 'crashed' && /--max-states/.test(v.message))) return { d, status: 'skipped', detail: v.kind === 'timeout' ? 'timeout' : v.message, files };
  const theirs = await o.tlc(job);
  if (theirs.verdict.kind === 'timeout') return { d, status: 'skipped', detail: 'TLC: timeout', files };
  const compiled = livenessSaid(mine);
  const tlc = livenessSaid(theirs);
  const detail = livenessDifference(compiled, tlc);
  return { d, status: detail ? 'disagree' : 'agree', compiled, tlc, ...(detail ? { detail } : {}), files };
}

// ---------------------------------------------------------------------------------------------
// Fixtures: a disagreement, reduced, with what TLC said

export interface LivenessFixture {
  readonly description: FuzzModelD;
  readonly detail: string;
  /** What TLC said: the compiled verifier must say the same. */
  readonly tlc: LivenessSaid;
  /** What the compiled verifier said when it was found. */
  readonly compiled: LivenessSaid;
  readonly found: { readonly seed: number; readonly at: string; readonly tlc?: string };
}

export async function saveLivenessFixture(r: LivenessCase, seed: number, tlcVersion: string | undefined, dir = LIVENESS_FIXTURES_DIR): Promise<string> {
  const json: LivenessFixture = {
    description: r.d, detail: r.detail ?? '', tlc: r.tlc!, compiled: r.compiled!,
    found: { seed, at: new Date().toISOString(), ...(tlcVersion ? { tlc: tlcVersion } : {}) },
  };
  return writeFixture(path.join(dir, r.d.name), r.files, json);
}

export const loadLivenessFixtures = async (dir = LIVENESS_FIXTURES_DIR) => (existsSync(dir) ? loadFixtures<LivenessFixture>(dir) : []);

// ---------------------------------------------------------------------------------------------
// Campaign

export interface LivenessCampaignOptions extends LivenessCaseOptions {
  readonly count: number;
  readonly seed: number;
  /** Save reduced disagreements as fixtures (default: true). */
  readonly save?: boolean;
  readonly fixturesDir?: string;
  readonly tlcVersion?: string;
  /** Stop starting new cases after this time (`performance.now()`). */
  readonly deadline?: number;
  readonly reduceBudget?: number;
  readonly onCase?: (r: LivenessCase, n: number) => void;
}

export interface LivenessCampaignReport {
  tried: number;
  /** Models passed over: more states than the cap, or a checker ran out of time. */
  tooBig: number;
  agreed: number;
  /** What the compiled verifier said, over the models compared. */
  verdicts: Record<string, number>;
  /** How many of the models compared had each property kind and kind of fairness. */
  forms: Record<string, number>;
  /** How many of the models compared had how many distinct states (TLC's count): `1`, `2-9`, `10-99`, `100+`. */
  sizes: Record<string, number>;
  disagreements: { model: string; detail: string; fixture?: string; reducedFrom: string }[];
  /** Later disagreements of a kind already met, by kind. */
  again: Record<string, number>;
  buildErrors: { name: string; detail: string }[];
  ms: number;
}

const sizeClass = (n: number | undefined) => (n === undefined ? 'not counted' : n < 2 ? '1' : n < 10 ? '2-9' : n < 100 ? '10-99' : '100+');
const kindOf = (detail: string | undefined) => detail?.replace(/\(.*\)/, '').trim();

export async function runLivenessCampaign(o: LivenessCampaignOptions): Promise<LivenessCampaignReport> {
  const started = performance.now();
  const rep: LivenessCampaignReport = { tried: 0, tooBig: 0, agreed: 0, verdicts: {}, forms: {}, sizes: {}, disagreements: [], again: {}, buildErrors: [], ms: 0 };
  const seenKinds = new Set<string>();
  const late = () => !!o.deadline && performance.now() > o.deadline;
  for (let batch = 0; rep.tried < o.count && !late(); batch++) {
    const seed = o.seed + batch;
    for (const d of fc.sample(livenessModelArb, { numRuns: 25, seed })) {
      if (rep.tried >= o.count || late()) break;
      const r = await runLivenessCase(d, o);
      if (r.status === 'skipped') { rep.tooBig++; continue; }
      rep.tried++;
      o.onCase?.(r, rep.tried);
      if (r.status === 'build-error') { rep.buildErrors.push({ name: d.name, detail: (r.detail ?? '').split('\n').slice(0, 4).join('\n') }); continue; }
      for (const f of livenessForms(d)) rep.forms[f] = (rep.forms[f] ?? 0) + 1;
      rep.verdicts[r.compiled!.verdict] = (rep.verdicts[r.compiled!.verdict] ?? 0) + 1;
      const size = sizeClass(r.tlc!.distinct);
      rep.sizes[size] = (rep.sizes[size] ?? 0) + 1;
      if (r.status === 'agree') { rep.agreed++; continue; }
      const kind = kindOf(r.detail)!;
      if (seenKinds.has(kind)) { rep.again[kind] = (rep.again[kind] ?? 0) + 1; continue; }
      seenKinds.add(kind);
      const reduced = await reduce(d, async (c) => {
        if (late()) return false;
        const x = await runLivenessCase(c, o).catch(() => undefined);
        return x?.status === 'disagree' && kindOf(x.detail) === kind;
      }, o.reduceBudget ?? 150);
      if (late()) { rep.again[`${kind} (not reduced: the deadline)`] = 1; break; }
      const minimal = await runLivenessCase(reduced.d, o);
      const fixture = o.save === false || minimal.status !== 'disagree' ? undefined : await saveLivenessFixture(minimal, seed, o.tlcVersion, o.fixturesDir);
      rep.disagreements.push({ model: minimal.d.name, detail: minimal.detail ?? r.detail ?? '', ...(fixture ? { fixture } : {}), reducedFrom: d.name });
    }
  }
  rep.ms = Math.round(performance.now() - started);
  return rep;
}

export { tlcJudge };
