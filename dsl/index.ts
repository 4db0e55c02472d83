/** The authoring API: everything a model file imports. */
export { model, type Model } from './model.js';
export { t } from './author/sorts.js';
export type * from './author/sorts.js';
export * from './author/expr.js';
export { when, set, update, pick, either, Var, type Item, type DefHandle } from './author/model.js';
export { DslError } from './errors.js';
export { label, skip, assert, ifThen, eitherOf, withSome, loop, goto, ret, local, lock, unlock, mutexInit, mutexInitAll, held, isFree, Local, type Stmt, type MutexRef } from './author/process.js';
