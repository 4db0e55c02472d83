/**
 * The zswap verdict matrix: every variant × scenario × safety property, each property checked
 * alone (the others off) on the compiled verifier. `npm run matrix` writes it into README.md
 * between the markers below; test/zswap-matrix.test.ts fails when the README's copy is stale.
 * (Termination, the one temporal property, is left out: the zswap processes have no fairness,
 * so it fails by stuttering in every cell and says nothing about the kernel.)
 */
import { compiledChecker } from '../../dsl/check/compiled/index.js';
import type { CheckResult } from '../../dsl/check/result.js';
import { checkableNames, kindOf } from '../../dsl/ir/config-variants.js';
import { checkEach } from '../../dsl/pipeline/each.js';
import { artifactsOf } from '../../dsl/pipeline/run.js';
import { matrixMarkdown } from '../../dsl/report/matrix.js';
import { SCENARIOS, zswapModels, type Scenario } from './index.js';
import { VARIANTS } from './variants.js';

export const MATRIX_BEGIN = '<!-- zswap verdict matrix: written by `npm run matrix`, do not edit -->';
export const MATRIX_END = '<!-- end of the zswap verdict matrix -->';

/** Each cell: variant → scenario → property → its own run's result. */
export type ZswapMatrix = ReadonlyMap<string, ReadonlyMap<Scenario, ReadonlyMap<string, CheckResult>>>;

/** The safety properties of the zswap models, in the order the models declare them. */
export function matrixNames(): string[] {
  const names: string[] = [];
  for (const m of zswapModels) for (const n of checkableNames(m.module)) if (kindOf(m.module, n) !== 'property' && !names.includes(n)) names.push(n);
  return names;
}

export async function zswapMatrix(): Promise<ZswapMatrix> {
  const out = new Map<string, Map<Scenario, ReadonlyMap<string, CheckResult>>>();
  for (const v of VARIANTS) {
    const m = zswapModels.find((x) => x.name === v.module)!;
    const row = new Map<Scenario, ReadonlyMap<string, CheckResult>>();
    const names = checkableNames(m.module).filter((n) => kindOf(m.module, n) !== 'property');
    // The model printed once for its eight scenarios (a tenth of the matrix's time when printed per scenario).
    const artifacts = artifactsOf(m, {});
    for (const scenario of Object.keys(SCENARIOS) as Scenario[]) {
      // Step coverage too (each result's `coverage`): test/zswap-matrix.test.ts asserts every step is taken.
      const e = await checkEach(m, scenario, { checkers: [compiledChecker], names, coverage: true, artifacts });
      row.set(scenario, new Map(e.cells.map((c) => [c.name, c.result])));
    }
    out.set(v.name, row);
  }
  return out;
}

/** The README section: one table per scenario, a row per variant, a column per property. */
export function matrixSection(matrix: ZswapMatrix): string {
  const names = matrixNames();
  const parts = [MATRIX_BEGIN, ''];
  for (const scenario of Object.keys(SCENARIOS) as Scenario[]) {
    parts.push(`**${scenario}**`, '');
    parts.push(matrixMarkdown(VARIANTS.map((v) => ({ label: `\`${v.name}\``, cells: matrix.get(v.name)!.get(scenario)! })), names, 'variant'));
  }
  parts.push(MATRIX_END);
  return parts.join('\n');
}

/** `text` with its matrix section replaced by `section` (which must be there once). */
export function withMatrix(text: string, section: string): string {
  const a = text.indexOf(MATRIX_BEGIN), b = text.indexOf(MATRIX_END);
  if (a < 0 || b < a) throw new Error(`README.md has no matrix section (${MATRIX_BEGIN} … ${MATRIX_END})`);
  return text.slice(0, a) + section + text.slice(b + MATRIX_END.length);
}
