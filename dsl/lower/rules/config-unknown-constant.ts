import { moduleRule } from './rule.js';

export const configUnknownConstant = moduleRule({
  id: 'ZT020',
  name: 'config-unknown-constant',
  severity: 'error',
  description: 'A config sets only constants the model declares (TLC rejects a .cfg that assigns an unknown name).',
  check(m, report) {
    const declared = m.constants.map((c) => c.name);
    for (const c of m.configs) {
      for (const [name] of c.constants) {
        if (!declared.includes(name)) report(c.loc, `config '${c.name}' sets constant '${name}', which the model does not declare (declared: ${declared.join(', ') || 'none'})`);
      }
    }
  },
});
