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

export type PathElem = { readonly k: 'idx'; readonly e: Expr } | { readonly k: 'fld'; readonly name: string };

/** A bound identifier (quantifier, CHOOSE, function constructor). Named by the emitter, which keeps names unique in scope. */
export interface Binder { readonly id: number; readonly hint: string }

let nextBinder = 1;
/** A fresh bound identifier; `hint` becomes its TLA+ name unless that would shadow another. */
export function binder(hint: string): Binder {
  return { id: nextBinder++, hint };
}

export type Expr = ExprBody & { readonly loc?: SourceLoc };

export type ExprBody =
  | { readonly k: 'bool'; readonly v: boolean }
  | { readonly k: 'int'; readonly v: number }
  | { readonly k: 'str'; readonly v: string }
  /** A module-level name: variable, constant, definition without arguments, model value. */
  | { readonly k: 'ref'; readonly name: string }
  | { readonly k: 'bound'; readonly binder: Binder }
  | { readonly k: 'prime'; readonly e: Expr }
  | { readonly k: 'call'; readonly op: string; readonly args: readonly Expr[] }
  | { readonly k: 'builtin'; readonly op: BuiltinOp; readonly args: readonly Expr[] }
  | { readonly k: 'infix'; readonly op: InfixOp; readonly a: Expr; readonly b: Expr }
  | { readonly k: 'not'; readonly e: Expr }
  | { readonly k: 'neg'; readonly e: Expr }
  | { readonly k: 'and'; readonly es: readonly Expr[] }
  | { readonly k: 'or'; readonly es: readonly Expr[] }
  | { readonly k: 'quant'; readonly q: '\\A' | '\\E'; readonly binder: Binder; readonly set: Expr; readonly body: Expr }
  | { readonly k: 'choose'; readonly binder: Binder; readonly set: Expr; readonly body: Expr }
  | { readonly k: 'setEnum'; readonly es: readonly Expr[] }
  | { readonly k: 'setFilter'; readonly binder: Binder; readonly set: Expr; readonly pred: Expr }
  | { readonly k: 'setMap'; readonly binder: Binder; readonly set: Expr; readonly body: Expr }
  | { readonly k: 'tuple'; readonly es: readonly Expr[] }
  | { readonly k: 'record'; readonly fields: readonly (readonly [string, Expr])[] }
  | { readonly k: 'recordSet'; readonly fields: readonly (readonly [string, Expr])[] }
  | { readonly k: 'field'; readonly e: Expr; readonly name: string }
  | { readonly k: 'apply'; readonly f: Expr; readonly arg: Expr }
  | { readonly k: 'fn'; readonly binder: Binder; readonly set: Expr; readonly body: Expr }
  | { readonly k: 'fnSet'; readonly dom: Expr; readonly rng: Expr }
  | { readonly k: 'except'; readonly f: Expr; readonly updates: readonly ExceptUpdate[] }
  /** `@` inside an EXCEPT value: the old value at the path. */
  | { readonly k: 'at' }
  | { readonly k: 'if'; readonly c: Expr; readonly t: Expr; readonly e: Expr }
  | { readonly k: 'case'; readonly arms: readonly (readonly [Expr, Expr])[]; readonly other?: Expr }
  | { readonly k: 'let'; readonly name: string; readonly value: Expr; readonly body: Expr }
  /** `WF_vars(A)` / `SF_vars(A)`; `A` is an action expression. */
  | { readonly k: 'fair'; readonly strong: boolean; readonly action: Expr }
  /** `[][A]_vars` */
  | { readonly k: 'boxAction'; readonly action: Expr }
  | { readonly k: 'unchanged'; readonly names: readonly string[] }
  /** A process-local variable read inside a process body; lowering turns it into `name[self]`. */
  | { readonly k: 'local'; readonly name: string }
  /** The running process's id inside a process body; lowering binds it to the step's `self`. */
  | { readonly k: 'self' };

/** Erased sort: what the emitter needs for `TypeOK` and for decoding values in reports. */
export type SortNode =
  | { readonly k: 'bool' }
  | { readonly k: 'int'; readonly lo: number; readonly hi: number }
  | { readonly k: 'enum'; readonly values: readonly string[] }
  /** Elements of a set-valued expression, e.g. a model-value constant `CPUS` or `CPUS \cup {NoCpu}`. */
  | { readonly k: 'member'; readonly set: Expr }
  | { readonly k: 'record'; readonly fields: readonly (readonly [string, SortNode])[] }
  | { readonly k: 'fn'; readonly dom: Expr; readonly rng: SortNode }
  | { readonly k: 'set'; readonly elem: SortNode }
  | { readonly k: 'seq'; readonly elem: SortNode; readonly max: number };

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

/** `step` definitions (a process's steps as one disjunction) are printed after the actions they name. */
export type DefinitionRole = 'helper' | 'invariant' | 'property' | 'constraint' | 'step';

export interface Definition {
  readonly name: string;
  readonly params: readonly Binder[];
  readonly body: Expr;
  readonly role: DefinitionRole;
  readonly doc?: string;
  readonly loc: SourceLoc;
}

export interface Assignment {
  readonly variable: string;
  readonly value: Expr;
  readonly loc: SourceLoc;
}

export interface ActionParam { readonly binder: Binder; readonly set: Expr }

export interface Action {
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

export type ActionItem =
  | { readonly k: 'guard'; readonly e: Expr; readonly loc: SourceLoc }
  | { readonly k: 'assign'; readonly a: Assignment }
  /** `\E x \in S : <items>`: a nondeterministic choice scoped over the remaining items. */
  | { readonly k: 'choose'; readonly binder: Binder; readonly set: Expr; readonly body: readonly ActionItem[]; readonly loc: SourceLoc }
  /** `\/` of alternatives, each a list of items; used by lowered `either` and `if` branches. */
  | { readonly k: 'branch'; readonly alts: readonly (readonly ActionItem[])[]; readonly loc: SourceLoc }
  /** `Assert(cond, name)`: TLC reports `name` when it fails. */
  | { readonly k: 'assert'; readonly name: string; readonly e: Expr; readonly loc: SourceLoc };

/**
 * Process statements: action items plus PlusCal's control flow. Each `label` starts an atomic
 * step; everything up to the next label (on every path) is one TLA+ action.
 */
export type Stmt =
  | ActionItem
  | { readonly k: 'label'; readonly name: string; readonly loc: SourceLoc }
  | { readonly k: 'skip'; readonly loc: SourceLoc }
  | { readonly k: 'if'; readonly c: Expr; readonly then: readonly Stmt[]; readonly else: readonly Stmt[]; readonly loc: SourceLoc }
  | { readonly k: 'either'; readonly alts: readonly (readonly Stmt[])[]; readonly loc: SourceLoc }
  | { readonly k: 'with'; readonly binder: Binder; readonly set: Expr; readonly body: readonly Stmt[]; readonly loc: SourceLoc }
  /** A labelled loop: the label's step tests `c`. */
  | { readonly k: 'while'; readonly label: string; readonly c: Expr; readonly body: readonly Stmt[]; readonly loc: SourceLoc }
  | { readonly k: 'goto'; readonly label: string; readonly loc: SourceLoc }
  | { readonly k: 'call'; readonly procedure: string; readonly args: readonly Expr[]; readonly loc: SourceLoc }
  | { readonly k: 'return'; readonly loc: SourceLoc };

export interface LocalDecl { readonly name: string; readonly sort: SortNode; readonly init: Expr; readonly loc: SourceLoc }

export interface ProcessDecl {
  readonly name: string;
  /** The set of ids this process runs as (a model-value set constant, or a single id's set). */
  readonly ids: Expr;
  readonly locals: readonly LocalDecl[];
  readonly body: readonly Stmt[];
  readonly fairness: 'none' | 'weak' | 'strong';
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
  | { readonly k: 'modelValues'; readonly names: readonly string[] }
  | { readonly k: 'modelValue' }
  | { readonly k: 'int'; readonly v: number }
  | { readonly k: 'str'; readonly v: string }
  | { readonly k: 'bool'; readonly v: boolean };

export interface Config {
  readonly name: string;
  readonly constants: readonly (readonly [string, ConstantValue])[];
  readonly invariants: readonly string[];
  readonly properties: readonly string[];
  readonly constraints: readonly string[];
  /** Names of model-value-set constants to treat symmetrically. */
  readonly symmetry: readonly string[];
  readonly checkDeadlock: boolean;
  /** TypeOK is checked unless this is `false` (a focused or state-counting variant of a config). */
  readonly checkTypeOk?: boolean;
  /** What the model's author expects: used by `check` to tell a seeded bug from a regression. */
  readonly expect: Expectation;
  readonly doc?: string;
  readonly loc: SourceLoc;
}

export type Expectation =
  | { readonly k: 'pass' }
  | { readonly k: 'violation'; readonly property: string }
  | { readonly k: 'deadlock' };

/** A lowered process, as Next, Spec and the reports see it. */
export interface ProcessInfo {
  readonly name: string;
  readonly ids: Expr;
  readonly self: Binder;
  readonly fairness: 'none' | 'weak' | 'strong';
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
  readonly configs: readonly Config[];
  /** Present when the model has processes: their steps are among `actions`. */
  readonly processes?: readonly ProcessInfo[];
  readonly loc: SourceLoc;
}
