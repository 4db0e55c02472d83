/**
 * The compiled backend: the module's IR becomes a specialised breadth-first search in
 * JavaScript (compile.ts), run over a typed-array state store (store.ts, search.ts). It checks
 * safety — invariants (TypeOK first), asserts, deadlock, evaluation errors, action properties
 * `[][A]_v` — with TLC's semantics on the emitted module, and liveness (`<>P`, `[]<>P`, `<>[]P`,
 * `P ~> Q`, under the spec's WF/SF) on the complete state graph (liveness.ts); other temporal
 * formulas are refused, never passed.
 */
import type { Checker, CheckJob, CheckOptions } from '../checker.js';
import type { CheckResult, TlaLocation, TraceState, Verdict } from '../result.js';
import { compileSpec, Unsupported, type CompiledSpec, type Env } from './compile.js';
import { search, type Outcome, type SearchOptions, type Step } from './search.js';
import { enterOrder, EvalError, messageOf, show, type Value } from './values.js';
import { focusConfig } from '../../ir/config-variants.js';
import { emitCfg } from '../../emit/cfg.js';
import { readValue } from './read-value.js';
import { walk } from './simulate.js';
import { Watch } from './watch.js';
import { Recent } from './recent.js';
import { reducibleSteps } from './por.js';
import { inThread } from './thread.js';
import { randomSeed } from '../seed.js';
import os from 'node:os';

export const COMPILED_VERSION = '0.1.0';

export const compiledChecker: Checker = {
  name: 'compiled',
  embedded: true,
  available: () => Promise.resolve({ ok: true, version: COMPILED_VERSION, detail: `compiled (zswap-tla ${COMPILED_VERSION}, node ${process.version})` }),
  refuses: (job) => { const p = prepare(job); return 'refusal' in p ? p.refusal : undefined; },
  check: checkCompiled,
  checkEach: checkEachCompiled,
};

type Prepared = { readonly spec: CompiledSpec } | { readonly refusal: string };
/** The last few compilations, by module text and cfg: `refuses` and `check` ask about the same job. */
const prepared = new Recent<Prepared>(4);

/**
 * Forgets the kept compilations, saying how many: the next check of any job compiles its spec
 * again (a bench timing that, or a caller wanting the memory back).
 */
export function forgetCompilations(): number {
  const kept = prepared.size;
  prepared.clear();
  return kept;
}

function prepare(job: CheckJob): Prepared {
  const known = prepared.get(job.tla, job.cfg);
  if (known) return known;
  let p: Prepared;
  try {
    p = { spec: compileSpec(job.module, job.config, job.tla, job.spans) };
  } catch (err) {
    if (!(err instanceof Unsupported)) throw err;
    p = { refusal: err.message.startsWith('temporal property') ? `the compiled backend does not check ${err.message}` : `the compiled backend cannot check this module: ${err.message}` };
  }
  prepared.set(job.tla, job.cfg, p);
  return p;
}

export async function checkCompiled(job: CheckJob, options: CheckOptions = {}): Promise<CheckResult> {
  // Distributed runs are refused below, at once.
  if (options.thread && !options.distributed) return inThread(job, options);
  const started = performance.now();
  const base = { backend: 'compiled' as const, version: COMPILED_VERSION, module: job.module.name, config: job.config.name };
  const done = (verdict: Verdict, counts?: CheckResult['counts']): CheckResult =>
    ({ ...base, verdict, ...(counts ? { counts } : {}), durationMs: Math.round(performance.now() - started) });

  const p = prepare(job);
  if ('refusal' in p) return done({ kind: 'crashed', message: p.refusal });
  if (options.distributed) return done({ kind: 'crashed', message: 'distributed checking is TLC\'s: use --backend tlc' });
  const { spec } = p;
  options.onProgress?.({ phase: 'starting' });
  if (options.simulate) {
    if (spec.liveness.length) return done({ kind: 'crashed', message: `the compiled random walks check invariants, asserts, deadlock and action properties; temporal property ${spec.liveness.map((l) => l.name).join(', ')} needs the exhaustive search (no --simulate) or --backend tlc` });
    const seed = options.simulate.seed ?? randomSeed();
    const depth = options.simulate.depth ?? 100;
    const w = await walk(spec, { ...searchOptions(job, options), seed, depth, ...(options.simulate.traces !== undefined ? { traces: options.simulate.traces } : {}) });
    enterOrder(spec.order);
    return {
      ...done(verdictOf(w.outcome, spec.varNames)),
      workers: 1,
      simulation: { seed: String(seed), traces: w.traces, depth, generated: w.generated, ...(options.simulate.traces !== undefined ? { maxTraces: options.simulate.traces } : {}), ...(w.timeLimited ? { timeLimited: true } : {}) },
    };
  }
  if (options.por) {
    if (spec.liveness.length) return done({ kind: 'crashed', message: `partial-order reduction (--por) checks safety properties only: temporal property ${spec.liveness.map((l) => l.name).join(', ')} needs the full search (drop --por)` });
    if (spec.symmetry.length) return done({ kind: 'crashed', message: 'partial-order reduction (--por) and SYMMETRY together are not supported: drop one of them' });
  }
  const watch = new Watch(spec, spec.newEnv(), options.coverage === true);
  const por = options.por ? reducibleSteps(job.module, job.config) : undefined;
  const r = await search(spec, { ...searchOptions(job, options), ...(por ? { por } : parallelOptions(job, options)), watch });
  options.onProgress?.({ phase: 'done', distinct: r.distinct, generated: r.generated, depth: r.depth });
  enterOrder(spec.order);
  return {
    ...done(verdictOf(r.outcome, spec.varNames), { distinct: r.distinct, generated: r.generated, depth: r.depth }),
    workers: r.workers,
    ...(por ? { reduction: { reducedStates: r.reduced ?? 0 } } : {}),
    ...watched(watch, job, options, r.outcome, spec.varNames),
  };
}

/**
 * What an invariant is on one state: true, or false with the variable whose type it breaks
 * (TypeOK's conjuncts, a variable's each), or an evaluation error as this verifier reports it.
 */
export type InvariantOnState =
  | { readonly holds: true }
  | { readonly holds: false; readonly variable?: string }
  | { readonly raises: { readonly message: string; readonly stack: readonly TlaLocation[] } };

/**
 * Invariant `name` (an invariant, TypeOK, or a property `[]P` checked as one) evaluated here on
 * the state `vars` (each variable's value as a trace prints it), for a checker's trace: TLC and
 * tla-checker name only TypeOK, not the variable; and a trace whose last state satisfies the
 * invariant it is said to violate has lost its last state; and TLC's stack for an invariant's
 * evaluation error past the first state is not that error's. The job is focused on `name`
 * (`focusConfig`: a property this verifier refuses does not matter here). Best effort, for a run
 * that has ended: undefined when the module cannot be compiled, a value cannot be read
 * (`readValue`), or a conjunct is not a boolean or fails other than as the model's error.
 */
export function invariantOn(job: CheckJob, name: string, vars: Readonly<Record<string, string>>): InvariantOnState | undefined {
  try {
    const focused = focusedOn(job, name);
    const inv = focused && [...focused.spec.invariants, ...focused.spec.impliedInvariants].find((i) => i.name === name);
    const env = inv && focused.env(vars);
    if (!env) return undefined;
    for (const c of inv.conjuncts) {
      let holds: Value;
      try { holds = c.check(env); } catch (err) {
        if (!(err instanceof EvalError)) return undefined;
        return { raises: { message: messageOf(err), stack: err.printedFrames() } };
      }
      if (holds === false) return { holds: false, ...(c.variable ? { variable: c.variable } : {}) };
      if (holds !== true) return undefined;
    }
    return { holds: true };
  } catch {
    return undefined;
  }
}

/**
 * Whether the action property `name` (`[][A]_v`, or a conjunction of such) holds on the step
 * from state `from` to state `to` of a checker's trace, as `invariantOn` does for a state: true
 * also where the trace has no step (`from` undefined), which cannot violate it. Undefined where
 * `name` is not only action properties (a `[]P` or a temporal part could be what the trace
 * violates), or the states cannot be read or the step evaluated.
 */
export function stepPropertyOn(job: CheckJob, name: string, from: Readonly<Record<string, string>> | undefined, to: Readonly<Record<string, string>>): boolean | undefined {
  try {
    const focused = focusedOn(job, name);
    const property = focused?.spec.actionProperties.find((x) => x.name === name);
    const only = (xs: readonly { readonly name: string }[]) => !xs.some((x) => x.name === name);
    if (!property || !only(focused!.spec.impliedInvariants) || !only(focused!.spec.liveness)) return undefined;
    if (!from) return true;
    const env = focused!.env(from);
    const next = focused!.env(to);
    if (!env || !next) return undefined;
    env.n = [...next.s];
    const holds = property.steps.map((f) => f(env));
    return holds.every((h) => h === true) ? true : holds.every((h) => typeof h === 'boolean') ? false : undefined;
  } catch {
    return undefined;
  }
}

/** `job` compiled to check `name` alone, and an env holding a state as a trace prints it (undefined where a value cannot be read). */
function focusedOn(job: CheckJob, name: string): { spec: CompiledSpec; env: (vars: Readonly<Record<string, string>>) => Env | undefined } | undefined {
  const config = focusConfig(job.module, job.config, name);
  const p = prepare({ ...job, config, cfg: emitCfg(job.module, config) });
  if ('refusal' in p) return undefined;
  const { spec } = p;
  enterOrder(spec.order);
  const modelValues = new Set(spec.order.modelValues);
  return {
    spec,
    env: (vars) => {
      const vals: Value[] = [];
      for (const v of spec.varNames) {
        const read = vars[v] === undefined ? undefined : readValue(vars[v], modelValues);
        if (read === undefined) return undefined;
        vals.push(read);
      }
      const env = spec.newEnv();
      env.s = vals;
      return env;
    },
  };
}

/**
 * Every invariant of `job`'s config, every assert and (when the config checks it) deadlock, each
 * alone, in one search (see `SearchOptions.each`): a result per name, as its own focused run
 * (the others off) would give it. Temporal properties are refused, as by `check`.
 */
export async function checkEachCompiled(job: CheckJob, names: readonly string[], options: CheckOptions = {}): Promise<ReadonlyMap<string, CheckResult>> {
  if (options.thread) return inThread(job, options, names);
  const started = performance.now();
  const out = new Map<string, CheckResult>();
  const base = { backend: 'compiled' as const, version: COMPILED_VERSION, module: job.module.name };
  const p = prepare(job);
  if ('refusal' in p) {
    for (const n of names) out.set(n, { ...base, config: job.config.name, verdict: { kind: 'crashed', message: p.refusal }, durationMs: 0 });
    return out;
  }
  const { spec } = p;
  const watch = new Watch(spec, spec.newEnv(), options.coverage === true);
  const r = await search(spec, { ...searchOptions(job, options), each: true, eachWanted: names, watch });
  options.onProgress?.({ phase: 'done', distinct: r.distinct, generated: r.generated, depth: r.depth });
  enterOrder(spec.order);
  const durationMs = Math.round(performance.now() - started);
  // Every cell's run explores the same states (every check off but its own): one set of covers.
  const extra = watched(watch, job, options, r.stoppedBy ?? { kind: 'passed' }, spec.varNames);
  for (const n of names) {
    const o = r.each!.get(n) ?? r.stoppedBy ?? { kind: 'passed' as const };
    // A name that holds was checked over every state; a violation's own run would have stopped early.
    const counts = o.kind === 'passed' ? { counts: { distinct: r.distinct, generated: r.generated, depth: r.depth } } : {};
    out.set(n, { ...base, config: job.config.name, verdict: verdictOf(o, spec.varNames), ...counts, durationMs, workers: r.workers, ...extra });
  }
  return out;
}

/**
 * What the search watched: the config's covers (decided when it explored every state), and
 * with `options.coverage` the successors of each action.
 */
function watched(watch: Watch, job: CheckJob, options: CheckOptions, stop: Outcome, varNames: readonly string[]): Pick<CheckResult, 'covers' | 'coverage'> {
  const stopped = stop.kind === 'timeout' ? 'the search timed out first'
    : stop.kind === 'crashed' ? `the search stopped first: ${stop.message}`
    : `the search stopped first, at the ${verdictText(stop)}`;
  const covers = watch.covers(stop.kind === 'passed', stopped, (steps) => traceStates(steps, varNames));
  return {
    ...(covers.length ? { covers } : {}),
    ...(options.coverage ? { coverage: watch.coverage(job.module.actions.map((a) => a.name)) } : {}),
  };
}

function verdictText(o: Outcome): string {
  switch (o.kind) {
    case 'invariant': case 'property': return `violation of ${o.name}`;
    case 'assert': return `failed assert ${o.name}`;
    case 'deadlock': return 'deadlock';
    case 'evalError': return `evaluation error (${o.message.split('\n')[0]})`;
    default: return o.kind;
  }
}

/** The search's options from the checker's: the config's deadlock check and the limits that were given. */
function searchOptions(job: CheckJob, options: CheckOptions): SearchOptions {
  return {
    checkDeadlock: job.config.checkDeadlock,
    ...(options.maxStates !== undefined ? { maxStates: options.maxStates } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  };
}

/**
 * `options.workers` threads in all ('auto': one per core): the search's own, which stores and
 * checks every state, and the rest generating successors (parallel.ts). The workers start once
 * the search has found `PARALLEL_FROM` states: below that a search takes well under a second,
 * less than starting them costs.
 */
export const PARALLEL_FROM = 20_000;
function parallelOptions(job: CheckJob, options: CheckOptions): Pick<SearchOptions, 'parallel'> {
  const workers = (options.workers === 'auto' ? os.availableParallelism() : options.workers ?? 1) - 1;
  if (workers < 1) return {};
  return { parallel: { workers, from: PARALLEL_FROM, source: { module: job.module, config: job.config, tla: job.tla, spans: job.spans } } };
}

function verdictOf(o: Outcome, varNames: readonly string[]): Verdict {
  const trace = (steps: readonly Step[]) => traceStates(steps, varNames);
  switch (o.kind) {
    case 'passed': return { kind: 'passed' };
    case 'invariant': return { kind: 'invariant', name: o.name, initial: o.initial, trace: trace(o.trace), ...(o.variable ? { variable: o.variable } : {}) };
    case 'deadlock': return { kind: 'deadlock', trace: trace(o.trace) };
    case 'property': {
      const loopAction = o.loopStep ? traceStates([o.loopStep], varNames)[0]!.action : undefined;
      return { kind: 'property', name: o.name, trace: trace(o.trace), ...(o.loopsTo !== undefined ? { loopsTo: o.loopsTo } : {}), ...(loopAction ? { loopAction } : {}), stuttering: o.stuttering ?? false };
    }
    case 'assert': return { kind: 'assert', message: o.name, ...(o.location ? { location: o.location } : {}), trace: trace(o.trace) };
    case 'evalError': return { kind: 'evalError', message: o.message, stack: o.stack, trace: trace(o.trace) };
    case 'crashed': return { kind: 'crashed', message: o.message };
    case 'timeout': return { kind: 'timeout', afterMs: o.afterMs };
  }
}

/** Trace states as TLC prints them: values in TLA+ text, in the module's variable order. */
export function traceStates(steps: readonly Step[], varNames: readonly string[]): TraceState[] {
  return steps.map((s, i) => {
    const vars: Record<string, string> = {};
    varNames.forEach((n, j) => { vars[n] = show(s.values[j]!); });
    if (!s.action) return { index: i + 1, vars };
    const params: Record<string, string> = {};
    s.action.params.forEach((p, j) => { params[p] = show(s.args![j]!); });
    return {
      index: i + 1,
      action: { name: s.action.name, params, ...(s.action.location ? { location: s.action.location } : {}) },
      vars,
    };
  });
}
