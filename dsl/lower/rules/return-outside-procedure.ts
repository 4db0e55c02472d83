import { allStmts } from '../../ir/walk.js';
import { sourceRule } from './rule.js';

export const returnOutsideProcedure = sourceRule({
  id: 'ZT036',
  name: 'return-outside-procedure',
  severity: 'error',
  description: 'ret() appears only in a procedure body: a process has no caller to return to (it ends by falling off its last statement).',
  check(src, report) {
    for (const p of src.processes) {
      for (const s of allStmts(p.body)) if (s.kind === 'return') report(s.loc, `return outside a procedure (in process ${p.name}, which ends by reaching the end of its body)`);
    }
  },
});
