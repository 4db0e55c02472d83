/**
 * TLC's `-tool` output as a sequence of messages and the plain text between them, and the
 * numbers in it. Shared by the output parser (tlc-output.ts) and the live progress reader
 * (tlc-progress.ts). Format facts are from real TLC runs: test/fixtures/tlc-samples/README.md.
 *
 * A message is `@!@!@STARTMSG code:class @!@!@` … `@!@!@ENDMSG code @!@!@`. Messages nest: a
 * config-file error (5006) is printed inside the general error (1000) that reports its exception,
 * starting mid-line. A start marker may lack `:class`; the class is then inferred from the code.
 */

export interface ToolMessage {
  readonly code: number;
  /** 0 info, 1 error, 2 TLC bug, 3 warning, 4 trace state (tlc2.output.MP). */
  readonly cls: number;
  /** The text as TLC printed it, nested messages inlined without their markers; trimmed at the end. */
  readonly body: string;
  /** Messages printed inside this one, in order. */
  readonly inner: readonly ToolMessage[];
  /** False when the output ended before the message's end marker (a run cut short). */
  readonly complete: boolean;
}

/** The output in order: top-level messages and the text TLC printed outside any message. */
export type ToolSegment =
  | { readonly kind: 'message'; readonly message: ToolMessage }
  | { readonly kind: 'text'; readonly text: string };

export const MESSAGE_CLASS = { info: 0, error: 1, tlcBug: 2, warning: 3, state: 4 } as const;

/** Codes whose class is known when a start marker leaves it out (tlc2.output.EC). */
const STATE_CODES: ReadonlySet<number> = new Set([2216, 2217, 2218, 2122]);
const INFO_CODES: ReadonlySet<number> = new Set([
  2185, 2186, 2187, 2188, 2189, 2190, 2191, 2192, 2193, 2194, 2195, 2196, 2197, 2198, 2199, 2200,
  2201, 2202, 2203, 2204, 2205, 2206, 2207, 2208, 2209, 2210, 2211, 2212, 2219, 2220, 2221, 2262,
  2267, 2268, 2269, 2271, 2501, 2772, 2773, 2774, 2775, 2776, 2777, 2778, 2779,
]);
const WARNING_CODES: ReadonlySet<number> = new Set([2149, 2401]);

/** An unclassed message of an unknown code counts as an error: never read a pass into it. */
function inferredClass(code: number): number {
  if (STATE_CODES.has(code)) return MESSAGE_CLASS.state;
  if (INFO_CODES.has(code)) return MESSAGE_CLASS.info;
  if (WARNING_CODES.has(code)) return MESSAGE_CLASS.warning;
  return MESSAGE_CLASS.error;
}

const MARKER = /@!@!@(?:STARTMSG (\d+)(?::(\d+))?|ENDMSG (\d+)) @!@!@\n?/g;

interface OpenMessage { code: number; cls: number; text: string; inner: ToolMessage[] }

/**
 * Split `-tool` output into messages and the text outside them. `messages` are the top-level
 * ones; `unwrapped` is the outside text joined (SANY's output, `Print` lines, stack traces).
 */
export function splitToolMessages(output: string): { messages: ToolMessage[]; unwrapped: string; segments: ToolSegment[] } {
  const text = normalizeNewlines(output);
  const segments: ToolSegment[] = [];
  const open: OpenMessage[] = [];
  const addText = (t: string) => {
    if (t === '') return;
    const top = open.at(-1);
    if (top) top.text += t;
    else segments.push({ kind: 'text', text: t });
  };
  const close = (complete: boolean) => {
    const m = open.pop()!;
    const message: ToolMessage = { code: m.code, cls: m.cls, body: m.text.trimEnd(), inner: m.inner, complete };
    const parent = open.at(-1);
    if (parent) {
      parent.text += message.body;
      parent.inner.push(message);
    } else segments.push({ kind: 'message', message });
  };
  let last = 0;
  for (const m of text.matchAll(MARKER)) {
    addText(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[1] !== undefined) {
      const code = Number(m[1]);
      open.push({ code, cls: m[2] === undefined ? inferredClass(code) : Number(m[2]), text: '', inner: [] });
      continue;
    }
    const at = open.map((o) => o.code).lastIndexOf(Number(m[3]));
    if (at < 0) { addText(m[0]); continue; } // an end marker with no start: keep it as text
    while (open.length > at + 1) close(false);
    close(true);
  }
  addText(text.slice(last));
  while (open.length > 0) close(false);
  return {
    messages: segments.flatMap((s) => (s.kind === 'message' ? [s.message] : [])),
    unwrapped: segments.map((s) => (s.kind === 'text' ? s.text : '')).join(''),
    segments,
  };
}

/** Every message, nested ones right after the message that holds them. */
export function allMessages(messages: readonly ToolMessage[]): ToolMessage[] {
  return messages.flatMap((m) => [m, ...allMessages(m.inner)]);
}

/** The output as a reader would see it: every message's text and the text between, no markers. */
export function renderedLines(segments: readonly ToolSegment[]): string[] {
  return segments.flatMap((s) => (s.kind === 'message' ? s.message.body : s.text.replace(/\n$/, '')).split('\n'));
}

/**
 * A count as TLC prints it in any locale: `3721`, `3,721`, `3.721`, `3'721`, `3’721`, or
 * grouped with a (narrow) no-break or plain space. Counts are integers, so every separator
 * between groups of three digits is a grouping separator.
 */
export const COUNT = String.raw`(\d{1,3}(?:[,.'’\u00a0\u202f ]\d{3})+|\d+)`;

export function toCount(text: string): number {
  return Number(text.replace(/\D/g, ''));
}

export function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
