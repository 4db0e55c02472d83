/**
 * The TLC parser over recorded runs of this project's own models (test/fixtures/tlc-runs/,
 * `npm run tlc:record`; see dsl/testing/recorded-runs.ts). Runs everywhere — no TLC needed:
 *
 * - the fixture is current: the models still emit the module and cfg it was recorded from;
 * - the parsed verdict is the one the run shows, and meets what the model's config expects;
 * - every state has exactly the module's variables; counts are TLC's final ones;
 * - explained against today's source map, the property and every step land on the DSL line of
 *   their builder call (read from the model file);
 * - a passing run's distinct-state count equals tla-checker's, checked live.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import { compile } from '../dsl/compile.js';
import { meetsExpectation } from '../dsl/check/outcome.js';
import { runTlaChecker } from '../dsl/check/tla-checker.js';
import { cfgFacts } from '../dsl/check/cfg-facts.js';
import { withJsonTrace } from '../dsl/check/tlc.js';
import { parseToolOutput } from '../dsl/check/tlc-output.js';
import { explain } from '../dsl/map/explain.js';
import { RECORDED_DIR, runName } from '../dsl/testing/recorded-runs.js';
import { RECORDED_RUNS } from './fixtures/tlc-runs/runs.js';

const STALE = 'the model changed since this run was recorded: re-record with `npm run tlc:record` (needs TLC)';

/** The source line a DSL location points at. */
function sourceLine(file: string, line: number): string {
  return readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n')[line - 1] ?? '';
}

describe.each(RECORDED_RUNS.map((r) => [runName(r), r] as const))('recorded TLC run %s', (name, run) => {
  const dir = path.join(PROJECT_ROOT, RECORDED_DIR, name);
  const tla = `${run.model.name}.tla`;
  const cfg = `${run.model.name}.${run.config}.cfg`;
  const artifacts = compile(run.model);
  const module = run.model.module;
  const config = module.configs.find((c) => c.name === run.config)!;

  const parsed = () => {
    const output = readFileSync(path.join(dir, 'tool.out'), 'utf8');
    const result = parseToolOutput(output, { module: run.model.name, config: run.config, durationMs: 0 });
    const json = path.join(dir, 'trace.json');
    return existsSync(json) ? withJsonTrace(result, readFileSync(json, 'utf8')) : result;
  };

  it('is current: the model emits the recorded module and cfg', () => {
    expect(readFileSync(path.join(dir, tla), 'utf8'), STALE).toBe(artifacts.files.get(tla));
    expect(readFileSync(path.join(dir, cfg), 'utf8'), STALE).toBe(artifacts.files.get(cfg));
  });

  it(`parses to ${run.shows}, as the config expects, with TLC's counts and version`, () => {
    const r = parsed();
    expect(r.verdict.kind, r.rawTail).toBe(run.shows);
    // (The seeded assert and evaluation-error models declare no expectation: a config cannot.)
    if (config.expect.kind !== 'pass' || run.shows === 'passed') expect(meetsExpectation(r.verdict, config.expect)).toBe(true);
    expect(r.version).toMatch(/^TLC2 Version \d{4}\.\d\d\.\d\d/);
    // A spec without variables has no state under TLC (test/fixtures/no-variables.ts).
    if (module.variables.length) expect(r.counts?.distinct).toBeGreaterThan(0);
    else expect(r.counts).toMatchObject({ distinct: 0, generated: 0, depth: 0 });
    const finalLine = /([\d,]+) distinct states found, ([\d,]+) states left on queue\./.exec(readFileSync(path.join(dir, 'tool.out'), 'utf8'));
    if (finalLine) expect(r.counts?.distinct).toBe(Number(finalLine[1]!.replace(/,/g, '')));
    const vars = new Set(module.variables.map((v) => v.name));
    for (const s of 'trace' in r.verdict ? r.verdict.trace : []) expect(new Set(Object.keys(s.vars)), `state ${s.index}`).toEqual(vars);
  });

  it('maps the property and every step to the DSL lines of their builder calls', () => {
    const r = parsed();
    const x = explain(r, artifacts.sourceMap, module);
    const p = x.problem;
    if (r.verdict.kind === 'invariant' || r.verdict.kind === 'property') {
      expect(p?.dsl, 'the property is located').toBeDefined();
      expect(sourceLine(p!.dsl!.file, p!.dsl!.line)).toMatch(new RegExp(`m\\.(invariant|property)\\('${p!.name}'`));
    }
    // (A stack from TLC's replay is another error's, or none: the pipeline puts the invariant's on it, test/replay-stack.test.ts.)
    if (r.verdict.kind === 'assert' || (r.verdict.kind === 'evalError' && !run.stackOfReplay)) {
      // TLC gave a location; it maps into the model, on a line holding the expression that failed.
      expect(p?.dsl, 'the failure is located').toBeDefined();
      expect(sourceLine(p!.dsl!.file, p!.dsl!.line).slice(p!.dsl!.col - 1)).toMatch(r.verdict.kind === 'evalError' ? /^head\(/ : /^(lock|unlock|assert)\(/);
    }
    for (const s of x.steps.slice(1)) {
      expect(s.action, `step ${s.index} names its action`).toBeDefined();
      expect(s.dsl, `step ${s.index} (${s.action}) is located`).toBeDefined();
      const text = sourceLine(s.dsl!.file, s.dsl!.line);
      if (s.unit) expect(text, `step ${s.index}`).toMatch(new RegExp(`(label|loop)\\('${s.unit.label}'`));
      else expect(text, `step ${s.index}`).toMatch(new RegExp(`m\\.action\\('${s.action}'`));
    }
    // A temporal property's lasso; an action property's counterexample is a finite trace, with none.
    if (r.verdict.kind === 'property') {
      // A lasso where TLC printed a loop or a stop; the recorded property runs but the cut action property's (TlcTraceCut.step) are temporal: each has one.
      expect(x.lasso !== undefined).toBe(r.verdict.loopsTo !== undefined || r.verdict.stuttering);
      if (!run.traceCut) expect(x.lasso).toBeDefined();
    }
  });

  // tla-checker counts one (empty) state in a spec without variables: a known gap, pinned in test/tla-checker-gaps.test.ts.
  if (run.shows === 'passed' && run.model.module.variables.length) it('a pass counts as many distinct states as tla-checker finds, live', async () => {
    const e = await runTlaChecker(artifacts.files.get(tla)!, artifacts.files.get(cfg)!, cfgFacts(run.model.module.configs.find((c) => c.name === run.config)!), { module: run.model.name, config: run.config });
    expect(e.verdict.kind).toBe('passed');
    expect(parsed().counts?.distinct).toBe(e.counts?.distinct);
  });
});
