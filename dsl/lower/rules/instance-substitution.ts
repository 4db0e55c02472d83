import { moduleRule } from './rule.js';

export const instanceSubstitution = moduleRule({
  id: 'ZT050',
  name: 'instance-substitution',
  severity: 'error',
  description: "An instance maps every constant and variable of the other model: each one `with` does not give must be a constant or variable of the same name here (TLA+'s implicit substitution), and `with` names only parameters the other model has.",
  check(m, report) {
    const here = new Set([...m.constants, ...m.variables].map((d) => d.name));
    for (const i of m.instances ?? []) {
      const params = [...i.module.constants, ...i.module.variables].map((d) => d.name);
      const given = new Set(i.with.map(([p]) => p));
      for (const p of given) {
        if (!params.includes(p)) report(i.loc, `instance '${i.name}' of ${i.module.name} maps '${p}', which is not a constant or variable of ${i.module.name} (its parameters: ${params.join(', ') || 'none'})`);
      }
      const missing = params.filter((p) => !given.has(p) && !here.has(p));
      if (missing.length) report(i.loc, `instance '${i.name}' of ${i.module.name} does not map ${missing.map((p) => `'${p}'`).join(', ')}: give ${missing.length === 1 ? 'it' : 'each'} in the substitutions, or declare a constant or variable of that name here`);
    }
  },
});
