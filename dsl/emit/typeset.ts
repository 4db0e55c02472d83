import type * as ir from '../ir/nodes.js';

/** The TLA+ set of all values of a sort: what `TypeOK` says each variable belongs to. */
export function typeSet(s: ir.SortNode): ir.Expr {
  switch (s.k) {
    case 'bool': return { k: 'ref', name: 'BOOLEAN' };
    case 'int': return { k: 'infix', op: '..', a: { k: 'int', v: s.lo }, b: { k: 'int', v: s.hi } };
    case 'enum': return { k: 'setEnum', es: s.values.map((v) => ({ k: 'str', v })) };
    case 'member': return s.set;
    case 'record': return { k: 'recordSet', fields: s.fields.map(([n, f]) => [n, typeSet(f)] as const) };
    case 'fn': return { k: 'fnSet', dom: s.dom, rng: typeSet(s.rng) };
    case 'set': return { k: 'builtin', op: 'SUBSET', args: [typeSet(s.elem)] };
    case 'seq': return { k: 'builtin', op: 'Seq', args: [typeSet(s.elem)] };
  }
}
