import type * as ir from '../../ir/nodes.js';
import { exprChildren, moduleExprs } from '../../ir/walk.js';
import { definedNames, GENERATED } from '../names.js';
import { moduleRule, type Report } from './rule.js';

export const unknownName = moduleRule({
  id: 'ZT019',
  name: 'unknown-name',
  severity: 'error',
  description: "Every name an expression refers to is declared in this module: a definition or action handle of another model, a ref() to a name never declared, or m.pc() in a model without processes would print an undefined operator.",
  check(m, report) {
    // Next and vars are always defined (m.next(), an action property's default subscript).
    const declared = new Set(['BOOLEAN', GENERATED.next, GENERATED.vars, ...[...m.constants, ...m.variables, ...m.definitions, ...m.actions].map((d) => d.name)]);
    const operators = new Set(['Assert', ...[...m.definitions, ...m.actions].map((d) => d.name)]);
    // `I!name`: a name the instanced module defines.
    for (const i of m.instances ?? []) for (const n of definedNames(i.module)) { declared.add(`${i.name}!${n}`); operators.add(`${i.name}!${n}`); }
    for (const { expr, loc, owner } of moduleExprs(m)) visit(expr, new Set(), loc, { declared, operators, owner, hasProcesses: !!m.processes, report });
  },
});

interface Ctx {
  readonly declared: ReadonlySet<string>;
  readonly operators: ReadonlySet<string>;
  readonly owner: string;
  readonly hasProcesses: boolean;
  readonly report: Report;
}

function visit(e: ir.Expr, lets: ReadonlySet<string>, outer: ir.SourceLoc, ctx: Ctx): void {
  const loc = e.loc ?? outer;
  if (e.kind === 'ref' && !ctx.declared.has(e.name) && !lets.has(e.name)) {
    ctx.report(loc, e.name === 'pc' && !ctx.hasProcesses
      ? `m.pc() is used in ${ctx.owner}, but the model has no process (pc exists only with processes)`
      : `'${e.name}' is used in ${ctx.owner} but is not declared in this model (a handle of another model?)`);
  }
  if (e.kind === 'call' && !ctx.operators.has(e.op)) ctx.report(loc, `'${e.op}(…)' is called in ${ctx.owner} but is not an operator or action of this model (a handle of another model?)`);
  if (e.kind === 'let') {
    visit(e.value, lets, loc, ctx);
    visit(e.body, new Set([...lets, e.name]), loc, ctx);
    return;
  }
  for (const c of exprChildren(e)) visit(c, lets, loc, ctx);
}
