import { allStmts, exprNodes, stmtExprs } from '../../ir/walk.js';
import { sourceRule } from './rule.js';

/**
 * In a process or procedure a step's statements run in order, as in PlusCal: after `set(x, …)`
 * the step reads `x` as its new value, and lowering writes the prime itself. A `primed(x)` there
 * was primed again (`x''`, which TLC's parser rejects) or read an `x'` no statement had set.
 */
export const primeInProcess = sourceRule({
  id: 'ZT045',
  name: 'prime-in-process',
  severity: 'error',
  description: "A process or procedure statement never primes a variable: after an assignment earlier in the step the variable already reads its new value (lowering writes the prime), so `primed(x)` there printed `x''`, which TLC's parser rejects.",
  check(src, report) {
    for (const u of [...src.processes, ...src.procedures]) {
      const owner = `${'ids' in u ? 'process' : 'procedure'} '${u.name}'`;
      for (const s of allStmts(u.body)) {
        for (const e of stmtExprs(s)) {
          for (const { node, loc } of exprNodes(e, s.loc)) {
            if (node.kind !== 'prime') continue;
            const name = node.operand.kind === 'ref' ? node.operand.name : 'a variable';
            report(loc, `${name}' in ${owner}: write ${name} — in a step a variable assigned by an earlier statement already reads its new value (lowering writes the prime, as PlusCal does), so ${name}' would print as ${name}''`);
          }
        }
      }
    }
  },
});
