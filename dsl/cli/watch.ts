/**
 * `zswap-tla watch [check options…]`: check every model once, then, each time a TypeScript file
 * under the model folders is saved, check the models declared in it (every model when it
 * declares none, e.g. a helper they import). Each run is a fresh child process (`check`), so an
 * edited model is imported from scratch and nothing leaks between runs. The next child is
 * started as soon as the last one ends (`check --await-change`): it loads the CLI, finds the
 * checkers and type-checks the program while nothing is being saved, and the save only tells it
 * which file changed. A save during a run queues one more run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import { Command } from 'commander';
import { EXIT } from './exit-codes.js';
import { helpFooter } from './help.js';
import type { Interrupts } from './interrupt.js';

export interface WatchIo {
  readonly root: string;
  /** The project's model globs or files, relative to root. */
  readonly patterns: readonly string[];
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  readonly interrupts: Interrupts;
  /** How the child `check` is started (default: this same CLI, with this process's node flags). */
  readonly command?: readonly string[];
  /** Quiet time after the last save before a run starts. */
  readonly debounceMs?: number;
}

/** The folders to watch: each pattern's part before its first wildcard (a file: its folder). */
export function watchedDirs(root: string, patterns: readonly string[]): string[] {
  const dirs = patterns.map((p) => {
    const parts = p.split('/');
    const i = parts.findIndex((s) => /[*?[{]/.test(s));
    return path.resolve(root, i < 0 ? path.dirname(p) : parts.slice(0, i).join('/') || '.');
  });
  // A folder inside another watched folder is already watched.
  return [...new Set(dirs)].filter((d, _, all) => !all.some((o) => o !== d && d.startsWith(o + path.sep)));
}

/** The check options watch passes on: the embedded checkers unless a backend is named (a JVM start would cost more than the check). */
export function checkArgs(argv: readonly string[]): string[] {
  return argv.some((a) => a === '--backend' || a.startsWith('--backend=')) ? [...argv] : [...argv, '--backend', 'embedded'];
}

export async function runWatch(argv: readonly string[], io: WatchIo): Promise<number> {
  const program = new Command('watch')
    .description('Check every model, then re-check the models declared in each TypeScript file saved under the model folders (until Ctrl-C). Options are those of `check`; the backend is `embedded` (the compiled verifier, tla-checker where it refuses) unless --backend names another.')
    .allowUnknownOption().allowExcessArguments().argument('[check options...]')
    .addHelpText('after', `${helpFooter([0, 2], ['TLA2TOOLS_JAR', 'JAVA', 'XDG_CACHE_HOME', 'COLOR'], { 0: 'stopped by Ctrl-C, SIGTERM or SIGHUP (each run prints the exit code of its check, as `check --help` lists them)', 2: 'a model folder cannot be watched, or no project' })}`)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  if (argv.includes('--help') || argv.includes('-h')) {
    try { program.parse(['--help'], { from: 'user' }); } catch { /* help printed */ }
    return EXIT.ok;
  }
  const base = io.command ?? [process.execPath, ...process.execArgv, process.argv[1]!];
  const args = [...base.slice(1), 'check', ...checkArgs(argv), '--await-change'];
  const dirs = watchedDirs(io.root, io.patterns);
  const { signal } = io.interrupts;
  const watchers: FSWatcher[] = [];
  let pending: Set<string> | undefined = new Set(); // the first run: everything
  let timer: NodeJS.Timeout | undefined;

  /** A `check` waiting for the next save; its output is ours from the start. */
  const start = (): ChildProcess => {
    const c = spawn(base[0]!, args, { cwd: io.root, stdio: ['pipe', 'pipe', 'pipe'], env: process.env });
    c.stdout!.on('data', (d: Buffer) => io.out.write(d));
    c.stderr!.on('data', (d: Buffer) => io.err.write(d));
    c.stdin!.on('error', () => { /* it ended before the save was sent: seen at close */ });
    return c;
  };
  let ready: ChildProcess | undefined = start();
  let running: ChildProcess | undefined;

  const run = (changed: ReadonlySet<string>) => new Promise<void>((resolve) => {
    const [file] = changed;
    const what = changed.size === 0 ? 'every model' : [...changed].map((f) => path.relative(io.root, f)).join(', ');
    io.out.write(`[watch] checking ${changed.size === 0 ? what : `after a change to ${what}`}\n`);
    // A waiting check that has ended (it could not start) is replaced.
    const child = ready !== undefined && ready.exitCode === null && ready.signalCode === null ? ready : start();
    ready = undefined;
    running = child;
    child.on('close', (code, sig) => {
      running = undefined;
      if (!signal.aborted) {
        io.out.write(`[watch] check exited with ${code ?? sig}; waiting for changes (Ctrl-C to stop)\n`);
        ready = start();
      }
      resolve();
    });
    child.stdin!.end(`${JSON.stringify(changed.size === 1 && file !== undefined ? { changed: file } : {})}\n`);
  });

  let wake: (() => void) | undefined;
  const onChange = (dir: string) => (_event: string, name: string | Buffer | null) => {
    if (name === null) return;
    const file = path.resolve(dir, name.toString());
    if (!/\.(ts|mts|cts)$/.test(file) || file.endsWith('.d.ts')) return;
    (pending ??= new Set()).add(file);
    clearTimeout(timer);
    timer = setTimeout(() => wake?.(), io.debounceMs ?? 150);
  };
  const stopChildren = () => { running?.kill('SIGTERM'); ready?.kill('SIGTERM'); wake?.(); };
  try {
    for (const d of dirs) watchers.push(watch(d, { recursive: true }, onChange(d)));
  } catch (e) {
    for (const w of watchers) w.close();
    stopChildren();
    io.err.write(`error: cannot watch ${dirs.join(', ')}: ${(e as Error).message}\n`);
    return EXIT.badInput;
  }
  signal.addEventListener('abort', stopChildren);
  try {
    while (!signal.aborted) {
      if (pending !== undefined) {
        const batch = pending;
        pending = undefined;
        await run(batch);
        continue;
      }
      await new Promise<void>((resolve) => { wake = resolve; });
      wake = undefined;
    }
  } finally {
    signal.removeEventListener('abort', stopChildren);
    clearTimeout(timer);
    for (const w of watchers) w.close();
    // The waiting check ends when its stdin closes, even if this process is killed outright.
    ready?.kill('SIGTERM');
  }
  return EXIT.ok;
}
