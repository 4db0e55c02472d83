import type * as ir from '../../ir/nodes.js';
import { exprNodes, moduleExprs } from '../../ir/walk.js';
import { moduleRule } from './rule.js';

/**
 * An operator used with another number of arguments than it takes is printed as written, and
 * SANY refuses the module ("The operator Below requires 1 arguments"); the compiled verifier
 * called it an unknown name and tla-checker an undefined variable, neither with a DSL line.
 * The handles pass every argument: this catches `ref()`, an instance's `predicate()` and
 * `action()`, and `m.steps()`, which name an operator by a string.
 */
export const operatorArity = moduleRule({
  id: 'ZT047',
  name: 'operator-arity',
  severity: 'error',
  description: "Every definition, action and instance operator is used with as many arguments as it takes: ref(), an instance's predicate() or action(), or m.steps() naming one that takes another number prints TLA+ that SANY refuses.",
  check(m, report) {
    const takes = arities(m);
    for (const { expr, loc, owner } of moduleExprs(m)) {
      for (const { node, loc: at } of exprNodes(expr, loc)) {
        const use = node.kind === 'ref' ? { name: node.name, given: 0 } : node.kind === 'call' ? { name: node.op, given: node.args.length } : undefined;
        const wanted = use && takes.get(use.name);
        if (use && wanted !== undefined && wanted !== use.given) {
          // A call's count differs only through m.steps() (handles pass every argument); a ref has none.
          const remedy = use.name.includes('!') ? "an instance's predicate() and action() name an operator without parameters: give the other model one"
            : node.kind === 'call' ? "m.steps() names a process, whose steps take the process's id"
            : 'use it through its handle, which passes its arguments';
          report(at, `'${use.name}' takes ${count(wanted)}, but ${owner} uses it with ${count(use.given)}, which SANY refuses; ${remedy}`);
        }
      }
    }
  },
});

/** How many arguments each operator of `m` takes, an instance's as `I!Op`. */
function arities(m: ir.Module): Map<string, number> {
  const out = new Map<string, number>();
  const add = (of: ir.Module, prefix: string) => {
    for (const d of of.definitions) out.set(prefix + d.name, d.params.length);
    for (const a of of.actions) out.set(prefix + a.name, a.params.length);
  };
  add(m, '');
  for (const i of m.instances ?? []) add(i.module, `${i.name}!`);
  return out;
}

const count = (n: number) => (n === 0 ? 'no argument' : n === 1 ? '1 argument' : `${n} arguments`);
