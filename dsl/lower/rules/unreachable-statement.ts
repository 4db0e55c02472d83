import { stmtLists } from '../../ir/walk.js';
import { unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const unreachableStatement = sourceRule({
  id: 'ZT034',
  name: 'unreachable-statement',
  severity: 'error',
  description: 'A goto, a return or an endless loop (condition TRUE) ends its step: what follows it in the same list must be a label (or loop), or nothing (PlusCal rejects it too); otherwise it could never run and would be dropped silently.',
  check(src, report) {
    for (const u of unitsOf(src)) {
      for (const list of stmtLists(u.decl.body)) {
        list.forEach((s, i) => {
          const next = list[i + 1];
          if ((s.kind === 'goto' || s.kind === 'return') && next && next.kind !== 'label' && next.kind !== 'while') {
            report(next.loc, `this statement follows a ${s.kind === 'goto' ? `goto '${s.label}'` : 'return'} and can never run; label it, or move it before the ${s.kind}`);
          }
          // An endless loop (`loop(l, TRUE(), …)`) is lowered to its body alone: what follows it unlabelled would be dropped.
          if (s.kind === 'while' && s.cond.kind === 'bool' && s.cond.value && next && next.kind !== 'label' && next.kind !== 'while') {
            report(next.loc, `this statement follows the endless loop '${s.label}' (its condition is TRUE) and can never run; label it (a goto target), or move it into the loop`);
          }
        });
      }
    }
  },
});
