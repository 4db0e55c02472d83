import { stmtExprNodes } from '../../ir/walk.js';
import { localsOf, unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const foreignLocal = sourceRule({
  id: 'ZT037',
  name: 'foreign-local',
  severity: 'error',
  description: "A process or procedure reads only its own locals (and a procedure its parameters): another unit's local has no value for this process.",
  check(src, report) {
    for (const u of unitsOf(src)) {
      const own = new Set(localsOf(u).map((l) => l.name));
      for (const { node, loc } of stmtExprNodes(u.decl.body)) {
        if (node.kind === 'local' && !own.has(node.name)) report(loc, `'${node.name}' is not a local of ${u.decl.name}`);
      }
    }
  },
});
