import type * as ir from '../../ir/nodes.js';
import { exprNodes, moduleExprs } from '../../ir/walk.js';
import { IDENTIFIER, KEYWORDS } from '../names.js';
import { moduleRule } from './rule.js';

export const fieldName = moduleRule({
  id: 'ZT018',
  name: 'field-name',
  severity: 'error',
  description: 'Record field names (t.record, record, .get, update paths) are printed as they are: each must be a TLA+ identifier and not a keyword.',
  check(m, report) {
    const bad = (name: string) => !IDENTIFIER.test(name) || KEYWORDS.has(name);
    const say = (name: string, where: string, loc: ir.SourceLoc) => report(loc, `record field '${name}' ${where} is not a TLA+ identifier (or is a keyword), so it cannot be printed; rename it`);
    for (const v of m.variables) sortFields(v.sort, (name) => { if (bad(name)) say(name, `in the sort of variable '${v.name}'`, v.loc); });
    for (const { expr, loc, owner } of moduleExprs(m)) {
      for (const { node, loc: at } of exprNodes(expr, loc)) {
        for (const name of fieldsOf(node)) if (bad(name)) say(name, `in ${owner}`, at);
      }
    }
  },
});

function sortFields(s: ir.SortNode, f: (name: string) => void): void {
  switch (s.kind) {
    case 'record': for (const [n, sub] of s.fields) { f(n); sortFields(sub, f); } return;
    case 'fn': return sortFields(s.rng, f);
    case 'set': case 'seq': return sortFields(s.elem, f);
    default: return;
  }
}

function fieldsOf(e: ir.Expr): string[] {
  switch (e.kind) {
    case 'record': case 'recordSet': return e.fields.map(([n]) => n);
    case 'field': return [e.name];
    case 'except': return e.updates.flatMap((u) => u.path.flatMap((p) => (p.kind === 'field' ? [p.name] : [])));
    default: return [];
  }
}
