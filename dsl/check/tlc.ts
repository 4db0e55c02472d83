import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { execa } from 'execa';
import { cachedJarPath, findJar, type JarLookup } from './tlc-jar.js';
import { parseDumpTraceJson, parseToolOutput } from './tlc-output.js';
import { progressReader, type TlcProgress } from './tlc-progress.js';
import { isViolation, type CheckResult } from './result.js';
import { randomSeed } from './seed.js';
import { distributedRefusal, runDistributedTlc } from './tlc-distributed.js';
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
      // What distributed TLC cannot check is refused before anything runs (TLC found or not).
      const refusal = o.distributed ? distributedRefusal(job) : undefined;
      if (refusal) return { backend: 'tlc', module: job.module.name, config: job.config.name, durationMs: 0, verdict: { kind: 'crashed', message: refusal } };
      const l = await find();
      if (!l.found) return { backend: 'tlc', module: job.module.name, config: job.config.name, durationMs: 0, verdict: { kind: 'crashed', message: `TLC is not available: ${l.reason}` } };
      const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-job-'));
      try {
        const cfgFile = await writeJobFiles(job, dir);
        if (o.distributed) {
          return namedProperty(namedParams(await runDistributedTlc(l, dir, job.module.name, cfgFile, job.config.name, { ...o, distributed: o.distributed, checkDeadlock: job.config.checkDeadlock, env }), job), job);
        }
        return namedProperty(namedParams(await runTlc(l, dir, job.module.name, cfgFile, job.config.name, o), job), job);
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    },
  };
}

export const tlcChecker = createTlcChecker();

/** `job`'s module, the modules it instances and its cfg, written into `dir` as TLC reads them; the cfg's file name. */
export async function writeJobFiles(job: CheckJob, dir: string): Promise<string> {
  const cfgFile = `${job.module.name}.${job.config.name}.cfg`;
  await writeFile(path.join(dir, `${job.module.name}.tla`), job.tla);
  await writeFile(path.join(dir, cfgFile), job.cfg);
  for (const [name, tla] of job.instanced ?? []) await writeFile(path.join(dir, `${name}.tla`), tla);
  return cfgFile;
}

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

export interface TlcRunOptions extends Pick<CheckOptions, 'workers' | 'timeoutMs' | 'jvmArgs' | 'signal' | 'simulate' | 'memory' | 'fpmem' | 'checkpoint' | 'coverage'> {
  /** Called as TLC reports progress (start, initial states, then every `progressSeconds`). */
  readonly onProgress?: (p: TlcProgress) => void;
  /** Filled with TLC's raw `-tool` output and JSON trace (to record fixtures). */
  readonly capture?: { output?: string; traceJson?: string };
  /** TLC's progress interval (`-Dtlc2.TLC.progressInterval`, whole seconds; TLC's own default is 60). */
  readonly progressSeconds?: number;
}

/** The longest timer Node can hold (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/** How often TLC reports progress when we run it: a status line that moves, at no measurable cost. */
export const PROGRESS_SECONDS = 3;

/**
 * TLC's default heap: half of physical memory, leaving at least 2 GiB to everything else. (The
 * JVM's own default is a quarter; the issue's 3-CPU run outgrew 2.5 GB in under a minute.)
 */
export function defaultTlcHeap(total = os.totalmem()): number {
  return Math.max(256 * 2 ** 20, Math.min(Math.floor(total / 2), total - 2 * 2 ** 30));
}

/** The JVM options every TLC process gets, `jvmArgs` last so a caller's own `-Xmx` wins. */
export function tlcJvmArgs(work: string, o: Pick<TlcRunOptions, 'memory' | 'jvmArgs' | 'progressSeconds'>): string[] {
  return [
    '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', `-Djava.io.tmpdir=${work}`,
    `-Xmx${Math.floor((o.memory ?? defaultTlcHeap()) / 2 ** 20)}m`,
    `-Dtlc2.TLC.progressInterval=${Math.max(1, Math.round(o.progressSeconds ?? PROGRESS_SECONDS))}`,
    ...(o.jvmArgs ?? []),
  ];
}

/**
 * Where TLC keeps its states: a fresh temp directory, or with `checkpoint` the config's kept
 * directory (TLC makes a timestamped one inside it) and, to resume, the newest checkpoint there.
 */
export async function stateDir(work: string, module: string, config: string, o: TlcRunOptions): Promise<{ metadir: string; recover?: string } | { error: string }> {
  if (!o.checkpoint) return { metadir: path.join(work, 'states') };
  const metadir = path.resolve(o.checkpoint.dir, `${module}.${config}`);
  await mkdir(metadir, { recursive: true });
  if (!o.checkpoint.resume) return { metadir };
  const recover = await newestCheckpoint(metadir);
  return recover ? { metadir, recover } : { error: `--resume: no TLC checkpoint of ${module}/${config} under ${metadir} (run with --checkpoint-dir first)` };
}

/** TLC names each run's directory by its start time (`26-12-02-07-01-33.123`); a checkpoint leaves `*.chkpt` files in it. */
export async function newestCheckpoint(metadir: string): Promise<string | undefined> {
  const runs = (await readdir(metadir, { withFileTypes: true }).catch(() => [])).filter((d) => d.isDirectory()).map((d) => d.name).sort().reverse();
  for (const r of runs) {
    const files = await readdir(path.join(metadir, r)).catch(() => [] as string[]);
    if (files.some((f) => f.endsWith('.chkpt'))) return path.join(metadir, r);
  }
  return undefined;
}

/** Worker threads `workers` means to TLC (`auto`: one per core, as TLC counts them). */
export function workerCount(workers: number | 'auto' | undefined): number {
  return workers === undefined || workers === 'auto' ? os.availableParallelism() : workers;
}

/** A time limit Node can hold, or a RangeError. */
export function checkTimeout(timeoutMs: number): void {
  if (!(timeoutMs > 0 && timeoutMs <= MAX_TIMEOUT_MS)) throw new RangeError(`timeoutMs must be in 1..${MAX_TIMEOUT_MS}, got ${timeoutMs}`);
}

/**
 * When one TLC run stops: after `timeoutMs` — counted again from TLC's start when `restart` is
 * called — or when `signal` aborts. `dispose` clears the timer and the listener.
 */
export function runDeadline(timeoutMs: number, signal: AbortSignal | undefined) {
  checkTimeout(timeoutMs);
  const stop = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const restart = () => { clearTimeout(timer); timer = setTimeout(() => { timedOut = true; stop.abort(); }, timeoutMs); };
  restart();
  const onAbort = () => stop.abort();
  signal?.addEventListener('abort', onAbort);
  if (signal?.aborted) stop.abort();
  return {
    signal: stop.signal,
    abort: () => stop.abort(),
    timedOut: () => timedOut,
    restart,
    dispose: () => { clearTimeout(timer); signal?.removeEventListener('abort', onAbort); },
  };
}

/**
 * Run TLC in `-tool` mode on `dir/module.tla` with `cfgFile`. Each run gets its own temp
 * directory for `-metadir`, the JSON trace and the JVM's own temp files (`java.io.tmpdir`, where
 * TLC unpacks its standard modules), so concurrent runs share nothing and nothing stays behind
 * (with `checkpoint`, the state directory is the one asked for, and kept).
 * The timeout counts from TLC's own start of work (JVM start-up excluded); it, or aborting
 * `signal`, kills the JVM (SIGKILL after a grace period) before the temp directory goes.
 */
export async function runTlc(setup: TlcSetup, dir: string, module: string, cfgFile: string, config: string, o: TlcRunOptions = {}): Promise<CheckResult> {
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  const deadline = runDeadline(timeoutMs, o.signal);
  const work = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-tlc-'));
  const traceFile = path.join(work, 'trace.json');
  const started = performance.now();
  let last: TlcProgress | undefined;
  try {
    const states = await stateDir(work, module, config, o);
    if ('error' in states) return { backend: 'tlc', module, config, durationMs: 0, verdict: { kind: 'crashed', message: states.error } };
    // A simulation runs one worker unless given a number, so that its seed reproduces it.
    const sim = o.simulate;
    const seed = sim ? sim.seed ?? randomSeed() : undefined;
    const workers = sim && (o.workers === undefined || o.workers === 'auto') ? 1 : o.workers ?? 'auto';
    const args = [
      ...tlcJvmArgs(work, o), '-cp', setup.jar, 'tlc2.TLC',
      '-tool', '-workers', String(workers), '-noGenerateSpecTE', '-metadir', states.metadir,
      ...(states.recover ? ['-recover', states.recover] : []),
      ...(o.checkpoint?.minutes !== undefined ? ['-checkpoint', String(o.checkpoint.minutes)] : []),
      ...(o.fpmem !== undefined ? ['-fpmem', String(o.fpmem)] : []),
      // Step coverage: TLC prints each action's distinct:generated counts at the end (and every N minutes).
      ...(o.coverage && !sim ? ['-coverage', '60'] : []),
      ...(sim ? ['-simulate', ...(sim.traces !== undefined ? [`num=${sim.traces}`] : []), '-depth', String(sim.depth ?? 100), '-seed', String(seed)] : []),
      '-dumpTrace', 'json', traceFile, '-config', cfgFile, `${module}.tla`,
    ];
    const child = execa(setup.java, args, { cwd: dir, reject: false, cancelSignal: deadline.signal, forceKillAfterDelay: 2_000, cleanup: true, all: true, stdin: 'ignore' });
    const read = progressReader((p) => {
      // TLC has started: the time limit counts from here.
      if (p.phase === 'starting' && !last && !deadline.timedOut()) deadline.restart();
      last = p.distinct !== undefined || p.traces !== undefined || !last ? p : { ...last, phase: p.phase };
      o.onProgress?.(p);
    });
    const utf8 = new StringDecoder('utf8');
    child.all?.on('data', (chunk: Buffer) => read(utf8.write(chunk)));
    const r = await child;
    const durationMs = Math.round(performance.now() - started);
    const json = await readFile(traceFile, 'utf8').catch(() => undefined);
    if (o.capture) Object.assign(o.capture, { output: r.all ?? '', ...(json !== undefined ? { traceJson: json } : {}) });
    // A simulation without a trace count runs until the time limit: that is its end, not a failure.
    if (deadline.timedOut() && sim && last?.traces !== undefined) {
      return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'passed' }, simulation: { seed: String(seed), depth: sim.depth ?? 100, traces: last.traces, ...(last.generated !== undefined ? { generated: last.generated } : {}), timeLimited: true } };
    }
    if (deadline.timedOut()) return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'timeout', afterMs: timeoutMs, ...(last?.distinct !== undefined || last?.traces !== undefined ? { progress: last } : {}) }, rawTail: tail(r.all ?? '') };
    if (r.isCanceled) return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'crashed', message: 'interrupted' } };
    if (r.failed && r.exitCode === undefined) {
      return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'crashed', message: r.shortMessage ?? 'TLC could not be started' }, rawTail: tail(r.all ?? '') };
    }
    const parsed = parseToolOutput(r.all ?? '', { module, config, durationMs, ...(r.exitCode === undefined ? {} : { exitCode: r.exitCode }) });
    const result = json === undefined ? parsed : withJsonTrace(parsed, json);
    if (sim) return { ...result, simulation: { seed: String(seed), ...(sim.traces !== undefined ? { maxTraces: sim.traces } : {}), depth: sim.depth ?? 100, ...result.simulation } };
    // A resumed run re-reads every fingerprint of the killed run's trace file, checkpointed or not:
    // its count is not the exhaustive one (here 15,716 and 15,967 for a 15,704-state config).
    if (states.recover) return { ...result, countsVary: 'resumed from a TLC checkpoint' };
    const n = workerCount(workers);
    return n > 1 && isViolation(result.verdict) ? { ...result, countsVary: `TLC with ${n} workers` } : result;
  } finally {
    deadline.dispose();
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

/**
 * The JSON trace (`-dumpTrace json`) carries the action parameters' names the `-tool` text lacks;
 * prefer it where present, with the values as the text printed them (`parseDumpTraceJson`).
 */
export function withJsonTrace(result: CheckResult, json: string): CheckResult {
  const v = result.verdict;
  if (!('trace' in v) || v.trace.length === 0) return result;
  const args = new Map(v.trace.map((s) => [s.index, s.action?.args]));
  const states = parseDumpTraceJson(json, (i) => args.get(i));
  if (states.length !== v.trace.length) return result;
  const trace = v.trace.map((s, i) => ({ ...s, ...(states[i]!.action ? { action: { ...s.action, ...states[i]!.action } } : {}) }));
  return { ...result, verdict: { ...v, trace } as typeof v };
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
