/**
 * `npm run mutate:record [report.json] [--lines A-B]`: reads the last mutation run's report
 * (.tmp/stryker/mutation.json, from `npm run mutate`), folds its per-module figures into bench/mutation.json (modules the run did
 * not test keep their last figures, each with its own date) and rewrites bench/mutation.md.
 * `--lines A-B`: the run mutated only those lines of its module (`--mutate FILE:A-B`, for a module
 * too slow to run whole); its figures replace that slice's and the module's are the sum of its slices.
 *
 * Score = detected / (detected + undetected), Stryker's definition: detected is killed or timed
 * out, undetected is survived or not covered by any test. Ignored mutants (static ones, see
 * stryker.config.mjs) and ones that do not load (runtime or compile errors) count in neither.
 *
 * bench/mutation.md also lists every undetected mutant under its module, with the one-line reason
 * bench/mutation-equivalent.json gives for it (keyed by module, then by the mutant as listed:
 * `line:col Mutator: replacement`), or "not explained" when it gives none.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { codeSpan } from '../dsl/report/markdown.js';
import { score, withSlice, type ModuleFigures } from './mutation-slices.js';

const ROOT = path.resolve(import.meta.dirname, '..');
/** The run's report (Stryker's JSON reporter), or the file given as the first argument. */
const REPORT = path.resolve(process.argv[2] && process.argv[2] !== '--lines' ? process.argv[2] : path.join(ROOT, '.tmp/stryker/mutation.json'));
const OUT = path.join(ROOT, 'bench/mutation.json');
const TABLE = path.join(ROOT, 'bench/mutation.md');
const REASONS = path.join(ROOT, 'bench/mutation-equivalent.json');

interface ReportMutant { id: string; mutatorName: string; replacement?: string; status: string; location: { start: { line: number; column: number } } }
interface Report { files: Record<string, { mutants: ReportMutant[] }> }


interface Recorded {
  machine: { cpus: number; cpuModel: string; node: string; platform: string };
  stryker: string;
  modules: Record<string, ModuleFigures>;
}

function figures(mutants: readonly ReportMutant[], recordedAt: string): ModuleFigures {
  const count = (...s: string[]) => mutants.filter((m) => s.includes(m.status)).length;
  const detected = count('Killed', 'Timeout');
  const undetected = count('Survived', 'NoCoverage');
  return {
    recordedAt,
    mutants: mutants.length,
    killed: count('Killed'),
    timeout: count('Timeout'),
    survived: count('Survived'),
    noCoverage: count('NoCoverage'),
    ignored: count('Ignored'),
    errors: count('RuntimeError', 'CompileError'),
    score: score(detected, undetected),
    undetected: mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column)
      .map((m) => `${m.location.start.line}:${m.location.start.column} ${m.mutatorName}${m.status === 'NoCoverage' ? ' (no test covers it)' : ''}: ${oneLine(m.replacement ?? '')}`),
  };
}

const oneLine = (s: string) => { const l = s.replace(/\s+/g, ' ').trim(); return l.length > 80 ? `${l.slice(0, 77)}...` : l; };

/** Why each listed mutant is left undetected (equivalent, or harmless), by module. */
type Reasons = Record<string, Record<string, string>>;

function table(r: Recorded, reasons: Reasons): string {
  const rows = Object.entries(r.modules).sort(([a], [b]) => a.localeCompare(b));
  const undetected = rows.filter(([, f]) => f.undetected.length > 0);
  return [
    '# Mutation scores',
    '',
    'Written by `npm run mutate:record` from the last `npm run mutate` (StrykerJS, see `stryker.config.mjs`).',
    `Machine: ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, ${r.machine.platform}; ${r.stryker}, one worker.`,
    'Score: killed (or timed out) ÷ (killed + survived + not covered); static mutants are ignored (not run), see the config.',
    'Each module\'s undetected mutants are listed in `bench/mutation.json`.',
    'A module with only static mutants (a constant list) shows "–"; one with none at all (type declarations only, such as `dsl/check/checker.ts`) has no row.',
    '',
    '| module | mutants | killed | survived | no coverage | ignored | score | recorded |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(([file, f]) => `| \`${file}\`${f.slices ? ` lines ${Object.keys(f.slices).join(', ')}` : ''} | ${f.mutants} | ${f.killed + f.timeout} | ${f.survived} | ${f.noCoverage} | ${f.ignored} | ${f.score === null ? '–' : `${f.score.toFixed(1)}%`} | ${f.recordedAt.slice(0, 10)} |`),
    '',
    '## Undetected mutants',
    '',
    'Each with why no test can or need detect it (`bench/mutation-equivalent.json`).',
    ...undetected.flatMap(([file, f]) => [
      '',
      `### \`${file}\``,
      '',
      ...f.undetected.map((u) => `- ${codeSpan(u)} — ${reasons[file]?.[u] ?? 'not explained'}`),
    ]),
    '',
  ].join('\n');
}

const linesAt = process.argv.indexOf('--lines');
const lines = linesAt < 0 ? undefined : process.argv[linesAt + 1];
if (lines !== undefined && !/^\d+-\d+$/.test(lines)) throw new Error(`--lines wants A-B (the lines given to --mutate FILE:A-B), not ${lines ?? 'nothing'}`);
const report = JSON.parse(readFileSync(REPORT, 'utf8')) as Report;
const recordedAt = new Date().toISOString();
const previous: Recorded | undefined = existsSync(OUT) ? JSON.parse(readFileSync(OUT, 'utf8')) as Recorded : undefined;
const strykerVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@stryker-mutator/core/package.json'), 'utf8')) as { version: string }).version;
const recorded: Recorded = {
  machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown', node: process.version, platform: `${process.platform} ${process.arch}` },
  stryker: `StrykerJS ${strykerVersion}`,
  modules: { ...previous?.modules },
};
// Only the files the last run mutated (those with a tested mutant); the others keep their figures.
for (const [file, { mutants }] of Object.entries(report.files)) {
  if (mutants.every((m) => m.status === 'Pending')) continue;
  const name = path.relative(ROOT, path.resolve(ROOT, file)).split(path.sep).join('/');
  recorded.modules[name] = lines === undefined ? figures(mutants, recordedAt) : withSlice(previous?.modules[name], lines, figures(mutants, recordedAt));
}
writeFileSync(OUT, `${JSON.stringify(recorded, null, 2)}\n`);
const reasons = existsSync(REASONS) ? JSON.parse(readFileSync(REASONS, 'utf8')) as Reasons : {};
writeFileSync(TABLE, table(recorded, reasons));
const commit = (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim(); } catch { return '?'; } })();
console.log(`${table(recorded, reasons)}\n(at ${commit}; written to ${path.relative(ROOT, OUT)} and ${path.relative(ROOT, TABLE)})`);
