import type * as ir from '../ir/nodes.js';
/** TLA+ keywords: never a name, a record field or a LET name. */
export const KEYWORDS: ReadonlySet<string> = new Set([
  'ASSUME', 'ASSUMPTION', 'AXIOM', 'CASE', 'CHOOSE', 'CONSTANT', 'CONSTANTS', 'DOMAIN', 'ELSE', 'ENABLED', 'EXCEPT',
  'EXTENDS', 'IF', 'IN', 'INSTANCE', 'LET', 'LOCAL', 'MODULE', 'OTHER', 'SF_', 'SUBSET', 'THEN', 'THEOREM', 'UNCHANGED',
  'UNION', 'VARIABLE', 'VARIABLES', 'WF_', 'WITH', 'TRUE', 'FALSE', 'BOOLEAN', 'STRING', 'LAMBDA', 'RECURSIVE',
]);

/** TLA+ keywords and the standard-module operators a generated module EXTENDS: no model name may be one. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  ...KEYWORDS,
  'Nat', 'Int', 'Seq', 'Len', 'Head', 'Tail', 'Append', 'SubSeq', 'SelectSeq', 'Cardinality', 'IsFiniteSet',
  'Print', 'PrintT', 'Assert', 'JavaTime', 'Permutations', 'SortSeq', 'ToString', 'TLCGet', 'TLCSet', 'TLCEval', 'RandomElement', 'Any',
]);

/**
 * Names zswap-tla itself defines in a module (`terminating` to `done` only when it has processes,
 * `assertsOff` only when it has asserts): the emitter prints them, and whatever refers to a
 * generated module (the tla-checker replay) names them from here.
 */
export const GENERATED = {
  vars: 'vars', typeOk: 'TypeOK', init: 'Init', next: 'Next', spec: 'Spec',
  terminating: 'Terminating', termination: 'Termination', procSet: 'ProcSet', pc: 'pc', stack: 'stack', done: 'Done',
  assertsOff: 'AssertsOff',
} as const;
export const GENERATED_NAMES: readonly string[] = Object.values(GENERATED);

/**
 * The constant every module with asserts declares: the set of assert names a config switches
 * off (`Assert("Name" \notin AssertsOff => cond, "Name")`), so each can be checked alone. With
 * it empty the spec is the one without the switch: same states, same verdicts.
 */
export const ASSERTS_OFF = GENERATED.assertsOff;

/** What TLA+ accepts as an identifier. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Every name a module declares or defines at its top level: constants, variables, definitions, actions, named specs and instances. */
export function moduleNames(m: ir.Module): string[] {
  return [...m.constants, ...m.variables, ...m.definitions, ...m.actions, ...(m.specs ?? []), ...(m.instances ?? [])].map((d) => d.name);
}

/** Every operator a lowered module defines, generated ones included: what `I!name` may name of an instance of it. */
export function definedNames(m: ir.Module): Set<string> {
  return new Set([
    GENERATED.vars, GENERATED.typeOk, GENERATED.init, GENERATED.next, GENERATED.spec,
    ...(m.allDone ? [GENERATED.terminating] : []),
    ...m.definitions.map((d) => d.name), ...m.actions.map((a) => a.name), ...(m.specs ?? []).map((s) => s.name),
  ]);
}
