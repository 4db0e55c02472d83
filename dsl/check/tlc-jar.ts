import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * The pinned official release. v1.8.0 is a rolling pre-release whose asset upstream overwrites,
 * so its hash cannot be pinned; v1.7.4 is the newest immutable one.
 */
export const PINNED_TLC = {
  version: '1.7.4',
  url: 'https://github.com/tlaplus/tlaplus/releases/download/v1.7.4/tla2tools.jar',
  sha256: '936a262061c914694dfd669a543be24573c45d5aa0ff20a8b96b23d01e050e88',
} as const;

/** Per-user cache path the install script fills: `$XDG_CACHE_HOME/zswap-tla/tla2tools.jar`. */
export function cachedJarPath(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || os.homedir(), '.cache');
  return path.join(base, 'zswap-tla', 'tla2tools.jar');
}

export type JarLookup =
  | { readonly found: true; readonly jar: string; readonly source: 'TLA2TOOLS_JAR' | 'cache' }
  | { readonly found: false; readonly reason: string };

/** `TLA2TOOLS_JAR` first, then the per-user cache. A set but missing `TLA2TOOLS_JAR` is reported, not skipped. */
export function findJar(env: NodeJS.ProcessEnv = process.env): JarLookup {
  const fromEnv = env.TLA2TOOLS_JAR;
  if (fromEnv) {
    return existsSync(fromEnv)
      ? { found: true, jar: path.resolve(fromEnv), source: 'TLA2TOOLS_JAR' }
      : { found: false, reason: `TLA2TOOLS_JAR is set to ${fromEnv}, which does not exist` };
  }
  const cached = cachedJarPath(env);
  if (existsSync(cached)) return { found: true, jar: cached, source: 'cache' };
  return { found: false, reason: `no tla2tools.jar: TLA2TOOLS_JAR is unset and ${cached} does not exist (run \`npx zswap-tla tlc install\`)` };
}

