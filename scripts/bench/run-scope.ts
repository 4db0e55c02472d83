/**
 * Keeps a bench run's temp files and child processes to the run, however it ends. Every temp dir
 * the sections make lands under one root (TMPDIR points there for this process and all it
 * starts), and a signal, or the death of the npm that started us, stops the children and removes
 * the root before the bench exits with 128 + signal. So no section needs signal handling of its
 * own, and the CLI's promise ("checkers stopped, temp files removed") holds for the bench too.
 */
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitStatusOf, procStat, watchInterrupts } from '../../dsl/cli/interrupt.js';
import { stoppable } from './processes.js';

/** Caches that outlive a run by design (tsx's transforms, Node's compile cache): linked, so a run starts warm and does not remove them. */
const CACHES = [`tsx-${process.geteuid?.() ?? os.userInfo().username}`, 'node-compile-cache'];

const extra = new Set<string>();

/** A temp file or folder made outside the root (watch-bench's folder in the repository, the results file's temp): removed with it, if still there. */
export function removeWithRun(dir: string): void { extra.add(dir); }

export interface RunScope {
  readonly tmp: string;
  /** For a run that ends normally: the signal watch is released; the root goes at exit. */
  dispose(): void;
}

export function scopeRun(log: (line: string) => void): RunScope {
  const outer = os.tmpdir();
  const tmp = mkdtempSync(path.join(outer, 'zswap-tla-bench-run-'));
  for (const c of CACHES) if (existsSync(path.join(outer, c))) symlinkSync(path.join(outer, c), path.join(tmp, c));
  process.env.TMPDIR = tmp;
  // However the run ends (a crash too): no child outlives it, then its files go. rm -r removes
  // the cache links, not what they point to.
  process.on('exit', () => {
    stopChildren();
    for (const d of [tmp, ...extra]) rmSync(d, { recursive: true, force: true });
  });
  const interrupts = watchInterrupts();
  interrupts.signal.addEventListener('abort', () => {
    const why = interrupts.reason()!;
    log(`\nbench interrupted (${why}): stopping its child processes (up to 10 s) and removing its temp files; nothing more is saved`);
    process.exit(exitStatusOf(why));
  });
  return { tmp, dispose: () => interrupts.dispose() };
}

/**
 * SIGTERM once to every process below us, and to any that appears meanwhile, then wait for all of
 * them, SIGKILL after 10 s. Where we lead our process group, its other members too: a process
 * whose parent died before a scan saw it (a wrapper such as tsx's, signalled as it spawned the
 * CLI) has left our tree but not our group. Each process seen is waited for even once its parent is gone (GNU time,
 * killed, leaves npm and the CLI below it to init). Synchronous on purpose: no other JavaScript of
 * this thread runs meanwhile, so no section starts a new JVM (a fuzz loop would go on to its next
 * model) or saves results and fixtures from runs the signal broke; a second Ctrl-C waits too.
 * npm and tsx pass SIGTERM on, so a CLI below them may take it twice and exit without its own
 * cleanup: what it leaves is in our root, removed once it is gone.
 */
function stopChildren(): void {
  const seen = new Map<number, string | undefined>(); // pid → its start time, against a reused pid
  const end = Date.now() + 10_000;
  for (;;) {
    for (const { pid, stat } of stoppable(process.pid)) {
      if (seen.has(pid)) continue;
      seen.set(pid, stat[19]);
      try { process.kill(pid, 'SIGTERM'); } catch { /* gone */ }
    }
    const live = [...seen].filter(([p, t]) => running(p, t)).map(([p]) => p);
    if (!live.length) return;
    if (Date.now() > end) for (const p of live) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
    if (Date.now() > end + 2_000) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

/** Still running: there, the same process, and not ended (a zombie of ours waits for the event loop we hold). */
function running(pid: number, start: string | undefined): boolean {
  const f = procStat(pid);
  return f !== undefined && f[19] === start && f[0] !== 'Z' && f[0] !== 'X';
}
