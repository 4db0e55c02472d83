/**
 * The parts of dsl/check/tlc.ts around a TLC run, with stand-in `java` scripts (no JVM): finding a
 * usable TLC (`java -version`, the `tlc2.TLC -help` probe and its per-jar cache, each refusal's
 * reason), a jar tool run, and merging TLC's JSON trace into its text trace (`withJsonTrace`).
 * runTlc's own arguments and verdicts are test/tlc-run.test.ts's.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CheckResult, TraceState } from '../dsl/check/result.js';
import { findTlc, runJarTool, withJsonTrace } from '../dsl/check/tlc.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tlc-lookup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

/** A stand-in java running `script` (sh), and a jar file; the probe cache in a directory of its own. */
function stand(script: string) {
  const id = n++;
  const java = path.join(dir, `java-${id}`);
  writeFileSync(java, `#!/bin/sh\n${script}\n`);
  chmodSync(java, 0o755);
  const jar = path.join(dir, `tools-${id}.jar`);
  writeFileSync(jar, 'not really a jar');
  const cache = path.join(dir, `cache-${id}`);
  return { java, jar, cache, env: { JAVA: java, TLA2TOOLS_JAR: jar, XDG_CACHE_HOME: cache, PATH: process.env.PATH } };
}
const HELP = `[ "$1" = -version ] && exit 0\nfor a in "$@"; do [ "$a" = -help ] && { echo 'TLC - provides model checking and simulation of TLA+ specifications - Version 2.19.0 of Day Month 20??'; exit 0; }; done\nexit 3`;

describe('findTlc', () => {
  it('a jar that holds TLC: found, with the version its help prints; the probe is remembered per java and jar', async () => {
    const s = stand(HELP);
    expect(await findTlc(s.env)).toEqual({ found: true, java: s.java, jar: s.jar, version: '2.19.0' });
    const probes = path.join(s.cache, 'zswap-tla', 'probes.json');
    const cached = JSON.parse(readFileSync(probes, 'utf8')) as Record<string, unknown>;
    expect(Object.values(cached)).toEqual([{ ok: true, version: '2.19.0' }]);
    expect(Object.keys(cached)[0]!.split('\0').slice(0, 2)).toEqual([s.java, s.jar]);
    // The same java and jar again: the remembered probe answers, even if `-help` would now say otherwise.
    writeFileSync(s.java, `#!/bin/sh\n[ "$1" = -version ] && exit 0\necho 'Error: Could not find or load main class tlc2.TLC'\nexit 1\n`);
    expect(await findTlc(s.env)).toEqual({ found: true, java: s.java, jar: s.jar, version: '2.19.0' });
  });

  it('TLC without a version in its help: found, with no version', async () => {
    const s = stand(`[ "$1" = -version ] && exit 0\necho 'TLC: model checking of TLA+ specifications'\nexit 0`);
    expect(await findTlc(s.env)).toEqual({ found: true, java: s.java, jar: s.jar });
  });

  it('a java whose -version fails: not found, with the first line of why', async () => {
    const s = stand('echo "broken java" >&2\nexit 2');
    const r = await findTlc(s.env);
    expect(r.found).toBe(false);
    if (!r.found) expect(r.reason).toMatch(new RegExp(`^found ${s.jar} but \`${s.java} -version\` failed: Command failed with exit code 2: ${s.java} -version$`));
  });

  it('a jar that is not TLC: not found, with the first line it printed (or its exit code); nothing is remembered for a jar that is not a file', async () => {
    const s = stand(`[ "$1" = -version ] && exit 0\necho\necho '   '\necho '  Error: Could not find or load main class tlc2.TLC  '\necho 'Caused by: ...'\nexit 1`);
    expect(await findTlc(s.env)).toEqual({ found: false, reason: `${s.jar} is not a usable TLC jar: Error: Could not find or load main class tlc2.TLC` });
    const silent = stand(`[ "$1" = -version ] && exit 0\nexit 7`);
    expect(await findTlc(silent.env)).toEqual({ found: false, reason: `${silent.jar} is not a usable TLC jar: exit 7` });
    const folder = stand(HELP);
    rmSync(folder.jar);
    mkdirSync(folder.jar);
    expect(await findTlc(folder.env)).toEqual({ found: false, reason: `${folder.jar} is not a usable TLC jar: not a file` });
    expect(existsSync(path.join(folder.cache, 'zswap-tla', 'probes.json'))).toBe(false);
  });

  it("the probe: `java -Djava.io.tmpdir=<its own temp directory> -cp <jar> tlc2.TLC -help`, the directory gone after", async () => {
    const seen = path.join(dir, 'probe-args.txt');
    const s = stand(`[ "$1" = -version ] && exit 0\nprintf '%s\\n' "$@" > '${seen}'\necho 'TLC - model checking'`);
    expect(await findTlc(s.env)).toMatchObject({ found: true });
    const args = readFileSync(seen, 'utf8').trimEnd().split('\n');
    expect(args.slice(1)).toEqual(['-cp', s.jar, 'tlc2.TLC', '-help']);
    const tmp = args[0]!.replace(/^-Djava\.io\.tmpdir=/, '');
    expect(path.basename(tmp)).toMatch(/^zswap-tla-probe-/);
    expect(existsSync(tmp)).toBe(false);
  });

  it('without JAVA, the java on the PATH', async () => {
    const s = stand(HELP);
    const bin = mkdtempSync(path.join(dir, 'bin-'));
    const java = path.join(bin, 'java');
    writeFileSync(java, readFileSync(s.java));
    chmodSync(java, 0o755);
    expect(await findTlc({ ...s.env, JAVA: undefined, PATH: `${bin}:${process.env.PATH}` })).toEqual({ found: true, java: 'java', jar: s.jar, version: '2.19.0' });
  });

  it('no jar: the jar lookup\'s reason', async () => {
    expect(await findTlc({ TLA2TOOLS_JAR: path.join(dir, 'missing.jar') })).toEqual({ found: false, reason: `TLA2TOOLS_JAR is set to ${path.join(dir, 'missing.jar')}, which does not exist` });
  });
});

describe('runJarTool', () => {
  it('runs the main class with its own temp directory, in the given directory; its exit code and output', async () => {
    const s = stand(`printf '%s\\n' "$@"\npwd\necho oops >&2\nexit 4`);
    const work = mkdtempSync(path.join(dir, 'work-'));
    const r = await runJarTool({ java: s.java, jar: s.jar }, 'tla2sany.SANY', ['M.tla'], { cwd: work, jvmArgs: ['-Xss4m'] });
    expect(r.exitCode).toBe(4);
    const lines = r.output.split('\n');
    expect(lines[0]).toMatch(/^-Djava\.io\.tmpdir=.*zswap-tla-tool-/);
    expect(lines.slice(1, 6)).toEqual(['-Xss4m', '-cp', s.jar, 'tla2sany.SANY', 'M.tla']);
    expect(lines[6]).toBe(work);
    expect(lines).toContain('oops');
    // Its temp directory is removed afterwards.
    expect(existsSync(lines[0]!.slice('-Djava.io.tmpdir='.length))).toBe(false);
    // No JVM arguments given: none but the temp directory.
    const plain = await runJarTool({ java: s.java, jar: s.jar }, 'tla2sany.SANY', ['M.tla'], { cwd: work });
    expect(plain.output.split('\n').slice(1, 5)).toEqual(['-cp', s.jar, 'tla2sany.SANY', 'M.tla']);
  });

  it('killed at its time limit: no exit code (-1)', async () => {
    const s = stand('exec sleep 5');
    const r = await runJarTool({ java: s.java, jar: s.jar }, 'pcal.trans', [], { cwd: dir, timeoutMs: 200 });
    expect(r.exitCode).toBe(-1);
  });
});

describe('withJsonTrace', () => {
  const loc = { module: 'M', startLine: 7, startCol: 8, endLine: 7, endCol: 26 };
  const text: TraceState[] = [
    { index: 1, vars: { x: '0' } },
    { index: 2, vars: { x: '1' }, action: { name: 'Inc', args: 't1', location: loc } },
  ];
  const result = (trace: TraceState[]): CheckResult => ({ backend: 'tlc', module: 'M', config: 'c', durationMs: 1, verdict: { kind: 'invariant', name: 'Small', initial: false, trace } });
  const json = (states: number, action = true) => JSON.stringify({ counterexample: {
    state: Array.from({ length: states }, (_, i) => [i + 1, { x: i }]),
    action: action ? [[[1, { x: 0 }], { name: 'Inc', parameters: ['t'], context: { t: 't1' } }, [2, { x: 1 }]]] : [],
  } });

  it('adds the JSON trace\'s parameters to each step\'s action, keeping what the text gave, the values as the text printed them', () => {
    const r = withJsonTrace(result(text), json(2));
    // The JSON prints the model value t1 as the string "t1": the text's argument is exact.
    expect(r.verdict.kind === 'invariant' && r.verdict.trace).toEqual([
      { index: 1, vars: { x: '0' } },
      { index: 2, vars: { x: '1' }, action: { name: 'Inc', args: 't1', location: loc, params: { t: 't1' } } },
    ]);
  });

  it.each([
    ['one argument a name', ['a', 'b'], { a: 'p1', b: '<<1, 2>>' }, 'p1, <<1, 2>>', { a: 'p1', b: '<<1, 2>>' }],
    ['strings kept quoted', ['a'], { a: '"r"' }, '"r"', { a: '"r"' }],
    ['not one argument a name: the JSON\'s values', ['a', 'b'], { a: '"p1"', b: '"p2"' }, '[f |-> p1, g |-> p2]', { a: '"p1"', b: '"p2"' }],
    ['no arguments printed: the JSON\'s values', ['a'], { a: '"p1"' }, undefined, { a: '"p1"' }],
    // Without `parameters` the names are the context's keys, whose order need not be the arguments'.
    ['no parameter list in the JSON: its values', undefined, { b: '"p2"', a: '"p1"' }, 'p1, p2', { b: '"p2"', a: '"p1"' }],
  ])('%s', (_, names, context, args, want) => {
    const step = { index: 2, vars: { x: '1' }, action: { name: 'Inc', ...(args === undefined ? {} : { args }) } };
    const dump = JSON.stringify({ counterexample: {
      state: [[1, { x: 0 }], [2, { x: 1 }]],
      action: [[[1, { x: 0 }], { name: 'Inc', ...(names ? { parameters: names } : {}), context: Object.fromEntries(Object.entries(context).map(([k, v]) => [k, JSON.parse(v.startsWith('"') ? v : `"${v}"`)])) }, [2, { x: 1 }]]],
    } });
    const r = withJsonTrace(result([text[0]!, step]), dump);
    expect(r.verdict.kind === 'invariant' && r.verdict.trace[1]!.action!.params).toEqual(want);
  });

  it('a JSON trace of another length, one without actions, a result without a trace or with an empty one: as it was', () => {
    const r = result(text);
    expect(withJsonTrace(r, json(3))).toBe(r);
    expect(withJsonTrace(r, json(2, false))).toEqual(r);
    const empty = result([]);
    expect(withJsonTrace(empty, json(0))).toBe(empty);
    const passed: CheckResult = { backend: 'tlc', module: 'M', config: 'c', durationMs: 1, verdict: { kind: 'passed' } };
    expect(withJsonTrace(passed, json(2))).toBe(passed);
  });
});
