import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './test/helpers/sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Model checks are CPU-bound and the machine has two cores.
    maxWorkers: 2,
    minWorkers: 1,
    // describe.concurrent suites: two tla-checker workers at a time, one per core.
    maxConcurrency: 2,
    // The long files first, whatever vitest knows of earlier runs (none on a fresh clone).
    sequence: { sequencer: LongFirstSequencer },
  },
});
