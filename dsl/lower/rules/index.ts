/**
 * Every static check, by id. README.md lists them with an example; test/rules/ checks each
 * against its valid and invalid cases in test/fixtures/rules/<name>.ts.
 */
import type { ModuleRule, Rule, SourceRule } from './rule.js';
import { invalidIdentifier } from './invalid-identifier.js';
import { reservedName } from './reserved-name.js';
import { duplicateName } from './duplicate-name.js';
import { stepNameClash } from './step-name-clash.js';
import { assignedTwice } from './assigned-twice.js';
import { unknownVariable } from './unknown-variable.js';
import { constantInvariant } from './constant-invariant.js';
import { localOutsideProcess } from './local-outside-process.js';
import { selfOutsideProcess } from './self-outside-process.js';
import { atOutsideExcept } from './at-outside-except.js';
import { unboundVariable } from './unbound-variable.js';
import { letName } from './let-name.js';
import { fieldName } from './field-name.js';
import { unknownName } from './unknown-name.js';
import { configUnknownConstant } from './config-unknown-constant.js';
import { configMissingConstant } from './config-missing-constant.js';
import { configConstantValue } from './config-constant-value.js';
import { configUnknownName } from './config-unknown-name.js';
import { configExpectsUnchecked } from './config-expects-unchecked.js';
import { configSymmetryConstant } from './config-symmetry-constant.js';
import { configSymmetryLiveness } from './config-symmetry-liveness.js';
import { configPropertyNoVariables } from './config-property-no-variables.js';
import { missingFirstLabel } from './missing-first-label.js';
import { duplicateLabel } from './duplicate-label.js';
import { reservedLabel } from './reserved-label.js';
import { unfairLabel } from './unfair-label.js';
import { unknownLabel } from './unknown-label.js';
import { unreachableStatement } from './unreachable-statement.js';
import { labelInWith } from './label-in-with.js';
import { returnOutsideProcedure } from './return-outside-procedure.js';
import { foreignLocal } from './foreign-local.js';
import { unknownProcedure } from './unknown-procedure.js';
import { callReturnPoint } from './call-return-point.js';
import { uncalledProcedure } from './uncalled-procedure.js';
import { unreadLocal } from './unread-local.js';
import { instanceSubstitution } from './instance-substitution.js';
import { untypedValue } from './untyped-value.js';
import { invalidLiteral } from './invalid-literal.js';
import { assumeReadsState } from './assume-reads-state.js';
import { constantCover } from './constant-cover.js';
import { configUnknownCover } from './config-unknown-cover.js';
import { primeInProcess } from './prime-in-process.js';
import { recursiveDefinition } from './recursive-definition.js';
import { operatorArity } from './operator-arity.js';
import { statePredicate } from './state-predicate.js';

/** In the order they run: a model's first error is the first one these find. */
export const RULES: readonly Rule[] = [
  // Source rules: values the DSL did not build first, then names, then what lowering relies on, then warnings.
  untypedValue, invalidLiteral, invalidIdentifier, reservedName, duplicateName, unknownVariable,
  missingFirstLabel, duplicateLabel, reservedLabel, unknownLabel, unfairLabel, unreachableStatement, labelInWith, returnOutsideProcedure,
  foreignLocal, unknownProcedure, callReturnPoint, uncalledProcedure, primeInProcess,
  unreadLocal,
  // Module rules: misuse that would print malformed TLA+ first.
  localOutsideProcess, selfOutsideProcess, atOutsideExcept, unboundVariable, letName, fieldName, unknownName, stepNameClash, operatorArity, recursiveDefinition, assignedTwice, statePredicate, constantInvariant, constantCover, assumeReadsState,
  instanceSubstitution, configUnknownConstant, configMissingConstant, configConstantValue, configUnknownName, configUnknownCover, configExpectsUnchecked, configSymmetryConstant, configSymmetryLiveness, configPropertyNoVariables,
];

/** Rules over the model as declared; lowering may rely on each of them having passed. */
export const SOURCE_RULES: readonly SourceRule[] = RULES.filter((r): r is SourceRule => r.stage === 'source');
/** Rules over the lowered module. */
export const MODULE_RULES: readonly ModuleRule[] = RULES.filter((r): r is ModuleRule => r.stage === 'module');
