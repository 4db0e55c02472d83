/**
 * The one place where the pipeline's back half is wired: compile a model (or reuse its
 * compiled artifacts), check one config with the chosen backends, cross-check them, and
 * explain every result in DSL terms. The CLI, the test matchers and the bench all come here.
 */
import type * as ir from '../ir/nodes.js';
import type { Model } from '../model.js';
import { compile, type Artifacts } from '../compile.js';
import { emitCfg } from '../emit/cfg.js';
import { focusConfig, stateSpaceConfig } from '../ir/config-variants.js';
import { GENERATED } from '../lower/names.js';
import type { Checker, CheckJob, CheckOptions } from '../check/checker.js';
import { checkersFor, resolveCheckers, type BackendChoice, type Resolved } from '../check/checkers.js';
import { compareCounts, compareCovers, compareVerdicts, meetsExpectation, type ConfigOutcome } from '../check/outcome.js';
import { evaluating, placeText, unreachedCovers, type Backend, type CheckResult, type TlaLocation, type Verdict } from '../check/result.js';
import { coversByInvariants } from '../check/covers.js';
import { tlaCheckerGapsIn } from '../check/tla-checker-gaps.js';
import { withoutLayout } from '../check/values.js';
import { compiledChecker, invariantOn, stepPropertyOn } from '../check/compiled/index.js';
import type { Explanation } from '../map/explain.js';
import { SpanResolver } from '../map/spans.js';
import { configReport, type ConfigReport } from '../report/report.js';

export interface PipelineOptions extends CheckOptions {
  /** Default `auto`: TLC when it is found, else the embedded checker. */
  readonly backend?: BackendChoice;
  /** `backend` already resolved (the CLI resolves once for every config); the checkers for this config are picked from it. */
  readonly resolved?: Resolved;
  /** Exactly these checkers, whatever the config. */
  readonly checkers?: readonly Checker[];
  /** Check only this invariant, temporal property, assert name or `'deadlock'`. */
  readonly focus?: string;
  /** Reuse the model's compiled artifacts (the CLI compiles every model before writing any). */
  readonly artifacts?: Artifacts;
  /** Where the model's files are read from to widen call sites to spans. */
  readonly resolver?: SpanResolver;
  /**
   * How covers are decided on a backend that does not watch them in its own search (TLC,
   * tla-checker): by default one compiled search of the job when it passed alone (see
   * `withCovers`); `'own'`: by the backend itself, one run per cover (check/covers.ts); `false`:
   * not at all, reported undecided.
   */
  readonly covers?: boolean | 'own';
}

export interface PipelineResult extends ConfigOutcome {
  readonly model: Model;
  readonly artifacts: Artifacts;
  /** The cfg text that was checked (after `focus`). */
  readonly cfg: string;
  /** One per backend run, in DSL terms. */
  readonly explanations: readonly Explanation[];
  /** What the reporters render. */
  readonly report: ConfigReport;
}

const sharedResolver = new SpanResolver();

/** Check `configName` of `model`. Throws for an unknown config, a `focus` the model does not check, or an unavailable backend. */
export async function runPipeline(model: Model, configName: string, o: PipelineOptions = {}): Promise<PipelineResult> {
  const module = model.module;
  const written = configOf(model, configName);
  const config = o.focus === undefined ? written : focusConfig(module, written, o.focus);
  const artifacts = artifactsOf(model, o);
  const job = jobFor(artifacts, module, config);
  const checkers = o.checkers ?? checkersFor(o.resolved ?? (await resolveCheckers(o.backend ?? 'auto')), job);
  const results: CheckResult[] = [];
  for (const c of checkers) results.push(withLastStateJudged(job, await withCovers(c, job, await c.check(job, o), o, checkers.length === 1)));
  // Random simulations of two checkers walk different traces: there is nothing to compare.
  const disagreement = o.signal?.aborted || o.simulate ? undefined : await crossCheck(checkers, results, artifacts, module, config, o);
  const outcome: ConfigOutcome = {
    module: module.name, config, results,
    // An unreached cover fails the config: whatever it guards was never put to the test.
    asExpected: !disagreement && results.every((r) => meetsExpectation(r.verdict, config.expect) && unreachedCovers(r).length === 0),
    ...(disagreement ? { disagreement } : {}),
  };
  const report = configReport(outcome, artifacts.sourceMap, module);
  return { ...outcome, model, artifacts, cfg: job.cfg, explanations: report.runs.map((r) => r.explanation), report };
}

/**
 * `r` with the config's covers decided: as the checker's own search found them (the compiled
 * verifier watches them); else, for a run that passed on its own, by one compiled search of the
 * same job (in-process, a second or two: TLC would need a run per cover, 60 of them made the
 * README's first command six times slower), each marked `decidedBy`; else by invariant runs on
 * the checker itself (covers.ts) — always when backends are cross-checked, so each decides its
 * own. A simulation decides none.
 */
async function withCovers(c: Checker, job: CheckJob, r: CheckResult, o: PipelineOptions, alone: boolean): Promise<CheckResult> {
  const names = job.config.covers ?? [];
  if (!names.length || r.covers || o.signal?.aborted) return r;
  const undecided = (reason: string): CheckResult => ({ ...r, covers: names.map((name) => ({ name, status: 'undecided', reason })) });
  if (o.simulate) return undecided('a random simulation does not decide covers');
  if (o.covers === false) return undecided(`covers were not checked on ${c.name} (--no-covers)`);
  if (alone && o.covers !== 'own' && r.verdict.kind === 'passed' && compiledChecker.refuses?.(job) === undefined) {
    const { onProgress: _, ...quiet } = o;
    const own = await compiledChecker.check(job, { ...quiet, coverage: false });
    if (own.verdict.kind === 'passed' && own.covers) return { ...r, covers: own.covers.map((x) => ({ ...x, decidedBy: 'compiled' })) };
  }
  return { ...r, covers: await coversByInvariants(c, job, r, o) };
}

/**
 * `r`, the last state (or step) of its violation's trace evaluated by the compiled verifier
 * (`invariantOn`, `stepPropertyOn`): TLC and tla-checker name only TypeOK, so the variable outside
 * its type is added; and where the invariant holds on that state, or the action property on that
 * step, the trace has lost its violating state — TLC prints it so when, rebuilding the trace, it
 * meets an evaluation error in another step from the state before (README, `tlc-trace-cut`) —
 * which a warning says; and TLC's evaluation error in an invariant past the first state gets the
 * invariant's own stack (`withOwnInvariantStack`). Not under SYMMETRY, where a printed state may
 * be another of its orbit. Left as it is where the trace cannot be read.
 */
function withLastStateJudged(job: CheckJob, r: CheckResult): CheckResult {
  const v = r.verdict;
  if (r.backend === 'compiled' || !('trace' in v) || !v.trace.length) return r;
  const last = v.trace.at(-1)!;
  const symmetric = job.config.symmetry.length > 0;
  const cut = (violatedBy: 'state' | 'step', name: string): CheckResult => (symmetric ? r : { ...r, traceCut: violatedBy, warnings: [...(r.warnings ?? []), cutTraceWarning(r.backend, violatedBy, name, last.index)] });
  // A property violated by a step (a lasso has a loop or ends stuttering).
  if (v.kind === 'property' && v.name && v.loopsTo === undefined && !v.stuttering) {
    return !symmetric && stepPropertyOn(job, v.name, v.trace.at(-2)?.vars, last.vars) === true ? cut('step', v.name) : r;
  }
  if (v.kind === 'evalError') return withOwnInvariantStack(job, r, v, symmetric);
  if (v.kind !== 'invariant') return r;
  const said = invariantOn(job, v.name, last.vars);
  if (!said || 'raises' in said) return r;
  if (!said.holds) return v.name === GENERATED.typeOk && !v.variable && said.variable ? { ...r, verdict: { ...v, variable: said.variable } } : r;
  return cut('state', v.name);
}

/**
 * TLC's evaluation error `v` in an invariant on a state after the first, with the invariant's own
 * stack: to print one TLC takes the steps of the state before again, and prints the stack of the
 * error it meets there — another place, or none (README: `tlc-replay-stack`). The compiled
 * verifier's evaluation of the invariant on the trace's last state gives the error's frames —
 * where it raises the error TLC reports — and a warning says what TLC printed.
 */
function withOwnInvariantStack(job: CheckJob, r: CheckResult, v: Extract<Verdict, { kind: 'evalError' }>, symmetric: boolean): CheckResult {
  const checked = evaluating(v.message), last = v.trace.at(-1);
  if (r.backend !== 'tlc' || symmetric || checked?.what !== 'invariant' || !last || v.trace.length < 2) return r;
  const name = checked.name;
  const said = invariantOn(job, name, last.vars);
  // Only the same error's frames: TLC's message ends with the compiled verifier's (layout aside).
  if (!said || !('raises' in said) || !withoutLayout(v.message).endsWith(withoutLayout(said.raises.message)) || JSON.stringify(said.raises.stack) === JSON.stringify(v.stack)) return r;
  return { ...r, verdict: { ...v, stack: said.raises.stack }, warnings: [...(r.warnings ?? []), replayStackWarning(name, last.index, v.stack.at(-1))] };
}

/** What a user is told when TLC's stack for an invariant's evaluation error was replaced: what TLC printed, and why. */
export function replayStackWarning(name: string, index: number, tlcFrame: TlaLocation | undefined): string {
  const printed = tlcFrame
    ? `another error's, which it met there first: ${placeText(tlcFrame)}`
    : 'none (it met no error there)';
  return `the stack shown is the compiled verifier's: ${name} evaluated on state ${index}. For an invariant's evaluation error after the first state, TLC prints the stack of what it meets taking the steps from the state before again; here it printed ${printed}.`;
}

/**
 * What a user is told of a violation whose trace ends before it: an invariant that holds on the
 * last state, an action property that holds on the last step (or a trace with no step).
 */
export function cutTraceWarning(backend: Backend, violatedBy: 'state' | 'step', name: string, index: number): string {
  const lost = violatedBy === 'state'
    ? `${name} holds on its last state (state ${index}), as the compiled verifier evaluates it`
    : index > 1 ? `${name} holds on its last step (to state ${index}), as the compiled verifier evaluates it` : `it has no step, and ${name} is a property of steps`;
  const why = backend === 'tlc'
    ? ' TLC prints such a trace when, rebuilding it by taking the steps again, it meets an evaluation error in another step from that state; it may then go on with the search, so its state count may be greater than the count at the violation.'
    : '';
  return `the trace ends before the ${violatedBy} that violates ${name}: ${lost}.${why} \`--backend compiled\` prints the whole trace.`;
}

/** `model`'s config `name`, as written. Throws, naming the configs it has, when there is none. */
export function configOf(model: Model, name: string): ir.Config {
  const c = model.module.configs.find((x) => x.name === name);
  if (!c) throw new Error(`model ${model.name} has no config '${name}' (configs: ${model.module.configs.map((x) => x.name).join(', ') || 'none'})`);
  return c;
}

/** The model's compiled artifacts: the ones given, else compiled now. */
export function artifactsOf(model: Model, o: Pick<PipelineOptions, 'artifacts' | 'resolver'>): Artifacts {
  return o.artifacts ?? compile(model, o.resolver ?? sharedResolver);
}

/** What a checker is given for one config of a compiled model. */
export function jobFor(artifacts: Artifacts, module: ir.Module, config: ir.Config): CheckJob {
  return { module, tla: artifacts.files.get(`${module.name}.tla`)!, spans: artifacts.spans, config, cfg: emitCfg(module, config), ...(artifacts.instanced.size ? { instanced: artifacts.instanced } : {}) };
}

/**
 * Backends that ran must agree on the verdict and on the number of distinct states. A violation
 * stops each checker at a point that depends on its search order (and TLC's worker count), so
 * counts are then compared over the whole state space, invariants and asserts off. An
 * evaluation error may stop that recount too: verdicts only.
 */
async function crossCheck(checkers: readonly Checker[], results: readonly CheckResult[], artifacts: Artifacts, module: ir.Module, config: ir.Config, o: CheckOptions): Promise<string | undefined> {
  if (results.length < 2) return undefined;
  const told = (text: string | undefined, compared: readonly CheckResult[]) => text && withKnownGaps(text, module, config, compared);
  const verdicts = compareVerdicts(results) ?? compareCovers(results);
  if (verdicts) return told(verdicts, results);
  // A partial-order reduced search counts the states of its reduced graph: verdicts only.
  if (results.some((r) => r.reduction)) return undefined;
  if (results.every((r) => r.verdict.kind === 'passed')) return told(compareCounts(results, 'distinct states'), results);
  const space = jobFor(artifacts, module, stateSpaceConfig(config, module));
  const counts = await Promise.all(checkers.map((c) => c.check(space, o)));
  const spaceVerdicts = compareVerdicts(counts);
  if (spaceVerdicts) return told(`with invariants and asserts off, ${spaceVerdicts}`, counts);
  if (counts.some((r) => r.verdict.kind !== 'passed')) return undefined;
  return told(compareCounts(counts, 'reachable states (invariants and asserts off)'), counts);
}

/** A disagreement, with the known tla-checker gaps that may explain it (`tla-checker-gaps.ts`). */
function withKnownGaps(text: string, module: ir.Module, config: ir.Config, compared: readonly CheckResult[]): string {
  const gaps = tlaCheckerGapsIn(module, config, compared);
  return gaps.length ? `${text} — known tla-checker gap${gaps.length > 1 ? 's' : ''} that may explain it (README, Known gaps): ${gaps.map((g) => g.text).join('; ')}` : text;
}
