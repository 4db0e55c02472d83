/**
 * Where the browser tests find Chromium. CI (.ci/run) installs Debian's Chromium in the
 * background while the other tests run, and names in `ZSWAP_TLA_CHROMIUM_INSTALL` the file the
 * install writes its exit status to when it ends: the browser tests wait for that file (the
 * sequencer runs them last, so they seldom wait), then look for the binary. Without the variable
 * they look at once. `.ci/run` gives the install 10 minutes, so its status is written by then;
 * the wait gives up a minute later (a status never written: the install's shell was killed).
 */
import { existsSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

export const INSTALL_ENV = 'ZSWAP_TLA_CHROMIUM_INSTALL';

export interface FoundChromium {
  /** The executable, when there is one. */
  readonly path?: string;
  /** Why there is none (empty when there is): the skip reason a test prints. */
  readonly note: string;
}

export interface FindOptions {
  readonly env?: NodeJS.ProcessEnv;
  /** Where to look, in order, after `CHROMIUM_PATH`. */
  readonly candidates?: readonly string[];
  /** How long to wait for a background install before giving up on it (default 11 minutes). */
  readonly timeoutMs?: number;
  readonly pollMs?: number;
}

export async function findChromium(o: FindOptions = {}): Promise<FoundChromium> {
  const env = o.env ?? process.env;
  const status = env[INSTALL_ENV];
  let install = '';
  if (status) {
    const timeoutMs = o.timeoutMs ?? 11 * 60_000, pollMs = o.pollMs ?? 500;
    const until = Date.now() + timeoutMs;
    while (!existsSync(status) && Date.now() < until) await sleep(pollMs);
    if (!existsSync(status)) install = `; the background install (${status}) had not ended after ${timeoutMs / 1000} s`;
    else {
      const code = readFileSync(status, 'utf8').trim();
      if (code !== '0') install = `; the background install (apt-get) ended with exit status ${code || '(none written)'}`;
    }
  }
  const candidates = [env.CHROMIUM_PATH, ...(o.candidates ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'])];
  const path = candidates.find((p): p is string => !!p && existsSync(p));
  if (path) return { path, note: '' };
  return { note: ` — skipped: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH)${install}` };
}
