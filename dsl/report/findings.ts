/**
 * The report flattened into findings, one per thing to point at: a violated property or failed
 * check per backend run, a missing expected violation, backends that disagree. SARIF results and
 * GitHub annotations are both made from these, so they always agree.
 */
import type { SourceLoc } from '../ir/nodes.js';
import type { Problem } from '../map/explain.js';
import { anchorOf, configName, expectText, verdictText, type ConfigReport, type Report, type Run } from './report.js';

export type RuleId =
  | 'invariant-violated' | 'property-violated' | 'deadlock' | 'assert-failed' | 'evaluation-error'
  | 'tla-parse-error' | 'config-error' | 'checker-crashed' | 'checker-timeout'
  | 'expectation-not-met' | 'backends-disagree' | 'cover-unreached';

export const RULES: Readonly<Record<RuleId, { readonly name: string; readonly description: string }>> = {
  'invariant-violated': { name: 'InvariantViolated', description: 'A state reachable in the model violates an invariant.' },
  'property-violated': { name: 'PropertyViolated', description: 'A behaviour of the model violates a temporal property.' },
  'deadlock': { name: 'Deadlock', description: 'The model reaches a state in which no action is enabled.' },
  'assert-failed': { name: 'AssertFailed', description: 'A step of the model reaches an assert whose condition is false.' },
  'evaluation-error': { name: 'EvaluationError', description: 'The checker could not evaluate an expression of the model.' },
  'tla-parse-error': { name: 'TlaParseError', description: 'The checker could not parse the emitted TLA+.' },
  'config-error': { name: 'ConfigError', description: 'The checker rejected the emitted config.' },
  'checker-crashed': { name: 'CheckerCrashed', description: 'The model checker failed to run to completion.' },
  'checker-timeout': { name: 'CheckerTimeout', description: 'The model checker ran past its time limit.' },
  'expectation-not-met': { name: 'ExpectationNotMet', description: 'A config did not give the verdict its model expects.' },
  'backends-disagree': { name: 'BackendsDisagree', description: 'TLC and tla-checker gave different verdicts or state counts.' },
  'cover-unreached': { name: 'CoverUnreached', description: 'No reachable state of a config satisfies one of its covers: what the cover witnesses was never explored.' },
};

const RULE_OF: Readonly<Record<Problem['kind'], RuleId>> = {
  invariant: 'invariant-violated', property: 'property-violated', deadlock: 'deadlock', assert: 'assert-failed',
  evalError: 'evaluation-error', parseError: 'tla-parse-error', configError: 'config-error', crashed: 'checker-crashed', timeout: 'checker-timeout',
};

export interface Finding {
  readonly rule: RuleId;
  /** Part of a config that is as expected (a seeded bug found): informational, not an error. */
  readonly expected: boolean;
  /** Short: `NoLostUpdate violated`. */
  readonly title: string;
  /** One line: `MutexCounter/racy (tlc): invariant NoLostUpdate violated after 4 steps`. */
  readonly message: string;
  readonly loc?: SourceLoc;
  readonly config: ConfigReport;
  /** The run a violation came from (its explanation has the steps). */
  readonly run?: Run;
  /** For `cover-unreached`: the cover's name. */
  readonly cover?: string;
}

export function findings(r: Report): Finding[] {
  return r.configs.flatMap((c) => [...c.runs.flatMap((run) => [...runFinding(c, run), ...coverFindings(c, run)]), ...configFindings(c)]);
}

/** Each cover a run found unreached, at its `m.cover` line: it fails the config. */
function coverFindings(c: ConfigReport, run: Run): Finding[] {
  return (run.explanation.covers ?? []).filter((k) => k.status === 'unreached').map((k) => ({
    rule: 'cover-unreached' as const, expected: false, title: `cover ${k.name} unreached`,
    message: `${configName(c)} (${run.result.backend}): cover ${k.name} unreached — no reachable state satisfies it`,
    ...(k.dsl ?? anchorOf(run.explanation) ? { loc: (k.dsl ?? anchorOf(run.explanation))! } : {}),
    config: c, run, cover: k.name,
  }));
}

function runFinding(c: ConfigReport, run: Run): Finding[] {
  const p = run.explanation.problem;
  if (!p) return [];
  const steps = run.explanation.steps.length;
  // A trace cut short lacks the violating state (or step): it is one step after the trace's last state.
  const taken = run.result.traceCut ? steps : steps - 1;
  const after = taken > 0 ? ` after ${taken} step${taken === 1 ? '' : 's'}${run.result.traceCut ? ' (the last one missing from the trace)' : ''}` : steps === 1 ? ' in an initial state' : '';
  const loc = anchorOf(run.explanation);
  // TypeOK's finding sits at the variable's declaration: say which variable.
  const typed = p.variable ? ` (variable ${p.variable} outside its type)` : '';
  return [{
    rule: RULE_OF[p.kind],
    expected: c.asExpected,
    title: p.name ? `${p.name} ${p.kind === 'assert' ? 'failed' : 'violated'}${typed}` : verdictText(run.result),
    message: `${configName(c)} (${run.result.backend}): ${p.name ? verdictText(run.result) : p.message}${typed}${after}${c.asExpected ? ' (expected: seeded bug)' : ''}`,
    ...(loc ? { loc } : {}),
    config: c,
    run,
  }];
}

/** Problems of a config as a whole: an expected violation nobody found, or backends that disagree. */
function configFindings(c: ConfigReport): Finding[] {
  const loc = c.runs[0]?.explanation.configDsl;
  const out: Finding[] = [];
  const missed = c.runs.filter((r) => r.result.verdict.kind === 'passed');
  if (!c.asExpected && c.expect.kind !== 'pass' && missed.length > 0) {
    out.push({
      rule: 'expectation-not-met', expected: false, title: `expected ${expectText(c.expect)}`,
      message: `${configName(c)}: expected ${expectText(c.expect)}, but ${missed.map((r) => r.result.backend).join(' and ')} found none`,
      ...(loc ? { loc } : {}), config: c,
    });
  }
  if (c.disagreement) {
    out.push({ rule: 'backends-disagree', expected: false, title: 'backends disagree', message: `${configName(c)}: ${c.disagreement}`, ...(loc ? { loc } : {}), config: c });
  }
  return out;
}
