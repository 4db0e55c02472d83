import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { execa } from 'execa';
import { cachedJarPath, findJar, type JarLookup } from './tlc-jar.js';
import { parseDumpTraceJson, parseToolOutput } from './tlc-output.js';
import { progressReader, type TlcProgress } from './tlc-progress.js';
import type { CheckResult } from './result.js';
import { splitTopLevel } from './values.js';
import type { Checker, CheckJob, CheckOptions } from './checker.js';

/**
 * The TLC backend. Found through `TLA2TOOLS_JAR` or the per-user cache (looked up once per
 * checker); each check writes the job's module and cfg to a private temp directory.
 */
export function createTlcChecker(env: NodeJS.ProcessEnv = process.env): Checker & { lookup(): Promise<TlcLookup> } {
  let lookup: Promise<TlcLookup> | undefined;
  const find = () => (lookup ??= findTlc(env));
  return {
    name: 'tlc',
    lookup: find,
    async available() {
      const l = await find();
      return l.found ? { ok: true, ...(l.version ? { version: l.version } : {}), detail: `TLC${l.version ? ` ${l.version}` : ''}: ${l.java} -cp ${l.jar}` } : { ok: false, reason: l.reason };
    },
    async check(job: CheckJob, o: CheckOptions = {}): Promise<CheckResult> {
      const l = await find();
      if (!l.found) return { backend: 'tlc', module: job.module.name, config: job.config.name, durationMs: 0, verdict: { kind: 'crashed', message: `TLC is not available: ${l.reason}` } };
      const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-job-'));
      try {
        const cfgFile = `${job.module.name}.${job.config.name}.cfg`;
        await writeFile(path.join(dir, `${job.module.name}.tla`), job.tla);
        await writeFile(path.join(dir, cfgFile), job.cfg);
        for (const [name, tla] of job.instanced ?? []) await writeFile(path.join(dir, `${name}.tla`), tla);
        return namedProperty(namedParams(await runTlc(l, dir, job.module.name, cfgFile, job.config.name, o), job), job);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export const tlcChecker = createTlcChecker();

/**
 * TLC's text trace gives an action's arguments without their names (`Acquire(t1)`), and its JSON
 * trace, which names them, is not written for every verdict: name them from the IR action.
 */
function namedParams(result: CheckResult, job: CheckJob): CheckResult {
  const v = result.verdict;
  if (!('trace' in v)) return result;
  const trace = v.trace.map((s) => {
    const a = s.action;
    if (!a || a.args === undefined || (a.params && Object.keys(a.params).length)) return s;
    const names = job.module.actions.find((x) => x.name === a.name)?.params.map((p) => p.binder.hint);
    const values = splitTopLevel(a.args);
    return names && names.length === values.length ? { ...s, action: { ...a, params: Object.fromEntries(names.map((n, i) => [n, values[i]!])) } } : s;
  });
  return { ...result, verdict: { ...v, trace } as typeof v };
}

/**
 * TLC names a violated property by the location of the failing sub-formula when that lies in
 * another module (a refinement's `TD!Spec`: `Property line 23, col 6 … of module
 * SyncTerminationDetection`); with one property checked, that location is the property's.
 */
function namedProperty(result: CheckResult, job: CheckJob): CheckResult {
  const v = result.verdict;
  if (v.kind !== 'property' || (v.name !== undefined && /^\w+$/.test(v.name)) || job.config.properties.length !== 1) return result;
  return { ...result, verdict: { ...v, name: job.config.properties[0]! } };
}

export interface TlcSetup { readonly java: string; readonly jar: string }

export type TlcLookup = ({ readonly found: true; readonly version?: string } & TlcSetup) | { readonly found: false; readonly reason: string };

/**
 * TLC is usable when a jar is found, `java -version` runs, and the jar really holds TLC (a
 * `tlc2.TLC -help` probe, remembered per jar file and java). Says why not, otherwise.
 */
export async function findTlc(env: NodeJS.ProcessEnv = process.env): Promise<TlcLookup> {
  const jar: JarLookup = findJar(env);
  if (!jar.found) return jar;
  const java = env.JAVA ?? 'java';
  try {
    await execa(java, ['-version'], { timeout: 20_000, reject: true, env });
  } catch (e) {
    return { found: false, reason: `found ${jar.jar} but \`${java} -version\` failed: ${(e as Error).message.split('\n')[0]}` };
  }
  const probe = await probeJar(java, jar.jar, env);
  if (!probe.ok) return { found: false, reason: `${jar.jar} is not a usable TLC jar: ${probe.reason}` };
  return { found: true, java, jar: jar.jar, ...(probe.version ? { version: probe.version } : {}) };
}

type Probe = { readonly ok: true; readonly version?: string } | { readonly ok: false; readonly reason: string };

/** `java -cp jar tlc2.TLC -help` prints TLC's manual with its version; anything else is not TLC. */
async function probeJar(java: string, jar: string, env: NodeJS.ProcessEnv): Promise<Probe> {
  const st = await stat(jar).catch(() => undefined);
  if (!st?.isFile()) return { ok: false, reason: 'not a file' };
  const cacheFile = path.join(path.dirname(cachedJarPath(env)), 'probes.json');
  const key = `${java}\0${path.resolve(jar)}\0${st.size}\0${st.mtimeMs}`;
  const cache = await readFile(cacheFile, 'utf8').then((t) => JSON.parse(t) as Record<string, Probe>, () => ({} as Record<string, Probe>));
  if (cache[key]) return cache[key]!;
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-probe-'));
  let probe: Probe;
  try {
    const r = await execa(java, [`-Djava.io.tmpdir=${tmp}`, '-cp', jar, 'tlc2.TLC', '-help'], { timeout: 30_000, reject: false, all: true, env, stdin: 'ignore' });
    const out = r.all ?? '';
    const version = /TLC\b.*?Version ([^\s]+)/.exec(out)?.[1];
    probe = /TLC\b[\s\S]*model checking/i.test(out) ? { ok: true, ...(version ? { version } : {}) } : { ok: false, reason: out.split('\n').find((l) => l.trim())?.trim() ?? `exit ${r.exitCode}` };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
  await mkdir(path.dirname(cacheFile), { recursive: true }).then(() => writeFile(cacheFile, JSON.stringify({ ...cache, [key]: probe }))).catch(() => {});
  return probe;
}

export interface TlcRunOptions extends Pick<CheckOptions, 'workers' | 'timeoutMs' | 'jvmArgs' | 'signal'> {
  /** Called as TLC reports progress (start, initial states, once a minute while exploring). */
  readonly onProgress?: (p: TlcProgress) => void;
  /** Filled with TLC's raw `-tool` output and JSON trace (to record fixtures). */
  readonly capture?: { output?: string; traceJson?: string };
}

/** The longest timer Node can hold (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Run TLC in `-tool` mode on `dir/module.tla` with `cfgFile`. Each run gets its own temp
 * directory for `-metadir`, the JSON trace and the JVM's own temp files (`java.io.tmpdir`, where
 * TLC unpacks its standard modules), so concurrent runs share nothing and nothing stays behind.
 * The timeout counts from TLC's own start of work (JVM start-up excluded); it, or aborting
 * `signal`, kills the JVM (SIGKILL after a grace period) before the temp directory goes.
 */
export async function runTlc(setup: TlcSetup, dir: string, module: string, cfgFile: string, config: string, o: TlcRunOptions = {}): Promise<CheckResult> {
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) throw new RangeError(`timeoutMs must be in 1..${MAX_TIMEOUT_MS}, got ${timeoutMs}`);
  const work = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-tlc-'));
  const traceFile = path.join(work, 'trace.json');
  const started = performance.now();
  const stop = new AbortController();
  let timedOut = false;
  let timer = setTimeout(() => { timedOut = true; stop.abort(); }, timeoutMs);
  const onAbort = () => stop.abort();
  o.signal?.addEventListener('abort', onAbort);
  if (o.signal?.aborted) stop.abort();
  let last: TlcProgress | undefined;
  try {
    const args = [
      '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', `-Djava.io.tmpdir=${work}`, ...(o.jvmArgs ?? []), '-cp', setup.jar, 'tlc2.TLC',
      '-tool', '-workers', String(o.workers ?? 'auto'), '-noGenerateSpecTE', '-metadir', path.join(work, 'states'),
      '-dumpTrace', 'json', traceFile, '-config', cfgFile, `${module}.tla`,
    ];
    const child = execa(setup.java, args, { cwd: dir, reject: false, cancelSignal: stop.signal, forceKillAfterDelay: 2_000, cleanup: true, all: true, stdin: 'ignore' });
    const read = progressReader((p) => {
      // TLC has started: the time limit counts from here.
      if (p.phase === 'starting' && !last && !timedOut) { clearTimeout(timer); timer = setTimeout(() => { timedOut = true; stop.abort(); }, timeoutMs); }
      last = p.distinct !== undefined || !last ? p : { ...last, phase: p.phase };
      o.onProgress?.(p);
    });
    const utf8 = new StringDecoder('utf8');
    child.all?.on('data', (chunk: Buffer) => read(utf8.write(chunk)));
    const r = await child;
    const durationMs = Math.round(performance.now() - started);
    const json = await readFile(traceFile, 'utf8').catch(() => undefined);
    if (o.capture) Object.assign(o.capture, { output: r.all ?? '', ...(json !== undefined ? { traceJson: json } : {}) });
    if (timedOut) return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'timeout', afterMs: timeoutMs, ...(last?.distinct !== undefined ? { progress: last } : {}) }, rawTail: tail(r.all ?? '') };
    if (r.isCanceled) return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'crashed', message: 'interrupted' } };
    if (r.failed && r.exitCode === undefined) {
      return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'crashed', message: r.shortMessage ?? 'TLC could not be started' }, rawTail: tail(r.all ?? '') };
    }
    const result = parseToolOutput(r.all ?? '', { module, config, durationMs, ...(r.exitCode === undefined ? {} : { exitCode: r.exitCode }) });
    return json === undefined ? result : withJsonTrace(result, json);
  } finally {
    clearTimeout(timer);
    o.signal?.removeEventListener('abort', onAbort);
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * Another tool of the jar (`tla2sany.SANY`, `pcal.trans`, ...), run as TLC is: its own
 * `java.io.tmpdir` (the jar's tools unpack the standard modules to a `tlc-*` temp directory and
 * leave it behind), removed afterwards; killed at `timeoutMs`.
 */
export async function runJarTool(setup: TlcSetup, mainClass: string, args: readonly string[], o: { readonly cwd: string; readonly timeoutMs?: number; readonly jvmArgs?: readonly string[] }): Promise<{ exitCode: number; output: string }> {
  const tmp = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-tool-'));
  try {
    const r = await execa(setup.java, [`-Djava.io.tmpdir=${tmp}`, ...(o.jvmArgs ?? []), '-cp', setup.jar, mainClass, ...args],
      { cwd: o.cwd, reject: false, all: true, timeout: o.timeoutMs ?? 60_000, forceKillAfterDelay: 2_000, cleanup: true, stdin: 'ignore' });
    return { exitCode: r.exitCode ?? -1, output: r.all ?? '' };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** The JSON trace (`-dumpTrace json`) carries action parameters the `-tool` text lacks; prefer it where present. */
export function withJsonTrace(result: CheckResult, json: string): CheckResult {
  const v = result.verdict;
  if (!('trace' in v) || v.trace.length === 0) return result;
  const states = parseDumpTraceJson(json);
  if (states.length !== v.trace.length) return result;
  const trace = v.trace.map((s, i) => ({ ...s, ...(states[i]!.action ? { action: { ...s.action, ...states[i]!.action } } : {}) }));
  return { ...result, verdict: { ...v, trace } as typeof v };
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
