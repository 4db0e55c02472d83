import { allStmts } from '../../ir/walk.js';
import { unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const unknownProcedure = sourceRule({
  id: 'ZT038',
  name: 'unknown-procedure',
  severity: 'error',
  description: 'A call names a procedure declared in the same model (a procedure handle from another model is not one).',
  check(src, report) {
    const declared = new Set(src.procedures.map((q) => q.name));
    for (const u of unitsOf(src)) {
      for (const s of allStmts(u.decl.body)) if (s.kind === 'call' && !declared.has(s.procedure)) report(s.loc, `call of unknown procedure '${s.procedure}' (not declared in model ${src.name})`);
    }
  },
});
