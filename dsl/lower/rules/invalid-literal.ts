import { exprNodes, sourceExprs } from '../../ir/walk.js';
import { sourceRule } from './rule.js';

/**
 * A literal the sort cannot hold: `t.int(3, 1)`, `1.5` (TLA+ has integers only), an enum value
 * the enum does not list (reachable past the types through a cast), `cases([])`. The builder
 * throws a `RangeError`; `model()` turns it into this rule's error at the user's call. The
 * check catches a non-integer number that reached the IR another way.
 */
export const invalidLiteral = sourceRule({
  id: 'ZT042',
  name: 'invalid-literal',
  severity: 'error',
  description: 'A literal must be a value of its sort: integers only (no 1.5), lo <= hi in t.int, an enum value the enum lists; the builder rejects it at the call instead of crashing gen.',
  check(src, report) {
    for (const { expr, loc, owner } of sourceExprs(src)) {
      for (const { node, loc: at } of exprNodes(expr, loc)) {
        if (node.kind === 'int' && !Number.isSafeInteger(node.value)) report(at, `${owner}: ${node.value} is not an integer (TLA+ has integers only)`);
      }
    }
  },
});
