import type { Model } from '../../dsl/index.js';

/**
 * A rule fixture (test/fixtures/rules/<rule name>.ts), typescript-eslint style: models that must
 * pass the rule, and models that must break it at the locations their caret markers give. Each
 * case builds its model when called, so importing a fixture is safe.
 */
export interface RuleCases {
  readonly valid: { readonly [name: string]: () => Model };
  readonly invalid: { readonly [name: string]: InvalidCase };
}

/**
 * An invalid case with what it must say: `message` is the whole text after
 * `<file>:<line>:<col>: <id> <name>: ` (the location comes from the case's caret marker), and
 * `related` each related location's message, in order (none when left out).
 */
export interface InvalidCase {
  readonly model: () => Model;
  readonly message: string;
  readonly related?: readonly string[];
}
