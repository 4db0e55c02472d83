import type * as ir from '../../ir/nodes.js';
import { exprChildren, sortExprs } from '../../ir/walk.js';
import { GENERATED } from '../names.js';
import { moduleRule } from './rule.js';

/** What makes a formula more than a state predicate, and where. */
interface Beyond { readonly what: string; readonly loc: ir.SourceLoc }

/** What each role is called, what TLC does with one that is not a state predicate, and what to write instead. */
const ROLES: Partial<Record<ir.DefinitionRole, { readonly word: string; readonly tlc: string; readonly instead: string }>> = {
  invariant: { word: 'invariant', tlc: 'TLC refuses it before the search ("not a state predicate")', instead: 'to check steps, state it as a property: m.property(name, alwaysAction(…))' },
  // zswap-tla checks a cover as the invariant ~name.
  cover: { word: 'cover', tlc: 'TLC, which checks it as an invariant, refuses it before the search', instead: 'a cover is a state to reach: state it over the current state' },
  constraint: { word: 'state constraint', tlc: 'TLC evaluates it in each state, and fails at the first', instead: 'a state constraint reads the current state only' },
};

/**
 * An invariant, state constraint or cover is evaluated in states. With a prime or an action in
 * it, TLC refuses an invariant before the search ("The invariant Bad is not a state predicate
 * (one with no primes or temporal operators)"), where the embedded checkers raised an evaluation
 * error at the first state; a constraint failed at the first state on every checker. The sorts
 * keep actions and temporal formulas out; `primed()`, `ref()` and an instance's `predicate()`
 * are how one gets in.
 */
export const statePredicate = moduleRule({
  id: 'ZT048',
  name: 'state-predicate',
  severity: 'error',
  description: 'An invariant, state constraint, cover or variable\'s type (which TypeOK checks) is a state predicate: no primed variable, action, UNCHANGED or temporal formula in it, directly or through the definitions and instances it uses (inside ENABLED is fine). TLC refuses such an invariant, cover or TypeOK before the search and fails such a constraint at the first state.',
  check(m, report) {
    const beyond = levelReader(m);
    for (const d of m.definitions) {
      const role = ROLES[d.role];
      const found = role ? beyond(d.body, d.loc) : undefined;
      if (role && found) report(found.loc, `${role.word} '${d.name}' is not a state predicate: it holds ${found.what}, and ${role.tlc}; ${role.instead}`);
    }
    // TypeOK says each variable is in its type's set: the type is part of an invariant too.
    for (const v of m.variables) {
      for (const e of v.typeInvariant ? [] : sortExprs(v.sort)) {
        const found = beyond(e, v.loc);
        if (!found) continue;
        report(found.loc, `the type of variable '${v.name}' is not a state predicate: it holds ${found.what}, and TLC refuses TypeOK, which checks it, before the search; a type reads the current state only`);
        break;
      }
    }
  },
});

/**
 * The first thing in an expression of `m` that is beyond a state predicate, through the
 * definitions it names and an instance's (`I!Def`, judged in the instanced module): a prime, an
 * UNCHANGED, an action (Next included), a temporal formula, or a property.
 */
function levelReader(m: ir.Module): (e: ir.Expr, holder: ir.SourceLoc) => Beyond | undefined {
  const defs = new Map(m.definitions.map((d) => [d.name, d]));
  // Of the names only the emitter defines, ZT019 lets an expression name Next and vars (and an instance's any).
  const actions = new Set([...m.actions.map((a) => a.name), GENERATED.next]);
  const temporal = new Set([GENERATED.spec, ...m.definitions.filter((d) => d.role === 'property').map((d) => d.name)]);
  const instances = new Map<string, (e: ir.Expr, holder: ir.SourceLoc) => Beyond | undefined>();
  const instanceReader = (name: string) => {
    if (!instances.has(name)) { const i = m.instances?.find((x) => x.name === name); if (i) instances.set(name, levelReader(i.module)); }
    return instances.get(name);
  };
  // Per definition: what in it is beyond a state predicate (located in it), or null.
  const memo = new Map<string, Beyond | null>();
  const throughName = (name: string, loc: ir.SourceLoc): Beyond | undefined => {
    if (actions.has(name)) return { what: name === GENERATED.next ? 'Next (an action)' : `action '${name}'`, loc };
    if (temporal.has(name)) return { what: `'${name}' (a temporal formula)`, loc };
    const bang = name.indexOf('!');
    if (bang > 0) {
      const inner = instanceReader(name.slice(0, bang))?.({ kind: 'ref', name: name.slice(bang + 1) }, loc);
      return inner && { what: `'${name}', which is ${inner.what}`, loc };
    }
    const d = defs.get(name);
    if (!d) return undefined;
    if (!memo.has(name)) {
      memo.set(name, null); // a cycle is ZT046's (it runs first)
      memo.set(name, walk(d.body, d.loc) ?? null);
    }
    const inner = memo.get(name);
    return inner ? { what: `'${name}', which holds ${inner.what}`, loc } : undefined;
  };
  const walk = (x: ir.Expr, above: ir.SourceLoc): Beyond | undefined => {
    const loc = x.loc ?? above;
    if (x.kind === 'prime') return { what: x.operand.kind === 'ref' ? `${x.operand.name}' (a primed variable)` : 'a primed expression', loc };
    if (x.kind === 'unchanged') return { what: 'UNCHANGED', loc };
    if (isTemporal(x)) return { what: 'a temporal formula', loc };
    if (x.kind === 'builtin' && x.op === 'ENABLED') return undefined; // ENABLED A is a state predicate, whatever A is
    const named = x.kind === 'ref' ? throughName(x.name, loc) : x.kind === 'call' ? throughName(x.op, loc) : undefined;
    if (named) return named;
    for (const c of exprChildren(x)) {
      const found = walk(c, loc);
      if (found) return found;
    }
    return undefined;
  };
  return walk;
}

/** `[]F`, `<>F`, `F ~> G`, `WF`/`SF` and `[][A]_v`: formulas over behaviours. */
const isTemporal = (x: ir.Expr): boolean => x.kind === 'fair' || x.kind === 'boxAction'
  || (x.kind === 'builtin' && (x.op === '[]' || x.op === '<>')) || (x.kind === 'infix' && x.op === '~>');
