/**
 * What a step read: every state variable its action's expressions mention (guards, asserts,
 * assigned values, EXCEPT paths), narrowed to the entry or field when the index is known from
 * the step's parameters or the state before it (`local[t1]`, `ctx[c1].acomp`). An
 * over-approximation: an `if`'s untaken branch counts too, and an index bound by a quantifier
 * leaves the whole variable.
 */
import type * as ir from '../ir/nodes.js';
import { allItems, exprChildren, stmtExprs } from '../ir/walk.js';
import { parseValue, showValue, type Value } from '../check/values.js';

export interface Read {
  readonly path: string;
  /** TLA+ text of the value in the state before the step. */
  readonly value: string;
}

/** Variables that say where a process is, not what it computes. */
const CONTROL = new Set(['pc', 'stack']);

export function readsOf(action: ir.Action, params: Readonly<Record<string, string>>, before: Readonly<Record<string, string>>): Read[] {
  const found = new Map<string, Read>();
  const bound = new Map(action.params.map((p) => [p.binder.id, params[p.binder.hint]]));
  const isVar = (name: string) => Object.hasOwn(before, name);

  /** The access path `e` denotes with its value, when it is a (narrowed) state variable. */
  const access = (e: ir.Expr): { path: string; value: Value } | undefined => {
    if (e.kind === 'ref' && isVar(e.name)) return { path: e.name, value: parseValue(before[e.name]!) };
    if (e.kind === 'field') {
      const inner = access(e.record);
      const v = inner?.value.k === 'record' ? inner.value.fields.find(([n]) => n === e.name)?.[1] : undefined;
      return inner && v ? { path: `${inner.path}.${e.name}`, value: v } : undefined;
    }
    if (e.kind === 'apply') {
      const inner = access(e.fn);
      const key = constant(e.arg);
      const v = inner && key !== undefined ? entry(inner.value, key) : undefined;
      return inner && v ? { path: `${inner.path}[${key}]`, value: v } : undefined;
    }
    return undefined;
  };

  /** An index expression's value in DSL terms (strings unquoted), when it is known without evaluating anything else. */
  const constant = (e: ir.Expr): string | undefined => {
    if (e.kind === 'bound') return bound.get(e.binder.id);
    if (e.kind === 'str') return e.value;
    if (e.kind === 'int') return String(e.value);
    if (e.kind === 'ref' && !isVar(e.name)) return e.name;
    const a = access(e);
    return a ? showValue(a.value.text) : undefined;
  };

  const record = (path: string, value: Value) => {
    const variable = path.split(/[[.]/)[0]!;
    if (!CONTROL.has(variable) && !found.has(path)) found.set(path, { path, value: value.text });
  };

  const visit = (e: ir.Expr | undefined): void => {
    if (!e || e.kind === 'prime') return;
    const a = access(e);
    if (a) { record(a.path, a.value); if (e.kind === 'apply') visit(e.arg); return; }
    if (e.kind === 'except') {
      // `[f EXCEPT ![i] = v]` reads i and v; f only through `@`, which the value mentions.
      for (const u of e.updates) { for (const p of u.path) if (p.kind === 'index') visit(p.key); visit(u.value); }
      return;
    }
    for (const child of exprChildren(e)) visit(child);
  };

  for (const it of allItems(action.body)) for (const e of stmtExprs(it)) visit(e);
  return [...found.values()];
}

/** The entry of a function (or sequence) at `key`, keys compared in DSL terms (model values and strings alike). */
function entry(v: Value, key: string): Value | undefined {
  if (v.k === 'fn') return v.entries.find(([k]) => showValue(k) === key)?.[1];
  if (v.k === 'seq' && /^\d+$/.test(key)) return v.items[Number(key) - 1];
  return undefined;
}
