/**
 * Distributed TLC (dsl/check/tlc-distributed.ts) without TLC: what it refuses, the launcher's
 * compilation (a stand-in `javac`, a temp cache), the early stops of a run, and each decision of
 * a run as a table — the processes' arguments, the remote workers' commands, when workers start,
 * when they are stranded, how the server's end becomes a result — and, with a real `java`, a
 * server that cannot start. The runs themselves need TLC and javac: test/scale.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DistributedOptions } from '../dsl/check/checker.js';
import {
  DISTRIBUTED_LIMITS, distributedClasses, distributedEndpoint, distributedHeaps, distributedLaunch, distributedRefusal, distributedResult, distributedWorkers, freePort,
  launcherDir, launcherFailure, launcherJavac, launcherJavacArgs, nextProgress, PORT_TRIES, portTaken, remoteWorkerCommand, retryOnFreshPort, runDistributedTlc, serverOutput, serverReady, trackProgress, watchWorkers, workersStranded,
  type DistributedRunOptions, type ProcessEnd,
} from '../dsl/check/tlc-distributed.js';
import type { CheckResult } from '../dsl/check/result.js';
import type { TlcProgress } from '../dsl/check/tlc-progress.js';
import { defaultTlcHeap } from '../dsl/check/tlc.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { tlcMessage } from './helpers/tlc-message.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tlc-dist-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
/** A cache home, a jar file and a stand-in javac that logs its arguments and compiles (or fails, printing `fail`). */
function setup(o: { fail?: string } = {}) {
  const home = path.join(dir, `home-${n++}`);
  const jar = path.join(dir, `jar-${n}.jar`);
  writeFileSync(jar, `jar ${n}`);
  const log = path.join(dir, `javac-${n}.log`);
  const javac = path.join(dir, `javac-${n}`);
  const compile = 'out=""; while [ $# -gt 0 ]; do [ "$1" = -d ] && out="$2"; shift; done\nmkdir -p "$out/tlc2/tool/distributed" && touch "$out/tlc2/tool/distributed/ZswapTlaDistributed.class"\n';
  writeFileSync(javac, `#!/bin/sh\nprintf '%s\\n' "$@" >> '${log}'\n${o.fail === undefined ? compile : `printf '${o.fail}'\nexit 2\n`}`);
  chmodSync(javac, 0o755);
  const env = { XDG_CACHE_HOME: home, JAVAC: javac };
  return { env, jar, javac, calls: () => (existsSync(log) ? readFileSync(log, 'utf8').trimEnd().split('\n') : []) };
}

/**
 * `run` with the temp directory (os.tmpdir()) a new one of this test's: what the run leaves there.
 * (A mutant that skips the run's cleanup then leaves it here, not in the machine's /tmp.)
 */
async function inTmp<T>(run: () => Promise<T>): Promise<{ r: T; left: string[] }> {
  const tmp = path.join(dir, `tmp-${n++}`);
  mkdirSync(tmp);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp;
  try {
    return { r: await run(), left: readdirSync(tmp) };
  } finally {
    if (saved === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = saved;
  }
}

const GiB = 2 ** 30;
const javaFound = spawnSync('java', ['-version']).status === 0;

describe('distributed TLC', () => {
  it('refuses a config with temporal properties, naming them and quoting TLC', () => {
    expect(distributedRefusal({ config: { properties: [] } as never })).toBeUndefined();
    expect(distributedRefusal({ config: { properties: ['Live', 'Term'] } as never }))
      .toBe(`distributed TLC does not check temporal properties (${DISTRIBUTED_LIMITS}), and this config checks Live, Term: check it without --distributed`);
  });
  it('compiles the launcher once per jar, beside the cached jar, for Java 11 against the jar', async () => {
    const s = setup();
    const a = await distributedClasses({ java: 'java', jar: s.jar }, s.env);
    expect('dir' in a && path.dirname(a.dir)).toBe(path.join(s.env.XDG_CACHE_HOME, 'zswap-tla'));
    expect('dir' in a && path.basename(a.dir)).toMatch(/^distributed-[0-9a-f]{16}$/);
    expect('dir' in a && existsSync(path.join(a.dir, 'tlc2/tool/distributed/ZswapTlaDistributed.class'))).toBe(true);
    const args = s.calls();
    expect(args.slice(0, 5)).toEqual(['-nowarn', '--release', '11', '-cp', s.jar]);
    expect(args[5]).toBe('-d');
    expect(args[7]).toMatch(/ZswapTlaDistributed\.java$/);
    // Again: the classes are there, javac is not run; no temp directory is left beside them.
    expect(await distributedClasses({ java: 'java', jar: s.jar }, s.env)).toEqual(a);
    expect(s.calls()).toHaveLength(args.length);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(path.join(s.env.XDG_CACHE_HOME, 'zswap-tla'))).toEqual([path.basename('dir' in a ? a.dir : '')]);
    // Another jar (or the same path changed) is another directory.
    writeFileSync(s.jar, 'a changed jar, longer');
    const b = await distributedClasses({ java: 'java', jar: s.jar }, s.env);
    expect('dir' in b && b.dir).not.toBe('dir' in a && a.dir);
  });
  it('a javac that fails: the reason names it and gives the first three lines of its output', async () => {
    const s = setup({ fail: 'error: one\\nerror: two\\nerror: three\\nerror: four' });
    const r = await distributedClasses({ java: 'java', jar: s.jar }, s.env);
    expect(r).toEqual({ reason: `could not compile the distributed launcher with ${s.javac} (--distributed needs a JDK, or JAVAC set): error: one error: two error: three` });
    expect(existsSync(path.join(s.env.XDG_CACHE_HOME, 'zswap-tla')) && (await import('node:fs')).readdirSync(path.join(s.env.XDG_CACHE_HOME, 'zswap-tla'))).toEqual([]);
  });
  it('without JAVAC: the javac beside an absolute java, else javac on the PATH', async () => {
    const s = setup();
    const javaDir = path.join(dir, `jdk-${n}`, 'bin');
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(javaDir, { recursive: true });
    copyFileSync(s.javac, path.join(javaDir, 'javac'));
    chmodSync(path.join(javaDir, 'javac'), 0o755);
    const r = await distributedClasses({ java: path.join(javaDir, 'java'), jar: s.jar }, { XDG_CACHE_HOME: s.env.XDG_CACHE_HOME });
    expect('dir' in r).toBe(true);
    expect(s.calls()[0]).toBe('-nowarn');
    const t = setup();
    const missing = await distributedClasses({ java: 'java', jar: t.jar }, { XDG_CACHE_HOME: t.env.XDG_CACHE_HOME, PATH: '/nonexistent' });
    expect('reason' in missing && missing.reason).toMatch(/^could not compile the distributed launcher with javac \(--distributed needs a JDK, or JAVAC set\): /);
  });
  it('a jar that is not there is still keyed (javac then says why)', async () => {
    const s = setup();
    const r = await distributedClasses({ java: 'java', jar: path.join(dir, 'no-such.jar') }, s.env);
    expect('dir' in r && path.basename(r.dir)).toMatch(/^distributed-[0-9a-f]{16}$/);
    expect(s.calls()).toContain(path.join(dir, 'no-such.jar'));
  });
  it('with the launcher compiled, a resume without a checkpoint is crashed before any process starts', async () => {
    const s = setup();
    const kept = path.join(dir, `kept-${n}`);
    const { r, left } = await inTmp(() => runDistributedTlc({ java: path.join(dir, 'no-java'), jar: s.jar }, dir, 'M', 'M.c.cfg', 'c', { checkDeadlock: true, env: s.env, distributed: { localWorkers: 1 }, checkpoint: { dir: kept, resume: true } }));
    expect(left).toEqual([]);
    expect(r).toEqual({ backend: 'tlc', module: 'M', config: 'c', durationMs: 0, verdict: { kind: 'crashed', message: `--resume: no TLC checkpoint of M/c under ${path.join(kept, 'M.c')} (run with --checkpoint-dir first)` } });
  });
  it('a run with no worker, or a launcher that does not compile, is crashed before anything starts; a bad time limit is refused', async () => {
    const s = setup({ fail: 'no' });
    const base = { checkDeadlock: true, env: s.env };
    const none = await runDistributedTlc({ java: 'java', jar: s.jar }, dir, 'M', 'M.c.cfg', 'c', { ...base, distributed: { localWorkers: 0 } });
    expect(none).toEqual({ backend: 'tlc', module: 'M', config: 'c', durationMs: 0, verdict: { kind: 'crashed', message: 'distributed TLC needs at least one worker (local or on a host)' } });
    expect(s.calls()).toEqual([]);
    const hostOnly = await runDistributedTlc({ java: 'java', jar: s.jar }, dir, 'M', 'M.c.cfg', 'c', { ...base, distributed: { localWorkers: 0, hosts: ['h1'] } });
    expect(hostOnly.verdict).toEqual({ kind: 'crashed', message: `could not compile the distributed launcher with ${s.javac} (--distributed needs a JDK, or JAVAC set): no` });
    await expect(runDistributedTlc({ java: 'java', jar: s.jar }, dir, 'M', 'M.c.cfg', 'c', { ...base, timeoutMs: 0, distributed: { localWorkers: 1 } })).rejects.toThrow(RangeError);
  });
});

describe('the launcher: javac, its arguments, its cache directory, its failure', () => {
  it.each([
    { java: 'java', env: {}, javac: 'javac' },
    { java: 'bin/java', env: {}, javac: 'javac' },
    { java: '/opt/jdk/bin/java', env: {}, javac: '/opt/jdk/bin/javac' },
    { java: '/opt/jdk/bin/java', env: { JAVAC: '/usr/local/bin/javac' }, javac: '/usr/local/bin/javac' },
    { java: 'java', env: { JAVAC: 'my-javac' }, javac: 'my-javac' },
  ])('java $java with $env: $javac', ({ java, env, javac }) => {
    expect(launcherJavac(java, env)).toBe(javac);
  });
  it('compiles the source in the temp directory for Java 11 against the jar, into its classes directory', () => {
    expect(launcherJavacArgs('/j/tla2tools.jar', '/c/distributed-x.tmp-1'))
      .toEqual(['-nowarn', '--release', '11', '-cp', '/j/tla2tools.jar', '-d', '/c/distributed-x.tmp-1/classes', '/c/distributed-x.tmp-1/ZswapTlaDistributed.java']);
  });
  it.each([
    { output: 'e1\ne2\ne3\ne4', reason: 'e1 e2 e3' },
    { output: 'only line', reason: 'only line' },
    { output: '', reason: '' },
  ])('a failed javac with output $output: names it, then up to three lines', ({ output, reason }) => {
    expect(launcherFailure('/jdk/bin/javac', output)).toBe(`could not compile the distributed launcher with /jdk/bin/javac (--distributed needs a JDK, or JAVAC set): ${reason}`);
  });
  it('one directory per jar path, size and modification time, beside the cached jar', () => {
    const env = { XDG_CACHE_HOME: '/cache' };
    const st = { size: 100, mtimeMs: 5 };
    const a = launcherDir('/j/tla2tools.jar', st, env);
    expect(path.dirname(a)).toBe('/cache/zswap-tla');
    expect(path.basename(a)).toMatch(/^distributed-[0-9a-f]{16}$/);
    expect(launcherDir('/j/tla2tools.jar', { ...st }, env)).toBe(a);
    expect(launcherDir('/j/../j/tla2tools.jar', st, env)).toBe(a);
    const others = [
      launcherDir('/k/tla2tools.jar', st, env),
      launcherDir('/j/tla2tools.jar', { size: 101, mtimeMs: 5 }, env),
      launcherDir('/j/tla2tools.jar', { size: 100, mtimeMs: 6 }, env),
      launcherDir('/j/tla2tools.jar', undefined, env),
      launcherDir('/j/tla2tools.jar', { size: 0, mtimeMs: 0 }, env),
    ];
    expect(new Set([a, ...others]).size).toBe(6);
    expect(launcherDir('/j/tla2tools.jar', st, { HOME: '/home/u' })).toBe(path.join('/home/u/.cache/zswap-tla', path.basename(a)));
  });
});

describe('a run: where it listens, its heaps, its processes', () => {
  it.each<{ d: Pick<DistributedOptions, 'hosts' | 'address' | 'port'>; loopback: boolean; port: number; address: string; found: number }>([
    { d: {}, loopback: true, port: 40001, address: '127.0.0.1', found: 1 },
    { d: { hosts: [] }, loopback: true, port: 40001, address: '127.0.0.1', found: 1 },
    { d: { port: 4000, address: '10.0.0.5' }, loopback: true, port: 4000, address: '127.0.0.1', found: 0 },
    { d: { hosts: ['h1'] }, loopback: false, port: 10997, address: 'this-host', found: 0 },
    { d: { hosts: ['h1', 'h2'], address: '10.0.0.5', port: 5000 }, loopback: false, port: 5000, address: '10.0.0.5', found: 0 },
  ])('$d: loopback $loopback, port $port, address $address; a free port looked for $found time(s)', async ({ d, found, ...end }) => {
    let looked = 0;
    expect(await distributedEndpoint(d, 'this-host', () => { looked++; return Promise.resolve(40001); })).toEqual(end);
    expect(looked).toBe(found);
  });
  it.each([
    { d: { localWorkers: 2 }, n: 2 },
    { d: { localWorkers: 2, threads: 3 }, n: 6 },
    { d: { localWorkers: 0, hosts: ['h1', 'h2'], threads: 3 }, n: 2 },
    { d: { localWorkers: 1, hosts: ['h1'], threads: 4 }, n: 5 },
  ])('$d: $n worker threads in all', ({ d, n }) => {
    expect(distributedWorkers(d)).toBe(n);
  });
  it.each([
    { memory: 8 * GiB, local: 2, server: 4 * GiB, worker: 2 * GiB },
    { memory: 6 * GiB, local: 3, server: 3 * GiB, worker: GiB },
    { memory: 8 * GiB, local: 0, server: 8 * GiB, worker: 256 * 2 ** 20 },
    { memory: GiB, local: 4, server: GiB / 2, worker: 256 * 2 ** 20 },
    { memory: 3 * GiB + 1, local: 1, server: 1.5 * GiB, worker: 1.5 * GiB + 1 },
    { memory: 2 * GiB + 1, local: 2, server: GiB, worker: GiB / 2 },
  ])('$memory bytes, $local local workers: server $server, each worker $worker', ({ memory, local, server, worker }) => {
    expect(distributedHeaps(memory, local)).toEqual({ server, worker });
  });
  it('a remote worker is told the TLCWorker command for this server', () => {
    expect(remoteWorkerCommand('h1', 10997, '10.0.0.5'))
      .toBe('java -Djava.rmi.server.hostname=h1 -Dtlc2.tool.distributed.TLCServer.port=10997 -cp tla2tools.jar tlc2.tool.distributed.TLCWorker 10.0.0.5');
  });

  const cp = `/c/classes${path.delimiter}/j/tla2tools.jar`;
  const SHIM = 'tlc2.tool.distributed.ZswapTlaDistributed';
  const at = (o: Partial<Parameters<typeof distributedLaunch>[0]>) =>
    ({ classes: '/c/classes', jar: '/j/tla2tools.jar', work: '/w', module: 'M', cfgFile: 'M.c.cfg', states: { metadir: '/w/states' }, port: 4000, address: '127.0.0.1', loopback: true, ...o });
  it('on loopback, two local workers: the server with half the heap, each worker a quarter; every socket on loopback', () => {
    const o: DistributedRunOptions = { checkDeadlock: true, distributed: { localWorkers: 2 }, memory: 4 * GiB, progressSeconds: 3 };
    const rmi = ['-Djava.rmi.server.hostname=127.0.0.1', '-Dtlc2.tool.distributed.TLCServer.port=4000', '-Dzswaptla.loopback=true'];
    const worker = (i: number) => ({
      dir: `/w/worker-${i}`,
      args: ['-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', `-Djava.io.tmpdir=/w/worker-${i}`, '-Xmx1024m', ...rmi, '-Dtlc2.tool.distributed.TLCWorker.threadCount=1', '-cp', cp, SHIM, 'worker', '127.0.0.1'],
    });
    expect(distributedLaunch(at({}), o)).toEqual({
      server: [
        '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', '-Djava.io.tmpdir=/w/server', '-Xmx2048m', '-Dtlc2.TLC.progressInterval=3',
        ...rmi, '-Dtlc2.tool.distributed.TLCServer.report=3000', '-cp', cp, SHIM, 'server', '-tool', '-metadir', '/w/states', '-config', 'M.c.cfg', 'M.tla',
      ],
      workers: [worker(1), worker(2)],
      commands: [],
    });
  });
  it('remote hosts only: the server has the whole heap and every flag asked for; each host is given its command', () => {
    const o: DistributedRunOptions = {
      checkDeadlock: false, distributed: { localWorkers: 0, hosts: ['h1', 'h2'], threads: 4 }, memory: GiB, progressSeconds: 0.2,
      checkpoint: { dir: '/k', minutes: 5 }, fpmem: 0.25, jvmArgs: ['-XX:TieredStopAtLevel=1'],
    };
    expect(distributedLaunch(at({ states: { metadir: '/k/M.c', recover: '/k/M.c/r1' }, port: 10997, address: 'me.example', loopback: false }), o)).toEqual({
      server: [
        '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', '-Djava.io.tmpdir=/w/server', '-Xmx1024m', '-Dtlc2.TLC.progressInterval=1', '-XX:TieredStopAtLevel=1',
        '-Djava.rmi.server.hostname=me.example', '-Dtlc2.tool.distributed.TLCServer.port=10997', '-Dtlc2.tool.distributed.TLCServer.report=1000',
        '-cp', cp, SHIM, 'server', '-tool', '-deadlock', '-metadir', '/k/M.c', '-recover', '/k/M.c/r1', '-checkpoint', '5', '-fpmem', '0.25', '-config', 'M.c.cfg', 'M.tla',
      ],
      workers: [],
      commands: [
        { host: 'h1', command: remoteWorkerCommand('h1', 10997, 'me.example') },
        { host: 'h2', command: remoteWorkerCommand('h2', 10997, 'me.example') },
      ],
    });
  });
  it('a local worker beside a remote one: its threads and JVM options; a checkpoint directory without minutes adds no flag', () => {
    const o: DistributedRunOptions = { checkDeadlock: true, distributed: { localWorkers: 1, hosts: ['h1'], threads: 2 }, memory: 3 * GiB, checkpoint: { dir: '/k' }, jvmArgs: ['-Xss4m'] };
    const rmi = ['-Djava.rmi.server.hostname=10.0.0.5', '-Dtlc2.tool.distributed.TLCServer.port=10997'];
    expect(distributedLaunch(at({ port: 10997, address: '10.0.0.5', loopback: false }), o)).toEqual({
      server: [
        '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', '-Djava.io.tmpdir=/w/server', '-Xmx1536m', '-Dtlc2.TLC.progressInterval=3', '-Xss4m',
        ...rmi, '-Dtlc2.tool.distributed.TLCServer.report=3000', '-cp', cp, SHIM, 'server', '-tool', '-metadir', '/w/states', '-config', 'M.c.cfg', 'M.tla',
      ],
      workers: [{
        dir: '/w/worker-1',
        args: ['-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', '-Djava.io.tmpdir=/w/worker-1', '-Xmx1536m', '-Xss4m', ...rmi, '-Dtlc2.tool.distributed.TLCWorker.threadCount=2', '-cp', cp, SHIM, 'worker', '10.0.0.5'],
      }],
      commands: [{ host: 'h1', command: remoteWorkerCommand('h1', 10997, '10.0.0.5') }],
    });
  });
  it('without a heap size: the server has half the default TLC heap', () => {
    const { server } = distributedLaunch(at({}), { checkDeadlock: true, distributed: { localWorkers: 1 } });
    expect(server[4]).toBe(`-Xmx${Math.floor(Math.floor(defaultTlcHeap() / 2) / 2 ** 20)}m`);
  });
  it('a free loopback port: something can listen on it', async () => {
    const port = await freePort();
    expect(Number.isInteger(port) && port > 0 && port < 65536).toBe(true);
    const s = net.createServer();
    await new Promise<void>((resolve, reject) => { s.once('error', reject); s.listen(port, '127.0.0.1', resolve); });
    await new Promise((resolve) => s.close(resolve));
  });
});

describe('a run: when workers start, when they are stranded', () => {
  const READY = '@!@!@STARTMSG 7000:1 @!@!@';
  it.each([
    { seen: '', text: `${READY}\nTLC server waiting for workers\n`, ready: true },
    { seen: '@!@!@STARTMSG 70', text: '00 @!@!@\n', ready: true },
    { seen: '', text: '@!@!@STARTMSG 7000\n', ready: true },
    { seen: '', text: '@!@!@STARTMSG 70001:0 @!@!@', ready: false },
    { seen: '', text: '@!@!@STARTMSG 2185:0 @!@!@\nStarting...', ready: false },
    { seen: '@!@!@STARTMSG 7000:1', text: 'x'.repeat(200), ready: false },
  ])('$text after $seen: ready $ready', ({ seen, text, ready }) => {
    expect(serverReady(seen, text).ready).toBe(ready);
  });
  it('keeps the last 200 characters of the output', () => {
    expect(serverReady('a'.repeat(150), 'b'.repeat(100)).seen).toBe(`${'a'.repeat(100)}${'b'.repeat(100)}`);
    expect(serverReady('ab', 'c').seen).toBe('abc');
  });

  const counted: TlcProgress = { phase: 'exploring', distinct: 5, generated: 9, queue: 2 };
  it.each<{ name: string; last: TlcProgress | undefined; p: TlcProgress; timedOut: boolean; kept: TlcProgress; restart: boolean }>([
    { name: 'the server starts: the limit restarts', last: undefined, p: { phase: 'starting' }, timedOut: false, kept: { phase: 'starting' }, restart: true },
    { name: 'a start after the limit ran out: no restart', last: undefined, p: { phase: 'starting' }, timedOut: true, kept: { phase: 'starting' }, restart: false },
    { name: 'a second start: no restart', last: { phase: 'starting' }, p: { phase: 'starting' }, timedOut: false, kept: { phase: 'starting' }, restart: false },
    { name: 'a first report that is not the start', last: undefined, p: { phase: 'initial states' }, timedOut: false, kept: { phase: 'initial states' }, restart: false },
    { name: 'new counts replace the last', last: counted, p: { phase: 'exploring', distinct: 8 }, timedOut: false, kept: { phase: 'exploring', distinct: 8 }, restart: false },
    { name: 'a phase without counts keeps the last counts', last: counted, p: { phase: 'liveness' }, timedOut: false, kept: { ...counted, phase: 'liveness' }, restart: false },
  ])('$name', ({ last, p, timedOut, kept, restart }) => {
    expect(nextProgress(last, p, timedOut)).toEqual({ last: kept, restart });
  });

  it.each<{ outputs: unknown[]; serverDone: boolean; stopped: boolean; stranded: boolean }>([
    { outputs: ['Exception: connection refused', ''], serverDone: false, stopped: false, stranded: true },
    { outputs: [undefined], serverDone: false, stopped: false, stranded: true },
    { outputs: ['', 'TLCWorker: work completed. Thank you!'], serverDone: false, stopped: false, stranded: false },
    { outputs: ['refused'], serverDone: true, stopped: false, stranded: false },
    { outputs: ['refused'], serverDone: false, stopped: true, stranded: false },
  ])('workers that said $outputs (server done $serverDone, stopped $stopped): stranded $stranded', ({ outputs, serverDone, stopped, stranded }) => {
    expect(workersStranded(outputs, serverDone, stopped)).toBe(stranded);
  });

  it('the output handler: every chunk decoded and read, a character split across chunks whole; ready once, at 7000', () => {
    const read: string[] = [];
    let ready = 0;
    const onData = serverOutput((t) => read.push(t), () => ready++);
    const bytes = Buffer.from('héllo\n@!@!@STARTMSG 70');
    onData(bytes.subarray(0, 2));
    onData(bytes.subarray(2));
    expect(ready).toBe(0);
    onData(Buffer.from('00:1 @!@!@\n'));
    expect(ready).toBe(1);
    onData(Buffer.from('@!@!@STARTMSG 7000:1 @!@!@\n'));
    expect(ready).toBe(1);
    expect(read).toEqual(['h', 'éllo\n@!@!@STARTMSG 70', '00:1 @!@!@\n', '@!@!@STARTMSG 7000:1 @!@!@\n']);
  });

  const msg = (code: number, body: string) => tlcMessage(code, 0, body);
  const PROGRESS = msg(2200, 'Progress(3) at 2026-12-02 07:21:57: 20 states generated, 10 distinct states found, 4 states left on queue.');
  it('progress: each report passed on, the limit restarted at the start, the last counts kept through a phase without them', () => {
    let restarts = 0;
    const seen: TlcProgress[] = [];
    const t = trackProgress({ timedOut: () => false, restart: () => restarts++ }, (p) => seen.push(p));
    expect(t.last()).toBeUndefined();
    t.read(msg(2185, 'Starting...'));
    expect(restarts).toBe(1);
    expect(t.last()).toEqual({ phase: 'starting' });
    t.read(PROGRESS.slice(0, 30));
    t.read(PROGRESS.slice(30) + msg(2192, 'Checking temporal properties for the current state space'));
    const counted = { phase: 'exploring', depth: 3, generated: 20, distinct: 10, queue: 4 };
    expect(seen).toEqual([{ phase: 'starting' }, counted, { phase: 'liveness' }]);
    expect(t.last()).toEqual({ ...counted, phase: 'liveness' });
    t.read(msg(2185, 'Starting...'));
    expect(restarts).toBe(1);
  });
  it('progress: a start after the limit ran out does not restart it; no listener is fine', () => {
    let restarts = 0;
    const t = trackProgress({ timedOut: () => true, restart: () => restarts++ });
    t.read(msg(2185, 'Starting...'));
    expect(restarts).toBe(0);
    expect(t.last()).toEqual({ phase: 'starting' });
  });

  const ended = (all: string) => Promise.resolve({ all, exitCode: 1 });
  it.each<{ name: string; outputs: string[]; remote: number; serverDone: boolean; stopped: boolean; stranded: boolean }>([
    { name: 'every local worker gone while the server waits: stranded', outputs: ['refused', 'refused'], remote: 0, serverDone: false, stopped: false, stranded: true },
    { name: 'one was dismissed', outputs: ['refused', 'work completed'], remote: 0, serverDone: false, stopped: false, stranded: false },
    { name: 'the server had ended', outputs: ['refused'], remote: 0, serverDone: true, stopped: false, stranded: false },
    { name: 'the run was stopped', outputs: ['refused'], remote: 0, serverDone: false, stopped: true, stranded: false },
    { name: 'remote hosts may still come: not watched', outputs: ['refused'], remote: 1, serverDone: false, stopped: false, stranded: false },
    { name: 'no local worker: not watched', outputs: [], remote: 0, serverDone: false, stopped: false, stranded: false },
  ])('watching the workers: $name', async ({ outputs, remote, serverDone, stopped, stranded }) => {
    let calls = 0;
    let asked = 0;
    await watchWorkers(outputs.map(ended), remote, () => { asked++; return { serverDone, stopped }; }, () => calls++);
    expect(calls).toBe(stranded ? 1 : 0);
    expect(asked).toBe(outputs.length > 0 && remote === 0 ? 1 : 0);
  });
  it('watching the workers: judged once the last has exited, with the run\'s state then', async () => {
    let exit!: (e: { all: string }) => void;
    const last = new Promise<{ all: string }>((resolve) => { exit = resolve; });
    let serverDone = false;
    let calls = 0;
    const watching = watchWorkers([ended('refused'), last], 0, () => ({ serverDone, stopped: false }), () => calls++);
    await Promise.resolve();
    serverDone = true;
    exit({ all: 'refused' });
    await watching;
    expect(calls).toBe(0);
  });
});

describe("a run's result from how its server ended", () => {
  const base = { module: 'M', config: 'c', durationMs: 1234, timeoutMs: 60_000, timedOut: false, last: undefined, stranded: undefined, workers: 2 };
  const lines = Array.from({ length: 50 }, (_, i) => `l${i + 1}`).join('\n');
  const tool = (run: string) => readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/tlc-runs', run, 'tool.out'), 'utf8');
  it.each<{ name: string; r: Partial<Parameters<typeof distributedResult>[0]> & { server: ProcessEnd }; result: object }>([
    {
      name: 'out of time with counts: the last counts and the output\'s last 40 lines',
      r: { timedOut: true, last: { phase: 'exploring', distinct: 10, generated: 20 }, server: { all: lines, isCanceled: true, failed: true } },
      result: { verdict: { kind: 'timeout', afterMs: 60_000, progress: { phase: 'exploring', distinct: 10, generated: 20 } }, rawTail: lines.split('\n').slice(10).join('\n') },
    },
    {
      name: 'out of time before any report',
      r: { timedOut: true, server: { all: 'x', isCanceled: true } },
      result: { verdict: { kind: 'timeout', afterMs: 60_000 }, rawTail: 'x' },
    },
    {
      name: 'out of time before any count',
      r: { timedOut: true, last: { phase: 'starting' }, server: { all: '', isCanceled: true } },
      result: { verdict: { kind: 'timeout', afterMs: 60_000 }, rawTail: '' },
    },
    {
      name: 'every local worker gone: each one\'s last lines, or its exit code',
      r: { stranded: [{ all: 'a\nb\nc\nd\ne\n', exitCode: 1 }, { all: '', exitCode: 137 }, { exitCode: 2 }], server: { all: 'server waiting\n', isCanceled: true } },
      result: { verdict: { kind: 'crashed', message: 'every local TLC worker exited before the server finished:\nworker 1: c\nd\ne\nworker 2: exit 137\nworker 3: exit 2' }, rawTail: 'server waiting\n' },
    },
    {
      name: 'every local worker gone, the server silent: no raw tail',
      r: { stranded: [{ all: 'refused', exitCode: 1 }], server: { isCanceled: true } },
      result: { verdict: { kind: 'crashed', message: 'every local TLC worker exited before the server finished:\nworker 1: refused' } },
    },
    {
      name: 'stopped',
      r: { server: { all: 'some output', isCanceled: true, failed: true } },
      result: { verdict: { kind: 'crashed', message: 'interrupted' } },
    },
    {
      name: 'a server that did not start: execa says why',
      r: { server: { all: 'out', failed: true, shortMessage: 'Command failed with ENOENT: java' } },
      result: { verdict: { kind: 'crashed', message: 'Command failed with ENOENT: java' }, rawTail: 'out' },
    },
    {
      name: 'a server that did not start, nothing said',
      r: { server: { failed: true } },
      result: { verdict: { kind: 'crashed', message: 'the TLC server could not be started' } },
    },
    {
      name: 'a JVM that exits 1: the parser says so, with its exit code',
      r: { server: { all: 'Error: could not load the main class\n', failed: true, exitCode: 1, shortMessage: 'Command failed with exit code 1' } },
      result: {
        verdict: { kind: 'crashed', message: 'TLC exited with 1 (the JVM could not run TLC); last lines:\nError: could not load the main class', exitCode: 1 },
        rawTail: 'Error: could not load the main class',
      },
    },
  ])('$name', ({ r, result }) => {
    expect(distributedResult({ ...base, ...r })).toEqual({ backend: 'tlc', module: 'M', config: 'c', durationMs: 1234, ...result });
  });
  it.each([
    { workers: 2, countsVary: 'distributed TLC, 2 workers' },
    { workers: 1, countsVary: 'distributed TLC, 1 worker' },
  ])('a violation: its counts vary with the $workers worker(s)', ({ workers, countsVary }) => {
    const r = distributedResult({ ...base, workers, server: { all: tool('MutexCounter.racy'), exitCode: 12, failed: true } });
    expect(r.verdict).toMatchObject({ kind: 'invariant', name: 'NoLostUpdate' });
    expect(r.countsVary).toBe(countsVary);
    expect(r.durationMs).toBe(1234);
  });
  it('a pass: counts as they are', () => {
    const r = distributedResult({ ...base, server: { all: tool('Peterson.two_procs'), exitCode: 0 } });
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts?.distinct).toBeGreaterThan(0);
    expect('countsVary' in r).toBe(false);
  });
});

describe.skipIf(!javaFound)('a run with java but no launcher it can load (the stand-in javac writes an empty class)', () => {
  it('the server exits at once: the JVM\'s error, no worker started, no remote host told, no progress; nothing left behind', async () => {
    const s = setup();
    const told: string[] = [];
    const progress: unknown[] = [];
    const before = performance.now();
    const { r, left } = await inTmp(() => runDistributedTlc({ java: 'java', jar: s.jar }, dir, 'M', 'M.c.cfg', 'c', {
      checkDeadlock: true, env: s.env, distributed: { localWorkers: 1, hosts: ['h1'], onWorkerCommand: (h) => told.push(h) }, onProgress: (p) => progress.push(p),
    }));
    // Its duration is part of this call's.
    expect(r.durationMs).toBeLessThanOrEqual(Math.ceil(performance.now() - before));
    expect(left).toEqual([]);
    expect(r.verdict.kind === 'crashed' && r.verdict.message).toMatch(/^TLC exited with 1 \(the JVM could not run TLC\); last lines:\n.*ZswapTlaDistributed/);
    expect(r.verdict).toMatchObject({ exitCode: 1 });
    expect(r.rawTail).toMatch(/ClassFormatError/);
    expect(told).toEqual([]);
    expect(progress).toEqual([]);
  });
  it('stopped before it starts: interrupted', async () => {
    const s = setup();
    const { r, left } = await inTmp(() => runDistributedTlc({ java: 'java', jar: s.jar }, dir, 'M', 'M.c.cfg', 'c', { checkDeadlock: true, env: s.env, distributed: { localWorkers: 1 }, signal: AbortSignal.abort() }));
    expect(left).toEqual([]);
    expect(r).toEqual({ backend: 'tlc', module: 'M', config: 'c', durationMs: r.durationMs, verdict: { kind: 'crashed', message: 'interrupted' } });
  });
});

describe('a run whose port was taken before the server bound it', () => {
  const result = (message: string, kind: 'crashed' | 'passed' = 'crashed'): CheckResult =>
    ({ backend: 'tlc', module: 'M', config: 'c', durationMs: 1, verdict: kind === 'crashed' ? { kind, message } : { kind } });
  // What TLCServer prints (its ExportException), as the parser words it.
  const TAKEN = result('TLC threw an unexpected exception. [...] The exception was a java.rmi.server.ExportException : Port already in use: 42115; nested exception is: java.net.BindException: Address already in use');
  it.each<{ name: string; r: CheckResult; d: Pick<DistributedOptions, 'hosts' | 'port'>; attempt: number; stopped: boolean; again: boolean }>([
    { name: 'our port, taken, first start: again', r: TAKEN, d: {}, attempt: 1, stopped: false, again: true },
    { name: 'our port, taken, second start: again', r: TAKEN, d: { hosts: [] }, attempt: PORT_TRIES - 1, stopped: false, again: true },
    { name: 'our port, taken on the last try: the error', r: TAKEN, d: {}, attempt: PORT_TRIES, stopped: false, again: false },
    { name: 'the port the user gave: the error', r: TAKEN, d: { port: 42115 }, attempt: 1, stopped: false, again: false },
    { name: 'remote hosts (TLC\'s own port): the error', r: TAKEN, d: { hosts: ['h1'] }, attempt: 1, stopped: false, again: false },
    { name: 'stopped meanwhile: no new start', r: TAKEN, d: {}, attempt: 1, stopped: true, again: false },
    { name: 'another exception: no new start', r: result('TLC threw an unexpected exception. The exception was a java.rmi.server.ExportException : listen failed'), d: {}, attempt: 1, stopped: false, again: false },
    { name: 'the words without the exception: no new start', r: result('Port already in use'), d: {}, attempt: 1, stopped: false, again: false },
    { name: 'a pass: no new start', r: result('', 'passed'), d: {}, attempt: 1, stopped: false, again: false },
  ])('$name', ({ r, d, attempt, stopped, again }) => {
    expect(retryOnFreshPort(r, d, attempt, stopped)).toBe(again);
  });
  it('the exception is known by its class and its words, across lines', () => {
    expect(portTaken(TAKEN)).toBe(true);
    expect(portTaken(result('The exception was a java.rmi.server.ExportException\n: Port already in use: 1'))).toBe(true);
    expect(portTaken(result('Port already in use: 1 ExportException'))).toBe(false);
  });
});

describe('the retry loop, with a stand-in java (no TLC)', () => {
  const TAKEN_OUT = tlcMessage(1000, 1, 'TLC threw an unexpected exception.\nThe exception was a java.rmi.server.ExportException\n: Port already in use: 4242; nested exception is: \n\tjava.net.BindException: Address already in use');
  const PASSED_OUT = tlcMessage(2193, 0, 'Model checking completed. No error has been found.') + tlcMessage(2190, 0, 'Finished computing initial states: 1 distinct state generated.')
    + tlcMessage(2199, 0, '3 states generated, 2 distinct states found, 0 states left on queue.') + tlcMessage(2186, 0, 'Finished in 1s');
  /** A `java` that, started as the server, prints `outs[i]` on its i-th start (exit 1 if it says Port already in use); its starts are logged. */
  function standInJava(outs: string[]) {
    const s = setup();
    const log = path.join(dir, `java-${n++}.log`);
    const java = path.join(dir, `java-${n}`);
    const cases = outs.map((o, i) => `  ${i + 1}) cat <<'OUT'\n${o}\nOUT\n  exit ${/Port already in use/.test(o) ? 1 : 0};;`).join('\n');
    writeFileSync(java, `#!/bin/sh\necho start >> '${log}'\ncase $(wc -l < '${log}') in\n${cases}\nesac\nexit 3\n`);
    chmodSync(java, 0o755);
    return { s, java, starts: () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n').length : 0) };
  }
  const ports = () => { const picked: number[] = []; return { picked, find: () => { picked.push(40_000 + picked.length); return Promise.resolve(picked.at(-1)!); } }; };

  it('a port taken at the first start: a second start on the next port, and its verdict', async () => {
    const j = standInJava([TAKEN_OUT, PASSED_OUT]);
    const p = ports();
    const { r, left } = await inTmp(() => runDistributedTlc({ java: j.java, jar: j.s.jar }, dir, 'M', 'M.c.cfg', 'c', { checkDeadlock: true, env: j.s.env, distributed: { localWorkers: 1 } }, p.find));
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts).toMatchObject({ distinct: 2 });
    expect(j.starts()).toBe(2);
    expect(p.picked).toEqual([40_000, 40_001]);
    expect(left).toEqual([]);
  });
  it('taken at every start: the error after PORT_TRIES starts', async () => {
    const j = standInJava(Array.from({ length: PORT_TRIES + 1 }, () => TAKEN_OUT));
    const p = ports();
    const { r, left } = await inTmp(() => runDistributedTlc({ java: j.java, jar: j.s.jar }, dir, 'M', 'M.c.cfg', 'c', { checkDeadlock: true, env: j.s.env, distributed: { localWorkers: 1 } }, p.find));
    expect(r.verdict).toMatchObject({ kind: 'crashed', message: expect.stringContaining('Port already in use: 4242') });
    expect(j.starts()).toBe(PORT_TRIES);
    expect(p.picked).toHaveLength(PORT_TRIES);
    expect(left).toEqual([]);
  });
  it('the port the user gave, taken: one start, the error naming it', async () => {
    const j = standInJava([TAKEN_OUT, PASSED_OUT]);
    const p = ports();
    const r = await runDistributedTlc({ java: j.java, jar: j.s.jar }, dir, 'M', 'M.c.cfg', 'c', { checkDeadlock: true, env: j.s.env, distributed: { localWorkers: 1, port: 4242 } }, p.find);
    expect(r.verdict).toMatchObject({ kind: 'crashed', message: expect.stringContaining('Port already in use: 4242') });
    expect(j.starts()).toBe(1);
    expect(p.picked).toEqual([]);
  });
});
