/**
 * `zswap-tla watch`: checks everything once, re-checks only the models declared in a saved file,
 * and on SIGTERM stops with nothing left running (its process group is empty afterwards).
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { watchedDirs } from '../dsl/cli/watch.js';
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
