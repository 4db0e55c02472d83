/**
 * Vitest matchers for models. Import this module once in a test file (it calls `expect.extend`):
 *
 *   import '../dsl/testing/matchers.js';
 *   await expect(model).toHold('MutualExclusion');                       // every config
 *   await expect(model).toHold('Inv', { config: 'small' });
 *   await expect(model).toViolate('NoLostUpdate', { config: 'racy', atStep: 'Write' });
 *   await expect(model).toViolate('deadlock');                        // atStep: the step into the stuck state
 *   await expect(model).toPass({ config: 'small' });                  // the config as written: nothing violated
 *
 *   const r = await checkModel(model, 'small');                       // or judge a result already checked
 *   await expect(r).toViolate('Inv');
 *
 * Each check runs with the config rewritten to check that one name alone (`focusConfig`): other
 * invariants cannot stop the search first, and deadlock is checked only for `'deadlock'`. Asserts
 * stay on (they are in the spec): a different assert failing first makes `toHold` fail as
 * inconclusive. Failure messages carry the DSL-mapped counterexample (the text reporter's).
 */
import { expect } from 'vitest';
import type * as ir from '../ir/nodes.js';
import type { Model } from '../model.js';
import type { BackendChoice } from '../check/checkers.js';
import { violatedName } from '../check/outcome.js';
import { checkableNames, configChecks, kindOf } from '../ir/config-variants.js';
import { assertsIn } from '../ir/walk.js';
import { unreachedCovers, type CheckResult } from '../check/result.js';
import type { Explanation, Step } from '../map/explain.js';
import { locText } from '../report/report.js';
import { checkModel, type CheckModelResult } from './check-model.js';
import { configOf } from '../pipeline/run.js';

export interface ModelMatcherOptions {
  /** One config; default: every config of the model. */
  readonly config?: string;
  /** Default `auto`: TLC when installed, else tla-checker. */
  readonly backend?: BackendChoice;
  readonly timeoutMs?: number;
}

export interface ViolateOptions extends ModelMatcherOptions {
  /** The step the counterexample ends with: an action name, a process label, or `<process>_<label>`. */
  readonly atStep?: string;
}

interface ModelMatchers<R = unknown> {
  /** Checking each config as written (or `options.config`) finds no violation at all. */
  toPass(options?: ModelMatcherOptions): Promise<R>;
  /** Checking finds no violation of `property` (an invariant, temporal property, assert name, or `'deadlock'`). */
  toHold(property: string, options?: ModelMatcherOptions): Promise<R>;
  /** Checking finds `property` violated (in some config, or in `options.config`), ending at `atStep` when given. */
  toViolate(property: string, options?: ViolateOptions): Promise<R>;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any, @typescript-eslint/no-unused-vars -- must match vitest's own declaration to merge with it
  interface Assertion<T = any> extends ModelMatchers<void> {}
  interface AsymmetricMatchersContaining extends ModelMatchers {}
}

interface MatcherResult { pass: boolean; message: () => string }

/** Verdicts that mean the checker could not decide anything. */
const BROKEN = new Set(['crashed', 'timeout', 'parseError', 'configError']);

function isModel(x: unknown): x is Model {
  const m = x as Partial<Model> | null;
  return !!m && typeof m === 'object' && typeof m.name === 'string' && !!m.module && Array.isArray(m.module.configs);
}

function isChecked(x: unknown): x is CheckModelResult {
  const r = x as Partial<CheckModelResult> | null;
  return !!r && typeof r === 'object' && isModel(r.model) && typeof r.config === 'string' && Array.isArray(r.results) && typeof r.cfg === 'string';
}

/** What `expect(…)` was given: a model to check, or a result `checkModel` already returned. */
function subjectOf(received: unknown): { model: Model; checked?: CheckModelResult } {
  if (isChecked(received)) return { model: received.model, checked: received };
  if (isModel(received)) return { model: received };
  throw new TypeError(`expected a Model (from \`model(...)\`) or a checkModel() result, got ${String(received)}`);
}

function asModel(received: unknown): Model {
  return subjectOf(received).model;
}

function configsOf(m: Model, config: string | undefined): readonly ir.Config[] {
  if (config === undefined) {
    if (m.module.configs.length === 0) throw new Error(`model ${m.name} declares no configs`);
    return m.module.configs;
  }
  return [configOf(m, config)];
}

function checkName(m: Model, property: string): void {
  if (!kindOf(m.module, property)) throw new Error(`${m.name} checks nothing called '${property}' (it checks: ${checkableNames(m.module).join(', ')})`);
}

/** What a run found, in the matchers' terms. */
function found(r: CheckResult): string {
  const v = r.verdict;
  if (v.kind === 'passed') return 'passed';
  if (v.kind === 'deadlock') return 'deadlock';
  const n = violatedName(v);
  if (n !== undefined) return n;
  return `${v.kind}${'message' in v ? `: ${v.message.split('\n')[0]}` : ''}`;
}

function isBroken(r: CheckResult): boolean {
  return BROKEN.has(r.verdict.kind) || r.verdict.kind === 'evalError';
}

type Run = { config: ir.Config; checked: CheckModelResult };
type Judged = { ok: string } | { bad: string };

/**
 * Check `property` (`undefined`: the configs as written) in every config or `o.config`; for a
 * result already checked, judge it as it is (its cfg must check `property`).
 */
async function runAll(received: unknown, property: string | undefined, o: ModelMatcherOptions): Promise<Run[]> {
  const { model: m, checked } = subjectOf(received);
  if (property !== undefined) checkName(m, property);
  if (checked) {
    if (o.config !== undefined || o.backend !== undefined) throw new Error('options.config and options.backend apply when checking a model, not to a result already checked');
    if (property !== undefined && !configChecks(checked.checkedConfig, m.module, property)) throw new Error(`${m.name}/${checked.config} was checked with a config that does not check '${property}'`);
    return [{ config: configsOf(m, checked.config)[0]!, checked }];
  }
  const out: Run[] = [];
  for (const config of configsOf(m, o.config)) {
    const result = await checkModel(m, config.name, { ...(property !== undefined ? { focus: property } : {}), ...(o.backend ? { backend: o.backend } : {}), ...(o.timeoutMs ? { timeoutMs: o.timeoutMs } : {}) });
    out.push({ config, checked: result });
  }
  return out;
}

/** The report block of one config, indented under the matcher's headline. */
function reportOf(c: CheckModelResult): string {
  const disagreement = c.outcome.disagreement ? `  backends disagree: ${c.outcome.disagreement}\n` : '';
  const tails = c.results.filter(isBroken).map((r) => (r.rawTail ? `  ${r.backend} output (tail):\n${r.rawTail.split('\n').slice(-15).map((l) => `    ${l}`).join('\n')}\n` : '')).join('');
  return `${c.text.trimEnd().split('\n').map((l) => `  ${l}`).join('\n')}\n${disagreement}${tails}`;
}

/**
 * The step a counterexample ends with: the action that produced its last state (for a deadlock,
 * the step into the deadlocked state). For a failed assert the trace stops before the step that
 * failed (it produced no state), so that step is found from the assert: the action whose TLA+
 * span holds the reported location, else the action with that assert at a label some process is at.
 */
export function lastStep(x: Explanation, module: ir.Module, r: CheckResult): { action?: string; label?: string; process?: string; dsl?: ir.SourceLoc } | undefined {
  if (r.verdict.kind === 'assert') {
    const a = failingAssertAction(module, r, x);
    if (a) return { action: a.name, ...(a.label ? { label: a.label } : {}), ...(a.process ? { process: a.process } : {}), dsl: a.loc };
  }
  const s: Step | undefined = x.steps[x.steps.length - 1];
  if (!s || s.action === undefined) return undefined;
  return { action: s.action, ...(s.unit ? { label: s.unit.label, process: s.unit.name } : {}), ...(s.dsl ? { dsl: s.dsl } : {}) };
}

function failingAssertAction(module: ir.Module, r: CheckResult, x: Explanation): ir.Action | undefined {
  const v = r.verdict;
  if (v.kind !== 'assert') return undefined;
  const candidates = module.actions.filter((a) => assertsIn(a.body).some((it) => it.name === v.message));
  // Every backend locates the assert; where one could not, `explain` names the first action with that assert.
  const dsl = v.location ? x.problem?.dsl : undefined;
  if (dsl) {
    // The assert's DSL span lies inside exactly one candidate's items when the checker gave a location.
    const holding = candidates.filter((a) => containsLoc(a.body, dsl));
    if (holding.length === 1) return holding[0];
  }
  const last = x.steps[x.steps.length - 1];
  const pc = last?.vars.pc;
  if (pc !== undefined) {
    const at = candidates.filter((a) => a.label !== undefined && pc.includes(`"${a.label}"`));
    if (at.length === 1) return at[0];
  }
  return candidates.length === 1 ? candidates[0] : undefined;
}

function containsLoc(items: readonly ir.ActionItem[], loc: ir.SourceLoc): boolean {
  return assertsIn(items).some((it) => it.loc.file === loc.file && it.loc.line === loc.line);
}

function stepMatches(step: { action?: string; label?: string; process?: string } | undefined, want: string): boolean {
  if (!step) return false;
  const names = [step.action, step.label, step.process && step.label ? `${step.process}_${step.label}` : undefined].filter((n): n is string => n !== undefined);
  return names.includes(want) || names.some((n) => n.toLowerCase() === want.toLowerCase());
}

function stepText(step: ReturnType<typeof lastStep>): string {
  if (!step) return 'an unknown step';
  const name = step.label ? `${step.process ?? '?'} step '${step.label}' (${step.action})` : `action ${step.action}`;
  return `${name}${step.dsl ? ` at ${locText(step.dsl)}` : ''}`;
}

/**
 * Each result of each run judged: what satisfies the matcher (`ok`) and what does not (`bad`);
 * backends that disagree never do.
 */
function judgeAll(m: Model, runs: readonly Run[], judge: (r: CheckResult, where: string, i: number, checked: CheckModelResult) => Judged): { oks: string[]; bads: string[]; disagree: boolean } {
  const oks: string[] = [];
  const bads: string[] = [];
  let disagree = false;
  for (const { config, checked } of runs) {
    const where = `${m.name}/${config.name}`;
    checked.results.forEach((r, i) => {
      const j = judge(r, where, i, checked);
      if ('ok' in j) oks.push(j.ok); else bads.push(j.bad);
    });
    if (checked.outcome.disagreement) { bads.push(`${where}: backends disagree: ${checked.outcome.disagreement}`); disagree = true; }
  }
  return { oks, bads, disagree };
}

/** The matcher's answer, with the DSL-mapped report of every run when the assertion fails. */
function answer(isNot: boolean, pass: boolean, runs: readonly Run[], ifPassed: (detail: string) => string, ifFailed: (detail: string) => string): MatcherResult {
  const detail = pass === isNot ? runs.map(({ checked }) => reportOf(checked)).join('') : '';
  return { pass, message: () => (pass ? ifPassed(detail) : ifFailed(detail)) };
}

const bulleted = (lines: readonly string[]) => lines.map((f) => `  - ${f}`).join('\n');

export const modelMatchers = {
  async toPass(this: { isNot: boolean }, received: unknown, options: ModelMatcherOptions = {}): Promise<MatcherResult> {
    const m = asModel(received);
    const runs = await runAll(received, undefined, options);
    // A pass that left a cover unreached is no pass: what the cover witnesses was never explored.
    const { oks, bads } = judgeAll(m, runs, (r, where) => (r.verdict.kind === 'passed' && unreachedCovers(r).length === 0
      ? { ok: `${where} (${r.backend}: ${r.counts?.distinct ?? '?'} distinct states)` }
      : { bad: `${where}: ${r.backend} ${r.verdict.kind === 'passed' ? `left cover ${unreachedCovers(r).map((c) => c.name).join(', ')} unreached` : `found ${found(r)}`}` }));
    return answer(!!this.isNot, bads.length === 0, runs,
      () => `expected ${m.name} to violate something, but nothing is: ${oks.join(', ')}`,
      (detail) => `expected ${m.name} to pass${options.config ? ` config ${options.config}` : ' every config'}:\n${bulleted(bads)}\n${detail}`);
  },

  async toHold(this: { isNot: boolean }, received: unknown, property: string, options: ModelMatcherOptions = {}): Promise<MatcherResult> {
    const m = asModel(received);
    const runs = await runAll(received, property, options);
    const { oks, bads } = judgeAll(m, runs, (r, where) => {
      const f = found(r);
      if (r.verdict.kind === 'passed') return { ok: `${where} (${r.backend}: no violation, ${r.counts?.distinct ?? '?'} distinct states)` };
      if (f === property) return { bad: `${where}: ${r.backend} found ${property} violated` };
      if (isBroken(r)) return { bad: `${where}: ${r.backend} could not check it: ${f}` };
      return { bad: `${where}: inconclusive: ${r.backend} stopped at ${f} before exploring every state` };
    });
    return answer(!!this.isNot, bads.length === 0, runs,
      () => `expected ${m.name} not to satisfy ${property}, but it holds in ${oks.join(', ')}`,
      (detail) => `expected ${m.name} to satisfy ${property}${options.config ? ` in config ${options.config}` : ' in every config'}:\n${bulleted(bads)}\n${detail}`);
  },

  async toViolate(this: { isNot: boolean }, received: unknown, property: string, options: ViolateOptions = {}): Promise<MatcherResult> {
    const m = asModel(received);
    const runs = await runAll(received, property, options);
    const { oks: hits, bads: misses, disagree } = judgeAll(m, runs, (r, where, i, checked) => {
      const f = found(r);
      if (f !== property) return { bad: `${where}: ${r.backend} found ${f === 'passed' ? 'no violation' : f}` };
      if (options.atStep === undefined) return { ok: `${where} (${r.backend})` };
      const step = lastStep(checked.explanations[i]!, m.module, r);
      return stepMatches(step, options.atStep)
        ? { ok: `${where} (${r.backend}) at ${stepText(step)}` }
        : { bad: `${where}: ${r.backend} found ${property} violated, but the counterexample ends at ${stepText(step)}, not '${options.atStep}'` };
    });
    // With one config every backend must show it; over every config, one config showing it is enough.
    const pass = options.config !== undefined || isChecked(received) ? misses.length === 0 && hits.length > 0 : hits.length > 0 && !disagree;
    const what = `${property}${options.atStep ? ` at step '${options.atStep}'` : ''}`;
    return answer(!!this.isNot, pass, runs,
      (detail) => `expected ${m.name} not to violate ${what}, but: ${hits.join(', ')}\n${detail}`,
      (detail) => `expected ${m.name} to violate ${what}${options.config ? ` in config ${options.config}` : ' in some config'}:\n${bulleted(misses)}\n${detail}`);
  },
};

expect.extend(modelMatchers);
