/**
 * Steps by pc: whether a disjunction is a process's steps, `\/ P_a(self) \/ P_b(self) \/ Proc(self)`,
 * each step beginning with the guard `pc[self] = "<its label>"` (as lowering writes it), its labels
 * unique. Then reading `pc[self]` once and running the one step it names yields the same
 * successors, in the same order, as trying each disjunct (the others' guards are false); the
 * compiler builds that dispatch from the table this returns. Anything else is tried disjunct by
 * disjunct, so this refuses every shape it is not sure of.
 */
import type * as ir from '../../ir/nodes.js';

export interface PcDispatch {
  /** The process's identity, `self`, as the disjunction's calls pass it. */
  readonly self: ir.Expr & { readonly kind: 'bound' };
  /** Each label's one step. */
  readonly steps: ReadonlyMap<string, ir.Action>;
}

/**
 * The dispatch table of `disjuncts`, or undefined where they are not a process's steps: every
 * disjunct a call of a labelled step, or of a step definition (a procedure's or process's own
 * disjunction) that is one in turn, each passing on the same `self`.
 */
export function pcDispatch(
  disjuncts: readonly ir.Expr[],
  actions: ReadonlyMap<string, ir.Action>,
  defs: ReadonlyMap<string, ir.Definition>,
): PcDispatch | undefined {
  const first = disjuncts[0];
  const self = first?.kind === 'call' ? first.args[0] : undefined;
  if (self?.kind !== 'bound') return undefined;
  const steps = new Map<string, ir.Action>();
  // `binder`: the identity the calls must pass, the disjunction's own or a step definition's parameter.
  const collect = (xs: readonly ir.Expr[], binder: ir.Binder): boolean => xs.every((c) => {
    if (c.kind !== 'call' || c.args.length !== 1) return false;
    const arg = c.args[0]!;
    if (arg.kind !== 'bound' || arg.binder !== binder) return false;
    const a = actions.get(c.op);
    if (a) {
      const label = stepLabel(a);
      if (label === undefined || steps.has(label)) return false;
      steps.set(label, a);
      return true;
    }
    const d = defs.get(c.op);
    return d?.role === 'step' && d.params.length === 1 && d.body.kind === 'or' && collect(d.body.operands, d.params[0]!);
  });
  return collect(disjuncts, self.binder) ? { self, steps } : undefined;
}

/** The label a process step runs at: its own, when its formula's first conjunct is exactly `pc[self] = "<label>"`. */
export function stepLabel(a: ir.Action): string | undefined {
  const first = a.formula.kind === 'and' ? a.formula.operands[0] : undefined;
  if (a.params.length !== 1 || first?.kind !== 'infix' || first.op !== '=') return undefined;
  const { left: pc, right: label } = first;
  const guard = pc.kind === 'apply' && pc.fn.kind === 'ref' && pc.fn.name === 'pc' && pc.arg.kind === 'bound' && pc.arg.binder === a.params[0]!.binder;
  return guard && label.kind === 'str' && label.value === a.label ? a.label : undefined;
}
