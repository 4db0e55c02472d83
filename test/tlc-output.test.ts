/**
 * The TLC output parser against real TLC output: every run recorded in test/fixtures/tlc-samples
 * (copied from the project's shared samples, see its README.md) and in test/fixtures/tlc (recorded
 * for these tests from real TLC, plus a few synthetic shapes; see its README.md for each run's
 * command and exit code).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckResult, TlaLocation, TraceState, Verdict } from '../dsl/check/result.js';
import {
  exitMeaning, parseBackToState, parseDumpTraceJson, parseToolOutput, parseTraceState, splitToolMessages, TLC_EXIT_CODES,
} from '../dsl/check/tlc-output.js';
import { tlcMessage } from './helpers/tlc-message.js';

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
  'tool/tool-pass-workers2.out', 'tool/tool-simulate.out', 'tool/tool-dfid.out',
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
    expect(splitToolMessages(text)).toMatchObject({ messages: [], unwrapped: text });
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

  it.each([
    ['tool-pass.out', 1],
    ['tool-pass-workers2.out', 2],
  ] as const)('%s: the workers its mode line (2187) names, %i, beside its verdict and counts', (file, workers) => {
    const r = parse(sample(`tool/${file}`), 'Toy', 0);
    expect(r.workers).toBe(workers);
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts).toEqual({ generated: 13, distinct: 9, queue: 0, depth: 5 });
  });

  it('tool-dfid.out: a depth-first run (2271) names its one worker; bounded at depth 4 (8 of the 9 states), it ends without 2193 and is no pass', () => {
    const r = parse(sample('tool/tool-dfid.out'), 'Toy', 0);
    expect(r.workers).toBe(1);
    expect(r.verdict.kind).toBe('crashed');
  });

  it('tool-simulate.out: a simulation\'s workers (2188), traces, states generated and seed', () => {
    const r = parse(sample('tool/tool-simulate.out'), 'Toy', 0);
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.workers).toBe(2);
    expect(r.simulation).toEqual({ seed: '7', traces: 6, generated: 25 });
  });

  it('TLC prints its mode line before SANY, so a syntax error\'s run names its worker; output without one, or without a count in it, names none', () => {
    expect(parse(sample('tool/tool-syntaxerr.out'), 'SyntaxErr', 150).workers).toBe(1);
    expect(parse(tlcMessage(2185, 0, 'Starting...') + tlcMessage(2193, 0, 'Model checking completed. No error has been found.'), 'M', 0).workers).toBeUndefined();
    expect(parse(tlcMessage(2187, 0, 'Running breadth-first search Model-Checking with fp 1 and seed 2 on 2 cores'), 'M', 0).workers).toBeUndefined();
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
    expect(v.loopAction).toEqual({ name: 'Step', location: loc('Live', 6, 9, 6, 24) });
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
    expect(v.message).toMatch(/^TLC exited with 12 \(safety violation: invariant\); last lines:\n/);
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

  it('an action without a parameter list takes its names from its context; a malformed location is left out', () => {
    const json = JSON.stringify({ counterexample: {
      state: [[1, { x: 0 }], [2, { x: 1 }], [3, { x: 2 }]],
      action: [
        [[1, { x: 0 }], { name: 'Inc', context: { k: 1 } }, [2, { x: 1 }]],
        [[2, { x: 1 }], { name: 'Dec', location: { beginLine: 1, beginColumn: 2, endLine: 3, endColumn: 4 } }, [3, { x: 2 }]],
      ],
    } });
    const states = parseDumpTraceJson(json);
    expect(states.map((st) => st.action)).toEqual([undefined, { name: 'Inc', params: { k: '1' } }, { name: 'Dec' }]);
    const bad = (location: unknown) => parseDumpTraceJson(JSON.stringify({ counterexample: { state: [[1, { x: 0 }], [2, { x: 1 }]], action: [[[1, { x: 0 }], { name: 'A', location }, [2, { x: 1 }]]] } }))[1]!.action;
    expect(bad({ module: 7, beginLine: 1, beginColumn: 2, endLine: 3, endColumn: 4 })).toEqual({ name: 'A' });
    expect(bad({ module: 'M', beginLine: 1, beginColumn: '2', endLine: 3, endColumn: 4 })).toEqual({ name: 'A' });
    expect(bad([1, 2])).toEqual({ name: 'A' });
  });

  it('gives no states for a cut-short or foreign file', () => {
    const text = sample('tool/trace-tool.json');
    expect(parseDumpTraceJson(text.slice(0, 100))).toEqual([]);
    expect(parseDumpTraceJson('{"vars":[]}')).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------
// Runs recorded for these tests (test/fixtures/tlc/README.md), and synthetic shapes

/** Each recorded run in test/fixtures/tlc with the exit code TLC gave it (README.md). */
const RECORDED: Readonly<Record<string, number>> = {
  'grid-en.out': 0, 'grid-fr.out': 0, 'grid-de.out': 0, 'grid-ch.out': 0, 'coverage.out': 0,
  'printer.out': 11, 'warn-sany.out': 0, 'const-true.out': 0, 'multi-first.out': 12, 'multi-continue.out': 11,
  'cfg-syntax.out': 255, 'cfg-expr.out': 151, 'const-false.out': 151, 'assume.out': 10,
  'eval-next.out': 75, 'eval-inv.out': 75, 'inv-evalfail.out': 76, 'taut.out': 77, 'deep.out': 75, 'deep-debug.out': 75,
  'sany-inner-syntax.out': 150, 'sany-inner-sem.out': 150, 'jvm-heap.out': 1, 'oom-liveness.out': 1,
  'tool-multiline.out': 12, 'tool-cfgerr.out': 151, 'undefined-prime.out': 75, 'case-next.out': 75,
};
const SYNTHETIC = [
  'evalstack-only.out', 'finished-no-success.out', 'killed-mid-message.out', 'locale-apostrophe.out',
  'locale-nbsp.out', 'no-class-markers.out', 'tlc-bug-then-success.out',
];
const recorded = (name: string, withExit = true): CheckResult =>
  parse(fixture(name), name.replace(/\.out$/, ''), withExit ? RECORDED[name] : undefined);
const synthetic = (name: string, exitCode?: number): CheckResult => parse(fixture(`synthetic/${name}`), name, exitCode);

describe('fixture inventory', () => {
  it('covers every output in fixtures/tlc', () => {
    const outs = (dir: string) => readdirSync(path.join(FIXTURES, dir)).filter((f) => f.endsWith('.out')).sort();
    expect(outs('.')).toEqual(Object.keys(RECORDED).sort());
    expect(outs('synthetic')).toEqual([...SYNTHETIC].sort());
  });
});

describe('never a false pass', () => {
  it.each([0, undefined])('a TLC bug (1000:2) followed by 2193 is a crash quoting TLC (exit %s)', (exitCode) => {
    const v = expectKind(synthetic('tlc-bug-then-success.out', exitCode).verdict, 'crashed');
    expect(v.message).toMatch(/^TLC bug \(message 1000\): TLC threw an unexpected exception\. .* The exception was a java\.lang\.NullPointerException\n/);
    expect(v.message.split('\n').at(-1)).toMatch(/^Finished in \d+ms at /);
  });

  it.each([0, undefined])('2186 without 2193 is not a pass (exit %s)', (exitCode) => {
    const r = synthetic('finished-no-success.out', exitCode);
    const v = expectKind(r.verdict, 'crashed');
    expect(v.message).toMatch(/^TLC finished without its completion message; last lines:\n/);
    // TLC's own last lines, read from inside its messages.
    expect(v.message.split('\n').slice(-2)).toEqual([
      'The average outdegree of the complete state graph is 0 (minimum is 0, the maximum 0 and the 95th percentile is 0).',
      'Finished in 2506ms at (2026-12-02 00:43:05)',
    ]);
    expect(r.warnings).toHaveLength(2);
  });

  it('the same run with 2193 passes', () => {
    expect(recorded('warn-sany.out').verdict).toEqual({ kind: 'passed' });
  });

  it.each([0, undefined])('a lone evaluation stack (2103:1) is an evaluation error with its stack (exit %s)', (exitCode) => {
    const v = expectKind(synthetic('evalstack-only.out', exitCode).verdict, 'evalError');
    expect(v.message).toMatch(/^The error occurred when TLC was evaluating the nested expressions/);
    expect(v.stack).toEqual([loc('EvalErr', 7, 8, 7, 19), loc('EvalErr', 7, 13, 7, 19)]);
  });

  it('a lone evaluation stack takes the trace that follows it, not one before it, first in the output or not', () => {
    const stack = tlcMessage(2103, 1, 'The error occurred when TLC was evaluating the nested\nexpressions at the following positions:\n0. Line 7, column 8 to line 7, column 19 in EvalErr');
    const state = (i: number) => tlcMessage(2217, 4, `${i}: <Initial predicate>\nx = ${i}\n`);
    for (const text of [stack + state(1), state(9) + stack + state(1)]) {
      const v = expectKind(parse(text, 'EvalErr', 0).verdict, 'evalError');
      expect(v.trace.map((t) => t.vars)).toEqual([{ x: '1' }]);
      expect(v.stack).toEqual([loc('EvalErr', 7, 8, 7, 19)]);
    }
  });

  it('an error with no stack, trace or exit code is a crash that quotes it and TLC\'s last lines', () => {
    const text = fixture('deep.out').replace(/@!@!@STARTMSG 2103:1 @!@!@\n[\s\S]*?@!@!@ENDMSG 2103 @!@!@\n/, '');
    const v = expectKind(parse(text, 'Deep').verdict, 'crashed');
    expect(v.message).toMatch(/^This was a Java StackOverflowError\. It was probably the result of an incorrect recursive function definition/);
    expect(v.message.split('\n').at(-1)).toBe('Finished in 1081ms at (2026-12-02 00:43:23)');
    expect(v.exitCode).toBeUndefined();
  });

  it('a message of an unknown code without a class is taken as an error', () => {
    const text = sample('tool/tool-pass.out').replace('@!@!@STARTMSG 2193:0', '@!@!@STARTMSG 2999 @!@!@\nsomething went wrong\n@!@!@ENDMSG 2999 @!@!@\n@!@!@STARTMSG 2193:0');
    const v = expectKind(parse(text, 'Toy', 0).verdict, 'crashed');
    expect(v.message).toMatch(/^something went wrong\n/);
  });

  it('start markers without a class: the class is inferred and the violation read', () => {
    const r = synthetic('no-class-markers.out', 12);
    const v = expectKind(r.verdict, 'invariant');
    expect(v.name).toBe('Small');
    expect(v.trace.map((s) => s.action?.name)).toEqual([undefined, 'IncX', 'IncX', 'IncY']);
    expect(r.counts).toEqual({ generated: 8, distinct: 7, queue: 2, depth: 4 });
  });

  it('a run killed mid-message keeps the violation TLC reported and only its complete states', () => {
    const v = expectKind(synthetic('killed-mid-message.out', 137).verdict, 'invariant');
    expect(v.name).toBe('Below2');
    expect(v.trace.map((s) => s.vars.x)).toEqual(['0', '1']);
  });

  it('a pass needs exit 0 or none: a passing output with exit 12 is a crash', () => {
    const v = expectKind(parse(fixture('grid-en.out'), 'Grid', 12).verdict, 'crashed');
    expect(v.message).toMatch(/^TLC exited with 12 \(safety violation: invariant\); last lines:\n/);
  });
});

describe('exit codes (tlc2.output.EC.ExitStatus)', () => {
  /** A run killed before TLC reported anything but progress. */
  const cut = () => { const t = sample('tool/tool-live.out'); return t.slice(0, t.indexOf('@!@!@STARTMSG 2192:0')); };

  it.each([
    [1, 'crashed', 'the JVM could not run TLC'],
    [10, 'crashed', 'assumption or postcondition violated'],
    [11, 'crashed', 'deadlock'],
    [12, 'crashed', 'safety violation: invariant'],
    [13, 'crashed', 'liveness violation: temporal or action property'],
    [14, 'crashed', 'Assert failed'],
    [75, 'crashed', 'the spec could not be evaluated'],
    [76, 'crashed', 'an invariant could not be evaluated'],
    [77, 'crashed', 'a temporal property could not be evaluated'],
    [150, 'parseError', 'spec parse or semantic error'],
    [151, 'configError', 'config error'],
    [152, 'crashed', 'state space too large'],
    [153, 'crashed', 'system error'],
    [255, 'crashed', 'other error'],
    [130, 'crashed', 'killed by signal 2'],
    [137, 'crashed', 'killed by signal 9'],
    [143, 'crashed', 'killed by signal 15'],
    [42, 'crashed', 'unknown exit code'],
  ] as const)('exit %i with no message saying more: %s (%s)', (code, kind, meaning) => {
    const r = parse(cut(), 'Live', code);
    expect(r.verdict.kind).toBe(kind);
    expect('message' in r.verdict && r.verdict.message).toBe(`TLC exited with ${code} (${meaning}); last lines:\n${r.rawTail?.split('\n').slice(-8).join('\n')}`);
    if (r.verdict.kind === 'crashed') expect(r.verdict.exitCode).toBe(code);
    expect(exitMeaning(code)).toBe(meaning);
  });

  it('exit 0 with no completion message is not a pass', () => {
    const v = expectKind(parse(cut(), 'Live', 0).verdict, 'crashed');
    expect(v.message).toMatch(/^no TLC -tool completion message in the output; last lines:\n/);
    expect(v.message.split('\n').at(-1)).toMatch(/^Progress\(3\) at .*: 5 states generated/);
  });

  it('every documented exit code has a meaning', () => {
    expect(Object.keys(TLC_EXIT_CODES).map(Number)).toEqual([0, 1, 10, 11, 12, 13, 14, 75, 76, 77, 150, 151, 152, 153, 255]);
  });

  /** What each recorded run shows; the verdict comes from TLC's messages, the exit code agrees. */
  const SHOWN: ReadonlyArray<readonly [string, Verdict['kind']]> = [
    ['assume.out', 'evalError'], ['printer.out', 'deadlock'], ['multi-first.out', 'invariant'],
    ['eval-next.out', 'evalError'], ['eval-inv.out', 'evalError'], ['inv-evalfail.out', 'evalError'], ['taut.out', 'evalError'], ['undefined-prime.out', 'evalError'], ['case-next.out', 'evalError'],
    ['deep.out', 'evalError'], ['deep-debug.out', 'evalError'], ['sany-inner-syntax.out', 'parseError'], ['sany-inner-sem.out', 'parseError'],
    ['cfg-expr.out', 'configError'], ['const-false.out', 'configError'], ['cfg-syntax.out', 'configError'],
    ['multi-continue.out', 'invariant'], ['grid-en.out', 'passed'], ['const-true.out', 'passed'],
  ];
  it.each(SHOWN)('%s (exit as recorded): %s, the same without the exit code', (name, kind) => {
    expect(recorded(name).verdict.kind).toBe(kind);
    expect(recorded(name, false).verdict).toEqual(recorded(name).verdict);
  });

  it('exit 10: a false ASSUME, located', () => {
    expect(recorded('assume.out').verdict).toEqual({
      kind: 'evalError', message: 'Assumption line 5, col 8 to line 5, col 12 of module Assume is false.', stack: [loc('Assume', 5, 8, 5, 12)], trace: [],
    });
  });

  it('exit 75: a successor state not completely specified (2109), with the trace up to it', () => {
    const v = expectKind(recorded('eval-next.out').verdict, 'evalError');
    expect(v.message).toBe('Successor state is not completely specified by the next-state action. The following variable is not defined: y.');
    expect(v.trace.map((s) => s.vars)).toEqual([{ x: '0', y: '0' }, { x: '1', y: 'null' }]);
  });

  it('exit 75: an invariant failing to evaluate in the initial state (2102), with its location stack', () => {
    const v = expectKind(recorded('eval-inv.out').verdict, 'evalError');
    expect(v.message).toBe('Attempted to check if the value: 0 is an element of the integer 0 While working on the initial state: /\\ x = 0 /\\ y = 0');
    expect(v.stack).toHaveLength(5);
    expect(v.stack.at(-1)).toEqual(loc('Evals', 11, 11, 11, 17));
  });

  it('exit 75: x\' read before the step assigns it — 2280, a TLC_CONFIG code raised while evaluating, inside a 1000 — is an evaluation error with its stack and trace, never a config error', () => {
    const v = expectKind(recorded('undefined-prime.out').verdict, 'evalError');
    expect(v.message).toBe('In evaluation, the identifier x is either undefined or not an operator. line 7, col 12 to line 7, col 12 of module Prime');
    expect(v.stack).toEqual([loc('Prime', 7, 9, 8, 17), loc('Prime', 7, 12, 7, 17), loc('Prime', 7, 12, 7, 13), loc('Prime', 7, 12, 7, 12)]);
    expect(v.trace.map((s) => s.vars)).toEqual([{ x: '1' }]);
    // Bare, as a run's own headline: the same verdict.
    const bare = tlcMessage(2280, 1, 'In evaluation, the identifier x is either undefined or not an operator.\nline 7, col 12 to line 7, col 12 of module Prime');
    expect(parse(bare, 'Prime', 75).verdict).toEqual({ kind: 'evalError', message: v.message, stack: [], trace: [] });
  });

  it('exit 75: a CASE with no arm true in a step — a TLCRuntimeException, reported as 1000 "TLC threw an unexpected exception" — is an evaluation error with TLC\'s own message, its place, stack and trace', () => {
    const v = expectKind(recorded('case-next.out').verdict, 'evalError');
    expect(v.message).toBe('Attempted to evaluate a CASE with no conditions true. line 7, col 14 to line 8, col 29 of module CaseNext');
    expect(v.stack).toEqual([loc('CaseNext', 7, 9, 8, 29), loc('CaseNext', 7, 14, 8, 29)]);
    expect(v.trace.map((s) => s.vars)).toEqual([{ x: '0' }, { x: '1' }]);
    // Only a RuntimeException is the spec's error told this way: another exception keeps the whole text.
    const other = tlcMessage(1000, 1, 'TLC threw an unexpected exception.\nThis was probably caused by an error in the spec or model.\nThe exception was a java.lang.IllegalStateException\n: odd');
    expect(expectKind(parse(other, 'M', 75).verdict, 'evalError').message).toBe('TLC threw an unexpected exception. This was probably caused by an error in the spec or model. The exception was a java.lang.IllegalStateException : odd');
  });

  it('exit 76: an invariant failing to evaluate in state 2 (2111)', () => {
    const v = expectKind(recorded('inv-evalfail.out').verdict, 'evalError');
    expect(v.message).toBe('Evaluating invariant InvBad failed. Attempted to check if the value: 1 is an element of the integer 0');
    expect(v.trace.map((s) => s.vars.x)).toEqual(['0', '1']);
  });

  it('exit 77: a temporal property that is a tautology (2253)', () => {
    expect(recorded('taut.out').verdict).toEqual({ kind: 'evalError', message: 'Temporal formula is a tautology (its negation is unsatisfiable).', stack: [], trace: [] });
  });

  it('exit 75: a Java StackOverflowError (1000) with an empty location stack', () => {
    const v = expectKind(recorded('deep.out').verdict, 'evalError');
    expect(v.message).toMatch(/^This was a Java StackOverflowError\./);
    expect(v.stack).toEqual([]);
  });

  it('exit 150: a syntax error is located in the module being parsed, not the one checked', () => {
    const v = expectKind(recorded('sany-inner-syntax.out').verdict, 'parseError');
    expect(v.message).toBe('Was expecting "Expression or Instance"\nEncountered "Beginning of definition" at line 2, column 14 and token "=="');
    expect(v.location).toEqual(loc('InnerSyntax', 2, 14, 2, 14));
  });

  it('exit 150: a semantic error in an extended module keeps that module', () => {
    expect(recorded('sany-inner-sem.out').verdict).toEqual({
      kind: 'parseError', message: "Could not find declaration or definition of symbol '+'.", location: loc('InnerSem', 2, 16, 2, 16),
    });
  });

  it('exit 151: an expression where the cfg wants a name (2229)', () => {
    expect(recorded('cfg-expr.out').verdict).toEqual({ kind: 'configError', message: 'The invariant x specified in the configuration file is not defined in the specification.' });
  });

  it('exit 151: an invariant that reads no variable and is FALSE (2230)', () => {
    expect(recorded('const-false.out').verdict).toEqual({ kind: 'configError', message: 'The invariant of KBig is equal to FALSE' });
  });

  it('exit 1: the JVM did not start; its own words are quoted', () => {
    expect(recorded('jvm-heap.out').verdict).toEqual({
      kind: 'crashed', exitCode: 1, message: 'TLC exited with 1 (the JVM could not run TLC); last lines:\nError occurred during initialization of VM\nToo small maximum heap',
    });
  });
});

describe('a JVM that ran out or died', () => {
  it('out of memory in the liveness phase (1003, exit 1): a crash quoting TLC, liveness started but not finished', () => {
    const r = recorded('oom-liveness.out');
    const v = expectKind(r.verdict, 'crashed');
    expect(v.exitCode).toBe(1);
    expect(v.message).toMatch(/^Java ran out of memory during liveness checking\. {2}Running Java with a larger memory allocation pool/);
    expect(v.message.split('\n').at(-1)).toBe('have an enormous number of states.');
    expect(r.liveness).toEqual({ started: 1, finished: 0 });
    expect(recorded('oom-liveness.out', false).verdict.kind).toBe('crashed');
  });

  it('an uncaught Java exception: the message quotes the exception, not its frames; the trace is kept', () => {
    const frames = Array.from({ length: 20 }, (_, i) => `\tat tlc2.tool.Worker.run(Worker.java:${i})`).join('\n');
    const text = `${sample('tool/tool-live.out').split('@!@!@STARTMSG 2192:0')[0]}Exception in thread "main" java.lang.OutOfMemoryError: Java heap space\n${frames}\n`;
    const r = parse(text, 'Live', 1);
    expect(expectKind(r.verdict, 'crashed').message.split('\n').at(-1)).toBe('Exception in thread "main" java.lang.OutOfMemoryError: Java heap space');
    expect(r.stackTrace?.split('\n')).toHaveLength(21);
    expect(r.output).toBeUndefined();
  });
});

describe('nested messages', () => {
  it('a cfg syntax error (5006) inside a general error (1000) is split out', () => {
    const { messages } = splitToolMessages(fixture('cfg-syntax.out'));
    expect(messages.map((m) => m.code)).toEqual([2262, 2187, 1000, 2186]);
    const general = messages[2]!;
    expect(general.inner.map((m) => [m.code, m.cls, m.complete])).toEqual([[5006, 0, true]]);
    expect(general.inner[0]!.body).toBe('TLC found an error in the configuration file at line 4\nIt was expecting = or <-, but did not find it.');
    expect(general.body).toContain('The exception was a tlc2.tool.ConfigFileException\n: TLC found an error in the configuration file at line 4\n');
    expect(general.body).not.toContain('@!@!@');
  });

  it('the verdict carries the inner message, without markers', () => {
    expect(recorded('cfg-syntax.out').verdict).toEqual({
      kind: 'configError', message: 'TLC found an error in the configuration file at line 4 It was expecting = or <-, but did not find it.',
    });
    expect(recorded('cfg-syntax.out').rawTail).not.toContain('@!@!@');
  });

  it('an end marker with no start is kept as text, an unclosed message as incomplete', () => {
    const { messages, unwrapped } = splitToolMessages('@!@!@ENDMSG 7 @!@!@\n@!@!@STARTMSG 2200:0 @!@!@\nProgress(1)');
    expect(unwrapped).toBe('@!@!@ENDMSG 7 @!@!@\n');
    expect(messages).toEqual([{ code: 2200, cls: 0, body: 'Progress(1)', inner: [], complete: false }]);
  });
});

describe('counts in any locale', () => {
  const FINAL = { generated: 7322, distinct: 3721, queue: 0, depth: 121 };
  /** Cut before the final 2199 (which TLC prints without grouping): counts come from the grouped 2200. */
  const fromProgress = (text: string) => parse(text.slice(0, text.indexOf('@!@!@STARTMSG 2199:0')), 'Grid', 143).counts;

  it.each(['grid-en.out', 'grid-fr.out', 'grid-de.out', 'grid-ch.out'])('%s: final and progress counts', (name) => {
    const r = recorded(name);
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts).toEqual(FINAL);
    expect(fromProgress(fixture(name))).toEqual(FINAL);
  });

  it.each(['locale-nbsp.out', 'locale-apostrophe.out'])('synthetic %s', (name) => {
    expect(fromProgress(fixture(`synthetic/${name}`))).toEqual(FINAL);
  });

  it.each([
    ['1,234', 1234], ['1.234', 1234], ["1'234", 1234], ['1’234', 1234], ['1\u00a0234', 1234], ['1\u202f234', 1234], ['1 234', 1234],
    ['3 191 033', 3191033], ['1.234.567', 1234567], ['987', 987], ['12345', 12345],
  ])('a final count printed as %s', (printed, n) => {
    const text = `@!@!@STARTMSG 2193:0 @!@!@\nModel checking completed. No error has been found.\n@!@!@ENDMSG 2193 @!@!@\n@!@!@STARTMSG 2199:0 @!@!@\n${printed} states generated, ${printed} distinct states found, 0 states left on queue.\n@!@!@ENDMSG 2199 @!@!@\n@!@!@STARTMSG 2194:0 @!@!@\nThe depth of the complete state graph search is ${printed}.\n@!@!@ENDMSG 2194 @!@!@\n`;
    expect(parse(text, 'M', 0).counts).toEqual({ generated: n, distinct: n, queue: 0, depth: n });
  });
});

describe('what TLC printed besides the verdict', () => {
  it('warnings: 2401 and a SANY linter warning with its location', () => {
    expect(recorded('warn-sany.out').warnings).toEqual([
      'Please run the Java VM, which executes TLC with a throughput optimized garbage collector, by passing the "-XX:+UseParallelGC" property.',
      'line 6, col 14 to line 6, col 14 of module Warn: The field name "x" in the record constructor is identical to the existing definition or declaration named x, located at line 4, col 10 to line 4, col 10 of module Warn. The field in the record will not take the value of the x definition or declaration. In TLA+, field names in records are strings, regardless of any similarly named declarations or definitions. Therefore, DOMAIN [x |-> ...] = {"x"} holds true.',
    ]);
  });

  it('warnings: 2149, a constant-level invariant', () => {
    const r = recorded('const-true.out');
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings?.[0]).toMatch(/^The invariant KSmall is a constant-level formula .* evaluates to TRUE\./);
  });

  it('no warnings where TLC printed none, SANY errors are not warnings', () => {
    for (const name of ['multi-first.out', 'sany-inner-sem.out', 'sany-inner-syntax.out', 'printer.out']) expect(recorded(name).warnings, name).toBeUndefined();
  });

  it('Print/PrintT lines, as often as TLC printed them', () => {
    const r = recorded('printer.out');
    const once = ['<<"init", 0>>', '<<"step from", 0>>  TRUE', '<<"step from", 1>>  TRUE'];
    expect(r.output).toEqual([...once, ...once, ...once]);
  });

  it('TLC\'s own notes and SANY progress are not Print output', () => {
    expect(parse(sample('tool/tool-vals.out'), 'Vals', 12).output).toBeUndefined();
    expect(recorded('grid-en.out').output).toBeUndefined();
  });

  it('coverage per action: distinct and generated states', () => {
    const c = recorded('coverage.out').coverage ?? [];
    expect(c.map((i) => [i.kind, i.name, i.distinct, i.generated])).toEqual([
      ['init', 'Init', 1, 1], ['action', 'IncX', 60, 3660], ['action', 'IncY', 3660, 3660], ['action', 'Reset', 0, 1], ['property', 'TypeOK', undefined, undefined],
    ]);
    expect(c[1]?.location).toEqual(loc('Grid', 8, 1, 8, 4));
    expect(recorded('coverage.out').verdict).toEqual({ kind: 'passed' });
  });

  it('the liveness phase: started and finished once', () => {
    expect(recorded('grid-en.out').liveness).toEqual({ started: 1, finished: 1 });
    expect(parse(sample('tool/tool-pass.out'), 'Toy', 0).liveness).toBeUndefined();
  });

  it('-continue: every violation after the first is kept, in order', () => {
    const r = recorded('multi-continue.out');
    const first = expectKind(r.verdict, 'invariant');
    expect([first.name, first.trace.length]).toEqual(['Below2', 3]);
    expect(r.moreViolations?.map((v) => [v.kind, 'trace' in v ? v.trace.length : 0])).toEqual([['invariant', 4], ['invariant', 5], ['deadlock', 5]]);
    expect(r.counts).toEqual({ generated: 5, distinct: 5, queue: 0, depth: 5 });
    expect(recorded('multi-first.out').moreViolations).toBeUndefined();
  });

  it('a Java stack trace is kept (capped), and is not Print output', () => {
    const r = recorded('deep-debug.out');
    const lines = r.stackTrace?.split('\n') ?? [];
    expect(lines.slice(0, 2)).toEqual(['java.lang.StackOverflowError', '\tat tlc2.tool.impl.Tool.evalApplImpl(Tool.java:1907)']);
    expect(lines).toHaveLength(61);
    expect(lines.at(-1)).toMatch(/^\t… \d+ more lines$/);
    expect(r.output?.some((l) => /^\s+at /.test(l))).toBe(false);
    expect(recorded('deep.out').stackTrace).toBeUndefined();
  });
});

describe('the step that closes a lasso', () => {
  it.each([
    ['5: Back to state: <Cpu_work(c2) line 41, col 3 to line 43, col 18 of module M>', { index: 5, action: { name: 'Cpu_work', args: 'c2', location: loc('M', 41, 3, 43, 18) } }],
    ['Back to state 2: <Step line 6, col 9 to line 6, col 24 of module Live>', { index: 2, action: { name: 'Step', location: loc('Live', 6, 9, 6, 24) } }],
    ['3: Back to state', { index: 3 }],
    ['Back to state 4', { index: 4 }],
  ])('%s', (body, expected) => {
    expect(parseBackToState(body)).toEqual(expected);
  });

  it('is not read from other text', () => {
    expect(parseBackToState('2: <Step line 6, col 9 to line 6, col 24 of module Live>')).toBeUndefined();
  });
});

describe('verdict branches on single messages (synthetic, one per TLC code range)', () => {
  /** A -tool output holding one message of `code`, class 1, after SANY finished. */
  const withMessage = (code: number, body: string, cls = 1) =>
    `@!@!@STARTMSG 2219:0 @!@!@\nSANY finished.\n@!@!@ENDMSG 2219 @!@!@\n@!@!@STARTMSG ${code}:${cls} @!@!@\n${body}\n@!@!@ENDMSG ${code} @!@!@\n@!@!@STARTMSG 2186:0 @!@!@\nFinished in 1ms at (2026-12-02 00:00:00)\n@!@!@ENDMSG 2186 @!@!@\n`;

  it.each([2222, 2229, 2245, 2272, 2274, 2281, 5001, 5006])('config code %i is a config error whatever the exit code', (code) => {
    expect(parse(withMessage(code, 'bad cfg'), 'M').verdict).toEqual({ kind: 'configError', message: 'bad cfg' });
  });

  // 2280 (TLC_CONFIG_UNDEFINED_OR_NO_OPERATOR) is raised only while evaluating (Tool#evalAppl).
  it.each([2155, 2170, 2184, 2102, 2105, 2109, 2111, 2253, 2280, 2405])('evaluation code %i is an evaluation error', (code) => {
    expect(parse(withMessage(code, 'cannot evaluate'), 'M').verdict).toEqual({ kind: 'evalError', message: 'cannot evaluate', stack: [], trace: [] });
  });

  it.each([2154, 2128, 2221, 2246, 2271, 2275, 2279, 2282, 5000, 5007, 1000])('code %i with no stack, trace or telling exit code is a crash', (code) => {
    expect(parse(withMessage(code, 'went wrong'), 'M').verdict.kind).toBe('crashed');
  });

  it.each([
    [75, 'evalError'], [76, 'evalError'], [77, 'evalError'], [74, 'crashed'], [78, 'crashed'],
    [150, 'parseError'], [151, 'configError'], [255, 'crashed'], [0, 'crashed'],
  ] as const)('a general error (1000) with exit %i: %s', (exitCode, kind) => {
    const v = parse(withMessage(1000, 'TLC threw an unexpected exception.'), 'M', exitCode).verdict;
    expect(v.kind).toBe(kind);
    if (v.kind !== 'crashed') expect(v).toMatchObject({ message: 'TLC threw an unexpected exception.' });
    else expect(v).toMatchObject({ exitCode, message: expect.stringMatching(/^TLC threw an unexpected exception\.\nlast lines of TLC's output:\n/) });
  });

  it('a property violated by the initial state (2108)', () => {
    expect(parse(withMessage(2108, 'Property Safe is violated by the initial state:\n/\\ x = 0\n/\\ y = 1'), 'M', 13).verdict).toEqual({
      kind: 'property', name: 'Safe', trace: [{ index: 1, vars: { x: '0', y: '1' } }], stuttering: false,
    });
  });

  it('an action property violated (2112) names the property', () => {
    expect(parse(withMessage(2112, 'Action property Monotone is violated.'), 'M', 13).verdict).toMatchObject({ kind: 'property', name: 'Monotone' });
  });

  it('several temporal properties at once (2116): the first is named', () => {
    expect(parse(withMessage(2116, 'Temporal properties Live1, Live2, and Live3 were violated.'), 'M', 13).verdict).toMatchObject({ kind: 'property', name: 'Live1' });
  });

  it('TLC releases that name no property (2116 "Temporal properties were violated."): unnamed, not a property called "were"', () => {
    const v = parse(withMessage(2116, 'Temporal properties were violated.'), 'M', 13).verdict;
    expect(v.kind).toBe('property');
    expect(v.kind === 'property' && v.name).toBeUndefined();
  });

  it('exit meanings: signals are 129–149 only', () => {
    expect([128, 129, 149, 200].map(exitMeaning)).toEqual(['unknown exit code', 'killed by signal 1', 'killed by signal 21', 'unknown exit code']);
  });
});

describe('warnings, output and stack traces: edges (synthetic)', () => {
  it('JVM warnings before TLC starts are warnings; other JVM notes are not', () => {
    const text = `Picked up JAVA_TOOL_OPTIONS: -Dfile.encoding=UTF-8\nOpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes\n${fixture('const-true.out')}`;
    const r = parse(text, 'Const', 0);
    expect(r.warnings?.[0]).toBe('OpenJDK 64-Bit Server VM warning: Sharing is only supported for boot loader classes');
    expect(r.warnings).toHaveLength(2);
    expect(r.output).toBeUndefined();
  });

  it('SANY\'s "*** Warnings: N" header is not itself a warning', () => {
    for (const n of [1, 12]) {
      const text = fixture('warn-sany.out').replace('Linting of module Warn\n', `Linting of module Warn\n*** Warnings: ${n}\n\n`);
      expect(parse(text, 'Warn', 0).warnings).toEqual(recorded('warn-sany.out').warnings);
    }
  });

  it('a SANY warning whose location and text share a paragraph, indented: located the same way, trimmed', () => {
    const text = fixture('warn-sany.out').replace('Linting of module Warn\n', 'Linting of module Warn\n\n  line 3, col 1 to line 3, col 5 of module Warn\n  Something odd\n  here.\n\n');
    expect(parse(text, 'Warn', 0).warnings).toEqual([
      recorded('warn-sany.out').warnings![0], 'line 3, col 1 to line 3, col 5 of module Warn: Something odd here.', ...recorded('warn-sany.out').warnings!.slice(1),
    ]);
  });

  it('plain-mode output has no Print lines, no coverage, no liveness', () => {
    const r = parse(sample('pass.out'), 'Counter');
    expect([r.output, r.coverage, r.liveness, r.warnings, r.moreViolations, r.stackTrace]).toEqual([undefined, undefined, undefined, undefined, undefined, undefined]);
    expect(recorded('grid-en.out').coverage).toBeUndefined();
  });

  it('a throwable line without frames is not a stack trace', () => {
    const text = fixture('printer.out').replace('<<"init", 0>>\n', '<<"init", 0>>\njava.lang.Exception: not thrown, printed\n');
    const r = parse(text, 'Printer', 11);
    expect(r.stackTrace).toBeUndefined();
    expect(r.output).toContain('java.lang.Exception: not thrown, printed');
  });

  it.each([[59, 60, false], [60, 61, true]])('a trace of %i frames keeps %i lines, capped: %s', (n, lines, capped) => {
    const frames = Array.from({ length: n }, (_, i) => `\tat a.B.c(B.java:${i})`).join('\n');
    const r = parse(`${fixture('deep.out')}java.lang.Error: boom\n${frames}\n`, 'Deep', 75);
    const kept = r.stackTrace?.split('\n') ?? [];
    expect(kept).toHaveLength(lines);
    expect(kept.at(-1)).toBe(capped ? '\t… 1 more lines' : `\tat a.B.c(B.java:${n - 1})`);
  });
});

describe('-simulate runs (synthetic, the messages of TLC 2026.11)', () => {
  const progress = (traces: number, generated: number) => tlcMessage(2209, 0, `Progress(${traces}) at 2026-12-02 06:48:23: ${generated} states generated, -1 distinct states found, -1 states left on queue.`);
  const done = (generated: number, seed: string) => tlcMessage(2210, 0, `The number of states generated: ${generated}\nSimulation using seed ${seed} and aril 0`);
  const run = (text: string, exitCode?: number) => parseToolOutput(text, { module: 'M', config: 'c', durationMs: 1, ...(exitCode === undefined ? {} : { exitCode }) });

  it('a 2210 without a count, or a progress line without one: the figures it has, no guess', () => {
    const r = run(tlcMessage(2185, 0, 'Starting...') + tlcMessage(2210, 0, 'Simulation using seed 7 and aril 0') + tlcMessage(2186, 0, 'Finished in 1s'), 0);
    expect(r.simulation).toEqual({ seed: '7' });
    const p = run(tlcMessage(2185, 0, 'Starting...') + tlcMessage(2209, 0, 'Progress(4) at 2026-12-02 06:48:23: no counts here.') + tlcMessage(2186, 0, 'Finished in 1s'), 0);
    expect(p.simulation).toEqual({ traces: 4 });
  });

  it('a failed Assert wrapped in a general error (1000) is the assert, with its trace; the figures are the last progress and 2210', () => {
    const failed = tlcMessage(2185, 0, 'Starting...') + tlcMessage(1000, 1, `TLC threw an unexpected exception.\nThe exception was a tlc2.tool.EvalException\n: ${tlcMessage(2132, 0, 'The first argument of Assert evaluated to FALSE; the second argument was:\n"NoDoubleFree"').trimEnd()}`)
      + tlcMessage(2121, 1, 'The behavior up to this point is:') + tlcMessage(2217, 4, '1: <Initial predicate>\n/\\ x = 0')
      + progress(1, 5) + progress(3, 23) + done(23, '42') + tlcMessage(2186, 0, 'Finished in 1941ms');
    const r = run(failed, 255);
    expect(r.verdict).toEqual({ kind: 'assert', message: 'NoDoubleFree', trace: [{ index: 1, vars: { x: '0' } }] });
    expect(r.simulation).toEqual({ seed: '42', traces: 3, generated: 23 });
  });

  it.each([0, undefined])('2210 with no error and no 2193 is a pass of the traces it ran (exit %s)', (exitCode) => {
    const r = run(tlcMessage(2185, 0, 'Starting...') + progress(300, 1201) + done(1201, '-7') + tlcMessage(2186, 0, 'Finished in 1s'), exitCode);
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.simulation).toEqual({ seed: '-7', traces: 300, generated: 1201 });
  });

  it('a run stopped before 2210 has the last progress figures and no seed; one with 2210 only has no trace count', () => {
    expect(run(tlcMessage(2185, 0, 'Starting...') + progress(2, 9) + progress(4, 17), 137).simulation).toEqual({ traces: 4, generated: 17 });
    expect(run(tlcMessage(2185, 0, 'Starting...') + done(5, '3') + tlcMessage(2186, 0, 'Finished in 1s'), 0).simulation).toEqual({ seed: '3', generated: 5 });
  });

  it('a model-checking run has no simulation figures', () => {
    expect(parse(sample('tool/tool-pass.out'), 'Toy', 0).simulation).toBeUndefined();
  });
});
