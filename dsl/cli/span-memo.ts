/**
 * The call spans of the last `gen` or `check` (dsl/map/spans.ts `SpanMemo`), kept beside the
 * type-check's build info in node_modules/.cache/zswap-tla/: the next run reads no model file
 * with ts-morph unless its text changed. A cache: unreadable, it is empty; unwritable, not kept.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SpanResolver, type SpanMemo } from '../map/spans.js';

const memoFile = (root: string) => path.join(root, 'node_modules', '.cache', 'zswap-tla', 'spans.json');

/** A resolver that knows the spans the last run kept, and `keep()` to keep its own for the next. */
export function rememberingResolver(root: string): { resolver: SpanResolver; keep: () => void } {
  let known: SpanMemo = {};
  try { known = JSON.parse(readFileSync(memoFile(root), 'utf8')) as SpanMemo; } catch { /* none yet */ }
  const resolver = new SpanResolver(known);
  const keep = () => {
    // This run's spans, and the last run's of the files it did not read (a file deleted since goes).
    const kept: SpanMemo = { ...Object.fromEntries(Object.entries(known).filter(([f]) => existsSync(f))), ...resolver.memo() };
    const file = memoFile(root);
    try {
      mkdirSync(path.dirname(file), { recursive: true });
      // Renamed into place: a run reading it meanwhile sees the old memo or the new one, whole.
      const tmp = `${file}.${process.pid}.tmp`;
      writeFileSync(tmp, JSON.stringify(kept));
      renameSync(tmp, file);
    } catch { /* not kept: the next run parses the files again */ }
  };
  return { resolver, keep };
}
