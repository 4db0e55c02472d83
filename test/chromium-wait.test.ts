/**
 * The browser tests' wait for CI's background install of Chromium (helpers/chromium.ts), and the
 * order that runs them last while it goes on (helpers/sequencer.ts). Real files in a temp folder
 * stand for the install's status file and the binary.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findChromium, INSTALL_ENV } from './helpers/chromium.js';
import { longFirst } from './helpers/sequencer.js';

let dir: string;
let binary: string;
let status: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-chromium-'));
  binary = path.join(dir, 'chromium');
  status = path.join(dir, 'status');
});
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

describe('findChromium', () => {
  it('without a background install, looks at once: the first candidate that exists', async () => {
    await writeFile(binary, '');
    const t0 = Date.now();
    expect(await findChromium({ env: {}, candidates: [path.join(dir, 'absent'), binary] })).toEqual({ path: binary, note: '' });
    expect(Date.now() - t0).toBeLessThan(1_000);
  });

  it('CHROMIUM_PATH comes before the candidates', async () => {
    const other = path.join(dir, 'other');
    await Promise.all([writeFile(binary, ''), writeFile(other, '')]);
    expect((await findChromium({ env: { CHROMIUM_PATH: other }, candidates: [binary] })).path).toBe(other);
  });

  it('no binary: the skip note says where it looked and how to install it', async () => {
    const r = await findChromium({ env: {}, candidates: [binary] });
    expect(r.path).toBeUndefined();
    expect(r.note).toBe(' — skipped: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH)');
  });

  it('waits for the install to end, then finds what it installed', async () => {
    // The install ends (binary, then status) 300 ms after the wait began.
    const later = new Promise<void>((resolve) => setTimeout(() => {
      void writeFile(binary, '').then(() => writeFile(status, '0\n')).then(resolve);
    }, 300));
    // Without the wait it would look at once, find no binary, and say so.
    const r = await findChromium({ env: { [INSTALL_ENV]: status }, candidates: [binary], pollMs: 20 });
    await later;
    expect(r).toEqual({ path: binary, note: '' });
  });

  it('an install that ended well but left no binary where it looks: skipped, with the plain note', async () => {
    await writeFile(status, '0\n');
    expect(await findChromium({ env: { [INSTALL_ENV]: status }, candidates: [binary], pollMs: 20 }))
      .toEqual({ note: ' — skipped: no Chromium at /usr/bin/chromium (apt-get install chromium, or set CHROMIUM_PATH)' });
  });

  it.each([
    ['1\n', '; the background install (apt-get) ended with exit status 1'],
    ['100', '; the background install (apt-get) ended with exit status 100'],
    ['', '; the background install (apt-get) ended with exit status (none written)'],
  ])('an install that failed (status %j) is named in the skip note', async (code, tail) => {
    await writeFile(status, code);
    const r = await findChromium({ env: { [INSTALL_ENV]: status }, candidates: [binary], pollMs: 20 });
    expect(r.path).toBeUndefined();
    expect(r.note.endsWith(tail)).toBe(true);
  });

  it('an install that does not end in time: skipped, saying so, after the timeout and not long after', async () => {
    const t0 = Date.now();
    const r = await findChromium({ env: { [INSTALL_ENV]: status }, candidates: [binary], timeoutMs: 200, pollMs: 20 });
    const took = Date.now() - t0;
    expect(r.path).toBeUndefined();
    expect(r.note.endsWith(`; the background install (${status}) had not ended after 0.2 s`)).toBe(true);
    expect(took).toBeGreaterThanOrEqual(200);
    expect(took).toBeLessThan(5_000);
  });

  it('a status file but a binary elsewhere (CHROMIUM_PATH) is still found after the install ended', async () => {
    await Promise.all([writeFile(binary, ''), writeFile(status, '0')]);
    expect(await findChromium({ env: { [INSTALL_ENV]: status, CHROMIUM_PATH: binary }, candidates: [] })).toEqual({ path: binary, note: '' });
  });
});

describe('longFirst (the test files\' order)', () => {
  const f = (name: string, project = 'shared') => ({ moduleId: `/repo/test/${name}`, project: { name: project } });
  const names = (xs: readonly { moduleId: string }[]) => xs.map((x) => path.basename(x.moduleId));
  const long = { 'long.test.ts': 20, 'mid.test.ts': 9, 'html.test.ts': 8 };
  const order = [f('a.test.ts'), f('html.test.ts'), f('mid.test.ts'), f('iso.test.ts', 'isolated'), f('b.test.ts'), f('long.test.ts')];

  it('puts the listed long files first, longest first; the rest keep their order', () => {
    expect(names(longFirst(order, {}, long))).toEqual(['long.test.ts', 'mid.test.ts', 'html.test.ts', 'a.test.ts', 'iso.test.ts', 'b.test.ts']);
  });

  it('while Chromium installs in the background, the isolated project first and the browser file last', () => {
    // vitest runs a project's files to the end before the next project's, in the order of their first file.
    expect(names(longFirst(order, { [INSTALL_ENV]: '/tmp/x/status' }, long))).toEqual(['iso.test.ts', 'long.test.ts', 'mid.test.ts', 'a.test.ts', 'b.test.ts', 'html.test.ts']);
  });

  it('leaves the given order as it was', () => {
    const copy = [...order];
    longFirst(order, { [INSTALL_ENV]: '/tmp/x/status' }, long);
    expect(order).toEqual(copy);
  });
});
