import type { Model } from '../../dsl/index.js';

/**
 * A rule fixture (test/fixtures/rules/<rule name>.ts), typescript-eslint style: models that must
 * pass the rule, and models that must break it at the locations their caret markers give. Each
 * case builds its model when called, so importing a fixture is safe.
 */
export interface RuleCases {
  readonly valid: { readonly [name: string]: () => Model };
  readonly invalid: { readonly [name: string]: () => Model };
}
