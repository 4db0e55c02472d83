import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SourceLoc } from '../ir/nodes.js';

/** The folder holding the DSL library itself: frames inside it are never the user's call site. */
const DSL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** Paths in the IR are relative to the project root so generated files are machine-independent. */
export const PROJECT_ROOT = path.resolve(DSL_ROOT, '..');

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

/**
 * Where the DSL user called the builder that is running now: the first stack frame outside `dsl/`
 * (and outside node_modules). tsx and vitest both source-map stack traces, so line and column are
 * those of the `.ts` file. Only the start is known here; `map/spans` widens it to the whole call.
 */
export function callSite(): SourceLoc {
  const saved = Error.stackTraceLimit;
  Error.stackTraceLimit = 40;
  const stack = new Error().stack ?? '';
  Error.stackTraceLimit = saved;
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (!path.isAbsolute(file)) continue; // node:internal and friends
    if (file.startsWith(DSL_ROOT + path.sep) || file.includes(`${path.sep}node_modules${path.sep}`)) continue;
    return { file: path.relative(PROJECT_ROOT, file).split(path.sep).join('/'), line: Number(m[2]), col: Number(m[3]) };
  }
  return { file: '<unknown>', line: 0, col: 0 };
}
