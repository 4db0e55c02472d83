import { moduleRule } from './rule.js';

export const configUnknownCover = moduleRule({
  id: 'ZT027',
  name: 'config-unknown-cover',
  severity: 'error',
  description: 'The covers a config lists are ones the model declares with m.cover (a cover is checked for reachability, not as an invariant).',
  check(m, report) {
    const known = m.definitions.filter((d) => d.role === 'cover').map((d) => d.name);
    for (const c of m.configs) {
      for (const n of c.covers ?? []) {
        if (!known.includes(n)) report(c.loc, `config '${c.name}' names cover '${n}', which the model does not declare with m.cover (covers: ${known.join(', ') || 'none'})`);
      }
    }
  },
});
