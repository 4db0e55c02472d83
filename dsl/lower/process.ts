import * as ir from '../ir/nodes.js';
import { mapExpr, unreachable } from '../ir/walk.js';
import { calledIn, labelsIn, localsOf, reachableProcedures, unitsOf, type Unit } from './units.js';

/**
 * Lowers processes and procedures to plain actions, the way pcal.trans does: a `pc` variable
 * per process id, one action per label (`<Process>_<label>(self)`), a `stack` only when some
 * procedure is called, and per-process locals as functions of `self`. A local that no step reads
 * before writing it is kept out of the state (its value is substituted within the step).
 * The source rules (dsl/lower/rules) have passed: every goto has a target, every call a
 * procedure and a return point, every body a first label; a broken assumption is an internal error.
 */

export interface ProcessModel {
  readonly processes: readonly ir.ProcessDecl[];
  readonly procedures: readonly ir.ProcedureDecl[];
  /** Global variables, for priming reads that follow a write in the same step. */
  readonly globals: readonly string[];
}

export interface Lowered {
  readonly variables: ir.VariableDecl[];
  readonly actions: ir.ActionDecl[];
  /** `ProcSet` (first) and the per-process/procedure step disjunctions. */
  readonly procSet: ir.Definition;
  readonly stepDefs: ir.Definition[];
  readonly termination: ir.Definition;
  /** Every process is at Done: `Termination` says it eventually holds, emit's `Terminating` stutters there. */
  readonly allDone: ir.Expr;
  readonly info: ir.ProcessInfo[];
}

const PROCSET: ir.Expr = { kind: 'ref', name: 'ProcSet' };
const str = (value: string): ir.Expr => ({ kind: 'str', value });

export function lowerProcesses(pm: ProcessModel): Lowered {
  const units = unitsOf(pm);
  const labels = collectLabels(units);
  const usesStack = units.some((u) => calledIn(u.decl.body).length > 0);

  // Pass 1 keeps every local and notes which are read before being written in some step.
  const probe = new Lowerer(pm, labels, usesStack, new Set());
  for (const u of units) probe.lowerUnit(u);
  const allLocals = units.flatMap(localsOf);
  // A local nothing reads is dropped too, with what is assigned to it (rule ZT100 warns of it).
  const temps = new Set(allLocals.map((l) => l.name).filter((n) => !probe.readBeforeWrite.has(n)));
  // Pass 2 is the real one.
  const lw = new Lowerer(pm, labels, usesStack, temps);
  const actions = units.flatMap((u) => lw.lowerUnit(u));

  const procSet: ir.Definition = {
    name: 'ProcSet', params: [], role: 'helper', loc: pm.processes[0]!.loc,
    body: pm.processes.slice(1).reduce<ir.Expr>((acc, p) => ({ kind: 'infix', op: '\\cup', left: acc, right: p.ids }), pm.processes[0]!.ids),
  };
  const allLabels = [...labels.keys(), 'Done'];
  const pcSort: ir.SortNode = { kind: 'fn', dom: PROCSET, rng: { kind: 'enum', values: allLabels } };
  const pcInit = initPerProcess(pm.processes, (p) => str(firstLabel(p.body)));
  const variables: ir.VariableDecl[] = [{ name: 'pc', sort: pcSort, init: pcInit, loc: pm.processes[0]!.loc }];
  if (usesStack) {
    const self: ir.Binder = ir.binder('p');
    variables.push({
      name: 'stack',
      sort: { kind: 'fn', dom: PROCSET, rng: { kind: 'seq', elem: { kind: 'bool' }, max: 0 } },
      init: { kind: 'fn', binder: self, set: PROCSET, body: { kind: 'tuple', elements: [] } },
      typeInvariant: { kind: 'infix', op: '\\in', left: { kind: 'builtin', op: 'DOMAIN', args: [{ kind: 'ref', name: 'stack' }] }, right: { kind: 'builtin', op: 'SUBSET', args: [PROCSET] } },
      loc: pm.procedures[0]?.loc ?? pm.processes[0]!.loc,
    });
  }
  for (const p of pm.processes) {
    for (const l of p.locals) if (!temps.has(l.name)) variables.push(localVar(l, initPerProcess([p], () => l.init), p.ids));
  }
  for (const q of pm.procedures) {
    for (const l of [...q.params, ...q.locals]) if (!temps.has(l.name)) variables.push(localVar(l, constFn(PROCSET, l.init), PROCSET));
  }

  const info: ir.ProcessInfo[] = pm.processes.map((p) => ({ name: p.name, ids: p.ids, self: lw.selfOf(p.name), fairness: p.fairness, ...(p.unfair?.length ? { unfair: p.unfair } : {}), labels: labelsIn(p.body).map((l) => l.name) }));
  // Procedures first: a process's step disjunction names them, and TLA+ wants definition before use.
  const stepDefs: ir.Definition[] = [...units].sort((a, b) => (a.kind === b.kind ? 0 : a.kind === 'procedure' ? -1 : 1)).map((u) => {
    const self = lw.selfOf(u.decl.name);
    const own = actions.filter((a) => a.process === u.decl.name).map((a): ir.Expr => ({ kind: 'call', op: a.name, args: [{ kind: 'bound', binder: self }] }));
    // Only the procedures this process can reach: fewer disjuncts for the checker to try.
    const callees = u.kind === 'process'
      ? [...reachableProcedures(u.decl.body, pm.procedures)].map((q): ir.Expr => ({ kind: 'call', op: q, args: [{ kind: 'bound', binder: self }] }))
      : [];
    return { name: u.decl.name, params: [self], role: 'step', loc: u.decl.loc, body: { kind: 'or', operands: [...own, ...callees] } };
  });
  const p = ir.binder('p');
  const allDone: ir.Expr = { kind: 'quant', quantifier: '\\A', binder: p, set: PROCSET, body: { kind: 'infix', op: '=', left: { kind: 'apply', fn: { kind: 'ref', name: 'pc' }, arg: { kind: 'bound', binder: p } }, right: str('Done') } };
  const termination: ir.Definition = { name: 'Termination', params: [], role: 'property', loc: pm.processes[0]!.loc, body: { kind: 'builtin', op: '<>', args: [allDone] }, doc: 'every process eventually reaches Done' };
  return { variables, actions, procSet, stepDefs, termination, allDone, info };
}

function localVar(l: ir.LocalDecl, init: ir.Expr, dom: ir.Expr): ir.VariableDecl {
  return { name: l.name, sort: { kind: 'fn', dom, rng: l.sort }, init, loc: l.loc };
}

function constFn(dom: ir.Expr, value: ir.Expr): ir.Expr {
  const b: ir.Binder = ir.binder('p');
  return { kind: 'fn', binder: b, set: dom, body: value };
}

/** `[p \in ProcSet |-> CASE p \in A -> a [] p \in B -> b]`, or a plain function for one process. */
function initPerProcess(ps: readonly ir.ProcessDecl[], value: (p: ir.ProcessDecl) => ir.Expr): ir.Expr {
  const b: ir.Binder = ir.binder('p');
  if (ps.length === 1) return constFn(ps[0]!.ids, value(ps[0]!));
  return { kind: 'fn', binder: b, set: PROCSET, body: { kind: 'case', arms: ps.map((p) => [{ kind: 'infix', op: '\\in', left: { kind: 'bound', binder: b }, right: p.ids }, value(p)] as const) } };
}

/** The label a body starts with (rule ZT030). */
function firstLabel(body: readonly ir.Stmt[]): string {
  const s = body[0];
  if (s?.kind === 'label') return s.name;
  if (s?.kind === 'while') return s.label;
  throw new Error('internal: a body without a first label reached lowering');
}

/** Where each label's step starts: the statements after it, and what follows when they end. */
interface Entry { readonly unit: Unit; readonly stmts: readonly ir.Stmt[]; readonly cont: Cont; readonly loc: ir.SourceLoc; readonly loopHead: boolean }
type Cont = readonly (readonly ir.Stmt[])[];

/**
 * `cont` as a later branch of an IF or either runs it: PlusCal copies the statements after the
 * branch into each one, and each copy here gets location objects of its own (the same places),
 * so a checker that locates expressions by their IR node's location (the compiled verifier)
 * tells the copies apart. Only the statements up to the step's end (a label, a loop) are copied:
 * the rest is another step's.
 */
function withOwnLocations(cont: Cont): Cont {
  const out: (readonly ir.Stmt[])[] = [];
  let copying = true;
  for (const list of cont) {
    const end = copying ? list.findIndex((s) => s.kind === 'label' || s.kind === 'while') : 0;
    out.push(!copying ? list : end < 0 ? structuredClone(list) : [...structuredClone(list.slice(0, end)), ...list.slice(end)]);
    if (end >= 0) copying = false;
  }
  return out;
}

function collectLabels(units: readonly Unit[]): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const add = (name: string, e: Entry) => { out.set(name, e); }; // unique and not 'Done' (rules ZT031, ZT032)
  const walk = (unit: Unit, ss: readonly ir.Stmt[], cont: Cont) => {
    ss.forEach((s, i) => {
      const rest = [ss.slice(i + 1), ...cont];
      switch (s.kind) {
        case 'label': add(s.name, { unit, stmts: ss.slice(i + 1), cont, loc: s.loc, loopHead: false }); break;
        case 'while':
          add(s.label, { unit, stmts: ss.slice(i), cont, loc: s.loc, loopHead: true });
          walk(unit, s.body, [[{ kind: 'goto', label: s.label, loc: s.loc }]]);
          break;
        case 'if': walk(unit, s.then, rest); walk(unit, s.else, rest); break;
        case 'either': s.alts.forEach((a) => walk(unit, a, rest)); break;
        case 'with': walk(unit, s.body, rest); break;
        case 'guard': case 'assign': case 'assert': case 'skip': case 'goto': case 'call': case 'return': break;
        default: unreachable(s);
      }
    });
  };
  for (const u of units) walk(u, u.decl.body, []);
  return out;
}

/** State threaded along one path through a step. */
interface PathCtx {
  /** Written so far on this path: later reads see the primed value. */
  readonly assigned: Set<string>;
  readonly temps: Map<string, ir.Expr>;
}
const fork = (c: PathCtx): PathCtx => ({ assigned: new Set(c.assigned), temps: new Map(c.temps) });

class Lowerer {
  readonly readBeforeWrite = new Set<string>();
  private readonly selves = new Map<string, ir.Binder>();
  private readonly localsOf = new Map<string, Set<string>>();
  private readonly globals: Set<string>;
  private unit!: Unit;
  private self!: ir.Binder;

  constructor(private readonly pm: ProcessModel, private readonly labels: Map<string, Entry>, private readonly usesStack: boolean, private readonly temps: Set<string>) {
    this.globals = new Set(pm.globals);
    for (const u of unitsOf(pm)) this.localsOf.set(u.decl.name, new Set(localsOf(u).map((l) => l.name)));
  }

  selfOf(unit: string): ir.Binder {
    let b = this.selves.get(unit);
    if (!b) { b = ir.binder('self'); this.selves.set(unit, b); }
    return b;
  }

  lowerUnit(u: Unit): ir.ActionDecl[] {
    this.unit = u;
    this.self = this.selfOf(u.decl.name);
    const ids = u.kind === 'process' ? u.decl.ids : PROCSET;
    return [...this.labels].filter(([, e]) => e.unit.decl === u.decl).map(([name, e]) => {
      const ctx: PathCtx = { assigned: new Set(), temps: new Map() };
      const atLabel: ir.ActionItem = { kind: 'guard', cond: { kind: 'infix', op: '=', left: this.pcOfSelf(), right: str(name) }, loc: e.loc };
      const body = e.loopHead ? this.loopHead(e.stmts, e.cont, ctx) : this.exec(e.stmts, e.cont, ctx);
      return { name: `${u.decl.name}_${name}`, params: [{ binder: this.self, set: ids }], body: [atLabel, ...body], fairness: 'none', loc: e.loc, process: u.decl.name, label: name };
    });
  }

  private pcOfSelf(): ir.Expr { return { kind: 'apply', fn: { kind: 'ref', name: 'pc' }, arg: this.selfRef() }; }
  private selfRef(): ir.Expr { return { kind: 'bound', binder: this.self }; }

  /** The loop test at a `while` label: the body, or what follows the loop. */
  private loopHead(stmts: readonly ir.Stmt[], cont: Cont, ctx: PathCtx): ir.ActionItem[] {
    const w = stmts[0] as Extract<ir.Stmt, { kind: 'while' }>;
    const cond = this.resolve(w.cond, ctx);
    const back: Cont = [[{ kind: 'goto', label: w.label, loc: w.loc }]];
    // `while (TRUE)`: the body alone, what follows the loop is never reached (as pcal.trans).
    if (cond.kind === 'bool' && cond.value) return this.exec(w.body, back, ctx);
    const inBody = fork(ctx);
    const after = fork(ctx);
    return [{ kind: 'either', loc: w.loc, cond, alts: [this.exec(w.body, back, inBody), this.exec(stmts.slice(1), cont, after)] }];
  }

  /** Symbolically execute statements until every path reaches a label, goto, call or return. */
  private exec(stmts: readonly ir.Stmt[], cont: Cont, ctx: PathCtx): ir.ActionItem[] {
    const items: ir.ActionItem[] = [];
    for (let i = 0; i < stmts.length; i++) {
      const s = stmts[i]!;
      const rest: Cont = [stmts.slice(i + 1), ...cont];
      switch (s.kind) {
        case 'label': return [...items, ...this.jump(s.name, ctx, s.loc)];
        case 'while': return [...items, ...this.jump(s.label, ctx, s.loc)];
        case 'goto': return [...items, ...this.jump(s.label, ctx, s.loc)];
        case 'skip': break;
        case 'guard': items.push({ kind: 'guard', cond: this.resolve(s.cond, ctx), loc: s.loc }); break;
        case 'assert': items.push({ kind: 'assert', name: s.name, cond: this.resolve(s.cond, ctx), loc: s.loc }); break;
        case 'assign': { const it = this.assign(s, ctx); if (it) items.push(it); break; }
        case 'if': {
          const cond = this.resolve(s.cond, ctx);
          const yes = fork(ctx);
          const no = fork(ctx);
          return [...items, { kind: 'either', loc: s.loc, cond, alts: [this.exec(s.then, rest, yes), this.exec(s.else, withOwnLocations(rest), no)] }];
        }
        case 'either':
          return [...items, { kind: 'either', loc: s.loc, alts: s.alts.map((a, j) => this.exec(a, j === 0 ? rest : withOwnLocations(rest), fork(ctx))) }];
        case 'with':
          return [...items, { kind: 'with', binder: s.binder, set: this.resolve(s.set, ctx), body: this.exec(s.body, rest, ctx), loc: s.loc }];
        case 'call': return [...items, ...this.call(s, rest, ctx)];
        case 'return': return [...items, ...this.ret(ctx, s.loc)];
        default: unreachable(s);
      }
    }
    const [next, ...more] = cont;
    if (next) return [...items, ...this.exec(next, more, ctx)];
    const end = this.unit.decl.loc;
    return [...items, ...(this.unit.kind === 'process' ? this.jump('Done', ctx, end) : this.ret(ctx, end))];
  }

  /** Reads inside a step see earlier writes of the same step (PlusCal's sequential semantics). */
  private resolve(e: ir.Expr, ctx: PathCtx): ir.Expr {
    return mapExpr(e, (x) => {
      if (x.kind === 'self') return this.selfRef();
      if (x.kind === 'local') {
        if (!this.localsOf.get(this.unit.decl.name)?.has(x.name)) throw new Error(`internal: '${x.name}' is not a local of ${this.unit.decl.name} (rule ZT037)`);
        const temp = ctx.temps.get(x.name);
        if (temp) return temp;
        if (!ctx.assigned.has(x.name)) this.readBeforeWrite.add(x.name);
        const base: ir.Expr = ctx.assigned.has(x.name) ? { kind: 'prime', operand: { kind: 'ref', name: x.name } } : { kind: 'ref', name: x.name };
        return { kind: 'apply', fn: base, arg: this.selfRef(), ...(x.loc ? { loc: x.loc } : {}) };
      }
      if (x.kind === 'ref' && this.globals.has(x.name) && ctx.assigned.has(x.name)) return { kind: 'prime', operand: x, ...(x.loc ? { loc: x.loc } : {}) };
      return x;
    });
  }

  /** Note a write on this path (a second write is rule ZT010's to report, on the lowered step). */
  private claim(variable: string, ctx: PathCtx): void {
    ctx.assigned.add(variable);
  }

  private assign(a: ir.Assign, ctx: PathCtx): ir.ActionItem | undefined {
    const value = this.resolve(a.value, ctx);
    const isLocal = this.localsOf.get(this.unit.decl.name)?.has(a.variable) ?? false;
    if (!isLocal) {
      this.claim(a.variable, ctx);
      return { ...a, value };
    }
    if (this.temps.has(a.variable)) { ctx.temps.set(a.variable, value); return undefined; }
    this.claim(a.variable, ctx);
    return { kind: 'assign', variable: a.variable, value: this.atSelf(a.variable, value, a.loc), loc: a.loc };
  }

  /** `[v EXCEPT ![self] = value]` */
  private atSelf(variable: string, value: ir.Expr, loc: ir.SourceLoc): ir.Expr {
    return { kind: 'except', fn: { kind: 'ref', name: variable }, updates: [{ path: [{ kind: 'index', key: this.selfRef() }], value }], loc };
  }

  private setSelf(variable: string, value: ir.Expr, loc: ir.SourceLoc, ctx: PathCtx): ir.ActionItem {
    this.claim(variable, ctx);
    return { kind: 'assign', variable, value: this.atSelf(variable, value, loc), loc };
  }

  private jump(target: string, ctx: PathCtx, loc: ir.SourceLoc): ir.ActionItem[] {
    return [this.setSelf('pc', str(target), loc, ctx)];
  }

  private keptOf(q: ir.ProcedureDecl): ir.LocalDecl[] {
    return [...q.params, ...q.locals].filter((l) => !this.temps.has(l.name));
  }

  private stackTop(): ir.Expr {
    return { kind: 'apply', fn: { kind: 'apply', fn: { kind: 'ref', name: 'stack' }, arg: this.selfRef() }, arg: { kind: 'int', value: 1 } };
  }

  /** Push a frame (return label, the callee's current params and locals), enter the callee. */
  private call(s: Extract<ir.Stmt, { kind: 'call' }>, rest: Cont, ctx: PathCtx): ir.ActionItem[] {
    const q = this.pm.procedures.find((p) => p.name === s.procedure);
    if (!q) throw new Error(`internal: call of unknown procedure '${s.procedure}' (rule ZT038)`);
    // Where the call returns to: the next label (or loop), the target of a following goto, or
    // Done when the call ends a process body.
    const next = rest.find((r) => r.length > 0)?.[0];
    const back = next === undefined ? (this.unit.kind === 'process' ? 'Done' : undefined)
      : next.kind === 'label' ? next.name : next.kind === 'while' || next.kind === 'goto' ? next.label : undefined;
    if (!back) throw new Error(`internal: a call of '${q.name}' with no return point (rule ZT039)`);
    const args = s.args.map((a) => this.resolve(a, ctx));
    const frame: ir.Expr = {
      kind: 'record',
      fields: [['procedure', str(q.name)], ['pc', str(back)], ...this.keptOf(q).map((l) => [l.name, { kind: 'apply', fn: { kind: 'ref', name: l.name }, arg: this.selfRef() }] as const)],
    };
    const items: ir.ActionItem[] = [];
    this.claim('stack', ctx);
    items.push({ kind: 'assign', variable: 'stack', value: this.atSelf('stack', { kind: 'infix', op: '\\o', left: { kind: 'tuple', elements: [frame] }, right: { kind: 'apply', fn: { kind: 'ref', name: 'stack' }, arg: this.selfRef() } }, s.loc), loc: s.loc });
    q.params.forEach((p, i) => { if (!this.temps.has(p.name)) items.push(this.setSelf(p.name, args[i]!, s.loc, ctx)); });
    for (const l of q.locals) if (!this.temps.has(l.name)) items.push(this.setSelf(l.name, l.init, s.loc, ctx));
    items.push(this.setSelf('pc', str(firstLabel(q.body)), s.loc, ctx));
    return items;
  }

  /** Pop the frame: restore the caller's view of params and locals, continue at the return label. */
  private ret(ctx: PathCtx, loc: ir.SourceLoc): ir.ActionItem[] {
    const q = (this.unit as Extract<Unit, { kind: 'procedure' }>).decl;
    if (!this.usesStack) throw new Error('internal: return without a stack (rule ZT040)');
    const top = this.stackTop();
    return [
      this.setSelf('pc', { kind: 'field', record: top, name: 'pc' }, loc, ctx),
      ...this.keptOf(q).map((l) => this.setSelf(l.name, { kind: 'field', record: top, name: l.name }, loc, ctx)),
      this.setSelf('stack', { kind: 'builtin', op: 'Tail', args: [{ kind: 'apply', fn: { kind: 'ref', name: 'stack' }, arg: this.selfRef() }] }, loc, ctx),
    ];
  }
}
