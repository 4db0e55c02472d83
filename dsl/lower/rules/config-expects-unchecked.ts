import { collectAsserts } from '../../ir/walk.js';
import { moduleRule } from './rule.js';

export const configExpectsUnchecked = moduleRule({
  id: 'ZT024',
  name: 'config-expects-unchecked',
  severity: 'error',
  description: 'A config that expects a violation checks what it expects to be violated: TypeOK, one of its invariants or properties, or an assert of the model; and the model has variables (without, it has no state to violate anything).',
  check(m, report) {
    const asserts = new Set(collectAsserts(m).map((a) => a.name));
    for (const c of m.configs) {
      if (c.expect.kind !== 'violation') continue;
      const p = c.expect.property;
      if (!m.variables.length) {
        report(c.loc, `config '${c.name}' expects '${p}' to be violated, but the model has no variables: its spec has no state, so nothing can be violated`);
        continue;
      }
      // TypeOK is checked by every config unless it says not (it is in no list: the cfg adds it).
      const typeOk = p === 'TypeOK' && c.checkTypeOk !== false;
      if (!typeOk && !c.invariants.includes(p) && !c.properties.includes(p) && !asserts.has(p)) {
        report(c.loc, `config '${c.name}' expects '${p}' to be violated, but does not check it (not among its invariants or properties, and no assert has that name)`);
      }
    }
  },
});
