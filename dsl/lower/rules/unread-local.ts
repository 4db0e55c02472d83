import { allStmts, stmtExprNodes } from '../../ir/walk.js';
import { localsOf, unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const unreadLocal = sourceRule({
  id: 'ZT100',
  name: 'unread-local',
  severity: 'warning',
  description: 'A process or procedure local that is assigned but never read is kept out of the state, and so is its assignment: nothing in the assigned expression is evaluated (a failing head() there would go unnoticed).',
  check(src, report) {
    const units = unitsOf(src);
    const read = new Set(units.flatMap((u) => [...stmtExprNodes(u.decl.body)].flatMap(({ node }) => (node.kind === 'local' ? [node.name] : []))));
    for (const u of units) {
      const own = new Set(localsOf(u).map((l) => l.name));
      const reported = new Set<string>();
      for (const s of allStmts(u.decl.body)) {
        if (s.kind !== 'assign' || !own.has(s.variable) || read.has(s.variable) || reported.has(s.variable)) continue;
        reported.add(s.variable);
        report(s.loc, `local '${s.variable}' is assigned but never read: the assignment is left out of the TLA+, so nothing in its expression is evaluated`);
      }
    }
  },
});
