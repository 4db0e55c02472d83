/**
 * TLA+ values as TLC sees them: how they compare (the order that normalises sets and decides
 * CHOOSE), when they are equal, and how TLC prints them. Every value here is immutable and
 * normalised (sets sorted and without duplicates, function domains sorted), so structural
 * equality is TLA+ equality and the printed text is a canonical key.
 *
 * TLC's orders (tlc2.value.impl, tlaplus master): integers numerically, model values by
 * creation and before every other kind, strings and record field names in the order TLC interned
 * them (its UniqueString tokens, compared by number: `InternRanks`), sets and functions by size
 * first and then element by element.
 */
import { placeText, sameSpan, type TlaLocation } from '../result.js';

export class EvalError extends Error {
  /** TLA+ locations, outermost first, filled in as the error leaves each located expression. */
  readonly frames: unknown[] = [];
  /** Set when the error came from evaluating this Assert's condition: with the assert off, it would not happen. */
  inAssert?: string;
  /** Raised once a step was complete (by what judges its successor): none of the action's frames are its. */
  afterStep = false;
  /**
   * Where TLC's message says the failing expression is (its `Assert.fail(reason + "\n" + expr)`),
   * written out when the error is reported (`messageOf`); unknown where no span places it.
   */
  place?: TlaLocation;
  constructor(message?: string) {
    // No JavaScript stack: the error is the model's, located by `frames`. Capturing it through
    // the deep chain of compiled closures took a quarter of a millisecond per error.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try { super(message); } finally { Error.stackTraceLimit = limit; } // a stack overflow at `super` must not leave it off
  }

  /**
   * The frames as TLC prints its stack: one the same as the one before it is skipped
   * (CallStack#toString), as where one formula is entered again inside itself (a step's `\A`,
   * each instance inside the one before).
   */
  printedFrames(): TlaLocation[] {
    const frames = this.frames as TlaLocation[];
    return frames.filter((f, i) => i === 0 || !sameSpan(f, frames[i - 1]!));
  }
}

export class ModelValue {
  private static readonly interned = new Map<string, ModelValue>();
  readonly hash: number;
  /** TLC orders model values by creation: the order the config names them (`enterOrder`). */
  index = Number.MAX_SAFE_INTEGER;
  private constructor(readonly name: string) { this.hash = mix(hashString(name) ^ 0x5bd1e995); }
  static of(name: string): ModelValue {
    let mv = ModelValue.interned.get(name);
    if (!mv) { mv = new ModelValue(name); ModelValue.interned.set(name, mv); }
    return mv;
  }
}

/** A finite set, elements sorted by `compare` and distinct. */
export class SetValue {
  key?: string;
  hash?: number;
  constructor(readonly elems: readonly Value[]) {}
  static of(elems: Value[]): SetValue {
    const sorted = elems.slice().sort(compare);
    const out: Value[] = [];
    for (const e of sorted) if (out.length === 0 || compare(out[out.length - 1]!, e) !== 0) out.push(e);
    return new SetValue(out);
  }
}

/** `<<a, b>>`: every function whose domain is 1..n, the empty function included. */
export class TupleValue {
  key?: string;
  hash?: number;
  constructor(readonly elems: readonly Value[]) {}
}

/** `[a |-> 1, b |-> 2]`, fields in TLC's interning order. */
export class RecordValue {
  key?: string;
  hash?: number;
  constructor(readonly names: readonly string[], readonly vals: readonly Value[]) {}
}

/** Any other function: domain sorted by `compare`, never 1..n and never empty. */
export class FnValue {
  key?: string;
  hash?: number;
  constructor(readonly dom: readonly Value[], readonly vals: readonly Value[]) {}
}

/** Sets TLC keeps lazy: members are tested without enumerating them. */
export class IntervalValue {
  #members: readonly number[] | undefined;
  constructor(readonly lo: number, readonly hi: number) {}
  /** lo..hi, listed once: an interval is often a constant (folded), enumerated in every state. */
  get members(): readonly number[] {
    if (!this.#members) { const out: number[] = []; for (let i = this.lo; i <= this.hi; i++) out.push(i); this.#members = out; }
    return this.#members;
  }
}
export class FnSetValue { constructor(readonly dom: Value, readonly rng: Value) {} }
export class SubsetValue { constructor(readonly base: Value) {} }
export class SeqSetValue { constructor(readonly base: Value) {} }
export class RecordSetValue { constructor(readonly names: readonly string[], readonly sets: readonly Value[]) {} }

export type LazySet = IntervalValue | FnSetValue | SubsetValue | SeqSetValue | RecordSetValue;
export type Value = boolean | number | string | ModelValue | SetValue | TupleValue | RecordValue | FnValue | LazySet;

export function fail(message: string): never {
  throw new EvalError(message);
}

/** Fail with a message TLC ends with the failing expression's place `at` (a CASE with no arm true, a CHOOSE with no witness, a field access). */
export function failPlaced(message: string, at: TlaLocation | undefined): never {
  const err = new EvalError(message);
  if (at) err.place = at;
  throw err;
}

/** The error's message as TLC gives it: with the failing expression's place where TLC adds one. */
export function messageOf(err: EvalError): string {
  return err.place ? `${err.message}\n${placeText(err.place)}` : err.message;
}

// ---------------------------------------------------------------------------------------------
// Value order: model values, strings and record fields, per spec

/**
 * The orders TLC's values take from one spec: model values by creation (the order the config's
 * CONSTANTS name them), and strings and record field names in the order TLC interned them (its
 * UniqueString tokens, `InternRanks`). Comparison reads them from module state for speed, so a
 * search enters its spec's order before evaluating and again after every yield to the event
 * loop: two searches in one process may interleave.
 */
export interface ValueOrder { readonly ranks: InternRanks; readonly modelValues: readonly string[] }

/** `cfgValues`: the strings the config writes as values (model value names, string constants), in its order. */
export function valueOrder(tla: string, modelValues: readonly string[], cfgValues: readonly string[] = modelValues): ValueOrder {
  if (lastText?.tla !== tla) lastText = new ModuleText(tla);
  return { ranks: new InternRanks(lastText, cfgValues), modelValues };
}
/** The last module read: the configs of one model, compiled one after another, share it. */
let lastText: ModuleText | undefined;

/**
 * Where each word and each string literal of a module's text first occurs, read in one pass when
 * first asked and kept with the text, so the configs of one model compiled one after another
 * share it. A block comment ends at its first `*)`: nesting is not followed.
 */
class ModuleText {
  private lexed?: { words: Map<string, number>; literals: Map<string, number> };
  constructor(readonly tla: string) {}
  /** Where `name` first occurs as a word SANY's lexer reads (not after a backslash, as in `\in`), or -1. */
  firstIdentifier(name: string): number { return this.lex().words.get(name) ?? -1; }
  /** Where the string literal `"s"` first occurs, or -1. */
  firstLiteral(s: string): number { return this.lex().literals.get(s) ?? -1; }
  private lex() {
    if (this.lexed) return this.lexed;
    const words = new Map<string, number>(), literals = new Map<string, number>(), t = this.tla, n = t.length;
    // A loop over char codes: 0.8 ms warm on a zswap module (90 KB), where one regular expression took 1.3 ms.
    for (let i = 0; i < n;) {
      const c = t.charCodeAt(i);
      // An unclosed comment or string is not one: the character after its opening is read on.
      if (c === 0x28 && t.charCodeAt(i + 1) === 0x2a) { const e = t.indexOf('*)', i + 2); i = e < 0 ? i + 1 : e + 2; }
      else if (c === 0x5c && t.charCodeAt(i + 1) === 0x2a) { i += 2; while (i < n && !isLineEnd(t.charCodeAt(i))) i++; }
      else if (c === 0x5c) { i++; while (i < n && isIdentifierChar(t.charCodeAt(i))) i++; }
      else if (c === 0x22) {
        let j = i + 1;
        while (j < n && t.charCodeAt(j) !== 0x22) {
          if (t.charCodeAt(j) !== 0x5c) j++;
          else if (j + 1 < n && !isLineEnd(t.charCodeAt(j + 1))) j += 2; // an escape, of anything but a line break
          else j = n;
        }
        if (j >= n) { i++; continue; }
        const s = t.slice(i + 1, j);
        if (!literals.has(s)) literals.set(s, i);
        i = j + 1;
      } else if (isIdentifierChar(c)) {
        let j = i + 1;
        while (j < n && isIdentifierChar(t.charCodeAt(j))) j++;
        const w = t.slice(i, j);
        // A run of digits alone is a number, not a word. MODULE is one only in `---- MODULE`,
        // which SANY reads as one token: TLC never interns it so.
        if (!words.has(w) && HAS_LETTER.test(w) && w !== 'MODULE') words.set(w, i);
        i = j;
      } else i++;
    }
    return this.lexed = { words, literals };
  }
}
const HAS_LETTER = /[A-Za-z]/;
const isLineEnd = (c: number) => c === 10 || c === 13 || c === 0x2028 || c === 0x2029;
const isIdentifierChar = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * What TLC interns before it reads the module: SANY's built-in names (observed, as the rest of
 * this order, from TLC itself: every word of the standard modules written as strings in a set,
 * printed by TLC, and again in the reverse order, which moves only the strings never interned).
 */
export const BUILT_IN = ['STRING', 'FALSE', 'TRUE', 'BOOLEAN', 'SUBSET', 'UNION', 'DOMAIN', 'ENABLED', 'UNCHANGED'];
/**
 * The words TLC interns after the module's own, parsing the standard modules every emitted module
 * extends (`EXTENDS Integers, FiniteSets, Sequences, TLC` and theirs), in its order (tlaplus
 * master, 2026-12-06).
 */
export const STANDARD = [
  'Naturals', 'Int', 'a', 'LOCAL', 'INSTANCE', 'IsFiniteSet', 'S', 'seq', 'Seq', 's', 'n', 'Len', 'Cardinality', 'LET', 'CS', 'T', 'IF', 'THEN',
  'ELSE', 'CHOOSE', 'x', 'IN', 'Nat', 't', 'i', 'Append', 'e', 'Head', 'Tail', 'CASE', 'SubSeq', 'm', 'SelectSeq', 'Test', '_', 'F', 'Print', 'out',
  'val', 'PrintT', 'Assert', 'v', 'JavaTime', 'TLCGet', 'TLCSet', 'd', 'f', 'g', 'Permutations', 'w', 'SortSeq', 'Op', 'Perm', 'p', 'j',
  'RandomElement', 'Any', 'ToString', 'b', 'TLCEval', 'CONSTANT', 'state', 'trace', 'level', 'exp', 'expression', 'LAMBDA',
];
const BUILT_IN_RANK = new Map(BUILT_IN.map((w, i) => [w, i]));
const STANDARD_RANK = new Map(STANDARD.map((w, i) => [w, i]));
const UNKNOWN = Number.MAX_SAFE_INTEGER;

/**
 * Strings and record field names in TLC's order: its UniqueString tokens compare by when each was
 * interned. First the values the config writes (TLC reads it before the module), then SANY's
 * built-in names, then every word of the module as its lexer meets them (identifiers and keywords:
 * comments and strings are not read), then the standard modules' words, then the strings only
 * written as literals, in the order they are written (interned as the module's meaning is worked
 * out, after all parsing). Worked out a name at a time as comparisons ask. A name none of these
 * has (a value the compiler never meets in a spec: tests build some) ranks after them all, by its
 * characters.
 */
export class InternRanks {
  private readonly ranks = new Map<string, number>();
  private readonly cfg: ReadonlyMap<string, number>;
  constructor(private readonly text: ModuleText, cfgValues: readonly string[]) {
    const cfg = new Map<string, number>();
    for (const v of cfgValues) if (!cfg.has(v)) cfg.set(v, cfg.size);
    this.cfg = cfg;
  }
  of(name: string): number {
    let r = this.ranks.get(name);
    if (r === undefined) this.ranks.set(name, r = this.work(name));
    return r;
  }
  /** Each group's ranks start after the last group's end. */
  private work(name: string): number {
    const cfg = this.cfg.get(name);
    if (cfg !== undefined) return cfg;
    let base = this.cfg.size;
    const builtIn = BUILT_IN_RANK.get(name);
    if (builtIn !== undefined) return base + builtIn;
    base += BUILT_IN.length;
    const word = this.text.firstIdentifier(name);
    if (word >= 0) return base + word;
    base += this.text.tla.length;
    const standard = STANDARD_RANK.get(name);
    if (standard !== undefined) return base + standard;
    base += STANDARD.length;
    const literal = this.text.firstLiteral(name);
    return literal >= 0 ? base + literal : UNKNOWN;
  }
}

let ranks = new InternRanks(new ModuleText(''), []);

export function enterOrder(o: ValueOrder): void {
  ranks = o.ranks;
  o.modelValues.forEach((n, i) => { ModelValue.of(n).index = i; });
}
/** TLC's order of two strings or field names (see `InternRanks`). */
export function compareNames(a: string, b: string): number {
  if (a === b) return 0;
  const ra = ranks.of(a), rb = ranks.of(b);
  return ra !== rb ? ra - rb : a < b ? -1 : 1;
}

/** A record from fields in any order. */
export function makeRecord(names: readonly string[], vals: readonly Value[]): RecordValue {
  return recordMaker(names)(vals);
}

/**
 * Records with the field names `names` (as a record constructor in the spec, or a set of records,
 * lists them): the fields' TLC order is found once, under the order entered now (the compiler
 * enters its spec's), and every record made shares one names list.
 */
export function recordMaker(names: readonly string[]): (vals: readonly Value[]) => RecordValue {
  const order = names.map((_, i) => i).sort((i, j) => compareNames(names[i]!, names[j]!));
  const sorted = order.map((i) => names[i]!);
  return (vals) => {
    const out = new Array<Value>(order.length);
    for (let i = 0; i < order.length; i++) out[i] = vals[order[i]!]!;
    return new RecordValue(sorted, out);
  };
}

/** A function from a domain (any order, distinct) and its values: a tuple when the domain is 1..n. */
export function makeFn(dom: readonly Value[], vals: readonly Value[]): Value {
  // A domain already in order (a set's elements, for one) is kept as it is, not sorted again: every
  // function built over that set shares it, and its hash (keysHash). The lists are never changed after.
  let d = dom, v = vals;
  if (!dom.every((x, i) => i === 0 || compare(dom[i - 1]!, x) < 0)) {
    const idx = dom.map((_, i) => i).sort((i, j) => compare(dom[i]!, dom[j]!));
    d = idx.map((i) => dom[i]!);
    v = idx.map((i) => vals[i]!);
  }
  if (d.every((x, i) => x === i + 1)) return new TupleValue(v);
  return new FnValue(d, v);
}

// ---------------------------------------------------------------------------------------------
// Order and equality

function kindName(v: Value): string {
  switch (typeof v) {
    case 'boolean': return 'boolean';
    case 'number': return 'integer';
    case 'string': return 'string';
  }
  if (v instanceof ModelValue) return 'model value';
  if (v instanceof TupleValue || v instanceof RecordValue || v instanceof FnValue) return 'function';
  return 'set';
}

/** Domain and values of any function-like value, for comparing across representations. */
function asFn(v: TupleValue | RecordValue | FnValue): { dom: readonly Value[]; vals: readonly Value[] } {
  if (v instanceof TupleValue) return { dom: v.elems.map((_, i) => i + 1), vals: v.elems };
  if (v instanceof RecordValue) return { dom: v.names, vals: v.vals };
  return v;
}
const isFnLike = (v: Value): v is TupleValue | RecordValue | FnValue => v instanceof TupleValue || v instanceof RecordValue || v instanceof FnValue;

/** TLC's compareTo. */
export function compare(a: Value, b: Value): number {
  if (a === b) return 0;
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : 1;
  if (typeof a === 'string' && typeof b === 'string') return compareNames(a, b);
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? 1 : -1;
  if (a instanceof ModelValue) return b instanceof ModelValue ? (a.index - b.index || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)) : -1;
  if (b instanceof ModelValue) return 1;
  if (isFnLike(a) && isFnLike(b)) {
    if (a instanceof TupleValue && b instanceof TupleValue) {
      if (a.elems.length !== b.elems.length) return a.elems.length - b.elems.length;
      for (let i = 0; i < a.elems.length; i++) { const c = compare(a.elems[i]!, b.elems[i]!); if (c) return c; }
      return 0;
    }
    if (a instanceof RecordValue && b instanceof RecordValue) {
      if (a.names.length !== b.names.length) return a.names.length - b.names.length;
      for (let i = 0; i < a.names.length; i++) { const c = compareNames(a.names[i]!, b.names[i]!); if (c) return c; }
      for (let i = 0; i < a.vals.length; i++) { const c = compare(a.vals[i]!, b.vals[i]!); if (c) return c; }
      return 0;
    }
    // TLC master (tlaplus#652): whole domains first, values over other domains never compared; the fast paths above agree.
    const x = asFn(a), y = asFn(b);
    if (x.vals.length !== y.vals.length) return x.vals.length - y.vals.length;
    for (let i = 0; i < x.dom.length; i++) { const c = compare(x.dom[i]!, y.dom[i]!); if (c) return c; }
    for (let i = 0; i < x.vals.length; i++) { const c = compare(x.vals[i]!, y.vals[i]!); if (c) return c; }
    return 0;
  }
  if (isSetLike(a) && isSetLike(b)) {
    const x = elements(a), y = elements(b);
    if (x.length !== y.length) return x.length - y.length;
    for (let i = 0; i < x.length; i++) { const c = compare(x[i]!, y[i]!); if (c) return c; }
    return 0;
  }
  return fail(`Attempted to compare ${kindName(a)} ${show(a)} with the ${kindName(b)}:\n${show(b)}`);
}

export function isSetLike(v: Value): boolean {
  return v instanceof SetValue || v instanceof IntervalValue || v instanceof FnSetValue || v instanceof SubsetValue || v instanceof SeqSetValue || v instanceof RecordSetValue;
}

/** TLA+ equality; comparing values of different kinds is an error in TLC, except model values. */
export function equals(a: Value, b: Value): boolean {
  if (a === b) return true;
  const ta = typeof a;
  if (ta !== 'object' || typeof b !== 'object') {
    if (ta === typeof b) return false;
    if (a instanceof ModelValue || b instanceof ModelValue) return false;
    return fail(`Attempted to check equality of ${kindName(a)} ${show(a)} with non-${kindName(a)}:\n${show(b)}`);
  }
  if (a instanceof ModelValue || b instanceof ModelValue) return false;
  if (isFnLike(a) && isFnLike(b)) {
    if (a instanceof TupleValue && b instanceof TupleValue) return equalLists(a.elems, b.elems);
    if (a instanceof RecordValue && b instanceof RecordValue) return equalNames(a.names, b.names) && equalLists(a.vals, b.vals);
    if (a instanceof FnValue && b instanceof FnValue) return equalLists(a.dom, b.dom) && equalLists(a.vals, b.vals);
    return sameMapping(asFn(a), asFn(b));
  }
  if (isSetLike(a) && isSetLike(b)) {
    if (a instanceof SetValue && b instanceof SetValue) return equalLists(a.elems, b.elems);
    return equalLists(elements(a), elements(b));
  }
  return fail(`Attempted to check equality of ${kindName(a)} ${show(a)} with non-${kindName(a)}:\n${show(b)}`);
}

/** Element-wise `equals` (loops, not `every`: a closure per call, on the hottest path, is garbage the search makes per state). */
function equalLists(x: readonly Value[], y: readonly Value[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!equals(x[i]!, y[i]!)) return false;
  return true;
}
function equalNames(x: readonly string[], y: readonly string[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

function sameMapping(x: { dom: readonly Value[]; vals: readonly Value[] }, y: { dom: readonly Value[]; vals: readonly Value[] }): boolean {
  if (x.dom.length !== y.dom.length) return false;
  return x.dom.every((d, i) => {
    const j = y.dom.findIndex((e) => typeof e === typeof d && equals(e, d));
    return j >= 0 && equals(x.vals[i]!, y.vals[j]!);
  });
}

// ---------------------------------------------------------------------------------------------
// Sets

/** The elements of a set in TLC's normalised order (lazy sets are enumerated). */
export function elements(s: Value): readonly Value[] {
  if (s instanceof SetValue) return s.elems;
  if (s instanceof IntervalValue) return s.members;
  if (s instanceof SubsetValue) {
    const base = elements(s.base);
    if (base.length > 20) fail(`Attempted to enumerate SUBSET of a set with ${base.length} elements.`);
    const out: Value[] = [];
    for (let mask = 0; mask < 1 << base.length; mask++) out.push(new SetValue(base.filter((_, i) => mask & (1 << i))));
    return SetValue.of(out).elems;
  }
  if (s instanceof FnSetValue) {
    const dom = elements(s.dom), rng = elements(s.rng);
    let fns: Value[][] = [[]];
    for (let i = 0; i < dom.length; i++) fns = fns.flatMap((f) => rng.map((r) => [...f, r]));
    return SetValue.of(fns.map((vals) => makeFn(dom, vals))).elems;
  }
  if (s instanceof RecordSetValue) {
    let recs: Value[][] = [[]];
    for (const set of s.sets) { const es = elements(set); recs = recs.flatMap((r) => es.map((e) => [...r, e])); }
    const make = recordMaker(s.names);
    return SetValue.of(recs.map((vals) => make(vals))).elems;
  }
  if (s instanceof SeqSetValue) return fail('Attempted to enumerate the infinite set Seq(S).');
  return fail(`Attempted to enumerate ${show(s)}, which is not a set.`);
}

export function member(x: Value, s: Value): boolean {
  if (s instanceof SetValue) {
    const es = s.elems;
    for (let i = 0; i < es.length; i++) if (equals(es[i]!, x)) return true;
    return false;
  }
  if (s instanceof IntervalValue) {
    if (typeof x !== 'number') return x instanceof ModelValue ? false : fail(`Attempted to check if the value:\n${show(x)}\nis in the integer interval ${show(s)}`);
    return x >= s.lo && x <= s.hi;
  }
  if (s instanceof SubsetValue) return isSetLike(x) && elements(x).every((e) => member(e, s.base));
  if (s instanceof SeqSetValue) return x instanceof TupleValue && x.elems.every((e) => member(e, s.base));
  if (s instanceof FnSetValue) {
    if (!isFnLike(x)) return false;
    const f = asFn(x);
    const dom = elements(s.dom);
    if (dom.length !== f.dom.length) return false;
    return f.dom.every((d, i) => member(d, s.dom) && member(f.vals[i]!, s.rng));
  }
  if (s instanceof RecordSetValue) {
    if (!(x instanceof RecordValue) || x.names.length !== s.names.length) return false;
    return s.names.every((n, i) => { const j = x.names.indexOf(n); return j >= 0 && member(x.vals[j]!, s.sets[i]!); });
  }
  return fail(`Attempted to check if the value:\n${show(x)}\nis an element of ${show(s)}, which is not a set.`);
}

/** Replace lazy sets by explicit ones, so a state holds one representation of each value. */
export function toStored(v: Value): Value {
  if (typeof v !== 'object' || v instanceof ModelValue) return v;
  if (v instanceof SetValue) return v.elems.some(needsStoring) ? SetValue.of(v.elems.map(toStored)) : v;
  if (v instanceof TupleValue) return v.elems.some(needsStoring) ? new TupleValue(v.elems.map(toStored)) : v;
  if (v instanceof RecordValue) return v.vals.some(needsStoring) ? new RecordValue(v.names, v.vals.map(toStored)) : v;
  if (v instanceof FnValue) return v.vals.some(needsStoring) ? new FnValue(v.dom, v.vals.map(toStored)) : v;
  return SetValue.of(elements(v).map(toStored));
}
function needsStoring(v: Value): boolean {
  if (typeof v !== 'object' || v instanceof ModelValue) return false;
  if (v instanceof SetValue) return v.elems.some(needsStoring);
  if (v instanceof TupleValue) return v.elems.some(needsStoring);
  if (v instanceof RecordValue || v instanceof FnValue) return v.vals.some(needsStoring);
  return true;
}

// ---------------------------------------------------------------------------------------------
// Printing, as TLC prints values in traces

const NAME = /^(?=.*[A-Za-z])[A-Za-z0-9_]+$/;

export function show(v: Value): string {
  switch (typeof v) {
    case 'boolean': return v ? 'TRUE' : 'FALSE';
    case 'number': return String(v);
    case 'string': return `"${v.replace(/[\\"\t\n\f\r]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' })[c]!)}"`;
  }
  if (v instanceof ModelValue) return v.name;
  if (v instanceof SetValue) return v.key ??= `{${v.elems.map(show).join(', ')}}`;
  if (v instanceof TupleValue) return v.key ??= `<<${v.elems.map(show).join(', ')}>>`;
  if (v instanceof RecordValue) return v.key ??= `[${v.names.map((n, i) => `${n} |-> ${show(v.vals[i]!)}`).join(', ')}]`;
  if (v instanceof FnValue) {
    if (v.key) return v.key;
    const rcd = v.dom.every((d) => typeof d === 'string' && NAME.test(d) && !/^[WS]F_/.test(d));
    return v.key = rcd
      ? `[${v.dom.map((d, i) => `${d as string} |-> ${show(v.vals[i]!)}`).join(', ')}]`
      : `(${v.dom.map((d, i) => `${show(d)} :> ${show(v.vals[i]!)}`).join(' @@ ')})`;
  }
  if (v instanceof IntervalValue) return `${v.lo}..${v.hi}`;
  if (v instanceof SubsetValue) return `SUBSET ${show(v.base)}`;
  if (v instanceof SeqSetValue) return `Seq(${show(v.base)})`;
  if (v instanceof FnSetValue) return `[${show(v.dom)} -> ${show(v.rng)}]`;
  return `[${v.names.map((n, i) => `${n} : ${show(v.sets[i]!)}`).join(', ')}]`;
}

// ---------------------------------------------------------------------------------------------
// Symmetry

/** Apply a model-value permutation. */
export function permute(v: Value, perm: ReadonlyMap<ModelValue, ModelValue>): Value {
  if (typeof v !== 'object') return v;
  if (v instanceof ModelValue) return perm.get(v) ?? v;
  if (v instanceof SetValue) return SetValue.of(v.elems.map((e) => permute(e, perm)));
  if (v instanceof TupleValue) return new TupleValue(v.elems.map((e) => permute(e, perm)));
  if (v instanceof RecordValue) return new RecordValue(v.names, v.vals.map((e) => permute(e, perm)));
  if (v instanceof FnValue) return makeFn(v.dom.map((e) => permute(e, perm)), v.vals.map((e) => permute(e, perm)));
  return v;
}

// ---------------------------------------------------------------------------------------------
// Structural hashing and identity, for interning values in the state store

function mix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}
function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}
function hashList(seed: number, xs: readonly Value[]): number {
  let h = seed;
  for (let i = 0; i < xs.length; i++) h = mix(h + Math.imul(hashValue(xs[i]!), 0x9e3779b1));
  return h;
}

/**
 * The hash of a record's field names or a function's domain, by the list itself: an EXCEPT's
 * result shares its function's, the records of one constructor share theirs (recordMaker), the
 * functions built over one set share its elements (makeFn); field names had been hashed
 * character by character for every new record.
 */
const keyHashes = new WeakMap<readonly Value[], number>();
function keysHash(seed: number, keys: readonly Value[]): number {
  let h = keyHashes.get(keys);
  if (h === undefined) keyHashes.set(keys, h = hashList(0, keys));
  return mix(h + seed);
}

/** A hash consistent with `same` (cached on composite values, which are immutable). */
export function hashValue(v: Value): number {
  switch (typeof v) {
    case 'boolean': return v ? 0x1234567 : 0x7654321;
    case 'number': return mix(v ^ 0x27d4eb2d);
    case 'string': return hashString(v);
  }
  if (v instanceof ModelValue) return v.hash;
  if (v instanceof SetValue) return v.hash ??= hashList(1, v.elems);
  if (v instanceof TupleValue) return v.hash ??= hashList(2, v.elems);
  if (v instanceof RecordValue) return v.hash ??= hashList(keysHash(3, v.names), v.vals);
  if (v instanceof FnValue) return v.hash ??= hashList(keysHash(4, v.dom), v.vals);
  return hashString(show(v));
}

/** Structural identity of stored (normalised) values; never throws. */
export function same(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a.constructor !== b.constructor) return false;
  if (a instanceof SetValue) return sameList(a.elems, (b as SetValue).elems);
  if (a instanceof TupleValue) return sameList(a.elems, (b as TupleValue).elems);
  if (a instanceof RecordValue) return sameList(a.names, (b as RecordValue).names) && sameList(a.vals, (b as RecordValue).vals);
  if (a instanceof FnValue) return sameList(a.dom, (b as FnValue).dom) && sameList(a.vals, (b as FnValue).vals);
  return show(a) === show(b);
}
function sameList(x: readonly Value[], y: readonly Value[]): boolean {
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (!same(x[i]!, y[i]!)) return false;
  return true;
}

/** `f` with `f[k]` replaced (k is in the domain). */
export function replaceAt(f: Value, k: Value, value: Value): Value {
  if (f instanceof FnValue) {
    const d = f.dom;
    let j = 0;
    while (!equals(d[j]!, k)) j++;
    const vals = f.vals.slice();
    vals[j] = value;
    return new FnValue(d, vals);
  }
  return replacePath(f, [k], 0, value);
}

/** `f` with the value at path `keys` (from the `i`th) replaced: an EXCEPT's `![k1][k2]…`. */
export function replacePath(f: Value, keys: readonly Value[], i: number, value: Value): Value {
  if (i === keys.length) return value;
  const k = keys[i]!;
  if (f instanceof TupleValue) {
    const j = (k as number) - 1;
    const elems = f.elems.slice();
    elems[j] = replacePath(elems[j]!, keys, i + 1, value);
    return new TupleValue(elems);
  }
  if (f instanceof RecordValue) {
    const j = f.names.indexOf(k as string);
    const vals = f.vals.slice();
    vals[j] = replacePath(vals[j]!, keys, i + 1, value);
    return new RecordValue(f.names, vals);
  }
  if (f instanceof FnValue) {
    const j = f.dom.findIndex((d) => equals(d, k));
    const vals = f.vals.slice();
    vals[j] = replacePath(vals[j]!, keys, i + 1, value);
    return new FnValue(f.dom, vals);
  }
  return fail(`Attempted to apply EXCEPT to ${show(f)}, which is not a function.`);
}
