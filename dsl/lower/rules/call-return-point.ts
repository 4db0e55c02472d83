import type * as ir from '../../ir/nodes.js';
import { stmtChildren } from '../../ir/walk.js';
import { unitsOf } from '../units.js';
import { sourceRule, type Report } from './rule.js';

export const callReturnPoint = sourceRule({
  id: 'ZT039',
  name: 'call-return-point',
  severity: 'error',
  description: "What follows a call is where it returns to: a label, a loop or a goto (or, in a process, the end of its body: the process is then Done).",
  check(src, report) {
    for (const u of unitsOf(src)) visit(u.decl.body, u.kind === 'process' ? 'end' : undefined, report);
  },
});

/** `after`: the statement that runs when `list` ends (a loop body goes back to its label). */
function visit(list: readonly ir.Stmt[], after: ir.Stmt | 'end' | undefined, report: Report): void {
  list.forEach((s, i) => {
    const next = list[i + 1] ?? after;
    if (s.kind === 'call' && !(next === 'end' || next?.kind === 'label' || next?.kind === 'while' || next?.kind === 'goto')) {
      report(s.loc, `the statement after a call of '${s.procedure}' must be a label, loop or goto (where the call returns to)${next === undefined ? '; a procedure ends with ret()' : ''}`);
    }
    const loopBack: ir.Stmt | undefined = s.kind === 'while' ? { kind: 'goto', label: s.label, loc: s.loc } : undefined;
    for (const inner of stmtChildren(s)) visit(inner, loopBack ?? next, report);
  });
}
