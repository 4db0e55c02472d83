/**
 * dsl/ir/walk.ts: the order the walkers visit nodes in, which decides which finding of a static
 * rule comes first (rules throw on their first error). Expressions pre-order, each node with the
 * location of the nearest node around it that has one; statements depth-first in source order.
 */
import { describe, expect, it } from 'vitest';
import type * as ir from '../dsl/ir/nodes.js';
import { allStmts, exprNodes, stmtLists } from '../dsl/ir/walk.js';

const at = (line: number): ir.SourceLoc => ({ file: 'm.ts', line, col: 1 });
const int = (value: number, loc?: ir.SourceLoc): ir.Expr => ({ kind: 'int', value, ...(loc ? { loc } : {}) });
const ref = (name: string): ir.Expr => ({ kind: 'ref', name });

describe('exprNodes', () => {
  it('visits pre-order, left to right, each node with its own location or the nearest one above it', () => {
    // (1 + x) = IF 2 THEN 3 ELSE 4, with locations on `=` (line 10), `IF` (line 20) and `3` (line 30).
    const e: ir.Expr = {
      kind: 'infix', op: '=', loc: at(10),
      left: { kind: 'infix', op: '+', left: int(1), right: ref('x') },
      right: { kind: 'if', cond: int(2), then: int(3, at(30)), else: int(4), loc: at(20) },
    };
    const seen = [...exprNodes(e, at(1))].map(({ node, loc }) => `${node.kind}${'value' in node ? node.value : ''}${'name' in node ? node.name : ''}@${loc.line}`);
    expect(seen).toEqual(['infix@10', 'infix@10', 'int1@10', 'refx@10', 'if@20', 'int2@20', 'int3@30', 'int4@20']);
  });

  it('gives the fallback to a tree with no location', () => {
    const e: ir.Expr = { kind: 'and', operands: [int(1), { kind: 'not', operand: int(2) }, int(3)] };
    expect([...exprNodes(e, at(7))].map((x) => x.loc.line)).toEqual([7, 7, 7, 7, 7]);
  });

  it('reads a node only when the walk reaches it: a reader that stops early never sees what follows (a value that is no node, here), one that goes on does', () => {
    // What an `any` can smuggle into the IR; the untyped-value rule walks into it and reports the throw.
    const e: ir.Expr = { kind: 'and', operands: [int(1), null as unknown as ir.Expr] };
    const first2: string[] = [];
    for (const { node } of exprNodes(e, at(7))) { first2.push(node.kind); if (first2.length === 2) break; }
    expect(first2).toEqual(['and', 'int']);
    expect(() => [...exprNodes(e, at(7))]).toThrow(TypeError);
  });
});

describe('allStmts and stmtLists', () => {
  const guard = (line: number): ir.Stmt => ({ kind: 'guard', cond: int(line), loc: at(line) });
  // 1; if { 2; with { 3 } ; 4 } else { 5 }; either { 6 } or { 7; 8 }; 9
  const body: ir.Stmt[] = [
    guard(1),
    { kind: 'if', cond: int(0), loc: at(100), then: [guard(2), { kind: 'with', binder: { id: 1, hint: 'w' }, set: ref('S'), loc: at(101), body: [guard(3)] }, guard(4)], else: [guard(5)] },
    { kind: 'either', loc: at(102), alts: [[guard(6)], [guard(7), guard(8)]] },
    guard(9),
  ];

  it('allStmts: every statement, depth-first, in source order (a branch before what follows it)', () => {
    expect([...allStmts(body)].map((s) => s.loc.line)).toEqual([1, 100, 2, 101, 3, 4, 5, 102, 6, 7, 8, 9]);
  });

  it('allStmts: a value that is no statement is handed on, and the walk fails past it: never taken for the end of the walk', () => {
    const seen: unknown[] = [];
    expect(() => { for (const s of allStmts([guard(1), undefined as unknown as ir.Stmt, guard(2)])) seen.push(s?.loc.line); }).toThrow(TypeError);
    expect(seen).toEqual([1, undefined]);
  });

  it('stmtLists: the body, then each nested list, outermost first', () => {
    expect([...stmtLists(body)].map((l) => l.map((s) => s.loc.line))).toEqual([[1, 100, 102, 9], [2, 101, 4], [3], [5], [6], [7, 8]]);
  });
});
