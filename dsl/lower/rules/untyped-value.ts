import { exprNodes, sourceExprs } from '../../ir/walk.js';
import { sourceRule } from './rule.js';

/**
 * A value the DSL did not build — a TypeScript `any`, a cast, `undefined` — has no sort: the
 * builder it reaches cannot print or type it. Builders throw a `TypeError` there; `model()` turns
 * it into this rule's error at the user's call (see `builderMisuse` in dsl/model.ts), and this
 * check catches what slipped through into the IR (a node that is not an expression).
 */
export const untypedValue = sourceRule({
  id: 'ZT041',
  name: 'untyped-value',
  severity: 'error',
  description: "Every value passed to a builder is a DSL expression or a literal of a known sort: an 'any' or a cast (`x as any`, `undefined`) has no sort, and used to crash gen with a TypeError inside the library.",
  check(src, report) {
    for (const { expr, loc, owner } of sourceExprs(src)) {
      try {
        // Walking is the check: a node that is not an expression throws.
        [...exprNodes(expr, loc)].forEach(() => {});
      } catch {
        report(loc, `${owner} holds a value the DSL did not build (an 'any' or a cast?): build it with the DSL's expression builders so its sort is known`);
      }
    }
  },
});

/** This rule's message for a builder that threw on a value without a sort. */
export function untypedMessage(e: Error): string {
  return `${e.message}: a value without a sort (a TypeScript 'any', a cast, or undefined) reached this builder; build it with the DSL (t.*, the expression builders) so its sort is known`;
}
