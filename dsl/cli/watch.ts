/**
 * `zswap-tla watch [check options…]`: check every model once, then, each time a TypeScript file
 * under the model folders is saved, check the models declared in it (every model when it
 * declares none, e.g. a helper they import). Each run is a fresh child process (`check
 * --changed FILE`), so an edited model is re-imported from scratch and nothing leaks between
 * runs; a save during a run queues one more run.
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

export async function runWatch(argv: readonly string[], io: WatchIo): Promise<number> {
  const program = new Command('watch')
    .description('Check every model, then re-check the models declared in each TypeScript file saved under the model folders (until Ctrl-C). Options are those of `check`.')
    .allowUnknownOption().allowExcessArguments().argument('[check options...]')
    .addHelpText('after', `${helpFooter([0, 2], ['TLA2TOOLS_JAR', 'JAVA', 'XDG_CACHE_HOME', 'COLOR'], { 0: 'stopped by Ctrl-C, SIGTERM or SIGHUP (each run prints the exit code of its check, as `check --help` lists them)', 2: 'a model folder cannot be watched, or no project' })}`)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  if (argv.includes('--help') || argv.includes('-h')) {
    try { program.parse(['--help'], { from: 'user' }); } catch { /* help printed */ }
    return EXIT.ok;
  }
  const base = io.command ?? [process.execPath, ...process.execArgv, process.argv[1]!];
  const dirs = watchedDirs(io.root, io.patterns);
  const { signal } = io.interrupts;
  const watchers: FSWatcher[] = [];
  let child: ChildProcess | undefined;
  let pending: Set<string> | undefined = new Set(); // the first run: everything
  let timer: NodeJS.Timeout | undefined;

  const run = (changed: ReadonlySet<string>) => new Promise<void>((resolve) => {
    const [file] = changed;
    const only = changed.size === 1 && file !== undefined ? ['--changed', file] : [];
    const what = changed.size === 0 ? 'every model' : [...changed].map((f) => path.relative(io.root, f)).join(', ');
    io.out.write(`[watch] checking ${changed.size === 0 ? what : `after a change to ${what}`}\n`);
    child = spawn(base[0]!, [...base.slice(1), 'check', ...argv, ...only], { cwd: io.root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    child.stdout!.on('data', (d: Buffer) => io.out.write(d));
    child.stderr!.on('data', (d: Buffer) => io.err.write(d));
    child.on('close', (code, sig) => {
      child = undefined;
      if (!signal.aborted) io.out.write(`[watch] check exited with ${code ?? sig}; waiting for changes (Ctrl-C to stop)\n`);
      resolve();
    });
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
  try {
    for (const d of dirs) watchers.push(watch(d, { recursive: true }, onChange(d)));
  } catch (e) {
    for (const w of watchers) w.close();
    io.err.write(`error: cannot watch ${dirs.join(', ')}: ${(e as Error).message}\n`);
    return EXIT.badInput;
  }
  const stopChild = () => { child?.kill('SIGTERM'); wake?.(); };
  signal.addEventListener('abort', stopChild);
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
    signal.removeEventListener('abort', stopChild);
    clearTimeout(timer);
    for (const w of watchers) w.close();
  }
  return EXIT.ok;
}
