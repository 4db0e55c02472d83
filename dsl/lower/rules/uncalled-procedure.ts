import { calledIn, unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const uncalledProcedure = sourceRule({
  id: 'ZT040',
  name: 'uncalled-procedure',
  severity: 'error',
  description: 'Every procedure is called somewhere: a procedure runs only when a process calls it, so one never called is dead code (and a model with procedures needs a process).',
  check(src, report) {
    const called = new Set(unitsOf(src).flatMap((u) => calledIn(u.decl.body)));
    for (const q of src.procedures) {
      if (!called.has(q.name)) report(q.loc, `procedure '${q.name}' is never called${src.processes.length ? '' : ' (the model has no process to call it)'}`);
    }
  },
});
