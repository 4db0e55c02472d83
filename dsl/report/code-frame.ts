import { readFileSync } from 'node:fs';
import path from 'node:path';
import { codeFrameColumns } from '@babel/code-frame';
import type { SourceLoc } from '../ir/nodes.js';

export interface FrameOptions {
  readonly color: boolean;
  /** How much of a multi-line span to show (default 1: its first line). */
  readonly maxSpanLines?: number;
  readonly linesAbove?: number;
}

/** Reads each DSL file (paths relative to the project root) once per reporter. */
export class SourceFiles {
  private readonly cache = new Map<string, string | undefined>();
  constructor(private readonly root: string) {}

  text(file: string): string | undefined {
    if (!this.cache.has(file)) {
      let text: string | undefined;
      try { text = readFileSync(path.resolve(this.root, file), 'utf8'); } catch { text = undefined; }
      this.cache.set(file, text);
    }
    return this.cache.get(file);
  }
}

/**
 * A code frame of the DSL source at `loc`: its first line marked, the rest of the span (up to
 * `maxSpanLines` lines) shown below it; `undefined` when the file cannot be read.
 */
export function codeFrame(files: SourceFiles, loc: SourceLoc, o: FrameOptions): string | undefined {
  const text = files.text(loc.file);
  if (text === undefined || loc.line < 1) return undefined;
  const spanLines = (loc.endLine ?? loc.line) - loc.line + 1;
  return codeFrameColumns(text, { start: { line: loc.line, column: loc.col } }, {
    highlightCode: o.color, forceColor: o.color, linesAbove: o.linesAbove ?? 1, linesBelow: Math.min(spanLines, o.maxSpanLines ?? 1) - 1,
  });
}

/** The exact source text of a span, on one line. */
export function sourceText(loc: SourceLoc, files: SourceFiles): string | undefined {
  const lines = files.text(loc.file)?.split('\n');
  if (!lines) return undefined;
  const end = loc.endLine ?? loc.line;
  const span = lines.slice(loc.line - 1, end);
  if (span.length === 0) return undefined;
  if (loc.endCol !== undefined) span[span.length - 1] = span.at(-1)!.slice(0, loc.endCol);
  span[0] = span[0]!.slice(loc.col - 1);
  return span.map((l) => l.trim()).join(' ');
}
