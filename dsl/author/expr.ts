import type * as ir from '../ir/nodes.js';
import { callSite } from './callsite.js';
import {
  sorts, t,
  type ActionSort, type AtomSort, type BoolSort, type EnumSort, type Fields, type FnSort, type IntSort, type Lit,
  type RecordSort, type SeqSort, type SetSort, type Sort, type TemporalSort,
} from './sorts.js';

/**
 * A typed expression: an immutable IR node plus its sort. Every builder records the DSL call site
 * on the node it makes, so the emitter can map each TLA+ sub-expression back to a DSL span.
 */
export class TExpr<S extends Sort> {
  constructor(readonly node: ir.Expr, readonly sort: S) {}

  /** `this = other`, e.g. `phase.eq('idle')`. */
  eq(other: ExprLike<S>): TExpr<BoolSort> { return mk({ kind: 'infix', op: '=', left: this.node, right: lift(other, this.sort).node }, sorts.BOOL); }
  /** `this # other`. */
  neq(other: ExprLike<S>): TExpr<BoolSort> { return mk({ kind: 'infix', op: '#', left: this.node, right: lift(other, this.sort).node }, sorts.BOOL); }
  /** `this \in set`, e.g. `cpu.in(CPUS)`. */
  in(set: TExpr<SetSort<S>>): TExpr<BoolSort> { return mk({ kind: 'infix', op: '\\in', left: this.node, right: set.node }, sorts.BOOL); }
  /** `f[k]`: only on functions (a type error elsewhere). */
  at<D extends Sort, R extends Sort>(this: TExpr<FnSort<D, R>>, key: ExprLike<D>): TExpr<R> {
    return mk({ kind: 'apply', fn: this.node, arg: lift(key, this.sort.dom).node }, this.sort.rng);
  }
  /** `r.field`: only on records, only declared fields. */
  get<F extends Fields, K extends keyof F & string>(this: TExpr<RecordSort<F>>, field: K): TExpr<F[K]> {
    return mk({ kind: 'field', record: this.node, name: field }, this.sort.fields[field]!);
  }
}

/** A state variable: an expression that can also be assigned in actions and process steps. */
export class Var<S extends Sort> extends TExpr<S> {
  constructor(readonly name: string, sort: S, node: ir.Expr = { kind: 'ref', name }) { super(node, sort); }
}

export type ExprLike<S extends Sort> = TExpr<S> | Lit<S>;
export type Bool = TExpr<BoolSort>;
export type Int = TExpr<IntSort>;
export type ElemOf<X> = X extends TExpr<SetSort<infer E>> ? E : never;

/** The expression `body` of sort `sort`, stamped with the DSL call site (the builders' common step). */
export function mk<S extends Sort>(body: ir.ExprBody, sort: S): TExpr<S> {
  return new TExpr<S>({ ...body, loc: callSite() }, sort);
}

/** Turn a literal into an expression of the sort it stands beside (`x.eq(3)`, `set(phase, 'idle')`). */
export function lift<S extends Sort>(v: ExprLike<S>, sort: S): TExpr<S> {
  if (v instanceof TExpr) return v;
  switch (typeof v) {
    case 'boolean': return mk({ kind: 'bool', value: v }, sort);
    case 'number':
      if (!Number.isInteger(v)) throw new RangeError(`TLA+ has integers only, got ${v}`);
      return mk({ kind: 'int', value: v }, sort);
    case 'string':
      if (sort.kind === 'enum' && (sort as unknown as EnumSort<string>).values.length > 0 && !(sort as unknown as EnumSort<string>).values.includes(v)) {
        throw new RangeError(`'${v}' is not one of ${(sort as unknown as EnumSort<string>).values.join(', ')}`);
      }
      return mk({ kind: 'str', value: v }, sort);
    default: throw new TypeError(`cannot use ${String(v)} as a TLA+ value`);
  }
}

export { binder } from '../ir/nodes.js';
import { binder } from '../ir/nodes.js';

/** The parameter name a callback was written with (`(cpu) => ...` gives `cpu`), for readable TLA+. */
function paramHint(fn: (...args: never[]) => unknown, fallback: string): string {
  const m = /^\s*(?:async\s*)?\(?\s*([A-Za-z_][A-Za-z0-9_]*)/.exec(fn.toString());
  return m && m[1] !== 'function' ? m[1]! : fallback;
}

function boundVar<E extends Sort>(b: ir.Binder, sort: E): TExpr<E> {
  return new TExpr<E>({ kind: 'bound', binder: b }, sort);
}

// ---------------------------------------------------------------- literals and logic

/** `TRUE`. */
export const TRUE = (): Bool => mk({ kind: 'bool', value: true }, sorts.BOOL);
/** `FALSE`. */
export const FALSE = (): Bool => mk({ kind: 'bool', value: false }, sorts.BOOL);
/** The integer literal `v` (its sort is `v..v`); bare numbers are lifted the same way. */
export const int = (v: number): Int => lift<IntSort>(v, t.int(v, v));

type BoolLike = ExprLike<BoolSort>;
const asBool = (e: BoolLike): Bool => lift(e, sorts.BOOL);

/** A state predicate or an action (an action handle's call, `m.next()`, `unchanged(…)`). */
type ActionLike = BoolLike | TExpr<ActionSort>;
const isAction = (e: ActionLike): boolean => e instanceof TExpr && e.sort.kind === 'action';
/** An action when any operand is one (`pc[self] # "ncs" /\ P(self)`), else a state predicate. */
const logicSort = (es: readonly ActionLike[]) => (es.some(isAction) ? sorts.ACTION : sorts.BOOL);
const operand = (e: ActionLike): ir.Expr => (e instanceof TExpr ? e.node : asBool(e).node);

/** `/\ e1 /\ e2 ...`: a conjunction, printed as an aligned `/\` list; an action when any operand is one. */
export function and(...es: BoolLike[]): Bool;
export function and(...es: ActionLike[]): TExpr<ActionSort>;
export function and(...es: ActionLike[]): TExpr<BoolSort | ActionSort> { return mk({ kind: 'and', operands: es.map(operand) }, logicSort(es)); }
/** `\/ e1 \/ e2 ...`: a disjunction, printed as an aligned `\/` list; an action when any operand is one (`A \/ B`, for fairness). */
export function or(...es: BoolLike[]): Bool;
export function or(...es: ActionLike[]): TExpr<ActionSort>;
export function or(...es: ActionLike[]): TExpr<BoolSort | ActionSort> { return mk({ kind: 'or', operands: es.map(operand) }, logicSort(es)); }
/** `~e`; of an action, an action. */
export function not(e: BoolLike): Bool;
export function not(e: TExpr<ActionSort>): TExpr<ActionSort>;
export function not(e: ActionLike): TExpr<BoolSort | ActionSort> { return mk({ kind: 'not', operand: operand(e) }, logicSort([e])); }
/** `a => b`; temporal when either side is (`[](terminated => []terminated)`). */
export function implies(a: BoolLike, b: BoolLike): Bool;
export function implies(a: BoolLike | TExpr<TemporalSort>, b: BoolLike | TExpr<TemporalSort>): TExpr<TemporalSort>;
export function implies(a: BoolLike | TExpr<TemporalSort>, b: BoolLike | TExpr<TemporalSort>): TExpr<BoolSort | TemporalSort> {
  const temporal = [a, b].some((x) => x instanceof TExpr && x.sort.kind === 'temporal');
  const side = (x: BoolLike | TExpr<TemporalSort>) => (x instanceof TExpr ? x : asBool(x));
  return infix('=>', side(a), side(b), temporal ? sorts.TEMPORAL : sorts.BOOL);
}
/** `a <=> b`. */
export function iff(a: BoolLike, b: BoolLike): Bool { return infix('<=>', asBool(a), asBool(b), sorts.BOOL); }

function infix<S extends Sort>(op: ir.InfixOp, a: TExpr<Sort>, b: TExpr<Sort>, sort: S): TExpr<S> {
  return mk({ kind: 'infix', op, left: a.node, right: b.node }, sort);
}

/** Both operands as expressions: a literal takes the sort of the other operand, in either order. */
function pair<S extends Sort>(a: ExprLike<S>, b: ExprLike<S>): [TExpr<S>, TExpr<S>] {
  if (a instanceof TExpr) return [a, lift(b, a.sort)];
  if (b instanceof TExpr) return [lift(a, b.sort), b];
  throw new TypeError(`compare two literals (${String(a)}, ${String(b)}): at least one operand must be an expression`);
}

/** `a = b`; either side may be a literal of the other's sort: `eq(phase, 'idle')`, `eq(1, x)`. */
export function eq<S extends Sort>(a: TExpr<S>, b: ExprLike<S>): Bool;
export function eq<S extends Sort>(a: Lit<S>, b: TExpr<S>): Bool;
export function eq<S extends Sort>(a: ExprLike<S>, b: ExprLike<S>): Bool { const [l, r] = pair(a, b); return infix('=', l, r, sorts.BOOL); }
/** `a # b`; either side may be a literal of the other's sort. */
export function neq<S extends Sort>(a: TExpr<S>, b: ExprLike<S>): Bool;
export function neq<S extends Sort>(a: Lit<S>, b: TExpr<S>): Bool;
export function neq<S extends Sort>(a: ExprLike<S>, b: ExprLike<S>): Bool { const [l, r] = pair(a, b); return infix('#', l, r, sorts.BOOL); }

// ---------------------------------------------------------------- arithmetic

type IntLike = ExprLike<IntSort>;
const INT = t.int(0, 0);
const asInt = (e: IntLike): Int => lift(e, INT);
const arith = (op: ir.InfixOp) => (a: IntLike, b: IntLike): Int => infix(op, asInt(a), asInt(b), asInt(a).sort);
const compare = (op: ir.InfixOp) => (a: IntLike, b: IntLike): Bool => infix(op, asInt(a), asInt(b), sorts.BOOL);
/** `a + b`, e.g. `plus(count, 1)`. */
export const plus = arith('+');
/** `a - b`. */
export const minus = arith('-');
/** `a * b`. */
export const times = arith('*');
/** `a \div b` (integer division). */
export const div = arith('\\div');
/** `a % b`. */
export const mod = arith('%');
/** `a < b`. */
export const lt = compare('<');
/** `a <= b`. */
export const le = compare('<=');
/** `a > b`. */
export const gt = compare('>');
/** `a >= b`. */
export const ge = compare('>=');
/** `-a`. */
export function negate(a: IntLike): Int { return mk({ kind: 'neg', operand: asInt(a).node }, INT); }
/** `lo..hi`: the set of integers from `lo` to `hi`. */
export function range(lo: IntLike, hi: IntLike): TExpr<SetSort<IntSort>> { return infix('..', asInt(lo), asInt(hi), t.set(INT)); }

// ---------------------------------------------------------------- quantifiers

type Body<E extends Sort, R> = (x: TExpr<E>) => R;

function bind<E extends Sort>(set: TExpr<SetSort<E>>, fn: (x: TExpr<E>) => unknown): [ir.Binder, TExpr<E>] {
  const b = binder(paramHint(fn as (...args: never[]) => unknown, 'x'));
  return [b, boundVar(b, set.sort.elem)];
}

/** `\E x \in set : body` — only over sets (quantifying a non-set is a type error); over an action body (`\E i \in S : Pass(i)`) an action. */
export function exists<E extends Sort>(set: TExpr<SetSort<E>>, body: Body<E, BoolLike>): Bool;
export function exists<E extends Sort>(set: TExpr<SetSort<E>>, body: Body<E, TExpr<ActionSort>>): TExpr<ActionSort>;
export function exists<E extends Sort>(set: TExpr<SetSort<E>>, body: Body<E, ActionLike>): TExpr<BoolSort | ActionSort> {
  const [b, x] = bind(set, body);
  const v = body(x);
  return mk({ kind: 'quant', quantifier: '\\E', binder: b, set: set.node, body: operand(v) }, logicSort([v]));
}
/** `\A x \in set : body`; over a temporal body (e.g. `leadsTo`) the result is temporal too. */
export function forall<E extends Sort>(set: TExpr<SetSort<E>>, body: Body<E, TExpr<TemporalSort>>): TExpr<TemporalSort>;
export function forall<E extends Sort>(set: TExpr<SetSort<E>>, body: Body<E, BoolLike>): Bool;
export function forall<E extends Sort>(set: TExpr<SetSort<E>>, body: Body<E, BoolLike | TExpr<TemporalSort>>): TExpr<BoolSort | TemporalSort> {
  const [b, x] = bind(set, body);
  const v = body(x);
  const temporal = v instanceof TExpr && v.sort.kind === 'temporal';
  return mk({ kind: 'quant', quantifier: '\\A', binder: b, set: set.node, body: temporal ? v.node : asBool(v as BoolLike).node }, temporal ? sorts.TEMPORAL : sorts.BOOL);
}
/** `CHOOSE x \in set : pred` */
export function choose<E extends Sort>(set: TExpr<SetSort<E>>, pred: Body<E, BoolLike>): TExpr<E> {
  const [b, x] = bind(set, pred);
  return mk({ kind: 'choose', binder: b, set: set.node, body: asBool(pred(x)).node }, set.sort.elem);
}

// ---------------------------------------------------------------- sets

/**
 * `{a, b, c}`; an expression element fixes the sort of the literals beside it (`setOf(0, x)`),
 * and literals alone make a set of integers, strings (an enum) or booleans: `setOf(0, 1)`,
 * `setOf('Commit', 'Abort')`. Use `emptySet` for `{}`.
 */
export function setOf<S extends Sort>(first: TExpr<S>, ...rest: ExprLike<S>[]): TExpr<SetSort<S>>;
export function setOf(first: number, ...rest: number[]): TExpr<SetSort<IntSort>>;
export function setOf<const L extends string>(first: L, ...rest: L[]): TExpr<SetSort<EnumSort<L>>>;
export function setOf(first: boolean, ...rest: boolean[]): TExpr<SetSort<BoolSort>>;
export function setOf<S extends Sort>(first: Lit<S>, ...rest: [...ExprLike<S>[], TExpr<S>] | ExprLike<S>[]): TExpr<SetSort<S>>;
export function setOf<S extends Sort>(...elems: ExprLike<S>[]): TExpr<SetSort<S>> {
  const sort = literalsSort(elems);
  return mk({ kind: 'setEnum', elements: elems.map((e) => lift(e, sort).node) }, t.set(sort));
}

/** The sort of a list of elements: the first expression's, else what the literals are. */
function literalsSort<S extends Sort>(elems: readonly ExprLike<S>[]): S {
  const e = elems.find((x): x is TExpr<S> => x instanceof TExpr);
  if (e) return e.sort;
  const v = elems[0];
  switch (typeof v) {
    case 'number': return t.int(Math.min(...(elems as readonly number[])), Math.max(...(elems as readonly number[]))) as unknown as S;
    case 'string': return t.enum(...(elems as readonly string[])) as unknown as S;
    case 'boolean': return sorts.BOOL as unknown as S;
    default: throw new TypeError(`cannot use ${String(v)} as a TLA+ value`);
  }
}
/** `{"a", "b"}`: a set of values of an enum sort, e.g. `enumSet(Phase, 'idle', 'busy')`. */
export function enumSet<L extends string>(sort: EnumSort<L>, ...values: L[]): TExpr<SetSort<EnumSort<L>>> {
  return mk({ kind: 'setEnum', elements: values.map((v) => lift(v as Lit<EnumSort<L>>, sort).node) }, t.set(sort));
}
/** `BOOLEAN` */
export function booleans(): TExpr<SetSort<BoolSort>> { return mk({ kind: 'ref', name: 'BOOLEAN' }, t.set(sorts.BOOL)); }
/** `{}`, a set of `elem`s, e.g. `emptySet(t.int(0, 3))`. */
export function emptySet<S extends Sort>(elem: S): TExpr<SetSort<S>> { return mk({ kind: 'setEnum', elements: [] }, t.set(elem)); }
/** `x \in set`. */
export function isIn<S extends Sort>(x: ExprLike<S>, set: TExpr<SetSort<S>>): Bool { return infix('\\in', lift(x, set.sort.elem), set, sorts.BOOL); }
/** `x \notin set`. */
export function notIn<S extends Sort>(x: ExprLike<S>, set: TExpr<SetSort<S>>): Bool { return infix('\\notin', lift(x, set.sort.elem), set, sorts.BOOL); }
/**
 * `a \cup b`. Two sets of records of different shapes may be joined too (TLA+'s message sets,
 * `[type : {"Prepared"}, rm : RM] \cup [type : {"Commit", "Abort"}]`): the elements are then
 * of either record sort.
 */
export function union<S extends Sort>(a: TExpr<SetSort<S>>, b: TExpr<SetSort<S>>): TExpr<SetSort<S>>;
export function union<F extends Fields, G extends Fields>(a: TExpr<SetSort<RecordSort<F>>>, b: TExpr<SetSort<RecordSort<G>>>): TExpr<SetSort<RecordSort<F> | RecordSort<G>>>;
export function union<S extends Sort>(a: TExpr<SetSort<S>>, b: TExpr<SetSort<S>>): TExpr<SetSort<S>> { return infix('\\cup', a, b, a.sort); }
/** `a \cap b`. */
export function intersect<S extends Sort>(a: TExpr<SetSort<S>>, b: TExpr<SetSort<S>>): TExpr<SetSort<S>> { return infix('\\cap', a, b, a.sort); }
/** `a \ b`: the elements of `a` not in `b`. */
export function setMinus<S extends Sort>(a: TExpr<SetSort<S>>, b: TExpr<SetSort<S>>): TExpr<SetSort<S>> { return infix('\\', a, b, a.sort); }
/** `a \subseteq b`. */
export function subseteq<S extends Sort>(a: TExpr<SetSort<S>>, b: TExpr<SetSort<S>>): Bool { return infix('\\subseteq', a, b, sorts.BOOL); }
/** `Cardinality(s)` (from the `FiniteSets` module). */
export function cardinality<S extends Sort>(s: TExpr<SetSort<S>>): Int { return mk({ kind: 'builtin', op: 'Cardinality', args: [s.node] }, INT); }
/** `SUBSET s`: the set of all subsets of `s`. */
export function subsets<S extends Sort>(s: TExpr<SetSort<S>>): TExpr<SetSort<SetSort<S>>> { return mk({ kind: 'builtin', op: 'SUBSET', args: [s.node] }, t.set(s.sort)); }
/** `{x \in set : pred}` */
export function filter<E extends Sort>(set: TExpr<SetSort<E>>, pred: Body<E, BoolLike>): TExpr<SetSort<E>> {
  const [b, x] = bind(set, pred);
  return mk({ kind: 'setFilter', binder: b, set: set.node, pred: asBool(pred(x)).node }, set.sort);
}
/** `{f(x) : x \in set}` */
export function mapSet<E extends Sort, R extends Sort>(set: TExpr<SetSort<E>>, f: Body<E, TExpr<R>>): TExpr<SetSort<R>> {
  const [b, x] = bind(set, f);
  const body = f(x);
  return mk({ kind: 'setMap', binder: b, set: set.node, body: body.node }, t.set(body.sort));
}

// ---------------------------------------------------------------- functions

/** `[x \in dom |-> body]` */
export function fn<D extends Sort, R extends Sort>(dom: TExpr<SetSort<D>>, body: Body<D, TExpr<R>>): TExpr<FnSort<D, R>>;
export function fn<D extends Sort, R extends Sort>(dom: TExpr<SetSort<D>>, body: Body<D, ExprLike<R>>, rng: R): TExpr<FnSort<D, R>>;
export function fn<D extends Sort, R extends Sort>(dom: TExpr<SetSort<D>>, body: Body<D, ExprLike<R>>, rng?: R): TExpr<FnSort<D, R>> {
  const [b, x] = bind(dom, body);
  const raw = body(x);
  const v = raw instanceof TExpr ? raw : lift(raw, rng as R);
  const r = rng ?? v.sort;
  return mk({ kind: 'fn', binder: b, set: dom.node, body: v.node }, { kind: 'fn', dom: dom.sort.elem, rng: r, node: { kind: 'fn', dom: dom.node, rng: r.node } });
}
/** `[dom -> rng]` as a set of functions. */
export function fnSet<D extends Sort, R extends Sort>(dom: TExpr<SetSort<D>>, rng: TExpr<SetSort<R>>): TExpr<SetSort<FnSort<D, R>>> {
  return mk({ kind: 'fnSet', dom: dom.node, rng: rng.node }, t.set(t.fn(dom, rng.sort.elem)));
}
/** `f[key]`; the same as `f.at(key)`. */
export function apply<D extends Sort, R extends Sort>(f: TExpr<FnSort<D, R>>, key: ExprLike<D>): TExpr<R> { return f.at(key); }
/** `DOMAIN f`. */
export function domain<D extends Sort, R extends Sort>(f: TExpr<FnSort<D, R>>): TExpr<SetSort<D>> { return mk({ kind: 'builtin', op: 'DOMAIN', args: [f.node] }, t.set(f.sort.dom)); }

/**
 * A typed path into a nested value for EXCEPT: `p => p.at(cpu).get('req').to('freed')`. Each
 * step is only offered where the sort allows it, so a wrong path or value is a type error.
 */
export class Path<S extends Sort> {
  constructor(readonly elems: readonly ir.PathElem[], readonly sort: S) {}
  /** The path one step further, into `f[key]` (`!path[key]` in the `EXCEPT`); only on functions. */
  at<D extends Sort, R extends Sort>(this: Path<FnSort<D, R>>, key: ExprLike<D>): Path<R> {
    return new Path([...this.elems, { kind: 'index', key: lift(key, this.sort.dom).node }], this.sort.rng);
  }
  /** The path one step further, into `r.field` (`!path.field` in the `EXCEPT`); only on records. */
  get<F extends Fields, K extends keyof F & string>(this: Path<RecordSort<F>>, field: K): Path<F[K]> {
    return new Path([...this.elems, { kind: 'field', name: field }], this.sort.fields[field]!);
  }
  /** The new value at this path: a value, or a function of the old one (TLA+'s `@`). */
  to(value: ExprLike<S> | ((old: TExpr<S>) => ExprLike<S>)): ir.ExceptUpdate {
    const v = typeof value === 'function' ? value(new TExpr<S>({ kind: 'at' }, this.sort)) : value;
    return { path: this.elems, value: lift(v, this.sort).node };
  }
}

export type PathUpdates<S extends Sort> = (p: Path<S>) => ir.ExceptUpdate | ir.ExceptUpdate[];

/** The `EXCEPT` updates (`!path = value`) that a `PathUpdates` callback makes, starting from a value of sort `root`. */
export function exceptUpdates<S extends Sort>(root: S, updates: PathUpdates<S>): ir.ExceptUpdate[] {
  const u = updates(new Path([], root));
  return Array.isArray(u) ? u : [u];
}

/** `[f EXCEPT !path = value, ...]`, e.g. `except(ctx, (p) => p.at(cpu).get('req').to('freed'))`. */
export function except<S extends Sort>(f: TExpr<S>, updates: PathUpdates<S>): TExpr<S> {
  return mk({ kind: 'except', fn: f.node, updates: exceptUpdates(f.sort, updates) }, f.sort);
}

// ---------------------------------------------------------------- records

/** A record field's value: an expression, or a literal that makes its own sort (a string is an enum of itself). */
type FieldLike = TExpr<Sort> | string | number | boolean;
type FieldSort<V> = V extends TExpr<infer S> ? S : V extends string ? EnumSort<V> : V extends number ? IntSort : V extends boolean ? BoolSort : never;
type RecordOf<V extends { [k: string]: FieldLike }> = RecordSort<{ [K in keyof V]: FieldSort<V[K]> }>;

/**
 * `[a |-> e1, b |-> e2]`. A literal field makes its own sort: `record({ type: 'Commit' })` is a
 * record whose `type` is the enum `'Commit'`, which fits wherever a record with a wider `type`
 * enum (or a union of record sorts, `union`'s message sets) is expected.
 */
export function record<const V extends { [k: string]: FieldLike }>(fields: V): TExpr<RecordOf<V>> {
  // A literal's sort is the one its own value makes (literalsSort of just it).
  const own = (v: string | number | boolean): TExpr<Sort> => { const x = v as unknown as ExprLike<Sort>; return lift(x, literalsSort([x])); };
  const entries = Object.entries(fields).map(([n, v]): readonly [string, TExpr<Sort>] => [n, v instanceof TExpr ? v : own(v)]);
  const sort = t.record(Object.fromEntries(entries.map(([n, e]) => [n, e.sort]))) as RecordOf<V>;
  return mk({ kind: 'record', fields: entries.map(([n, e]) => [n, e.node] as const) }, sort);
}
/** A record literal of a declared record sort; literals are lifted field by field. */
export function recordOf<F extends Fields>(sort: RecordSort<F>, fields: { [K in keyof F]: ExprLike<F[K]> }): TExpr<RecordSort<F>> {
  return mk({ kind: 'record', fields: Object.keys(sort.fields).map((n) => [n, lift(fields[n] as ExprLike<Sort>, sort.fields[n]!).node] as const) }, sort);
}
type RecordSetOf<V extends { [k: string]: TExpr<SetSort<Sort>> }> = RecordSort<{ [K in keyof V]: V[K]['sort']['elem'] }>;

/**
 * `[a : S1, b : S2]`: the set of every record whose field `a` is in `S1` and `b` in `S2`, e.g.
 * `recordSet({ type: setOf('Prepared'), rm: RM })` (TLA+'s message sets; `variableIn` over one).
 */
export function recordSet<V extends { [k: string]: TExpr<SetSort<Sort>> }>(fields: V): TExpr<SetSort<RecordSetOf<V>>> {
  const entries = Object.entries(fields);
  const sort = t.record(Object.fromEntries(entries.map(([n, e]) => [n, e.sort.elem]))) as RecordSetOf<V>;
  return mk({ kind: 'recordSet', fields: entries.map(([n, e]) => [n, e.node] as const) }, t.set(sort));
}

/** `r.name`; the same as `r.get(name)`. */
export function field<F extends Fields, K extends keyof F & string>(r: TExpr<RecordSort<F>>, name: K): TExpr<F[K]> { return r.get(name); }

// ---------------------------------------------------------------- control

/**
 * `IF c THEN a ELSE b`, e.g. `ite(gt(x, 0), minus(x, 1), 0)`; a literal branch takes the other
 * branch's sort (`ite(c, 0, x)`), and two literals make their own (`ite(c, 'black', 'white')`
 * is an enum of the two, assignable to any enum variable that has both values).
 */
export function ite<S extends Sort>(c: BoolLike, a: TExpr<S>, b: ExprLike<S>): TExpr<S>;
export function ite<S extends Sort>(c: BoolLike, a: Lit<S>, b: TExpr<S>): TExpr<S>;
export function ite(c: BoolLike, a: number, b: number): Int;
export function ite<const L extends string>(c: BoolLike, a: L, b: L): TExpr<EnumSort<L>>;
export function ite(c: BoolLike, a: boolean, b: boolean): Bool;
export function ite<S extends Sort>(c: BoolLike, a: ExprLike<S>, b: ExprLike<S>): TExpr<S> {
  const sort = literalsSort([a, b]);
  return mk({ kind: 'if', cond: asBool(c).node, then: lift(a, sort).node, else: lift(b, sort).node }, sort);
}
/** `CASE c1 -> v1 [] c2 -> v2 [] OTHER -> other` */
export function cases<S extends Sort>(arms: readonly (readonly [BoolLike, TExpr<S>])[], other?: ExprLike<S>): TExpr<S> {
  const first = arms[0];
  if (!first) throw new RangeError('cases(): needs at least one arm');
  const sort = first[1].sort;
  return mk({
    kind: 'case',
    arms: arms.map(([c, v]) => [asBool(c).node, v.node] as const),
    ...(other === undefined ? {} : { other: lift(other, sort).node }),
  }, sort);
}
/** `LET name == value IN body(name)` */
export function letIn<S extends Sort, R extends Sort>(name: string, value: TExpr<S>, body: (v: TExpr<S>) => TExpr<R>): TExpr<R> {
  const b = body(new TExpr<S>({ kind: 'ref', name }, value.sort));
  return mk({ kind: 'let', name, value: value.node, body: b.node }, b.sort);
}

// ---------------------------------------------------------------- sequences

/** `<<>>`, a sequence of `elem`s. */
export function emptySeq<S extends Sort>(elem: S): TExpr<SeqSort<S>> { return mk({ kind: 'tuple', elements: [] }, { kind: 'seq', elem, node: { kind: 'seq', elem: elem.node, max: 0 } }); }
/** `<<a, b, c>>`; the first element fixes the sort. */
export function seqOf<S extends Sort>(first: TExpr<S>, ...rest: ExprLike<S>[]): TExpr<SeqSort<S>> {
  return mk({ kind: 'tuple', elements: [first, ...rest.map((e) => lift(e, first.sort))].map((e) => e.node) }, { kind: 'seq', elem: first.sort, node: { kind: 'seq', elem: first.sort.node, max: rest.length + 1 } });
}
/**
 * `Seq(S)`: every finite sequence of elements of `S` — infinite, so only for membership
 * (`isIn(q, seqSet(Msg))`, TypeOK). With `max` (a literal or an int constant) it is bounded for
 * checking: `UNION {[1..n -> S] : n \in 0..max}`, the sequences of at most `max` elements, which
 * every checker can also enumerate (`pick`, `exists`, `variableIn`).
 */
export function seqSet<S extends Sort>(set: TExpr<SetSort<S>>, max?: IntLike): TExpr<SetSort<SeqSort<S>>> {
  const sort: SeqSort<S> = { kind: 'seq', elem: set.sort.elem, node: { kind: 'seq', elem: set.sort.elem.node, max: max === undefined ? 0 : asInt(max).node } };
  if (max === undefined) return mk({ kind: 'builtin', op: 'Seq', args: [set.node] }, t.set(sort));
  const n = binder('n');
  const lengths: ir.Expr = { kind: 'infix', op: '..', left: { kind: 'int', value: 0 }, right: asInt(max).node };
  const fns: ir.Expr = { kind: 'setMap', binder: n, set: lengths, body: { kind: 'fnSet', dom: { kind: 'infix', op: '..', left: { kind: 'int', value: 1 }, right: { kind: 'bound', binder: n } }, rng: set.node } };
  return mk({ kind: 'builtin', op: 'UNION', args: [fns] }, t.set(sort));
}

/** `Append(s, x)` (from the `Sequences` module). */
export function append<S extends Sort>(s: TExpr<SeqSort<S>>, x: ExprLike<S>): TExpr<SeqSort<S>> { return mk({ kind: 'builtin', op: 'Append', args: [s.node, lift(x, s.sort.elem).node] }, s.sort); }
/** `Head(s)`. Note: tla-checker can't parse a field access on it (`Head(s).f`); the emitter writes `s[1]` instead. */
export function head<S extends Sort>(s: TExpr<SeqSort<S>>): TExpr<S> { return mk({ kind: 'builtin', op: 'Head', args: [s.node] }, s.sort.elem); }
/** `Tail(s)`: `s` without its first element. */
export function tail<S extends Sort>(s: TExpr<SeqSort<S>>): TExpr<SeqSort<S>> { return mk({ kind: 'builtin', op: 'Tail', args: [s.node] }, s.sort); }
/** `Len(s)`. */
export function len<S extends Sort>(s: TExpr<SeqSort<S>>): Int { return mk({ kind: 'builtin', op: 'Len', args: [s.node] }, INT); }
/** `s[i]`: the `i`-th element (1-based). */
export function nth<S extends Sort>(s: TExpr<SeqSort<S>>, i: IntLike): TExpr<S> { return mk({ kind: 'apply', fn: s.node, arg: asInt(i).node }, s.sort.elem); }

// ---------------------------------------------------------------- temporal

type StateOrTemporal = BoolLike | TExpr<TemporalSort>;
const asTemporalArg = (e: StateOrTemporal): ir.Expr => (e instanceof TExpr ? e.node : asBool(e).node);

/** `[]e`: `e` holds in every state; for `m.property`, e.g. `always(le(count, 2))`. */
export function always(e: StateOrTemporal): TExpr<TemporalSort> { return mk({ kind: 'builtin', op: '[]', args: [asTemporalArg(e)] }, sorts.TEMPORAL); }
/** `<>e`: `e` holds in some later state. */
export function eventually(e: StateOrTemporal): TExpr<TemporalSort> { return mk({ kind: 'builtin', op: '<>', args: [asTemporalArg(e)] }, sorts.TEMPORAL); }
/** `[]<>p`: p holds infinitely often. */
export function alwaysEventually(p: BoolLike): TExpr<TemporalSort> {
  return mk({ kind: 'builtin', op: '[]', args: [mk({ kind: 'builtin', op: '<>', args: [asBool(p).node] }, sorts.TEMPORAL).node] }, sorts.TEMPORAL);
}
/** `p ~> q`: whenever p holds, q holds then or later; either side may be temporal (`([]<>p) ~> q`). */
export function leadsTo(p: StateOrTemporal, q: StateOrTemporal): TExpr<TemporalSort> {
  return mk({ kind: 'infix', op: '~>', left: asTemporalArg(p), right: asTemporalArg(q) }, sorts.TEMPORAL);
}
/** `WF_vars(a)`: weak fairness — if `a` stays enabled, an `a` step eventually happens. For `m.spec`'s fairness. */
export function wf(a: TExpr<ActionSort>): TExpr<TemporalSort> { return mk({ kind: 'fair', strong: false, action: a.node }, sorts.TEMPORAL); }
/** `SF_vars(a)`: strong fairness — if `a` is enabled infinitely often, an `a` step eventually happens. */
export function sf(a: TExpr<ActionSort>): TExpr<TemporalSort> { return mk({ kind: 'fair', strong: true, action: a.node }, sorts.TEMPORAL); }
/**
 * `[][a]_sub`: every step is an `a` step or leaves `sub` unchanged (default: every variable) —
 * an action property, e.g. `alwaysAction(unchanged(color))` or
 * `alwaysAction(ge(primed(x), x), x)`.
 */
export function alwaysAction(a: ActionLike, sub?: { readonly node: ir.Expr } | readonly { readonly node: ir.Expr }[]): TExpr<TemporalSort> {
  const subNode = sub === undefined ? undefined : 'node' in sub ? sub.node : { kind: 'tuple' as const, elements: sub.map((v) => v.node) };
  return mk({ kind: 'boxAction', action: operand(a), ...(subNode ? { sub: subNode } : {}) }, sorts.TEMPORAL);
}
/** `e'`: the value of `e` in the next state, inside an action property (`alwaysAction`). */
export function primed<S extends Sort>(e: TExpr<S>): TExpr<S> { return mk({ kind: 'prime', operand: e.node }, e.sort); }
/** `UNCHANGED <<v1, …>>`: an action that leaves these variables alone. */
export function unchanged(...vs: readonly { readonly name: string }[]): TExpr<ActionSort> { return mk({ kind: 'unchanged', names: vs.map((v) => v.name) }, sorts.ACTION); }
/** `ENABLED a`: action `a` can take a step, e.g. `enabled(Acquire({ cpu }))`. */
export function enabled(a: TExpr<ActionSort>): Bool { return mk({ kind: 'builtin', op: 'ENABLED', args: [a.node] }, sorts.BOOL); }

/** A reference to a module-level name of a known sort (constants, variables, definitions use it). */
export function ref<S extends Sort>(name: string, sort: S): TExpr<S> { return new TExpr<S>({ kind: 'ref', name }, sort); }
/** The sort of the elements of the model-value set `name` (whose TLA+ expression is `set`): used in `TypeOK` as `\in set`. */
export function atomSort<N extends string>(name: N, set: ir.Expr): AtomSort<N> {
  return { kind: 'atom', atom: name, node: { kind: 'member', set } };
}
