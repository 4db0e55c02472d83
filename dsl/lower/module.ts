import type * as ir from '../ir/nodes.js';
import type { DslWarning } from '../errors.js';
import { actionFormula } from './actions.js';
import { ASSERTS_OFF } from './names.js';
import { collectAsserts } from '../ir/walk.js';
import { lowerProcesses } from './process.js';
import { MODULE_RULES, SOURCE_RULES } from './rules/index.js';
import { runRules } from './rules/rule.js';

export interface LoweredModel {
  readonly module: ir.Module;
  readonly warnings: readonly DslWarning[];
}

/**
 * The lower stage, run once per model: check the declarations (source rules), lower processes
 * to actions, turn every action into its formula, then check the lowered module (module rules).
 * The first error found is thrown as a `DslError`; warnings are returned.
 */
export function lowerModel(src: ir.ModelSource): LoweredModel {
  const warnings = runRules(SOURCE_RULES, src);
  const lowered = src.processes.length
    ? lowerProcesses({ processes: src.processes, procedures: src.procedures, globals: src.variables.map((v) => v.name) })
    : undefined;
  const variables = [...src.variables, ...(lowered?.variables ?? [])];
  const names = variables.map((v) => v.name);
  const actions = [...src.actions, ...(lowered?.actions ?? [])].map((a): ir.Action => ({ ...a, formula: actionFormula(a, names) }));
  const hasAsserts = collectAsserts({ actions }).length > 0;
  const module: ir.Module = {
    name: src.name,
    extends: ['Integers', 'FiniteSets', 'Sequences', 'TLC'],
    constants: hasAsserts ? [...src.constants, { name: ASSERTS_OFF, kind: 'value', auto: true, loc: src.loc }] : src.constants,
    variables,
    definitions: lowered ? [lowered.procSet, ...src.definitions, ...lowered.stepDefs, lowered.termination] : src.definitions,
    actions,
    ...(src.specs?.length ? { specs: src.specs } : {}),
    ...(src.fairness?.length ? { fairness: src.fairness } : {}),
    ...(src.instances?.length ? { instances: src.instances } : {}),
    configs: src.configs,
    ...(lowered ? { processes: lowered.info, allDone: lowered.allDone } : {}),
    loc: src.loc,
    ...(src.doc ? { doc: src.doc } : {}),
  };
  return { module, warnings: [...warnings, ...runRules(MODULE_RULES, module)] };
}
