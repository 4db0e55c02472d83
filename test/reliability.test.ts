/**
 * What happens when… a run is interrupted, its parent dies, a flag or a jar is bad, or its output
 * pipe closes. Each trial runs the real CLI as a child process in a private TMPDIR and asserts
 * the exit code, the message, that generated/ (and the rest of the work tree) is untouched, that
 * no process the run started is still alive, and that the TMPDIR is empty afterwards. Trials run
 * on the embedded checker always, and on TLC when it is found.
 */
import { randomUUID } from 'node:crypto';
import { readdir, writeFile } from 'node:fs/promises';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { execa, type Result } from 'execa';
import { describe, expect, it } from 'vitest';
import { runCheckCli } from '../dsl/cli/check.js';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { PROJECT_ROOT, tlcOnce } from './helpers/root.js';
import { tlcSkipNote } from './helpers/t2-java.js';
import { Sink, tempDirs } from './helpers/io.js';
import { CACHES, leftIn, linkCaches, processesWith, SHARED_TSX_DIR, until } from './helpers/trial.js';

const tlc = await tlcOnce();
const FIXTURE = 'test/fixtures/reliability/index.ts';
const tempDir = tempDirs();

interface Trial {
  readonly child: Promise<Result> & { readonly pid?: number | undefined; readonly all?: NodeJS.ReadableStream | undefined };
  readonly tmp: string;
  readonly marker: string;
  readonly generated: string;
  /** `git status` of the work tree before the trial. */
  readonly status: string;
  /** Everything the trial printed so far. */
  printed(): string;
  /** Through npm: every process of the run seen while it ran (the tsx CLI's IPC pipe is named by its pid). */
  readonly pids: ReadonlySet<number>;
}

async function gitStatus(): Promise<string> {
  return (await execa('git', ['status', '--porcelain'], { cwd: PROJECT_ROOT })).stdout;
}

/** `check` (or any npm script) as a fresh process group, in its own TMPDIR, writing a private generated/. */
async function start(args: readonly string[], o: { env?: NodeJS.ProcessEnv; viaNpm?: boolean; shell?: string } = {}): Promise<Trial> {
  const tmp = await tempDir('zswap-tla-rel-tmp-');
  await linkCaches(tmp);
  const generated = path.join(await tempDir('zswap-tla-rel-gen-'), 'generated');
  const marker = `ZSWAP_TLA_TRIAL=${randomUUID()}`;
  const env = { ...process.env, TMPDIR: tmp, [marker.split('=')[0]!]: marker.split('=')[1]!, ...o.env };
  const cli = ['--models', FIXTURE, '--generated', generated, '--no-typecheck', ...args];
  const child = o.shell
    ? execa('bash', ['-c', o.shell.replace('CHECK', ['node', '--import', 'tsx', 'dsl/cli/main.ts', 'check', ...cli].join(' '))], { cwd: PROJECT_ROOT, env, reject: false, all: true, detached: true, stdin: 'ignore' })
    : o.viaNpm
      ? execa('npm', ['run', '-s', 'check', '--', ...cli], { cwd: PROJECT_ROOT, env, reject: false, all: true, detached: true, stdin: 'ignore' })
      : execa('node', ['--import', 'tsx', 'dsl/cli/main.ts', 'check', ...cli], { cwd: PROJECT_ROOT, env, reject: false, all: true, detached: true, stdin: 'ignore' });
  let printed = '';
  // The pipe lands in the shared tsx folder, not the trial's: watch for the pids that could own one.
  const pids = new Set<number>();
  if (o.viaNpm) {
    const seen = setInterval(() => { for (const p of processesWith(marker)) pids.add(p); }, 100);
    void child.finally(() => clearInterval(seen));
  }
  child.all?.on('data', (d: Buffer) => { printed += d.toString(); });
  return { child, tmp, marker, generated, status: await gitStatus(), printed: () => printed, pids };
}

/** After a trial: nothing of it is running, its TMPDIR is empty, the work tree is as it was. */
async function expectNothingLeft(t: Trial): Promise<void> {
  expect(await until(() => processesWith(t.marker).length === 0, 10_000), `processes left: ${processesWith(t.marker).join(', ')}`).toBe(true);
  // Through npm, the tsx CLI's IPC pipe is gone too (it is in the shared folder, named by pid).
  expect([...t.pids].filter((p) => existsSync(path.join(SHARED_TSX_DIR, `${p}.pipe`)))).toEqual([]);
  // Only the caches' folders, still the links the trial made.
  expect(await leftIn(t.tmp)).toEqual([]);
  expect((await readdir(t.tmp)).sort()).toEqual([...CACHES].sort());
  expect(await gitStatus()).toBe(t.status);
  expect(readdirSync(PROJECT_ROOT).filter((f) => f.startsWith('.generated.'))).toEqual([]);
}

const backends = [['compiled', true], ['tla-checker', true], ['tlc', tlc.found]] as const;

/** After the `checker:` header, how long until the search itself runs: TLC starts a JVM; the embedded checkers start at once (a worker thread for tla-checker). */
const settleMs = (backend: string | undefined) => (backend === 'tlc' ? 3_000 : 1_000);

/**
 * Starts `check ARGS`, waits until the search itself runs (the header is printed just before),
 * then signals the process group. With `--jobs 2` the second config runs in a check thread that
 * loads the verifier through tsx, started once the configs are counted: on a loaded machine that
 * can take longer than the first config's start, so these trials give it 1.5 s to be searching too
 * (2.5 s while tsx's cache was off in trials).
 */
async function interrupted(args: readonly string[], signal: NodeJS.Signals, settle = args.includes('--jobs') ? 1_500 : settleMs(args[args.indexOf('--backend') + 1])) {
  const t = await start([...args]);
  expect(await until(() => t.printed().includes('checker:'), 90_000), t.printed()).toBe(true);
  await new Promise((r) => setTimeout(r, settle));
  process.kill(-t.child.pid!, signal);
  return { t, r: await t.child };
}

/**
 * `interrupted(args, 'SIGINT')`, run again waiting 4 s, then 8 s, while what it printed matches
 * `early`: the signal came before the run got where the trial needs it (a check thread starting
 * late on a loaded machine). Each early trial must still be a clean stop: exit 130, `stopped` (its
 * output), nothing left.
 */
async function interruptedWhenReady(args: readonly string[], early: RegExp, stopped: (all: string) => void) {
  let trial = await interrupted(args, 'SIGINT');
  for (const settle of [4_000, 8_000]) {
    if (!early.test(String(trial.r.all))) break;
    expect(trial.r.exitCode, String(trial.r.all)).toBe(130);
    stopped(String(trial.r.all));
    await expectNothingLeft(trial.t);
    trial = await interrupted(args, 'SIGINT', settle);
  }
  return trial;
}

describe.each(backends)('interrupting a run on %s', (backend, available) => {
  // The compiled verifier runs in the CLI's own process (no child to stop): one signal is enough.
  const signals = backend === 'compiled' ? [['SIGINT', 130]] as const : [['SIGINT', 130], ['SIGTERM', 143]] as const;
  for (const [signal, code] of signals) {
    it.skipIf(!available)(`${signal} to the process group: exit ${code}, one line saying what was stopped, nothing left${available ? '' : tlcSkipNote(tlc)}`, async () => {
      const { t, r } = await interrupted(['T2Slow', '--backend', backend], signal);
      expect(r.exitCode, String(r.all)).toBe(code);
      expect(r.all).toMatch(new RegExp(`interrupted \\(${signal}\\) while checking T2Slow/c: 0 of 1 configs checked`));
      expect(r.all).not.toMatch(/\n\s+at /);
      await expectNothingLeft(t);
    }, 120_000);
  }

  if (backend !== 'compiled') it.skipIf(!available)(`SIGTERM to the npm process alone: the run notices its parent died and stops its children${available ? '' : tlcSkipNote(tlc)}`, async () => {
    const t = await start(['T2Slow', '--backend', backend], { viaNpm: true });
    expect(await until(() => t.printed().includes('checker:'), 90_000), t.printed()).toBe(true);
    await new Promise((r) => setTimeout(r, settleMs(backend)));
    process.kill(t.child.pid!, 'SIGTERM'); // npm only, not its group
    await t.child;
    expect(t.pids.size, 'npm, the tsx CLI and the run were seen').toBeGreaterThanOrEqual(3);
    await expectNothingLeft(t);
  }, 120_000);
});

describe('interrupting two configs checked at once (--jobs 2)', () => {
  it('SIGINT: exit 130, one line naming both and how far each got, no thread or process left', async () => {
    // On a loaded machine d's check thread may still be loading when the signal comes: then it
    // fails as it stops (the same Ctrl-C ended tsx's esbuild service), which the line says; that
    // trial is checked as such, and run again, waiting longer.
    const { t, r } = await interruptedWhenReady(['T2SlowPair', '--backend', 'compiled', '--jobs', '2'], /T2SlowPair\/d had not reported progress yet/, (all) => {
      expect(all).toMatch(/interrupted \(SIGINT\) while checking T2SlowPair\/c and T2SlowPair\/d: 0 of 2 configs checked; T2SlowPair\/c had reached \d[\d,]* distinct.*; T2SlowPair\/d had not reported progress yet( \(it failed as it stopped: [^)]*\))?; checkers stopped, temp files removed\.$/m);
      expect(all).not.toMatch(/\n\s+at /);
    });
    expect(r.exitCode, String(r.all)).toBe(130);
    expect(r.all).toMatch(/interrupted \(SIGINT\) while checking T2SlowPair\/c and T2SlowPair\/d: 0 of 2 configs checked; T2SlowPair\/c had reached \d[\d,]* distinct.*; T2SlowPair\/d had reached \d[\d,]* distinct.*; checkers stopped, temp files removed\.$/m);
    expect(r.all).not.toMatch(/\n\s+at /);
    await expectNothingLeft(t);
  }, 120_000);
});

describe('interrupting three configs, two at a time, after the middle one ended (--jobs 2)', () => {
  it('SIGINT: the one that ended is reported and counted, the two stopped are named; exit 130', async () => {
    // q must have ended before the signal, and nothing the run prints says so before it does (q's
    // report waits for c's). On a loaded machine q's check thread can start late: a trial in which
    // q had not ended (a clean stop of all three, checked as such) is run again, waiting longer.
    const { t, r } = await interruptedWhenReady(['T2SlowQuickSlow', '--backend', 'compiled', '--jobs', '2'], /: 0 of 3 configs checked;/, (all) => {
      expect(all).toMatch(/interrupted \(SIGINT\) while checking T2SlowQuickSlow\/c and T2SlowQuickSlow\/q: 0 of 3 configs checked; /m);
    });
    expect(r.exitCode, String(r.all)).toBe(130);
    // q (16 states) ended long before; c and d were stopped, each at what it had reached.
    expect(r.all).toMatch(/^ok\s+T2SlowQuickSlow\/q\s+compiled\s+passed\s+16 distinct/m);
    expect(r.all).not.toMatch(/^\w+\s+T2SlowQuickSlow\/[cd]\s/m);
    expect(r.all).toMatch(/interrupted \(SIGINT\) while checking T2SlowQuickSlow\/c and T2SlowQuickSlow\/d: 1 of 3 configs checked \(T2SlowQuickSlow\/q, reported above\); T2SlowQuickSlow\/c had reached \d[\d,]* distinct.*; T2SlowQuickSlow\/d had reached \d[\d,]* distinct.*; checkers stopped, temp files removed\.$/m);
    expect(r.all).not.toMatch(/\n\s+at /);
    await expectNothingLeft(t);
  }, 120_000);
});

describe('bad flags: exit 2 naming the option and its range; nothing written or run', () => {
  it.each([
    [['--workers', '0'], /--workers.*positive integer or 'auto'/],
    [['--workers', '-3'], /--workers|unknown option '-3'/],
    [['--workers', 'abc'], /--workers.*positive integer or 'auto'/],
    [['--workers', '1.5'], /--workers.*positive integer or 'auto'/],
    [['--timeout', '3000000'], /--timeout.*at most 2147483/],
    [['--timeout', '1e9'], /--timeout.*at most 2147483/],
    [['--timeout', '0'], /--timeout.*above 0/],
    [['--timeout', '-1'], /--timeout|unknown option '-1'/],
    [['--format', 'pdf'], /--format.*Allowed choices/],
    [['--backend', 'spin'], /--backend.*Allowed choices/],
    [['--jobs', '0'], /--jobs.*positive integer or 'auto'/],
  ])('%j', async (args, message) => {
    const generated = path.join(await tempDir('zswap-tla-rel-gen-'), 'generated');
    const err = new Sink();
    const out = new Sink();
    const code = await runCheckCli(['T2Quick', '--backend', 'tla-checker', ...args], { root: PROJECT_ROOT, modelsModule: path.join(PROJECT_ROOT, FIXTURE), generatedDir: generated, out, err });
    expect(code, err.text).toBe(EXIT.badInput);
    expect(err.text).toMatch(message);
    expect(out.text).toBe('');
    expect(readdirSync(path.dirname(generated))).toEqual([]);
  });
});

describe('a jar that is not TLC', () => {
  it('auto falls back to the compiled verifier and says why; --backend tlc refuses with the reason', async () => {
    const dir = await tempDir('zswap-tla-rel-jar-');
    const jar = path.join(dir, 'tla2tools.jar');
    await writeFile(jar, 'this is not a jar\n');
    const env = { TLA2TOOLS_JAR: jar, XDG_CACHE_HOME: dir };
    const auto = await start(['T2Quick'], { env });
    const a = await auto.child;
    expect(a.exitCode, String(a.all)).toBe(0);
    expect(a.all).toMatch(/checker: compiled \(zswap-tla .*\); tla-checker where it refuses a config — tlc not used: .*tla2tools\.jar is not a usable TLC jar/);
    await expectNothingLeft(auto);
    const named = await start(['T2Quick', '--backend', 'tlc'], { env });
    const n = await named.child;
    expect(n.exitCode, String(n.all)).toBe(3);
    expect(n.all).toMatch(/--backend tlc: .*is not a usable TLC jar/);
    await expectNothingLeft(named);
  }, 120_000);
});

describe('a closed output pipe', () => {
  it('`check | head -1` ends quietly: no EPIPE stack, nothing left', async () => {
    const t = await start(['--backend', 'tla-checker'], { shell: 'CHECK | head -c 1; echo " exit=${PIPESTATUS[0]}"' });
    const r = await t.child;
    expect(r.all).not.toMatch(/EPIPE|\n\s+at /);
    expect(r.all).toMatch(/exit=(0|141)$/m);
    await expectNothingLeft(t);
  }, 120_000);
});
