/**
 * The TLC output parser (dsl/check/tlc-output.ts) on small synthetic `-tool` outputs, one shape
 * per branch the recorded runs (test/tlc-output.test.ts) leave open: where a lone error's trace
 * comes from, SANY errors with no preamble or no statement, a point before a span, the module
 * being parsed, `Back to state` and Assert message forms, what counts as a warning or as Print
 * output, progress counts, and malformed `-dumpTrace json` files. Each output is built here from
 * TLC's message markers, so each test says what it feeds.
 */
import { describe, expect, it } from 'vitest';
import type { CheckResult, Verdict } from '../dsl/check/result.js';
import { parseBackToState, parseDumpTraceJson, parseToolOutput, parseTraceState } from '../dsl/check/tlc-output.js';

const msg = (code: number, cls: number | undefined, body: string) =>
  `@!@!@STARTMSG ${code}${cls === undefined ? '' : `:${cls}`} @!@!@\n${body}\n@!@!@ENDMSG ${code} @!@!@\n`;
const SANY_START = msg(2220, 0, 'Starting SANY...');
const SANY_END = msg(2219, 0, 'SANY finished.');
const FINISHED = msg(2186, 0, 'Finished in 1ms at (2026-12-02 00:00:00)');
const state = (n: number, x: number, action = n === 1 ? 'Initial predicate' : 'Next line 5, col 9 to line 5, col 20 of module M') => msg(2217, 4, `${n}: <${action}>\nx = ${x}`);

function parse(output: string, exitCode?: number, module = 'M'): CheckResult {
  return parseToolOutput(output, { module, config: 'M.cfg', durationMs: 1, ...(exitCode === undefined ? {} : { exitCode }) });
}

function kind<K extends Verdict['kind']>(v: Verdict, k: K): Extract<Verdict, { kind: K }> {
  expect(v.kind).toBe(k);
  return v as Extract<Verdict, { kind: K }>;
}

describe('errors with no verdict of their own', () => {
  it('a general error (1000) followed by trace states, no exit code: an evaluation error with that trace', () => {
    const v = kind(parse(SANY_END + msg(1000, 1, 'Something failed.') + state(1, 0) + state(2, 1) + FINISHED).verdict, 'evalError');
    expect(v).toEqual({ kind: 'evalError', message: 'Something failed.', stack: [], trace: [{ index: 1, vars: { x: '0' } }, expect.objectContaining({ index: 2, vars: { x: '1' } })] });
  });

  it('a lone location stack (2103) after other messages takes the states after it as its trace', () => {
    const stack = '0. Line 7, column 8 to line 7, column 19 in M';
    const v = kind(parse(SANY_END + msg(2103, 1, stack) + state(1, 0) + FINISHED).verdict, 'evalError');
    expect(v.stack).toEqual([{ module: 'M', startLine: 7, startCol: 8, endLine: 7, endCol: 19 }]);
    expect(v.trace).toEqual([{ index: 1, vars: { x: '0' } }]);
  });

  it('a false ASSUME whose message gives no location: no stack', () => {
    expect(parse(SANY_END + msg(2104, 1, 'Assumption is false.') + FINISHED, 10).verdict).toEqual({ kind: 'evalError', message: 'Assumption is false.', stack: [], trace: [] });
  });

  it.each([2171, 3002])('%i (parsing failed) with no SANY text: a parse error quoting TLC', (code) => {
    expect(parse(msg(code, 1, 'Parsing or semantic analysis\n  failed.') + FINISHED).verdict).toEqual({ kind: 'parseError', message: 'Parsing or semantic analysis failed.' });
  });

  it('an error message wrapped over lines with indentation reads as one line', () => {
    const v = kind(parse(SANY_END + msg(2155, 1, '  Cannot evaluate\n\n     this   \n  thing') + FINISHED).verdict, 'evalError');
    expect(v.message).toBe('Cannot evaluate this thing');
  });

  it('a crash with no exit code has no exitCode field', () => {
    const v = parse(SANY_END + FINISHED).verdict;
    expect(kind(v, 'crashed')).not.toHaveProperty('exitCode');
  });

  it('a crash quotes TLC\'s last lines without blank ones, and rawTail keeps the last 40', () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`);
    const r = parse(`${SANY_END}${lines.join('\n\n')}\n`, 255);
    const v = kind(r.verdict, 'crashed');
    expect(v.message).toBe(`TLC exited with 255 (other error); last lines:\n${lines.slice(-8).join('\n')}`);
    expect(r.rawTail).toBe(lines.slice(-40).join('\n'));
  });
});

describe('SANY errors', () => {
  it('an error section at the very start of the output, with exit 150: its statement and location', () => {
    const v = parse('***Parse Error***\nEncountered "==" at line 3, column 5\n\n', 150);
    expect(v.verdict).toEqual({ kind: 'parseError', message: 'Encountered "==" at line 3, column 5', location: { module: 'M', startLine: 3, startCol: 5, endLine: 3, endCol: 5 } });
  });

  it('a header with nothing stating the error: the header is the message', () => {
    expect(parse('Parsing file /s/M.tla\n***Parse Error***\n*** Errors: 1\n\n', 150).verdict).toEqual({ kind: 'parseError', message: '***Parse Error***' });
  });

  it('a statement running to the end of the output is kept whole', () => {
    expect(parse('Semantic errors:\nfirst line\nsecond line', 150).verdict).toEqual({ kind: 'parseError', message: 'first line\nsecond line' });
  });

  it('an indented header is still a header', () => {
    expect(parse('  Semantic errors:\n  Unknown operator\n', 150).verdict).toEqual({ kind: 'parseError', message: 'Unknown operator' });
  });

  it('a point (at line L, column C) before a span is the location, in the module being parsed', () => {
    const text = 'Parsing file /s/M.tla\nParsing file /s/Inner.tla\nSemantic processing of module Inner\n***Parse Error***\nBad token at line 2, column 3\nline 5, col 1 to line 5, col 4 of module Other\n\n';
    expect(parse(text, 150).verdict).toMatchObject({ location: { module: 'Inner', startLine: 2, startCol: 3, endLine: 2, endCol: 3 } });
  });

  it('a span before a point is the location, with its own module', () => {
    const text = 'Semantic errors:\nline 5, col 1 to line 5, col 4 of module Other\nBad token at line 2, column 3\n\n';
    expect(parse(text, 150).verdict).toMatchObject({ location: { module: 'Other', startLine: 5, startCol: 1, endLine: 5, endCol: 4 } });
  });

  it('a file name only mentioned mid-line is not the module being parsed', () => {
    const text = 'Note: Parsing file /s/Wrong.tla was skipped\n***Parse Error***\nBad at line 1, column 2\n\n';
    expect(parse(text, 150).verdict).toMatchObject({ location: { module: 'M' } });
  });
});

describe('trace states and lassos', () => {
  it.each<[string, string, ReturnType<typeof parseBackToState>]>([
    ['-tool form, two-digit index', '12: Back to state: <Next line 5, col 9 to line 5, col 20 of module M>', { index: 12, action: { name: 'Next', location: { module: 'M', startLine: 5, startCol: 9, endLine: 5, endCol: 20 } } }],
    ['plain form, two-digit index', 'Back to state 12: <Next>', { index: 12, action: { name: 'Next' } }],
    ['no space before the action', 'Back to state 3:<Next>', { index: 3, action: { name: 'Next' } }],
    ['no action', '4: Back to state', { index: 4 }],
    ['the first line only', '2: Back to state: <Next>\n/\\ x = 1', { index: 2, action: { name: 'Next' } }],
    ['text after the action', '2: Back to state: <Next> and more', undefined],
    ['text before', 'x2: Back to state', undefined],
  ])('parseBackToState: %s', (_, body, expected) => {
    expect(parseBackToState(body)).toEqual(expected);
  });

  it.each([['a word before the index', 'state 1: <Initial predicate>'], ['text after the label', '1: <Initial predicate> more']])('parseTraceState rejects %s', (_, header) => {
    expect(() => parseTraceState(`${header}\nx = 0`)).toThrow(/not a TLC trace state/);
  });

  it('parseTraceState: a multi-digit index, a header after blank space, a conjunction inside a value', () => {
    expect(parseTraceState('  12: <Initial predicate>\n/\\ p = (a /\\ b)\n/\\ q = 1\n')).toEqual({ index: 12, vars: { p: '(a /\\ b)', q: '1' } });
  });

  it('an action with arguments keeps them raw; a label that is not a call is the name', () => {
    expect(parseTraceState('3: <Go(p1, 2)>\nx = 1').action).toEqual({ name: 'Go', args: 'p1, 2' });
    expect(parseTraceState('3: <Go>\nx = 1').action).toEqual({ name: 'Go' });
  });
});

describe('Assert messages (2132)', () => {
  const assertOf = (value: string) => kind(parse(SANY_END + msg(2132, 1, `The first argument of Assert evaluated to FALSE; the second argument was:\n${value}`) + FINISHED, 14).verdict, 'assert');

  it.each([
    ['a quoted string loses its quotes', '"Safe"', 'Safe'],
    ['text that only starts and ends with quotes is kept', '"a" and "b"', '"a" and "b"'],
    ['a value over lines keeps its lines, trimmed', '<<1,\n  2>>  \n', '<<1,\n  2>>'],
  ])('%s', (_, value, message) => {
    expect(assertOf(value).message).toBe(message);
  });
});

describe('warnings and Print output', () => {
  it('SANY warnings: a paragraph before any progress line, a span and its paragraph, not the Warnings header', () => {
    const sany = 'Warning: first thing\n\n*** Warnings: 1\n\nline 2, col 1 to line 2, col 5 of module M\n\nShadowed name\n  \nParsing file /s/M.tla\n';
    const r = parse(SANY_START + sany + SANY_END + msg(2193, 0, 'Model checking completed.') + FINISHED, 0);
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.warnings).toEqual(['Warning: first thing', 'line 2, col 1 to line 2, col 5 of module M: Shadowed name']);
  });

  it('a message printed while SANY runs does not end SANY\'s part of the output', () => {
    const r = parse(SANY_START + msg(2262, 0, 'TLC2 Version 2') + 'A SANY remark\n' + SANY_END + msg(2193, 0, 'done') + FINISHED, 0);
    expect(r.warnings).toEqual(['A SANY remark']);
  });

  it('-debug lines in SANY\'s output are not warnings', () => {
    const r = parse(SANY_START + '12\tdebug detail\nA remark\n' + SANY_END + msg(2193, 0, 'done') + FINISHED, 0);
    expect(r.warnings).toEqual(['A remark']);
  });

  it('JVM warnings before TLC starts are trimmed; a line saying "warning" once TLC runs is Print output', () => {
    const r = parse('  OpenJDK 64-Bit Server VM warning: Sharing is only supported  \n' + SANY_START + SANY_END + 'my warning text\n   \n' + msg(2193, 0, 'done') + FINISHED, 0);
    expect(r.warnings).toEqual(['OpenJDK 64-Bit Server VM warning: Sharing is only supported']);
    expect(r.output).toEqual(['my warning text']);
  });

  it('Print output from the very first message on, and after 2185 when there is no 2219', () => {
    expect(parse(`${SANY_END}hello\n${msg(2193, 0, 'done')}${FINISHED}`, 0).output).toEqual(['hello']);
    expect(parse(`${msg(2185, 0, 'Starting...')}hi\n${msg(2193, 0, 'done')}`, 0).output).toEqual(['hi']);
  });

  it('the version is the first line of message 2262, wherever it comes', () => {
    const r = parse(msg(2185, 0, 'Starting') + msg(2262, 0, ' TLC2 Version 2.19 \nsecond line') + SANY_END + msg(2193, 0, 'done'), 0);
    expect(r.version).toBe('TLC2 Version 2.19');
  });
});

describe('counts', () => {
  it('a run cut short after its last progress report keeps that report\'s counts and depth', () => {
    const r = parse(SANY_END + msg(2200, 0, 'Progress(7) at 2026-12-02: 40 states generated, 30 distinct states found, 5 states left on queue.') + msg(2200, 0, 'Progress(9) at 2026-12-02: 90 states generated, 60 distinct states found, 8 states left on queue.') + msg(2192, 0, 'Checking temporal properties'), 137);
    expect(r.counts).toEqual({ generated: 90, distinct: 60, queue: 8, depth: 9 });
    expect(kind(r.verdict, 'crashed').exitCode).toBe(137);
  });
});

describe('-dumpTrace json that is not a usable trace', () => {
  const doc = (counterexample: unknown) => JSON.stringify({ counterexample });
  const s1 = [1, { x: 0 }];
  const s2 = [2, { x: 1, flag: false }];

  it.each([['null', 'null'], ['an array', '[]'], ['a counterexample that is not an object', doc([s1])], ['states that are not an array', doc({ state: {} })]])('%s: no states', (_, json) => {
    expect(parseDumpTraceJson(json)).toEqual([]);
  });

  it('malformed states are left out; malformed steps label nothing', () => {
    const json = doc({
      state: [s1, [3, []], ['4', {}], 'x', s2],
      action: [[s1, 'not an object', s2], [s1, { name: 'Bad' }, [2, 'x']], [[1], { name: 'Bad' }, s2], 'x', [s1, { name: 'Bad' }]],
    });
    expect(parseDumpTraceJson(json)).toEqual([{ index: 1, vars: { x: '0' } }, { index: 2, vars: { x: '1', flag: 'FALSE' } }]);
  });

  it('actions not in an array: the states still come, unlabelled', () => {
    expect(parseDumpTraceJson(doc({ state: [s1, s2], action: {} }))).toHaveLength(2);
  });

  it('a step with no parameter list names its context; a name that is not a string is empty; a partial location is dropped', () => {
    const json = doc({
      state: [s1, s2, [3, { x: 2 }]],
      action: [
        [s1, { name: 7, context: { k: 1, j: 'a' }, location: { module: 'M', beginLine: 1, beginColumn: 2, endLine: 3 } }, s2],
        [s2, { name: 'Go', parameters: ['k', 3, 'missing'], context: { k: true }, location: { module: 'M', beginLine: 1, beginColumn: 2, endLine: 3, endColumn: 4 } }, [3, { x: 2 }]],
      ],
    });
    const [, second, third] = parseDumpTraceJson(json);
    expect(second?.action).toEqual({ name: '', params: { k: '1', j: '"a"' } });
    expect(third?.action).toEqual({ name: 'Go', params: { k: 'TRUE' }, location: { module: 'M', startLine: 1, startCol: 2, endLine: 3, endCol: 4 } });
  });
});
