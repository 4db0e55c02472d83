// @ts-check
// Mutation testing (`npm run mutate`): StrykerJS changes one operator, condition or literal at a
// time in the stages below and reruns the tests that cover it; a change no test notices survives.
// `npm run mutate -- --mutate dsl/emit/expr.ts` runs one module. Scores: bench/mutation.md.
import process from 'node:process';

process.env.TLA2TOOLS_JAR = '/nonexistent/tla2tools.jar'; // TLC's tests skip: see vitest.mutate.config.ts

// Stryker's incremental file holds only the files of the run that wrote it, so each `--mutate`
// selection keeps its own: rerunning one module retests only what changed since its last run.
const args = process.argv;
const at = args.findIndex((a) => a === '--mutate' || a === '-m' || a.startsWith('--mutate='));
const mutated = at < 0 ? 'all' : args[at].startsWith('--mutate=') ? args[at].slice('--mutate='.length) : args[at + 1] ?? 'all';
const selection = mutated.replace(/[^\w.]+/g, '-').slice(0, 120);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts', related: false },
  mutate: [
    'dsl/check/**/*.ts',
    'dsl/emit/**/*.ts',
    'dsl/lower/**/*.ts',
    'dsl/map/**/*.ts',
  ],
  // Stryker's default (true) puts `// @ts-nocheck` at the top of test files, which moves the
  // line of every DSL call site the fixtures record; vitest does not type-check anyway.
  disableTypeChecks: false,
  checkers: [],
  coverageAnalysis: 'perTest',
  concurrency: 1, // two cores, shared
  timeoutMS: 20_000,
  // A mutant in module-level code (a constant table, a regex) runs outside any test, so every
  // test file reruns for it: 10% of the mutants, three quarters of the time. They are left out
  // (reported as ignored); `--ignoreStatic false` tests them too.
  ignoreStatic: true,
  // Reruns test only the mutants whose code or tests changed; the file is kept between runs.
  incremental: true,
  incrementalFile: `.tmp/stryker/incremental/${selection}.json`,
  tempDirName: '.tmp/stryker/sandboxes',
  cleanTempDir: 'always',
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: '.tmp/stryker/mutation.json' },
  htmlReporter: { fileName: '.tmp/stryker/mutation.html' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: false },
  ignorePatterns: ['dist', 'bench/tmp', 'coverage', 'test-output', '.tmp'],
};
