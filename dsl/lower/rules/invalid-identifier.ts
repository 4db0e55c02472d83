import { IDENTIFIER } from '../names.js';
import { sourceRule } from './rule.js';
import { declaredNames } from './declarations.js';

export const invalidIdentifier = sourceRule({
  id: 'ZT001',
  name: 'invalid-identifier',
  severity: 'error',
  description: 'Every declared name (and every model value a config lists) is printed as a TLA+ identifier: letters, digits and underscores, not starting with a digit.',
  check(src, report) {
    for (const d of declaredNames(src)) if (!IDENTIFIER.test(d.name)) report(d.loc, `'${d.name}' (${d.what}) is not a TLA+ identifier: use letters, digits and '_', not starting with a digit`);
  },
});
