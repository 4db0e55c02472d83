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
  return { kind: 'and', operands: conj };
}

/** Variables assigned by these items, checking that none is assigned twice on one path. */
function collectAssigned(items: readonly ir.ActionItem[], action: string, seen: Map<string, ir.SourceLoc>): Map<string, ir.SourceLoc> {
  for (const it of items) {
    switch (it.kind) {
      case 'guard':
      case 'assert': break;
      case 'assign': {
        const first = seen.get(it.variable);
        if (first) {
          throw new DslError(`'${it.variable}' is assigned twice in action '${action}'`, it.loc, [{ message: 'first assigned here', loc: first }]);
        }
        seen.set(it.variable, it.loc);
        break;
      }
      case 'with': collectAssigned(it.body, action, seen); break;
      case 'either': {
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
  switch (it.kind) {
    case 'guard': return it.cond;
    case 'assert': return { kind: 'call', op: 'Assert', args: [it.cond, { kind: 'str', value: it.name }], loc: it.loc };
    case 'assign': return { kind: 'infix', op: '=', left: { kind: 'prime', operand: { kind: 'ref', name: it.variable } }, right: it.value, loc: it.loc };
    case 'with': return { kind: 'quant', quantifier: '\\E', binder: it.binder, set: it.set, body: { kind: 'and', operands: it.body.map((x) => itemFormula(x, action)) }, loc: it.loc };
    case 'either': {
      const perAlt = it.alts.map((alt) => new Set(collectAssigned(alt, action, new Map()).keys()));
      const all = new Set(perAlt.flatMap((s) => [...s]));
      return {
        kind: 'or',
        loc: it.loc,
        operands: it.alts.map((alt, i) => {
          const missing = [...all].filter((v) => !perAlt[i]!.has(v));
          return { kind: 'and', operands: [...alt.map((x) => itemFormula(x, action)), ...(missing.length ? [unchanged(missing)] : [])] };
        }),
      };
    }
  }
}

function unchanged(names: readonly string[]): ir.Expr {
  return { kind: 'unchanged', names };
}
