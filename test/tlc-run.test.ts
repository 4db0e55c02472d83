/**
 * What `runTlc` (dsl/check/tlc.ts) makes of a TLC run, with a stand-in `java` (a shell script
 * that prints given `-tool` output, exits with a given code, or hangs) instead of a JVM: the
 * arguments TLC gets, the verdict for each way a run ends (time limit, abort, a java that does
 * not start, a simulation cut by its time limit), and the notes on counts. No model checking.
 */
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  checkTimeout, createTlcChecker, defaultTlcHeap, MAX_TIMEOUT_MS, newestCheckpoint, runDeadline, runTlc, stateDir, tlcJvmArgs, workerCount, writeJobFiles,
} from '../dsl/check/tlc.js';
import { randomSeed } from '../dsl/check/seed.js';
import { tlcMessage } from './helpers/tlc-message.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tlc-run-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const START = tlcMessage(2262, 0, 'TLC2 Version 2.19') + tlcMessage(2185, 0, 'Starting... (2026-12-02 10:00:00)');
const PASS = START + tlcMessage(2190, 0, 'Finished computing initial states: 1 distinct state generated.') + tlcMessage(2193, 0, 'Model checking completed. No error has been found.')
  + tlcMessage(2199, 0, '4 states generated, 3 distinct states found, 0 states left on queue.') + tlcMessage(2186, 0, 'Finished in 1s');
const VIOLATION = START + tlcMessage(2110, 1, 'Invariant Small is violated.') + tlcMessage(2121, 1, 'The behavior up to this point is:')
  + tlcMessage(2217, 4, '1: <Initial predicate>\nx = 0\n') + tlcMessage(2217, 4, '2: <Inc(t1) line 7, col 8 to line 7, col 26 of module M>\nx = 1\n')
  + tlcMessage(2199, 0, '2 states generated, 2 distinct states found, 0 states left on queue.') + tlcMessage(2186, 0, 'Finished in 1s');

let n = 0;
/** A stand-in java: records its arguments, prints `output`, then sleeps `sleep` seconds and exits with `exit`. */
function fakeJava(o: { output: string; exit?: number; sleep?: number; json?: string }): { java: string; args: () => string[] } {
  const id = n++;
  const out = path.join(dir, `out-${id}.txt`);
  const argsFile = path.join(dir, `args-${id}.txt`);
  writeFileSync(out, o.output);
  // With `json`, the trace TLC would dump goes to the path after `-dumpTrace json`.
  const dump = o.json === undefined ? '' : (writeFileSync(`${out}.json`, o.json), `while [ $# -gt 0 ]; do [ "$1" = json ] && cp '${out}.json' "$2"; shift; done\n`);
  const java = fakeScript(`printf '%s\\n' "$@" > '${argsFile}'\ncat '${out}'\n${dump}${o.sleep ? `exec sleep ${o.sleep}\n` : ''}exit ${o.exit ?? 0}\n`);
  return { java, args: () => readFileSync(argsFile, 'utf8').trimEnd().split('\n') };
}
/** A stand-in java running `script` (sh) as it is, named `<name>-<n>`. */
function fakeScript(script: string, name = 'java'): string {
  const java = path.join(dir, `${name}-${n++}`);
  writeFileSync(java, `#!/bin/sh\n${script}`);
  chmodSync(java, 0o755);
  return java;
}
const JAR = '/opt/tla/tla2tools.jar';

// Concurrent: each test has its own stand-in java and files, and most of their time is a time limit running out.
describe.concurrent('runTlc with a stand-in java', () => {
  it('a pass: the verdict and counts from the output, and the arguments TLC is run with', async () => {
    const j = fakeJava({ output: PASS });
    const r = await runTlc({ java: j.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { workers: 1, memory: 512 * 2 ** 20, jvmArgs: ['-Dx=1'], fpmem: 0.5 });
    expect(r).toMatchObject({ backend: 'tlc', module: 'M', config: 'c', verdict: { kind: 'passed' }, counts: { generated: 4, distinct: 3 } });
    expect(r.countsVary).toBeUndefined();
    const args = j.args();
    expect(args.slice(0, 4)).toEqual(['-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', expect.stringMatching(/^-Djava\.io\.tmpdir=.*zswap-tla-tlc-/)]);
    expect(args.slice(4, 7)).toEqual(['-Xmx512m', '-Dtlc2.TLC.progressInterval=3', '-Dx=1']);
    expect(args.slice(7, 13)).toEqual(['-cp', JAR, 'tlc2.TLC', '-tool', '-workers', '1']);
    expect(args).toContain('-noGenerateSpecTE');
    expect(args[args.indexOf('-metadir') + 1]).toMatch(/zswap-tla-tlc-[^/]*\/states$/);
    expect(args[args.indexOf('-fpmem') + 1]).toBe('0.5');
    expect(args.slice(-6)).toEqual(['-dumpTrace', 'json', expect.stringMatching(/trace\.json$/), '-config', 'M.c.cfg', 'M.tla']);
    // Nothing else: no flag of an option not given (-simulate, -recover, -checkpoint, -coverage).
    expect(args.length).toBe(7 + 6 + 1 + 2 + 2 + 6);
    expect(r).not.toHaveProperty('simulation');
  });

  it("the run's duration is the time it took", async () => {
    const t0 = performance.now();
    const r = await runTlc({ java: fakeJava({ output: PASS }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c');
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
    expect(r.durationMs).toBeLessThanOrEqual(Math.ceil(performance.now() - t0));
  });

  it('the defaults (workers auto, no coverage), step coverage when asked and not simulating; progress reported and output captured', async () => {
    const j = fakeJava({ output: PASS });
    const seen: string[] = [];
    const capture: { output?: string; traceJson?: string } = {};
    await runTlc({ java: j.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { onProgress: (p) => seen.push(p.phase), capture });
    expect(j.args()[j.args().indexOf('-workers') + 1]).toBe('auto');
    // JVM (6), TLC's class path (3), -tool to -metadir (6), -dumpTrace to the module (6): nothing else.
    expect(j.args().length).toBe(21);
    expect(j.args()).not.toContain('-coverage');
    expect(j.args()).not.toContain('-fpmem');
    expect(seen).toEqual(['starting', 'exploring']);
    expect(capture.output).toBe(PASS.trimEnd()); // execa drops the final newline
    expect(capture).not.toHaveProperty('traceJson');
    const cov = fakeJava({ output: PASS });
    await runTlc({ java: cov.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { coverage: true });
    expect(cov.args().slice(cov.args().indexOf('-coverage'), cov.args().indexOf('-coverage') + 2)).toEqual(['-coverage', '60']);
    const simCov = fakeJava({ output: PASS });
    await runTlc({ java: simCov.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { coverage: true, simulate: { seed: 1n } });
    expect(simCov.args()).not.toContain('-coverage');
  });

  it('a violation found by several workers: its count varies; by one worker it does not', async () => {
    const two = await runTlc({ java: fakeJava({ output: VIOLATION, exit: 12 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { workers: 2 });
    expect(two.verdict).toMatchObject({ kind: 'invariant', name: 'Small' });
    expect(two.countsVary).toBe('TLC with 2 workers');
    const one = await runTlc({ java: fakeJava({ output: VIOLATION, exit: 12 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { workers: 1 });
    expect(one.countsVary).toBeUndefined();
    const pass = await runTlc({ java: fakeJava({ output: PASS }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { workers: 2 });
    expect(pass.countsVary).toBeUndefined();
  });

  it('the JSON trace names the parameters the text trace lacks, when it has the same states', async () => {
    const json = (states: number) => JSON.stringify({ counterexample: {
      state: Array.from({ length: states }, (_, i) => [i + 1, { x: i }]),
      action: [[[1, { x: 0 }], { name: 'Inc', parameters: ['t'], context: { t: 't1' } }, [2, { x: 1 }]]],
    } });
    const r = await runTlc({ java: fakeJava({ output: VIOLATION, exit: 12, json: json(2) }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { workers: 1 });
    // The value as the text printed it: the JSON prints the model value t1 as a string.
    expect(r.verdict.kind === 'invariant' && r.verdict.trace[1]!.action).toEqual({ name: 'Inc', args: 't1', params: { t: 't1' }, location: { module: 'M', startLine: 7, startCol: 8, endLine: 7, endCol: 26 } });
    const capture: { traceJson?: string } = {};
    await runTlc({ java: fakeJava({ output: VIOLATION, exit: 12, json: json(2) }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { workers: 1, capture });
    expect(capture.traceJson).toBe(json(2));
    const other = await runTlc({ java: fakeJava({ output: VIOLATION, exit: 12, json: json(3) }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { workers: 1 });
    expect(other.verdict.kind === 'invariant' && other.verdict.trace[1]!.action?.params).toBeUndefined();
  });

  it('a run that outlasts its time limit is a timeout with how far it got, never a pass', async () => {
    const progress = tlcMessage(2200, 0, 'Progress(5) at 2026-12-02 10:00:01: 40 states generated (40 s/min), 30 distinct states found (30 ds/min), 7 states left on queue.');
    const r = await runTlc({ java: fakeJava({ output: START + progress, sleep: 5 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 300 });
    expect(r.verdict).toEqual({ kind: 'timeout', afterMs: 300, progress: { phase: 'exploring', depth: 5, generated: 40, distinct: 30, distinctPerMinute: 30, queue: 7 } });
    expect(r.rawTail).toContain('Progress(5)');
    const bare = await runTlc({ java: fakeJava({ output: '', sleep: 5 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 200 });
    expect(bare.verdict).toEqual({ kind: 'timeout', afterMs: 200 });
  });

  it('a simulation with no trace count ends at its time limit as a pass that says so', async () => {
    const sim = tlcMessage(2209, 0, 'Progress(9) at 2026-12-02 10:00:01: 120 states generated (120 s/min), 6 traces generated.');
    const j = fakeJava({ output: START + sim, sleep: 5 });
    const r = await runTlc({ java: j.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 300, simulate: { seed: 5n, depth: 7 } });
    const args = j.args();
    expect(args.slice(args.indexOf('-simulate'), args.indexOf('-simulate') + 5)).toEqual(['-simulate', '-depth', '7', '-seed', '5']);
    expect(args[args.indexOf('-workers') + 1]).toBe('1');
    expect(r).toMatchObject({ backend: 'tlc', module: 'M', config: 'c', verdict: { kind: 'passed' } });
    expect(r.simulation).toEqual({ seed: '5', depth: 7, traces: 9, generated: 120, timeLimited: true });
    // TLC silent until the time limit: a timeout, not a pass.
    const silent = await runTlc({ java: fakeJava({ output: '', sleep: 5 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 300, simulate: { seed: 5n } });
    expect(silent.verdict).toEqual({ kind: 'timeout', afterMs: 300 });
    // Without a trace count in TLC's progress, the time limit is a timeout.
    const none = await runTlc({ java: fakeJava({ output: START, sleep: 5 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 300, simulate: { seed: 5n } });
    expect(none.verdict).toEqual({ kind: 'timeout', afterMs: 300 });
  });

  it('a simulation that finishes: its seed, trace count asked for and depth', async () => {
    const j = fakeJava({ output: PASS });
    const r = await runTlc({ java: j.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { simulate: { seed: 9n, traces: 50 }, workers: 3 });
    expect(r.simulation).toMatchObject({ seed: '9', maxTraces: 50, depth: 100 });
    const args = j.args();
    expect(args.slice(args.indexOf('-simulate'), args.indexOf('-simulate') + 6)).toEqual(['-simulate', 'num=50', '-depth', '100', '-seed', '9']);
    expect(args[args.indexOf('-workers') + 1]).toBe('3');
  });

  it('a simulation that ends with a violation before its time limit is the violation, not a pass', async () => {
    const sim = tlcMessage(2209, 0, 'Progress(9) at 2026-12-02 10:00:01: 120 states generated (120 s/min), 6 traces generated.');
    const r = await runTlc({ java: fakeJava({ output: START + sim + VIOLATION.slice(START.length), exit: 12 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 60_000, simulate: { seed: 5n }, workers: 'auto' });
    expect(r.verdict).toMatchObject({ kind: 'invariant', name: 'Small' });
    expect(r.simulation).toMatchObject({ seed: '5', depth: 100 });
    expect(r.simulation).not.toHaveProperty('timeLimited');
  });

  it("a simulation runs one worker unless given a number, 'auto' included", async () => {
    const j = fakeJava({ output: PASS });
    await runTlc({ java: j.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { simulate: { seed: 1n }, workers: 'auto' });
    expect(j.args()[j.args().indexOf('-workers') + 1]).toBe('1');
  });

  it('the time limit counts from TLC\'s start (the JVM\'s own start-up excluded), once: progress does not extend it', async () => {
    // 0.8 s to start, then 1 s of work: 1.8 s in all, within a 1.5 s limit counted from the start.
    const slowStart = fakeScript(`sleep 0.8\ncat <<'EOF'\n${START}EOF\nsleep 1\ncat <<'EOF'\n${PASS.slice(START.length)}EOF\n`);
    const r = await runTlc({ java: slowStart, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 1500 });
    expect(r.verdict).toEqual({ kind: 'passed' });
    // Progress every 0.15 s for 3 s: the 0.5 s limit still ends it.
    const progress = (i: number) => tlcMessage(2200, 0, `Progress(${i}) at 2026-12-02 10:00:01: 40 states generated (40 s/min), ${i} distinct states found (30 ds/min), 7 states left on queue.`);
    const chatty = fakeScript(`cat <<'EOF'\n${START}EOF\n${Array.from({ length: 20 }, (_, i) => `sleep 0.15\ncat <<'EOF'\n${progress(i + 1)}EOF\n`).join('')}cat <<'EOF'\n${PASS.slice(START.length)}EOF\n`);
    const t = await runTlc({ java: chatty, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 500 });
    expect(t.verdict.kind).toBe('timeout');
  });

  it('a timeout in a phase that reports no counts keeps the last counts, with the new phase', async () => {
    const progress = tlcMessage(2200, 0, 'Progress(5) at 2026-12-02 10:00:01: 40 states generated (40 s/min), 30 distinct states found (30 ds/min), 7 states left on queue.');
    const live = tlcMessage(2192, 0, 'Checking temporal properties for the current state space');
    const r = await runTlc({ java: fakeJava({ output: START + progress + live, sleep: 5 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 400 });
    expect(r).toMatchObject({ backend: 'tlc', module: 'M', config: 'c' });
    expect(r.verdict).toEqual({ kind: 'timeout', afterMs: 400, progress: { phase: 'liveness', depth: 5, generated: 40, distinct: 30, distinctPerMinute: 30, queue: 7 } });
  });

  it("a timeout's raw tail is the output's last 40 lines", async () => {
    const lines = Array.from({ length: 50 }, (_, i) => `printed ${i}`).join('\n');
    const r = await runTlc({ java: fakeJava({ output: `${START}${lines}\n`, sleep: 5 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { timeoutMs: 300 });
    const tail = r.rawTail!.split('\n');
    expect(tail.length).toBe(40);
    expect(tail.at(-1)).toBe('printed 49');
    expect(tail[0]).toBe('printed 10');
  });

  it("TLC's exit code reaches the parser: a config error (151) with no message saying more", async () => {
    const r = await runTlc({ java: fakeJava({ output: START, exit: 151 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c');
    expect(r).toMatchObject({ backend: 'tlc', module: 'M', config: 'c', verdict: { kind: 'configError' } });
  });

  it('an aborted signal: crashed, interrupted', async () => {
    const r = await runTlc({ java: fakeJava({ output: START, sleep: 5 }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { signal: AbortSignal.abort() });
    expect(r).toMatchObject({ backend: 'tlc', module: 'M', config: 'c', verdict: { kind: 'crashed', message: 'interrupted' } });
  });

  it('a java that cannot be started: crashed, with why', async () => {
    const r = await runTlc({ java: path.join(dir, 'no-such-java'), jar: JAR }, dir, 'M', 'M.c.cfg', 'c');
    expect(r).toMatchObject({ backend: 'tlc', module: 'M', config: 'c' });
    expect(r.verdict.kind).toBe('crashed');
    if (r.verdict.kind === 'crashed') expect(r.verdict.message).toMatch(/no-such-java/);
  });

  it('checkpoints: the kept directory, -checkpoint minutes; resuming takes the newest checkpoint and says counts vary', async () => {
    const ck = path.join(dir, 'ck');
    const j = fakeJava({ output: PASS });
    await runTlc({ java: j.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { checkpoint: { dir: ck, minutes: 5 } });
    const args = j.args();
    expect(args[args.indexOf('-metadir') + 1]).toBe(path.join(ck, 'M.c'));
    expect(args[args.indexOf('-checkpoint') + 1]).toBe('5');
    const none = await runTlc({ java: fakeJava({ output: PASS }).java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { checkpoint: { dir: ck, resume: true } });
    expect(none).toMatchObject({ backend: 'tlc', module: 'M', config: 'c' });
    expect(none.verdict).toEqual({ kind: 'crashed', message: `--resume: no TLC checkpoint of M/c under ${path.join(ck, 'M.c')} (run with --checkpoint-dir first)` });
    for (const [run, files] of [['26-12-02-07-01-33.123', ['a.chkpt']], ['26-12-02-08-00-00.000', ['queue', 'a.chkpt', 'M.fp']], ['26-12-02-09-00-00.000', ['other']]] as const) {
      mkdirSync(path.join(ck, 'M.c', run), { recursive: true });
      for (const f of files) writeFileSync(path.join(ck, 'M.c', run, f), '');
    }
    writeFileSync(path.join(ck, 'M.c', 'z-not-a-dir.chkpt'), '');
    const j2 = fakeJava({ output: PASS });
    const resumed = await runTlc({ java: j2.java, jar: JAR }, dir, 'M', 'M.c.cfg', 'c', { checkpoint: { dir: ck, resume: true } });
    expect(j2.args()[j2.args().indexOf('-recover') + 1]).toBe(path.join(ck, 'M.c', '26-12-02-08-00-00.000'));
    expect(resumed.countsVary).toBe('resumed from a TLC checkpoint');
  });
});

describe('the TLC checker with a stand-in java and jar', () => {
  /**
   * A java that answers `-version`, TLC's `-help` (with its version), and otherwise prints
   * `output` and exits with `exit`, having noted its directory and `java.io.tmpdir` in `seen`
   * and copied `json` to the `-dumpTrace json` path.
   */
  function setup(output: string, o: { exit?: number; json?: string; version?: string } = {}) {
    const id = n++;
    const out = path.join(dir, `tlc-out-${id}.txt`);
    writeFileSync(out, output);
    const seen = path.join(dir, `tlc-seen-${id}.txt`);
    if (o.json !== undefined) writeFileSync(`${out}.json`, o.json);
    const dump = o.json === undefined ? '' : `for a in "$@"; do [ "$prev" = json ] && cp '${out}.json' "$a"; prev="$a"; done\n`;
    const java = fakeScript(`[ "$1" = -version ] && exit 0\nfor a in "$@"; do [ "$a" = -help ] && { echo 'TLC - provides model checking and simulation of TLA+ specifications${o.version === '' ? '' : ` - Version ${o.version ?? '2.19.0'}`}'; exit 0; }; done\n`
      + `pwd > '${seen}'\nfor a in "$@"; do case "$a" in -Djava.io.tmpdir=*) echo "\${a#-Djava.io.tmpdir=}" >> '${seen}';; esac; done\n${dump}cat '${out}'\nexit ${o.exit ?? 12}\n`, 'tlc-java');
    const jar = path.join(dir, `tla2tools-${id}.jar`);
    writeFileSync(jar, 'not really a jar');
    const checker = createTlcChecker({ JAVA: java, TLA2TOOLS_JAR: jar, XDG_CACHE_HOME: path.join(dir, `cache-${id}`), PATH: process.env.PATH });
    return Object.assign(checker, { java, jar, seen: () => readFileSync(seen, 'utf8').trimEnd().split('\n') });
  }
  const job = (params: string[], properties: string[] = [], more: { name: string; params: string[] }[] = []) => ({
    module: { name: 'M', actions: [{ name: 'Inc', params }, ...more].map((a) => ({ name: a.name, params: a.params.map((hint) => ({ binder: { id: 0, hint } })) })) },
    config: { name: 'c', properties, checkDeadlock: true }, tla: '---- MODULE M ----\n====\n', cfg: '', spans: [],
  }) as never;

  it("is named tlc, runs TLC in a job directory and temp directory of its own, both gone after; a pass is a pass", async () => {
    const c = setup(PASS, { exit: 0 });
    expect(c.name).toBe('tlc');
    const r = await c.check(job([]));
    expect(r).toMatchObject({ backend: 'tlc', module: 'M', config: 'c', verdict: { kind: 'passed' } });
    const [cwd, tmp] = c.seen();
    expect(path.basename(cwd!)).toMatch(/^zswap-tla-job-/);
    expect(path.basename(tmp!)).toMatch(/^zswap-tla-tlc-/);
    expect([existsSync(cwd!), existsSync(tmp!)]).toEqual([false, false]);
  });
  it('without a version in its help: available, the detail naming java and jar only', async () => {
    const c = setup(PASS, { version: '' });
    expect(await c.available()).toEqual({ ok: true, detail: `TLC: ${c.java} -cp ${c.jar}` });
  });
  it("names a step's arguments from the action of that name only; a step with no arguments, or of no action of the IR, is left as it is", async () => {
    const steps = START + tlcMessage(2110, 1, 'Invariant Small is violated.') + tlcMessage(2121, 1, 'The behavior up to this point is:')
      + tlcMessage(2217, 4, '1: <Initial predicate>\nx = 0\n') + tlcMessage(2217, 4, '2: <Inc line 7, col 8 to line 7, col 26 of module M>\nx = 1\n')
      + tlcMessage(2217, 4, '3: <Move(1, "b") line 8, col 8 to line 8, col 26 of module M>\nx = 2\n') + tlcMessage(2217, 4, '4: <Gone(3) line 9, col 8 to line 9, col 26 of module M>\nx = 3\n')
      + tlcMessage(2186, 0, 'Finished in 1s');
    const r = await setup(steps).check(job([], [], [{ name: 'Skip', params: ['a'] }, { name: 'Move', params: ['p', 'q'] }]));
    const actions = r.verdict.kind === 'invariant' ? r.verdict.trace.map((s) => s.action && { name: s.action.name, args: s.action.args, params: s.action.params }) : [];
    expect(actions).toEqual([undefined, { name: 'Inc', args: undefined, params: undefined }, { name: 'Move', args: '1, "b"', params: { p: '1', q: '"b"' } }, { name: 'Gone', args: '3', params: undefined }]);
  });
  it('parameters the JSON trace names are kept by its names (not the IR\'s), with the text\'s values', async () => {
    const json = JSON.stringify({ counterexample: {
      state: [[1, { x: 0 }], [2, { x: 1 }]],
      action: [[[1, { x: 0 }], { name: 'Inc', parameters: ['u'], context: { u: 't1' } }, [2, { x: 1 }]]],
    } });
    const r = await setup(VIOLATION, { json }).check(job(['t']));
    expect(r.verdict.kind === 'invariant' && r.verdict.trace[1]!.action?.params).toEqual({ u: 't1' });
  });
  it("an invariant's name, or a property TLC names, is kept though the config checks one property", async () => {
    expect((await setup(VIOLATION).check(job(['t'], ['Live']))).verdict).toMatchObject({ kind: 'invariant', name: 'Small' });
    const deadlock = START + tlcMessage(2114, 1, 'Deadlock reached.') + tlcMessage(2121, 1, 'The behavior up to this point is:')
      + tlcMessage(2217, 4, '1: <Initial predicate>\nx = 0\n') + tlcMessage(2186, 0, 'Finished in 1s');
    const d = (await setup(deadlock).check(job([], ['Live']))).verdict;
    expect(d.kind).toBe('deadlock');
    expect(d).not.toHaveProperty('name');
    const named = START + tlcMessage(2116, 1, 'Temporal property Eventually is violated.') + tlcMessage(2264, 1, 'The following behavior constitutes a counter-example:')
      + tlcMessage(2217, 4, '1: <Initial predicate>\nx = 0\n') + tlcMessage(2122, 4, '2: Stuttering') + tlcMessage(2186, 0, 'Finished in 1s');
    expect((await setup(named).check(job([], ['Other']))).verdict).toMatchObject({ kind: 'property', name: 'Eventually' });
  });
  it('a distributed run goes to distributed TLC, not to a local run', async () => {
    const r = await setup(VIOLATION).check(job([]), { distributed: { localWorkers: 1 } } as never);
    expect(r.verdict.kind).toBe('crashed');
  });

  it('is available with the version TLC prints, and names an action\'s arguments from the IR', async () => {
    const c = setup(VIOLATION);
    const a = await c.available();
    expect(a).toMatchObject({ ok: true, version: '2.19.0' });
    expect(a.ok && a.detail).toMatch(/^TLC 2\.19\.0: .*tlc-java-\d+ -cp .*tla2tools-\d+\.jar$/);
    const r = await c.check(job(['t']));
    expect(r.verdict.kind === 'invariant' && r.verdict.trace[1]!.action?.params).toEqual({ t: 't1' });
    // A count of names that does not match the arguments: left unnamed.
    const two = await c.check(job(['t', 'u']));
    expect(two.verdict.kind === 'invariant' && two.verdict.trace[1]!.action?.params).toBeUndefined();
  });
  it('a property TLC does not name takes the one property the config checks', async () => {
    const live = START + tlcMessage(2116, 1, 'Temporal properties were violated.') + tlcMessage(2264, 1, 'The following behavior constitutes a counter-example:')
      + tlcMessage(2217, 4, '1: <Initial predicate>\nx = 0\n') + tlcMessage(2122, 4, '2: Stuttering') + tlcMessage(2186, 0, 'Finished in 1s');
    const one = await setup(live).check(job([], ['Refines']));
    expect(one.verdict).toMatchObject({ kind: 'property', name: 'Refines' });
    const two = await setup(live).check(job([], ['A', 'B']));
    expect(two.verdict.kind === 'property' && two.verdict.name).toBeFalsy();
  });
  it('a distributed run of a config with properties is refused as crashed', async () => {
    const r = await setup(PASS).check(job([], ['Live']), { distributed: { workers: 2 } } as never);
    expect(r).toMatchObject({ backend: 'tlc', module: 'M', config: 'c', durationMs: 0, verdict: { kind: 'crashed' } });
    if (r.verdict.kind === 'crashed') expect(r.verdict.message).toMatch(/^distributed TLC does not check temporal properties .* this config checks Live: check it without --distributed$/);
  });
});

describe('TLC helpers', () => {
  it('no jar: the checker is unavailable, and a check is crashed with the reason, never a pass', async () => {
    const c = createTlcChecker({ TLA2TOOLS_JAR: '/nonexistent/t.jar' });
    const reason = 'TLA2TOOLS_JAR is set to /nonexistent/t.jar, which does not exist';
    expect(await c.available()).toEqual({ ok: false, reason });
    const job = { module: { name: 'M' }, config: { name: 'c' } } as unknown as Parameters<typeof c.check>[0];
    expect(await c.check(job)).toEqual({ backend: 'tlc', module: 'M', config: 'c', durationMs: 0, verdict: { kind: 'crashed', message: `TLC is not available: ${reason}` } });
  });
  it("writeJobFiles: the module, its cfg and the modules it instances, nothing else; the cfg's name", async () => {
    const base = { module: { name: 'M' }, config: { name: 'c' }, tla: 'the module', cfg: 'the cfg' };
    const one = mkdtempSync(path.join(dir, 'job-'));
    expect(await writeJobFiles(base as never, one)).toBe('M.c.cfg');
    expect(readdirSync(one).sort()).toEqual(['M.c.cfg', 'M.tla']);
    expect([readFileSync(path.join(one, 'M.tla'), 'utf8'), readFileSync(path.join(one, 'M.c.cfg'), 'utf8')]).toEqual(['the module', 'the cfg']);
    const two = mkdtempSync(path.join(dir, 'job-'));
    await writeJobFiles({ ...base, instanced: new Map([['Abstract', 'the abstract module']]) } as never, two);
    expect(readdirSync(two).sort()).toEqual(['Abstract.tla', 'M.c.cfg', 'M.tla']);
    expect(readFileSync(path.join(two, 'Abstract.tla'), 'utf8')).toBe('the abstract module');
  });
  it('defaultTlcHeap: half of memory, leaving 2 GiB, at least 256 MiB', () => {
    const G = 2 ** 30;
    expect(defaultTlcHeap(16 * G)).toBe(8 * G);
    expect(defaultTlcHeap(3 * G)).toBe(1 * G);
    expect(defaultTlcHeap(4 * G)).toBe(2 * G);
    expect(defaultTlcHeap(1 * G)).toBe(256 * 2 ** 20);
    expect(defaultTlcHeap(5 * G + 1)).toBe(Math.floor((5 * G + 1) / 2));
  });
  it('tlcJvmArgs: the heap in MiB, the progress interval rounded and at least 1', () => {
    expect(tlcJvmArgs('/w', { memory: 3 * 2 ** 20 + 5, progressSeconds: 0.2 })).toEqual([
      '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', '-Djava.io.tmpdir=/w', '-Xmx3m', '-Dtlc2.TLC.progressInterval=1',
    ]);
    expect(tlcJvmArgs('/w', { memory: 2 ** 30, progressSeconds: 2.6, jvmArgs: ['-Xmx1g'] }).slice(4)).toEqual(['-Xmx1024m', '-Dtlc2.TLC.progressInterval=3', '-Xmx1g']);
    expect(tlcJvmArgs('/w', {})[4]).toBe(`-Xmx${Math.floor(defaultTlcHeap() / 2 ** 20)}m`);
  });
  it('stateDir without checkpoints: a fresh states directory in the work directory', async () => {
    expect(await stateDir('/w', 'M', 'c', {})).toEqual({ metadir: path.join('/w', 'states') });
    expect(await newestCheckpoint(path.join(dir, 'none'))).toBeUndefined();
  });
  it('randomSeed: 63 bits (a valid Java long), not always the same', () => {
    const seeds = Array.from({ length: 200 }, randomSeed);
    for (const s of seeds) { expect(s).toBeGreaterThanOrEqual(0n); expect(s).toBeLessThan(2n ** 63n); }
    expect(new Set(seeds).size).toBe(seeds.length);
    expect(seeds.some((s) => s >= 2n ** 62n)).toBe(true);
  });
  it('workerCount and checkTimeout', () => {
    expect(workerCount(3)).toBe(3);
    expect(workerCount('auto')).toBe(os.availableParallelism());
    expect(workerCount(undefined)).toBe(os.availableParallelism());
    for (const ok of [1, MAX_TIMEOUT_MS]) expect(() => checkTimeout(ok)).not.toThrow();
    for (const bad of [0, -1, MAX_TIMEOUT_MS + 1, Number.NaN]) expect(() => checkTimeout(bad)).toThrow(`timeoutMs must be in 1..${MAX_TIMEOUT_MS}, got ${bad}`);
  });
  it('runDeadline: the limit, restarted; an abort passed on; disposal stops both', async () => {
    const d = runDeadline(60, undefined);
    await new Promise((r) => setTimeout(r, 40));
    d.restart();
    await new Promise((r) => setTimeout(r, 40));
    expect(d.signal.aborted).toBe(false);
    await new Promise((r) => setTimeout(r, 60));
    expect(d.signal.aborted).toBe(true);
    expect(d.timedOut()).toBe(true);
    d.dispose();

    const outer = new AbortController();
    const e = runDeadline(10_000, outer.signal);
    outer.abort();
    expect(e.signal.aborted).toBe(true);
    expect(e.timedOut()).toBe(false);
    e.dispose();
    expect(runDeadline(10_000, AbortSignal.abort()).signal.aborted).toBe(true);

    const f = runDeadline(30, undefined);
    f.dispose();
    await new Promise((r) => setTimeout(r, 60));
    expect(f.signal.aborted).toBe(false);
    const g = new AbortController();
    const h = runDeadline(10_000, g.signal);
    h.dispose();
    g.abort();
    expect(h.signal.aborted).toBe(false);
    const k = runDeadline(10_000, undefined);
    k.abort();
    expect(k.signal.aborted).toBe(true);
    k.dispose();
  });
});
