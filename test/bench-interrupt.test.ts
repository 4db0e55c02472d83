/**
 * `npm run bench` stopped part-way (scripts/bench/run-scope.ts): it stops every process it started
 * (here, the `npm run check` the check section times, and that run's own children), removes its
 * temp files, saves nothing, and exits 128 + signal. Run in a private TMPDIR with a marker in the
 * environment, so what it leaves behind, process or file, is seen. Needs no TLC.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import { tempDirs } from './helpers/io.js';
import { leftIn, linkCaches, processesWith, until } from './helpers/trial.js';

const tempDir = tempDirs();
const gitStatus = async () => (await execa('git', ['status', '--porcelain'], { cwd: PROJECT_ROOT })).stdout;

describe('bench, interrupted', () => {
  it.each([
    ['SIGTERM to the bench process alone', 'SIGTERM', 'alone', 143],
    ['SIGINT to its process group (Ctrl-C)', 'SIGINT', 'group', 130],
  ] as const)('%s: its children stopped, its temp files removed, nothing saved', async (_, signal, whom, code) => {
    const tmp = await tempDir('zswap-tla-bench-int-');
    await linkCaches(tmp);
    const out = path.join(await tempDir('zswap-tla-bench-int-out-'), 'results.json');
    const marker = `ZSWAP_TLA_TRIAL=${randomUUID()}`;
    const [k, v] = marker.split('=') as [string, string];
    const status = await gitStatus();
    const child = execa('node', ['--import', 'tsx', 'scripts/bench.ts', '--only', 'check', '--out', out], {
      cwd: PROJECT_ROOT, env: { TMPDIR: tmp, [k]: v }, reject: false, all: true, detached: true, stdin: 'ignore',
    });
    let printed = '';
    child.all?.on('data', (d: Buffer) => { printed += d.toString(); });
    try {
      // Until the check run it times is under way: its CLI, below npm, is running and has its temp folder.
      const cliRunning = () => processesWith(marker).some((p) => /dsl\/cli\/main\.ts/.test(cmdline(p)));
      expect(await until(cliRunning, 90_000), printed).toBe(true);
      expect(await until(() => below(tmp, 2).some((e) => path.basename(e).startsWith('zswap-tla-check-bench-')), 10_000), below(tmp, 2).join(', ')).toBe(true);
      process.kill(whom === 'group' ? -child.pid! : child.pid!, signal);
      const r = await child;
      expect(r.exitCode, printed).toBe(code);
      expect(printed).toMatch(new RegExp(`^bench interrupted \\(${signal}\\): stopping its child processes \\(up to 10 s\\) and removing its temp files; nothing more is saved$`, 'm'));
      // Gone by the time it exits, those below a process that died first too (npm and the CLI, once GNU time is killed).
      expect(processesWith(marker).map(cmdline)).toEqual([]);
      expect(await leftIn(tmp)).toEqual([]);
      expect(existsSync(out)).toBe(false);
      expect(await gitStatus()).toBe(status);
    } finally {
      for (const p of processesWith(marker)) { try { process.kill(p, 'SIGKILL'); } catch { /* gone */ } }
    }
  }, 150_000);
});

function cmdline(pid: number): string {
  try { return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' '); } catch { return ''; }
}

/** Paths under `dir`, `depth` levels deep. */
function below(dir: string, depth: number): string[] {
  let entries: string[];
  try { entries = readdirSync(dir).map((e) => path.join(dir, e)); } catch { return []; }
  return depth <= 1 ? entries : entries.flatMap((e) => [e, ...below(e, depth - 1)]);
}
