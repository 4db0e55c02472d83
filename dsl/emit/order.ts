import type * as ir from '../ir/nodes.js';
import { someExpr } from '../ir/walk.js';

/** A module-level definition to print: its name, the names it uses, and how to print it. */
export interface Printable {
  readonly name: string;
  readonly uses: ReadonlySet<string>;
  readonly print: () => void;
}

/** The module-level names `exprs` use: each name referred to and each operator called. */
export function namesUsed(...exprs: readonly ir.Expr[]): Set<string> {
  const out = new Set<string>();
  for (const e of exprs) someExpr(e, (x) => { if (x.kind === 'ref') out.add(x.name); else if (x.kind === 'call') out.add(x.op); return false; });
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
