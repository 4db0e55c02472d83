/**
 * The call spans of the last `gen` or `check` (dsl/map/spans.ts `SpanMemo`), kept beside the
 * type-check's build info (cache.ts): the next run reads no model file with ts-morph unless its
 * text changed. A cache: unreadable or of another version, it is empty; unwritable, not kept.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { compileAll } from '../generate.js';
import type { Model } from '../model.js';
import { SpanResolver, type SpanMemo } from '../map/spans.js';
import { cacheDir, writeCacheFile } from './cache.js';

/** Bumped whenever the resolver would widen a site differently: older memos are then not read. */
const VERSION = 1;

const memoFile = (root: string) => path.join(cacheDir(root), 'spans.json');

/** A resolver that knows the spans the last run kept, and `keep()` to keep its own for the next. */
export function rememberingResolver(root: string): { resolver: SpanResolver; keep: () => void } {
  const known = readMemo(memoFile(root));
  const resolver = new SpanResolver(known);
  const keep = () => {
    // This run's spans, and the last run's of the files it did not read (a file deleted since goes).
    const files: SpanMemo = { ...Object.fromEntries(Object.entries(known).filter(([f]) => existsSync(f))), ...resolver.memo() };
    writeCacheFile(memoFile(root), JSON.stringify({ version: VERSION, files }));
  };
  return { resolver, keep };
}

/** `compileAll` of `models` with the spans the last run kept, keeping this run's for the next (what `gen` and `check` compile with). */
export function compileKeepingSpans(models: readonly Model[], root: string): ReturnType<typeof compileAll> {
  const { resolver, keep } = rememberingResolver(root);
  const compiled = compileAll(models, resolver);
  keep();
  return compiled;
}

function readMemo(file: string): SpanMemo {
  let kept: { version?: unknown; files?: unknown } | null;
  try { kept = JSON.parse(readFileSync(file, 'utf8')) as typeof kept; } catch { return {}; }
  if (kept?.version !== VERSION || typeof kept.files !== 'object' || kept.files === null) return {};
  // Only well-formed entries: a memo is never a reason for a run to fail.
  const isObject = (x: unknown): x is object => typeof x === 'object' && x !== null;
  const ok = (e: unknown): e is SpanMemo[string] => {
    const { hash, at } = (isObject(e) ? e : {}) as { hash?: unknown; at?: unknown };
    return typeof hash === 'string' && isObject(at) && Object.values(at).every((s) => Array.isArray(s) && s.length === 4 && s.every((n) => Number.isInteger(n)));
  };
  return Object.fromEntries(Object.entries(kept.files).filter(([, e]) => ok(e))) as SpanMemo;
}
