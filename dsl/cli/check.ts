/**
 * `npm run check [-- MODEL…] [--backend …] [--format text|json|sarif|github|markdown] [--output FILE]`
 *
 * Exit codes (dsl/cli/exit-codes.ts):
 *   0  every config gave the verdict its model expects (seeded bugs found count as expected)
 *   1  a property was violated unexpectedly, or an expected violation was not found
 *   2  the DSL or a command-line argument is wrong; nothing was checked
 *   3  a checker crashed, timed out, rejected what we emitted, or the backends disagree
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type tty from 'node:tty';
import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { BACKEND_CHOICES, resolveCheckers, type BackendChoice, type Resolved } from '../check/checkers.js';
import type { Progress } from '../check/checker.js';
import { compileAll } from '../generate.js';
import { DslError } from '../errors.js';
import { progressText } from '../report/progress.js';
import { REPORT_FORMATS, render, type ReportFormat } from '../report/render.js';
import type { ConfigReport } from '../report/report.js';
import { runPipeline, type PipelineResult } from '../pipeline/run.js';
import { TextReporter } from '../report/text.js';
import { loadModels, typecheckOk, writeWarnings, written } from './gen.js';
import { EXIT } from './exit-codes.js';

export interface CheckCliIo {
  readonly root: string;
  /** Defaults to `models/index.ts` and `generated/` under root. */
  readonly modelsModule?: string;
  readonly generatedDir?: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

interface Flags { backend: BackendChoice; workers: number | 'auto'; timeout: number; format: ReportFormat; output?: string; typecheck: boolean }

/** `npm run check [-- MODEL…]`: generate, then check every config of every (named) model. */
export async function runCheckCli(argv: readonly string[], io: CheckCliIo): Promise<number> {
  const program = new Command('check')
    .description('Generate TLA+ from models/ and model-check every config')
    .argument('[models...]', 'model (module) names to check; default: all')
    .addOption(new Option('--backend <name>', 'checker to use (both: every available one, cross-checked)').choices(BACKEND_CHOICES).default('auto'))
    .option('--workers <n>', "workers: a positive integer or 'auto'", workersArg, 'auto')
    .option('--timeout <seconds>', 'per-config timeout', (v) => positive(v), 600)
    .addOption(new Option('--format <fmt>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('--output <file>', 'write the report to FILE (the text summary still goes to stdout)')
    .option('--no-typecheck', 'do not type-check the models before running them')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    return (e as { exitCode?: number }).exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  const flags = program.opts<Flags>();
  const names = program.args;

  const entry = io.modelsModule ?? path.join(io.root, 'models', 'index.ts');
  if (flags.typecheck && !typecheckOk(entry, io.root, io.err)) return EXIT.badInput;
  let models;
  let compiled: ReturnType<typeof compileAll>;
  try {
    models = await loadModels(entry);
    compiled = compileAll(models);
  } catch (e) {
    io.err.write(`error: ${e instanceof DslError ? e.message : e instanceof Error ? e.stack ?? e.message : String(e)}\nnothing was written or checked.\n`);
    return EXIT.badInput;
  }
  const unknown = names.filter((n) => !models.some((m) => m.name === n));
  if (unknown.length) {
    io.err.write(`error: unknown model ${unknown.join(', ')} (models: ${models.map((m) => m.name).join(', ')})\n`);
    return EXIT.badInput;
  }
  const dir = io.generatedDir ?? path.join(io.root, 'generated');
  if (!(await written(dir, compiled.files, io.err))) return EXIT.badInput;
  writeWarnings(models, io.err);

  let backends: Resolved;
  try {
    backends = await resolveCheckers(flags.backend);
  } catch (e) {
    io.err.write(`error: ${(e as Error).message}\n`);
    return EXIT.checkerFailure;
  }
  // The text summary streams to stdout unless stdout carries a machine-readable report.
  const summary = flags.format === 'text' || flags.output !== undefined;
  const text = new TextReporter({ color: isTty(io.out) && pc.isColorSupported, root: io.root });
  if (summary) io.out.write(backendLine(backends));

  const outcomes: PipelineResult[] = [];
  const reports: ConfigReport[] = [];
  for (const m of models.filter((x) => names.length === 0 || names.includes(x.name))) {
    for (const c of m.module.configs) {
      const line = progress(io.err, `checking ${m.name}/${c.name} with ${backends.checkers.map((x) => x.name).join(' + ')}…`);
      const o = await runPipeline(m, c.name, {
        checkers: backends.checkers, artifacts: compiled.artifacts.get(m)!,
        workers: flags.workers, timeoutMs: flags.timeout * 1000, ...(line.live ? { onProgress: (p: Progress) => line.update(progressText(p)) } : {}),
      });
      line.clear();
      outcomes.push(o);
      reports.push(o.report);
      if (summary) io.out.write(text.config(o.report));
    }
  }
  const report = { configs: reports };
  if (summary) io.out.write(text.summary(report));
  if (flags.output !== undefined || flags.format !== 'text') {
    const body = render(flags.format, report, { root: io.root, ...githubLinkBase(process.env) });
    if (flags.output !== undefined) await writeFile(path.resolve(flags.output), body);
    else io.out.write(body);
  }
  const failed = outcomes.filter((o) => !o.asExpected);
  if (failed.some((o) => o.disagreement || o.results.some((r) => ['crashed', 'timeout', 'parseError', 'configError'].includes(r.verdict.kind)))) return EXIT.checkerFailure;
  return failed.length ? EXIT.violation : EXIT.ok;
}

function workersArg(v: string): number | 'auto' {
  if (v === 'auto') return 'auto';
  const n = Number(v);
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError("must be a positive integer or 'auto'");
  return n;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function isTty(s: NodeJS.WritableStream): boolean {
  return (s as Partial<tty.WriteStream>).isTTY === true;
}

/** A status line on a terminal's stderr while a config is checked; returns what erases it. */
/** A status line on a terminal (`update` appends TLC's progress to it); nothing when not a TTY. */
function progress(err: NodeJS.WritableStream, head: string): { live: boolean; update: (detail: string) => void; clear: () => void } {
  if (!isTty(err)) return { live: false, update: () => {}, clear: () => {} };
  const show = (text: string) => err.write(`\x1b[2K\r${text}`);
  show(head);
  return { live: true, update: (detail) => show(`${head} ${detail}`), clear: () => err.write('\x1b[2K\r') };
}

/** In GitHub Actions, Markdown links point at the checked commit. */
function githubLinkBase(env: NodeJS.ProcessEnv): { linkBase?: string } {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  return server && repo && sha ? { linkBase: `${server}/${repo}/blob/${sha}/` } : {};
}

function backendLine(r: Resolved): string {
  const used = r.checkers.map((c) => r.available.get(c.name)?.detail ?? c.name).join(' + ');
  const passedOver = r.unavailable.map((u) => ` — ${u.name} not used: ${u.reason}`).join('');
  return `checker: ${r.checkers.map((c) => c.name).join(' + ')} (${used})${passedOver}\n\n`;
}
