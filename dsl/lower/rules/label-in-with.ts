import { allStmts } from '../../ir/walk.js';
import { unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const labelInWith = sourceRule({
  id: 'ZT035',
  name: 'label-in-with',
  severity: 'error',
  description: "A `withSome` body holds no label or loop (PlusCal forbids them too): a step starting inside it would read the chosen value outside the \\E that binds it.",
  check(src, report) {
    for (const u of unitsOf(src)) {
      for (const s of allStmts(u.decl.body)) {
        if (s.kind !== 'with') continue;
        for (const inner of allStmts(s.body)) {
          if (inner.kind === 'label' || inner.kind === 'while') report(inner.loc, `${inner.kind === 'label' ? `label '${inner.name}'` : `loop '${inner.label}'`} is inside a withSome body: the chosen value exists only within its step; end the step after the withSome instead`);
        }
      }
    }
  },
});
