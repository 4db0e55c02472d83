/**
 * The CLI's cache folder in a project, node_modules/.cache/zswap-tla/ (the type-check's build
 * info and stamps, the kept call spans), and how a file there is written: whole or not at all,
 * so a run reading it while another writes sees the old file or the new one. A cache is never
 * worth failing a run for: a write that fails leaves the cache as it was.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempTag } from '../generate.js';

export const cacheDir = (root: string) => path.join(root, 'node_modules', '.cache', 'zswap-tla');

export const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');

/**
 * `text` into `file` by a rename, or nothing written (and no temp file left). The temp file is
 * this write's own (`tempTag`): threads of one process (check threads, a test runner's) share its pid.
 */
export function writeCacheFile(file: string, text: string): void {
  const tmp = `${file}.${tempTag()}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(tmp, text);
    renameSync(tmp, file);
  } catch {
    rmSync(tmp, { force: true });
  }
}

/** `file` gone, if it can be removed. */
export function dropCacheFile(file: string): void {
  try { rmSync(file, { force: true }); } catch { /* a stale stamp is refused on its hashes anyway */ }
}
