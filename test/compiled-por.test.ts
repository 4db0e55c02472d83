/**
 * Partial-order reduction on the compiled verifier (`--por`, dsl/check/compiled/por.ts): which
 * process steps may form an ample set (a table of cases, one rule each), and that the reduced
 * search gives the verdict of the full one — on the safety configs of models/ (the verdict each
 * model expects, which the full search is held to by the other tests; of zswap's, a sample: see
 * `safety` below), on random models against the full search, and on small models built so that
 * each rule matters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alwaysAction, and, eq, exists, ite, label, le, local, loop, lt, model, neq, not, plus, primed, set, t, when } from '../dsl/index.js';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { reducibleSteps } from '../dsl/check/compiled/por.js';
import { meetsExpectation, verdictText } from '../dsl/check/outcome.js';
import type { Model, ModelBuilder, Stmt } from '../dsl/index.js';
import { models } from '../models/index.js';
import { zswapModels } from '../models/zswap/index.js';
import { buildFuzzModel } from '../scripts/bench/fuzz-model.js';
import { fuzzModelArb } from '../scripts/bench/fuzz.js';
import { jobOf, successorError } from './helpers/compiled-job.js';
import { Sink } from './helpers/io.js';
import { runCheckCli } from '../dsl/cli/check.js';
import { EXIT } from '../dsl/cli/exit-codes.js';

const reducible = (m: Model, config?: string) => [...reducibleSteps(m.module, jobOf(m, config).config)].sort();

/** Processes P: two steps on their own locals, then one that adds y (2) to a shared total, returned. */
function addingProcs(m: ModelBuilder) {
  const P = m.modelValues('P');
  const total = m.variable('total', t.int(0, 9), 0);
  m.process('Proc', P, { locals: { x: local(t.int(0, 3), 0), y: local(t.int(0, 3), 0) } }, ({ x, y }) => [
    label('a'), set(x, 1),
    label('b'), set(y, plus(x, 1)),
    label('c'), set(total, plus(total, y)),
  ]);
  return total;
}

/** Three processes (addingProcs), the total checked against `bound`. */
const independent = (bound: number) => model('Independent', (m) => {
  const total = addingProcs(m);
  const bounded = m.invariant('Bounded', le(total, bound));
  m.config('c', { constants: { P: ['p1', 'p2', 'p3'] }, invariants: [bounded], checkDeadlock: false, ...(bound < 6 ? { expect: { violates: bounded } } : {}) });
});

/** Two processes reach `cs` after a private step each, with no lock: the invariant compares their pcs with "cs". */
const noLock = model('NoLock', (m) => {
  const P = m.modelValues('P');
  m.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [
    label('prep'), set(x, 1),
    label('enter'), set(x, 2),
    label('cs'), set(x, 3),
  ]);
  const mutex = m.invariant('Mutex', not(exists(P, (p) => exists(P, (q) => and(neq(p, q), eq(m.pc(p), 'cs'), eq(m.pc(q), 'cs'))))));
  m.config('c', { constants: { P: ['p1', 'p2'] }, invariants: [mutex], checkDeadlock: false, expect: { violates: mutex } });
});

describe('which steps may form an ample set', () => {
  it('steps on a process\'s own locals only, seen by no check: Proc_a and Proc_b, not Proc_c (writes the total the invariant reads)', () => {
    expect(reducible(independent(6))).toEqual(['Proc_a', 'Proc_b']);
  });

  it('a step that reads a shared variable is not (it would not commute with the step that writes it)', () => {
    const m = model('ReadsShared', (mm) => {
      const P = mm.modelValues('P');
      const g = mm.variable('g', t.int(0, 3), 0);
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [
        label('own'), set(x, 1),
        label('read'), set(x, g),
        label('write'), set(g, x),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual(['Proc_own']);
  });

  it('a step that moves pc to or from a label a check compares pc with is not (the invariant sees it)', () => {
    // prep → enter is unseen; enter → cs and cs → Done move to and from "cs".
    expect(reducible(noLock)).toEqual(['Proc_prep']);
  });

  it('a step on a cycle of such steps is not (the cycle proviso: a reduced cycle could postpone the others forever)', () => {
    const m = model('Loops', (mm) => {
      const P = mm.modelValues('P');
      mm.process('Proc', P, { locals: { x: local(t.int(0, 3), 0) } }, ({ x }) => [
        label('start'), set(x, 1),
        loop('spin', lt(x, 3), [set(x, plus(x, 1))]),
        label('after'), set(x, 0),
      ]);
      mm.config('c', { constants: { P: ['p1', 'p2'] }, checkDeadlock: false });
    });
    expect(reducible(m)).toEqual(['Proc_after', 'Proc_start']);
  });

  it('an action that is not a process step never is, nor are the steps of a model without processes', () => {
    const twoPhase = models.find((m) => m.module.name === 'TwoPhase')!;
    expect(reducible(twoPhase)).toEqual([]);
  });
});

describe('the reduced search gives the full search\'s verdict', () => {
  it.each([['passes', 6], ['violates its invariant', 3]] as const)('Independent %s, with fewer states', async (_, bound) => {
    const job = jobOf(independent(bound));
    const full = await checkCompiled(job), reduced = await checkCompiled(job, { por: true });
    expect(verdictText(reduced)).toBe(verdictText(full));
    expect(full.verdict.kind).toBe(bound < 6 ? 'invariant' : 'passed');
    expect(reduced.reduction!.reducedStates).toBeGreaterThan(0);
    if (full.verdict.kind === 'passed') expect(reduced.counts!.distinct).toBeLessThan(full.counts!.distinct);
  });

  it("an evaluation error in a successor's constraint: the same error and trace as the full search, ending with that successor", async () => {
    const job = jobOf(successorError('constraint'));
    const [full, reduced] = [await checkCompiled(job), await checkCompiled(job, { por: true })];
    expect(reduced.verdict).toEqual(full.verdict);
    expect(reduced.verdict.kind === 'evalError' && reduced.verdict.trace.map((s) => s.vars.a)).toEqual(['0', '2']);
  });

  it('an action property broken by a step the ample set leaves out: checked there, so found at the full search\'s depth, with its verdict', async () => {
    // Independent, with `[][total' <= total + 1]_total`: Proc_c of a process whose y is 2 breaks it.
    // Once p1 is at c, the ample set is the next process's private steps and p1's Proc_c is left
    // out; its step is still checked against the property, as the full search checks it.
    const m = model('Jumps', (mm) => {
      const total = addingProcs(mm);
      mm.property('StepsByOne', alwaysAction(le(primed(total), plus(total, 1)), total));
      mm.config('c', { constants: { P: ['p1', 'p2', 'p3'] }, invariants: [], properties: ['StepsByOne'], checkDeadlock: false });
    });
    const job = jobOf(m);
    const [full, reduced] = [await checkCompiled(job), await checkCompiled(job, { por: true })];
    expect(verdictText(full)).toBe('property StepsByOne');
    expect(verdictText(reduced)).toBe(verdictText(full));
    // Three steps of one process, then the one that breaks it: a shortest trace in both.
    const length = (r: typeof full) => (r.verdict.kind === 'property' ? r.verdict.trace.length : undefined);
    expect(length(full)).toBe(4);
    expect(length(reduced)).toBe(4);
    expect(reduced.reduction!.reducedStates).toBeGreaterThan(0);
  });

  it('NoLock: the mutual-exclusion violation is still found (its pc steps are visible)', async () => {
    const r = await checkCompiled(jobOf(noLock), { por: true });
    expect(verdictText(r)).toBe('invariant Mutex');
  });

  /**
   * Every safety config of models/ but the zswap ones, whose 64 configs of 5,000–32,000 states each
   * (a fifth of the suite's POR time went to them) --por barely reduces (×1.01): of those, each one
   * that violates (the reduced search must still find it) and each model's `intermediate` (the
   * cells it reduces most). All 64 against the full search: `npm run bench -- --only por`, which
   * stops at the first disagreement.
   */
  const ZSWAP_PASSING_SAMPLE = 'intermediate';
  const safety = models.flatMap((m) => m.module.configs.map((c) => ({ label: `${m.module.name}/${c.name}`, m, c })))
    .filter(({ c }) => c.symmetry.length === 0 && c.properties.length === 0)
    .filter(({ m, c }) => !zswapModels.includes(m) || c.expect.kind !== 'pass' || c.name === ZSWAP_PASSING_SAMPLE);
  it('the zswap sample: every zswap model, each of its violating configs and its passing sample', () => {
    const zswap = safety.filter(({ m }) => zswapModels.includes(m));
    expect(new Set(zswap.map(({ m }) => m.name))).toEqual(new Set(zswapModels.map((m) => m.name)));
    const violating = zswapModels.flatMap((m) => m.module.configs.filter((c) => c.expect.kind !== 'pass').map((c) => `${m.name}/${c.name}`));
    expect(violating.length).toBeGreaterThan(5);
    expect(zswap.map(({ label }) => label).filter((l) => !l.endsWith(`/${ZSWAP_PASSING_SAMPLE}`))).toEqual(violating);
  });
  it.each(safety)('$label: the verdict the model expects', async ({ m, c }) => {
    const r = await checkCompiled(jobOf(m, c.name), { por: true });
    expect(r.reduction).toBeDefined();
    expect(meetsExpectation(r.verdict, c.expect), `${verdictText(r)} for ${JSON.stringify(c.expect)}`).toBe(true);
  });

  it('random models of the fuzz generator: the same verdict as the full search, never more states', async () => {
    let checked = 0;
    for (const d of fc.sample(fuzzModelArb, { seed: 20_261_204, numRuns: 100 })) {
      const job = jobOf(buildFuzzModel(d));
      if (job.config.symmetry.length || job.config.properties.length) continue;
      const full = await checkCompiled(job, { maxStates: 20_000 });
      if (full.verdict.kind === 'crashed') continue;
      const reduced = await checkCompiled(job, { por: true });
      checked++;
      expect(verdictText(reduced), JSON.stringify(d)).toBe(verdictText(full));
      if (full.verdict.kind === 'passed') expect(reduced.counts!.distinct).toBeLessThanOrEqual(full.counts!.distinct);
    }
    expect(checked).toBeGreaterThan(60);
  });

  // The fuzz generator's process steps nearly always touch globals: these random models mix
  // private steps (on locals a, b), shared ones (on g), loops and pc checks, so POR has work.
  const step = fc.oneof(
    fc.record({ k: fc.constant('local' as const), to: fc.constantFrom('a', 'b'), from: fc.constantFrom('a', 'b', '1', '2') }),
    fc.record({ k: fc.constant('shared' as const), from: fc.constantFrom('a', 'b', '1') }),
    fc.record({ k: fc.constant('await' as const), below: fc.integer({ min: 1, max: 3 }) }),
    fc.record({ k: fc.constant('loop' as const) }),
  );
  const processModel = fc.record({
    steps: fc.array(step, { minLength: 2, maxLength: 5 }),
    procs: fc.integer({ min: 2, max: 3 }),
    check: fc.constantFrom('g', 'pc', 'none'),
    bound: fc.integer({ min: 1, max: 4 }),
  });
  type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;
  const build = (d: { steps: readonly Step[]; procs: number; check: string; bound: number }) => model('PorRandom', (m) => {
    const P = m.modelValues('P');
    const g = m.variable('g', t.int(0, 7), 0);
    m.process('Proc', P, { locals: { a: local(t.int(0, 3), 0), b: local(t.int(0, 3), 0) } }, ({ a, b }) => {
      const v = (x: string) => (x === 'a' ? a : x === 'b' ? b : Number(x));
      return d.steps.flatMap((s, i): Stmt[] => {
        const l = label(`s${i}`);
        switch (s.k) {
          case 'local': return [l, set(s.to === 'a' ? a : b, ite(lt(v(s.from) as never, 3), plus(v(s.from) as never, 1), 0))];
          case 'shared': return [l, set(g, ite(lt(g, 7), plus(g, 1), 0)), set(a, ite(lt(v(s.from) as never, 3), v(s.from) as never, 0))];
          case 'await': return [l, when(lt(g, s.below)), set(b, a)];
          case 'loop': return [loop(`s${i}`, lt(a, 2), [set(a, plus(a, 1))])];
        }
      });
    });
    const invariants = d.check === 'g' ? [m.invariant('Small', le(g, d.bound))]
      : d.check === 'pc' ? [m.invariant('NotBoth', not(exists(P, (p) => exists(P, (q) => and(neq(p, q), eq(m.pc(p), 's1'), eq(m.pc(q), 's1'))))))]
      : [];
    m.config('c', { constants: { P: ['p1', 'p2', 'p3'].slice(0, d.procs) }, invariants, checkDeadlock: true });
  });

  it('random process models: the same verdict as the full search, never more states, and a fifth of them reduced at least', async () => {
    let reducedSome = 0, fewer = 0;
    const sample = fc.sample(processModel, { seed: 20_261_205, numRuns: 100 });
    for (const d of sample) {
      const job = jobOf(build(d));
      const full = await checkCompiled(job), reduced = await checkCompiled(job, { por: true });
      expect(verdictText(reduced), JSON.stringify(d)).toBe(verdictText(full));
      if (full.verdict.kind === 'passed') {
        expect(reduced.counts!.distinct).toBeLessThanOrEqual(full.counts!.distinct);
        if (reduced.counts!.distinct < full.counts!.distinct) fewer++;
      }
      if (reduced.reduction!.reducedStates > 0) reducedSome++;
    }
    expect(reducedSome).toBeGreaterThan(sample.length / 5);
    expect(fewer).toBeGreaterThan(5);
  });
});

describe('what --por does not check', () => {
  it('a temporal property: refused by name, never passed', async () => {
    const job = jobOf(models.find((m) => m.module.name === 'LockedCounter')!, 'two_tasks');
    const r = await checkCompiled(job, { por: true });
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'partial-order reduction (--por) checks safety properties only: temporal property Termination needs the full search (drop --por)' });
  });

  it('SYMMETRY: refused', async () => {
    const job = jobOf(models.find((m) => m.module.name === 'LockedCounter')!, 'three_tasks_sym');
    const r = await checkCompiled(job, { por: true });
    expect(r.verdict).toEqual({ kind: 'crashed', message: 'partial-order reduction (--por) and SYMMETRY together are not supported: drop one of them' });
  });

  it.each(['tlc', 'tla-checker'])('--por with --backend %s is bad input, named as such', async (backend) => {
    const out = new Sink(), err = new Sink();
    const code = await runCheckCli(['--por', '--backend', backend], { root: process.cwd(), modelFiles: [], generatedDir: 'unused', out, err });
    expect(code).toBe(EXIT.badInput);
    expect(err.text).toBe(`error: --por is the compiled verifier's partial-order reduction; --backend ${backend} searches every interleaving (use --backend compiled, embedded or auto)\n`);
    expect(out.text).toBe('');
  });
});
