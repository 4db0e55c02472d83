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
import { cardinality, div, eq, exists, forall, ite, letIn, lt, mapSet, minus, model, primed, range, record, set, setOf, t, type IntSort, type Model, type Var } from '../dsl/index.js';
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

/** Variable x (0..3, from 1) and action A, its formula then replaced by `formula(x)` (IR the DSL's statements never make, its nodes still located). */
function actionModule(name: string, formula: (x: Var<IntSort>, b: Parameters<Parameters<typeof model>[1]>[0]) => ir.Expr): ir.Module {
  let f!: ir.Expr;
  const m = model(name, (b) => {
    const x = b.variable('x', t.int(0, 3), 1);
    b.action('A', {}, () => [set(x, x)]);
    f = formula(x, b);
    b.config('c', { checkDeadlock: false });
  });
  return { ...m.module, actions: m.module.actions.map((a) => (a.name === 'A' ? { ...a, formula: f } : a)) };
}
const DIV_BY_ZERO = 'The second argument of \\div is 0.';
/** The module of `m` with its first variable's initial value replaced by `init` (and its set, when `asSet`). */
function withInit(m: Model, init: ir.Expr, asSet = false): ir.Module {
  const v = m.module.variables[0]!;
  return { ...m.module, variables: [{ ...v, init, ...(asSet ? { initSet: init } : {}) }, ...m.module.variables.slice(1)] };
}

const cases: Case[] = [
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
      const { loc: _unlocated, ...bare } = m.module.variables[0]!.initSet!;
      return jobOf(withInit(m, bare as ir.Expr, true));
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
      expect(message).toBe('Attempted to select field "x" from a non-record value 5');
      expect(frames).toEqual(['/\\ x = 0\n  /\\ r = 5', 'x = 0', 'r = 5', 'r.x < 3', 'r.x']);
    },
    // The known gap of the TypeOK case; this TLCRuntimeException also carries its expression's place.
    tlcGap: (mine) => {
      const at = mine.stack.at(-1)!;
      return { ...mine, message: `${mine.message} line ${at.startLine}, col ${at.startCol} to line ${at.endLine}, col ${at.endCol} of module ${at.module} While working on the initial state: /\\ r = 5 /\\ x = 0` };
    },
  },
];

/** The evaluation error this backend reports for `job`. */
async function compiledError(job: CheckJob): Promise<EvalErrorVerdict> {
  const r = await checkCompiled(job);
  expect(r.verdict.kind).toBe('evalError');
  return r.verdict as EvalErrorVerdict;
}

describe('evaluation errors: message and frames', () => {
  it.each(cases)('$name', async (c) => {
    const job = c.job();
    const v = await compiledError(job);
    c.expected({ message: v.message, frames: v.stack.map((l) => textAt(job.tla, l)) });
  });

  it.skipIf(!tlc.found).each(cases)(`$name: TLC's message and frames${tlcSkipNote(tlc)}`, async (c) => {
    const job = c.job();
    const v = await compiledError(job);
    const theirs = (await tlcOn(job)).verdict;
    expect(theirs.kind, 'TLC').toBe('evalError');
    const mine: Seen = { message: oneLine(v.message), stack: v.stack };
    expect({ message: oneLine((theirs as EvalErrorVerdict).message), stack: (theirs as EvalErrorVerdict).stack }).toEqual(c.tlcGap ? c.tlcGap(mine) : mine);
  }, 60_000);
});
