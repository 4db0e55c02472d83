import type * as ir from '../ir/nodes.js';
import { callSite } from './callsite.js';
import { binder, lift, mk, TExpr, Var, type ExprLike } from './expr.js';
import type { Item } from './model.js';
import { sorts, type AtomSort, type BoolSort, type SetSort, type Sort } from './sorts.js';

/**
 * Process bodies read like the C function they model: a list of statements where `label(...)`
 * starts a new atomic step. Action items (`when`, `set`, `update`, `either`, `pick`) work here
 * too: `when` is PlusCal's `await`, `pick` its `with`.
 */
export type Stmt = ir.Stmt;

/** A process-local (or procedure parameter/local): reads as `name[self]`, assigned with `set`. */
export class Local<S extends Sort> extends Var<S> {
  constructor(name: string, sort: S) { super(name, sort, { kind: 'local', name }); }
}

export interface LocalSpec<S extends Sort> { readonly sort: S; readonly init: ExprLike<S> }
/** Declare a local: `{ ctx: local(t.member(CPUS), NoCpu) }`. */
export function local<S extends Sort>(sort: S, init: ExprLike<S>): LocalSpec<S> { return { sort, init }; }

export type LocalSpecs = { readonly [name: string]: LocalSpec<Sort> };
export type Locals<L extends LocalSpecs> = { [K in keyof L]: L[K] extends LocalSpec<infer S> ? Local<S> : never };

/** Starts a new atomic step named `name`: the TLA+ action `<process>_<name>(self)`, e.g. `label('rc_lock')`. */
export function label(name: string): Stmt { return { kind: 'label', name, loc: callSite() }; }
/** A statement that does nothing (PlusCal's `skip`). */
export function skip(): Stmt { return { kind: 'skip', loc: callSite() }; }
/** A named safety check; TLC reports `name` when `cond` is false in the step that reaches it. */
export function assert(name: string, cond: ExprLike<BoolSort>): Stmt {
  const loc = callSite();
  return { kind: 'assert', name, cond: lift(cond, sorts.BOOL).node, loc };
}
/** PlusCal's `if (cond) { then } else { otherwise }`: an `IF cond THEN ... ELSE ...` in the step's action. */
export function ifThen(cond: ExprLike<BoolSort>, then: Stmt[], otherwise: Stmt[] = []): Stmt {
  const loc = callSite();
  return { kind: 'if', cond: lift(cond, sorts.BOOL).node, then, else: otherwise, loc };
}
/** Nondeterministic choice between statement lists (e.g. an allocation that succeeds or fails). */
export function eitherOf(...alts: Stmt[][]): Stmt { return { kind: 'either', alts, loc: callSite() }; }
/** `with (x \in set) { body }` */
export function withSome<E extends Sort>(set: TExpr<SetSort<E>>, body: (x: TExpr<E>) => Stmt[]): Stmt {
  const loc = callSite();
  const b = binder(/^\s*\(?\s*([A-Za-z_]\w*)/.exec(body.toString())?.[1] ?? 'x');
  return { kind: 'with', binder: b, set: set.node, body: body(new TExpr<E>({ kind: 'bound', binder: b }, set.sort.elem)), loc };
}
/** `label: while (cond) { body }` — the loop test is the labelled step. */
export function loop(labelName: string, cond: ExprLike<BoolSort>, body: Stmt[]): Stmt {
  const loc = callSite();
  return { kind: 'while', label: labelName, cond: lift(cond, sorts.BOOL).node, body, loc };
}
/** `goto labelName`: the next step is the one labelled `labelName` (`pc' = labelName`). */
export function goto(labelName: string): Stmt { return { kind: 'goto', label: labelName, loc: callSite() }; }
/** `return` from a procedure: pops its frame off the process's stack and resumes the caller. */
export function ret(): Stmt { return { kind: 'return', loc: callSite() }; }

/** A procedure handle: calling it makes a `call` statement (the next statement must be labelled). */
export type ProcedureHandle<P extends LocalSpecs> = ((args: { [K in keyof P]: P[K] extends LocalSpec<infer S> ? ExprLike<S> : never }) => Stmt) & { readonly procedureName: string };

/** The handle `m.procedure` returns: calling it with the arguments makes the `call` statement. */
export function makeCall<P extends LocalSpecs>(name: string, params: P): ProcedureHandle<P> {
  const call = (args: Record<string, ExprLike<Sort>>) => {
    const loc = callSite();
    return { kind: 'call' as const, procedure: name, args: Object.keys(params).map((k) => lift(args[k]!, params[k]!.sort).node), loc };
  };
  return Object.assign(call, { procedureName: name }) as ProcedureHandle<P>;
}

/** The declarations and `Local` handles for a `{ name: local(sort, init) }` table (process locals, procedure params). */
export function makeLocals<L extends LocalSpecs>(specs: L): { decls: ir.LocalDecl[]; vars: Locals<L> } {
  const decls: ir.LocalDecl[] = [];
  const vars: Record<string, Local<Sort>> = {};
  const loc = callSite();
  for (const [name, spec] of Object.entries(specs)) {
    decls.push({ name, sort: spec.sort.node, init: lift(spec.init, spec.sort).node, loc });
    vars[name] = new Local(name, spec.sort);
  }
  return { decls, vars: vars as Locals<L> };
}

/** The running process's id: `self`. */
export function selfOf<N extends string>(): TExpr<AtomSort<N>> {
  return new TExpr({ kind: 'self' }, { kind: 'atom', atom: '' as N, node: { kind: 'member', set: { kind: 'ref', name: 'ProcSet' } } });
}

// ---------------------------------------------------------------- kernel-style mutexes

/** One mutex (`key` undefined) or a family of them indexed by a set (`acomp_ctx->mutex` per CPU). */
export interface MutexRef {
  readonly variable: string;
  readonly node: ir.Expr;
}

function at(m: MutexRef, key: ir.Expr | undefined): ir.Expr {
  return key ? { kind: 'apply', fn: m.node, arg: key } : m.node;
}
function field(e: ir.Expr, name: string): ir.Expr { return { kind: 'field', record: e, name }; }
const EMPTY: ir.Expr = { kind: 'setEnum', elements: [] };
const SELF: ir.Expr = { kind: 'self' };

function assignField(m: MutexRef, key: ir.Expr | undefined, name: string, value: ir.Expr, loc: ir.SourceLoc): Item {
  const path: ir.PathElem[] = [...(key ? [{ kind: 'index' as const, key }] : []), { kind: 'field', name }];
  return { kind: 'assign', variable: m.variable, value: { kind: 'except', fn: m.node, updates: [{ path, value }], loc }, loc };
}

/** `mutex_lock`: locking an uninitialised mutex is reported; otherwise wait until free, then hold it. */
export function lock(m: MutexRef, key?: TExpr<Sort>): Stmt[] {
  const loc = callSite();
  const mx = at(m, key?.node);
  return [
    { kind: 'assert', name: 'MutexLockedBeforeInit', cond: field(mx, 'init'), loc },
    { kind: 'guard', cond: { kind: 'infix', op: '=', left: field(mx, 'owner'), right: EMPTY }, loc },
    assignField(m, key?.node, 'owner', { kind: 'setEnum', elements: [SELF] }, loc),
  ];
}
/** `mutex_unlock`: only the owner may unlock. */
export function unlock(m: MutexRef, key?: TExpr<Sort>): Stmt[] {
  const loc = callSite();
  const mx = at(m, key?.node);
  return [
    { kind: 'assert', name: 'MutexUnlockedByNonOwner', cond: { kind: 'infix', op: '\\in', left: SELF, right: field(mx, 'owner') }, loc },
    assignField(m, key?.node, 'owner', EMPTY, loc),
  ];
}
/** `mutex_init`: re-initialising a held mutex is reported. */
export function mutexInit(m: MutexRef, key?: TExpr<Sort>): Stmt[] {
  const loc = callSite();
  const mx = at(m, key?.node);
  return [
    { kind: 'assert', name: 'MutexInitWhileHeld', cond: { kind: 'infix', op: '=', left: field(mx, 'owner'), right: EMPTY }, loc },
    assignField(m, key?.node, 'init', { kind: 'bool', value: true }, loc),
  ];
}
/**
 * `for_each(k) mutex_init(&m[k])` in one step, for a family nobody else can see yet; with `keys`,
 * only the members in that set (e.g. one pool's per-CPU mutexes), the others unchanged.
 */
export function mutexInitAll(m: MutexRef, keys?: TExpr<SetSort<Sort>>): Stmt {
  const loc = callSite();
  const k = binder('k');
  const fresh: ir.Expr = { kind: 'record', fields: [['init', { kind: 'bool', value: true }], ['owner', EMPTY]] };
  const kRef: ir.Expr = { kind: 'bound', binder: k };
  const body: ir.Expr = keys
    ? { kind: 'if', cond: { kind: 'infix', op: '\\in', left: kRef, right: keys.node }, then: fresh, else: { kind: 'apply', fn: m.node, arg: kRef } }
    : fresh;
  const value: ir.Expr = { kind: 'fn', binder: k, set: { kind: 'builtin', op: 'DOMAIN', args: [m.node] }, body };
  return { kind: 'assign', variable: m.variable, value, loc };
}

/** Is the mutex free (no holder)? For waiting on a lock without taking it. */
export function isFree(m: MutexRef, key?: TExpr<Sort>): TExpr<BoolSort> {
  return mk({ kind: 'infix', op: '=', left: field(at(m, key?.node), 'owner'), right: EMPTY }, sorts.BOOL);
}
/**
 * Does process `holder` hold the mutex (`holder \in m[key].owner`)? Unlike `held`, it reads no
 * `self`: for invariants and covers about who holds what, e.g.
 * `exists(TASKS, (t) => heldBy(ctx_mutex, t, cpu))`.
 */
export function heldBy(m: MutexRef, holder: TExpr<Sort>, key?: TExpr<Sort>): TExpr<BoolSort> {
  return mk({ kind: 'infix', op: '\\in', left: holder.node, right: field(at(m, key?.node), 'owner') }, sorts.BOOL);
}
/** Does the running process hold the mutex? */
export function held(m: MutexRef, key?: TExpr<Sort>): TExpr<BoolSort> {
  return mk({ kind: 'infix', op: '\\in', left: SELF, right: field(at(m, key?.node), 'owner') }, sorts.BOOL);
}
