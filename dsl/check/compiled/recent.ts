/**
 * The last few values by two string keys, first in first out: the compiled backend keeps its
 * last compilations by module text, then cfg (index.ts). Two levels, not one key joining the
 * two: that would copy and hash the whole module (about 100 KB for zswap) on every lookup.
 */
export class Recent<V> {
  private readonly byFirst = new Map<string, Map<string, V>>();
  private readonly order: (readonly [first: string, second: string])[] = [];

  constructor(private readonly keep: number) {}

  /** How many values are kept, and under how many first keys. */
  get size(): number { return this.order.length; }
  get groups(): number { return this.byFirst.size; }

  get(first: string, second: string): V | undefined {
    return this.byFirst.get(first)?.get(second);
  }

  /** Forgets every value. */
  clear(): void {
    this.byFirst.clear();
    this.order.length = 0;
  }

  /** Keeps `value` (replacing one under the same keys); the oldest other goes past `keep`. */
  set(first: string, second: string, value: V): void {
    let group = this.byFirst.get(first);
    if (group?.has(second)) { group.set(second, value); return; }
    if (this.order.length >= this.keep) {
      const [f, s] = this.order.shift()!;
      const old = this.byFirst.get(f)!;
      old.delete(s);
      if (!old.size) this.byFirst.delete(f);
      group = this.byFirst.get(first);
    }
    if (!group) this.byFirst.set(first, group = new Map());
    group.set(second, value);
    this.order.push([first, second]);
  }
}
