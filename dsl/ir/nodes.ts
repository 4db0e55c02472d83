/**
 * The IR: a plain, serialisable operation-node tree. Builders in `dsl/author` produce it,
 * `dsl/lower` rewrites processes into actions, and `dsl/emit` visits it to print TLA+.
 * Nothing here knows about TypeScript types; sorts are erased to `SortNode`s.
 */

/** A call site in a DSL file (1-based line and column). `end*` are filled in by `map/spans`. */
export interface SourceLoc {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly endLine?: number;
  readonly endCol?: number;
}

export type InfixOp =
  | '=' | '#' | '<' | '<=' | '>' | '>=' | '+' | '-' | '*' | '\\div' | '%'
  | '\\in' | '\\notin' | '\\cup' | '\\cap' | '\\' | '\\subseteq' | '=>' | '<=>' | '..'
  | ':>' | '@@' | '\\o' | '~>';

export type BuiltinOp =
  | 'Cardinality' | 'Len' | 'Head' | 'Tail' | 'Append' | 'SubSeq' | 'Seq'
  | 'DOMAIN' | 'SUBSET' | 'UNION' | 'ENABLED' | '[]' | '<>' | 'Permutations';

export interface ExceptUpdate { readonly path: readonly PathElem[]; readonly value: Expr }

/** One step of an EXCEPT path: `![key]` or `!.name`. */
export type PathElem = { readonly kind: 'index'; readonly key: Expr } | { readonly kind: 'field'; readonly name: string };

/** A bound identifier (quantifier, CHOOSE, function constructor). Named by the emitter, which keeps names unique in scope. */
export interface Binder { readonly id: number; readonly hint: string }

let nextBinder = 1;
/** A fresh bound identifier; `hint` becomes its TLA+ name unless that would shadow another. */
export function binder(hint: string): Binder {
  return { id: nextBinder++, hint };
}

export type Expr = ExprBody & { readonly loc?: SourceLoc };

export type ExprBody =
  | { readonly kind: 'bool'; readonly value: boolean }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'str'; readonly value: string }
  /**
   * A module-level name: variable, constant, definition without arguments, model value; or a
   * definition of an instance, `I!name` (calls likewise: `I!Op(args)`).
   */
  | { readonly kind: 'ref'; readonly name: string }
  | { readonly kind: 'bound'; readonly binder: Binder }
  | { readonly kind: 'prime'; readonly operand: Expr }
  | { readonly kind: 'call'; readonly op: string; readonly args: readonly Expr[] }
  | { readonly kind: 'builtin'; readonly op: BuiltinOp; readonly args: readonly Expr[] }
  | { readonly kind: 'infix'; readonly op: InfixOp; readonly left: Expr; readonly right: Expr }
  | { readonly kind: 'not'; readonly operand: Expr }
  | { readonly kind: 'neg'; readonly operand: Expr }
  | { readonly kind: 'and'; readonly operands: readonly Expr[] }
  | { readonly kind: 'or'; readonly operands: readonly Expr[] }
  | { readonly kind: 'quant'; readonly quantifier: '\\A' | '\\E'; readonly binder: Binder; readonly set: Expr; readonly body: Expr }
  | { readonly kind: 'choose'; readonly binder: Binder; readonly set: Expr; readonly body: Expr }
  | { readonly kind: 'setEnum'; readonly elements: readonly Expr[] }
  | { readonly kind: 'setFilter'; readonly binder: Binder; readonly set: Expr; readonly pred: Expr }
  | { readonly kind: 'setMap'; readonly binder: Binder; readonly set: Expr; readonly body: Expr }
  | { readonly kind: 'tuple'; readonly elements: readonly Expr[] }
  | { readonly kind: 'record'; readonly fields: readonly (readonly [string, Expr])[] }
  | { readonly kind: 'recordSet'; readonly fields: readonly (readonly [string, Expr])[] }
  | { readonly kind: 'field'; readonly record: Expr; readonly name: string }
  | { readonly kind: 'apply'; readonly fn: Expr; readonly arg: Expr }
  | { readonly kind: 'fn'; readonly binder: Binder; readonly set: Expr; readonly body: Expr }
  | { readonly kind: 'fnSet'; readonly dom: Expr; readonly rng: Expr }
  | { readonly kind: 'except'; readonly fn: Expr; readonly updates: readonly ExceptUpdate[] }
  /** `@` inside an EXCEPT value: the old value at the path. */
  | { readonly kind: 'at' }
  | { readonly kind: 'if'; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
  | { readonly kind: 'case'; readonly arms: readonly (readonly [Expr, Expr])[]; readonly other?: Expr }
  | { readonly kind: 'let'; readonly name: string; readonly value: Expr; readonly body: Expr }
  /** `WF_vars(A)` / `SF_vars(A)`; `A` is an action expression. */
  | { readonly kind: 'fair'; readonly strong: boolean; readonly action: Expr }
  /** `[][A]_sub`; `sub` defaults to `vars` (every variable). */
  | { readonly kind: 'boxAction'; readonly action: Expr; readonly sub?: Expr }
  | { readonly kind: 'unchanged'; readonly names: readonly string[] }
  /** A process-local variable read inside a process body; lowering turns it into `name[self]`. */
  | { readonly kind: 'local'; readonly name: string }
  /** The running process's id inside a process body; lowering binds it to the step's `self`. */
  | { readonly kind: 'self' };

/** Erased sort: what the emitter needs for `TypeOK` and for decoding values in reports. */
export type SortNode =
  | { readonly kind: 'bool' }
  /** `lo..hi`; a bound may be an expression over constants (`t.int(0, N)`). */
  | { readonly kind: 'int'; readonly lo: Bound; readonly hi: Bound }
  | { readonly kind: 'enum'; readonly values: readonly string[] }
  /** Elements of a set-valued expression, e.g. a model-value constant `CPUS` or `CPUS \cup {NoCpu}`. */
  | { readonly kind: 'member'; readonly set: Expr }
  | { readonly kind: 'record'; readonly fields: readonly (readonly [string, SortNode])[] }
  | { readonly kind: 'fn'; readonly dom: Expr; readonly rng: SortNode }
  | { readonly kind: 'set'; readonly elem: SortNode }
  | { readonly kind: 'seq'; readonly elem: SortNode; readonly max: Bound };

/** A sort bound: an integer literal, or a constant expression (e.g. the int constant `N`). */
export type Bound = number | Expr;

export interface ConstantDecl {
  readonly name: string;
  /** `modelValues`: a set of model values, given per config; `modelValue`: one model value; `value`: an ordinary value. */
  readonly kind: 'modelValues' | 'modelValue' | 'value';
  /** Set by zswap-tla itself (e.g. a single process's id): configs need not give it. */
  readonly auto?: boolean;
  readonly loc: SourceLoc;
}

export interface VariableDecl {
  readonly name: string;
  readonly sort: SortNode;
  /** A TypeOK conjunct to use instead of `name \in typeSet(sort)` (e.g. for the call stack). */
  readonly typeInvariant?: Expr;
  /** `Init` value; `null` when the variable's initial value is chosen by `initWithin`. */
  readonly init: Expr;
  /** When set, Init is `name \in initSet` instead of `name = init`. */
  readonly initSet?: Expr;
  /** Whether TypeOK should mention it (auxiliary variables like `pc` add their own). */
  readonly loc: SourceLoc;
}

/**
 * `step` definitions (a process's steps as one disjunction) and `action` definitions (an action
 * formula the model names, e.g. `System == A \/ \E i \in S : B(i)`) are printed after the
 * actions they name. `assumption`: `ASSUME name == body` (`ASSUME body` when `name` is empty),
 * a constant formula every checker evaluates once before the search. `cover`: a state predicate
 * some reachable state must satisfy (`m.cover`): a witness that a situation is explored.
 */
export type DefinitionRole = 'helper' | 'invariant' | 'property' | 'constraint' | 'step' | 'action' | 'assumption' | 'cover';

export interface Definition {
  readonly name: string;
  readonly params: readonly Binder[];
  readonly body: Expr;
  readonly role: DefinitionRole;
  readonly doc?: string;
  readonly loc: SourceLoc;
}

export interface ActionParam { readonly binder: Binder; readonly set: Expr }

/** An action as written (or as a process step becomes after lowering), before it is one formula. */
export interface ActionDecl {
  readonly name: string;
  readonly params: readonly ActionParam[];
  /** Conjuncts in source order: guards and assignments interleaved as written. */
  readonly body: readonly ActionItem[];
  readonly fairness: 'none' | 'weak' | 'strong';
  readonly doc?: string;
  readonly loc: SourceLoc;
  /** For a lowered process step: the process or procedure it belongs to, and its label. */
  readonly process?: string;
  readonly label?: string;
}

/** A lowered action: its items, and the one formula they make (with the computed `UNCHANGED`s) that emit prints. */
export interface Action extends ActionDecl {
  readonly formula: Expr;
}

/** Guard: the action is enabled only when `cond` holds (PlusCal's `await` in a process). */
export interface Guard { readonly kind: 'guard'; readonly cond: Expr; readonly loc: SourceLoc }
/** `variable' = value` */
export interface Assign { readonly kind: 'assign'; readonly variable: string; readonly value: Expr; readonly loc: SourceLoc }
/** `Assert(cond, name)`: the checker reports `name` when it fails. */
export interface AssertItem { readonly kind: 'assert'; readonly name: string; readonly cond: Expr; readonly loc: SourceLoc }
/**
 * `\/` of alternatives, each a list of items (PlusCal's `either`). Lowering makes one per `if`
 * and loop test with `cond` set: then `alts` are the two branches, printed
 * `IF cond THEN … ELSE …` as the PlusCal translation prints them.
 */
export interface Either<Item> { readonly kind: 'either'; readonly alts: readonly (readonly Item[])[]; readonly cond?: Expr; readonly loc: SourceLoc }
/** `\E x \in set : <body>`: a nondeterministic choice scoped over `body` (PlusCal's `with`). */
export interface With<Item> { readonly kind: 'with'; readonly binder: Binder; readonly set: Expr; readonly body: readonly Item[]; readonly loc: SourceLoc }

/** One conjunct of an action, in the order written. */
export type ActionItem = Guard | Assign | AssertItem | Either<ActionItem> | With<ActionItem>;

/**
 * Process statements: the action items (whose nested lists hold statements) plus PlusCal's
 * control flow. Each `label` starts an atomic step; everything up to the next label (on every
 * path) is one TLA+ action.
 */
export type Stmt =
  | Guard | Assign | AssertItem | Either<Stmt> | With<Stmt>
  | { readonly kind: 'label'; readonly name: string; readonly loc: SourceLoc }
  | { readonly kind: 'skip'; readonly loc: SourceLoc }
  | { readonly kind: 'if'; readonly cond: Expr; readonly then: readonly Stmt[]; readonly else: readonly Stmt[]; readonly loc: SourceLoc }
  /** A labelled loop: the label's step tests `cond`. */
  | { readonly kind: 'while'; readonly label: string; readonly cond: Expr; readonly body: readonly Stmt[]; readonly loc: SourceLoc }
  | { readonly kind: 'goto'; readonly label: string; readonly loc: SourceLoc }
  | { readonly kind: 'call'; readonly procedure: string; readonly args: readonly Expr[]; readonly loc: SourceLoc }
  | { readonly kind: 'return'; readonly loc: SourceLoc };

export interface LocalDecl { readonly name: string; readonly sort: SortNode; readonly init: Expr; readonly loc: SourceLoc }

export interface ProcessDecl {
  readonly name: string;
  /** The set of ids this process runs as (a model-value set constant, or a single id's set). */
  readonly ids: Expr;
  readonly locals: readonly LocalDecl[];
  readonly body: readonly Stmt[];
  readonly fairness: 'none' | 'weak' | 'strong';
  /** Labels whose steps the fairness leaves out (PlusCal's `l:-`): `WF_vars(pc[self] \notin {…} /\ P(self))`. */
  readonly unfair?: readonly string[];
  readonly loc: SourceLoc;
}

export interface ProcedureDecl {
  readonly name: string;
  readonly params: readonly LocalDecl[];
  readonly locals: readonly LocalDecl[];
  readonly body: readonly Stmt[];
  readonly loc: SourceLoc;
}

export type ConstantValue =
  | { readonly kind: 'modelValues'; readonly names: readonly string[] }
  | { readonly kind: 'modelValue' }
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'str'; readonly value: string }
  | { readonly kind: 'bool'; readonly value: boolean };

/**
 * A named specification: `name == Init /\ [][Next]_vars /\ fairness…`. Specs differ only in
 * fairness (Init and Next are the model's), so what a config chooses changes liveness only.
 */
export interface SpecDecl {
  readonly name: string;
  readonly fairness: readonly Expr[];
  readonly doc?: string;
  readonly loc: SourceLoc;
}

/**
 * `name == INSTANCE module.name WITH p <- e, …`: another model's module seen through a mapping
 * of its constants and variables (each not given is mapped to the same-named one here, as TLA+
 * does), so a property can say `name!Spec`: this model implements that one.
 */
export interface InstanceDecl {
  readonly name: string;
  readonly module: Module;
  readonly with: readonly (readonly [string, Expr])[];
  readonly loc: SourceLoc;
}

export interface Config {
  readonly name: string;
  /** The specification TLC checks (`SPECIFICATION`): `Spec` (the declared fairness) unless a named one is chosen. */
  readonly spec?: string;
  readonly constants: readonly (readonly [string, ConstantValue])[];
  readonly invariants: readonly string[];
  readonly properties: readonly string[];
  readonly constraints: readonly string[];
  /** Names of model-value-set constants to treat symmetrically. */
  readonly symmetry: readonly string[];
  readonly checkDeadlock: boolean;
  /** TypeOK is checked unless this is `false` (a focused or state-counting variant of a config). */
  readonly checkTypeOk?: boolean;
  /** Asserts not checked, by name: the module's `AssertsOff` constant (every assert is on unless named). */
  readonly assertsOff?: readonly string[];
  /**
   * Covers (`m.cover`) some reachable state of this config must satisfy: an unreached one fails
   * the config. Absent: none (focused and state-counting variants of a config check none).
   */
  readonly covers?: readonly string[];
  /** What the model's author expects: used by `check` to tell a seeded bug from a regression. */
  readonly expect: Expectation;
  readonly doc?: string;
  readonly loc: SourceLoc;
}

export type Expectation =
  | { readonly kind: 'pass' }
  | { readonly kind: 'violation'; readonly property: string }
  | { readonly kind: 'deadlock' };

/** A lowered process, as Next, Spec and the reports see it. */
export interface ProcessInfo {
  readonly name: string;
  readonly ids: Expr;
  readonly self: Binder;
  readonly fairness: 'none' | 'weak' | 'strong';
  readonly unfair?: readonly string[];
  readonly labels: readonly string[];
}

export interface Module {
  readonly name: string;
  readonly doc?: string;
  readonly extends: readonly string[];
  readonly constants: readonly ConstantDecl[];
  readonly variables: readonly VariableDecl[];
  readonly definitions: readonly Definition[];
  readonly actions: readonly Action[];
  /** The named specifications besides `Spec`. */
  readonly specs?: readonly SpecDecl[];
  /** Fairness conjoined to `Spec` besides that of actions and processes (`m.fairness`). */
  readonly fairness?: readonly Expr[];
  /** Other models' modules instantiated here (`m.instance`). */
  readonly instances?: readonly InstanceDecl[];
  readonly configs: readonly Config[];
  /** Present when the model has processes: their steps are among `actions`. */
  readonly processes?: readonly ProcessInfo[];
  /** Present with processes: every process is at `Done` (what `Termination` and `Terminating` say). */
  readonly allDone?: Expr;
  readonly loc: SourceLoc;
}

/** What a model file declares, before lowering: processes and procedures are still statement lists. */
export interface ModelSource {
  readonly name: string;
  readonly doc?: string;
  readonly constants: readonly ConstantDecl[];
  readonly variables: readonly VariableDecl[];
  readonly definitions: readonly Definition[];
  readonly actions: readonly ActionDecl[];
  readonly processes: readonly ProcessDecl[];
  readonly procedures: readonly ProcedureDecl[];
  readonly specs?: readonly SpecDecl[];
  /** Fairness conjoined to `Spec` besides that of actions and processes (`m.fairness`). */
  readonly fairness?: readonly Expr[];
  readonly instances?: readonly InstanceDecl[];
  readonly configs: readonly Config[];
  readonly loc: SourceLoc;
}
