/**
 * Differential fuzzing of the compiled backend (a deterministic slice): random DSL models from
 * the fuzz generator (dsl/bench/fuzz.ts), compiled by the real compiler, checked by the compiled
 * backend and compared with the independent evaluation of the same description (TLA+
 * semantics; each counterexample checked on its state graph), and on a part of them with tla-checker (and TLC when found) — where tla-checker
 * disagrees with the evaluation in a known way (test/fixtures/fuzz), the compiled backend must
 * side with the evaluation.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { findTlc } from '../dsl/check/tlc.js';
import { traceProblem } from '../scripts/bench/fuzz-counterexamples.js';
import { buildFuzzModel, evaluate, explore, kindsIn, type FuzzModelD, type StateGraph } from '../scripts/bench/fuzz-model.js';
import { BUILTIN_KNOWN, fuzzModelArb, runCase } from '../scripts/bench/fuzz.js';
import { jobOf, stateSpaceJob } from './helpers/compiled-job.js';
import { tlcSkipNote } from './helpers/t2-java.js';

const SEED = 20_261_206;
const COUNT = 40;
/** How many of them are also run on tla-checker (and TLC): the slow part. */
const CROSS = 6;
const tlc = await findTlc();
const sample: FuzzModelD[] = fc.sample(fuzzModelArb, { seed: SEED, numRuns: COUNT });

/** The compiled backend's answer in the evaluation's terms: verdict and reachable states (with `graph`, a counterexample `traceProblem` finds wrong instead). */
async function compiledAnswer(d: FuzzModelD, graph?: StateGraph): Promise<{ verdict: string; distinct?: number; detail: string }> {
  const job = jobOf(buildFuzzModel(d));
  const r = await checkCompiled(job);
  const v = r.verdict;
  const trace = graph && (v.kind === 'invariant' || v.kind === 'deadlock') ? traceProblem(d, graph, v) : undefined;
  if (trace) return { verdict: 'a wrong counterexample', detail: trace };
  const verdict = v.kind === 'invariant' ? `invariant ${v.name}` : v.kind;
  const detail = `${verdict}${'message' in v ? `: ${v.message}` : ''}`;
  if (v.kind === 'passed') return { verdict, distinct: r.counts!.distinct, detail };
  if (v.kind !== 'invariant' && v.kind !== 'deadlock') return { verdict, detail };
  const space = await checkCompiled(stateSpaceJob(job));
  return { verdict, ...(space.verdict.kind === 'passed' ? { distinct: space.counts!.distinct } : {}), detail };
}

describe(`compiled backend on ${COUNT} random models (seed ${SEED})`, () => {
  it.each(sample.map((d, i) => ({ d, i, name: d.name })))('$name agrees with the independent evaluation, its counterexample a shortest path to a bad state', async ({ d }) => {
    const stateLocals = buildFuzzModel(d).module.variables.map((v) => v.name);
    const graph = explore(d, { cap: 20_000, stateLocals });
    if (!graph) return;
    const ev = evaluate(d, { stateLocals, graph });
    const c = await compiledAnswer(d, graph);
    expect({ verdict: c.verdict, distinct: c.distinct }, `${c.detail}\n${JSON.stringify(d)}`).toEqual({ verdict: ev.verdict, distinct: ev.distinct });
  });

  it.each(sample.slice(0, CROSS).map((d) => ({ d, name: d.name })))(`$name: same answer as tla-checker${tlc.found ? ' and TLC' : ''} (known tla-checker gaps aside)${tlcSkipNote(tlc)}`, async ({ d }) => {
    const r = await runCase(d, { ...(tlc.found ? { tlc } : {}), known: BUILTIN_KNOWN, cap: 20_000 });
    if (r.status === 'skipped') return;
    const c = await compiledAnswer(d);
    const mine = { verdict: c.verdict, distinct: c.distinct };
    // The evaluation is the reference; tla-checker matches it except in known ways.
    expect(mine, JSON.stringify(r.answers)).toEqual({ verdict: r.answers.evaluation!.verdict, distinct: r.answers.evaluation!.distinct });
    if (r.status === 'agree') expect(mine).toEqual({ verdict: r.answers['tla-checker']!.verdict, distinct: r.answers['tla-checker']!.distinct });
    else expect(r.status, r.detail).toBe('known');
    if (tlc.found) expect(mine).toEqual({ verdict: r.answers.tlc!.verdict, distinct: r.answers.tlc!.distinct });
  });

  it('the slice is varied: passes, violations, processes and symmetry; sets, sequences and records, and every way they change; CASE (with OTHER and without), LET and CHOOSE', () => {
    const verdicts = new Set(sample.map((d) => evaluate(d, { cap: 20_000, stateLocals: buildFuzzModel(d).module.variables.map((v) => v.name) }).verdict?.split(' ')[0]));
    expect([...verdicts]).toEqual(expect.arrayContaining(['passed', 'invariant']));
    expect(sample.some((d) => d.process)).toBe(true);
    expect(sample.some((d) => d.symmetry)).toBe(true);
    const sorts = new Set(sample.flatMap((d) => d.vars.map((v) => v.sort.k)));
    expect([...sorts]).toEqual(expect.arrayContaining(['set', 'seq', 'rec']));
    const kinds = kindsIn(sample);
    expect([...kinds]).toEqual(expect.arrayContaining(['add', 'del', 'push', 'pop', 'clear', 'setField', 'card', 'has', 'len', 'headOr', 'field', 'case', 'caseTotal', 'let', 'letRef', 'chooseOr']));
  });
});
