import type * as ir from '../../ir/nodes.js';
import { labelsIn, unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const duplicateLabel = sourceRule({
  id: 'ZT031',
  name: 'duplicate-label',
  severity: 'error',
  description: "Labels are unique in a model, across all processes and procedures: each names a step, and pc holds label names.",
  check(src, report) {
    const seen = new Map<string, ir.SourceLoc>();
    for (const u of unitsOf(src)) {
      for (const l of labelsIn(u.decl.body)) {
        const first = seen.get(l.name);
        if (first) report(l.loc, `label '${l.name}' is used twice (labels name steps and must be unique in a module)`, [{ message: 'first used here', loc: first }]);
        else seen.set(l.name, l.loc);
      }
    }
  },
});
