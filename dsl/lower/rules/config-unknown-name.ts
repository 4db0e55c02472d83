import type * as ir from '../../ir/nodes.js';
import { moduleRule } from './rule.js';

export const configUnknownName = moduleRule({
  id: 'ZT023',
  name: 'config-unknown-name',
  severity: 'error',
  description: 'The invariants, properties and constraints a config lists are ones the model declares as such (Termination is declared for every model with processes).',
  check(m, report) {
    const declared = (role: ir.DefinitionRole) => m.definitions.filter((d) => d.role === role).map((d) => d.name);
    for (const c of m.configs) {
      for (const [names, role] of [[c.invariants, 'invariant'], [c.properties, 'property'], [c.constraints, 'constraint']] as const) {
        const known = declared(role);
        for (const n of names) {
          if (!known.includes(n)) report(c.loc, `config '${c.name}' names ${role} '${n}', which the model does not declare (declared: ${known.join(', ') || 'none'})`);
        }
      }
    }
  },
});
