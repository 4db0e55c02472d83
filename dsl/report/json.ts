/**
 * The machine-readable report (`--format json`). Schema, version 2 (1 named `expect`'s
 * discriminant `k`; it is `kind`, as everywhere else in the report):
 *
 *   {
 *     "schemaVersion": 1,
 *     "tool": "zswap-tla",
 *     "configs": [{
 *       "module": "MutexCounter", "config": "racy",
 *       "expect": { "kind": "pass" } | { "kind": "violation", "property": "NoLostUpdate" } | { "kind": "deadlock" },
 *       "asExpected": true,
 *       "disagreement"?: "tlc says …, tla-checker says …",
 *       "runs": [{
 *         "result": CheckResult          (dsl/check/result.ts: backend, verdict with the raw trace, counts, durationMs,
 *                                         warnings?, traceCut? ('state' | 'step': the trace lacks what violates it),
 *                                         output? (Print lines), coverage?, covers? (each m.cover:
 *                                         reached with its witness trace, unreached, or undecided with a reason), moreViolations?,
 *                                         countsVary? (why the counts are not one stable number),
 *                                         workers? (threads that generated states),
 *                                         simulation? { seed, traces, depth, generated, … } (a random simulation), …)
 *         "explanation": Explanation     (dsl/map/explain.ts: problem + its DSL span, steps in DSL terms, lasso, covers? at their DSL lines)
 *       }]
 *     }]
 *   }
 *
 * DSL spans are `{ file, line, col, endLine?, endCol? }` with `file` relative to the project root,
 * 1-based and inclusive. Fields may be added within a version; renames or removals bump it.
 */
import type { Report } from './report.js';

export const JSON_SCHEMA_VERSION = 2;

export interface JsonReport extends Report {
  readonly schemaVersion: typeof JSON_SCHEMA_VERSION;
  readonly tool: 'zswap-tla';
}

export function renderJson(r: Report): string {
  const doc: JsonReport = { schemaVersion: JSON_SCHEMA_VERSION, tool: 'zswap-tla', configs: r.configs };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
