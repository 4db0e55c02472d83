import type * as ir from '../ir/nodes.js';

/** What a config checks, in the order its `.cfg` lists it (tla-checker names a violated invariant by index). */
export interface CfgFacts {
  readonly invariants: readonly string[];
  readonly properties: readonly string[];
  readonly checkDeadlock: boolean;
}

/** The facts of a typed config, as `emitCfg` prints them: TypeOK first unless switched off. */
export function cfgFacts(c: ir.Config): CfgFacts {
  return { invariants: [...(c.checkTypeOk === false ? [] : ['TypeOK']), ...c.invariants], properties: c.properties, checkDeadlock: c.checkDeadlock };
}
