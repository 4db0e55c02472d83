import { moduleRule } from './rule.js';

export const configMissingConstant = moduleRule({
  id: 'ZT021',
  name: 'config-missing-constant',
  severity: 'error',
  description: 'A config gives a value to every constant the model declares (except those zswap-tla sets itself, such as a single process id).',
  check(m, report) {
    for (const c of m.configs) {
      for (const k of m.constants) {
        if (!k.auto && !c.constants.some(([name]) => name === k.name)) {
          report(c.loc, `config '${c.name}' gives no value for constant '${k.name}'`, [{ message: `'${k.name}' is declared here`, loc: k.loc }]);
        }
      }
    }
  },
});
