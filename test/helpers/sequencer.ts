/**
 * The order test files are handed to the workers: the long ones first (longest processing time
 * first), so that the run does not end with one core idle while the other finishes a long file.
 * Vitest's own order is by the last run's durations when it has them, by file size on a fresh
 * clone (CI): there, files of a few short lines that take half a minute (lint, type-checks) came
 * last. Files not listed keep vitest's order, after these.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Seconds of one worker each took without TLC on 2026-12-02 (2 busy cores), longest first. */
export const LONG_FILES: Readonly<Record<string, number>> = {
  'zswap-table.test.ts': 60,
  'zswap-matrix.test.ts': 60,
  'zswap.test.ts': 40,
  'consumer.test.ts': 100,
  'reliability.test.ts': 64,
  'lint.test.ts': 38,
  'tsc.test.ts': 30,
  'matchers.test.ts': 38,
  'workflow.test.ts': 37,
  'compiled-por.test.ts': 40,
  'compiled-models.test.ts': 35,
  'compiled-parallel.test.ts': 30,
  'each.test.ts': 35,
  'typecheck.test.ts': 30,
  'emit.test.ts': 22,
  'fuzz.test.ts': 20,
  'watch.test.ts': 20,
  'compiled-interleave.test.ts': 17,
  'generate-swap.test.ts': 16,
  'type-errors.test.ts': 14,
  'compiled-fuzz.test.ts': 14,
};

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const order = await super.sort(files);
    const seconds = (f: TestSpecification) => LONG_FILES[path.basename(f.moduleId)] ?? 0;
    // Array.prototype.sort is stable: unlisted files (0) keep vitest's order.
    return [...order].sort((a, b) => seconds(b) - seconds(a));
  }
}
