/**
 * Distributed TLC (dsl/check/tlc-distributed.ts) up to the point where processes would start:
 * what it refuses, the launcher's compilation (a stand-in `javac`, a temp cache) and the early
 * stops of a run. The runs themselves need java and javac: test/scale.test.ts.
 */
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DISTRIBUTED_LIMITS, distributedClasses, distributedRefusal, runDistributedTlc } from '../dsl/check/tlc-distributed.js';

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
    const r = await runDistributedTlc({ java: path.join(dir, 'no-java'), jar: s.jar }, dir, 'M', 'M.c.cfg', 'c', { checkDeadlock: true, env: s.env, distributed: { localWorkers: 1 }, checkpoint: { dir: kept, resume: true } });
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
