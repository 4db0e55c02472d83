import type * as ir from '../../ir/nodes.js';
import { someExpr } from '../../ir/walk.js';
import { moduleRule } from './rule.js';

/**
 * An invariant must read the state. One that reads no variable is a constant formula: TLC
 * evaluates it once at start-up and, when FALSE, stops with an error instead of a trace, while
 * tla-checker reports the initial state as violating it — the backends would disagree
 * (test/fixtures/fuzz/tlc-constant-false-invariant).
 */
export const constantInvariant = moduleRule({
  id: 'ZT012',
  name: 'constant-invariant',
  severity: 'error',
  description: 'An invariant reads at least one variable (directly or through definitions): TLC checks a constant formula once at start-up, and stops with an error when it is FALSE, where tla-checker reports the initial state.',
  check(m, report) {
    const readsState = stateReader(m);
    for (const d of m.definitions) {
      if (d.role === 'invariant' && !readsState(d.body)) {
        report(d.loc, `invariant '${d.name}' reads no variable: it is a constant formula, which TLC checks once at start-up (an error when FALSE) rather than in every state; state it over variables`);
      }
    }
  },
});

/**
 * Whether an expression of `m` reads a variable, directly or through the definitions it names.
 * An action reads the state too (`ENABLED A`: its guards, its process's `pc`), and so does a
 * definition of an instantiated module (`I!Def`, over the variables substituted for its own).
 */
export function stateReader(m: ir.Module): (e: ir.Expr) => boolean {
  const vars = new Set(m.variables.map((v) => v.name));
  const actions = new Set(m.actions.map((a) => a.name));
  const defs = new Map(m.definitions.map((d) => [d.name, d]));
  const memo = new Map<string, boolean>();
  const defReads = (name: string): boolean => {
    if (vars.has(name) || actions.has(name) || name.includes('!')) return true;
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, false); // a recursive reference reads nothing by itself
    const d = defs.get(name);
    const reads = d !== undefined && readsState(d.body);
    memo.set(name, reads);
    return reads;
  };
  const readsState = (e: ir.Expr): boolean => someExpr(e, (x) => (x.kind === 'ref' && defReads(x.name)) || (x.kind === 'call' && defReads(x.op)));
  return readsState;
}
