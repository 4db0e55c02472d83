/** The zswap results table's cells (every variant row x every scenario) and the claim each makes, shared by the zswap test files. */
import { expect } from 'vitest';
import type { CheckModelResult } from '../../dsl/testing/check-model.js';
import '../../dsl/testing/matchers.js';
import { FINDINGS, SCENARIOS, zswapModels } from '../../models/zswap/index.js';
import { VARIANTS } from '../../models/zswap/variants.js';

export type Finding = (typeof FINDINGS)[keyof typeof FINDINGS][keyof typeof SCENARIOS];
export const cells = zswapModels.flatMap((m) => m.module.configs.map((c) => {
  const finding: Finding = FINDINGS[VARIANTS.find((v) => v.module === m.name)!.name][c.name as keyof typeof SCENARIOS];
  return { model: m, config: c.name, finding, label: `${m.name} / ${c.name}: ${finding}` };
}));

/** The table's claim about one cell, as a matcher on the checked result. */
export async function expectFinding(r: CheckModelResult, finding: Finding): Promise<void> {
  if (finding === 'pass') await expect(r).toPass();
  else await expect(r).toViolate(finding);
}
