/**
 * SARIF 2.1.0 (`--format sarif`), for GitHub code scanning and other SARIF viewers: runs by
 * driver `zswap-tla`, a rule per kind of finding, each result at the DSL declaration of the
 * violated property, and the counterexample as a code flow whose locations are the DSL lines of
 * each step's action. Seeded bugs that were found as expected are `note`s, everything else `error`.
 * One run per model, its `automationDetails.id` the model's code-scanning category; every result
 * carries a `partialFingerprints` entry that does not move with DSL lines.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type * as sarif from 'sarif';
import { fileURLToPath } from 'node:url';
import type { SourceLoc } from '../ir/nodes.js';
import { lassoText, type Explanation } from '../map/explain.js';
import { findings, RULES, type Finding, type RuleId } from './findings.js';
import { checkerNotes, configName, type Report } from './report.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

export function renderSarif(r: Report): string {
  return `${JSON.stringify(sarifLog(r), null, 2)}\n`;
}

export function sarifLog(r: Report): sarif.Log {
  const all = findings(r);
  const modules = [...new Set(r.configs.map((c) => c.module))];
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    // One run per model, each its own code-scanning category: a model's alerts are replaced only
    // by that model's next upload, and a model that now passes closes its alerts with an empty run.
    runs: modules.length === 0 ? [sarifRun(all, r.configs)] : modules.map((m) => sarifRun(all.filter((f) => f.config.module === m), r.configs.filter((c) => c.module === m), m)),
  };
}

/** The `automationDetails.id` of a model's run: GitHub code scanning's category (the part up to the last `/`). */
export function sarifCategory(module: string): string {
  return `zswap-tla/${module}/`;
}

/** The `partialFingerprints` key: the finding's identity, stable when its DSL lines move. */
export const FINGERPRINT_KEY = 'zswapTlaFinding/v1';

function sarifRun(all: readonly Finding[], configs: Report['configs'], module?: string): sarif.Run {
  const ruleIds = [...new Set(all.map((f) => f.rule))];
  return {
    tool: { driver: { name: 'zswap-tla', version: toolVersion(), rules: ruleIds.map(rule) } },
    ...(module !== undefined ? { automationDetails: { id: sarifCategory(module) } } : {}),
    // Columns come from V8 and the TypeScript compiler, which count UTF-16 code units.
    columnKind: 'utf16CodeUnits',
    results: all.map((f) => result(f, ruleIds.indexOf(f.rule))),
    ...invocations(configs),
  };
}

/**
 * What makes two findings the same alert from one commit to the next: the rule, the model and
 * config, the property (or failed assert) and the DSL file — not the line (an edit above must
 * not close one alert and open another), the backend (TLC on one runner, the compiled verifier on
 * another) or the trace length.
 */
export function fingerprint(f: Finding): string {
  const identity = [f.rule, f.config.module, f.config.config, f.cover ?? f.run?.explanation.problem?.name ?? '', f.loc?.file ?? ''];
  return createHash('sha256').update(JSON.stringify(identity)).digest('hex');
}

/** The checkers' warnings and `Print` output, as tool execution notifications (one per run that printed any). */
function invocations(configs: Report['configs']): Pick<sarif.Run, 'invocations'> {
  const notifications: sarif.Notification[] = configs.flatMap((c) => c.runs.flatMap(({ result }) => {
    const lines = checkerNotes(result);
    if (lines.length === 0) return [];
    return [{ level: result.warnings?.length ? 'warning' : 'note', message: { text: `${configName(c)} (${result.backend}):\n${lines.join('\n')}` } } as const];
  }));
  return notifications.length === 0 ? {} : { invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }] };
}

function rule(id: RuleId): sarif.ReportingDescriptor {
  return { id, name: RULES[id].name, shortDescription: { text: RULES[id].description }, defaultConfiguration: { level: 'error' } };
}

function result(f: Finding, ruleIndex: number): sarif.Result {
  const flow = f.run && f.run.explanation.steps.length > 0 ? codeFlow(f.run.explanation) : undefined;
  return {
    ruleId: f.rule,
    ruleIndex,
    level: f.expected ? 'note' : 'error',
    message: { text: f.message },
    ...(f.loc ? { locations: [{ physicalLocation: physical(f.loc) }] } : {}),
    ...(flow ? { codeFlows: [flow] } : {}),
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
    properties: {
      module: f.config.module,
      config: f.config.config,
      expected: f.expected,
      ...(f.run ? { backend: f.run.result.backend } : {}),
    },
  };
}

/** One thread flow: a location per state, at its action's DSL line (the initial state at the config). */
function codeFlow(x: Explanation): sarif.CodeFlow {
  const locations: sarif.ThreadFlowLocation[] = x.steps.map((s) => {
    const at = s.dsl ?? (s.index === 1 ? x.configDsl : undefined);
    return {
      location: { ...(at ? { physicalLocation: physical(at) } : {}), message: { text: s.summary } },
      executionOrder: s.index,
      state: Object.fromEntries(Object.entries(s.vars).map(([k, v]) => [k, { text: v }])),
    };
  });
  const lasso = x.lasso ? lassoText(x.lasso) : undefined;
  return { message: { text: `counterexample found by ${x.backend}, ${x.steps.length} states${lasso ? `, ${lasso}` : ''}` }, threadFlows: [{ locations }] };
}

function physical(loc: SourceLoc): sarif.PhysicalLocation {
  return {
    artifactLocation: { uri: loc.file },
    region: {
      startLine: loc.line,
      startColumn: loc.col,
      ...(loc.endLine !== undefined ? { endLine: loc.endLine } : {}),
      // SARIF's endColumn is exclusive, ours inclusive.
      ...(loc.endCol !== undefined ? { endColumn: loc.endCol + 1 } : {}),
    },
  };
}

let version: string | undefined;
function toolVersion(): string {
  version ??= (JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string }).version;
  return version;
}
