import type * as ir from './ir/nodes.js';
import { rootedCallSite } from './author/callsite.js';
import { ModelBuilder } from './author/model.js';
import { checkInvariantsReadState, validateNames } from './lower/validate.js';
import { lowerProcesses } from './lower/process.js';
import { DslError, type DslWarning } from './errors.js';

/** A model: its IR module, built (and validated) when the model file is imported. */
export interface Model {
  readonly name: string;
  readonly module: ir.Module;
  /** The project the model file belongs to: DSL paths in the IR are relative to it. */
  readonly root: string;
  /** Legal but probably unmeant (e.g. a local nothing reads); `gen` and `check` print them. */
  readonly warnings: readonly DslWarning[];
}

export interface ModelOptions {
  readonly doc?: string;
}

/**
 * Declare a model. `build` receives a builder that records constants, variables, definitions,
 * actions, properties and configs, each at the DSL line that declared it. Misuse types cannot
 * catch (a duplicate or reserved name, an unknown constant in a config, a variable assigned
 * twice) throws a `DslError` naming that line.
 */
export function model(name: string, build: (m: ModelBuilder) => void, opts: ModelOptions = {}): Model {
  const { loc, root } = rootedCallSite();
  const b = new ModelBuilder();
  build(b);
  b.finishConfigs();
  validateNames({ name, extends: [], constants: b.constants, variables: b.variables, definitions: b.definitions, actions: b.actions, configs: b.configs, loc }, [
    ...[...b.processes, ...b.procedures].map((p) => ({ name: p.name, loc: p.loc, what: 'process' })),
    ...[...b.processes.flatMap((p) => p.locals), ...b.procedures.flatMap((q) => [...q.params, ...q.locals])].map((l) => ({ name: l.name, loc: l.loc, what: 'local' })),
  ]);
  const lowered = b.processes.length
    ? lowerProcesses({ processes: b.processes, procedures: b.procedures, globals: b.variables.map((v) => v.name) })
    : undefined;
  if (!lowered && b.procedures.length) throw new DslError('procedures need a process that calls them', b.procedures[0]!.loc);
  const module: ir.Module = {
    name,
    extends: ['Integers', 'FiniteSets', 'Sequences', 'TLC'],
    constants: b.constants,
    variables: [...b.variables, ...(lowered?.variables ?? [])],
    definitions: lowered ? [lowered.procSet, ...b.definitions, ...lowered.stepDefs, lowered.termination] : b.definitions,
    actions: [...b.actions, ...(lowered?.actions ?? [])],
    configs: b.configs,
    ...(lowered ? { processes: lowered.info } : {}),
    loc,
    ...(opts.doc ? { doc: opts.doc } : {}),
  };
  if (lowered) checkStepNames(module);
  checkInvariantsReadState(module);
  return { name, module, root, warnings: lowered?.warnings ?? [] };
}

/** Step actions are named `<process>_<label>`: they must not clash with any other name. */
function checkStepNames(m: ir.Module): void {
  const taken = new Set([...m.constants, ...m.variables, ...m.definitions, ...m.actions.filter((a) => !a.process)].map((d) => d.name));
  for (const a of m.actions) {
    if (a.process && taken.has(a.name)) throw new DslError(`step '${a.label}' of ${a.process} becomes the action '${a.name}', which clashes with another name; rename the label`, a.loc);
    taken.add(a.name);
  }
}
