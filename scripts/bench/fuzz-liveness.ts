/**
 * Differential fuzzing of temporal properties under fairness: the ordinary fuzz models (fuzz.ts),
 * each action's and the process's fairness drawn (none, weak or strong; some of the process's
 * labels left out of it), and a property checked instead of an invariant: `<>P`, `[]<>P`, `<>[]P`
 * or `P ~> Q` over the state, or the processes' `Termination`. The compiled verifier must give
 * the verdict and the number of distinct states that the independent evaluation gives
 * (fuzz-liveness-eval.ts: fair cycles found on its own state graph) and, where it is found, TLC
 * (one worker); and each lasso it or TLC gives must be a fair behaviour of the model that violates
 * the property (the lassos are not compared with one another: neither looks for a shortest one,
 * and a property has many). tla-checker is not asked: it judges a lasso on its cycle only (its
 * known gap). A disagreement is reduced and saved with what each said
 * (test/fixtures/fuzz-liveness/), which the suite checks the compiled verifier against.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import type { CheckResult } from '../../dsl/check/result.js';
import { exprArb, fuzzModelArb, litsOf, loadFixtures } from './fuzz.js';
import { explore, named, readsState, type ActionD, type ExprD, type FairD, type FuzzModelD, type PropD, type ScalarD, type StatePropD, type VarD } from './fuzz-model.js';
import { lassoProblem, problemKind } from './fuzz-counterexamples.js';
import { evaluateLiveness } from './fuzz-liveness-eval.js';
import { emptyReport, judge, runJudgedCampaign, saveJudgedFixture, type JudgedCampaignOptions, type JudgedCase, type JudgedFixture, type JudgedOptions, type JudgedReport } from './judged.js';
import { tally } from './table.js';

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
  const clocks = d.vars.filter((v) => v.sort.k === 'bool' || v.sort.k === 'int');
  // Three models in four with a variable that can: a `Tick` action cycling it, so that guards
  // reading it are enabled at some states of a cycle and not at others; three in four of those
  // with another such variable (or an enum) also a `Goal` action, enabled at one value of the
  // clock, that sets the other variable, and a property asking for that value — which fairness
  // then decides. (Without them, fairness decided the verdict of 37 models in 1,000 and SF against
  // WF of none.)
  type Extras = { readonly tick: readonly [VarD, FairD | undefined] | null; readonly goal: Goal | null };
  const extras = (clocks.length ? fc.option(fc.tuple(fc.constantFrom(...clocks), fairArb), { freq: 4 }) : fc.constant(null)).chain<Extras>((tick) => {
    const targets = tick ? d.vars.filter((v) => v !== tick[0] && (v.sort.k === 'bool' || v.sort.k === 'int' || v.sort.k === 'enum')) : [];
    if (!tick || !targets.length) return fc.constant({ tick, goal: null });
    const goal = fc.record({ target: fc.constantFrom(...targets), at: fc.constantFrom(...litsOf(tick[0].sort as ScalarD)), kind: fc.constantFrom(...PROGRESS), fair: fairArb })
      .chain((g) => fc.constantFrom(...litsOf(g.target.sort as ScalarD)).map((value): Goal => ({ ...g, clock: tick[0], value })));
    return fc.option(goal, { freq: 4 }).map((g) => ({ tick, goal: g }));
  });
  return fc.record({
    prop: fc.oneof(...props),
    extras,
    actions: fc.tuple(...d.actions.map(() => fairArb)),
    process: fairArb,
    // Labels left out of the process's fairness: never all of them.
    unfair: fc.subarray(steps, { maxLength: Math.max(0, steps.length - 1) }),
  }).map(({ prop, extras: { tick, goal }, actions, process, unfair }) => named({
    ...d,
    name: '',
    actions: [
      ...d.actions.map((a, i) => (actions[i] ? { ...a, fairness: actions[i] } : a)),
      ...(tick ? [tickAction(tick[0], tick[1])] : []),
      ...(goal ? [goalAction(goal)] : []),
    ],
    ...(d.process ? { process: { ...d.process, ...(process ? { fairness: process, ...(unfair.length ? { unfair } : {}) } : {}) } } : {}),
    check: { k: 'prop', prop: goal ? goalProperty(goal) : prop },
    symmetry: false,
  }));
});

/** `Tick`: `v' = ~v`, or `v' = IF v = hi THEN lo ELSE v + 1` (a cycle through every value of `v`'s range). */
function tickAction(v: VarD, fairness: FairD | undefined): ActionD {
  const x: ExprD = { k: 'var', name: v.name };
  const e: ExprD = v.sort.k === 'int'
    ? { k: 'ite', c: { k: 'eq', a: x, b: { k: 'lit', v: v.sort.hi } }, a: { k: 'lit', v: v.sort.lo }, b: { k: 'plus', a: x, b: { k: 'lit', v: 1 } } }
    : { k: 'not', a: x };
  return { name: 'Tick', param: false, items: [{ k: 'set', v: v.name, e }], ...(fairness ? { fairness } : {}) };
}

const PROGRESS = ['eventually', 'alwaysEventually', 'eventuallyAlways', 'leadsTo'] as const;
/** `Goal`: when the clock is at `at`, the target becomes `value`; the property asks for it. */
interface Goal { readonly clock: VarD; readonly at: Literal; readonly target: VarD; readonly value: Literal; readonly kind: (typeof PROGRESS)[number]; readonly fair: FairD | undefined }
type Literal = boolean | number | string;

/** `x` as a literal of `v`'s sort (an enum's value names its enum). */
const literal = (v: VarD, x: Literal): ExprD => ({ k: 'lit', v: x, ...(v.sort.k === 'enum' ? { e: v.sort.e } : {}) });
const equals = (v: VarD, x: Literal): ExprD => ({ k: 'eq', a: { k: 'var', name: v.name }, b: literal(v, x) });

function goalAction(g: Goal): ActionD {
  return { name: 'Goal', param: false, items: [{ k: 'when', e: equals(g.clock, g.at) }, { k: 'set', v: g.target.name, e: literal(g.target, g.value) }], ...(g.fair ? { fairness: g.fair } : {}) };
}

function goalProperty(g: Goal): PropD {
  const reached = equals(g.target, g.value);
  return g.kind === 'leadsTo' ? { k: 'leadsTo', p: equals(g.clock, g.at), q: reached } : { k: g.kind, e: reached };
}

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
  if (d.actions.some((a) => a.name === 'Tick')) forms.add('tick');
  if (d.actions.some((a) => a.name === 'Goal')) forms.add('goal');
  if (d.process?.fairness) forms.add(`process ${d.process.fairness}`);
  if (d.process?.unfair?.length) forms.add('unfair labels');
  return [...forms].sort();
}

// ---------------------------------------------------------------------------------------------
// One case

/** What the checkers and the evaluation must agree on: the verdict (with the property's or invariant's name) and the distinct states. */
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
  /** What TLC said, when it was asked. */
  readonly tlc?: LivenessSaid;
  /** What the independent evaluation said (fuzz-liveness-eval.ts). */
  readonly evaluation?: LivenessSaid;
  readonly files?: ReadonlyMap<string, string>;
}

/** The evaluation explores at most this many states (the compiled verifier's cap, 5,000 by default, is met first). */
const EVALUATION_CAP = 20_000;

/**
 * Where the compiled verifier's answer first differs from TLC's (when asked) and the
 * evaluation's: `against TLC: …`, `against the evaluation: …`; undefined when it does not.
 */
export function firstDisagreement(compiled: LivenessSaid, tlc: LivenessSaid | undefined, evaluation: LivenessSaid): string | undefined {
  const withTlc = tlc && livenessDifference(compiled, tlc);
  if (withTlc) return `against TLC: ${withTlc}`;
  const withEvaluation = livenessDifference(compiled, evaluation);
  return withEvaluation && `against the evaluation: ${withEvaluation}`;
}

/**
 * `d` checked by the compiled verifier, the independent evaluation and TLC when `o.tlc` is given:
 * where their answers first differ (`firstDisagreement`), else what is wrong with a lasso
 * (`the compiled verifier's lasso: …`, `TLC's lasso: …`).
 */
export async function runLivenessCase(d: FuzzModelD, o: JudgedOptions): Promise<LivenessCase> {
  const j = await judge(d, o);
  if (j.status !== 'checked') return { d, ...j };
  const stateLocals = j.job.module.variables.map((v) => v.name);
  const graph = explore(d, { cap: EVALUATION_CAP, stateLocals });
  if (!graph) return { d, status: 'skipped', detail: `the evaluation: more than ${EVALUATION_CAP} states`, files: j.files };
  const compiled = livenessSaid(j.compiled);
  const tlc = j.tlc && livenessSaid(j.tlc);
  const evaluation: LivenessSaid = evaluateLiveness(d, graph);
  const lasso = (who: string, r: CheckResult | undefined) => {
    const problem = r?.verdict.kind === 'property' ? lassoProblem(d, graph, r.verdict) : undefined;
    return problem && `${who} lasso: ${problem}`;
  };
  const detail = firstDisagreement(compiled, tlc, evaluation) ?? lasso('the compiled verifier\'s', j.compiled) ?? lasso('TLC\'s', j.tlc);
  return { d, status: detail ? 'disagree' : 'agree', compiled, ...(tlc ? { tlc } : {}), evaluation, ...(detail ? { detail } : {}), files: j.files };
}

/**
 * A disagreement's kind, which a reduced model must keep: its detail without what changes as a
 * model is reduced — the counts of a `distinct` difference, and a lasso problem's state numbers
 * and the printed value it could not read.
 */
export function disagreementKind(detail: string): string {
  return problemKind(detail.replace(/: distinct \(.*\)$/, ': distinct'));
}

// ---------------------------------------------------------------------------------------------
// Fixtures: a disagreement, reduced, with what each said

export type LivenessFixture = JudgedFixture<LivenessSaid> & { readonly evaluation: LivenessSaid };

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
      for (const f of livenessForms(r.d)) tally(rep.forms, f);
      tally(rep.sizes, sizeClass(r.evaluation!.distinct));
    },
    kindOf: (r) => disagreementKind(r.detail!),
    save: saveJudgedFixture,
  });
}
