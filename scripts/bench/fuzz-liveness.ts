/**
 * Differential fuzzing of temporal properties under fairness: the ordinary fuzz models (fuzz.ts),
 * each action's and the process's fairness drawn (none, weak or strong; some of the process's
 * labels left out of it), and a property checked instead of an invariant: `<>P`, `[]<>P`, `<>[]P`
 * or `P ~> Q` over the state, or the processes' `Termination`. The compiled verifier and TLC (one
 * worker) must give the same verdict and the same number of distinct states. Their lassos are not
 * compared (neither looks for a shortest one, and a property has many), nor checked here to be fair
 * behaviours that violate the property. Only TLC judges: the
 * independent evaluation has no liveness, and tla-checker judges a lasso on its cycle only (its
 * known gap). A disagreement is reduced and saved with what TLC said
 * (test/fixtures/fuzz-liveness/), which the suite checks the compiled verifier against without TLC.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { CheckResult } from '../../dsl/check/result.js';
import { exprArb, fuzzModelArb, loadFixtures } from './fuzz.js';
import { named, readsState, type FairD, type FuzzModelD, type PropD, type StatePropD } from './fuzz-model.js';
import { emptyReport, judge, runJudgedCampaign, saveJudgedFixture, type JudgedCampaignOptions, type JudgedCase, type JudgedFixture, type JudgedOptions, type JudgedReport } from './judged.js';

export const LIVENESS_FIXTURES_DIR = fileURLToPath(new URL('../../test/fixtures/fuzz-liveness', import.meta.url));

// ---------------------------------------------------------------------------------------------
// The models

const fairArb: fc.Arbitrary<FairD | undefined> = fc.oneof(
  { arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.constant<FairD>('weak'), weight: 2 }, { arbitrary: fc.constant<FairD>('strong'), weight: 1 },
);

/** A fuzz model with fairness drawn for its actions and process, checking one temporal property (no symmetry: the DSL refuses it with one, ZT026, as TLC may then miss violations). */
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

export interface LivenessCase extends JudgedCase {
  readonly status: 'agree' | 'disagree' | 'skipped' | 'build-error';
  readonly compiled?: LivenessSaid;
  readonly tlc?: LivenessSaid;
  readonly files?: ReadonlyMap<string, string>;
}

export async function runLivenessCase(d: FuzzModelD, o: JudgedOptions): Promise<LivenessCase> {
  const j = await judge(d, o);
  if (j.status !== 'checked') return { d, ...j };
  const compiled = livenessSaid(j.compiled);
  const tlc = livenessSaid(j.tlc);
  const detail = livenessDifference(compiled, tlc);
  return { d, status: detail ? 'disagree' : 'agree', compiled, tlc, ...(detail ? { detail } : {}), files: j.files };
}

// ---------------------------------------------------------------------------------------------
// Fixtures: a disagreement, reduced, with what TLC said

export type LivenessFixture = JudgedFixture<LivenessSaid>;

export const loadLivenessFixtures = async (dir = LIVENESS_FIXTURES_DIR) => (existsSync(dir) ? loadFixtures<LivenessFixture>(dir) : []);

// ---------------------------------------------------------------------------------------------
// Campaign

export type LivenessCampaignOptions = JudgedCampaignOptions<LivenessCase>;

export interface LivenessCampaignReport extends JudgedReport {
  /** How many of the models compared had each property kind and kind of fairness. */
  forms: Record<string, number>;
  /** How many of the models compared had how many distinct states (TLC's count): `1`, `2-9`, `10-99`, `100+`. */
  sizes: Record<string, number>;
}

const sizeClass = (n: number | undefined) => (n === undefined ? 'not counted' : n < 2 ? '1' : n < 10 ? '2-9' : n < 100 ? '10-99' : '100+');

export function runLivenessCampaign(o: LivenessCampaignOptions): Promise<LivenessCampaignReport> {
  const rep: LivenessCampaignReport = { ...emptyReport(), forms: {}, sizes: {} };
  return runJudgedCampaign(o, rep, {
    arb: livenessModelArb,
    fixturesDir: LIVENESS_FIXTURES_DIR,
    run: (d) => runLivenessCase(d, o),
    verdictOf: (r) => r.compiled!.verdict,
    count: (r) => {
      for (const f of livenessForms(r.d)) rep.forms[f] = (rep.forms[f] ?? 0) + 1;
      const size = sizeClass(r.tlc!.distinct);
      rep.sizes[size] = (rep.sizes[size] ?? 0) + 1;
    },
    // `distinct (4 against 5)` → `distinct`: the numbers may change as a model is reduced; a verdict's difference keeps both verdicts.
    kindOf: (r) => (r.detail!.startsWith('distinct') ? 'distinct' : r.detail!),
    save: saveJudgedFixture,
  });
}
