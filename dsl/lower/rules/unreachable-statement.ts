import { stmtLists } from '../../ir/walk.js';
import { unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const unreachableStatement = sourceRule({
  id: 'ZT034',
  name: 'unreachable-statement',
  severity: 'error',
  description: 'A goto or return ends its step: what follows it in the same list must be a label (or loop), or nothing (PlusCal rejects it too); otherwise it could never run and would be dropped silently.',
  check(src, report) {
    for (const u of unitsOf(src)) {
      for (const list of stmtLists(u.decl.body)) {
        list.forEach((s, i) => {
          const next = list[i + 1];
          if ((s.kind === 'goto' || s.kind === 'return') && next && next.kind !== 'label' && next.kind !== 'while') {
            report(next.loc, `this statement follows a ${s.kind === 'goto' ? `goto '${s.label}'` : 'return'} and can never run; label it, or move it before the ${s.kind}`);
          }
        });
      }
    }
  },
});
