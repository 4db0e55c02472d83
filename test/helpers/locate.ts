import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './root.js';

/** 1-based line of the first line in a project file containing `needle` (tests never hard-code lines). */
export function lineOf(file: string, needle: string, from = 1): number {
  const lines = readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n');
  const i = lines.findIndex((l, idx) => idx >= from - 1 && l.includes(needle));
  if (i < 0) throw new Error(`${needle} not found in ${file}`);
  return i + 1;
}

/** 1-based column of `needle` on that line. */
export function colOf(file: string, needle: string): { line: number; col: number } {
  const line = lineOf(file, needle);
  const text = readFileSync(path.join(PROJECT_ROOT, file), 'utf8').split('\n')[line - 1]!;
  return { line, col: text.indexOf(needle) + 1 };
}
