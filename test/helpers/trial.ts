/**
 * For tests that run a command as a child process and then check it left nothing behind: which
 * processes it started are still alive, and a private TMPDIR that starts with links to the
 * machine's own caches (so the run starts warm, as a user's does).
 */
import { lstat, mkdir, readdir, readlink, symlink } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import module from 'node:module';
import os from 'node:os';
import path from 'node:path';

/** Processes whose environment carries `marker` (every process a run starts inherits it). */
export function processesWith(marker: string): number[] {
  const out: number[] = [];
  for (const e of readdirSync('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    try { if (readFileSync(`/proc/${e}/environ`, 'utf8').includes(marker)) out.push(Number(e)); } catch { /* gone */ }
  }
  return out;
}

export async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) { if (Date.now() > end) return false; await new Promise((r) => setTimeout(r, 100)); }
  return true;
}

/**
 * Caches that outlive a run by design, in TMPDIR: tsx's transform cache (and, as the npm script's
 * runner, its IPC pipes) in tsx-<euid>, and Node's compile cache, which npm turns on where Node
 * has one (22.1 and later). A trial's TMPDIR holds just links to the machine's own, so anything
 * else the run leaves in its TMPDIR is the run's own.
 */
export const TSX_DIR = `tsx-${process.geteuid?.() ?? os.userInfo().username}`;
export const SHARED_TSX_DIR = path.join(os.tmpdir(), TSX_DIR);
export const CACHES = [TSX_DIR, ...('enableCompileCache' in module ? ['node-compile-cache'] : [])];

/** Links the caches into `tmp`, a trial's TMPDIR. */
export async function linkCaches(tmp: string): Promise<void> {
  for (const c of CACHES) {
    await mkdir(path.join(os.tmpdir(), c), { recursive: true });
    await symlink(path.join(os.tmpdir(), c), path.join(tmp, c));
  }
}

/** What is in a trial's TMPDIR besides the cache links `linkCaches` made, each still a link to the machine's cache. */
export async function leftIn(tmp: string): Promise<string[]> {
  const left: string[] = [];
  for (const e of (await readdir(tmp)).sort()) {
    const link = CACHES.includes(e) && (await lstat(path.join(tmp, e))).isSymbolicLink() && (await readlink(path.join(tmp, e))) === path.join(os.tmpdir(), e);
    if (!link) left.push(e);
  }
  return left;
}
