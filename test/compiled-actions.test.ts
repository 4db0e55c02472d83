/**
 * The compiled verifier's action formulas (dsl/check/compiled/compile.ts, `gen` to `unchangedVars`):
 * each formula kind compiled as the one action of a two-variable module and run from one state,
 * its successors listed in the order the search meets them, with the action and arguments each
 * is reported under, and each evaluation error with TLC's message. The formulas are IR written
 * by hand — shapes the DSL never lowers to as well (a lone `v' \in S`, `UNCHANGED` as a
 * disjunct, LET and CASE around primes) — and compiled per test, nothing at load.
 */
import { describe, expect, it } from 'vitest';
import type { Env } from '../dsl/check/compiled/compile.js';
import { EvalError, show, type Value } from '../dsl/check/compiled/values.js';
import type { TlaLocation } from '../dsl/check/result.js';
import { binder, type Expr } from '../dsl/ir/nodes.js';
import { and, B, bound, call, def, I, op, primed, ref, S, set_, V } from './helpers/ir.js';
import type * as ir from '../dsl/ir/nodes.js';
import { actionFormula } from '../dsl/lower/actions.js';
import { and as both, either as branches, enabled, eq, eventually, label, lt, model, not, or as either, pick, plus, primed as next, range, set, t, when, wf, type IntSort, type Var } from '../dsl/index.js';
import { checkCompiled, checkEachCompiled } from '../dsl/check/compiled/index.js';
import { jobOf, specOf } from './helpers/compiled-job.js';

// IR builders.
const W = ref('w');
const to = (x: Expr, value: Expr): Expr => op('=', primed(x), value);
const into = (x: Expr, s: Expr): Expr => op('\\in', primed(x), s);
const or = (...operands: Expr[]): Expr => ({ kind: 'or', operands });
const same = (...names: string[]): Expr => ({ kind: 'unchanged', names });
const exists = (hint: string, s: Expr, body: (x: Expr) => Expr): Expr => { const b = binder(hint); return { kind: 'quant', quantifier: '\\E', binder: b, set: s, body: body(bound(b)) }; };
const forall = (hint: string, s: Expr, body: (x: Expr) => Expr): Expr => { const b = binder(hint); return { kind: 'quant', quantifier: '\\A', binder: b, set: s, body: body(bound(b)) }; };
const boom = op('=', op('\\div', I(1), I(0)), I(0));

/** The action a step is reported under, with its arguments as TLC prints them: `Name(a, b)`. */
const called = (env: Env) => `${env.action?.name}(${env.args.map((a) => show(a as Value)).join(', ')})`;

interface Extra { definitions?: ir.Definition[]; params?: ir.ActionParam[]; actions?: { name: string; formula: Expr }[]; constants?: [string, ir.ConstantValue][] }

/**
 * Module `A`: variables v and w (0..9), action `Step` == `Act /\ v' = v' /\ w' = w'` with
 * `Act` == `x` (so `x` alone decides both primes: no UNCHANGED is added), from v = 1, w = 2.
 * Each successor as `v,w`, after `@Action(args)` when the step is reported under another action
 * or with arguments; or `error: message`.
 */
function successors(x: Expr, extra: Extra = {}, from: [number, number] = [1, 2]): string[] | string {
  const m = model('A', (b) => {
    const v = b.variable('v', t.int(0, 9), 0), w = b.variable('w', t.int(0, 9), 0);
    b.action('Step', {}, () => [set(v, v), set(w, w)]);
    b.invariant('Ok', eq(v, v));
    b.config('c', { invariants: ['Ok'], checkDeadlock: false });
  });
  const step = m.module.actions[0]!;
  const loc = step.loc;
  const body: ir.ActionItem[] = [{ kind: 'guard', cond: ref('Act'), loc }, ...['v', 'w'].map((n): ir.ActionItem => ({ kind: 'assign', variable: n, value: primed(ref(n)), loc }))];
  const decl = { ...step, body, params: extra.params ?? [] };
  const module: ir.Module = {
    ...m.module,
    actions: [{ ...decl, formula: actionFormula(decl, ['v', 'w']) }, ...(extra.actions ?? []).map((a) => ({ ...step, body: [], ...a }))],
    definitions: [...m.module.definitions, def('Act', x), ...(extra.definitions ?? [])],
    constants: [...m.module.constants, ...(extra.constants ?? []).map(([name]): ir.ConstantDecl => ({ name, kind: 'value', loc: step.loc }))],
    configs: m.module.configs.map((c) => ({ ...c, constants: [...c.constants, ...(extra.constants ?? [])] })),
  };
  const spec = specOf(module);
  const env: Env = spec.newEnv();
  env.s = [...from];
  const out: string[] = [];
  try {
    spec.next(env, () => {
      const state = env.n.map((y) => show(y as Value)).join(',');
      const action = env.action?.name === 'Step' && !env.args.length ? '' : `@${called(env)} `;
      out.push(action + state);
    });
  } catch (err) {
    if (!(err instanceof EvalError)) throw err;
    // Each frame is a location (a line and column of the module's text): a conjunct no text locates adds none.
    const located = (f: unknown) => typeof f === 'object' && f !== null && (f as TlaLocation).startLine >= 1 && (f as TlaLocation).startCol >= 1;
    expect(err.frames.filter((f) => !located(f))).toEqual([]);
    return `error: ${err.message}`;
  }
  // Every prime the search set is cleared again once it has moved on.
  expect(env.n.every((y) => y === undefined)).toBe(true);
  expect(env.undo).toEqual([]);
  // And the action a step is reported under is the caller's again.
  expect([env.action, env.args]).toEqual([undefined, []]);
  return out;
}

describe('assignments', () => {
  it("v' = e and w' = e in a conjunction: one successor; a second v' = e tests what the first set", () => {
    expect(successors(and(to(V, I(5)), to(W, op('+', V, I(1)))))).toEqual(['5,2']);
    expect(successors(and(to(V, I(5)), to(W, I(0)), to(V, I(5))))).toEqual(['5,0']);
    expect(successors(and(to(V, I(5)), to(W, I(0)), to(V, I(6))))).toEqual([]);
    // Read after it is set: w' = v' sees the new v.
    expect(successors(and(to(V, I(7)), to(W, primed(V))))).toEqual(['7,7']);
  });
  it("a lone v' = e (a disjunct, not a conjunct) sets v for its continuation and clears it after", () => {
    expect(successors(and(or(to(V, I(3)), to(V, I(4))), to(W, I(0))))).toEqual(['3,0', '4,0']);
    expect(successors(and(to(V, I(3)), or(to(V, I(3)), to(V, I(4))), to(W, I(0))))).toEqual(['3,0']);
  });
  it("v' \\in S: one successor per element, in TLC's order; after v' = e it is a membership test", () => {
    expect(successors(and(into(V, set_(I(6), I(4), I(5))), to(W, I(0))))).toEqual(['4,0', '5,0', '6,0']);
    expect(successors(and(into(V, set_()), to(W, I(0))))).toEqual([]);
    expect(successors(and(to(V, I(5)), into(V, set_(I(4), I(5))), to(W, I(0))))).toEqual(['5,0']);
    expect(successors(and(to(V, I(3)), into(V, set_(I(4), I(5))), to(W, I(0))))).toEqual([]);
    // Two choices: every pair, v's outermost.
    expect(successors(and(into(V, set_(I(1), I(2))), into(W, set_(I(3), I(4)))))).toEqual(['1,3', '1,4', '2,3', '2,4']);
  });
  it("UNCHANGED as a conjunct or a lone disjunct: keeps the current value, or tests one already set", () => {
    expect(successors(and(same('v'), to(W, I(0))))).toEqual(['1,0']);
    expect(successors(and(or(same('v'), to(V, I(8))), to(W, I(0))))).toEqual(['1,0', '8,0']);
    expect(successors(or(same('vars'), and(to(V, I(0)), to(W, I(0)))))).toEqual(['1,2', '0,0']);
    expect(successors(and(to(V, I(1)), or(same('v', 'w')), to(W, I(9))))).toEqual([]);
    expect(successors(and(to(V, I(1)), or(same('v', 'w'), B(false)), to(W, I(2))))).toEqual(['1,2']);
    expect(successors(and(to(V, I(4)), or(same('v'), B(false)), to(W, I(2))))).toEqual([]);
    // Conjuncts in a row: an UNCHANGED after v' = e tests it, before w' = e it sets w.
    expect(successors(and(to(V, I(1)), same('v'), to(W, I(2))))).toEqual(['1,2']);
    expect(successors(and(to(V, I(4)), same('v'), to(W, I(2))))).toEqual([]);
    expect(successors(and(to(V, I(4)), same('w', 'v')))).toEqual([]);
    expect(successors(and(same('w', 'v'), to(V, I(1))))).toEqual(['1,2']);
    // An UNCHANGED whose first variable an outer conjunct assigned: it sets the rest, and undoes only
    // what it set (the next disjunct still has v from the outer conjunct).
    expect(successors(and(to(V, I(1)), or(and(B(true), same('v', 'w')), to(W, I(5)))))).toEqual(['1,2', '1,5']);
    // A lone UNCHANGED that fails on its second variable leaves the first one unset again.
    expect(successors(and(to(W, I(5)), or(same('v', 'w'), B(false)), to(V, I(0))))).toEqual([]);
    expect(successors(and(to(W, I(5)), or(and(same('v', 'w')), and(same('v'), B(true))), to(V, I(0))))).toEqual([]);
  });
  it("a prime the formula leaves undetermined cannot be read: TLC's error", () => {
    expect(successors(to(V, I(3)))).toBe("error: In evaluation, the identifier w is either undefined or not an operator.");
  });
});

describe('guards, choices and connectives', () => {
  it('a guard prunes; guards run in order, so one after a failed one is never evaluated', () => {
    expect(successors(and(op('>', V, I(0)), same('vars')))).toEqual(['1,2']);
    expect(successors(and(op('>', V, I(5)), same('vars')))).toEqual([]);
    expect(successors(and(op('>', V, I(5)), boom, same('vars')))).toEqual([]);
    expect(successors(and(same('vars'), boom))).toBe('error: The second argument of \\div is 0.');
  });
  it('a lone guard, a lone Assert and a lone LET name as disjuncts: each a test of the current state', () => {
    expect(successors(and(or(op('=', V, I(1)), op('=', V, I(0))), same('vars')))).toEqual(['1,2']);
    // A comparison of a prime other than = and \in is a test of the value already set.
    expect(successors(and(to(V, I(1)), or(op('#', primed(V), I(3))), same('w')))).toEqual(['1,2']);
    expect(successors(and(to(V, I(3)), or(op('#', primed(V), I(3))), same('w')))).toEqual([]);
    expect(successors(and(same('vars'), or(call('Assert', B(true), S('m')))))).toEqual(['1,2']);
    expect(successors({ kind: 'let', name: 'ok', value: op('=', W, I(2)), body: and(or(ref('ok'), B(false)), same('vars')) })).toEqual(['1,2']);
  });
  it('branching formulas nested in a conjunction still assign: a disjunction, a conjunction, \\E, IF, CASE and LET inside one', () => {
    expect(successors(and(and(to(V, I(5)), to(W, I(0)))))).toEqual(['5,0']);
    expect(successors(and(to(W, I(0)), or(to(V, I(3)), to(V, I(4)))))).toEqual(['3,0', '4,0']);
    expect(successors(and(to(W, I(0)), exists('i', set_(I(6)), (i) => to(V, i))))).toEqual(['6,0']);
    expect(successors(and(to(W, I(0)), { kind: 'if', cond: op('=', V, I(1)), then: to(V, I(7)), else: to(V, I(8)) }))).toEqual(['7,0']);
    expect(successors(and(to(W, I(0)), { kind: 'case', arms: [[op('=', V, I(1)), to(V, I(9))]] }))).toEqual(['9,0']);
    expect(successors(and(to(W, I(0)), { kind: 'let', name: 'n', value: I(2), body: to(V, ref('n')) }))).toEqual(['2,0']);
  });
  it('a step\'s \\A of a guard is the conjunction of its instances (TLC\'s getNextStates, OPCODE_bf), taken c1, then cn down to c2', () => {
    expect(successors(and(forall('i', set_(I(1), I(2)), (i) => op('>', i, I(0))), same('vars')))).toEqual(['1,2']);
    // Over the empty set it holds; an instance that is false prunes.
    expect(successors(and(forall('i', set_(), () => B(false)), same('vars')))).toEqual(['1,2']);
    expect(successors(and(forall('i', set_(I(1), I(2)), (i) => op('=', i, I(1))), same('vars')))).toEqual([]);
    // <<7>>[i] fails at 2 and at 3: the instance for 3 is taken first.
    expect(successors(and(forall('i', set_(I(1), I(2), I(3)), (i) => op('=', { kind: 'apply', fn: { kind: 'tuple', elements: [I(7)] }, arg: i }, I(7))), same('vars')))).toMatch(/index 3\b/);
  });
  it('a branching conjunct met with every variable assigned is a formula evaluated once (TLC\'s getNextStatesAllAssigned): false prunes, true adds the state once', () => {
    // Last in its conjunction, and with a guard after it.
    for (const after of [[], [op('<', V, I(9))]]) {
      expect(successors(and(to(V, I(5)), to(W, I(0)), or(to(V, I(6)), to(W, I(1))), ...after))).toEqual([]);
      expect(successors(and(to(V, I(5)), to(W, I(0)), or(to(V, I(5)), to(W, I(0))), ...after))).toEqual(['5,0']);
      expect(successors(and(to(V, I(5)), to(W, I(0)), exists('i', set_(I(4), I(5)), (i) => to(V, i)), ...after))).toEqual(['5,0']);
      expect(successors(and(to(V, I(5)), to(W, I(0)), exists('i', set_(I(6), I(7)), (i) => to(V, i)), ...after))).toEqual([]);
    }
  });
  it('an action named by a conjunct met with every variable assigned is still generated, not evaluated: its successors are tests of what is assigned', () => {
    // Set5 == v' = 5 /\ w' = 0, a second action, with a successor of its own. (Which action a
    // successor of Step is reported under is not this test's: no DSL model names an action in a conjunct.)
    const actions = [{ name: 'Set5', formula: and(to(V, I(5)), to(W, I(0))) }];
    const states = (x: Expr, definitions: ir.Definition[] = []) => {
      const got = successors(x, { actions, definitions });
      return typeof got === 'string' ? got : got.map((y) => y.replace(/^@\S+ /, ''));
    };
    expect(states(B(false))).toEqual(['5,0']);
    expect(states(and(to(V, I(5)), to(W, I(0)), call('Set5')))).toEqual(['5,0', '5,0']);
    expect(states(and(to(V, I(6)), to(W, I(0)), call('Set5')))).toEqual(['5,0']);
    // Named through a definition, and through a definition that names it in a disjunction.
    const definitions = [def('Via', call('Set5')), def('Either', or(B(false), ref('Via')))];
    expect(states(and(to(V, I(5)), to(W, I(0)), ref('Via')), definitions)).toEqual(['5,0', '5,0']);
    expect(states(and(to(V, I(5)), to(W, I(0)), ref('Either')), definitions)).toEqual(['5,0', '5,0']);
    expect(states(and(to(V, I(5)), to(W, I(1)), ref('Either')), definitions)).toEqual(['5,0']);
  });
  it('TRUE and FALSE as formulas', () => {
    expect(successors(and(B(true), same('vars')))).toEqual(['1,2']);
    expect(successors(or(B(false), same('vars')))).toEqual(['1,2']);
    expect(successors(and(same('vars'), or(B(false))))).toEqual([]);
  });
  it('a disjunction gives each branch\'s successors in order, duplicates included', () => {
    expect(successors(or(and(to(V, I(2)), same('w')), and(to(V, I(0)), same('w')), and(to(V, I(2)), same('w'))))).toEqual(['2,2', '0,2', '2,2']);
  });
  it('\\E: each element bound in turn, the binder restored for the next', () => {
    expect(successors(exists('i', set_(I(3), I(1)), (i) => and(to(V, i), to(W, op('+', i, I(1))))))).toEqual(['1,2', '3,4']);
    expect(successors(exists('i', set_(), (i) => and(to(V, i), same('w'))))).toEqual([]);
    // Nested: the inner set reads the outer binder.
    expect(successors(exists('i', set_(I(1), I(2)), (i) => exists('j', op('..', I(0), i), (j) => and(to(V, i), to(W, j))))))
      .toEqual(['1,0', '1,1', '2,0', '2,1', '2,2']);
  });
  it('\\E over a set the constants make empty: no successors, its body not compiled (TLC never evaluates it)', () => {
    // A body the compiled backend refuses (a prime of a formula that reads primes): refused wherever it is compiled, and it is not where no state reaches it.
    const refusedBody = (i: Expr) => and(to(V, i), op('=', primed(set_(primed(W))), set_(I(2))));
    expect(() => successors(exists('i', set_(I(1)), refusedBody))).toThrow(/a primed expression that reads primes/);
    expect(successors(exists('i', set_(), refusedBody))).toEqual([]);
    expect(successors(exists('i', op('..', I(1), I(0)), refusedBody))).toEqual([]);
    // Empty through a definition without parameters, as a config's `TASKS = {}` is.
    expect(successors(exists('i', ref('None'), refusedBody), { definitions: [def('None', op('\\cap', set_(I(1)), set_(I(2))))] })).toEqual([]);
    // A set that reads the state is compiled with its body, though empty in this state.
    expect(() => successors(exists('i', op('..', I(2), V), refusedBody))).toThrow(/a primed expression that reads primes/);
    // A set that cannot be evaluated fails when the step is taken, with TLC's message, as before.
    expect(successors(exists('i', op('..', I(1), op('\\div', I(1), I(0))), (i) => and(to(V, i), same('w'))))).toBe('error: The second argument of \\div is 0.');
  });
  it('a conjunct FALSE in every state ends what is compiled of its conjunction; an IF whose condition no state changes compiles its one branch', () => {
    const refusedRest = and(to(V, I(3)), op('=', primed(set_(primed(W))), set_(I(2))));
    expect(() => successors(refusedRest)).toThrow(/a primed expression that reads primes/);
    // `INTERMEDIATE = 1` where the config sets 0, and a FALSE written as such.
    expect(successors(and(op('=', ref('Zero'), I(1)), refusedRest), { definitions: [def('Zero', I(0))] })).toEqual([]);
    expect(successors(and(same('w'), B(false), refusedRest))).toEqual([]);
    // A rest that, compiled, would count a bare name in the text around it is compiled, so later names keep their frames (leavesFrames).
    expect(() => successors(and(B(false), op('=', ref('Zero'), I(0)), refusedRest), { definitions: [def('Zero', I(0))] })).toThrow(/a primed expression that reads primes/);
    // The conjuncts before it still run, in order: an error there is raised as before.
    expect(successors(and(boom, B(false), refusedRest))).toBe('error: The second argument of \\div is 0.');
    // A conjunct that reads the state, FALSE here, does not end it; nor does a constant one that fails or is TRUE.
    expect(() => successors(and(op('<', V, I(0)), refusedRest))).toThrow(/a primed expression that reads primes/);
    expect(() => successors(and(boom, refusedRest))).toThrow(/a primed expression that reads primes/);
    expect(() => successors(and(op('=', I(1), I(1)), refusedRest))).toThrow(/a primed expression that reads primes/);
    // A non-boolean constant conjunct is TLC's error when the step is taken, as before.
    expect(successors(and(I(7), to(V, I(3)), same('w')))).toBe('error: A non-boolean expression (integer) was used as a formula in a conjunction.\n7');
    const ifThen = (cond: Expr, then: Expr, other: Expr): Expr => ({ kind: 'if', cond, then, else: other });
    expect(successors(ifThen(op('=', I(1), I(1)), and(to(V, I(4)), same('w')), refusedRest))).toEqual(['4,2']);
    expect(successors(ifThen(op('=', I(1), I(2)), refusedRest, and(to(V, I(5)), same('w'))))).toEqual(['5,2']);
    expect(() => successors(ifThen(op('=', V, I(1)), and(to(V, I(4)), same('w')), refusedRest))).toThrow(/a primed expression that reads primes/);
    // A condition the backend cannot compile is refused, as before (not left half-compiled).
    const perms: ir.Definition = def('Perms', { kind: 'builtin', op: 'Permutations', args: [set_(I(1))] });
    expect(() => successors(ifThen(op('=', ref('Perms'), set_()), and(to(V, I(4)), same('w')), and(to(V, I(5)), same('w'))), { definitions: [perms] })).toThrow(/Permutations/);
  });
  it('\\A in an action is a state predicate, evaluated as a guard', () => {
    const all = (p: (x: Expr) => Expr): Expr => { const b = binder('i'); return { kind: 'quant', quantifier: '\\A', binder: b, set: set_(I(1), I(2)), body: p(bound(b)) }; };
    expect(successors(and(all((i) => op('<', i, V)), same('vars')))).toEqual([]);
    expect(successors(and(all((i) => op('<=', i, W)), same('vars')))).toEqual(['1,2']);
  });
  it('IF and CASE choose their branch by the current state; CASE falls to OTHER, or fails with no OTHER', () => {
    const ifV = (c: Expr): Expr => ({ kind: 'if', cond: c, then: and(to(V, I(7)), same('w')), else: and(to(W, I(7)), same('v')) });
    expect(successors(ifV(op('=', V, I(1))))).toEqual(['7,2']);
    expect(successors(ifV(op('=', V, I(0))))).toEqual(['1,7']);
    expect(successors(ifV(I(3)))).toMatch(/^error: A non-boolean expression \(integer\) was used as the condition of an IF\./);
    const caseV = (other?: Expr): Expr => ({ kind: 'case', arms: [[op('=', V, I(0)), and(to(V, I(5)), same('w'))], [op('=', W, I(2)), and(to(V, I(6)), same('w'))], [B(true), and(to(V, I(9)), same('w'))]], ...(other ? { other } : {}) });
    expect(successors(caseV())).toEqual(['6,2']);
    const noArm: Expr = { kind: 'case', arms: [[op('=', V, I(0)), same('vars')]], other: and(to(V, I(3)), same('w')) };
    expect(successors(noArm)).toEqual(['3,2']);
    expect(successors({ kind: 'case', arms: [[op('=', V, I(0)), same('vars')]] })).toBe('error: In computing next states, TLC encountered a CASE with no conditions true.');
    expect(successors({ kind: 'case', arms: [[I(1), same('vars')]] })).toMatch(/^error: .*a condition of a CASE/);
  });
  it('LET: the value is evaluated lazily where it is used, and the name is restored after', () => {
    const letIn = (name: string, value: Expr, body: Expr): Expr => ({ kind: 'let', name, value, body });
    expect(successors(letIn('n', op('+', V, I(3)), and(to(V, ref('n')), to(W, ref('n')))))).toEqual(['4,4']);
    // Unused: its error never raised.
    expect(successors(letIn('n', boom, same('vars')))).toEqual(['1,2']);
    // Nested and shadowing: the inner n is the one seen, the outer one again after.
    expect(successors(letIn('n', I(1), and(letIn('n', I(2), to(V, ref('n'))), to(W, ref('n')))))).toEqual(['2,1']);
    // Nested with another name: the outer one is still seen inside.
    expect(successors(letIn('n', I(1), letIn('m', I(2), and(to(V, ref('n')), to(W, ref('m'))))))).toEqual(['1,2']);
  });
  it('a non-boolean conjunct is an error naming where it was used', () => {
    expect(successors(and(I(3), same('vars')))).toMatch(/^error: A non-boolean expression \(integer\) was used as a formula in a conjunction\.\n3/);
    expect(successors(and(exists('i', set_(I(1)), () => I(3)), same('vars')))).toMatch(/^error: .*a formula in a conjunction/);
    // After UNCHANGED vars every variable is assigned: the \E is evaluated as a value (TLC's
    // getNextStatesAllAssigned), so its body is a quantifier's, not a conjunct's.
    expect(successors(and(same('vars'), exists('i', set_(I(1)), () => I(3))))).toMatch(/^error: .*the body of a quantifier/);
  });
  it("a prime of something other than a variable is an expression: W' of a definition is a guard", () => {
    expect(successors(and(to(ref('Two'), I(2)), same('vars')), { definitions: [def('Two', I(2))] })).toEqual(['1,2']);
    expect(successors(and(to(ref('Two'), I(3)), same('vars')), { definitions: [def('Two', I(2))] })).toEqual([]);
  });
});

describe('definitions and calls', () => {
  it('an action formula defined once and used from two places is the same formula', () => {
    const both = def('Both', and(to(V, op('+', W, I(1))), same('w')));
    expect(successors(or(ref('Both'), and(ref('Both'), B(false)), ref('Both')), { definitions: [both] })).toEqual(['3,2', '3,2']);
  });
  it('an operator with parameters: arguments evaluated in the caller, bound for the body, restored after', () => {
    const p = binder('p'), q = binder('q');
    const setTo = def('SetTo', and(to(V, bound(p)), to(W, bound(q))), [p, q]);
    expect(successors(or(call('SetTo', I(3), op('+', V, I(4))), call('SetTo', W, V)), { definitions: [setTo] }))
      .toEqual(['3,5', '2,1']);
    // A call inside another's arguments' scope: the outer binding is back for the second conjunct.
    const outer = binder('p');
    const again = def('Again', and(call('SetTo', I(0), I(0)), op('=', bound(outer), I(8))), [outer]);
    expect(successors(call('Again', I(8)), { definitions: [setTo, again] })).toEqual(['0,0']);
  });
  it('an operator without parameters, called without arguments, is its name: its successors, and its value as a guard', () => {
    // Printed `Both`, as a reference to it is: TLC reads it so, as an action where it is a step.
    const both = def('Both', or(and(to(V, I(3)), same('w')), and(to(V, I(4)), same('w'))));
    expect(successors(call('Both'), { definitions: [both] })).toEqual(['3,2', '4,2']);
    expect(successors(and(to(V, I(5)), call('Both')), { definitions: [both] })).toEqual([]);
    // Where every variable is assigned, a test of what is assigned; and as a value, a guard.
    expect(successors(and(to(V, I(4)), same('w'), call('Both')), { definitions: [both] })).toEqual(['4,2']);
    const small = def('Small', op('<', V, I(2)));
    expect(successors(and(call('Small'), to(V, I(7)), same('w')), { definitions: [small] })).toEqual(['7,2']);
    expect(successors(and(call('Small'), to(V, I(7)), same('w')), { definitions: [small] }, [5, 2])).toEqual([]);
  });
  it('a call whose continuation calls it again: its own argument is back when its next disjunct runs', () => {
    // D(p) == v' = p \/ v' = p + 1; D(1) /\ D(2) leaves only v' = 2 (D(1)'s second branch).
    const p = binder('p');
    const d = def('D', or(to(V, bound(p)), to(V, op('+', bound(p), I(1)))), [p]);
    expect(successors(and(call('D', I(1)), call('D', I(2)), same('w')), { definitions: [d] })).toEqual(['2,2']);
  });
  // `P => Q` in a step: Q's successors where P holds (it may assign), the state as it is where P does not.
  it.each([
    ['P holds: Q assigns', and(op('=>', op('=', V, I(1)), to(V, I(3))), to(W, I(2))), ['3,2']],
    ['P does not hold: Q is not evaluated', and(op('=>', op('=', V, I(0)), boom), to(V, I(4)), to(W, I(2))), ['4,2']],
    ['P holds, Q branches', and(op('=>', op('=', V, I(1)), or(to(V, I(3)), to(V, I(4)))), to(W, I(2))), ['3,2', '4,2']],
  ])('an implication: %s', (_, x, expected) => {
    expect(successors(x)).toEqual(expected);
  });
  it('an implication whose P is not a boolean: an evaluation error', () => {
    expect(successors(and(op('=>', I(1), to(V, I(3))), to(W, I(2))))).toMatch(/^error: A non-boolean expression \(integer\) was used as the first argument of =>/);
  });
  // Once every variable is assigned the rest is evaluated as formulas (`w' = w \/ boom` stops at
  // its true first disjunct): w assigned by an UNCHANGED in a disjunct, or by an operator's body.
  it.each([
    ['an UNCHANGED in a disjunct', and(to(V, I(3)), or(same('w'), op('=', I(1), I(2))), or(op('=', primed(W), W), boom)), []],
    ['an operator with a parameter', and(to(V, I(3)), call('SetW', I(2)), or(op('=', primed(W), W), boom)), ((p) => [def('SetW', to(W, bound(p)), [p])])(binder('p'))],
  ])('the last variable assigned through %s: the next disjunction is a formula, its error never raised', (_, x, definitions) => {
    expect(successors(x, { definitions })).toEqual(['3,2']);
  });
  it("a definition's conjunction used again in its own continuation, unframed (no spans): each use goes on to its own rest", () => {
    // As below, with no frame around Op's formula (this IR is not printed): its conjunction's
    // continuation alone must keep each use's own rest.
    const o = def('Op', and(or(to(V, I(4)), to(V, I(5))), op('=', W, W)));
    expect(successors(and(ref('Op'), op('#', primed(V), I(5)), ref('Op'), same('w')), { definitions: [o] })).toEqual(['4,2']);
  });
  it.each([
    ['a disjunction', (y: Var<IntSort>) => either(eq(next(y), 4), eq(next(y), 5))],
    ['a conjunction starting with a disjunction', (y: Var<IntSort>) => both(either(eq(next(y), 4), eq(next(y), 5)), eq(y, y))],
  ])("a definition's formula (%s) used again in its own continuation: each use goes on to its own rest", (_, op) => {
    // Op is one compiled formula (framed: the model is printed, with spans) for both uses in
    // `Op /\ y' # 5 /\ Op /\ y' = y'`. After Op's branch y' = 5, the test y' # 5 must still run
    // (the nested use of Op has not taken its place): one successor, y = 4.
    const m = model('Twice', (b) => {
      b.variable('x', t.int(0, 9), 0);
      const y = b.variable('y', t.int(0, 9), 0);
      const o = b.define('Op', op(y));
      b.action('A', {}, () => [when(o), when(not(eq(next(y), 5))), when(o), set(y, next(y))]);
      b.config('c', { checkDeadlock: false });
    });
    const spec = specOf(m.module);
    const env: Env = spec.newEnv();
    env.s = [0, 0];
    const out: string[] = [];
    spec.next(env, () => out.push(env.n.map((v) => show(v as Value)).join(',')));
    expect(out).toEqual(['0,4']);
  });
  it("a search's trace rebuilt inside a step's continuation (another env) leaves the step's own env to its next case", async () => {
    // checkEach records NotOne's violation at x = 1 and goes on (Small is not decided): its trace
    // is rebuilt by running A again on an env of its own, inside A's first case's continuation.
    // The second case, x' = 2, must go on in the search's env: Small holds, over all 3 states.
    const m = model('EachRebuild', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      const y = b.variable('y', t.int(0, 3), 0);
      b.action('A', {}, () => [branches([set(x, 1)], [set(x, 2)]), when(eq(next(x), next(x))), set(y, y)]);
      b.invariant('NotOne', not(eq(x, 1)));
      b.invariant('Small', lt(x, 3));
      b.config('c', { invariants: ['NotOne', 'Small'], checkDeadlock: false });
    });
    const r = await checkEachCompiled(jobOf(m), ['NotOne', 'Small']);
    expect(r.get('NotOne')?.verdict.kind).toBe('invariant');
    expect([r.get('Small')?.verdict.kind, r.get('Small')?.counts?.distinct]).toEqual(['passed', 3]);
  });
  it("an action's parameters: each step reported under the action and its arguments", () => {
    const i = binder('i');
    const params: ir.ActionParam[] = [{ binder: i, set: set_(I(4), I(3)), hint: 'i' } as ir.ActionParam];
    expect(successors(and(to(V, bound(i)), same('w')), { params })).toEqual(['@Step(3) 3,2', '@Step(4) 4,2']);
  });
  it('an unknown variable in UNCHANGED is refused when compiled', () => {
    expect(() => successors(and(same('nope'), same('vars')))).toThrow(/unknown variable nope/);
  });
});

describe('processes: steps by pc', () => {
  it("each process takes the step its pc names, under that step's action and self; Terminating once all are done", () => {
    const m = model('P', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.process('Proc', range(1, 2), {}, () => [label('a'), set(x, plus(x, 1)), label('b'), set(x, plus(x, 2))]);
      b.config('c', { checkDeadlock: false });
    });
    const spec = specOf(m.module);
    const env: Env = spec.newEnv();
    const steps = (s: Value[]): [string, Value[]][] => {
      env.s = s;
      const out: [string, Value[]][] = [];
      spec.next(env, () => out.push([`${called(env)} ${env.n.map((y) => show(y as Value)).join(' ')}`, env.n.slice() as Value[]]));
      return out;
    };
    let s: Value[] = [];
    spec.init(env, () => { s = env.n.slice() as Value[]; });
    expect(steps(s).map(([what]) => what)).toEqual(['Proc_a(1) 1 <<"b", "a">>', 'Proc_a(2) 1 <<"a", "b">>']);
    // Following the first successor each time: 1 runs to its end, then 2, then only Terminating is left.
    const path: string[] = [];
    for (let i = 0; i < 5; i++) { const [what, next] = steps(s)[0]!; path.push(what); s = next; }
    expect(path).toEqual([
      'Proc_a(1) 1 <<"b", "a">>', 'Proc_b(1) 3 <<"Done", "a">>', 'Proc_a(2) 4 <<"Done", "b">>', 'Proc_b(2) 6 <<"Done", "Done">>', 'Terminating() 6 <<"Done", "Done">>',
    ]);
    expect(steps(s).map(([what]) => what)).toEqual(['Terminating() 6 <<"Done", "Done">>']);
    // Each step, Terminating's too, hands back the action it was called under.
    expect([env.action, env.args]).toEqual([undefined, []]);
  });
});

describe('steps by pc: only where every step has the shape the dispatch relies on', () => {
  /** Each edge `state -Action(args)-> state` within `depth` steps of the initial states, sorted. */
  function edges(module: ir.Module, depth = 3): string[] {
    const spec = specOf(module);
    const env: Env = spec.newEnv();
    const key = (s: readonly unknown[]) => s.map((y) => show(y as Value)).join(' ');
    let frontier: Value[][] = [];
    spec.init(env, () => frontier.push(env.n.slice() as Value[]));
    const out = new Set<string>(), seen = new Set(frontier.map(key));
    for (let d = 0; d < depth; d++) {
      const next: Value[][] = [];
      for (const s of frontier) {
        env.s = s;
        spec.next(env, () => {
          out.add(`${key(s)} -${called(env)}-> ${key(env.n)}`);
          if (!seen.has(key(env.n))) { seen.add(key(env.n)); next.push(env.n.slice() as Value[]); }
        });
      }
      frontier = next;
    }
    return [...out].sort();
  }
  /** Process Proc, ids 1..2: `a: x := x + 1; b: x := x + 2`, lowered, then changed by `change`. */
  function variant(change: (m: { actions: ir.Action[]; definitions: ir.Definition[] }) => void): ir.Module {
    const m = model('P', (b) => {
      const x = b.variable('x', t.int(0, 20), 0);
      b.process('Proc', range(1, 2), {}, () => [label('a'), set(x, plus(x, 1)), label('b'), set(x, plus(x, 2))]);
      b.config('c', { checkDeadlock: false });
    });
    const module = structuredClone(m.module) as ir.Module & { actions: ir.Action[]; definitions: ir.Definition[] };
    change(module);
    // Each action's formula is made from its items (as lowering makes it): made again from the changed ones.
    const names = module.variables.map((v) => v.name);
    return { ...module, actions: module.actions.map((a) => ({ ...a, formula: actionFormula(a, names) })) };
  }
  /** The same module with a leading FALSE disjunct in Proc: a shape the dispatch refuses, the same formula. */
  function undispatched(module: ir.Module): ir.Module {
    const definitions = module.definitions.map((d) => (d.name === 'Proc' && d.body.kind === 'or' ? { ...d, body: { ...d.body, operands: [B(false), ...d.body.operands] } } : d));
    return { ...module, definitions };
  }
  type Change = (m: { actions: ir.Action[]; definitions: ir.Definition[] }) => void;
  const guardOf = (m: { actions: ir.Action[] }, name: string) => m.actions.find((a) => a.name === name)!.body[0] as { cond: ir.Expr & { kind: 'infix' } };
  const withGuard = (name: string, cond: (c: ir.Expr & { kind: 'infix' }) => ir.Expr): Change => (m) => {
    const g = guardOf(m, name);
    (g as { cond: ir.Expr }).cond = cond(g.cond);
  };
  const cases: [string, Change][] = [
    ['as lowered', () => {}],
    ["b's guard names label a", withGuard('Proc_b', (c) => ({ ...c, right: S('a') }))],
    ["b's guard is pc[self] # \"b\"", withGuard('Proc_b', (c) => ({ ...c, op: '#' }))],
    ["b's guard reads another function than pc", withGuard('Proc_b', (c) => ({ ...c, left: { ...(c.left as ir.Expr & { kind: 'apply' }), fn: ref('Q') } }))],
    ["b's guard compares something other than pc[self]", withGuard('Proc_b', (c) => ({ ...c, left: S('b') }))],
    ["b's guard reads pc[1]", withGuard('Proc_b', (c) => ({ ...c, left: { ...(c.left as ir.Expr & { kind: 'apply' }), arg: I(1) } }))],
    ['b has no guard', (m) => { const a = m.actions.find((x) => x.name === 'Proc_b')!; m.actions[m.actions.indexOf(a)] = { ...a, body: a.body.slice(1) }; }],
    ['every step guarded by the other one\'s label', (m) => {
      withGuard('Proc_a', (c) => ({ ...c, right: S('b') }))(m);
      withGuard('Proc_b', (c) => ({ ...c, right: S('a') }))(m);
    }],
    ['a second step labelled a', (m) => {
      const a = m.actions.find((x) => x.name === 'Proc_b')!;
      m.actions[m.actions.indexOf(a)] = { ...a, label: 'a' };
      withGuard('Proc_b', (c) => ({ ...c, right: S('a') }))(m);
    }],
    ['a step through a definition that is not a disjunction', (m) => {
      const proc = m.definitions.find((d) => d.name === 'Proc')! as ir.Definition & { body: ir.Expr & { kind: 'or' } };
      const self = binder('s');
      m.definitions.push({ ...proc, name: 'Inner', params: [self], body: call('Proc_b', bound(self)) });
      m.definitions[m.definitions.indexOf(proc)] = { ...proc, body: { ...proc.body, operands: [proc.body.operands[0]!, call('Inner', proc.body.operands[1]!.kind === 'call' ? proc.body.operands[1]!.args[0]! : I(0))] } };
    }],
    ['a step that is not a call', (m) => {
      const proc = m.definitions.find((d) => d.name === 'Proc')! as ir.Definition & { body: ir.Expr & { kind: 'or' } };
      m.definitions[m.definitions.indexOf(proc)] = { ...proc, body: { ...proc.body, operands: [proc.body.operands[0]!, and(proc.body.operands[1]!)] } };
    }],
  ];
  it.each(cases)('%s: the same steps as trying each disjunct', (_name, change) => {
    const m = variant((x) => { x.definitions.push(def('Q', { kind: 'fn', binder: binder('i'), set: op('..', I(1), I(2)), body: S('b') })); change(x); });
    const got = edges(m);
    expect(got).toEqual(edges(undispatched(m)));
    expect(got.length).toBeGreaterThan(3);
  });
  it('steps called with different identifiers (`\\E q \\in {2}: Proc_a(self) \\/ Proc_b(q)`): each runs at its own pc, as trying each disjunct', () => {
    const q = binder('q');
    const withBody = (first: ir.Expr[]) => variant((m) => {
      const proc = m.definitions.find((d) => d.name === 'Proc')!;
      const body: ir.Expr = { kind: 'quant', quantifier: '\\E', binder: q, set: set_(I(2)), body: { kind: 'or', operands: [...first, call('Proc_a', bound(proc.params[0]!)), call('Proc_b', bound(q))] } };
      m.definitions[m.definitions.indexOf(proc)] = { ...proc, body };
    });
    const got = edges(withBody([]), 4);
    expect(got).toEqual(edges(withBody([B(false)]), 4));
    // Proc_b runs for process 2 only, whichever process's disjunction names it.
    expect(got.filter((e) => e.includes('Proc_b')).every((e) => e.includes('-Proc_b(2)->'))).toBe(true);
    expect(got.some((e) => e.includes('-Proc_b(2)->'))).toBe(true);
  });
  it('a step ending in Terminating, met with every variable assigned, is generated, not evaluated: it holds only where every process is Done and nothing changes', () => {
    const m = variant(() => {});
    const ending = { ...m, actions: m.actions.map((a) => (a.name === 'Proc_b' && a.formula.kind === 'and' ? { ...a, formula: { ...a.formula, operands: [...a.formula.operands, ref('Terminating')] } } : a)) };
    // Proc_b changes x and pc: Terminating's UNCHANGED never holds after it.
    expect(edges(ending).filter((e) => e.includes('Proc_b'))).toEqual([]);
    expect(edges(ending)).toEqual(edges(m).filter((e) => e.includes('-Proc_a(') && !e.includes('Done')));
    expect(edges(ending).length).toBe(4);
  });
  it("b's guard naming label a makes b a step from pc \"a\": the dispatch is not used", () => {
    const m = variant(withGuard('Proc_b', (c) => ({ ...c, right: S('a') })));
    expect(edges(m, 1)).toEqual([
      '0 <<"a", "a">> -Proc_a(1)-> 1 <<"b", "a">>', '0 <<"a", "a">> -Proc_a(2)-> 1 <<"a", "b">>',
      '0 <<"a", "a">> -Proc_b(1)-> 2 <<"Done", "a">>', '0 <<"a", "a">> -Proc_b(2)-> 2 <<"a", "Done">>',
    ]);
  });
  it("b's formula without its pc guard (its items keep one): b steps from any pc, as the formula says; the dispatch reads the formula", () => {
    const lowered = variant(() => {});
    const m = { ...lowered, actions: lowered.actions.map((a) => (a.name === 'Proc_b' && a.formula.kind === 'and' ? { ...a, formula: { ...a.formula, operands: a.formula.operands.slice(1) } } : a)) };
    expect(edges(m, 1)).toEqual([
      '0 <<"a", "a">> -Proc_a(1)-> 1 <<"b", "a">>', '0 <<"a", "a">> -Proc_a(2)-> 1 <<"a", "b">>',
      '0 <<"a", "a">> -Proc_b(1)-> 2 <<"Done", "a">>', '0 <<"a", "a">> -Proc_b(2)-> 2 <<"a", "Done">>',
    ]);
    expect(edges(m)).toEqual(edges(undispatched(m)));
  });
});

describe('WF_vars(Next)', () => {
  it("the fairness formula's steps are Next's", () => {
    const m = model('F', (b) => {
      const x = b.variable('x', t.int(0, 2), 0);
      b.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
      b.action('Reset', {}, () => [when(eq(x, 2)), set(x, 0)]);
      const fair = b.spec('FairNext', { fairness: [wf(b.next())] });
      b.config('c', { invariants: [], checkDeadlock: false, spec: fair, properties: [b.property('Reaches2', eventually(eq(x, 2)))] });
    });
    const spec = specOf(m.module);
    expect(spec.fairness.length).toBe(1);
    const env: Env = spec.newEnv();
    const steps = (g: typeof spec.next, from: number) => { env.s = [from as unknown as Value]; const out: string[] = []; g(env, () => out.push(`${env.action?.name} ${show(env.n[0] as Value)}`)); return out; };
    for (const from of [0, 2]) expect(steps(spec.fairness[0]!.steps, from)).toEqual(steps(spec.next, from));
    expect(steps(spec.fairness[0]!.steps, 2)).toEqual(['Reset 0']);
  });
});

// Shapes the review of compile.ts's surviving mutants found untested (2026-12-07).
describe('steps: conjunctions', () => {
  it('an empty conjunction is TRUE: its continuation runs once', () => {
    expect(successors(and(and(), same('vars')))).toEqual(['1,2']);
  });
  it('a conjunction as a conjunct is an action, not a value: its primes are assigned', () => {
    expect(successors(and(and(to(V, I(5)), to(W, I(6)))))).toEqual(['5,6']);
    expect(successors(and(same('v'), and(to(W, I(6)), B(true))))).toEqual(['1,6']);
  });
});

describe('steps: a conjunct FALSE in every state', () => {
  it('a constant FALSE by its bare name, or a FALSE field named like a definition, ends what is compiled of its conjunction', () => {
    const refusedRest = and(to(V, I(3)), op('=', primed(set_(primed(W))), set_(I(2))));
    expect(() => successors(refusedRest)).toThrow(/a primed expression that reads primes/);
    expect(successors(and(ref('K'), refusedRest), { constants: [['K', { kind: 'bool', value: false }]] })).toEqual([]);
    expect(successors(and(ref('K'), to(V, I(3)), same('w')), { constants: [['K', { kind: 'bool', value: true }]] })).toEqual(['3,2']);
    // A field FALSE in every state, named like a definition: it is the field, not the definition.
    const zero = { definitions: [def('Zero', I(0))] };
    const field = (value: boolean): Expr => ({ kind: 'field', record: { kind: 'record', fields: [['Zero', B(value)]] }, name: 'Zero' });
    expect(successors(and(field(false), refusedRest), zero)).toEqual([]);
    expect(successors(and(field(true), to(V, I(3)), same('w')), zero)).toEqual(['3,2']);
  });
});

describe('steps: a conjunct FALSE in every state, in an action whose conjuncts the text places by their bullets', () => {
  it('ends what is compiled of the action: the conjuncts after it, placed by their bullets, move no frame', () => {
    // Other == /\ FALSE /\ Zero = 0 /\ TRUE /\ Zero = 0 /\ (v' = 3 /\ {w'}' = {2}): the last is refused when compiled.
    const refusedRest = and(to(V, I(3)), op('=', primed(set_(primed(W))), set_(I(2))));
    const zeroEq = op('=', ref('Zero'), I(0));
    const other = (formula: Expr) => ({ definitions: [def('Zero', I(0))], actions: [{ name: 'Other', formula }] });
    expect(successors(same('vars'), other(and(B(false), zeroEq, B(true), zeroEq, refusedRest)))).toEqual(['1,2']);
    expect(successors(same('vars'), other(and(B(false), zeroEq, refusedRest)))).toEqual(['1,2']);
    // Not after a FALSE: compiled, and refused.
    expect(() => successors(same('vars'), other(and(zeroEq, refusedRest)))).toThrow(/a primed expression that reads primes/);
  });
});

describe('steps: primes', () => {
  it("a primed field access is the field of the record's next value, not the variable the field is named like", () => {
    const field = { kind: 'field', record: { kind: 'record', fields: [['v', I(7)]] }, name: 'v' } as Expr;
    expect(successors(and(to(V, I(3)), to(W, primed(field))))).toEqual(['3,7']);
  });
});

describe('steps: a definition used twice in one step, after an assignment (one compiled formula for both uses)', () => {
  it("each use goes on to its own rest: Op's second case after the first use must meet y' # 5", () => {
    // x is assigned before either use and z after both: both uses begin with x assigned and z
    // not, so both are Op's one compiled formula, run (not tested) each time, the second inside the first's rest.
    const m = model('TwiceAfter', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      const y = b.variable('y', t.int(0, 9), 0);
      const z = b.variable('z', t.int(0, 9), 0);
      const o = b.define('Op', either(eq(next(y), 4), eq(next(y), 5)));
      b.action('A', {}, () => [set(x, 1), when(o), when(not(eq(next(y), 5))), when(o), set(y, next(y)), set(z, 2)]);
      b.config('c', { checkDeadlock: false });
    });
    const spec = specOf(m.module);
    const env: Env = spec.newEnv();
    env.s = [0, 0, 0];
    const out: string[] = [];
    spec.next(env, () => out.push(env.n.map((v) => show(v as Value)).join(',')));
    expect(out).toEqual(['1,4,2']);
  });
});

describe('steps: a pick with no statements (`\\E i \\in S : TRUE`, its body an empty list)', () => {
  it('is a step like any other: x = 0, then x = 1', async () => {
    const m = model('EmptyPick', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.action('A', {}, () => [set(x, 1), pick(range(0, 1), () => [])]);
      b.config('c', { checkDeadlock: false });
    });
    const r = await checkCompiled(jobOf(m));
    expect([r.verdict.kind, r.counts?.distinct]).toEqual(['passed', 2]);
  });
});

describe('steps: what no state reaches is not compiled', () => {
  /** A guarded by N + 1 < 2, then ENABLED B through a definition (a construct this backend refuses in a step). */
  const deadEnabled = (n: number) => model('DeadEnabled', (b) => {
    const N = b.intConstant('N');
    const x = b.variable('x', t.int(0, 3), 0);
    const step = b.action('B', {}, () => [when(lt(x, 1)), set(x, 1)]);
    const canStep = b.define('CanStep', enabled(step({})));
    b.action('A', {}, () => [when(lt(plus(N, 1), 2)), when(canStep), set(x, 2)]);
    b.config('c', { constants: { N: n }, checkDeadlock: false });
  });
  it('after a guard FALSE in every state (N = 1), the ENABLED is never compiled: the check passes (TLC never evaluates it either)', async () => {
    const r = await checkCompiled(jobOf(deadEnabled(1)));
    expect([r.verdict.kind, r.counts?.distinct]).toEqual(['passed', 2]);
  });
  it('where a state can reach it (N = 0), the same model is refused, never passed', async () => {
    const r = await checkCompiled(jobOf(deadEnabled(0)));
    expect(r.verdict.kind === 'crashed' && r.verdict.message).toMatch(/^the compiled backend cannot check this module: /);
  });
});
