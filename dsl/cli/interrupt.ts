/**
 * Turns SIGINT, SIGTERM and SIGHUP — and the death of the `npm` process that started us — into
 * one AbortSignal, so a run stops its children (JVMs, workers) and removes its temp files
 * before it exits. npm does not wait for its script when it is killed itself, so without the
 * watch the JVM would run on as an orphan until its timeout.
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

export type StopReason = NodeJS.Signals | 'EPIPE';

export interface Interrupts {
  readonly signal: AbortSignal;
  /** Why the run was stopped, once it was. */
  reason(): StopReason | undefined;
  stop(reason: StopReason): void;
  dispose(): void;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** The conventional exit status for a run stopped by `reason` (128 + signal number; EPIPE as SIGPIPE). */
export function exitStatusOf(reason: StopReason): number {
  return 128 + (os.constants.signals[reason === 'EPIPE' ? 'SIGPIPE' : reason] ?? 1);
}

export function watchInterrupts(o: { watchNpm?: boolean } = {}): Interrupts {
  const ac = new AbortController();
  let why: StopReason | undefined;
  const stop = (r: StopReason) => {
    if (why !== undefined && r !== 'EPIPE') process.exit(exitStatusOf(r)); // a second signal: now
    why ??= r;
    ac.abort();
  };
  const handlers = SIGNALS.map((s) => [s, () => stop(s)] as const);
  for (const [s, h] of handlers) process.on(s, h);
  const npm = o.watchNpm === false ? [] : npmChain();
  // Once: the watch must not count as a second signal every 500 ms while the run cleans up.
  const timer = npm.length ? setInterval(() => { if (npm.some((pid) => !alive(pid))) { clearInterval(timer); stop('SIGHUP'); } }, 500) : undefined;
  timer?.unref();
  return {
    signal: ac.signal,
    reason: () => why,
    stop,
    dispose: () => {
      for (const [s, h] of handlers) process.off(s, h);
      if (timer) clearInterval(timer);
    },
  };
}

/** Our ancestors up to and including the nearest `npm` process; empty when npm did not start us. */
function npmChain(): number[] {
  const chain: number[] = [];
  for (let pid = process.ppid; pid > 1 && chain.length < 8; pid = parentOf(pid) ?? 0) {
    chain.push(pid);
    // npm sets its title to `npm run …`; otherwise its command line names npm-cli.js or the npm bin.
    if (/^npm[\s\0]|\/npm\0|\bnp[mx]-cli\.js\b/.test(cmdline(pid))) return chain;
  }
  return [];
}

function cmdline(pid: number): string {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8'); } catch { return ''; }
}

function parentOf(pid: number): number | undefined {
  const f = procStat(pid);
  return f && Number(f[1]);
}

/**
 * The fields of /proc/<pid>/stat after the command name (which may hold spaces and brackets):
 * [0] is the state, [1] the parent, [19] the start time, [21] the resident pages. Undefined when
 * there is no such process (or no /proc).
 */
export function procStat(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch { return undefined; }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
}
