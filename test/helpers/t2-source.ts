/**
 * Reading DSL sources and emitted text for tests, without ts-morph (so the tests do not share
 * the implementation they check): where a call that starts with some text ends, and the text
 * of a 1-based inclusive span (of a checker's TLA+ location: `textAt`).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './root.js';
import type { TlaLocation } from '../../dsl/check/result.js';

export interface Pos { readonly line: number; readonly col: number }

const texts = new Map<string, string>();
export function projectText(file: string): string {
  if (!texts.has(file)) texts.set(file, readFileSync(path.join(PROJECT_ROOT, file), 'utf8'));
  return texts.get(file)!;
}

/**
 * The span of the call expression that starts with `needle` (e.g. `m.action('Acquire'`): its
 * first character, and its closing parenthesis (inclusive), found by counting brackets outside
 * strings and comments.
 */
export function callSpan(file: string, needle: string): { start: Pos; end: Pos } {
  const text = projectText(file);
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`${needle} not found in ${file}`);
  const open = text.indexOf('(', at);
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"' || ch === "'" || ch === '`') {
      for (i++; i < text.length && text[i] !== ch; i++) if (text[i] === '\\') i++;
      continue;
    }
    if (ch === '/' && text[i + 1] === '/') { i = text.indexOf('\n', i); continue; }
    if (ch === '/' && text[i + 1] === '*') { i = text.indexOf('*/', i) + 1; continue; }
    if (ch === '(' || ch === '[' || ch === '{') depth++;
    if (ch === ')' || ch === ']' || ch === '}') {
      depth--;
      if (depth === 0) return { start: posAt(text, at), end: posAt(text, i) };
    }
  }
  throw new Error(`unbalanced call ${needle} in ${file}`);
}

export function posAt(text: string, offset: number): Pos {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, col: before[before.length - 1]!.length + 1 };
}

/** The text between two 1-based positions, `end` inclusive. */
export function slice(text: string, start: Pos, end: Pos): string {
  const lines = text.split('\n');
  if (start.line === end.line) return lines[start.line - 1]!.slice(start.col - 1, end.col);
  return [
    lines[start.line - 1]!.slice(start.col - 1),
    ...lines.slice(start.line, end.line - 1),
    lines[end.line - 1]!.slice(0, end.col),
  ].join('\n');
}

export const before = (a: Pos, b: Pos): boolean => a.line < b.line || (a.line === b.line && a.col <= b.col);

/** The TLA+ text a checker's location covers. */
export function textAt(tla: string, l: TlaLocation): string {
  return slice(tla, { line: l.startLine, col: l.startCol }, { line: l.endLine, col: l.endCol });
}
