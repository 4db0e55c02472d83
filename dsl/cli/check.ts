import path from 'node:path';
import { Command, InvalidArgumentError, Option } from 'commander';
import pc from 'picocolors';
import { definitionSpan, type SourceMap } from '../map/sourcemap.js';
import { checkConfig, resolveBackends, violatedName, type BackendChoice, type ConfigOutcome } from '../check/run.js';
import type { CheckResult } from '../check/result.js';
import { emitAll, writeAtomically } from '../generate.js';
import { DslError } from '../errors.js';
import { loadModels } from './gen.js';
import { EXIT } from './exit-codes.js';

export interface CheckCliIo {
  readonly root: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

interface Flags { backend: BackendChoice; workers: string; timeout: number; format: 'text' | 'json' }

/** `npm run check [-- MODEL…]`: generate, then check every config of every (named) model. */
export async function runCheckCli(argv: readonly string[], io: CheckCliIo): Promise<number> {
  const program = new Command('check')
    .description('Generate TLA+ from models/ and model-check every config')
    .argument('[models...]', 'model (module) names to check; default: all')
    .addOption(new Option('--backend <name>', 'checker to use').choices(['auto', 'tlc', 'tla-checker', 'both']).default('auto'))
    .option('--workers <n>', "TLC -workers: a number or 'auto'", 'auto')
    .option('--timeout <seconds>', 'per-config timeout', (v) => positive(v), 600)
    .addOption(new Option('--format <fmt>', 'output format').choices(['text', 'json']).default('text'))
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

  let backends;
  try {
    backends = await resolveBackends(flags.backend);
  } catch (e) {
    io.err.write(`error: ${(e as Error).message}\n`);
    return EXIT.checkerFailure;
  }
  const text = flags.format === 'text';
  if (text) io.out.write(backendLine(backends.backends, backends.tlc));

  const outcomes: ConfigOutcome[] = [];
  const workers = flags.workers === 'auto' ? 'auto' : Number(flags.workers);
  for (const m of models.filter((x) => names.length === 0 || names.includes(x.name))) {
    const map = JSON.parse(files.get(`${m.name}.map.json`)!) as SourceMap;
    for (const c of m.module.configs) {
      const o = await checkConfig(dir, m.module, c, backends.backends, backends.tlc, { workers, timeoutMs: flags.timeout * 1000 });
      outcomes.push(o);
      if (text) io.out.write(outcomeLines(o, map));
    }
  }
  if (!text) io.out.write(`${JSON.stringify({ outcomes: outcomes.map((o) => ({ ...o, config: o.config.name, expect: o.config.expect })) }, null, 2)}\n`);
  const failed = outcomes.filter((o) => !o.asExpected);
  if (text) io.out.write(`\n${outcomes.length - failed.length} of ${outcomes.length} configs as expected\n`);
  if (failed.some((o) => o.disagreement || o.results.some((r) => ['crashed', 'timeout', 'parseError', 'configError'].includes(r.verdict.kind)))) return EXIT.checkerFailure;
  return failed.length ? EXIT.violation : EXIT.ok;
}

function positive(v: string): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function backendLine(backends: readonly string[], tlc: Awaited<ReturnType<typeof resolveBackends>>['tlc']): string {
  if (backends.includes('tlc') && tlc.found) return `checker: ${backends.join(' + ')} (TLC: ${tlc.java} -cp ${tlc.jar})\n\n`;
  return `checker: tla-checker (embedded WebAssembly)${tlc.found ? '' : ` — TLC not used: ${tlc.reason}`}\n\n`;
}

function outcomeLines(o: ConfigOutcome, map: SourceMap): string {
  const lines: string[] = [];
  for (const r of o.results) {
    const mark = o.asExpected ? pc.green('ok  ') : pc.red('FAIL');
    lines.push(`${mark} ${`${o.module}/${o.config.name}`.padEnd(34)} ${r.backend.padEnd(11)} ${verdictText(r).padEnd(34)} ${countsText(r)}`);
    const name = violatedName(r.verdict);
    const def = name ? definitionSpan(map, name) : undefined;
    if (name) lines.push(`       ${name} violated — defined at ${def ? `${def.dsl.file}:${def.dsl.line}` : 'an unknown line'}${o.config.expect.k === 'violation' ? ' (expected: seeded bug)' : ''}`);
    if (!o.asExpected && o.config.expect.k !== 'pass') lines.push(`       expected ${o.config.expect.k === 'violation' ? `${o.config.expect.property} to be violated` : 'a deadlock'}`);
    if (['crashed', 'timeout', 'parseError', 'configError', 'evalError'].includes(r.verdict.kind) && 'message' in r.verdict) lines.push(`       ${r.verdict.message.split('\n').join('\n       ')}`);
  }
  if (o.disagreement) lines.push(pc.red(`       backends disagree: ${o.disagreement}`));
  return lines.join('\n') + '\n';
}

function verdictText(r: CheckResult): string {
  const v = r.verdict;
  switch (v.kind) {
    case 'passed': return 'passed';
    case 'invariant': return `invariant ${v.name} violated`;
    case 'property': return `property ${v.name ?? ''} violated`;
    case 'deadlock': return 'deadlock';
    case 'assert': return `assert failed`;
    case 'timeout': return `timed out after ${v.afterMs / 1000}s`;
    default: return v.kind;
  }
}

function countsText(r: CheckResult): string {
  const c = r.counts;
  return [c ? `${c.distinct} distinct` : '', c?.depth !== undefined ? `depth ${c.depth}` : '', `${(r.durationMs / 1000).toFixed(1)}s`].filter(Boolean).join(', ');
}
