/** The authoring API: everything a model file imports. */
export { model, type Model, type ModelOptions } from './model.js';
export { t } from './author/sorts.js';
export type * from './author/sorts.js';
export * from './author/expr.js';
export {
  when, set, update, pick, either, Var, ModelBuilder,
  type Item, type DefHandle, type ActionHandle, type ConfigInput, type ConstantValueInput, type Fairness,
} from './author/model.js';
export { DslError, type DslWarning } from './errors.js';
export { label, skip, assert, ifThen, eitherOf, withSome, loop, goto, ret, local, lock, unlock, mutexInit, mutexInitAll, held, heldBy, isFree, Local,
  type Stmt, type MutexRef, type LocalSpec, type LocalSpecs, type Locals, type ProcedureHandle } from './author/process.js';
