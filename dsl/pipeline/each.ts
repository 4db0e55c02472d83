/**
 * Every property of a config alone — each invariant, each assert by name, deadlock, each
 * temporal property — with the others off: the cells of a verdict matrix, each with its own
 * verdict and shortest counterexample, explained in DSL terms. A backend that can decide them
 * all in one run (`Checker.checkEach`) is asked once; otherwise each is a focused pipeline run.
 */
import type * as ir from '../ir/nodes.js';
import type { Model } from '../model.js';
import { checkableNames, everySafetyConfig, focusConfig, kindOf, type CheckedKind } from '../ir/config-variants.js';
import { checkersFor, resolveCheckers } from '../check/checkers.js';
import type { ConfigOutcome } from '../check/outcome.js';
import type { CheckResult } from '../check/result.js';
import { configReport, type ConfigReport } from '../report/report.js';
import { artifactsOf, configOf, jobFor, runPipeline, type PipelineOptions } from './run.js';

export interface EachCell {
  readonly name: string;
  readonly kind: CheckedKind;
  /** Its own run's result (holds: `passed`), as a report of the config focused on it. */
  readonly report: ConfigReport;
  readonly result: CheckResult;
}

export interface EachResult {
  readonly model: Model;
  /** The config as written. */
  readonly config: ir.Config;
  /** In the order `checkableNames` lists them: TypeOK, invariants, properties, asserts, deadlock. */
  readonly cells: readonly EachCell[];
}

/** Check every property of `configName` alone. `names` narrows it (each must be something the model checks). */
export async function checkEach(model: Model, configName: string, o: PipelineOptions & { readonly names?: readonly string[] } = {}): Promise<EachResult> {
  const module = model.module;
  const written = configOf(model, configName);
  const names = o.names ?? checkableNames(module);
  const artifacts = artifactsOf(model, o);
  const resolved = o.resolved ?? (o.checkers ? undefined : await resolveCheckers(o.backend ?? 'auto'));
  const all = jobFor(artifacts, module, everySafetyConfig(module, written));
  const checkers = o.checkers ?? checkersFor(resolved!, all);
  const single = checkers.length === 1 ? checkers[0]! : undefined;
  const safety = names.filter((n) => kindOf(module, n) !== 'property');
  const together = single?.checkEach ? await single.checkEach(all, safety, o) : new Map<string, CheckResult>();

  const cells: EachCell[] = [];
  for (const name of names) {
    const kind = kindOf(module, name)!;
    const focused = focusConfig(module, written, name);
    const one = together.get(name);
    if (one) {
      const outcome: ConfigOutcome = { module: module.name, config: focused, results: [one], asExpected: one.verdict.kind === 'passed' };
      cells.push({ name, kind, result: one, report: configReport(outcome, artifacts.sourceMap, module) });
    } else {
      const r = await runPipeline(model, configName, { ...o, artifacts, focus: name, ...(resolved ? { resolved } : {}) });
      cells.push({ name, kind, result: r.results[0]!, report: r.report });
    }
  }
  return { model, config: written, cells };
}
