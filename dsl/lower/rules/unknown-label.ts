import { allStmts } from '../../ir/walk.js';
import { labelsIn, unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const unknownLabel = sourceRule({
  id: 'ZT033',
  name: 'unknown-label',
  severity: 'error',
  description: 'A goto names a label of its own process or procedure (as in PlusCal): another unit\'s label would leave pc where none of this process\'s steps is enabled.',
  check(src, report) {
    for (const u of unitsOf(src)) {
      const own = new Set(labelsIn(u.decl.body).map((l) => l.name));
      for (const s of allStmts(u.decl.body)) {
        if (s.kind === 'goto' && !own.has(s.label)) report(s.loc, `goto '${s.label}': no such label in ${u.decl.name}`);
      }
    }
  },
});
