import type * as ir from './ir/nodes.js';
import { callSite } from './author/callsite.js';
import { ModelBuilder } from './author/model.js';
import { validateNames } from './lower/validate.js';

/** A model: its IR module, built (and validated) when the model file is imported. */
export interface Model {
  readonly name: string;
  readonly module: ir.Module;
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
  const loc = callSite();
  const b = new ModelBuilder();
  build(b);
  b.finishConfigs();
  const module: ir.Module = {
    name,
    extends: ['Naturals', 'FiniteSets', 'Sequences', 'TLC'],
    constants: b.constants,
    variables: b.variables,
    definitions: b.definitions,
    actions: b.actions,
    configs: b.configs,
    loc,
    ...(opts.doc ? { doc: opts.doc } : {}),
  };
  validateNames(module);
  return { name, module };
}
