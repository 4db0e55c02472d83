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
import type { SourceMap } from '../map/sourcemap.js';
import { checkConfig, resolveBackends, type BackendChoice, type ConfigOutcome } from '../check/run.js';
import { emitAll, writeAtomically } from '../generate.js';
import { DslError } from '../errors.js';
import { progressText, type TlcProgress } from '../check/tlc-progress.js';
import { recoverActions } from '../report/recover.js';
import { REPORT_FORMATS, render, type ReportFormat } from '../report/render.js';
import { configReport, type ConfigReport } from '../report/report.js';
import { TextReporter } from '../report/text.js';
import { loadModels, writeWarnings } from './gen.js';
import { EXIT } from './exit-codes.js';

export interface CheckCliIo {
  readonly root: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

interface Flags { backend: BackendChoice; workers: string; timeout: number; format: ReportFormat; output?: string }

/** `npm run check [-- MODEL…]`: generate, then check every config of every (named) model. */
export async function runCheckCli(argv: readonly string[], io: CheckCliIo): Promise<number> {
  const program = new Command('check')
    .description('Generate TLA+ from models/ and model-check every config')
    .argument('[models...]', 'model (module) names to check; default: all')
    .addOption(new Option('--backend <name>', 'checker to use').choices(['auto', 'tlc', 'tla-checker', 'both']).default('auto'))
    .option('--workers <n>', "TLC -workers: a number or 'auto'", 'auto')
    .option('--timeout <seconds>', 'per-config timeout', (v) => positive(v), 600)
    .addOption(new Option('--format <fmt>', 'report format').choices(REPORT_FORMATS).default('text'))
    .option('--output <file>', 'write the report to FILE (the text summary still goes to stdout)')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  try {
    program.parse([...argv], { from: 'user' });
  } catch (e) {
    return (e as { exitCode?: number }).exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
  const flags = program.opts<Flags>();
  const names = program.args;

  let models;
  let files: Map<string, string>;
  try {
    models = await loadModels(path.join(io.root, 'models', 'index.ts'));
    files = emitAll(models);
  } catch (e) {
    io.err.write(`error: ${e instanceof DslError ? e.message : e instanceof Error ? e.stack ?? e.message : String(e)}\nnothing was written or checked.\n`);
    return EXIT.badInput;
  }
  const unknown = names.filter((n) => !models.some((m) => m.name === n));
  if (unknown.length) {
    io.err.write(`error: unknown model ${unknown.join(', ')} (models: ${models.map((m) => m.name).join(', ')})\n`);
    return EXIT.badInput;
  }
  const dir = path.join(io.root, 'generated');
  await writeAtomically(dir, files);
  writeWarnings(models, io.err);

  let backends;
  try {
    backends = await resolveBackends(flags.backend);
  } catch (e) {
    io.err.write(`error: ${(e as Error).message}\n`);
    return EXIT.checkerFailure;
  }
  // The text summary streams to stdout unless stdout carries a machine-readable report.
  const summary = flags.format === 'text' || flags.output !== undefined;
  const text = new TextReporter({ color: isTty(io.out) && pc.isColorSupported, root: io.root });
  if (summary) io.out.write(backendLine(backends.backends, backends.tlc));

  const outcomes: ConfigOutcome[] = [];
  const reports: ConfigReport[] = [];
  const workers = flags.workers === 'auto' ? 'auto' : Number(flags.workers);
  for (const m of models.filter((x) => names.length === 0 || names.includes(x.name))) {
    const map = JSON.parse(files.get(`${m.name}.map.json`)!) as SourceMap;
    const spec = files.get(`${m.name}.tla`)!;
    for (const c of m.module.configs) {
      const line = progress(io.err, `checking ${m.name}/${c.name} with ${backends.backends.join(' + ')}…`);
      const checked = await checkConfig(dir, m.module, c, backends.backends, backends.tlc, {
        workers, timeoutMs: flags.timeout * 1000, ...(line.live ? { onProgress: (p: TlcProgress) => line.update(progressText(p)) } : {}),
      });
      const cfg = files.get(`${m.name}.${c.name}.cfg`)!;
      const o = { ...checked, results: await Promise.all(checked.results.map((r) => recoverActions(r, spec, cfg, { map, module: m.module }))) };
      line.clear();
      outcomes.push(o);
      const cr = configReport(o, map, m.module);
      reports.push(cr);
      if (summary) io.out.write(text.config(cr));
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

function backendLine(backends: readonly string[], tlc: Awaited<ReturnType<typeof resolveBackends>>['tlc']): string {
  if (backends.includes('tlc') && tlc.found) return `checker: ${backends.join(' + ')} (TLC: ${tlc.java} -cp ${tlc.jar})\n\n`;
  return `checker: tla-checker (embedded WebAssembly)${tlc.found ? '' : ` — TLC not used: ${tlc.reason}`}\n\n`;
}
