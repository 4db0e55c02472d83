/**
 * The order test files are handed to the workers: the long ones first (longest processing time
 * first), so that the run does not end with one core idle while the other finishes a long file.
 * Vitest's own order is by the last run's durations when it has them, by file size on a fresh
 * clone (CI): there, files of a few short lines that take half a minute (lint, type-checks) came
 * last. Files not listed keep vitest's order, after these.
 */
import path from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';
import { INSTALL_ENV } from './chromium.js';

/** Seconds of one worker each took without TLC in a fresh clone on 2026-12-05 at 06:23 (2 busy cores; set-up included), longest first. */
export const LONG_FILES: Readonly<Record<string, number>> = {
  'zswap-matrix.test.ts': 25,
  'consumer.test.ts': 25,
  'reliability.test.ts': 23,
  'check-threads.test.ts': 21,
  // tla-checker on the fix's intermediate (7116 states); 12 s in that run with teardown's (4629).
  'zswap.test.ts': 15,
  'workflow.test.ts': 14,
  // Cold on a fresh clone (no .tmp/eslintcache), as in CI: 2 s with its cache.
  'lint.test.ts': 13,
  'compiled-parallel.test.ts': 12,
  'each.test.ts': 10,
  'watch.test.ts': 10,
  'typecheck.test.ts': 9,
  'html.test.ts': 8,
  'zswap-deadlock-size.test.ts': 7,
  'tsc.test.ts': 7,
  'emit.test.ts': 6,
  'compiled-por.test.ts': 6,
  'tlc-run.test.ts': 5,
  'gen.test.ts': 5,
  'unified-diff.test.ts': 5,
  'compiled-pool.test.ts': 4,
  'compiled-search.test.ts': 4,
  'compiled-interleave.test.ts': 3,
  'matchers.test.ts': 3,
  'checkers.test.ts': 3,
};

/** The files that wait for a background install of Chromium (helpers/chromium.ts), when CI started one. */
export const BROWSER_FILES: readonly string[] = ['html.test.ts'];

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return longFirst(await super.sort(files), process.env);
  }
}

/** What the order needs of a test file: its path and its vitest project. */
export interface OrderedFile {
  readonly moduleId: string;
  readonly project: { readonly name: string };
}

/**
 * `order` (vitest's) with the files of `long` first, longest first. While CI installs Chromium
 * in the background, the browser files go last, so that the install has the whole run to end:
 * vitest runs one project's files to the end before it starts the next's, projects in the order
 * of their first file, so the `isolated` project's files then go first (its three files, a few
 * seconds) and the browser files, in `shared`, end the run.
 */
export function longFirst<T extends OrderedFile>(order: readonly T[], env: NodeJS.ProcessEnv, long: Readonly<Record<string, number>> = LONG_FILES): T[] {
  const installing = !!env[INSTALL_ENV];
  const seconds = (f: T) => {
    const name = path.basename(f.moduleId);
    if (installing && f.project.name === 'isolated') return Infinity;
    if (installing && BROWSER_FILES.includes(name)) return -1;
    return long[name] ?? 0;
  };
  // Array.prototype.sort is stable: unlisted files (0) keep vitest's order.
  return [...order].sort((a, b) => seconds(b) - seconds(a));
}
