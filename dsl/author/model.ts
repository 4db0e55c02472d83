import type * as ir from '../ir/nodes.js';
import { callSite } from './callsite.js';
import { atomSort, binder, exceptUpdates, lift, mk, ref, TExpr, Var, type ExprLike, type PathUpdates } from './expr.js';
import { sorts, t, type ActionSort, type AtomSort, type BoolSort, type EnumSort, type IntSort, type SetSort, type Sort, type TemporalSort } from './sorts.js';
import { makeCall, makeLocals, selfOf, type Locals, type LocalSpecs, type MutexRef, type ProcedureHandle, type Stmt } from './process.js';

export { Var } from './expr.js';

/** One conjunct of an action, in the order written. */
export type Item = ir.ActionItem;

/** Guard: the action is enabled only when `cond` holds. */
export function when(cond: ExprLike<BoolSort>): Item {
  const loc = callSite();
  return { kind: 'guard', cond: lift(cond, sorts.BOOL).node, loc };
}
/** `v' = value` */
export function set<S extends Sort>(v: Var<S>, value: ExprLike<S>): Item {
  const loc = callSite();
  return { kind: 'assign', variable: v.name, value: lift(value, v.sort).node, loc };
}
/** `v' = [v EXCEPT !path = value, ...]`, e.g. `update(owner, (p) => p.at(cpu).to(self))`. */
export function update<S extends Sort>(v: Var<S>, updates: PathUpdates<S>): Item {
  const loc = callSite();
  return { kind: 'assign', variable: v.name, value: { kind: 'except', fn: v.node, updates: exceptUpdates(v.sort, updates), loc }, loc };
}
/** `\E x \in set : items(x)`: a nondeterministic choice. */
export function pick<E extends Sort>(setExpr: TExpr<SetSort<E>>, items: (x: TExpr<E>) => Item[]): Item {
  const loc = callSite();
  const b = binder(/^\s*\(?\s*([A-Za-z_]\w*)/.exec(items.toString())?.[1] ?? 'x');
  return { kind: 'with', binder: b, set: setExpr.node, body: items(new TExpr<E>({ kind: 'bound', binder: b }, setExpr.sort.elem)), loc };
}
/** `\/` of alternatives; each is a list of items. Variables an alternative leaves alone stay unchanged. */
export function either(...alts: Item[][]): Item {
  return { kind: 'either', alts, loc: callSite() };
}

export type Fairness = 'none' | 'weak' | 'strong';
type ParamSets = { readonly [name: string]: TExpr<SetSort<Sort>> };
type ParamVals<P extends ParamSets> = { [K in keyof P]: P[K] extends TExpr<SetSort<infer E>> ? TExpr<E> : never };
type ParamArgs<P extends ParamSets> = { [K in keyof P]: P[K] extends TExpr<SetSort<infer E>> ? ExprLike<E> : never };

export interface ActionHandle<P extends ParamSets> {
  readonly name: string;
  /** The action as an expression (for `ENABLED`, or another action's body). */
  (args: ParamArgs<P>): TExpr<ActionSort>;
}
export interface DefHandle { readonly name: string }

/** An instance's definitions, qualified: `name!def`. */
export interface InstanceHandle {
  readonly name: string;
  /** `name!Spec`: the other model's specification under the mapping (a property: this model refines it). */
  spec(): TExpr<TemporalSort>;
  /** `name!def`, a temporal formula of the other model (e.g. one of its properties). */
  temporal(def: string): TExpr<TemporalSort>;
  /** `name!def`, a state predicate of the other model (e.g. `Init`, an invariant). */
  predicate(def: string): TExpr<BoolSort>;
  /** `name!def`, an action of the other model without parameters (e.g. `Next`). */
  action(def: string): TExpr<ActionSort>;
}

export interface ProcessOptions<L extends LocalSpecs> {
  readonly locals?: L;
  /** Fairness of the process's steps: `WF_vars(name(self))` (`weak`) or `SF_vars` (`strong`) for each id. */
  readonly fairness?: Fairness;
  /** Labels left out of that fairness (PlusCal's `l:-`, e.g. a non-critical section): `WF_vars((pc[self] # "ncs") /\ name(self))`. */
  readonly unfair?: readonly string[];
}

export type ConstantValueInput = number | string | boolean | readonly string[] | { readonly modelValue: true };

export interface ConfigInput {
  /** The specification checked (`SPECIFICATION`): one declared with `m.spec`; default `Spec`, with the fairness declared on actions and processes. */
  readonly spec?: string | DefHandle;
  /** Values for every CONSTANT: `['c1', 'c2']` for a model-value set, `{ modelValue: true }` for one model value. */
  readonly constants?: { readonly [name: string]: ConstantValueInput };
  /** Defaults to every invariant the model declares. */
  readonly invariants?: readonly (string | DefHandle)[];
  readonly properties?: readonly (string | DefHandle)[];
  readonly constraints?: readonly (string | DefHandle)[];
  /** Covers (`m.cover`) that must be reached; defaults to every cover the model declares. */
  readonly covers?: readonly (string | DefHandle)[];
  /** Model-value set constants whose elements are interchangeable (TLC's SYMMETRY). */
  readonly symmetry?: readonly TExpr<SetSort<Sort>>[];
  readonly checkDeadlock?: boolean;
  /** What checking this config should find; anything else fails `npm run check`. Default: pass. */
  readonly expect?: 'pass' | 'deadlock' | { readonly violates: string | DefHandle };
  readonly doc?: string;
}

/**
 * Collects one module's declarations as IR. The model file calls it once, inside `model(...)`;
 * every declaration records the DSL line it was written on.
 */
export class ModelBuilder {
  /** The `CONSTANT`s declared so far, as IR. */
  readonly constants: ir.ConstantDecl[] = [];
  /** The `VARIABLE`s declared so far (mutexes included), as IR. */
  readonly variables: ir.VariableDecl[] = [];
  /** The definitions declared so far (helpers, invariants, properties, constraints), as IR. */
  readonly definitions: ir.Definition[] = [];
  /** The actions declared so far, as IR; `Next` is their disjunction. */
  readonly actions: ir.ActionDecl[] = [];
  /** Not filled by the builder (always empty): `model(...)` takes the configs from `resolveConfigs()`. */
  readonly configs: ir.Config[] = [];
  /** The processes declared so far, as IR (lowered to pc-encoded actions). */
  readonly processes: ir.ProcessDecl[] = [];
  /** The procedures declared so far, as IR. */
  readonly procedures: ir.ProcedureDecl[] = [];
  /** The named specifications declared so far (besides `Spec`), as IR. */
  readonly specs: ir.SpecDecl[] = [];
  /** Fairness formulas `m.fairness` added to `Spec`, as IR. */
  readonly specFairness: ir.Expr[] = [];
  /** The other models instantiated so far (`m.instance`), as IR. */
  readonly instances: ir.InstanceDecl[] = [];
  private readonly configInputs: { input: ConfigInput; name: string; loc: ir.SourceLoc }[] = [];

  /** `CONSTANT N` holding a set of model values, e.g. the CPUs. */
  modelValues<const N extends string>(name: N): TExpr<SetSort<AtomSort<N>>> {
    this.constants.push({ name, kind: 'modelValues', loc: callSite() });
    return ref(name, t.set(atomSort(name, { kind: 'ref', name })));
  }
  /**
   * `CONSTANT name`, one model value of the same family as `of`, e.g. `NoCpu` beside `CPUS`.
   * `auto`: every config sets it to itself, so configs need not mention it.
   */
  modelValue<N extends string>(name: string, of: TExpr<SetSort<AtomSort<N>>>, opts: { auto?: boolean } = {}): TExpr<AtomSort<N>> {
    this.constants.push({ name, kind: 'modelValue', loc: callSite(), ...(opts.auto ? { auto: true } : {}) });
    return ref(name, of.sort.elem);
  }
  /** `CONSTANT name`, an integer given per config. */
  intConstant(name: string): TExpr<IntSort> {
    this.constants.push({ name, kind: 'value', loc: callSite() });
    return ref(name, t.int(0, 0));
  }

  /**
   * `VARIABLE name` with `Init` saying `name = init` and `TypeOK` saying `name` is in `sort`.
   * Returns the variable, to read in expressions and assign with `set`/`update`.
   * @example `const count = m.variable('count', t.int(0, 3), 0);`
   */
  variable<S extends Sort>(name: string, sort: S, init: ExprLike<S>): Var<S> {
    const loc = callSite();
    this.variables.push({ name, sort: sort.node, init: lift(init, sort).node, loc });
    return new Var(name, sort);
  }

  /** A variable whose initial value is any element of `initial` (`Init` says `name \in initial`). */
  variableIn<S extends Sort>(name: string, sort: S, initial: TExpr<SetSort<S>>): Var<S> {
    const loc = callSite();
    this.variables.push({ name, sort: sort.node, init: initial.node, initSet: initial.node, loc });
    return new Var(name, sort);
  }

  /**
   * A named definition without parameters: `name == body`, referred to by name. An action body
   * (e.g. `or(InitiateProbe({}), exists(others, (i) => PassToken({ i })))`) is printed after the
   * actions it names, and is itself an action (for `wf`, `enabled`).
   */
  define<S extends Sort>(name: string, body: TExpr<S>, doc?: string): TExpr<S> {
    this.definitions.push({ name, params: [], body: body.node, role: body.sort.kind === 'action' ? 'action' : 'helper', loc: callSite(), ...(doc ? { doc } : {}) });
    return ref(name, body.sort);
  }
  /** A named operator with parameters: `name(a, b) == body`. Returns a typed caller. */
  defineOp<P extends ParamSets, S extends Sort>(name: string, params: P, body: (args: ParamVals<P>) => TExpr<S>, doc?: string): (args: ParamArgs<P>) => TExpr<S> {
    const loc = callSite();
    const { binders, vals } = bindParams(params);
    const b = body(vals);
    this.definitions.push({ name, params: binders.map((p) => p.binder), body: b.node, role: 'helper', loc, ...(doc ? { doc } : {}) });
    return (args) => mk({ kind: 'call', op: name, args: Object.keys(params).map((k) => lift(args[k] as ExprLike<Sort>, params[k]!.sort.elem).node) }, b.sort);
  }

  /**
   * `name == body`, a state predicate every config checks as an `INVARIANT` unless it lists its own.
   * @example `m.invariant('NoLostUpdate', le(count, 2));`
   */
  invariant(name: string, body: ExprLike<BoolSort>, doc?: string): DefHandle {
    return this.named(name, lift(body, sorts.BOOL).node, 'invariant', doc);
  }
  /**
   * `name == body`, a temporal formula a config checks when it lists it under `properties` (`PROPERTY`).
   * @example `m.property('Progress', leadsTo(eq(phase, 'wait'), eq(phase, 'done')));`
   */
  property(name: string, body: TExpr<TemporalSort>, doc?: string): DefHandle {
    return this.named(name, body.node, 'property', doc);
  }
  /**
   * `ASSUME name == cond` (`ASSUME cond` without a name): a formula over constants that must hold
   * for the spec to make sense, e.g. `m.assume('EnoughSlots', ge(N, 1))`. Every checker evaluates
   * it once, before the search; a false one stops the check with an error at its line.
   */
  assume(name: string, cond: ExprLike<BoolSort>): void;
  assume(cond: ExprLike<BoolSort>): void;
  assume(a: string | ExprLike<BoolSort>, b?: ExprLike<BoolSort>): void {
    const [name, cond] = b === undefined ? ['', a as ExprLike<BoolSort>] : [a as string, b];
    this.definitions.push({ name, params: [], body: lift(cond, sorts.BOOL).node, role: 'assumption', loc: callSite() });
  }
  /**
   * `name == condition`, a situation some reachable state must reach (a cover property, as in
   * hardware verification): every config checks it unless it lists its own `covers`, reports it
   * reached — with a shortest witness trace — or not, and an unreached cover fails the config
   * at this line. It guards a passing verdict against a model that never gets where the bug
   * would be.
   * @example `m.cover('BothWaiting', and(eq(phase.at('t1'), 'wait'), eq(phase.at('t2'), 'wait')));`
   */
  cover(name: string, condition: ExprLike<BoolSort>, doc?: string): DefHandle {
    return this.named(name, lift(condition, sorts.BOOL).node, 'cover', doc);
  }
  /** A state constraint: TLC does not explore past states where it is false. */
  constraint(name: string, body: ExprLike<BoolSort>, doc?: string): DefHandle {
    return this.named(name, lift(body, sorts.BOOL).node, 'constraint', doc);
  }

  /**
   * A named specification, `name == Init /\ [][Next]_vars /\ fairness…`, that a config may
   * choose (`spec:`) instead of `Spec`: e.g. the same model without fairness, or with
   * `wf(m.next())`. Specs differ only in fairness.
   * @example `const fair = m.spec('FairSystem', { fairness: [wf(System)] });`
   */
  spec(name: string, opts: { fairness?: readonly TExpr<TemporalSort>[]; doc?: string } = {}): DefHandle {
    this.specs.push({ name, fairness: (opts.fairness ?? []).map((f) => f.node), loc: callSite(), ...(opts.doc ? { doc: opts.doc } : {}) });
    return { name };
  }
  /**
   * Fairness conjoined to `Spec` beside what actions and processes declare, e.g. weak fairness
   * of a named action formula: `m.fairness(wf(System))` gives `Spec == Init /\ [][Next]_vars /\ WF_vars(System)`.
   */
  fairness(...formulas: readonly TExpr<TemporalSort>[]): void {
    const loc = callSite();
    this.specFairness.push(...formulas.map((f) => ({ ...f.node, loc: f.node.loc ?? loc })));
  }
  /**
   * `name == INSTANCE Other WITH p <- e, …`: the module of `other` (another model) with its
   * constants and variables mapped to expressions of this one (`with`; a name not given maps to
   * the same-named constant or variable here). A property `m.property('Refines', inst.spec())`
   * (`Refines == name!Spec`) then checks that this model implements `other`: its Init, every step
   * as a step of `other`'s Next or a stutter, and its fairness.
   * @example `const TD = m.instance('TD', syncTerminationDetection, { terminationDetected });`
   */
  instance(name: string, other: { readonly module: ir.Module }, substitutions: { readonly [param: string]: { readonly node: ir.Expr } } = {}): InstanceHandle {
    const loc = callSite();
    this.instances.push({ name, module: other.module, with: Object.entries(substitutions).map(([p, e]) => [p, e.node] as const), loc });
    const q = (def: string) => `${name}!${def}`;
    return {
      name,
      spec: () => mk({ kind: 'ref', name: q('Spec') }, sorts.TEMPORAL),
      temporal: (def) => mk({ kind: 'ref', name: q(def) }, sorts.TEMPORAL),
      predicate: (def) => mk({ kind: 'ref', name: q(def) }, sorts.BOOL),
      action: (def) => mk({ kind: 'ref', name: q(def) }, sorts.ACTION),
    };
  }
  /** `Next`, the disjunction of every action and process step, as an action (e.g. `wf(m.next())`). */
  next(): TExpr<ActionSort> {
    return mk({ kind: 'ref', name: 'Next' }, sorts.ACTION);
  }
  /** Every step of process `name` run by `id`, as one action (`name(id)`): for fairness, e.g. `wf(and(neq(m.pc(self), 'ncs'), m.steps('P', self)))`. */
  steps(name: string, id: TExpr<AtomSort<string>>): TExpr<ActionSort> {
    return mk({ kind: 'call', op: name, args: [id.node] }, sorts.ACTION);
  }

  /** `name(params) == /\ items...` with `UNCHANGED` for every variable it leaves alone. */
  action<P extends ParamSets>(name: string, params: P, body: (args: ParamVals<P>) => Item[], opts: { fairness?: Fairness; doc?: string } = {}): ActionHandle<P> {
    const loc = callSite();
    const { binders, vals } = bindParams(params);
    this.actions.push({ name, params: binders, body: body(vals), fairness: opts.fairness ?? 'none', loc, ...(opts.doc ? { doc: opts.doc } : {}) });
    const handle = (args: ParamArgs<P>) => mk({ kind: 'call', op: name, args: Object.keys(params).map((k) => lift(args[k] as ExprLike<Sort>, params[k]!.sort.elem).node) }, sorts.ACTION);
    Object.defineProperty(handle, 'name', { value: name });
    return handle as ActionHandle<P>;
  }

  /**
   * A process running `body` once per id in `ids` (a model-value set), or as the single id
   * `ids` (a name: declared as a model value for you). Statements between two labels form one
   * atomic step, the TLA+ action `<name>_<label>(self)`. Returns the single id (as an
   * expression, e.g. for `m.pc(id)`), or the id set it was given.
   */
  process<const N extends string, L extends LocalSpecs = {}>(
    name: string, ids: N, opts: ProcessOptions<L>,
    body: (ctx: Locals<L> & { self: TExpr<AtomSort<N>> }) => (Stmt | Stmt[])[],
  ): TExpr<AtomSort<N>>;
  process<const N extends string, L extends LocalSpecs = {}>(
    name: string, ids: TExpr<SetSort<AtomSort<N>>>, opts: ProcessOptions<L>,
    body: (ctx: Locals<L> & { self: TExpr<AtomSort<N>> }) => (Stmt | Stmt[])[],
  ): TExpr<SetSort<AtomSort<N>>>;
  /** A process per integer id, PlusCal's `process (P \in 1..N)`: `m.process('P', range(1, N), {}, ({ self }) => [...])`. */
  process<L extends LocalSpecs = {}>(
    name: string, ids: TExpr<SetSort<IntSort>>, opts: { locals?: L; fairness?: Fairness },
    body: (ctx: Locals<L> & { self: TExpr<IntSort> }) => (Stmt | Stmt[])[],
  ): TExpr<SetSort<IntSort>>;
  process<const N extends string, L extends LocalSpecs = {}>(
    name: string,
    ids: TExpr<SetSort<AtomSort<N>>> | TExpr<SetSort<IntSort>> | N,
    opts: ProcessOptions<L>,
    body: (ctx: Locals<L> & { self: TExpr<AtomSort<N>> & TExpr<IntSort> }) => (Stmt | Stmt[])[],
  ): TExpr<AtomSort<N>> | TExpr<SetSort<AtomSort<N>>> | TExpr<SetSort<IntSort>> {
    const loc = callSite();
    let idSet: ir.Expr;
    if (typeof ids === 'string') {
      this.constants.push({ name: ids, kind: 'modelValue', auto: true, loc });
      idSet = { kind: 'setEnum', elements: [{ kind: 'ref', name: ids }] };
    } else idSet = ids.node;
    const { decls, vars } = makeLocals(opts.locals ?? ({} as L));
    const self = typeof ids !== 'string' && ids.sort.elem.kind === 'int' ? new TExpr({ kind: 'self' }, t.int(0, 0)) : selfOf<N>();
    const stmts = body({ ...vars, self: self as TExpr<AtomSort<N>> & TExpr<IntSort> }).flat();
    this.processes.push({ name, ids: idSet, locals: decls, body: stmts, fairness: opts.fairness ?? 'none', ...(opts.unfair?.length ? { unfair: opts.unfair } : {}), loc });
    return typeof ids === 'string' ? mk({ kind: 'ref', name: ids }, atomSort(ids, idSet)) : ids;
  }

  /** A procedure any process may `call`; params and locals are per process, saved on its stack. */
  procedure<P extends LocalSpecs = {}, L extends LocalSpecs = {}>(
    name: string,
    opts: { params?: P; locals?: L },
    body: (ctx: Locals<P> & Locals<L> & { self: TExpr<AtomSort<string>> }) => (Stmt | Stmt[])[],
  ): ProcedureHandle<P> {
    const loc = callSite();
    const params = makeLocals(opts.params ?? ({} as P));
    const locals = makeLocals(opts.locals ?? ({} as L));
    const stmts = body({ ...params.vars, ...locals.vars, self: selfOf<string>() }).flat();
    this.procedures.push({ name, params: params.decls, locals: locals.decls, body: stmts, loc });
    return makeCall(name, opts.params ?? ({} as P));
  }

  /** One kernel mutex: `init` says whether it starts initialised (`DEFINE_MUTEX`) or needs `mutexInit`. */
  mutex(name: string, opts: { initialised: boolean }): MutexRef {
    const loc = callSite();
    this.variables.push({ name, sort: MUTEX_SORT, init: mutexValue(opts.initialised), loc });
    return { variable: name, node: { kind: 'ref', name } };
  }

  /** A family of mutexes indexed by `over`, e.g. `acomp_ctx->mutex` per CPU. */
  mutexes<E extends Sort>(name: string, over: TExpr<SetSort<E>>, opts: { initialised: boolean }): MutexRef {
    const loc = callSite();
    const b = binder('k');
    this.variables.push({ name, sort: { kind: 'fn', dom: over.node, rng: MUTEX_SORT }, init: { kind: 'fn', binder: b, set: over.node, body: mutexValue(opts.initialised) }, loc });
    return { variable: name, node: { kind: 'ref', name } };
  }

  /** `pc[id]`: the label process `id` is at (`'Done'` when finished), for invariants about progress. */
  pc(id: TExpr<AtomSort<string>> | ExprLike<IntSort>): TExpr<EnumSort<string>> {
    return mk({ kind: 'apply', fn: { kind: 'ref', name: 'pc' }, arg: lift(id as ExprLike<IntSort>, t.int(0, 0)).node }, { kind: 'enum', values: [], node: { kind: 'enum', values: [] } });
  }

  /**
   * A TLC config, written as `<Module>.<name>.cfg`: constant values, what to check and the verdict expected.
   * @example `m.config('two_cpus', { constants: { CPUS: ['c1', 'c2'] }, expect: { violates: 'NoLostUpdate' } });`
   */
  config(name: string, input: ConfigInput = {}): void {
    this.configInputs.push({ name, input, loc: callSite() });
  }

  /**
   * The configs as IR, resolved once every constant and definition they may name is declared.
   * Nothing is checked here: the config rules (ZT020-ZT028, dsl/lower/rules) check what they name.
   */
  resolveConfigs(): ir.Config[] {
    return this.configInputs.map(({ name, input, loc }) => this.resolveConfig(name, input, loc));
  }

  private named(name: string, body: ir.Expr, role: ir.DefinitionRole, doc?: string): DefHandle {
    this.definitions.push({ name, params: [], body, role, loc: callSite(), ...(doc ? { doc } : {}) });
    return { name };
  }

  private resolveConfig(name: string, input: ConfigInput, loc: ir.SourceLoc): ir.Config {
    const nameOf = (d: string | DefHandle) => (typeof d === 'string' ? d : d.name);
    const given = input.constants ?? {};
    // Declared constants in declaration order, then any the model does not declare (rule ZT020).
    const constants: (readonly [string, ir.ConstantValue])[] = [];
    for (const c of this.constants) {
      const v = given[c.name];
      if (c.auto) constants.push([c.name, { kind: 'modelValue' }]);
      else if (v !== undefined) constants.push([c.name, constantValue(v)]);
    }
    for (const [key, v] of Object.entries(given)) if (!this.constants.some((c) => c.name === key)) constants.push([key, constantValue(v)]);
    const expect = input.expect ?? 'pass';
    return {
      name,
      ...(input.spec !== undefined ? { spec: nameOf(input.spec) } : {}),
      constants,
      invariants: input.invariants ? input.invariants.map(nameOf) : this.definitions.filter((d) => d.role === 'invariant').map((d) => d.name),
      properties: (input.properties ?? []).map(nameOf),
      constraints: (input.constraints ?? []).map(nameOf),
      covers: input.covers ? input.covers.map(nameOf) : this.definitions.filter((d) => d.role === 'cover').map((d) => d.name),
      // Symmetry is over a model-value set constant; an expression has no name (rule ZT025).
      symmetry: (input.symmetry ?? []).map((s) => (s.node.kind === 'ref' ? s.node.name : '')),
      checkDeadlock: input.checkDeadlock ?? true,
      expect: expect === 'pass' ? { kind: 'pass' } : expect === 'deadlock' ? { kind: 'deadlock' } : { kind: 'violation', property: nameOf(expect.violates) },
      loc,
      ...(input.doc ? { doc: input.doc } : {}),
    };
  }
}

const MUTEX_SORT: ir.SortNode = { kind: 'record', fields: [['init', { kind: 'bool' }], ['owner', { kind: 'set', elem: { kind: 'member', set: { kind: 'ref', name: 'ProcSet' } } }]] };

function mutexValue(initialised: boolean): ir.Expr {
  return { kind: 'record', fields: [['init', { kind: 'bool', value: initialised }], ['owner', { kind: 'setEnum', elements: [] }]] };
}

function bindParams<P extends ParamSets>(params: P): { binders: ir.ActionParam[]; vals: ParamVals<P> } {
  const binders: ir.ActionParam[] = [];
  const vals: Record<string, TExpr<Sort>> = {};
  for (const [name, s] of Object.entries(params)) {
    const b = binder(name);
    binders.push({ binder: b, set: s.node });
    vals[name] = new TExpr({ kind: 'bound', binder: b }, s.sort.elem);
  }
  return { binders, vals: vals as ParamVals<P> };
}

/** A config value by its shape; whether it suits its constant is rule ZT022's to say. */
function constantValue(v: ConstantValueInput): ir.ConstantValue {
  if (Array.isArray(v)) return { kind: 'modelValues', names: v.map(String) };
  switch (typeof v) {
    case 'number': return { kind: 'int', value: v };
    case 'string': return { kind: 'str', value: v };
    case 'boolean': return { kind: 'bool', value: v };
    default: return { kind: 'modelValue' };
  }
}
