import type * as ir from '../ir/nodes.js';
import { DslError } from '../errors.js';

/**
 * Turns an action's items into one TLA+ formula: guards as conjuncts, assignments as `v' = e`,
 * and `UNCHANGED` for every variable a branch leaves alone, so each disjunct of Next determines
 * every primed variable (TLC needs that). Assigning a variable twice on one path is an error.
 */
export function actionFormula(action: ir.Action, variables: readonly string[]): ir.Expr {
  const assigned = collectAssigned(action.body, action.name, new Map());
  const rest = variables.filter((v) => !assigned.has(v));
  const conj = [...action.body.map((it) => itemFormula(it, action.name)), ...(rest.length ? [unchanged(rest)] : [])];
  return { k: 'and', es: conj };
}

/** Variables assigned by these items, checking that none is assigned twice on one path. */
function collectAssigned(items: readonly ir.ActionItem[], action: string, seen: Map<string, ir.SourceLoc>): Map<string, ir.SourceLoc> {
  for (const it of items) {
    switch (it.k) {
      case 'guard':
      case 'assert': break;
      case 'assign': {
        const first = seen.get(it.a.variable);
        if (first) {
          throw new DslError(`'${it.a.variable}' is assigned twice in action '${action}'`, it.a.loc, [{ message: 'first assigned here', loc: first }]);
        }
        seen.set(it.a.variable, it.a.loc);
        break;
      }
      case 'choose': collectAssigned(it.body, action, seen); break;
      case 'branch': {
        const union = new Map<string, ir.SourceLoc>();
        for (const alt of it.alts) {
          for (const [v, loc] of collectAssigned(alt, action, new Map(seen))) if (!seen.has(v)) union.set(v, loc);
        }
        for (const [v, loc] of union) seen.set(v, loc);
        break;
      }
    }
  }
  return seen;
}

function itemFormula(it: ir.ActionItem, action: string): ir.Expr {
  switch (it.k) {
    case 'guard': return it.e;
    case 'assert': return { k: 'call', op: 'Assert', args: [it.e, { k: 'str', v: it.name }], loc: it.loc };
    case 'assign': return { k: 'infix', op: '=', a: { k: 'prime', e: { k: 'ref', name: it.a.variable } }, b: it.a.value, loc: it.a.loc };
    case 'choose': return { k: 'quant', q: '\\E', binder: it.binder, set: it.set, body: { k: 'and', es: it.body.map((x) => itemFormula(x, action)) }, loc: it.loc };
    case 'branch': {
      const perAlt = it.alts.map((alt) => new Set(collectAssigned(alt, action, new Map()).keys()));
      const all = new Set(perAlt.flatMap((s) => [...s]));
      return {
        k: 'or',
        loc: it.loc,
        es: it.alts.map((alt, i) => {
          const missing = [...all].filter((v) => !perAlt[i]!.has(v));
          return { k: 'and', es: [...alt.map((x) => itemFormula(x, action)), ...(missing.length ? [unchanged(missing)] : [])] };
        }),
      };
    }
  }
}

function unchanged(names: readonly string[]): ir.Expr {
  return { k: 'unchanged', names };
}
