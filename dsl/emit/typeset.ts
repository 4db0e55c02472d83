import type * as ir from '../ir/nodes.js';

/** The TLA+ set of all values of a sort: what `TypeOK` says each variable belongs to. */
export function typeSet(s: ir.SortNode): ir.Expr {
  switch (s.kind) {
    case 'bool': return { kind: 'ref', name: 'BOOLEAN' };
    case 'int': return { kind: 'infix', op: '..', left: boundExpr(s.lo), right: boundExpr(s.hi) };
    case 'enum': return { kind: 'setEnum', elements: s.values.map((v) => ({ kind: 'str', value: v })) };
    case 'member': return s.set;
    case 'record': return { kind: 'recordSet', fields: s.fields.map(([n, f]) => [n, typeSet(f)] as const) };
    case 'fn': return { kind: 'fnSet', dom: s.dom, rng: typeSet(s.rng) };
    case 'set': return { kind: 'builtin', op: 'SUBSET', args: [typeSet(s.elem)] };
    case 'seq': return { kind: 'builtin', op: 'Seq', args: [typeSet(s.elem)] };
  }
}

/** A sort bound as an expression: a literal, or the constant expression it was given as. */
export function boundExpr(b: ir.Bound): ir.Expr {
  return typeof b === 'number' ? { kind: 'int', value: b } : b;
}
