/**
 * The zswap verdict matrix: every safety property alone in every cell of the results table, on
 * the compiled verifier (one search per cell decides them all); the README's matrix is this one,
 * and the same searches decide the covers and step coverage. The results table, cell by cell as
 * written, with the model matchers: a violating cell on `checkModel`; a passing cell by the
 * matrix's search, which is the written config's search with every safety name on.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it as itBase } from 'vitest';
import type { CheckResult } from '../dsl/check/result.js';
import { matrixSection, withMatrix, zswapMatrix, type ZswapMatrix } from '../models/zswap/matrix.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { SCENARIO_COVERS, SCENARIOS, zswapModels } from '../models/zswap/index.js';
import { stepText, unreachedSteps } from '../dsl/map/coverage.js';
import { VARIANTS } from '../models/zswap/variants.js';
import { cells, expectFinding } from './helpers/zswap-cells.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { configOf } from '../dsl/pipeline/run.js';
import type { Model } from '../dsl/index.js';
import { checkableNames, configChecks, everySafetyConfig } from '../dsl/ir/config-variants.js';

describe('the verdict matrix: every safety property alone in every cell (compiled verifier)', () => {
  let matrix: ZswapMatrix;
  beforeAll(async () => { matrix = await zswapMatrix(); }, 300_000);
  /** A cell's results, name by name, from the matrix. */
  const rowOf = (model: Model, config: string) => matrix.get(VARIANTS.find((x) => x.module === model.name)!.name)!.get(config as keyof typeof SCENARIOS)!;
  const traceLength = (r: CheckResult) => ('trace' in r.verdict ? r.verdict.trace.length : Infinity);

  itBase('README.md carries it as computed now (`npm run matrix` rewrites it)', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    expect(withMatrix(readme, matrixSection(matrix)) === readme, 'README.md: the zswap verdict matrix is stale; run `npm run matrix`').toBe(true);
  });

  itBase.for(cells)('$label: a passing cell holds everywhere; a violating cell\'s finding is among the first violated', ({ model, config, finding }) => {
    const row = rowOf(model, config);
    for (const r of row.values()) expect(['passed', 'invariant', 'assert', 'deadlock']).toContain(r.verdict.kind);
    const violated = [...row].filter(([, r]) => r.verdict.kind !== 'passed');
    if (finding === 'pass') { expect(violated.map(([n]) => n)).toEqual([]); return; }
    const own = row.get(finding);
    expect(own?.verdict.kind, `${finding} alone`).not.toBe('passed');
    // Breadth first, the config's first violation is the shallowest of all it checks.
    expect(traceLength(own!)).toBe(Math.min(...violated.map(([, r]) => traceLength(r))));
  });

  /**
   * Every cell of the table as written. A violating config stops at its first violation, a few
   * hundred states in: it is checked as written, on `checkModel`, with the matchers. A passing
   * config's search would be the matrix's own again (the same states, every check the config makes
   * among the matrix's names, all of them passed): it is judged there, which saves the second
   * search of every passing cell, most of the table's time.
   */
  itBase.for(cells)('$label: the table\'s verdict as written', async ({ model, config, finding }) => {
    const row = rowOf(model, config);
    const written = configOf(model, config);
    if (finding !== 'pass') {
      const r = await checkModel(model, config, { backend: 'compiled' });
      expect(r.results.map((x) => x.backend)).toEqual(['compiled']);
      await expectFinding(r, finding);
      // The config's own `expect` (written from FINDINGS) is met: the check test/compiled-models.test.ts
      // leaves to this table for the zswap configs.
      expect(r.outcome.asExpected).toBe(true);
      return;
    }
    // What the written config checks, the matrix checked, each alone, and every one passed; it
    // checks no temporal property (which the matrix leaves out); its expectation is a pass.
    const checked = checkableNames(model.module).filter((n) => configChecks(written, model.module, n));
    expect(checked.length).toBeGreaterThan(0);
    for (const n of checked) expect(row.get(n)?.verdict.kind, n).toBe('passed');
    expect(written.properties).toEqual([]);
    expect(written.expect).toEqual({ kind: 'pass' });
    // The matrix's config differs from the written one only in what it checks, not in what it
    // explores (constants, constraints, symmetry as written): it searched the written config's states.
    const explored = ({ checkTypeOk: _t, invariants: _i, properties: _p, checkDeadlock: _d, assertsOff: _a, ...rest }: typeof written) => rest;
    expect(explored(everySafetyConfig(model.module, written))).toEqual(explored(written));
  });

  // The same searches decide the covers: every cell of a row explores the same states.
  itBase.for(cells)('$label: the scenario\'s covers are reached, each with a witness ending where it holds', ({ model, config }) => {
    const row = [...rowOf(model, config).values()];
    const covers = row[0]!.covers!;
    expect(covers.map((c) => c.name)).toEqual(SCENARIO_COVERS[config as keyof typeof SCENARIOS]);
    for (const c of covers) {
      expect(c.status, c.name).toBe('reached');
      expect(c.witness!.length, c.name).toBeGreaterThan(1);
    }
    for (const r of row) expect(r.covers).toEqual(covers);
  });

  /**
   * Step coverage: every DSL step of every variant is taken in at least one of its scenarios,
   * counted in the same searches. A step listed here is one the CI sizes cannot reach, with why;
   * none is today.
   */
  const UNREACHABLE_BY_DESIGN: Readonly<Record<string, string>> = {};
  itBase.for(VARIANTS.map((v) => v.name))('%s: every step is taken in some scenario', (name) => {
    const model = zswapModels.find((m) => m.name === VARIANTS.find((v) => v.name === name)!.module)!;
    const results = [...matrix.get(name)!.values()].map((row) => [...row.values()][0]!);
    const steps = unreachedSteps(model.module, results)!;
    expect(steps, 'every result counted its steps').toBeDefined();
    expect(steps.filter((s) => !(s.action in UNREACHABLE_BY_DESIGN)).map(stepText)).toEqual([]);
    // The count covers every step of the model (processes, procedures, Migrate).
    expect(model.module.actions.length).toBeGreaterThan(50);
  });
});
