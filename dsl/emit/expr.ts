import type * as ir from '../ir/nodes.js';
import { exprChildren, soleOperand, unreachable } from '../ir/walk.js';
import { Writer } from './writer.js';

/** Lines longer than this are broken into aligned `/\` and `\/` lists where the grammar allows. */
const WIDTH = 100;

/** TLA+ precedence (the low end of each operator's range in the TLA+ book's table). */
const PREC: Record<ir.InfixOp, number> = {
  '=>': 1, '<=>': 2, '~>': 2,
  '=': 5, '#': 5, '<': 5, '<=': 5, '>': 5, '>=': 5, '\\in': 5, '\\notin': 5, '\\subseteq': 5,
  ':>': 7, '@@': 6, '..': 9, '\\cup': 8, '\\cap': 8, '\\': 8,
  '+': 10, '-': 11, '*': 13, '\\div': 13, '%': 10, '\\o': 13,
};
const ASSOCIATIVE = new Set<ir.InfixOp>(['+', '*', '\\cup', '\\cap', '@@', '\\o']);
const MODULAR = new Set<ir.InfixOp>(['%', '\\div']);
const JUNCTION_PREC = 3;
const NOT_PREC = 4;

/**
 * The names the LETs in `exprs` define: a definition's bound identifiers are named apart from
 * them too, since TLA+ refuses a LET name that an enclosing bound identifier has, and a bound
 * identifier under a LET of its name.
 */
export function letNames(...exprs: readonly ir.Expr[]): string[] {
  const out: string[] = [];
  const visit = (e: ir.Expr): void => {
    if (e.kind === 'let') out.push(e.name);
    for (const c of exprChildren(e)) visit(c);
  };
  for (const e of exprs) visit(e);
  return out;
}

/**
 * Names bound identifiers uniquely within one definition (TLA+ forbids shadowing), and keeps the
 * author's hint where it is free.
 */
export class Scope {
  private readonly names = new Map<number, string>();
  constructor(private readonly taken: Set<string>) {}
  bind(b: ir.Binder): string {
    let name = b.hint;
    for (let i = 2; this.taken.has(name); i++) name = `${b.hint}${i}`;
    this.names.set(b.id, name);
    this.taken.add(name);
    return name;
  }
  release(b: ir.Binder): void {
    const n = this.names.get(b.id);
    if (n) this.taken.delete(n);
  }
  nameOf(b: ir.Binder): string {
    const n = this.names.get(b.id);
    if (!n) throw new Error(`internal: bound identifier '${b.hint}' used outside its scope`);
    return n;
  }
  /** A copy for measuring a layout without disturbing the real scope. */
  fork(): Scope {
    const s = new Scope(new Set(this.taken));
    for (const [k, v] of this.names) s.names.set(k, v);
    return s;
  }
}

/**
 * Prints IR expressions. `block` prints at a position where a multi-line layout is allowed
 * (a definition body, a list bullet, a quantifier body); `inline` prints on one line.
 */
export class ExprPrinter {
  constructor(private readonly w: Writer, private readonly def: string, private scope: Scope) {}

  /** Inside an IF's branch printed as a block (see `misread`): how many deep. */
  private ifDepth = 0;

  /**
   * Print `e` starting at the writer's current column, breaking lines where it helps;
   * `bracketed`: inside brackets, which its span includes (as an operand's does).
   */
  block(e: ir.Expr, bracketed = false): void {
    const col = this.w.column;
    this.w.span(this.def, 'expr', e.loc, () => {
      if (!bracketed) return this.layout(e, col);
      this.w.write('(');
      this.layout(e, col + 1);
      this.w.write(')');
    });
  }

  private layout(e: ir.Expr, col: number): void {
    switch (e.kind) {
      case 'and':
      case 'or':
        if (e.operands.length === 0) return this.w.write(e.kind === 'and' ? 'TRUE' : 'FALSE');
        if (e.operands.length === 1) return this.block(e.operands[0]!);
        return this.bullets(e.kind === 'and' ? '/\\' : '\\/', e.operands, col);
      case 'quant':
        if (this.fits(e, col)) return this.printInline(e, 0);
        return this.withBinder(e.binder, e.set, `${e.quantifier} `, ' :', () => { this.w.newline(col + 2); this.block(e.body); });
      case 'if':
        if (this.fits(e, col)) return this.printInline(e, 0);
        this.w.write('IF '); this.inline(e.cond, 0);
        this.ifDepth++;
        try {
          this.w.newline(col); this.w.write('THEN '); this.block(e.then);
          this.w.newline(col); this.w.write('ELSE '); this.block(e.else);
        } finally { this.ifDepth--; }
        return;
      case 'let':
        this.w.write(`LET ${e.name} == `); this.inline(e.value, 0);
        this.w.newline(col); this.w.write('IN  '); this.block(e.body);
        return;
      case 'case':
        if (this.fits(e, col)) return this.printInline(e, 0);
        e.arms.forEach(([c, v], i) => {
          if (i > 0) this.w.newline(col + 2);
          this.w.write(i === 0 ? 'CASE ' : '[] ');
          this.arm(e, i);
        });
        if (e.other) { this.w.newline(col + 2); this.w.write('[] OTHER -> '); this.inline(e.other, 0); }
        return;
      default:
        return this.printInline(e, 0);
    }
  }

  private bullets(op: string, es: readonly ir.Expr[], col: number): void {
    es.forEach((item, i) => {
      if (i > 0) this.w.newline(col);
      this.w.write(`${op} `);
      this.block(item, this.misread(op, item, i === es.length - 1));
    });
  }

  /**
   * Whether tla-checker 0.9.0 misreads `item` as a bullet of an `op` list, so it is bracketed
   * (SANY reads either alike; test/tla-checker-gaps.test.ts): an item ending in a CASE or a
   * CHOOSE swallows the `\/` bullets after it into that arm or body; and in a list in an IF's
   * branch, such an item, a LET, an implication or an equivalence makes it lose the definition
   * ("undefined variable"), the bullets after it ("not assigned") or some successors.
   */
  private misread(op: string, item: ir.Expr, last: boolean): boolean {
    if (endsIn(item, CASE_OR_CHOOSE)) return (op === '\\/' && !last) || this.ifDepth > 0;
    if (this.ifDepth === 0) return false;
    const x = soleOperand(item);
    return endsIn(item, LET) || (x.kind === 'infix' && (x.op === '=>' || x.op === '<=>'));
  }

  /**
   * Arm `i` of a CASE, `cond -> value`, each bracketed when it ends in a CASE that arms after it
   * follow: that CASE would take them as its own (SANY and TLC read it so).
   */
  private arm(e: Extract<ir.Expr, { kind: 'case' }>, i: number): void {
    const [c, v] = e.arms[i]!;
    const more = i < e.arms.length - 1 || e.other !== undefined;
    this.inline(c, endsIn(c, CASE) ? 1 : 0);
    this.w.write(' -> ');
    this.inline(v, more && endsIn(v, CASE) ? 1 : 0);
  }

  /** Would `e` fit on the rest of this line without needing a list layout? */
  fits(e: ir.Expr, col: number): boolean {
    if (hasJunctionList(e)) return false;
    const probe = new Writer(false);
    new ExprPrinter(probe, this.def, this.scope.fork()).inline(e, 0);
    const text = probe.toString();
    return !text.includes('\n') && col + text.length <= WIDTH;
  }

  /**
   * Print on one line. `ctx` is the precedence of the surrounding operator: a lower-precedence
   * expression is parenthesised, and so is any expression that extends as far right as it can
   * (quantifiers, IF, CASE, LET) when it is an operand.
   */
  inline(e: ir.Expr, ctx: number): void {
    this.w.span(this.def, 'expr', e.loc, () => this.printInline(e, ctx));
  }

  private paren(need: boolean, body: () => void): void {
    if (need) this.w.write('(');
    body();
    if (need) this.w.write(')');
  }

  private list(es: readonly ir.Expr[], sep = ', ', ctx = 0): void {
    es.forEach((x, i) => { if (i > 0) this.w.write(sep); this.inline(x, ctx); });
  }

  private printInline(e: ir.Expr, ctx: number): void {
    const w = this.w;
    switch (e.kind) {
      case 'bool': return w.write(e.value ? 'TRUE' : 'FALSE');
      case 'int': return this.paren(e.value < 0 && ctx > 0, () => w.write(String(e.value)));
      case 'str': return w.write(JSON.stringify(e.value));
      case 'ref': return w.write(e.name);
      case 'bound': return w.write(this.scope.nameOf(e.binder));
      case 'at': return w.write('@');
      case 'prime': this.inline(e.operand, 100); return w.write("'");
      case 'call':
        w.write(e.op);
        if (e.args.length) { w.write('('); this.list(e.args); w.write(')'); }
        return;
      case 'builtin': return this.builtin(e, ctx);
      case 'infix': {
        const p = PREC[e.op];
        // A range under a set operator (`A \cup 1..N`) is bracketed although `..` binds tighter:
        // tla-checker 0.9.0 parses it the other way round.
        const rangeInSetOp = e.op === '..' && ctx >= PREC['\\cup'];
        return this.paren((ctx >= p && ctx !== 0) || rangeInSetOp, () => {
          // `%` and `\div` share precedence ranges with `+`/`-` (10-11): bracket their operands.
          const own = MODULAR.has(e.op) ? 100 : p;
          const left = e.left.kind === 'infix' && e.left.op === e.op && ASSOCIATIVE.has(e.op) ? p - 1 : own;
          this.inline(e.left, left);
          w.write(e.op === '..' ? e.op : ` ${e.op} `);
          this.inline(e.right, own);
        });
      }
      case 'not': return this.paren(ctx > NOT_PREC, () => { w.write('~'); this.inline(e.operand, 100); });
      case 'neg': return this.paren(ctx > 0, () => { w.write('-'); this.inline(e.operand, 100); });
      case 'and':
      case 'or': {
        if (e.operands.length === 0) return w.write(e.kind === 'and' ? 'TRUE' : 'FALSE');
        if (e.operands.length === 1) return this.inline(e.operands[0]!, ctx);
        // Items at junction precedence: nested junctions and quantifiers get brackets.
        return this.paren(ctx !== 0, () => this.list(e.operands, e.kind === 'and' ? ' /\\ ' : ' \\/ ', JUNCTION_PREC));
      }
      case 'quant':
        return this.paren(ctx !== 0, () => this.withBinder(e.binder, e.set, `${e.quantifier} `, ' : ', () => this.inline(e.body, 0)));
      case 'choose':
        return this.paren(ctx !== 0, () => this.withBinder(e.binder, e.set, 'CHOOSE ', ' : ', () => this.inline(e.body, 0)));
      case 'setEnum': w.write('{'); this.list(e.elements); return w.write('}');
      case 'setFilter':
        return this.withBinder(e.binder, e.set, '{', ' : ', () => this.inline(e.pred, 0), '}');
      case 'setMap': {
        // `{body : x \in S}`: the binder is in scope in body, which is printed first.
        w.write('{');
        const name = this.scope.bind(e.binder);
        this.inline(e.body, 0);
        w.write(` : ${name} \\in `);
        this.scope.release(e.binder);
        this.inline(e.set, 0);
        return w.write('}');
      }
      case 'tuple': w.write('<<'); this.list(e.elements); return w.write('>>');
      case 'record':
        w.write('[');
        e.fields.forEach(([n, v], i) => { if (i > 0) w.write(', '); w.write(`${n} |-> `); this.inline(v, 0); });
        return w.write(']');
      case 'recordSet':
        w.write('[');
        e.fields.forEach(([n, v], i) => { if (i > 0) w.write(', '); w.write(`${n} : `); this.inline(v, 0); });
        return w.write(']');
      case 'field':
        // tla-checker cannot parse a field access on an operator result: `Head(s).f` is written `s[1].f`.
        if (e.record.kind === 'builtin' && e.record.op === 'Head') {
          this.inline(e.record.args[0]!, 100); w.write('[1]');
        } else this.inline(e.record, 100);
        return w.write(`.${e.name}`);
      case 'apply': this.inline(e.fn, 100); w.write('['); this.inline(e.arg, 0); return w.write(']');
      case 'fn':
        return this.withBinder(e.binder, e.set, '[', ' |-> ', () => this.inline(e.body, 0), ']');
      case 'fnSet': w.write('['); this.inline(e.dom, 0); w.write(' -> '); this.inline(e.rng, 0); return w.write(']');
      case 'except':
        w.write('['); this.inline(e.fn, 0); w.write(' EXCEPT ');
        e.updates.forEach((u, i) => {
          if (i > 0) w.write(', ');
          w.write('!');
          for (const p of u.path) {
            if (p.kind === 'field') w.write(`.${p.name}`);
            else { w.write('['); this.inline(p.key, 0); w.write(']'); }
          }
          w.write(' = ');
          this.inline(u.value, 0);
        });
        return w.write(']');
      case 'if':
        return this.paren(ctx !== 0, () => {
          w.write('IF '); this.inline(e.cond, 0); w.write(' THEN '); this.inline(e.then, 0); w.write(' ELSE '); this.inline(e.else, 0);
        });
      case 'case':
        return this.paren(ctx !== 0, () => {
          e.arms.forEach((_, i) => { w.write(i === 0 ? 'CASE ' : ' [] '); this.arm(e, i); });
          if (e.other) { w.write(' [] OTHER -> '); this.inline(e.other, 0); }
        });
      case 'let':
        return this.paren(ctx !== 0, () => { w.write(`LET ${e.name} == `); this.inline(e.value, 0); w.write(' IN '); this.inline(e.body, 0); });
      case 'fair':
        w.write(`${e.strong ? 'SF' : 'WF'}_vars(`); this.inline(e.action, 0); return w.write(')');
      case 'boxAction': {
        w.write('[]['); this.inline(e.action, 0); w.write(']_');
        if (!e.sub) return w.write('vars');
        // A subscript is a name or a tuple; anything else is parenthesised.
        const bare = e.sub.kind === 'ref' || e.sub.kind === 'tuple';
        if (!bare) w.write('(');
        this.inline(e.sub, 0);
        return bare ? undefined : w.write(')');
      }
      case 'unchanged':
        return w.write(e.names.length === 1 ? `UNCHANGED ${e.names[0]}` : `UNCHANGED <<${e.names.join(', ')}>>`);
      case 'local': case 'self':
        // Lowering binds both inside processes; rules ZT031 and ZT032 reject them anywhere else.
        throw new Error(`internal: '${e.kind}' reached the printer (in ${this.def})`);
      default:
        return unreachable(e);
    }
  }

  private builtin(e: Extract<ir.Expr, { kind: 'builtin' }>, ctx: number): void {
    const w = this.w;
    switch (e.op) {
      case 'DOMAIN': case 'SUBSET': case 'UNION': case 'ENABLED':
        return this.paren(ctx > 9, () => { w.write(`${e.op} `); this.inline(e.args[0]!, 100); });
      case '[]': case '<>':
        return this.paren(ctx > 4, () => { w.write(e.op); this.inline(e.args[0]!, 100); });
      default:
        w.write(`${e.op}(`); this.list(e.args); return w.write(')');
    }
  }

  /** `prefix x \in S sep body suffix`, with x in scope only in body. */
  private withBinder(b: ir.Binder, set: ir.Expr, prefix: string, sep: string, body: () => void, suffix = ''): void {
    this.w.write(prefix);
    const name = this.scope.bind(b);
    // Bound before S is printed: S cannot mention x, and a distinct name reads better anyway.
    this.w.write(`${name} \\in `);
    this.inline(set, 0);
    this.w.write(sep);
    body();
    this.scope.release(b);
    this.w.write(suffix);
  }
}

const CASE: ReadonlySet<ir.Expr['kind']> = new Set(['case']);
const CASE_OR_CHOOSE: ReadonlySet<ir.Expr['kind']> = new Set(['case', 'choose']);
const LET: ReadonlySet<ir.Expr['kind']> = new Set(['let']);

/**
 * Whether `e` as printed ends in one of `kinds` with no bracket after it: itself, or last in its
 * quantifier's, CHOOSE's or LET's body, its ELSE, its CASE's last arm or its list's last item, as
 * the printer writes those (an operand is bracketed).
 */
function endsIn(e: ir.Expr, kinds: ReadonlySet<ir.Expr['kind']>): boolean {
  if (kinds.has(e.kind)) return true;
  switch (e.kind) {
    case 'quant': case 'choose': case 'let': return endsIn(e.body, kinds);
    case 'if': return endsIn(e.else, kinds);
    case 'case': return endsIn(e.other ?? e.arms.at(-1)![1], kinds);
    case 'and': case 'or': return e.operands.length > 0 && endsIn(e.operands.at(-1)!, kinds);
    default: return false;
  }
}


function hasJunctionList(e: ir.Expr): boolean {
  return (e.kind === 'and' || e.kind === 'or') && e.operands.length > 1
    || e.kind === 'quant' && hasJunctionList(e.body)
    || e.kind === 'if' && (hasJunctionList(e.then) || hasJunctionList(e.else))
    || e.kind === 'let' && hasJunctionList(e.body);
}
