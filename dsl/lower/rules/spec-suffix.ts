import { sourceRule } from './rule.js';
import { declaredNames } from './declarations.js';

export const specSuffix = sourceRule({
  id: 'ZT003',
  name: 'spec-suffix',
  severity: 'error',
  description: "No declared name may end in 'Spec': tla-checker reads fairness from every definition whose name ends in Spec, so such a definition would change the checked specification.",
  check(src, report) {
    for (const d of declaredNames(src)) {
      if (/Spec$/.test(d.name) && d.name !== 'Spec') report(d.loc, `'${d.name}' ends in 'Spec': tla-checker reads fairness from every definition whose name ends in Spec, so it would take this ${d.what} as part of the specification; choose another name`);
    }
  },
});
