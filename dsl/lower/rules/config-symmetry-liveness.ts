import { moduleRule } from './rule.js';

export const configSymmetryLiveness = moduleRule({
  id: 'ZT026',
  name: 'config-symmetry-liveness',
  severity: 'error',
  description: 'A config does not check temporal properties under symmetry: TLC can miss liveness violations there, and tla-checker 0.9.0 reports false ones (test/fixtures/gaps/).',
  check(m, report) {
    for (const c of m.configs) {
      if (c.properties.length && c.symmetry.length) {
        report(c.loc, `config '${c.name}' checks temporal properties under symmetry, which is unsound; use a separate config for the properties`);
      }
    }
  },
});
