/**
 * Reads TLA+ values as TLC and tla-checker print them in traces (`(t1 :> "idle" @@ t2 :> "read")`,
 * `[pc |-> "a"]`, `<<1, 2>>`, `{a, b}`, strings, numbers, model values) so a step's change can be
 * shown per function entry (`phase[t1]: idle → read`) instead of as two whole functions.
 * Anything it cannot read stays one opaque value: reports degrade, they never fail.
 */

export type Value =
  | { readonly k: 'atom'; readonly text: string }
  /** A function printed with `:>`/`@@`; keys are kept as printed. */
  | { readonly k: 'fn'; readonly text: string; readonly entries: readonly (readonly [string, Value])[] }
  | { readonly k: 'record'; readonly text: string; readonly fields: readonly (readonly [string, Value])[] }
  | { readonly k: 'seq'; readonly text: string; readonly items: readonly Value[] }
  | { readonly k: 'set'; readonly text: string; readonly items: readonly Value[] };

/** One changed leaf of a variable: `path` is `phase[t1]`, `stack[t1]`, `rec.field`, or just `counter`. */
export interface Change {
  readonly variable: string;
  readonly path: string;
  /** TLA+ text before and after; `from` is absent for a variable the earlier state lacked. */
  readonly from?: string;
  readonly to: string;
}

/**
 * TLC's text without its layout: TLC wraps a long value over lines, a space inside each bracket
 * (`<< 1000,\n   2000 >>`), where the compiled verifier prints it on one line (`<<1000, 2000>>`).
 */
export function withoutLayout(text: string): string {
  return text.replace(/\s+/g, ' ').replace(/(\(|\[|\{|<<) /g, '$1').replace(/ (\)|\]|\}|>>)/g, '$1').trim();
}

export function parseValue(text: string): Value {
  try {
    return readValueText(text);
  } catch {
    return { k: 'atom', text: text.trim() };
  }
}

/**
 * `text` read as one printed value, or an error saying where it could not be read: for a reader
 * that must not pass over what it cannot read (the fuzzers' trace checks), where `parseValue`
 * degrades to an opaque value. Its atoms are as printed (`1abc` is one; `(5)` reads as `5`).
 */
export function readValueText(text: string): Value {
  const trimmed = text.trim();
  const p = new Parser(trimmed);
  try {
    const v = p.value();
    if (!p.atEnd()) throw new Error('more after the value');
    return v;
  } catch (e) {
    throw new Error(`${trimmed}: ${(e as Error).message} at ${p.at}`, { cause: e });
  }
}

/** Split `a, <<b, c>>, d` at top-level commas (TLC prints action arguments this way). */
export function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') i = skipString(text, i);
    else if ('([{'.includes(c) || text.startsWith('<<', i)) { depth++; if (c === '<') i++; }
    else if (')]}'.includes(c) || text.startsWith('>>', i)) { depth--; if (c === '>') i++; }
    else if (c === ',' && depth === 0) { out.push(text.slice(start, i).trim()); start = i + 1; }
  }
  const last = text.slice(start).trim();
  if (last !== '' || out.length > 0) out.push(last);
  return out;
}

/** The leaves that differ between two values of `variable`, descending where both have the same keys. */
export function diffValues(variable: string, from: string | undefined, to: string): Change[] {
  if (from === undefined) return [{ variable, path: variable, to }];
  if (normalize(from) === normalize(to)) return [];
  const out: Change[] = [];
  walkDiff(variable, variable, parseValue(from), parseValue(to), out);
  return out;
}

/** A value in DSL terms: strings unquoted (the DSL writes enum labels as plain strings). */
export function showValue(text: string): string {
  return /^"(?:[^"\\]|\\.)*"$/.test(text) ? JSON.parse(text) as string : text;
}

/** The entries of a function value, by printed key; `undefined` when it is not a function. */
export function functionEntries(text: string): Map<string, Value> | undefined {
  const v = parseValue(text);
  if (v.k === 'fn') return new Map(v.entries);
  // TLC prints a function whose domain is 1..n as a sequence.
  if (v.k === 'seq') return new Map(v.items.map((x, i) => [String(i + 1), x]));
  return undefined;
}

function walkDiff(variable: string, path: string, a: Value, b: Value, out: Change[]): void {
  if (normalize(a.text) === normalize(b.text)) return;
  const ka = keyed(a);
  const kb = keyed(b);
  if (ka && kb && ka.kind === kb.kind && sameKeys(ka.entries, kb.entries)) {
    const bm = new Map(kb.entries);
    for (const [k, v] of ka.entries) walkDiff(variable, ka.kind === 'record' ? `${path}.${k}` : `${path}[${showValue(k)}]`, v, bm.get(k)!, out);
    return;
  }
  out.push({ variable, path, from: a.text, to: b.text });
}

/** Functions, records and sequences (as functions of 1..n) can be compared entry by entry. */
function keyed(v: Value): { kind: 'record' | 'fn'; entries: readonly (readonly [string, Value])[] } | undefined {
  if (v.k === 'record') return { kind: 'record', entries: v.fields };
  if (v.k === 'fn') return { kind: 'fn', entries: v.entries };
  if (v.k === 'seq') return { kind: 'fn', entries: v.items.map((x, i) => [String(i + 1), x] as const) };
  return undefined;
}

function sameKeys(a: readonly (readonly [string, Value])[], b: readonly (readonly [string, Value])[]): boolean {
  return a.length === b.length && a.every(([k], i) => b[i]?.[0] === k);
}

/** tla-checker joins wrapped lines with one space, TLC keeps the newline: compare modulo whitespace. */
function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function skipString(text: string, at: number): number {
  let i = at + 1;
  while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
  return i;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  /** Where reading stands, for an error: `column N` (from 1). */
  get at(): string { return `column ${this.i + 1}`; }

  atEnd(): boolean { this.ws(); return this.i >= this.s.length; }

  value(): Value {
    this.ws();
    const start = this.i;
    const c = this.s[this.i];
    if (this.s.startsWith('<<', this.i)) {
      this.i += 2;
      const items = this.list('>>', () => this.value());
      return { k: 'seq', items, text: this.s.slice(start, this.i) };
    }
    if (c === '{') {
      this.i++;
      const items = this.list('}', () => this.value());
      return { k: 'set', items, text: this.s.slice(start, this.i) };
    }
    if (c === '[') {
      this.i++;
      const fields = this.list(']', () => {
        const name = this.ident();
        this.expect('|->');
        return [name, this.value()] as const;
      });
      return { k: 'record', fields, text: this.s.slice(start, this.i) };
    }
    if (c === '(') return this.fn(start);
    if (c === '"') {
      const end = skipString(this.s, this.i);
      if (end >= this.s.length) throw new Error('unterminated string');
      this.i = end + 1;
      return { k: 'atom', text: this.s.slice(start, this.i) };
    }
    const m = /^-?[A-Za-z0-9_]+/.exec(this.s.slice(this.i));
    if (!m) throw new Error(`unexpected ${c ?? 'end'}`);
    this.i += m[0].length;
    return { k: 'atom', text: m[0] };
  }

  /** `(k1 :> v1 @@ k2 :> v2)`; a parenthesised plain value is read as that value. */
  private fn(start: number): Value {
    this.i++;
    const entries: (readonly [string, Value])[] = [];
    for (;;) {
      const key = this.value();
      this.ws();
      if (!this.s.startsWith(':>', this.i)) {
        if (entries.length > 0) throw new Error('expected :>');
        this.expect(')');
        return key;
      }
      this.i += 2;
      entries.push([key.text, this.value()]);
      this.ws();
      if (this.s.startsWith('@@', this.i)) { this.i += 2; continue; }
      this.expect(')', '@@ or )');
      return { k: 'fn', entries, text: this.s.slice(start, this.i) };
    }
  }

  private list<T>(close: string, item: () => T): T[] {
    const out: T[] = [];
    this.ws();
    if (this.s.startsWith(close, this.i)) { this.i += close.length; return out; }
    for (;;) {
      out.push(item());
      this.ws();
      if (this.s[this.i] === ',') { this.i++; continue; }
      this.expect(close, `, or ${close}`);
      return out;
    }
  }

  private ident(): string {
    this.ws();
    const m = /^[A-Za-z_]\w*/.exec(this.s.slice(this.i));
    if (!m) throw new Error('expected a field name');
    this.i += m[0].length;
    return m[0];
  }

  private expect(token: string, what = token): void {
    this.ws();
    if (!this.s.startsWith(token, this.i)) throw new Error(`expected ${what}`);
    this.i += token.length;
  }

  private ws(): void {
    while (this.i < this.s.length && /\s/.test(this.s[this.i]!)) this.i++;
  }
}
