/**
 * Parses TLC's `-tool` mode output (and its `-dumpTrace json` file) into a `CheckResult`.
 * Pure: no I/O. Format facts are from real TLC runs, see test/fixtures/tlc-samples/README.md.
 */
import type { CheckResult, Counts, TlaLocation, TraceState, Verdict } from './result.js';

/** One `@!@!@STARTMSG code:cls @!@!@` … `@!@!@ENDMSG code @!@!@` block; `body` is trimmed at the end. */
export interface ToolMessage { readonly code: number; readonly cls: number; readonly body: string }

export interface ParseContext {
  readonly module: string;
  readonly config: string;
  readonly durationMs: number;
  readonly exitCode?: number;
}


/** TLC message codes (tlc2.output.EC) this parser reads. */
const EC = {
  evalStack: 2103,
  initInvariant: 2107,
  invariant: 2110,
  deadlock: 2114,
  property: 2116,
  behavior: 2121,
  backToState: 2122,
  assert: 2132,
  finished: 2186,
  success: 2193,
  depth: 2194,
  stateCounts: 2199,
  progress: 2200,
  traceState: 2217,
  stuttering: 2218,
  cfgNotDefined: 2229,
  cfgError: 2230,
  version: 2262,
  counterExample: 2264,
  parseFailed: 3002,
} as const;

const ERROR_CLASS = 1;

/** Error-class messages that accompany the error being reported rather than being one. */
const AUXILIARY: ReadonlySet<number> = new Set([EC.evalStack, EC.behavior, EC.counterExample]);

/** What TLC's exit codes mean (README), for messages when the output itself says too little. */
const EXIT_MEANING: Readonly<Record<number, string>> = {
  10: 'assumption false', 11: 'deadlock', 12: 'invariant violated', 13: 'liveness violated', 14: 'Assert failed',
  75: 'evaluation failure', 76: 'evaluation failure', 77: 'evaluation failure',
  150: 'parse/semantic error', 151: 'cfg error', 255: 'other error',
};

const MESSAGE = /@!@!@STARTMSG (\d+):(\d+) @!@!@\n([\s\S]*?)@!@!@ENDMSG \1 @!@!@\n?/g;
const MARKER_LINE = /^@!@!@(START|END)MSG .*$/;
/** `line 7, col 8 to line 7, col 26 of module Counter` (trace states, SANY semantic errors). */
const SPAN = /line (\d+), col (\d+) to line (\d+), col (\d+) of module (\w+)/;
/** `0. Line 5, column 9 to line 5, column 48 in Misc` (2103 location stack). */
const STACK_FRAME = /Line (\d+), column (\d+) to line (\d+), column (\d+) in (\w+)/g;
/** `at line 5, column 14` (SANY syntax errors; no module, no end). */
const POINT = /at line (\d+), column (\d+)/;
const SANY_HEADER = /^(\*\*\*Parse Error\*\*\*|Semantic errors:|Fatal errors while parsing .*)$/;
/** Lines in a SANY error section that frame the error rather than state it. */
const SANY_FRAMING = [/^\*\*\* Errors: \d+$/, /^In module \w+$/, new RegExp(`^${SPAN.source}$`)];
const COUNTS = /([\d,]+) states generated(?: \([^)]*\))?, ([\d,]+) distinct states found(?: \([^)]*\))?, ([\d,]+) states left on queue/;
const TAIL_LINES = 40;

export function splitToolMessages(output: string): { messages: ToolMessage[]; unwrapped: string } {
  const text = normalizeNewlines(output);
  const messages: ToolMessage[] = [];
  let unwrapped = '';
  let last = 0;
  for (const m of text.matchAll(MESSAGE)) {
    unwrapped += text.slice(last, m.index);
    messages.push({ code: Number(m[1]), cls: Number(m[2]), body: (m[3] ?? '').trimEnd() });
    last = m.index + m[0].length;
  }
  return { messages, unwrapped: unwrapped + text.slice(last) };
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

export function parseToolOutput(output: string, ctx: ParseContext): CheckResult {
  const { messages, unwrapped } = splitToolMessages(output);
  const verdict = verdictOf(messages, unwrapped, ctx);
  const version = messages.find((m) => m.code === EC.version)?.body.split('\n')[0]?.trim();
  const counts = countsOf(messages);
  return {
    backend: 'tlc',
    module: ctx.module,
    config: ctx.config,
    durationMs: ctx.durationMs,
    verdict,
    ...(version ? { version } : {}),
    ...(counts ? { counts } : {}),
    ...(verdict.kind === 'passed' ? {} : { rawTail: lastLines(normalizeNewlines(output).trimEnd(), TAIL_LINES) }),
  };
}

/**
 * States of a `-dumpTrace json` file, with action names, locations and named parameters
 * (`context`). Values are rendered back to TLA+ best-effort only: the JSON is lossy (sets and
 * sequences are both arrays, records and functions both objects, model values plain strings,
 * rendered here as `<<…>>`, `[k |-> v]` and `"…"`), so prefer the text trace's values.
 * Returns [] when the file is not a usable trace (e.g. cut short), since it only enriches the text.
 */
export function parseDumpTraceJson(json: string): TraceState[] {
  let doc: unknown;
  try { doc = JSON.parse(json); } catch { return []; }
  const ce = isObject(doc) && isObject(doc.counterexample) ? doc.counterexample : undefined;
  if (!ce || !Array.isArray(ce.state)) return [];
  const actions = actionsByTarget(Array.isArray(ce.action) ? ce.action : []);
  return ce.state.filter(isDumpState).map(([index, vars]) => {
    const action = actions.get(index);
    return { index, ...(action ? { action } : {}), vars: mapValues(vars, toTla) };
  });
}

// ---------------------------------------------------------------------------------------------
// Verdicts

function verdictOf(messages: readonly ToolMessage[], unwrapped: string, ctx: ParseContext): Verdict {
  const at = messages.findIndex((m) => m.cls === ERROR_CLASS && !AUXILIARY.has(m.code));
  const headline = messages[at];
  if (headline) return errorVerdict(headline, segmentAfter(messages, at), unwrapped, ctx);
  const sany = sanyError(unwrapped, ctx.module);
  if (sany) return sany;
  if (ctx.exitCode !== undefined && ctx.exitCode !== 0) return crashed(exitSummary(ctx.exitCode, unwrapped), ctx.exitCode);
  if (messages.some((m) => m.code === EC.success || m.code === EC.finished)) return { kind: 'passed' };
  // Plain-mode output or a run killed before it finished: nothing here says it passed.
  return crashed(`no TLC -tool completion message in the output; last lines:\n${lastLines(unwrapped.trimEnd(), 5)}`, ctx.exitCode);
}

function errorVerdict(headline: ToolMessage, segment: readonly ToolMessage[], unwrapped: string, ctx: ParseContext): Verdict {
  const trace = traceOf(segment);
  switch (headline.code) {
    case EC.initInvariant: return initInvariantVerdict(headline.body);
    case EC.invariant:
      return { kind: 'invariant', name: capture(/^Invariant (\S+) is violated/, headline.body) ?? firstLine(headline.body), initial: false, trace };
    case EC.deadlock: return { kind: 'deadlock', trace };
    case EC.property: return propertyVerdict(headline.body, segment, trace);
    case EC.assert: return assertVerdict(headline.body, stackOf(segment), trace);
    case EC.parseFailed: return sanyError(unwrapped, ctx.module) ?? { kind: 'parseError', message: headline.body };
    case EC.cfgNotDefined:
    case EC.cfgError: return { kind: 'configError', message: oneLine(headline.body) };
  }
  return otherError(headline, segment, trace, unwrapped, ctx);
}

/** Error codes with no verdict of their own: the exit code and the presence of a stack decide. */
function otherError(headline: ToolMessage, segment: readonly ToolMessage[], trace: readonly TraceState[], unwrapped: string, ctx: ParseContext): Verdict {
  const message = oneLine(headline.body);
  if (ctx.exitCode === 151) return { kind: 'configError', message };
  if (ctx.exitCode === 150) return sanyError(unwrapped, ctx.module) ?? { kind: 'parseError', message };
  const stack = stackOf(segment);
  const evalExit = ctx.exitCode !== undefined && ctx.exitCode >= 75 && ctx.exitCode <= 77;
  if (stack.length > 0 || trace.length > 0 || evalExit) return { kind: 'evalError', message, stack, trace };
  return crashed(message, ctx.exitCode);
}

/** 2107 prints the offending initial state inline, after `Invariant X is violated by the initial state:`. */
function initInvariantVerdict(body: string): Verdict {
  const [first = '', ...stateLines] = body.split('\n');
  const name = capture(/^Invariant (\S+) is violated/, first) ?? first;
  return { kind: 'invariant', name, initial: true, trace: [{ index: 1, vars: parseVars(stateLines) }] };
}

function propertyVerdict(body: string, segment: readonly ToolMessage[], trace: readonly TraceState[]): Verdict {
  const name = capture(/^Temporal property (\S+) was violated/, body);
  const back = segment.find((m) => m.code === EC.backToState);
  const loopsTo = back ? capture(/^(\d+): Back to state/, back.body) : undefined;
  return {
    kind: 'property',
    ...(name ? { name } : {}),
    trace,
    ...(loopsTo ? { loopsTo: Number(loopsTo) } : {}),
    stuttering: segment.some((m) => m.code === EC.stuttering),
  };
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

function exitSummary(exitCode: number, unwrapped: string): string {
  const meaning = EXIT_MEANING[exitCode] ?? 'unknown exit code';
  return `TLC exited with ${exitCode} (${meaning}); last lines:\n${lastLines(unwrapped.trimEnd(), 10)}`;
}

/** Messages after the headline up to the next reported error (TLC `-continue` reports several). */
function segmentAfter(messages: readonly ToolMessage[], at: number): ToolMessage[] {
  const rest = messages.slice(at + 1);
  const next = rest.findIndex((m) => m.cls === ERROR_CLASS && !AUXILIARY.has(m.code));
  return next < 0 ? rest : rest.slice(0, next);
}

function traceOf(segment: readonly ToolMessage[]): TraceState[] {
  return segment.filter((m) => m.code === EC.traceState).map((m) => parseTraceState(m.body));
}

function stackOf(segment: readonly ToolMessage[]): TlaLocation[] {
  const body = segment.find((m) => m.code === EC.evalStack)?.body ?? '';
  return [...body.matchAll(STACK_FRAME)].map(locationOf);
}

// ---------------------------------------------------------------------------------------------
// SANY errors (printed unwrapped, before 3002)

/** The first SANY error: its first stating line as message, its first location. */
function sanyError(unwrapped: string, fallbackModule: string): Verdict | undefined {
  const lines = unwrapped.split('\n');
  const start = lines.findIndex((l) => SANY_HEADER.test(l.trim()));
  if (start < 0) return undefined;
  const section = lines.slice(start + 1);
  const message = section.map((l) => l.trim()).find((l) => l !== '' && !SANY_FRAMING.some((re) => re.test(l)));
  const location = firstLocation(section.join('\n'), moduleBeingParsed(lines.slice(0, start)) ?? fallbackModule);
  return { kind: 'parseError', message: message ?? (lines[start] ?? '').trim(), ...(location ? { location } : {}) };
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
  const depth = capture(/search is ([\d,]+)/, messages.find((m) => m.code === EC.depth)?.body ?? '')
    ?? capture(/^Progress\(([\d,]+)\)/, progress ?? '');
  return {
    generated: toInt(c[1]),
    distinct: toInt(c[2]),
    queue: toInt(c[3]),
    ...(depth ? { depth: toInt(depth) } : {}),
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
function actionsByTarget(entries: readonly unknown[]): Map<number, Action> {
  const byTarget = new Map<number, Action>();
  for (const e of entries) {
    if (!Array.isArray(e) || !isDumpState(e[0]) || !isDumpState(e[2]) || !isObject(e[1])) continue;
    if (e[2][0] === e[0][0] + 1) byTarget.set(e[2][0], dumpAction(e[1]));
  }
  return byTarget;
}

function dumpAction(a: Record<string, unknown>): Action {
  const loc = isDumpLocation(a.location) ? a.location : undefined;
  const context = isObject(a.context) ? a.context : undefined;
  const names = Array.isArray(a.parameters) ? a.parameters.filter((p): p is string => typeof p === 'string') : Object.keys(context ?? {});
  const params = context ? Object.fromEntries(names.filter((n) => n in context).map((n) => [n, toTla(context[n])])) : undefined;
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

function toInt(digits: string | undefined): number {
  return Number((digits ?? '').replace(/,/g, ''));
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? '';
}

/** TLC wraps some messages mid-sentence (2229); one line reads better in reports. */
function oneLine(text: string): string {
  return text.split('\n').map((l) => l.trim()).filter((l) => l !== '').join(' ');
}

function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** The last `n` non-blank lines, without `-tool` marker lines. */
function lastLines(text: string, n: number): string {
  return text.split('\n').filter((l) => l.trim() !== '' && !MARKER_LINE.test(l)).slice(-n).join('\n');
}
