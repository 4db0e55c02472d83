import type { SourceLoc } from '../ir/nodes.js';

/** A position in emitted text: 1-based line and column, as TLC and SANY report them. */
export interface TextPos { readonly line: number; readonly col: number }
export interface TextSpan { readonly start: TextPos; readonly end: TextPos }

export interface SpanEntry {
  /** What the span is: a whole definition, or one sub-expression inside it. */
  readonly kind: 'definition' | 'expr';
  /** The TLA+ definition it belongs to. */
  readonly definition: string;
  readonly tla: TextSpan;
  /**
   * The printed IR node's location. As the emitter records it, it is the node's own object:
   * a checker given these spans (`Artifacts.spans`) tells apart by identity the expressions one
   * builder line made — in a loop, or a helper called twice — whose starts are all the same.
   * The source map holds widened copies.
   */
  readonly dsl: SourceLoc;
}

/**
 * Appends text while tracking the line and column of the next character, so the printer can
 * record where each IR node landed. `end` columns are inclusive, like TLC's locations.
 */
export class Writer {
  private readonly parts: string[] = [];
  private line = 1;
  private col = 1;
  readonly spans: SpanEntry[] = [];
  /** When false (while measuring a candidate layout), spans are not recorded. */
  constructor(private readonly recording = true) {}

  get pos(): TextPos { return { line: this.line, col: this.col }; }
  /** Column of the next character (1-based). */
  get column(): number { return this.col; }

  write(text: string): void {
    this.parts.push(text);
    const nl = text.lastIndexOf('\n');
    if (nl < 0) {
      this.col += text.length;
    } else {
      for (const ch of text) if (ch === '\n') this.line++;
      this.col = text.length - nl;
    }
  }

  /** Start a new line and pad to `column`. */
  newline(column: number): void {
    this.write('\n' + ' '.repeat(column - 1));
  }

  /** Record that the text written by `body` stands for `loc` in the DSL. */
  span(definition: string, kind: SpanEntry['kind'], loc: SourceLoc | undefined, body: () => void): void {
    if (!loc || !this.recording) return body();
    const start = this.pos;
    body();
    const end = { line: this.line, col: this.col - 1 };
    this.spans.push({ kind, definition, tla: { start, end }, dsl: loc });
  }

  toString(): string { return this.parts.join(''); }
}
