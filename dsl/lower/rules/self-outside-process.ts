import { exprNodes, moduleExprs } from '../../ir/walk.js';
import { moduleRule } from './rule.js';

export const selfOutsideProcess = moduleRule({
  id: 'ZT014',
  name: 'self-outside-process',
  severity: 'error',
  description: "`self` (the running process's id, also read by the mutex helpers `held`, `lock`, `unlock`) exists only inside a process or procedure body.",
  check(m, report) {
    // Lowering bound every `self` inside a process to the step's parameter: any left are outside one.
    for (const { expr, loc, owner } of moduleExprs(m)) {
      for (const { node, loc: at } of exprNodes(expr, loc)) {
        if (node.kind === 'self') report(at, `'self' is used in ${owner}, outside any process: only a process or procedure body has a running process (held()/isFree() read it too; in an invariant, quantify over the ids instead)`);
      }
    }
  },
});
