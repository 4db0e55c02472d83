/**
 * The TLC output parser against real TLC output: every run recorded in test/fixtures/tlc-samples (copied from the project's shared samples)
 * (see its README.md), plus two runs recorded for this test in test/fixtures/tlc/ with TLC2
 * 2026.11.24.210646 (rev: cc6b616) from /root/.cache/zswap-tla/tla2tools.jar:
 *   java -XX:+UseParallelGC -cp tla2tools.jar tlc2.TLC -tool -workers 1 -noGenerateSpecTE \
 *     -metadir DIR -config Big.cfg Big.tla            > tool-multiline.out   (exit 12)
 *   … -config BigCfgErr.cfg Big.tla                   > tool-cfgerr.out      (exit 151)
 * with the spec directory rewritten to /home/user/specs and the jar path to /opt/tla/tla2tools.jar.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult, TlaLocation, TraceState, Verdict } from '../dsl/check/result.js';
import {
  parseDumpTraceJson, parseToolOutput, parseTraceState, splitToolMessages,
} from '../dsl/check/tlc-output.js';

const SAMPLES = path.resolve(import.meta.dirname, 'fixtures/tlc-samples');
const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/tlc');

const sample = (rel: string): string => readFileSync(path.join(SAMPLES, rel), 'utf8');
const fixture = (rel: string): string => readFileSync(path.join(FIXTURES, rel), 'utf8');

function parse(text: string, module: string, exitCode?: number): CheckResult {
  return parseToolOutput(text, { module, config: `${module}.cfg`, durationMs: 7, ...(exitCode === undefined ? {} : { exitCode }) });
}

/** Narrow a verdict to one kind, failing the test otherwise. */
function expectKind<K extends Verdict['kind']>(v: Verdict, kind: K): Extract<Verdict, { kind: K }> {
  expect(v.kind).toBe(kind);
  return v as Extract<Verdict, { kind: K }>;
}

const loc = (module: string, startLine: number, startCol: number, endLine: number, endCol: number): TlaLocation =>
  ({ module, startLine, startCol, endLine, endCol });

const VERSION = 'TLC2 Version 2026.11.24.210646 (rev: cc6b616)';
const INC_X = loc('Toy', 8, 9, 8, 42);
const INC_Y = loc('Toy', 10, 12, 10, 45);

/** Every recorded run this file parses; the inventory test below keeps it complete. */
const COVERED = [
  'fail-tool.out', 'fail.out', 'pass.out',
  'tool/dump-json.out', 'tool/dump-tla.out', 'tool/dump.out',
  'tool/tool-assert.out', 'tool/tool-coverage.out', 'tool/tool-deadlock.out', 'tool/tool-evalerr.out',
  'tool/tool-initinv.out', 'tool/tool-inv-dumpjson.out', 'tool/tool-inv.out', 'tool/tool-live-stutter.out',
  'tool/tool-live.out', 'tool/tool-pass.out', 'tool/tool-semerr.out', 'tool/tool-syntaxerr.out', 'tool/tool-vals.out',
  'tool/trace-deadlock.json', 'tool/trace-live.json', 'tool/trace-tool.json', 'tool/trace-vals.json',
  'tool/trace.json', 'tool/trace2.json',
  'sany/sany-ok.out', 'sany/sany-semerr.out', 'sany/sany-syntaxerr.out',
  'pcal/pcal.out', 'pcal/tlc-pcal.out',
];
/** Inputs of the runs (specs, configs, README) and outputs with no parser here. */
const NOT_OUTPUT = /\.(tla|cfg|old|md)$|^tlc-help\.txt$/;

describe('sample inventory', () => {
  it('covers every recorded output in fixtures/tlc-samples', () => {
    const files = readdirSync(SAMPLES, { recursive: true, withFileTypes: true })
      .filter((d) => d.isFile())
      .map((d) => path.relative(SAMPLES, path.join(d.parentPath, d.name)).split(path.sep).join('/'));
    const outputs = files.filter((f) => !NOT_OUTPUT.test(path.basename(f)));
    expect(outputs.sort()).toEqual([...COVERED].sort());
  });
});

describe('splitToolMessages', () => {
  it('splits tool-semerr.out into messages and leaves SANY text unwrapped', () => {
    const { messages, unwrapped } = splitToolMessages(sample('tool/tool-semerr.out'));
    expect(messages.map((m) => `${m.code}:${m.cls}`)).toEqual(['2262:0', '2401:3', '2187:0', '2220:0', '2219:0', '2185:0', '3002:1', '2186:0']);
    expect(messages[0]?.body).toBe(VERSION);
    expect(messages[6]?.body).toBe('Parsing or semantic analysis failed.');
    expect(unwrapped).toContain('Parsing file /home/user/specs/tool/SemErr.tla\n');
    expect(unwrapped).toContain('Unknown operator: `y\'.');
    expect(unwrapped).not.toContain('@!@!@');
  });

  it('keeps multi-line bodies and unwrapped CounterExample lines (tool-vals.out)', () => {
    const { messages, unwrapped } = splitToolMessages(sample('tool/tool-vals.out'));
    expect(messages.filter((m) => m.code === 2217)).toHaveLength(3);
    expect(messages.find((m) => m.code === 2217)?.body.split('\n')).toHaveLength(7);
    expect(unwrapped).toContain('"CounterExample written: trace-vals.json"');
  });

  it('accepts CRLF line ends', () => {
    const { messages } = splitToolMessages(sample('tool/tool-pass.out').replace(/\n/g, '\r\n'));
    expect(messages.map((m) => m.code)).toEqual([2262, 2187, 2220, 2219, 2185, 2189, 2190, 2193, 2200, 2199, 2194, 2268, 2186]);
  });

  it.each(['fail.out', 'pass.out', 'tool/dump.out', 'pcal/pcal.out', 'sany/sany-ok.out'])('finds no messages in non -tool output %s', (rel) => {
    const text = sample(rel);
    expect(splitToolMessages(text)).toEqual({ messages: [], unwrapped: text });
  });
});

describe('parseTraceState', () => {
  it('reads the initial predicate with one variable', () => {
    expect(parseTraceState('1: <Initial predicate>\nx = 0\n')).toEqual({ index: 1, vars: { x: '0' } });
  });

  it('reads a parameterised action with its raw argument text', () => {
    expect(parseTraceState('4: <IncY(1) line 10, col 12 to line 10, col 45 of module Toy>\n/\\ x = 2\n/\\ y = 1\n')).toEqual({
      index: 4,
      action: { name: 'IncY', args: '1', location: INC_Y },
      vars: { x: '2', y: '1' },
    });
  });

  it('keeps a value printed over several lines (fixture tool-multiline.out)', () => {
    const body = splitToolMessages(fixture('tool-multiline.out')).messages.filter((m) => m.code === 2217)[1]?.body ?? '';
    const s = parseTraceState(body);
    expect(s.index).toBe(2);
    expect(s.action).toEqual({ name: 'Next', location: loc('Big', 8, 9, 8, 42) });
    expect(Object.keys(s.vars)).toEqual(['n', 'r']);
    expect(s.vars.n).toBe('1');
    const r = s.vars.r?.split('\n') ?? [];
    expect(r).toHaveLength(12);
    expect(r[0]).toBe('<< [name |-> "a_fairly_long_name", count |-> 1, flag |-> TRUE],');
    expect(r[11]).toBe('   [name |-> "a_fairly_long_name", count |-> 12, flag |-> TRUE] >>');
  });

  it('rejects a body that is not a trace state', () => {
    expect(() => parseTraceState('2: Stuttering')).toThrow(/not a TLC trace state/);
  });
});

describe('parseToolOutput on -tool runs', () => {
  it('fail-tool.out: invariant SmallX, single-variable trace', () => {
    const r = parse(sample('fail-tool.out'), 'Counter', 12);
    const v = expectKind(r.verdict, 'invariant');
    expect(v.name).toBe('SmallX');
    expect(v.initial).toBe(false);
    expect(v.trace.map((s) => s.vars.x)).toEqual(['0', '1', '2', '3']);
    expect(v.trace[0]?.action).toBeUndefined();
    expect(v.trace[3]).toEqual({ index: 4, action: { name: 'Inc', location: loc('Counter', 7, 8, 7, 26) }, vars: { x: '3' } });
    expect(r.counts).toEqual({ generated: 4, distinct: 4, queue: 0, depth: 4 });
    expect(r.version).toBe(VERSION);
    expect(r).toMatchObject({ backend: 'tlc', module: 'Counter', config: 'Counter.cfg', durationMs: 7 });
    expect(r.rawTail?.split('\n').at(-1)).toBe('Finished in 445ms at (2026-11-24 21:09:50)');
  });

  it('tool-pass.out: passed with counts and depth, no rawTail', () => {
    const r = parse(sample('tool/tool-pass.out'), 'Toy', 0);
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts).toEqual({ generated: 13, distinct: 9, queue: 0, depth: 5 });
    expect(r.version).toBe(VERSION);
    expect(r.rawTail).toBeUndefined();
  });

  it('tool-coverage.out: coverage messages do not disturb a pass', () => {
    const r = parse(sample('tool/tool-coverage.out'), 'Toy');
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts).toEqual({ generated: 13, distinct: 9, queue: 0, depth: 5 });
  });

  it.each(['tool/tool-inv.out', 'tool/tool-inv-dumpjson.out'])('%s: invariant Small after IncX, IncX, IncY(1)', (rel) => {
    const r = parse(sample(rel), 'Toy', 12);
    const v = expectKind(r.verdict, 'invariant');
    expect(v.name).toBe('Small');
    expect(v.initial).toBe(false);
    expect(v.trace).toEqual<TraceState[]>([
      { index: 1, vars: { x: '0', y: '0' } },
      { index: 2, action: { name: 'IncX', location: INC_X }, vars: { x: '1', y: '0' } },
      { index: 3, action: { name: 'IncX', location: INC_X }, vars: { x: '2', y: '0' } },
      { index: 4, action: { name: 'IncY', args: '1', location: INC_Y }, vars: { x: '2', y: '1' } },
    ]);
    expect(r.counts).toEqual({ generated: 8, distinct: 7, queue: 2, depth: 4 });
  });

  it('tool-initinv.out: invariant violated by the initial state, no counts', () => {
    const r = parse(sample('tool/tool-initinv.out'), 'Misc', 12);
    expect(r.verdict).toEqual({ kind: 'invariant', name: 'InvInit', initial: true, trace: [{ index: 1, vars: { x: '0' } }] });
    expect(r.counts).toBeUndefined();
  });

  it('tool-vals.out: rich values and model-value arguments', () => {
    const v = expectKind(parse(sample('tool/tool-vals.out'), 'Vals', 12).verdict, 'invariant');
    expect(v.name).toBe('Inv');
    expect(v.trace).toHaveLength(3);
    expect(v.trace[0]?.vars).toEqual({
      flag: 'FALSE', str: '"a"', msgs: '{}', f: 'nil', q: '<<>>', pc: '(p1 :> "idle" @@ p2 :> "idle")',
    });
    expect(v.trace[2]?.action).toEqual({ name: 'Send', args: 'p2', location: loc('Vals', 13, 12, 19, 24) });
    expect(v.trace[2]?.vars).toMatchObject({
      msgs: '{[from |-> p1, val |-> 1], [from |-> p2, val |-> 1]}', f: '<<2, 4>>', q: '<<p1, p2>>', pc: '(p1 :> "sent" @@ p2 :> "sent")',
    });
  });

  it('tool-deadlock.out: deadlock after IncX, IncY(1)', () => {
    const r = parse(sample('tool/tool-deadlock.out'), 'Toy', 11);
    const v = expectKind(r.verdict, 'deadlock');
    expect(v.trace.map((s) => s.action?.name)).toEqual([undefined, 'IncX', 'IncY']);
    expect(v.trace[2]).toEqual({ index: 3, action: { name: 'IncY', args: '1', location: INC_Y }, vars: { x: '1', y: '1' } });
    expect(r.counts).toEqual({ generated: 5, distinct: 4, queue: 0, depth: 3 });
  });

  it('tool-live.out: property EventuallyBig, lasso back to state 1', () => {
    const r = parse(sample('tool/tool-live.out'), 'Live', 13);
    const v = expectKind(r.verdict, 'property');
    expect(v.name).toBe('EventuallyBig');
    expect(v.loopsTo).toBe(1);
    expect(v.stuttering).toBe(false);
    expect(v.trace.map((s) => [s.index, s.action?.name, s.vars.x])).toEqual([[1, undefined, '0'], [2, 'Step', '1'], [3, 'Step', '2']]);
    expect(v.trace[1]?.action?.location).toEqual(loc('Live', 6, 9, 6, 24));
    expect(r.counts).toEqual({ generated: 5, distinct: 3, queue: 0, depth: 3 });
  });

  it('tool-live-stutter.out: property EventuallyBig ending in stuttering', () => {
    const v = expectKind(parse(sample('tool/tool-live-stutter.out'), 'Live', 13).verdict, 'property');
    expect(v).toEqual({ kind: 'property', name: 'EventuallyBig', trace: [{ index: 1, vars: { x: '0' } }], stuttering: true });
  });

  it('tool-assert.out: Assert message, the Assert call as location', () => {
    const r = parse(sample('tool/tool-assert.out'), 'Misc', 14);
    const v = expectKind(r.verdict, 'assert');
    expect(v.message).toBe('x too big');
    expect(v.location).toEqual(loc('Misc', 5, 23, 5, 48));
    expect(v.trace.map((s) => s.vars.x)).toEqual(['0', '1', '2']);
    expect(v.trace[1]?.action).toEqual({ name: 'Next', location: loc('Misc', 5, 9, 5, 48) });
    expect(r.counts).toEqual({ generated: 3, distinct: 3, queue: 0, depth: 3 });
  });

  it('tool-evalerr.out: 2184 message with the 2103 location stack and trace', () => {
    const r = parse(sample('tool/tool-evalerr.out'), 'EvalErr');
    const v = expectKind(r.verdict, 'evalError');
    expect(v.message).toBe('Attempted to apply Tail to the empty sequence.');
    expect(v.stack).toEqual([loc('EvalErr', 7, 8, 7, 19), loc('EvalErr', 7, 13, 7, 19)]);
    expect(v.trace.map((s) => s.vars.s)).toEqual(['<<1, 2>>', '<<2>>', '<<>>']);
    expect(v.trace[2]?.action).toEqual({ name: 'Pop', location: loc('EvalErr', 7, 8, 7, 19) });
    expect(r.counts).toEqual({ generated: 7, distinct: 6, queue: 2, depth: 3 });
  });

  it('tool-semerr.out: SANY semantic error text and span', () => {
    const r = parse(sample('tool/tool-semerr.out'), 'SemErr', 150);
    expect(r.verdict).toEqual({ kind: 'parseError', message: 'Unknown operator: `y\'.', location: loc('SemErr', 5, 18, 5, 18) });
    expect(r.counts).toBeUndefined();
    expect(r.rawTail).toContain('Parsing or semantic analysis failed.');
  });

  it('tool-syntaxerr.out: SANY parse error text and point in the module being parsed', () => {
    const r = parse(sample('tool/tool-syntaxerr.out'), 'SyntaxErr', 150);
    expect(r.verdict).toEqual({
      kind: 'parseError',
      message: 'Encountered "Beginning of definition" at line 5, column 14 and token "="',
      location: loc('SyntaxErr', 5, 14, 5, 14),
    });
  });

  it('fixture tool-cfgerr.out: 2229 is a config error', () => {
    const r = parse(fixture('tool-cfgerr.out'), 'Big', 151);
    expect(r.verdict).toEqual({ kind: 'configError', message: 'The invariant n specified in the configuration file is not defined in the specification.' });
  });

  it('pcal/tlc-pcal.out: PlusCal process actions with their argument', () => {
    const v = expectKind(parse(sample('pcal/tlc-pcal.out'), 'PCounter', 12).verdict, 'invariant');
    expect(v.name).toBe('Correct');
    expect(v.trace.map((s) => [s.action?.name, s.action?.args])).toEqual([
      [undefined, undefined], ['Read', '1'], ['Read', '2'], ['Write', '1'], ['Write', '2'],
    ]);
    expect(v.trace[1]?.action?.location).toEqual(loc('PCounter', 28, 15, 31, 23));
    expect(v.trace[4]?.vars).toEqual({ x: '1', pc: '<<"Done", "Done">>', tmp: '<<0, 0>>' });
  });
});

describe('parseToolOutput on output that is not a complete -tool run', () => {
  it.each(['pass.out', 'fail.out', 'tool/dump-json.out', 'tool/dump-tla.out'])('plain-mode %s is not taken as a pass', (rel) => {
    const v = expectKind(parse(sample(rel), 'M').verdict, 'crashed');
    expect(v.message).toMatch(/^no TLC -tool completion message/);
    expect(v.message).toContain('Finished in 00s at');
  });

  it('plain-mode dump-json.out with exit 12 says what the exit code means', () => {
    const v = expectKind(parse(sample('tool/dump-json.out'), 'Toy', 12).verdict, 'crashed');
    expect(v.exitCode).toBe(12);
    expect(v.message).toMatch(/^TLC exited with 12 \(invariant violated\); last lines:\n/);
  });

  it('plain-mode dump.out: SANY fatal error text is still a parse error', () => {
    expect(parse(sample('tool/dump.out'), 'Toy', 150).verdict).toEqual({
      kind: 'parseError', message: 'Cannot find source file for module IOUtils imported in module _TLAPlusCounterExample.',
    });
  });

  it.each([
    ['sany/sany-semerr.out', 'SemErr', { kind: 'parseError', message: 'Unknown operator: `y\'.', location: loc('SemErr', 5, 18, 5, 18) }],
    ['sany/sany-syntaxerr.out', 'SyntaxErr', {
      kind: 'parseError', message: 'Encountered "Beginning of definition" at line 5, column 14 and token "="', location: loc('SyntaxErr', 5, 14, 5, 14),
    }],
  ] as const)('standalone SANY %s', (rel, module, verdict) => {
    expect(parse(sample(rel), module).verdict).toEqual(verdict);
  });

  it.each(['sany/sany-ok.out', 'pcal/pcal.out'])('%s (not TLC) is not a pass', (rel) => {
    expect(parse(sample(rel), 'M', 0).verdict.kind).toBe('crashed');
  });

  it('a run killed mid-search keeps progress counts and the exit code', () => {
    const text = sample('tool/tool-live.out');
    const cut = text.slice(0, text.indexOf('@!@!@STARTMSG 2192:0'));
    const r = parse(cut, 'Live', 255);
    const v = expectKind(r.verdict, 'crashed');
    expect(v.exitCode).toBe(255);
    expect(v.message).toMatch(/^TLC exited with 255 \(other error\)/);
    expect(r.counts).toEqual({ generated: 5, distinct: 3, queue: 0, depth: 3 });
    expect(r.rawTail).toContain('Progress(3)');
  });
});

describe('parseDumpTraceJson', () => {
  it.each(['tool/trace-tool.json', 'tool/trace.json', 'tool/trace2.json'])('%s: named parameter k of IncY', (rel) => {
    expect(parseDumpTraceJson(sample(rel))).toEqual<TraceState[]>([
      { index: 1, vars: { x: '0', y: '0' } },
      { index: 2, action: { name: 'IncX', location: INC_X }, vars: { x: '1', y: '0' } },
      { index: 3, action: { name: 'IncX', location: INC_X }, vars: { x: '2', y: '0' } },
      { index: 4, action: { name: 'IncY', params: { k: '1' }, location: INC_Y }, vars: { x: '2', y: '1' } },
    ]);
  });

  it('trace-tool.json lines up with the text trace of the same run (tool-inv-dumpjson.out)', () => {
    const json = parseDumpTraceJson(sample('tool/trace-tool.json'));
    const text = expectKind(parse(sample('tool/tool-inv-dumpjson.out'), 'Toy').verdict, 'invariant').trace;
    expect(json.map((s) => [s.index, s.action?.name, s.action?.location])).toEqual(text.map((s) => [s.index, s.action?.name, s.action?.location]));
    expect(json.map((s) => s.vars)).toEqual(text.map((s) => s.vars));
  });

  it('trace-deadlock.json', () => {
    const states = parseDumpTraceJson(sample('tool/trace-deadlock.json'));
    expect(states.map((s) => s.action?.name)).toEqual([undefined, 'IncX', 'IncY']);
    expect(states[2]).toEqual({ index: 3, action: { name: 'IncY', params: { k: '1' }, location: INC_Y }, vars: { x: '1', y: '1' } });
  });

  it('trace-live.json: the lasso-closing step labels no state', () => {
    const states = parseDumpTraceJson(sample('tool/trace-live.json'));
    expect(states.map((s) => [s.index, s.action?.name, s.vars.x])).toEqual([[1, undefined, '0'], [2, 'Step', '1'], [3, 'Step', '2']]);
  });

  it('trace-vals.json: lossy values rendered best-effort', () => {
    const states = parseDumpTraceJson(sample('tool/trace-vals.json'));
    expect(states).toHaveLength(3);
    expect(states[0]?.vars).toEqual({ flag: 'FALSE', str: '"a"', msgs: '<<>>', f: '"nil"', q: '<<>>', pc: '[p1 |-> "idle", p2 |-> "idle"]' });
    expect(states[2]?.action).toEqual({ name: 'Send', params: { p: '"p2"' }, location: loc('Vals', 13, 12, 19, 24) });
    expect(states[2]?.vars.msgs).toBe('<<[from |-> "p1", val |-> 1], [from |-> "p2", val |-> 1]>>');
  });

  it('gives no states for a cut-short or foreign file', () => {
    const text = sample('tool/trace-tool.json');
    expect(parseDumpTraceJson(text.slice(0, 100))).toEqual([]);
    expect(parseDumpTraceJson('{"vars":[]}')).toEqual([]);
  });
});
