/**
 * `npm run bench [-- --quick] [--only models,pcal,scaling,workers,threads,por,scale,fuzz,fuzz-errors,fuzz-liveness,watch,check,big,matrix] [--fuzz N] [--fuzz-errors N] [--fuzz-liveness N] [--seed S]
 *                [--timeout SECONDS] [--cap STATES] [--budget SECONDS] [--matrix-timeout SECONDS] [--no-fixtures] [--out FILE]
 *                [--configs GLOB,…]`
 *
 * Prints tables and writes bench/results.json (sections not run are kept from the last run;
 * with `--configs`, section models re-measures only the configs the globs select, over
 * `Model/config`, section matrix only the cells, over `SIZE/variant/scenario`, and the other rows
 * of its sections are kept: scripts/bench/configs.ts).
 * Without TLC it runs the compiled verifier and tla-checker, and says so. See scripts/bench/bench.ts;
 * scripts/bench/run-scope.ts keeps its temp files and children to the run, even when stopped.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { findTlc } from '../dsl/check/tlc.js';
import { models as allModels } from '../models/index.js';
import { cellFilter, configFilter, splitGlobs } from './bench/configs.js';
import { cellKey, MATRIX_SIZES } from './bench/matrix-bench.js';
import { SCENARIOS } from '../models/zswap/index.js';
import { VARIANTS } from '../models/zswap/variants.js';
import { DEFAULT_SECTIONS, runBench, saveResults, SECTIONS, type Section } from './bench/bench.js';
import { scopeRun } from './bench/run-scope.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const num = (v: string) => {
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('must be a non-negative number');
  return n;
};
const sections = (v: string): Section[] => {
  const s = v.split(',').map((x) => x.trim()).filter(Boolean);
  const bad = s.filter((x) => !(SECTIONS as readonly string[]).includes(x));
  if (bad.length) throw new InvalidArgumentError(`unknown section ${bad.join(', ')} (sections: ${SECTIONS.join(', ')})`);
  return s as Section[];
};


const program = new Command('bench')
  .description('Benchmark the checkers on every model, DSL vs PlusCal, zswap scaling, and differential fuzzing')
  .option('--quick', 'a smaller set (about 3 minutes)')
  .option('--only <sections>', `comma-separated subset of ${SECTIONS.join(',')}`, sections)
  .option('--fuzz <n>', 'fuzz models to try (0: no fuzzing)', num)
  .option('--fuzz-errors <n>', 'error-path fuzz models to compare with TLC (0: none; skipped without TLC)', num)
  .option('--fuzz-liveness <n>', 'temporal-property fuzz models to compare with the independent evaluation and TLC where found (0: none)', num)
  .option('--seed <n>', 'fuzz seed', num, 20_250_601)
  .option('--timeout <seconds>', 'per-config timeout', num, 120)
  .option('--cap <states>', 'tla-checker state cap on configs TLC found bigger (0: none)', num)
  .option('--budget <seconds>', 'overall deadline: nothing new starts after it (section matrix: its own budget, default 3000)', num)
  .option('--matrix-timeout <seconds>', 'section matrix: one cell\'s timeout (default 60)', num)
  .option('--jobs <n>', 'jobs at a time (default: 2 on two or more cores)', num)
  .option('--no-fixtures', 'do not save fuzz disagreements under test/fixtures/fuzz')
  .option('--out <file>', 'results file', path.join(root, 'bench', 'results.json'))
  .option('--configs <globs>', 'with --only models: only the configs these comma-separated globs select (over Model/config); with --only matrix: only these cells (over SIZE/variant/scenario, e.g. 2x2x2/v13-fix/hotplug); the results file keeps every other row', splitGlobs)
  .parse();

const f = program.opts<{ quick?: boolean; only?: Section[]; fuzz?: number; fuzzErrors?: number; fuzzLiveness?: number; seed: number; timeout: number; cap?: number; budget?: number; matrixTimeout?: number; fixtures: boolean; out: string; jobs?: number; configs?: string[] }>();
if (f.configs) {
  const only = f.only?.length === 1 ? f.only[0] : undefined;
  if (f.configs.length === 0) program.error('error: option \'--configs\': no glob given');
  if (f.quick) program.error('error: --configs picks the configs itself: drop --quick');
  for (const g of f.configs) {
    try { configFilter([g]); } catch (e) { program.error(`error: option '--configs': ${g} is not a glob (${e instanceof Error ? e.message : String(e)})`); }
  }
  if (only !== 'models' && only !== 'matrix') program.error('error: --configs needs --only models or --only matrix (the sections that measure configs or cells one by one)');
  if (only === 'models') {
    const keep = configFilter(f.configs);
    if (!allModels.some((m) => m.module.configs.some((c) => keep(m.name, c.name)))) program.error(`error: option '--configs': no config matches ${f.configs.join(', ')} (globs over Model/config, e.g. ZswapV13/switch)`);
  } else {
    const keep = cellFilter(f.configs);
    const cells = MATRIX_SIZES.flatMap((s) => VARIANTS.flatMap((v) => Object.keys(SCENARIOS).map((sc) => cellKey(s, v.name, sc))));
    if (!cells.some(keep)) program.error(`error: option '--configs': no matrix cell matches ${f.configs.join(', ')} (globs over SIZE/variant/scenario, e.g. 2x2x2/v13-fix/hotplug)`);
  }
}
const scope = scopeRun((line) => console.log(line));
const quick = f.quick === true;
const tlc = await findTlc();
const results = await runBench({
  quick,
  sections: f.only ?? [...DEFAULT_SECTIONS],
  fuzz: f.fuzz ?? (quick ? 60 : 500),
  fuzzErrors: f.fuzzErrors ?? (quick ? 20 : 100),
  fuzzLiveness: f.fuzzLiveness ?? (quick ? 20 : 100),
  seed: f.seed,
  timeoutMs: f.timeout * 1000,
  tlaCheckerCap: f.cap ?? (quick ? 2000 : 3000),
  scalingBudgetMs: quick ? 45_000 : 240_000,
  // An explicit --fuzz N (or --fuzz-errors N, --fuzz-liveness N) asks for N models: no overall deadline then unless --budget says so.
  deadlineMs: (f.budget ?? (f.fuzz !== undefined || f.fuzzErrors !== undefined || f.fuzzLiveness !== undefined ? 24 * 3600 : quick ? 240 : 14.5 * 60)) * 1000,
  saveFixtures: f.fixtures,
  ...(f.matrixTimeout !== undefined ? { matrixCellTimeoutMs: f.matrixTimeout * 1000 } : {}),
  ...(f.budget !== undefined ? { matrixBudgetMs: f.budget * 1000 } : {}),
  ...(f.jobs ? { jobs: f.jobs } : {}),
  ...(f.configs ? { configs: f.configs } : {}),
  saveMatrix: (m) => saveResults(path.resolve(f.out), { matrix: m }),
  log: (line) => console.log(line),
}, tlc);
await saveResults(path.resolve(f.out), results);
console.log(`results: ${path.relative(process.cwd(), path.resolve(f.out))}`);
scope.dispose();
