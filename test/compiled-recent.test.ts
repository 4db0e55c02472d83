/**
 * The compiled backend's memory of its last compilations (dsl/check/compiled/recent.ts): bounded,
 * oldest out first, each value under both its keys, nothing kept for a first key whose values all went.
 */
import { describe, expect, it } from 'vitest';
import { Recent } from '../dsl/check/compiled/recent.js';

describe('Recent', () => {
  it('keeps each value under both keys: the same first key with another second is another value', () => {
    const r = new Recent<number>(4);
    r.set('m', 'a', 1); r.set('m', 'b', 2); r.set('n', 'a', 3);
    expect([r.get('m', 'a'), r.get('m', 'b'), r.get('n', 'a'), r.get('n', 'b'), r.get('x', 'a')]).toEqual([1, 2, 3, undefined, undefined]);
    expect([r.size, r.groups]).toEqual([3, 2]);
  });
  it('holds at most `keep`, the oldest going first, and forgets a first key once none of its values is left', () => {
    const r = new Recent<number>(2);
    r.set('m', 'a', 1); r.set('n', 'a', 2); r.set('n', 'b', 3);
    expect([r.get('m', 'a'), r.get('n', 'a'), r.get('n', 'b')]).toEqual([undefined, 2, 3]);
    expect([r.size, r.groups]).toEqual([2, 1]);
    r.set('o', 'a', 4);
    expect([r.get('n', 'a'), r.get('n', 'b'), r.get('o', 'a')]).toEqual([undefined, 3, 4]);
    expect([r.size, r.groups]).toEqual([2, 2]);
  });
  it('a value set again under the same keys replaces it, pushes nothing out, and keeps its place (the oldest still goes first)', () => {
    const r = new Recent<number>(2);
    r.set('m', 'a', 1); r.set('m', 'b', 2); r.set('m', 'a', 5);
    expect([r.get('m', 'a'), r.get('m', 'b'), r.size, r.groups]).toEqual([5, 2, 2, 1]);
    r.set('m', 'c', 6);
    expect([r.get('m', 'a'), r.get('m', 'b'), r.get('m', 'c')]).toEqual([undefined, 2, 6]);
  });
  it('clear forgets every value and key, and the next values are kept as in a new one', () => {
    const r = new Recent<number>(2);
    r.set('m', 'a', 1); r.set('n', 'a', 2);
    r.clear();
    expect([r.get('m', 'a'), r.get('n', 'a'), r.size, r.groups]).toEqual([undefined, undefined, 0, 0]);
    r.set('m', 'a', 3); r.set('o', 'a', 4); r.set('p', 'a', 5);
    expect([r.get('m', 'a'), r.get('o', 'a'), r.get('p', 'a'), r.size, r.groups]).toEqual([undefined, 4, 5, 2, 2]);
  });
  it('an evicted pair can come back, as the newest', () => {
    const r = new Recent<number>(1);
    r.set('m', 'a', 1); r.set('m', 'b', 2); r.set('m', 'a', 3);
    expect([r.get('m', 'a'), r.get('m', 'b'), r.size, r.groups]).toEqual([3, undefined, 1, 1]);
  });
});
