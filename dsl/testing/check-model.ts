/**
 * Check one config of a model from a test: `runPipeline` with test-friendly defaults (one TLC
 * worker, so traces are reproducible; a two-minute timeout) and the text report of the run.
 */
import type { Model } from '../model.js';
import type * as ir from '../ir/nodes.js';
import type { ConfigOutcome } from '../check/outcome.js';
import type { CheckResult } from '../check/result.js';
import type { Explanation } from '../map/explain.js';
import type { ConfigReport } from '../report/report.js';
import { TextReporter } from '../report/text.js';
import { runPipeline, type PipelineOptions } from '../pipeline/run.js';

export type CheckModelOptions = Omit<PipelineOptions, 'artifacts'>;

export interface CheckModelResult {
  /** The model and config that were checked. */
  readonly model: Model;
  readonly config: string;
  /** The config as checked (after `focus`). */
  readonly checkedConfig: ir.Config;
  readonly outcome: ConfigOutcome;
  /** One per backend run. */
  readonly results: readonly CheckResult[];
  /** `results`, explained against the model's source map: steps with DSL locations. */
  readonly explanations: readonly Explanation[];
  /** The same, as the reporters see it. */
  readonly report: ConfigReport;
  /** The plain-text report (what `npm run check` prints for this config). */
  readonly text: string;
  /** The cfg text that was checked. */
  readonly cfg: string;
}

/** Check `config` of `model`. Throws when the config does not exist or `focus` names nothing the model checks. */
export async function checkModel(model: Model, config: string, options: CheckModelOptions = {}): Promise<CheckModelResult> {
  const r = await runPipeline(model, config, { timeoutMs: 120_000, workers: 1, ...options });
  const { model: _m, artifacts: _a, cfg, explanations, report, ...outcome } = r;
  return {
    model, config, checkedConfig: r.config, outcome, results: r.results, explanations, report, cfg,
    text: new TextReporter({ color: false, root: model.root }).config(report),
  };
}
