import { exprNodes, moduleExprs } from '../../ir/walk.js';
import { moduleRule } from './rule.js';

export const localOutsideProcess = moduleRule({
  id: 'ZT013',
  name: 'local-outside-process',
  severity: 'error',
  description: "A process or procedure local is read only inside that process's or procedure's own body: elsewhere (an invariant, a definition, a plain action) there is no `self` to index it by.",
  check(m, report) {
    // Lowering turned every local read inside a process into `name[self]`: any left are outside one.
    for (const { expr, loc, owner } of moduleExprs(m)) {
      for (const { node, loc: at } of exprNodes(expr, loc)) {
        if (node.kind === 'local') report(at, `process local '${node.name}' is read in ${owner}, outside its process: only the process's own steps can read it (to state something about every process, make it a variable indexed by process)`);
      }
    }
  },
});
