import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { execa } from 'execa';
import { findJar, type JarLookup } from './tlc-jar.js';
import { parseDumpTraceJson, parseToolOutput } from './tlc-output.js';
import { progressReader, type TlcProgress } from './tlc-progress.js';
import type { CheckResult } from './result.js';

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

export interface TlcRunOptions {
  /** `-workers`: a number, or 'auto' (one per core). */
  readonly workers?: number | 'auto';
  readonly timeoutMs?: number;
  /** Extra JVM options, e.g. `-Xmx4g`. */
  readonly jvmArgs?: readonly string[];
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
      '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', ...(o.jvmArgs ?? []), '-cp', setup.jar, 'tlc2.TLC',
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
