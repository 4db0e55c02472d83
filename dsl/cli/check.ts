/**
 * `npm run check [-- MODEL…] [--backend …] [--format text|json|sarif|github|markdown] [--output FILE]`
 *
 * Exit codes (dsl/cli/exit-codes.ts):
 *   0  every config gave the verdict its model expects (seeded bugs found count as expected)
 *   1  a property was violated unexpectedly, or an expected violation was not found
 *   2  the DSL or a command-line argument is wrong; nothing was checked
 *   3  a checker crashed, timed out, rejected what we emitted, or the backends disagree
 */
import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import { BACKEND_CHOICES, type BackendChoice } from '../check/checkers.js';
import { MAX_TIMEOUT_MS } from '../check/tlc.js';
import { REPORT_FORMATS, type ReportFormat } from '../report/render.js';
import { CHECK_HELP } from './help.js';
import { EXIT, parseOrExit } from './exit-codes.js';
import { watchInterrupts, type Interrupts } from './interrupt.js';
import { addScaleOptions, scaleOptions, type ScaleFlags } from './scale-options.js';

export interface CheckCliIo {
  readonly root: string;
  /** The model files to import (see `project.ts`); default `modelsModule`, else `models/index.ts` under root. */
  readonly modelFiles?: readonly string[];
  /** One module exporting the models. */
  readonly modelsModule?: string;
  /** Default `generated/` under root. */
  readonly generatedDir?: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  /** Signals to stop on (default: SIGINT/SIGTERM/SIGHUP and the death of the npm process). */
  readonly interrupts?: Interrupts;
  /** Where `--await-change` reads the saved file's name (default: stdin). */
  readonly in?: NodeJS.ReadableStream;
}

export interface Flags extends ScaleFlags { backend: BackendChoice; workers: number | 'auto'; jobs: number | 'auto'; timeout: number; format: ReportFormat; output?: string[]; typecheck: boolean; models?: string; generated?: string; changed?: string; awaitChange?: boolean; each?: boolean; covers?: boolean; ownCovers?: boolean; coverage?: boolean; por?: boolean }

/** The report format a file's extension names, when several `--output`s are given. */
export const OUTPUT_EXTENSIONS: Readonly<Record<string, ReportFormat>> = { '.txt': 'text', '.json': 'json', '.sarif': 'sarif', '.md': 'markdown', '.html': 'html' };

/** `npm run check [-- MODEL…]`: generate, then check every config of every (named) model. */
export async function runCheckCli(argv: readonly string[], io: CheckCliIo): Promise<number> {
  const program = new Command('check')
    .description('Generate TLA+ from the models and model-check every config (or the ones named, in that order)')
    .argument('[models...]', 'MODEL (every config of it) or MODEL/CONFIG; default: every config of every model')
    .addOption(new Option('--backend <name>', 'checker to use (both: every available one, cross-checked)').choices(BACKEND_CHOICES).default('auto'))
    .option('--workers <n>', "threads (TLC: workers) per config: a positive integer or 'auto' (every core, shared among --jobs)", workersArg, 'auto')
    .option('--jobs <n>', "configs checked at once: a positive integer or 'auto' (one per core when several are checked)", workersArg, 'auto')
    .option('--timeout <seconds>', `per-config time limit, counted from the checker's start of work (0 < s ≤ ${MAX_TIMEOUT_S})`, timeoutArg, 600)
    .addOption(new Option('--format <fmt>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('--output <file>', `write the report to FILE (the text summary still goes to stdout); given more than once, each file's format is its extension's (${Object.keys(OUTPUT_EXTENSIONS).join(' ')}), so one run writes e.g. SARIF and Markdown`, (v: string, prev: string[] | undefined) => [...(prev ?? []), v])
    .option('--no-typecheck', 'do not type-check the models before running them')
    .option('--no-covers', 'do not decide covers (m.cover) on backends that do not watch them in their own search (TLC, tla-checker); they are reported as not decided')
    .option('--own-covers', 'decide covers on TLC and tla-checker by their own runs, one per cover, instead of one compiled search of the config (the default when it passed)')
    .option('--coverage', 'count the successors of every step (compiled verifier; TLC with -coverage; tla-checker does not count them) and list, per model, each step no checked config took, at its DSL line')
    .option('--por', 'partial-order reduction on the compiled verifier (safety properties only): process steps that touch only their own locals are not interleaved; distinct states are then those of the reduced graph (TLC and tla-checker search in full)')
    .option('--each', 'check every property alone — each invariant, each assert by name, deadlock, each temporal property — with the others off, and print the verdict matrix')
    .option('--models <glob>', 'the model files (a file or glob; default: the project config, else models/**/*.ts)')
    .option('--generated <dir>', 'where the TLA+ is written (default: the project config, else generated/)')
    .addOption(new Option('--changed <file>', 'check only the models declared in FILE (all when it declares none); used by watch').hideHelp())
    .addOption(new Option('--await-change', 'get ready, then read one JSON line {"changed"?: FILE} from stdin and check as --changed; used by watch').hideHelp());
  addScaleOptions(program).addHelpText('after', CHECK_HELP);
  const parsed = parseOrExit(program, argv, io);
  if (parsed !== undefined) return parsed;
  const flags = program.opts<Flags>();
  const names = program.args;
  const outputs = outputsOf(flags);
  if (typeof outputs === 'string') {
    io.err.write(`error: ${outputs}\n`);
    return EXIT.badInput;
  }
  if (flags.por && (flags.backend === 'tlc' || flags.backend === 'tla-checker')) {
    io.err.write(`error: --por is the compiled verifier's partial-order reduction; --backend ${flags.backend} searches every interleaving (use --backend compiled, embedded or auto)\n`);
    return EXIT.badInput;
  }
  const scale = scaleOptions(flags, flags.backend, process.cwd(), flags.each === true, flags.workers);
  if (typeof scale === 'string') {
    io.err.write(`error: ${scale}\n`);
    return EXIT.badInput;
  }
  if (scale.options.distributed && flags.jobs !== 'auto' && flags.jobs > 1) {
    io.err.write(`error: --jobs ${flags.jobs} with --distributed: a distributed run checks one config at a time (its TLC server hands every worker the same config)\n`);
    return EXIT.badInput;
  }
  const interrupts = io.interrupts ?? watchInterrupts();
  try {
    const { check } = await import('./check-run.js');
    return await check(flags, names, outputs, scale, io, interrupts);
  } finally {
    if (!io.interrupts) interrupts.dispose();
  }
}

/** Each report file and its format: one `--output` takes `--format`, several take their extensions'; or what is wrong. */
export type Output = { file: string; format: ReportFormat };

function outputsOf(flags: Flags): Output[] | string {
  const files = flags.output ?? [];
  if (files.length <= 1) return files.map((file) => ({ file, format: flags.format }));
  const out = files.map((file) => ({ file, format: OUTPUT_EXTENSIONS[path.extname(file).toLowerCase()] }));
  const unknown = out.filter((o) => o.format === undefined).map((o) => o.file);
  if (unknown.length) return `with several --output files each needs an extension naming its format (${Object.keys(OUTPUT_EXTENSIONS).join(', ')}): ${unknown.join(', ')}`;
  return out as Output[];
}

export type Scale = Exclude<ReturnType<typeof scaleOptions>, string>;

function workersArg(v: string): number | 'auto' {
  if (v === 'auto') return 'auto';
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer or 'auto'");
  return n;
}

const MAX_TIMEOUT_S = Math.floor(MAX_TIMEOUT_MS / 1000);

function timeoutArg(v: string): number {
  const n = Number(v);
  if (!/^\d+(\.\d+)?$/.test(v.trim()) || !(n > 0) || n > MAX_TIMEOUT_S) throw new InvalidArgumentError(`must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S} (about 24 days)`);
  return n;
}

