import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDirs } from './helpers/io.js';
import { installTlc } from '../dsl/cli/tlc-install.js';

const payload = Buffer.from('not really a jar, but bytes with a known hash');
const sha = createHash('sha256').update(payload).digest('hex');
let server: http.Server;
let base = '';

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/tla2tools.jar') { res.writeHead(200); res.end(payload); } else { res.writeHead(404); res.end(); }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

function io() {
  const out = new PassThrough();
  const err = new PassThrough();
  let o = '';
  let e = '';
  out.on('data', (d) => (o += d));
  err.on('data', (d) => (e += d));
  return { out, err, text: () => ({ out: o, err: e }) };
}

/** Removed when the file ends. */
const tmp = tempDirs();

describe('npm run tlc:install', () => {
  it('installs a jar whose SHA-256 matches, atomically', async () => {
    const dir = await tmp('tlc-install-');
    const dest = path.join(dir, 'zswap-tla', 'tla2tools.jar');
    const s = io();
    expect(await installTlc({ url: `${base}/tla2tools.jar`, sha256: sha, dest, out: s.out, err: s.err })).toBe(0);
    expect(readFileSync(dest)).toEqual(payload);
    expect(readdirSync(path.dirname(dest))).toEqual(['tla2tools.jar']);
  });

  it('refuses a jar with the wrong SHA-256 and writes nothing', async () => {
    const dir = await tmp('tlc-install-');
    const dest = path.join(dir, 'tla2tools.jar');
    const s = io();
    expect(await installTlc({ url: `${base}/tla2tools.jar`, sha256: '0'.repeat(64), dest, out: s.out, err: s.err })).toBe(3);
    expect(s.text().err).toMatch(/SHA-256 .* expected 0{64}; not installed/);
    expect(existsSync(dest)).toBe(false);
  });

  it('fails fast with a clear message when the download fails', async () => {
    const dest = path.join(await tmp('tlc-install-'), 'tla2tools.jar');
    const s = io();
    const started = Date.now();
    expect(await installTlc({ url: `${base}/missing.jar`, dest, out: s.out, err: s.err, timeoutMs: 5000 })).toBe(3);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(s.text().err).toMatch(/could not download tla2tools.jar \(HTTP 404.*falls back to the embedded tla-checker/s);
    expect(existsSync(dest)).toBe(false);
  });

  it('reports an unreachable host instead of hanging', async () => {
    const s = io();
    // Port 9 on loopback: nothing listens, so the connection is refused at once.
    expect(await installTlc({ url: 'http://127.0.0.1:9/tla2tools.jar', dest: path.join(os.tmpdir(), 'never.jar'), out: s.out, err: s.err, timeoutMs: 5000 })).toBe(3);
    expect(s.text().err).toMatch(/could not download tla2tools.jar \(.+\)/);
  });
});
