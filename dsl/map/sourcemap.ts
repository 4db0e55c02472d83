import type { SpanEntry, TextPos } from '../emit/writer.js';
import type { SpanResolver } from './spans.js';

/** A module's source map: every tracked TLA+ span → the DSL span it came from. */
export interface SourceMap {
  readonly version: 1;
  readonly module: string;
  readonly tla: string;
  readonly entries: readonly SpanEntry[];
}

/** `spans` with their DSL call sites (relative to `root`) widened to whole calls. */
export function buildSourceMap(module: string, spans: readonly SpanEntry[], resolver: SpanResolver, root: string): SourceMap {
  return {
    version: 1,
    module,
    tla: `${module}.tla`,
    entries: spans.map((s) => ({ ...s, dsl: resolver.resolve(s.dsl, root) })),
  };
}

/** One entry per line: small diffs in PRs when one expression moves. */
export function serializeSourceMap(map: SourceMap): string {
  const head = JSON.stringify({ version: map.version, module: map.module, tla: map.tla });
  return `${head.slice(0, -1)},"entries":[\n${map.entries.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]}\n`;
}

/** The definition spans of a map, by name. */
export function definitionSpan(map: SourceMap, name: string): SpanEntry | undefined {
  return map.entries.find((e) => e.kind === 'definition' && e.definition === name);
}

const before = (a: TextPos, b: TextPos) => a.line < b.line || (a.line === b.line && a.col <= b.col);

/** The innermost mapped span containing a TLA+ position or span (for TLC/SANY locations). */
export function innermostAt(map: SourceMap, start: TextPos, end: TextPos = start): SpanEntry | undefined {
  let best: SpanEntry | undefined;
  for (const e of map.entries) {
    if (!before(e.tla.start, start) || !before(end, e.tla.end)) continue;
    if (!best || (before(best.tla.start, e.tla.start) && before(e.tla.end, best.tla.end))) best = e;
  }
  return best;
}

