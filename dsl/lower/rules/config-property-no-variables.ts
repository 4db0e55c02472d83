import { moduleRule } from './rule.js';

/**
 * A spec without variables has no state: TLC stops on a temporal property there ("The
 * configuration file did not specify the initial state predicate"), where tla-checker reports it
 * violated and the compiled verifier passes it. Invariants cannot arise (ZT012: they must read a
 * variable); properties can, so the config says no instead.
 */
export const configPropertyNoVariables = moduleRule({
  id: 'ZT028',
  name: 'config-property-no-variables',
  severity: 'error',
  description: 'A config checks temporal properties only in a model with variables: a spec without variables has no state, TLC stops on such a property, and the embedded checkers would disagree about it.',
  check(m, report) {
    if (m.variables.length) return;
    for (const c of m.configs) {
      if (c.properties.length) report(c.loc, `config '${c.name}' checks temporal properties in a model without variables, which has no state (TLC stops on it); declare the state the property is about`);
    }
  },
});
