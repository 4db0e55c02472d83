/**
 * Two rules whose findings the builders pre-empt: a value without a sort (ZT041) or a literal its
 * sort cannot hold (ZT042) makes the builder throw at the user's call (test/fixtures/rules/). Their
 * check functions catch what reached the IR another way; these tests hand them such IR directly
 * and check each report: its location (line and column) and its whole message.
 */
import { describe, expect, it } from 'vitest';
import type * as ir from '../../dsl/ir/nodes.js';
import { invalidLiteral } from '../../dsl/lower/rules/invalid-literal.js';
import { untypedValue } from '../../dsl/lower/rules/untyped-value.js';
import type { SourceRule } from '../../dsl/lower/rules/rule.js';

const at = (line: number, col: number): ir.SourceLoc => ({ file: 'models/m.ts', line, col });
const int = (value: number, loc?: ir.SourceLoc): ir.Expr => ({ kind: 'int', value, ...(loc ? { loc } : {}) }) as ir.Expr;

function source(parts: { variables?: { name: string; init: unknown; loc: ir.SourceLoc }[]; definitions?: { name: string; body: unknown; loc: ir.SourceLoc }[] }): ir.ModelSource {
  return {
    name: 'M',
    constants: [],
    variables: (parts.variables ?? []).map((v) => ({ name: v.name, sort: { kind: 'int', lo: 0, hi: 3 }, init: v.init, loc: v.loc })) as unknown as ir.VariableDecl[],
    definitions: (parts.definitions ?? []).map((d) => ({ name: d.name, role: 'helper', params: [], body: d.body, loc: d.loc })) as unknown as ir.Definition[],
    actions: [],
    processes: [],
    procedures: [],
    configs: [],
    loc: at(1, 1),
  };
}

function reports(rule: SourceRule, src: ir.ModelSource): { loc: ir.SourceLoc; message: string }[] {
  const out: { loc: ir.SourceLoc; message: string }[] = [];
  rule.check(src, (loc, message) => out.push({ loc, message }));
  return out;
}

describe('ZT042 invalid-literal on IR the builders did not make', () => {
  it('reports a fraction at what holds it, and one with its own location there', () => {
    const src = source({
      variables: [{ name: 'x', init: int(1.5), loc: at(3, 5) }],
      definitions: [{ name: 'Half', body: { kind: 'infix', op: '+', left: int(1), right: int(0.5, at(7, 22)) }, loc: at(7, 3) }],
    });
    expect(reports(invalidLiteral, src)).toEqual([
      { loc: at(3, 5), message: "variable 'x': 1.5 is not an integer (TLA+ has integers only)" },
      { loc: at(7, 22), message: "definition 'Half': 0.5 is not an integer (TLA+ has integers only)" },
    ]);
  });

  it('reports an integer past 2^53, and nothing for safe integers or for nodes that are not integers', () => {
    expect(reports(invalidLiteral, source({ variables: [{ name: 'big', init: int(2 ** 53), loc: at(2, 1) }] }))).toEqual([
      { loc: at(2, 1), message: "variable 'big': 9007199254740992 is not an integer (TLA+ has integers only)" },
    ]);
    const fine = source({
      variables: [{ name: 'x', init: int(-3), loc: at(2, 1) }, { name: 's', init: { kind: 'str', value: 'a' }, loc: at(3, 1) }, { name: 'b', init: { kind: 'bool', value: true }, loc: at(4, 1) }],
    });
    expect(reports(invalidLiteral, fine)).toEqual([]);
  });
});

describe('ZT041 untyped-value on IR the builders did not make', () => {
  it('reports a value that is not an expression at what holds it, once per holder', () => {
    const src = source({
      variables: [{ name: 'x', init: int(0), loc: at(2, 3) }, { name: 'y', init: { kind: 'infix', op: '+', left: int(1), right: { limit: 3 } }, loc: at(4, 3) }],
      definitions: [{ name: 'D', body: null, loc: at(9, 1) }],
    });
    expect(reports(untypedValue, src)).toEqual([
      { loc: at(4, 3), message: "variable 'y' holds a value the DSL did not build (an 'any' or a cast?): build it with the DSL's expression builders so its sort is known" },
      { loc: at(9, 1), message: "definition 'D' holds a value the DSL did not build (an 'any' or a cast?): build it with the DSL's expression builders so its sort is known" },
    ]);
  });

  it('reports nothing when every node is an expression', () => {
    expect(reports(untypedValue, source({ variables: [{ name: 'x', init: { kind: 'not', operand: { kind: 'bool', value: false } }, loc: at(2, 3) }] }))).toEqual([]);
  });
});
