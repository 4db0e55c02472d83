// @ts-check
// Lint configuration: ESLint's and typescript-eslint's recommended rules over the library, the
// models, the scripts and the tests. `npm run lint` runs it; test/lint.test.ts enforces it.
// Not the type-aware rules: they take about 49 s cold on 2 cores (these take about 12 s).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', 'generated/', 'bench/tmp/', '.tmp/', 'test-output/', 'coverage/'],
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', {
        // A DSL callback's parameter name is the TLA+ bound variable's name
        // (`choose(S, (w) => TRUE())` is `CHOOSE w \in S : TRUE`), so an unused parameter still names something.
        args: 'none',
        // `const { id: _, ...rest } = x` is how a key is dropped from a copy.
        ignoreRestSiblings: true,
      }],
      '@typescript-eslint/no-empty-object-type': ['error', {
        // `{}` is the DSL's "no locals / no params" default for its record-of-sorts generics.
        allowObjectTypes: 'always',
        // `interface Assertion<T> extends ModelMatchers<void> {}` is how vitest's types are augmented.
        allowInterfaces: 'with-single-extends',
      }],
    },
  },
  {
    // The HTML report's viewer runs in the browser.
    files: ['dsl/report/html/viewer.js'],
    languageOptions: { globals: { document: 'readonly', window: 'readonly', location: 'readonly' } },
  },
);
