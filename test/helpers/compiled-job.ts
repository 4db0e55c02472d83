/** Build the `CheckJob` the compiled backend gets, straight from a model (as the lead's pipeline will). */
import type { CheckJob } from '../../dsl/check/checker.js';
import { compileSpec, type CompiledSpec } from '../../dsl/check/compiled/compile.js';
import { emitCfg } from '../../dsl/emit/cfg.js';
import { emitModule } from '../../dsl/emit/module.js';
import { instancedModules } from '../../dsl/compile.js';
import type * as ir from '../../dsl/ir/nodes.js';
import { stateSpaceConfig } from '../../dsl/ir/config-variants.js';
import { alwaysAction, div, lt, minus, model, pick, plus, primed, range, set, t, when, type Model } from '../../dsl/index.js';

export function jobOf(model: Model | ir.Module, configName?: string): CheckJob {
  const module = 'module' in model ? model.module : model;
  const { text, spans } = emitModule(module);
  const config = configName ? module.configs.find((c) => c.name === configName) : module.configs[0];
  if (!config) throw new Error(`${module.name} has no config ${configName}`);
  const instanced = instancedModules(module);
  return { module, tla: text, spans, config, cfg: emitCfg(module, config), ...(instanced.size ? { instanced } : {}) };
}

/** `model` printed and compiled for its first config (or `configName`), as the compiled backend gets it. */
export function specOf(model: Model | ir.Module, configName?: string): CompiledSpec {
  const j = jobOf(model, configName);
  return compileSpec(j.module, j.config, j.tla, j.spans);
}

/** The same job checking `config` instead, its cfg printed from it (never edited as text). */
export function withConfig(job: CheckJob, config: ir.Config): CheckJob {
  return { ...job, config, cfg: emitCfg(job.module, config) };
}

/**
 * The same job with every invariant but TypeOK, every property and deadlock off: it counts the
 * reachable states. With `assertsOff`, every assert too: the whole space, past states where one fails.
 */
export function stateSpaceJob(job: CheckJob, assertsOff = false): CheckJob {
  return withConfig(job, stateSpaceConfig(job.config, assertsOff ? job.module : undefined));
}

/** Two counters up to 1,500: 2.25 million states, seconds of search — long enough to abort or stop a thread under. */
export function slowCounters(name: string): Model {
  return model(name, (m) => {
    const a = m.variable('a', t.int(0, 1500), 0);
    const b = m.variable('b', t.int(0, 1500), 0);
    m.action('IncA', {}, () => [when(lt(a, 1500)), set(a, plus(a, 1))]);
    m.action('IncB', {}, () => [when(lt(b, 1500)), set(b, plus(b, 1))]);
    m.config('c', { checkDeadlock: false });
  });
}

/**
 * Step picks a' in 1..2; the model's one check, `Small` — a constraint, an invariant or an action
 * property — divides by a - 2 (a' - 2): it fails on the successor a = 2, not in Step, and TLC's
 * trace ends with that successor. Model `ConstraintError`, `InvariantError` or `PropertyError`.
 */
export function successorError(check: 'constraint' | 'invariant' | 'property'): Model {
  const name = `${check[0]!.toUpperCase()}${check.slice(1)}Error`;
  return model(name, (m) => {
    const a = m.variable('a', t.int(0, 3), 0);
    m.action('Step', {}, () => [pick(range(1, 2), (i) => [set(a, i)])]);
    if (check === 'property') m.config('c', { properties: [m.property('Small', alwaysAction(lt(div(2, minus(primed(a), 2)), 5)))], checkDeadlock: false });
    else if (check === 'invariant') m.config('c', { invariants: [m.invariant('Small', lt(div(2, minus(a, 2)), 5))], checkDeadlock: false });
    else m.config('c', { constraints: [m.constraint('Small', lt(div(2, minus(a, 2)), 5))], checkDeadlock: false });
  });
}

/**
 * Step picks a' in 1..2, and two checks fail on the same successor a = 2: an invariant and an
 * action property (`InvariantAndProperty`), a constraint that raises an error and an action
 * property (`ConstraintErrorAndProperty`), or an action property that raises an error and an
 * invariant (`PropertyErrorAndInvariant`). TLC's doNext judges the constraint, then the
 * invariants, then the action properties: the first of each pair is what it reports.
 */
export function twoChecks(pair: 'InvariantAndProperty' | 'ConstraintErrorAndProperty' | 'PropertyErrorAndInvariant'): Model {
  return model(pair, (m) => {
    const a = m.variable('a', t.int(0, 3), 0);
    m.action('Step', {}, () => [pick(range(1, 2), (i) => [set(a, i)])]);
    const notTwo = m.invariant('NotTwo', lt(a, 2));
    const stepNotTwo = m.property('StepNotTwo', alwaysAction(lt(primed(a), 2)));
    if (pair === 'InvariantAndProperty') m.config('c', { invariants: [notTwo], properties: [stepNotTwo], checkDeadlock: false });
    else if (pair === 'ConstraintErrorAndProperty') m.config('c', { constraints: [m.constraint('Small', lt(div(2, minus(a, 2)), 5))], properties: [stepNotTwo], checkDeadlock: false });
    else m.config('c', { invariants: [notTwo], properties: [m.property('StepSmall', alwaysAction(lt(div(2, minus(primed(a), 2)), 5)))], checkDeadlock: false });
  });
}

/**
 * Three variables from a = 2, b = 1, c = 1, and one check that divides by a - 2: Init's own
 * second conjunct (`b = 2 \div (a - 2)`), or a constraint or invariant — each fails on the
 * initial state, which TLC checks inside Init's evaluation. Model `InitError`, `ConstraintAtInit`
 * or `InvariantAtInit`.
 */
export function initialError(check: 'init' | 'constraint' | 'invariant'): Model {
  const name = check === 'init' ? 'InitError' : `${check[0]!.toUpperCase()}${check.slice(1)}AtInit`;
  return model(name, (m) => {
    const a = m.variable('a', t.int(0, 3), 2);
    m.variable('b', t.int(0, 3), check === 'init' ? div(2, minus(a, 2)) : 1);
    m.variable('c', t.int(0, 3), 1);
    m.action('Step', {}, () => [pick(range(1, 2), (i) => [set(a, i)])]);
    const small = lt(div(2, minus(a, 2)), 5);
    if (check === 'constraint') m.config('c', { constraints: [m.constraint('Small', small)], checkDeadlock: false });
    else if (check === 'invariant') m.config('c', { invariants: [m.invariant('Small', small)], checkDeadlock: false });
    else m.config('c', { checkDeadlock: false });
  });
}
