/**
 * The compiled backend against real TLC runs of the project's own models and fixtures (the
 * recorded runs of test/fixtures/tlc-runs, one worker each; the runs of properties aside): the
 * same verdict, the same counterexample state by state (values printed as TLC prints them), the
 * same action and parameters at each step, the same assert location and evaluation-error stack — and, since both search breadth
 * first in the same order, the same number of distinct states when the search stopped. Runs
 * everywhere: no TLC needed.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import type { CheckResult, TraceState } from '../dsl/check/result.js';
import { withJsonTrace } from '../dsl/check/tlc.js';
import { parseToolOutput } from '../dsl/check/tlc-output.js';
import { withoutLayout } from '../dsl/check/values.js';
import { RECORDED_DIR, runName } from '../dsl/testing/recorded-runs.js';
import { RECORDED_RUNS } from './fixtures/tlc-runs/runs.js';
import { jobOf } from './helpers/compiled-job.js';

/** TLC wraps long values over lines and lists variables in its own order: compare the values without layout, variable by variable. */
const flat = withoutLayout;
const stateText = (s: TraceState) => Object.entries(s.vars).map(([k, v]) => `${k} = ${flat(v)}`).sort();

const safetyRuns = RECORDED_RUNS.filter((r) => r.shows !== 'property');

describe.each(safetyRuns.map((r) => [runName(r), r] as const))('recorded TLC run %s', (name, run) => {
  const dir = path.join(PROJECT_ROOT, RECORDED_DIR, name);
  const tlc = (): CheckResult => {
    const result = parseToolOutput(readFileSync(path.join(dir, 'tool.out'), 'utf8'), { module: run.model.name, config: run.config, durationMs: 0 });
    const json = path.join(dir, 'trace.json');
    return existsSync(json) ? withJsonTrace(result, readFileSync(json, 'utf8')) : result;
  };

  it('compiled gives the same verdict, trace, actions, locations and count', async () => {
    const job = jobOf(run.model, run.config);
    const mine = await checkCompiled(job);
    const theirs = tlc();
    expect(mine.verdict.kind).toBe(theirs.verdict.kind);
    if (theirs.verdict.kind === 'passed') {
      expect(mine.counts).toEqual(expect.objectContaining({ distinct: theirs.counts!.distinct, depth: theirs.counts!.depth }));
      return;
    }
    const whole = mine.verdict as Extract<CheckResult['verdict'], { trace: unknown }>;
    const b = theirs.verdict as typeof whole;
    // Where TLC printed its trace without the violating state, compiled's is TLC's and that state.
    if (run.traceCut) expect(whole.trace.length).toBe(b.trace.length + 1);
    const a = run.traceCut ? { ...whole, trace: whole.trace.slice(0, -1) } : whole;
    expect(a.trace.map(stateText)).toEqual(b.trace.map(stateText));
    expect(a.trace.map((s) => s.action?.name)).toEqual(b.trace.map((s) => s.action?.name));
    expect(a.trace.map((s) => s.action?.location)).toEqual(b.trace.map((s) => s.action?.location));
    // TLC prints the arguments (`Reclaim_take(r1)`), and names them in its JSON trace where it wrote one; compiled names them.
    const argsOf = (s: TraceState) => (s.action?.args ?? (s.action?.params && Object.values(s.action.params).join(', '))) || undefined; // none: ''
    expect(a.trace.map(argsOf)).toEqual(b.trace.map(argsOf));
    if (b.trace.some((s) => s.action?.params)) expect(a.trace.map((s) => s.action?.params)).toEqual(b.trace.map((s) => s.action?.params));
    if (a.kind === 'assert' && b.kind === 'assert') {
      expect(a.message).toBe(b.message);
      expect(a.location).toEqual(b.location);
    }
    if (a.kind === 'evalError' && b.kind === 'evalError') {
      expect(flat(a.message)).toBe(flat(b.message));
      // After TLC's replay its stack is another error's, or none: compiled's is the error's own, in the invariant.
      if (run.stackOfReplay) {
        const inv = readFileSync(path.join(dir, `${run.model.name}.tla`), 'utf8').split('\n').findIndex((l) => l.startsWith('Inv == ')) + 1;
        expect([a.stack.at(-1)?.startLine, b.stack.at(-1)?.startLine === inv]).toEqual([inv, false]);
      } else expect(a.stack.at(-1)).toEqual(b.stack.at(-1));
    }
    if (a.kind === 'invariant' && b.kind === 'invariant') expect(a.name).toBe(b.name);
    // (After a cut trace TLC may go on with the search and count more; TlcTraceCut.c has 2 states in all.)
    expect(mine.counts!.distinct).toBe(theirs.counts!.distinct);
  });
});
