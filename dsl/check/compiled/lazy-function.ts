/**
 * A function constructor TLC has not built: the FcnLambdaValue that OPCODE_fc makes where the
 * function is about to be applied (OPCODE_fa evaluates it with KeepLazy) and that
 * FcnLambdaValue#apply evaluates at one argument alone. Never in a state nor compared: it lives
 * while the application that made it runs — in an operator's parameter, an EXCEPT's `@`, or as
 * the value of an EXCEPT of another — and is built wherever a value is needed.
 */
import { placeText, type TlaLocation } from '../result.js';
import { elements, equals, EvalError, makeFn, member, replacePath, show, toStored, type Value } from './values.js';

/** `v` as a value: a lazy function built. */
const built = <E extends Bound>(e: E, v: Value | LazyFunction<E>): Value => (v instanceof LazyFunction ? v.value(e) : v);

/** No saved slots. */
const NOTHING: unknown[] = [];

/** What evaluation reads the bound identifiers from: slots, as the compiler numbers them. */
interface Bound { b: unknown[] }

/** How TLC prints a function it cannot build (FcnLambdaValue#toString): its bound name, and where its body is. */
export interface WrittenAs { readonly name: string; readonly bodyAt: TlaLocation }

export class LazyFunction<E extends Bound = Bound> {
  constructor(
    readonly domain: Value,
    /** The bound variable's slot. */
    private readonly slot: number,
    /** The body at one argument: a value, or, where that is applied again, maybe a LazyFunction itself. */
    private readonly body: (e: E) => Value | LazyFunction<E>,
    /** The body as a value, to build the whole function for a message. */
    private readonly element: (e: E) => Value,
    /**
     * The slots bound between the constructor and its application (a call's parameters, a LET's
     * name, an enclosing lazy function's bound variable) and their values when it was made: its
     * context, which those constructs have put back by the time it is applied.
     */
    private readonly captured: readonly number[],
    private readonly values: readonly unknown[],
    private readonly written: WrittenAs | undefined,
    /** The body as a formula of a step, where the application is one (`enter`). */
    private readonly steps: ((e: E, k: () => void) => void) | undefined,
    /**
     * `[f EXCEPT ![k1][k2]… = v]` of it, each path and value, in the order taken: TLC keeps them
     * with the FcnLambdaValue (takeExcept). A value may be a lazy function: `@` itself, kept.
     */
    private readonly excepts: readonly (readonly [readonly Value[], Value | LazyFunction<E>])[] = [],
  ) {}

  /**
   * `f[arg]` as a formula of a step, as TLC's getNextStates takes it (OPCODE_fa): the body at
   * `arg` is entered as a formula of the step, `k`, the rest of the step, run inside it — its
   * frames on the stack of an error there. TLC passes its EXCEPTs over here (it reads the body).
   */
  enter(e: E, arg: Value, k: () => void, fnAt: TlaLocation | undefined): void {
    const steps = this.steps;
    if (!steps) throw new Error('internal: a lazy function entered as a formula of a step was not compiled as one');
    // TLC's message there (Tool#getFcnContext) runs the argument into "which" and ends with where the function is.
    if (!member(arg, this.domain)) this.outside(e, arg, (shown) => `${shown}which is not in its domain.\n${fnAt ? placeText(fnAt) : ''}`);
    this.at(e, arg, (e1) => steps(e1, k));
  }

  /**
   * The function at `arg`: TLC's FcnLambdaValue#apply, its message for an argument outside the
   * domain. `keepLazy`: the result is applied again (TLC's KeepLazy), so a constructor the body
   * gives may stay one; otherwise a value.
   */
  apply(e: E, arg: Value, keepLazy: boolean): Value | LazyFunction<E> {
    return this.elementAt(e, arg, keepLazy) ?? this.outside(e, arg);
  }

  /**
   * The function at `k` for an EXCEPT's `@` (FcnLambdaValue#select), undefined outside the domain
   * (TLC warns and takes no EXCEPT there): the body as made, with KeepLazy, so maybe lazy itself.
   */
  select(e: E, k: Value): Value | LazyFunction<E> | undefined {
    return this.elementAt(e, k, true);
  }

  /** It with the value at `path` replaced by `v`. */
  except(path: readonly Value[], v: Value | LazyFunction<E>): LazyFunction<E> {
    return new LazyFunction(this.domain, this.slot, this.body, this.element, this.captured, this.values, this.written, this.steps, [...this.excepts, [path, v]]);
  }

  /**
   * The element at `arg` as FcnLambdaValue#apply and #select find it (undefined outside the
   * domain): the last EXCEPT whose path is `arg` alone, else the body at `arg`; then each later
   * EXCEPT whose path goes on from `arg`, taken in order on that element.
   */
  private elementAt(e: E, arg: Value, keepLazy: boolean): Value | LazyFunction<E> | undefined {
    let within: (readonly [readonly Value[], Value | LazyFunction<E>])[] | undefined;
    let whole: Value | LazyFunction<E> | undefined;
    for (let i = this.excepts.length - 1; i >= 0; i--) {
      const [path, v] = this.excepts[i]!;
      if (!equals(path[0]!, arg)) continue;
      if (path.length === 1) { whole = v; break; }
      (within ??= []).push([path.slice(1), v]);
    }
    let res: Value | LazyFunction<E>;
    if (whole !== undefined) res = whole instanceof LazyFunction && !keepLazy ? whole.value(e) : whole;
    else if (member(arg, this.domain)) res = this.at(e, arg, keepLazy ? this.body : this.element);
    else return undefined;
    for (let i = (within?.length ?? 0) - 1; i >= 0; i--) {
      const [rest, v] = within![i]!;
      res = res instanceof LazyFunction ? res.except(rest, v) : replacePath(res, rest, 0, built(e, v));
    }
    return res;
  }

  /** `f` with the context the function was made in and its bound variable `arg`, both put back after (no closure made: this runs at each application). */
  private at<T>(e: E, arg: Value, f: (e: E) => T): T {
    const b = e.b, cs = this.captured, n = cs.length, saved = n ? new Array<unknown>(n) : NOTHING;
    for (let i = 0; i < n; i++) { saved[i] = b[cs[i]!]; b[cs[i]!] = this.values[i]; }
    const before = b[this.slot];
    b[this.slot] = arg;
    try { return f(e); } finally {
      b[this.slot] = before;
      for (let i = n - 1; i >= 0; i--) b[cs[i]!] = saved[i];
    }
  }

  /** Every element, as OPCODE_fc would have built them (FcnLambdaValue#toFcnRcd), its EXCEPTs taken. */
  value(e: E): Value {
    const dom = elements(this.domain), vals: Value[] = [];
    for (const v of dom) vals.push(toStored(this.at(e, v, this.element)));
    return this.excepts.reduce((f, [path, v]) => replacePath(f, path, 0, built(e, v)), makeFn(dom, vals));
  }

  /**
   * TLC's error for an argument outside the domain, the function printed whole, or, where building
   * it fails, as written with its body's place: the failed build's frames stay on TLC's stack.
   */
  private outside(e: E, arg: Value, after = (shown: string) => `${shown}\nwhich is not in its domain.\n`): never {
    let shown: string, left: unknown[] = [];
    try { shown = show(this.value(e)); } catch (err) {
      if (!(err instanceof EvalError) || !this.written) throw err;
      left = err.frames;
      shown = `[${this.written.name} \\in ${show(this.domain)} |-> <expression ${placeText(this.written.bodyAt)}>]`;
    }
    const bad = new EvalError(`In applying the function\n${shown},\nthe first argument is:\n${after(show(arg))}`);
    bad.frames.push(...left);
    throw bad;
  }
}
