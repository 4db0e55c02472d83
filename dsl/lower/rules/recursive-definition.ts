import type * as ir from '../../ir/nodes.js';
import { exprNodes } from '../../ir/walk.js';
import { GENERATED } from '../names.js';
import { moduleRule } from './rule.js';

/** A name a formula uses, and where (the innermost located node around the use). */
interface Use { readonly name: string; readonly loc: ir.SourceLoc }

/**
 * A definition that refers to itself, directly or through others, is printed as written: TLA+
 * allows that only for an operator declared RECURSIVE, which zswap-tla does not print, so SANY
 * refuses the module ("Unknown operator") while both embedded checkers recursed until the stack
 * ran out. `Next` counts as using every action and process step, as it is printed.
 */
export const recursiveDefinition = moduleRule({
  id: 'ZT046',
  name: 'recursive-definition',
  severity: 'error',
  description: 'No definition or action refers to itself, directly or through others (`Next` included, which uses every action): TLA+ allows that only for an operator declared RECURSIVE, which zswap-tla does not print, so SANY refuses the module.',
  check(m, report) {
    // The formulas the model wrote first, then those lowering writes (a process's steps as one
    // disjunction, `Next`): a cycle is found from, and reported in, one the model wrote.
    const uses = new Map<string, Use[]>();
    const processSteps = m.definitions.filter((d) => d.role === 'step');
    for (const d of m.definitions) if (d.role !== 'step') uses.set(d.name, usesOf(d.body, d.loc));
    for (const a of m.actions) uses.set(a.name, usesOf(a.formula, a.loc));
    for (const d of processSteps) uses.set(d.name, usesOf(d.body, d.loc));
    const nextUses = [...m.actions.filter((a) => !a.process), ...processSteps];
    uses.set(GENERATED.next, [...nextUses.map((s) => ({ name: s.name, loc: s.loc })), ...(m.allDone ? usesOf(m.allDone, m.loc) : [])]);

    // Depth first, in that order. A use of a name on the path closes a cycle: it is reported
    // once, at the use that leaves the cycle's first name (in that name's own formula).
    const done = new Set<string>();
    const path: { readonly name: string; out?: ir.SourceLoc }[] = [];
    const visit = (name: string): void => {
      const here: (typeof path)[number] = { name };
      path.push(here);
      for (const u of uses.get(name)!) {
        here.out = u.loc;
        const at = path.findIndex((p) => p.name === u.name);
        if (at >= 0) {
          const cycle = [...path.slice(at).map((p) => p.name), u.name];
          const through = cycle.slice(1, -1).map((n) => `'${n}'`).join(', ');
          report(path[at]!.out!, `'${u.name}' refers to itself${through ? ` through ${through}` : ''} (${cycle.join(' → ')}): TLA+ allows that only for an operator declared RECURSIVE, which zswap-tla does not print; compute it without recursion (over a finite set, with a quantifier, a set filter or a function)`);
        } else if (!done.has(u.name) && uses.has(u.name)) visit(u.name);
      }
      path.pop();
      done.add(name);
    };
    for (const name of uses.keys()) if (!done.has(name)) visit(name);
  },
});

/** The names `e` refers to and the operators it calls, in the order written, each where it is used. */
function usesOf(e: ir.Expr, holder: ir.SourceLoc): Use[] {
  // No LET scope: ZT017 refuses a LET named like a module-level name, so a LET's name is never one of `uses`' keys.
  const out: Use[] = [];
  for (const { node, loc } of exprNodes(e, holder)) {
    if (node.kind === 'ref') out.push({ name: node.name, loc });
    else if (node.kind === 'call') out.push({ name: node.op, loc });
  }
  return out;
}
