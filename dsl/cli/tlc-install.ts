import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { PINNED_TLC, cachedJarPath } from '../check/tlc-jar.js';
import { EXIT } from './exit-codes.js';

export interface InstallOptions {
  readonly url?: string;
  readonly sha256?: string;
  readonly dest?: string;
  readonly timeoutMs?: number;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

/**
 * Download the pinned tla2tools.jar, check its SHA-256, and move it into the per-user cache.
 * Offline, the fetch fails at once (or after `timeoutMs`) and nothing is written.
 */
export async function installTlc(o: InstallOptions): Promise<number> {
  const url = o.url ?? PINNED_TLC.url;
  const want = o.sha256 ?? PINNED_TLC.sha256;
  const dest = o.dest ?? cachedJarPath();
  o.out.write(`downloading TLC ${PINNED_TLC.version} from ${url}\n`);
  let body: Buffer;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(o.timeoutMs ?? 60_000), redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
    body = Buffer.from(await res.arrayBuffer());
  } catch (e) {
    const cause = (e as { cause?: { code?: string } }).cause?.code;
    o.err.write(`error: could not download tla2tools.jar (${cause ?? (e as Error).message}).\n`
      + `This machine may have no route to ${new URL(url).host}. npm run check still works: it falls back to the embedded tla-checker.\n`
      + `To use TLC, put a jar at ${dest} or set TLA2TOOLS_JAR.\n`);
    return EXIT.checkerFailure;
  }
  const got = createHash('sha256').update(body).digest('hex');
  if (got !== want) {
    o.err.write(`error: downloaded jar has SHA-256 ${got}, expected ${want}; not installed.\n`);
    return EXIT.checkerFailure;
  }
  await mkdir(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.${process.pid}.part`;
  try {
    await writeFile(tmp, body);
    await rename(tmp, dest);
  } finally {
    await rm(tmp, { force: true });
  }
  o.out.write(`installed ${dest} (sha256 ${got})\n`);
  return EXIT.ok;
}
