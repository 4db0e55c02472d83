/**
 * TLC's `-tool` message framing (dsl/check/tlc-messages.ts) on synthetic output: nesting, a run
 * cut short, stray end markers, the class of an unclassed start marker, counts in any locale.
 */
import { describe, expect, it } from 'vitest';
import { allMessages, normalizeNewlines, renderedLines, splitToolMessages, toCount, COUNT } from '../dsl/check/tlc-messages.js';
import { progressOf, progressReader, progressText, type TlcProgress } from '../dsl/check/tlc-progress.js';

const start = (code: number, cls?: number) => `@!@!@STARTMSG ${code}${cls === undefined ? '' : `:${cls}`} @!@!@\n`;
const end = (code: number) => `@!@!@ENDMSG ${code} @!@!@\n`;

describe('splitToolMessages', () => {
  it('messages and the text between them, in order', () => {
    const out = `SANY line\n${start(2262, 0)}TLC 2.19\n${end(2262)}Print 1\n${start(2193, 0)}done.  \n\n${end(2193)}tail`;
    const { messages, unwrapped, segments } = splitToolMessages(out);
    expect(messages).toEqual([
      { code: 2262, cls: 0, body: 'TLC 2.19', inner: [], complete: true },
      { code: 2193, cls: 0, body: 'done.', inner: [], complete: true },
    ]);
    expect(unwrapped).toBe('SANY line\nPrint 1\ntail');
    expect(segments.map((s) => s.kind)).toEqual(['text', 'message', 'text', 'message', 'text']);
    expect(renderedLines(segments)).toEqual(['SANY line', 'TLC 2.19', 'Print 1', 'done.', 'tail']);
  });

  it('a message inside another, starting mid-line: its text is inlined and it is listed as inner', () => {
    const out = `${start(1000, 1)}TLC threw: ${start(5006, 1)}bad cfg\n${end(5006)}more\n${end(1000)}`;
    const { messages, unwrapped } = splitToolMessages(out);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.body).toBe('TLC threw: bad cfgmore');
    expect(messages[0]!.inner).toEqual([{ code: 5006, cls: 1, body: 'bad cfg', inner: [], complete: true }]);
    expect(unwrapped).toBe('');
    expect(allMessages(messages).map((m) => m.code)).toEqual([1000, 5006]);
  });

  it('allMessages: depth-first, each message before what it holds', () => {
    const out = `${start(1, 1)}${start(2, 1)}${start(3, 1)}x${end(3)}${end(2)}${start(4, 1)}y${end(4)}${end(1)}${start(5, 1)}z${end(5)}`;
    expect(allMessages(splitToolMessages(out).messages).map((m) => m.code)).toEqual([1, 2, 3, 4, 5]);
  });

  it('output cut short: open messages are closed incomplete, innermost first', () => {
    const { messages } = splitToolMessages(`${start(2217, 4)}1: <Init>\n${start(1000, 1)}half`);
    expect(messages).toEqual([{ code: 2217, cls: 4, body: '1: <Init>\nhalf', complete: false, inner: [{ code: 1000, cls: 1, body: 'half', inner: [], complete: false }] }]);
  });

  it('an end marker closes the inner messages left open', () => {
    const { messages } = splitToolMessages(`${start(1000, 1)}a${start(2000, 1)}b${end(1000)}after`);
    expect(messages[0]).toMatchObject({ code: 1000, complete: true, body: 'ab' });
    expect(messages[0]!.inner).toEqual([{ code: 2000, cls: 1, body: 'b', inner: [], complete: false }]);
    expect(splitToolMessages(`${start(1000, 1)}a${start(2000, 1)}b${end(1000)}after`).unwrapped).toBe('after');
  });

  it('an end marker with no start is kept as text', () => {
    const { messages, unwrapped } = splitToolMessages(`x\n${end(2193)}y`);
    expect(messages).toEqual([]);
    expect(unwrapped).toBe(`x\n${end(2193)}y`);
    const inside = splitToolMessages(`${start(1000, 1)}a${end(7)}b${end(1000)}`);
    expect(inside.messages[0]!.body).toBe(`a${end(7)}b`);
  });

  it.each([
    [2217, 4], [2216, 4], [2218, 4], [2122, 4],
    [2193, 0], [2185, 0], [2200, 0], [2262, 0], [2779, 0],
    [2149, 3], [2401, 3],
    // Unknown codes are errors: an unclassed message is never read as a pass.
    [2110, 1], [1000, 1], [9999, 1], [2213, 1],
  ])('a start marker without a class: %i is class %i', (code, cls) => {
    expect(splitToolMessages(`${start(code)}x\n${end(code)}`).messages[0]!.cls).toBe(cls);
  });

  it('a given class wins over the inferred one', () => {
    expect(splitToolMessages(`${start(2193, 1)}x${end(2193)}`).messages[0]!.cls).toBe(1);
    expect(splitToolMessages(`${start(9999, 0)}x${end(9999)}`).messages[0]!.cls).toBe(0);
  });

  it('CRLF and CR are newlines; markers without a trailing newline still split', () => {
    const { messages, unwrapped } = splitToolMessages('a\r\n@!@!@STARTMSG 2193:0 @!@!@\r\nok\r\n@!@!@ENDMSG 2193 @!@!@b\rc');
    expect(messages).toEqual([{ code: 2193, cls: 0, body: 'ok', inner: [], complete: true }]);
    expect(unwrapped).toBe('a\nb\nc');
    expect(normalizeNewlines('1\r\n2\r3\n')).toBe('1\n2\n3\n');
  });

  it('output that starts and ends with markers has no empty text segments', () => {
    const { segments } = splitToolMessages(`${start(2193, 0)}ok\n${end(2193)}${start(2186, 0)}done\n${end(2186)}`);
    expect(segments.map((s) => s.kind)).toEqual(['message', 'message']);
  });

  it('renderedLines drops one trailing newline of text, keeps inner blank lines', () => {
    expect(renderedLines([{ kind: 'text', text: 'a\n\nb\n' }, { kind: 'message', message: { code: 1, cls: 1, body: 'm1\nm2', inner: [], complete: true } }]))
      .toEqual(['a', '', 'b', 'm1', 'm2']);
  });
});

describe('counts', () => {
  const re = new RegExp(`^${COUNT}$`);
  it.each([['3721', 3721], ['3,721', 3721], ['3.721', 3721], ["3'721", 3721], ['3’721', 3721], ['3\u00a0721', 3721], ['3\u202f721', 3721],
    ['3 721', 3721], ['1,234,567', 1234567], ['0', 0], ['12345678', 12345678]])('%s is %i', (text, n) => {
    expect(text).toMatch(re);
    expect(toCount(re.exec(text)![1]!)).toBe(n);
  });
  it.each(['3,72', '3,7210', '1234,567', ',123', '3;721'])('%s is not a count', (text) => {
    expect(text).not.toMatch(re);
  });
});

describe('progress (tlc-progress.ts)', () => {
  it.each<[number, string, TlcProgress | undefined]>([
    [2185, 'Starting...', { phase: 'starting' }],
    [2189, 'Computing initial states...', { phase: 'initial states' }],
    [2190, 'Finished computing initial states: 1 distinct state generated.', { phase: 'exploring' }],
    [2192, 'Checking temporal properties for the complete state space with 3,721 total distinct states at (2026-12-02 10:00:00)', { phase: 'liveness', distinct: 3721 }],
    [2192, 'Checking temporal properties for the current state space', { phase: 'liveness' }],
    [2209, 'Progress(12) at 2026-12-02 10:00:01: 1,234 states generated (600 s/min), 5 traces generated.', { phase: 'exploring', traces: 12, generated: 1234 }],
    [2209, 'The number of states generated: 5', undefined],
    [2200, 'Progress(9) at 2026-12-02 10:00:01: 40 states generated (40 s/min), 30 distinct states found (30 ds/min), 7 states left on queue.',
      { phase: 'exploring', depth: 9, generated: 40, distinct: 30, distinctPerMinute: 30, queue: 7 }],
    [2200, 'Progress(9) at 2026-12-02 10:00:01: 40 states generated, 30 distinct states found, 7 states left on queue.', { phase: 'exploring', depth: 9, generated: 40, distinct: 30, queue: 7 }],
    [2200, 'something else', undefined],
    [2199, 'Progress(9) at 2026-12-02 10:00:01: 40 states generated, 30 distinct states found, 7 states left on queue.', undefined],
    [2193, 'Model checking completed.', undefined],
  ])('%i %s', (code, body, p) => {
    expect(progressOf(code, body)).toEqual(p);
  });

  it('progressText for every phase', () => {
    expect(progressText({ phase: 'starting' })).toBe('TLC: starting…');
    expect(progressText({ phase: 'initial states' })).toBe('TLC: computing initial states…');
    expect(progressText({ phase: 'exploring' })).toBe('TLC: exploring…');
    expect(progressText({ phase: 'exploring', traces: 1200, generated: 34567 })).toBe('TLC: 1,200 traces simulated, 34,567 states generated');
    expect(progressText({ phase: 'exploring', traces: 3 })).toBe('TLC: 3 traces simulated, 0 states generated');
    expect(progressText({ phase: 'exploring', distinct: 12345, queue: 678, depth: 9, distinctPerMinute: 41000 })).toBe('TLC: 12,345 distinct states, 678 on queue, depth 9, 41,000 distinct/min');
    expect(progressText({ phase: 'exploring', distinct: 5 })).toBe('TLC: 5 distinct states, 0 on queue, depth ?, 0 distinct/min');
  });

  it('progressReader: a message split across chunks is read once, when complete', () => {
    const seen: TlcProgress[] = [];
    const read = progressReader((p) => seen.push(p));
    const text = `${start(2185, 0)}Starting...\n${end(2185)}${start(2189, 0)}Computing...\n${end(2189)}`;
    read(text.slice(0, 10));
    expect(seen).toEqual([]);
    const cut = text.indexOf(end(2185)) + end(2185).length + 5;
    read(text.slice(10, cut));
    expect(seen).toEqual([{ phase: 'starting' }]);
    read(text.slice(cut));
    expect(seen).toEqual([{ phase: 'starting' }, { phase: 'initial states' }]);
    read('');
    expect(seen).toHaveLength(2);
  });
});
