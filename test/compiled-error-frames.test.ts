/**
 * Where the compiled verifier (dsl/check/compiled/compile.ts) says an evaluation error happened —
 * its message and the frames of TLC's location stack — on shapes the rest of the suite left open,
 * found by reviewing the mutants of the compiler that survived: actions TLC does not split (an
 * `\A`, an operator applied to state, an `Assert`, an `\E` over a set that reads a prime) and ones
 * it does (a LET, a LET's name), Next's `\E` over a set with a ` : ` of its own, an error in
 * TypeOK, an initial set no span locates, a field access named like a variable. Each case is
 * checked here, and against TLC's own message and frames where TLC is found (one known
 * difference pinned).
 */
import { describe, expect, it } from 'vitest';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import type { CheckJob } from '../dsl/check/checker.js';
import type { CheckResult, TlaLocation } from '../dsl/check/result.js';
import { findTlc } from '../dsl/check/tlc.js';
import type * as ir from '../dsl/ir/nodes.js';
import { int, and, cardinality, cases as caseOf, choose, div, either, emptySeq, eq, exists, FALSE, filter, forall, gt, head, ite, len, letIn, lt, mapSet, minus, model, not, or, plus, primed, range, record, set, setOf, t, TRUE, unchanged, when, type Bool, type Int, type IntSort, type Item, type Model, type SeqSort, type Var } from '../dsl/index.js';
import { jobOf, withConfig } from './helpers/compiled-job.js';
import { oneLine, tlcOn, tlcSkipNote } from './helpers/t2-java.js';
import { textAt } from './helpers/t2-source.js';

const tlc = await findTlc();

type EvalErrorVerdict = Extract<CheckResult['verdict'], { kind: 'evalError' }>;
/** An evaluation error as compared with TLC's: its message on one line, its frames. */
interface Seen { readonly message: string; readonly stack: readonly TlaLocation[] }

interface Case {
  readonly name: string;
  readonly job: () => CheckJob;
  /** The message and the frames (as the text they cover, outermost first) this backend reports. */
  readonly expected: (got: { message: string; frames: string[] }) => void;
  /** A difference from TLC that is known: what TLC reports, from what this backend does. */
  readonly tlcGap?: (mine: Seen) => Seen;
}

type Builder = Parameters<Parameters<typeof model>[1]>[0];
/** Variables `names` (0..3, from 1) and action A, its formula then replaced by `formula` (IR the DSL's statements never make, its nodes still located). */
function actionOver(name: string, names: readonly string[], formula: (vars: Readonly<Record<string, Var<IntSort>>>, b: Builder) => ir.Expr): ir.Module {
  let f!: ir.Expr;
  const m = model(name, (b) => {
    const vars = Object.fromEntries(names.map((n) => [n, b.variable(n, t.int(0, 3), 1)]));
    b.action('A', {}, () => Object.values(vars).map((v) => set(v, v)));
    f = formula(vars, b);
    b.config('c', { checkDeadlock: false });
  });
  return { ...m.module, actions: m.module.actions.map((a) => (a.name === 'A' ? { ...a, formula: f } : a)) };
}
/** Variable x and action A, its formula `formula(x)`. */
const actionModule = (name: string, formula: (x: Var<IntSort>, b: Builder) => ir.Expr): ir.Module => actionOver(name, ['x'], (v, b) => formula(v.x!, b));
/** `x` with no location (no span places it: its bullet's text does). */
const bare = (x: ir.Expr): ir.Expr => { const { loc: _unlocated, ...rest } = x as ir.Expr & { loc?: ir.SourceLoc }; return rest as ir.Expr; };
const DIV_BY_ZERO = 'The second argument of \\div is 0.';
/** The module of `m` with its first variable's initial value replaced by `init` (and its set, when `asSet`). */
function withInit(m: Model, init: ir.Expr, asSet = false): ir.Module {
  const v = m.module.variables[0]!;
  return { ...m.module, variables: [{ ...v, init, ...(asSet ? { initSet: init } : {}) }, ...m.module.variables.slice(1)] };
}

/** A guard `TRUE` made on one line, however often it is called: every one has the same DSL start. */
const trueGuard = () => when(TRUE());

/** A step `/\ Q b \in S : body /\ y' = (CASE FALSE -> 1)` (S = P = {p1, p2}, or {TRUE}): the CASE fails after the quantifier's body, whose frame TLC keeps. */
function quantStep(name: string, q: 'exists' | 'forall', body: (x: Bool, bound: Bool, b: Builder) => Bool, overTrue = false): CheckJob {
  return jobOf(model(name, (b) => {
    const P = b.modelValues('P');
    const x = b.variable('x', t.bool(), TRUE());
    const y = b.variable('y', t.int(0, 3), 0);
    const quant = (q === 'exists' ? exists : forall) as (s: unknown, f: (v: Bool) => Bool) => Bool;
    const guard = overTrue ? quant(setOf(TRUE()), (v) => body(x, v, b)) : quant(P, (v) => body(x, v, b));
    b.action('A', {}, () => [when(guard), set(y, caseOf([[FALSE(), int(1)]]))]);
    b.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
  }));
}
const faDef = () => quantStep('FaDef', 'forall', (x, _v, b) => b.define('D', x));
const quantCases: Case[] = ([['\\E', 'exists', 'Ex'], ['\\A', 'forall', 'Fa']] as const).flatMap(([q, f, n]) => [
  {
    // Found by an error-path campaign (seed 20261341, Fuzz_d5503902: the \E's). A variable has no span: the body is placed by the text.
    name: `a step's ${q} whose body is a variable: its frame, after the ${q}'s`,
    job: () => quantStep(`${n}Var`, f, (x) => x),
    expected: ({ frames }) => expect(frames.slice(1, 3)).toEqual([`${q} v \\in P : x`, 'x']),
  },
  {
    name: `a step's ${q} whose body is its bound variable: its frame`,
    job: () => quantStep(`${n}Bound`, f, (_x, v) => v, true),
    expected: ({ frames }) => expect(frames.slice(1, 3)).toEqual([`${q} v \\in {TRUE} : v`, 'v']),
  },
]);
const cases: Case[] = [
  ...quantCases,
  {
    name: "a step's \\E whose body names a definition of a variable: the name's frame, then the definition's body",
    job: () => quantStep('ExDef', 'exists', (x, _v, b) => b.define('D', x)),
    expected: ({ frames }) => expect(frames.slice(1, 4)).toEqual(['\\E v \\in P : D', 'D', 'x']),
  },
  {
    // TLC takes each instance as a conjunct inside the one before, each leaving its frames, D's
    // and its body's, printed each time (CallStack skips a frame only after the same one). A known
    // gap until 2026-12-07 (the \A was one value: its frame only).
    name: "a step's \\A whose body names a definition: the name's frame and its body's, once per instance",
    job: faDef,
    expected: ({ frames }) => expect(frames.slice(1)).toEqual(['\\A v \\in P : D', 'D', 'x', 'D', 'x', "y' = (CASE FALSE -> 1)", 'CASE FALSE -> 1']),
  },
  {
    // Each instance enters the body again, right after the one before: TLC prints a frame the
    // same as the one before it once (CallStack#toString), where each instance had left its own.
    name: "a step's \\A whose body assigns: its frame once, though each instance enters it",
    job: () => quantStep('FaAssign', 'forall', (x) => eq(primed(x), x)),
    expected: ({ frames }) => expect(frames.slice(1)).toEqual(["\\A v \\in P : x' = x", "x' = x", "y' = (CASE FALSE -> 1)", 'CASE FALSE -> 1']),
  },
  {
    // Before 2026-12-07 the three had one DSL start between them, so none was located and Init had no frames.
    name: 'variables declared in a loop (one call site): Init\'s frames are each variable\'s own conjunct, then the invariant\'s',
    job: () => jobOf(model('LoopVariables', (b) => {
      const [a, c] = ['a', 'c', 'd'].map((n) => b.variable(n, t.int(0, 3), 0)) as [Var<IntSort>, Var<IntSort>, Var<IntSort>];
      b.action('A', {}, () => [set(a, a)]);
      b.invariant('Inv', lt(div(1, minus(c, c)), 3));
      b.config('c', { invariants: ['Inv'], checkDeadlock: false });
    })),
    expected: ({ message, frames }) => {
      expect(message).toBe(DIV_BY_ZERO);
      expect(frames).toEqual(['/\\ a = 0\n  /\\ c = 0\n  /\\ d = 0', 'a = 0', 'c = 0', 'd = 0', '1 \\div (c - c) < 3', '1 \\div (c - c)']);
    },
  },
  {
    name: 'an action that is one \\A: TLC does not split it, so the \\A is its first frame',
    job: () => jobOf(actionModule('ForallAction', () => forall(range(0, 1), (i) => eq(div(1, i), 1)).node)),
    expected: ({ message, frames }) => {
      expect(message).toBe(DIV_BY_ZERO);
      expect(frames[0]).toMatch(/^\\A i\w* \\in 0\.\.1 : 1 \\div i\w* = 1$/);
      expect(frames.at(-1)).toMatch(/^1 \\div i\w*$/);
    },
  },
  {
    name: 'an action that applies an operator to a variable: TLC does not split it, so the application is a frame',
    job: () => jobOf(actionModule('OpOfState', (x, b) => {
      const op = b.defineOp('Op', { v: range(0, 3) }, ({ v }) => eq(primed(x), div(1, minus(v, v))));
      return (op as unknown as (a: { v: Var<IntSort> }) => { node: ir.Expr })({ v: x }).node;
    })),
    expected: ({ message, frames }) => {
      expect(message).toBe(DIV_BY_ZERO);
      expect(frames[0]).toBe('Op(x)');
      expect(frames.at(-1)).toMatch(/^1 \\div \(v\w* - v\w*\)$/);
    },
  },
  {
    name: 'an action that is one LET: TLC splits it (its body is the action), so the LET is no frame',
    job: () => jobOf(actionModule('LetAction', (x) => letIn('r', div(1, minus(x, x)), (r) => eq(primed(x), r)).node)),
    expected: ({ message, frames }) => {
      expect(message).toBe(DIV_BY_ZERO);
      expect(frames.some((f) => f.startsWith('LET'))).toBe(false);
      expect(frames[0]).toBe("x' = r");
    },
  },
  {
    // TLC splits the LET's name into its body (Tool#getActionsAppl: a zero-argument definition of
    // the LET's context), so its stack has no frame `r` (before 2026-12-07 this backend kept one).
    name: "an action that is a LET's name alone: split into the LET's body, no frame for the name",
    job: () => jobOf(actionModule('LetNameAction', (x) => letIn('r', eq(primed(x), div(1, minus(x, x))), (r) => r).node)),
    expected: ({ message, frames }) => {
      expect(message).toBe(DIV_BY_ZERO);
      expect(frames[0]).toBe("x' = 1 \\div (x - x)");
    },
  },
  {
    name: 'an action that is one Assert of constant arguments: TLC does not split it (a built-in operator of TLC), so it is a frame',
    job: () => jobOf(actionModule('AssertAction', () => ({ kind: 'call', op: 'Assert', args: [eq(div(1, 0), 0).node, { kind: 'str', value: 'Boom' }] }))),
    expected: ({ message, frames }) => {
      expect(message).toBe(DIV_BY_ZERO);
      expect(frames[0]).toBe('Assert(1 \\div 0 = 0, "Boom")');
    },
  },
  {
    name: "an action that is one \\E over a set reading x' (not split: the set has no value without a state): x' read unassigned",
    job: () => jobOf(actionModule('ExistsPrimed', (x) => exists(setOf(primed(x)), (i) => eq(primed(x), i)).node)),
    expected: ({ message, frames }) => {
      expect(message).toMatch(/^In evaluation, the identifier x is either undefined or not an operator\.\nline \d+, col \d+ to line \d+, col \d+ of module ExistsPrimed$/);
      expect(frames.slice(-2)).toEqual(["x'", 'x']);
    },
  },
  {
    name: "Next's \\E over a parameter set with a ` : ` of its own: the inner \\E, found past it, is the frame of the second set's error",
    job: () => jobOf(model('SplitColon', (b) => {
      const v = b.variable('v', t.int(0, 3), 1);
      const bad = b.define('Bad', div(2, minus(cardinality(range(1, 2)), 2)));
      b.action('Go', { a: ite(exists(range(1, 2), (x) => eq(x, 1)), range(1, 2), range(1, 3)), c: range(1, bad) }, () => [set(v, 0)]);
      b.config('c', { checkDeadlock: false });
    })),
    expected: ({ frames }) => expect(frames).toEqual(['\\E c \\in 1..Bad : Go(a, c)', '1..Bad', 'Bad', '2 \\div (Cardinality(1..2) - 2)']),
  },
  {
    // Located by its bullet (no span of its own): before 2026-12-07 its frame kept the brackets.
    name: 'an either branch printed in brackets (it ends in a CHOOSE): its frame is without them, as SANY locates it',
    job: () => jobOf(model('BracketedBranch', (b) => {
      const w = b.variable('w', t.int(0, 3), 1);
      const y = b.variable('y', t.int(0, 3), 1);
      b.action('A', {}, () => [either([set(w, div(1, minus(y, y))), when(choose(setOf(TRUE(), FALSE()), (c) => c))], [set(w, 2)])]);
      b.config('c', { checkDeadlock: false });
    })),
    expected: ({ message, frames }) => {
      expect(message).toBe(DIV_BY_ZERO);
      expect(frames.slice(2)).toEqual(["/\\ w' = 1 \\div (y - y)\n         /\\ CHOOSE c \\in {TRUE, FALSE} : c", "w' = 1 \\div (y - y)", '1 \\div (y - y)']);
    },
  },
  {
    // A known gap: TLC raises this error (IntervalValue#member) as a TLCRuntimeException, which it
    // reports on an initial state with the state (EC 2102, "While working on the initial state");
    // this backend gives the message alone, as for the errors TLC raises as EvalExceptions.
    name: "an error in TypeOK on an initial state (x = \"a\" against x \\in 0..3): TypeOK's conjunct is its frame",
    job: () => jobOf(withInit(model('TypeOkError', (b) => {
      const x = b.variable('x', t.int(0, 3), 1);
      b.action('A', {}, () => [set(x, x)]);
      b.config('c', { checkDeadlock: false });
    }), { kind: 'str', value: 'a' })),
    expected: ({ message, frames }) => {
      expect(message).toBe('Attempted to check if the value:\n"a"\nis in the integer interval 0..3');
      expect(frames).toEqual(['x = "a"', 'x \\in 0..3']);
    },
    tlcGap: (mine) => ({ ...mine, message: `${mine.message} While working on the initial state: x = "a"` }),
  },
  {
    name: 'an initial set no span locates has its frame after `x \\in `, as TLC has it',
    job: () => {
      const m = model('InitSetUnlocated', (b) => {
        const x = b.variableIn('x', t.int(0, 3), mapSet(range(0, 1), (i) => div(1, i)));
        b.action('A', {}, () => [set(x, x)]);
        b.config('c', { checkDeadlock: false });
      });
      return jobOf(withInit(m, bare(m.module.variables[0]!.initSet!), true));
    },
    expected: ({ message, frames }) => {
      expect(message).toBe(DIV_BY_ZERO);
      expect(frames).toEqual(['x \\in {1 \\div i : i \\in 0..1}', '{1 \\div i : i \\in 0..1}', '1 \\div i']);
    },
  },
  {
    // Init's frames first (the error is in an initial state's invariant), then Inv's conjunct and the field access.
    name: 'a field access named like a variable can still fail, so it has its frame: Inv == r.x < 3 with r = 5 (TypeOK off)',
    job: () => {
      const m = model('FieldLikeVariable', (b) => {
        b.variable('x', t.int(0, 3), 0);
        const r = b.variable('r', t.record({ x: t.int(0, 3) }), record({ x: 0 }));
        b.action('A', {}, () => [set(r, r)]);
        b.invariant('Inv', lt(r.get('x'), 3));
        b.config('c', { invariants: ['Inv'], checkDeadlock: false });
      });
      const module = { ...m.module, variables: m.module.variables.map((v) => (v.name === 'r' ? { ...v, init: { kind: 'int', value: 5 } as ir.Expr } : v)) };
      const job = jobOf(module);
      return withConfig(job, { ...job.config, checkTypeOk: false });
    },
    expected: ({ message, frames }) => {
      expect(message).toMatch(/^Attempted to select field "x" from a non-record value 5\nline \d+, col \d+ to line \d+, col \d+ of module FieldLikeVariable$/);
      expect(frames).toEqual(['/\\ x = 0\n  /\\ r = 5', 'x = 0', 'r = 5', 'r.x < 3', 'r.x']);
    },
    // The known gap of the TypeOK case (its place in the message, TLC's too, since 2026-12-07).
    tlcGap: (mine) => ({ ...mine, message: `${mine.message} While working on the initial state: /\\ r = 5 /\\ x = 0` }),
  },
];

/** The evaluation error this backend reports for `job`. */
async function compiledError(job: CheckJob): Promise<EvalErrorVerdict> {
  const r = await checkCompiled(job);
  expect(r.verdict.kind).toBe('evalError');
  return r.verdict as EvalErrorVerdict;
}

/** TLC on `job` reports this backend's message and frames, or what `gap` (a known difference) makes of them. */
async function agreesWithTlc(job: CheckJob, gap?: (mine: Seen) => Seen): Promise<void> {
  const v = await compiledError(job);
  const theirs = (await tlcOn(job)).verdict;
  expect(theirs.kind, 'TLC').toBe('evalError');
  const mine: Seen = { message: oneLine(v.message), stack: v.stack };
  expect({ message: oneLine((theirs as EvalErrorVerdict).message), stack: (theirs as EvalErrorVerdict).stack }).toEqual(gap ? gap(mine) : mine);
}

describe('evaluation errors: message and frames', () => {
  it.each(cases)('$name', async (c) => {
    const job = c.job();
    const v = await compiledError(job);
    c.expected({ message: v.message, frames: v.stack.map((l) => textAt(job.tla, l)) });
  });

  it.skipIf(!tlc.found).each(cases)(`$name: TLC's message and frames${tlcSkipNote(tlc)}`, (c) => agreesWithTlc(c.job(), c.tlcGap), 60_000);
});

describe('expressions one builder line made, told apart by identity (before 2026-12-07 they shared one span: their DSL start)', () => {
  const job = () => jobOf(model('HelperGuards', (b) => {
    const x = b.variable('x', t.int(0, 3), 1);
    b.action('A', {}, () => [trueGuard(), trueGuard(), set(x, div(1, minus(x, x)))]);
    b.config('c', { checkDeadlock: false });
  }));
  it('two TRUE guards from one helper line: each guard\'s frame is its own line', async () => {
    const j = job();
    const v = await compiledError(j);
    expect(v.stack.map((l) => textAt(j.tla, l)).slice(1)).toEqual(['TRUE', 'TRUE', "x' = 1 \\div (x - x)", '1 \\div (x - x)']);
    const [, first, second] = v.stack;
    expect(second!.startLine).toBe(first!.startLine + 1);
  });
  it.skipIf(!tlc.found)(`the same: TLC's message and frames${tlcSkipNote(tlc)}`, () => agreesWithTlc(job()), 60_000);
});

describe('a DSL value used twice in one definition: one IR node printed twice, each occurrence its own frame', () => {
  // Before 2026-12-07 both were located at the first (the node's widest span). Found by fuzzing
  // error paths against TLC with expressions shared (Fuzz_2d844642).
  const job = () => jobOf(model('SharedValue', (b) => {
    const q = b.variable('q', t.seq(t.int(0, 3), 2), emptySeq(t.int(0, 3)));
    b.action('A', {}, () => {
      const h = head(q);
      return [when(gt(plus(ite(eq(len(q), 0), 0, h), h), 0)), set(q, q)];
    });
    b.config('c', { checkDeadlock: false });
  }));
  it('Head of the empty sequence in the `+`\'s own operand: that Head(q), not the one the IF guards', async () => {
    const j = job();
    const v = await compiledError(j);
    expect(v.message).toBe('Attempted to apply Head to the empty sequence.');
    const frames = v.stack.map((l) => textAt(j.tla, l));
    expect(frames.slice(-3)).toEqual(['(IF Len(q) = 0 THEN 0 ELSE Head(q)) + Head(q) > 0', '(IF Len(q) = 0 THEN 0 ELSE Head(q)) + Head(q)', 'Head(q)']);
    const [sum, last] = [v.stack.at(-2)!, v.stack.at(-1)!];
    expect([last.startLine, last.endCol]).toEqual([sum.endLine, sum.endCol]);
  });
  it.skipIf(!tlc.found)(`the same: TLC's message and frames${tlcSkipNote(tlc)}`, () => agreesWithTlc(job()), 60_000);
  // Two IFs, each holding one occurrence, the second the one evaluated: its IF is the innermost
  // expression holding one, so the first in the text (never evaluated) is not it.
  const inIf = () => jobOf(model('SharedValueInIf', (b) => {
    const q = b.variable('q', t.seq(t.int(0, 3), 2), emptySeq(t.int(0, 3)));
    b.action('A', {}, () => {
      const h = head(q);
      return [when(gt(plus(ite(gt(len(q), 2), h, 0), ite(eq(len(q), 0), h, 0)), 0)), set(q, q)];
    });
    b.config('c', { checkDeadlock: false });
  }));
  it('Head of the empty sequence in the second IF\'s THEN: that Head(q), inside that IF\'s frame, not the first IF\'s', async () => {
    const j = inIf();
    const v = await compiledError(j);
    expect(v.message).toBe('Attempted to apply Head to the empty sequence.');
    expect(v.stack.map((l) => textAt(j.tla, l)).slice(-3)).toEqual([
      '(IF Len(q) > 2 THEN Head(q) ELSE 0) + (IF Len(q) = 0 THEN Head(q) ELSE 0)', 'IF Len(q) = 0 THEN Head(q) ELSE 0', 'Head(q)',
    ]);
    const [iff, last] = [v.stack.at(-2)!, v.stack.at(-1)!];
    expect([last.startLine, last.startCol > iff.startCol, last.endCol < iff.endCol]).toEqual([iff.startLine, true, true]);
  });
  it.skipIf(!tlc.found)(`the second IF's THEN: TLC's message and frames${tlcSkipNote(tlc)}`, () => agreesWithTlc(inIf()), 60_000);
});

describe('one node as two operands TLC evaluates one of (IF or CASE branches, `either` alternatives): the one it evaluated', () => {
  /** Where the `n`th (0-based) `Head(q)` of the module's text is, as a TLA+ location. */
  const nthHead = (tla: string, n: number): Pick<TlaLocation, 'startLine' | 'startCol'> => {
    const lines = tla.split('\n');
    const all = lines.flatMap((l, i) => [...l.matchAll(/Head\(q\)/g)].map((m) => ({ startLine: i + 1, startCol: m.index + 1 })));
    return all[n]!;
  };
  const table: { name: string; body: (q: Var<SeqSort<IntSort>>, y: Var<IntSort>) => Item[]; failing: number }[] = [
    { name: 'IF Len(q) > 0 THEN h ELSE h at q = <<>>: the ELSE', body: (q, y) => { const h = head(q); return [when(gt(ite(gt(len(q), 0), h, h), 0)), set(y, 1)]; }, failing: 1 },
    { name: 'IF Len(q) = 0 THEN h ELSE h at q = <<>>: the THEN', body: (q, y) => { const h = head(q); return [when(gt(ite(eq(len(q), 0), h, h), 0)), set(y, 1)]; }, failing: 0 },
    { name: 'CASE y = 1 -> h [] y = 0 -> h at y = 0: the second arm', body: (q, y) => { const h = head(q); return [when(gt(caseOf([[eq(y, 1), h], [eq(y, 0), h]], 2), 0)), set(y, 1)]; }, failing: 1 },
    { name: 'CASE y = 1 -> h [] OTHER -> h at y = 0: the OTHER', body: (q, y) => { const h = head(q); return [when(gt(caseOf([[eq(y, 1), h]], h), 0)), set(y, 1)]; }, failing: 1 },
    {
      name: 'either a guard that fails, then one guarded by y = 3: the second alternative\'s (the first\'s is never evaluated)',
      body: (q, y) => { const g = gt(head(q), 0); return [either([when(eq(y, 3)), when(g), set(y, 1)], [when(g), set(y, 2)])]; },
      failing: 1,
    },
  ];
  const job = (c: (typeof table)[number]) => jobOf(model('SharedOperands', (b) => {
    const q = b.variable('q', t.seq(t.int(0, 3), 2), emptySeq(t.int(0, 3)));
    const y = b.variable('y', t.int(0, 3), 0);
    b.action('A', {}, () => c.body(q, y));
    b.config('c', { checkDeadlock: false });
  }));
  it.each(table)('$name', async (c) => {
    const j = job(c);
    const v = await compiledError(j);
    expect(v.message).toBe('Attempted to apply Head to the empty sequence.');
    const last = v.stack.at(-1)!;
    expect(textAt(j.tla, last)).toBe('Head(q)');
    expect({ startLine: last.startLine, startCol: last.startCol }).toEqual(nthHead(j.tla, c.failing));
  });
  it.skipIf(!tlc.found).each(table)(`$name: TLC's message and frames${tlcSkipNote(tlc)}`, (c) => agreesWithTlc(job(c)), 60_000);
});

/**
 * The same where the IF or CASE is a formula of a step: the branch taken stays a frame of an
 * error later in the step (the rest of the step runs inside it), and is the occurrence TLC took.
 * Found 2026-12-07 by the error-path fuzzer (`Fuzz_257e6132`: `CASE FALSE -> FALSE [] FALSE -> TRUE
 * [] OTHER -> TRUE`, the two TRUEs one node): the first occurrence was framed where TLC frames the OTHER's.
 */
/** A model whose action A, `items` (given `q` and what `declare` made), fails on `Head(q)`, `q` an empty sequence. */
const headOfEmpty = <V>(name: string, declare: (b: Builder) => V, items: (q: Var<SeqSort<IntSort>>, v: V) => Item[]): CheckJob => jobOf(model(name, (b) => {
  const q = b.variable('q', t.seq(t.int(0, 3), 2), emptySeq(t.int(0, 3)));
  const v = declare(b);
  b.action('A', {}, () => items(q, v));
  b.config('c', { checkDeadlock: false });
}));

/** The frames of `j`'s error, Head of the empty sequence, whose text is `text`. */
async function headFramesAt(j: CheckJob, text: string): Promise<TlaLocation[]> {
  const v = await compiledError(j);
  expect(v.message).toBe('Attempted to apply Head to the empty sequence.');
  return v.stack.filter((l) => textAt(j.tla, l) === text);
}

describe('one node as two branches of an IF or CASE that is a formula of a step: the branch TLC took', () => {
  /** Where the `n`th (0-based) `text` of the module's text is. */
  const nth = (tla: string, text: string, n: number): Pick<TlaLocation, 'startLine' | 'startCol'> => {
    const all = tla.split('\n').flatMap((l, i) => [...l.matchAll(new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'g'))].map((m) => ({ startLine: i + 1, startCol: m.index + 1 })));
    return all[n]!;
  };
  const table: { name: string; formula: (y: Var<IntSort>, g: Bool) => Bool; taken: number }[] = [
    { name: 'CASE y = 1 -> g [] OTHER -> g at y = 0: the OTHER', formula: (y, g) => caseOf([[eq(y, 1), g]], g), taken: 1 },
    { name: 'CASE y = 1 -> g [] y = 0 -> g at y = 0: the second arm', formula: (y, g) => caseOf([[eq(y, 1), g], [eq(y, 0), g]]), taken: 1 },
    { name: 'IF y = 1 THEN g ELSE g at y = 0: the ELSE', formula: (y, g) => ite(eq(y, 1), g, g), taken: 1 },
    { name: 'IF y = 0 THEN g ELSE g at y = 0: the THEN', formula: (y, g) => ite(eq(y, 0), g, g), taken: 0 },
  ];
  const job = (c: (typeof table)[number]) => headOfEmpty('SharedBranches', (b) => b.variable('y', t.int(0, 3), 0), (q, y) => [when(c.formula(y, lt(y, 3))), set(y, head(q))]);
  it.each(table)('$name', async (c) => {
    const j = job(c);
    const branch = await headFramesAt(j, 'y < 3');
    expect(branch.map((l) => ({ startLine: l.startLine, startCol: l.startCol }))).toEqual([nth(j.tla, 'y < 3', c.taken)]);
  });
  it.skipIf(!tlc.found).each(table)(`$name: TLC's message and frames${tlcSkipNote(tlc)}`, (c) => agreesWithTlc(job(c)), 60_000);
});

describe("a variable's name alone as a LET's body, an IF's branch or a CASE's value in a step: its frame stays while the rest of the step runs", () => {
  // TLC keeps the frame of each formula of a step it is in while the rest of the step runs; the
  // emitter spans no place for a name alone, so it is found in the text after the keyword before
  // it. Until 2026-12-08 it had no frame (found by the error-path fuzzer: seed 20261841, a LET's body).
  const table: { name: string; formula: (x: Bool) => Bool; after: string }[] = [
    { name: 'LET a == 0 IN x', formula: (x) => letIn('a', int(0), () => x), after: 'IN  ' },
    { name: 'LET a == 0 IN LET c == 1 IN x', formula: (x) => letIn('a', int(0), () => letIn('c', int(1), () => x)), after: 'IN  ' },
    { name: 'IF x THEN x ELSE FALSE (the THEN, one node with the condition)', formula: (x) => ite(x, x, FALSE()), after: 'THEN ' },
    { name: 'IF ~x THEN FALSE ELSE x', formula: (x) => ite(not(x), FALSE(), x), after: 'ELSE ' },
    { name: 'CASE x -> x [] OTHER -> FALSE', formula: (x) => caseOf([[x, x]], FALSE()), after: 'CASE x -> ' },
    { name: 'CASE ~x -> FALSE [] x -> x [] OTHER -> FALSE', formula: (x) => caseOf([[not(x), FALSE()], [x, x]], FALSE()), after: '[] x -> ' },
    { name: 'CASE ~x -> FALSE [] OTHER -> x', formula: (x) => caseOf([[not(x), FALSE()]], x), after: 'OTHER -> ' },
    { name: 'IF x THEN LET a == 0 IN x ELSE FALSE', formula: (x) => ite(x, letIn('a', int(0), () => x), FALSE()), after: 'IN ' },
    // Printed on lines of their own (a condition too long for one line).
    { name: 'IF x /\\ … /\\ x THEN x ELSE FALSE, in block form', formula: (x) => ite(and(...Array.from({ length: 22 }, () => x)), x, FALSE()), after: 'THEN ' },
    { name: 'CASE x /\\ … /\\ x -> x [] OTHER -> FALSE, in block form', formula: (x) => caseOf([[and(...Array.from({ length: 22 }, () => x)), x]], FALSE()), after: ' -> ' },
  ];
  const job = (c: (typeof table)[number]) => headOfEmpty('NameAlone', (b) => b.variable('x', t.bool(), TRUE()), (q, x) => [when(c.formula(x)), set(q, q), set(x, eq(head(q), 1))]);
  it.each(table)('$name', async (c) => {
    const j = job(c);
    const named = await headFramesAt(j, 'x');
    expect(named).toHaveLength(1);
    const line = j.tla.split('\n')[named[0]!.startLine - 1]!;
    expect(line.slice(0, named[0]!.startCol - 1).endsWith(c.after)).toBe(true);
  });
  it.skipIf(!tlc.found).each(table)(`$name: TLC's message and frames${tlcSkipNote(tlc)}`, (c) => agreesWithTlc(job(c)), 60_000);
});

describe('a /\\ or \\/ of three or four printed inline, which SANY nests to the left', () => {
  // Before 2026-12-07 the inner `(A /\ B)` had no frame. Found by fuzzing error paths against TLC.
  const job = () => jobOf(model('InlineChain', (b) => {
    const x = b.variable('x', t.int(0, 3), 1);
    b.action('A', {}, () => [when(ite(and(lt(div(1, minus(x, x)), 3), eq(x, x), eq(x, 1)), TRUE(), FALSE())), set(x, x)]);
    b.config('c', { checkDeadlock: false });
  }));
  it('an error in its first operand has the frame of the whole, of its first two, then its own', async () => {
    expect((await framesOf(job())).frames.slice(-5)).toEqual([
      'IF 1 \\div (x - x) < 3 /\\ x = x /\\ x = 1 THEN TRUE ELSE FALSE',
      '1 \\div (x - x) < 3 /\\ x = x /\\ x = 1', '1 \\div (x - x) < 3 /\\ x = x', '1 \\div (x - x) < 3', '1 \\div (x - x)',
    ]);
  });
  it.skipIf(!tlc.found)(`the same: TLC's message and frames${tlcSkipNote(tlc)}`, () => agreesWithTlc(job()), 60_000);
  // Of four, the third fails: it is the right operand of the inner `(A /\ B) /\ C`, under it and the whole only.
  const four = () => jobOf(model('InlineChainFour', (b) => {
    const x = b.variable('x', t.int(0, 3), 1);
    b.action('A', {}, () => [when(ite(and(eq(x, 1), eq(x, x), lt(div(1, minus(x, x)), 3), eq(x, 1)), TRUE(), FALSE())), set(x, x)]);
    b.config('c', { checkDeadlock: false });
  }));
  it('of four, an error in the third has the frame of the whole, of its first three, then its own', async () => {
    expect((await framesOf(four())).frames.slice(-4)).toEqual([
      'x = 1 /\\ x = x /\\ 1 \\div (x - x) < 3 /\\ x = 1', 'x = 1 /\\ x = x /\\ 1 \\div (x - x) < 3', '1 \\div (x - x) < 3', '1 \\div (x - x)',
    ]);
  });
  it.skipIf(!tlc.found)(`of four: TLC's message and frames${tlcSkipNote(tlc)}`, () => agreesWithTlc(four()), 60_000);
  // Of four, the first fails: it is under both inner operators, the wider one outer (found by a surviving mutant that kept them innermost first).
  const fourFirst = () => jobOf(model('InlineChainFourFirst', (b) => {
    const x = b.variable('x', t.int(0, 3), 1);
    b.action('A', {}, () => [when(ite(and(lt(div(1, minus(x, x)), 3), eq(x, x), eq(x, 1), eq(x, 1)), TRUE(), FALSE())), set(x, x)]);
    b.config('c', { checkDeadlock: false });
  }));
  it('of four, an error in the first has the frame of the whole, of its first three, of its first two, then its own', async () => {
    expect((await framesOf(fourFirst())).frames.slice(-5)).toEqual([
      '1 \\div (x - x) < 3 /\\ x = x /\\ x = 1 /\\ x = 1', '1 \\div (x - x) < 3 /\\ x = x /\\ x = 1', '1 \\div (x - x) < 3 /\\ x = x', '1 \\div (x - x) < 3', '1 \\div (x - x)',
    ]);
  });
  it.skipIf(!tlc.found)(`of four, the first failing: TLC's message and frames${tlcSkipNote(tlc)}`, () => agreesWithTlc(fourFirst()), 60_000);
  // A \/ is nested the same way: its inner `A \/ B` is found by its own operator (found by surviving mutants that looked for `/\` in it).
  const orChain = () => jobOf(model('InlineOrChain', (b) => {
    const x = b.variable('x', t.int(0, 3), 1);
    b.action('A', {}, () => [when(ite(or(lt(div(1, minus(x, x)), 3), eq(x, 2), eq(x, 3)), TRUE(), FALSE())), set(x, x)]);
    b.config('c', { checkDeadlock: false });
  }));
  it('a \\/ of three: an error in its first operand has the frame of the whole, of its first two, then its own', async () => {
    expect((await framesOf(orChain())).frames.slice(-4)).toEqual([
      '1 \\div (x - x) < 3 \\/ x = 2 \\/ x = 3', '1 \\div (x - x) < 3 \\/ x = 2', '1 \\div (x - x) < 3', '1 \\div (x - x)',
    ]);
  });
  it.skipIf(!tlc.found)(`a \\/ of three: TLC's message and frames${tlcSkipNote(tlc)}`, () => agreesWithTlc(orChain()), 60_000);
});

/** The message and frames (as the text they cover) this backend reports for `job`. */
async function framesOf(job: CheckJob): Promise<{ message: string; frames: string[] }> {
  const v = await compiledError(job);
  return { message: v.message, frames: v.stack.map((l) => textAt(job.tla, l)) };
}

/** Variables count, w and y and action A, its formula `formula`. */
const threeVars = (name: string, formula: (v: { count: Var<IntSort>; w: Var<IntSort>; y: Var<IntSort> }) => ir.Expr): ir.Module =>
  actionOver(name, ['count', 'w', 'y'], (v) => formula({ count: v.count!, w: v.w!, y: v.y! }));
/** y' = 1 \div (y - y): fails. */
const failing = (y: Var<IntSort>): ir.Expr => eq(primed(y), div(1, minus(y, y))).node;

/** Variable v; Bad == 2 \div 0 (in effect); invariant Inv == body(Bad), its IR then patched by `patch`. */
const invModule = (name: string, body: (bad: Int, v: Var<IntSort>) => Bool, patch: (x: ir.Expr) => ir.Expr = (x) => x): ir.Module => {
  const m = model(name, (b) => {
    const v = b.variable('v', t.int(0, 3), 1);
    const bad = b.define('Bad', div(2, minus(cardinality(range(1, 2)), 2)));
    b.action('A', {}, () => [set(v, v)]);
    b.invariant('Inv', body(bad, v));
    b.config('c', { invariants: ['Inv'], checkDeadlock: false });
  }).module;
  return { ...m, definitions: m.definitions.map((d) => (d.name === 'Inv' ? { ...d, body: patch(d.body) } : d)) };
};

/** The jobs below, each a module whose check ends in an evaluation error (checked against TLC at the end). */
const framed = {
  QuantBody: () => jobOf(model('QuantBody', (b) => {
    const v = b.variable('v', t.int(0, 3), 1);
    const bad = b.define('Bad', div(2, minus(cardinality(range(1, 2)), 2)));
    b.action('Go', { ab: filter(range(1, 3), (y) => exists(range(1, 2), (z) => eq(z, y))), cd: range(1, bad) }, () => [set(v, 0)]);
    b.config('c', { checkDeadlock: false });
  })),
  UnchangedOne: () => jobOf(threeVars('UnchangedOne', ({ count, w, y }) => ({ kind: 'and', operands: [unchanged(count).node, unchanged(w).node, failing(y)] }))),
  UnchangedInIf: () => jobOf(threeVars('UnchangedInIf', ({ count, w, y }) => ({ kind: 'and', operands: [{ kind: 'if', cond: eq(y, 1).node, then: unchanged(count, w).node, else: unchanged(count, w).node }, failing(y)] }))),
  BracketedList: () => jobOf(threeVars('BracketedList', ({ count, w, y }) => {
      const inner = and(eq(primed(count), count), eq(primed(y), y)).node as Extract<ir.Expr, { kind: 'and' }>;
      const body: ir.Expr = { ...inner, operands: [inner.operands[0]!, bare(failing(y))] };
      const let_: ir.Expr = { kind: 'let', name: 'r', value: { kind: 'int', value: 1 }, body };
      return { kind: 'if', cond: eq(y, 1).node, then: { kind: 'and', operands: [let_, eq(primed(w), w).node] }, else: unchanged(count, w, y).node };
    })),
  AssertInIf: () => jobOf(threeVars('AssertInIf', ({ count, w, y }) => {
      const assert: ir.Expr = { kind: 'call', op: 'Assert', args: [bare(eq(div(1, minus(y, y)), 0).node), { kind: 'str', value: 'Boom' }], loc: eq(y, 2).node.loc };
      return { kind: 'if', cond: eq(y, 1).node, then: assert, else: unchanged(count, w, y).node };
    })),
  InSet: () => jobOf(invModule('InSet', (bad, v) => lt(cardinality(setOf(0, bad)), plus(v, 5)))),
  FieldFirst: () => jobOf(invModule('FieldFirst', (bad, v) => lt(plus(cardinality(setOf(1)), bad), plus(v, 5)), (x) => {
      // Cardinality([Bad : {1 :> 1}]), unlocated: no located expression holds the field name.
      const rs: ir.Expr = { kind: 'recordSet', fields: [['Bad', { kind: 'setEnum', elements: [{ kind: 'infix', op: ':>', left: { kind: 'int', value: 1 }, right: { kind: 'int', value: 1 } }] }]] };
      const lt_ = x as Extract<ir.Expr, { kind: 'infix' }>, sum = lt_.left as Extract<ir.Expr, { kind: 'infix' }>;
      return { ...lt_, left: { ...sum, left: { kind: 'builtin', op: 'Cardinality', args: [rs] } } };
    })),
};

describe('where an error is located in the text, on shapes of the emitter (found by reviewing locations.ts\'s surviving mutants)', () => {
  it.each([
    ["Next's \\E over a first set holding a ` : \\E` in braces, its parameters named with two letters: the inner \\E is found past the braces", 'QuantBody', ['\\E cd \\in 1..Bad : Go(ab, cd)', '1..Bad', 'Bad', '2 \\div (Cardinality(1..2) - 2)']],
    ['an UNCHANGED of one variable with a long name, then a failing conjunct: its frames are the UNCHANGED and the name, nothing inside the name', 'UnchangedOne', ["/\\ UNCHANGED count\n  /\\ UNCHANGED w\n  /\\ y' = 1 \\div (y - y)", 'UNCHANGED count', 'count', 'UNCHANGED w', 'w', "y' = 1 \\div (y - y)", '1 \\div (y - y)']],
    ['an UNCHANGED of a tuple inside a one-line IF, then a failing conjunct: the tuple and its names are frames, not the ELSE after it', 'UnchangedInIf', ["/\\ IF y = 1 THEN UNCHANGED <<count, w>> ELSE UNCHANGED <<count, w>>\n  /\\ y' = 1 \\div (y - y)", 'IF y = 1 THEN UNCHANGED <<count, w>> ELSE UNCHANGED <<count, w>>', 'UNCHANGED <<count, w>>', '<<count, w>>', 'count', 'w', "y' = 1 \\div (y - y)", '1 \\div (y - y)',]],
    ['an Assert inside a one-line IF, its condition unlocated and failing: the condition has its frame between `Assert(` and the message, though the line goes on', 'AssertInIf', ['IF y = 1 THEN Assert(1 \\div (y - y) = 0, "Boom") ELSE UNCHANGED <<count, w, y>>', 'Assert(1 \\div (y - y) = 0, "Boom")', '1 \\div (y - y) = 0', '1 \\div (y - y)']],
  ] as const)('%s', async (_name, job, frames) => {
    expect(await framesOf(framed[job]())).toEqual({ message: DIV_BY_ZERO, frames });
  });

  it("a list bracketed in an IF's branch (a LET's body), its last operand unlocated and failing: that operand's frame ends before the closing bracket", async () => {
    const job = framed.BracketedList();
    // The LET's body has its span (it ends before the bracket); its second operand has none: its bullet places it.
    expect(job.tla).toContain("               /\\ y' = 1 \\div (y - y))\n");
    const { message, frames } = await framesOf(job);
    expect(message).toBe('The second argument of \\div is 0.');
    expect(frames.slice(1)).toEqual(["/\\ count' = count\n               /\\ y' = 1 \\div (y - y)", "count' = count", "y' = 1 \\div (y - y)", '1 \\div (y - y)']);
  });

  it('a zero-arity definition named after a comma ({0, Bad}) is a reference, not a field name: its frame is there', async () => {
    const job = framed.InSet();
    const { message, frames } = await framesOf(job);
    expect(message).toBe('The second argument of \\div is 0.');
    expect(frames).toEqual(['v = 1', 'Cardinality({0, Bad}) < v + 5', 'Cardinality({0, Bad})', '{0, Bad}', 'Bad', '2 \\div (Cardinality(1..2) - 2)']);
  });

  it('a record set field named like a definition, a `:>` after it on the line: still a field name, so the frame is the reference after it', async () => {
    const job = framed.FieldFirst();
    const line = 'Inv == Cardinality([Bad : {1 :> 1}]) + Bad < v + 5';
    const r = await checkCompiled(job);
    expect(r.verdict.kind).toBe('evalError');
    const stack = (r.verdict as EvalErrorVerdict).stack;
    expect(stack.map((l) => textAt(job.tla, l))).toEqual(['v = 1', line.slice(7), 'Cardinality([Bad : {1 :> 1}]) + Bad', 'Bad', '2 \\div (Cardinality(1..2) - 2)']);
    const at = job.tla.split('\n').indexOf(line) + 1;
    expect(stack[3]).toEqual({ module: 'FieldFirst', startLine: at, startCol: line.indexOf('+ Bad') + 3, endLine: at, endCol: line.indexOf('+ Bad') + 5 });
  });
  /**
   * A known gap (found 2026-12-07 running these against TLC; hand-built IR, whether a DSL model
   * reaches it is not established): in an IF's branch that is a list holding a bracketed LET, TLC
   * has two frames more than this backend, the branch's list and the LET, before the LET's body.
   */
  const tlcGaps: Partial<Record<keyof typeof framed, (mine: Seen, tla: string) => Seen>> = {
    BracketedList: (mine, tla) => {
      const lines = tla.split('\n'), line = lines.findIndex((l) => l.includes('THEN /\\ (LET r == 1')) + 1, col = lines[line - 1]!.indexOf('/\\ (LET') + 1;
      const last = lines.findIndex((l) => l.includes("/\\ w' = w")) + 1;
      const body = mine.stack[1]!;
      return { ...mine, stack: [mine.stack[0]!, { module: body.module, startLine: line, startCol: col, endLine: last, endCol: lines[last - 1]!.trimEnd().length }, { module: body.module, startLine: line, startCol: col + 4, endLine: body.endLine, endCol: body.endCol }, ...mine.stack.slice(1)] };
    },
  };
  it.skipIf(!tlc.found).each(Object.keys(framed) as (keyof typeof framed)[])(`%s: TLC's message and frames${tlcSkipNote(tlc)}`, (name) => {
    const job = framed[name](), gap = tlcGaps[name];
    return agreesWithTlc(job, gap && ((mine) => gap(mine, job.tla)));
  }, 60_000);
});

