/**
 * Parses TLC's `-tool` mode output (and its `-dumpTrace json` file) into a `CheckResult`.
 * Pure: no I/O. Format facts are from real TLC runs, see test/fixtures/tlc-samples/README.md and
 * test/fixtures/tlc/README.md.
 *
 * Never a false pass: `passed` needs TLC's completion message (2193) and no message of an error
 * class (error, TLC bug) anywhere, whatever the exit code says.
 */
import type { CheckResult, CoverageItem, Counts, TlaLocation, TraceState, Verdict } from './result.js';
import {
  allMessages, COUNT, MESSAGE_CLASS, normalizeNewlines, renderedLines, splitToolMessages, toCount,
  type ToolMessage, type ToolSegment,
} from './tlc-messages.js';
import { splitTopLevel } from './values.js';

export { splitToolMessages, type ToolMessage } from './tlc-messages.js';

export interface ParseContext {
  readonly module: string;
  readonly config: string;
  readonly durationMs: number;
  readonly exitCode?: number;
}

/** TLC message codes (tlc2.output.EC) this parser reads. */
const EC = {
  general: 1000,
  initialState: 2102,
  evalStack: 2103,
  assumptionFalse: 2104,
  initInvariant: 2107,
  initProperty: 2108,
  invariant: 2110,
  actionProperty: 2112,
  deadlock: 2114,
  property: 2116,
  behavior: 2121,
  backToState: 2122,
  assert: 2132,
  parseFailed2: 2171,
  finished: 2186,
  modeBfs: 2187,
  modeSimulation: 2188,
  modeDfs: 2271,
  undefinedInEvaluation: 2280,
  checkingTemporal: 2192,
  success: 2193,
  depth: 2194,
  stateCounts: 2199,
  progress: 2200,
  simulationProgress: 2209,
  simulationDone: 2210,
  traceState: 2217,
  stuttering: 2218,
  counterExample: 2264,
  checkingTemporalEnd: 2267,
  coverageNext: 2772,
  coverageInit: 2773,
  coverageProperty: 2774,
  coverageConstraint: 2778,
  parseFailed: 3002,
} as const;

const ERROR_CLASSES: ReadonlySet<number> = new Set([MESSAGE_CLASS.error, MESSAGE_CLASS.tlcBug]);

/** Error-class messages that accompany the error being reported rather than being one. */
const AUXILIARY: ReadonlySet<number> = new Set([EC.evalStack, EC.behavior, EC.counterExample]);

/** Config-file errors: TLC_CONFIG_* (2222–2245, 2272–2274, 2281) and CFG_* (5001–5006); not 2280, an evaluation error (see errorVerdict). */
function isConfigCode(code: number): boolean {
  return (code >= 2222 && code <= 2245) || (code >= 2272 && code <= 2274) || code === 2281 || (code >= 5001 && code <= 5006);
}

/**
 * Errors TLC reports when it cannot evaluate the spec (TLC_MODULE_* 2155–2184, a state not
 * completely specified, an invariant or property that cannot be evaluated, a tautology).
 */
function isEvaluationCode(code: number): boolean {
  return (code >= 2155 && code <= 2184) || [2102, 2105, 2106, 2109, 2111, 2113, 2115, 2146, 2147, 2148, 2253, 2405].includes(code);
}

/** TLC's exit codes (tlc2.output.EC.ExitStatus), and the JVM's own. */
export const TLC_EXIT_CODES: Readonly<Record<number, string>> = {
  0: 'success',
  1: 'the JVM could not run TLC',
  10: 'assumption or postcondition violated',
  11: 'deadlock',
  12: 'safety violation: invariant',
  13: 'liveness violation: temporal or action property',
  14: 'Assert failed',
  75: 'the spec could not be evaluated',
  76: 'an invariant could not be evaluated',
  77: 'a temporal property could not be evaluated',
  150: 'spec parse or semantic error',
  151: 'config error',
  152: 'state space too large',
  153: 'system error',
  255: 'other error',
};

/** What an exit code means; codes 129–149 not listed are a signal's 128 + n. */
export function exitMeaning(code: number): string {
  const known = TLC_EXIT_CODES[code];
  if (known) return known;
  if (code > 128 && code < 150) return `killed by signal ${code - 128}`;
  return 'unknown exit code';
}

/** `line 7, col 8 to line 7, col 26 of module Counter` (trace states, SANY, assumptions, coverage). */
const SPAN = /line (\d+), col (\d+) to line (\d+), col (\d+) of module (\w+)/;
/** `0. Line 5, column 9 to line 5, column 48 in Misc` (2103 location stack). */
const STACK_FRAME = /Line (\d+), column (\d+) to line (\d+), column (\d+) in (\w+)/g;
/** `at line 5, column 14` (SANY syntax errors; no module, no end). */
const POINT = /at line (\d+), column (\d+)/;
const SANY_HEADER = /^(\*\*\*Parse Error\*\*\*|Semantic errors:|Fatal errors while parsing .*)$/;
/** Lines in a SANY error section that frame the error rather than state it. */
/** A line that is only a span: where a SANY error or warning is. */
const SPAN_LINE = new RegExp(`^${SPAN.source}$`);
const SANY_FRAMING = [/^\*\*\* Errors: \d+$/, /^In module \w+$/, SPAN_LINE];
/** SANY's progress lines, not findings. */
const SANY_PROGRESS = /^(Parsing file |Semantic processing of module |Linting of module |\*\*\*\*\*\* SANY2? Version |Starting SANY|SANY finished)/;
const COUNTS = new RegExp(`${COUNT} states generated(?: \\([^)]*\\))?, ${COUNT} distinct states found(?: \\([^)]*\\))?, ${COUNT} states left on queue`);
/** The first line of a Java stack trace, and the lines that continue one. */
const JAVA_THROWABLE = /^(?:Exception in thread "[^"]*" )?(?:[a-zA-Z_$][\w$]*\.)+[\w$]*(?:Exception|Error|Throwable)\b/;
const JAVA_FRAME = /^\s+at \S|^\s+\.\.\. \d+ more$|^Caused by: |^\s+Suppressed: /;
/** What TLC prints outside messages that is not the spec's `Print` output. */
const NOT_PRINTED = /^"?CounterExample written: /;
/** TLC's `-debug` trace lines (util.DebugPrinter): thread id, then a tab or `thrown an exception`. */
const DEBUG_LINE = /^\d+(?:\t|thrown an exception$)/;
const TAIL_LINES = 40;
const MESSAGE_TAIL_LINES = 8;
const STACK_TRACE_LINES = 60;

export function parseToolOutput(output: string, ctx: ParseContext): CheckResult {
  const { messages, unwrapped, segments } = splitToolMessages(output);
  const rendered = renderedLines(segments).filter((l) => l.trim() !== '');
  const errors = errorReports(messages);
  const verdict = verdictOf(messages, errors, unwrapped, rendered, ctx);
  const more = errors.slice(1).map((e) => errorVerdict(e, unwrapped, rendered, ctx));
  const version = messages.find((m) => m.code === 2262)?.body.split('\n')[0]?.trim();
  const counts = countsOf(messages);
  const warnings = warningsOf(segments);
  const printed = printedOf(segments);
  const coverage = coverageOf(messages);
  const liveness = livenessOf(messages);
  const stackTrace = javaStackTrace(unwrapped);
  const simulation = simulationOf(messages);
  const workers = workersOf(messages);
  return {
    backend: 'tlc',
    module: ctx.module,
    config: ctx.config,
    durationMs: ctx.durationMs,
    verdict,
    ...(version ? { version } : {}),
    ...(counts ? { counts } : {}),
    ...(workers !== undefined ? { workers } : {}),
    ...(verdict.kind === 'passed' ? {} : { rawTail: rendered.slice(-TAIL_LINES).join('\n') }),
    ...(warnings.length > 0 ? { warnings } : {}),
    ...(printed.length > 0 ? { output: printed } : {}),
    ...(coverage.length > 0 ? { coverage } : {}),
    ...(liveness ? { liveness } : {}),
    ...(more.length > 0 ? { moreViolations: more } : {}),
    ...(stackTrace ? { stackTrace } : {}),
    ...(simulation ? { simulation } : {}),
  };
}

/**
 * The workers TLC said it runs with, in its mode line (2187 breadth-first, 2271 depth-first,
 * 2188 simulation): `… with 2 workers on 4 cores …`.
 */
function workersOf(messages: readonly ToolMessage[]): number | undefined {
  const mode = messages.find((m) => m.code === EC.modeBfs || m.code === EC.modeDfs || m.code === EC.modeSimulation)?.body;
  const n = capture(/ with (\d+) workers? on /, mode ?? '');
  return n === undefined ? undefined : Number(n);
}

/**
 * A `-simulate` run's figures: 2209 `Progress(N)` counts the traces, 2210 the states generated
 * and the seed (`The number of states generated: 1201` / `Simulation using seed 7 and aril 0`).
 */
function simulationOf(messages: readonly ToolMessage[]): CheckResult['simulation'] | undefined {
  const done = messages.find((m) => m.code === EC.simulationDone)?.body;
  const progress = messages.filter((m) => m.code === EC.simulationProgress).at(-1)?.body;
  if (done === undefined && progress === undefined) return undefined;
  const seed = capture(/seed (-?\d+)/, done ?? '');
  const generated = capture(new RegExp(`states generated: ${COUNT}`), done ?? '') ?? capture(new RegExp(`${COUNT} states generated`), progress ?? '');
  const traces = capture(new RegExp(`^Progress\\(${COUNT}\\)`), progress ?? '');
  return {
    ...(seed !== undefined ? { seed } : {}),
    ...(traces !== undefined ? { traces: toCount(traces) } : {}),
    ...(generated !== undefined ? { generated: toCount(generated) } : {}),
  };
}

/**
 * One 2217 body: `N: <Action line L, col C to line L2, col C2 of module M>` then the variables.
 * `<Initial predicate>` gives no action. Values are kept as printed, continuation lines included.
 */
export function parseTraceState(body: string): TraceState {
  const [header = '', ...rest] = normalizeNewlines(body).trimEnd().split('\n');
  const m = /^(\d+): <(.*)>$/.exec(header.trim());
  if (!m) throw new Error(`not a TLC trace state: ${header}`);
  const action = parseActionLabel(m[2] ?? '');
  return { index: Number(m[1]), ...(action ? { action } : {}), vars: parseVars(rest) };
}

/**
 * States of a `-dumpTrace json` file, with action names, locations and named parameters
 * (`context`). Values are rendered back to TLA+ best-effort only: the JSON is lossy (sets and
 * sequences are both arrays, records and functions both objects, model values plain strings,
 * rendered here as `<<…>>`, `[k |-> v]` and `"…"`), so prefer the text trace's values.
 * Returns [] when the file is not a usable trace (e.g. cut short), since it only enriches the text.
 * `argsOf(n)`: the arguments the text trace printed for the step to state n (`Step(p1)`); where
 * there is one per parameter the JSON names, in its order (`parameters`), each value is the text's.
 */
export function parseDumpTraceJson(json: string, argsOf: (index: number) => string | undefined = () => undefined): TraceState[] {
  let doc: unknown;
  try { doc = JSON.parse(json); } catch { return []; }
  const ce = isObject(doc) && isObject(doc.counterexample) ? doc.counterexample : undefined;
  if (!ce || !Array.isArray(ce.state)) return [];
  const actions = actionsByTarget(Array.isArray(ce.action) ? ce.action : [], argsOf);
  return ce.state.filter(isDumpState).map(([index, vars]) => {
    const action = actions.get(index);
    return { index, ...(action ? { action } : {}), vars: mapValues(vars, toTla) };
  });
}

// ---------------------------------------------------------------------------------------------
// Verdicts

/** An error TLC reported: its headline message and the messages that follow it (trace, stack). */
interface ErrorReport { readonly headline: ToolMessage; readonly segment: readonly ToolMessage[] }

const isErrorClass = (m: ToolMessage): boolean => ERROR_CLASSES.has(m.cls);

/** Every reported error in order; with `-continue` TLC reports several. */
function errorReports(messages: readonly ToolMessage[]): ErrorReport[] {
  const starts = messages.flatMap((m, i) => (isErrorClass(m) && !AUXILIARY.has(m.code) ? [i] : []));
  return starts.map((at, k) => ({ headline: messages[at]!, segment: messages.slice(at + 1, starts[k + 1] ?? messages.length) }));
}

function verdictOf(messages: readonly ToolMessage[], errors: readonly ErrorReport[], unwrapped: string, rendered: readonly string[], ctx: ParseContext): Verdict {
  const first = errors[0];
  if (first) return errorVerdict(first, unwrapped, rendered, ctx);
  const sany = sanyError(unwrapped, ctx.module);
  if (sany) return sany;
  // Only messages that accompany an error (e.g. a lone 2103 location stack): still an error.
  const auxiliary = allMessages(messages).find(isErrorClass);
  if (auxiliary) {
    const at = messages.indexOf(auxiliary);
    return otherError({ headline: auxiliary, segment: at < 0 ? [] : messages.slice(at) }, unwrapped, rendered, ctx);
  }
  if (ctx.exitCode !== undefined && ctx.exitCode !== 0) return exitVerdict(ctx.exitCode, rendered);
  // 2210 ends a simulation that found nothing (it has no 2193): a pass of the traces it ran, which
  // the result's `simulation` says were random, not every state.
  if (messages.some((m) => m.code === EC.success || m.code === EC.simulationDone)) return { kind: 'passed' };
  // Plain-mode output, a run killed before it finished, or one that finished without checking.
  const finished = messages.some((m) => m.code === EC.finished);
  return crashed(`${finished ? 'TLC finished without its completion message' : 'no TLC -tool completion message in the output'}; last lines:\n${tailText(rendered)}`, ctx.exitCode);
}

function errorVerdict({ headline, segment }: ErrorReport, unwrapped: string, rendered: readonly string[], ctx: ParseContext): Verdict {
  const trace = traceOf(segment);
  switch (headline.code) {
    case EC.initInvariant: return initialStateVerdict(headline.body, 'invariant');
    case EC.initProperty: return initialStateVerdict(headline.body, 'property');
    case EC.invariant:
      return { kind: 'invariant', name: capture(/^Invariant (\S+) is violated/, headline.body) ?? firstLine(headline.body), initial: false, trace };
    case EC.deadlock: return { kind: 'deadlock', trace };
    case EC.property:
    case EC.actionProperty: return propertyVerdict(headline.body, segment, trace);
    case EC.assert: return assertVerdict(headline.body, stackOf(segment), trace);
    // "In evaluation, the identifier x is either undefined or not an operator": TLC raises it
    // only while evaluating (Tool#evalAppl, a primed variable read before it is assigned), with a
    // trace and a location stack, under a config code the config file has nothing to do with.
    case EC.undefinedInEvaluation: return { kind: 'evalError', message: oneLine(headline.body), stack: stackOf(segment), trace };
    case EC.general: {
      // A general error wrapping one with a verdict of its own: a failed Assert in simulation mode
      // (1000 > 2132), 2280 raised in a step (1000 > 2280, exit 75). That one decides.
      const inner = allMessages(headline.inner).find((m) => m.code === EC.assert || m.code === EC.undefinedInEvaluation);
      if (inner) return errorVerdict({ headline: inner, segment }, unwrapped, rendered, ctx);
      break;
    }
    case EC.parseFailed:
    case EC.parseFailed2: return sanyError(unwrapped, ctx.module) ?? { kind: 'parseError', message: oneLine(headline.body) };
  }
  if (headline.cls === MESSAGE_CLASS.tlcBug) return crashed(withTail(`TLC bug (message ${headline.code}): ${oneLine(headline.body)}`, rendered), ctx.exitCode);
  const config = [headline, ...allMessages(headline.inner)].find((m) => isConfigCode(m.code));
  if (config) return { kind: 'configError', message: oneLine(config.body) };
  return otherError({ headline, segment }, unwrapped, rendered, ctx);
}

/**
 * An evaluation error TLC raises as a plain TLCRuntimeException (a CASE with no arm true, a CHOOSE
 * with no witness, a function applied outside its domain) reaches its report as a general error
 * that calls it unexpected: "TLC threw an unexpected exception. … The exception was a
 * java.lang.RuntimeException\n: <message>". The spec's error is the message; other exceptions
 * (a StackOverflowError, TLC's own bugs) keep the whole text.
 */
const RUNTIME_EXCEPTION = /^TLC threw an unexpected exception\.[\s\S]*?\nThe exception was a java\.lang\.RuntimeException\n: /;

/** Errors with no verdict of their own: the exit code and an evaluation stack or trace decide. */
function otherError({ headline, segment }: ErrorReport, unwrapped: string, rendered: readonly string[], ctx: ParseContext): Verdict {
  const message = oneLine(headline.code === EC.general ? headline.body.replace(RUNTIME_EXCEPTION, '') : headline.body);
  const trace = traceOf(segment);
  if (ctx.exitCode === 151) return { kind: 'configError', message };
  if (ctx.exitCode === 150) return sanyError(unwrapped, ctx.module) ?? { kind: 'parseError', message };
  // An ASSUME that is false: a violation with the assumption's location (the DSL emits none).
  if (headline.code === EC.assumptionFalse) {
    const span = SPAN.exec(headline.body);
    return { kind: 'evalError', message, stack: span ? [locationOf(span)] : [], trace };
  }
  const stack = stackOf([headline, ...segment]);
  const evaluating = isEvaluationCode(headline.code) || [headline, ...segment].some((m) => m.code === EC.evalStack);
  const evalExit = ctx.exitCode !== undefined && ctx.exitCode >= 75 && ctx.exitCode <= 77;
  if (evaluating || trace.length > 0 || evalExit) return { kind: 'evalError', message, stack, trace };
  return crashed(withTail(message, rendered), ctx.exitCode);
}

/** With no message saying more, the exit code decides; a parse or config exit keeps its kind. */
function exitVerdict(exitCode: number, rendered: readonly string[]): Verdict {
  const message = `TLC exited with ${exitCode} (${exitMeaning(exitCode)}); last lines:\n${tailText(rendered)}`;
  if (exitCode === 150) return { kind: 'parseError', message };
  if (exitCode === 151) return { kind: 'configError', message };
  return crashed(message, exitCode);
}

/** 2107/2108 print the offending initial state inline, after `… is violated by the initial state:`. */
function initialStateVerdict(body: string, kind: 'invariant' | 'property'): Verdict {
  const [first = '', ...stateLines] = body.split('\n');
  const name = capture(/^(?:Invariant|Property) (\S+) is violated/, first) ?? first;
  const trace = [{ index: 1, vars: parseVars(stateLines) }];
  return kind === 'invariant' ? { kind, name, initial: true, trace } : { kind, name, trace, stuttering: false };
}

function propertyVerdict(body: string, segment: readonly ToolMessage[], trace: readonly TraceState[]): Verdict {
  // Many released TLC versions name no property: "Temporal properties were violated."
  const name = capture(/^(?:Temporal|Action) propert(?:y|ies) (?!were\b)(\w+)/, body);
  const back = segment.find((m) => m.code === EC.backToState);
  const lasso = back ? parseBackToState(back.body) : undefined;
  return {
    kind: 'property',
    ...(name ? { name } : {}),
    trace,
    ...(lasso ? { loopsTo: lasso.index } : {}),
    ...(lasso?.action ? { loopAction: lasso.action } : {}),
    stuttering: segment.some((m) => m.code === EC.stuttering),
  };
}

/**
 * 2122, the step that closes a lasso: `-tool` prints `N: Back to state: <Action line …>`, plain
 * mode `Back to state N: <Action line …>`; either may leave out the action.
 */
export function parseBackToState(body: string): { index: number; action?: TraceState['action'] } | undefined {
  const m = /^(?:(\d+): Back to state|Back to state (\d+))(?::\s*<(.*)>)?\s*$/.exec(firstLine(body).trim());
  if (!m) return undefined;
  const action = m[3] === undefined ? undefined : parseActionLabel(m[3]);
  return { index: Number(m[1] ?? m[2]), ...(action ? { action } : {}) };
}

/** 2132's second line is Assert's message argument; the innermost stack frame is the Assert call. */
function assertVerdict(body: string, stack: readonly TlaLocation[], trace: readonly TraceState[]): Verdict {
  const value = body.split('\n').slice(1).join('\n').trim();
  const message = /^"[^"]*"$/.test(value) ? value.slice(1, -1) : value;
  const location = stack.at(-1);
  return { kind: 'assert', message, ...(location ? { location } : {}), trace };
}

function crashed(message: string, exitCode: number | undefined): Verdict {
  return { kind: 'crashed', message, ...(exitCode === undefined ? {} : { exitCode }) };
}

function traceOf(segment: readonly ToolMessage[]): TraceState[] {
  // A state cut off by the end of the output (a killed run) is left out.
  return segment.filter((m) => m.code === EC.traceState && m.complete).map((m) => parseTraceState(m.body));
}

function stackOf(segment: readonly ToolMessage[]): TlaLocation[] {
  const body = segment.find((m) => m.code === EC.evalStack)?.body ?? '';
  return [...body.matchAll(STACK_FRAME)].map(locationOf);
}

// ---------------------------------------------------------------------------------------------
// SANY errors (printed unwrapped, before 3002)

/** The first SANY error: its first paragraph as message, its first location. */
function sanyError(unwrapped: string, fallbackModule: string): Verdict | undefined {
  const lines = unwrapped.split('\n');
  const start = lines.findIndex((l) => SANY_HEADER.test(l.trim()));
  if (start < 0) return undefined;
  const section = lines.slice(start + 1).map((l) => l.trim());
  const stating = (l: string) => l !== '' && !SANY_FRAMING.some((re) => re.test(l));
  const from = section.findIndex(stating);
  const to = from < 0 ? -1 : section.findIndex((l, i) => i > from && !stating(l));
  const message = from < 0 ? (lines[start] ?? '').trim() : section.slice(from, to < 0 ? undefined : to).join('\n');
  const location = firstLocation(section.join('\n'), moduleBeingParsed(lines.slice(0, start)) ?? fallbackModule);
  return { kind: 'parseError', message, ...(location ? { location } : {}) };
}

/** The earlier of a full span and a SANY `at line L, column C` point (which names no module). */
function firstLocation(text: string, module: string): TlaLocation | undefined {
  const span = SPAN.exec(text);
  const point = POINT.exec(text);
  if (span && (!point || span.index < point.index)) return locationOf(span);
  if (!point) return undefined;
  const line = Number(point[1]);
  const col = Number(point[2]);
  return { module, startLine: line, startCol: col, endLine: line, endCol: col };
}

/** SANY reports syntax errors in the file it last started parsing. */
function moduleBeingParsed(lines: readonly string[]): string | undefined {
  const file = lines.map((l) => capture(/^Parsing file (\S+)/, l)).filter((f) => f !== undefined).at(-1);
  return file ? capture(/([^/\\]+)\.tla$/, file) : undefined;
}

// ---------------------------------------------------------------------------------------------
// What TLC printed besides the verdict: warnings, Print output, coverage, liveness, stack traces

/**
 * Warnings, one line each: TLC's class-3 messages, SANY's warnings (text between SANY's start and
 * end messages that is neither progress nor an error section), and JVM warnings before TLC starts.
 */
function warningsOf(segments: readonly ToolSegment[]): string[] {
  const warnings: string[] = [];
  let zone: 'jvm' | 'sany' | 'run' = 'jvm';
  for (const s of segments) {
    if (s.kind === 'message') {
      if (s.message.code === 2220) zone = 'sany';
      else if (s.message.code === 2219) zone = 'run';
      allMessages([s.message]).filter((m) => m.cls === MESSAGE_CLASS.warning).forEach((m) => warnings.push(oneLine(m.body)));
    } else if (zone === 'sany') warnings.push(...sanyWarnings(withoutDebugLines(s.text)));
    else if (zone === 'jvm') warnings.push(...s.text.split('\n').filter((l) => /warning/i.test(l)).map((l) => l.trim()));
  }
  return warnings;
}

/** In SANY's output, a warning is a paragraph outside any error section, after the span line that locates it (in the paragraph or the one before). */
function sanyWarnings(text: string): string[] {
  const warnings: string[] = [];
  let inErrors = false;
  let where: string | undefined;
  for (const paragraph of text.split(/\n\s*\n/)) {
    const lines = paragraph.split('\n').map((l) => l.trim()).filter((l) => l !== '');
    const findings: string[] = [];
    for (const l of lines) {
      if (SANY_PROGRESS.test(l)) { inErrors = false; continue; }
      if (SANY_HEADER.test(l)) { inErrors = true; continue; }
      if (!inErrors && !/^\*\*\* Warnings: \d+$/.test(l)) findings.push(l);
    }
    if (findings.length > 0 && SPAN_LINE.test(findings[0]!)) where = findings.shift();
    if (findings.length === 0) continue;
    warnings.push(`${where ? `${where}: ` : ''}${findings.join(' ')}`);
    where = undefined;
  }
  return warnings;
}

/** `Print`/`PrintT` lines: text TLC printed outside messages once SANY was done, minus its own notes and stack traces. */
function printedOf(segments: readonly ToolSegment[]): string[] {
  const start = segments.findIndex((s) => s.kind === 'message' && (s.message.code === 2219 || s.message.code === 2185));
  if (start < 0) return [];
  const lines = segments.slice(start).flatMap((s) => (s.kind === 'text' ? s.text.split('\n') : []));
  const trace = new Set(stackTraceLines(lines));
  return lines.filter((l, i) => l.trim() !== '' && !NOT_PRINTED.test(l) && !DEBUG_LINE.test(l) && !trace.has(i));
}

function withoutDebugLines(text: string): string {
  return text.split('\n').filter((l) => !DEBUG_LINE.test(l)).join('\n');
}

/** Indices of the lines that belong to Java stack traces. */
function stackTraceLines(lines: readonly string[]): number[] {
  const found: number[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!JAVA_THROWABLE.test(lines[i]!) || !JAVA_FRAME.test(lines[i + 1] ?? '')) continue;
    found.push(i);
    while (JAVA_FRAME.test(lines[i + 1] ?? '')) found.push(++i);
  }
  return found;
}

/** Java stack traces printed outside messages (`-debug`, or the JVM dying), capped in length. */
function javaStackTrace(unwrapped: string): string | undefined {
  const lines = unwrapped.split('\n');
  const trace = stackTraceLines(lines).map((i) => lines[i]!);
  if (trace.length === 0) return undefined;
  if (trace.length <= STACK_TRACE_LINES) return trace.join('\n');
  return [...trace.slice(0, STACK_TRACE_LINES), `\t… ${trace.length - STACK_TRACE_LINES} more lines`].join('\n');
}

const COVERAGE_COUNTS = new RegExp(`>: ${COUNT}:${COUNT}$`);
const COVERAGE_KIND: Readonly<Record<number, CoverageItem['kind']>> = {
  [EC.coverageInit]: 'init', [EC.coverageNext]: 'action', [EC.coverageProperty]: 'property', [EC.coverageConstraint]: 'constraint',
};

/** `-coverage`: `<IncX line 8, col 1 to line 8, col 4 of module Grid>: 60:3660` (distinct:generated) per action. */
function coverageOf(messages: readonly ToolMessage[]): CoverageItem[] {
  return messages.flatMap((m) => {
    const kind = COVERAGE_KIND[m.code];
    const head = firstLine(m.body);
    const name = capture(/^<(\w+)/, head);
    if (!kind || !name) return [];
    const span = SPAN.exec(head);
    const counts = COVERAGE_COUNTS.exec(head);
    return [{
      kind,
      name,
      ...(span ? { location: locationOf(span) } : {}),
      ...(counts ? { distinct: toCount(counts[1]!), generated: toCount(counts[2]!) } : {}),
    }];
  });
}

/** TLC's liveness phase: 2192 each time it starts checking temporal properties, 2267 when done. */
function livenessOf(messages: readonly ToolMessage[]): CheckResult['liveness'] {
  const started = messages.filter((m) => m.code === EC.checkingTemporal).length;
  const finished = messages.filter((m) => m.code === EC.checkingTemporalEnd).length;
  return started + finished > 0 ? { started, finished } : undefined;
}

// ---------------------------------------------------------------------------------------------
// Trace states

function parseActionLabel(label: string): TraceState['action'] {
  if (label === 'Initial predicate') return undefined;
  const span = new RegExp(` ${SPAN.source}$`).exec(label);
  const head = span ? label.slice(0, span.index) : label;
  const call = /^([^(]+)\((.*)\)$/.exec(head);
  return {
    name: call?.[1] ?? head,
    ...(call ? { args: call[2] ?? '' } : {}),
    ...(span ? { location: locationOf(span) } : {}),
  };
}

/**
 * With several variables each starts at a line `/\ v = …`; a single variable prints as `v = …`.
 * Other lines continue the previous value.
 */
function parseVars(lines: readonly string[]): Record<string, string> {
  const body = lines.join('\n').trimEnd();
  if (body === '') return {};
  const chunks = body.startsWith('/\\ ') ? body.split(/^\/\\ /m).slice(1) : [body];
  const vars: Record<string, string> = {};
  for (const chunk of chunks) {
    const eq = chunk.indexOf(' = ');
    if (eq > 0) vars[chunk.slice(0, eq).trim()] = chunk.slice(eq + 3).trimEnd();
  }
  return vars;
}

function locationOf(m: RegExpExecArray | RegExpMatchArray): TlaLocation {
  return { module: m[5] ?? '', startLine: Number(m[1]), startCol: Number(m[2]), endLine: Number(m[3]), endCol: Number(m[4]) };
}

// ---------------------------------------------------------------------------------------------
// Counts

/** Final counts from 2199/2194; a run cut short only has progress reports (2200, `Progress(depth)`). */
function countsOf(messages: readonly ToolMessage[]): Counts | undefined {
  const progress = messages.filter((m) => m.code === EC.progress).at(-1)?.body;
  const final = messages.filter((m) => m.code === EC.stateCounts).at(-1)?.body ?? progress;
  const c = final ? COUNTS.exec(final) : null;
  if (!c) return undefined;
  const depth = capture(new RegExp(`search is ${COUNT}`), messages.find((m) => m.code === EC.depth)?.body ?? '')
    ?? capture(new RegExp(`^Progress\\(${COUNT}\\)`), progress ?? '');
  return {
    generated: toCount(c[1]!),
    distinct: toCount(c[2]!),
    queue: toCount(c[3]!),
    ...(depth ? { depth: toCount(depth) } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// -dumpTrace json

interface DumpLocation { beginLine: number; beginColumn: number; endLine: number; endColumn: number; module: string }
type DumpState = [number, Record<string, unknown>];
type Action = NonNullable<TraceState['action']>;

/**
 * Each entry is `[[n, vars], action, [m, vars]]`. Only steps to the next state (m = n + 1) label a
 * state; the step closing a lasso goes back to an earlier one and labels none.
 */
function actionsByTarget(entries: readonly unknown[], argsOf: (index: number) => string | undefined): Map<number, Action> {
  const byTarget = new Map<number, Action>();
  for (const e of entries) {
    if (!Array.isArray(e) || !isDumpState(e[0]) || !isDumpState(e[2]) || !isObject(e[1])) continue;
    if (e[2][0] === e[0][0] + 1) byTarget.set(e[2][0], dumpAction(e[1], argsOf(e[2][0])));
  }
  return byTarget;
}

/** A step's action; its parameters' values the text's `args` where they pair up with the names in order, else the JSON's (lossy: a model value prints as a string). */
function dumpAction(a: Record<string, unknown>, args: string | undefined): Action {
  const loc = isDumpLocation(a.location) ? a.location : undefined;
  const context = isObject(a.context) ? a.context : undefined;
  const ordered = Array.isArray(a.parameters) ? a.parameters.filter((p): p is string => typeof p === 'string') : undefined;
  const names = ordered ?? Object.keys(context ?? {});
  const printed = args === undefined ? [] : splitTopLevel(args);
  const exact = ordered && printed.length === ordered.length ? new Map(ordered.map((n, i) => [n, printed[i]!])) : undefined;
  const params = context ? Object.fromEntries(names.filter((n) => n in context).map((n) => [n, exact?.get(n) ?? toTla(context[n])])) : undefined;
  return {
    name: typeof a.name === 'string' ? a.name : '',
    ...(params ? { params } : {}),
    ...(loc ? { location: { module: loc.module, startLine: loc.beginLine, startCol: loc.beginColumn, endLine: loc.endLine, endCol: loc.endColumn } } : {}),
  };
}

/** Best-effort TLA+ rendering of a lossy JSON value (see `parseDumpTraceJson`). */
function toTla(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (typeof v === 'string') return JSON.stringify(v);
  if (Array.isArray(v)) return `<<${v.map(toTla).join(', ')}>>`;
  if (isObject(v)) return `[${Object.entries(v).map(([k, x]) => `${k} |-> ${toTla(x)}`).join(', ')}]`;
  return String(v);
}

function isDumpState(v: unknown): v is DumpState {
  return Array.isArray(v) && typeof v[0] === 'number' && isObject(v[1]);
}

function isDumpLocation(v: unknown): v is DumpLocation {
  return isObject(v) && typeof v.module === 'string'
    && ['beginLine', 'beginColumn', 'endLine', 'endColumn'].every((k) => typeof v[k] === 'number');
}

// ---------------------------------------------------------------------------------------------
// Small helpers

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function mapValues(o: Record<string, unknown>, f: (v: unknown) => string): Record<string, string> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, f(v)]));
}

function capture(re: RegExp, text: string): string | undefined {
  return re.exec(text)?.[1];
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** TLC wraps some messages mid-sentence (2229); one line reads better in reports. */
function oneLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
}

/** TLC's last output lines (message text included, markers and Java stack frames not), to quote in a failure message. */
function tailText(rendered: readonly string[]): string {
  return rendered.filter((l) => !JAVA_FRAME.test(l)).slice(-MESSAGE_TAIL_LINES).join('\n');
}

function withTail(message: string, rendered: readonly string[]): string {
  return `${message}\nlast lines of TLC's output:\n${tailText(rendered)}`;
}
