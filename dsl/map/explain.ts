/**
 * Turns a checker's `CheckResult` into what a kernel engineer needs: which property broke, at
 * which DSL line it is declared, and each step of the counterexample in DSL terms (the action
 * and its DSL line, who took it, what changed). Pure and JSON-serialisable, so every reporter
 * (text, JSON, SARIF, GitHub, Markdown) renders the same facts.
 */
import type * as ir from '../ir/nodes.js';
import { collectAsserts } from '../ir/walk.js';
import type { Backend, CheckResult, TlaLocation, TraceState, Verdict } from '../check/result.js';
import { diffValues, functionEntries, showValue, splitTopLevel, type Change } from '../check/values.js';
import { definitionSpan, innermostAt, type SourceMap } from './sourcemap.js';
import { readsOf, type Read } from './reads.js';
import { statementOf, waitGuards } from './statements.js';

export interface Explanation {
  readonly backend: Backend;
  readonly module: string;
  readonly config: string;
  readonly verdict: Verdict['kind'];
  /** What went wrong; absent when the run passed. */
  readonly problem?: Problem;
  /** Where the config is declared: reports point here when nothing more precise is known. */
  readonly configDsl?: ir.SourceLoc;
  /** The counterexample, first state first. Empty when there is none. */
  readonly steps: readonly Step[];
  /** For a violated temporal property: the behaviour repeats from `loopsTo` (1-based) or stutters (an action property's trace has none). */
  readonly lasso?: Lasso;
  /** For a deadlock: each process that has not finished, the label it is stuck at and what it waits on. */
  readonly waiting?: readonly Waiting[];
  /** The config's covers (`m.cover`), each at its DSL line, with its witness when reached. */
  readonly covers?: readonly CoverExplained[];
}

export interface CoverExplained {
  readonly name: string;
  /** `unreached` fails the config; `undecided`: the search stopped before every state was seen (`reason`). */
  readonly status: 'reached' | 'unreached' | 'undecided';
  /** The `m.cover` call. */
  readonly dsl?: ir.SourceLoc;
  readonly reason?: string;
  /** The checker whose search decided it, when not the run's own. */
  readonly decidedBy?: string;
  /** A trace to a state where it holds (shortest on a breadth-first search), explained like a counterexample. */
  readonly witness?: readonly Step[];
}

export interface Waiting {
  /** The process id. */
  readonly actor: string;
  /** Its label in the last state (from `pc`). */
  readonly label: string;
  /** The step at that label, and its DSL span. */
  readonly action?: string;
  readonly dsl?: ir.SourceLoc;
  /** The step's guards (`when(...)`, a mutex's wait): the conditions that are false. */
  readonly guards: readonly ir.SourceLoc[];
  /** What the step would read, in the last state: the values that keep its guards false. */
  readonly reads: readonly Read[];
}

export interface Lasso {
  readonly loopsTo?: number;
  readonly stuttering: boolean;
  /** The step from the last state back to state `loopsTo`, which closes the cycle (neither checker prints it). */
  readonly closing?: Step;
}

/** `then stutters forever`, or `c2: Cpu_drop(self=c2) — c2: drop → idle — back to state 2` (effects optional). */
export function lassoText(l: Lasso, withEffects = true): string {
  if (l.stuttering) return 'then stutters forever';
  const back = `back to state ${l.loopsTo ?? '?'}`;
  if (!l.closing?.action) return `then loops ${back}`;
  const who = `${l.closing.actor !== undefined ? `${l.closing.actor}: ` : ''}${callText(l.closing)}`;
  return withEffects && l.closing.effects.length ? `${who} — ${l.closing.effects.join('; ')} — ${back}` : `${who} — ${back}`;
}

export interface Problem {
  readonly kind: Exclude<Verdict['kind'], 'passed'>;
  /** The violated invariant/property, or the failed assert's name. */
  readonly name?: string;
  /** One line: `invariant NoLostUpdate violated`, or the checker's message. */
  readonly message: string;
  /** The DSL span of the property (its declaration) or of the failing expression; of TypeOK, of `variable`'s declaration. */
  readonly dsl?: ir.SourceLoc;
  /** TypeOK's: the variable outside its type, where the verdict names it (the compiled verifier's, and TLC's and tla-checker's through `runPipeline`). */
  readonly variable?: string;
  /** The TLA+ location the checker reported, when it reported one. */
  readonly tla?: TlaLocation;
}

export interface Step {
  /** 1-based, like TLC's state numbers. */
  readonly index: number;
  /** The action that led to this state; absent for the initial state or when the checker did not say. */
  readonly action?: string;
  /** Parameter values in DSL terms (`{ self: 't1' }`). */
  readonly params: Readonly<Record<string, string>>;
  /** Arguments as TLC printed them, when they could not be matched to parameter names. */
  readonly args?: string;
  /** The process id that took the step: the one whose `pc` moved, else the `self` parameter. */
  readonly actor?: string;
  /** For a process step: the process or procedure it belongs to and the label it starts at. */
  readonly unit?: { readonly name: string; readonly label: string };
  /** The DSL span of the action (or process step). */
  readonly dsl?: ir.SourceLoc;
  /** The statement (an assignment) that made the step's first change of a variable other than `pc`/`stack`. */
  readonly statement?: ir.SourceLoc;
  /** What the step's action reads, in the state before it (an over-approximation: see reads.ts). */
  readonly reads?: readonly Read[];
  /** Every variable's value in this state (TLA+ text). */
  readonly vars: Readonly<Record<string, string>>;
  /** What changed since the previous state, per function entry / record field. */
  readonly changes: readonly Change[];
  /** `pc` decoded: each process id whose label changed. */
  readonly labels: readonly LabelChange[];
  /** The actor's procedure calls after the step, outermost first (from `stack`). */
  readonly callStack?: readonly string[];
  /** The changes in DSL terms, one line each: `t1: lock → compress`, `phase[t1]: idle → read`; for the initial state, every variable. */
  readonly effects: readonly string[];
  /** `t1: Acquire(self=t1) — phase[t1]: idle → read` */
  readonly summary: string;
}

export interface LabelChange { readonly id: string; readonly from: string; readonly to: string }

/** Explain `result` using the source map and IR of the module it checked. */
export function explain(result: CheckResult, map: SourceMap, module: ir.Module): Explanation {
  const v = result.verdict;
  const configDsl = module.configs.find((c) => c.name === result.config)?.loc;
  const trace = 'trace' in v ? v.trace : [];
  return {
    backend: result.backend,
    module: result.module,
    config: result.config,
    verdict: v.kind,
    ...(v.kind === 'passed' ? {} : { problem: problemOf(v, map, module) }),
    ...(configDsl ? { configDsl } : {}),
    steps: trace.map((s, i) => explainStep(s, trace[i - 1], map, module)),
    // An action property's counterexample is a finite trace, its last step the violation: no lasso.
    ...(v.kind === 'property' && (v.loopsTo !== undefined || v.stuttering) ? { lasso: lassoOf(v, map, module) } : {}),
    ...(v.kind === 'deadlock' && trace.length > 0 ? { waiting: waitingIn(trace.at(-1)!, map, module) } : {}),
    ...(result.covers ? { covers: coversOf(result.covers, map, module) } : {}),
  };
}

type Covers = NonNullable<CheckResult['covers']>;
/**
 * Explained covers by the covers they explain: the cells of one `checkEach` search share one
 * covers array (they explore the same states), and explaining its witnesses again for every cell
 * had been a fifth of the zswap matrix's time.
 */
const explainedCovers = new WeakMap<Covers, { map: SourceMap; module: ir.Module; explained: readonly CoverExplained[] }>();
function coversOf(covers: Covers, map: SourceMap, module: ir.Module): readonly CoverExplained[] {
  const known = explainedCovers.get(covers);
  if (known?.map === map && known.module === module) return known.explained;
  const explained = covers.map((c) => coverOf(c, map, module));
  explainedCovers.set(covers, { map, module, explained });
  return explained;
}

function coverOf(c: NonNullable<CheckResult['covers']>[number], map: SourceMap, module: ir.Module): CoverExplained {
  const dsl = declaredAt(c.name, map, module);
  const w = c.witness;
  return {
    name: c.name, status: c.status, ...(dsl ? { dsl } : {}), ...(c.reason ? { reason: c.reason } : {}), ...(c.decidedBy ? { decidedBy: c.decidedBy } : {}),
    ...(w ? { witness: w.map((s, i) => explainStep(s, w[i - 1], map, module)) } : {}),
  };
}

/** Each process id whose `pc` is not `Done` in `s`, with the guards of the step at its label. */
function waitingIn(s: TraceState, map: SourceMap, module: ir.Module): Waiting[] {
  const entries = s.vars.pc === undefined ? undefined : functionEntries(s.vars.pc);
  return [...(entries ?? [])].flatMap(([id, v]) => {
    const label = showValue(v.text);
    if (label === 'Done') return [];
    const action = module.actions.find((a) => a.label === label);
    const dsl = action && declaredAt(action.name, map, module);
    const actor = showValue(id);
    const self = action?.params[0]?.binder.hint;
    return [{
      actor, label, ...(action ? { action: action.name } : {}), ...(dsl ? { dsl } : {}),
      guards: action ? waitGuards(action, map) : [],
      reads: action && self ? readsOf(action, { [self]: actor }, s.vars) : [],
    }];
  });
}

function lassoOf(v: Extract<Verdict, { kind: 'property' }>, map: SourceMap, module: ir.Module): Lasso {
  const last = v.trace.at(-1);
  const back = v.loopsTo !== undefined ? v.trace[v.loopsTo - 1] : undefined;
  // The closing step is explained like any other: what moved between the last state and `loopsTo`.
  const closing = !v.stuttering && last && back ? explainStep({ index: back.index, vars: back.vars }, last, map, module) : undefined;
  return { ...(v.loopsTo !== undefined ? { loopsTo: v.loopsTo } : {}), stuttering: v.stuttering, ...(closing?.action ? { closing } : {}) };
}

// ---------------------------------------------------------------------------------------------
// The problem

function problemOf(v: Exclude<Verdict, { kind: 'passed' }>, map: SourceMap, module: ir.Module): Problem {
  switch (v.kind) {
    case 'invariant':
    case 'property': {
      // TypeOK is generated from the variables' sorts: where the checker names the variable, its declaration.
      const typed = v.kind === 'invariant' && v.variable ? module.variables.find((x) => x.name === v.variable) : undefined;
      const dsl = typed?.loc ?? declaredAt(v.name, map, module);
      const what = v.kind === 'invariant' ? `invariant ${v.name}${v.initial ? ' violated by an initial state' : ' violated'}${typed ? `: variable ${typed.name} is outside its type` : ''}` : `property ${v.name ?? '(unnamed)'} violated`;
      return { kind: v.kind, ...(v.name ? { name: v.name } : {}), message: what, ...(dsl ? { dsl } : {}), ...(typed ? { variable: typed.name } : {}) };
    }
    case 'assert': {
      // TLC reports the Assert call's span; tla-checker only its message (the assert's name)
      // unless recoverActions() located it. Else: the first assert of that name.
      const dsl = (v.location && mapped(map, v.location)) ?? assertLoc(module, v.message);
      return { kind: 'assert', name: v.message, message: `assert ${v.message} failed`, ...(dsl ? { dsl } : {}), ...(v.location ? { tla: v.location } : {}) };
    }
    case 'evalError': {
      // The stack lists the outermost frame first; the innermost one with a mapping is most precise.
      const frame = [...v.stack].reverse().find((l) => mapped(map, l));
      return { kind: 'evalError', message: v.message, ...(frame ? { dsl: mapped(map, frame)!, tla: frame } : {}) };
    }
    case 'parseError': {
      const dsl = v.location && mapped(map, v.location);
      return { kind: 'parseError', message: v.message, ...(dsl ? { dsl } : {}), ...(v.location ? { tla: v.location } : {}) };
    }
    case 'deadlock': return { kind: 'deadlock', message: 'deadlock: a state with no enabled action' };
    case 'configError': return { kind: 'configError', message: v.message };
    case 'crashed': return { kind: 'crashed', message: v.message };
    case 'timeout': return { kind: 'timeout', message: `timed out after ${v.afterMs / 1000}s${v.progress?.distinct !== undefined ? ` (after ${v.progress.distinct.toLocaleString('en-US')} distinct states${v.progress.depth !== undefined ? `, depth ${v.progress.depth}` : ''})` : ''}` };
  }
}

/** The DSL declaration of a definition (invariant, property, action): source map first, then the IR. */
function declaredAt(name: string | undefined, map: SourceMap, module: ir.Module): ir.SourceLoc | undefined {
  if (!name) return undefined;
  return definitionSpan(map, name)?.dsl
    ?? module.definitions.find((d) => d.name === name)?.loc
    ?? module.actions.find((a) => a.name === name)?.loc;
}

function mapped(map: SourceMap, l: TlaLocation): ir.SourceLoc | undefined {
  if (l.module !== map.module) return undefined;
  return innermostAt(map, { line: l.startLine, col: l.startCol }, { line: l.endLine, col: l.endCol })?.dsl;
}

/** The first assert called `name`, over the actions in order, depth-first. */
function assertLoc(module: ir.Module, name: string): ir.SourceLoc | undefined {
  return collectAsserts(module).find((a) => a.name === name)?.loc;
}

// ---------------------------------------------------------------------------------------------
// Steps

function explainStep(s: TraceState, prev: TraceState | undefined, map: SourceMap, module: ir.Module): Step {
  const changes = prev ? Object.entries(s.vars).flatMap(([k, v]) => diffValues(k, prev.vars[k], v)) : [];
  const labels = prev ? labelChanges(prev.vars.pc, s.vars.pc) : [];
  const given = paramsOf(s.action, module);
  const actor = labels.length === 1 ? labels[0]!.id : given.params.self;
  const { action, unit, params, args } = resolveAction(s.action?.name, given, actor !== undefined && prev ? processStep(module, prev.vars.pc, actor) : undefined, actor, module);
  const callStack = actor !== undefined && s.vars.stack !== undefined ? callStackOf(s.vars.stack, actor) : undefined;
  const stackBefore = actor !== undefined && prev?.vars.stack !== undefined ? callStackOf(prev.vars.stack, actor) : undefined;
  const location = s.action?.name === action ? s.action?.location : undefined;
  const dsl = action !== undefined ? declaredAt(action, map, module) ?? (location && mapped(map, location)) : undefined;
  const taken = action !== undefined ? module.actions.find((a) => a.name === action) : undefined;
  const statement = taken && statementOf(taken, changes.map((c) => c.variable), map);
  const reads = taken && prev ? readsOf(taken, params, prev.vars) : undefined;
  const step: Omit<Step, 'summary' | 'effects'> = {
    index: s.index,
    ...(action !== undefined ? { action } : {}),
    params,
    ...(args !== undefined ? { args } : {}),
    ...(actor !== undefined ? { actor } : {}),
    ...(unit ? { unit } : {}),
    ...(dsl ? { dsl } : {}),
    ...(statement ? { statement } : {}),
    ...(reads ? { reads } : {}),
    vars: s.vars,
    changes,
    labels,
    ...(callStack ? { callStack } : {}),
  };
  const effects = prev ? effectsOf(step, stackBefore) : Object.entries(s.vars).map(([k, v]) => changeText({ variable: k, path: k, to: v }));
  const head = `${actor !== undefined ? `${actor}: ` : ''}${prev ? callText(step) : 'initial state'}`;
  return { ...step, effects, summary: effects.length ? `${head} — ${effects.join('; ')}` : head };
}

interface Resolved { action?: string; unit?: Step['unit']; params: Record<string, string>; args?: string }

/**
 * The action a step took. tla-checker names only the disjunct of Next (a process's step
 * definition) or nothing; the actor's label before the step then says which labelled action it
 * was, and the id that moved is that action's one parameter.
 */
function resolveAction(reported: string | undefined, given: { params: Record<string, string>; args?: string }, taken: ir.Action | undefined, actor: string | undefined, module: ir.Module): Resolved {
  if (reported !== undefined && !isStepDefinition(module, reported)) return { action: reported, ...given, ...(taken?.name === reported ? unitOf(taken) : {}) };
  if (!taken) return { ...(reported !== undefined ? { action: reported } : {}), ...given };
  const self = taken.params[0]?.binder.hint;
  const unnamed = Object.keys(given.params).length === 0 && given.args === undefined;
  return { action: taken.name, ...unitOf(taken), ...(unnamed && self && actor !== undefined ? { params: { [self]: actor } } : given) };
}

function unitOf(a: ir.Action): { unit?: Step['unit'] } {
  return a.process !== undefined && a.label !== undefined ? { unit: { name: a.process, label: a.label } } : {};
}

/**
 * Named parameters in DSL terms. TLC's JSON trace quotes model values (`"t1"`); its text trace
 * gives only `Acquire(t1)`, whose arguments are matched to the IR action's parameter names.
 */
function paramsOf(action: TraceState['action'], module: ir.Module): { params: Record<string, string>; args?: string } {
  const raw = action?.params ?? {};
  const text = action?.args;
  if (text === undefined || Object.keys(raw).length) return { params: Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, showValue(v)])) };
  const names = module.actions.find((a) => a.name === action!.name)?.params.map((p) => p.binder.hint);
  const values = splitTopLevel(text);
  if (!names || names.length !== values.length) return { params: {}, args: text };
  return { params: Object.fromEntries(names.map((n, i) => [n, showValue(values[i]!)])) };
}

function labelChanges(before: string | undefined, after: string | undefined): LabelChange[] {
  if (before === undefined || after === undefined) return [];
  const a = functionEntries(before);
  const b = functionEntries(after);
  if (!a || !b) return [];
  return [...b].flatMap(([id, v]) => {
    const old = a.get(id);
    return old && old.text !== v.text ? [{ id: showValue(id), from: showValue(old.text), to: showValue(v.text) }] : [];
  });
}

/** The lowered action a process id takes from its current label (labels are unique in a module). */
function processStep(module: ir.Module, pcBefore: string | undefined, actor: string): ir.Action | undefined {
  const entries = pcBefore === undefined ? undefined : functionEntries(pcBefore);
  const label = entries && [...entries].find(([id]) => showValue(id) === actor)?.[1].text;
  return label === undefined ? undefined : module.actions.find((a) => a.label === showValue(label));
}

function isStepDefinition(module: ir.Module, name: string): boolean {
  return module.definitions.some((d) => d.role === 'step' && d.name === name);
}

/** `stack[actor]` is a sequence of frames `[procedure |-> "P", pc |-> …]`, innermost call first. */
function callStackOf(stack: string, actor: string): string[] | undefined {
  const frames = [...(functionEntries(stack) ?? [])].find(([id]) => showValue(id) === actor)?.[1];
  if (!frames || frames.k !== 'seq') return undefined;
  const names = frames.items.map((f) => (f.k === 'record' ? f.fields.find(([n]) => n === 'procedure')?.[1].text : undefined));
  return names.every((n) => n !== undefined) ? names.map(showValue).reverse() : undefined;
}

/** Label moves first, then the other changes, with the actor's `stack` shown as its procedure calls. */
function effectsOf(s: Omit<Step, 'summary' | 'effects'>, stackBefore: readonly string[] | undefined): string[] {
  const chain = (c: readonly string[]) => (c.length ? c.join(' › ') : '(none)');
  const decodedStack = stackBefore && s.callStack ? `stack[${s.actor}]` : undefined;
  return [
    ...s.labels.map((l) => `${l.id}: ${l.from} → ${l.to}`),
    ...s.changes.flatMap((c) => {
      if (c.variable === 'pc' && s.labels.length > 0) return [];
      if (c.path === decodedStack) return [`calls of ${s.actor}: ${chain(stackBefore!)} → ${chain(s.callStack!)}`];
      return [changeText(c)];
    }),
  ];
}

/** `Acquire(self=t1)`, `Acquire(t1)` (unnamed arguments), or `(unknown action)`. */
export function callText(s: Pick<Step, 'action' | 'params' | 'args'>): string {
  if (!s.action) return '(unknown action)';
  const named = Object.entries(s.params).map(([k, v]) => `${k}=${v}`).join(', ');
  const inner = s.args ?? named;
  return inner === '' ? s.action : `${s.action}(${inner})`;
}

/** `phase[t1]: idle → read`, or `counter = 0` for a value with no predecessor; always one line. */
export function changeText(c: Change): string {
  const show = (t: string) => showValue(t).replace(/\s+/g, ' ');
  return c.from === undefined ? `${c.path} = ${show(c.to)}` : `${c.path}: ${show(c.from)} → ${show(c.to)}`;
}
