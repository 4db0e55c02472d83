/**
 * What the HTML viewer shows, computed at render time so the page needs nothing else: per
 * backend run its lanes, steps (label, DSL line, code frames of the DSL source, changes and the
 * state after the step in readable terms), the failure and a lasso's loop back; and a matrix of
 * every config in the report.
 */
import type { SourceLoc } from '../../ir/nodes.js';
import { callText, type Explanation, type Problem, type Step } from '../../map/explain.js';
import { sourceText, type SourceFiles } from '../code-frame.js';
import { countsText } from '../counts.js';
import { laneOf, lanesOf } from '../lanes.js';
import { readable, readableChange, stateLeaves, type Leaf } from '../readable.js';
import { evaluating, type CheckResult } from '../../check/result.js';
import { checkerNoteBlocks, configName, expectText, locText, problemSite, verdictText, type ConfigReport, type NoteBlock, type Report, type Run } from '../report.js';

export interface PageView {
  readonly title: string;
  readonly matrix: MatrixView;
  readonly traces: readonly TraceView[];
}

/** Models down, configs across; each cell lists its runs. */
export interface MatrixView {
  readonly models: readonly string[];
  readonly configs: readonly string[];
  readonly cells: readonly CellView[];
}

export interface CellView {
  readonly model: string;
  readonly config: string;
  readonly asExpected: boolean;
  readonly expected: string;
  /**
   * `covers`: the config's covers in a line (`covers: 3 of 3 reached`, each unreached one with its DSL line);
   * `notes`: what the checker printed besides its verdict (warnings, `Print` output).
   */
  readonly runs: readonly { readonly backend: string; readonly verdict: string; readonly trace?: string; readonly covers?: string; readonly notes?: readonly NoteBlock[] }[];
}

export interface TraceView {
  readonly id: string;
  readonly title: string;
  readonly backend: string;
  readonly verdict: string;
  readonly asExpected: boolean;
  readonly expected: string;
  readonly counts: string;
  readonly problem?: ProblemView;
  readonly lanes: readonly string[];
  readonly steps: readonly StepView[];
  readonly loop?: LoopView;
  readonly waiting?: readonly WaitView[];
  /** What the checker printed besides its verdict: its warnings (a trace cut short among them) and `Print` output. */
  readonly notes?: readonly NoteBlock[];
}

export interface ProblemView {
  readonly message: string;
  readonly where?: string;
  readonly frame?: Frame;
  /** Where in the trace it failed, in words. */
  readonly failsAt: string;
}

export interface StepView {
  readonly index: number;
  /** Index into `lanes`; -1 for a step no lane owns (the initial state). */
  readonly lane: number;
  /** The box's label: the step's label (process step) or action name. */
  readonly label: string;
  /** `t1: Acquire(self=t1)` */
  readonly title: string;
  readonly where?: string;
  readonly frames: readonly Frame[];
  readonly changes: readonly ChangeView[];
  /** The changes shown in the box: the first few, without the label move (`pc`, `stack`). */
  readonly effects: readonly string[];
  /** What the step read and did not change, in the state before it. */
  readonly reads: readonly { readonly path: string; readonly value: string }[];
  readonly state: readonly Leaf[];
}

export interface ChangeView { readonly variable: string; readonly path: string; readonly from?: string; readonly to: string }

export interface LoopView {
  /** The step index the behaviour returns to; absent when it stutters. */
  readonly to?: number;
  readonly text: string;
  /** The step from the last state back to `to`. */
  readonly closing?: StepView;
}

export interface WaitView {
  readonly actor: string;
  readonly label: string;
  readonly where?: string;
  readonly guards: readonly { readonly where: string; readonly text: string }[];
  /** What its step would read in the last state: the values that keep the guards false. */
  readonly values: readonly string[];
}

/** DSL source lines `first`… with lines `from`..`to` marked. */
export interface Frame {
  readonly caption: string;
  readonly file: string;
  readonly first: number;
  readonly lines: readonly string[];
  readonly from: number;
  readonly to: number;
}

const CONTEXT_LINES = 2;
const MAX_SPAN_LINES = 12;

export function pageView(r: Report, files: SourceFiles): PageView {
  const traces: TraceView[] = [];
  const cells = r.configs.map((c): CellView => ({
    model: c.module,
    config: c.config,
    asExpected: c.asExpected,
    expected: expectText(c.expect),
    runs: c.runs.map((run) => {
      const notes = checkerNoteBlocks(run.result);
      const trace = run.explanation.steps.length > 0 ? traceView(`trace-${traces.length}`, c, run, files, notes) : undefined;
      if (trace) traces.push(trace);
      const covers = coversText(run.explanation);
      return { backend: run.result.backend, verdict: verdictText(run.result), ...(trace ? { trace: trace.id } : {}), ...(covers ? { covers } : {}), ...(notes.length ? { notes } : {}) };
    }),
  }));
  const title = r.configs.length === 1 ? `zswap-tla: ${configName(r.configs[0]!)}` : `zswap-tla: ${r.configs.length} configs`;
  return {
    title,
    matrix: { models: unique(r.configs.map((c) => c.module)), configs: unique(r.configs.map((c) => c.config)), cells },
    traces,
  };
}

/** `covers: 2 of 3 reached; Gone unreached (models/x.ts:12); 1 not decided` */
function coversText(x: Explanation): string | undefined {
  const all = x.covers ?? [];
  if (!all.length) return undefined;
  const reached = all.filter((k) => k.status === 'reached').length;
  const unreached = all.filter((k) => k.status === 'unreached').map((k) => `${k.name} unreached${k.dsl ? ` (${locText(k.dsl)})` : ''}`);
  const undecided = all.filter((k) => k.status === 'undecided').length;
  return [`covers: ${reached} of ${all.length} reached`, ...unreached, ...(undecided ? [`${undecided} not decided`] : [])].join('; ');
}

function traceView(id: string, c: ConfigReport, { result, explanation: x }: Run, files: SourceFiles, notes: readonly NoteBlock[]): TraceView {
  const lanes = lanesOf(x);
  const stepView = (s: Step): StepView => {
    const lane = laneOf(s);
    const frames = [
      ...(s.dsl ? [frame('step', s.dsl, files)] : s.index === 1 && x.configDsl ? [frame('config', x.configDsl, files)] : []),
      ...(s.statement && !sameLines(s.statement, s.dsl) ? [frame('statement', s.statement, files)] : []),
    ].filter((f): f is Frame => f !== undefined);
    return {
      index: s.index,
      lane: lane === undefined ? -1 : lanes.indexOf(lane),
      label: s.index === 1 && !s.action ? 'initial state' : s.unit?.label ?? s.action ?? '(unknown action)',
      title: s.index === 1 && !s.action ? 'initial state' : `${s.actor !== undefined ? `${s.actor}: ` : ''}${callText(s)}`,
      ...(s.dsl ? { where: locText(s.dsl) } : {}),
      frames,
      changes: s.changes.map((ch) => ({ variable: ch.variable, path: ch.path, ...(ch.from !== undefined ? { from: readable(ch.from) } : {}), to: readable(ch.to) })),
      effects: boxEffects(s),
      reads: (s.reads ?? []).filter((r) => !s.changes.some((c) => c.path === r.path)).map((r) => ({ path: r.path, value: readable(r.value) })),
      state: stateLeaves(s.vars),
    };
  };
  const steps = x.steps.map(stepView);
  const p = x.problem;
  return {
    id,
    title: `${configName(c)} — ${result.backend}`,
    backend: result.backend,
    verdict: verdictText(result),
    asExpected: c.asExpected,
    expected: expectText(c.expect),
    counts: countsText(result),
    ...(p ? {
      problem: {
        message: p.message,
        ...(p.dsl ? { where: locText(p.dsl) } : {}),
        ...(p.dsl ? optional('frame', frame(captionOf(p), p.dsl, files)) : {}),
        failsAt: failsAt(x, result.traceCut),
      },
    } : {}),
    lanes,
    steps,
    ...(x.lasso ? {
      loop: {
        ...(x.lasso.loopsTo !== undefined && !x.lasso.stuttering ? { to: x.lasso.loopsTo } : {}),
        text: x.lasso.stuttering ? 'then stutters forever' : `↻ back to state ${x.lasso.loopsTo ?? '?'}`,
        ...(x.lasso.closing ? { closing: stepView(x.lasso.closing) } : {}),
      },
    } : {}),
    ...(x.waiting ? {
      waiting: x.waiting.map((w) => ({
        actor: w.actor, label: w.label, ...(w.dsl ? { where: locText(w.dsl) } : {}),
        guards: w.guards.map((g) => ({ where: locText(g), text: sourceText(g, files) ?? '' })),
        values: w.reads.map((r) => `${r.path} = ${readable(r.value)}`),
      })),
    } : {}),
    ...(notes.length ? { notes } : {}),
  };
}

const BOX_EFFECTS = 3;

function boxEffects(s: Step): string[] {
  const shown = s.changes.filter((c) => c.variable !== 'pc' && c.variable !== 'stack').map(readableChange);
  return shown.length > BOX_EFFECTS ? [...shown.slice(0, BOX_EFFECTS - 1), `… ${shown.length - BOX_EFFECTS + 1} more`] : shown;
}

function failsAt(x: Explanation, cut: CheckResult['traceCut']): string {
  const last = x.steps.at(-1);
  const who = last?.actor !== undefined ? ` of ${last.actor}` : '';
  // A trace cut short lacks what violates the property: a successor of its last state (a step from it).
  const lacking = `, which the trace lacks (see the warning)`;
  const checked = evaluating(x.problem?.message ?? '');
  switch (x.problem?.kind) {
    case 'invariant':
      if (cut) return `false in a successor of state ${last?.index}${lacking}`;
      return x.steps.length === 1 ? 'false in the initial state' : `false in state ${last?.index}, after its last step`;
    case 'assert': return `in the next step${who} after state ${last?.index}`;
    case 'evalError':
      if (checked?.what === 'invariant') return `while evaluating ${checked.name} in state ${last?.index}`;
      if (checked) return `while evaluating ${checked.name} on the step to state ${last?.index}`;
      return `while evaluating the next step${who} after state ${last?.index}`;
    case 'deadlock': return `in state ${last?.index}: no step is enabled`;
    case 'property': {
      if (cut === 'step') return `false on a step from state ${last?.index}${lacking}`;
      // No lasso: an action property's counterexample, its last step the violation; or a property the initial state violates (TLC).
      if (!x.lasso) return x.steps.length === 1 ? 'false in the initial state' : `false on the step to state ${last?.index}`;
      return x.lasso.stuttering ? 'the behaviour stops here forever' : `the behaviour loops back to state ${x.lasso.loopsTo ?? '?'} forever`;
    }
    default: return '';
  }
}

const CAPTIONS = { definition: 'defined here', declaration: 'declared here', failure: 'fails here' } as const;
/** The caption of the problem's code frame: what its location is (`problemSite`). */
export function captionOf(p: Pick<Problem, 'kind' | 'variable'>): string {
  return CAPTIONS[problemSite(p)];
}

/** The source lines of `loc` with a little context; `undefined` when the file cannot be read. */
function frame(caption: string, loc: SourceLoc, files: SourceFiles): Frame | undefined {
  const text = files.text(loc.file);
  if (text === undefined) return undefined;
  const all = text.split('\n');
  const to = Math.min(loc.endLine ?? loc.line, loc.line + MAX_SPAN_LINES - 1);
  const first = Math.max(1, loc.line - CONTEXT_LINES);
  const last = Math.min(all.length, to + CONTEXT_LINES);
  return { caption: `${caption}: ${locText(loc)}`, file: loc.file, first, lines: all.slice(first - 1, last), from: loc.line, to };
}

function sameLines(a: SourceLoc, b: SourceLoc | undefined): boolean {
  return b !== undefined && a.file === b.file && a.line === b.line;
}

function optional<K extends string, V>(key: K, v: V | undefined): { [k in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [k in K]?: V };
}

function unique(xs: readonly string[]): string[] {
  return [...new Set(xs)];
}
