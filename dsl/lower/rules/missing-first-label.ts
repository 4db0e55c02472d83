import { unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const missingFirstLabel = sourceRule({
  id: 'ZT030',
  name: 'missing-first-label',
  severity: 'error',
  description: 'A process or procedure body starts with a label (or a loop, which is labelled): each label starts an atomic step, and the first step needs a name for pc.',
  check(src, report) {
    for (const u of unitsOf(src)) {
      const first = u.decl.body[0];
      if (first?.kind !== 'label' && first?.kind !== 'while') report(first?.loc ?? u.decl.loc, `'${u.decl.name}' must start with a label (each label starts an atomic step)`);
    }
  },
});
