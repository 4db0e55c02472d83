/**
 * Distributed TLC (`check --distributed`): a TLCServer that holds the state queue and the
 * fingerprint set, and TLCWorkers that compute successor states, talking over Java RMI. Local
 * workers run on this machine and every socket listens on 127.0.0.1 only; remote workers are
 * waited for, after the exact command to start each one has been given to `onWorkerCommand`.
 * The server's `-tool` output goes through the same parser as TLC's, so results and their DSL
 * mapping are the same; see `DISTRIBUTED_SHIM` for what our launcher changes.
 *
 * Not supported by distributed TLC (TLC's documentation, "Limitations of Distributed Mode"):
 * liveness (temporal properties), simulation, depth-first search, coverage; TLCGet/TLCSet.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { execa, type ResultPromise } from 'execa';
import type { CheckJob, DistributedOptions } from './checker.js';
import { isViolation, type CheckResult } from './result.js';
import { cachedJarPath } from './tlc-jar.js';
import { parseToolOutput } from './tlc-output.js';
import { progressReader, type TlcProgress } from './tlc-progress.js';
import { PROGRESS_SECONDS, checkTimeout, defaultTlcHeap, runDeadline, stateDir, tlcJvmArgs, type TlcRunOptions, type TlcSetup } from './tlc.js';

/** TLC's own words, quoted when refusing. */
export const DISTRIBUTED_LIMITS = "TLC's documentation: \"When run in distributed mode, TLC cannot check liveness properties. Nor does it use depth-first mode or simulation mode\"";

/** Why distributed TLC cannot check `job`, naming what it would leave unchecked; or undefined. */
export function distributedRefusal(job: Pick<CheckJob, 'config'>): string | undefined {
  const p = job.config.properties;
  if (p.length === 0) return undefined;
  return `distributed TLC does not check temporal properties (${DISTRIBUTED_LIMITS}), and this config checks ${p.join(', ')}: check it without --distributed`;
}

/**
 * Our launcher, compiled against the jar on first use (javac, `--release 11`) and kept beside
 * the cached jar. `server ARGS` is TLCServer with its fingerprint set exported over RMI (since
 * tlaplus commit 6fde5a9e, 2026-02, TLC hands workers a copy they cannot deserialize, and every
 * worker dies with NotSerializableException) and a trace that says why checking stopped
 * (TLCServerThread drops the failing worker's message), whose count of the states left survives
 * a worker that registers as checking ends (TLC's own throws); `worker HOST` is TLCWorker. With
 * -Dzswaptla.loopback=true every RMI socket listens on the loopback address only.
 */
export const DISTRIBUTED_SHIM = String.raw`package tlc2.tool.distributed;

import java.io.IOException;
import java.lang.reflect.Field;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.server.ExportException;
import java.rmi.server.RMISocketFactory;
import java.rmi.server.UnicastRemoteObject;

import tlc2.TLCGlobals;
import tlc2.output.EC;
import tlc2.output.MP;
import tlc2.tool.TLCState;
import tlc2.tool.TLCTrace;
import tlc2.tool.WorkerException;
import tlc2.tool.distributed.fp.IFPSetManager;
import tlc2.tool.distributed.fp.NonDistributedFPSetManager;
import tlc2.tool.fp.FPSet;
import tlc2.tool.fp.FPSetFactory;

/**
 * zswap-tla's launcher for distributed TLC: 'server ARGS...' runs a TLCServer, 'worker HOST' a
 * TLCWorker. Four things differ from TLC's own mains:
 * - the master's fingerprint set is exported over RMI. Since tlaplus commit 6fde5a9e (2026-02,
 *   "Remove RMI dependency from FPSet") FPSet is no UnicastRemoteObject, so TLCServer hands its
 *   workers a copy they cannot deserialize (NotSerializableException: MultiFPSet); on older
 *   releases the set is already exported and this is a no-op;
 * - the server says why checking stopped before it prints the trace (see ReasonTrace);
 * - a worker that registers as checking ends does not make the server fail (getNewStates);
 * - with -Dzswaptla.loopback=true every RMI socket listens on 127.0.0.1 only.
 * The server exits when checking ends (TLC's main leaves RMI threads that keep the JVM alive).
 */
public final class ZswapTlaDistributed extends TLCServer {

	public ZswapTlaDistributed(final TLCApp app) throws Exception {
		super(app);
	}

	@Override
	protected IFPSetManager getFPSetManagerImpl(final TLCApp work, final String metadir, final int fpsetCount) throws IOException {
		// Our trace says why checking stopped (see ReasonTrace); it replaces the one the constructor made.
		final TLCTrace reasonTrace = new ReasonTrace(metadir, work.getFileName(), work);
		try {
			final Field f = TLCServer.class.getDeclaredField("trace");
			f.setAccessible(true);
			f.set(this, reasonTrace);
		} catch (final ReflectiveOperationException e) {
			throw new IOException(e);
		}
		final FPSet fpSet = FPSetFactory.getFPSet(work.getFPSetConfiguration());
		fpSet.init(1, metadir, work.getFileName());
		try {
			UnicastRemoteObject.exportObject(fpSet, 0);
		} catch (final ExportException alreadyExported) {
			// A release where FPSet is still a UnicastRemoteObject.
		}
		return new NonDistributedFPSetManager(fpSet, InetAddress.getLocalHost().getCanonicalHostName(), reasonTrace);
	}

	/**
	 * The states on the queue and on their way to workers, as TLCServer counts them, but a server
	 * thread with no block (its states null: never handed one, or done) adds none. A worker that
	 * registers after the end game has joined the other threads (another worker found a violation,
	 * or finished a small model, first) leaves such a thread in the map, and TLCServer's own count
	 * then throws NullPointerException (TLCServerThread#getCurrentSize): the run ended with TLC's
	 * "unexpected exception" and without its counts. That worker is never sent exit(): if it is
	 * local, the launcher's caller stops it with the server (a remote one is its host's to stop).
	 */
	@Override
	public synchronized long getNewStates() {
		final java.util.Set<TLCServerThread> threads = serverThreads();
		if (threads == null) {
			return super.getNewStates();
		}
		long n = stateQueue.size();
		for (final TLCServerThread t : threads) {
			try {
				n += t.getCurrentSize();
			} catch (final NullPointerException noBlockYet) {
				// registered too late to be sent any
			}
		}
		return n;
	}

	private static final Field THREADS_TO_WORKERS = threadsToWorkers();

	private static Field threadsToWorkers() {
		try {
			final Field f = TLCServer.class.getDeclaredField("threadsToWorkers");
			f.setAccessible(true);
			return f;
		} catch (final ReflectiveOperationException | RuntimeException e) {
			return null; // a release laid out otherwise: TLCServer's own count
		}
	}

	@SuppressWarnings("unchecked")
	private java.util.Set<TLCServerThread> serverThreads() {
		try {
			return THREADS_TO_WORKERS == null ? null : ((java.util.Map<TLCServerThread, ?>) THREADS_TO_WORKERS.get(this)).keySet();
		} catch (final ReflectiveOperationException | ClassCastException e) {
			return null;
		}
	}

	/**
	 * TLCServerThread prints a failing worker's trace but not why it failed (the WorkerException's
	 * message is dropped when it carries a state). Before the trace, this says it as TLC's
	 * non-distributed model checker does, by redoing the failing step on the server: the invariant
	 * (2110), the deadlock (2114), or the evaluation error or failed Assert (1000).
	 */
	private static final class ReasonTrace extends TLCTrace {
		private final TLCApp app;

		ReasonTrace(final String metadir, final String specFile, final TLCApp app) throws IOException {
			super(metadir, specFile, app);
			this.app = app;
		}

		@Override
		public void printTrace(final TLCState s1, final TLCState s2) throws IOException, WorkerException {
			try {
				if (s2 != null) {
					app.checkState(s1, s2);
				}
				if (s1 != null) {
					app.getNextStates(s1);
				}
			} catch (final WorkerException e) {
				final String m = e.getMessage() == null ? "" : e.getMessage();
				final Matcher inv = Pattern.compile("^Error: Invariant (\\S+) is violated").matcher(m);
				if (inv.find()) {
					MP.printError(EC.TLC_INVARIANT_VIOLATED_BEHAVIOR, inv.group(1));
				} else if (m.startsWith("Error: deadlock reached")) {
					MP.printError(EC.TLC_DEADLOCK_REACHED);
				} else {
					MP.printError(EC.GENERAL, m.replaceFirst("^Error: ", ""));
				}
			} catch (final Throwable e) {
				MP.printError(EC.GENERAL, e);
			}
			super.printTrace(s1, s2);
		}
	}

	public static void main(final String[] args) {
		if (Boolean.getBoolean("zswaptla.loopback")) {
			try {
				RMISocketFactory.setSocketFactory(new RMISocketFactory() {
				public Socket createSocket(final String host, final int port) throws IOException {
					return new Socket(host, port);
				}
				public ServerSocket createServerSocket(final int port) throws IOException {
					return new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
				}
			});
			} catch (final IOException e) {
				throw new IllegalStateException(e);
			}
		}
		final String[] rest = java.util.Arrays.copyOfRange(args, 1, args.length);
		if (args.length > 0 && args[0].equals("worker")) {
			TLCWorker.main(rest);
			return;
		}
		int status = 1;
		try {
			TLCGlobals.setNumWorkers(0);
			final TLCApp app = TLCApp.create(rest);
			if (app != null) {
				new ZswapTlaDistributed(app).modelCheck();
				status = 0;
			}
		} catch (final Throwable e) {
			MP.printError(EC.GENERAL, e);
		}
		MP.flush();
		System.exit(status);
	}
}
`;

const SHIM_CLASS = 'tlc2.tool.distributed.ZswapTlaDistributed';

/** The javac that compiles the launcher: `JAVAC`, else the one beside an absolute `java`, else javac on the PATH. */
export function launcherJavac(java: string, env: NodeJS.ProcessEnv): string {
  return env.JAVAC ?? (path.isAbsolute(java) ? path.join(path.dirname(java), 'javac') : 'javac');
}

/** The launcher's class directory, beside the cached jar: one per launcher source and jar (its path, size and modification time). */
export function launcherDir(jar: string, st: { readonly size: number; readonly mtimeMs: number } | undefined, env: NodeJS.ProcessEnv): string {
  const key = createHash('sha256').update(DISTRIBUTED_SHIM).update(`\0${path.resolve(jar)}\0${st?.size}\0${st?.mtimeMs}`).digest('hex').slice(0, 16);
  return path.join(path.dirname(cachedJarPath(env)), `distributed-${key}`);
}

/** javac's arguments: the launcher source in `tmp`, compiled for Java 11 against `jar` into `tmp/classes`. */
export function launcherJavacArgs(jar: string, tmp: string): string[] {
  return ['-nowarn', '--release', '11', '-cp', jar, '-d', path.join(tmp, 'classes'), path.join(tmp, 'ZswapTlaDistributed.java')];
}

/** Why the launcher did not compile: the javac used and the first three lines of its output. */
export function launcherFailure(javac: string, output: string): string {
  return `could not compile the distributed launcher with ${javac} (--distributed needs a JDK, or JAVAC set): ${output.split('\n').slice(0, 3).join(' ')}`;
}

/** The launcher's class directory for `setup`'s jar: compiled once per jar and launcher source. */
export async function distributedClasses(setup: TlcSetup, env: NodeJS.ProcessEnv = process.env): Promise<{ dir: string } | { reason: string }> {
  const dir = launcherDir(setup.jar, await stat(setup.jar).catch(() => undefined), env);
  if (existsSync(path.join(dir, 'tlc2', 'tool', 'distributed', 'ZswapTlaDistributed.class'))) return { dir };
  const javac = launcherJavac(setup.java, env);
  await mkdir(path.dirname(dir), { recursive: true });
  const tmp = await mkdtemp(`${dir}.tmp-`);
  try {
    await writeFile(path.join(tmp, 'ZswapTlaDistributed.java'), DISTRIBUTED_SHIM);
    const r = await execa(javac, launcherJavacArgs(setup.jar, tmp), { reject: false, all: true, timeout: 120_000, stdin: 'ignore' });
    if (r.exitCode !== 0) return { reason: launcherFailure(javac, r.all ?? r.shortMessage ?? '') };
    // Another run may have compiled it meanwhile: theirs is as good.
    await rename(path.join(tmp, 'classes'), dir).catch((e: NodeJS.ErrnoException) => { if (!existsSync(dir)) throw e; });
    return { dir };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** A loopback port nothing listens on now (the server's RMI registry binds it a moment later). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no free port'))));
    });
  });
}

export interface DistributedRunOptions extends TlcRunOptions {
  readonly distributed: DistributedOptions;
  /** The config's CHECK_DEADLOCK: TLCServer reads only its `-deadlock` flag. */
  readonly checkDeadlock: boolean;
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * Where the server listens and the address its workers reach it at. With no remote host every
 * socket is on loopback, on the port asked for or a free one (`findPort`, just before the
 * server starts). With remote hosts, TLC's own default port and this machine's `hostname`.
 */
export async function distributedEndpoint(d: Pick<DistributedOptions, 'hosts' | 'address' | 'port'>, hostname: string, findPort: () => Promise<number> = freePort): Promise<{ loopback: boolean; port: number; address: string }> {
  const loopback = (d.hosts ?? []).length === 0;
  return { loopback, port: d.port ?? (loopback ? await findPort() : 10997), address: loopback ? '127.0.0.1' : d.address ?? hostname };
}

/** The server holds the queue and the fingerprint set: half the heap; local workers share the rest, 256 MiB at least each. */
export function distributedHeaps(memory: number, localWorkers: number): { server: number; worker: number } {
  const server = localWorkers > 0 ? Math.floor(memory / 2) : memory;
  return { server, worker: Math.max(256 * 2 ** 20, Math.floor((memory - server) / Math.max(1, localWorkers))) };
}

/** Worker threads in all: each local worker's threads and one per remote host (a violation's counts vary with them). */
export function distributedWorkers(d: Pick<DistributedOptions, 'localWorkers' | 'threads' | 'hosts'>): number {
  return d.localWorkers * (d.threads ?? 1) + (d.hosts ?? []).length;
}

/** The command that starts a TLCWorker on remote `host` for a server at `address:port` (told to `onWorkerCommand`). */
export function remoteWorkerCommand(host: string, port: number, address: string): string {
  return `java -Djava.rmi.server.hostname=${host} -Dtlc2.tool.distributed.TLCServer.port=${port} -cp tla2tools.jar tlc2.tool.distributed.TLCWorker ${address}`;
}

/** What a run starts: the server's java arguments, each local worker's directory and arguments, each remote host's command. */
export interface DistributedLaunch {
  readonly server: readonly string[];
  readonly workers: readonly { readonly dir: string; readonly args: readonly string[] }[];
  readonly commands: readonly { readonly host: string; readonly command: string }[];
}

/**
 * The processes of a run in `work` (the server in `work/server`, worker i in `work/worker-i`),
 * the launcher's classes in `classes`, TLC's states in `states`.
 */
export function distributedLaunch(
  p: { readonly classes: string; readonly jar: string; readonly work: string; readonly module: string; readonly cfgFile: string; readonly states: { readonly metadir: string; readonly recover?: string }; readonly port: number; readonly address: string; readonly loopback: boolean },
  o: DistributedRunOptions,
): DistributedLaunch {
  const d = o.distributed;
  const cp = `${p.classes}${path.delimiter}${p.jar}`;
  const rmi = [`-Djava.rmi.server.hostname=${p.address}`, `-Dtlc2.tool.distributed.TLCServer.port=${p.port}`, ...(p.loopback ? ['-Dzswaptla.loopback=true'] : [])];
  const heap = distributedHeaps(o.memory ?? defaultTlcHeap(), d.localWorkers);
  const seconds = Math.max(1, Math.round(o.progressSeconds ?? PROGRESS_SECONDS));
  const server = [
    ...tlcJvmArgs(path.join(p.work, 'server'), { ...o, memory: heap.server }), ...rmi, `-Dtlc2.tool.distributed.TLCServer.report=${seconds * 1000}`,
    '-cp', cp, SHIM_CLASS, 'server', '-tool', ...(o.checkDeadlock ? [] : ['-deadlock']), '-metadir', p.states.metadir,
    ...(p.states.recover ? ['-recover', p.states.recover] : []),
    ...(o.checkpoint?.minutes !== undefined ? ['-checkpoint', String(o.checkpoint.minutes)] : []),
    ...(o.fpmem !== undefined ? ['-fpmem', String(o.fpmem)] : []),
    '-config', p.cfgFile, `${p.module}.tla`,
  ];
  const workers = Array.from({ length: d.localWorkers }, (_, i) => {
    const dir = path.join(p.work, `worker-${i + 1}`);
    const args = [
      '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', `-Djava.io.tmpdir=${dir}`, `-Xmx${Math.floor(heap.worker / 2 ** 20)}m`, ...(o.jvmArgs ?? []),
      ...rmi, `-Dtlc2.tool.distributed.TLCWorker.threadCount=${d.threads ?? 1}`, '-cp', cp, SHIM_CLASS, 'worker', p.address,
    ];
    return { dir, args };
  });
  return { server, workers, commands: (d.hosts ?? []).map((host) => ({ host, command: remoteWorkerCommand(host, p.port, p.address) })) };
}

/** The server's output so far, kept to its last 200 characters, and whether it has said it waits for workers (message 7000). */
export function serverReady(seen: string, text: string): { seen: string; ready: boolean } {
  const kept = (seen + text).slice(-200);
  return { seen: kept, ready: /@!@!@STARTMSG 7000[:\s]/.test(kept) };
}

/**
 * The progress to keep after the server reports `p` (a report without counts keeps the last
 * counts), and whether the time limit starts again: at the first report, the server's start,
 * unless the limit has already run out.
 */
export function nextProgress(last: TlcProgress | undefined, p: TlcProgress, timedOut: boolean): { last: TlcProgress; restart: boolean } {
  return { last: p.distinct !== undefined || !last ? p : { ...last, phase: p.phase }, restart: p.phase === 'starting' && !last && !timedOut };
}

/**
 * The server's output handler: each chunk, decoded (a character may span chunks), goes to
 * `read`; `onReady` is called once, when the server first says it waits for workers.
 */
export function serverOutput(read: (text: string) => void, onReady: () => void): (chunk: Buffer) => void {
  const utf8 = new StringDecoder('utf8');
  let seen = '';
  let ready = false;
  return (chunk) => {
    const text = utf8.write(chunk);
    read(text);
    if (ready) return;
    const s = serverReady(seen, text);
    seen = s.seen;
    if (s.ready) { ready = true; onReady(); }
  };
}

/** The server's progress: `read` takes its output, each report goes to `onProgress`, `last()` is the progress kept (see nextProgress). */
export function trackProgress(deadline: { timedOut(): boolean; restart(): void }, onProgress?: (p: TlcProgress) => void): { read: (text: string) => void; last: () => TlcProgress | undefined } {
  let last: TlcProgress | undefined;
  const read = progressReader((p) => {
    const next = nextProgress(last, p, deadline.timedOut());
    // The server has started: the time limit counts from here.
    if (next.restart) deadline.restart();
    last = next.last;
    onProgress?.(p);
  });
  return { read, last: () => last };
}

/**
 * Whether the local workers, all exited, leave nothing to finish the run: the server would wait
 * for ever. Not when one was dismissed (TLCWorker#exit says `work completed`: the server is
 * ending) or the server has ended, or the run was stopped anyway.
 */
export function workersStranded(outputs: readonly unknown[], serverDone: boolean, stopped: boolean): boolean {
  return !outputs.some((o) => /work completed/.test(String(o ?? ''))) && !serverDone && !stopped;
}

/**
 * Once every local worker of a run without remote hosts has exited: `onStranded` when that
 * leaves nothing to finish the run (see workersStranded), with the run's state as `running` says.
 */
export async function watchWorkers(workers: readonly PromiseLike<ProcessEnd>[], remoteHosts: number, running: () => { serverDone: boolean; stopped: boolean }, onStranded: () => void): Promise<void> {
  if (workers.length === 0 || remoteHosts > 0) return;
  const ws = await Promise.all(workers);
  const r = running();
  if (workersStranded(ws.map((w) => w.all), r.serverDone, r.stopped)) onStranded();
}

/** How a process ended, as execa tells it. */
export interface ProcessEnd {
  /** Its output (execa's `all`: a string here). */
  readonly all?: unknown;
  readonly exitCode?: number;
  readonly isCanceled?: boolean;
  readonly failed?: boolean;
  readonly shortMessage?: string;
}

/**
 * A run's result from how its server ended: out of time (with the last counts), every local
 * worker gone first (`stranded`: their ends), stopped, the server not started, or else what
 * the server printed; a violation's counts depend on the `workers`' order.
 */
export function distributedResult(r: {
  readonly module: string; readonly config: string; readonly durationMs: number; readonly timeoutMs: number; readonly timedOut: boolean;
  readonly last: TlcProgress | undefined; readonly stranded: readonly ProcessEnd[] | undefined; readonly server: ProcessEnd; readonly workers: number;
}): CheckResult {
  const { module, config, durationMs } = r;
  const output = String(r.server.all ?? '');
  const crashed = (message: string, rawTail?: string): CheckResult => ({ backend: 'tlc', module, config, durationMs, verdict: { kind: 'crashed', message }, ...(rawTail ? { rawTail } : {}) });
  if (r.timedOut) return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'timeout', afterMs: r.timeoutMs, ...(r.last?.distinct !== undefined ? { progress: r.last } : {}) }, rawTail: tail(output) };
  if (r.stranded) {
    const why = r.stranded.map((w, i) => `worker ${i + 1}: ${tail(String(w.all ?? ''), 4).trim() || `exit ${w.exitCode}`}`).join('\n');
    return crashed(`every local TLC worker exited before the server finished:\n${why}`, tail(output));
  }
  if (r.server.isCanceled) return crashed('interrupted');
  if (r.server.failed && r.server.exitCode === undefined) return crashed(r.server.shortMessage ?? 'the TLC server could not be started', tail(output));
  const result = parseToolOutput(output, { module, config, durationMs, ...(r.server.exitCode === undefined ? {} : { exitCode: r.server.exitCode }) });
  return isViolation(result.verdict) ? { ...result, countsVary: `distributed TLC, ${r.workers} worker${r.workers === 1 ? '' : 's'}` } : result;
}

/** Starts of a loopback run whose port, picked by us, another socket took before the server bound it. */
export const PORT_TRIES = 3;

/** Whether the server could not bind its RMI registry's port: TLCServer's ExportException. */
export function portTaken(r: CheckResult): boolean {
  return r.verdict.kind === 'crashed' && /ExportException[\s\S]*Port already in use/.test(r.verdict.message);
}

/**
 * Whether to start again on a fresh port: the port was ours to pick (loopback, none asked for),
 * it was taken between our probe and the server's bind, and tries are left. A port the user
 * gave stays an error that says it is in use.
 */
export function retryOnFreshPort(r: CheckResult, d: Pick<DistributedOptions, 'hosts' | 'port'>, attempt: number, stopped: boolean): boolean {
  return d.port === undefined && (d.hosts ?? []).length === 0 && attempt < PORT_TRIES && !stopped && portTaken(r);
}

/**
 * Check `dir/module.tla` with `cfgFile` on distributed TLC. Every process it starts is killed
 * before it returns (time limit, `signal`, the server's end, or every local worker gone), and
 * the temp directory goes with them. A violation's counts depend on the workers' order: `countsVary`.
 * `findPort` picks a loopback port (tests hand it one that is taken).
 */
export async function runDistributedTlc(setup: TlcSetup, dir: string, module: string, cfgFile: string, config: string, o: DistributedRunOptions, findPort: () => Promise<number> = freePort): Promise<CheckResult> {
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  checkTimeout(timeoutMs);
  const d = o.distributed;
  if (d.localWorkers + (d.hosts ?? []).length < 1) return notStarted(module, config, 'distributed TLC needs at least one worker (local or on a host)');
  const classes = await distributedClasses(setup, o.env);
  if ('reason' in classes) return notStarted(module, config, classes.reason);
  for (let attempt = 1; ; attempt++) {
    const r = await distributedAttempt({ setup, classes: classes.dir, dir, module, cfgFile, config, timeoutMs, findPort }, o);
    if (!retryOnFreshPort(r, d, attempt, o.signal?.aborted ?? false)) return r;
  }
}

/** One start of the server and its local workers, in a temp directory of its own. */
async function distributedAttempt(
  a: { readonly setup: TlcSetup; readonly classes: string; readonly dir: string; readonly module: string; readonly cfgFile: string; readonly config: string; readonly timeoutMs: number; readonly findPort: () => Promise<number> },
  o: DistributedRunOptions,
): Promise<CheckResult> {
  const { setup, dir, module, cfgFile, config, timeoutMs } = a;
  const d = o.distributed;
  const remote = d.hosts ?? [];
  const work = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-dist-'));
  const started = performance.now();
  const deadline = runDeadline(timeoutMs, o.signal);
  const children: ResultPromise[] = [];
  let starting: Promise<void> | undefined;
  try {
    const states = await stateDir(work, module, config, o);
    if ('error' in states) return notStarted(module, config, states.error);
    const end = await distributedEndpoint(d, os.hostname(), a.findPort);
    const launch = distributedLaunch({ classes: a.classes, jar: setup.jar, work, module, cfgFile, states, ...end }, o);
    await mkdir(path.join(work, 'server'));
    const opts = { reject: false, cancelSignal: deadline.signal, forceKillAfterDelay: 2_000, cleanup: true, all: true, stdin: 'ignore' } as const;
    const server = execa(setup.java, launch.server, { ...opts, cwd: dir });
    children.push(server);
    const progress = trackProgress(deadline, o.onProgress);
    const workers: ResultPromise[] = [];
    let stranded = false;
    let serverDone = false;
    const startWorkers = async () => {
      for (const c of launch.commands) d.onWorkerCommand?.(c.host, c.command);
      for (const w of launch.workers) {
        await mkdir(w.dir);
        const p = execa(setup.java, w.args, { ...opts, cwd: w.dir });
        workers.push(p);
        children.push(p);
      }
      void watchWorkers(workers, remote.length, () => ({ serverDone, stopped: deadline.signal.aborted }), () => { stranded = true; deadline.abort(); });
    };
    // Workers start once the server says it is ready (7000): started earlier, they poll for it with back-off.
    server.all?.on('data', serverOutput(progress.read, () => { starting = startWorkers(); }));
    const r = await server;
    serverDone = true;
    await starting;
    const durationMs = Math.round(performance.now() - started);
    const ws = stranded ? await Promise.all(workers) : undefined;
    // Dismissed workers may idle on TLC's thread pool for a minute: they are done, stop them.
    deadline.abort();
    return distributedResult({ module, config, durationMs, timeoutMs, timedOut: deadline.timedOut(), last: progress.last(), stranded: ws, server: r, workers: distributedWorkers(d) });
  } finally {
    deadline.dispose();
    deadline.abort();
    await starting?.catch(() => {});
    await Promise.allSettled(children);
    await rm(work, { recursive: true, force: true });
  }
}

function notStarted(module: string, config: string, message: string): CheckResult {
  return { backend: 'tlc', module, config, durationMs: 0, verdict: { kind: 'crashed', message } };
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
