/**
 * Step shapes the compiled verifier's compiler (dsl/check/compiled/compile.ts) handles and the
 * rest of the suite left open, found by reviewing the mutants of it that survived: empty and
 * nested conjunctions, a conjunct FALSE in every state ending what is compiled, a primed field
 * access, Terminating in a walk, Next's `\E` over a set with a ` : ` of its own, and WF of an
 * action that is no definition. The DSL-written ones are checked against TLC where it is found.
 */
import { describe, expect, it } from 'vitest';
import type { Env } from '../dsl/check/compiled/compile.js';
import { EvalError, show, type Value } from '../dsl/check/compiled/values.js';
import type { Expr } from '../dsl/ir/nodes.js';
import { and, B, def, I, op, primed, ref, set_, V } from './helpers/ir.js';
import type * as ir from '../dsl/ir/nodes.js';
import { actionFormula } from '../dsl/lower/actions.js';
import { cardinality, div, eq, eventually, exists, ite, label, lt, minus, model, plus, primed as next, range, set, t, when, wf } from '../dsl/index.js';
import type { TlaLocation } from '../dsl/check/result.js';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { jobOf, specOf } from './helpers/compiled-job.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import type { CheckJob } from '../dsl/check/checker.js';
import { TLC_JVM } from './helpers/t2-java.js';

/** The TLA+ text a location covers. */
function textAt(tla: string, l: TlaLocation): string {
  const lines = tla.split('\n').slice(l.startLine - 1, l.endLine);
  if (lines.length === 1) return lines[0]!.slice(l.startCol - 1, l.endCol);
  return [lines[0]!.slice(l.startCol - 1), ...lines.slice(1, -1), lines.at(-1)!.slice(0, l.endCol)].join('\n');
}

const tlc = await findTlc();
/** TLC's evaluation-error stack on the same job. */
async function tlcStack(job: CheckJob): Promise<unknown> {
  const v = (await tlcChecker.check(job, { workers: 1, jvmArgs: TLC_JVM })).verdict;
  return v.kind === 'evalError' && v.stack;
}

const W = ref('w');
const to = (x: Expr, value: Expr): Expr => op('=', primed(x), value);
const same = (...names: string[]): Expr => ({ kind: 'unchanged', names });
const called = (env: Env) => `${env.action?.name}(${env.args.map((a) => show(a as Value)).join(', ')})`;
interface Extra { definitions?: ir.Definition[]; params?: ir.ActionParam[]; actions?: { name: string; formula: Expr }[]; constants?: [string, ir.ConstantValue][] }
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
    return `error: ${err.message}`;
  }
  return out;
}

describe('conjunctions', () => {
  it('an empty conjunction is TRUE: its continuation runs once', () => {
    expect(successors(and(and(), same('vars')))).toEqual(['1,2']);
  });
  it('a conjunction as a conjunct is an action, not a value: its primes are assigned', () => {
    expect(successors(and(and(to(V, I(5)), to(W, I(6)))))).toEqual(['5,6']);
    expect(successors(and(same('v'), and(to(W, I(6)), B(true))))).toEqual(['1,6']);
  });
});

describe('a conjunct FALSE in every state', () => {
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

describe('a conjunct FALSE in every state, in an action whose conjuncts the text places by their bullets', () => {
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

describe('primes', () => {
  it("a primed field access is the field of the record's next value, not the variable the field is named like", () => {
    const field = { kind: 'field', record: { kind: 'record', fields: [['v', I(7)]] }, name: 'v' } as Expr;
    expect(successors(and(to(V, I(3)), to(W, primed(field))))).toEqual(['3,7']);
  });
});

describe('Terminating', () => {
  it('a walk through Terminating reports it as a step without parameters', async () => {
    const m = model('T2', (b) => {
      const x = b.variable('x', t.int(0, 9), 0);
      b.action('Inc', {}, () => [when(lt(x, 5)), set(x, plus(x, 1))]);
      b.process('Proc', range(1, 1), {}, () => [label('a'), set(x, x)]);
      b.invariant('Small', lt(x, 4));
      b.config('c', { invariants: ['Small'], checkDeadlock: false });
    });
    const v = (await checkCompiled(jobOf(m), { simulate: { seed: 1n, traces: 5, depth: 20 } })).verdict;
    // Terminating is enabled, a stuttering step, once Proc is done: a walk takes it now and then.
    const steps = v.kind === 'invariant' ? v.trace.flatMap((s) => (s.action ? [s.action] : [])) : [];
    const terminating = steps.filter((a) => a.name === 'Terminating');
    expect(terminating.length).toBeGreaterThan(0);
    for (const a of terminating) expect(a.params).toEqual({});
    expect(steps.find((a) => a.name === 'Proc_a')?.params).toEqual({ self: '1' });
  });
});

describe("Next's \\E over constant sets", () => {
  it("a second parameter's set that fails: the inner \\E is the frame, found past a ` : ` of the outer set's own", async () => {
    const m = model('SplitColon', (b) => {
      const v = b.variable('v', t.int(0, 3), 1);
      const bad = b.define('Bad', div(2, minus(cardinality(range(1, 2)), 2)));
      b.action('Go', { a: ite(exists(range(1, 2), (x) => eq(x, 1)), range(1, 2), range(1, 3)), c: range(1, bad) }, () => [set(v, 0)]);
      b.config('c', { checkDeadlock: false });
    });
    const job = jobOf(m);
    expect(job.tla).toContain('\\E a \\in IF \\E x \\in 1..2 : x = 1 THEN 1..2 ELSE 1..3 : \\E c \\in 1..Bad : Go(a, c)');
    const r = await checkCompiled(job);
    expect(r.verdict.kind === 'evalError' && r.verdict.stack.map((l) => textAt(job.tla, l))).toEqual(['\\E c \\in 1..Bad : Go(a, c)', '1..Bad', 'Bad', '2 \\div (Cardinality(1..2) - 2)']);
    if (tlc.found) expect(r.verdict.kind === 'evalError' && r.verdict.stack).toEqual(await tlcStack(job));
  });
});

describe('fairness', () => {
  it("WF of an action that is no definition, an \\E around x' = e: compiled as a step, the property holds under it", async () => {
    const m = model('FairBare', (b) => {
      const x = b.variable('x', t.int(0, 2), 0);
      b.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
      const fair = b.spec('FairInc', { fairness: [wf(exists(range(1, 1), () => eq(next(x), plus(x, 1))) as never)] });
      b.config('c', { invariants: [], checkDeadlock: false, spec: fair, properties: [b.property('Reaches2', eventually(eq(x, 2)))] });
    });
    const job = jobOf(m);
    expect(job.tla).toContain("WF_vars(\\E x2 \\in 1..1 : x' = x + 1)");
    expect((await checkCompiled(job)).verdict).toEqual({ kind: 'passed' });
    if (tlc.found) expect((await tlcChecker.check(job, { workers: 1, jvmArgs: TLC_JVM })).verdict).toEqual({ kind: 'passed' });
  });
});
