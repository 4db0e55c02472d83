import type * as ir from '../ir/nodes.js';
import { exprChildren } from '../ir/walk.js';

/** A module-level definition to print: its name, the names it uses, and how to print it. */
export interface Printable {
  readonly name: string;
  readonly uses: ReadonlySet<string>;
  readonly print: () => void;
}

/**
 * The names `exprs` use that may be module-level definitions: each name referred to and each
 * operator called — an instance's for `I!Op` — but not a name a LET around it binds (a LET may
 * reuse a later definition's name; taken for a use, it could make a false cycle).
 */
export function namesUsed(...exprs: readonly ir.Expr[]): Set<string> {
  const out = new Set<string>();
  const use = (name: string, lets: ReadonlySet<string>) => { if (!lets.has(name)) out.add(name.split('!')[0]!); };
  const visit = (x: ir.Expr, lets: ReadonlySet<string>): void => {
    if (x.kind === 'ref') use(x.name, lets);
    else if (x.kind === 'call') use(x.op, lets);
    if (x.kind === 'let') {
      visit(x.value, lets);
      visit(x.body, new Set([...lets, x.name]));
      return;
    }
    for (const c of exprChildren(x)) visit(c, lets);
  };
  for (const e of exprs) visit(e, new Set());
  return out;
}

/**
 * `items` in the order given, except that each comes after every item it uses: SANY wants a name
 * defined before its use, and printing by role (helpers first, actions before the definitions of
 * action sort, invariants before covers) can put a definition after a formula that uses it. The
 * order changes only where it must, so a module without such a use prints as it always did.
 */
export function inReferenceOrder<T extends Printable>(items: readonly T[]): T[] {
  const byName = new Map(items.map((i) => [i.name, i]));
  const out: T[] = [];
  const placed = new Set<T>();
  const place = (i: T): void => {
    if (placed.has(i)) return;
    // Marked before its uses are placed: a cycle (which SANY rejects anyway) ends here.
    placed.add(i);
    for (const n of i.uses) { const d = byName.get(n); if (d) place(d); }
    out.push(i);
  };
  for (const i of items) place(i);
  return out;
}
