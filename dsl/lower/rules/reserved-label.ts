import { labelsIn, unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const reservedLabel = sourceRule({
  id: 'ZT032',
  name: 'reserved-label',
  severity: 'error',
  description: "No label is called 'Done': pc is 'Done' for a process that has finished.",
  check(src, report) {
    for (const u of unitsOf(src)) {
      for (const l of labelsIn(u.decl.body)) if (l.name === 'Done') report(l.loc, `'Done' is reserved for finished processes; choose another label`);
    }
  },
});
