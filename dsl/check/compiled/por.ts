/**
 * Partial-order reduction (`--por`, safety only): which process steps may form an ample set.
 * A step qualifies when it is *local* — it reads and writes only its own process's part
 * (`v[self]`) of variables no other step, and no action that is not a process step, ever touches
 * otherwise — *invisible* — it writes no variable an invariant, cover, constraint or property
 * reads (TypeOK's per-variable conjuncts aside: for a local variable it is `v \in [P -> T]`,
 * which a step of process p can only falsify in p's own entry) — and *off every cycle* of
 * such steps in its process's control flow (the static cycle proviso: every cycle of the
 * reduced state graph passes through a state expanded in full).
 *
 * The search (search.ts) expands each state in full and then keeps only the successors of one
 * process whose every enabled step qualifies, if there is one (the ample set: C0, nonempty;
 * C1, its steps commute with every step of the others, which cannot read or change what they
 * read, and no later step of its own process can bypass them; C2 and C3 as above). Every
 * reachable deadlock, failed Assert, evaluation error and invariant violation of the full search
 * is then reachable in the reduced one (Clarke, Grumberg, Peled: Model Checking, ch. 10).
 */
import type * as ir from '../../ir/nodes.js';
import { allItems, exprChildren } from '../../ir/walk.js';

export function reducibleSteps(m: ir.Module, config: ir.Config): ReadonlySet<string> {
  const variables = new Set(m.variables.map((v) => v.name));
  const defs = new Map(m.definitions.map((d) => [d.name, d]));
  /** Every variable `e` mentions, through the definitions it uses. */
  /** Labels some check or other process's step compares a `pc` entry with (see `pcComparison`). */
  const observed = new Set<string>();
  const { mentioned, named } = memoVars(variables, defs, observed);

  // Accesses per action: own (`v[self]`, `[v EXCEPT ![self] = …]`) and anything else.
  const global = new Set<string>();
  const steps = new Map<ir.Action, { own: Set<string>; other: Set<string>; writes: Set<string>; next: Set<string> | undefined }>();
  for (const a of m.actions) {
    const self = a.process !== undefined && a.params.length === 1 && a.params[0]!.binder.hint === 'self' ? a.params[0]!.binder.id : undefined;
    const own = new Set<string>(), other = new Set<string>(), writes = new Set<string>();
    let next: Set<string> | undefined = new Set();
    const isSelf = (e: ir.Expr) => self !== undefined && e.kind === 'bound' && e.binder.id === self;
    /** The variable of `[v EXCEPT ![self] = …]` (every update at the own entry), if `e` is one. */
    const ownExcept = (e: ir.Expr): string | undefined =>
      e.kind === 'except' && e.fn.kind === 'ref' && variables.has(e.fn.name) && e.updates.every((u) => u.path[0]?.kind === 'index' && isSelf(u.path[0].key)) ? e.fn.name : undefined;
    const visit = (e: ir.Expr): void => {
      const pcAt = pcComparison(e);
      if (pcAt && !isSelf(pcAt.index)) { for (const l of pcAt.labels) observed.add(l); visit(pcAt.index); return; }
      if (e.kind === 'apply' && e.fn.kind === 'ref' && variables.has(e.fn.name) && isSelf(e.arg)) { own.add(e.fn.name); return; }
      const mine = ownExcept(e);
      if (mine !== undefined && e.kind === 'except') {
        own.add(mine);
        for (const u of e.updates) { u.path.slice(1).forEach((p) => { if (p.kind === 'index') visit(p.key); }); visit(u.value); }
        return;
      }
      // A variable by name, or read inside a definition, is read whole.
      if (e.kind === 'ref' || e.kind === 'call') for (const v of named(e.kind === 'ref' ? e.name : e.op)) other.add(v);
      if (e.kind === 'unchanged') for (const n of e.names) for (const v of named(n)) other.add(v);
      for (const c of exprChildren(e)) visit(c);
    };
    for (const p of a.params) visit(p.set);
    for (const item of allItems(a.body)) {
      switch (item.kind) {
        case 'guard': case 'assert': visit(item.cond); break;
        case 'either': if (item.cond) visit(item.cond); break;
        case 'with': visit(item.set); break;
        case 'assign':
          writes.add(item.variable);
          if (ownExcept(item.value) === item.variable) visit(item.value);
          else { other.add(item.variable); visit(item.value); }
          if (item.variable === 'pc') next = nextLabels(item.value, next);
          break;
      }
    }
    for (const v of other) global.add(v);
    steps.set(a, { own, other, writes, next: self === undefined ? undefined : next });
  }

  // What the checks read: a step that changes it is visible.
  const visible = new Set<string>();
  const readBy = (name: string) => { const d = defs.get(name); if (d) for (const v of mentioned(d.body)) visible.add(v); };
  for (const n of [...config.invariants, ...config.properties, ...config.constraints, ...(config.covers ?? [])]) readBy(n);
  for (const v of m.variables) if (v.typeInvariant) for (const x of mentioned(v.typeInvariant)) visible.add(x);

  // A step that moves its pc neither from nor to a label anyone compares pc with is unseen by them.
  const unobserved = (a: ir.Action, next: ReadonlySet<string>) => !observed.has(a.label!) && [...next].every((l) => !observed.has(l));
  const candidates = [...steps].filter(([a, s]) => a.label !== undefined && s.next !== undefined && s.other.size === 0
    && [...s.own].every((v) => !global.has(v)) && [...s.writes].every((v) => !visible.has(v)) && (!s.writes.has('pc') || unobserved(a, s.next)));
  // The static cycle proviso: no cycle of candidate steps in the control flow (labels as nodes).
  const edges = new Map<string, string[]>();
  for (const [a, s] of candidates) edges.set(a.label!, [...(edges.get(a.label!) ?? []), ...s.next!]);
  const onCycle = cyclic(edges);
  return new Set(candidates.filter(([a]) => !onCycle.has(a.label!)).map(([a]) => a.name));
}

/** The labels `pc[self]` may be set to by `value` (`[pc EXCEPT ![self] = "L"]`); undefined when not literal. */
function nextLabels(value: ir.Expr, into: Set<string> | undefined): Set<string> | undefined {
  if (!into || value.kind !== 'except' || value.updates.length !== 1) return undefined;
  const literal = (e: ir.Expr): string[] | undefined =>
    e.kind === 'str' ? [e.value] : e.kind === 'if' ? both(literal(e.then), literal(e.else)) : undefined;
  const both = (x: string[] | undefined, y: string[] | undefined) => (x && y ? [...x, ...y] : undefined);
  const found = literal(value.updates[0]!.value);
  if (!found) return undefined;
  for (const l of found) into.add(l);
  return into;
}

/** Nodes on some cycle of the graph (self-loops included). */
function cyclic(edges: ReadonlyMap<string, readonly string[]>): Set<string> {
  const out = new Set<string>();
  for (const start of edges.keys()) {
    // Is `start` reachable from its own successors?
    const seen = new Set<string>(), todo = [...(edges.get(start) ?? [])];
    while (todo.length) {
      const n = todo.pop()!;
      if (n === start) { out.add(start); break; }
      if (seen.has(n)) continue;
      seen.add(n);
      todo.push(...(edges.get(n) ?? []));
    }
  }
  return out;
}

/**
 * `mentioned(e)`: the variables `e` reads whole, directly or through the definitions it uses;
 * `named(n)`: those the name `n` reads (itself, or its definition's). Memoised per definition.
 * A comparison of another process's `pc` with labels (`pc[q] = "L"`, `#`, `\in {…}`) reads only
 * whether it is at those labels: they are added to `observed` instead (`ALL` for any other read).
 */
function memoVars(variables: ReadonlySet<string>, defs: ReadonlyMap<string, ir.Definition>, observed: Set<string>): { mentioned: (e: ir.Expr) => ReadonlySet<string>; named: (n: string) => ReadonlySet<string> } {
  const byDef = new Map<string, Set<string>>();
  const named = (n: string): ReadonlySet<string> => {
    if (variables.has(n)) return new Set([n]);
    const d = defs.get(n);
    if (!d) return new Set();
    let vs = byDef.get(n);
    if (!vs) { byDef.set(n, vs = new Set()); of(d.body, vs); }
    return vs;
  };
  const of = (e: ir.Expr, into: Set<string>): void => {
    const pcAt = pcComparison(e);
    if (pcAt) { for (const l of pcAt.labels) observed.add(l); of(pcAt.index, into); return; }
    if (e.kind === 'ref' || e.kind === 'call') for (const v of named(e.kind === 'ref' ? e.name : e.op)) into.add(v);
    if (e.kind === 'unchanged') for (const n of e.names) for (const v of named(n)) into.add(v);
    for (const c of exprChildren(e)) of(c, into);
  };
  return { mentioned: (e) => { const s = new Set<string>(); of(e, s); return s; }, named };
}

/** `pc[i] = "L"`, `pc[i] # "L"`, `pc[i] \in {"L", …}` (either side): the index and the labels compared with. */
export function pcComparison(e: ir.Expr): { index: ir.Expr; labels: string[] } | undefined {
  if (e.kind !== 'infix' || !['=', '#', '\\in', '\\notin'].includes(e.op)) return undefined;
  const pcOf = (x: ir.Expr) => (x.kind === 'apply' && x.fn.kind === 'ref' && x.fn.name === 'pc' ? x.arg : undefined);
  const labelsOf = (x: ir.Expr): string[] | undefined =>
    x.kind === 'str' ? [x.value] : x.kind === 'setEnum' && x.elements.every((y) => y.kind === 'str') ? x.elements.map((y) => (y as { value: string }).value) : undefined;
  const [index, labels] = pcOf(e.left) ? [pcOf(e.left), labelsOf(e.right)] : [pcOf(e.right), labelsOf(e.left)];
  return index && labels ? { index, labels } : undefined;
}
