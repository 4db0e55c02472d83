/**
 * Compiles a lowered module (IR) and one config into JavaScript closures: expressions become
 * `(env) => Value`, action formulas become generators of successor states in TLC's
 * `getNextStates` style (conjuncts left to right, `x' = e` assigns when `x'` is still free and
 * tests otherwise, `\E` and `\/` branch), so the successor relation is the emitted module's.
 */
import type * as ir from '../../ir/nodes.js';
import type { SpanEntry } from '../../emit/writer.js';
import { ASSERTS_OFF } from '../../lower/names.js';
import { bareName, exprChildren, moduleExprs, soleOperand } from '../../ir/walk.js';
import { assumptionKey, assumptionSpan, specFairness, typeConjuncts } from '../../emit/module.js';
import { placeText, sameSpan, type TlaLocation } from '../result.js';
import {
  elements, equals, EvalError, fail, failPlaced, FnSetValue, FnValue, IntervalValue, isSetLike, makeFn, member, ModelValue, recordMaker,
  enterOrder, RecordSetValue, RecordValue, replaceAt, replacePath, SeqSetValue, SetValue, show, SubsetValue, toStored, TupleValue, type Value, valueOrder, type ValueOrder,
} from './values.js';
import { FreeBinders } from './free-binders.js';
import { pcDispatch } from './pc-dispatch.js';
import { VarSet } from './var-set.js';
import { contains, moduleLocations, type ModuleLocations } from './locations.js';
import { LazyFunction } from './lazy-function.js';

/** What evaluation reads and writes: the current state, the next one being built, bound identifiers. */
export interface Env {
  s: readonly Value[];
  n: (Value | undefined)[];
  b: unknown[];
  /** An EXCEPT's `@`: a lazy function's element may be one itself (`selectThrough`), built where `@` is read. */
  at: Value | LazyFunction<Env> | undefined;
  /** The IR action being evaluated, and its arguments (for trace steps). */
  action: ActionInfo | undefined;
  args: readonly Value[];
  /** How many of TLC's actions (the formulas it splits Next down to, `asPredicate`) were entered: which one an error came from (search.ts `replayCount`). */
  entered: number;
  /** Variables assigned by the deterministic steps being run, to unassign on the way back: an index, or an UNCHANGED's indices when it set them all. */
  undo: (number | readonly number[])[];
  /**
   * Asserts switched off by the search running this env, by name: such an Assert is TRUE without
   * its condition being evaluated, exactly as if the config named it in `AssertsOff`. The search
   * that checks every property alone fills it as each assert first fails. Per search, never per
   * spec: two searches of one cached spec may interleave.
   */
  suppressed: ReadonlySet<string>;
}

export type Eval = (e: Env) => Value;
/** A lasso violating a temporal property (liveness.ts `Goal`), its predicates over the state in `s`. */
export interface GoalSpec { readonly start: 'init' | 'any' | Eval; readonly within: readonly Eval[]; readonly visits: readonly Eval[] }
/** `WF_vars(A)` / `SF_vars(A)`: the steps of `A` from the state in `s`. */
export interface FairSpec { readonly strong: boolean; readonly steps: Gen }
/**
 * One top-level conjunct of an invariant. `vars`: the variables it reads (through definitions),
 * when they are few and it reads no primes: its value is the same whenever theirs are. Of TypeOK,
 * `variable`: the one whose type it states (reported when it is false).
 */
export interface Conjunct { readonly check: Eval; readonly vars?: readonly number[]; readonly variable?: string }
/** The most variables an invariant conjunct may read for the search to remember its value by theirs (their ids share a number's 52 bits: TupleMemo). */
const MEMO_VARS = 4;
/** Calls `k` once for each way the formula can be satisfied, with `e.n` filled in accordingly. */
export type Gen = (e: Env, k: () => void) => void;

export interface ActionInfo {
  readonly name: string;
  readonly params: readonly string[];
  readonly location?: TlaLocation;
}

/** `Assert(FALSE, name)`: reported as a failed assertion, not an evaluation error. */
export class AssertFailure extends EvalError {
  constructor(readonly assertName: string, readonly location: TlaLocation | undefined) {
    super(`The first argument of Assert evaluated to FALSE; the second argument was:\n"${assertName}"`);
  }
}

/** A construct this backend does not check (temporal formulas): refused, never ignored. */
export class Unsupported extends Error {}

/**
 * A LET's definition or an operator's argument, not yet evaluated. `applied`: the argument where
 * the body applies its parameter, with KeepLazy (`functionAt`), when a constructor is what it gives.
 */
class Lazy { constructor(readonly f: Eval, readonly applied?: FunctionAt) {} }

/** An expression evaluated as a function about to be applied (`functionAt`): a constructor it reaches kept lazy. */
type FunctionAt = (e: Env) => Value | LazyFunction<Env>;

/** An EXCEPT's updates, compiled: `![k1][k2]… = value` (`isAt`: the value is `@` itself). */
type ExceptUpdates = readonly { readonly path: readonly Eval[]; readonly value: Eval; readonly isAt: boolean }[];

/** Values of bound identifiers (their slots) that a property or fairness conjunct was expanded under. */
type Bindings = readonly (readonly [number, Value])[];
interface PropertyParts { readonly steps: Eval[]; readonly states: Conjunct[]; readonly goals: GoalSpec[] }

/** `f` with `bindings` set first (a `\A` expanded at compile time). */
function bind(f: Eval, bindings: Bindings): Eval {
  if (!bindings.length) return f;
  return (e) => { for (const [s, v] of bindings) e.b[s] = v; return f(e); };
}

export interface CompiledSpec {
  readonly varNames: readonly string[];
  readonly init: Gen;
  /**
   * The frames TLC reports around an error in an initial state's constraint or invariant: it
   * checks them inside Init's evaluation, past its last conjunct (Init's body, then each conjunct).
   */
  readonly initFrames: readonly TlaLocation[];
  readonly next: Gen;
  /**
   * Invariants as their top-level conjuncts, in order. A conjunct that reads a few variables only
   * (`vars`) has the same value whenever they have the same values: the search remembers it.
   */
  readonly invariants: readonly { readonly name: string; readonly conjuncts: readonly Conjunct[] }[];
  readonly constraints: readonly Eval[];
  /** The config's covers (`m.cover`): state predicates some reachable state must satisfy. */
  readonly covers: readonly { readonly name: string; readonly check: Eval }[];
  /**
   * The config's properties, each an action property `[][A]_sub` (or a conjunction of them):
   * checked on every step the search takes, old state in `s`, new state in `n` (TLC checks an
   * action property on every transition, to a state seen before too).
   */
  readonly actionProperties: readonly { readonly name: string; readonly steps: readonly Eval[] }[];
  /**
   * The config's properties that are `[]P` of a state predicate: checked as invariants, named
   * after the property (TLC reports them as "Invariant <property> is violated").
   */
  readonly impliedInvariants: readonly { readonly name: string; readonly conjuncts: readonly Conjunct[] }[];
  /** The config's other temporal properties, each as the lassos that would violate it (see liveness.ts). */
  readonly liveness: readonly { readonly name: string; readonly goals: readonly GoalSpec[] }[];
  /** The chosen specification's `WF`/`SF` conjuncts, one per value of their `\A`s (compiled when there is liveness to check). */
  readonly fairness: readonly FairSpec[];
  /** `ASSUME`s, evaluated once before the search; `location` is the formula's, as TLC reports a false one. */
  readonly assumptions: readonly { readonly check: Eval; readonly location?: TlaLocation }[];
  /** Model values of each SYMMETRY set. */
  readonly symmetry: readonly (readonly ModelValue[])[];
  readonly newEnv: () => Env;
  /** Entered before evaluating anything of this spec (see `ValueOrder`). */
  readonly order: ValueOrder;
  /** Every action a step can name, in the order compiled (the same in every compilation of one module and config). */
  readonly actions: readonly ActionInfo[];
}

const NONE: ReadonlySet<string> = new Set();

/** An env with nothing assigned or bound yet. */
function newEnv(nVars: number, nSlots: number): Env {
  return { s: [], n: new Array<Value | undefined>(nVars).fill(undefined), b: new Array<unknown>(nSlots).fill(undefined), at: undefined, action: undefined, args: [], entered: 0, undo: [], suppressed: NONE };
}

/** A wrapper's continuation between calls (never called). */
const noop = (): void => {};
/**
 * A branching conjunct: its successors, and its value once every variable is assigned — none when
 * it is never met so (see `entry`), or when it names an action.
 */
interface Branching { readonly gen: Gen; readonly test: Eval | undefined }
/** The arguments of a step that has none (never changed: `e.args` is only read, and copied to keep). */
const NO_ARGS: readonly Value[] = Object.freeze([]);
/** An EXCEPT's `@` as it is (a lazy function's element may be one itself). */
const exceptAt = (e: Env): Value | LazyFunction<Env> => e.at ?? fail('@ used outside EXCEPT');
/** No LET names in scope (`reachesConstructor`'s start: asked at every application compiled, so not a new map each time). */
const NO_LETS: ReadonlyMap<string, ir.Expr> = new Map();
/** The LET names in scope inside `x`'s body: `lets` and its own. */
const withLet = (lets: ReadonlyMap<string, ir.Expr>, x: Extract<ir.Expr, { kind: 'let' }>): ReadonlyMap<string, ir.Expr> => new Map([...lets, [x.name, x.value]]);
const isLiteral = (x: ir.Expr) => x.kind === 'bool' || x.kind === 'int' || x.kind === 'str';
/**
 * TLC's error for a variable read primed before the step assigned it (Tool#evalAppl): it names
 * the identifier, unprimed, with its place (where `x'` is printed, its name) in the message and
 * as the innermost frame. `primeAt` unknown (an unlocated `x'`, or one inside a primed
 * expression): the message alone.
 */
function unassignedPrime(name: string, primeAt: TlaLocation | undefined): never {
  const at = primeAt && { ...primeAt, endLine: primeAt.startLine, endCol: primeAt.startCol + name.length - 1 };
  const where = at ? `\n${placeText(at)}` : '';
  const err = new EvalError(`In evaluation, the identifier ${name} is either undefined or not an operator.${where}`);
  if (at) err.frames.push(at);
  throw err;
}

/**
 * The parameters (binder ids) some call passes an argument `argument` leaves unevaluated (one that
 * can fail and reads no `@`, or a parameter itself so passed), and those some call passes one that
 * may read the state (a variable, a prime, a definition or LET name, or such a parameter).
 * `applied`: how many applications at most follow the first where a parameter is applied
 * (`p[a][b]`: 1), or where the operator it is passed to applies its own (read from chains of
 * applications whose function is the parameter, or an IF's or CASE's branch, a LET's body, a LET
 * name or an EXCEPT that gives it; an argument passed on is read only as the parameter itself,
 * applied or not: `Op(q[0])`, not `Op(IF c THEN q ELSE r)`).
 */
interface ArgumentsMade { readonly unevaluated: ReadonlySet<number>; readonly fromState: ReadonlySet<number>; readonly applied: ReadonlyMap<number, number> }
/** `parametersLeftUnevaluated` of each module compiled, by the module (its configs share it). */
const madeByModule = new WeakMap<ir.Module, ArgumentsMade>();

function parametersLeftUnevaluated(m: ir.Module, defs: ReadonlyMap<string, ir.Definition>): ArgumentsMade {
  // A variable's or constant's name: the module's, whatever the config (no LET hides one: TLA+ forbids it).
  const constants = new Set(m.constants.map((k) => k.name)), names = new Set([...constants, ...m.variables.map((v) => v.name)]);
  const isValue = (name: string) => names.has(name);
  const calls: Extract<ir.Expr, { kind: 'call' }>[] = [];
  const applied = new Map<number, number>();
  const deeper = (id: number, n: number) => { if (n > (applied.get(id) ?? -1)) { applied.set(id, n); return true; } return false; };
  /**
   * The parameters `f` gives as a function to apply (itself, an IF's or CASE's branches, a LET's
   * body and its name there, an EXCEPT's function as deep as its keys and their `@` go), each
   * applied `n` times more. `lets`: the LET names in scope inside `f`, with their values.
   */
  const reach = (f: ir.Expr, n: number, lets: ReadonlyMap<string, ir.Expr> = NO_LETS): void => {
    switch (f.kind) {
      case 'bound': deeper(f.binder.id, n); return;
      case 'if': reach(f.then, n, lets); reach(f.else, n, lets); return;
      case 'case': for (const [, v] of f.arms) reach(v, n, lets); if (f.other) reach(f.other, n, lets); return;
      case 'let': reach(f.body, n, withLet(lets, f)); return;
      case 'ref': { const v = lets.get(f.name); if (v) reach(v, n, lets); return; }
      case 'except': reach(f.fn, exceptDepth(f, n), lets); return;
      case 'apply': { const [g, k] = unapplied(f); reach(g, n + k, lets); return; }
      default: return;
    }
  };
  let applications = 0;
  // Each expression with the LET names in scope there: a LET name applied reaches its value.
  const seen = new Set<ir.Expr>();
  const stack: [ir.Expr, ReadonlyMap<string, ir.Expr>][] = [...moduleExprs(m)].map(({ expr }) => expr).concat(m.actions.map((a) => a.formula)).map((x) => [x, NO_LETS]);
  while (stack.length) {
    const [x, lets] = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    if (x.kind === 'call') calls.push(x);
    else if (x.kind === 'apply') {
      applications++;
      const [f, n] = unapplied(x);
      reach(f, n - 1, lets);
    }
    if (x.kind === 'let') stack.push([x.value, lets], [x.body, withLet(lets, x)]);
    else for (const c of exprChildren(x)) stack.push([c, lets]);
  }
  // A parameter passed on gets no deeper than the deepest use found above and every application
  // of the module after it: a bound on the fixpoint below, where a cycle of calls
  // (`Op(p) == Op(p[0])`, which the lints refuse) would grow forever.
  const bound = applications + Math.max(0, ...applied.values());
  /** Each call's parameters visited with their arguments, again until no visit says it added anything. */
  const untilStable = (visit: (p: ir.Binder, a: ir.Expr) => boolean) => {
    for (let grew = true; grew;) {
      grew = false;
      for (const c of calls) defs.get(c.op)?.params.forEach((p, i) => { if (c.args[i] && visit(p, c.args[i])) grew = true; });
    }
  };
  const passed = (when: (a: ir.Expr, found: ReadonlySet<number>) => boolean): ReadonlySet<number> => {
    const found = new Set<number>();
    untilStable((p, a) => {
      if (found.has(p.id) || !(a.kind === 'bound' ? found.has(a.binder.id) : when(a, found))) return false;
      found.add(p.id);
      return true;
    });
    return found;
  };
  const readsState = (a: ir.Expr, found: ReadonlySet<number>): boolean => a.kind === 'prime' || (a.kind === 'ref' && !constants.has(a.name))
    || a.kind === 'call' || (a.kind === 'bound' && found.has(a.binder.id)) || exprChildren(a).some((c) => readsState(c, found));
  // A parameter passed on is applied as often as the operator it is passed to applies its own,
  // and as many times more as it is applied in the argument (`Op(q[0])`: once more).
  untilStable((p, arg) => {
    const n = applied.get(p.id), [a, k] = unapplied(arg);
    return n !== undefined && a.kind === 'bound' && n + k <= bound && deeper(a.binder.id, n + k);
  });
  return { unevaluated: passed((a) => !cannotFail(a, isValue) && !holdsAt(a)), fromState: passed(readsState), applied };
}

/** `x`'s function once its applications are taken off, and how many there are (`p[a][b]`: p, 2). */
function unapplied(x: ir.Expr): [ir.Expr, number] {
  let n = 0;
  for (; x.kind === 'apply'; n++) x = x.fn;
  return [x, n];
}

/** An operator's `body` called: `args` evaluated (or left so, `argument`) into its parameters' `slots`, put back after. */
function called<T>(slots: readonly number[], args: readonly ((e: Env) => unknown)[], body: (e: Env) => T): (e: Env) => T {
  const n = slots.length;
  return (e) => {
    const saved: unknown[] = new Array(n);
    const vals = args.map((a) => a(e));
    for (let i = 0; i < n; i++) { saved[i] = e.b[slots[i]!]; e.b[slots[i]!] = vals[i]; }
    try { return body(e); } finally { for (let i = 0; i < n; i++) e.b[slots[i]!] = saved[i]; }
  };
}

/** `v`, a boolean used as `what`: TLC's error where it is not one. */
function boolValue(v: Value, what: string): boolean {
  if (typeof v !== 'boolean') fail(`A non-boolean expression (${kindOf(v)}) was used as ${what}.\n${show(v)}`);
  return v;
}

/** Whether `x` itself, or a LET name's value it reads (`letValue`), reads a bound identifier `isParameter` says is one (not a definition it calls: its own). */
function readsParameter(x: ir.Expr, isParameter: (b: ir.Binder) => boolean, letValue: (name: string) => ir.Expr | undefined, seen = new Set<string>()): boolean {
  if (x.kind === 'bound') return isParameter(x.binder);
  if (x.kind === 'ref' && !seen.has(x.name)) {
    const v = letValue(x.name);
    if (v) { seen.add(x.name); return readsParameter(v, isParameter, letValue, seen); }
  }
  if (x.kind === 'let') return readsParameter(x.value, isParameter, letValue, seen) || readsParameter(x.body, isParameter, (n) => (n === x.name ? x.value : letValue(n)), seen);
  return exprChildren(x).some((c) => readsParameter(c, isParameter, letValue, seen));
}

/** `f` evaluated with `@` being `at`, put back after. */
function withAt<T>(e: Env, at: Env['at'], f: (e: Env) => T): T {
  const saved = e.at;
  e.at = at;
  try { return f(e); } finally { e.at = saved; }
}

/**
 * How many applications follow an EXCEPT's `@` in `x` at most (`@[j][1]`: 2), in the parts of `x`
 * that read that `@` (`atScope`).
 */
function atApplied(x: ir.Expr): number {
  const [f, n] = unapplied(x);
  let most = f.kind === 'at' ? n : 0;
  for (const c of atScope(x)) most = Math.max(most, atApplied(c));
  return most;
}

/** The parts of `x` that read the `@` `x` reads: all but an EXCEPT's values, which read its own (its function and keys read the enclosing one). */
function atScope(x: ir.Expr): readonly ir.Expr[] {
  return x.kind === 'except' ? [x.fn, ...x.updates.flatMap((u) => u.path.flatMap((p) => (p.kind === 'index' ? [p.key] : [])))] : exprChildren(x);
}

/**
 * How deep the function of EXCEPT `x` is lazy where its result is applied `n` times more: as deep
 * as that, as each update's path, and as the applications its value makes of the `@` at its end
 * (TLC's select and OPCODE_fa keep each of those elements lazy).
 */
function exceptDepth(x: Extract<ir.Expr, { kind: 'except' }>, n: number): number {
  return Math.max(n, ...x.updates.map((u) => u.path.length + Math.max(0, atApplied(u.value) - 1)));
}

/** Whether `x` reads an EXCEPT's `@`. */
function holdsAt(x: ir.Expr): boolean {
  return x.kind === 'at' || exprChildren(x).some(holdsAt);
}

/** Whether evaluating `x` can raise no error: a literal, a bound identifier, or a `ref` that `isValue` says names a variable or constant. */
function cannotFail(x: ir.Expr, isValue: (name: string) => boolean): boolean {
  return isLiteral(x) || x.kind === 'bound' || (x.kind === 'ref' && isValue(x.name));
}

export function compileSpec(m: ir.Module, config: ir.Config, tla: string, spans: readonly SpanEntry[]): CompiledSpec {
  return new Compiler(m, config, tla, spans).spec();
}

class Compiler {
  private readonly varIndex = new Map<string, number>();
  private readonly constants = new Map<string, Value>();
  private readonly defs = new Map<string, ir.Definition>();
  private readonly actions = new Map<string, ir.Action>();
  private readonly slots = new Map<number, number>();
  /** The LETs being compiled, innermost last: each name's slot and value. */
  private readonly lets: { readonly name: string; readonly slot: number; readonly value: ir.Expr }[] = [];
  private readonly exprCache = new Map<string, Eval>();
  /** `reachesConstructor` of a definition's body, by name and applications. */
  private readonly reaches = new Map<string, boolean>();
  /** The operators' parameters an argument may reach unevaluated, by binder id, with their names (`parameterName`). */
  private parameters: Map<number, string> | undefined;
  /** Whether a constructor the function position being compiled reaches is entered as a formula of a step (`enteredApplication`). */
  private enteredAsStep = false;
  /** Compiling the values of an EXCEPT of a lazy function (`functionBody`): `@` there may be a lazy function itself (`selectThrough`). */
  private atMayBeLazy = false;
  /** The slots bound since the function position being compiled began (`boundLazily`). */
  private lazyScope: readonly number[] = [];
  /** Each definition `genOf` compiled, by its key there, with what it may assign (none yet while it is being compiled). */
  private readonly genCache = new Map<string, { readonly gen: Gen; readonly assigns?: VarSet }>();
  /** Compiling the part of Next that TLC splits into actions (see `splits`). */
  private splitting = false;
  /** While `splitting`: the action whose body is being split (`asPredicate` names its steps). */
  private splitAction: ActionInfo | undefined;
  private readonly locs: ModuleLocations;
  /** The actions steps are named by: each action by its name, and one split apart (`asPredicate`) by its name and place. */
  private readonly actionInfos = new Map<string, ActionInfo>();
  private nextSlot = 0;
  private def = '';
  /**
   * The variables that may be assigned when the action formula being compiled begins (never
   * fewer), or undefined when that is not known: Next's steps begin with none.
   */
  private entry: VarSet | undefined;
  /**
   * The variables the action formula being compiled may assign, collected (`note`) for the
   * conjunction it is a conjunct of or the definition `genOf` compiles; undefined when none asks.
   * Only what `gen` compiles assigns — `x' = e` or `x' \in S` met with `x'` free, an UNCHANGED,
   * through `\/`, `\E`, IF, CASE, LET, `=>` and calls — never an expression.
   */
  private assigning: VarSet | undefined;
  /**
   * The located expressions being compiled, innermost last, each with how many references to
   * each zero-arity definition were compiled directly under it (see `definitionFrame`).
   */
  private enclosing: { readonly at: TlaLocation; refs?: Map<string, number> }[] = [];
  private readonly order: ValueOrder;

  constructor(private readonly m: ir.Module, private readonly config: ir.Config, tla: string, private readonly spans: readonly SpanEntry[]) {
    m.variables.forEach((v, i) => this.varIndex.set(v.name, i));
    for (const d of m.definitions) this.defs.set(d.name, d);
    for (const a of m.actions) this.actions.set(a.name, a);
    // TLC interns the config's values before it reads the module, in the order the cfg writes them
    // (emitCfg: the constants, then the asserts switched off): they come first in its string order.
    const written = config.constants.flatMap(([name, v]) =>
      v.kind === 'modelValues' ? v.names.map((n) => ({ n, model: true })) : v.kind === 'modelValue' ? [{ n: name, model: true }] : v.kind === 'str' ? [{ n: v.value, model: false }] : []);
    const assertsOff = m.constants.some((c) => c.name === ASSERTS_OFF) ? config.assertsOff ?? [] : undefined;
    this.order = valueOrder(tla, written.filter((w) => w.model).map((w) => w.n), [...written.map((w) => w.n), ...(assertsOff ?? [])]);
    enterOrder(this.order);
    for (const [name, v] of config.constants) this.constants.set(name, constantValue(name, v));
    if (assertsOff) this.constants.set(ASSERTS_OFF, SetValue.of([...assertsOff]));
    this.locs = moduleLocations(m.name, tla, spans);
  }

  spec(): CompiledSpec {
    const varNames = this.m.variables.map((v) => v.name);
    const nVars = varNames.length;
    const { gen: init, frames: initFrames } = this.inDef('Init', () => this.initGen());
    this.splitting = true;
    const next = stepped(this.fromEntry(VarSet.none(nVars), () => this.inDef('Next', () => this.gen(this.nextFormula(), this.locs.nextBody()))).compiled);
    this.splitting = false;
    // TypeOK as the emitter prints it, a variable's conjuncts at a time, each knowing its variable.
    const typeOk = () => this.m.variables.flatMap((v) =>
      this.conjuncts({ kind: 'and', operands: v.typeInvariant ? [v.typeInvariant] : typeConjuncts(v) }).map((c) => ({ ...c, variable: v.name })));
    const invariants = [
      // Checked when the cfg lists it, as TLC does: a run focused on another name does not.
      ...(nVars && this.config.checkTypeOk !== false ? [{ name: 'TypeOK', conjuncts: this.inDef('TypeOK', typeOk) }] : []),
      ...this.config.invariants.map((name) => {
        const d = this.defs.get(name);
        return { name, conjuncts: d && !d.params.length ? this.inDef(name, () => this.within(this.locs.body(name), () => this.conjuncts(d.body))) : [{ check: this.expr({ kind: 'ref', name }) }] };
      }),
    ];
    const constraints = this.config.constraints.map((name) => this.expr({ kind: 'ref', name }));
    const actionProperties: { name: string; steps: Eval[] }[] = [], impliedInvariants: { name: string; conjuncts: Conjunct[] }[] = [], liveness: { name: string; goals: GoalSpec[] }[] = [];
    for (const name of this.config.properties) {
      const parts: PropertyParts = { steps: [], states: [], goals: [] };
      this.inDef(name, () => this.propertyParts(name, parts));
      if (parts.steps.length) actionProperties.push({ name, steps: parts.steps });
      if (parts.states.length) impliedInvariants.push({ name, conjuncts: parts.states });
      if (parts.goals.length) liveness.push({ name, goals: parts.goals });
    }
    const fairness = liveness.length ? this.inDef(this.config.spec ?? 'Spec', () => this.fairnessParts(specFairness(this.m, this.config.spec))) : [];
    const covers = (this.config.covers ?? []).map((name) => ({ name, check: this.expr({ kind: 'ref', name }) }));
    const assumptions = this.m.definitions.filter((d) => d.role === 'assumption').map((d) => this.inDef(assumptionKey(d), () => {
      const span = assumptionSpan(d, this.spans);
      return { check: this.expr(d.body), ...(span ? { location: this.locs.of(span) } : {}) };
    }));
    const symmetry = this.config.symmetry.map((name) => {
      const v = this.constants.get(name);
      if (!(v instanceof SetValue) || !v.elems.every((x) => x instanceof ModelValue)) throw new Unsupported(`SYMMETRY ${name}: not a set of model values`);
      return v.elems as ModelValue[];
    });
    const nSlots = () => this.nextSlot;
    this.free = undefined;
    return {
      varNames, init, initFrames, next, invariants, constraints, covers, actionProperties, impliedInvariants, liveness, fairness, assumptions, symmetry, order: this.order,
      actions: [...this.actionInfos.values()],
      newEnv: () => newEnv(nVars, nSlots()),
    };
  }

  /**
   * Property `name` split into what the search checks: `[][A]_sub` conjuncts as step checks
   * (`A \/ UNCHANGED sub`), `[]P` as invariants, and `<>P`, `[]<>P`, `<>[]P`, `P ~> Q`
   * (`[](P => <>Q)`) and `F => G` of the last two kinds as lassos for liveness.ts to look for;
   * `\A x \in S` over them is one check per value of `x`. Anything else is refused, never passed.
   */
  private propertyParts(name: string, out: PropertyParts): void {
    const refuse = (what: string): never => { throw new Unsupported(`temporal property ${name}: ${what}; use --backend tlc`); };
    this.eachConjunct({ kind: 'ref', name }, [], refuse, (x, bindings) => this.propertyPart(name, x, bindings, out, refuse));
  }

  /** One conjunct of a property (see `propertyParts`), under the values of the `\A`s above it. */
  private propertyPart(name: string, x: ir.Expr, bindings: Bindings, out: PropertyParts, refuse: (what: string) => never): void {
    const state = (y: ir.Expr): Eval | undefined => this.stateLevel(y) ? bind(this.expr(y), bindings) : undefined;
    const not = (f: Eval): Eval => (e) => !f(e);
    /** `[]<>P` (`visits`) or `<>[]P` (`within`), as the states a lasso's cycle must visit or stay in. */
    const recurrence = (y: ir.Expr): { visits?: Eval; within?: Eval } | undefined => {
      if (y.kind !== 'builtin' || y.args.length !== 1) return undefined;
      const inner = y.args[0]!;
      if (inner.kind !== 'builtin' || inner.args.length !== 1) return undefined;
      const p = state(inner.args[0]!);
      if (!p) return undefined;
      if (y.op === '[]' && inner.op === '<>') return { visits: p };
      if (y.op === '<>' && inner.op === '[]') return { within: p };
      return undefined;
    };
    if (x.kind === 'ref' && x.name.includes('!')) refuse(`it refers to ${x.name}, another model's module (INSTANCE); refinement is checked by TLC only so far`);
    if (x.kind === 'boxAction') {
      const sub = x.sub ?? { kind: 'ref', name: 'vars' };
      const names = sub.kind === 'tuple' ? sub.elements.map((e) => (e.kind === 'ref' ? e.name : '')) : sub.kind === 'ref' ? (sub.name === 'vars' ? this.m.variables.map((v) => v.name) : [sub.name]) : [''];
      if (names.some((n) => !this.varIndex.has(n))) throw new Unsupported(`property ${name}: a subscript other than variables`);
      const located = this.located(x.loc), at = located && { ...located, startCol: located.startCol + 2 }; // TLC's frame for an error in it is `[A]_v`, after the `[]`
      out.steps.push(bind(this.framed(at, () => this.expr({ kind: 'or', operands: [x.action, { kind: 'unchanged', names }] })), bindings));
      return;
    }
    const arg = x.kind === 'builtin' && x.args.length === 1 ? x.args[0]! : undefined;
    if (x.kind === 'builtin' && x.op === '[]' && arg) {
      const p = state(arg);
      if (p) return void out.states.push({ check: p });
      const r = recurrence(x);
      if (r?.visits) return void out.goals.push({ start: 'any', within: [not(r.visits)], visits: [] });
      if (arg.kind === 'infix' && arg.op === '=>' && arg.right.kind === 'builtin' && arg.right.op === '<>' && arg.right.args.length === 1) {
        const [pre, post] = [state(arg.left), state(arg.right.args[0]!)];
        if (pre && post) return void out.goals.push({ start: (e) => pre(e) === true && post(e) !== true, within: [not(post)], visits: [] });
      }
    }
    if (x.kind === 'builtin' && x.op === '<>' && arg) {
      const p = state(arg);
      if (p) return void out.goals.push({ start: 'init', within: [not(p)], visits: [] });
      const r = recurrence(x);
      if (r?.within) return void out.goals.push({ start: 'any', within: [], visits: [not(r.within)] });
    }
    if (x.kind === 'infix' && x.op === '~>') {
      const [pre, post] = [state(x.left), state(x.right)];
      if (pre && post) return void out.goals.push({ start: (e) => pre(e) === true && post(e) !== true, within: [not(post)], visits: [] });
    }
    if (x.kind === 'infix' && x.op === '=>') {
      // F => G, each []<>P or <>[]P: a lasso satisfying F and not G.
      const f = recurrence(x.left), g = recurrence(x.right);
      if (f && g) {
        const within = [...(f.within ? [f.within] : []), ...(g.visits ? [not(g.visits)] : [])];
        const visits = [...(f.visits ? [f.visits] : []), ...(g.within ? [not(g.within)] : [])];
        return void out.goals.push({ start: 'any', within, visits });
      }
    }
    refuse('the compiled backend checks [][A]_v, []P, <>P, []<>P, <>[]P, P ~> Q and F => G of []<>/<>[] (of state predicates), and /\\ and \\A of these');
  }

  /** The fairness conjuncts of the chosen spec, one per value of each `\A` over them. */
  private fairnessParts(xs: readonly ir.Expr[]): FairSpec[] {
    const refuse = (what: string): never => { throw new Unsupported(`the fairness of ${this.config.spec ?? 'Spec'}: ${what}; use --backend tlc`); };
    const out: FairSpec[] = [];
    for (const x of xs) {
      this.eachConjunct(x, [], refuse, (y, bindings) => {
        if (y.kind !== 'fair') return refuse(`a ${y.kind} among WF/SF conjuncts`);
        const g = this.gen(y.action);
        out.push({ strong: y.strong, steps: (e, k) => { for (const [s, v] of bindings) e.b[s] = v; g(e, k); } });
      });
    }
    return out;
  }

  /**
   * `leaf` on each conjunct of `x`, through `/\`, parameterless definitions and `\A v \in S` over
   * a constant `S` — once per value of `v`, with the values of the `\A`s above it in `bindings`.
   */
  private eachConjunct(x: ir.Expr, bindings: Bindings, refuse: (what: string) => never, leaf: (x: ir.Expr, bindings: Bindings) => void): void {
    const name = bareName(x);
    const d = name === undefined ? undefined : this.defs.get(name);
    if (d && !d.params.length) return this.eachConjunct(d.body, bindings, refuse, leaf);
    if (x.kind === 'and') return x.operands.forEach((y) => this.eachConjunct(y, bindings, refuse, leaf));
    if (x.kind === 'quant' && x.quantifier === '\\A') {
      const slot = this.slot(x.binder);
      for (const v of this.constantSet(x.set, bindings, () => refuse('a \\A over a set that depends on the state'))) this.eachConjunct(x.body, [...bindings, [slot, v]], refuse, leaf);
      return;
    }
    leaf(x, bindings);
  }

  /** The elements of a set that reads no variable, under `bindings`. */
  private constantSet(x: ir.Expr, bindings: Bindings, otherwise: () => never): Value[] {
    if (this.varsRead(x, new Set())?.size !== 0) otherwise();
    const e = newEnv(this.m.variables.length, this.nextSlot);
    for (const [s, v] of bindings) e.b[s] = v;
    return [...elements(this.expr(x)(e))];
  }

  /** A state predicate: reads no primes and no temporal or ENABLED operator (through definitions too). */
  private stateLevel(x: ir.Expr): boolean {
    const temporal = (y: ir.Expr, seen: Set<string>): boolean => {
      if (y.kind === 'fair' || y.kind === 'boxAction' || (y.kind === 'builtin' && (y.op === '[]' || y.op === '<>' || y.op === 'ENABLED')) || (y.kind === 'infix' && y.op === '~>')) return true;
      const name = y.kind === 'ref' ? y.name : y.kind === 'call' ? y.op : undefined;
      const d = name === undefined ? undefined : this.defs.get(name);
      if (d && !seen.has(d.name)) { seen.add(d.name); if (temporal(d.body, seen)) return true; }
      return exprChildren(y).some((c) => temporal(c, seen));
    };
    return !temporal(x, new Set()) && this.varsRead(x, new Set()) !== null;
  }

  private conjuncts(x: ir.Expr): Conjunct[] {
    const parts = x.kind === 'and' && !x.loc ? x.operands : [x];
    return parts.map((c) => {
      const vars = this.varsRead(c, new Set());
      const check = this.expr(c);
      return vars && vars.size >= 1 && vars.size <= MEMO_VARS ? { check, vars: [...vars].map((v) => this.varIndex.get(v)!) } : { check };
    });
  }

  /** The variables an expression reads (through definitions), or null if it reads primes. */
  private varsRead(x: ir.Expr, visiting: Set<string>): Set<string> | null {
    const out = new Set<string>();
    let ok = true;
    const visit = (y: ir.Expr): void => {
      if (!ok) return;
      switch (y.kind) {
        // `@` goes to the default and reads nothing (no children): it is the old value at its
        // EXCEPT's path, of the EXCEPT's function, which is read already.
        case 'prime': case 'unchanged': case 'local': case 'self': ok = false; return;
        case 'ref': case 'call': {
          const name = y.kind === 'ref' ? y.name : y.op;
          if (this.varIndex.has(name)) { out.add(name); return; }
          const d = this.defs.get(name);
          if (d && !visiting.has(name)) {
            visiting.add(name);
            const inner = this.varsRead(d.body, visiting);
            if (!inner) { ok = false; return; }
            for (const v of inner) out.add(v);
          } else if (!d && y.kind === 'call' && name !== 'Assert') { ok = false; return; }
          if (y.kind === 'call') y.args.forEach(visit);
          return;
        }
        default: exprChildren(y).forEach(visit);
      }
    };
    visit(x);
    return ok ? out : null;
  }

  private inDef<T>(name: string, f: () => T): T {
    const saved = this.def, savedEnclosing = this.enclosing;
    this.def = name;
    this.enclosing = [];
    try { return f(); } finally { this.def = saved; this.enclosing = savedEnclosing; }
  }

  /** `f`, compiling what the expression located at `at` holds (`at` undefined: nothing to record). */
  private within<T>(at: TlaLocation | undefined, f: () => T): T {
    if (!at) return f();
    this.enclosing.push({ at }); // `refs` when a reference is met: most located expressions hold none
    try { return f(); } finally { this.enclosing.pop(); }
  }

  /**
   * The frame TLC gives a reference to zero-arity definition `name` when its body raises an
   * error: the identifier itself, the next one of it in the innermost located expression being
   * compiled (operands are compiled in the order they are written).
   */
  private definitionFrame(name: string): TlaLocation | undefined {
    const at = this.nextReference(name);
    const refs = this.enclosing.at(-1)?.refs;
    refs?.set(name, (refs.get(name) ?? 0) + 1);
    return at;
  }

  /** Where the next reference to `name` compiled is (`definitionFrame`, which counts it). */
  private nextReference(name: string): TlaLocation | undefined {
    const top = this.enclosing.at(-1);
    if (!top) return undefined;
    return this.locs.reference(this.def, top.at, name, (top.refs ??= new Map()).get(name) ?? 0);
  }

  /**
   * How the body of quantifier `x` (at `at`) begins, to place it by the text (`quantBody`): the
   * action called, an inner `\E`, a name (a variable has no span) or the bound variable itself —
   * TLC frames a step's quantifier body whatever it is.
   */
  private bodyBegins(x: Extract<ir.Expr, { kind: 'quant' }>, at: TlaLocation | undefined): string | undefined {
    const inner = soleOperand(x.body);
    if (inner.kind === 'call') return inner.op;
    if (inner.kind === 'quant') return '\\E ';
    if (inner.kind === 'ref') return inner.name;
    return inner.kind === 'bound' && inner.binder === x.binder && at ? this.locs.quantBinder(at) : undefined;
  }

  /** Next as dsl/emit/module.ts prints it: plain actions, each process's steps, then Terminating. */
  private nextFormula(): ir.Expr {
    const procs = this.m.processes ?? [];
    const call = (name: string, params: readonly ir.ActionParam[]): ir.Expr =>
      params.reduceRight<ir.Expr>((body, p) => ({ kind: 'quant', quantifier: '\\E', binder: p.binder, set: p.set, body }), { kind: 'call', op: name, args: params.map((p) => ({ kind: 'bound', binder: p.binder })) });
    const es: ir.Expr[] = [
      ...this.m.actions.filter((a) => !a.process).map((a) => call(a.name, a.params)),
      ...procs.map((p) => call(p.name, [{ binder: p.self, set: p.ids }])),
    ];
    if (procs.length) es.push({ kind: 'ref', name: 'Terminating' });
    return { kind: 'or', operands: es };
  }

  /**
   * Init: `v = e` or `v \in S` per variable, in order; later conjuncts may read earlier variables.
   * TLC evaluates the conjuncts nested, each inside the one before (tlc2.tool.Tool#getInitStates),
   * so an error in conjunct j has Init's body and conjuncts 0..j as its outer frames.
   */
  private initGen(): { readonly gen: Gen; readonly frames: readonly TlaLocation[] } {
    // A spec without variables has no state at all: TLC generates none from its `Init == TRUE`
    // (0 distinct states, depth 0), so no step, invariant or deadlock is ever looked at.
    if (!this.m.variables.length) return { gen: () => undefined, frames: [] };
    const steps = this.m.variables.map((v, i) => {
      const loc = this.located(v.loc), x = v.initSet ?? v.init;
      // A value no span locates (lowering's `pc = [p \in S |-> "a"]`) has its frame after `v = `, as TLC has it
      // (a name has its own, as a reference: `definitionFrame`).
      const unlocated = loc && x.kind !== 'ref' && !this.located(x.loc) ? this.locs.afterPrefix(loc, `${v.name} ${v.initSet ? '\\in' : '='} `) : undefined;
      return { i, set: !!v.initSet, rhs: this.within(loc, () => this.expr(x, unlocated)), loc };
    });
    const body = this.locs.initBody(steps.at(-1)?.loc);
    // One conjunct is Init's whole body: TLC names it once.
    const head = steps.length > 1 && body ? [body] : [];
    const outer = steps.map((_, j) => [...head, ...steps.slice(0, j + 1).flatMap((st) => st.loc ? [st.loc] : [])]);
    const run = (e: Env, k: () => void, j: number): void => {
      if (j === steps.length) return k();
      const st = steps[j]!;
      const n = e.n;
      e.s = n as Value[];
      let vs: readonly Value[];
      try {
        const v = st.rhs(e);
        vs = st.set ? elements(v) : [v];
      } catch (err) { if (err instanceof EvalError) err.frames.unshift(...outer[j]!); throw err; }
      for (const x of vs) { n[st.i] = toStored(x); run(e, k, j + 1); }
      n[st.i] = undefined;
    };
    return { gen: (e, k) => run(e, k, 0), frames: outer.at(-1) ?? [] };
  }

  // -------------------------------------------------------------------------------------------
  // Locations

  /**
   * Where the expression written at `loc` is. `written`: where the text has the operand being
   * compiled (its bullet's item), which tells apart the occurrences of a node printed more than
   * once among the operands of one list (`/\ TRUE /\ TRUE`, one IR node: each is its own item).
   */
  private located(loc: ir.SourceLoc | undefined, written?: TlaLocation): TlaLocation | undefined {
    if (!written) return this.locs.at(this.def, loc, this.enclosing);
    this.enclosing.push({ at: written });
    try { return this.locs.at(this.def, loc, this.enclosing); } finally { this.enclosing.pop(); }
  }

  /**
   * Where formula `x` is: its span, or where the text has it (`written`: its bullet's item, a
   * body) when it has none — or when its span is another formula's: lowering writes the
   * conjuncts of one statement from one DSL call (a procedure call's `stack'` and `n'`), so an
   * assignment to `v` whose span does not begin `v'` is placed by `written`.
   */
  private formulaAt(x: ir.Expr, written: TlaLocation | undefined): TlaLocation | undefined {
    const own = this.located(x.loc, written);
    const name = primedName(x);
    if (own && written && name !== undefined && !this.locs.afterPrefix(own, `${name}' `)) return written;
    return own ?? written;
  }

  /**
   * Where `value`, assigned to `name` by `name' op value` at `at`, is, when its span is not inside
   * the assignment's but is the assignment's own or another formula's (lowering's
   * `[k EXCEPT ![self] = e]` for a process's `k := e`): after `k' = `, where TLC has it.
   * Otherwise undefined: its span says.
   */
  private valueAt(name: string, op: string, value: ir.Expr, at: TlaLocation | undefined): TlaLocation | undefined {
    const own = this.located(value.loc, at);
    if (!at || !own || (contains(at, own) && !sameRange(own, at))) return undefined;
    return this.locs.afterPrefix(at, `${name}' ${op} `);
  }

  /**
   * Where each of `xs`, the operands of the expression at `at` in the order they are written, is
   * when it is one node with another of them (`IF c THEN h ELSE h`, CASE arms of one value): its
   * own occurrence, the n-th of that node's, which `located` cannot tell apart (it would give the
   * first); undefined for the rest, located as usual. Expressions only: an action-level IF or
   * CASE whose branches are one statement (no DSL statement makes one) still gives the first.
   */
  private operandsApart(at: TlaLocation | undefined, xs: readonly ir.Expr[]): (TlaLocation | undefined)[] {
    return xs.map((x, i) => {
      if (!at || !x.loc || !xs.some((y, j) => j !== i && y.loc === x.loc)) return undefined;
      return this.locs.nth(this.def, x.loc, at, xs.slice(0, i).filter((y) => y.loc === x.loc).length);
    });
  }

  /**
   * Where `x`, a formula of a step that is a variable's or constant's name alone (the emitter
   * spans no place for it), is printed in the formula at `at`: right after its `keyword` (an IF's
   * THEN, a CASE's `nth` arrow), or else last (a LET's body, an IF's ELSE). TLC keeps its frame
   * while the rest of the step runs, as it keeps any formula's. Undefined for anything else, or
   * where the text is not so.
   */
  private bareNameAt(at: TlaLocation | undefined, x: ir.Expr, keyword?: 'THEN' | '->', nth = 0): TlaLocation | undefined {
    if (!at || x.kind !== 'ref' || x.loc || !this.isValueName(x.name)) return undefined;
    return keyword ? this.locs.nameAfter(at, keyword, x.name, nth) : this.locs.endingName(at, x.name);
  }

  /** `f` with frame `at` on the errors it raises. */
  private wrap(f: Eval, at: TlaLocation | undefined): Eval {
    if (!at) return f;
    return (e) => {
      try { return f(e); } catch (err) { if (err instanceof EvalError) err.frames.unshift(at); throw err; }
    };
  }

  /**
   * The operands `fs` of `x`, a `/\` or `\/` of three or more at `at`: printed inline, SANY nests
   * it to the left (`(A /\ B) /\ C`), so an operand's error has the frame of each inner operator
   * it is evaluated under (`locs.infixPrefixes`), the outermost first.
   */
  private chained(x: ir.Expr & { operands: readonly ir.Expr[] }, at: TlaLocation | undefined, fs: readonly Eval[]): readonly Eval[] {
    const prefixes = at && fs.length > 2 ? this.locs.infixPrefixes(at, x.kind === 'and' ? '/\\' : '\\/', fs.length) : undefined;
    if (!prefixes) return fs;
    // Operand j is evaluated under the prefixes covering 0..k for k from max(j, 1) to n-2 (prefixes[k - 1]): one handler adds them all, the outermost first.
    return fs.map((f, j) => {
      const outerFirst = prefixes.slice(Math.max(j, 1) - 1).reverse();
      if (!outerFirst.length) return f;
      return (e) => {
        try { return f(e); } catch (err) { if (err instanceof EvalError) err.frames.unshift(...outerFirst); throw err; }
      };
    });
  }

  /** What `compile` makes of the expression located at `at`, with its frame (`within` it, for the references it holds). */
  private framed(at: TlaLocation | undefined, compile: () => Eval): Eval {
    return this.wrap(this.within(at, compile), at);
  }

  /**
   * `g` with frame `at` on the errors it raises, and on those raised by the rest of the step it
   * goes on to (`k`): TLC evaluates an action's conjuncts each inside the one before (its
   * ActionItemList), so the formulas a step went through are on its stack — but not once every
   * variable had been assigned when `g` began (TLC then evaluates the rest one at a time,
   * `Tool#getNextStatesAllAssigned`), nor for an error in judging the finished successor.
   */
  private wrapGen(g: Gen, at: TlaLocation | undefined): Gen {
    if (!at) return g;
    // One continuation per wrapper, not one per call (a closure per step taken was most of the
    // wrapper's cost): the call's `k` and whether the error came from it live in the wrapper and
    // are saved and restored around each call, so a call nested in another's `k` keeps its own.
    // `inK` is left set by a throw from `k`: the catch reads it before restoring. There every
    // variable `g` assigned is unassigned again (each assignment is undone on the way out), so
    // `e.n` is as `g` began.
    let k: () => void = noop, inK = false;
    const rest = () => { inK = true; k(); inK = false; };
    return (e, callK) => {
      const outerK = k, outerIn = inK;
      k = callK; inK = false;
      try { g(e, rest); } catch (err) {
        if (err instanceof EvalError && (!inK || (!err.afterStep && !allAssigned(e)))) err.frames.unshift(at);
        throw err;
      } finally { k = outerK; inK = outerIn; }
    };
  }

  /**
   * `x`'s value, when it reads no state and no bound name (a config's constants: `TASKS`,
   * `INTERMEDIATE = 1`), to leave uncompiled what no state reaches; else undefined. `f` is `x`
   * compiled (its folded value, see `expr`, or a guard's check), evaluated now, under the spec's
   * value order (the constructor entered it). An error gives undefined too: it is raised again
   * where TLC raises it. (Every such value is computed once at compile time, however costly.)
   */
  private valueNow(x: ir.Expr, f: Eval): Value | undefined {
    if (this.free?.of(x)?.size !== 0) return undefined;
    try {
      return f(newEnv(this.m.variables.length, this.nextSlot));
    } catch {
      return undefined;
    }
  }

  /**
   * Whether `x`, at `at`, may be left uncompiled without moving the frames of what is compiled
   * after it: compiled, it would count no reference in the located expression around it
   * (`definitionFrame`), for it has a location of its own or makes none outside those it holds.
   */
  private leavesFrames(x: ir.Expr, at?: TlaLocation): boolean {
    const counts = (y: ir.Expr): boolean => y.kind === 'let'
      || (y.kind === 'ref' && (!!this.letOf(y.name) || this.defs.get(y.name)?.params.length === 0))
      || exprChildren(y).some((c) => !this.located(c.loc) && counts(c));
    return !!(at ?? this.located(x.loc)) || !counts(x);
  }

  private slot(b: ir.Binder): number {
    let s = this.slots.get(b.id);
    if (s === undefined) { s = this.nextSlot++; this.slots.set(b.id, s); }
    return s;
  }

  // -------------------------------------------------------------------------------------------
  // Action formulas

  /** `x` as a generator of successors; `written`: where it is, when no span says (an operand of a list, an action's body). */
  private gen(x: ir.Expr, written?: TlaLocation): Gen {
    // A list of one is printed as its operand: SANY has no node for the list.
    if ((x.kind === 'and' || x.kind === 'or') && x.operands.length === 1 && !x.loc) return this.gen(x.operands[0]!, written);
    if (this.splitting) {
      if (this.splits(x)) return this.genBody(x, written); // no frame of its own; `written` places its operands (and a split `\E` for its set's errors)
      return this.flagged('splitting', false, () => this.asPredicate(this.gen(x, written), x, written));
    }
    const at = this.formulaAt(x, written) ?? this.listAt(x);
    return this.wrapGen(this.within(at, () => this.genBody(x, at)), at);
  }

  /**
   * `g`, the formula `x` an action's body was split down to (TLC's Action predicate): TLC places
   * the action's steps there — an `\E` over a constant set at its body, a disjunction at each
   * disjunct — not at the definition's body, which is where `actionInfo` places them.
   */
  private asPredicate(g: Gen, x: ir.Expr, written: TlaLocation | undefined): Gen {
    const entered = counted(g);
    const info = this.splitAction;
    const at = info && (this.formulaAt(x, written) ?? this.listAt(x));
    if (!info || !at || sameRange(at, info.location)) return entered;
    // One per place, among the spec's actions (a successor's action crosses threads as its index there).
    const key = `${info.name} at ${at.startLine}:${at.startCol}-${at.endLine}:${at.endCol}`;
    let placed = this.actionInfos.get(key);
    if (!placed) this.actionInfos.set(key, placed = { ...info, location: at });
    return stepsNamed(entered, placed);
  }

  /** `compile()`, the action a split body names its steps by (`asPredicate`) being `info` while it runs (none: as it is). */
  private splittingAs<T>(info: ActionInfo | undefined, compile: () => T): T {
    if (!info) return compile();
    const outer = this.splitAction;
    this.splitAction = info;
    try { return compile(); } finally { this.splitAction = outer; }
  }

  /**
   * Whether TLC splits `x`, part of Next, into the actions it checks (`Tool#getActions`): each
   * disjunct, each value of an `\E` over a constant set, the body of an operator applied to
   * constant arguments and of a LET. Its stack starts below them, at the action's predicate.
   */
  private splits(x: ir.Expr): boolean {
    const constant = (y: ir.Expr) => this.varsRead(y, new Set())?.size === 0;
    switch (x.kind) {
      case 'or': case 'let': return true;
      case 'quant': return x.quantifier === '\\E' && constant(x.set);
      // Any operator whose arguments are constant, none at all included (TLC's getActionsAppl).
      case 'call': return (this.actions.has(x.op) || this.defs.has(x.op)) && x.args.every(constant);
      case 'ref': return x.name === 'Terminating' || !!this.letOf(x.name) || this.defs.get(x.name)?.params.length === 0;
      default: return false;
    }
  }

  /** Where each operand of list `x` at `at` is, by its bullet, for those no span locates. */
  private operandsAt(x: ir.Expr & { operands: readonly ir.Expr[] }, at: TlaLocation | undefined): readonly (TlaLocation | undefined)[] {
    return (at && x.operands.length > 1 && this.locs.items(at, bullet(x), x.operands.length)) || [];
  }

  /**
   * Where a junction list the DSL wrote no call for (a list of statements) is, as TLC locates
   * it, from where its first operand is (see `ModuleLocations.list`; the last one's span, for a
   * list on one line, may be another expression's of the same DSL call, or missing).
   */
  private listAt(x: ir.Expr): TlaLocation | undefined {
    if ((x.kind !== 'and' && x.kind !== 'or') || x.operands.length < 2) return undefined;
    const end = (y: ir.Expr): TlaLocation | undefined => this.locs.written(this.def, y.loc, this.enclosing) ?? this.listAt(y);
    const first = end(x.operands[0]!);
    return first && this.locs.list(first, end(x.operands.at(-1)!), bullet(x));
  }

  private genBody(x: ir.Expr, at: TlaLocation | undefined): Gen {
    switch (x.kind) {
      case 'and': {
        const written = this.operandsAt(x, at);
        // Runs of deterministic conjuncts (guards, `x' = e`, UNCHANGED) become one loop; only
        // the branching ones (\/, \E, calls) need a continuation.
        const parts: (Branching | DetStep[])[] = [];
        let run: DetStep[] = [];
        // What may be assigned when each operand begins (`entry`): a branching conjunct that
        // begins with some variable surely unassigned is never met with all of them assigned,
        // so it needs no value as a formula (`conjunctTest`), nor the test for it as it runs.
        const nVars = this.m.variables.length;
        // Grown between conjuncts: compiling one reads it (as `entry`) only while that compile runs.
        const before = this.entry?.copy();
        // What a conjunct may assign, so may this conjunction, and the conjuncts after it begin with it.
        for (const [j, c] of x.operands.entries()) {
          const step = this.detStep(c, written[j]);
          if (step) { run.push(step); this.noteEach(step.assigns); before?.addEach(step.assigns); } else {
            if (run.length) { parts.push(run); run = []; }
            const { compiled: g, assigns } = this.fromEntry(before, () => this.gen(c, written[j]));
            const test = before && before.size < nVars ? undefined : this.conjunctTest(c, written[j]);
            parts.push({ gen: g, test });
            this.note(assigns);
            before?.addAll(assigns);
          }
          // FALSE in every state (a config's `INTERMEDIATE = 1` where it sets 0): TLC evaluates
          // no conjunct after it, so none is compiled (where that moves no frame: `leavesFrames`).
          const never = c.kind === 'bool' ? !c.value : step?.assigns.length === 0 && this.valueNow(c, step.run) === false;
          if (never && x.operands.slice(j + 1).every((r, i) => this.leavesFrames(r, written[j + 1 + i]))) break;
        }
        if (run.length) parts.push(run);
        // A run goes on to the rest itself; a branching conjunct is handed a continuation to it.
        const chain = parts.reduceRight<Gen | undefined>((rest, p) => Array.isArray(p) ? detBlock(p, rest) : andThen(p.gen, p.test, rest), undefined);
        return chain ?? ((_e, k) => k());
      }
      case 'or': {
        const dispatch = this.dispatchByPc(x.operands);
        if (dispatch) return dispatch;
        const written = this.operandsAt(x, at);
        const parts = x.operands.map((c, j) => this.gen(c, written[j]));
        return (e, k) => { for (const p of parts) p(e, k); };
      }
      case 'quant': {
        if (x.quantifier === '\\A') {
          // To TLC's getNextStates (OPCODE_bf) a step's `\A b \in S : P` is the conjunction of
          // P's instances, c1 then cn down to c2, each leaving its frame (printed once: CallStack
          // skips a frame the same as the one before). Where P is a guard (assigns nothing,
          // cannot branch): its instances in a loop, the body's frame on what fails after them.
          // A body the emitter wrote no span for (a variable) is placed by the text.
          const s = this.slot(x.binder);
          const begins = this.bodyBegins(x, at);
          const assigns = x.body.kind === 'unchanged' || primedName(x.body) !== undefined;
          const step = assigns ? undefined : this.detStep(x.body, at && begins !== undefined ? this.locs.quantBody(at, begins) : undefined);
          if (!step) return this.forallInstances(x, s, at && this.locs.quantBody(at, begins));
          const set = this.expr(x.set), test = step.run, frame = step.frames()[0];
          return (e, k) => {
            const xs = elements(set(e)), n = xs.length, saved = e.b[s];
            try {
              for (let i = 0; i < n; i++) { e.b[s] = xs[i === 0 ? 0 : n - i]; if (test(e) !== true) return; }
            } finally { e.b[s] = saved; }
            if (!n || !frame) { k(); return; }
            try { k(); } catch (err) {
              if (err instanceof EvalError && !err.afterStep && !allAssigned(e)) err.frames.unshift(frame);
              throw err;
            }
          };
        }
        // Split (part of Next, its set constant): TLC evaluates the set once, to split the `\E`
        // into an action per value (`getActionsAppl`, OPCODE_be). Where that evaluation fails it
        // does not split: the `\E` is one action, whose error, raised as the first state is
        // expanded, has the `\E` as its outer frame; the body's own errors do not.
        // A set that has its value now (`valueNow`) never fails, and needs no such frame. One that
        // fails is, split, one of TLC's actions (see `Env.entered`): entered as it fails.
        const splitAt = this.splitting ? at : undefined;
        const compiled = this.within(splitAt, () => this.expr(x.set)), known = this.valueNow(x.set, compiled);
        const framed = known === undefined ? this.wrap(compiled, splitAt) : compiled;
        const set: Eval = known === undefined && splitAt ? (e) => { try { return framed(e); } catch (err) { e.entered++; throw err; } } : framed;
        // Over a set the config makes empty (a process set, `TASKS = {}`): no successors, and no
        // state ever has the body evaluated (TLC's neither), so it is not compiled (where that moves no frame: `leavesFrames`).
        if (isEmptySet(known) && this.leavesFrames(x.body)) return () => {};
        const s = this.slot(x.binder);
        // Its body placed by the text where no span does: TLC frames a step's quantifier body,
        // whatever it is — one that begins as `bodyBegins` says (also inside a list of one, a
        // pick's statement), or any printed on the lines below the header (a pick's statements).
        // A split `\E`'s body, whatever it is, is the action TLC checks (its predicate).
        const bodyAt = splitAt ?? at;
        const body = this.gen(x.body, bodyAt && this.locs.quantBody(bodyAt, this.bodyBegins(x, at)));
        // Its bound value put back after: the same formula may be running outside, suspended in
        // the successors it is one of (a definition used twice in a step).
        return (e, k) => {
          const saved = e.b[s];
          try { for (const v of elements(set(e))) { e.b[s] = v; body(e, k); } } finally { e.b[s] = saved; }
        };
      }
      case 'infix': {
        // `P => Q` in a step: Q's successors where P holds, the state as it is where P does not
        // (TLC's getNextStates), so Q may assign.
        if (x.op === '=>') {
          // Q placed after the `=>` (where P and Q are one node, the first occurrence is P's).
          const p = this.bool(x.left, 'the first argument of =>'), q = this.gen(x.right, at && this.locs.infixRight(at, '=>'));
          return (e, k) => { if (p(e)) q(e, k); else k(); };
        }
        const name = primedName(x);
        if (name !== undefined && (x.op === '=' || x.op === '\\in' || x.op === '\\subseteq')) {
          const i = this.varIndex.get(name);
          if (i === undefined) break;
          this.assigning?.add(i);
          const right = this.expr(x.right, this.valueAt(name, x.op, x.right, at));
          // `x' \subseteq S` is, to TLC's getNextStates (OPCODE_subseteq), `x' \in SUBSET S`: x' taken to each subset.
          const rhs: Eval = x.op === '\\subseteq' ? (e) => new SubsetValue(right(e)) : right;
          if (x.op === '=') {
            return (e, k) => {
              const cur = e.n[i];
              if (cur === undefined) {
                e.n[i] = toStored(rhs(e));
                try { k(); } finally { e.n[i] = undefined; }
              } else if (equals(cur, rhs(e))) k();
            };
          }
          return (e, k) => {
            const cur = e.n[i];
            const set = rhs(e);
            if (cur !== undefined) { if (member(cur, set)) k(); return; }
            try { for (const v of elements(set)) { e.n[i] = toStored(v); k(); } } finally { e.n[i] = undefined; }
          };
        }
        break;
      }
      // Alone (a disjunct, a whole formula): the conjunct's step as a block of one, undone after `k`.
      // (Its own frame is `gen`'s.)
      case 'unchanged': {
        const step = this.detStep(x, at)!;
        this.noteEach(step.assigns);
        return detBlock([{ ...step, frames: () => step.frames().slice(1) }], undefined);
      }
      case 'call': {
        const a = this.actions.get(x.op);
        const d = this.defs.get(x.op);
        // An operator without parameters too: called, it is printed as its name, which TLC steps into.
        if (!a && !d) break;
        const params = a ? a.params.map((p) => p.binder) : d!.params;
        const slots = params.map((p) => this.slot(p));
        // TLC names a step by the innermost operator it split Next through: an action, or a definition applied to constant arguments.
        const info = a || this.splitting ? this.actionInfo(x.op, params.map((p) => p.hint)) : undefined;
        // A named step's arguments are its parameters' values in the trace (lowering passes names and constants).
        const args = x.args.map((y, i) => (info ? this.expr(y) : this.argument(y, params[i], true)) as Eval);
        const body = this.splittingAs(info, () => this.genOf(x.op, () => a ? a.formula : d!.body));
        const n = slots.length;
        // Binder ids are unique, so the continuation (the caller's formula) never reads these slots.
        if (n === 1) {
          // A process step's `self`, the common case: its one binding saved in a local, not an array.
          const arg = args[0]!, slot = slots[0]!;
          return (e, k) => {
            const v = arg(e);
            const saved = e.b[slot];
            e.b[slot] = v;
            const prevAction = e.action, prevArgs = e.args;
            if (info) { e.action = info; e.args = [v]; }
            try {
              body(e, k);
            } finally {
              e.b[slot] = saved;
              if (info) { e.action = prevAction; e.args = prevArgs; }
            }
          };
        }
        return (e, k) => {
          const vals: Value[] = new Array(n);
          for (let i = 0; i < n; i++) vals[i] = args[i]!(e);
          const saved: unknown[] = new Array(n);
          for (let i = 0; i < n; i++) { saved[i] = e.b[slots[i]!]; e.b[slots[i]!] = vals[i]; }
          const prevAction = e.action, prevArgs = e.args;
          if (info) { e.action = info; e.args = vals; }
          try {
            body(e, k);
          } finally {
            for (let i = 0; i < n; i++) e.b[slots[i]!] = saved[i];
            if (info) { e.action = prevAction; e.args = prevArgs; }
          }
        };
      }
      case 'ref': {
        const d = this.defs.get(x.name);
        if (x.name === 'Terminating') {
          const body = this.inDef('Terminating', () => this.gen({ kind: 'and', operands: [allDone(), { kind: 'unchanged', names: ['vars'] }] }));
          const info = this.actionInfo('Terminating', []);
          return (e, k) => {
            const prev = e.action, prevArgs = e.args;
            e.action = info; e.args = NO_ARGS;
            try { body(e, k); } finally { e.action = prev; e.args = prevArgs; }
          };
        }
        // A LET name in a step is its value there, as an action (TLC: `getNextStates` of its body), so it may assign.
        const letValue = this.letOf(x.name)?.value;
        if (letValue || (d && !d.params.length && d.role !== 'invariant')) {
          // Split through (a definition's name as an action's whole body), it names the step, as a call does.
          const named = this.splitting ? this.actionInfo(x.name, [], !!letValue) : undefined;
          const body = this.splittingAs(named, () => (letValue ? this.gen(letValue) : this.genOf(x.name, () => d!.body)));
          const g = named ? stepsNamed(body, named, NO_ARGS) : body;
          // A conjunct that is the name alone has that frame already (`at`, from its bullet).
          const frame = this.definitionFrame(x.name);
          return this.splitting || sameRange(frame, at) ? g : this.wrapGen(g, frame);
        }
        // `Next` itself (`WF_vars(Next)`): the formula the search steps by.
        if (!d && x.name === 'Next') return this.genOf(x.name, () => this.nextFormula());
        break;
      }
      case 'let': {
        const s = this.pushLet(x);
        const value = this.expr(x.value);
        const body = this.gen(x.body, this.bareNameAt(at, x.body));
        this.popLet();
        return (e, k) => { const saved = e.b[s]; e.b[s] = new Lazy(value); try { body(e, k); } finally { e.b[s] = saved; } };
      }
      case 'if': {
        // A condition no state changes: TLC takes the one branch it picks, so only that one is compiled (where that moves no frame).
        const cond = this.expr(x.cond), known = this.valueNow(x.cond, cond);
        if (typeof known === 'boolean' && this.leavesFrames(known ? x.else : x.then)) return this.gen(known ? x.then : x.else);
        const c = this.asBool(cond, 'the condition of an IF');
        // Branches that are one node printed twice are told apart by their place in the text (`operandsApart`).
        const [, thenAt, elseAt] = this.operandsApart(at, [x.cond, x.then, x.else]);
        const t = this.gen(x.then, thenAt ?? this.bareNameAt(at, x.then, 'THEN')), f = this.gen(x.else, elseAt ?? this.bareNameAt(at, x.else));
        return (e, k) => (c(e) ? t : f)(e, k);
      }
      case 'case': {
        const apart = this.operandsApart(at, [...x.arms.flat(), ...(x.other ? [x.other] : [])]);
        const arms = x.arms.map(([c, v], i) => [this.bool(c, 'a condition of a CASE'), this.gen(v, apart[2 * i + 1] ?? this.bareNameAt(at, v, '->', i))] as const);
        const other = x.other ? this.gen(x.other, apart.at(-1) ?? this.bareNameAt(at, x.other, '->', x.arms.length)) : undefined;
        return (e, k) => {
          for (const [c, v] of arms) if (c(e)) return v(e, k);
          // TLC's getNextStates names it so (an action-level CASE), with the CASE's place.
          if (!other) failPlaced('In computing next states, TLC encountered a CASE with no conditions true.', at);
          other(e, k);
        };
      }
      case 'bool': return x.value ? (_e, k) => k() : () => {};
      case 'apply': if (this.reachesConstructor(x.fn, 0)) return this.enteredApplication(x); break;
      default: break;
    }
    // A predicate: `gen` gives it its frame (through `expr` it would have a second, the same).
    const p = this.asBool(this.exprBody(x, at), 'a formula in a conjunction');
    return (e, k) => { if (p(e)) k(); };
  }

  /**
   * A branching conjunct as a formula's value, for when every variable is assigned before it:
   * TLC then evaluates the rest of the step one conjunct at a time (`Tool#getNextStatesAllAssigned`),
   * a disjunction or `\E` stopping at its first true case, and adds the state once. Located as a
   * guard is. None for a conjunct naming an action (`callsAction`).
   */
  private conjunctTest(x: ir.Expr, written?: TlaLocation): Eval | undefined {
    return this.callsAction(x, new Set()) ? undefined : this.conjunctValue(x, written).check;
  }

  /** A conjunct as a formula's value, and where it is: a conjunct with a span has its frame from `expr`; one without, its bullet's (`written`). */
  private conjunctValue(x: ir.Expr, written?: TlaLocation): { readonly check: Eval; readonly at: TlaLocation | undefined } {
    const own = this.located(x.loc, written), at = own ?? written;
    return { check: own ? this.bool(x, 'a formula in a conjunction') : this.framed(at, () => this.bool(x, 'a formula in a conjunction')), at };
  }

  /**
   * Whether `x`, through the definitions it uses, names an action (a step, `Terminating`): those
   * are generated, never evaluated as expressions (`expr` refuses them), so such a conjunct keeps
   * its successors' meaning even when met with every variable assigned.
   */
  private callsAction(x: ir.Expr, seen: Set<string>): boolean {
    if (x.kind === 'ref' || x.kind === 'call') {
      const name = x.kind === 'ref' ? x.name : x.op;
      if (this.actions.has(name) || (name === 'Terminating' && !this.defs.has(name))) return true;
      const d = this.defs.get(name);
      if (d && !seen.has(name)) { seen.add(name); if (this.callsAction(d.body, seen)) return true; }
    }
    return exprChildren(x).some((c) => this.callsAction(c, seen));
  }

  /** A conjunct that cannot branch, as a step returning false to prune (assignments push on `e.undo`). */
  private detStep(x: ir.Expr, written?: TlaLocation): DetStep | undefined {
    const name = primedName(x), i = name === undefined ? undefined : this.varIndex.get(name);
    if (x.kind === 'infix' && x.op === '=' && i !== undefined) {
      const at = this.formulaAt(x, written), where = this.valueAt(name!, x.op, x.right, at);
      const rhs = this.within(at, () => this.expr(x.right, where));
      return stepOf(this.wrap((e) => {
        const cur = e.n[i];
        if (cur !== undefined) return equals(cur, rhs(e));
        e.n[i] = toStored(rhs(e));
        e.undo.push(i);
        return true;
      }, at), at, [i]);
    }
    if (x.kind === 'unchanged') {
      const idx = this.unchangedVars(x.names);
      const at = this.located(x.loc, written) ?? written;
      // Usually no variable it names is assigned yet: it sets them all and is undone as one entry
      // (an action's UNCHANGED names most of the spec's variables, one push and pop each had cost more than the copy).
      return stepOf((e) => {
        const n = e.n, s = e.s;
        for (let j = 0; j < idx.length; j++) {
          const i = idx[j]!;
          if (n[i] !== undefined) return unchangedFrom(e, idx, j);
          n[i] = s[i];
        }
        e.undo.push(idx);
        return true;
      }, at, idx, (where) => this.locs.unchangedParts(where));
    }
    const branching = x.kind === 'and' || x.kind === 'or' || x.kind === 'quant' || x.kind === 'let' || x.kind === 'if' || x.kind === 'case' || x.kind === 'bool'
      || (x.kind === 'apply' && this.reachesConstructor(x.fn, 0))
      || (x.kind === 'call' && x.op !== 'Assert') || (x.kind === 'ref' && (this.defs.has(x.name) || x.name === 'Terminating' || !!this.letOf(x.name))) || (x.kind === 'infix' && (x.left.kind === 'prime' || x.op === '=>'));
    if (branching) return undefined;
    const { check, at } = this.conjunctValue(x, written);
    return stepOf(check, at, []);
  }

  /** A process's steps dispatched on `pc[self]` (see pc-dispatch.ts), where the disjunction is one. */
  private dispatchByPc(es: readonly ir.Expr[]): Gen | undefined {
    const d = this.varIndex.has('pc') ? pcDispatch(es, this.actions, this.defs) : undefined;
    if (!d) return undefined;
    const pcOf = this.expr({ kind: 'apply', fn: { kind: 'ref', name: 'pc' }, arg: d.self });
    const table = new Map<Value, Gen>();
    for (const [label, a] of d.steps) table.set(label, this.gen({ kind: 'call', op: a.name, args: [d.self] }));
    return (e, k) => { table.get(pcOf(e))?.(e, k); };
  }

  /**
   * A step's `\A b \in S : P` (`s`: b's slot) whose P may branch, assign or name a definition, as
   * TLC's getNextStates takes it (OPCODE_bf): P's instances in action mode, c1 then cn down to
   * c2, each inside the one before, so each of P's true disjuncts is a successor of its own. An
   * instance after the first begun with every variable assigned is, with the rest, a value
   * (`getNextStatesAllAssigned`), and the step goes on once (a P naming an action stays in action
   * mode, as a conjunct does: `conjunctTest`). The first instance begins with what the `\A` begins
   * with (`entry`), the others with what the first may have assigned too: each is compiled for its
   * own, and P as a value only where the others may begin with every variable assigned.
   */
  private forallInstances(x: Extract<ir.Expr, { kind: 'quant' }>, s: number, bodyAt: TlaLocation | undefined): Gen {
    const set = this.expr(x.set);
    const entry = this.entry, first = this.fromEntry(entry, () => this.gen(x.body, bodyAt));
    this.note(first.assigns);
    const grown = entry?.copy();
    grown?.addAll(first.assigns);
    const later = grown && grown.size > entry!.size ? this.fromEntry(grown, () => this.gen(x.body, bodyAt)).compiled : first.compiled;
    const test = !grown || grown.size === this.m.variables.length ? this.conjunctTest(x.body, bodyAt) : undefined;
    return (e, k) => {
      const xs = elements(set(e)), n = xs.length;
      const instance = (i: number): void => {
        const saved = e.b[s];
        try {
          if (i > 0 && test && allAssigned(e)) {
            for (let j = i; j < n; j++) { e.b[s] = xs[n - j]; if (test(e) !== true) return; }
            k();
            return;
          }
          e.b[s] = xs[i === 0 ? 0 : n - i];
          (i === 0 ? first.compiled : later)(e, i + 1 < n ? () => instance(i + 1) : k);
        } finally { e.b[s] = saved; }
      };
      if (n) instance(0); else k();
    };
  }

  private genOf(name: string, body: () => ir.Expr): Gen {
    // Reached as part of Next, a body is split as TLC splits it (`splits`): compiled apart. One
    // begun with nothing assigned (a step of Next) is compiled apart too (see `entry`): one
    // compiled formula serves every caller of its key, so any other is compiled as if anything
    // might be assigned.
    const fresh = this.entry?.isEmpty() === true;
    // Split, a body names its steps after itself (the call or name reaching it sets `splitAction`), so one compile serves every action reaching it.
    const key = `${name}${this.splitting ? ' (split)' : ''}${fresh ? ' (fresh)' : ''}`;
    const known = this.genCache.get(key);
    if (known) {
      this.note(known.assigns ?? VarSet.all(this.m.variables.length)); // none yet: a definition using itself (never printed)
      return known.gen;
    }
    // Placeholder first: a definition is compiled once even when called from many places.
    // eslint-disable-next-line prefer-const -- the placeholder below must capture `real` before it is assigned
    let real: Gen | undefined;
    this.genCache.set(key, { gen: (e, k) => real!(e, k) });
    // Its body's text holds the references its conjuncts make (TLC frames each, see
    // `definitionFrame`); an action's body is its first frame (TLC's Action's predicate).
    const b = this.locs.body(name);
    const { compiled, assigns } = this.fromEntry(fresh ? this.entry : undefined, () => this.inDef(name, () => this.within(b, () => this.gen(body(), b))));
    real = compiled;
    this.genCache.set(key, { gen: compiled, assigns });
    this.note(assigns);
    return compiled;
  }

  /** What `compile` makes of a formula that begins with `entry` (see there) may be assigned, and what it may assign. */
  private fromEntry<T>(entry: VarSet | undefined, compile: () => T): { readonly compiled: T; readonly assigns: VarSet } {
    const savedEntry = this.entry, outer = this.assigning, assigns = VarSet.none(this.m.variables.length);
    this.entry = entry;
    this.assigning = assigns;
    try { return { compiled: compile(), assigns }; } finally { this.entry = savedEntry; this.assigning = outer; }
  }

  /** Records that the formula being compiled may assign the variables `idx` (see `assigning`). */
  private note(idx: VarSet): void { this.assigning?.addAll(idx); }
  private noteEach(idx: readonly number[]): void { this.assigning?.addEach(idx); }

  /**
   * What steps are named by: an action or definition (placed at its body until `asPredicate`
   * places them), or a LET's name (`isLet`), as TLC names the steps split through it, kept apart
   * from a module action of that name (the LET's scope may have ended before it is declared).
   */
  private actionInfo(name: string, params: readonly string[], isLet = false): ActionInfo {
    const key = isLet ? `LET ${name}` : name;
    let info = this.actionInfos.get(key);
    if (!info) {
      const location = isLet ? undefined : this.locs.body(name);
      info = { name, params, ...(location ? { location } : {}) };
      this.actionInfos.set(key, info);
    }
    return info;
  }

  private unchangedVars(names: readonly string[]): number[] {
    const idx: number[] = [];
    for (const n of names) {
      if (n === 'vars') for (let i = 0; i < this.m.variables.length; i++) idx.push(i);
      else idx.push(this.varIndex.get(n) ?? bug(`unknown variable ${n}`));
    }
    return idx;
  }

  // -------------------------------------------------------------------------------------------
  // Expressions

  private bool(x: ir.Expr, what: string): (e: Env) => boolean {
    return this.asBool(this.expr(x), what);
  }

  private asBool(f: Eval, what: string): (e: Env) => boolean {
    return (e) => boolValue(f(e), what);
  }

  private pushLet(x: Extract<ir.Expr, { kind: 'let' }>): number {
    this.definitionFrame(x.name); // `LET name ==` itself, in the text around: the uses come after it
    const slot = this.nextSlot++;
    this.lets.push({ name: x.name, slot, value: x.value });
    return slot;
  }
  private popLet(): void { this.lets.pop(); }
  private letOf(name: string): (typeof this.lets)[number] | undefined {
    for (let i = this.lets.length - 1; i >= 0; i--) if (this.lets[i]!.name === name) return this.lets[i];
    return undefined;
  }
  private letSlot(name: string): number | undefined { return this.letOf(name)?.slot; }

  /**
   * What each expression reads of binders and state, for folding the ones that read neither.
   * Compile-time only, and dropped when the spec is built (`spec`): the compiled closures keep
   * this compiler alive through the search, and its answers for every node are a fifth of that.
   */
  private free: FreeBinders | undefined = new FreeBinders({
    isVariable: (name) => this.varIndex.has(name),
    isConstant: (name) => this.constants.has(name),
    definition: (name) => this.defs.get(name),
  });

  /** A variable's or constant's name, not hidden by a LET: its value cannot fail. */
  private readonly isValueName = (n: string) => this.letSlot(n) === undefined && (this.varIndex.has(n) || this.constants.has(n));

  /** `x` compiled; `where`, when given, is where it is (its own span is not: see `valueAt`). */
  expr(x: ir.Expr, where?: TlaLocation): Eval {
    // A literal or a bound or variable name cannot fail, so it needs no frame of its own.
    const at = cannotFail(x, this.isValueName) ? undefined : where ?? this.located(x.loc);
    const f = at ? this.framed(at, () => this.exprBody(x, at)) : this.exprBody(x);
    if (isLiteral(x) || this.free?.of(x)?.size !== 0) return f;
    // Reads no state and no bound identifier: evaluated once, on first use (so an error still
    // happens where TLC would raise it).
    let done = false, v: Value;
    return (e) => { if (!done) { v = f(e); done = true; } return v; };
  }

  /** `x` compiled, without its frame; `at`: where it is, when known. */
  private exprBody(x: ir.Expr, at?: TlaLocation): Eval {
    switch (x.kind) {
      case 'bool': case 'int': case 'str': { const v = x.value; return () => v; }
      case 'ref': return this.ref(x.name);
      case 'bound': {
        const s = this.slot(x.binder);
        return this.parameterName(x.binder) === undefined ? (e) => e.b[s] as Value : this.parameterRead(x.binder, false) as Eval;
      }
      case 'at': return (e) => {
        const v = exceptAt(e);
        // A lazy function's element, kept lazy as TLC's select keeps it: built where `@` is read.
        return v instanceof LazyFunction ? (e.at = v.value(e)) : v;
      };
      case 'prime': {
        if (x.operand.kind === 'ref' && this.varIndex.has(x.operand.name)) {
          const i = this.varIndex.get(x.operand.name)!, name = x.operand.name;
          return (e) => e.n[i] ?? unassignedPrime(name, at);
        }
        // `e'` of an expression (`terminated'`): its value in the next state, every variable it reads assigned.
        const reads = this.varsRead(x.operand, new Set());
        if (!reads) throw new Unsupported('a primed expression that reads primes');
        // TLC evaluates a parameter's argument again there, in the next state (a LazyValue read with
        // no next state, Tool#evalImpl, uncached); this verifier has its value in this one.
        if (readsParameter(x.operand, (b) => this.stateArguments().has(b.id), (n) => this.letOf(n)?.value)) throw new Unsupported('a primed expression that reads an operator\'s parameter whose argument reads the state');
        const idx = [...reads].map((n) => this.varIndex.get(n)!);
        const inner = this.expr(x.operand);
        return (e) => {
          for (const i of idx) if (e.n[i] === undefined) unassignedPrime(this.m.variables[i]!.name, undefined);
          const s = e.s;
          e.s = e.n as Value[];
          try { return inner(e); } finally { e.s = s; }
        };
      }
      case 'call': return this.call(x);
      case 'builtin': return this.builtin(x);
      case 'infix': return this.infix(x);
      case 'not': { const f = this.bool(x.operand, 'the argument of ~'); return (e) => !f(e); }
      case 'neg': { const f = this.int(x.operand); return (e) => -f(e); }
      case 'and': {
        const fs = this.chained(x, at, x.operands.map((c) => this.bool(c, 'a formula in a conjunction')));
        return (e) => { for (const f of fs) if (!f(e)) return false; return true; };
      }
      case 'or': {
        const fs = this.chained(x, at, x.operands.map((c) => this.bool(c, 'a formula in a disjunction')));
        return (e) => { for (const f of fs) if (f(e)) return true; return false; };
      }
      case 'quant': {
        const set = this.expr(x.set), s = this.slot(x.binder), body = this.bool(x.body, 'the body of a quantifier');
        // Its bound value put back after: the same formula may be a step's, suspended in this
        // one's successors (an action property, a conjunct met with every variable assigned).
        const all = x.quantifier === '\\A';
        return (e) => {
          const saved = e.b[s];
          try { for (const v of elements(set(e))) { e.b[s] = v; if (body(e) !== all) return !all; } return all; } finally { e.b[s] = saved; }
        };
      }
      case 'choose': {
        const set = this.expr(x.set), s = this.slot(x.binder), body = this.bool(x.body, 'the body of CHOOSE');
        // TLC enumerates the normalised set: the least element (in its value order) that satisfies the body.
        return (e) => {
          for (const v of elements(set(e))) { e.b[s] = v; if (body(e)) return v; }
          return failPlaced('Attempted to compute the value of an expression of form\nCHOOSE x \\in S: P, but no element of S satisfied P.', at);
        };
      }
      case 'setEnum': { const fs = x.elements.map((c) => this.expr(c)); return (e) => SetValue.of(fs.map((f) => toStored(f(e)))); }
      case 'setFilter': {
        const set = this.expr(x.set), s = this.slot(x.binder), pred = this.bool(x.pred, 'the predicate of a set filter');
        return (e) => new SetValue(elements(set(e)).filter((v) => { e.b[s] = v; return pred(e); }));
      }
      case 'setMap': {
        // The body first, as `{body : x \in S}` is written (see `definitionFrame`).
        const s = this.slot(x.binder), body = this.expr(x.body), set = this.expr(x.set);
        return (e) => SetValue.of(elements(set(e)).map((v) => { e.b[s] = v; return toStored(body(e)); }));
      }
      case 'tuple': { const fs = x.elements.map((c) => this.expr(c)); return (e) => new TupleValue(fs.map((f) => toStored(f(e)))); }
      case 'record': {
        const names = x.fields.map(([n]) => n), fs = x.fields.map(([, v]) => this.expr(v));
        const make = recordMaker(names), n = fs.length;
        return (e) => {
          const vals = new Array<Value>(n);
          for (let i = 0; i < n; i++) vals[i] = toStored(fs[i]!(e));
          return make(vals);
        };
      }
      case 'recordSet': {
        const names = x.fields.map(([n]) => n), fs = x.fields.map(([, v]) => this.expr(v));
        return (e) => new RecordSetValue(names, fs.map((f) => f(e)));
      }
      case 'field': { const f = this.expr(x.record), name = x.name; return (e) => selectField(f(e), name, at); }
      case 'apply': {
        if (this.reachesConstructor(x.fn, 0)) return this.lazyApplication(x) as Eval;
        const f = this.expr(x.fn), a = this.expr(x.arg);
        return (e) => apply(f(e), a(e));
      }
      case 'fn': {
        const set = this.expr(x.set), s = this.slot(x.binder), body = this.expr(x.body);
        // Its bound value put back after: a step may have entered the same constructor's body at
        // one argument (`LazyFunction#enter`) and be suspended in this one's successors.
        return (e) => {
          const dom = elements(set(e)), saved = e.b[s];
          try { return makeFn(dom, dom.map((v) => { e.b[s] = v; return toStored(body(e)); })); } finally { e.b[s] = saved; }
        };
      }
      case 'fnSet': { const d = this.expr(x.dom), r = this.expr(x.rng); return (e) => new FnSetValue(d(e), r(e)); }
      case 'except': return this.except(x);
      case 'if': return this.ifThenElse(x, at, (y, where) => this.expr(y, where));
      case 'case': return this.caseOf(x, at, (y, where) => this.expr(y, where));
      case 'let': return this.letIn(x, () => this.expr(x.body));
      case 'unchanged': {
        const idx = this.unchangedVars(x.names);
        return (e) => idx.every((i) => equals(e.n[i] ?? fail('UNCHANGED of an unassigned variable'), e.s[i]!));
      }
      case 'fair': case 'boxAction':
        throw new Unsupported('temporal formulas');
      case 'local': case 'self':
        throw new Unsupported(`a '${x.kind}' node outside a process (lowering should have removed it)`);
    }
  }

  /** `IF c THEN a ELSE b` at `at`, its branches compiled by `branch`, given where each is when they are one node. */
  private ifThenElse<T>(x: Extract<ir.Expr, { kind: 'if' }>, at: TlaLocation | undefined, branch: (y: ir.Expr, where?: TlaLocation) => (e: Env) => T): (e: Env) => T {
    const [, thenAt, elseAt] = this.operandsApart(at, [x.cond, x.then, x.else]);
    const c = this.bool(x.cond, 'the condition of an IF'), t = branch(x.then, thenAt), f = branch(x.else, elseAt);
    return (e) => (c(e) ? t(e) : f(e));
  }

  /** `CASE` at `at`, its arms' values compiled by `branch`, as `ifThenElse`'s. */
  private caseOf<T>(x: Extract<ir.Expr, { kind: 'case' }>, at: TlaLocation | undefined, branch: (y: ir.Expr, where?: TlaLocation) => (e: Env) => T): (e: Env) => T {
    const apart = this.operandsApart(at, [...x.arms.flat(), ...(x.other ? [x.other] : [])]);
    const arms = x.arms.map(([c, v], i) => [this.bool(c, 'a condition of a CASE'), branch(v, apart[2 * i + 1])] as const);
    const other = x.other ? branch(x.other, apart.at(-1)) : undefined;
    return (e) => {
      for (const [c, v] of arms) if (c(e)) return v(e);
      return other ? other(e) : failPlaced('Attempted to evaluate a CASE with no conditions true.', at);
    };
  }

  /** `LET name == value IN body`, the body compiled by `body` (given the name's slot) while the name is in scope. */
  private letIn<T>(x: Extract<ir.Expr, { kind: 'let' }>, body: (slot: number) => (e: Env) => T): (e: Env) => T {
    const s = this.pushLet(x);
    const value = this.expr(x.value);
    const b = body(s);
    this.popLet();
    // A value that reads `@` reads the EXCEPT's around the LET, wherever it is first used (TLC's
    // LazyValue keeps its context): that `@` kept with it.
    const lazy = holdsAt(x.value) ? (e: Env) => { const at = e.at; return new Lazy((e1) => withAt(e1, at, value)); } : () => new Lazy(value);
    return (e) => { const saved = e.b[s]; e.b[s] = lazy(e); try { return b(e); } finally { e.b[s] = saved; } };
  }

  private ref(name: string): Eval {
    const ls = this.letSlot(name);
    if (ls !== undefined) {
      // Computed where the name is first used: TLC's stack has that use (the identifier) as a frame of an error in it.
      const force = this.wrap((e) => (e.b[ls] as Lazy).f(e), this.definitionFrame(name));
      return (e) => {
        const v = e.b[ls];
        if (v instanceof Lazy) { const r = force(e); e.b[ls] = r; return r; }
        return v as Value;
      };
    }
    const vi = this.varIndex.get(name);
    if (vi !== undefined) return (e) => e.s[vi]!;
    if (this.constants.has(name)) { const v = this.constants.get(name)!; return () => v; }
    if (name === 'BOOLEAN') { const v = SetValue.of([false, true]); return () => v; }
    const d = this.defs.get(name);
    if (d && !d.params.length) return this.wrap(this.definitionBody(d), this.definitionFrame(name));
    if (this.m.constants.some((c) => c.name === name)) throw new Unsupported(`constant ${name} has no value in config ${this.config.name}`);
    throw new Unsupported(`unknown name ${name}`);
  }

  /** Definition `d`'s body (without parameters), compiled once. */
  private definitionBody(d: ir.Definition): Eval {
    let f = this.exprCache.get(d.name);
    if (!f) {
      // eslint-disable-next-line prefer-const -- the placeholder below must capture `real` before it is assigned
      let real: Eval | undefined;
      this.exprCache.set(d.name, (e) => real!(e));
      real = this.inDef(d.name, () => this.expr(d.body));
      f = real;
      this.exprCache.set(d.name, f);
    }
    return f;
  }

  /**
   * An operator's argument as TLC passes it (a LazyValue, SymbolNodeValueLookupProvider#getVal):
   * evaluated where the body first uses it (the parameter's `bound` read), so one never used
   * raises no error. One that cannot fail is its value at once, which no one can tell apart, and
   * so is a parameter passed on whose own argument has been evaluated. Not one that holds `@`: its
   * EXCEPT's value is this one's, which an EXCEPT in the body would change.
   */
  private argument(x: ir.Expr, param: ir.Binder | undefined, inStep: boolean): (e: Env) => unknown {
    if (!param || this.parameterName(param) === undefined) return this.expr(x);
    // Compiled as a function to apply too where it reaches a constructor, its references counted as
    // the value's are; in a step, to be entered as a formula of it too (`enteredApplication`).
    // As deep as the body applies the parameter (`p[1][1]`: the constructor's elements lazy too), where the argument reaches one so deep.
    const n = this.deepestReach(x, 0, this.argumentsMade().applied.get(param.id) ?? 0);
    const asFunction = () => this.functionAt(x, n);
    const [f, applied] = this.sameCounts(() => this.expr(x), () => (this.reachesConstructor(x, n) ? (inStep ? this.flagged('enteredAsStep', true, asFunction) : asFunction()) : undefined)) as [Eval, FunctionAt | undefined];
    if (x.kind === 'bound' && this.parameterName(x.binder) !== undefined) {
      const s = this.slot(x.binder);
      return (e) => (e.b[s] instanceof Lazy ? new Lazy(f, applied) : e.b[s]);
    }
    if (cannotFail(x, this.isValueName) || holdsAt(x)) return f;
    // One for the call site: what forcing it gives is kept in the slot, not in it.
    const unevaluated = new Lazy(f, applied);
    return () => unevaluated;
  }

  /**
   * What each of `fs` compiles, one expression compiled several ways: each counts the references
   * it makes in the located expression around (`definitionFrame`) from where the first began, and
   * they stay as the first left them.
   */
  private sameCounts(...fs: (() => unknown)[]): unknown[] {
    const top = this.enclosing.at(-1), before = top?.refs && new Map(top.refs);
    let after = before;
    try {
      return fs.map((f, i) => {
        if (i && top) top.refs = before && new Map(before);
        const made = f();
        if (!i) after = top?.refs && new Map(top.refs);
        return made;
      });
    } finally { if (top) top.refs = after; }
  }

  /**
   * `f` compiled with `flag` set to `value`, put back after: `splitting` false, a part of an action
   * Next is not split through (no step named, no assignment noted for the formula around);
   * `enteredAsStep`, a constructor reached compiled to be entered as a formula of a step too
   * (`enteredApplication`); `atMayBeLazy`, the values of an EXCEPT of a lazy function.
   */
  private flagged<T>(flag: 'splitting' | 'enteredAsStep' | 'atMayBeLazy', value: boolean, f: () => T): T {
    const saved = this[flag];
    this[flag] = value;
    try { return f(); } finally { this[flag] = saved; }
  }

  /** What the module's calls pass their operators' parameters (`parametersLeftUnevaluated`), worked out once a module. */
  private argumentsMade(): ArgumentsMade {
    let made = madeByModule.get(this.m);
    if (!made) madeByModule.set(this.m, made = parametersLeftUnevaluated(this.m, this.defs));
    return made;
  }

  /** The parameters (binder ids) some call passes an argument that may read the state. */
  private stateArguments(): ReadonlySet<number> { return this.argumentsMade().fromState; }

  /**
   * The name an operator's parameter `b` has in its definition's header, when some call passes it
   * an argument left unevaluated (`argument`); undefined for any other bound identifier, whose
   * slot holds a value, so that reading it needs no test (a process's `self`, read at every step).
   */
  private parameterName(b: ir.Binder): string | undefined {
    return (this.parameters ??= this.unevaluatedParameters()).get(b.id);
  }

  /**
   * `parameterName`'s answers: every call the definitions, actions and initial values make, a
   * parameter passed on counting as its own (to a fixpoint). Worked out once a module (one walk of
   * it took 1–2 ms): a parameter no walked call reaches gets its arguments evaluated (`argument`).
   */
  private unevaluatedParameters(): Map<number, string> {
    const found = this.argumentsMade().unevaluated;
    return new Map([...this.defs.values()].flatMap((d) => {
      const names = d.params.some((p) => found.has(p.id)) ? this.locs.parameters(d.name) : undefined;
      return d.params.flatMap((p, i) => (found.has(p.id) ? [[p.id, names?.[i] ?? p.hint] as const] : []));
    }));
  }

  private call(x: Extract<ir.Expr, { kind: 'call' }>): Eval {
    if (x.op === 'Assert') {
      const name = x.args[1]?.kind === 'str' ? x.args[1].value : '?';
      const location = this.located(x.loc);
      // Lowering's `"Name" \notin AssertsOff => cond`, which no span locates, has its frame between
      // `Assert(` and `, "Name")` in the text, as TLC has it.
      const first = x.args[0]!;
      const unlocated = location && !this.located(first.loc) ? this.locs.between(location, 'Assert(', `, ${JSON.stringify(name)})`) : undefined;
      const cond = this.expr(first, unlocated);
      return (e) => {
        // Switched off by the search (see `Env.suppressed`): as if named in AssertsOff.
        if (e.suppressed.has(name)) return true;
        let v: Value;
        try { v = cond(e); } catch (err) { if (err instanceof EvalError) err.inAssert ??= name; throw err; }
        if (v === true) return true;
        if (v !== false) fail('The first argument of Assert must be a boolean.');
        throw new AssertFailure(name, location);
      };
    }
    const d = this.defs.get(x.op);
    if (!d) {
      if (this.actions.has(x.op)) throw new Unsupported(`action ${x.op} used as an expression (ENABLED)`);
      throw new Unsupported(`unknown operator ${x.op}`);
    }
    const args = x.args.map((a, i) => this.argument(a, d.params[i], false));
    const slots = d.params.map((p) => this.slot(p));
    const key = `${d.name}/call`;
    let body = this.exprCache.get(key);
    if (!body) { body = this.inDef(d.name, () => this.expr(d.body)); this.exprCache.set(key, body); }
    return called(slots, args, body);
  }

  /**
   * Whether a function constructor is what `x` gives, applied `n` times more (`x` itself, or
   * through a definition, a LET, an IF or CASE branch, or an application of another that does):
   * where TLC evaluates `x` as a function to apply (OPCODE_fa, with KeepLazy), it leaves that
   * constructor a FcnLambdaValue. `lets`: the LET names in scope inside `x`, with their values.
   */
  private reachesConstructor(x: ir.Expr, n: number, lets: ReadonlyMap<string, ir.Expr> = NO_LETS): boolean {
    switch (x.kind) {
      case 'fn': return n === 0 || this.reachesConstructor(x.body, n - 1, lets);
      case 'apply': return this.reachesConstructor(x.fn, n + 1, lets);
      // Kept lazy, its updates with it, where each path begins with a key (not a record's field).
      case 'except': return x.updates.every((u) => u.path[0]!.kind === 'index') && this.reachesConstructor(x.fn, n, lets);
      case 'if': return this.reachesConstructor(x.then, n, lets) || this.reachesConstructor(x.else, n, lets);
      case 'case': return x.arms.some(([, v]) => this.reachesConstructor(v, n, lets)) || (!!x.other && this.reachesConstructor(x.other, n, lets));
      case 'let': return this.reachesConstructor(x.body, n, withLet(lets, x));
      case 'ref': {
        const value = lets.get(x.name) ?? this.letOf(x.name)?.value;
        if (value) return this.reachesConstructor(value, n, lets);
        const d = this.varIndex.has(x.name) ? undefined : this.defs.get(x.name);
        return !!d && !d.params.length && this.definitionReaches(d, n);
      }
      case 'call': { const d = this.defs.get(x.op); return !!d && this.definitionReaches(d, n); }
      // An EXCEPT's `@`, where its function is lazy: the element select gave, maybe lazy (applied at a key, `DOMAIN`, as the new value).
      case 'at': return this.atMayBeLazy;
      // An operator's parameter: its argument, where that gives a constructor (`Lazy.applied`, as deep as the body applies it).
      case 'bound': return this.parameterName(x.binder) !== undefined && n <= (this.argumentsMade().applied.get(x.binder.id) ?? 0);
      default: return false;
    }
  }
  /** The most applications, from `from` up to `to`, after which `x` still reaches a constructor (`from` where none does). */
  private deepestReach(x: ir.Expr, from: number, to: number): number {
    let n = to;
    while (n > from && !this.reachesConstructor(x, n)) n--;
    return n;
  }

  private definitionReaches(d: ir.Definition, n: number): boolean {
    const key = `${d.name}/${n}`;
    let r = this.reaches.get(key);
    if (r === undefined) this.reaches.set(key, r = this.reachesConstructor(d.body, n));
    return r;
  }

  /**
   * `f[a]` as TLC's OPCODE_fa takes it where f reaches a function constructor: f evaluated with
   * KeepLazy (`functionAt`), then a, then the constructor's body at a alone (FcnLambdaValue#apply),
   * so an error at another argument is not raised. `n`: how many applications the result is in
   * the function position of (`M[1][1]`: the inner one's result is applied once more).
   */
  private lazyApplication(x: Extract<ir.Expr, { kind: 'apply' }>, n = 0): FunctionAt {
    const compile = (): FunctionAt => {
      const f = this.functionAt(x.fn, n), a = this.expr(x.arg);
      return (e) => {
        const v = f(e), arg = a(e);
        return v instanceof LazyFunction ? v.apply(e, arg, n > 0) : apply(v, arg);
      };
    };
    // Only the outermost application begins a function position; an inner one is part of it.
    return n === 0 ? this.functionPosition(false, compile) : compile();
  }

  /** `f` compiling a new function position: no slot bound in it yet, its constructors entered as a step's formula or not. */
  private functionPosition<T>(enteredAsStep: boolean, f: () => T): T {
    const scope = this.lazyScope, entered = this.enteredAsStep;
    this.lazyScope = [];
    this.enteredAsStep = enteredAsStep;
    try { return f(); } finally { this.lazyScope = scope; this.enteredAsStep = entered; }
  }

  /**
   * `f[a]` as a formula of a step, f reaching a function constructor: TLC's getNextStates
   * (OPCODE_fa) evaluates f with KeepLazy and enters the constructor's body at a as a formula of
   * the step (`LazyFunction#enter`), the rest of the step inside it; a function it meets instead
   * is applied, the value a formula.
   */
  private enteredApplication(x: Extract<ir.Expr, { kind: 'apply' }>): Gen {
    return this.functionPosition(true, (): Gen => {
      // Where the function is, for TLC's message there: a name's own place, where a name it is.
      const name = x.fn.kind === 'ref' ? x.fn.name : x.fn.kind === 'bound' ? this.parameterName(x.fn.binder) : undefined;
      const fnAt = name === undefined ? this.located(x.fn.loc) : this.nextReference(name);
      const f = this.functionAt(x.fn, 0), a = this.expr(x.arg);
      return (e, k) => {
        const v = f(e);
        if (v instanceof LazyFunction) return v.enter(e, a(e), k, fnAt);
        if (boolValue(apply(v, a(e)), 'a formula in a conjunction')) k();
      };
    });
  }

  /**
   * `x` evaluated as a function about to be applied (KeepLazy): a constructor it reaches is a
   * LazyFunction, its body compiled to give one in turn where `n` more applications follow. Frames
   * and the definitions' references as `expr` has them.
   */
  private functionAt(x: ir.Expr, n: number, where?: TlaLocation): FunctionAt {
    if (!this.reachesConstructor(x, n)) return this.expr(x, where);
    const at = cannotFail(x, this.isValueName) ? undefined : where ?? this.located(x.loc);
    const f = () => this.functionBody(x, n, at) as Eval;
    return at ? this.framed(at, f) : f();
  }

  private functionBody(x: ir.Expr, n: number, at: TlaLocation | undefined): FunctionAt {
    switch (x.kind) {
      case 'fn': {
        const set = this.expr(x.set), s = this.slot(x.binder);
        // The body at one argument (itself lazy where the result is applied again), as a value (to
        // build the whole function for a message), and as a formula of a step where one enters it.
        const [body, value, steps] = this.sameCounts(
          () => (n ? this.boundLazily([s], () => this.functionAt(x.body, n - 1)) : this.expr(x.body)),
          () => (n ? this.expr(x.body) : undefined),
          () => (this.enteredAsStep ? this.flagged('splitting', false, () => this.gen(x.body)) : undefined),
        ) as [FunctionAt, Eval | undefined, Gen | undefined];
        const element = value ?? body as Eval;
        const bodyAt = this.located(x.body.loc), name = at && this.locs.fnBinder(at);
        const written = name && bodyAt ? { name, bodyAt } : undefined;
        const captured = [...this.lazyScope];
        return (e) => new LazyFunction(set(e), s, body, element, captured, captured.map((c) => e.b[c]), written, steps);
      }
      case 'apply': return this.lazyApplication(x, n + 1);
      case 'except': {
        // FcnLambdaValue#select for `@` along each path (undefined outside a domain: TLC warns and
        // takes no EXCEPT there), then takeExcept. Lazy as deep as the applications or a path reach:
        // select evaluates the body with the KeepLazy the function was made under, so the element
        // at a path's end stays lazy too, though the result is applied once; and so do the
        // elements of that `@` where the value applies it more than once (`@[j][1]`), as OPCODE_fa
        // applies `@` with KeepLazy.
        const deepest = this.deepestReach(x.fn, n, exceptDepth(x, n));
        const f = this.functionAt(x.fn, deepest), updates = this.exceptUpdates(x, true), updated = this.updated(updates);
        return (e) => {
          let result = f(e);
          if (!(result instanceof LazyFunction)) return updated(e, result);
          const savedAt = e.at;
          try {
            for (const u of updates) {
              e.at = savedAt; // a key's `@` is an enclosing EXCEPT's, not the update's before
              const keys = u.path.map((p) => p(e)), old = selectThrough(e, result, keys);
              if (old === undefined) continue;
              e.at = old;
              // `@` itself, kept as it is (TLC's takeExcept keeps the FcnLambdaValue `@` gave); any other value stored.
              result = result.except(keys, u.isAt && old instanceof LazyFunction ? old : toStored(u.value(e)));
            }
          } finally { e.at = savedAt; }
          return result;
        };
      }
      case 'if': return this.ifThenElse(x, at, (y, where) => this.functionAt(y, n, where));
      case 'case': return this.caseOf(x, at, (y, where) => this.functionAt(y, n, where));
      case 'let': return this.letIn(x, (s) => this.boundLazily([s], () => this.functionAt(x.body, n)));
      case 'ref': return this.definedFunction(x, n);
      case 'bound': return this.parameterRead(x.binder, true);
      case 'at': return exceptAt;
      case 'call': {
        const d = this.defs.get(x.op)!, args = x.args.map((a, i) => this.argument(a, d.params[i], this.enteredAsStep)), slots = d.params.map((p) => this.slot(p));
        return called(slots, args, this.inDef(d.name, () => this.boundLazily(slots, () => this.functionAt(d.body, n))));
      }
      default: throw new Error(`not a function position: ${x.kind}`);
    }
  }

  /**
   * Operator parameter `b` read, under its identifier's frame: its argument, left unevaluated
   * (`argument`), evaluated at this first use and kept — as TLC's LazyValue keeps what it gives
   * (LazyValue#getValue, KeepLazy ignored in its cache). `applied`: read as a function about to be
   * applied (KeepLazy), so the argument's constructor stays lazy, and a lazy function kept stays
   * so; read as a value, that is built.
   */
  private parameterRead(b: ir.Binder, applied: boolean): FunctionAt {
    const s = this.slot(b);
    const force = this.wrap((e) => {
      const v = e.b[s];
      if (v instanceof Lazy) return (applied && v.applied ? v.applied(e) : v.f(e)) as Value;
      return (v as LazyFunction<Env>).value(e);
    }, this.definitionFrame(this.parameterName(b)!));
    return (e) => {
      const v = e.b[s];
      if (!(v instanceof Lazy) && (applied || !(v instanceof LazyFunction))) return v as Value;
      const r = force(e);
      e.b[s] = r;
      return r;
    };
  }

  /**
   * Where `x` may hold a lazy function as it is — an operator's parameter whose function an
   * application kept lazy, an EXCEPT's `@` of a lazy function — what it holds, unbuilt; undefined
   * for any other expression.
   */
  private heldLazily(x: ir.Expr): ((e: Env) => unknown) | undefined {
    if (x.kind === 'bound' && this.parameterName(x.binder) !== undefined) { const s = this.slot(x.binder); return (e) => e.b[s]; }
    return x.kind === 'at' && this.atMayBeLazy ? (e) => e.at : undefined;
  }

  /**
   * A LET name or a definition without parameters reaching a constructor, with its frame as
   * `ref` gives it. A LET name is evaluated again, though used before as a value: TLC gives the
   * lazy function's answer there (checked on TLC: "LazyLetUsedBefore" in compiled-errors; unlike an
   * operator's parameter, whose lazy function it keeps). Not a definition that reads no
   * state and builds: TLC evaluates that one at start-up (SpecProcessor#processConstantDefns), a
   * stored function.
   */
  private definedFunction(x: Extract<ir.Expr, { kind: 'ref' }>, n: number): FunctionAt {
    const let_ = this.letOf(x.name);
    if (let_) return this.wrap(this.functionAt(let_.value, n) as Eval, this.definitionFrame(x.name));
    const d = this.defs.get(x.name)!;
    if (this.free?.of(x)?.size === 0 && this.valueNow(x, this.definitionBody(d)) !== undefined) return this.ref(x.name);
    return this.wrap(this.inDef(d.name, () => this.functionAt(d.body, n)) as Eval, this.definitionFrame(x.name));
  }

  /** `f` compiled with `slots` bound between a constructor it reaches and the application: a LazyFunction made there keeps their values. */
  private boundLazily<T>(slots: readonly number[], f: () => T): T {
    const saved = this.lazyScope;
    this.lazyScope = [...saved, ...slots];
    try { return f(); } finally { this.lazyScope = saved; }
  }

  private int(x: ir.Expr): (e: Env) => number {
    const f = this.expr(x);
    return (e) => {
      const v = f(e);
      if (typeof v !== 'number') fail(`Attempted to use the non-integer ${show(v)} as an integer.`);
      return v;
    };
  }

  private builtin(x: Extract<ir.Expr, { kind: 'builtin' }>): Eval {
    const args = x.args.map((a) => this.expr(a));
    const [a, b, c] = args;
    const seq = (v: Value, op: string): readonly Value[] => {
      if (v instanceof TupleValue) return v.elems;
      return fail(`Attempted to apply ${op} to a value that is not a sequence:\n${show(v)}`);
    };
    switch (x.op) {
      case 'Cardinality': return (e) => elements(a!(e)).length;
      case 'Len': return (e) => seq(a!(e), 'Len').length;
      case 'Head': return (e) => { const s = seq(a!(e), 'Head'); return s.length ? s[0]! : fail('Attempted to apply Head to the empty sequence.'); };
      case 'Tail': return (e) => { const s = seq(a!(e), 'Tail'); return s.length ? new TupleValue(s.slice(1)) : fail('Attempted to apply Tail to the empty sequence.'); };
      case 'Append': return (e) => new TupleValue([...seq(a!(e), 'Append'), toStored(b!(e))]);
      case 'SubSeq': return (e) => {
        const s = seq(a!(e), 'SubSeq'), m = b!(e) as number, n = c!(e) as number;
        if (m > n) return new TupleValue([]);
        if (m < 1 || n > s.length) fail(`The second argument of SubSeq must be in the domain of its first argument:\n${show(new TupleValue(s))}\nbut instead it is\n${m}`);
        return new TupleValue(s.slice(m - 1, n));
      };
      case 'Seq': return (e) => new SeqSetValue(a!(e));
      case 'DOMAIN': {
        // Of a lazy function held as it is: its domain, the function not built (FcnLambdaValue#getDomain).
        const held = this.heldLazily(x.args[0]!);
        if (held) return (e) => { const v = held(e); return v instanceof LazyFunction ? v.domain : domainOf(a!(e)); };
        return (e) => domainOf(a!(e));
      }
      case 'SUBSET': return (e) => new SubsetValue(a!(e));
      case 'UNION': return (e) => SetValue.of(elements(a!(e)).flatMap((s) => [...elements(s)]));
      case 'Permutations': case 'ENABLED': case '[]': case '<>':
        throw new Unsupported(`${x.op} (temporal or symmetry operators are not evaluated as expressions)`);
    }
  }

  private infix(x: Extract<ir.Expr, { kind: 'infix' }>): Eval {
    // Each operand is compiled once: as an integer for INT_OPS, as a boolean for => and <=>, else
    // as a value (compiling it as a value as well doubled the work at every level of nesting).
    if (isIntOp(x.op)) {
      const op: (p: number, q: number) => Value = INT_OPS[x.op];
      const p = this.int(x.left), q = this.int(x.right);
      return (e) => op(p(e), q(e));
    }
    if (x.op === '=>') {
      const p = this.bool(x.left, 'the first argument of =>'), q = this.bool(x.right, 'the second argument of =>');
      return (e) => !p(e) || q(e);
    }
    if (x.op === '<=>') {
      const p = this.bool(x.left, 'an argument of <=>'), q = this.bool(x.right, 'an argument of <=>');
      return (e) => p(e) === q(e);
    }
    const a = this.expr(x.left), b = this.expr(x.right);
    switch (x.op) {
      case '=': return (e) => equals(a(e), b(e));
      case '#': return (e) => !equals(a(e), b(e));
      case '\\in': return (e) => member(a(e), b(e));
      case '\\notin': return (e) => !member(a(e), b(e));
      case '\\cup': return (e) => SetValue.of([...elements(a(e)), ...elements(b(e))]);
      case '\\cap': return (e) => { const q = b(e); return new SetValue(elements(a(e)).filter((v) => member(v, q))); };
      case '\\': return (e) => { const q = b(e); return new SetValue(elements(a(e)).filter((v) => !member(v, q))); };
      case '\\subseteq': return (e) => { const q = b(e); return elements(a(e)).every((v) => member(v, q)); };
      case ':>': return (e) => makeFn([toStored(a(e))], [toStored(b(e))]);
      case '@@': return (e) => {
        const f = fnParts(a(e)), g = fnParts(b(e));
        const dom = [...f.dom], vals = [...f.vals];
        g.dom.forEach((d, i) => { if (!dom.some((x) => equals(x, d))) { dom.push(d); vals.push(g.vals[i]!); } });
        return makeFn(dom, vals);
      };
      case '\\o': return (e) => {
        const p = a(e), q = b(e);
        if (!(p instanceof TupleValue) || !(q instanceof TupleValue)) return fail('Attempted to concatenate values that are not sequences.');
        return new TupleValue([...p.elems, ...q.elems]);
      };
      case '~>': throw new Unsupported('temporal formulas (~>)');
    }
  }

  private except(x: Extract<ir.Expr, { kind: 'except' }>): Eval {
    const f = this.expr(x.fn);
    const updated = this.updated(this.exceptUpdates(x));
    return (e) => updated(e, f(e));
  }

  /** Each update of EXCEPT `x`, its path's keys and its value compiled; `ofLazy`: `x` is of a lazy function (`atMayBeLazy`). */
  private exceptUpdates(x: Extract<ir.Expr, { kind: 'except' }>, ofLazy = false): ExceptUpdates {
    return x.updates.map((u) => ({
      path: u.path.map((p): ((e: Env) => Value) => p.kind === 'field' ? (() => p.name) : this.expr(p.key)),
      value: this.flagged('atMayBeLazy', ofLazy, () => this.expr(u.value)),
      isAt: u.value.kind === 'at',
    }));
  }

  /** A value with `updates` taken, as TLC's OPCODE_exc takes them: each key, then the value there (`@`), then the new one. */
  private updated(updates: ExceptUpdates): (e: Env, f: Value) => Value {
    const one = updates.length === 1 && updates[0]!.path.length === 1 ? updates[0]! : undefined;
    if (one) {
      // `[f EXCEPT ![k] = v]`, the common case: no path arrays.
      const key = one.path[0]!, value = one.value;
      return (e, result) => {
        const k = key(e);
        const old = select(result, k);
        if (old === undefined) return result; // TLC warns and leaves the function as it is
        const savedAt = e.at;
        e.at = old;
        try {
          const v = toStored(value(e));
          // The very value it had: the function itself, not an equal copy (the state keeps its id unlooked-up).
          return v === old ? result : replaceAt(result, k, v);
        } finally { e.at = savedAt; }
      };
    }
    return (e, result) => {
      const savedAt = e.at;
      try {
        for (const u of updates) {
          e.at = savedAt; // a key's `@` is an enclosing EXCEPT's, not the update's before
          const keys = u.path.map((p) => p(e));
          const old = selectThrough(e, result, keys);
          if (old === undefined) continue; // TLC warns and leaves the function as it is
          e.at = old;
          result = replacePath(result, keys, 0, toStored(u.value(e)));
        }
      } finally { e.at = savedAt; }
      return result;
    };
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

/**
 * A conjunct that cannot branch: `run` returns false to prune (assignments push on `e.undo`);
 * `frames` gives what TLC has on its stack of it while it goes on; `assigns`, the variables it leaves assigned.
 */
interface DetStep { readonly run: Eval; readonly frames: () => readonly TlaLocation[]; readonly assigns: readonly number[] }
/** `below(at)`, the frames inside `at`, is worked out only if an error needs them (an UNCHANGED's, from the text, cost a millisecond a compile). */
const stepOf = (run: Eval, at: TlaLocation | undefined, assigns: readonly number[], below: (at: TlaLocation) => readonly TlaLocation[] = () => []): DetStep =>
  // `frames` a method, not an arrow: tsx names each arrow function held by a name as it is made;
  // naming took about a tenth of a compile, this one (made for every step) the most of it.
  ({ run, frames() { return at ? [at, ...below(at)] : []; }, assigns });

/** A fault of this compiler, not the model's: a plain Error, which keeps its JavaScript stack (an EvalError has none). */
function bug(message: string): never {
  throw new Error(message);
}

/** `g` as one of TLC's actions (`asPredicate`): each run counted in `Env.entered`. */
function counted(g: Gen): Gen {
  return (e, k) => { e.entered++; g(e, k); };
}

/** `g`, its steps named by `action` (and, when given, with `args` as their arguments). */
function stepsNamed(g: Gen, action: ActionInfo, args?: readonly Value[]): Gen {
  return (e, k) => {
    const prev = e.action, prevArgs = e.args;
    e.action = action;
    if (args) e.args = args;
    try { g(e, k); } finally { e.action = prev; e.args = prevArgs; }
  };
}

/** `next`, whose errors raised in judging a successor (in `k`) carry none of the action's frames: TLC judges it after the step. */
function stepped(next: Gen): Gen {
  return (e, k) => next(e, () => {
    try { k(); } catch (err) { if (err instanceof EvalError) err.afterStep = true; throw err; }
  });
}

/** The bullet of a junction list as printed: `/\\` or `\\/`. */
const bullet = (x: ir.Expr) => (x.kind === 'and' ? '/\\' : '\\/');

const sameRange = (a: TlaLocation | undefined, b: TlaLocation | undefined) => !!a && !!b && sameSpan(a, b);

/** Every variable of the step being generated has its next value. */
function allAssigned(e: Env): boolean {
  const n = e.n;
  for (let i = 0; i < n.length; i++) if (n[i] === undefined) return false;
  return true;
}

/**
 * `p`, then `rest` for each way `p` succeeds. The continuation handed to `p` is made once, not per
 * call: the call's env and continuation live beside it, saved and restored around each call, so a
 * use nested in another's continuation (a definition's formula used twice) keeps its own.
 */
function andThen(p: Gen, test: Eval | undefined, rest: Gen | undefined): Gen {
  if (!rest) return test ? (e, k) => { if (!allAssigned(e)) p(e, k); else if (test(e) === true) k(); } : p;
  let env: Env | undefined, k: () => void = noop;
  const next = () => rest(env!, k);
  return (e, callK) => {
    // Every variable assigned: the conjunct is a test, and the rest goes on once if it holds.
    if (test && allAssigned(e)) { if (test(e) === true) rest(e, callK); return; }
    const outerEnv = env, outerK = k;
    env = e; k = callK;
    try { p(e, next); } finally { env = outerEnv; k = outerK; }
  };
}

/** Deterministic steps in order; if all hold, `then` (the conjuncts after them) or, at the end of a conjunction, `k`, once; assignments are undone after. */
function detBlock(list: readonly DetStep[], then: Gen | undefined): Gen {
  const n = list.length;
  const steps = list.map((s) => s.run);
  return (e, k) => {
    const mark = e.undo.length;
    let i = 0;
    try {
      for (; i < n; i++) if (steps[i]!(e) !== true) return;
      if (then) then(e, k); else k();
    } catch (err) {
      if (err instanceof EvalError && !(i === n && err.afterStep)) err.frames.unshift(...nestedFrames(list, i, e, mark));
      throw err;
    } finally {
      const u = e.undo;
      while (u.length > mark) {
        const x = u.pop()!;
        if (typeof x === 'number') e.n[x] = undefined;
        else for (let j = 0; j < x.length; j++) e.n[x[j]!] = undefined;
      }
    }
  };
}

/**
 * The frames of `list`'s first `done` steps that TLC still has on its stack when what follows
 * them fails: those begun before every variable was assigned (see `wrapGen`). Which were is
 * worked out from the variables assigned now: `e.undo` from `mark` holds the block's own.
 */
function nestedFrames(list: readonly DetStep[], done: number, e: Env, mark: number): TlaLocation[] {
  const assigned = e.n.map((v) => v !== undefined);
  for (let u = mark; u < e.undo.length; u++) {
    const x = e.undo[u]!;
    for (const i of typeof x === 'number' ? [x] : x) assigned[i] = false;
  }
  const frames: TlaLocation[] = [];
  for (let s = 0; s < done; s++) {
    const { frames: own, assigns } = list[s]!;
    if (!assigned.every(Boolean)) frames.push(...own());
    for (const i of assigns) assigned[i] = true;
  }
  return frames;
}

/** UNCHANGED past its first variable already assigned (at `idx[j]`): the ones it set before are undone one by one, and the rest checked or set as they come. */
function unchangedFrom(e: Env, idx: readonly number[], j: number): boolean {
  for (let m = 0; m < j; m++) e.undo.push(idx[m]!);
  for (let m = j; m < idx.length; m++) {
    const i = idx[m]!, cur = e.n[i];
    if (cur === undefined) { e.n[i] = e.s[i]; e.undo.push(i); } else if (!equals(cur, e.s[i]!)) return false;
  }
  return true;
}

/** The infix operators that take two integers (arithmetic, comparisons, `..`), each as TLC evaluates it. */
const INT_OPS = {
  '<': (p, q) => p < q,
  '<=': (p, q) => p <= q,
  '>': (p, q) => p > q,
  '>=': (p, q) => p >= q,
  '+': (p, q) => checked(p + q),
  '-': (p, q) => checked(p - q),
  '*': (p, q) => checked(p * q),
  '\\div': (p, q) => q === 0 ? fail('The second argument of \\div is 0.') : Math.floor(p / q),
  '%': (p, q) => q <= 0 ? fail(`The second argument of % should be a positive number, but instead it is:\n${q}`) : ((p % q) + q) % q,
  '..': (p, q) => new IntervalValue(p, q),
} satisfies Partial<Record<ir.InfixOp, (p: number, q: number) => Value>>;
const isIntOp = (op: ir.InfixOp): op is keyof typeof INT_OPS => Object.hasOwn(INT_OPS, op);

function checked(n: number): number {
  if (n > 2147483647 || n < -2147483648) fail('Overflow: the result of an integer operation is outside -2^31..2^31-1.');
  return n;
}

function kindOf(v: Value): string {
  if (typeof v === 'number') return 'integer';
  if (typeof v === 'string') return 'string';
  if (v instanceof ModelValue) return 'model value';
  if (isSetLike(v)) return 'set';
  return 'function';
}

function constantValue(name: string, v: ir.ConstantValue): Value {
  switch (v.kind) {
    case 'modelValues': return SetValue.of(v.names.map((n) => ModelValue.of(n)));
    case 'modelValue': return ModelValue.of(name);
    case 'int': return v.value;
    case 'str': return v.value;
    case 'bool': return v.value;
  }
}

/** The name `x` primes on its left, when it is `v' op e` (an assignment when `op` is `=` or `\\in`). */
function primedName(x: ir.Expr): string | undefined {
  return x.kind === 'infix' && x.left.kind === 'prime' && x.left.operand.kind === 'ref' ? x.left.operand.name : undefined;
}

/** Whether `v` (a value computed at compile time, if any) is an empty set. */
function isEmptySet(v: Value | undefined): boolean {
  return (v instanceof SetValue && v.elems.length === 0) || (v instanceof IntervalValue && v.lo > v.hi);
}

function allDone(): ir.Expr {
  const p: ir.Binder = { id: -1, hint: 'p' };
  return { kind: 'quant', quantifier: '\\A', binder: p, set: { kind: 'ref', name: 'ProcSet' }, body: { kind: 'infix', op: '=', left: { kind: 'apply', fn: { kind: 'ref', name: 'pc' }, arg: { kind: 'bound', binder: p } }, right: { kind: 'str', value: 'Done' } } };
}

function fnParts(v: Value): { dom: readonly Value[]; vals: readonly Value[] } {
  if (v instanceof FnValue) return v;
  if (v instanceof TupleValue) return { dom: v.elems.map((_, i) => i + 1), vals: v.elems };
  if (v instanceof RecordValue) return { dom: v.names, vals: v.vals };
  return fail(`A non-function (${kindOf(v)}) was applied as a function.\n${show(v)}`);
}

function domainOf(v: Value): Value {
  if (v instanceof TupleValue) return new IntervalValue(1, v.elems.length);
  if (v instanceof RecordValue) return SetValue.of([...v.names]);
  if (v instanceof FnValue) return new SetValue(v.dom);
  return fail(`Attempted to compute the domain of a non-function:\n${show(v)}`);
}

/** `f[x]`, or undefined when x is outside the domain. */
function select(f: Value, x: Value): Value | undefined {
  if (f instanceof TupleValue) {
    if (typeof x !== 'number') return x instanceof ModelValue ? undefined : fail(`Attempted to apply tuple\n${show(f)}\nto the non-integer argument ${show(x)}`);
    return x >= 1 && x <= f.elems.length ? f.elems[x - 1] : undefined;
  }
  if (f instanceof RecordValue) {
    if (typeof x !== 'string') return undefined;
    const i = f.names.indexOf(x);
    return i < 0 ? undefined : f.vals[i];
  }
  if (f instanceof FnValue) {
    const d = f.dom;
    for (let i = 0; i < d.length; i++) if (equals(d[i]!, x)) return f.vals[i];
    return undefined;
  }
  return fail(`A non-function (${kindOf(f)}) was applied as a function.\n${show(f)}`);
}

function apply(f: Value, x: Value): Value {
  // TLC's TupleValue#apply (tlaplus master; 1.7 words both otherwise).
  if (f instanceof TupleValue) {
    if (typeof x !== 'number') return fail(`Attempted to access tuple at a non integral index: ${show(x)}`);
    if (x < 1 || x > f.elems.length) fail(`Attempted to access index ${x} of tuple\n${show(f)}\nwhich is out of bounds.`);
    return f.elems[x - 1]!;
  }
  const r = select(f, x);
  if (r === undefined) fail(`Attempted to apply function:\n${show(f)}\nto argument ${show(x)}, which is not in the domain of the function.`);
  return r;
}

/** `r.name` as TLC's RcdSelect evaluates it (tlaplus master): a record's field, else the value as a function applied to the name. */
function selectField(r: Value, name: string, at: TlaLocation | undefined): Value {
  if (r instanceof RecordValue) {
    const i = r.names.indexOf(name);
    return i < 0 ? failPlaced(`Attempted to select nonexistent field "${name}" from the record\n${show(r)}`, at) : r.vals[i]!;
  }
  // A tuple becomes a function with an integer domain (TLC's FcnRcdValue over an interval).
  if (r instanceof TupleValue) return fail(`Attempted to apply function with integer domain to the non-integer argument ${show(name)}`);
  if (r instanceof FnValue) return apply(r, name);
  return failPlaced(`Attempted to select field "${name}" from a non-record value ${show(r)}`, at);
}

/**
 * `f` at path `keys` for an EXCEPT's `@`, undefined outside a domain. Through a lazy function,
 * FcnLambdaValue#select at each level, which evaluates the body with the KeepLazy it was made
 * under: a constructor there is left lazy, the last one too (built only where `@` is read).
 */
function selectThrough(e: Env, f: Value | LazyFunction<Env>, keys: readonly Value[]): Value | LazyFunction<Env> | undefined {
  let cur: Value | LazyFunction<Env> | undefined = f;
  for (let i = 0; i < keys.length && cur !== undefined; i++) cur = cur instanceof LazyFunction ? cur.select(e, keys[i]!) : select(cur, keys[i]!);
  return cur;
}
