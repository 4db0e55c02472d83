import type * as ir from '../../ir/nodes.js';
import { exprChildren, sortExprs, unreachable } from '../../ir/walk.js';
import { moduleRule, type Report } from './rule.js';

export const unboundVariable = moduleRule({
  id: 'ZT016',
  name: 'unbound-variable',
  severity: 'error',
  description: 'The value a callback receives (the x of forall(S, (x) => …), fn, filter, pick, withSome, an action parameter) is used only inside that callback: kept and used elsewhere it names nothing.',
  check(m, report) {
    const params = (bs: readonly ir.Binder[]) => new Set(bs.map((b) => b.id));
    for (const v of m.variables) {
      for (const e of [v.init, v.initSet, v.typeInvariant]) if (e) visit(e, new Set(), v.loc, `variable '${v.name}'`, report);
      // The type TypeOK prints for it.
      if (!v.typeInvariant) for (const e of sortExprs(v.sort)) visit(e, new Set(), v.loc, `the type of variable '${v.name}'`, report);
    }
    for (const d of m.definitions) visit(d.body, params(d.params), d.loc, `definition '${d.name}'`, report);
    for (const a of m.actions) {
      const owner = a.process ? `step '${a.label}' of ${a.process}` : `action '${a.name}'`;
      const scope = params(a.params.map((p) => p.binder));
      for (const p of a.params) visit(p.set, new Set(), a.loc, owner, report);
      items(a.body, scope, owner, report);
    }
  },
});

function items(body: readonly ir.ActionItem[], scope: ReadonlySet<number>, owner: string, report: Report): void {
  for (const it of body) {
    switch (it.kind) {
      case 'guard': case 'assert': visit(it.cond, scope, it.loc, owner, report); break;
      case 'assign': visit(it.value, scope, it.loc, owner, report); break;
      case 'either':
        if (it.cond) visit(it.cond, scope, it.loc, owner, report);
        for (const alt of it.alts) items(alt, scope, owner, report);
        break;
      case 'with':
        visit(it.set, scope, it.loc, owner, report);
        items(it.body, new Set([...scope, it.binder.id]), owner, report);
        break;
      default: unreachable(it);
    }
  }
}

function visit(e: ir.Expr, scope: ReadonlySet<number>, outer: ir.SourceLoc, owner: string, report: Report): void {
  const loc = e.loc ?? outer;
  switch (e.kind) {
    case 'bound':
      if (!scope.has(e.binder.id)) report(loc, `'${e.binder.hint}' is used in ${owner} outside the callback that binds it (a forall/exists/fn/filter/pick/withSome parameter names something only inside its callback)`);
      return;
    case 'quant': case 'choose': case 'setMap': case 'fn':
      visit(e.set, scope, loc, owner, report);
      visit(e.body, new Set([...scope, e.binder.id]), loc, owner, report);
      return;
    case 'setFilter':
      visit(e.set, scope, loc, owner, report);
      visit(e.pred, new Set([...scope, e.binder.id]), loc, owner, report);
      return;
    default:
      for (const c of exprChildren(e)) visit(c, scope, loc, owner, report);
  }
}
