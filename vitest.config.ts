import v8 from 'node:v8';
import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './test/helpers/sequencer.js';

/**
 * Files that replace modules (vi.mock) or patch shared classes and timers: each runs in a fresh
 * module graph of its own. Every other file shares its worker's modules with the files run
 * before it (`isolate: false`): loading the DSL, TypeScript and ts-morph once per worker instead
 * of once per file halved the time of a dozen files (43 s → 20 s), so each file must set up the
 * state it needs itself — and does: none passes only because another ran first (each also runs alone).
 */
const ISOLATED = ['test/checkers.test.ts', 'test/tla-checker-verdicts.test.ts', 'test/tla-checker-session.test.ts', 'test/compiled-pc-dispatch.test.ts'];

/**
 * The worker threads' young generation: 64 MiB semi-spaces instead of V8's 16. The model checks
 * allocate fast and keep their specs and state tables through a search, so at 16 MiB the
 * scavenger copied them again and again: in a whole run its pauses came to 23.9 s (3,085
 * scavenges), against 16.7 s (1,347) with this (2026-12-05; paired runs of the six files that
 * check most, 4 each: x0.92 wall, about 90 MiB more at the peak). Set before the pool starts: a
 * V8 flag reaches the isolates created after it (the workers and the threads they start), not
 * this one; the processes the tests start run as users run them.
 */
v8.setFlagsFromString('--max-semi-space-size=64');

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Worker threads, not child processes: the suite took 5–8 % less CPU (148–155 s against 161 s
    // wall, 2026-12-05). No test changes the working directory or relies on a pid of its own.
    pool: 'threads',
    // Model checks are CPU-bound and the machine has two cores.
    maxWorkers: 2,
    minWorkers: 1,
    // describe.concurrent suites: two tla-checker workers at a time, one per core.
    maxConcurrency: 2,
    // The long files first, whatever vitest knows of earlier runs (none on a fresh clone).
    sequence: { sequencer: LongFirstSequencer },
    // The pool reuses its workers (a root option: vitest ignores it per project);
    // each project then says whether a worker starts every file on fresh modules.
    isolate: false,
    projects: [
      { extends: true, test: { name: 'shared', include: ['test/**/*.test.ts'], exclude: ISOLATED, isolate: false } },
      { extends: true, test: { name: 'isolated', include: ISOLATED, isolate: true } },
    ],
  },
});
