import { moduleRule } from './rule.js';

export const stepNameClash = moduleRule({
  id: 'ZT005',
  name: 'step-name-clash',
  severity: 'error',
  description: "A process step becomes the action '<process>_<label>': that name must not be taken by any other declaration or step.",
  check(m, report) {
    const taken = new Set([...m.constants, ...m.variables, ...m.definitions, ...m.actions.filter((a) => !a.process)].map((d) => d.name));
    for (const a of m.actions) {
      if (!a.process) continue;
      if (taken.has(a.name)) report(a.loc, `step '${a.label}' of ${a.process} becomes the action '${a.name}', which clashes with another name; rename the label`);
      taken.add(a.name);
    }
  },
});
