/**
 * Check one config of a model from a test: compile it into a private temp dir (never
 * `generated/`), run the chosen backends through `checkConfig`, and explain every result in DSL
 * terms. With `focus`, the config is rewritten to check one property only (see `focusCfg`).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { compile } from '../compile.js';
import type { Model } from '../model.js';
import type * as ir from '../ir/nodes.js';
import { checkConfig, resolveBackends, type BackendChoice, type ConfigOutcome } from '../check/run.js';
import type { CheckResult } from '../check/result.js';
import { findTlc, type TlcLookup } from '../check/tlc.js';
import { cfgChecksDeadlock, cfgInvariants, cfgProperties } from '../check/tla-checker.js';
import { explain, type Explanation } from '../map/explain.js';
import { SpanResolver } from '../map/spans.js';
import type { SourceMap } from '../map/sourcemap.js';
import { recoverActions } from '../report/recover.js';
import { configReport, type ConfigReport } from '../report/report.js';
import { TextReporter } from '../report/text.js';

export interface CheckModelOptions {
  /** Default `auto`: TLC when it is installed, else the embedded tla-checker. */
  readonly backend?: BackendChoice;
  /** Per backend run; default 120 s. */
  readonly timeoutMs?: number;
  /** TLC `-workers`; default 1 (a deterministic breadth-first search, so traces are reproducible). */
  readonly workers?: number | 'auto';
  /** Extra JVM options for TLC. */
  readonly jvmArgs?: readonly string[];
  /** Check only this invariant, temporal property, assert name or `'deadlock'` (see `focusCfg`). */
  readonly focus?: string;
  /** Reuse a TLC lookup (default: looked up once per process). */
  readonly tlc?: TlcLookup;
  /**
   * Replay tla-checker's counterexamples to name their actions (default: true). The replay
   * starts one worker per step; matchers skip it unless they need the steps (`recovered()`).
   */
  readonly recoverActions?: boolean;
}

export interface CheckModelResult {
  /** The model and config that were checked. */
  readonly model: Model;
  readonly config: string;
  /** What `checkConfig` returned (results as checked, before action names were recovered). */
  readonly outcome: ConfigOutcome;
  /** One per backend run, tla-checker traces with the action names recovered by replay. */
  readonly results: readonly CheckResult[];
  /** `results`, explained against the model's source map: steps with DSL locations. */
  readonly explanations: readonly Explanation[];
  /** The same, as the reporters see it. */
  readonly report: ConfigReport;
  /** The plain-text report (what `npm run check` prints for this config). */
  readonly text: string;
  /** The cfg text that was checked (after `focus`). */
  readonly cfg: string;
  /** Whether tla-checker traces had their actions recovered. */
  readonly actionsRecovered: boolean;
  /** This result with tla-checker's actions recovered (itself when they already are). */
  recovered(): Promise<CheckModelResult>;
}

let tlcLookup: Promise<TlcLookup> | undefined;
/** `findTlc()`, once per process. */
export function tlcOnce(): Promise<TlcLookup> {
  tlcLookup ??= findTlc();
  return tlcLookup;
}

const resolver = new SpanResolver();

/** Check `config` of `model`. Throws when the config does not exist or `focus` names nothing the model checks. */
export async function checkModel(model: Model, config: string, options: CheckModelOptions = {}): Promise<CheckModelResult> {
  const module = model.module;
  const cfgIr = module.configs.find((c) => c.name === config);
  if (!cfgIr) throw new Error(`model ${model.name} has no config '${config}' (configs: ${module.configs.map((c) => c.name).join(', ') || 'none'})`);
  const artifacts = compile(model, resolver);
  const cfgFile = `${module.name}.${config}.cfg`;
  const spec = artifacts.files.get(`${module.name}.tla`)!;
  const cfg = options.focus === undefined ? artifacts.files.get(cfgFile)! : focusCfg(artifacts.files.get(cfgFile)!, module, options.focus);
  const { backends, tlc } = await resolveBackends(options.backend ?? 'auto', options.tlc ?? (await tlcOnce()));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-checkmodel-'));
  try {
    await writeFile(path.join(dir, `${module.name}.tla`), spec);
    await writeFile(path.join(dir, cfgFile), cfg);
    const outcome = await checkConfig(dir, module, cfgIr, backends, tlc, {
      timeoutMs: options.timeoutMs ?? 120_000,
      workers: options.workers ?? 1,
      ...(options.jvmArgs ? { jvmArgs: options.jvmArgs } : {}),
    });
    const map: SourceMap = artifacts.sourceMap;
    const assemble = (results: readonly CheckResult[], recovered: boolean): CheckModelResult => {
      const explanations = results.map((r) => explain(r, map, module));
      const report = configReport({ ...outcome, results }, map, module);
      const self: CheckModelResult = {
        model, config, outcome, results, explanations, report, text: new TextReporter({ color: false }).config(report), cfg, actionsRecovered: recovered,
        recovered: async () => (recovered ? self : assemble(await Promise.all(results.map((r) => recoverActions(r, spec, cfg, { map, module }))), true)),
      };
      return self;
    };
    const plain = assemble(outcome.results, false);
    return options.recoverActions === false ? plain : await plain.recovered();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** What a name means in a model: an invariant, a temporal property, an assert, or deadlock. */
export type CheckedKind = 'invariant' | 'property' | 'assert' | 'deadlock';

export function kindOf(module: ir.Module, name: string): CheckedKind | undefined {
  if (name === 'deadlock') return 'deadlock';
  if (name === 'TypeOK') return 'invariant';
  const d = module.definitions.find((x) => x.name === name);
  if (d?.role === 'invariant') return 'invariant';
  if (d?.role === 'property') return 'property';
  return assertNames(module).has(name) ? 'assert' : undefined;
}

/** Every name `toHold`/`toViolate` accept for a module. */
export function checkableNames(module: ir.Module): string[] {
  return [
    'TypeOK',
    ...module.definitions.filter((d) => d.role === 'invariant' || d.role === 'property').map((d) => d.name),
    ...assertNames(module),
    'deadlock',
  ];
}

/** Names of the asserts in the (lowered) actions, including the mutex helpers'. */
export function assertNames(module: ir.Module): Set<string> {
  const names = new Set<string>();
  const walk = (items: readonly ir.ActionItem[]): void => {
    for (const it of items) {
      if (it.kind === 'assert') names.add(it.name);
      else if (it.kind === 'with') walk(it.body);
      else if (it.kind === 'either') it.alts.forEach(walk);
    }
  };
  for (const a of module.actions) walk(a.body);
  return names;
}

/** Whether checking with `cfg` decides `name` (asserts are always checked). */
export function cfgChecks(cfg: string, module: ir.Module, name: string): boolean {
  switch (kindOf(module, name)) {
    case 'invariant': return cfgInvariants(cfg).includes(name);
    case 'property': return cfgProperties(cfg).includes(name);
    case 'deadlock': return cfgChecksDeadlock(cfg);
    case 'assert': return true;
    default: return false;
  }
}

/**
 * The cfg rewritten to check `name` alone: every INVARIANT, PROPERTY and CHECK_DEADLOCK line is
 * dropped, then `INVARIANT name` or `PROPERTY name` is added (also when the config did not list
 * it), deadlock checking stays on only for `'deadlock'`. Asserts cannot be switched off: they are
 * part of the spec. A temporal property under SYMMETRY is refused (unsound, see dsl/author/model.ts).
 */
export function focusCfg(cfg: string, module: ir.Module, name: string): string {
  const kind = kindOf(module, name);
  if (!kind) throw new Error(`${module.name} checks nothing called '${name}' (it checks: ${checkableNames(module).join(', ')})`);
  if (kind === 'property' && /^\s*SYMMETRY\b/m.test(cfg)) throw new Error(`'${name}' is a temporal property and this config uses SYMMETRY: checking it there is unsound`);
  const kept = cfg.split('\n').filter((l) => !/^\s*(INVARIANTS?|PROPERT(Y|IES)|CHECK_DEADLOCK)\b/.test(l)).join('\n').trimEnd();
  const extra = kind === 'invariant' ? [`INVARIANT ${name}`] : kind === 'property' ? [`PROPERTY ${name}`] : [];
  return [kept, ...extra, ...(kind === 'deadlock' ? [] : ['CHECK_DEADLOCK FALSE'])].join('\n') + '\n';
}
