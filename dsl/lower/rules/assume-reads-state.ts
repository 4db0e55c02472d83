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
    // Variables, actions, Next, an instance's definitions: the state, as invariants read it (ZT012).
    const readsState = stateReader(m);
    // A primed constant is no state, but TLC refuses it before any state exists all the same.
    const defs = new Map(m.definitions.map((d) => [d.name, d]));
    const memo = new Map<string, boolean>();
    const primes = (e: ir.Expr): boolean => someExpr(e, (x) => {
      if (x.kind === 'prime') return true;
      const name = x.kind === 'ref' ? x.name : x.kind === 'call' ? x.op : undefined;
      const d = name === undefined ? undefined : defs.get(name);
      if (!d) return false;
      if (!memo.has(name!)) { memo.set(name!, false); memo.set(name!, primes(d.body)); }
      return memo.get(name!)!;
    });
    for (const d of m.definitions) {
      if (d.role === 'assumption' && (readsState(d.body) || primes(d.body))) {
        report(d.loc, `ASSUME${d.name ? ` '${d.name}'` : ''} reads a variable: an assumption is about constants only (TLC evaluates it before any state exists); state it as an invariant instead`);
      }
    }
  },
});
