/**
 * Where the compiled verifier says things are (dsl/check/compiled/locations.ts, and
 * dsl/check/compiled/compile.ts, lines 1–420): the span an expression is reported at (the index
 * by definition and DSL start, the widest span of one start, `at`), brackets dropped from a span
 * as SANY drops them (`unparenthesised`), an action's location (its body after `==`, `body`), the frames
 * an evaluation error collects as it leaves located expressions (`wrap`), formulas (`wrapGen`)
 * and Init's conjuncts (`withFrame`), Init's states (`initGen`), and the ASSUME locations.
 * Models written with the DSL are emitted by the pipeline (jobOf); the edge cases compile a
 * module against TLA+ text and spans written here, so each span's text, size and order is
 * chosen. Every location is checked by its line and column and by the text it covers.
 */
import { describe, expect, it } from 'vitest';
import { compileSpec, type CompiledSpec, type Env } from '../dsl/check/compiled/compile.js';
import { EvalError, show, type Value } from '../dsl/check/compiled/values.js';
import type { TlaLocation } from '../dsl/check/result.js';
import type { SpanEntry } from '../dsl/emit/writer.js';
import type * as ir from '../dsl/ir/nodes.js';
import { ModuleLocations } from '../dsl/check/compiled/locations.js';
import { div, int, lt, minus, model, pick, plus, primed, range, set, setOf, t, when } from '../dsl/index.js';
import { jobOf } from './helpers/compiled-job.js';
import { def, I, op, ref } from './helpers/ir.js';
import { slice, textAt } from './helpers/t2-source.js';

/** A location in module L, the module of every test here. */
const loc = (startLine: number, startCol: number, endLine: number, endCol: number): TlaLocation => ({ module: 'L', startLine, startCol, endLine, endCol });
/** The TLA+ text a location covers. */
/** The location of `needle` (on one line), which `tla` holds once. */
function where(tla: string, needle: string): TlaLocation {
  if (tla.split(needle).length !== 2) throw new Error(`${needle} is not in the text exactly once`);
  const lines = tla.split('\n');
  const i = lines.findIndex((l) => l.includes(needle));
  const col = lines[i]!.indexOf(needle) + 1;
  return loc(i + 1, col, i + 1, col + needle.length - 1);
}

/** What `run` throws (undefined if nothing). */
function thrown(run: () => unknown): unknown {
  try { run(); } catch (err) { return err; }
  return undefined;
}
/** `err`, which must be an evaluation error. */
function asEvalError(err: unknown): EvalError {
  if (!(err instanceof EvalError)) throw new Error(`expected an evaluation error, got ${String(err)}`);
  return err;
}
/** The evaluation error `run` raises. */
const evalErrorOf = (run: () => unknown): EvalError => asEvalError(thrown(run));

// ---------------------------------------------------------------------------------------------
// A module compiled against TLA+ text and spans written by hand.

/** Where a hand-written span says its IR node was written (spans are found by this start, in its definition). */
const dslAt = (line: number): ir.SourceLoc => ({ file: 'hand.ts', line, col: 1 });
const P = dslAt(1), Q = dslAt(2), R = dslAt(3);
const at = (x: ir.Expr, l: ir.SourceLoc): ir.Expr => ({ ...x, loc: l });
/** A span of `definition` over the text from `start` to `end` (line, col; inclusive), for the IR node written at `dsl`. */
function span(definition: string, start: readonly [number, number], end: readonly [number, number], dsl: ir.SourceLoc, kind: SpanEntry['kind'] = 'expr'): SpanEntry {
  return { kind, definition, tla: { start: { line: start[0], col: start[1] }, end: { line: end[0], col: end[1] } }, dsl };
}
/** Module text: a header line, `lines` (from line 2), an end line. */
const text = (...lines: string[]): string => ['---- MODULE L ----', ...lines, '===='].join('\n');

/** Module L: variables a and b (0..9), the given definitions, no action; its config checks `Inv` when there is one. */
function handModule(definitions: ir.Definition[]): ir.Module {
  const m = model('L', (b) => {
    b.variable('a', t.int(0, 9), 1);
    b.variable('b', t.int(0, 9), 2);
    b.config('c', { checkDeadlock: false });
  }).module;
  return { ...m, definitions, configs: [{ ...m.configs[0]!, invariants: definitions.some((d) => d.name === 'Inv') ? ['Inv'] : [] }] };
}
/** The evaluation error invariant `Inv == body` raises from a = 1, b = 2, compiled against `tla` and `spans`. */
function invError(body: ir.Expr, tla: string, spans: readonly SpanEntry[]): EvalError {
  const m = handModule([def('Inv', body)]);
  const spec = compileSpec(m, m.configs[0]!, tla, spans);
  const env = spec.newEnv();
  env.s = [1, 2];
  expect(spec.invariants[1]!.name).toBe('Inv');
  return evalErrorOf(() => spec.invariants[1]!.conjuncts[0]!.check(env));
}
/** `a \div (a - a)`, raising TLC's division error, written at `P`. */
const divByZero = at(op('\\div', ref('a'), op('-', ref('a'), ref('a'))), P);

describe('the span an expression is reported at (the span index, `at`)', () => {
  it('an error collects a frame from each located expression it leaves, outermost first; unlocated ones add none', () => {
    const tla = text('Inv == a \\div (a - a) + 1 = 0');
    // `=` at R, over an unlocated `+`, over the division at P, whose `(a - a)` at Q evaluates fine.
    const body = at(op('=', op('+', at(op('\\div', ref('a'), at(op('-', ref('a'), ref('a')), Q)), P), I(1)), I(0)), R);
    const spans = [
      span('Inv', [2, 8], [2, 21], P), span('Inv', [2, 15], [2, 21], Q), span('Inv', [2, 8], [2, 29], R),
      // The definition's own span, written at R too and wider: not an expression span, never a frame.
      span('Inv', [2, 1], [2, 29], R, 'definition'),
    ];
    const err = invError(body, tla, spans);
    expect(err.message).toBe('The second argument of \\div is 0.');
    expect(err.frames).toEqual([loc(2, 8, 2, 29), loc(2, 8, 2, 21)]);
    expect((err.frames as TlaLocation[]).map((l) => textAt(tla, l))).toEqual(['a \\div (a - a) + 1 = 0', 'a \\div (a - a)']);
  });

  it.each([
    { name: 'its DSL start has spans in another definition only', spans: [span('Other', [2, 8], [2, 21], P)] },
    { name: 'its definition has spans, none of its DSL start', spans: [span('Inv', [2, 8], [2, 21], Q)] },
    { name: 'its DSL start has a definition span only', spans: [span('Inv', [2, 1], [2, 21], P, 'definition')] },
  ])('no frame when $name', ({ spans }) => {
    const err = invError(divByZero, text('Inv == a \\div (a - a)'), spans);
    expect(err.message).toBe('The second argument of \\div is 0.');
    expect(err.frames).toEqual([]);
  });

  // Filler text: these spans are chosen for their sizes and order, not their text.
  const filler = text(...Array<string>(5).fill('abcdefghijklmnopqrstuvwxyz'));
  it.each([
    { name: 'the wider, listed first', spans: [[[2, 1], [2, 12]], [[2, 1], [2, 3]]], chosen: loc(2, 1, 2, 12) },
    // As the pipeline lists a literal lifted by a builder call, then the call's wider span.
    { name: 'the wider, listed second', spans: [[[2, 1], [2, 3]], [[2, 1], [2, 12]]], chosen: loc(2, 1, 2, 12) },
    { name: 'as wide: the first listed', spans: [[[2, 1], [2, 5]], [[3, 4], [3, 8]]], chosen: loc(2, 1, 2, 5) },
    { name: 'one over two lines beats a long one on one line, wherever each starts', spans: [[[5, 1], [5, 12]], [[3, 20], [4, 2]]], chosen: loc(3, 20, 4, 2) },
    { name: 'on one line, the longer, wherever each starts', spans: [[[2, 1], [2, 12]], [[2, 8], [2, 18]]], chosen: loc(2, 1, 2, 12) },
  ] as const)('of two spans of one DSL start in one definition, the widest: $name', ({ spans, chosen }) => {
    const err = invError(divByZero, filler, spans.map(([start, end]) => span('Inv', start, end, P)));
    expect(err.frames).toEqual([chosen]);
  });
});

describe('one node printed more than once in a definition: the occurrence being compiled (`occurrence`)', () => {
  // `Inv == (IF a = 0 THEN a \div (a - a) ELSE 1) + a \div (a - a) = 0`, both divisions one IR
  // node (at P, as a DSL value used twice is): a = 1 takes the ELSE, and the second one fails.
  const tla = text('Inv == (IF a = 0 THEN a \\div (a - a) ELSE 1) + a \\div (a - a) = 0');
  const first = where(tla.replace('a \\div (a - a) =', 'xxxxxxxxxxxxxx ='), 'a \\div (a - a)');
  const second = where(tla.replace('a \\div (a - a) ELSE', 'xxxxxxxxxxxxxx ELSE'), 'a \\div (a - a)');
  const ifAt = where(tla, '(IF a = 0 THEN a \\div (a - a) ELSE 1)'), plusAt = where(tla, '(IF a = 0 THEN a \\div (a - a) ELSE 1) + a \\div (a - a)');
  const S2 = dslAt(4), S3 = dslAt(5);
  const spanOf = (l: TlaLocation, dsl: ir.SourceLoc) => span('Inv', [l.startLine, l.startCol], [l.endLine, l.endCol], dsl);
  const ite = (c: ir.Expr, a: ir.Expr, b: ir.Expr): ir.Expr => ({ kind: 'if', cond: c, then: a, else: b });
  const body = at(op('=', at(op('+', at(ite(op('=', ref('a'), I(0)), divByZero, I(1)), Q), divByZero), S2), I(0)), S3);
  const whole = where(tla, '(IF a = 0 THEN a \\div (a - a) ELSE 1) + a \\div (a - a) = 0');

  it('the texts are as meant', () => {
    expect([first, second].map((l) => textAt(tla, l))).toEqual(['a \\div (a - a)', 'a \\div (a - a)']);
    expect(first.startCol).toBeLessThan(second.startCol);
    expect(textAt(tla, whole)).toBe('(IF a = 0 THEN a \\div (a - a) ELSE 1) + a \\div (a - a) = 0');
  });

  it.each([
    { name: 'listed in the text\'s order', order: ['first', 'second'] },
    { name: 'the one that failed listed first', order: ['second', 'first'] },
  ] as const)('the one the `+` holds as its own operand, not the one inside its other operand (the IF): $name', ({ order }) => {
    const occurrences = { first: spanOf(first, P), second: spanOf(second, P) };
    const spans = [...order.map((o) => occurrences[o]), spanOf(ifAt, Q), spanOf(plusAt, S2), spanOf(whole, S3)];
    const err = invError(body, tla, spans);
    expect(err.message).toBe('The second argument of \\div is 0.');
    expect(err.frames).toEqual([whole, plusAt, second]);
  });

  it('an enclosing expression that holds one occurrence: that one, though another is wider and listed first', () => {
    // `a = 0` at a = 0 takes the THEN: the first occurrence fails, under the IF's frame (without its brackets).
    const wider = span('Inv', [2, second.startCol], [2, whole.endCol], P); // `a \div (a - a) = 0`: an occurrence the IF does not hold
    const m = handModule([def('Inv', body)]);
    const spec = compileSpec(m, m.configs[0]!, tla, [wider, spanOf(first, P), spanOf(ifAt, Q), spanOf(plusAt, S2), spanOf(whole, S3)]);
    const env = spec.newEnv();
    env.s = [0, 2];
    const err = evalErrorOf(() => spec.invariants[1]!.conjuncts[0]!.check(env));
    expect(err.frames).toEqual([whole, plusAt, { ...ifAt, startCol: ifAt.startCol + 1, endCol: ifAt.endCol - 1 }, first]);
  });

  it('an occurrence inside another occurrence of the same node is part of it: the outer one', () => {
    // The second division spanned twice (as a statement and its value may be): one occurrence, its widest span.
    const outer = { ...second, startCol: second.startCol - 2 }; // `+ a \div (a - a)`
    const spans = [spanOf(second, P), spanOf(outer, P), spanOf(first, P), spanOf(ifAt, Q), spanOf(plusAt, S2), spanOf(whole, S3)];
    const err = invError(body, tla, spans);
    expect(err.frames).toEqual([whole, plusAt, outer]);
  });

  it('enclosing expressions that hold no occurrence: the widest, as for one DSL start', () => {
    // The `=` spanned (wrongly) over `Inv ==` only: a frame, holding neither division.
    const bare = at(op('=', op('+', at(ite(op('=', ref('a'), I(0)), divByZero, I(1)), Q), divByZero), I(0)), S3);
    const err = invError(bare, tla, [spanOf(first, P), spanOf(second, P), spanOf(ifAt, Q), span('Inv', [2, 1], [2, 6], S3)]);
    expect(err.frames).toEqual([loc(2, 1, 2, 6), first]);
  });

  it.each([
    { name: 'a = 1 takes the ELSE: the second', a: 1, failing: 'second' },
    { name: 'a = 0 takes the THEN: the first', a: 0, failing: 'first' },
  ] as const)('IF a = 0 THEN d ELSE d, both branches one node: each branch its own occurrence (`nth`), $name', ({ a, failing }) => {
    const t2 = text('Inv == IF a = 0 THEN a \\div (a - a) ELSE a \\div (a - a)');
    const [d1, d2] = [where(t2.replace(/ELSE a \\div \(a - a\)/, 'ELSE xxxxxxxxxxxxxx'), 'a \\div (a - a)'), where(t2.replace('THEN a \\div (a - a)', 'THEN xxxxxxxxxxxxxx'), 'a \\div (a - a)')];
    const whole2 = where(t2, 'IF a = 0 THEN a \\div (a - a) ELSE a \\div (a - a)');
    const m = handModule([def('Inv', at(ite(op('=', ref('a'), I(0)), divByZero, divByZero), Q))]);
    const spec = compileSpec(m, m.configs[0]!, t2, [spanOf(d1, P), spanOf(d2, P), spanOf(whole2, Q)]);
    const env = spec.newEnv();
    env.s = [a, 2];
    const err = evalErrorOf(() => spec.invariants[1]!.conjuncts[0]!.check(env));
    expect(err.frames).toEqual([whole2, failing === 'first' ? d1 : d2]);
  });

  it.each([
    { name: 'under an `=`', top: false },
    { name: 'the `+` the definition\'s whole body (the outermost enclosing expression)', top: true },
  ])('two operands of one `+` that are one node, the second bracketed (wider): an error is framed at the first in the text, which TLC evaluates first: $name', ({ top }) => {
    const t3 = text('Inv == a \\div (a - a) + (a \\div (a - a)) = 0');
    const left = where(t3, 'a \\div (a - a) +'), right = where(t3, '(a \\div (a - a))');
    const leftAt = { ...left, endCol: left.endCol - 2 }, sum = where(t3, 'a \\div (a - a) + (a \\div (a - a))'), all3 = where(t3, 'a \\div (a - a) + (a \\div (a - a)) = 0');
    const plus3 = at(op('+', divByZero, divByZero), S2);
    // The wider (bracketed) listed first, as the span index lists a node's spans.
    const spans = [spanOf(right, P), spanOf(leftAt, P), spanOf(sum, S2)];
    const err = top ? invError(plus3, t3, spans) : invError(at(op('=', plus3, I(0)), S3), t3, [...spans, spanOf(all3, S3)]);
    expect(err.frames).toEqual([...(top ? [] : [all3]), sum, leftAt]);
  });

  it('asked with no enclosing expressions (none given, or none at all): the widest, its spans in any order', () => {
    const wider = spanOf({ ...second, endCol: whole.endCol }, P); // `a \div (a - a) = 0`
    for (const spans of [[spanOf(first, P), wider], [wider, spanOf(first, P)]]) {
      const locs = new ModuleLocations('L', tla, spans);
      for (const enclosing of [undefined, []]) expect(locs.at('Inv', P, enclosing)).toEqual({ ...second, endCol: whole.endCol });
    }
  });

  it('`nth` past the occurrences an expression holds, or in a definition with no spans: none', () => {
    const locs = new ModuleLocations('L', tla, [spanOf(first, P), spanOf(second, P), spanOf(ifAt, Q), spanOf(plusAt, S2)]);
    // The `+` holds one as its own operand (the other is its IF's), the IF one.
    expect([0, 1].map((n) => locs.nth('Inv', P, plusAt, n))).toEqual([second, undefined]);
    expect([0, 1].map((n) => locs.nth('Inv', P, ifAt, n))).toEqual([first, undefined]);
    expect(locs.nth('Other', P, plusAt, 0)).toBeUndefined();
    expect(locs.nth('Inv', undefined, plusAt, 0)).toBeUndefined();
  });

  it('no enclosing expression holds an occurrence: the widest, as for one DSL start', () => {
    // The `+` and `=` unlocated: nothing encloses the operand, so the first-listed of two as wide.
    const bare = op('=', op('+', at(ite(op('=', ref('a'), I(0)), divByZero, I(1)), Q), divByZero), I(0));
    const err = invError(bare, tla, [spanOf(first, P), spanOf(second, P), spanOf(ifAt, Q)]);
    expect(err.frames).toEqual([first]);
  });
});

describe("a reference to a zero-arity definition: the identifier, TLC's frame for an error in its body (`reference`)", () => {
  // Inv's located expressions, by hand; `within` is the located expression being compiled (the first span's when not given).
  const cases: { name: string; lines: string[]; spans: SpanEntry[]; nth: number; at?: TlaLocation; within?: TlaLocation; ident?: string }[] = [
    { name: 'the only one', lines: ['Inv == D + 1 < 5'], spans: [span('Inv', [2, 8], [2, 16], P)], nth: 0, at: loc(2, 8, 2, 8) },
    { name: 'the second of two, counted left to right', lines: ['Inv == D + D < 5'], spans: [span('Inv', [2, 8], [2, 16], P)], nth: 1, at: loc(2, 12, 2, 12) },
    { name: 'a name inside a longer identifier is not it', lines: ['Inv == DD + xD + D_1 + D < 5'], spans: [span('Inv', [2, 8], [2, 28], P)], nth: 0, at: loc(2, 24, 2, 24) },
    { name: 'not inside a string', lines: ['Inv == <<"a D b", "\\"D">> = D'], spans: [span('Inv', [2, 8], [2, 29], P)], nth: 0, at: loc(2, 29, 2, 29) },
    { name: 'not inside a located sub-expression (that one is its own)', lines: ['Inv == (D + 2) * D < 5'], spans: [span('Inv', [2, 8], [2, 22], P), span('Inv', [2, 8], [2, 18], Q), span('Inv', [2, 8], [2, 14], R)], nth: 0, at: loc(2, 18, 2, 18), within: loc(2, 8, 2, 18) },
    { name: 'over two lines, the first line from the start column', lines: ['D == 1 Inv == D', '   + D'], spans: [span('Inv', [2, 15], [3, 6], P)], nth: 1, at: loc(3, 6, 3, 6) },
    { name: 'a longer name: the second, right after the first', lines: ['Inv == Ratio+Ratio < 5'], spans: [span('Inv', [2, 8], [2, 22], P)], nth: 1, at: loc(2, 14, 2, 18), ident: 'Ratio' },
    { name: 'a longer name cut by the end of the range: none', lines: ['Inv == 1 + Ratio'], spans: [span('Inv', [2, 8], [2, 16], P)], nth: 0, within: loc(2, 8, 2, 13), ident: 'Ratio' },
    { name: 'not inside a located sub-expression over two lines', lines: ['Inv == (D +', '   D) * D'], spans: [span('Inv', [2, 8], [3, 9], P), span('Inv', [2, 8], [3, 5], Q)], nth: 0, at: loc(3, 9, 3, 9) },
    { name: 'past the end of the range: none', lines: ['Inv == D + 1 < D'], spans: [span('Inv', [2, 8], [2, 14], P)], nth: 1 },
    { name: 'not there: none', lines: ['Inv == E + 1 < 5'], spans: [span('Inv', [2, 8], [2, 16], P)], nth: 0 },
    // A field's name is not a reference: after `.`, or first in a record's item (after `[` or `,`, on its line or the one before).
    { name: 'not a field after `.`, nor one before `|->`', lines: ['Inv == [D |-> r.D, E |-> {D}].D = D'], spans: [span('Inv', [2, 8], [2, 35], P)], nth: 1, at: loc(2, 35, 2, 35) },
    { name: 'not a field of a record set, before `:`', lines: ['Inv == x \\in [E : {D}, D : S] /\\ D'], spans: [span('Inv', [2, 8], [2, 34], P)], nth: 1, at: loc(2, 34, 2, 34) },
    { name: 'before `:>` or `::`, after `,`, one (`<<1, D :> 2>>`)', lines: ['Inv == <<1, D :> 2>> = <<2, D::1>>'], spans: [span('Inv', [2, 8], [2, 34], P)], nth: 1, at: loc(2, 29, 2, 29) },
    { name: 'not a field first on a line, its item after a `,` on the line before', lines: ['Inv == [E |-> D,', '  D |-> 1] = D'], spans: [span('Inv', [2, 8], [3, 14], P)], nth: 1, at: loc(3, 14, 3, 14) },
    { name: 'the end of a function\'s domain, before `|->`, is one (`[p \\in 1..D |-> e]`)', lines: ['Inv == [p \\in 1..D |-> 0] = r'], spans: [span('Inv', [2, 8], [2, 29], P)], nth: 0, at: loc(2, 18, 2, 18) },
  ];
  it.each(cases)('$name', ({ lines, spans, nth, at: expected, within, ident = 'D' }) => {
    const tla = text(...lines);
    const first = spans[0]!.tla;
    const got = new ModuleLocations('L', tla, spans).reference('Inv', within ?? loc(first.start.line, first.start.col, first.end.line, first.end.col), ident, nth);
    expect(got).toEqual(expected);
    if (got) expect(textAt(tla, got)).toBe(ident);
  });

  it('a definition without located expressions: every occurrence counts', () => {
    const tla = text('Inv == D + D');
    expect(new ModuleLocations('L', tla, []).reference('Inv', loc(2, 8, 2, 12), 'D', 1)).toEqual(loc(2, 12, 2, 12));
  });

  it('the second use of a name under one located expression: the second occurrence (uses are counted as they are compiled)', () => {
    const tla = text('D == a \\div (a - a)', 'Inv == IF a = 2 THEN D ELSE D');
    const ifNode: ir.Expr = { kind: 'if', cond: op('=', ref('a'), I(2)), then: ref('D'), else: ref('D'), loc: P };
    const m = handModule([def('D', at(op('\\div', ref('a'), op('-', ref('a'), ref('a'))), R)), def('Inv', ifNode)]);
    const spec = compileSpec(m, m.configs[0]!, tla, [span('D', [2, 6], [2, 19], R), span('Inv', [3, 8], [3, 29], P)]);
    const env = spec.newEnv();
    env.s = [1, 2];
    const frames = evalErrorOf(() => spec.invariants[1]!.conjuncts[0]!.check(env)).frames as TlaLocation[];
    expect(frames).toEqual([loc(3, 8, 3, 29), loc(3, 29, 3, 29), loc(2, 6, 2, 19)]);
  });

  it('no span around the reference (nothing located): no frame for it, and none for the rest', () => {
    const tla = text('D == a \\div (a - a)', 'Inv == D + 1 < 5');
    const m = handModule([def('D', op('\\div', ref('a'), op('-', ref('a'), ref('a')))), def('Inv', op('<', op('+', ref('D'), I(1)), I(5)))]);
    const spec = compileSpec(m, m.configs[0]!, tla, []);
    const env = spec.newEnv();
    env.s = [1, 2];
    expect(evalErrorOf(() => spec.invariants[1]!.conjuncts[0]!.check(env)).frames).toEqual([]);
  });

  it('an error in the body of a definition referred to by name: the reference is a frame between its expression and the body\'s', () => {
    const tla = text('D == a \\div (a - a)', 'Inv == D + 1 < 5');
    const m = handModule([def('D', at(op('\\div', ref('a'), op('-', ref('a'), ref('a'))), R)), def('Inv', at(op('<', at(op('+', ref('D'), I(1)), Q), I(5)), P))]);
    const spans = [span('D', [2, 6], [2, 19], R), span('Inv', [3, 8], [3, 16], P), span('Inv', [3, 8], [3, 12], Q)];
    const spec = compileSpec(m, m.configs[0]!, tla, spans);
    const env = spec.newEnv();
    env.s = [1, 2];
    const err = evalErrorOf(() => spec.invariants[1]!.conjuncts[0]!.check(env));
    expect((err.frames as TlaLocation[]).map((l) => textAt(tla, l))).toEqual(['D + 1 < 5', 'D + 1', 'D', 'a \\div (a - a)']);
  });
});

describe('brackets dropped from a reported span, as SANY reports it (`unparenthesised`)', () => {
  it.each([
    { name: 'one pair around it: dropped', lines: ['Inv == (a \\div b)'], span: [[2, 8], [2, 17]], at: loc(2, 9, 2, 16), text: 'a \\div b' },
    { name: 'two pairs around it: the outer one only', lines: ['Inv == ((a \\div b))'], span: [[2, 8], [2, 19]], at: loc(2, 9, 2, 18), text: '(a \\div b)' },
    { name: 'a pair that closes before the end: kept', lines: ['Inv == (a) \\div (b)'], span: [[2, 8], [2, 19]], at: loc(2, 8, 2, 19), text: '(a) \\div (b)' },
    { name: 'a closing bracket at the end only: kept', lines: ['Inv == a \\div (b)'], span: [[2, 8], [2, 17]], at: loc(2, 8, 2, 17), text: 'a \\div (b)' },
    { name: 'an opening bracket at the start only, not closed in the span: kept', lines: ['Inv == (a \\div b) + 1'], span: [[2, 8], [2, 16]], at: loc(2, 8, 2, 16), text: '(a \\div b' },
    // Brackets left and right of the span on its line are not counted.
    { name: 'an operand amid other brackets on its line: dropped', lines: ['Inv == (x) + (a \\div b) * 2'], span: [[2, 14], [2, 23]], at: loc(2, 15, 2, 22), text: 'a \\div b' },
    { name: 'over two lines, one pair around it: dropped', lines: ['Inv == (a', '        \\div b)'], span: [[2, 8], [3, 15]], at: loc(2, 9, 3, 14), text: 'a\n        \\div b' },
    { name: 'over two lines, a pair closing at the end of the first: kept', lines: ['Inv == (a \\div b)', '       + (b)'], span: [[2, 8], [3, 12]], at: loc(2, 8, 3, 12), text: '(a \\div b)\n       + (b)' },
    // The second line is read from its first column, not the span's.
    { name: 'over two lines, a pair closing on the second left of where the span starts: kept', lines: ['Inv == (a', '  ) \\div (b)'], span: [[2, 8], [3, 12]], at: loc(2, 8, 3, 12), text: '(a\n  ) \\div (b)' },
  ] as const)('$name', ({ lines, span: [start, end], at: expected, text: covered }) => {
    const tla = text(...lines);
    const err = invError(divByZero, tla, [span('Inv', start, end, P)]);
    expect(err.frames).toEqual([expected]);
    expect(textAt(tla, expected)).toBe(covered);
  });

  it('one list of spans compiled against another text, or another module: located in that text, named after that module', () => {
    const spans = [span('Inv', [2, 8], [2, 17], P)];
    const bracketed = text('Inv == (a \\div b)'), bare = text('Inv == a \\div (b)');
    expect(invError(divByZero, bracketed, spans).frames).toEqual([loc(2, 9, 2, 16)]);
    expect(invError(divByZero, bare, spans).frames).toEqual([loc(2, 8, 2, 17)]);
    expect(invError(divByZero, bracketed, spans).frames).toEqual([loc(2, 9, 2, 16)]);
    const m = handModule([def('Inv', divByZero)]), other = { ...m, name: 'Other' };
    const spec = compileSpec(other, other.configs[0]!, bracketed, spans);
    const env = spec.newEnv();
    env.s = [1, 2];
    expect(evalErrorOf(() => spec.invariants[1]!.conjuncts[0]!.check(env)).frames).toEqual([{ ...loc(2, 9, 2, 16), module: 'Other' }]);
  });

  it('a span past the end of the text is reported as it is', () => {
    const err = invError(divByZero, text('Inv == a \\div (a - a)'), [span('Inv', [9, 1], [9, 5], P)]);
    expect(err.frames).toEqual([loc(9, 1, 9, 5)]);
  });
});

// ---------------------------------------------------------------------------------------------
// Actions.

/** Action Step: `\E i \in 1..2 : a' = 2 \div (i - a)` (b unchanged): from a = 1 it fails at once, from a = 2 after one successor. */
const picks = model('L', (m) => {
  const a = m.variable('a', t.int(0, 3), 1);
  m.variable('b', t.int(0, 3), 2);
  m.action('Step', {}, () => [pick(range(1, 2), (i) => [set(a, div(2, minus(i, a)))])]);
  m.config('c', { checkDeadlock: false });
});
const PICK = "\\E i \\in 1..2 : a' = 2 \\div (i - a)";

/** The successors `spec.next` gives from `from` (each `a,b`), until `onStep` or the formula throws; and what was thrown. */
function next(spec: CompiledSpec, from: [number, number], onStep: (env: Env) => void = () => {}): { successors: string[]; thrown: unknown } {
  const env = spec.newEnv();
  env.s = from;
  const successors: string[] = [];
  const err = thrown(() => spec.next(env, () => { successors.push(env.n.map((v) => show(v as Value)).join(',')); onStep(env); }));
  return { successors, thrown: err };
}

describe("an action's location: its definition's body after `==` (`body`)", () => {
  it('as the pipeline prints it: from the first conjunct on the line after `==` to the definition\'s end', () => {
    const j = jobOf(picks);
    const spec = compileSpec(j.module, j.config, j.tla, j.spans);
    const first = where(j.tla, `/\\ ${PICK}`), last = where(j.tla, '/\\ UNCHANGED b');
    const location = loc(first.startLine, first.startCol, last.endLine, last.endCol);
    expect(spec.actions).toEqual([{ name: 'Step', params: [], location }]);
    expect(textAt(j.tla, location)).toBe(`/\\ ${PICK}\n  /\\ UNCHANGED b`);
  });

  // An expression span of Step listed after its definition span: only definition spans say where a definition is.
  const exprSpan = span('Step', [1, 1], [1, 4], P);
  it.each([
    { name: 'on the line of `==`', lines: ["Step == a' = 1"], def: [[2, 1], [2, 14]], at: loc(2, 9, 2, 14), text: "a' = 1" },
    { name: 'on a later line, past blank ones', lines: ['Step ==', '   ', '', "  /\\ a' = 1", '  /\\ UNCHANGED b'], def: [[2, 1], [6, 16]], at: loc(5, 3, 6, 16), text: "/\\ a' = 1\n  /\\ UNCHANGED b" },
    { name: 'at the first column of the next line', lines: ['Step ==', "a' = 1"], def: [[2, 1], [3, 6]], at: loc(3, 1, 3, 6), text: "a' = 1" },
    { name: 'when the span starts at `==` itself', lines: ["== a' = 1"], def: [[2, 1], [2, 9]], at: loc(2, 4, 2, 9), text: "a' = 1" },
    { name: 'the whole span when its first line has no `==`', lines: ["Step ≜ a' = 1"], def: [[2, 1], [2, 13]], at: loc(2, 1, 2, 13), text: "Step ≜ a' = 1" },
  ] as const)('$name', ({ lines, def: [start, end], at: expected, text: covered }) => {
    const tla = text(...lines);
    const spec = compileSpec(picks.module, picks.module.configs[0]!, tla, [span('Step', start, end, Q, 'definition'), exprSpan]);
    expect(spec.actions).toEqual([{ name: 'Step', params: [], location: expected }]);
    expect(textAt(tla, expected)).toBe(covered);
  });

  it('no location without a definition span', () => {
    const spec = compileSpec(picks.module, picks.module.configs[0]!, text("Step == a' = 1"), [exprSpan]);
    expect(spec.actions).toStrictEqual([{ name: 'Step', params: [] }]);
  });
});

describe('the frame of a formula (`wrapGen`): for the errors it raises and those of the rest of the step it goes on to', () => {
  const j = jobOf(picks);
  // The action's body is a list no DSL call wrote: located from its bullets.
  const BODY = `/\\ ${PICK}\n  /\\ UNCHANGED b`;
  const frames = [BODY, PICK, "a' = 2 \\div (i - a)", '2 \\div (i - a)'];

  it.each([
    { name: 'before its continuation ran', from: [1, 2] as [number, number], successors: [] },
    { name: 'after its continuation returned', from: [2, 2] as [number, number], successors: ['-2,2'] },
  ])('an error $name: the body, the \\E, the assignment, the division, outermost first', ({ from, successors }) => {
    const spec = compileSpec(j.module, j.config, j.tla, j.spans);
    const r = next(spec, from);
    expect(r.successors).toEqual(successors);
    const err = asEvalError(r.thrown);
    expect(err.message).toBe('The second argument of \\div is 0.');
    expect(err.frames.slice(1)).toEqual(frames.slice(1).map((x) => where(j.tla, x)));
    expect((err.frames as TlaLocation[]).map((l) => textAt(j.tla, l))).toEqual(frames);
  });

  it('a formula without a span, not an operand of a list, adds no frame', () => {
    const spans = j.spans.filter((s) => s.kind !== 'expr' || slice(j.tla, s.tla.start, s.tla.end) !== frames[2]);
    expect(spans).toHaveLength(j.spans.length - 1);
    const spec = compileSpec(j.module, j.config, j.tla, spans);
    const err = asEvalError(next(spec, [1, 2]).thrown);
    expect((err.frames as TlaLocation[]).map((l) => textAt(j.tla, l))).toEqual([BODY, PICK, frames[3]]);
  });

  it('an operand of a list without a span: located by its bullet', () => {
    const spans = j.spans.filter((s) => s.kind !== 'expr' || slice(j.tla, s.tla.start, s.tla.end) !== PICK);
    expect(spans).toHaveLength(j.spans.length - 1);
    const spec = compileSpec(j.module, j.config, j.tla, spans);
    const err = asEvalError(next(spec, [1, 2]).thrown);
    expect((err.frames as TlaLocation[]).map((l) => textAt(j.tla, l))).toEqual(frames);
    expect(err.frames[1]).toEqual(where(j.tla, PICK));
  });

  it('an error in a later conjunct: the frames of the ones before it, each inside the one before', () => {
    const m = jobOf(model('Later', (b) => {
      const a = b.variable('a', t.int(0, 3), 0);
      const c = b.variable('c', t.int(0, 3), 0);
      b.action('Step', {}, () => [pick(range(1, 2), (i) => [set(a, i)]), set(c, div(2, minus(primed(a), 2)))]);
      b.config('c', { checkDeadlock: false });
    }));
    const spec = compileSpec(m.module, m.config, m.tla, m.spans);
    const env = spec.newEnv();
    env.s = [0, 0];
    const seen: string[] = [];
    const err = asEvalError(thrown(() => spec.next(env, () => { seen.push(env.n.map((v) => show(v as Value)).join(',')); })));
    // a' = 1 gave a successor; a' = 2 divides by zero, under the \E and its a' = i.
    expect(seen).toEqual(['1,-2']);
    expect((err.frames as TlaLocation[]).map((l) => textAt(m.tla, l)))
      .toEqual(["/\\ \\E i \\in 1..2 : a' = i\n  /\\ c' = 2 \\div (a' - 2)", "\\E i \\in 1..2 : a' = i", "a' = i", "c' = 2 \\div (a' - 2)", "2 \\div (a' - 2)"]);
  });

  it('an error that is not an evaluation error, thrown by the continuation, passes through unchanged', () => {
    const spec = compileSpec(j.module, j.config, j.tla, j.spans);
    const boom = new Error('not an evaluation error');
    const r = next(spec, [2, 2], () => { throw boom; });
    expect(r.successors).toEqual(['-2,2']);
    expect(r.thrown).toBe(boom);
    expect(boom).not.toHaveProperty('frames');
  });

  // A constraint or action property the search evaluates on the successor runs inside the
  // continuation: its error is not the action's (it was once given every frame it was found under).
  it('an evaluation error raised by the continuation gets no frame of the formula', () => {
    const spec = compileSpec(j.module, j.config, j.tla, j.spans);
    const r = next(spec, [2, 2], () => { throw new EvalError('raised by the continuation'); });
    expect(r.successors).toEqual(['-2,2']);
    expect(asEvalError(r.thrown).frames).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Init and ASSUME.

describe('lists and UNCHANGED no DSL call wrote: located from the text (`list`, `items`, `unchangedParts`)', () => {
  const tla = [
    'A ==',
    '  /\\ x < 3',
    '  /\\ \\/ /\\ y\' = 1',
    '        /\\ UNCHANGED z',
    '     \\/ UNCHANGED <<y, z>>',
    '  /\\ x\' = 2',
    'B == a /\\ b',
  ].join('\n');
  const m = new ModuleLocations('L', tla, []);
  it.each([
    { name: 'a bulleted list starts at its first bullet', first: loc(2, 6, 2, 10), last: loc(6, 6, 6, 11), op: '/\\', want: loc(2, 3, 6, 11) },
    { name: 'a list inside an outer bullet starts at its own', first: loc(3, 12, 3, 17), last: loc(4, 12, 4, 22), op: '/\\', want: loc(3, 9, 4, 22) },
    { name: 'an inline list starts at its first operand', first: loc(7, 6, 7, 6), last: loc(7, 11, 7, 11), op: '/\\', want: loc(7, 6, 7, 11) },
    { name: 'another operator before it is no bullet of this list', first: loc(3, 12, 3, 17), last: loc(5, 26, 5, 26), op: '\\/', want: loc(3, 12, 5, 26) },
  ])('list: $name', ({ first, last, op, want }) => {
    expect(m.list(first, last, op)).toEqual(want);
  });
  it('items: each operand from after its bullet to its last character, the first on an outer bullet\'s line too', () => {
    expect(m.items(loc(2, 3, 6, 11), '/\\', 3)?.map((l) => textAt(tla, l))).toEqual(['x < 3', "\\/ /\\ y' = 1\n        /\\ UNCHANGED z\n     \\/ UNCHANGED <<y, z>>", "x' = 2"]);
    expect(m.items(loc(3, 6, 5, 26), '\\/', 2)?.map((l) => textAt(tla, l))).toEqual(["/\\ y' = 1\n        /\\ UNCHANGED z", 'UNCHANGED <<y, z>>']);
    expect(m.items(loc(3, 9, 4, 22), '/\\', 2)?.map((l) => textAt(tla, l))).toEqual(["y' = 1", 'UNCHANGED z']);
  });
  it('items: none when the text holds another number of bullets, or none where the list starts', () => {
    expect(m.items(loc(2, 3, 6, 11), '/\\', 2)).toBeUndefined();
    expect(m.items(loc(2, 6, 2, 10), '/\\', 1)).toBeUndefined();
    expect(m.items(loc(7, 6, 7, 11), '/\\', 2)).toBeUndefined();
  });
  it('unchangedParts: the variable; a tuple, then each of its variables; nothing for other text', () => {
    expect(m.unchangedParts(loc(4, 12, 4, 22)).map((l) => textAt(tla, l))).toEqual(['z']);
    expect(m.unchangedParts(loc(5, 9, 5, 26)).map((l) => textAt(tla, l))).toEqual(['<<y, z>>', 'y', 'z']);
    expect(m.unchangedParts(loc(2, 6, 2, 10))).toEqual([]);
    expect(m.unchangedParts(loc(3, 6, 5, 26))).toEqual([]);
  });
  it('a guard without a span, an operand of a list: its bullet gives its frame', () => {
    const j = jobOf(model('Guard', (b) => {
      const a = b.variable('a', t.int(0, 3), 1);
      b.action('Step', {}, () => [when(lt(div(2, minus(a, 1)), a)), set(a, 0)]);
      b.config('c', { checkDeadlock: false });
    }));
    const spans = j.spans.filter((sp) => sp.kind !== 'expr' || slice(j.tla, sp.tla.start, sp.tla.end) !== '2 \\div (a - 1) < a');
    expect(spans).toHaveLength(j.spans.length - 1);
    const spec = compileSpec(j.module, j.config, j.tla, spans);
    const env = spec.newEnv();
    env.s = [1];
    const err = asEvalError(thrown(() => spec.next(env, () => {})));
    expect((err.frames as TlaLocation[]).map((l) => textAt(j.tla, l))).toEqual(["/\\ 2 \\div (a - 1) < a\n  /\\ a' = 0", '2 \\div (a - 1) < a', '2 \\div (a - 1)']);
  });
});

describe('Init (`initGen`, `withFrame`)', () => {
  it('one conjunct per variable in order, `=` or `\\in`, later ones reading earlier ones; every variable unset after', () => {
    const j = jobOf(model('L', (m) => {
      const a = m.variableIn('a', t.int(0, 3), range(1, 2));
      m.variable('b', t.int(0, 3), plus(a, 1));
      m.variableIn('c', t.int(0, 3), setOf(a, 3));
      m.config('c', { checkDeadlock: false });
    }));
    const spec = compileSpec(j.module, j.config, j.tla, j.spans);
    const env = spec.newEnv();
    const states: string[] = [];
    spec.init(env, () => states.push(env.n.map((v) => show(v as Value)).join(',')));
    expect(states).toEqual(['1,2,1', '1,2,3', '2,3,2', '2,3,3']);
    expect(env.n).toEqual([undefined, undefined, undefined]);
  });

  /** b's Init fails for a = 2 (`2 - a` is 0), after the initial state with a = 1. */
  const failing = jobOf(model('L', (m) => {
    const a = m.variableIn('a', t.int(0, 3), range(1, 2));
    m.variable('b', t.int(-3, 3), div(2, div(a, minus(a, 2))));
    m.config('c', { checkDeadlock: false });
  }));
  const initError = (spans: readonly SpanEntry[]) => {
    const spec = compileSpec(failing.module, failing.config, failing.tla, spans);
    const env = spec.newEnv();
    const states: string[] = [];
    const err = evalErrorOf(() => spec.init(env, () => states.push(env.n.map((v) => show(v as Value)).join(','))));
    expect(states).toEqual(['1,-2']);
    expect(err.message).toBe('The second argument of \\div is 0.');
    return err;
  };

  it("an error in a conjunct: Init's body and every conjunct up to it outermost (TLC nests each in the one before); a bracketed operand's frame is without its brackets", () => {
    const conjuncts = ['a \\in 1..2', 'b = 2 \\div (a \\div (a - 2))', '2 \\div (a \\div (a - 2))', 'a \\div (a - 2)'];
    const err = initError(failing.spans);
    const [body, ...rest] = err.frames as TlaLocation[];
    expect(rest).toEqual(conjuncts.map((x) => where(failing.tla, x)));
    expect(textAt(failing.tla, body!)).toBe('/\\ a \\in 1..2\n  /\\ b = 2 \\div (a \\div (a - 2))');
  });

  it("an initial state's checks are inside Init, past its last conjunct: `initFrames` is Init's body and every conjunct", () => {
    const spec = compileSpec(failing.module, failing.config, failing.tla, failing.spans);
    expect(spec.initFrames.map((l) => textAt(failing.tla, l))).toEqual(['/\\ a \\in 1..2\n  /\\ b = 2 \\div (a \\div (a - 2))', 'a \\in 1..2', 'b = 2 \\div (a \\div (a - 2))']);
    // One conjunct is Init's whole body: named once.
    const one = jobOf(model('L', (m) => { m.variable('a', t.int(0, 3), 1); m.config('c', { checkDeadlock: false }); }));
    expect(compileSpec(one.module, one.config, one.tla, one.spans).initFrames.map((l) => textAt(one.tla, l))).toEqual(['a = 1']);
    const none = jobOf(model('L', (m) => { m.config('c', { checkDeadlock: false }); }));
    expect(compileSpec(none.module, none.config, none.tla, none.spans).initFrames).toEqual([]);
  });

  it('without spans in Init, no frame', () => {
    expect(initError(failing.spans.filter((s) => s.definition !== 'Init')).frames).toEqual([]);
  });

  it('an error that is not an evaluation error passes through Init unchanged', () => {
    const j = jobOf(model('L', (m) => {
      const a = m.variableIn('a', t.int(0, 3), range(1, 2));
      m.variable('b', t.int(0, 3), plus(a, 1));
      m.config('c', { checkDeadlock: false });
    }));
    const spec = compileSpec(j.module, j.config, j.tla, j.spans);
    const env = spec.newEnv();
    // b's Init reads a: that read throws (a stand-in for a bug or a stack overflow).
    const boom = new Error('not an evaluation error');
    Object.defineProperty(env.n, 0, { get: () => { throw boom; }, set: () => {} });
    expect(thrown(() => spec.init(env, () => {}))).toBe(boom);
    expect(boom).not.toHaveProperty('frames');
  });
});

describe('ASSUME locations: the formula, without brackets', () => {
  it('as the pipeline prints it', () => {
    const j = jobOf(model('L', (m) => {
      m.variable('a', t.int(0, 3), 1);
      m.assume('Pos', lt(int(0), int(1)));
      m.config('c', { checkDeadlock: false });
    }));
    const spec = compileSpec(j.module, j.config, j.tla, j.spans);
    const location = where(j.tla, '0 < 1');
    expect(spec.assumptions.map((x) => x.location)).toEqual([location]);
    expect(textAt(j.tla, location)).toBe('0 < 1');
    expect(spec.assumptions[0]!.check(spec.newEnv())).toBe(true);
  });

  it('a bracketed formula without its brackets; a formula without a span has no location; other definitions are no assumptions', () => {
    const assumption = (name: string, body: ir.Expr): ir.Definition => ({ ...def(name, body), role: 'assumption' });
    const m = handModule([assumption('Br', at(op('<', I(1), I(2)), P)), def('Helper', I(1)), assumption('Bare', at(op('<', I(2), I(1)), Q))]);
    const tla = text('ASSUME Br == (1 < 2)', 'ASSUME Bare == 2 < 1');
    const spec = compileSpec(m, m.configs[0]!, tla, [span('Br', [2, 14], [2, 20], P)]);
    expect(spec.assumptions.map((x) => x.check(spec.newEnv()))).toEqual([true, false]);
    expect(spec.assumptions[0]!.location).toEqual(loc(2, 15, 2, 19));
    expect(textAt(tla, loc(2, 15, 2, 19))).toBe('1 < 2');
    expect(spec.assumptions[1]).not.toHaveProperty('location');
  });
});

describe("Next's body, a split `\\E`'s body, an Assert's condition (`nextBody`, `quantBody`, `between`): where TLC has frames no span gives", () => {
  it.each([
    { name: 'a list of disjuncts, up to the blank line', lines: ['Next ==', '  \\/ A', '  \\/ \\E i \\in S : B(i)', '', 'Spec == Init'], at: loc(3, 3, 4, 22) },
    { name: 'one disjunct, on the line of `==`', lines: ['Next == \\E i \\in S : B(i)'], at: loc(2, 9, 2, 25) },
    { name: 'to the end of the text', lines: ['Next ==', '  A'], at: loc(3, 3, 3, 3) },
    { name: 'no Next', lines: ['Nexts == A'], at: undefined },
  ] as const)('nextBody: $name', ({ lines, at }) => {
    expect(new ModuleLocations('L', text(...lines), []).nextBody()).toEqual(at);
  });

  it.each([
    { name: 'after the set', line: '\\E i \\in 1..N : B(i)', body: 'B(i)' },
    { name: 'another `\\E`', line: '\\E a \\in S : \\E c \\in T : B(a, c)', begins: '\\E ', body: '\\E c \\in T : B(a, c)' },
    { name: 'past a ` : ` in brackets', line: '\\E i \\in {x \\in S : x > 1} : B(i)', body: 'B(i)' },
    { name: 'past one in a function set', line: '\\E f \\in [S -> {y \\in T : P(y)}] : B(f)', body: 'B(f)' },
    { name: 'past a CHOOSE\'s, unbracketed: what follows it is not the body', line: '\\E i \\in CHOOSE s \\in SUBSET S : P(s) : B(i)', body: 'B(i)' },
    { name: 'past one in a string', line: '\\E i \\in {"}", "a : B(b"} : B(i)', body: 'B(i)' },
    { name: 'an `\\A` over a set (a step\'s, whose body TLC takes as conjuncts)', line: '\\A i \\in S : B(i)', body: 'B(i)' },
    { name: 'not a quantifier over a set', line: 'CHOOSE i \\in S : B(i)', body: undefined },
    { name: 'no ` : ` on its line', line: '\\E i \\in S', body: undefined },
    { name: 'no body that begins so', line: '\\E i \\in S : C(i)', body: undefined },
  ] as const)('quantBody: $name', ({ line, body, ...o }) => {
    const tla = text(`  ${line}`);
    const got = new ModuleLocations('L', tla, []).quantBody(loc(2, 3, 2, line.length + 2), (o as { begins?: string }).begins ?? 'B');
    expect(got && textAt(tla, got)).toBe(body);
  });

  it.each([
    { name: 'on one line', lines: ['  Assert(P => Q, "A")'], at: loc(2, 3, 2, 21), text: 'P => Q' },
    { name: 'over two lines', lines: ['  Assert(P =>', '    Q, "A")'], at: loc(2, 3, 3, 11), text: 'P =>\n    Q' },
    { name: 'another message: none', lines: ['  Assert(P => Q, "B")'], at: loc(2, 3, 2, 21), text: undefined },
    { name: 'not a call of Assert: none', lines: ['  Asserts(P, "A")'], at: loc(2, 3, 2, 17), text: undefined },
  ] as const)('between: $name', ({ lines, at, text: expected }) => {
    const tla = text(...lines);
    const got = new ModuleLocations('L', tla, []).between(at, 'Assert(', ', "A")');
    expect(got && textAt(tla, got)).toBe(expected);
  });

  // `P => Q` in a step keeps Q's frame while the rest runs: Q is placed after the `=>`, where P and Q may be one node (fixture Fuzz_52a249cc).
  it.each([
    { name: 'one node twice', line: 'TRUE => TRUE', right: 'TRUE' },
    { name: 'past an `=>` in brackets', line: '(a => b) => c', right: 'c' },
    { name: 'past one in a string', line: 'x = " => " => y', right: 'y' },
    { name: 'the first at the top level', line: 'a => (b => c)', right: '(b => c)' },
    { name: 'no `=>`', line: 'a /\\ b', right: undefined },
  ] as const)('infixRight: $name', ({ line, right }) => {
    const tla = text(`  ${line}`);
    const got = new ModuleLocations('L', tla, []).infixRight(loc(2, 3, 2, line.length + 2), '=>');
    expect(got && textAt(tla, got)).toBe(right);
  });
  // A variable's name alone as a LET's body, an IF's ELSE or THEN, a CASE's value in a step: placed by the text (fixture Fuzz_afa2032f).
  it.each([
    { name: 'the last word', line: 'IF a THEN b ELSE x', name_: 'x', found: 'x' },
    { name: 'a longer name ending so is not it', line: 'IF a THEN b ELSE yx', name_: 'x', found: undefined },
    { name: 'not at the end', line: 'IF a THEN x ELSE b', name_: 'x', found: undefined },
    { name: 'the whole text', line: 'x', name_: 'x', found: 'x' },
  ] as const)('endingName: $name', ({ line, name_, found }) => {
    const tla = text(`  ${line}`);
    const got = new ModuleLocations('L', tla, []).endingName(loc(2, 3, 2, line.length + 2), name_);
    expect(got && textAt(tla, got)).toBe(found);
    if (got) expect(got.startCol).toBe(line.length + 3 - name_.length);
  });
  it.each([
    { name: "an IF's THEN", line: 'IF a THEN x ELSE b', keyword: 'THEN', nth: 0, found: 'x', col: 13 },
    { name: 'one node with the condition: the one after THEN', line: 'IF x THEN x ELSE b', keyword: 'THEN', nth: 0, found: 'x', col: 13 },
    { name: 'a longer name beginning so is not it', line: 'IF a THEN xy ELSE b', keyword: 'THEN', nth: 0, found: undefined, col: 0 },
    { name: 'another word after THEN', line: 'IF a THEN b ELSE x', keyword: 'THEN', nth: 0, found: undefined, col: 0 },
    { name: 'THEN inside a word is no keyword', line: 'IF aTHEN THEN x ELSE b', keyword: 'THEN', nth: 0, found: 'x', col: 17 },
    { name: 'a bracketed IF in the condition is passed over', line: 'IF (IF a THEN b ELSE c) THEN x ELSE d', keyword: 'THEN', nth: 0, found: 'x', col: 32 },
    { name: "an unbracketed IF in the condition: none (its THEN is not the IF's own)", line: 'IF IF a THEN x ELSE c THEN x ELSE d', keyword: 'THEN', nth: 0, found: undefined, col: 0 },
    { name: 'an unbracketed IF after the THEN (an ELSE IF) is no matter', line: 'IF a THEN x ELSE IF b THEN c ELSE d', keyword: 'THEN', nth: 0, found: 'x', col: 13 },
    { name: 'not an IF where it begins: none', line: 'a THEN x', keyword: 'THEN', nth: 0, found: undefined, col: 0 },
    { name: "a CASE's second arrow", line: 'CASE a -> b [] c -> x [] OTHER -> d', keyword: '->', nth: 1, found: 'x', col: 23 },
    { name: "a CASE's OTHER", line: 'CASE a -> b [] OTHER -> x', keyword: '->', nth: 1, found: 'x', col: 27 },
    { name: "an unbracketed CASE in an earlier arm: none (its arrows are not the CASE's own)", line: 'CASE IF p THEN CASE q -> y [] OTHER -> z ELSE r -> b [] OTHER -> x', keyword: '->', nth: 1, found: undefined, col: 0 },
    { name: 'an unbracketed CASE after the arrow is no matter', line: 'CASE a -> x [] OTHER -> CASE b -> c [] OTHER -> d', keyword: '->', nth: 0, found: 'x', col: 13 },
  ] as const)('nameAfter: $name', ({ line, keyword, nth, found, col }) => {
    const tla = text(`  ${line}`);
    const got = new ModuleLocations('L', tla, []).nameAfter(loc(2, 3, 2, line.length + 2), keyword, 'x', nth);
    expect(got && textAt(tla, got)).toBe(found);
    if (got) expect(got.startCol).toBe(col);
  });
});
