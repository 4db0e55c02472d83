/**
 * What every reporter renders: each checked config with its expectation, and per backend run
 * the raw `CheckResult` beside its `Explanation`. Plus the small wordings reporters share.
 */
import type * as ir from '../ir/nodes.js';
import type { ConfigOutcome } from '../check/outcome.js';
import type { CheckResult } from '../check/result.js';
import { explain, type Explanation } from '../map/explain.js';
import type { SourceMap } from '../map/sourcemap.js';

export interface Run {
  readonly result: CheckResult;
  readonly explanation: Explanation;
}

export interface ConfigReport {
  readonly module: string;
  readonly config: string;
  readonly expect: ir.Expectation;
  /** Every backend gave the expected verdict and they agree. */
  readonly asExpected: boolean;
  readonly disagreement?: string;
  readonly runs: readonly Run[];
}

export interface Report {
  readonly configs: readonly ConfigReport[];
}

export function configReport(o: ConfigOutcome, map: SourceMap, module: ir.Module): ConfigReport {
  return {
    module: o.module,
    config: o.config.name,
    expect: o.config.expect,
    asExpected: o.asExpected,
    ...(o.disagreement ? { disagreement: o.disagreement } : {}),
    runs: o.results.map((result) => ({ result, explanation: explain(result, map, module) })),
  };
}

/** `invariant NoLostUpdate violated`, `deadlock`, `passed`, … */
export function verdictText(r: CheckResult): string {
  const v = r.verdict;
  switch (v.kind) {
    case 'passed': return 'passed';
    case 'invariant': return `invariant ${v.name} violated`;
    case 'property': return v.name ? `property ${v.name} violated` : 'temporal property violated';
    case 'deadlock': return 'deadlock';
    case 'assert': return `assert ${v.message} failed`;
    case 'timeout': return `timed out after ${v.afterMs / 1000}s`;
    default: return v.kind;
  }
}

export function expectText(e: ir.Expectation): string {
  switch (e.k) {
    case 'pass': return 'pass';
    case 'deadlock': return 'a deadlock';
    case 'violation': return `${e.property} violated`;
  }
}

/** `models/mutex-counter.ts:35` */
export function locText(loc: ir.SourceLoc): string {
  return `${loc.file}:${loc.line}`;
}

/** The best DSL location to attach a run's finding to: the problem's, else the config's. */
export function anchorOf(x: Explanation): ir.SourceLoc | undefined {
  return x.problem?.dsl ?? x.configDsl;
}

/** `MutexCounter/racy` */
export function configName(c: Pick<ConfigReport, 'module' | 'config'>): string {
  return `${c.module}/${c.config}`;
}
