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

  private union(es: readonly ir.Expr[], minus?: ir.Binder): Reads {
    let out: Set<number> | undefined;
    for (const c of es) {
      const f = this.of(c);
      if (!f) return null;
      for (const b of f) if (b !== minus?.id) (out ??= new Set()).add(b);
    }
    return out ?? NO_BINDERS;
  }

  private both(a: Reads, b: Reads): Reads {
    if (!a || !b) return null;
    return a.size === 0 ? b : b.size === 0 ? a : new Set([...a, ...b]);
  }

  private compute(x: ir.Expr): Reads {
    switch (x.kind) {
      case 'bool': case 'int': case 'str': return NO_BINDERS;
      case 'bound': return new Set([x.binder.id]);
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
