import type * as ir from '../../ir/nodes.js';
import { someExpr } from '../../ir/walk.js';
import { definedNames } from '../names.js';
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
 * An action, and the formulas zswap-tla defines over every variable (`Next`, `vars`, `TypeOK`,
 * `Init`, `Spec`, `Terminating`, a named spec), read the state when the module has a variable.
 * `I!Def` reads it when `Def`, in the instantiated module, reads a variable or constant whose
 * substitute reads ours (one not substituted is ours of that name). `counts` says which of `m`'s
 * variables and constants count (every variable and no constant, but in an instantiated module).
 */
export function stateReader(m: ir.Module, counts: (name: string, constant: boolean) => boolean = (_, constant) => !constant): (e: ir.Expr) => boolean {
  const vars = new Set(m.variables.filter((v) => counts(v.name, false)).map((v) => v.name));
  const consts = new Set(m.constants.filter((c) => counts(c.name, true)).map((c) => c.name));
  const defs = new Map(m.definitions.map((d) => [d.name, d]));
  const overEveryVariable = new Set([...definedNames(m)].filter((n) => !defs.has(n)));
  const instances = new Map<string, (e: ir.Expr) => boolean>();
  const instanceReader = (name: string): ((e: ir.Expr) => boolean) | undefined => {
    const known = instances.get(name);
    if (known) return known;
    const inst = m.instances?.find((i) => i.name === name);
    if (!inst) return undefined;
    const subs = new Map(inst.with);
    const reader = stateReader(inst.module, (n) => { const sub = subs.get(n); return sub ? readsState(sub) : vars.has(n) || consts.has(n); });
    instances.set(name, reader);
    return reader;
  };
  const memo = new Map<string, boolean>();
  const defReads = (name: string): boolean => {
    if (vars.has(name) || consts.has(name)) return true;
    if (overEveryVariable.has(name)) return vars.size > 0;
    const known = memo.get(name);
    if (known !== undefined) return known;
    memo.set(name, false); // a cycle reads nothing by itself (ZT046 refuses one before this rule runs)
    const bang = name.indexOf('!');
    const d = defs.get(name);
    const reads = bang > 0 ? instanceReader(name.slice(0, bang))?.({ kind: 'ref', name: name.slice(bang + 1) }) ?? true
      : d !== undefined && readsState(d.body);
    memo.set(name, reads);
    return reads;
  };
  const readsState = (e: ir.Expr): boolean => someExpr(e, (x) => (x.kind === 'ref' && defReads(x.name)) || (x.kind === 'call' && defReads(x.op)));
  return readsState;
}
