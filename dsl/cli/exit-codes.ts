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

/**
 * Parse `argv` with `program`, its help and errors written to `io`: the exit code when parsing
 * ends the command (`--help`: 0; a bad argument: 2, commander has said why), else undefined.
 */
export function parseOrExit(program: import('commander').Command, argv: readonly string[], io: { readonly out: NodeJS.WritableStream; readonly err: NodeJS.WritableStream }): number | undefined {
  program.exitOverride().configureOutput({ writeOut: (s) => io.out.write(s), writeErr: (s) => io.err.write(s) });
  try {
    program.parse([...argv], { from: 'user' });
    return undefined;
  } catch (e) {
    return (e as { exitCode?: number }).exitCode === 0 ? EXIT.ok : EXIT.badInput;
  }
}
