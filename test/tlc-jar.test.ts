/**
 * Where TLC's jar is looked for (dsl/check/tlc-jar.ts): `TLA2TOOLS_JAR`, then the per-user cache
 * under `XDG_CACHE_HOME` or `~/.cache`; a set but missing `TLA2TOOLS_JAR` is an error, not a skip.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cachedJarPath, findJar } from '../dsl/check/tlc-jar.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'tlc-jar-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cachedJarPath', () => {
  it('XDG_CACHE_HOME first, then HOME/.cache', () => {
    expect(cachedJarPath({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/u' })).toBe('/x/cache/zswap-tla/tla2tools.jar');
    expect(cachedJarPath({ XDG_CACHE_HOME: '', HOME: '/home/u' })).toBe('/home/u/.cache/zswap-tla/tla2tools.jar');
    expect(cachedJarPath({ HOME: '/home/u' })).toBe('/home/u/.cache/zswap-tla/tla2tools.jar');
    expect(cachedJarPath({})).toBe(path.join(os.homedir(), '.cache', 'zswap-tla', 'tla2tools.jar'));
  });
});

describe('findJar', () => {
  const jar = path.join(dir, 'mine.jar');
  writeFileSync(jar, '');
  const cache = path.join(dir, 'cache');
  mkdirSync(path.join(cache, 'zswap-tla'), { recursive: true });
  const cached = path.join(cache, 'zswap-tla', 'tla2tools.jar');
  writeFileSync(cached, '');
  const empty = path.join(dir, 'empty-cache');

  it('TLA2TOOLS_JAR when it exists (made absolute), even with a cached jar', () => {
    expect(findJar({ TLA2TOOLS_JAR: jar, XDG_CACHE_HOME: cache })).toEqual({ found: true, jar, source: 'TLA2TOOLS_JAR' });
    const rel = path.relative(process.cwd(), jar);
    expect(findJar({ TLA2TOOLS_JAR: rel, XDG_CACHE_HOME: empty })).toEqual({ found: true, jar, source: 'TLA2TOOLS_JAR' });
  });
  it('a set but missing TLA2TOOLS_JAR is reported, not replaced by the cache', () => {
    expect(findJar({ TLA2TOOLS_JAR: '/nonexistent/t.jar', XDG_CACHE_HOME: cache }))
      .toEqual({ found: false, reason: 'TLA2TOOLS_JAR is set to /nonexistent/t.jar, which does not exist' });
  });
  it('unset or empty TLA2TOOLS_JAR: the cache', () => {
    expect(findJar({ XDG_CACHE_HOME: cache })).toEqual({ found: true, jar: cached, source: 'cache' });
    expect(findJar({ TLA2TOOLS_JAR: '', XDG_CACHE_HOME: cache })).toEqual({ found: true, jar: cached, source: 'cache' });
  });
  it('neither: says where it looked and how to install', () => {
    expect(findJar({ XDG_CACHE_HOME: empty })).toEqual({
      found: false,
      reason: `no tla2tools.jar: TLA2TOOLS_JAR is unset and ${path.join(empty, 'zswap-tla', 'tla2tools.jar')} does not exist (run \`npx zswap-tla tlc install\`)`,
    });
  });
});
