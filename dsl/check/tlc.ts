import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { execa } from 'execa';
import { findJar, type JarLookup } from './tlc-jar.js';
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
      return l.found ? { ok: true, detail: `TLC: ${l.java} -cp ${l.jar}` } : { ok: false, reason: l.reason };
    },
    async check(job: CheckJob, o: CheckOptions = {}): Promise<CheckResult> {
      const l = await find();
      if (!l.found) return { backend: 'tlc', module: job.module.name, config: job.config.name, durationMs: 0, verdict: { kind: 'crashed', message: `TLC is not available: ${l.reason}` } };
      const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-job-'));
      try {
        const cfgFile = `${job.module.name}.${job.config.name}.cfg`;
        await writeFile(path.join(dir, `${job.module.name}.tla`), job.tla);
        await writeFile(path.join(dir, cfgFile), job.cfg);
        return namedParams(await runTlc(l, dir, job.module.name, cfgFile, job.config.name, o), job);
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

export interface TlcSetup { readonly java: string; readonly jar: string }

export type TlcLookup = ({ readonly found: true } & TlcSetup) | { readonly found: false; readonly reason: string };

/** TLC is usable when a jar is found and `java -version` runs. Says why not, otherwise. */
export async function findTlc(env: NodeJS.ProcessEnv = process.env): Promise<TlcLookup> {
  const jar: JarLookup = findJar(env);
  if (!jar.found) return jar;
  const java = env.JAVA ?? 'java';
  try {
    await execa(java, ['-version'], { timeout: 20_000, reject: true, env });
  } catch (e) {
    return { found: false, reason: `found ${jar.jar} but \`${java} -version\` failed: ${(e as Error).message.split('\n')[0]}` };
  }
  return { found: true, java, jar: jar.jar };
}

export interface TlcRunOptions extends Pick<CheckOptions, 'workers' | 'timeoutMs' | 'jvmArgs'> {
  /** Called as TLC reports progress (start, initial states, once a minute while exploring). */
  readonly onProgress?: (p: TlcProgress) => void;
  /** Filled with TLC's raw `-tool` output and JSON trace (to record fixtures). */
  readonly capture?: { output?: string; traceJson?: string };
}

/**
 * Run TLC in `-tool` mode on `dir/module.tla` with `cfgFile`. Each run gets its own temp
 * directory for `-metadir` and the JSON trace, so concurrent runs never share TLC's state
 * directory; it is removed afterwards. A timeout kills the JVM (SIGKILL after a grace period).
 */
export async function runTlc(setup: TlcSetup, dir: string, module: string, cfgFile: string, config: string, o: TlcRunOptions = {}): Promise<CheckResult> {
  const work = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-tlc-'));
  const traceFile = path.join(work, 'trace.json');
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  const started = performance.now();
  try {
    const args = [
      '-XX:+UseParallelGC', ...(o.jvmArgs ?? []), '-cp', setup.jar, 'tlc2.TLC',
      '-tool', '-workers', String(o.workers ?? 'auto'), '-noGenerateSpecTE', '-metadir', path.join(work, 'states'),
      '-dumpTrace', 'json', traceFile, '-config', cfgFile, `${module}.tla`,
    ];
    const child = execa(setup.java, args, { cwd: dir, reject: false, timeout: timeoutMs, forceKillAfterDelay: 2_000, cleanup: true, all: true, stdin: 'ignore' });
    if (o.onProgress) {
      const read = progressReader(o.onProgress);
      const utf8 = new StringDecoder('utf8');
      child.all?.on('data', (chunk: Buffer) => read(utf8.write(chunk)));
    }
    const r = await child;
    const durationMs = Math.round(performance.now() - started);
    const json = await readFile(traceFile, 'utf8').catch(() => undefined);
    if (o.capture) Object.assign(o.capture, { output: r.all ?? '', ...(json !== undefined ? { traceJson: json } : {}) });
    if (r.timedOut) return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'timeout', afterMs: timeoutMs }, rawTail: tail(r.all ?? '') };
    if (r.failed && r.exitCode === undefined) {
      return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'crashed', message: r.shortMessage ?? 'TLC could not be started' }, rawTail: tail(r.all ?? '') };
    }
    const result = parseToolOutput(r.all ?? '', { module, config, durationMs, ...(r.exitCode === undefined ? {} : { exitCode: r.exitCode }) });
    return json === undefined ? result : withJsonTrace(result, json);
  } finally {
    await rm(work, { recursive: true, force: true });
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
