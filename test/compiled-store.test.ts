/**
 * The compiled verifier's state store (dsl/check/compiled/store.ts) on its own: a store that
 * lost or merged states would pass a model with a violation, so each structure is checked for
 * keeping what it is given, across chunk boundaries, hash collisions and table growth.
 */
import { describe, expect, it } from 'vitest';
import { ChunkedInts, fingerprint, FingerprintSet, IdMemo, OutOfMemory, StateRows, TupleMemo, ValueTable } from '../dsl/check/compiled/store.js';
import { hashValue, IntervalValue, SetValue, show, TupleValue } from '../dsl/check/compiled/values.js';

const CHUNK = 1 << 20;

describe('ChunkedInts', () => {
  it('keeps every value across a chunk boundary, and counts whole chunks in bytes', () => {
    const c = new ChunkedInts();
    expect(c.bytes).toBe(0);
    for (let i = 0; i < CHUNK + 3; i++) c.push(i * 7 - 5);
    expect(c.length).toBe(CHUNK + 3);
    for (const i of [0, 1, CHUNK - 1, CHUNK, CHUNK + 2]) expect(c.get(i)).toBe(i * 7 - 5);
    expect(c.bytes).toBe(2 * CHUNK * 4);
  });
  it('starts small and doubles its first chunk, keeping every value through each copy', () => {
    const c = new ChunkedInts();
    c.push(42);
    expect(c.bytes).toBe(4096 * 4);
    for (let i = 1; i <= 4096 * 4; i++) c.push(i * 3);
    expect(c.bytes).toBe(4096 * 8 * 4);
    for (const i of [0, 1, 4095, 4096, 4097, 8191, 8192, 16_383, 16_384]) expect(c.get(i)).toBe(i === 0 ? 42 : i * 3);
  });
});

describe('ValueTable', () => {
  it('equal values get one id, different values their own, in order of arrival', () => {
    const t = new ValueTable();
    expect(t.intern(SetValue.of([1, 2]))).toBe(0);
    expect(t.intern(new TupleValue([1, 2]))).toBe(1);
    expect(t.intern(SetValue.of([2, 1]))).toBe(0);
    expect(t.intern('a')).toBe(2);
    expect(t.intern(new TupleValue([1, 2]))).toBe(1);
    expect(t.values.map(show)).toEqual(['{1, 2}', '<<1, 2>>', '"a"']);
  });
  it('values with the same hash stay apart (one, two and three in a bucket)', () => {
    // Integers past 32 bits hash as their low 32 bits: a collision the table must survive.
    const [x, y, z] = [5, 5 + 2 ** 32, 5 + 2 ** 33];
    expect(hashValue(y)).toBe(hashValue(x));
    expect(hashValue(z)).toBe(hashValue(x));
    const t = new ValueTable();
    expect([t.intern(x), t.intern(y), t.intern(z), t.intern(6)]).toEqual([0, 1, 2, 3]);
    expect([t.intern(z), t.intern(y), t.intern(x)]).toEqual([2, 1, 0]);
    expect(t.values).toEqual([x, y, z, 6]);
  });
  it('find: the id a value has, or -1 for one it has not, alone in its hash\'s bucket or among others (it adds nothing)', () => {
    const [x, y, z] = [5, 5 + 2 ** 32, 5 + 2 ** 33];
    const t = new ValueTable();
    expect(t.find(x)).toBe(-1);
    t.intern(x);
    expect([t.find(x), t.find(y)]).toEqual([0, -1]);
    t.intern(y);
    t.intern(z);
    expect([t.find(z), t.find(y), t.find(x), t.find(5 + 2 ** 34), t.find(6)]).toEqual([2, 1, 0, -1, -1]);
    expect(t.values).toEqual([x, y, z]);
  });
  it('a lazy set is interned by its printed form', () => {
    const t = new ValueTable();
    expect(t.intern(new IntervalValue(1, 3))).toBe(0);
    expect(t.intern(new IntervalValue(1, 3))).toBe(0);
    expect(t.intern(new IntervalValue(1, 4))).toBe(1);
  });
});

describe('IdMemo', () => {
  it('knows nothing until told, then true or false by id, past its first size too', () => {
    const m = new IdMemo(0);
    expect([m.get(0), m.get(63), m.get(64), m.get(10_000)]).toEqual([undefined, undefined, undefined, undefined]);
    m.set(0, false); m.set(63, true); m.set(64, true); m.set(1000, false);
    expect([m.get(0), m.get(1), m.get(63), m.get(64), m.get(65), m.get(1000)]).toEqual([false, undefined, true, true, undefined, false]);
  });
});

describe('TupleMemo', () => {
  it('keys a row by the ids of its variables, in their order: two rows agreeing on them share a key, any other differs', () => {
    const m = new TupleMemo([2, 0]);
    const k = m.key([5, 9, 7]);
    expect(k).toBeGreaterThanOrEqual(0);
    expect(m.key([5, 1, 7])).toBe(k);
    const others = [[7, 9, 5], [5, 9, 8], [6, 9, 7], [0, 9, 0], [1, 0, 5]].map((r) => m.key(r));
    expect(new Set([k, ...others]).size).toBe(6);
    expect(m.get(k)).toBeUndefined();
    m.set(k, false);
    m.set(m.key([1, 0, 1]), true);
    expect([m.get(k), m.get(m.key([1, 0, 1])), m.get(m.key([1, 0, 2]))]).toEqual([false, true, undefined]);
  });
  it('ids too big to pack exactly are not remembered; nor is anything past its cap', () => {
    const two = new TupleMemo([0, 1]);
    expect(two.key([2 ** 26 - 1, 2 ** 26 - 1])).toBe(2 ** 52 - 1);
    expect([two.key([2 ** 26, 0]), two.key([0, 2 ** 26])]).toEqual([-1, -1]);
    two.set(-1, true);
    expect(two.get(-1)).toBeUndefined();
    expect(new TupleMemo([0, 1, 2, 3]).key([0, 0, 0, 2 ** 13])).toBe(-1);
    const capped = new TupleMemo([0, 1], 2);
    for (const [i, ok] of [[0, true], [1, false], [2, true]] as const) capped.set(capped.key([i, i]), ok);
    expect([0, 1, 2].map((i) => capped.get(capped.key([i, i])))).toEqual([true, false, undefined]);
  });
});

describe('StateRows', () => {
  it('rows read back as written, with their parents, ids in order', () => {
    const rows = new StateRows(3);
    expect(rows.count).toBe(0);
    expect(rows.add([1, 2, 3], -1)).toBe(0);
    expect(rows.add(Int32Array.of(4, 5, 6, 99), 0)).toBe(1);
    expect(rows.add([7, 8, 9], 1)).toBe(2);
    expect(rows.count).toBe(3);
    const out = new Int32Array(3);
    rows.read(1, out);
    expect([...out]).toEqual([4, 5, 6]);
    rows.read(2, out);
    expect([...out]).toEqual([7, 8, 9]);
    rows.read(0, out);
    expect([...out]).toEqual([1, 2, 3]);
    expect([rows.parent(0), rows.parent(1), rows.parent(2)]).toEqual([-1, 0, 1]);
    expect(rows.bytes).toBe(2 * 4096 * 4); // two lists, each its first (smallest) chunk
  });
  // Width 7 straddles every boundary (row 585 crosses 4096, the first chunk's first size; 1170
  // crosses 8192; 149,796 crosses 2^20); width 8 ends a row exactly on each; width 17 overshoots
  // 4096 by exactly one (row 240 is 4080..4096).
  it.each([7, 8, 17])('rows of width %i read back as written on both sides of the first chunk\'s growths and of a chunk boundary', (width) => {
    const rows = new StateRows(width);
    const n = Math.ceil((CHUNK + 40) / width);
    const row = (id: number) => Int32Array.from({ length: width }, (_, i) => id * 100 + i + 1);
    for (let id = 0; id < n; id++) rows.add(row(id), id - 1);
    const out = new Int32Array(width);
    const around = (b: number) => [Math.floor(b / width) - 1, Math.floor(b / width), Math.floor(b / width) + 1, Math.floor((b - 1) / width)];
    for (const id of new Set([0, ...around(4096), ...around(8192), ...around(CHUNK), n - 1])) {
      rows.read(id, out);
      expect([...out], `row ${id}`).toEqual([...row(id)]);
      expect(rows.parent(id)).toBe(id - 1);
    }
  });
  it('rows of a spec without variables are empty, and read back so', () => {
    const rows = new StateRows(0);
    expect(rows.add([], -1)).toBe(0);
    expect(rows.add([], 0)).toBe(1);
    const out = new Int32Array(0);
    rows.read(1, out);
    expect([...out]).toEqual([]);
    expect(rows.parent(1)).toBe(0);
  });
});

describe('fingerprint', () => {
  const fp = (row: number[], n = row.length) => { const out = new Uint32Array(2); fingerprint(row, n, out); return `${out[0]},${out[1]}`; };
  it('is deterministic and tells apart rows that differ in a value, an order, or a length', () => {
    expect(fp([1, 2, 3])).toBe(fp([1, 2, 3]));
    const rows = [[], [0], [1], [0, 0], [0, 1], [1, 0], [1, 2, 3], [1, 3, 2], [3, 2, 1], [1, 2, 3, 0], [2, 2, 3], [1, 2, 4], [-1], [0, 0, 0]];
    expect(new Set(rows.map((r) => fp(r))).size).toBe(rows.length);
    expect(fp([1, 2, 3, 4], 3)).toBe(fp([1, 2, 3]));
  });
  it('each half alone tells apart small rows (a fingerprint is two independent hashes)', () => {
    const halves = (row: number[]) => { const out = new Uint32Array(2); fingerprint(row, row.length, out); return [out[0]!, out[1]!]; };
    const rows: number[][] = [];
    for (let a = 0; a < 20; a++) for (let b = 0; b < 20; b++) rows.push([a, b]);
    expect(new Set(rows.map((r) => halves(r)[0])).size).toBe(rows.length);
    expect(new Set(rows.map((r) => halves(r)[1])).size).toBe(rows.length);
  });
});

describe('FingerprintSet', () => {
  it('adds each fingerprint once and knows it afterwards, through several growths', () => {
    const s = new FingerprintSet(2);
    const keys: [number, number][] = [];
    for (let i = 0; i < 500; i++) keys.push([(i * 2654435761) >>> 0, i % 3 === 0 ? 0 : (i * 40503) >>> 0]);
    for (const [h, l] of keys) expect(s.add(h, l)).toBe(true);
    expect(s.size).toBe(500);
    for (const [h, l] of keys) expect(s.add(h, l)).toBe(false);
    expect(s.size).toBe(500);
    // 500 entries at most 3/4 full: 1024 slots, two arrays of 4 bytes each.
    expect(s.bytes).toBe(1024 * 8);
  });
  it('fingerprints that share a half are different', () => {
    const s = new FingerprintSet(4);
    expect(s.add(7, 1)).toBe(true);
    expect(s.add(7, 2)).toBe(true);
    expect(s.add(8, 1)).toBe(true);
    expect(s.add(1, 7)).toBe(true);
    expect(s.add(7, 1)).toBe(false);
    expect(s.size).toBe(4);
  });
  it('fingerprints that start probing at the same slot stay apart (same low half, high halves differing above the mask)', () => {
    const s = new FingerprintSet(4); // mask 15: h = 1 and h = 17 start at the same slot for the same l
    expect(s.add(1, 5)).toBe(true);
    expect(s.add(17, 5)).toBe(true);
    expect(s.add(33, 5)).toBe(true);
    expect(s.add(17, 5)).toBe(false);
    expect(s.size).toBe(3);
    // Same high half, low halves 16 apart: the same start slot too.
    expect(s.add(3, 6)).toBe(true);
    expect(s.add(3, 22)).toBe(true);
    expect(s.size).toBe(5);
  });
  it('only (0, 0) itself is moved to (0, 1)', () => {
    const s = new FingerprintSet(4);
    expect(s.add(0, 5)).toBe(true);
    expect(s.add(0, 1)).toBe(true);
    expect(s.add(5, 0)).toBe(true);
    expect(s.add(5, 1)).toBe(true);
    expect(s.add(3, 7)).toBe(true);
    expect(s.add(3, 1)).toBe(true);
    expect(s.size).toBe(6);
  });
  it('(0, 0) marks an empty slot, so it is stored as (0, 1)', () => {
    const s = new FingerprintSet(4);
    expect(s.add(0, 0)).toBe(true);
    expect(s.add(0, 0)).toBe(false);
    expect(s.add(0, 1)).toBe(false);
    expect(s.add(1, 0)).toBe(true);
    expect(s.add(1, 0)).toBe(false);
  });
  it('grows when more than three quarters full, and not before', () => {
    const s = new FingerprintSet(3); // 8 slots
    for (let i = 1; i <= 6; i++) s.add(i, i);
    expect(s.bytes).toBe(8 * 8);
    s.add(7, 7); // 7 of 8: over 3/4
    expect(s.bytes).toBe(16 * 8);
    for (let i = 1; i <= 7; i++) expect(s.add(i, i)).toBe(false);
  });
  it('with ids (for the state graph\'s edges): find names each fingerprint\'s id, through several growths, and -1 for one never added', () => {
    const s = new FingerprintSet(2, 30, true);
    const keys: [number, number][] = [];
    // Some with a zero high half, some with a zero low half, all distinct.
    for (let i = 0; i < 500; i++) keys.push(i % 5 === 0 ? [0, i + 1] : [(i * 2654435761) >>> 0, i % 3 === 0 ? 0 : (i * 40503) >>> 0]);
    keys.forEach(([h, l], id) => expect(s.add(h, l, id)).toBe(true));
    keys.forEach(([h, l], id) => expect(s.find(h, l)).toBe(id));
    // Adding one again keeps its first id, and says which it is.
    keys.forEach(([h, l], id) => { expect(s.add(h, l, 999)).toBe(false); expect(s.foundId).toBe(id); });
    expect(s.find(12_345, 678)).toBe(-1);
    // Three arrays of 4 bytes a slot: high halves, low halves, ids.
    expect(s.bytes).toBe(1024 * 12);
  });
  it('find: (0, 0) is looked up where it is stored, as (0, 1); a fingerprint with a zero half is found', () => {
    const s = new FingerprintSet(4, 30, true);
    expect(s.find(0, 0)).toBe(-1);
    s.add(0, 0, 7);
    s.add(0, 5, 8);
    s.add(5, 0, 9);
    expect([s.find(0, 0), s.find(0, 1), s.find(0, 5), s.find(5, 0), s.find(5, 5)]).toEqual([7, 7, 8, 9, -1]);
  });
  it('without ids: find says 0 for a fingerprint it holds, -1 for one it does not; foundId is -1', () => {
    const s = new FingerprintSet(4);
    s.add(3, 4);
    expect([s.find(3, 4), s.find(4, 3)]).toEqual([0, -1]);
    expect(s.add(3, 4)).toBe(false);
    expect(s.foundId).toBe(-1);
  });
  it('past its largest size, adding is out of memory, with the count in the message', () => {
    const s = new FingerprintSet(2, 3); // 4 slots, may grow to 8
    for (let i = 1; i <= 6; i++) s.add(i, i);
    expect(s.bytes).toBe(8 * 8);
    let error: unknown;
    try { s.add(7, 7); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(OutOfMemory);
    expect((error as Error).message).toBe('the fingerprint table is full (7 states in 2^3 slots)');
  });
});
