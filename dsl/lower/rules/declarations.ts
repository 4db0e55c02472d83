import type * as ir from '../../ir/nodes.js';
import { localsOf, unitsOf } from '../units.js';

/** A module-level name the model declares, and what it is (for messages). */
export interface Declared { readonly name: string; readonly loc: ir.SourceLoc; readonly what: string }

/**
 * Every name a model declares, in declaration order: constants, variables, definitions, actions,
 * specs, instances, the model values its configs list, processes, procedures and their locals
 * (which become variables). The same model value may be listed by several configs: it appears once.
 */
export function declaredNames(src: ir.ModelSource): Declared[] {
  const modelValues = new Map<string, Declared>();
  for (const c of src.configs) {
    for (const [, v] of c.constants) {
      if (v.kind === 'modelValues') for (const n of v.names) if (!modelValues.has(n)) modelValues.set(n, { name: n, loc: c.loc, what: `model value of config '${c.name}'` });
    }
  }
  const units = unitsOf(src);
  return [
    ...src.constants.map((c) => ({ name: c.name, loc: c.loc, what: 'constant' })),
    ...src.variables.map((v) => ({ name: v.name, loc: v.loc, what: 'variable' })),
    // An unnamed ASSUME declares no name.
    ...src.definitions.filter((d) => d.name !== '').map((d) => ({ name: d.name, loc: d.loc, what: d.role === 'helper' ? 'definition' : d.role })),
    ...src.actions.map((a) => ({ name: a.name, loc: a.loc, what: 'action' })),
    ...(src.specs ?? []).map((s) => ({ name: s.name, loc: s.loc, what: 'spec' })),
    ...(src.instances ?? []).map((i) => ({ name: i.name, loc: i.loc, what: 'instance' })),
    ...modelValues.values(),
    ...units.map((u) => ({ name: u.decl.name, loc: u.decl.loc, what: u.kind })),
    ...units.flatMap(localsOf).map((l) => ({ name: l.name, loc: l.loc, what: 'local' })),
  ];
}
