/**
 * Every cell of the zswap results table (every variant row x every scenario) on the compiled
 * verifier, as written, with the model matchers (`toPass` / `toViolate`). Its own file so that
 * the two cores share the zswap files (test/zswap.test.ts, test/zswap-matrix.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { checkModel } from '../dsl/testing/check-model.js';
import { cells, expectFinding } from './helpers/zswap-cells.js';

// The whole table on the compiled verifier, every run: a second or two per cell. This is the only
// place the zswap configs are checked as written on the compiled verifier.
describe('every cell of the table on the compiled verifier', () => {
  it.for(cells)('$label', async ({ model, config, finding }) => {
    const r = await checkModel(model, config, { backend: 'compiled' });
    expect(r.results.map((x) => x.backend)).toEqual(['compiled']);
    await expectFinding(r, finding);
    // The config's own `expect` (written from FINDINGS) is met: the check test/compiled-models.test.ts
    // leaves to this table for the zswap configs.
    expect(r.outcome.asExpected).toBe(true);
  });
});

