/**
 * `generated/` is replaced atomically or not at all: whichever step of the swap fails, the
 * previous tree is back in place, unchanged, with its mode, and no temp folder is left beside it.
 */
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { access, rename, writeFile as realWriteFile, mkdir as realMkdir, rm as realRm, stat as realStat, chmod as realChmod } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GenerateError, writeAtomically, type SwapFs } from '../dsl/generate.js';
import { runGen } from '../dsl/cli/gen.js';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { Sink } from './helpers/io.js';

const temps: string[] = [];
afterEach(async () => { await Promise.all(temps.splice(0).map((d) => rm(d, { recursive: true, force: true }))); });

/** A parent folder holding `generated/` with two files, mode 0750. */
async function existing(): Promise<{ parent: string; dir: string }> {
  const parent = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-swap-'));
  temps.push(parent);
  const dir = path.join(parent, 'generated');
  await mkdir(dir);
  await writeFile(path.join(dir, 'Old.tla'), 'old\n');
  await writeFile(path.join(dir, 'Old.map.json'), '{}\n');
  await chmod(dir, 0o750);
  return { parent, dir };
}

async function contents(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const f of (await readdir(dir)).sort()) out[f] = await readFile(path.join(dir, f), 'utf8');
  return out;
}

const NEW = new Map([['A.tla', 'a\n'], ['A.cfg', 'c\n'], ['A.map.json', '{}\n']]);

/** The real calls, except that the `n`-th call of `op` fails with EIO. */
function failing(op: keyof SwapFs, n = 1): SwapFs {
  let calls = 0;
  const real: SwapFs = { mkdir: realMkdir, writeFile: realWriteFile, rename, rm: realRm, stat: realStat, chmod: realChmod, access, readdir: (d) => readdir(d) };
  const wrapped = (async (...args: unknown[]) => {
    if (++calls === n) throw Object.assign(new Error(`EIO: injected failure of ${op} #${n}`), { code: 'EIO' });
    return (real[op] as (...a: unknown[]) => Promise<unknown>)(...args);
  }) as unknown;
  return { ...real, [op]: wrapped } as SwapFs;
}

describe('writeAtomically', () => {
  it('replaces the tree, keeps its mode, leaves nothing beside it', async () => {
    const { parent, dir } = await existing();
    await writeAtomically(dir, NEW);
    expect(await contents(dir)).toEqual(Object.fromEntries([...NEW].sort()));
    expect((await stat(dir)).mode & 0o777).toBe(0o750);
    expect(await readdir(parent)).toEqual(['generated']);
  });

  it.each([
    ['mkdir', 1, /write the new files/],
    ['writeFile', 2, /write the new files/],
    ['chmod', 1, /write the new files/],
    ['rename', 1, /move .* aside/],
    ['rename', 2, /move the new files into/],
    ['rm', 1, /remove the previous generated/],
  ] as const)('%s #%i fails: the previous tree is back, unchanged; no temp folder is left', async (op, n, message) => {
    const { parent, dir } = await existing();
    const before = await contents(dir);
    const err = await writeAtomically(dir, NEW, failing(op, n)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GenerateError);
    expect((err as Error).message).toMatch(message);
    expect(await contents(dir)).toEqual(before);
    expect((await stat(dir)).mode & 0o777).toBe(0o750);
    expect(await readdir(parent)).toEqual(['generated']);
  });

  it('removes temp folders a killed run left behind, and only those', async () => {
    const { parent, dir } = await existing();
    // pid 2^22 + 1 is above Linux's pid_max: no such process.
    const dead = path.join(parent, '.generated.old-4194305-deadbeef');
    const live = path.join(parent, `.generated.tmp-${process.pid}-0badc0de`);
    for (const d of [dead, live]) { await mkdir(d); await writeFile(path.join(d, 'x'), 'x'); }
    await writeAtomically(dir, NEW);
    expect((await readdir(parent)).sort()).toEqual(['.generated.tmp-' + process.pid + '-0badc0de', 'generated']);
  });

  it.skipIf(process.getuid?.() === 0)('a read-only generated/: refused before anything moves (skipped as root, who may write anywhere)', async () => {
    const { parent, dir } = await existing();
    await chmod(dir, 0o555);
    try {
      await expect(writeAtomically(dir, NEW)).rejects.toThrow(/not writable \(mode 555\)/);
      expect(await readdir(parent)).toEqual(['generated']);
    } finally {
      await chmod(dir, 0o755);
    }
  });
});

describe('gen when the swap fails', () => {
  it('exit 2 with a clear message, no stack trace', async () => {
    const parent = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-swap-'));
    temps.push(parent);
    // generated/ under a file: no folder can be made there.
    const blocker = path.join(parent, 'blocker');
    await writeFile(blocker, 'not a directory\n');
    const dir = path.join(blocker, 'generated');
    const err = new Sink();
    const code = await runGen({ root: PROJECT_ROOT, check: false, generatedDir: dir, out: new Sink(), err });
    expect(code).toBe(EXIT.badInput);
    expect(err.text).toMatch(/^error: .*generated/);
    expect(err.text).toMatch(/generated\/ is unchanged/);
    expect(err.text).not.toMatch(/\n\s+at /);
    expect(await readFile(blocker, 'utf8')).toBe('not a directory\n');
    expect(await readdir(parent)).toEqual(['blocker']);
  });
});
