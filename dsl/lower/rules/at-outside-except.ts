import type * as ir from '../../ir/nodes.js';
import { exprChildren, moduleExprs } from '../../ir/walk.js';
import { moduleRule, type Report } from './rule.js';

export const atOutsideExcept = moduleRule({
  id: 'ZT015',
  name: 'at-outside-except',
  severity: 'error',
  description: "The old value a path's `.to((old) => …)` callback receives is TLA+'s `@`: it means something only inside that EXCEPT's new value, so it must not escape the callback.",
  check(m, report) {
    for (const { expr, loc, owner } of moduleExprs(m)) visit(expr, loc, false, owner, report);
  },
});

function visit(e: ir.Expr, outer: ir.SourceLoc, inValue: boolean, owner: string, report: Report): void {
  const loc = e.loc ?? outer;
  if (e.kind === 'at' && !inValue) report(loc, `the old value of an update path (TLA+'s @) is used in ${owner} outside the EXCEPT it belongs to`);
  if (e.kind === 'except') {
    visit(e.fn, loc, inValue, owner, report);
    for (const u of e.updates) {
      for (const p of u.path) if (p.kind === 'index') visit(p.key, loc, inValue, owner, report);
      visit(u.value, loc, true, owner, report);
    }
    return;
  }
  for (const c of exprChildren(e)) visit(c, loc, inValue, owner, report);
}
