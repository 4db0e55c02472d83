/**
 * A set of a module's variables, by index, as bits. The compiler unions what each conjunct of
 * every step may assign (compile.ts `note`); an UNCHANGED of forty variables in each of sixty
 * steps made those unions, as `Set`s, a sixth of what compiling a zswap spec allocated.
 */
export class VarSet {
  private constructor(private readonly bits: Uint32Array) {}

  static none(nVars: number): VarSet { return new VarSet(new Uint32Array((nVars + 31) >>> 5)); }
  static all(nVars: number): VarSet {
    const s = VarSet.none(nVars);
    for (let i = 0; i < nVars; i++) s.add(i);
    return s;
  }

  copy(): VarSet { return new VarSet(this.bits.slice()); }
  has(i: number): boolean { return (this.bits[i >>> 5]! & (1 << (i & 31))) !== 0; }
  add(i: number): void { this.bits[i >>> 5]! |= 1 << (i & 31); }
  addEach(idx: readonly number[]): void { for (const i of idx) this.add(i); }
  addAll(other: VarSet): void { for (let w = 0; w < this.bits.length; w++) this.bits[w]! |= other.bits[w]!; }
  isEmpty(): boolean { return this.bits.every((w) => w === 0); }
  get size(): number {
    let n = 0;
    for (let w of this.bits) for (; w; w &= w - 1) n++;
    return n;
  }
}
