import type * as ir from '../ir/nodes.js';
import { unreachable } from '../ir/walk.js';
import { ASSERTS_OFF } from './names.js';

/**
 * Turns an action's items into one TLA+ formula: guards as conjuncts, assignments as `v' = e`,
 * and `UNCHANGED` for every variable a branch leaves alone, so each disjunct of Next determines
 * every primed variable (TLC needs that).
 */
export function actionFormula(action: ir.ActionDecl, variables: readonly string[]): ir.Expr {
  const assigned = assignedBy(action.body);
  const rest = variables.filter((v) => !assigned.has(v));
  return { kind: 'and', operands: [...action.body.map(itemFormula), ...(rest.length ? [unchanged(rest)] : [])] };
}

/**
 * The variables these items assign on some path, each with where it is first assigned.
 * `onTwice` hears of every assignment to a variable already assigned on the same path
 * (rule ZT010 reports it); after an `either`, a variable any alternative assigns counts as
 * assigned.
 */
export function assignedBy(
  items: readonly ir.ActionItem[],
  onTwice: (again: ir.Assign, first: ir.SourceLoc) => void = () => {},
  seen: Map<string, ir.SourceLoc> = new Map(),
): Map<string, ir.SourceLoc> {
  for (const it of items) {
    switch (it.kind) {
      case 'guard':
      case 'assert': break;
      case 'assign': {
        const first = seen.get(it.variable);
        if (first) onTwice(it, first);
        else seen.set(it.variable, it.loc);
        break;
      }
      case 'with': assignedBy(it.body, onTwice, seen); break;
      case 'either': {
        const union = new Map<string, ir.SourceLoc>();
        for (const alt of it.alts) {
          for (const [v, loc] of assignedBy(alt, onTwice, new Map(seen))) if (!seen.has(v) && !union.has(v)) union.set(v, loc);
        }
        for (const [v, loc] of union) seen.set(v, loc);
        break;
      }
      default: unreachable(it);
    }
  }
  return seen;
}

function itemFormula(it: ir.ActionItem): ir.Expr {
  switch (it.kind) {
    case 'guard': return it.cond;
    case 'assert': {
      // `"Name" \notin AssertsOff => cond`: a switched-off assert does not even evaluate `cond`.
      const on: ir.Expr = { kind: 'infix', op: '\\notin', left: { kind: 'str', value: it.name }, right: { kind: 'ref', name: ASSERTS_OFF } };
      return { kind: 'call', op: 'Assert', args: [{ kind: 'infix', op: '=>', left: on, right: it.cond }, { kind: 'str', value: it.name }], loc: it.loc };
    }
    case 'assign': return { kind: 'infix', op: '=', left: { kind: 'prime', operand: { kind: 'ref', name: it.variable } }, right: it.value, loc: it.loc };
    case 'with': return { kind: 'quant', quantifier: '\\E', binder: it.binder, set: it.set, body: { kind: 'and', operands: it.body.map(itemFormula) }, loc: it.loc };
    case 'either': {
      // Each alternative leaves UNCHANGED what another one assigns; what none assigns is the caller's.
      const perAlt = it.alts.map((alt) => new Set(assignedBy(alt).keys()));
      const all = new Set(perAlt.flatMap((s) => [...s]));
      const branches = it.alts.map((alt, i): ir.Expr => {
        const missing = [...all].filter((v) => !perAlt[i]!.has(v));
        return { kind: 'and', operands: [...alt.map(itemFormula), ...(missing.length ? [unchanged(missing)] : [])] };
      });
      // An `if`: IF cond THEN … ELSE …, the same formula as (cond /\ …) \/ (~cond /\ …).
      if (it.cond) return { kind: 'if', cond: it.cond, then: branches[0]!, else: branches[1]!, loc: it.loc };
      return { kind: 'or', loc: it.loc, operands: branches };
    }
    default: return unreachable(it);
  }
}

function unchanged(names: readonly string[]): ir.Expr {
  return { kind: 'unchanged', names };
}
