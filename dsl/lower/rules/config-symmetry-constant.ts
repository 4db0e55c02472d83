import { moduleRule } from './rule.js';

export const configSymmetryConstant = moduleRule({
  id: 'ZT025',
  name: 'config-symmetry-constant',
  severity: 'error',
  description: 'Symmetry is declared over a model-value set constant (`m.modelValues(...)`): only its elements are interchangeable.',
  check(m, report) {
    for (const c of m.configs) {
      for (const s of c.symmetry) {
        if (!m.constants.some((k) => k.name === s && k.kind === 'modelValues')) {
          report(c.loc, `config '${c.name}': symmetry needs a model-value set constant${s ? `, and '${s}' is not one` : ', not an expression'}`);
        }
      }
    }
  },
});
