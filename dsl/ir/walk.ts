import type * as ir from './nodes.js';

/**
 * Walkers over the IR. Every switch here ends in `unreachable(x)`, whose parameter is `never`:
 * adding a node kind without handling it is a compile error here, not a silent skip in a pass.
 * Passes use these instead of their own recursions.
 */

/** The `never` default of an exhaustive switch. */
export function unreachable(x: never): never {
  throw new Error(`internal: unhandled IR node ${JSON.stringify(x)}`);
}

/** The direct sub-expressions of `e`, in printing order. */
export function exprChildren(e: ir.Expr): readonly ir.Expr[] {
  switch (e.kind) {
    case 'bool': case 'int': case 'str': case 'ref': case 'bound': case 'at': case 'unchanged': case 'local': case 'self':
      return [];
    case 'prime': case 'not': case 'neg': return [e.operand];
    case 'call': case 'builtin': return e.args;
    case 'infix': return [e.left, e.right];
    case 'and': case 'or': return e.operands;
    case 'setEnum': case 'tuple': return e.elements;
    case 'quant': case 'choose': case 'setMap': case 'fn': return [e.set, e.body];
    case 'setFilter': return [e.set, e.pred];
    case 'record': case 'recordSet': return e.fields.map(([, v]) => v);
    case 'field': return [e.record];
    case 'apply': return [e.fn, e.arg];
    case 'fnSet': return [e.dom, e.rng];
    case 'except': return [e.fn, ...e.updates.flatMap((u) => [...u.path.flatMap((p) => (p.kind === 'index' ? [p.key] : [])), u.value])];
    case 'if': return [e.cond, e.then, e.else];
    case 'case': return [...e.arms.flatMap(([c, v]) => [c, v]), ...(e.other ? [e.other] : [])];
    case 'let': return [e.value, e.body];
    case 'fair': return [e.action];
    case 'boxAction': return e.sub ? [e.action, e.sub] : [e.action];
    default: return unreachable(e);
  }
}

/**
 * The name `e` is, when it is one alone: a reference, or an operator called without arguments
 * (printed the same, and so the same to TLC).
 */
export function bareName(e: ir.Expr): string | undefined {
  return e.kind === 'ref' ? e.name : e.kind === 'call' && !e.args.length ? e.op : undefined;
}

/** `e` without the junctions of one operand around it, which print as that operand (SANY has no node for them). */
export function soleOperand(e: ir.Expr): ir.Expr {
  return (e.kind === 'and' || e.kind === 'or') && e.operands.length === 1 ? soleOperand(e.operands[0]!) : e;
}

/**
 * Rebuild `e` bottom-up, letting `f` replace any node after its children were mapped. `f`
 * returns the node unchanged when it has nothing to say. Locations are kept.
 */
export function mapExpr(e: ir.Expr, f: (e: ir.Expr) => ir.Expr): ir.Expr {
  const m = (x: ir.Expr) => mapExpr(x, f);
  let body: ir.ExprBody;
  switch (e.kind) {
    case 'bool': case 'int': case 'str': case 'ref': case 'bound': case 'at': case 'unchanged': case 'local': case 'self':
      return f(e);
    case 'prime': case 'not': case 'neg': body = { kind: e.kind, operand: m(e.operand) }; break;
    case 'call': body = { kind: 'call', op: e.op, args: e.args.map(m) }; break;
    case 'builtin': body = { kind: 'builtin', op: e.op, args: e.args.map(m) }; break;
    case 'infix': body = { kind: 'infix', op: e.op, left: m(e.left), right: m(e.right) }; break;
    case 'and': case 'or': body = { kind: e.kind, operands: e.operands.map(m) }; break;
    case 'setEnum': case 'tuple': body = { kind: e.kind, elements: e.elements.map(m) }; break;
    case 'quant': body = { kind: 'quant', quantifier: e.quantifier, binder: e.binder, set: m(e.set), body: m(e.body) }; break;
    case 'choose': case 'setMap': case 'fn': body = { kind: e.kind, binder: e.binder, set: m(e.set), body: m(e.body) }; break;
    case 'setFilter': body = { kind: 'setFilter', binder: e.binder, set: m(e.set), pred: m(e.pred) }; break;
    case 'record': case 'recordSet': body = { kind: e.kind, fields: e.fields.map(([n, v]) => [n, m(v)] as const) }; break;
    case 'field': body = { kind: 'field', record: m(e.record), name: e.name }; break;
    case 'apply': body = { kind: 'apply', fn: m(e.fn), arg: m(e.arg) }; break;
    case 'fnSet': body = { kind: 'fnSet', dom: m(e.dom), rng: m(e.rng) }; break;
    case 'except':
      body = { kind: 'except', fn: m(e.fn), updates: e.updates.map((u) => ({ path: u.path.map((p) => (p.kind === 'index' ? { kind: 'index' as const, key: m(p.key) } : p)), value: m(u.value) })) };
      break;
    case 'if': body = { kind: 'if', cond: m(e.cond), then: m(e.then), else: m(e.else) }; break;
    case 'case': body = { kind: 'case', arms: e.arms.map(([c, v]) => [m(c), m(v)] as const), ...(e.other ? { other: m(e.other) } : {}) }; break;
    case 'let': body = { kind: 'let', name: e.name, value: m(e.value), body: m(e.body) }; break;
    case 'fair': body = { kind: 'fair', strong: e.strong, action: m(e.action) }; break;
    case 'boxAction': body = { kind: 'boxAction', action: m(e.action), ...(e.sub ? { sub: m(e.sub) } : {}) }; break;
    default: return unreachable(e);
  }
  return f(e.loc ? { ...body, loc: e.loc } : body);
}

/** A node and the location of the innermost node around it (itself included) that has one. */
export interface Located<T> { readonly node: T; readonly loc: ir.SourceLoc }

/** Every node of `e`, pre-order, each with the nearest known location (`fallback` above `e`). */
export function* exprNodes(e: ir.Expr, fallback: ir.SourceLoc): Generator<Located<ir.Expr>> {
  // A stack, not a generator per node: a nested `yield*` passes every node up through each
  // generator above it, and the static rules walk every expression of every model this way.
  // Each entry is a node and the location above it; the node's own is read when it is reached.
  const stack: [ir.Expr, ir.SourceLoc][] = [[e, fallback]];
  while (stack.length > 0) {
    const [node, above] = stack.pop()!;
    const loc = node.loc ?? above;
    yield { node, loc };
    const children = exprChildren(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i]!, loc]);
  }
}

/** Does any node of `e` satisfy `p`? */
export function someExpr(e: ir.Expr, p: (e: ir.Expr) => boolean): boolean {
  return p(e) || exprChildren(e).some((c) => someExpr(c, p));
}

// ---------------------------------------------------------------- statements and action items

/** The statement lists nested directly in `s` (branches, bodies). */
export function stmtChildren(s: ir.Stmt): readonly (readonly ir.Stmt[])[] {
  switch (s.kind) {
    case 'guard': case 'assign': case 'assert': case 'label': case 'skip': case 'goto': case 'call': case 'return':
      return [];
    case 'either': return s.alts;
    case 'with': case 'while': return [s.body];
    case 'if': return [s.then, s.else];
    default: return unreachable(s);
  }
}

/** The expressions `s` itself holds (not those of nested statements). */
export function stmtExprs(s: ir.Stmt): readonly ir.Expr[] {
  switch (s.kind) {
    case 'guard': case 'assert': case 'if': case 'while': return [s.cond];
    case 'assign': return [s.value];
    case 'with': return [s.set];
    case 'call': return s.args;
    case 'either': return s.cond ? [s.cond] : [];
    case 'label': case 'skip': case 'goto': case 'return': return [];
    default: return unreachable(s);
  }
}

/** Every statement in `body`, nested ones included, depth-first in source order. */
export function* allStmts(body: readonly ir.Stmt[]): Generator<ir.Stmt> {
  // A stack of statements still to visit, the next on top (as in exprNodes).
  const stack = [...body].reverse();
  while (stack.length > 0) {
    const s = stack.pop()!;
    yield s;
    const lists = stmtChildren(s);
    for (let i = lists.length - 1; i >= 0; i--) for (let j = lists[i]!.length - 1; j >= 0; j--) stack.push(lists[i]![j]!);
  }
}

/** `body` and every statement list nested in it (branches, loop and `with` bodies), outermost first. */
export function* stmtLists(body: readonly ir.Stmt[]): Generator<readonly ir.Stmt[]> {
  yield body;
  for (const s of body) for (const list of stmtChildren(s)) yield* stmtLists(list);
}

/** Every expression node in `body`'s statements, each with its nearest known location. */
export function* stmtExprNodes(body: readonly ir.Stmt[]): Generator<Located<ir.Expr>> {
  for (const s of allStmts(body)) for (const e of stmtExprs(s)) yield* exprNodes(e, s.loc);
}

/** Action items are statements without control flow: the same walkers apply. */
export const allItems = allStmts as (body: readonly ir.ActionItem[]) => Generator<ir.ActionItem>;

/** Every `assert` in `body`, nested ones included, in source order. */
export function assertsIn(body: readonly ir.ActionItem[]): ir.AssertItem[] {
  return [...allItems(body)].filter((it): it is ir.AssertItem => it.kind === 'assert');
}

/** Every `assert` in the module's actions (process steps included), in source order. */
export function collectAsserts(m: Pick<ir.Module, 'actions'>): ir.AssertItem[] {
  return m.actions.flatMap((a) => assertsIn(a.body));
}

/** The expressions a sort holds (a function's domain, a member sort's set, an integer or length bound): TypeOK prints them. */
export function sortExprs(s: ir.SortNode): ir.Expr[] {
  const bound = (b: ir.Bound): ir.Expr[] => (typeof b === 'number' ? [] : [b]);
  switch (s.kind) {
    case 'bool': case 'enum': return [];
    case 'int': return [...bound(s.lo), ...bound(s.hi)];
    case 'member': return [s.set];
    case 'record': return s.fields.flatMap(([, f]) => sortExprs(f));
    case 'fn': return [s.dom, ...sortExprs(s.rng)];
    case 'set': return sortExprs(s.elem);
    case 'seq': return [...sortExprs(s.elem), ...bound(s.max)];
    default: return unreachable(s);
  }
}

/** Every expression of a module (definitions, actions, variables and the types TypeOK prints for them, process ids) with the location of what holds it. */
export function* moduleExprs(m: ir.Module): Generator<{ readonly expr: ir.Expr; readonly loc: ir.SourceLoc; readonly owner: string }> {
  for (const v of m.variables) {
    for (const e of [v.init, v.initSet, v.typeInvariant]) if (e) yield { expr: e, loc: v.loc, owner: `variable '${v.name}'` };
    if (!v.typeInvariant) for (const e of sortExprs(v.sort)) yield { expr: e, loc: v.loc, owner: `the type of variable '${v.name}'` };
  }
  for (const d of m.definitions) yield { expr: d.body, loc: d.loc, owner: `${d.role === 'helper' ? 'definition' : d.role} '${d.name}'` };
  for (const a of m.actions) {
    const owner = a.process ? `step '${a.label}' of ${a.process}` : `action '${a.name}'`;
    for (const p of a.params) yield { expr: p.set, loc: a.loc, owner };
    for (const s of allItems(a.body)) for (const e of stmtExprs(s)) yield { expr: e, loc: s.loc, owner };
  }
  for (const p of m.processes ?? []) yield { expr: p.ids, loc: m.loc, owner: `process '${p.name}'` };
  for (const s of m.specs ?? []) for (const f of s.fairness) yield { expr: f, loc: s.loc, owner: `spec '${s.name}'` };
  for (const f of m.fairness ?? []) yield { expr: f, loc: f.loc ?? m.loc, owner: 'Spec' };
  for (const i of m.instances ?? []) for (const [p, e] of i.with) yield { expr: e, loc: i.loc, owner: `instance '${i.name}' (${p} <- …)` };
}

/** Every expression a model declares before lowering (variables, definitions, actions, processes, procedures), with the location of what holds it. */
export function* sourceExprs(src: ir.ModelSource): Generator<{ readonly expr: ir.Expr; readonly loc: ir.SourceLoc; readonly owner: string }> {
  for (const v of src.variables) {
    for (const e of [v.init, v.initSet, v.typeInvariant]) if (e !== undefined) yield { expr: e, loc: v.loc, owner: `variable '${v.name}'` };
  }
  for (const d of src.definitions) yield { expr: d.body, loc: d.loc, owner: `${d.role === 'helper' ? 'definition' : d.role} '${d.name}'` };
  for (const a of src.actions) {
    const owner = `action '${a.name}'`;
    for (const p of a.params) yield { expr: p.set, loc: a.loc, owner };
    for (const s of allItems(a.body)) for (const e of stmtExprs(s)) yield { expr: e, loc: s.loc, owner };
  }
  for (const u of [...src.processes, ...src.procedures]) {
    const owner = `${'ids' in u ? 'process' : 'procedure'} '${u.name}'`;
    if ('ids' in u) yield { expr: u.ids, loc: u.loc, owner };
    for (const l of [...('params' in u ? u.params : []), ...u.locals]) yield { expr: l.init, loc: l.loc, owner };
    for (const s of allStmts(u.body)) for (const e of stmtExprs(s)) yield { expr: e, loc: s.loc, owner };
  }
}
