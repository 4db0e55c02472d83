import { assignedBy } from '../actions.js';
import { moduleRule } from './rule.js';

export const assignedTwice = moduleRule({
  id: 'ZT010',
  name: 'assigned-twice',
  severity: 'error',
  description: "An action, or one atomic step of a process, assigns each variable at most once on every path through it (x' = 1 /\\ x' = 2 is FALSE, not a second write).",
  check(m, report) {
    for (const a of m.actions) {
      const where = a.process ? `one step of ${a.process} (step '${a.label}' is one atomic action)` : `action '${a.name}'`;
      assignedBy(a.body, (again, first) => report(again.loc, `'${again.variable}' is assigned twice in ${where}`, [{ message: 'first assigned here', loc: first }]));
    }
  },
});
