/**
 * `zswap-tla watch`: checks everything once, re-checks only the models declared in a saved file,
 * and on SIGTERM stops with nothing left running (its process group is empty afterwards).
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckCli } from '../dsl/cli/check.js';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { checkArgs, watchedDirs } from '../dsl/cli/watch.js';
import { withOtherModels } from '../dsl/generate.js';
import { Sink } from './helpers/io.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { counterModel, tempProject } from './helpers/temp-project.js';

/** tsx's loader by absolute URL: the watcher runs in a temp project, where `--import tsx` would not resolve. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const made: string[] = [];
afterAll(async () => { for (const d of made) await rm(d, { recursive: true, force: true }); });

/** Resolves when `pred(text so far)` holds; rejects with what was printed after `ms`. */
function waitFor(read: () => string, pred: (s: string) => boolean, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const t0 = Date.now();
    const tick = setInterval(() => {
      const s = read();
      if (pred(s)) { clearInterval(tick); resolve(); } else if (Date.now() - t0 > ms || s.includes('<watch ended')) { clearInterval(tick); reject(new Error(`not seen; output so far:\n${s}`)); }
    }, 50);
  });
}

const groupAlive = (pgid: number) => { try { process.kill(-pgid, 0); return true; } catch { return false; } };

describe('watch', () => {
  it('watches each pattern\'s folder once', () => {
    expect(watchedDirs('/p', ['models/**/*.ts', 'models/x/*.ts', 'specs/a.ts'])).toEqual(['/p/models', '/p/specs']);
    expect(watchedDirs('/p', ['*.ts'])).toEqual(['/p']);
  });

  it.each([
    [[], ['--backend', 'embedded']],
    [['--format', 'json'], ['--format', 'json', '--backend', 'embedded']],
    [['--backend', 'tlc'], ['--backend', 'tlc']],
    [['--backend=both'], ['--backend=both']],
  ])('passes %j to check as %j (the embedded checkers unless a backend is named)', (argv, expected) => {
    expect(checkArgs(argv)).toEqual(expected);
  });

  it('re-checks the models of the saved file, then stops on SIGTERM leaving nothing running', async () => {
    const d = await tempProject({
      'models/alpha.ts': counterModel('Alpha', ['one']),
      'models/beta.ts': counterModel('Beta', ['only']),
    }, { models: 'models/**/*.ts' });
    made.push(d);
    const child = execa(process.execPath, ['--import', TSX, path.join(PROJECT_ROOT, 'dsl/cli/main.ts'), 'watch', '--backend', 'tla-checker', '--no-typecheck'], {
      cwd: d, reject: false, all: true, detached: true, stdin: 'ignore', env: { ...process.env, NO_COLOR: '1' },
    });
    let out = '';
    child.all?.on('data', (b: Buffer) => { out += b.toString(); });
    void child.then((r) => { out += `\n<watch ended: ${r.exitCode ?? r.signal}>`; });
    const runs = () => out.split('[watch] checking').slice(1);
    try {
      // The first run checks everything.
      await waitFor(() => out, (s) => /check exited with 0/.test(s), 60_000);
      expect(runs()).toHaveLength(1);
      expect(runs()[0]).toMatch(/Alpha\/one[\s\S]*Beta\/only/);

      // Break Beta's invariant: only Beta is re-checked, and the violation shows.
      const t0 = performance.now();
      const file = path.join(d, 'models/beta.ts');
      await writeFile(file, (await readFile(file, 'utf8')).replace("le(x, 2)", 'le(x, 1)'));
      await waitFor(() => out, (s) => /check exited with 1/.test(s), 60_000);
      const editToResult = performance.now() - t0;
      const second = runs()[1]!;
      expect(second).toMatch(/^ after a change to models\/beta\.ts/);
      expect(second).toMatch(/FAIL +Beta\/only +tla-checker +invariant Bounded violated/);
      expect(second).not.toMatch(/Alpha/);
      process.stdout.write(`watch: edit → result ${(editToResult / 1000).toFixed(1)}s\n`);
    } finally {
      child.kill('SIGTERM');
    }
    const r = await child;
    expect(r.exitCode, out).toBe(0);
    // The watcher, its tsx loader and every check it started are gone.
    await waitFor(() => String(groupAlive(child.pid!)), (s) => s === 'false', 5_000);
  });
});

describe('check --await-change (the check watch starts ahead of the next save)', () => {
  const project = async (betaBound = 2, generatedDir?: string) => {
    const d = await tempProject({
      'models/alpha.ts': counterModel('Alpha', ['one']),
      'models/beta.ts': counterModel('Beta', ['only'], { invariantBound: betaBound }),
    });
    made.push(d);
    const files = ['models/alpha.ts', 'models/beta.ts'].map((f) => path.join(d, f));
    return { d, files, generatedDir: generatedDir ?? path.join(d, 'generated') };
  };
  const awaiting = (p: Awaited<ReturnType<typeof project>>, said: string | undefined) => {
    const input = new PassThrough();
    const out = new Sink();
    const err = new Sink();
    const done = runCheckCli(['--backend', 'compiled', '--no-typecheck', '--await-change'], { root: p.d, modelFiles: p.files, generatedDir: p.generatedDir, out, err, in: input });
    if (said === undefined) input.end(); else input.end(`${said}\n`);
    return done.then((code) => ({ code, out: out.text, err: err.text }));
  };

  it('stdin closed before a save (watch stopped): exit 0, nothing loaded, written or checked', async () => {
    const p = await project();
    expect(await awaiting(p, undefined)).toEqual({ code: EXIT.ok, out: '', err: '' });
    await expect(readdir(p.generatedDir)).rejects.toThrow(/ENOENT/);
  });

  it('{} checks every model; {"changed": FILE} only the models FILE declares, keeping the others\' generated files', async () => {
    const p = await project();
    const all = await awaiting(p, '{}');
    expect(all.code, all.err).toBe(EXIT.ok);
    expect(all.out).toMatch(/Alpha\/one[\s\S]*Beta\/only/);
    const alphaTla = await readFile(path.join(p.generatedDir, 'Alpha.tla'), 'utf8');

    // Beta's invariant now fails at 2 (a copy of the project, same generated/: this process
    // has imported the first beta.ts, and ESM never imports a file twice — why watch uses a
    // fresh process per run); Alpha is neither checked nor rewritten.
    const edited = await project(1, p.generatedDir);
    const one = await awaiting(edited, JSON.stringify({ changed: edited.files[1] }));
    expect(one.code).toBe(EXIT.violation);
    expect(one.out).toMatch(/FAIL +Beta\/only +compiled +invariant Bounded violated/);
    expect(one.out).not.toMatch(/Alpha/);
    expect((await readdir(p.generatedDir)).sort()).toEqual(['Alpha.map.json', 'Alpha.one.cfg', 'Alpha.tla', 'Beta.map.json', 'Beta.only.cfg', 'Beta.tla']);
    expect(await readFile(path.join(p.generatedDir, 'Alpha.tla'), 'utf8')).toBe(alphaTla);
    expect(await readFile(path.join(p.generatedDir, 'Beta.tla'), 'utf8')).toMatch(/x <= 1/);
  });

  it('withOtherModels: the new files of the compiled modules, every other module\'s files as they are', async () => {
    const p = await project();
    await awaiting(p, '{}');
    await writeFile(path.join(p.generatedDir, 'Beta.old_config.cfg'), 'stale');
    await writeFile(path.join(p.generatedDir, '.gitattributes'), '* -diff');
    const merged = await withOtherModels(p.generatedDir, new Map([['Beta.tla', 'new'], ['Beta.only.cfg', 'cfg']]));
    expect([...merged.keys()].sort()).toEqual(['.gitattributes', 'Alpha.map.json', 'Alpha.one.cfg', 'Alpha.tla', 'Beta.only.cfg', 'Beta.tla']);
    expect(merged.get('Beta.tla')).toBe('new');
    expect(merged.get('.gitattributes')).toBe('* -diff');
    expect(await withOtherModels(path.join(p.d, 'absent'), new Map([['A.tla', 'x']]))).toEqual(new Map([['A.tla', 'x']]));
  });

});
