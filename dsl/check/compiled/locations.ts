/**
 * Where TLC locates an expression of the emitted module: the emitter's spans (DSL call → TLA+
 * range), as SANY reports them. A module's text and spans are the same for each of its configs
 * and each compilation of it, so they are indexed once per spans list (`moduleLocations`), and
 * each located span is worked out once.
 */
import type * as ir from '../../ir/nodes.js';
import type { SpanEntry } from '../../emit/writer.js';
import type { TlaLocation } from '../result.js';

/** A DSL start's key within its file: a number, not `file:line:col` (a string built per lookup cost half a millisecond a compile). */
const startKey = (l: ir.SourceLoc) => l.line * 2 ** 32 + l.col;
/** The located expressions being compiled, innermost last (the compiler's frames). */
type Enclosing = readonly { readonly at: TlaLocation }[];
/** One printed occurrence of a node (see `ModuleLocations.occurrence`). */
interface Occurrence { readonly span: SpanEntry; readonly at: TlaLocation; readonly range: TlaLocation; readonly around: readonly TlaLocation[] }
const spanSize = (s: SpanEntry) => (s.tla.end.line - s.tla.start.line) * 1e4 + s.tla.end.col - s.tla.start.col;

export class ModuleLocations {
  /**
   * Expression spans by definition and the IR node's own location object (`SpanEntry.dsl` as the
   * emitter records it): exact where starts collide. A node printed more than once in a
   * definition (a DSL value used twice, an expression lowering copies) has every occurrence, the
   * widest first; `occurrence` tells them apart.
   */
  private readonly byNode = new Map<string, Map<ir.SourceLoc, SpanEntry[]>>();
  /** Expression spans by definition, DSL file and start (`startKey`): for spans that are copies (a source map's), which identity misses. */
  private readonly byStart = new Map<string, Map<string, Map<number, SpanEntry>>>();
  private readonly definitions = new Map<string, SpanEntry>();
  private readonly located = new Map<SpanEntry, TlaLocation>();
  /** A node printed more than once: its spans not inside another of them (`outermost`), by its spans (`byNode`'s lists), as the constructor finds them. */
  private readonly outermostOf = new Map<readonly SpanEntry[], readonly { readonly x: SpanEntry; readonly range: TlaLocation }[]>();
  /** `occurrences`' answers, by a node's spans (`byNode`'s lists). */
  private readonly occurrencesOf = new Map<readonly SpanEntry[], readonly Occurrence[]>();
  /** Each definition's located expressions (those `at` finds: a node printed more than once, each outermost occurrence), as ranges. */
  private readonly ranges = new Map<string, TlaLocation[]>();
  private textLines?: string[];
  /** `bodyStart`'s answers: it looks for the definition's line from the top. */
  private readonly bodyStarts = new Map<string, { startLine: number; startCol: number } | undefined>();
  /** `list`, `items` and `reference` answers: each scans the text, and each compilation of each config asks again. */
  private readonly scanned = new Map<string, TlaLocation | readonly TlaLocation[] | undefined>();

  constructor(readonly module: string, readonly tla: string, spans: readonly SpanEntry[]) {
    for (const s of spans) {
      if (s.kind === 'definition') { this.definitions.set(s.definition, s); continue; }
      if (s.kind !== 'expr') continue;
      let byFile = this.byStart.get(s.definition);
      if (!byFile) this.byStart.set(s.definition, byFile = new Map());
      let byLoc = byFile.get(s.dsl.file);
      if (!byLoc) byFile.set(s.dsl.file, byLoc = new Map());
      // A literal operand lifted by the same builder call starts where the call does: keep the widest.
      const key = startKey(s.dsl), had = byLoc.get(key);
      if (!had || spanSize(s) > spanSize(had)) byLoc.set(key, s);
      let byNode = this.byNode.get(s.definition);
      if (!byNode) this.byNode.set(s.definition, byNode = new Map());
      const same = byNode.get(s.dsl);
      if (!same) byNode.set(s.dsl, [s]);
      else if (spanSize(s) > spanSize(same[0]!)) same.unshift(s);
      else same.push(s);
    }
    for (const [def, byFile] of this.byStart) {
      const found = new Set([...byFile.values()].flatMap((byLoc) => [...byLoc.values()]));
      for (const all of this.byNode.get(def)?.values() ?? []) {
        const outer = this.outermost(all);
        if (all.length > 1) this.outermostOf.set(all, outer);
        for (const s of outer) found.add(s.x);
      }
      this.ranges.set(def, [...found].map((s) => this.spanned(s)));
    }
  }

  /**
   * The TLA+ location of the expression written at `loc` inside definition `def`, if the emitter
   * spanned it; `enclosing`: the located expressions being compiled, innermost last, which tell
   * apart the occurrences of a node printed more than once (see `occurrence`).
   */
  at(def: string, loc: ir.SourceLoc | undefined, enclosing?: Enclosing): TlaLocation | undefined {
    if (!loc) return undefined;
    const s = this.spanAt(def, loc, enclosing);
    return s && this.locate(s);
  }

  /** `of(s)`, worked out once a span. */
  private locate(s: SpanEntry): TlaLocation {
    let l = this.located.get(s);
    if (!l) this.located.set(s, l = this.of(s));
    return l;
  }

  /** The range the emitter wrote for the expression at `loc` in `def`, brackets included (`at` drops them, as SANY does). */
  written(def: string, loc: ir.SourceLoc | undefined, enclosing?: Enclosing): TlaLocation | undefined {
    const s = loc && this.spanAt(def, loc, enclosing);
    return s ? this.spanned(s) : undefined;
  }

  private spanAt(def: string, loc: ir.SourceLoc, enclosing: Enclosing | undefined): SpanEntry | undefined {
    const all = this.byNode.get(def)?.get(loc);
    if (all) return all.length === 1 || !enclosing?.length ? all[0] : this.occurrence(def, all, enclosing);
    return this.byStart.get(def)?.get(loc.file)?.get(startKey(loc));
  }

  /**
   * Which printed occurrence of a node is the one being compiled: the one inside the innermost
   * enclosing expression that holds any (an occurrence nested in another is part of it); of
   * several there, the one with the fewest located expressions between it and that expression —
   * the others belong to operands compiled on their own (`(IF Len(q) = 0 THEN 0 ELSE Head(q)) +
   * Head(q)`: the second `Head(q)` is the `+`'s own operand, the first the IF's). None: the widest.
   */
  private occurrence(def: string, all: readonly SpanEntry[], enclosing: Enclosing): SpanEntry {
    for (let i = enclosing.length - 1; i >= 0; i--) {
      const own = this.own(def, all, enclosing[i]!.at);
      // Of its own operands that are one node (`h + h`), the first in the text: TLC evaluates it first.
      if (own) return own[0]!.span;
    }
    return all[0]!;
  }

  /** The occurrences `frame` holds with the fewest located expressions between (its own operands), in the text's order; undefined when it holds none. */
  private own(def: string, all: readonly SpanEntry[], frame: TlaLocation): Occurrence[] | undefined {
    const held = this.occurrences(def, all).filter((o) => contains(frame, o.at));
    if (held.length < 2) return held.length ? held : undefined;
    const between = (o: Occurrence) => o.around.filter((r) => contains(frame, r)).length;
    const fewest = Math.min(...held.map(between));
    return held.filter((o) => between(o) === fewest);
  }

  /**
   * The `n`th (0-based, in the text's order) of the occurrences of the node at `loc` that the
   * located expression `frame` holds as its own operands: the branches of an IF or CASE that are
   * one node (`IF c THEN h ELSE h`), which `occurrence` cannot tell apart. Undefined when there
   * are not that many.
   */
  nth(def: string, loc: ir.SourceLoc | undefined, frame: TlaLocation, n: number): TlaLocation | undefined {
    const all = loc && this.byNode.get(def)?.get(loc);
    return (all && this.own(def, all, frame))?.[n]?.at;
  }

  /**
   * A node's occurrences not inside another of its occurrences, in the text's order: where SANY
   * has each, its range as written, and the located expressions of `def` around it.
   */
  private occurrences(def: string, all: readonly SpanEntry[]): readonly Occurrence[] {
    let known = this.occurrencesOf.get(all);
    if (known) return known;
    const inDef = this.ranges.get(def) ?? [];
    known = (this.outermostOf.get(all) ?? this.outermost(all))
      .map(({ x, range }) => ({ span: x, at: this.locate(x), range, around: inDef.filter((r) => contains(r, range) && !contains(range, r)) }))
      .sort((a, b) => a.range.startLine - b.range.startLine || a.range.startCol - b.range.startCol);
    this.occurrencesOf.set(all, known);
    return known;
  }

  /** The spans of one node not inside another of them (of two the same, the first): nested ones are part of the one around them. */
  private outermost(all: readonly SpanEntry[]): { readonly x: SpanEntry; readonly range: TlaLocation }[] {
    const xs = all.map((x) => ({ x, range: this.spanned(x) }));
    return xs.length === 1 ? xs : xs.filter((a, i) => !xs.some((b, j) => j !== i && contains(b.range, a.range) && (!contains(a.range, b.range) || j < i)));
  }

  /**
   * A junction list from its first operand (and its last, for a list on one line): SANY's location
   * of a bulleted list runs from its first bullet (`op`, a space, the operand) over every line
   * that starts with a bullet at that column or is indented past it (TLA+'s offside rule); of
   * `A /\ B`, from `A` to the end of `B`.
   */
  list(first: TlaLocation, last: TlaLocation | undefined, op: string): TlaLocation | undefined {
    return this.once(`list ${where(first)} ${last ? where(last) : ''} ${op}`, () => this.listFrom(first, last, op));
  }

  private listFrom(first: TlaLocation, last: TlaLocation | undefined, op: string): TlaLocation | undefined {
    const lines = this.lines();
    const col = first.startCol - op.length - 2; // the bullet's, 0-based
    const line = lines[first.startLine - 1] ?? '';
    if (col < 0 || line.slice(col, first.startCol - 1) !== `${op} `) return last && this.range(first.startLine, first.startCol, last.endLine, last.endCol);
    let end = first.startLine;
    for (let l = end + 1; l <= lines.length; l++) {
      const text = lines[l - 1]!;
      const indent = text.length - text.trimStart().length;
      if (text.trim() === '' || indent < col || (indent === col && !text.startsWith(`${op} `, col))) break;
      end = l;
    }
    return this.withoutStrayClose(this.range(first.startLine, col + 1, end, lines[end - 1]!.trimEnd().length));
  }

  /**
   * The operands of the bulleted list at `list` (which starts at its first `op`), each from after
   * its bullet to its last character, when the text holds exactly `count` bullets at that column:
   * the emitter writes no span for an operand no DSL call wrote (a process step's `pc` guard).
   */
  items(list: TlaLocation, op: string, count: number): readonly TlaLocation[] | undefined {
    return this.once(`items ${where(list)} ${op} ${count}`, () => this.itemsOf(list, op, count));
  }

  private itemsOf(list: TlaLocation, op: string, count: number): TlaLocation[] | undefined {
    const lines = this.lines();
    const col = list.startCol - 1;
    // The first bullet may follow an outer list's on its line (`/\ \/ /\ a`); the others start their lines.
    const bulletAt = (line: number) => lines[line - 1]!.startsWith(`${op} `, col) && (line === list.startLine || lines[line - 1]!.slice(0, col).trim() === '');
    if (!bulletAt(list.startLine)) return undefined;
    const starts: number[] = [];
    for (let line = list.startLine; line <= list.endLine; line++) if (bulletAt(line)) starts.push(line);
    if (starts.length !== count) return undefined;
    return starts.map((line, j) => {
      const endLine = j + 1 < starts.length ? starts[j + 1]! - 1 : list.endLine;
      const endCol = j + 1 < starts.length ? lines[endLine - 1]!.trimEnd().length : list.endCol;
      // An operand printed in brackets is located without them, as SANY does (`unparenthesised`);
      // the last one of a list that is itself bracketed ends before the bracket its line closes.
      return this.unparenthesised(this.withoutStrayClose(this.range(line, col + op.length + 2, endLine, endCol)));
    });
  }

  /**
   * What TLC enters below `UNCHANGED e` at `at` before it goes on (`Tool#processUnchanged`):
   * `e`, and for a tuple each of its variables in turn, located in the text after the keyword.
   */
  unchangedParts(at: TlaLocation): TlaLocation[] {
    const line = this.lines()[at.startLine - 1] ?? '';
    const keyword = 'UNCHANGED ';
    if (at.startLine !== at.endLine || !line.startsWith(keyword, at.startCol - 1)) return [];
    const from = at.startCol - 1 + keyword.length;
    const loc = (start: number, end: number) => this.range(at.startLine, start + 1, at.startLine, end);
    if (!line.startsWith('<<', from)) return [loc(from, at.endCol)];
    const names = [...line.slice(from + 2, at.endCol - 2).matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)];
    return [loc(from, at.endCol), ...names.map((m) => loc(from + 2 + m.index, from + 2 + m.index + m[0].length))];
  }

  /**
   * Where, inside `within` (the located expression of definition `def` being compiled), the `nth`
   * (0-based) reference to definition `name` is, that no located sub-expression of `within`
   * holds: TLC reports the identifier of a zero-arity definition as a frame of an error raised
   * in its body, and the emitter writes no span for a bare identifier.
   */
  reference(def: string, within: TlaLocation, name: string, nth: number): TlaLocation | undefined {
    return this.once(`reference ${def} ${where(within)} ${name} ${nth}`, () => this.referenceIn(def, within, name, nth));
  }

  private referenceIn(def: string, within: TlaLocation, name: string, nth: number): TlaLocation | undefined {
    const lines = this.lines();
    // The located expressions strictly inside `within` (it holds them, they do not hold it).
    const inner = (this.ranges.get(def) ?? []).filter((r) => contains(within, r) && !contains(r, within));
    let seen = 0;
    for (let line = within.startLine; line <= within.endLine; line++) {
      const text = lines[line - 1] ?? '';
      const from = line === within.startLine ? within.startCol - 1 : 0;
      const to = line === within.endLine ? within.endCol : text.length; // exclusive
      for (let c = from; c + name.length <= to; c++) {
        if (text[c] === '"') { c = closingQuote(text, c); continue; } // no identifiers in a string
        if (!text.startsWith(name, c) || isIdentifierChar(text[c - 1]) || isIdentifierChar(text[c + name.length]) || isFieldName(lines, line, c, name.length)) continue;
        const at = this.range(line, c + 1, line, c + name.length);
        if (!inner.some((r) => contains(r, at)) && seen++ === nth) return at;
        c += name.length - 1;
      }
    }
    return undefined;
  }

  /** A span's location as SANY gives it (see `unparenthesised`). */
  of(s: SpanEntry): TlaLocation {
    return this.unparenthesised(this.spanned(s));
  }

  /** TLC names an action by its definition body's span (after `==`). */
  body(name: string): TlaLocation | undefined {
    const s = this.definitions.get(name);
    if (!s) return undefined;
    const start = this.afterEquals(s.tla.start.line, s.tla.start.col);
    return { ...this.spanned(s), ...start };
  }

  /** The parameters of definition `name`, as its header `name(p, q) ==` names them. */
  parameters(name: string): string[] | undefined {
    const s = this.definitions.get(name);
    const line = s ? this.lines()[s.tla.start.line - 1]!.slice(s.tla.start.col - 1) : undefined;
    return line?.startsWith(`${name}(`) ? /^\w+\(([^)]*)\)/.exec(line)?.[1]!.split(',').map((p) => p.trim()) : undefined;
  }

  /** Init's body, from after `Init ==` to the end of its last conjunct (Init has no definition span: no DSL call wrote it). */
  initBody(last: TlaLocation | undefined): TlaLocation | undefined {
    const start = this.bodyStart('Init');
    return start && last && { module: this.module, ...start, endLine: last.endLine, endCol: last.endCol };
  }

  /** Where the body of `name ==`, a definition the pipeline writes with no span (Init, Next), starts. */
  private bodyStart(name: string): { startLine: number; startCol: number } | undefined {
    if (this.bodyStarts.has(name)) return this.bodyStarts.get(name);
    const line = this.lines().findIndex((l) => l.startsWith(`${name} ==`)) + 1;
    const start = line > 0 ? this.afterEquals(line, 1) : undefined;
    this.bodyStarts.set(name, start);
    return start;
  }

  /** What follows `prefix` at the start of `at`, on its first line (undefined when `at` does not start with it). */
  afterPrefix(at: TlaLocation, prefix: string): TlaLocation | undefined {
    const text = this.lines()[at.startLine - 1] ?? '';
    return text.startsWith(prefix, at.startCol - 1) ? { ...at, startCol: at.startCol + prefix.length } : undefined;
  }

  /** What lies between `prefix` at the start of `at` and `suffix` at its end (undefined when `at` is not so written). */
  between(at: TlaLocation, prefix: string, suffix: string): TlaLocation | undefined {
    const lines = this.lines();
    const last = lines[at.endLine - 1] ?? '';
    const start = this.afterPrefix(at, prefix);
    if (!start || !last.slice(0, at.endCol).endsWith(suffix)) return undefined;
    return { ...start, endCol: at.endCol - suffix.length };
  }

  /** Next's body, from after `Next ==` to its last indented line (Next has no definition span either). */
  nextBody(): TlaLocation | undefined {
    const lines = this.lines();
    const start = this.bodyStart('Next');
    if (!start) return undefined;
    let end = start.startLine;
    while (end < lines.length && /^\s+\S/.test(lines[end]!)) end++;
    return this.range(start.startLine, start.startCol, end, lines[end - 1]!.trimEnd().length);
  }

  /** The name `\E b \in S : body` (or `\A`) located at `at` binds, as printed. */
  quantBinder(at: TlaLocation): string | undefined {
    return this.quantHeader(at)?.[1];
  }

  /** The bound name of the function constructor `[b \in S |-> e]` at `at`. */
  fnBinder(at: TlaLocation): string | undefined {
    return /^\[(\w+) \\in /.exec(this.lineFrom(at))?.[1];
  }

  /** `\E b \in ` (or `\A`) at the start of `at`, the bound name its group 1. */
  private quantHeader(at: TlaLocation): RegExpExecArray | null {
    return /^\\[EA] (\w+) \\in /.exec(this.lineFrom(at));
  }

  /** The text of `at`'s first line from where `at` begins. */
  private lineFrom(at: TlaLocation): string {
    return (this.lines()[at.startLine - 1] ?? '').slice(at.startCol - 1);
  }

  /**
   * The body of `\E b \in S : body` (or `\A`) located at `at`, known to begin with `begins` (the call or
   * `\E` it is; unsaid: any body printed below a header ending ` :`): from after the ` : `
   * outside brackets and strings that it follows, to the end;
   * undefined when `at` is not such a formula on its first line (a ` : ` of the set's own, a
   * CHOOSE's, is passed over: what follows it does not begin so).
   */
  quantBody(at: TlaLocation, begins?: string): TlaLocation | undefined {
    const line = this.lines()[at.startLine - 1]!;
    const m = this.quantHeader(at);
    if (!m) return undefined;
    for (const { c } of this.topLevel(this.range(at.startLine, at.startCol + m[0].length, at.startLine, line.length))) {
      if (begins !== undefined && line.startsWith(' : ', c) && line.startsWith(begins, c + 3)) return { ...at, startCol: c + 4 };
      // Any body (`begins` unsaid), printed on the lines below a header that ends at ` :` (the last
      // ` : ` of the line, so not one of a CHOOSE or quantifier in the set, which the emitter prints unbracketed).
      if (begins === undefined && c === line.length - 2 && line.endsWith(' :') && at.endLine > at.startLine) {
        const next = this.lines()[at.startLine] ?? '';
        return { ...at, startLine: at.startLine + 1, startCol: next.length - next.trimStart().length + 1 };
      }
    }
    return undefined;
  }

  /**
   * An n-ary `/\` or `\/` the emitter printed inline at `at` (`A /\ B /\ C`, not a bulleted
   * list), which SANY parses as binary operators nested to the left (`(A /\ B) /\ C`): the
   * place of each inner one, covering operands 0..k, for k = 1..n-2 (TLC frames each as it
   * evaluates its left operand). Undefined when the text is not that (a list, or other separators).
   */
  infixPrefixes(at: TlaLocation, op: '/\\' | '\\/', n: number): TlaLocation[] | undefined {
    if ((this.lines()[at.startLine - 1] ?? '').startsWith(op, at.startCol - 1)) return undefined;
    // Each top-level ` op ` ends the operands before it at the column before its space (1-based: `c`).
    const ends: { line: number; col: number }[] = [];
    for (const { line, c, text } of this.topLevel(at)) if (text.startsWith(` ${op} `, c)) ends.push({ line, col: c });
    if (ends.length !== n - 1) return undefined;
    return ends.slice(1).map((end) => this.range(at.startLine, at.startCol, end.line, end.col));
  }

  /**
   * The right operand of `A op B` printed at `at`: from after its first top-level ` op ` to the
   * end (undefined when the text is not that). It tells the operands apart where they are one
   * node (`TRUE => TRUE`).
   */
  infixRight(at: TlaLocation, op: string): TlaLocation | undefined {
    for (const { line, c, text } of this.topLevel(at)) {
      if (text.startsWith(` ${op} `, c)) return this.range(line, c + op.length + 3, at.endLine, at.endCol);
    }
    return undefined;
  }

  /** Where `name`, printed last in `at` (a LET's body, an IF's ELSE), is; undefined when `at` does not end with it as a word. */
  endingName(at: TlaLocation, name: string): TlaLocation | undefined {
    const text = this.lines()[at.endLine - 1] ?? '', start = at.endCol - name.length; // 0-based
    if (start < 0 || text.slice(start, at.endCol) !== name || /\w/.test(text[start - 1] ?? '')) return undefined;
    return this.range(at.endLine, start + 1, at.endLine, at.endCol);
  }

  /**
   * Where `name` is printed right after the `nth` (from 0) `keyword` outside brackets in `at`, the
   * IF (`THEN`) or CASE (`->`, one an arm) it begins with; undefined when it is not, or when
   * another IF or CASE the emitter printed unbracketed inside `at` begins before it (its keywords
   * would be counted as this one's).
   */
  nameAfter(at: TlaLocation, keyword: 'THEN' | '->', name: string, nth: number): TlaLocation | undefined {
    if (!this.lineFrom(at).startsWith(keyword === 'THEN' ? 'IF ' : 'CASE ')) return undefined;
    let seen = 0, openers = 0;
    for (const { line, c, text } of this.topLevel(at)) {
      if (/\w/.test(text[c - 1] ?? '')) continue;
      if (text.startsWith('IF ', c) || text.startsWith('CASE ', c)) { if (++openers > 1) return undefined; continue; }
      if (!text.startsWith(`${keyword} `, c) || seen++ < nth) continue;
      const s = c + keyword.length + 1;
      return text.startsWith(name, s) && !/\w/.test(text[s + name.length] ?? '') ? this.range(line, s + 1, line, s + name.length) : undefined;
    }
    return undefined;
  }

  /** The characters of `l` outside strings and outside any bracket opened within it: each line, its text and the 0-based column. */
  private *topLevel(l: TlaLocation): Generator<{ readonly line: number; readonly c: number; readonly text: string }> {
    let depth = 0;
    for (let line = l.startLine; line <= l.endLine; line++) {
      const text = this.lines()[line - 1] ?? '';
      const to = line === l.endLine ? l.endCol : text.length; // exclusive
      for (let c = line === l.startLine ? l.startCol - 1 : 0; c < to; c++) {
        const ch = text[c]!;
        if (ch === '"') c = closingQuote(text, c);
        else if (ch === '(' || ch === '[' || ch === '{') depth++;
        else if (ch === ')' || ch === ']' || ch === '}') depth--;
        else if (depth === 0) yield { line, c, text };
      }
    }
  }

  private lines(): string[] { return this.textLines ??= this.tla.split('\n'); }

  private once<T extends TlaLocation | readonly TlaLocation[] | undefined>(key: string, scan: () => T): T {
    if (this.scanned.has(key)) return this.scanned.get(key) as T;
    const found = scan();
    this.scanned.set(key, found);
    return found;
  }

  /** A location in this module (lines and columns 1-based, the end inclusive). */
  private range(startLine: number, startCol: number, endLine: number, endCol: number): TlaLocation {
    return { module: this.module, startLine, startCol, endLine, endCol };
  }

  /** The span's range as the emitter wrote it. */
  private spanned(s: SpanEntry): TlaLocation {
    return this.range(s.tla.start.line, s.tla.start.col, s.tla.end.line, s.tla.end.col);
  }

  /** The emitter's span of a bracketed operand includes the brackets; SANY's (TLC's) does not. */
  private unparenthesised(l: TlaLocation): TlaLocation {
    const lines = this.lines();
    if (lines[l.startLine - 1]?.[l.startCol - 1] !== '(' || lines[l.endLine - 1]?.[l.endCol - 1] !== ')') return l;
    // The opening bracket must close at the end, not before it (`(a) + (b)`).
    let depth = 0, closesEarly = false;
    this.eachBracket({ ...l, endCol: l.endCol - 1 }, (open) => (closesEarly = (depth += open ? 1 : -1) === 0));
    return closesEarly ? l : { ...l, startCol: l.startCol + 1, endCol: l.endCol - 1 };
  }

  /**
   * `l` without the closing brackets at its end that nothing inside it opens: a list (or its last
   * operand) that runs to the end of a line where an enclosing bracketed operand closes.
   */
  private withoutStrayClose(l: TlaLocation): TlaLocation {
    let depth = 0;
    this.eachBracket(l, (open) => { depth += open ? 1 : -1; });
    const last = this.lines()[l.endLine - 1]!;
    let endCol = l.endCol;
    while (depth < 0 && last[endCol - 1] === ')') { endCol--; depth++; }
    return endCol === l.endCol ? l : { ...l, endCol: last.slice(0, endCol).trimEnd().length };
  }

  /** Each round bracket within `l`, in order, whether it opens; `visit` returning true stops there. (A loop, not a generator: every compilation asks.) */
  private eachBracket(l: TlaLocation, visit: (open: boolean) => boolean | void): void {
    const lines = this.lines();
    for (let line = l.startLine; line <= l.endLine; line++) {
      const text = lines[line - 1]!;
      const to = line === l.endLine ? l.endCol - 1 : text.length - 1;
      for (let c = line === l.startLine ? l.startCol - 1 : 0; c <= to; c++) {
        if ((text[c] === '(' || text[c] === ')') && visit(text[c] === '(')) return;
      }
    }
  }

  /** The first character after the `==` on `line` at or after `col` (the body may start on a later line). */
  private afterEquals(line: number, col: number): { startLine: number; startCol: number } | undefined {
    const lines = this.lines();
    const eq = lines[line - 1]!.indexOf('==', col - 1);
    if (eq < 0) return undefined;
    for (col = eq + 3; line <= lines.length; line++, col = 1) {
      const rest = lines[line - 1]!.slice(col - 1).search(/\S/);
      if (rest >= 0) return { startLine: line, startCol: col + rest };
    }
    return undefined;
  }
}

/** A location's lines and columns, as a key. */
const where = (l: TlaLocation) => `${l.startLine}:${l.startCol}-${l.endLine}:${l.endCol}`;
const before = (l: number, c: number, l2: number, c2: number) => l < l2 || (l === l2 && c <= c2);
/** Whether range `outer` holds range `x` (inclusive ends, as TLC's). */
export function contains(outer: TlaLocation, x: TlaLocation): boolean {
  return before(outer.startLine, outer.startCol, x.startLine, x.startCol) && before(x.endLine, x.endCol, outer.endLine, outer.endCol);
}
const isIdentifierChar = (ch: string | undefined) => ch !== undefined && /[A-Za-z0-9_]/.test(ch);
/**
 * Whether the identifier at `[at, at + length)` of line `line` (1-based) is a record field's name,
 * not a reference: after a single `.` (`r.f`, EXCEPT's `!.f`), or first in an item of
 * `[f |-> e, …]` or `[f : S, …]` (after `[` or `,`, on its line or, first on it, the line before).
 * A name before `|->` that ends a function's domain (`[p \in 1..N |-> e]`) is a reference.
 */
function isFieldName(lines: readonly string[], line: number, at: number, length: number): boolean {
  const text = lines[line - 1]!;
  let left = text.slice(0, at).trimEnd();
  const right = text.slice(at + length).trimStart();
  if (left.endsWith('.') && !left.endsWith('..')) return true;
  for (let l = line - 1; left === '' && l >= 1; l--) left = lines[l - 1]!.trimEnd();
  return (left.endsWith('[') || left.endsWith(',')) && (right.startsWith('|->') || (right.startsWith(':') && !/^:[=>:]/.test(right)));
}

/** The index of the quote closing the string that opens at `open` (TLA+'s `\"` escapes a quote), or the line's end. */
function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

/** The last module's locations for each spans list (one per model's artifacts): its configs, and each check of them, share them. */
const known = new WeakMap<readonly SpanEntry[], ModuleLocations>();

export function moduleLocations(module: string, tla: string, spans: readonly SpanEntry[]): ModuleLocations {
  const had = known.get(spans);
  if (had && had.module === module && had.tla === tla) return had;
  const fresh = new ModuleLocations(module, tla, spans);
  known.set(spans, fresh);
  return fresh;
}
