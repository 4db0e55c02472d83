/**
 * `npm run gen` / `npm run gen:check` (runGen) and the atomic writer behind them: generated/ is
 * up to date, a DSL error writes nothing, a run writes exactly the emitted files, drift is
 * reported file by file, and no temp siblings are left behind.
 */
import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { runGen } from '../dsl/cli/gen.js';
import { DRIFT_DIFF_LINES, emitAll, writeAtomically } from '../dsl/generate.js';
import { models } from '../models/index.js';
import { lineOf } from './helpers/locate.js';

const ROOT = PROJECT_ROOT;
const GENERATED = path.join(ROOT, 'generated');
const BAD_INDEX = path.join(ROOT, 'test/fixtures/t2-bad-index.ts');
const DUP_INDEX = path.join(ROOT, 'test/helpers/t2-dup-models.ts');

class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    cb();
  }
}

function gen(opts: { check: boolean; modelsModule?: string; generatedDir?: string }) {
  const out = new Sink();
  const err = new Sink();
  return runGen({ root: ROOT, out, err, ...opts }).then((code) => ({ code, out: out.text, err: err.text }));
}

/** Every file under `dir` (recursively) → its bytes, base64. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const rel = path.relative(dir, path.join(e.parentPath ?? e.path, e.name));
    out[rel + (e.isDirectory() ? '/' : '')] = e.isDirectory() ? '' : (await readFile(path.join(dir, rel))).toString('base64');
  }
  return out;
}

const temps: string[] = [];
async function tempDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 't2-gen-'));
  temps.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** The files the models emit now, by name (what a gen run must write). */
const expected = emitAll(models);

describe('gen:check', () => {
  it('runs in the suite: generated/ is up to date with models/', async () => {
    const r = await gen({ check: true });
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toBe(`generated/ is up to date (${expected.size} files from ${models.length} models)\n`);
  });

  it('a stale, an extra and a missing file fail the check with exit 2, each listed', async () => {
    const dir = path.join(await tempDir(), 'generated');
    await writeAtomically(dir, expected);
    expect((await gen({ check: true, generatedDir: dir })).code).toBe(EXIT.ok);

    await writeFile(path.join(dir, 'MutexCounter.tla'), `${expected.get('MutexCounter.tla')}\\* edited by hand\n`);
    await writeFile(path.join(dir, 'Old.tla'), '---- MODULE Old ----\n====\n');
    await unlink(path.join(dir, 'MutexCounter.racy.cfg'));
    const before = await snapshot(dir);

    const r = await gen({ check: true, generatedDir: dir });
    expect(r.code).toBe(EXIT.badInput);
    expect(r.out).toBe('');
    // The file list comes first; the diff follows after a blank line.
    const listed = r.err.slice(0, r.err.indexOf('\n\n')).split('\n').filter((l) => l.startsWith('  ')).map((l) => l.trim().split(/\s+/));
    expect(listed).toEqual([
      ['missing', 'MutexCounter.racy.cfg'],
      ['stale', 'MutexCounter.tla'],
      ['extra', 'Old.tla'],
    ]);
    expect(r.err).toMatch(/run `npm run gen`/);
    // Checking never writes.
    expect(await snapshot(dir)).toEqual(before);
  });
});

describe('gen:check shows what is stale as a unified diff', () => {
  const git = (() => { try { execFileSync('git', ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } })();

  /** runGen --check with the project's models, root at the temp parent (so paths read `generated/…`). */
  async function check(parent: string) {
    const out = new Sink();
    const err = new Sink();
    const code = await runGen({ root: parent, check: true, out, err, modelsModule: path.join(ROOT, 'models/index.ts'), generatedDir: path.join(parent, 'generated') });
    return { code, out: out.text, err: err.text };
  }

  it('a stale, a missing and an extra file each get a diff (a/ on disk, b/ emitted); a stale source map is named only', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'generated');
    await writeAtomically(dir, expected);
    const tla = expected.get('MutexCounter.tla')!;
    await writeFile(path.join(dir, 'MutexCounter.tla'), tla.replace('Write(self) ==', 'Write(self) == \\* edited'));
    await unlink(path.join(dir, 'MutexCounter.racy.cfg'));
    await writeFile(path.join(dir, 'Old.tla'), '---- MODULE Old ----\n====\n');
    await writeFile(path.join(dir, 'Peterson.map.json'), expected.get('Peterson.map.json')!.replace('"line":', '"line":1'));

    const r = await check(parent);
    expect(r.code).toBe(EXIT.badInput);
    expect(r.out).toBe('');
    const diff = r.err.slice(r.err.indexOf('\n\n') + 2);
    const writeLine = tla.split('\n').indexOf('Write(self) ==') + 1;
    expect(diff).toContain(['--- a/generated/MutexCounter.tla', '+++ b/generated/MutexCounter.tla', `@@ -${writeLine - 3},7 +${writeLine - 3},7 @@`].join('\n'));
    expect(diff).toContain('\n-Write(self) == \\* edited\n+Write(self) ==\n');
    const cfg = expected.get('MutexCounter.racy.cfg')!.trimEnd().split('\n');
    expect(diff).toContain(['--- /dev/null', '+++ b/generated/MutexCounter.racy.cfg', `@@ -0,0 +1,${cfg.length} @@`, ...cfg.map((l) => `+${l}`)].join('\n'));
    expect(diff).toContain(['--- a/generated/Old.tla', '+++ /dev/null', '@@ -1,2 +0,0 @@', '----- MODULE Old ----', '-===='].join('\n'));
    expect(diff).toContain('source map generated/Peterson.map.json is stale (not shown)\n');
    expect(diff).not.toContain('+++ b/generated/Peterson.map.json');
  });

  it.skipIf(!git)('the diff is a patch: git apply makes generated/ up to date (but for the source map it names)', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'generated');
    await writeAtomically(dir, expected);
    await writeFile(path.join(dir, 'MutexCounter.tla'), expected.get('MutexCounter.tla')!.replace('Write(self) ==', 'Write(self) == \\* edited').replace(/\n$/, ''));
    await unlink(path.join(dir, 'Peterson.two_procs.cfg'));
    await writeFile(path.join(dir, 'Old.tla'), 'old');
    await writeFile(path.join(dir, 'Peterson.map.json'), '{}\n');
    const r = await check(parent);
    expect(r.code).toBe(EXIT.badInput);
    await writeFile(path.join(parent, 'fix.diff'), r.err.slice(r.err.indexOf('\n\n') + 2));
    execFileSync('git', ['apply', 'fix.diff'], { cwd: parent, stdio: 'pipe' });
    const after = await check(parent);
    expect(after.err.slice(0, after.err.indexOf('\n\n')).split('\n').slice(1)).toEqual(['  stale   Peterson.map.json']);
    await writeFile(path.join(dir, 'Peterson.map.json'), expected.get('Peterson.map.json')!);
    expect((await check(parent)).code).toBe(EXIT.ok);
  });

  it('a long diff is cut per file, and says how many lines are left out', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'generated');
    await writeAtomically(dir, expected);
    const big = [...expected.keys()].filter((n) => n.endsWith('.tla')).sort((a, b) => expected.get(b)!.length - expected.get(a)!.length)[0]!;
    const lines = expected.get(big)!.split('\n').length - 1;
    expect(lines).toBeGreaterThan(DRIFT_DIFF_LINES);
    await unlink(path.join(dir, big));
    const r = await check(parent);
    // One hunk header and every line added: all but DRIFT_DIFF_LINES - 1 of them cut.
    expect(r.err).toContain(`\n... ${lines + 1 - DRIFT_DIFF_LINES} more diff lines not shown\n`);
  });
});

describe('gen', () => {
  it('writes exactly the emitted file set into a fresh directory, and nothing beside it', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'out');
    const r = await gen({ check: false, generatedDir: dir });
    expect(r.err).toBe('');
    expect(r.code).toBe(EXIT.ok);
    expect(r.out).toMatch(new RegExp(`^wrote ${expected.size} files for ${models.length} models to `));

    const names = models.flatMap((m) => [`${m.name}.tla`, `${m.name}.map.json`, ...m.module.configs.map((c) => `${m.name}.${c.name}.cfg`)]);
    expect((await readdir(dir)).sort()).toEqual([...names].sort());
    expect(new Set(names).size).toBe(names.length);
    for (const [name, text] of expected) expect(await readFile(path.join(dir, name), 'utf8'), name).toBe(text);
    expect(await readdir(parent)).toEqual(['out']);
    expect((await gen({ check: true, generatedDir: dir })).code).toBe(EXIT.ok);
  });

  it('replaces an existing directory: stale files are rewritten and extra ones removed', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'generated');
    await cp(GENERATED, dir, { recursive: true });
    await writeFile(path.join(dir, 'Leftover.tla'), 'old\n');
    await writeFile(path.join(dir, 'MutexCounter.tla'), 'stale\n');
    expect((await gen({ check: false, generatedDir: dir })).code).toBe(EXIT.ok);
    expect(Object.keys(await snapshot(dir)).sort()).toEqual([...expected.keys()].sort());
    expect(await readFile(path.join(dir, 'MutexCounter.tla'), 'utf8')).toBe(expected.get('MutexCounter.tla'));
    expect(await readdir(parent)).toEqual(['generated']);
  });

  describe('atomicity: an error writes nothing', () => {
    it.each([false, true])('a DslError thrown while importing the models (check: %s): exit 2, names the DSL line, directory untouched', async (check) => {
      const parent = await tempDir();
      const dir = path.join(parent, 'generated');
      await cp(GENERATED, dir, { recursive: true });
      const before = await snapshot(dir);
      expect(Object.keys(before).length).toBeGreaterThan(0);

      const r = await gen({ check, modelsModule: BAD_INDEX, generatedDir: dir });
      expect(r.code).toBe(EXIT.badInput);
      expect(r.out).toBe('');
      const line = lineOf('test/fixtures/bad-models.ts', 'MARK duplicate');
      // A DslError is reported by its message (file:line:col: ...), not as a stack trace.
      expect(r.err.startsWith(`error: test/fixtures/bad-models.ts:${line}:`), r.err).toBe(true);
      expect(r.err).toMatch(/'x' is declared twice/);
      expect(r.err).toMatch(/nothing was written/);

      expect(await snapshot(dir)).toEqual(before);
      expect(await readdir(parent)).toEqual(['generated']);
    });

    it('an emit error after a clean import (two models emit the same files): exit 2, directory untouched', async () => {
      const parent = await tempDir();
      const dir = path.join(parent, 'generated');
      await cp(GENERATED, dir, { recursive: true });
      const before = await snapshot(dir);
      const r = await gen({ check: false, modelsModule: DUP_INDEX, generatedDir: dir });
      expect(r.code).toBe(EXIT.badInput);
      expect(r.err).toMatch(/two models emit MutexCounter\.tla/);
      expect(r.err).toMatch(/nothing was written/);
      expect(await snapshot(dir)).toEqual(before);
      expect(await readdir(parent)).toEqual(['generated']);
    });

    it('the real generated/ is untouched by the failing runs above', async () => {
      const r = await gen({ check: true });
      expect(r.code).toBe(EXIT.ok);
    });
  });
});

describe('writeAtomically', () => {
  const siblings = async (parent: string) => (await readdir(parent)).filter((n) => /\.tmp-|\.old-/.test(n));

  it('creates a missing directory and leaves no .tmp-/.old- siblings', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'gen');
    await writeAtomically(dir, new Map([['a.txt', 'A\n'], ['b.txt', 'B\n']]));
    expect(await siblings(parent)).toEqual([]);
    expect(await readdir(parent)).toEqual(['gen']);
    expect(await snapshot(dir)).toEqual({ 'a.txt': Buffer.from('A\n').toString('base64'), 'b.txt': Buffer.from('B\n').toString('base64') });
  });

  it('replaces an existing directory with exactly the new files and leaves no siblings', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'gen');
    await writeAtomically(dir, new Map([['a.txt', 'A\n'], ['gone.txt', 'x']]));
    await writeFile(path.join(dir, 'hand-made.txt'), 'y');
    await writeAtomically(dir, new Map([['a.txt', 'A2\n'], ['c.txt', 'C\n']]));
    expect(await siblings(parent)).toEqual([]);
    expect(await readdir(parent)).toEqual(['gen']);
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'c.txt']);
    expect(await readFile(path.join(dir, 'a.txt'), 'utf8')).toBe('A2\n');
  });

  it('a write that fails midway leaves the old directory as it was', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'gen');
    await writeAtomically(dir, new Map([['a.txt', 'A\n']]));
    const before = await snapshot(dir);
    // A file name with a directory part that does not exist makes writeFile fail in the temp folder
    // (standing in for ENOSPC or EACCES halfway through).
    await expect(writeAtomically(dir, new Map([['a.txt', 'new'], ['no/such/dir.txt', 'x']]))).rejects.toThrow(/ENOENT/);
    expect(await snapshot(dir)).toEqual(before);
  });

  // KNOWN BUG (dsl/generate.ts writeAtomically): the writeFile loop is outside any try, so a failed
  // write leaves `.<dir>.tmp-<pid>` beside the directory for good. Make this a plain `it` once fixed.
  it('a write that fails midway leaves no .tmp- sibling behind', async () => {
    const parent = await tempDir();
    const dir = path.join(parent, 'gen');
    await writeAtomically(dir, new Map([['a.txt', 'A\n']]));
    await expect(writeAtomically(dir, new Map([['no/such/dir.txt', 'x']]))).rejects.toThrow(/ENOENT/);
    expect(await siblings(parent)).toEqual([]);
  });
});
