/**
 * Random models for differential fuzzing, as plain JSON descriptions:
 *  - `buildFuzzModel` turns a description into a real DSL model (the public authoring API, so the
 *    real lowering and emitter compile it);
 *  - `evaluate` is an independent explicit-state evaluation of the same description with TLA+
 *    semantics (integer division floors, `%` is non-negative, actions read the old state, process
 *    steps run their statements in order like PlusCal), used as a third opinion beside TLC and
 *    tla-checker.
 *
 * A variable is a scalar (boolean, integer range, enum, an element of `P`), a function from `P`
 * to one, or a set, a bounded sequence or a two-field record of them.
 *
 * Every model is symmetric in its one model-value set `P` (nothing names a single element of it),
 * so SYMMETRY may be switched on, and every integer assignment, push and pop is guarded to stay
 * in its type and clear of evaluation errors (TypeOK always holds; Head has a default; a CASE with no OTHER has an arm for every case). Each config checks one thing: one invariant (deadlock off) or deadlock
 * (no invariant besides TypeOK), so exactly one verdict is right whatever the search order.
 */
import {
  always, alwaysEventually, and, append, assert, cardinality, cases, choose, div, either, eitherOf, emptySeq, emptySet, eq, eventually, except, exists, FALSE, filter, fn, fnSet, forall, ge, goto, gt, head,
  ifThen, implies, int, isIn, ite, label, le, leadsTo, len, letIn, lift, local, lt, minus, mod, model, neq, not, or, pick, plus, range, record, recordSet, seqOf, set,
  setMinus, setOf, t, tail, times, TRUE, union, update, when,
  type Item, type Model, type Stmt,
} from '../../dsl/index.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { CfgFacts } from '../../dsl/check/cfg-facts.js';
import type { Sort, TExpr } from '../../dsl/index.js';

// ---------------------------------------------------------------------------------------------
// Descriptions

export const ENUMS: readonly (readonly string[])[] = [['a', 'b'], ['r', 'g', 'y']];

export type ScalarD = { readonly k: 'bool' } | { readonly k: 'int'; readonly lo: number; readonly hi: number } | { readonly k: 'enum'; readonly e: number } | { readonly k: 'atom' };
/** A record's two fields. */
export type FieldD = 'f' | 'g';
/**
 * A variable's sort: a scalar, a function from P, or (elements and fields scalar) a finite set, a
 * sequence bounded by `max` (TypeOK's bound), or a record with fields `f` and `g`.
 */
export type SortD =
  | ScalarD
  | { readonly k: 'fn'; readonly rng: ScalarD }
  | { readonly k: 'set'; readonly elem: ScalarD }
  | { readonly k: 'seq'; readonly elem: ScalarD; readonly max: number }
  | { readonly k: 'rec'; readonly f: ScalarD; readonly g: ScalarD };
export type CompoundD = Extract<SortD, { k: 'set' | 'seq' | 'rec' }>;
export const isCompound = (s: SortD): s is CompoundD => s.k === 'set' || s.k === 'seq' || s.k === 'rec';
/** Every node kind (`k`) a description holds, its sorts', expressions' and items' alike. */
export function kindsIn(x: unknown, out = new Set<string>()): Set<string> {
  if (!x || typeof x !== 'object') return out;
  const k = (x as { k?: unknown }).k;
  if (typeof k === 'string') out.add(k);
  for (const v of Object.values(x)) kindsIn(v, out);
  return out;
}
/** The scalar sort of a record's field. */
export const fieldSort = (s: Extract<SortD, { k: 'rec' }>, f: FieldD): ScalarD => (f === 'f' ? s.f : s.g);

export type ExprD =
  | { readonly k: 'lit'; readonly v: boolean | number | string; readonly e?: number }
  | { readonly k: 'var'; readonly name: string }
  | { readonly k: 'local'; readonly name: string }
  | { readonly k: 'app'; readonly fn: string; readonly key: ExprD }
  | { readonly k: 'self' }
  | { readonly k: 'bound'; readonly i: number }
  | { readonly k: 'not'; readonly a: ExprD }
  | { readonly k: 'and' | 'or'; readonly es: readonly ExprD[] }
  | { readonly k: 'implies' | 'eq' | 'neq' | 'lt' | 'le' | 'gt' | 'ge' | 'plus' | 'minus' | 'times'; readonly a: ExprD; readonly b: ExprD }
  | { readonly k: 'div' | 'mod'; readonly a: ExprD; readonly c: number }
  | { readonly k: 'ite'; readonly c: ExprD; readonly a: ExprD; readonly b: ExprD }
  | { readonly k: 'forall' | 'exists' | 'count'; readonly body: ExprD }
  | { readonly k: 'inRange'; readonly a: ExprD; readonly lo: number; readonly hi: number }
  | { readonly k: 'pcIs'; readonly who: ExprD; readonly label: string }
  /** `[x \in P |-> body]`, body sees x as the next bound index. */
  | { readonly k: 'fnOf'; readonly body: ExprD }
  /** Of set variable `v`: `Cardinality(v)`, `e \in v`. */
  | { readonly k: 'card'; readonly v: string }
  | { readonly k: 'has'; readonly v: string; readonly e: ExprD }
  /** Of sequence variable `v`: `Len(v)`, and `IF Len(v) > 0 THEN Head(v) ELSE d` (never an error). */
  | { readonly k: 'len'; readonly v: string }
  | { readonly k: 'headOr'; readonly v: string; readonly d: ExprD }
  /** Record variable `v`'s field. */
  | { readonly k: 'field'; readonly v: string; readonly f: FieldD }
  /**
   * `IF \E y \in v : y op e THEN CHOOSE y \in v : y op e ELSE d` over set variable `v` of
   * integers or booleans: CHOOSE takes the first in TLC's order, which for these is their own
   * (TLC orders strings by when it interned them, test/compiled-string-order.test.ts; SYMMETRY
   * permutes atoms).
   */
  | { readonly k: 'chooseOr'; readonly v: string; readonly op: 'eq' | 'neq'; readonly e: ExprD; readonly d: ExprD }
  /** `CASE c1 -> e1 [] c2 -> e2 [] OTHER -> other` (TLC takes the first arm that holds). */
  | { readonly k: 'case'; readonly arms: readonly (readonly [ExprD, ExprD])[]; readonly other: ExprD }
  /**
   * A CASE with no OTHER, kept total (so never an evaluation error) by a last arm that holds when
   * no earlier one does: `CASE c1 -> e1 [] c2 -> e2 [] ~(c1 \/ c2) -> other`, which means what
   * `case` does. Nested in another CASE's arm, it is the form whose arms a printer can let swallow
   * the outer CASE's later ones.
   */
  | { readonly k: 'caseTotal'; readonly arms: readonly (readonly [ExprD, ExprD])[]; readonly other: ExprD }
  /** `LET name == e IN body`, `body` reading it as `{ k: 'letRef', name }` (`iv`: an integer's bounds, for the generator's guards). */
  | { readonly k: 'let'; readonly name: string; readonly e: ExprD; readonly body: ExprD }
  | { readonly k: 'letRef'; readonly name: string; readonly iv?: readonly [number, number] }
  // Made only by fuzz-errors.ts's `unguarded`, never by the generator, which keeps every model clear of evaluation errors:
  /** `Head(v)`: an error when sequence variable `v` is empty. */
  | { readonly k: 'head'; readonly v: string }
  /** `CHOOSE y \in v : y op e`: an error when no element of set variable `v` matches. */
  | { readonly k: 'choose'; readonly v: string; readonly op: 'eq' | 'neq'; readonly e: ExprD }
  /** `CASE c1 -> e1 [] c2 -> e2` with no OTHER: an error when no arm holds. */
  | { readonly k: 'casePartial'; readonly arms: readonly (readonly [ExprD, ExprD])[] }
  /** `a \div v` or `a % v` by integer variable `v`: an error when `v` is 0 (`%`: not positive). */
  | { readonly k: 'divBy'; readonly op: 'div' | 'mod'; readonly a: ExprD; readonly by: string }
  /**
   * `divBy` through an operator, `Op(a, v, unused)` with `Op(p, q, u) == p \div q` (or `%`): each
   * argument evaluated where its parameter is first used, `unused` never (TLC's LazyValue).
   */
  | { readonly k: 'opDiv'; readonly op: 'div' | 'mod'; readonly a: ExprD; readonly by: string; readonly unused: ExprD }
  /**
   * `Op(key)[key]` for function variable `v`, `Op(k) == [y \in P |-> CASE y = k -> v[y]]`: `v[key]`,
   * where building the whole function is an error (no arm holds at another y), applied lazily.
   * `via`: `twice`, that function one level down, `[z \in 0..0 |-> …]`, passed to an operator's
   * parameter applied twice (`OpTwice(g, k) == g[0][k]`); `except`, that one with
   * `EXCEPT ![0][key] = v[key]`, applied twice; `atTwice`, one level further down, with
   * `EXCEPT ![0] = [i \in 0..0 |-> @[i][key]]`, applied twice; `through`, passed to an operator
   * that applies it twice through a LET name and an IF (`OpThrough(g, k) == (LET h == g IN IF k = k
   * THEN h ELSE h)[0][k]`). Absent: `Op` (fixtures saved before 2026-12-07).
   */
  | { readonly k: 'lazyAt'; readonly v: string; readonly key: ExprD; readonly via?: 'twice' | 'except' | 'atTwice' | 'through' };

export type ItemD =
  | { readonly k: 'when'; readonly e: ExprD }
  | { readonly k: 'set'; readonly v: string; readonly e: ExprD }
  | { readonly k: 'setLocal'; readonly v: string; readonly e: ExprD }
  | { readonly k: 'update'; readonly v: string; readonly key: ExprD; readonly e: ExprD }
  | { readonly k: 'either'; readonly alts: readonly (readonly ItemD[])[] }
  /** `\E x \in P : items` (actions) / `if c then … else …` (process steps only, `k: 'if'`). */
  | { readonly k: 'pick'; readonly items: readonly ItemD[] }
  | { readonly k: 'if'; readonly c: ExprD; readonly then: readonly ItemD[]; readonly else: readonly ItemD[] }
  /**
   * `v' = v \cup {e}`, `v \ {e}` (sets), `Append(v, e)` (sequences, after a guard on its
   * length), `Tail(v)` (after `Len(v) > 0`), `{}` or `<<>>`, `[v EXCEPT !.f = e]` (records).
   */
  | { readonly k: 'add' | 'del' | 'push'; readonly v: string; readonly e: ExprD }
  | { readonly k: 'pop' | 'clear'; readonly v: string }
  | { readonly k: 'setField'; readonly v: string; readonly f: FieldD; readonly e: ExprD }
  /** `assert e` in a process step (made only by fuzz-errors.ts's `unguarded`, from a guard): a failure when `e` is false. */
  | { readonly k: 'assert'; readonly e: ExprD };

export interface InitD {
  /** `value`: `x = e` (a constant expression; for functions `[p \in P |-> e]`); `in`: `x \in S`. */
  readonly k: 'value' | 'in';
  readonly e?: ExprD;
  /** For `in`: the choices (ints / enum values / booleans); atoms always range over P. For a record, each field's. */
  readonly choices?: readonly (boolean | number | string)[];
  readonly fieldChoices?: Readonly<Record<FieldD, readonly (boolean | number | string)[]>>;
  /** For a set, sequence or record's `value`: its elements, or its fields `f` and `g`, constant. */
  readonly items?: readonly ExprD[];
}

export interface VarD { readonly name: string; readonly sort: SortD; readonly init: InitD }
/** Fairness of an action's steps or a process's (`WF_vars`, `SF_vars`), for a temporal property (`check.k === 'prop'`). */
export type FairD = 'weak' | 'strong';
export interface ActionD { readonly name: string; readonly param: boolean; readonly items: readonly ItemD[]; readonly fairness?: FairD }
export interface StepD { readonly label: string; readonly items: readonly ItemD[] }
export interface ProcessD {
  readonly name: string;
  /** One process per element of P (`self` is that element), or a single process `main`. */
  readonly ids: 'P' | 'single';
  readonly locals: readonly { readonly name: string; readonly lo: number; readonly hi: number; readonly init: number }[];
  readonly steps: readonly StepD[];
  /** After the last step: go back to the first (else: Done). */
  readonly loop: boolean;
  readonly fairness?: FairD;
  /** Labels left out of that fairness (`pc[self] # "l1"`). */
  readonly unfair?: readonly string[];
}

/** A temporal property of state predicates (`forall`: of each `p \in P`, bound variable 0 inside), or the processes' `Termination`. */
export type StatePropD =
  | { readonly k: 'eventually' | 'alwaysEventually' | 'eventuallyAlways'; readonly e: ExprD }
  | { readonly k: 'leadsTo'; readonly p: ExprD; readonly q: ExprD };
export type PropD = StatePropD | { readonly k: 'forall'; readonly prop: StatePropD } | { readonly k: 'termination' };

export interface FuzzModelD {
  readonly name: string;
  /** |P|: the model values p1..pN. */
  readonly p: number;
  readonly vars: readonly VarD[];
  readonly actions: readonly ActionD[];
  readonly process?: ProcessD;
  readonly invariants: readonly ExprD[];
  /** `inv`: check invariant #inv with deadlock off; `deadlock`: check deadlock only; `prop`: a temporal property (`Prop`, or `Termination`) with deadlock off. */
  readonly check: { readonly k: 'inv'; readonly inv: number } | { readonly k: 'deadlock' } | { readonly k: 'prop'; readonly prop: PropD };
  readonly symmetry: boolean;
  /**
   * Each expression written the same way twice within one scope is built once and used at both
   * places: one IR node printed twice, as a DSL value kept in a `const` and used again is (the
   * error-path fuzzer's models, some of them). A scope is an action, a process (all its steps),
   * a quantifier's, pick's or LET's body, or the rest (the variables' initial values and the
   * invariants, one scope across those definitions).
   */
  readonly shared?: boolean;
}

export const CONFIG = 'fuzz';

/** What a fuzz model's config checks, from its description (also for a saved model the DSL now rejects). */
export function fuzzCfgFacts(d: FuzzModelD): CfgFacts {
  return { invariants: ['TypeOK', ...(d.check.k === 'inv' ? [invName(d.check.inv)] : [])], properties: d.check.k === 'prop' ? [propName(d.check.prop)] : [], checkDeadlock: d.check.k === 'deadlock' };
}
export const propName = (p: PropD) => (p.k === 'termination' ? 'Termination' : 'Prop');
export const invName = (i: number) => `Inv${i + 1}`;
export const pNames = (n: number) => Array.from({ length: n }, (_, i) => `p${i + 1}`);

// ---------------------------------------------------------------------------------------------
// Building the DSL model

type AnyExpr = TExpr<Sort>;
// The generator guarantees well-sortedness; the DSL's static types cannot follow a runtime description.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Loose = any;

function sortOf(s: SortD, P: AnyExpr): Sort {
  switch (s.k) {
    case 'bool': return t.bool();
    case 'int': return t.int(s.lo, s.hi);
    case 'enum': return t.enum(...ENUMS[s.e]!);
    case 'atom': return t.member(P as Loose);
    case 'fn': return t.fn(P as Loose, sortOf(s.rng, P));
    case 'set': return t.set(sortOf(s.elem, P));
    case 'seq': return t.seq(sortOf(s.elem, P), s.max);
    case 'rec': return t.record({ f: sortOf(s.f, P), g: sortOf(s.g, P) });
  }
}

interface BuildEnv {
  readonly m: ModelBuilder;
  readonly P: AnyExpr;
  readonly vars: ReadonlyMap<string, AnyExpr>;
  readonly locals: ReadonlyMap<string, AnyExpr>;
  readonly self?: AnyExpr;
  readonly bound: readonly AnyExpr[];
  readonly lets: ReadonlyMap<string, AnyExpr>;
  /** With `FuzzModelD.shared`: the expressions built in each scope (env), by their description. */
  readonly built?: WeakMap<BuildEnv, Map<string, AnyExpr>>;
}

function expr(e: ExprD, env: BuildEnv): AnyExpr {
  if (!env.built) return build(e, env);
  let mine = env.built.get(env);
  if (!mine) env.built.set(env, mine = new Map());
  const key = JSON.stringify(e);
  let made = mine.get(key);
  if (!made) mine.set(key, made = build(e, env));
  return made;
}

/** The operators each model has defined (`operator`), by name. */
const operators = new WeakMap<ModelBuilder, Map<string, Loose>>();
/** Operator `name` of model `m`, defined by `define` where first used: one definition however many uses, shared or not. */
function operator(m: ModelBuilder, name: string, define: () => unknown): Loose {
  let mine = operators.get(m);
  if (!mine) operators.set(m, mine = new Map());
  let op = mine.get(name);
  if (!op) mine.set(name, op = define() as Loose);
  return op;
}

function build(e: ExprD, env: BuildEnv): AnyExpr {
  const x = (a: ExprD) => expr(a, env) as Loose;
  const under = (body: ExprD) => (b: AnyExpr) => expr(body, { ...env, bound: [...env.bound, b] }) as Loose;
  switch (e.k) {
    case 'lit':
      if (typeof e.v === 'boolean') return e.v ? TRUE() : FALSE();
      if (typeof e.v === 'number') return int(e.v);
      return lift(e.v as Loose, t.enum(...ENUMS[e.e ?? 0]!));
    case 'var': return env.vars.get(e.name)!;
    case 'local': return env.locals.get(e.name)!;
    case 'app': return (env.vars.get(e.fn)! as Loose).at(x(e.key));
    case 'self': return env.self!;
    case 'bound': return env.bound[e.i]!;
    case 'not': return not(x(e.a));
    case 'and': return and(...e.es.map(x));
    case 'or': return or(...e.es.map(x));
    case 'implies': return implies(x(e.a), x(e.b));
    case 'eq': return eq(x(e.a), x(e.b));
    case 'neq': return neq(x(e.a), x(e.b));
    case 'lt': return lt(x(e.a), x(e.b));
    case 'le': return le(x(e.a), x(e.b));
    case 'gt': return gt(x(e.a), x(e.b));
    case 'ge': return ge(x(e.a), x(e.b));
    case 'plus': return plus(x(e.a), x(e.b));
    case 'minus': return minus(x(e.a), x(e.b));
    case 'times': return times(x(e.a), x(e.b));
    case 'div': return div(x(e.a), e.c);
    case 'mod': return mod(x(e.a), e.c);
    case 'ite': return ite(x(e.c), x(e.a), x(e.b));
    case 'forall': return forall(env.P as Loose, under(e.body));
    case 'exists': return exists(env.P as Loose, under(e.body));
    case 'count': return cardinality(filter(env.P as Loose, under(e.body)));
    case 'inRange': return isIn(x(e.a), range(e.lo, e.hi));
    case 'pcIs': return env.m.pc(x(e.who)).eq(e.label);
    case 'fnOf': return fn(env.P as Loose, under(e.body));
    case 'card': return cardinality(env.vars.get(e.v)! as Loose);
    case 'has': return isIn(x(e.e), env.vars.get(e.v)! as Loose);
    case 'len': return len(env.vars.get(e.v)! as Loose);
    case 'headOr': return ite(gt(x({ k: 'len', v: e.v }), 0), x({ k: 'head', v: e.v }), x(e.d));
    case 'field': return (env.vars.get(e.v)! as Loose).get(e.f);
    case 'chooseOr': {
      const v = env.vars.get(e.v)! as Loose;
      const holds = (y: Loose) => (e.op === 'eq' ? eq(y, x(e.e)) : neq(y, x(e.e)));
      // The binder prints as `y` (the DSL reads the parameter's name): test/compiled-string-order.test.ts and its tla-checker gap rely on it.
      return ite(exists(v, (y: Loose) => holds(y)), x({ k: 'choose', v: e.v, op: e.op, e: e.e }), x(e.d));
    }
    case 'case': return cases(e.arms.map(([c, v]) => [x(c), x(v)] as const), x(e.other));
    case 'caseTotal': {
      const conds = e.arms.map(([c]) => x(c));
      return cases([...e.arms.map(([, v], i) => [conds[i], x(v)] as const), [not(conds.length === 1 ? conds[0] : or(...conds)), x(e.other)] as const]);
    }
    case 'let': return letIn(e.name, x(e.e), (v: AnyExpr) => expr(e.body, { ...env, lets: new Map([...env.lets, [e.name, v]]) }) as Loose);
    case 'letRef': return env.lets.get(e.name)!;
    case 'head': return head(env.vars.get(e.v)! as Loose);
    case 'choose': {
      const holds = (y: Loose) => (e.op === 'eq' ? eq(y, x(e.e)) : neq(y, x(e.e)));
      return choose(env.vars.get(e.v)! as Loose, (y: Loose) => holds(y));
    }
    case 'casePartial': return cases(e.arms.map(([c, v]) => [x(c), x(v)] as const));
    case 'divBy': return (e.op === 'div' ? div : mod)(x(e.a), env.vars.get(e.by)! as Loose);
    case 'opDiv': {
      const op = operator(env.m, e.op === 'div' ? 'OpDiv' : 'OpMod', () => {
        const ints = range(-99, 99);
        return env.m.defineOp(e.op === 'div' ? 'OpDiv' : 'OpMod', { p: ints, q: ints, u: ints }, ({ p, q }) => (e.op === 'div' ? div : mod)(p, q));
      });
      return op({ p: x(e.a), q: env.vars.get(e.by)! as Loose, u: x(e.unused) });
    }
    case 'lazyAt': {
      const f = env.vars.get(e.v)! as Loose;
      const only = (k: Loose) => fn(env.P as Loose, (y: AnyExpr) => cases([[eq(y as Loose, k), f.at(y)]])) as Loose;
      if (e.via === undefined) {
        const name = `OpLazy_${e.v}`;
        const op = operator(env.m, name, () => env.m.defineOp(name, { k: env.P as Loose }, ({ k }) => only(k)));
        return (op({ k: x(e.key) }) as Loose).at(x(e.key));
      }
      const nested = fn(range(0, 0), () => only(x(e.key))) as Loose;
      if (e.via === 'except') return (except(nested, (p: Loose) => p.at(0).at(x(e.key)).to(f.at(x(e.key)))) as Loose).at(0).at(x(e.key));
      // `@` applied twice in an EXCEPT's value: `[D EXCEPT ![0] = [i \in 0..0 |-> @[i][key]]][0][0]`, D one level deeper.
      if (e.via === 'atTwice') {
        const deeper = fn(range(0, 0), () => nested) as Loose;
        return (except(deeper, (p: Loose) => p.at(0).to((old: Loose) => fn(range(0, 0), (i: AnyExpr) => old.at(i).at(x(e.key))))) as Loose).at(0).at(0);
      }
      if (e.via === 'through') {
        // Applied twice through a LET name of the parameter and an IF's branches: `(LET h == g IN IF k = k THEN h ELSE h)[0][k]`.
        const name = `OpThrough_${e.v}`;
        const op = operator(env.m, name, () => env.m.defineOp(name, { g: setOf(nested), k: env.P as Loose }, ({ g, k }) => (letIn('h', g as Loose, (h: Loose) => ite(eq(k as Loose, k as Loose), h, h)) as Loose).at(0).at(k)));
        return op({ g: nested, k: x(e.key) });
      }
      const name = `OpTwice_${e.v}`;
      // A parameter's set gives its sort alone (TLA+ operators' parameters have none): `{nested}`'s is the function's.
      const op = operator(env.m, name, () => env.m.defineOp(name, { g: setOf(nested), k: env.P as Loose }, ({ g, k }) => (g as Loose).at(0).at(k)));
      return op({ g: nested, k: x(e.key) });
    }
  }
}

function items(is: readonly ItemD[], env: BuildEnv, inProcess: boolean): (Item | Stmt)[] {
  return is.map((it): Item | Stmt => {
    switch (it.k) {
      case 'when': return when(expr(it.e, env) as Loose);
      case 'set': return set(env.vars.get(it.v)! as Loose, expr(it.e, env) as Loose);
      case 'setLocal': return set(env.locals.get(it.v)! as Loose, expr(it.e, env) as Loose);
      case 'update': return update(env.vars.get(it.v)! as Loose, (p: Loose) => p.at(expr(it.key, env)).to(expr(it.e, env)));
      case 'either':
        return inProcess
          ? eitherOf(...it.alts.map((alt) => items(alt, env, true) as Stmt[]))
          : either(...it.alts.map((alt) => items(alt, env, false) as Item[]));
      case 'pick': return pick(env.P as Loose, (x: AnyExpr) => items(it.items, { ...env, bound: [...env.bound, x] }, false) as Item[]);
      case 'if': return ifThen(expr(it.c, env) as Loose, items(it.then, env, true) as Stmt[], items(it.else, env, true) as Stmt[]);
      case 'add': case 'del': case 'push': case 'pop': case 'clear': {
        const v = env.vars.get(it.v)! as Loose;
        const e = 'e' in it ? expr(it.e, env) as Loose : undefined;
        const value: Loose = it.k === 'add' ? union(v, setOf(e)) : it.k === 'del' ? setMinus(v, setOf(e)) : it.k === 'push' ? append(v, e)
          : it.k === 'pop' ? tail(v) : v.sort.kind === 'set' ? emptySet(v.sort.elem) : emptySeq(v.sort.elem);
        return set(v, value);
      }
      case 'setField': return update(env.vars.get(it.v)! as Loose, (p: Loose) => p.get(it.f).to(expr(it.e, env)));
      case 'assert': return assert('check', expr(it.e, env) as Loose);
    }
  });
}

/** A set, sequence or record variable's constant initial value. */
function compoundValue(s: CompoundD, init: InitD, env: BuildEnv, sort: Loose): Loose {
  const xs = (init.items ?? []).map((e) => expr(e, env) as Loose);
  switch (s.k) {
    case 'set': return xs.length ? setOf(xs[0], ...xs.slice(1)) : emptySet(sort.elem);
    case 'seq': return xs.length ? seqOf(xs[0], ...xs.slice(1)) : emptySeq(sort.elem);
    case 'rec': return record({ f: xs[0], g: xs[1] });
  }
}

/** The description as a DSL model, with one config named `fuzz`. */
export function buildFuzzModel(d: FuzzModelD): Model {
  return model(d.name, (m) => {
    const P = m.modelValues('P') as AnyExpr;
    const vars = new Map<string, AnyExpr>();
    const base: BuildEnv = { m, P, vars, locals: new Map(), bound: [], lets: new Map(), ...(d.shared ? { built: new WeakMap() } : {}) };
    for (const v of d.vars) {
      const sort = sortOf(v.sort, P);
      if (v.init.k === 'value') {
        const value = v.sort.k === 'fn' ? fn(P as Loose, () => expr(v.init.e!, base) as Loose)
          : isCompound(v.sort) ? compoundValue(v.sort, v.init, base, sort) : expr(v.init.e!, base);
        vars.set(v.name, m.variable(v.name, sort, value as Loose) as AnyExpr);
      } else {
        vars.set(v.name, m.variableIn(v.name, sort, initSet(v.sort, v.init, P)) as AnyExpr);
      }
    }
    for (const a of d.actions) {
      m.action(a.name, a.param ? { self: P as Loose } : {}, (args: Loose) => items(a.items, { ...base, ...(a.param ? { self: args.self } : {}) }, false) as Item[], a.fairness ? { fairness: a.fairness } : {});
    }
    const pr = d.process;
    if (pr) {
      const specs = Object.fromEntries(pr.locals.map((l) => [l.name, local(t.int(l.lo, l.hi), l.init)]));
      m.process(pr.name, pr.ids === 'P' ? (P as Loose) : 'main', { locals: specs, ...(pr.fairness ? { fairness: pr.fairness } : {}), ...(pr.unfair?.length ? { unfair: pr.unfair } : {}) }, (ctx: Loose) => {
        const env: BuildEnv = { ...base, locals: new Map(pr.locals.map((l) => [l.name, ctx[l.name] as AnyExpr])), ...(pr.ids === 'P' ? { self: ctx.self } : {}) };
        const out: Stmt[] = [];
        pr.steps.forEach((s, i) => {
          out.push(label(s.label), ...(items(s.items, env, true) as Stmt[]));
          if (i === pr.steps.length - 1 && pr.loop) out.push(goto(pr.steps[0]!.label));
        });
        return out;
      });
    }
    d.invariants.forEach((inv, i) => m.invariant(invName(i), expr(inv, base) as Loose));
    const prop = d.check.k === 'prop' ? d.check.prop : undefined;
    if (prop && prop.k !== 'termination') m.property(propName(prop), temporal(prop, base));
    m.config(CONFIG, {
      constants: { P: pNames(d.p) },
      invariants: d.check.k === 'inv' ? [invName(d.check.inv)] : [],
      ...(prop ? { properties: [propName(prop)] } : {}),
      checkDeadlock: d.check.k === 'deadlock',
      ...(d.symmetry ? { symmetry: [P as Loose] } : {}),
    });
  });
}

function temporal(p: Exclude<PropD, { k: 'termination' }>, env: BuildEnv): Loose {
  switch (p.k) {
    case 'forall': return forall(env.P as Loose, (b: AnyExpr) => temporal(p.prop, { ...env, bound: [...env.bound, b] }));
    case 'eventually': return eventually(expr(p.e, env) as Loose);
    case 'alwaysEventually': return alwaysEventually(expr(p.e, env) as Loose);
    case 'eventuallyAlways': return eventually(always(expr(p.e, env) as Loose));
    case 'leadsTo': return leadsTo(expr(p.p, env) as Loose, expr(p.q, env) as Loose);
  }
}

function initSet(s: SortD, init: InitD, P: AnyExpr): Loose {
  if (s.k === 'rec') {
    const of = (f: FieldD) => (fieldSort(s, f).k === 'atom' ? P : mkSet(fieldSort(s, f), init.fieldChoices![f]));
    return recordSet({ f: of('f'), g: of('g') });
  }
  if (s.k === 'set' || s.k === 'seq') throw new Error(`a ${s.k} variable starts at a value`);
  const scalar = s.k === 'fn' ? s.rng : s;
  let elems: Loose;
  if (scalar.k === 'atom') elems = P;
  else if (scalar.k === 'bool' && (init.choices ?? []).length === 2) elems = mkSet(scalar, [true, false]);
  else elems = mkSet(scalar, init.choices ?? []);
  if (s.k !== 'fn') return elems;
  return fnSetOf(P, elems);
}

function mkSet(s: ScalarD, choices: readonly (boolean | number | string)[]): Loose {
  const lits = choices.map((c) => (typeof c === 'boolean' ? (c ? TRUE() : FALSE()) : typeof c === 'number' ? int(c) : lift(c as Loose, t.enum(...ENUMS[(s as { e: number }).e]!))));
  return setOfLits(lits);
}

function setOfLits(lits: readonly AnyExpr[]): Loose { return setOf(lits[0] as Loose, ...(lits.slice(1) as Loose[])); }
function fnSetOf(P: AnyExpr, elems: AnyExpr): Loose { return fnSet(P as Loose, elems as Loose); }

// ---------------------------------------------------------------------------------------------
// Independent evaluation

export type Val = boolean | number | string | readonly Val[];

export interface Semantics {
  /** TLA+ (`floor`): `\div` rounds down and `%` is in 0..c-1. `trunc`: C-style, to classify a checker that truncates. */
  readonly divmod: 'floor' | 'trunc';
}
export const TLA_SEMANTICS: Semantics = { divmod: 'floor' };

export interface Evaluation {
  /** Distinct reachable states (orbits under SYMMETRY), or undefined when more than `cap`. */
  readonly distinct?: number;
  /** Verdict for the config: `passed`, `invariant Inv2`, `deadlock`. */
  readonly verdict?: string;
  /** The search stopped at `cap` states. */
  readonly tooBig: boolean;
  /** Something only a generator bug can cause (a TypeOK violation). */
  readonly problem?: string;
}

interface EvalCtx {
  readonly d: FuzzModelD;
  readonly sem: Semantics;
  readonly atoms: readonly string[];
}

/** A state: global variables, then per process id its pc and locals. */
export interface State {
  readonly g: Readonly<Record<string, Val>>;
  readonly pc: Readonly<Record<string, string>>;
  readonly loc: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

interface Scope {
  readonly s: State;
  readonly self?: string;
  readonly bound: readonly string[];
  /** Process-local values of `self` (sequential within a step). */
  readonly locals?: Readonly<Record<string, number>>;
  /** The LETs around the expression, by name. */
  readonly lets?: Readonly<Record<string, Val>>;
}

const floorDiv = (a: number, c: number) => Math.floor(a / c);

function ev(e: ExprD, sc: Scope, cx: EvalCtx): Val {
  const x = (a: ExprD) => ev(a, sc, cx);
  const n = (a: ExprD) => x(a) as number;
  const b = (a: ExprD) => x(a) as boolean;
  const under = (body: ExprD, p: string) => ev(body, { ...sc, bound: [...sc.bound, p] }, cx);
  switch (e.k) {
    case 'lit': return e.v;
    case 'var': return sc.s.g[e.name]!;
    case 'local': return sc.locals![e.name]!;
    case 'app': return (sc.s.g[e.fn] as readonly Val[])[cx.atoms.indexOf(x(e.key) as string)]!;
    case 'self': return sc.self!;
    case 'bound': return sc.bound[e.i]!;
    case 'not': return !b(e.a);
    case 'and': return e.es.every(b);
    case 'or': return e.es.some(b);
    case 'implies': return !b(e.a) || b(e.b);
    case 'eq': return valKey(x(e.a)) === valKey(x(e.b));
    case 'neq': return valKey(x(e.a)) !== valKey(x(e.b));
    case 'lt': return n(e.a) < n(e.b);
    case 'le': return n(e.a) <= n(e.b);
    case 'gt': return n(e.a) > n(e.b);
    case 'ge': return n(e.a) >= n(e.b);
    case 'plus': return n(e.a) + n(e.b);
    case 'minus': return n(e.a) - n(e.b);
    case 'times': return n(e.a) * n(e.b);
    case 'div': return cx.sem.divmod === 'floor' ? floorDiv(n(e.a), e.c) : Math.trunc(n(e.a) / e.c);
    case 'mod': {
      const a = n(e.a);
      return cx.sem.divmod === 'floor' ? a - e.c * floorDiv(a, e.c) : a % e.c;
    }
    case 'ite': return b(e.c) ? x(e.a) : x(e.b);
    case 'forall': return cx.atoms.every((p) => under(e.body, p) as boolean);
    case 'exists': return cx.atoms.some((p) => under(e.body, p) as boolean);
    case 'count': return cx.atoms.filter((p) => under(e.body, p) as boolean).length;
    case 'inRange': { const v = n(e.a); return v >= e.lo && v <= e.hi; }
    case 'pcIs': return sc.s.pc[x(e.who) as string] === e.label;
    case 'fnOf': return cx.atoms.map((p) => under(e.body, p));
    case 'card': return (sc.s.g[e.v] as readonly Val[]).length;
    case 'has': { const k = valKey(x(e.e)); return (sc.s.g[e.v] as readonly Val[]).some((y) => valKey(y) === k); }
    case 'len': return (sc.s.g[e.v] as readonly Val[]).length;
    case 'headOr': { const q = sc.s.g[e.v] as readonly Val[]; return q.length ? q[0]! : x(e.d); }
    case 'field': return (sc.s.g[e.v] as readonly Val[])[e.f === 'f' ? 0 : 1]!;
    case 'chooseOr': {
      // tlcOrder is TLC's order for these only (strings go by TLC's intern order): the generator keeps to them.
      const elem = cx.d.vars.find((v) => v.name === e.v)?.sort;
      if (elem?.k !== 'set' || (elem.elem.k !== 'int' && elem.elem.k !== 'bool')) throw new Error(`CHOOSE over ${e.v}: the evaluation orders only integers and booleans as TLC does`);
      const k = valKey(x(e.e));
      const first = [...(sc.s.g[e.v] as readonly Val[])].sort(tlcOrder).find((y) => (valKey(y) === k) === (e.op === 'eq'));
      return first ?? x(e.d);
    }
    case 'case': case 'caseTotal': { const arm = e.arms.find(([c]) => b(c)); return arm ? x(arm[1]) : x(e.other); }
    case 'let': return ev(e.body, { ...sc, lets: { ...sc.lets, [e.name]: x(e.e) } }, cx);
    case 'letRef': return sc.lets![e.name]!;
    case 'head': case 'choose': case 'casePartial': case 'divBy': case 'opDiv': case 'lazyAt': throw new Error(`${e.k}: the evaluation does not model evaluation errors (fuzz-errors.ts compares these models with TLC alone)`);
  }
}

/** TLC's order of integers and booleans (a set's enumeration, which CHOOSE takes the first of): by value, FALSE before TRUE. */
const tlcOrder = (a: Val, b: Val): number => (typeof a === 'number' && typeof b === 'number' ? a - b : a === b ? 0 : a === false ? -1 : 1);

/** A set's canonical form: its elements (scalars) once each, in one order. Here a set, a sequence and a record (`[f, g]`) are each an array. */
export const setOfVals = (xs: readonly Val[]): Val[] => [...new Map(xs.map((x) => [valKey(x), x])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, x]) => x);

/** The new value of a set, sequence or record variable `old` under item `it` (its `e` evaluated in `sc`). */
function compoundItem(it: Extract<ItemD, { k: 'add' | 'del' | 'push' | 'pop' | 'clear' | 'setField' }>, old: readonly Val[], sc: Scope, cx: EvalCtx): Val {
  switch (it.k) {
    case 'add': return setOfVals([...old, ev(it.e, sc, cx)]);
    case 'del': { const k = valKey(ev(it.e, sc, cx)); return old.filter((x) => valKey(x) !== k); }
    case 'push': return [...old, ev(it.e, sc, cx)];
    case 'pop': return old.slice(1);
    case 'clear': return [];
    case 'setField': { const r = [...old]; r[it.f === 'f' ? 0 : 1] = ev(it.e, sc, cx); return r; }
  }
}

const valKey = (v: Val): string => JSON.stringify(v);

/** An action's successors: every item reads the old state; assignments collect into `next`. */
function actionSucc(its: readonly ItemD[], sc: Scope, cx: EvalCtx, next: Record<string, Val>): Record<string, Val>[] {
  if (its.length === 0) return [next];
  const [it, ...rest] = its as [ItemD, ...ItemD[]];
  switch (it.k) {
    case 'when': return ev(it.e, sc, cx) ? actionSucc(rest, sc, cx, next) : [];
    case 'set': return actionSucc(rest, sc, cx, { ...next, [it.v]: ev(it.e, sc, cx) });
    case 'update': {
      const f = [...(sc.s.g[it.v] as readonly Val[])];
      f[cx.atoms.indexOf(ev(it.key, sc, cx) as string)] = ev(it.e, sc, cx);
      return actionSucc(rest, sc, cx, { ...next, [it.v]: f });
    }
    case 'add': case 'del': case 'push': case 'pop': case 'clear': case 'setField':
      return actionSucc(rest, sc, cx, { ...next, [it.v]: compoundItem(it, sc.s.g[it.v] as readonly Val[], sc, cx) });
    case 'either': return it.alts.flatMap((alt) => actionSucc(alt, sc, cx, next).flatMap((n2) => actionSucc(rest, sc, cx, n2)));
    case 'pick': return cx.atoms.flatMap((p) => actionSucc(it.items, { ...sc, bound: [...sc.bound, p] }, cx, next)).flatMap((n2) => actionSucc(rest, sc, cx, n2));
    default: throw new Error(`${it.k} in an action`);
  }
}

/** A process step: statements run in order, each seeing the previous ones' writes. */
function stepSucc(its: readonly ItemD[], sc: Scope, cx: EvalCtx): Scope[] {
  if (its.length === 0) return [sc];
  const [it, ...rest] = its as [ItemD, ...ItemD[]];
  const withG = (name: string, v: Val): Scope => ({ ...sc, s: { ...sc.s, g: { ...sc.s.g, [name]: v } } });
  switch (it.k) {
    case 'when': return ev(it.e, sc, cx) ? stepSucc(rest, sc, cx) : [];
    case 'set': return stepSucc(rest, withG(it.v, ev(it.e, sc, cx)), cx);
    case 'setLocal': return stepSucc(rest, { ...sc, locals: { ...sc.locals, [it.v]: ev(it.e, sc, cx) as number } }, cx);
    case 'update': {
      const f = [...(sc.s.g[it.v] as readonly Val[])];
      f[cx.atoms.indexOf(ev(it.key, sc, cx) as string)] = ev(it.e, sc, cx);
      return stepSucc(rest, withG(it.v, f), cx);
    }
    case 'add': case 'del': case 'push': case 'pop': case 'clear': case 'setField':
      return stepSucc(rest, withG(it.v, compoundItem(it, sc.s.g[it.v] as readonly Val[], sc, cx)), cx);
    case 'either': return it.alts.flatMap((alt) => stepSucc(alt, sc, cx)).flatMap((s2) => stepSucc(rest, s2, cx));
    case 'if': return stepSucc(ev(it.c, sc, cx) ? it.then : it.else, sc, cx).flatMap((s2) => stepSucc(rest, s2, cx));
    default: throw new Error(`${it.k} in a process step`);
  }
}

function initValues(v: VarD, cx: EvalCtx): Val[] {
  const sc: Scope = { s: { g: {}, pc: {}, loc: {} }, bound: [] };
  const scalarChoices = (s: ScalarD): Val[] => (s.k === 'atom' ? [...cx.atoms] : [...(v.init.choices ?? [])]);
  if (v.init.k === 'value' && isCompound(v.sort)) {
    const xs = (v.init.items ?? []).map((e) => ev(e, sc, cx));
    return [v.sort.k === 'set' ? setOfVals(xs) : xs];
  }
  if (v.init.k === 'value') return [v.sort.k === 'fn' ? cx.atoms.map(() => ev(v.init.e!, sc, cx)) : ev(v.init.e!, sc, cx)];
  if (v.sort.k === 'rec') {
    const of = (s: ScalarD, f: FieldD): Val[] => (s.k === 'atom' ? [...cx.atoms] : [...v.init.fieldChoices![f]]);
    return product([of(v.sort.f, 'f'), of(v.sort.g, 'g')]);
  }
  if (v.sort.k === 'set' || v.sort.k === 'seq') throw new Error(`a ${v.sort.k} variable starts at a value`);
  if (v.sort.k !== 'fn') return scalarChoices(v.sort);
  const choices = scalarChoices(v.sort.rng);
  let fns: Val[][] = [[]];
  for (let i = 0; i < cx.atoms.length; i++) fns = fns.flatMap((f) => choices.map((c) => [...f, c]));
  return fns;
}

function product<T>(lists: readonly (readonly T[])[]): T[][] {
  let out: T[][] = [[]];
  for (const l of lists) out = out.flatMap((p) => l.map((x) => [...p, x]));
  return out;
}

function permutations(n: number): number[][] {
  if (n <= 1) return [Array.from({ length: n }, (_, i) => i)];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

/**
 * One step of the state graph: the state it reaches, and the action or process step that takes
 * it: `A`, `A(p1)` (an action with a parameter), `Proc(p1):l1` (a process's step at a label) or
 * `Terminating` (every process Done, stuttering). Fairness and the liveness evaluation read these.
 */
export interface Edge { readonly to: number; readonly by: string }

/** The reachable states (orbits under SYMMETRY) in the order first met, breadth-first as TLC's, with each state's steps. */
export interface StateGraph {
  readonly states: readonly State[];
  readonly initial: readonly number[];
  readonly edges: readonly (readonly Edge[])[];
  /** A state's number, when it is reachable (its orbit's, under SYMMETRY). */
  idOf(s: State): number | undefined;
  /** The states one step of Next takes `s` to (each as it is, not its orbit), and what took each step. */
  successors(s: State): readonly { readonly s: State; readonly by: string }[];
  /** Whether two states are the same (not merely in one orbit). */
  same(a: State, b: State): boolean;
  /** The process locals kept in the state (the others stay at their initial values here). */
  readonly stateLocals: readonly string[];
  readonly ids: readonly string[];
}

/** Explore the description's state space breadth-first, like TLC; undefined past `cap` states. */
export function explore(d: FuzzModelD, o: { sem?: Semantics; cap?: number; stateLocals?: readonly string[] } = {}): StateGraph | undefined {
  const sem = o.sem ?? TLA_SEMANTICS;
  const cap = o.cap ?? 20_000;
  const atoms = pNames(d.p);
  const cx: EvalCtx = { d, sem, atoms };
  const pr = d.process;
  const ids = pr ? (pr.ids === 'P' ? atoms : ['main']) : [];
  const perms = d.symmetry ? permutations(d.p) : [atoms.map((_, i) => i)];
  const isFn = new Map(d.vars.map((v) => [v.name, v.sort.k === 'fn']));
  const isAtom = new Map(d.vars.map((v) => [v.name, v.sort.k === 'atom' || (v.sort.k === 'fn' && v.sort.rng.k === 'atom')]));
  const persistentLocals = pr ? pr.locals.filter((l) => (o.stateLocals ? o.stateLocals.includes(l.name) : localIsState(pr, l.name))).map((l) => l.name) : [];

  const key = (s: State, under: readonly (readonly number[])[] = perms): string => {
    const one = (perm: readonly number[]) => {
      const mapAtom = (a: Val) => (typeof a === 'string' && atoms.includes(a) ? atoms[perm[atoms.indexOf(a)]!]! : a);
      const g = d.vars.map((v) => {
        let val = s.g[v.name]!;
        if (isFn.get(v.name)) {
          const arr = val as readonly Val[];
          const out: Val[] = new Array(arr.length);
          arr.forEach((x, i) => { out[perm[i]!] = isAtom.get(v.name) ? mapAtom(x) : x; });
          val = out;
        } else if (isCompound(v.sort)) {
          // mapAtom changes only P's names (no enum value is one): a set is put back in its order.
          const xs = (val as readonly Val[]).map(mapAtom);
          val = v.sort.k === 'set' ? setOfVals(xs) : xs;
        } else if (isAtom.get(v.name)) val = mapAtom(val);
        return val;
      });
      const per = ids.map((_, i) => {
        const id = pr!.ids === 'P' ? atoms[perm.indexOf(i)]! : ids[i]!;
        return [s.pc[id], ...persistentLocals.map((l) => s.loc[id]![l])];
      });
      return JSON.stringify([g, per]);
    };
    let best: string | undefined;
    for (const p of under) { const k = one(p); if (best === undefined || k < best) best = k; }
    return best!;
  };
  const identity = atoms.map((_, i) => i);
  const exactKey = (s: State): string => key(s, [identity]);

  const inits = product(d.vars.map((v) => initValues(v, cx))).map((vals): State => ({
    g: Object.fromEntries(d.vars.map((v, i) => [v.name, vals[i]!])),
    pc: Object.fromEntries(ids.map((id) => [id, pr!.steps[0]!.label])),
    loc: Object.fromEntries(ids.map((id) => [id, Object.fromEntries(pr!.locals.map((l) => [l.name, l.init]))])),
  }));

  const successors = (s: State): { s: State; by: string }[] => {
    const out: { s: State; by: string }[] = [];
    for (const a of d.actions) {
      for (const self of a.param ? atoms : [undefined]) {
        const by = self ? `${a.name}(${self})` : a.name;
        for (const nx of actionSucc(a.items, { s, bound: [], ...(self ? { self } : {}) }, cx, {})) out.push({ s: { ...s, g: { ...s.g, ...nx } }, by });
      }
    }
    if (pr) {
      for (const id of ids) {
        const at = pr.steps.findIndex((st) => st.label === s.pc[id]);
        if (at < 0) continue;
        const after = at + 1 < pr.steps.length ? pr.steps[at + 1]!.label : pr.loop ? pr.steps[0]!.label : 'Done';
        const start: Scope = { s, bound: [], ...(pr.ids === 'P' ? { self: id } : {}), locals: { ...s.loc[id] } };
        for (const end of stepSucc(pr.steps[at]!.items, start, cx)) {
          const locals = Object.fromEntries(pr.locals.map((l) => [l.name, persistentLocals.includes(l.name) ? end.locals![l.name]! : l.init]));
          out.push({ s: { g: end.s.g, pc: { ...s.pc, [id]: after }, loc: { ...s.loc, [id]: locals } }, by: `${pr.name}(${id}):${pr.steps[at]!.label}` });
        }
      }
      if (ids.every((id) => s.pc[id] === 'Done')) out.push({ s, by: 'Terminating' });
    }
    return out;
  };

  const number = new Map<string, number>();
  const states: State[] = [];
  const edges: Edge[][] = [];
  const visit = (s: State): number => {
    const k = key(s);
    let id = number.get(k);
    if (id === undefined) { number.set(k, id = states.length); states.push(s); }
    return id;
  };
  const initial = [...new Set(inits.map(visit))];
  for (let level = 0, next = states.length; level < states.length; next = states.length) {
    if (states.length > cap) return undefined;
    for (; level < next; level++) edges[level] = successors(states[level]!).map(({ s, by }) => ({ to: visit(s), by }));
  }
  return { states, initial, edges, idOf: (s) => number.get(key(s)), successors, same: (a, b) => exactKey(a) === exactKey(b), stateLocals: persistentLocals, ids };
}

/** Explore the description's state space breadth-first, like TLC (deadlock: no successor at all; all Done stutters), and judge its invariant or deadlock (`graph`: its `explore`, already made with the same options). */
export function evaluate(d: FuzzModelD, o: { sem?: Semantics; cap?: number; stateLocals?: readonly string[]; graph?: StateGraph } = {}): Evaluation {
  if (d.check.k === 'prop') throw new Error(`${d.name}: evaluate judges invariants and deadlock; fuzz-liveness-eval.ts judges temporal properties`);
  const g = o.graph ?? explore(d, o);
  if (!g) return { tooBig: true };
  const cx: EvalCtx = { d, sem: o.sem ?? TLA_SEMANTICS, atoms: pNames(d.p) };
  const check = d.check;
  const problem = g.states.map((s) => typeProblem(d, g.ids, s)).find((p) => p !== undefined);
  const verdict = check.k === 'inv' ? (g.states.some((s) => !ev(d.invariants[check.inv]!, { s, bound: [] }, cx)) ? `invariant ${invName(check.inv)}` : undefined)
    : g.edges.some((es) => es.length === 0) ? 'deadlock' : undefined;
  return { distinct: g.states.length, verdict: verdict ?? 'passed', tooBig: false, ...(problem ? { problem: `TypeOK: ${problem}` } : {}) };
}

/** Whether state predicate `e` holds in `s`, bound variables `bound` (`\A p \in P`'s p first). */
export function holds(d: FuzzModelD, e: ExprD, s: State, bound: readonly string[] = []): boolean {
  return ev(e, { s, bound }, { d, sem: TLA_SEMANTICS, atoms: pNames(d.p) }) as boolean;
}

/** What a state breaks of TypeOK (only a generator bug makes one), or undefined. */
export function typeProblem(d: FuzzModelD, ids: readonly string[], s: State): string | undefined {
  for (const v of d.vars) {
    const x = s.g[v.name]!;
    const bad = () => `${v.name} out of range: ${JSON.stringify(x)}`;
    const outside = (sc: ScalarD, ys: readonly Val[]) => sc.k === 'int' && (ys as number[]).some((y) => y < sc.lo || y > sc.hi);
    switch (v.sort.k) {
      case 'fn': if (outside(v.sort.rng, x as Val[])) return bad(); break;
      case 'set': if (outside(v.sort.elem, x as Val[])) return bad(); break;
      case 'seq': if ((x as Val[]).length > v.sort.max || outside(v.sort.elem, x as Val[])) return bad(); break;
      case 'rec': if (outside(v.sort.f, [(x as Val[])[0]!]) || outside(v.sort.g, [(x as Val[])[1]!])) return bad(); break;
      default: if (outside(v.sort, [x])) return bad();
    }
  }
  for (const l of d.process?.locals ?? []) for (const id of ids) { const x = s.loc[id]![l.name]!; if (x < l.lo || x > l.hi) return `${l.name}[${id}] out of range: ${x}`; }
  return undefined;
}

/**
 * Whether the lowering keeps a process local in the state: it does unless no step reads it
 * before writing it (then it is substituted within each step). Same rule as dsl/lower/process.ts,
 * restated over the description (a read in a guard, a right-hand side, a condition or a key).
 */
export function localIsState(pr: ProcessD, name: string): boolean {
  const reads = (e: ExprD): boolean => {
    switch (e.k) {
      case 'local': return e.name === name;
      case 'lit': case 'var': case 'self': case 'bound': return false;
      case 'app': return reads(e.key);
      case 'not': return reads(e.a);
      case 'and': case 'or': return e.es.some(reads);
      case 'div': case 'mod': return reads(e.a);
      case 'ite': return reads(e.c) || reads(e.a) || reads(e.b);
      case 'forall': case 'exists': case 'count': case 'fnOf': return reads(e.body);
      case 'inRange': return reads(e.a);
      case 'pcIs': return reads(e.who);
      case 'card': case 'len': case 'field': return false;
      case 'has': return reads(e.e);
      case 'headOr': return reads(e.d);
      case 'chooseOr': return reads(e.e) || reads(e.d);
      case 'case': case 'caseTotal': return e.arms.some(([c, v]) => reads(c) || reads(v)) || reads(e.other);
      case 'let': return reads(e.e) || reads(e.body);
      case 'letRef': case 'head': return false;
      case 'choose': return reads(e.e);
      case 'casePartial': return e.arms.some(([c, v]) => reads(c) || reads(v));
      case 'divBy': return reads(e.a);
      case 'opDiv': return reads(e.a) || reads(e.unused);
      case 'lazyAt': return reads(e.key);
      default: return reads(e.a) || reads(e.b);
    }
  };
  // Returns: 'read' (read before any write on some path), 'written' (written on every path first), or 'none'.
  const walk = (its: readonly ItemD[], written: boolean): { readFirst: boolean; written: boolean } => {
    let w = written;
    for (const it of its) {
      switch (it.k) {
        case 'when': case 'assert': if (!w && reads(it.e)) return { readFirst: true, written: w }; break;
        case 'set': case 'setLocal':
          if (!w && reads(it.e)) return { readFirst: true, written: w };
          if (it.k === 'setLocal' && it.v === name) w = true;
          break;
        case 'update': if (!w && (reads(it.key) || reads(it.e))) return { readFirst: true, written: w }; break;
        case 'add': case 'del': case 'push': case 'setField': if (!w && reads(it.e)) return { readFirst: true, written: w }; break;
        case 'either': case 'if': {
          if (it.k === 'if' && !w && reads(it.c)) return { readFirst: true, written: w };
          const alts = it.k === 'if' ? [it.then, it.else] : it.alts;
          const rs = alts.map((a) => walk(a, w));
          if (rs.some((r) => r.readFirst)) return { readFirst: true, written: w };
          w = rs.every((r) => r.written);
          break;
        }
        case 'pick': break;
      }
    }
    return { readFirst: false, written: w };
  };
  return pr.steps.some((s) => walk(s.items, false).readFirst);
}

/** Does the expression read a variable (or pc)? */
export function readsState(e: ExprD): boolean {
  let found = false;
  const scan = (x: unknown): void => {
    if (found || !x || typeof x !== 'object') return;
    const k = (x as { k?: string }).k;
    if (k === 'var' || k === 'app' || k === 'pcIs' || k === 'local' || k === 'card' || k === 'has' || k === 'len' || k === 'headOr' || k === 'field' || k === 'chooseOr' || k === 'head' || k === 'choose' || k === 'divBy' || k === 'opDiv' || k === 'lazyAt') { found = true; return; }
    for (const v of Object.values(x as object)) scan(v);
  };
  scan(e);
  return found;
}

/** Name a description after a hash of its content: `Fuzz_<8 hex>`. */
export function named(d: FuzzModelD): FuzzModelD {
  const text = JSON.stringify({ ...d, name: '' });
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
  return { ...d, name: `Fuzz_${h.toString(16).padStart(8, '0')}` };
}
