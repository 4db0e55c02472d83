import { defineConfig } from 'vitest/config';
import base from './vitest.config.js';

/**
 * The tests a mutation run (`npm run mutate`, stryker.config.mjs) uses: the ones that exercise
 * dsl/check, dsl/emit, dsl/lower and dsl/map in milliseconds to seconds. Each mutant reruns the
 * files that cover it, so the slow end-to-end files (TLC runs, npm pack, the browser, the CLI)
 * would cost hours; TLC is switched off (stryker.config.mjs sets a missing TLA2TOOLS_JAR), so its
 * tests skip and the parser is judged on recorded runs.
 *
 * `MUTATE_TESTS=test/a.test.ts,test/b.test.ts` narrows the set: a mutant in module-level code
 * (a constant, a regex) is "static" and reruns every file here, which is most of a run's time.
 */
const only = process.env.MUTATE_TESTS?.split(',').filter((f) => f !== '');

// One project, every file in a module graph of its own: a mutant must not leak into the next file.
const { projects: _, ...test } = base.test!;

export default defineConfig({
  ...base,
  test: {
    ...test,
    // The base config shares modules between files (`isolate: false`, outside its isolated
    // project); here every file gets fresh ones, or a file's vi.mock leaks into the next.
    isolate: true,
    // Each test file widens its call sites afresh: spans kept from an earlier run would hide a mutant of the widening.
    setupFiles: ['test/helpers/fresh-spans.ts'],
    include: only ?? [
      'test/tlc-output.test.ts',
      'test/tlc-runs.test.ts',
      'test/tlc-progress.test.ts',
      'test/emit.test.ts',
      'test/dsl-errors.test.ts',
      'test/rules/rules.test.ts',
      'test/rules/ir-checks.test.ts',
      'test/explain.test.ts',
      'test/map-steps.test.ts',
      'test/process.test.ts',
      'test/compiled-errors.test.ts',
      'test/compiled-tlc-runs.test.ts',
      'test/expr-printer.test.ts',
      'test/action-formula.test.ts',
      'test/spans.test.ts',
      'test/tlc-verdicts.test.ts',
      'test/rules/declared-names.test.ts',
      'test/outcome.test.ts',
      'test/emit-cfg.test.ts',
      'test/compiled-values.test.ts',
      'test/tlc-messages.test.ts',
      'test/emit-module.test.ts',
      'test/compiled-store.test.ts',
      'test/trace-values.test.ts',
      'test/tlc-jar.test.ts',
      'test/process-lowering.test.ts',
      'test/compiled-simulate.test.ts',
      'test/tlc-run.test.ts',
      'test/tla-checker-verdicts.test.ts',
      'test/backend-choice.test.ts',
      'test/compiled-watch.test.ts',
      'test/covers-invariants.test.ts',
      'test/compiled-expr.test.ts',
      'test/compiled-actions.test.ts',
      'test/tla-checker-recover.test.ts',
      'test/tlc-distributed.test.ts',
      'test/compiled-wire.test.ts',
      'test/compiled-por-steps.test.ts',
      'test/tla-checker-session.test.ts',
      'test/tlc-lookup.test.ts',
      'test/explain-parts.test.ts',
      'test/compiled-expand.test.ts',
      'test/compiled-pool.test.ts',
      'test/compiled-search.test.ts',
      'test/check-threads.test.ts',
      'test/compiled-index.test.ts',
      'test/thread-servers.test.ts',
      // The compiled verifier's other files (each file's tests 0.1-1.5 s here, without TLC): all
      // but compiled-models and compiled-fuzz named in MUTATE_TESTS by its recorded runs.
      'test/compiled-spec.test.ts',
      'test/compiled-locations.test.ts',
      'test/compiled-free-binders.test.ts',
      'test/compiled-pc-dispatch.test.ts',
      'test/compiled-choose-order.test.ts',
      'test/compiled-error-frames.test.ts',
      'test/compiled-read-value.test.ts',
      'test/compiled-recent.test.ts',
      'test/compiled-string-order.test.ts',
      'test/compiled-var-set.test.ts',
      'test/compiled-models.test.ts',
      'test/compiled-fuzz.test.ts',
      'test/liveness.test.ts',
      'test/fairness.test.ts',
      // Asserts switched off by a focused check, on the compiled verifier and tla-checker.
      'test/asserts-off.test.ts',
    ],
  },
});
