import type { Expr, SortNode } from '../ir/nodes.js';

/**
 * Sorts are TypeScript types with a runtime twin. The `kind` literal keeps sorts apart at the type
 * level (an enum is never an integer); `node` is the erased sort the emitter uses for TypeOK.
 */
export interface Sort { readonly kind: string; readonly node: SortNode }
export interface BoolSort extends Sort { readonly kind: 'bool' }
export interface IntSort extends Sort { readonly kind: 'int' }
export interface EnumSort<L extends string> extends Sort { readonly kind: 'enum'; readonly values: readonly L[] }
/** Elements of the model-value set constant `N` (plus any model values declared alongside it). */
export interface AtomSort<N extends string> extends Sort { readonly kind: 'atom'; readonly atom: N }
export interface RecordSort<F extends Fields> extends Sort { readonly kind: 'record'; readonly fields: F }
export interface FnSort<D extends Sort, R extends Sort> extends Sort { readonly kind: 'fn'; readonly dom: D; readonly rng: R }
export interface SetSort<E extends Sort> extends Sort { readonly kind: 'set'; readonly elem: E }
export interface SeqSort<E extends Sort> extends Sort { readonly kind: 'seq'; readonly elem: E }
/** Temporal formulas: only `property` takes them, so an invariant can't be temporal by mistake. */
export interface TemporalSort extends Sort { readonly kind: 'temporal' }
/** Actions (`[A]_v`, `ENABLED A`, fairness): boolean-valued, but not state predicates. */
export interface ActionSort extends Sort { readonly kind: 'action' }

export type Fields = { readonly [name: string]: Sort };

/** The TypeScript value a literal of sort S may be written as. */
export type Lit<S extends Sort> =
  S extends BoolSort ? boolean :
  S extends IntSort ? number :
  S extends EnumSort<infer L> ? L :
  never;

/** A sort bound: an integer literal or an integer expression over constants, e.g. `m.intConstant('N')`. */
export type BoundLike = number | { readonly node: Expr; readonly sort: IntSort };
const bound = (b: BoundLike): number | Expr => (typeof b === 'number' ? b : b.node);

/** `BOOLEAN`. */
const BOOL: BoolSort = { kind: 'bool', node: { kind: 'bool' } };
/** A temporal formula (`[]p`, `p ~> q`): only `m.property` takes one. */
const TEMPORAL: TemporalSort = { kind: 'temporal', node: { kind: 'bool' } };
/** An action (`Acquire(c)`, for `ENABLED`). */
const ACTION: ActionSort = { kind: 'action', node: { kind: 'bool' } };

/** The sorts without parameters, shared: `BOOL` (a `BOOLEAN`), `TEMPORAL` (a temporal formula), `ACTION` (an action). */
export const sorts = { BOOL, TEMPORAL, ACTION };

/** Sort constructors, used as `t.int(0, 3)`, `t.enum('idle', 'busy')`, `t.fn(CPUS, t.bool())`. */
export const t = {
  /** `BOOLEAN`: `TRUE` or `FALSE`. */
  bool: (): BoolSort => BOOL,
  /**
   * Integers; `lo..hi` is the range TypeOK checks (arithmetic may leave it, TypeOK then says so).
   * A bound may be an integer constant or an expression over constants: `t.int(0, N)` is `0..N`.
   */
  int: (lo: BoundLike, hi: BoundLike): IntSort => {
    const literal = (b: BoundLike) => typeof b !== 'number' || Number.isInteger(b);
    if (!literal(lo) || !literal(hi) || (typeof lo === 'number' && typeof hi === 'number' && lo > hi)) {
      throw new RangeError(`t.int(${String(lo)}, ${String(hi)}): need integers lo <= hi`);
    }
    return { kind: 'int', node: { kind: 'int', lo: bound(lo), hi: bound(hi) } };
  },
  /** A set of string values, e.g. `t.enum('idle', 'busy')`; `TypeOK` says `\in {"idle", "busy"}`. */
  enum: <const L extends string>(...values: L[]): EnumSort<L> => {
    if (values.length === 0) throw new RangeError('t.enum(): needs at least one value');
    return { kind: 'enum', values, node: { kind: 'enum', values } };
  },
  /** Records with the given fields, e.g. `t.record({ req: Req, cpu: t.member(CPUS) })`; `TypeOK`: `[req : ..., cpu : ...]`. */
  record: <F extends Fields>(fields: F): RecordSort<F> => ({
    kind: 'record',
    fields,
    node: { kind: 'record', fields: Object.entries(fields).map(([n, s]) => [n, s.node] as const) },
  }),
  /** Total functions from the set `dom` (e.g. a constant `CPUS`) to sort `rng`. */
  fn: <D extends Sort, R extends Sort>(dom: { readonly node: Expr; readonly sort: SetSort<D> }, rng: R): FnSort<D, R> => ({
    kind: 'fn',
    dom: dom.sort.elem,
    rng,
    node: { kind: 'fn', dom: dom.node, rng: rng.node },
  }),
  /** Sets of `elem`s; `TypeOK`: `SUBSET elem`. */
  set: <E extends Sort>(elem: E): SetSort<E> => ({ kind: 'set', elem, node: { kind: 'set', elem: elem.node } }),
  /** Sequences of at most `max` elements (the bound TypeOK checks); `max` may be an integer constant: `t.seq(Msg, N)`. */
  seq: <E extends Sort>(elem: E, max: BoundLike): SeqSort<E> => ({ kind: 'seq', elem, node: { kind: 'seq', elem: elem.node, max: bound(max) } }),
  /** The elements of a set expression, e.g. `t.member(union(CPUS, set(NoCpu)))`. */
  member: <E extends Sort>(set: { readonly node: Expr; readonly sort: SetSort<E> }): E =>
    ({ ...set.sort.elem, node: { kind: 'member', set: set.node } }),
};

