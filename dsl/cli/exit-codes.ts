/** Exit codes of `npm run check` and `npm run gen` (documented in the README). */
export const EXIT = {
  /** Every config gave the verdict its model expects. */
  ok: 0,
  /** A property was violated that the model does not expect (or an expected violation was not found). */
  violation: 1,
  /** The DSL or a command-line argument is wrong; nothing was checked or written. */
  badInput: 2,
  /** A checker crashed, timed out, could not parse what we emitted, or the two backends disagree. */
  checkerFailure: 3,
} as const;
