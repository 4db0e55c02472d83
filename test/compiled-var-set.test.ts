import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VarSet } from '../dsl/check/compiled/var-set.js';

/** Every index below `n` that `s` holds. */
const members = (s: VarSet, n: number) => [...Array(n).keys()].filter((i) => s.has(i));

describe('VarSet', () => {
  it('none holds nothing and all holds every index, across the 32-bit word boundary', () => {
    for (const n of [0, 1, 31, 32, 33, 43, 64, 65]) {
      expect(VarSet.none(n).isEmpty(), `${n}`).toBe(true);
      expect(VarSet.none(n).size).toBe(0);
      expect(members(VarSet.all(n), n)).toEqual([...Array(n).keys()]);
      expect(VarSet.all(n).size).toBe(n);
      expect(VarSet.all(n).isEmpty()).toBe(n === 0);
    }
  });
  it('add, addEach, addAll and copy act as a Set of the same indices would', () => {
    const op = fc.oneof(
      fc.record({ k: fc.constant('add' as const), i: fc.nat(69) }),
      fc.record({ k: fc.constant('each' as const), is: fc.array(fc.nat(69), { maxLength: 5 }) }),
      fc.record({ k: fc.constant('union' as const), is: fc.array(fc.nat(69), { maxLength: 5 }) }),
    );
    fc.assert(fc.property(fc.array(op, { maxLength: 12 }), (ops) => {
      const s = VarSet.none(70), ref = new Set<number>();
      for (const o of ops) {
        if (o.k === 'add') { s.add(o.i); ref.add(o.i); continue; }
        if (o.k === 'each') s.addEach(o.is);
        else { const other = VarSet.none(70); other.addEach(o.is); s.addAll(other); }
        o.is.forEach((i) => ref.add(i));
      }
      const want = [...ref].sort((a, b) => a - b);
      expect(members(s, 70)).toEqual(want);
      expect(s.size).toBe(ref.size);
      expect(s.isEmpty()).toBe(ref.size === 0);
      // A copy holds the same, and is its own: adding to it leaves the original as it was.
      const copied = s.copy();
      expect(members(copied, 70)).toEqual(want);
      copied.add(69); copied.add(0);
      expect(members(s, 70)).toEqual(want);
    }));
  });
});
