import { exprNodes, moduleExprs } from '../../ir/walk.js';
import { GENERATED_NAMES, IDENTIFIER, moduleNames, RESERVED_WORDS } from '../names.js';
import { moduleRule } from './rule.js';

export const letName = moduleRule({
  id: 'ZT017',
  name: 'let-name',
  severity: 'error',
  description: 'The name letIn gives is a TLA+ identifier that no module-level name (a named spec and an instance included), reserved word or generated name already has (TLA+ forbids redefining a name in scope), nor an enclosing LET has.',
  check(m, report) {
    // Every module-level name, wherever it is printed: SANY refuses a LET name defined above the
    // LET (an invariant's LET, say, below the named specs and instances), and one defined below
    // would read as the same name.
    const taken = new Set(moduleNames(m));
    for (const { expr, loc, owner } of moduleExprs(m)) {
      for (const { node, loc: at } of exprNodes(expr, loc)) {
        if (node.kind !== 'let') continue;
        if (!IDENTIFIER.test(node.name)) report(at, `letIn('${node.name}', …) in ${owner}: not a TLA+ identifier`);
        else if (RESERVED_WORDS.has(node.name) || GENERATED_NAMES.includes(node.name) || taken.has(node.name)) {
          report(at, `letIn('${node.name}', …) in ${owner} redefines '${node.name}', which is already a name of the module (or of TLA+); choose another`);
        }
        // A LET's own name is in scope in its body (a bound identifier's is not a LET's concern:
        // the emitter names those apart from every LET of their definition).
        for (const inner of exprNodes(node.body, at)) {
          if (inner.node.kind === 'let' && inner.node.name === node.name) report(inner.loc, `letIn('${node.name}', …) in ${owner} is inside a letIn of the same name, which TLA+ refuses; choose another`);
        }
      }
    }
  },
});
