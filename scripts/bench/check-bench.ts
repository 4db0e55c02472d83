/**
 * The README's first command as a new user runs it on a machine with no TLC: `npm run check`
 * (type-check, generate, check every config of every model on the embedded default), timed as a
 * whole process — start-up included — with `--jobs 1` (one config at a time, as before `--jobs`)
 * and `--jobs auto` side by side, alternating, in one run. TLC is hidden by an empty cache
 * directory and no TLA2TOOLS_JAR, as on a fresh machine; the generated files go to a temp folder.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { loadAverage } from './configs.js';
import { median, secs, table } from './table.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TIME = '/usr/bin/time';

export interface CheckRun {
  readonly jobs: '1' | 'auto';
  readonly ms: number;
  /** User + system CPU of the whole process tree (GNU time; absent without it). */
  readonly cpuMs?: number;
  readonly peakMiB?: number;
  /** The summary line, e.g. "81 of 81 configs as expected". */
  readonly summary: string;
  readonly exitCode: number;
}

export interface CheckFigures {
  readonly command: string;
  readonly runs: readonly CheckRun[];
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
}

export async function benchCheck(o: { readonly rounds: number; readonly log: (line: string) => void }): Promise<CheckFigures> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-check-bench-'));
  try {
    const { TLA2TOOLS_JAR: _, ...inherited } = process.env;
    const env = { ...inherited, XDG_CACHE_HOME: path.join(dir, 'cache'), NO_COLOR: '1' };
    const loadBefore = loadAverage();
    const runs: CheckRun[] = [];
    for (let round = 0; round < o.rounds; round++) {
      for (const jobs of ['1', 'auto'] as const) {
        const args = ['run', '-s', 'check', '--', '--jobs', jobs, '--generated', path.join(dir, 'generated')];
        const timed = existsSync(TIME);
        const usage = path.join(dir, 'usage');
        const t0 = performance.now();
        const r = timed
          ? await execa(TIME, ['-f', '%U %S %M', '-o', usage, 'npm', ...args], { cwd: ROOT, env, extendEnv: false, reject: false, all: true })
          : await execa('npm', args, { cwd: ROOT, env, extendEnv: false, reject: false, all: true });
        const ms = Math.round(performance.now() - t0);
        const summary = /\d+ of \d+ configs as expected[^\n]*/.exec(r.all ?? '')?.[0] ?? (r.all ?? '').trim().split('\n').at(-1) ?? '';
        if (!/checker: compiled/.test(r.all ?? '')) throw new Error(`npm run check did not run on the compiled verifier:\n${r.all}`);
        const [user, system, kib] = timed ? (await readFile(usage, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number) : [];
        const run: CheckRun = { jobs, ms, ...(user !== undefined ? { cpuMs: Math.round((user + system!) * 1000), peakMiB: Math.round(kib! / 1024) } : {}), summary, exitCode: r.exitCode ?? -1 };
        runs.push(run);
        o.log(`  --jobs ${jobs}: ${secs(ms)} s${run.cpuMs !== undefined ? `, CPU ${secs(run.cpuMs)} s` : ''} (exit ${run.exitCode}, ${summary})`);
      }
    }
    return { command: 'npm run check (no TLC)', runs, loadBefore, loadAfter: loadAverage() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function checkTable(f: CheckFigures): string {
  return table(['--jobs', 'runs', 'best wall s', 'median wall s', 'median CPU s', 'peak RSS MiB', 'result'], (['1', 'auto'] as const).map((jobs) => {
    const rs = f.runs.filter((r) => r.jobs === jobs);
    const cpu = rs.flatMap((r) => (r.cpuMs !== undefined ? [r.cpuMs] : []));
    const peak = rs.flatMap((r) => (r.peakMiB !== undefined ? [r.peakMiB] : []));
    return [jobs, String(rs.length), secs(Math.min(...rs.map((r) => r.ms))), secs(median(rs.map((r) => r.ms))), cpu.length ? secs(median(cpu)) : '', peak.length ? String(Math.max(...peak)) : '', [...new Set(rs.map((r) => r.summary))].join('; ')];
  })) + `\nload average before ${f.loadBefore.join(' ')}, after ${f.loadAfter.join(' ')}`;
}
