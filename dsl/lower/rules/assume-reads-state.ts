import type * as ir from '../../ir/nodes.js';
import { someExpr } from '../../ir/walk.js';
import { stateReader } from './constant-invariant.js';
import { moduleRule } from './rule.js';

/**
 * `m.assume` states something about the constants: TLC evaluates an ASSUME once, before any
 * state exists, and stops with an error when it reads a variable; a state predicate is an
 * invariant (`m.invariant`) or, for the initial state, part of `Init`.
 */
export const assumeReadsState = moduleRule({
  id: 'ZT043',
  name: 'assume-reads-state',
  severity: 'error',
  description: 'An ASSUME (m.assume) reads constants only: it is evaluated once before any state exists, so a variable in it is an error in TLC; a property of states is an invariant.',
  check(m, report) {
    const vars = new Set(m.variables.map((v) => v.name));
    const defs = new Map(m.definitions.map((d) => [d.name, d]));
    const seen = new Set<string>();
    const reads = (e: ir.Expr): boolean => someExpr(e, (x) => {
      const name = x.kind === 'ref' ? x.name : x.kind === 'call' ? x.op : undefined;
      if (name === undefined) return x.kind === 'prime';
      if (vars.has(name)) return true;
      const d = defs.get(name);
      if (!d || seen.has(name)) return false;
      seen.add(name);
      return reads(d.body);
    });
    // Actions, Next, and an instance's definitions read the state as invariants do (ZT012).
    const readsState = stateReader(m);
    for (const d of m.definitions) {
      if (d.role === 'assumption' && (reads(d.body) || readsState(d.body))) {
        report(d.loc, `ASSUME${d.name ? ` '${d.name}'` : ''} reads a variable: an assumption is about constants only (TLC evaluates it before any state exists); state it as an invariant instead`);
      }
    }
  },
});
