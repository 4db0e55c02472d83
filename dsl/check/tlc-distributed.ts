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
 * (TLCServerThread drops the failing worker's message); `worker HOST` is TLCWorker. With
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
 * TLCWorker. Three things differ from TLC's own mains:
 * - the master's fingerprint set is exported over RMI. Since tlaplus commit 6fde5a9e (2026-02,
 *   "Remove RMI dependency from FPSet") FPSet is no UnicastRemoteObject, so TLCServer hands its
 *   workers a copy they cannot deserialize (NotSerializableException: MultiFPSet); on older
 *   releases the set is already exported and this is a no-op;
 * - the server says why checking stopped before it prints the trace (see ReasonTrace);
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

/** The launcher's class directory for `setup`'s jar: compiled once per jar and launcher source. */
export async function distributedClasses(setup: TlcSetup, env: NodeJS.ProcessEnv = process.env): Promise<{ dir: string } | { reason: string }> {
  const st = await stat(setup.jar).catch(() => undefined);
  const key = createHash('sha256').update(DISTRIBUTED_SHIM).update(`\0${path.resolve(setup.jar)}\0${st?.size}\0${st?.mtimeMs}`).digest('hex').slice(0, 16);
  const dir = path.join(path.dirname(cachedJarPath(env)), `distributed-${key}`);
  if (existsSync(path.join(dir, 'tlc2', 'tool', 'distributed', 'ZswapTlaDistributed.class'))) return { dir };
  const javac = env.JAVAC ?? (path.isAbsolute(setup.java) ? path.join(path.dirname(setup.java), 'javac') : 'javac');
  await mkdir(path.dirname(dir), { recursive: true });
  const tmp = await mkdtemp(`${dir}.tmp-`);
  try {
    await writeFile(path.join(tmp, 'ZswapTlaDistributed.java'), DISTRIBUTED_SHIM);
    const r = await execa(javac, ['-nowarn', '--release', '11', '-cp', setup.jar, '-d', path.join(tmp, 'classes'), path.join(tmp, 'ZswapTlaDistributed.java')],
      { reject: false, all: true, timeout: 120_000, stdin: 'ignore' });
    if (r.exitCode !== 0) return { reason: `could not compile the distributed launcher with ${javac} (--distributed needs a JDK, or JAVAC set): ${(r.all ?? r.shortMessage ?? '').split('\n').slice(0, 3).join(' ')}` };
    // Another run may have compiled it meanwhile: theirs is as good.
    await rename(path.join(tmp, 'classes'), dir).catch((e: NodeJS.ErrnoException) => { if (!existsSync(dir)) throw e; });
    return { dir };
  } finally {
    await rm(tmp, { recursive: true, force: true });
  }
}

/** A loopback port nothing listens on now (the server's RMI registry binds it a moment later). */
async function freePort(): Promise<number> {
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
 * Check `dir/module.tla` with `cfgFile` on distributed TLC. Every process it starts is killed
 * before it returns (time limit, `signal`, the server's end, or every local worker gone), and
 * the temp directory goes with them. A violation's counts depend on the workers' order: `countsVary`.
 */
export async function runDistributedTlc(setup: TlcSetup, dir: string, module: string, cfgFile: string, config: string, o: DistributedRunOptions): Promise<CheckResult> {
  const timeoutMs = o.timeoutMs ?? 10 * 60_000;
  checkTimeout(timeoutMs);
  const d = o.distributed;
  const remote = d.hosts ?? [];
  const crashed = (message: string, durationMs = 0, rawTail?: string): CheckResult => ({ backend: 'tlc', module, config, durationMs, verdict: { kind: 'crashed', message }, ...(rawTail ? { rawTail } : {}) });
  if (d.localWorkers + remote.length < 1) return crashed('distributed TLC needs at least one worker (local or on a host)');
  const classes = await distributedClasses(setup, o.env);
  if ('reason' in classes) return crashed(classes.reason);
  const work = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-dist-'));
  const started = performance.now();
  const deadline = runDeadline(timeoutMs, o.signal);
  const children: ResultPromise[] = [];
  let starting: Promise<void> | undefined;
  let last: TlcProgress | undefined;
  try {
    const states = await stateDir(work, module, config, o);
    if ('error' in states) return crashed(states.error);
    const loopback = remote.length === 0;
    const port = d.port ?? (loopback ? await freePort() : 10997);
    const address = loopback ? '127.0.0.1' : d.address ?? os.hostname();
    const cp = `${classes.dir}${path.delimiter}${setup.jar}`;
    const rmi = [`-Djava.rmi.server.hostname=${address}`, `-Dtlc2.tool.distributed.TLCServer.port=${port}`, ...(loopback ? ['-Dzswaptla.loopback=true'] : [])];
    // The server holds the queue and the fingerprint set: half the memory; local workers share the rest.
    const memory = o.memory ?? defaultTlcHeap();
    const serverHeap = d.localWorkers > 0 ? Math.floor(memory / 2) : memory;
    const workerHeap = Math.max(256 * 2 ** 20, Math.floor((memory - serverHeap) / Math.max(1, d.localWorkers)));
    const seconds = Math.max(1, Math.round(o.progressSeconds ?? PROGRESS_SECONDS));
    await mkdir(path.join(work, 'server'));
    const serverArgs = [
      ...tlcJvmArgs(path.join(work, 'server'), { ...o, memory: serverHeap }), ...rmi, `-Dtlc2.tool.distributed.TLCServer.report=${seconds * 1000}`,
      '-cp', cp, SHIM_CLASS, 'server', '-tool', ...(o.checkDeadlock ? [] : ['-deadlock']), '-metadir', states.metadir,
      ...(states.recover ? ['-recover', states.recover] : []),
      ...(o.checkpoint?.minutes !== undefined ? ['-checkpoint', String(o.checkpoint.minutes)] : []),
      ...(o.fpmem !== undefined ? ['-fpmem', String(o.fpmem)] : []),
      '-config', cfgFile, `${module}.tla`,
    ];
    const opts = { reject: false, cancelSignal: deadline.signal, forceKillAfterDelay: 2_000, cleanup: true, all: true, stdin: 'ignore' } as const;
    const server = execa(setup.java, serverArgs, { ...opts, cwd: dir });
    children.push(server);
    const read = progressReader((p) => {
      // The server has started: the time limit counts from here.
      if (p.phase === 'starting' && !last && !deadline.timedOut()) deadline.restart();
      last = p.distinct !== undefined || !last ? p : { ...last, phase: p.phase };
      o.onProgress?.(p);
    });
    const threads = d.threads ?? 1;
    const workers: ResultPromise[] = [];
    // Local workers only: when every one has gone while the server waits, nothing will finish the run.
    // A worker the server dismissed says `work completed` (TLCWorker#exit) and leaves before the server ends.
    let workersGone = false;
    let serverDone = false;
    const watchWorkers = (): void => {
      if (workers.length === 0 || remote.length > 0) return;
      void Promise.all(workers).then((ws) => {
        const dismissed = ws.some((w) => /work completed/.test(String(w.all ?? '')));
        if (!dismissed && !serverDone && !deadline.signal.aborted) { workersGone = true; deadline.abort(); }
      });
    };
    const startWorkers = async () => {
      for (const host of remote) {
        d.onWorkerCommand?.(host, `java -Djava.rmi.server.hostname=${host} -Dtlc2.tool.distributed.TLCServer.port=${port} -cp tla2tools.jar tlc2.tool.distributed.TLCWorker ${address}`);
      }
      for (let i = 0; i < d.localWorkers; i++) {
        const wdir = path.join(work, `worker-${i + 1}`);
        await mkdir(wdir);
        const w = execa(setup.java, [
          '-XX:+UseParallelGC', '-Duser.language=en', '-Duser.country=US', `-Djava.io.tmpdir=${wdir}`, `-Xmx${Math.floor(workerHeap / 2 ** 20)}m`, ...(o.jvmArgs ?? []),
          ...rmi, `-Dtlc2.tool.distributed.TLCWorker.threadCount=${threads}`, '-cp', cp, SHIM_CLASS, 'worker', address,
        ], { ...opts, cwd: wdir });
        workers.push(w);
        children.push(w);
      }
      watchWorkers();
    };
    // Workers start once the server says it is ready (7000): started earlier, they poll for it with back-off.
    const utf8 = new StringDecoder('utf8');
    let seen = '';
    server.all?.on('data', (chunk: Buffer) => {
      const text = utf8.write(chunk);
      read(text);
      if (starting) return;
      seen = (seen + text).slice(-200);
      if (/@!@!@STARTMSG 7000[:\s]/.test(seen)) starting = startWorkers();
    });
    const r = await server;
    serverDone = true;
    await starting;
    const durationMs = Math.round(performance.now() - started);
    const ws = workersGone ? await Promise.all(workers) : [];
    // Dismissed workers may idle on TLC's thread pool for a minute: they are done, stop them.
    deadline.abort();
    const output = String(r.all ?? '');
    if (deadline.timedOut()) return { backend: 'tlc', module, config, durationMs, verdict: { kind: 'timeout', afterMs: timeoutMs, ...(last?.distinct !== undefined ? { progress: last } : {}) }, rawTail: tail(output) };
    if (workersGone) {
      const why = ws.map((w, i) => `worker ${i + 1}: ${tail(String(w.all ?? ''), 4).trim() || `exit ${w.exitCode}`}`).join('\n');
      return crashed(`every local TLC worker exited before the server finished:\n${why}`, durationMs, tail(output));
    }
    if (r.isCanceled) return crashed('interrupted', durationMs);
    if (r.failed && r.exitCode === undefined) return crashed(r.shortMessage ?? 'the TLC server could not be started', durationMs, tail(output));
    const result = parseToolOutput(output, { module, config, durationMs, ...(r.exitCode === undefined ? {} : { exitCode: r.exitCode }) });
    const n = d.localWorkers * threads + remote.length;
    return isViolation(result.verdict) ? { ...result, countsVary: `distributed TLC, ${n} worker${n === 1 ? '' : 's'}` } : result;
  } finally {
    deadline.dispose();
    deadline.abort();
    await starting?.catch(() => {});
    await Promise.allSettled(children);
    await rm(work, { recursive: true, force: true });
  }
}

function tail(text: string, lines = 40): string {
  return text.split('\n').slice(-lines).join('\n');
}
