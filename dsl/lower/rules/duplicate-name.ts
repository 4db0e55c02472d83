import type * as ir from '../../ir/nodes.js';
import { sourceRule } from './rule.js';
import { declaredNames } from './declarations.js';

export const duplicateName = sourceRule({
  id: 'ZT004',
  name: 'duplicate-name',
  severity: 'error',
  description: 'TLA+ has one namespace per module: constants, variables, definitions, actions, processes, locals and the model values configs list must all have different names.',
  check(src, report) {
    const seen = new Map<string, ir.SourceLoc>();
    for (const d of declaredNames(src)) {
      const first = seen.get(d.name);
      if (first) report(d.loc, `'${d.name}' is declared twice in module ${src.name} (here as ${/^[aeiou]/.test(d.what) ? 'an' : 'a'} ${d.what})`, [{ message: 'first declared here', loc: first }]);
      else seen.set(d.name, d.loc);
    }
  },
});
