/**
 * Used from another repository, end to end: `npm pack` this package (its prepack builds dist/),
 * install the tarball into a fresh consumer project from npm's local cache, scaffold it with the
 * installed `zswap-tla init`, add a model of its own, and run the installed CLI: `gen`,
 * `check` on the embedded checkers (no TLC: an empty XDG_CACHE_HOME), SARIF whose URIs are
 * relative to the consumer, `--help`, and `tsc` clean in the consumer. Everything lives in a
 * temp folder, removed afterwards. Slow (pack + build + install): one test file, steps timed.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execa, type Options } from 'execa';
import type { Log } from 'sarif';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIRST_MODEL, MODEL_SOURCE } from '../dsl/cli/init.js';
import { PROJECT_ROOT } from './helpers/root.js';

const TIMEOUT = 600_000;
let tmp: string;
let consumer: string;
let env: NodeJS.ProcessEnv;
const timings: string[] = [];

/** `npm run`'s own variables would leak into the nested npm (and point at this repository). */
function cleanEnv(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^(TLA2TOOLS_JAR|INIT_CWD|FORCE_COLOR|NO_COLOR|GITHUB_.*)$/.test(k)) out[k] = v;
  return { ...out, ...extra };
}

async function timed<T>(what: string, f: () => Promise<T>): Promise<T> {
  const t0 = performance.now();
  try { return await f(); } finally { timings.push(`${what}: ${((performance.now() - t0) / 1000).toFixed(1)}s`); }
}

/** The installed CLI, as `npx zswap-tla` would run it. */
function cli(args: readonly string[], o: Options = {}): Promise<{ exitCode?: number; stdout: string; stderr: string; all: string }> {
  return execa(path.join(consumer, 'node_modules', '.bin', 'zswap-tla'), args, { cwd: consumer, env, extendEnv: false, reject: false, all: true, stdin: 'ignore', ...o }) as Promise<{ exitCode?: number; stdout: string; stderr: string; all: string }>;
}

/** The line (1-based) of the first line of `text` containing `needle`. */
const lineIn = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const OWN_MODEL = `import { model, plus, set, t, when, lt, le } from 'zswap-tla';

/** A counter that stops at its bound: the bound holds. */
export const Bounded = model('Bounded', (m) => {
  const x = m.variable('x', t.int(0, 3), 0);
  m.action('Step', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
  m.invariant('WithinBound', le(x, 3));
  m.config('small', { checkDeadlock: false });
});
`;

describe('a consumer project using the packed package', { timeout: TIMEOUT }, () => {
  let tarball: string;
  let packed: string[];
  let initRun: Awaited<ReturnType<typeof cli>>;

  beforeAll(async () => {
    const t0 = performance.now();
    tmp = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-consumer-'));
    consumer = path.join(tmp, 'consumer');
    await mkdir(consumer);
    await mkdir(path.join(tmp, 'cache'));
    env = cleanEnv({ XDG_CACHE_HOME: path.join(tmp, 'cache'), TMPDIR: tmp, CI: '1' });

    const pack = await timed('npm pack (prepack builds dist/)', () => execa('npm', ['pack', '--json', '--pack-destination', tmp], { cwd: PROJECT_ROOT, env: cleanEnv({}), extendEnv: false }));
    const info = JSON.parse(pack.stdout) as [{ filename: string; files: { path: string }[] }];
    tarball = path.join(tmp, info[0].filename);
    packed = info[0].files.map((f) => f.path);

    await writeFile(path.join(consumer, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2)}\n`);
    // From npm's local cache, which this repository's own `npm ci` filled (here it installs with
    // --offline too); --prefer-offline lets a cache without the registry's metadata (a fresh CI
    // runner) fetch just that instead of failing with ENOTCACHED.
    await timed('npm install (tarball, prefer-offline)', () => execa('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--save-dev', tarball], { cwd: consumer, env, extendEnv: false }));
    // Every test below starts from this project: init's scaffold plus the consumer's own model,
    // in a folder of its own (discovered, not registered). No test depends on another having run.
    initRun = await timed('init', () => cli(['init']));
    await mkdir(path.join(consumer, 'models', 'more'), { recursive: true });
    await writeFile(path.join(consumer, 'models', 'more', 'bounded.ts'), OWN_MODEL);
    timings.push(`setup total: ${((performance.now() - t0) / 1000).toFixed(1)}s`);
  }, TIMEOUT);

  afterAll(async () => {
    process.stdout.write(`consumer.test.ts timings — ${timings.join('; ')}\n`);
    if (tmp) await rm(tmp, { recursive: true, force: true });
  });

  it('the tarball ships the library, its types, the CLI and the LICENSE, and no tests, bench, models or scripts', () => {
    expect(packed).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts', 'dist/cli/main.js', 'dist/check/tla-checker-worker.mjs', 'dist/report/html/viewer.js']));
    expect(packed.filter((f) => /^(test|bench|models|scripts|generated|docs)\//.test(f) || !/^(dist\/|LICENSE$|README\.md$|package\.json$|templates\/)/.test(f))).toEqual([]);
  });

  it('init scaffolds the config, npm scripts, tsconfig and a first model with a seeded bug', async () => {
    const r = initRun;
    expect(r.exitCode, r.all).toBe(0);
    const pkg = JSON.parse(await readFile(path.join(consumer, 'package.json'), 'utf8')) as { scripts: Record<string, string>; 'zswap-tla': unknown; devDependencies: Record<string, string> };
    expect(pkg['zswap-tla']).toEqual({ models: 'models/**/*.ts', generated: 'generated' });
    expect(pkg.scripts).toMatchObject({ gen: 'zswap-tla gen', check: 'zswap-tla check', 'gen:check': 'zswap-tla gen --check --no-typecheck' });
    expect(pkg.devDependencies['zswap-tla']).toMatch(/zswap-tla-.*\.tgz$/); // what npm install wrote is kept
    expect(await readFile(path.join(consumer, FIRST_MODEL), 'utf8')).toBe(MODEL_SOURCE);
    expect(existsSync(path.join(consumer, 'tsconfig.json'))).toBe(true);
    // A second init keeps everything.
    const again = await cli(['init']);
    expect(again.exitCode).toBe(0);
    expect(again.stdout).toMatch(/kept {3}models\/counter\.ts \(exists\)/);
  });

  it('--help lists exit codes and environment and writes nothing', async () => {
    const before = (await readdir(consumer)).sort();
    const subs = [['check'], ['gen'], ['watch'], ['tlc', 'install'], ['init']];
    // Each is a process of its own, mostly start-up: run them at once.
    const helps = await Promise.all(subs.map((sub) => cli([...sub, '--help'])));
    subs.forEach((sub, i) => {
      const r = helps[i]!;
      expect(r.exitCode, sub.join(' ')).toBe(0);
      expect(r.stdout, sub.join(' ')).toMatch(/Exit codes:\n {2}0 /);
      expect(r.stdout, sub.join(' ')).toMatch(/Environment:/);
    });
    expect(helps[0]!.stdout).toMatch(/TLA2TOOLS_JAR[\s\S]*JAVA[\s\S]*XDG_CACHE_HOME[\s\S]*GITHUB_SHA[\s\S]*NO_COLOR/);
    expect((await readdir(consumer)).sort()).toEqual(before);
  });

  it('gen writes generated/ with paths relative to the consumer', async () => {
    const r = await timed('gen', () => cli(['gen']));
    expect(r.exitCode, r.all).toBe(0);
    expect(r.stdout).toMatch(/wrote \d+ files for 2 models to generated\//);
    expect((await readdir(path.join(consumer, 'generated'))).sort()).toEqual(expect.arrayContaining(['Counter.tla', 'Counter.map.json', 'Bounded.tla']));
    const tla = await readFile(path.join(consumer, 'generated', 'Counter.tla'), 'utf8');
    expect(tla).toContain('models/counter.ts');
    expect(tla).not.toMatch(/\.\.\/|node_modules/);
    const map = await readFile(path.join(consumer, 'generated', 'Counter.map.json'), 'utf8');
    expect(map).toContain('"models/counter.ts"');
    expect(map).not.toMatch(/\.\.\/|node_modules/);
    expect((await cli(['gen', '--check'])).exitCode).toBe(0);
  });

  it('check runs the embedded checker (no TLC) and points at the consumer\'s lines', async () => {
    const r = await timed('check (type-check + 3 configs)', () => cli(['check']));
    expect(r.exitCode, r.all).toBe(0);
    expect(r.stdout).toMatch(/tlc not used/i);
    expect(r.stdout).toMatch(/ok +Counter\/locked +\S+ +passed/);
    expect(r.stdout).toMatch(/ok +Counter\/racy +\S+ +invariant NoLostUpdate violated/);
    expect(r.stdout).toMatch(/ok +Bounded\/small +\S+ +passed/);
    expect(r.stdout).toContain(`defined at models/counter.ts:${lineIn(MODEL_SOURCE, "m.invariant('NoLostUpdate'")}`);
    expect(r.all).not.toMatch(/\.\.\/|node_modules\/zswap-tla/);
  });

  it('check MODEL/CONFIG --format sarif: one config, URIs relative to the consumer', async () => {
    const r = await timed('check Counter/racy --format sarif', () => cli(['check', 'Counter/racy', '--no-typecheck', '--format', 'sarif']));
    expect(r.exitCode, r.stderr).toBe(0);
    const log = JSON.parse(r.stdout) as Log;
    const uris = log.runs.flatMap((run) => (run.results ?? []).flatMap((res) => [
      ...(res.locations ?? []).map((l) => l.physicalLocation?.artifactLocation?.uri),
      ...(res.codeFlows ?? []).flatMap((cf) => cf.threadFlows.flatMap((tf) => tf.locations.map((l) => l.location?.physicalLocation?.artifactLocation?.uri))),
    ])).filter((u) => u !== undefined);
    expect(uris.length).toBeGreaterThan(0);
    expect(new Set(uris)).toEqual(new Set(['models/counter.ts']));
  });

  it('tsc is clean in the consumer (the types it needs come with the package)', async () => {
    const r = await timed('tsc --noEmit (consumer)', () => execa(process.execPath, [path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.'], { cwd: consumer, env, extendEnv: false, reject: false, all: true }));
    expect(r.exitCode, r.all).toBe(0);
    // And a type error in a model is a tsc error, not a silent pass.
    await writeFile(path.join(consumer, 'models', 'more', 'broken.ts'), `import { t } from 'zswap-tla';\nexport const n: number = t.int(0, 1);\n`);
    const bad = await execa(process.execPath, [path.join(consumer, 'node_modules', 'typescript', 'bin', 'tsc'), '--noEmit', '-p', '.'], { cwd: consumer, env, extendEnv: false, reject: false, all: true });
    expect(bad.exitCode).not.toBe(0);
    expect(bad.all).toMatch(/models\/more\/broken\.ts\(2,14\): error TS2322/);
    await rm(path.join(consumer, 'models', 'more', 'broken.ts'));
  });
});
