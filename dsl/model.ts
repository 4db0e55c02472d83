import type * as ir from './ir/nodes.js';
import { rootedCallSite, thrownInLibrary, userFrame } from './author/callsite.js';
import { DslError } from './errors.js';
import { untypedValue, untypedMessage } from './lower/rules/untyped-value.js';
import { invalidLiteral } from './lower/rules/invalid-literal.js';
import { ModelBuilder } from './author/model.js';
import { lowerModel } from './lower/module.js';
import type { DslWarning } from './errors.js';

/** A model: its lowered IR module, built (and checked) when the model file is imported. */
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
 * actions, properties and configs, each at the DSL line that declared it. Then the model is
 * lowered once; misuse types cannot catch (a duplicate or reserved name, an unknown constant in
 * a config, a variable assigned twice — every rule in dsl/lower/rules) throws a `DslError`
 * naming the rule and that line.
 */
export function model(name: string, build: (m: ModelBuilder) => void, opts: ModelOptions = {}): Model {
  const { loc, root } = rootedCallSite();
  const b = new ModelBuilder();
  builderMisuse(() => build(b));
  const { module, warnings } = lowerModel({
    name, loc, ...(opts.doc ? { doc: opts.doc } : {}),
    constants: b.constants, variables: b.variables, definitions: b.definitions, actions: b.actions,
    processes: b.processes, procedures: b.procedures, ...(b.specs.length ? { specs: b.specs } : {}), ...(b.specFairness.length ? { fairness: b.specFairness } : {}), ...(b.instances.length ? { instances: b.instances } : {}), configs: b.resolveConfigs(),
  });
  return { name, module, root, warnings };
}

/**
 * Run the model's builder callback; a builder that throws on a value it cannot use — a
 * `TypeError` for a value without a sort (an `any`, a cast), a `RangeError` for a literal its sort
 * cannot hold — becomes a `DslError` of rule ZT041 or ZT042 at the user's call of it (the first
 * stack frame outside the library), instead of a crash inside dsl/.
 */
function builderMisuse(build: () => void): void {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 60;
  try {
    build();
  } catch (e) {
    // Only what a builder threw: a TypeError in the model's own code is the author's to read.
    if (e instanceof DslError || !(e instanceof TypeError || e instanceof RangeError) || !thrownInLibrary(e.stack ?? '')) throw e;
    const at = userFrame(e.stack ?? '');
    if (!at) throw e;
    const rule = e instanceof TypeError ? untypedValue : invalidLiteral;
    throw new DslError({ id: rule.id, name: rule.name }, e instanceof TypeError ? untypedMessage(e) : (e as Error).message, at.loc);
  } finally {
    Error.stackTraceLimit = saved;
  }
}
