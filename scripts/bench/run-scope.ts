/**
 * Keeps a bench run's temp files and child processes to the run, however it ends. Every temp dir
 * the sections make lands under one root (TMPDIR points there for this process and all it
 * starts), and a signal, or the death of the npm that started us, stops the children and removes
 * the root before the bench exits with 128 + signal. So no section needs signal handling of its
 * own, and the CLI's promise ("checkers stopped, temp files removed") holds for the bench too.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exitStatusOf, watchInterrupts } from '../../dsl/cli/interrupt.js';

/** Caches that outlive a run by design (tsx's transforms, Node's compile cache): linked, so a run starts warm and does not remove them. */
const CACHES = [`tsx-${process.geteuid?.() ?? os.userInfo().username}`, 'node-compile-cache'];

const extra = new Set<string>();

/** A temp dir made outside the root (watch-bench's, which must sit in the repository): removed with it, if still there. */
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
  // rm -r removes the cache links, not what they point to.
  const remove = () => { for (const d of [tmp, ...extra]) rmSync(d, { recursive: true, force: true }); };
  process.on('exit', remove);
  const interrupts = watchInterrupts();
  interrupts.signal.addEventListener('abort', () => {
    const why = interrupts.reason()!;
    log(`\nbench interrupted (${why}): stopping its child processes and removing its temp files; nothing more is saved`);
    stopChildren();
    process.exit(exitStatusOf(why));
  });
  return { tmp, dispose: () => interrupts.dispose() };
}

/**
 * SIGTERM once to every process below us, then wait for them, SIGKILL after 10 s. Synchronous on
 * purpose: no other JavaScript of ours runs meanwhile, so no section starts a new JVM (a fuzz loop
 * would go on to its next model) or saves results and fixtures from runs the signal broke. Once,
 * because a CLI child takes a second signal as "exit now, skip the cleanup".
 */
function stopChildren(): void {
  const told = new Set<number>();
  const end = Date.now() + 10_000;
  for (;;) {
    const below = descendants(process.pid).filter((p) => !exited(p));
    if (!below.length) return;
    for (const p of below) {
      if (told.has(p) && Date.now() < end) continue;
      told.add(p);
      try { process.kill(p, Date.now() < end ? 'SIGTERM' : 'SIGKILL'); } catch { /* gone */ }
    }
    if (Date.now() > end + 2_000) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
  }
}

/** Ended but not yet reaped (our own children wait for the event loop we are holding). */
function exited(pid: number): boolean {
  const stat = safe(() => readFileSync(`/proc/${pid}/stat`, 'utf8'), '');
  return !stat || /^[ZX]/.test(stat.slice(stat.lastIndexOf(')') + 2));
}

/** Every process below `pid`, children first, read from /proc (Linux: the JVMs and CLI runs the bench starts). */
function descendants(pid: number): number[] {
  const out: number[] = [];
  for (const task of safe(() => readdirSync(`/proc/${pid}/task`), [])) {
    for (const c of safe(() => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8'), '').split(' ').filter(Boolean).map(Number)) {
      out.push(c, ...descendants(c));
    }
  }
  return out;
}

function safe<T>(f: () => T, fallback: T): T {
  try { return f(); } catch { return fallback; }
}
