#!/usr/bin/env node
/**
 * `zswap-tla`: the one command line — `gen`, `check`, `watch`, `tlc install`, `init`. Each
 * subcommand parses its own options (commander) and documents its exit codes and environment
 * in `--help`. The project is the nearest package.json above the working directory
 * (`project.ts`); this repository's npm scripts run this same file.
 */
import { readFileSync } from 'node:fs';
// Signals and the npm parent are watched before the (slow) rest of the CLI loads.
import { watchInterrupts } from './interrupt.js';

const interrupts = watchInterrupts();

// Installed, the CLI is plain JavaScript and the models are TypeScript: load them through tsx,
// with stack traces mapped to the .ts lines (call sites are read from them). From source, the
// CLI already runs under tsx.
if (!import.meta.url.endsWith('.ts')) {
  process.setSourceMapsEnabled(true);
  (await import('tsx/esm/api')).register();
}

const { Command, CommanderError } = await import('commander');
// Each subcommand loads what it needs when it runs: `--help` and `init` stay quick.
const { findProject, modelFiles, ProjectError } = await import('./project.js');
const { helpFooter } = await import('./help.js');
const { EXIT } = await import('./exit-codes.js');
const path = (await import('node:path')).default;

const io = { out: process.stdout, err: process.stderr };
const version = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;

/** The project from the working directory, or a reported error. */
function project() {
  try {
    const p = findProject();
    return { ...p, modelFiles: modelFiles(p.root, p.models) };
  } catch (e) {
    if (!(e instanceof ProjectError)) throw e;
    process.stderr.write(`error: ${e.message}\n`);
    return undefined;
  }
}

let status: number = EXIT.ok;
/** A subcommand that parses its own arguments (and its own --help). */
const passThrough = (cmd: InstanceType<typeof Command>) => cmd.helpOption(false).allowUnknownOption().allowExcessArguments().passThroughOptions().argument('[args...]');

const program = new Command('zswap-tla')
  .description('A typed TypeScript DSL that compiles to TLA+, model-checks it, and maps every violation back to the DSL line')
  .version(version)
  .enablePositionalOptions()
  .exitOverride()
  .addHelpText('after', `\nRun \`zswap-tla <command> --help\` for a command's options, exit codes and environment.\n${helpFooter([0, 1, 2, 3], ['TLA2TOOLS_JAR', 'JAVA', 'XDG_CACHE_HOME', 'GITHUB', 'COLOR'])}`);

passThrough(program.command('check').description('generate the TLA+, then model-check every config (or MODEL, MODEL/CONFIG, in that order)'))
  .action(async (args: string[]) => {
    const p = project();
    if (!p) { status = EXIT.badInput; return; }
    const { runCheckCli } = await import('./check.js');
    status = await runCheckCli(args, { ...io, root: p.root, modelFiles: p.modelFiles, generatedDir: p.generatedDir, interrupts });
  });

passThrough(program.command('gen').description('write the TLA+, cfg and source maps of every model into generated/ (--check: compare only)'))
  .action(async (args: string[]) => {
    interrupts.dispose(); // gen stops at once on Ctrl-C: its write is atomic
    const gen = new Command('gen')
      .description('Generate TLA+ (and cfg and source maps) from the models into the generated folder, atomically')
      .option('--check', 'write nothing; exit 2 when the generated folder differs from what the models emit')
      .option('--no-typecheck', 'do not type-check the models first')
      .option('--models <glob>', 'the model files (a file or glob; default: the project config, else models/**/*.ts)')
      .option('--generated <dir>', 'the output directory (default: the project config, else generated/)')
      .addHelpText('after', helpFooter([0, 2], [], { 0: 'written (with --check: the generated folder is up to date)' }))
      .exitOverride();
    try { gen.parse(args, { from: 'user' }); } catch (e) { status = (e as { exitCode?: number }).exitCode === 0 ? EXIT.ok : EXIT.badInput; return; }
    const f = gen.opts<{ check?: boolean; typecheck: boolean; models?: string; generated?: string }>();
    const p = project();
    if (!p) { status = EXIT.badInput; return; }
    const { runGen } = await import('./gen.js');
    status = await runGen({
      ...io, root: p.root, check: f.check === true, typecheck: f.typecheck,
      modelFiles: f.models !== undefined ? modelFiles(process.cwd(), [f.models]) : p.modelFiles,
      generatedDir: f.generated !== undefined ? path.resolve(f.generated) : p.generatedDir,
    });
  });

passThrough(program.command('watch').description('check the models a save touches, each time a model file changes'))
  .action(async (args: string[]) => {
    const p = project();
    if (!p) { status = EXIT.badInput; return; }
    const { runWatch } = await import('./watch.js');
    status = await runWatch(args, { ...io, root: p.root, patterns: p.models, interrupts });
  });

const tlc = program.command('tlc').description('manage the TLC model checker (tla2tools.jar)');
passThrough(tlc.command('install').description('download the pinned tla2tools.jar into the per-user cache (SHA-256 checked)'))
  .action(async (args: string[]) => {
    interrupts.dispose();
    const cmd = new Command('tlc install')
      .description('Download the pinned tla2tools.jar into $XDG_CACHE_HOME/zswap-tla/ (SHA-256 checked); without it, check uses the embedded checkers')
      .option('--timeout <seconds>', 'give up the download after this long', '30')
      .addHelpText('after', helpFooter([0, 2, 3], ['XDG_CACHE_HOME'], { 0: 'installed', 2: 'a wrong argument', 3: 'the download failed or its SHA-256 did not match; nothing installed' }))
      .exitOverride();
    try { cmd.parse(args, { from: 'user' }); } catch (e) { status = (e as { exitCode?: number }).exitCode === 0 ? EXIT.ok : EXIT.badInput; return; }
    const seconds = Number(cmd.opts<{ timeout: string }>().timeout);
    if (!(seconds > 0)) { process.stderr.write('error: --timeout must be a number of seconds above 0\n'); status = EXIT.badInput; return; }
    const { installTlc } = await import('./tlc-install.js');
    status = await installTlc({ ...io, timeoutMs: seconds * 1000 });
  });

passThrough(program.command('init').description('scaffold a project here: config, a first model with a seeded bug, npm scripts'))
  .action(async (args: string[]) => {
    interrupts.dispose();
    const { runInit } = await import('./init.js');
    status = await runInit(args, { ...io, cwd: process.cwd() });
  });

try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
} catch (e) {
  if (e instanceof CommanderError) {
    // --help and --version exit 0; an unknown command or option is bad input (commander said why).
    status = e.exitCode === 0 ? EXIT.ok : EXIT.badInput;
  } else {
    // A fault of ours, never to be passed off as the user's bad input (exit 2) without a word.
    process.stderr.write(`error: zswap-tla failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
    status = EXIT.checkerFailure;
  }
}
interrupts.dispose();
process.exitCode = status;
