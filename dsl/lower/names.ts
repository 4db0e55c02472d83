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

/** Names zswap-tla itself defines in a module (the last five only when it has processes). */
export const GENERATED_NAMES: readonly string[] = ['vars', 'TypeOK', 'Init', 'Next', 'Spec', 'Terminating', 'Termination', 'ProcSet', 'pc', 'stack', 'Done', 'AssertsOff'];

/**
 * The constant every module with asserts declares: the set of assert names a config switches
 * off (`Assert("Name" \in AssertsOff \/ cond, "Name")`), so each can be checked alone. With it
 * empty the spec is the one without the switch: same states, same verdicts.
 */
export const ASSERTS_OFF = 'AssertsOff';

/** What TLA+ accepts as an identifier. */
export const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;
