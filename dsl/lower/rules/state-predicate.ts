import type * as ir from '../../ir/nodes.js';
import { exprChildren } from '../../ir/walk.js';
import { GENERATED } from '../names.js';
import { moduleRule } from './rule.js';

/** What makes a formula more than a state predicate, and where. */
interface Beyond { readonly what: string; readonly loc: ir.SourceLoc }

/** What each role is called, and what TLC does with one that is not a state predicate. */
const ROLES: Partial<Record<ir.DefinitionRole, { readonly word: string; readonly tlc: string }>> = {
  invariant: { word: 'invariant', tlc: 'TLC refuses it before the search ("not a state predicate")' },
  // A cover is checked as the invariant ~name.
  cover: { word: 'cover', tlc: 'TLC, which checks it as an invariant, refuses it before the search ("not a state predicate")' },
  constraint: { word: 'state constraint', tlc: 'TLC evaluates it in each state, where a next state does not exist: an evaluation error at the first state' },
};

/**
 * An invariant, state constraint or cover is evaluated in states. With a prime or an action in
 * it, TLC refuses an invariant before the search ("The invariant Bad is not a state predicate
 * (one with no primes or temporal operators)"), where the embedded checkers raised an evaluation
 * error at the first state; a constraint fails at the first state on every checker. The sorts
 * keep actions and temporal formulas out; `primed()` and `ref()` are how one gets in.
 */
export const statePredicate = moduleRule({
  id: 'ZT048',
  name: 'state-predicate',
  severity: 'error',
  description: 'An invariant, state constraint or cover is a state predicate: no primed variable, action, UNCHANGED or temporal operator in it, directly or through the definitions it uses (inside ENABLED is fine); TLC refuses one before the search.',
  check(m, report) {
    const beyond = levelReader(m);
    for (const d of m.definitions) {
      const role = ROLES[d.role];
      const found = role ? beyond(d.body, d.loc) : undefined;
      if (role && found) report(found.loc, `${role.word} '${d.name}' is not a state predicate: it holds ${found.what}, and ${role.tlc}; to check steps, state it as a property: m.property(name, alwaysAction(…))`);
    }
  },
});

/**
 * The first thing in an expression of `m` that is beyond a state predicate, through the
 * definitions it names: a prime, an UNCHANGED, an action (Next included) or a property (a
 * temporal formula). Those last two reach a state predicate only by name.
 */
function levelReader(m: ir.Module): (e: ir.Expr, holder: ir.SourceLoc) => Beyond | undefined {
  const defs = new Map(m.definitions.map((d) => [d.name, d]));
  // Of this module's generated names, ZT019 lets an expression name Next and vars only.
  const actions = new Set([...m.actions.map((a) => a.name), GENERATED.next]);
  const temporal = new Set(m.definitions.filter((d) => d.role === 'property').map((d) => d.name));
  // Per definition: what in it is beyond a state predicate (located in it), or null.
  const memo = new Map<string, Beyond | null>();
  const throughName = (name: string, loc: ir.SourceLoc): Beyond | undefined => {
    if (actions.has(name)) return { what: name === GENERATED.next ? 'Next (an action)' : `action '${name}'`, loc };
    if (temporal.has(name)) return { what: `'${name}' (a temporal formula)`, loc };
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
