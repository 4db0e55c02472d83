/**
 * A strict reader for the small YAML subset the workflow files are written in (no YAML parser is
 * installed, and none is worth a dependency for two files): block mappings and sequences by
 * indentation (spaces only), full-line comments, plain, single- and double-quoted scalars, and
 * `|` / `|-` literal blocks. Scalars follow YAML 1.2's core schema, as GitHub reads workflows
 * (`on` is a string, not a boolean). Anything else — flow collections, anchors, aliases, tags,
 * folded blocks, comments after a value, a `: ` inside a plain scalar — throws, so a file that
 * leaves the subset fails loudly instead of being read wrong.
 */

export type Yaml = string | number | boolean | null | Yaml[] | { [key: string]: Yaml };

interface Line { readonly n: number; readonly indent: number; readonly text: string }

export function parseYamlSubset(source: string): Yaml {
  const raw = source.split('\n');
  let i = 0;
  const fail = (n: number, why: string): never => { throw new Error(`line ${n}: ${why}: ${raw[n - 1]}`); };

  /** The next line that is neither blank nor a comment, without consuming it. */
  const peek = (): Line | undefined => {
    for (; i < raw.length; i++) {
      const l = raw[i]!;
      if (/^\s*(#.*)?$/.test(l)) continue;
      if (/^ *\t/.test(l)) fail(i + 1, 'a tab in the indentation');
      const indent = l.length - l.trimStart().length;
      return { n: i + 1, indent, text: l.slice(indent).trimEnd() };
    }
    return undefined;
  };

  function scalar(text: string, n: number): Yaml {
    if (text.startsWith('"')) {
      if (!/^"(?:[^"\\]|\\.)*"$/.test(text)) fail(n, 'an unterminated or trailing double-quoted scalar');
      return JSON.parse(text) as string;
    }
    if (text.startsWith("'")) {
      if (!/^'(?:[^']|'')*'$/.test(text)) fail(n, 'an unterminated or trailing single-quoted scalar');
      return text.slice(1, -1).replace(/''/g, "'");
    }
    if (/^[[{&*!>|%@`]/.test(text)) fail(n, 'outside the subset (flow collection, anchor, alias, tag, folded block or reserved indicator)');
    if (/ #/.test(text)) fail(n, 'a comment after a value');
    if (/: /.test(text) || text.endsWith(':')) fail(n, "a ': ' inside a plain scalar");
    if (text === '' || text === '~' || text === 'null') return null;
    if (text === 'true' || text === 'false') return text === 'true';
    if (/^-?(0|[1-9]\d*)$/.test(text)) return Number(text);
    if (/^-?(0|[1-9]\d*)\.\d+$/.test(text)) return Number(text);
    return text;
  }

  /** A `|` or `|-` block: the lines indented deeper than `parent`, blank lines kept. */
  function literal(parent: number, strip: boolean): string {
    const lines: string[] = [];
    let indent: number | undefined;
    for (; i < raw.length; i++) {
      const l = raw[i]!;
      if (l.trim() === '') { lines.push(''); continue; }
      const d = l.length - l.trimStart().length;
      if (d <= parent) break;
      indent ??= d;
      if (d < indent) fail(i + 1, 'a literal block line indented less than its first');
      lines.push(l.slice(indent));
    }
    while (lines.length && lines[lines.length - 1] === '') lines.pop();
    return lines.join('\n') + (strip ? '' : '\n');
  }

  /** The value after `key:` (rest of the line `rest`), for a key at column `indent`. */
  function value(rest: string, indent: number, n: number): Yaml {
    if (rest === '|' || rest === '|-') { i++; return literal(indent, rest === '|-'); }
    if (rest !== '') { i++; return scalar(rest, n); }
    i++;
    const next = peek();
    if (!next || next.indent < indent || (next.indent === indent && !next.text.startsWith('- '))) return null;
    // A sequence may sit at its key's own column (`key:\n- a`), a mapping must be deeper.
    return block(next.indent);
  }

  function block(indent: number): Yaml {
    const first = peek()!;
    return first.text.startsWith('- ') || first.text === '-' ? sequence(indent) : mapping(indent);
  }

  function mapping(indent: number, firstText?: string): { [key: string]: Yaml } {
    const out: { [key: string]: Yaml } = {};
    let text = firstText;
    for (;;) {
      let n: number;
      if (text === undefined) {
        const l = peek();
        if (!l || l.indent < indent) return out;
        if (l.indent > indent) fail(l.n, 'unexpected indentation');
        if (l.text.startsWith('- ')) return out;
        text = l.text;
        n = l.n;
      } else {
        n = i + 1;
      }
      const m = /^([A-Za-z0-9_$][\w.$-]*|"[^"]*"|'[^']*'):(?: (.*)|)$/.exec(text);
      if (!m) fail(n, 'not a `key: value` line');
      const key = m![1]!.startsWith('"') || m![1]!.startsWith("'") ? m![1]!.slice(1, -1) : m![1]!;
      if (Object.hasOwn(out, key)) fail(n, `a duplicate key ${key}`);
      out[key] = value((m![2] ?? '').trim(), indent, n);
      text = undefined;
    }
  }

  function sequence(indent: number): Yaml[] {
    const out: Yaml[] = [];
    for (;;) {
      const l = peek();
      if (!l || l.indent < indent || !(l.text.startsWith('- ') || l.text === '-')) return out;
      if (l.indent > indent) fail(l.n, 'unexpected indentation');
      const item = l.text === '-' ? '' : l.text.slice(2).trimStart();
      const itemIndent = indent + (l.text.length - item.length);
      if (item === '') { i++; out.push(peek() && peek()!.indent > indent ? block(peek()!.indent) : null); continue; }
      if (/^([A-Za-z0-9_$][\w.$-]*|"[^"]*"|'[^']*'):( |$)/.test(item)) out.push(mapping(itemIndent, item));
      else { i++; out.push(scalar(item, l.n)); }
    }
  }

  const top = peek();
  if (!top) return null;
  if (top.indent !== 0) fail(top.n, 'the document must start at column 0');
  const doc = block(0);
  const rest = peek();
  if (rest) fail(rest.n, 'unexpected indentation or content after the document');
  return doc;
}
