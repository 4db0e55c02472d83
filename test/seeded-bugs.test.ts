/**
 * Seeded bugs end to end, on both checkers: a liveness lasso (a cycle, and stuttering) and an
 * evaluation error. (Invariants: test/explain.test.ts; deadlock and asserts:
 * test/process.test.ts.) Every DSL line the report names — the property's, each step's, the
 * failing expression's — must be the line of the builder call in the model file, found by
 * reading that file here.
 */
import { describe, expect, it } from 'vitest';
import type { TraceState, Verdict } from '../dsl/check/result.js';
import type { Model } from '../dsl/index.js';
import type { Explanation } from '../dsl/map/explain.js';
import { functionEntries, showValue } from '../dsl/check/values.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { tlcOnce } from './helpers/root.js';
import { mutexStarvation, unfairCompletion } from '../models/peer/liveness-bugs.js';
import { lruRace } from '../models/peer/lru-race.js';
import { colOf, lineOf } from './helpers/locate.js';
import { TLC_JVM } from './helpers/t2-java.js';

const tlc = await tlcOnce();
const BACKENDS = [
  { backend: 'compiled' as const, skip: false, note: '' },
  { backend: 'tla-checker' as const, skip: false, note: '' },
  { backend: 'tlc' as const, skip: !tlc.found, note: tlc.found ? '' : ` — skipped: ${tlc.reason}` },
];

const LIVENESS = 'models/peer/liveness-bugs.ts';
const LRU = 'models/peer/lru-race.ts';

/** The DSL call that starts a step: `label('x')`, or `loop('x'` for a loop's head. */
function stepLine(file: string, label: string): number {
  try { return lineOf(file, `label('${label}')`); } catch { return lineOf(file, `loop('${label}'`); }
}

/** Every step after the initial state names its action and sits on its label's DSL line. */
function expectStepsOnTheirLines(x: Explanation, file: string): void {
  for (const s of x.steps.slice(1)) {
    expect(s.unit, `step ${s.index}: ${s.summary}`).toBeDefined();
    expect(s.dsl?.file, s.summary).toBe(file);
    expect(s.dsl?.line, s.summary).toBe(stepLine(file, s.unit!.label));
  }
}

function pcOf(s: TraceState): Map<string, string> {
  return new Map([...functionEntries(s.vars.pc!)!].map(([k, v]) => [showValue(k), showValue(v.text)]));
}

/** Check `config` on one backend; its verdict must be of `kind` (narrowed here), explained in DSL terms. */
async function checkedAs<K extends Verdict['kind']>(model: Model, config: string, backend: 'compiled' | 'tla-checker' | 'tlc', kind: K) {
  const r = await checkModel(model, config, { backend, jvmArgs: TLC_JVM });
  const v = r.results[0]!.verdict;
  expect(v.kind, r.text).toBe(kind);
  return { r, v: v as Extract<Verdict, { kind: K }>, x: r.explanations[0]! };
}

describe.each(BACKENDS.map((b) => [`${b.backend}${b.note}`, b] as const))('seeded bugs on %s', (_, { backend, skip }) => {
  it.skipIf(skip)('starvation under weak fairness: a lasso whose cycle starts at a DSL step and closes with one', async () => {
    const { r, v, x } = await checkedAs(mutexStarvation, 'two_cpus', backend, 'property');
    expect(v.stuttering).toBe(false);
    expect(x.problem?.name).toBe('EveryCpuGetsTheLock');
    expect(x.problem?.dsl?.line).toBe(lineOf(LIVENESS, "m.property('EveryCpuGetsTheLock'"));
    expect(x.lasso?.loopsTo).toBeGreaterThanOrEqual(1);
    expect(x.lasso!.loopsTo!).toBeLessThanOrEqual(x.steps.length);
    expectStepsOnTheirLines(x, LIVENESS);

    // The lasso closes: from the last state one CPU takes one step back to state `loopsTo`, and
    // one CPU waits at 'take' through the whole cycle.
    const last = pcOf(v.trace.at(-1)!);
    const back = pcOf(v.trace[x.lasso!.loopsTo! - 1]!);
    const moved = [...last].filter(([id, l]) => back.get(id) !== l).map(([id]) => id);
    expect(moved).toHaveLength(1);
    const cycle = v.trace.slice(x.lasso!.loopsTo! - 1).map(pcOf);
    const starved = [...last.keys()].filter((id) => cycle.every((pc) => pc.get(id) === 'take'));
    expect(starved, r.text).toHaveLength(1);
    // …and the report names that closing step at its DSL line.
    const closing = x.lasso!.closing!;
    expect(closing.actor).toBe(moved[0]);
    expect(closing.dsl?.line).toBe(stepLine(LIVENESS, closing.unit!.label));
    expect(r.text).toContain(`${closing.actor}: ${closing.action}(self=${closing.actor}) — `);
    expect(r.text).toContain(`back to state ${x.lasso!.loopsTo}`);
  });

  it.skipIf(skip)('no fairness for complete(): a lasso that ends stuttering, the waiter stuck at its DSL step', async () => {
    const { r, v, x } = await checkedAs(unfairCompletion, 'one_waiter', backend, 'property');
    expect(v.stuttering).toBe(true);
    expect(x.problem?.dsl?.line).toBe(lineOf(LIVENESS, "m.property('WaiterWakes'"));
    expectStepsOnTheirLines(x, LIVENESS);
    const pc = pcOf(v.trace.at(-1)!);
    expect(pc.get('waiter')).toBe('wait');
    expect(pc.get('completer')).toBe('complete');
    expect(r.text).toContain('stutters forever');
  });

  it.skipIf(skip)('Head of an emptied list: the evaluation error at the head(lru) call, the race in the steps before it', async () => {
    const { r, v, x } = await checkedAs(lruRace, 'two_reclaimers', backend, 'evalError');
    expect(v.message).toMatch(/Head/);
    const at = colOf(LRU, 'head(lru)');
    expect(x.problem?.dsl?.file).toBe(LRU);
    expect(x.problem?.dsl?.line, r.text).toBe(at.line);
    expect(x.problem?.dsl?.col).toBe(at.col);
    expectStepsOnTheirLines(x, LRU);
    // Both reclaimers passed 'check' while the list held one page; one took it, the other is at 'take'.
    const checks = x.steps.filter((s) => s.unit?.label === 'check').map((s) => s.actor);
    expect(new Set(checks).size).toBe(2);
    expect(x.steps.at(-1)!.unit?.label).toBe('take');
    expect(x.steps.at(-1)!.vars.lru).toBe('<<>>');
  });
});
