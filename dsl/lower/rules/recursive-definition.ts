import type * as ir from '../../ir/nodes.js';
import { allItems, exprNodes, stmtExprs } from '../../ir/walk.js';
import { GENERATED } from '../names.js';
import { moduleRule } from './rule.js';

/** A name a formula uses, and where (the innermost located node around the use). */
interface Use { readonly name: string; readonly loc: ir.SourceLoc }

/**
 * A definition that refers to itself, directly or through others, is printed as written: TLA+
 * allows that only for an operator declared RECURSIVE, which zswap-tla does not print, so SANY
 * refuses the module ("Unknown operator") while both embedded checkers recursed until the stack
 * ran out. `Next` counts as using what the emitter prints in it: every action outside a process
 * and its parameters' sets, every process's steps and ids, and `Terminating`'s condition; an
 * instance, its substitutions.
 */
export const recursiveDefinition = moduleRule({
  id: 'ZT046',
  name: 'recursive-definition',
  severity: 'error',
  description: 'No definition or action refers to itself, directly or through others (`Next` included, which uses every action, and an instance, which uses what its substitutions name): TLA+ allows that only for an operator declared RECURSIVE, which zswap-tla does not print, so SANY refuses the module.',
  check(m, report) {
    const uses = new Map<string, Use[]>();
    for (const d of m.definitions) uses.set(d.name, usesOf(d.body, d.loc));
    for (const a of m.actions) uses.set(a.name, [...allItems(a.body)].flatMap((s) => stmtExprs(s).flatMap((e) => usesOf(e, s.loc))));
    const plain = m.actions.filter((a) => !a.process);
    uses.set(GENERATED.next, [
      ...plain.flatMap((a) => [...a.params.flatMap((p) => usesOf(p.set, a.loc)), { name: a.name, loc: a.loc }]),
      ...(m.processes ?? []).flatMap((p) => [...usesOf(p.ids, m.loc), { name: p.name, loc: m.loc }]),
      ...(m.allDone ? usesOf(m.allDone, m.loc) : []),
    ]);
    // An instance uses what its substitutions name (and `I!Def` uses `I`). Spec and the named
    // specs are left out: ZT019 lets no expression name one (`I!Spec` is a use of `I`).
    const instances = new Set((m.instances ?? []).map((i) => i.name));
    for (const i of m.instances ?? []) uses.set(i.name, i.with.flatMap(([, e]) => usesOf(e, i.loc)));
    // Formulas lowering writes: a cycle is named and reported from the first name in it the model wrote.
    const lowered = new Set([GENERATED.next, ...m.definitions.filter((d) => d.role === 'step').map((d) => d.name)]);

    // Depth first. A use of a name on the path closes a cycle, reported once, at the use that
    // leaves its first written name for the next one (in that name's own formula).
    const done = new Set<string>();
    const path: { readonly name: string; out?: ir.SourceLoc }[] = [];
    const visit = (name: string): void => {
      const here: (typeof path)[number] = { name };
      path.push(here);
      for (const u of uses.get(name)!) {
        here.out = u.loc;
        const at = path.findIndex((p) => p.name === u.name);
        if (at >= 0) {
          const members = path.slice(at);
          // Every cycle holds an action or a definition: `Next` and the process steps use only actions.
          const from = Math.max(0, members.findIndex((p) => !lowered.has(p.name)));
          const cycle = [...members.slice(from), ...members.slice(0, from)].map((p) => p.name);
          const through = cycle.slice(1).map((n) => `'${n}'`).join(', ');
          const remedy = cycle.some((n) => instances.has(n)) ? 'an instance\'s substitutions cannot read what reads the instance: substitute something defined without it'
            : 'compute it without recursion (over a finite set, with a quantifier, a set filter or a function)';
          report(members[from]!.out!, `'${cycle[0]}' refers to itself${through ? ` through ${through}` : ''} (${[...cycle, cycle[0]].join(' → ')}): TLA+ allows that only for an operator declared RECURSIVE, which zswap-tla does not print; ${remedy}`);
        } else if (!done.has(u.name) && uses.has(u.name)) visit(u.name);
      }
      path.pop();
      done.add(name);
    };
    for (const name of uses.keys()) if (!done.has(name)) visit(name);
  },
});

/** The names `e` refers to and the operators it calls (an instance's `I!Def` as `I`), in the order written, each where it is used. */
function usesOf(e: ir.Expr, holder: ir.SourceLoc): Use[] {
  // No LET scope: ZT017 refuses a LET named like a module-level name, so a LET's name is never one of `uses`' keys.
  const out: Use[] = [];
  for (const { node, loc } of exprNodes(e, holder)) {
    const name = node.kind === 'ref' ? node.name : node.kind === 'call' ? node.op : undefined;
    if (name !== undefined) out.push({ name: name.split('!')[0]!, loc });
  }
  return out;
}
