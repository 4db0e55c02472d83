/**
 * Which bound names an expression reads, for the compiler's constant folding (compile.ts `expr`):
 * the ids of the binders it reads, or null when it reads state (a variable, a prime, `@`, a LET
 * name) or anything this analysis does not see through. An expression that reads no binder and no
 * state has one value however often it is evaluated, so the compiler evaluates it once.
 */
import type * as ir from '../../ir/nodes.js';

/** What the analysis needs of the module: its variables, the constants with values, its definitions. */
export interface ModuleNames {
  isVariable(name: string): boolean;
  isConstant(name: string): boolean;
  definition(name: string): ir.Definition | undefined;
}

export type Reads = ReadonlySet<number> | null;

/** The answer of every expression that reads no binder (most of them), shared. */
const NO_BINDERS: ReadonlySet<number> = new Set();

export class FreeBinders {
  /** Each node's answer; a definition's is its body's, so it is analysed once too. (A Map, faster than a WeakMap: its keys are the module's IR nodes, which the compiled spec keeps alive anyway.) */
  private readonly byExpr = new Map<ir.Expr, Reads>();

  constructor(private readonly names: ModuleNames) {}

  of(x: ir.Expr): Reads {
    const known = this.byExpr.get(x);
    if (known !== undefined) return known;
    this.byExpr.set(x, null); // in progress: a cycle reads state, as far as folding goes
    const r = this.compute(x);
    this.byExpr.set(x, r);
    return r;
  }

  /** Each binder's `{id}`, shared by every reference to it. */
  private readonly justBinder = new Map<number, ReadonlySet<number>>();

  /**
   * What `es` read together, less `minus`. A child's set is passed on as it is when the others
   * add nothing to it (most nodes): copying at every node had made this analysis a tenth of a compile.
   */
  private union(es: readonly ir.Expr[], minus?: ir.Binder): Reads {
    let out = NO_BINDERS;
    let owned: Set<number> | undefined;
    for (const c of es) {
      const f = this.of(c);
      if (!f) return null;
      if (f === out || f.size === 0) continue;
      if (out.size === 0 && (minus === undefined || !f.has(minus.id))) { out = f; continue; }
      let adds = false;
      for (const b of f) if (b !== minus?.id && !out.has(b)) { adds = true; break; }
      if (!adds) continue;
      owned ??= new Set(out);
      for (const b of f) if (b !== minus?.id) owned.add(b);
      out = owned;
    }
    return out;
  }

  private both(a: Reads, b: Reads): Reads {
    if (!a || !b) return null;
    if (a.size === 0 || a === b) return b;
    if (b.size === 0) return a;
    let adds = false;
    for (const x of b) if (!a.has(x)) { adds = true; break; }
    return adds ? new Set([...a, ...b]) : a;
  }

  private bound(id: number): ReadonlySet<number> {
    let s = this.justBinder.get(id);
    if (!s) this.justBinder.set(id, s = new Set([id]));
    return s;
  }

  private compute(x: ir.Expr): Reads {
    switch (x.kind) {
      case 'bool': case 'int': case 'str': return NO_BINDERS;
      case 'bound': return this.bound(x.binder.id);
      case 'ref': {
        if (this.names.isVariable(x.name)) return null;
        if (this.names.isConstant(x.name) || x.name === 'BOOLEAN') return NO_BINDERS;
        const d = this.names.definition(x.name);
        return d && !d.params.length && this.of(d.body)?.size === 0 ? NO_BINDERS : null;
      }
      case 'call': {
        // A definition's body reads no binder but its parameters; Assert is no definition, so
        // never folded (whether it holds depends on the asserts a search switched off).
        const d = this.names.definition(x.op);
        return d && this.of(d.body) ? this.union(x.args) : null;
      }
      case 'builtin': return x.op === 'ENABLED' || x.op === '[]' || x.op === '<>' ? null : this.union(x.args);
      case 'infix': return this.union([x.left, x.right]);
      case 'not': case 'neg': return this.union([x.operand]);
      case 'and': case 'or': return this.union(x.operands);
      case 'setEnum': case 'tuple': return this.union(x.elements);
      case 'quant': case 'choose': case 'setMap': case 'fn': {
        return this.both(this.union([x.set]), this.union([x.body], x.binder));
      }
      case 'setFilter': {
        return this.both(this.union([x.set]), this.union([x.pred], x.binder));
      }
      case 'record': case 'recordSet': return this.union(x.fields.map(([, v]) => v));
      case 'field': return this.union([x.record]);
      case 'apply': return this.union([x.fn, x.arg]);
      case 'fnSet': return this.union([x.dom, x.rng]);
      case 'if': return this.union([x.cond, x.then, x.else]);
      case 'case': return this.union([...x.arms.flatMap(([c, v]) => [c, v]), ...(x.other ? [x.other] : [])]);
      // `except` (its values may read `@`), primes, `@`, LET names, temporal and action forms.
      default: return null;
    }
  }
}
