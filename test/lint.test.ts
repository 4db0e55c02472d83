/**
 * The lint rules (eslint.config.js: ESLint's and typescript-eslint's recommended sets) hold over
 * the library, the scripts, the models and the tests. `npm run lint` runs the same check; this
 * test fails with one `file:line:col rule message` line per problem.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';

/** What is linted: the same list as `npm run lint`. */
export const LINTED = ['dsl', 'scripts', 'models', 'test', 'eslint.config.js', 'vitest.config.ts', 'vitest.mutate.config.ts', 'stryker.config.mjs'];

/** One line per problem: `dsl/x.ts:12:3 no-unused-vars 'y' is defined but never used.` */
export function problems(results: readonly ESLint.LintResult[], root: string): string[] {
  return results.flatMap((r) => r.messages.map((m) =>
    `${path.relative(root, r.filePath)}:${m.line ?? 0}:${m.column ?? 0} ${m.ruleId ?? (m.fatal ? 'parse-error' : 'eslint')} ${m.message.split('\n')[0]}`));
}

describe('lint', () => {
  it('dsl/, scripts/, models/ and test/ have no lint problems', async () => {
    const started = performance.now();
    const eslint = new ESLint({
      cwd: PROJECT_ROOT,
      // Unchanged files are not linted again (keyed by content and the config). In .tmp/ (ignored by
      // git), not node_modules/, which a git worktree may share with the main checkout.
      cache: true,
      cacheStrategy: 'content',
      cacheLocation: path.join(PROJECT_ROOT, '.tmp/eslintcache/'),
    });
    const results = await eslint.lintFiles(LINTED);
    const took = performance.now() - started;
    expect(results.length, 'files linted').toBeGreaterThan(100);
    expect(problems(results, PROJECT_ROOT), `lint problems (in ${Math.round(took)} ms)`).toEqual([]);
  }, 120_000);
});
