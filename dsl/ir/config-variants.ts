/**
 * Variants of a typed config, for checking something other than the config as written:
 * one property alone, or the whole reachable state space. Each is a new `ir.Config`, printed
 * by the cfg printer like any other — never a rewrite of `.cfg` text.
 */
import type * as ir from './nodes.js';
import { collectAsserts } from './walk.js';

/** What a name means in a model: an invariant, a temporal property, an assert, or deadlock. */
export type CheckedKind = 'invariant' | 'property' | 'assert' | 'deadlock';

export function kindOf(module: ir.Module, name: string): CheckedKind | undefined {
  if (name === 'deadlock') return 'deadlock';
  if (name === 'TypeOK') return 'invariant';
  const d = module.definitions.find((x) => x.name === name);
  if (d?.role === 'invariant') return 'invariant';
  if (d?.role === 'property') return 'property';
  return assertNames(module).has(name) ? 'assert' : undefined;
}

/** Every name a model can be checked for. */
export function checkableNames(module: ir.Module): string[] {
  return [
    'TypeOK',
    ...module.definitions.filter((d) => d.role === 'invariant' || d.role === 'property').map((d) => d.name),
    ...assertNames(module),
    'deadlock',
  ];
}

/** Names of the asserts in the (lowered) actions, including the mutex helpers'. */
export function assertNames(module: ir.Module): Set<string> {
  return new Set(collectAsserts(module).map((a) => a.name));
}

/** Whether checking `config` decides `name` (asserts are part of the spec: always checked). */
export function configChecks(config: ir.Config, module: ir.Module, name: string): boolean {
  switch (kindOf(module, name)) {
    case 'invariant': return name === 'TypeOK' ? config.checkTypeOk !== false : config.invariants.includes(name);
    case 'property': return config.properties.includes(name);
    case 'deadlock': return config.checkDeadlock;
    case 'assert': return true;
    default: return false;
  }
}

/**
 * `config` checking `name` alone: that invariant, property or assert (also when the config did
 * not list it), or deadlock; nothing else — every other assert is switched off too. A temporal
 * property under SYMMETRY is refused (unsound in TLC, wrong in tla-checker).
 */
export function focusConfig(module: ir.Module, config: ir.Config, name: string): ir.Config {
  const kind = kindOf(module, name);
  if (!kind) throw new Error(`${module.name} checks nothing called '${name}' (it checks: ${checkableNames(module).join(', ')})`);
  if (kind === 'property' && config.symmetry.length) throw new Error(`'${name}' is a temporal property and config '${config.name}' uses SYMMETRY: checking it there is unsound`);
  return {
    ...config,
    checkTypeOk: name === 'TypeOK',
    invariants: kind === 'invariant' && name !== 'TypeOK' ? [name] : [],
    properties: kind === 'property' ? [name] : [],
    checkDeadlock: kind === 'deadlock',
    assertsOff: [...assertNames(module)].filter((a) => !(kind === 'assert' && a === name)),
    // A cover is a fact of the config's state space, decided by the config's own run.
    covers: [],
  };
}

/**
 * `config` checking everything a backend's `checkEach` decides in one run: TypeOK, every
 * invariant of the module, every assert, deadlock; no temporal property.
 */
export function everySafetyConfig(module: ir.Module, config: ir.Config): ir.Config {
  return {
    ...config,
    checkTypeOk: true,
    invariants: module.definitions.filter((d) => d.role === 'invariant').map((d) => d.name),
    properties: [],
    checkDeadlock: true,
    assertsOff: [],
  };
}

/**
 * `config` with every invariant but TypeOK and every property removed and deadlock off: it just
 * counts reachable states. TypeOK stays because tla-checker, given no INVARIANT line, checks
 * every definition named `Inv…`/`TypeOK` on its own. Given the module, every assert is switched
 * off as well (without it, asserts stay on: e.g. to compare with a PlusCal translation).
 */
export function stateSpaceConfig(config: ir.Config, module?: ir.Module): ir.Config {
  return { ...config, invariants: [], properties: [], checkDeadlock: false, covers: [], ...(module ? { assertsOff: [...assertNames(module)] } : {}) };
}
