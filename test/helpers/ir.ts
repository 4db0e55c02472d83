/** IR written by hand, for tests that compile or analyse nodes the DSL's builders may never make. */
import { binder, type Binder, type BuiltinOp, type Expr, type InfixOp } from '../../dsl/ir/nodes.js';
import type * as ir from '../../dsl/ir/nodes.js';

export const I = (value: number): Expr => ({ kind: 'int', value });
export const S = (value: string): Expr => ({ kind: 'str', value });
export const B = (value: boolean): Expr => ({ kind: 'bool', value });
export const ref = (name: string): Expr => ({ kind: 'ref', name });
/** The variable `v`. */
export const V: Expr = ref('v');
export const op = (o: InfixOp, left: Expr, right: Expr): Expr => ({ kind: 'infix', op: o, left, right });
export const bi = (o: BuiltinOp, ...args: Expr[]): Expr => ({ kind: 'builtin', op: o, args });
export const call = (name: string, ...args: Expr[]): Expr => ({ kind: 'call', op: name, args });
export const set_ = (...elements: Expr[]): Expr => ({ kind: 'setEnum', elements });
export const tup = (...elements: Expr[]): Expr => ({ kind: 'tuple', elements });
export const rec = (...fields: [string, Expr][]): Expr => ({ kind: 'record', fields });
export const ints = (lo: number, hi: number): Expr => op('..', I(lo), I(hi));
export const bound = (b: Binder): Expr => ({ kind: 'bound', binder: b });
/** `x'`. */
export const primed = (x: Expr): Expr => ({ kind: 'prime', operand: x });
/** A conjunction of `operands`, as a list (`/\`). */
export const and = (...operands: Expr[]): Expr => ({ kind: 'and', operands });
/** A binder-using node: `mk(b, x)` with `x` the bound identifier. */
export const withB = (hint: string, mk: (b: Binder, x: Expr) => Expr): Expr => { const b = binder(hint); return mk(b, bound(b)); };
/** An operator definition (parameters `params`). */
export const def = (name: string, body: Expr, params: Binder[] = []): ir.Definition => ({ name, params, body, role: 'operator' } as unknown as ir.Definition);
