import type * as ir from '../../ir/nodes.js';
import { moduleRule } from './rule.js';

export const configUnknownName = moduleRule({
  id: 'ZT023',
  name: 'config-unknown-name',
  severity: 'error',
  description: 'The invariants, properties and constraints a config lists are ones the model declares as such (Termination is declared for every model with processes), and the spec it chooses is Spec or one declared with m.spec.',
  check(m, report) {
    const declared = (role: ir.DefinitionRole) => m.definitions.filter((d) => d.role === role).map((d) => d.name);
    const specs = ['Spec', ...(m.specs ?? []).map((s) => s.name)];
    for (const c of m.configs) {
      if (c.spec !== undefined && !specs.includes(c.spec)) report(c.loc, `config '${c.name}' chooses spec '${c.spec}', which the model does not declare (specs: ${specs.join(', ')})`);
      for (const [names, role] of [[c.invariants, 'invariant'], [c.properties, 'property'], [c.constraints, 'constraint']] as const) {
        const known = declared(role);
        for (const n of names) {
          if (!known.includes(n)) report(c.loc, `config '${c.name}' names ${role} '${n}', which the model does not declare (declared: ${known.join(', ') || 'none'})`);
        }
      }
    }
  },
});
