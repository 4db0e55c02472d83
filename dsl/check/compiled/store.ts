/**
 * The state store, in typed arrays so it is not bounded by JS collections (a `Set` stops at
 * 2^24 entries) and costs a known number of bytes per state:
 *  - each variable's distinct values are interned to small integers, so a state is a row of
 *    `nVars` int32s in chunked arrays, appended in breadth-first order (the row index is the
 *    state's id, and the rows past the head are the BFS queue);
 *  - a parent id per state, to rebuild traces;
 *  - 64-bit fingerprints of the (symmetry-canonical) rows in an open-addressing table.
 */
import { hashValue, same, type Value } from './values.js';

export class OutOfMemory extends Error {}

const CHUNK = 1 << 20;
/** The first chunk's first size: a small search should not zero (and fault in) 4 MiB per list. */
const FIRST = 1 << 12;

/** A growable int32 array in fixed-size chunks (no large reallocations: only the first chunk grows, by doubling, up to a full chunk). */
export class ChunkedInts {
  private readonly chunks: Int32Array[] = [];
  length = 0;
  push(v: number): void {
    const c = this.length >>> 20, at = this.length & (CHUNK - 1);
    let chunk = this.chunks[c];
    if (chunk === undefined) this.chunks.push(chunk = allocate(c === 0 ? FIRST : CHUNK));
    else if (at === chunk.length) {
      const bigger = allocate(chunk.length * 2);
      bigger.set(chunk);
      this.chunks[c] = chunk = bigger;
    }
    chunk[at] = v;
    this.length++;
  }
  /** `push` of `xs[0..n)`, written straight into the chunk when they fit in it (a state's row, for one). */
  pushAll(xs: ArrayLike<number>, n: number): void {
    const chunk = this.chunks[this.length >>> 20], at = this.length & (CHUNK - 1);
    if (chunk === undefined || at + n > chunk.length) { for (let i = 0; i < n; i++) this.push(xs[i]!); return; }
    for (let i = 0; i < n; i++) chunk[at + i] = xs[i]!;
    this.length += n;
  }
  /** `out[0..n)` from the values at `from..from+n`, read straight from the chunk when it holds them all. */
  readInto(from: number, n: number, out: Int32Array): void {
    const chunk = this.chunks[from >>> 20], at = from & (CHUNK - 1);
    // No chunk: nothing was pushed (rows of a spec without variables are empty).
    if (chunk === undefined || at + n > chunk.length) { for (let i = 0; i < n; i++) out[i] = this.get(from + i); return; }
    for (let i = 0; i < n; i++) out[i] = chunk[at + i]!;
  }
  get(i: number): number { return this.chunks[i >>> 20]![i & (CHUNK - 1)]!; }
  get bytes(): number { return this.chunks.reduce((sum, c) => sum + c.byteLength, 0); }
}

function allocate(n: number): Int32Array {
  try { return new Int32Array(n); } catch { throw new OutOfMemory(`cannot allocate ${(n * 4) >> 20} MiB more for the state store`); }
}

/** Per-variable value tables: value → id (by structural hash and identity), id → value. */
export class ValueTable {
  private readonly ids = new Map<number, number | number[]>();
  readonly values: Value[] = [];
  /** The id of `v`, or -1 when it has none yet. */
  find(v: Value): number {
    const hit = this.ids.get(hashValue(v));
    if (hit === undefined) return -1;
    if (typeof hit === 'number') return same(this.values[hit]!, v) ? hit : -1;
    for (const id of hit) if (same(this.values[id]!, v)) return id;
    return -1;
  }
  intern(v: Value): number {
    const h = hashValue(v);
    const hit = this.ids.get(h);
    if (hit !== undefined) {
      if (typeof hit === 'number') { if (same(this.values[hit]!, v)) return hit; }
      else for (const id of hit) if (same(this.values[id]!, v)) return id;
    }
    const id = this.values.length;
    this.values.push(v);
    if (hit === undefined) this.ids.set(h, id);
    else if (typeof hit === 'number') this.ids.set(h, [hit, id]);
    else hit.push(id);
    return id;
  }
}

/**
 * A yes/no memo by value id (ids are dense: a variable's values are numbered as interned), for an
 * invariant conjunct that reads one variable (`v`): a byte a value, where a Map lookup per
 * conjunct per state cost more than the conjunct.
 */
export class IdMemo {
  private known = new Uint8Array(64);
  constructor(private readonly v: number) {}
  /** The key of a state's row: its variable's id. */
  key(row: ArrayLike<number>): number { return row[this.v]!; }
  /** true, false, or undefined when not decided yet. */
  get(id: number): boolean | undefined {
    const k = id < this.known.length ? this.known[id]! : 0;
    return k === 0 ? undefined : k === 1;
  }
  set(id: number, ok: boolean): void {
    if (id >= this.known.length) {
      const bigger = new Uint8Array(Math.max(id + 1, this.known.length * 2));
      bigger.set(this.known);
      this.known = bigger;
    }
    this.known[id] = ok ? 1 : 2;
  }
}

/**
 * IdMemo's kind for a conjunct that reads several variables (`vars`): yes/no by the tuple of their
 * ids, packed into one number (they share its 52 bits). A tuple with an id too big to pack, or one
 * found after `cap` are kept, is not remembered: it is evaluated each time, as with no memo. The
 * cap bounds its memory (a Map entry a tuple, a few MiB at most), which the search's memory limit
 * does not count; the most any conjunct of the 64 zswap configs holds is 323.
 */
export class TupleMemo {
  private readonly known = new Map<number, boolean>();
  private readonly base: number;
  constructor(private readonly vars: readonly number[], private readonly cap = 1 << 16) { this.base = 2 ** Math.floor(52 / vars.length); }
  /** The key of a state's row: its variables' ids packed, or -1 when one is too big. */
  key(row: ArrayLike<number>): number {
    let k = 0;
    for (let i = 0; i < this.vars.length; i++) {
      const id = row[this.vars[i]!]!;
      if (id >= this.base) return -1;
      k = k * this.base + id;
    }
    return k;
  }
  get(key: number): boolean | undefined { return this.known.get(key); }
  /** Remembers `ok` for `key`; a key of -1 (unpackable) is never stored, so it is never found. */
  set(key: number, ok: boolean): void { if (key >= 0 && this.known.size < this.cap) this.known.set(key, ok); }
}

export class StateRows {
  private readonly data = new ChunkedInts();
  private readonly parents = new ChunkedInts();
  constructor(readonly width: number) {}
  get count(): number { return this.parents.length; }
  add(row: ArrayLike<number>, parent: number): number {
    this.data.pushAll(row, this.width);
    this.parents.push(parent);
    return this.parents.length - 1;
  }
  read(id: number, out: Int32Array): void {
    this.data.readInto(id * this.width, this.width, out);
  }
  parent(id: number): number { return this.parents.get(id); }
  get bytes(): number { return this.data.bytes + this.parents.bytes; }
}

/** Two independent 32-bit hashes of a row (murmur3 finalisers): a 64-bit fingerprint. */
export function fingerprint(row: ArrayLike<number>, n: number, out: Uint32Array): void {
  let h1 = 0x9747b28c, h2 = 0x2545f491;
  for (let i = 0; i < n; i++) {
    let k = Math.imul(row[i]! ^ (i << 24), 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h1 ^= k; h1 = (h1 << 13) | (h1 >>> 19); h1 = (Math.imul(h1, 5) + 0xe6546b64) | 0;
    h2 ^= Math.imul(row[i]! + i, 0x85ebca6b); h2 = (h2 << 17) | (h2 >>> 15); h2 = (Math.imul(h2, 0x27d4eb2d) + 0x165667b1) | 0;
  }
  out[0] = fmix(h1 ^ n);
  out[1] = fmix(h2 ^ (n * 31));
}
function fmix(h: number): number {
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/**
 * Open addressing (linear probing) over 64-bit fingerprints; (0, 0) marks an empty slot. With
 * `withIds`, each fingerprint also keeps its state's id (4 bytes more a slot), so a successor
 * seen before can be named: liveness checking needs the state graph's edges.
 */
export class FingerprintSet {
  private hi: Uint32Array;
  private lo: Uint32Array;
  private ids: Int32Array | undefined;
  private mask: number;
  size = 0;
  /** After `add` returned false: the id stored with that fingerprint (with `withIds`). */
  foundId = -1;
  /** `maxLog2`: the table never grows past 2^maxLog2 slots; adding more states is an `OutOfMemory`. */
  constructor(capacityLog2 = 12, private readonly maxLog2 = 30, withIds = false) {
    this.hi = allocU32(1 << capacityLog2);
    this.lo = allocU32(1 << capacityLog2);
    this.ids = withIds ? new Int32Array(allocU32(1 << capacityLog2).buffer) : undefined;
    this.mask = (1 << capacityLog2) - 1;
  }
  get bytes(): number { return this.hi.byteLength * (this.ids ? 3 : 2); }
  /** True when the fingerprint was not there before (then stored with `id`). */
  add(h: number, l: number, id = 0): boolean {
    if (h === 0 && l === 0) l = 1;
    const i = this.slotOf(h, l);
    if (this.hi[i] !== 0 || this.lo[i] !== 0) { this.foundId = this.ids ? this.ids[i]! : -1; return false; }
    this.hi[i] = h; this.lo[i] = l;
    if (this.ids) this.ids[i] = id;
    if (++this.size * 4 > (this.mask + 1) * 3) this.grow();
    return true;
  }
  /** The id stored with a fingerprint (with `withIds`), or -1 when it is not in the table. */
  find(h: number, l: number): number {
    if (h === 0 && l === 0) l = 1;
    const i = this.slotOf(h, l);
    return this.hi[i] === 0 && this.lo[i] === 0 ? -1 : this.ids ? this.ids[i]! : 0;
  }
  /** The fingerprint's slot, or the empty slot where it would go. */
  private slotOf(h: number, l: number): number {
    let i = (h ^ Math.imul(l, 0x9e3779b1)) & this.mask;
    for (;;) {
      const a = this.hi[i]!, b = this.lo[i]!;
      if ((a === 0 && b === 0) || (a === h && b === l)) return i;
      i = (i + 1) & this.mask;
    }
  }
  private grow(): void {
    const oldHi = this.hi, oldLo = this.lo, oldIds = this.ids;
    if (oldHi.length >= 2 ** this.maxLog2) throw new OutOfMemory(`the fingerprint table is full (${this.size} states in 2^${this.maxLog2} slots)`);
    this.hi = allocU32(oldHi.length * 2);
    this.lo = allocU32(oldHi.length * 2);
    if (oldIds) this.ids = new Int32Array(allocU32(oldHi.length * 2).buffer);
    this.mask = this.hi.length - 1;
    for (let j = 0; j < oldHi.length; j++) {
      const h = oldHi[j]!, l = oldLo[j]!;
      if (h === 0 && l === 0) continue;
      let i = (h ^ Math.imul(l, 0x9e3779b1)) & this.mask;
      while (this.hi[i] !== 0 || this.lo[i] !== 0) i = (i + 1) & this.mask;
      this.hi[i] = h; this.lo[i] = l;
      if (oldIds) this.ids![i] = oldIds[j]!;
    }
  }
}

function allocU32(n: number): Uint32Array {
  try { return new Uint32Array(n); } catch { throw new OutOfMemory(`cannot allocate ${(n * 4) >> 20} MiB for the fingerprint table`); }
}
