/**
 * Differential fuzzing: random well-sorted models (fast-check), compiled by the real compiler,
 * checked by the compiled verifier, tla-checker and (when installed) TLC, and evaluated
 * independently (`evaluate` in fuzz-model.ts). All must agree on the verdict of the model's config
 * and on the number of distinct reachable states (the whole state space: `spaceConfig` for the
 * embedded checkers, one `-continue` run for TLC), and each checker's counterexample must be a
 * shortest path to a state that breaks the invariant or deadlocks (`traceProblem`, on the
 * evaluation's state graph). TLC parses every module with SANY first: a parse error is a failure.
 *
 * A disagreement is shrunk by fast-check and saved as a regression fixture under
 * test/fixtures/fuzz/<issue>/ (the .tla, the .cfg, and model.json with the description, what
 * each party said, and which one is wrong). Known issues (fixtures with a classifier below) are
 * counted, not shrunk again.
 */
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { compile } from '../../dsl/compile.js';
import { violatedName } from '../../dsl/check/outcome.js';
import type { CheckJob } from '../../dsl/check/checker.js';
import { stateSpaceConfig } from '../../dsl/ir/config-variants.js';
import type * as ir from '../../dsl/ir/nodes.js';
import type { CheckResult } from '../../dsl/check/result.js';
import { tlaChecker } from '../../dsl/check/tla-checker.js';
import { checkCompiled } from '../../dsl/check/compiled/index.js';
import { jobFor } from '../../dsl/pipeline/run.js';
import type { TlcSetup } from '../../dsl/check/tlc.js';
import { runTlcContinue } from './tlc-continue.js';
import { SpanResolver } from '../../dsl/map/spans.js';
import { reduce } from './reduce.js';
import { tally } from './table.js';
import {
  buildFuzzModel, CONFIG, ENUMS, evaluate, explore, fieldSort, invName, isCompound, kindsIn, named, readsState,
  type ActionD, type CompoundD, type FieldD, type Evaluation, type ExprD, type FuzzModelD, type ItemD, type ProcessD, type ScalarD, type SortD, type StepD, type VarD,
} from './fuzz-model.js';
import { problemKind, SYMMETRIC_JUMP, traceProblem } from './fuzz-counterexamples.js';

export const FIXTURES_DIR = fileURLToPath(new URL('../../test/fixtures/fuzz', import.meta.url));

// ---------------------------------------------------------------------------------------------
// Generator

interface GenCtx {
  readonly vars: readonly VarD[];
  readonly p: number;
  readonly self: boolean;
  readonly bound: number;
  readonly locals: readonly { readonly name: string; readonly lo: number; readonly hi: number }[];
  /** Labels of a process over P (for `pc[x] = "label"` in invariants and guards). */
  readonly labels: readonly string[];
  /** The LETs in scope: name, sort, an integer's bounds. */
  readonly lets?: readonly { readonly name: string; readonly sort: ScalarD; readonly iv?: readonly [number, number] }[];
}

const sameScalar = (a: ScalarD, b: ScalarD) => a.k === b.k && (a.k !== 'enum' || a.e === (b as { e: number }).e);

function atomLeaves(ctx: GenCtx): fc.Arbitrary<ExprD>[] {
  return [
    ...(ctx.self ? [fc.constant<ExprD>({ k: 'self' })] : []),
    ...Array.from({ length: ctx.bound }, (_, i) => fc.constant<ExprD>({ k: 'bound', i })),
    ...ctx.vars.filter((v) => v.sort.k === 'atom').map((v) => fc.constant<ExprD>({ k: 'var', name: v.name })),
  ];
}

/** Literals of sort `s` (atoms: the atoms in scope; there are no atom literals). */
function literals(ctx: GenCtx, s: ScalarD): fc.Arbitrary<ExprD>[] {
  switch (s.k) {
    case 'bool': return [fc.boolean().map((v): ExprD => ({ k: 'lit', v }))];
    case 'int': return [fc.integer({ min: -1, max: 3 }).map((v): ExprD => ({ k: 'lit', v }))];
    case 'enum': return [fc.constantFrom(...ENUMS[s.e]!).map((v): ExprD => ({ k: 'lit', v, e: s.e }))];
    case 'atom': return atomLeaves(ctx);
  }
}

function leaves(ctx: GenCtx, s: ScalarD): fc.Arbitrary<ExprD>[] {
  const keys = atomLeaves(ctx);
  const lits = literals(ctx, s);
  const out: fc.Arbitrary<ExprD>[] = [...lits];
  if (s.k !== 'atom') for (const v of ctx.vars) if (v.sort.k !== 'fn' && !isCompound(v.sort) && sameScalar(v.sort, s)) out.push(fc.constant<ExprD>({ k: 'var', name: v.name }));
  if (s.k === 'int') for (const l of ctx.locals) out.push(fc.constant<ExprD>({ k: 'local', name: l.name }));
  // A LET's name, three times over: among the many leaves, a body should mostly read it.
  for (const l of ctx.lets ?? []) if (sameScalar(l.sort, s)) out.push(...Array.from({ length: 3 }, () => fc.constant<ExprD>({ k: 'letRef', name: l.name, ...(l.iv ? { iv: l.iv } : {}) })));
  for (const v of ctx.vars) {
    const sort = v.sort;
    if (sort.k === 'rec') for (const f of ['f', 'g'] as const) if (sameScalar(fieldSort(sort, f), s)) out.push(fc.constant<ExprD>({ k: 'field', v: v.name, f }));
    if (sort.k === 'seq' && sameScalar(sort.elem, s) && lits.length) out.push(fc.oneof(...lits).map((d): ExprD => ({ k: 'headOr', v: v.name, d })));
    if (s.k === 'int' && sort.k === 'set') out.push(fc.constant<ExprD>({ k: 'card', v: v.name }));
    if (s.k === 'int' && sort.k === 'seq') out.push(fc.constant<ExprD>({ k: 'len', v: v.name }));
  }
  if (keys.length) {
    for (const v of ctx.vars) {
      if (v.sort.k === 'fn' && sameScalar(v.sort.rng, s)) out.push(fc.oneof(...keys).map((key): ExprD => ({ k: 'app', fn: v.name, key })));
    }
  }
  return out;
}

/** Scalar sorts with at least one leaf in this context (for `=`/`#`). */
function comparable(ctx: GenCtx): ScalarD[] {
  const sorts: ScalarD[] = [{ k: 'bool' }, { k: 'int', lo: 0, hi: 0 }, { k: 'enum', e: 0 }, { k: 'enum', e: 1 }];
  if (atomLeaves(ctx).length) sorts.push({ k: 'atom' });
  return sorts;
}

export function exprArb(ctx: GenCtx, s: ScalarD, depth: number): fc.Arbitrary<ExprD> {
  const leaf = leaves(ctx, s);
  if (depth <= 0 || leaf.length === 0) return fc.oneof(...leaf);
  const sub = (s2: ScalarD, c: GenCtx = ctx) => exprArb(c, s2, depth - 1);
  const B: ScalarD = { k: 'bool' };
  const I: ScalarD = { k: 'int', lo: 0, hi: 0 };
  const inner: GenCtx = { ...ctx, bound: ctx.bound + 1 };
  const composite: fc.Arbitrary<ExprD>[] = [];
  const ite = fc.record({ c: sub(B), a: sub(s), b: sub(s) }).map((r): ExprD => ({ k: 'ite', ...r }));
  // CASE, LET and CHOOSE, of any sort: arms tried in order; a LET of a scalar the body may read; the first element that matches.
  const armsThenOther = fc.tuple(fc.array(fc.tuple(sub(B), sub(s)), { minLength: 1, maxLength: 2 }), sub(s));
  const general: fc.Arbitrary<ExprD>[] = [
    armsThenOther.map(([arms, other]): ExprD => ({ k: 'case', arms, other })),
    armsThenOther.map(([arms, other]): ExprD => ({ k: 'caseTotal', arms, other })),
    // A name of its own (a number drawn, not the depth): lowering substitutes a process local's
    // value into later statements, which can nest one statement's LET inside another's, and TLA+
    // forbids a name defined twice in scope.
    fc.tuple(fc.oneof({ arbitrary: fc.constantFrom(...comparable(ctx)), weight: 1 }, ...(s.k !== 'atom' || atomLeaves(ctx).length ? [{ arbitrary: fc.constant(s), weight: 1 }] : [])), fc.nat(999_999)).chain(([ls, id]) => sub(ls).chain((e) => {
      // Never the name of a LET it is inside (fast-check draws small numbers often: lv16 in lv16 was met).
      const name = ctx.lets?.some((l) => l.name === `lv${id}`) ? `lv${id}_${ctx.lets.length}` : `lv${id}`;
      const iv = ls.k === 'int' ? interval(e, ctx) : undefined;
      const within: GenCtx = { ...ctx, lets: [...(ctx.lets ?? []), { name, sort: ls, ...(iv ? { iv } : {}) }] };
      return sub(s, within).map((body): ExprD => ({ k: 'let', name, e, body }));
    })),
    ...ctx.vars.flatMap((v) => (v.sort.k === 'set' && (v.sort.elem.k === 'int' || v.sort.elem.k === 'bool') && sameScalar(v.sort.elem, s)
      ? [fc.tuple(fc.constantFrom('eq' as const, 'neq' as const), sub(v.sort.elem), sub(s)).map(([op, e, d]): ExprD => ({ k: 'chooseOr', v: v.name, op, e, d }))]
      : [])),
  ];
  switch (s.k) {
    case 'bool':
      composite.push(
        sub(B).map((a): ExprD => ({ k: 'not', a })),
        fc.array(sub(B), { minLength: 2, maxLength: 3 }).map((es): ExprD => ({ k: 'and', es })),
        fc.array(sub(B), { minLength: 2, maxLength: 2 }).map((es): ExprD => ({ k: 'or', es })),
        fc.tuple(sub(B), sub(B)).map(([a, b]): ExprD => ({ k: 'implies', a, b })),
        fc.constantFrom(...comparable(ctx)).chain((cs) => fc.tuple(fc.constantFrom('eq' as const, 'neq' as const), sub(cs), sub(cs))).map(([k, a, b]): ExprD => ({ k, a, b })),
        fc.tuple(fc.constantFrom('lt' as const, 'le' as const, 'gt' as const, 'ge' as const), sub(I), sub(I)).map(([k, a, b]): ExprD => ({ k, a, b })),
        fc.tuple(fc.constantFrom('forall' as const, 'exists' as const), sub(B, inner)).map(([k, body]): ExprD => ({ k, body })),
      );
      for (const v of ctx.vars) {
        if (v.sort.k === 'set' && leaves(ctx, v.sort.elem).length) composite.push(sub(v.sort.elem).map((e): ExprD => ({ k: 'has', v: v.name, e })));
      }
      if (ctx.labels.length && atomLeaves(ctx).length) {
        composite.push(fc.record({ who: fc.oneof(...atomLeaves(ctx)), label: fc.constantFrom(...ctx.labels, 'Done') }).map((r): ExprD => ({ k: 'pcIs', ...r })));
      }
      break;
    case 'int':
      composite.push(
        fc.tuple(fc.constantFrom('plus' as const, 'minus' as const), sub(I), sub(I)).map(([k, a, b]): ExprD => ({ k, a, b })),
        fc.tuple(sub(I), fc.integer({ min: 0, max: 2 })).map(([a, v]): ExprD => ({ k: 'times', a, b: { k: 'lit', v } })),
        fc.tuple(fc.constantFrom('div' as const, 'mod' as const), sub(I), fc.integer({ min: 1, max: 3 })).map(([k, a, c]): ExprD => ({ k, a, c })),
        sub(B, inner).map((body): ExprD => ({ k: 'count', body })),
        ite,
      );
      break;
    default:
      composite.push(ite);
  }
  composite.push(...general);
  return fc.oneof({ arbitrary: fc.oneof(...leaf), weight: 3 }, { arbitrary: fc.oneof(...composite), weight: 2 });
}

/** Bounds of an integer expression under TLA+ semantics. */
export function interval(e: ExprD, ctx: Pick<GenCtx, 'vars' | 'locals' | 'p'>): [number, number] {
  const iv = (a: ExprD) => interval(a, ctx);
  const rangeOf = (s: SortD | undefined): [number, number] => {
    const sc = s?.k === 'fn' ? s.rng : s;
    return sc?.k === 'int' ? [sc.lo, sc.hi] : [0, 0];
  };
  const sortOfVar = (name: string) => ctx.vars.find((v) => v.name === name)?.sort;
  switch (e.k) {
    case 'lit': return [e.v as number, e.v as number];
    case 'var': return rangeOf(sortOfVar(e.name));
    case 'app': return rangeOf(ctx.vars.find((v) => v.name === e.fn)?.sort);
    case 'local': { const l = ctx.locals.find((x) => x.name === e.name)!; return [l.lo, l.hi]; }
    case 'plus': { const [a, b] = [iv(e.a), iv(e.b)]; return [a[0] + b[0], a[1] + b[1]]; }
    case 'minus': { const [a, b] = [iv(e.a), iv(e.b)]; return [a[0] - b[1], a[1] - b[0]]; }
    case 'times': { const [a, b] = [iv(e.a), iv(e.b)]; const ps = [a[0] * b[0], a[0] * b[1], a[1] * b[0], a[1] * b[1]]; return [Math.min(...ps), Math.max(...ps)]; }
    case 'div': { const a = iv(e.a); return [Math.floor(a[0] / e.c), Math.floor(a[1] / e.c)]; }
    case 'mod': return [0, e.c - 1];
    case 'ite': return hull(iv(e.a), iv(e.b));
    case 'count': return [0, ctx.p];
    case 'card': { const s = sortOfVar(e.v); return [0, s?.k === 'set' ? scalarCount(s.elem, ctx.p) : 0]; }
    case 'len': { const s = sortOfVar(e.v); return [0, s?.k === 'seq' ? s.max : 0]; }
    case 'field': { const s = sortOfVar(e.v); return s?.k === 'rec' ? rangeOf(fieldSort(s, e.f)) : [0, 0]; }
    case 'headOr': { const s = sortOfVar(e.v); return hull(s?.k === 'seq' ? rangeOf(s.elem) : [0, 0], iv(e.d)); }
    case 'chooseOr': { const s = sortOfVar(e.v); return hull(s?.k === 'set' ? rangeOf(s.elem) : [0, 0], iv(e.d)); }
    case 'case': case 'caseTotal': return [...e.arms.map(([, v]) => iv(v)), iv(e.other)].reduce(hull);
    case 'let': return iv(e.body);
    case 'letRef': return e.iv ? [e.iv[0], e.iv[1]] : [0, 0];
    default: return [0, 0];
  }
}

const within = (iv: [number, number], lo: number, hi: number) => iv[0] >= lo && iv[1] <= hi;
const hull = (a: [number, number], b: [number, number]): [number, number] => [Math.min(a[0], b[0]), Math.max(a[1], b[1])];
/** How many values a scalar sort has (atoms: |P|). */
const scalarCount = (s: ScalarD, p: number) => (s.k === 'bool' ? 2 : s.k === 'int' ? s.hi - s.lo + 1 : s.k === 'enum' ? ENUMS[s.e]!.length : p);

/** `v := e` (with an in-range guard for integers, when `e` may leave the range). */
function assignArb(ctx: GenCtx, v: VarD | { name: string; lo: number; hi: number; local: true }): fc.Arbitrary<ItemD[]> {
  const depth = 2;
  if ('local' in v) {
    return exprArb(ctx, { k: 'int', lo: v.lo, hi: v.hi }, depth).map((e) => guarded(ctx, e, v.lo, v.hi, { k: 'setLocal', v: v.name, e }));
  }
  const s = v.sort;
  if (isCompound(s)) return compoundAssignArb(ctx, v.name, s);
  if (s.k !== 'fn') {
    return exprArb(ctx, s, depth).map((e) => (s.k === 'int' ? guarded(ctx, e, s.lo, s.hi, { k: 'set', v: v.name, e }) : [{ k: 'set', v: v.name, e }]));
  }
  const rng = s.rng;
  const inner: GenCtx = { ...ctx, bound: ctx.bound + 1 };
  const whole = exprArb(inner, rng, depth).map((body): ItemD[] => [{ k: 'set', v: v.name, e: { k: 'fnOf', body: clamp(inner, body, rng) } }]);
  const keys = atomLeaves(ctx);
  if (!keys.length) return whole;
  const one = fc.tuple(fc.oneof(...keys), exprArb(ctx, rng, depth)).map(([key, e]): ItemD[] =>
    (rng.k === 'int' ? guarded(ctx, e, rng.lo, rng.hi, { k: 'update', v: v.name, key, e }) : [{ k: 'update', v: v.name, key, e }]));
  return fc.oneof({ arbitrary: one, weight: 3 }, { arbitrary: whole, weight: 1 });
}

/**
 * A new value for set, sequence or record variable `v`: an element added or removed, one pushed or
 * popped (each after the guard that keeps it in its type and out of an evaluation error), emptied,
 * or one field set. An element or field with no expression in scope (atoms, none there) is left out.
 */
function compoundAssignArb(ctx: GenCtx, v: string, s: CompoundD): fc.Arbitrary<ItemD[]> {
  const depth = 1;
  const clear = fc.constant<ItemD[]>([{ k: 'clear', v }]);
  /** An element or field value for `item`; guarded to stay in an integer's range, except what is only removed. */
  const value = (sc: ScalarD, item: (e: ExprD) => ItemD, guard = true) => exprArb(ctx, sc, depth).map((e) => (guard && sc.k === 'int' ? guarded(ctx, e, sc.lo, sc.hi, item(e)) : [item(e)]));
  const len = (op: 'lt' | 'gt', n: number): ItemD => ({ k: 'when', e: { k: op, a: { k: 'len', v }, b: { k: 'lit', v: n } } });
  switch (s.k) {
    case 'set': {
      if (!leaves(ctx, s.elem).length) return clear;
      return fc.oneof(
        { arbitrary: value(s.elem, (e) => ({ k: 'add', v, e })), weight: 3 },
        { arbitrary: value(s.elem, (e) => ({ k: 'del', v, e }), false), weight: 2 },
        { arbitrary: clear, weight: 1 },
      );
    }
    case 'seq': {
      const pop = fc.constant<ItemD[]>([len('gt', 0), { k: 'pop', v }]);
      if (!leaves(ctx, s.elem).length) return fc.oneof(pop, clear);
      return fc.oneof(
        { arbitrary: value(s.elem, (e) => ({ k: 'push', v, e })).map((its) => [len('lt', s.max), ...its]), weight: 3 },
        { arbitrary: pop, weight: 2 },
        { arbitrary: clear, weight: 1 },
      );
    }
    case 'rec': {
      // Each field has a leaf: the record's own field.
      return fc.constantFrom<FieldD>('f', 'g').chain((f) => value(fieldSort(s, f), (e) => ({ k: 'setField', v, f, e })));
    }
  }
}

function guarded(ctx: GenCtx, e: ExprD, lo: number, hi: number, item: ItemD): ItemD[] {
  return within(interval(e, ctx), lo, hi) ? [item] : [{ k: 'when', e: { k: 'inRange', a: e, lo, hi } }, item];
}

function clamp(ctx: GenCtx, e: ExprD, s: ScalarD): ExprD {
  if (s.k !== 'int' || within(interval(e, ctx), s.lo, s.hi)) return e;
  return { k: 'ite', c: { k: 'inRange', a: e, lo: s.lo, hi: s.hi }, a: e, b: { k: 'lit', v: s.lo } };
}

type Target = VarD | { name: string; lo: number; hi: number; local: true };

/** Assignments to `targets` (each once), as one flat item list. */
function assignsArb(ctx: GenCtx, targets: readonly Target[], inProcess: boolean): fc.Arbitrary<ItemD[]> {
  if (!targets.length) return fc.constant([]);
  return fc.tuple(...targets.map((v) => assignArb(ctx, v))).map((xs) => xs.flat());
}

/** Top-level assignments plus, maybe, a two-way branch over variables the top level leaves alone. */
function bodyArb(ctx: GenCtx, targets: readonly Target[], inProcess: boolean): fc.Arbitrary<ItemD[]> {
  return fc.shuffledSubarray([...targets], { minLength: 1, maxLength: Math.min(3, targets.length) }).chain((top) => {
    const rest = targets.filter((x) => !top.includes(x));
    const branch: fc.Arbitrary<ItemD[]> = rest.length === 0 ? fc.constant<ItemD[]>([]) : fc.oneof(
      { arbitrary: fc.constant<ItemD[]>([]), weight: 2 },
      {
        arbitrary: fc.tuple(
          fc.shuffledSubarray(rest, { minLength: inProcess ? 0 : 1, maxLength: Math.min(2, rest.length) }).chain((a) => assignsArb(ctx, a, inProcess)),
          fc.shuffledSubarray(rest, { minLength: 1, maxLength: Math.min(2, rest.length) }).chain((a) => assignsArb(ctx, a, inProcess)),
          inProcess ? fc.option(exprArb(ctx, { k: 'bool' }, 2), { nil: undefined }) : fc.constant(undefined),
        ).map(([a, b, c]): ItemD[] => [c === undefined ? { k: 'either', alts: [a, b] } : { k: 'if', c, then: a, else: b }]),
        weight: 1,
      },
    );
    return fc.tuple(assignsArb(ctx, top, inProcess), branch).map(([x, y]) => [...x, ...y]);
  });
}

function actionArb(vars: readonly VarD[], p: number, i: number): fc.Arbitrary<ActionD> {
  return fc.record({ param: fc.boolean(), pick: fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, { arbitrary: fc.constant(true), weight: 1 }) }).chain(({ param, pick }) => {
    const ctx: GenCtx = { vars, p, self: param, bound: pick ? 1 : 0, locals: [], labels: [] };
    return fc.tuple(fc.array(exprArb(ctx, { k: 'bool' }, 2), { minLength: 0, maxLength: 2 }), bodyArb(ctx, vars, false)).map(([guards, body]): ActionD => {
      const inner: ItemD[] = [...guards.map((e): ItemD => ({ k: 'when', e })), ...body];
      return { name: `Act${i + 1}`, param, items: pick ? [{ k: 'pick', items: inner }] : inner };
    });
  });
}

function processArb(vars: readonly VarD[], p: number): fc.Arbitrary<ProcessD> {
  return fc.record({
    ids: fc.constantFrom('P' as const, 'single' as const),
    nSteps: fc.integer({ min: 1, max: 3 }),
    hasLocal: fc.boolean(),
    loop: fc.boolean(),
  }).chain(({ ids, nSteps, hasLocal, loop }) => {
    const labels = Array.from({ length: nSteps }, (_, i) => `l${i + 1}`);
    const locals = hasLocal ? [{ name: 'loc1', lo: 0, hi: 2, init: 0 }] : [];
    const ctx: GenCtx = { vars, p, self: ids === 'P', bound: 0, locals, labels: ids === 'P' ? labels : [] };
    // Per-process functions are only written at `self`; other processes' entries may be read.
    const targets: Target[] = [...vars, ...locals.map((l) => ({ ...l, local: true as const }))];
    const step = (label: string): fc.Arbitrary<StepD> => fc.tuple(
      fc.option(exprArb(ctx, { k: 'bool' }, 2), { nil: undefined, freq: 2 }),
      bodyArb(ctx, targets, true),
      fc.nat(),
    ).map(([guard, body, at]) => {
      const its = [...body];
      if (guard) its.splice(at % (its.length + 1), 0, { k: 'when', e: guard });
      return { label, items: its };
    });
    return fc.tuple(...labels.map(step)).map((steps): ProcessD => ({ name: 'Proc', ids, locals, steps, loop }));
  });
}

const scalarSortArb: fc.Arbitrary<ScalarD> = fc.oneof(
  fc.constant<ScalarD>({ k: 'bool' }),
  fc.record({ lo: fc.constantFrom(-1, 0, 0), hi: fc.integer({ min: 1, max: 3 }) }).map(({ lo, hi }): ScalarD => ({ k: 'int', lo, hi })),
  fc.integer({ min: 0, max: ENUMS.length - 1 }).map((e): ScalarD => ({ k: 'enum', e })),
  fc.constant<ScalarD>({ k: 'atom' }),
);

/** Elements and fields: small integer ranges, so that sets and sequences of them stay few. */
const elemSortArb: fc.Arbitrary<ScalarD> = fc.oneof(
  fc.constant<ScalarD>({ k: 'bool' }),
  fc.integer({ min: 1, max: 2 }).map((hi): ScalarD => ({ k: 'int', lo: 0, hi })),
  fc.integer({ min: 0, max: ENUMS.length - 1 }).map((e): ScalarD => ({ k: 'enum', e })),
  fc.constant<ScalarD>({ k: 'atom' }),
);

const sortArb: fc.Arbitrary<SortD> = fc.oneof(
  { arbitrary: scalarSortArb, weight: 3 },
  { arbitrary: scalarSortArb.map((rng): SortD => ({ k: 'fn', rng })), weight: 1 },
  {
    arbitrary: fc.oneof(
      elemSortArb.map((elem): SortD => ({ k: 'set', elem })),
      fc.tuple(elemSortArb, fc.integer({ min: 1, max: 2 })).map(([elem, max]): SortD => ({ k: 'seq', elem, max })),
      fc.tuple(elemSortArb, elemSortArb).map(([f, g]): SortD => ({ k: 'rec', f, g })),
    ),
    weight: 1,
  },
);

export function litsOf(s: ScalarD): (boolean | number | string)[] {
  switch (s.k) {
    case 'bool': return [false, true];
    case 'int': return Array.from({ length: s.hi - s.lo + 1 }, (_, i) => s.lo + i);
    case 'enum': return [...ENUMS[s.e]!];
    case 'atom': return [];
  }
}

/** A set or sequence starts at a value (empty, or one literal); a record at one, or anywhere in a set of records (always so with an atom field). */
function compoundVarArb(name: string, sort: CompoundD): fc.Arbitrary<VarD> {
  const lit = (sc: ScalarD) => (v: boolean | number | string): ExprD => (sc.k === 'enum' ? { k: 'lit', v, e: sc.e } : { k: 'lit', v });
  if (sort.k !== 'rec') {
    if (sort.elem.k === 'atom') return fc.constant<VarD>({ name, sort, init: { k: 'value', items: [] } });
    return fc.shuffledSubarray(litsOf(sort.elem), { minLength: 0, maxLength: 1 }).map((vs): VarD => ({ name, sort, init: { k: 'value', items: vs.map(lit(sort.elem)) } }));
  }
  const choices = (sc: ScalarD) => (sc.k === 'atom' ? fc.constant([]) : fc.shuffledSubarray(litsOf(sc), { minLength: 1, maxLength: 2 }));
  const within = fc.tuple(choices(sort.f), choices(sort.g)).map(([f, g]): VarD => ({ name, sort, init: { k: 'in', fieldChoices: { f, g } } }));
  if (sort.f.k === 'atom' || sort.g.k === 'atom') return within;
  const value = fc.tuple(fc.constantFrom(...litsOf(sort.f)), fc.constantFrom(...litsOf(sort.g)))
    .map(([f, g]): VarD => ({ name, sort, init: { k: 'value', items: [lit(sort.f)(f), lit(sort.g)(g)] } }));
  return fc.oneof({ arbitrary: value, weight: 2 }, { arbitrary: within, weight: 1 });
}

function varArb(i: number): fc.Arbitrary<VarD> {
  return sortArb.chain((sort) => {
    if (isCompound(sort)) return compoundVarArb(`x${i + 1}`, sort);
    const sc = sort.k === 'fn' ? sort.rng : sort;
    const name = `x${i + 1}`;
    if (sc.k === 'atom') return fc.constant<VarD>({ name, sort, init: { k: 'in' } });
    const lits = litsOf(sc);
    const lit = (v: boolean | number | string): ExprD => (sc.k === 'enum' ? { k: 'lit', v, e: sc.e } : { k: 'lit', v });
    return fc.oneof(
      { arbitrary: fc.constantFrom(...lits).map((v): VarD => ({ name, sort, init: { k: 'value', e: lit(v) } })), weight: 3 },
      { arbitrary: fc.shuffledSubarray(lits, { minLength: 1, maxLength: 2 }).map((choices): VarD => ({ name, sort, init: { k: 'in', choices } })), weight: 1 },
    );
  });
}

/** Random fuzz models (names are filled in from a hash of the rest). */
export const fuzzModelArb: fc.Arbitrary<FuzzModelD> = fc.record({
  p: fc.oneof({ arbitrary: fc.constant(2), weight: 3 }, { arbitrary: fc.constantFrom(1, 3), weight: 2 }),
  nVars: fc.integer({ min: 1, max: 4 }),
  withProcess: fc.oneof({ arbitrary: fc.constant(false), weight: 2 }, { arbitrary: fc.constant(true), weight: 1 }),
}).chain(({ p, nVars, withProcess }) => fc.tuple(...Array.from({ length: nVars }, (_, i) => varArb(i))).chain((vars) => {
  const proc = withProcess ? processArb(vars, p).map((x) => x as ProcessD | undefined) : fc.constant(undefined);
  return fc.tuple(
    fc.integer({ min: withProcess ? 0 : 1, max: withProcess ? 2 : 3 }).chain((n) => (n === 0 ? fc.constant([] as ActionD[]) : fc.tuple(...Array.from({ length: n }, (_, i) => actionArb(vars, p, i))))),
    proc,
  ).chain(([actions, process]) => {
    const labels = process?.ids === 'P' ? process.steps.map((s) => s.label) : [];
    const ictx: GenCtx = { vars, p, self: false, bound: 0, locals: [], labels };
    return fc.record({
      // A constant invariant is a config error to TLC when FALSE (known issue below): read the state.
      invariants: fc.array(exprArb(ictx, { k: 'bool' }, 3).filter(readsState), { minLength: 1, maxLength: 2 }),
      deadlock: fc.oneof({ arbitrary: fc.constant(false), weight: 3 }, { arbitrary: fc.constant(true), weight: 1 }),
      pick: fc.nat(),
      symmetry: fc.oneof({ arbitrary: fc.constant(false), weight: 2 }, { arbitrary: fc.constant(true), weight: 1 }),
    }).map(({ invariants, deadlock, pick, symmetry }): FuzzModelD => named({
      name: '', p, vars, actions: [...actions], ...(process ? { process } : {}), invariants,
      check: deadlock ? { k: 'deadlock' } : { k: 'inv', inv: pick % invariants.length }, symmetry,
    }));
  });
}));


// ---------------------------------------------------------------------------------------------
// One case

export type Party = 'tlc' | 'compiled' | 'tla-checker' | 'evaluation';

export interface PartyAnswer {
  readonly verdict: string;
  readonly distinct?: number;
  /** The checker could not answer (crash, parse error, evaluation error…). */
  readonly broken?: string;
  /** What its counterexample has wrong (`traceProblem`), when its verdict is the evaluation's. */
  readonly trace?: string;
  readonly ms?: number;
}

export interface CaseResult {
  readonly d: FuzzModelD;
  readonly status: 'agree' | 'skipped' | 'disagree' | 'known' | 'build-error';
  readonly answers: Partial<Record<Party, PartyAnswer>>;
  /** For disagreements: the odd one out, when two of three agree. */
  readonly wrong?: Party;
  readonly detail?: string;
  readonly knownIssue?: string;
  readonly files?: ReadonlyMap<string, string>;
  /** Process locals the lowering keeps in the state (the evaluation needs them to count alike). */
  readonly stateLocals?: readonly string[];
}

export interface CaseOptions {
  readonly tlc?: TlcSetup;
  readonly jvmArgs?: readonly string[];
  readonly timeoutMs?: number;
  /** Which parties to ask (default: all available). Shrinking asks only the two that disagreed. */
  readonly parties?: readonly Party[];
  /** Explore at most this many states in the evaluation; bigger models are skipped. */
  readonly cap?: number;
  readonly known?: readonly KnownIssue[];
}

const resolver = new SpanResolver();

function answerOf(r: CheckResult): PartyAnswer {
  const v = r.verdict;
  const name = violatedName(v);
  if (v.kind === 'passed' || v.kind === 'deadlock' || v.kind === 'invariant') return { verdict: v.kind === 'invariant' ? `invariant ${name}` : v.kind, ms: r.durationMs };
  return { verdict: v.kind, broken: `${v.kind}${'message' in v ? `: ${v.message.split('\n').slice(0, 3).join(' ')}` : ''}`, ms: r.durationMs };
}

/** What a checker's counterexample (an invariant violation's or deadlock's trace) has wrong, as the evaluation sees it, given the verdict it backs. */
type TraceCheck = (verdict: string, r: CheckResult) => string | undefined;

async function checkerAnswer(run: (job: CheckJob) => Promise<CheckResult>, job: CheckJob, space: CheckJob, traceCheck: TraceCheck): Promise<PartyAnswer> {
  const first = await run(job);
  const a = withTrace(answerOf(first), first, traceCheck);
  if (a.broken) return a;
  if (first.verdict.kind === 'passed') return { ...a, distinct: first.counts?.distinct };
  const counted = await run(space);
  const s = answerOf(counted);
  if (s.broken || counted.verdict.kind !== 'passed') return { ...a, broken: `state space run: ${s.broken ?? s.verdict}` };
  return { ...a, distinct: counted.counts?.distinct, ms: (a.ms ?? 0) + (s.ms ?? 0) };
}

/** `a` with what its counterexample has wrong (see `traceProblem`): a wrong trace behind a right verdict is a disagreement too. */
function withTrace(a: PartyAnswer, r: CheckResult, traceCheck: TraceCheck): PartyAnswer {
  const problem = a.broken ? undefined : traceCheck(a.verdict, r);
  return problem ? { ...a, trace: problem } : a;
}

/**
 * The whole state space, TypeOK checked. Without any INVARIANT line tla-checker 0.9.0 checks
 * every definition named `Inv…` or `TypeOK` on its own, so the fuzz models' `Inv1` would stop
 * the count; TypeOK holds in every fuzz model (integer assignments are guarded), so naming it
 * changes nothing for a correct checker. Both checkers get the same cfg.
 */
export function spaceConfig(c: ir.Config): ir.Config {
  return { ...stateSpaceConfig(c), checkTypeOk: true };
}

const show = (a: PartyAnswer | undefined) => (a ? `${a.broken ? `could not check (${a.broken})` : `${a.verdict}, ${a.distinct} distinct states`}${a.trace ? `, its counterexample wrong: ${a.trace}` : ''}` : 'not asked');
const same = (a: PartyAnswer, b: PartyAnswer) => !a.broken && !b.broken && a.verdict === b.verdict && a.distinct === b.distinct;

/** The DSL model of `d`, compiled, and its config as a job; `withConfig` makes the same model's job for another config. */
export function fuzzJob(d: FuzzModelD): { job: CheckJob; files: ReadonlyMap<string, string>; withConfig: (c: ir.Config) => CheckJob } {
  const m = buildFuzzModel(d);
  const artifacts = compile(m, resolver);
  const withConfig = (c: ir.Config) => jobFor(artifacts, m.module, c);
  return { job: withConfig(m.module.configs.find((x) => x.name === CONFIG)!), files: artifacts.files, withConfig };
}

/** Build, compile, evaluate and check one description. */
export async function runCase(d: FuzzModelD, o: CaseOptions = {}): Promise<CaseResult> {
  const parties = o.parties ?? (['evaluation', 'compiled', 'tla-checker', ...(o.tlc ? ['tlc' as const] : [])] as Party[]);
  let files: ReadonlyMap<string, string>;
  let stateLocals: string[];
  let job: CheckJob;
  let space: CheckJob;
  try {
    const built = fuzzJob(d);
    ({ job, files } = built);
    stateLocals = job.module.variables.map((v) => v.name);
    space = built.withConfig(spaceConfig(job.config));
  } catch (e) {
    return { d, status: 'build-error', answers: {}, detail: (e as Error).stack ?? String(e) };
  }
  const graph = explore(d, { cap: o.cap ?? 5000, stateLocals });
  if (!graph) return { d, status: 'skipped', answers: {}, detail: 'more states than the cap' };
  const ev: Evaluation = evaluate(d, { stateLocals, graph });
  // Only a verdict the evaluation shares has its trace checked: a wrong verdict is told apart by
  // the verdicts (an evaluation that missed a step would make every right trace look wrong).
  const traceCheck: TraceCheck = (verdict, r) => (verdict === ev.verdict && (r.verdict.kind === 'invariant' || r.verdict.kind === 'deadlock') ? traceProblem(d, graph, r.verdict) : undefined);
  const answers: Partial<Record<Party, PartyAnswer>> = {};
  answers.evaluation = ev.problem ? { verdict: ev.verdict!, distinct: ev.distinct!, broken: ev.problem } : { verdict: ev.verdict!, distinct: ev.distinct! };
  const timeoutMs = o.timeoutMs ?? 60_000;
  if (parties.includes('compiled')) {
    answers.compiled = await checkerAnswer((j) => checkCompiled(j, { timeoutMs }), job, space, traceCheck);
  }
  if (parties.includes('tla-checker')) {
    answers['tla-checker'] = await checkerAnswer((j) => tlaChecker.check(j, { timeoutMs }), job, space, traceCheck);
  }
  if (parties.includes('tlc') && o.tlc) {
    // One JVM: `-continue` (which the TLC adapter has no option for) reports the first violation and still counts every reachable state.
    const tlcOpts = { timeoutMs, ...(o.jvmArgs ? { jvmArgs: o.jvmArgs } : {}) };
    const r = await runTlcContinue(o.tlc, job, tlcOpts);
    const a = withTrace(answerOf(r), r, traceCheck);
    if (a.broken || r.verdict.kind !== 'deadlock') answers.tlc = a.broken ? a : { ...a, ...(r.counts ? { distinct: r.counts.distinct } : {}) };
    else {
      // `-continue` does not go on past a deadlock: count the state space in a second run.
      const s = await runTlcContinue(o.tlc, space, tlcOpts);
      const sa = answerOf(s);
      answers.tlc = sa.broken || s.verdict.kind !== 'passed' ? { ...a, broken: `state space run: ${sa.broken ?? sa.verdict}` } : { ...a, distinct: s.counts?.distinct, ms: (a.ms ?? 0) + (sa.ms ?? 0) };
    }
  }
  const asked = parties.filter((p) => answers[p]);
  const agree = asked.every((p) => same(answers[p]!, answers[asked[0]!]!));
  const traced = asked.filter((p) => answers[p]!.trace);
  if (agree && !traced.length) return { d, status: 'agree', answers, files, stateLocals };
  const wrong = blame(asked, answers, traced);
  const detail = asked.map((p) => `${p}: ${show(answers[p])}`).join('; ');
  const known = (o.known ?? BUILTIN_KNOWN).find((k) => k.matches(d, answers, wrong, stateLocals));
  return { d, status: known ? 'known' : 'disagree', answers, ...(wrong ? { wrong } : {}), detail, ...(known ? { knownIssue: known.id } : {}), files, stateLocals };
}

/**
 * Who is wrong: the evaluation when it is the odd one out, or when every checker whose trace was
 * checked (two or more) has a wrong one — its graph then lacks a step they all take; else the
 * first checker with a wrong trace, else the odd one out.
 */
export function blame(asked: readonly Party[], answers: Partial<Record<Party, PartyAnswer>>, traced: readonly Party[]): Party | undefined {
  const odd = oddOneOut(asked, answers);
  if (odd === 'evaluation' || !traced.length) return odd;
  const ev = answers.evaluation!;
  const checked = asked.filter((p) => p !== 'evaluation' && !answers[p]!.broken && answers[p]!.verdict === ev.verdict);
  return checked.length >= 2 && checked.every((p) => answers[p]!.trace) ? 'evaluation' : traced[0];
}

/** The one party that differs from all the others, which agree among themselves (with two parties: the one that could not answer). */
function oddOneOut(asked: readonly Party[], answers: Partial<Record<Party, PartyAnswer>>): Party | undefined {
  if (asked.length < 3) return asked.find((p) => answers[p]!.broken);
  for (const p of asked) {
    const others = asked.filter((q) => q !== p);
    if (others.every((q) => same(answers[q]!, answers[others[0]!]!)) && !same(answers[p]!, answers[others[0]!]!)) return p;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Known issues: each has a fixture and a precise classifier

export interface KnownIssue {
  readonly id: string;
  readonly summary: string;
  matches(d: FuzzModelD, answers: Partial<Record<Party, PartyAnswer>>, wrong: Party | undefined, stateLocals: readonly string[]): boolean;
}

/** Does the description divide (or take a remainder of) something that can be negative? */
export function hasNegativeDivMod(d: FuzzModelD): boolean {
  let found = false;
  const scan = (x: unknown): void => {
    if (found || !x || typeof x !== 'object') return;
    const e = x as ExprD;
    if ((e.k === 'div' || e.k === 'mod') && 'a' in e) {
      const iv = interval(e.a, { vars: d.vars, locals: d.process?.locals ?? [], p: d.p });
      if (iv[0] < 0) found = true;
    }
    for (const v of Object.values(x as object)) scan(v);
  };
  scan(d);
  return found;
}

/** Whether every party but `but` gives the evaluation's answer (the evaluation too: not broken) with no wrong counterexample. */
function othersRight(answers: Partial<Record<Party, PartyAnswer>>, but: Party | undefined): boolean {
  const ev = answers.evaluation;
  return !!ev && Object.entries(answers).every(([p, a]) => p === but || (same(a, ev) && !a.trace));
}

/** What a known tla-checker gap may explain: tla-checker's answer, its counterexample good, every other party right. */
const onlyTlaCheckerOff = (answers: Partial<Record<Party, PartyAnswer>>) => !answers['tla-checker']?.trace && othersRight(answers, 'tla-checker');

const symmetryIncomplete: KnownIssue = {
  id: 'tla-checker-symmetry-incomplete',
  summary: 'tla-checker 0.9.0 under SYMMETRY reduces less than TLC for functions from the symmetric set to itself, and once more than one variable involves the symmetric set: with P = {p1, p2, p3}, f = [x \\in P |-> TRUE] and g \\in [P -> BOOLEAN] it counts 8 states where there are 4 orbits (TLC: 4); [P -> P] alone: 12 vs 7 orbits. Sound (it explores more, verdicts agree) but the distinct-state counts differ, so `checkConfig` reports a disagreement for such configs. TLC is right: with a symmetric spec its count is the number of orbits, which the independent evaluation computes too',
  matches(d, answers, wrong, stateLocals) {
    const tc = answers['tla-checker'];
    const right = answers.tlc ?? answers.evaluation;
    if (!d.symmetry || !onlyTlaCheckerOff(answers) || !tc || !right || tc.broken || right.broken) return false;
    if (tc.verdict !== right.verdict || tc.distinct === undefined || right.distinct === undefined || tc.distinct <= right.distinct) return false;
    const full = evaluate({ ...d, symmetry: false }, { cap: 20_000, stateLocals });
    return !full.tooBig && tc.distinct <= full.distinct!;
  },
};

const symmetryTrace: KnownIssue = {
  id: 'tla-checker-symmetry-trace',
  summary: 'tla-checker 0.9.0 under SYMMETRY prints a counterexample of the orbit representatives it stored, not a behaviour: a step of its trace may join two states no action joins (the successor it found with the symmetric set\'s elements swapped). TLC and the compiled verifier print the successor itself, found by running Next again. Its verdict is right, and its count the orbits\' or, with the gap above, more',
  matches(d, answers, wrong, stateLocals) {
    const tc = answers['tla-checker'];
    if (!d.symmetry || !tc?.trace?.startsWith(SYMMETRIC_JUMP)) return false;
    // Without its trace, tla-checker gives the evaluation's answer, or the one the gap above explains.
    const { trace: _wrongTrace, ...untraced } = tc;
    const rest = { ...answers, 'tla-checker': untraced };
    return onlyTlaCheckerOff(rest) && (same(untraced, answers.evaluation!) || symmetryIncomplete.matches(d, rest, wrong, stateLocals));
  },
};

export const BUILTIN_KNOWN: readonly KnownIssue[] = [
  {
    id: 'tlc-constant-false-invariant',
    summary: 'an invariant that reads no variable and is FALSE. TLA+ says the initial state violates it, and tla-checker reports exactly that; TLC instead evaluates constant-level invariants once at start-up and stops with an error ("The invariant of Inv1 is equal to FALSE", parsed as a configError), exploring nothing. Not a TLC bug (documented behaviour) but the backends disagree, so `checkConfig` calls it a disagreement and `npm run check` exits 3. The DSL now rejects invariants that read no variable (DslError), and the generator avoids them',
    matches(d, answers, wrong) {
      const t = answers.tlc;
      return wrong === 'tlc' && !!t?.broken && /is equal to FALSE/.test(t.broken) && d.check.k === 'inv' && !readsState(d.invariants[d.check.inv]!);
    },
  },
  symmetryIncomplete,
  symmetryTrace,
  {
    id: 'tla-checker-divmod-truncates',
    summary: 'tla-checker 0.9.0 evaluates `a \\div c` and `a % c` with truncating (C/Rust) semantics: for a < 0 it gives (0-3) \\div 2 = -1 and (0-3) % 2 = -1, where TLA+ (and TLC) give -2 and 1',
    matches(d, answers, wrong, stateLocals) {
      if (!onlyTlaCheckerOff(answers) || !hasNegativeDivMod(d)) return false;
      const tc = answers['tla-checker'];
      if (!tc) return false;
      // tla-checker's answer is exactly what truncating division gives. When that also breaks TypeOK
      // (a remainder below 0), either violation may be the one its search meets first.
      const trunc = evaluate(d, { sem: { divmod: 'trunc' }, cap: 20_000, stateLocals });
      if (trunc.tooBig) return false;
      if (trunc.problem) return tc.verdict === 'invariant TypeOK' || tc.verdict === trunc.verdict;
      if (tc.verdict !== trunc.verdict) return false;
      if (tc.distinct === undefined || tc.distinct === trunc.distinct) return true;
      // Under SYMMETRY tla-checker may also reduce less (the issue above): up to the unreduced count.
      if (!d.symmetry) return false;
      const full = evaluate({ ...d, symmetry: false }, { sem: { divmod: 'trunc' }, cap: 20_000, stateLocals });
      return !full.tooBig && tc.distinct > trunc.distinct! && tc.distinct <= full.distinct!;
    },
  },
];

// ---------------------------------------------------------------------------------------------
// Fixtures

export interface FixtureJson {
  readonly issue: string;
  /** Which party is wrong, and why (after investigation against TLC's semantics). */
  readonly wrong: Party | 'unknown';
  readonly note: string;
  /** The right answer for the fixture's config. */
  readonly expected: { readonly verdict: string; readonly distinct: number };
  /** What each party said when it was found. */
  readonly observed: Partial<Record<Party, PartyAnswer>>;
  readonly description: FuzzModelD;
  readonly found: { readonly seed: number; readonly at: string };
  /** Set once the DSL refuses such a model: text its DslError contains. The saved module still reproduces the disagreement. */
  readonly dslRejects?: string;
  /**
   * Set once the emitter writes such a model so that the wrong party reads it right (what it does
   * differently): every party then gives the expected answer. The saved module still reproduces the disagreement.
   */
  readonly emitterAvoids?: string;
}

/** A fixture folder `out`, written afresh: the model's files (its source map left out) and `model.json`. */
export async function writeFixture(out: string, files: ReadonlyMap<string, string> | undefined, json: unknown, indent = 2): Promise<string> {
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  for (const [name, text] of files ?? []) if (!name.endsWith('.map.json')) await writeFile(path.join(out, name), text);
  await writeFile(path.join(out, 'model.json'), `${JSON.stringify(json, null, indent)}\n`);
  return out;
}

/** Save a (shrunk) disagreement under test/fixtures/fuzz/<issue>/; returns the folder. */
export async function saveFixture(r: CaseResult, issue: string, seed: number, note?: string, dir = FIXTURES_DIR): Promise<string> {
  const right = (['tlc', 'evaluation', 'compiled', 'tla-checker'] as Party[]).filter((p) => p !== r.wrong).map((p) => r.answers[p]).find((a) => a && !a.broken);
  const json: FixtureJson = {
    issue,
    wrong: r.wrong ?? 'unknown',
    note: note ?? BUILTIN_KNOWN.find((k) => k.id === issue)?.summary ?? `${r.wrong ?? 'one party'} disagrees with the others: ${r.detail}`,
    expected: { verdict: right?.verdict ?? '?', distinct: right?.distinct ?? -1 },
    observed: r.answers,
    description: r.d,
    found: { seed, at: new Date().toISOString() },
  };
  return writeFixture(path.join(dir, issue), r.files, json);
}

/** The fixtures under `dir`: each folder's `model.json` (a folder without one is not a fixture). */
export async function loadFixtures<T = FixtureJson>(dir = FIXTURES_DIR): Promise<{ dir: string; json: T }[]> {
  let names: string[];
  try { names = await readdir(dir); } catch { return []; }
  const out: { dir: string; json: T }[] = [];
  for (const n of names.sort()) {
    try { out.push({ dir: path.join(dir, n), json: JSON.parse(await readFile(path.join(dir, n, 'model.json'), 'utf8')) as T }); } catch { /* not a fixture */ }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Campaign

export interface CampaignOptions extends Omit<CaseOptions, 'parties'> {
  /** Models to try (skipped ones — too many states — do not count). */
  readonly count: number;
  readonly seed: number;
  /** Parallel lanes (each runs its own fast-check run with its own seed). */
  readonly lanes?: number;
  /** Save shrunk disagreements as fixtures (default: true). */
  readonly save?: boolean;
  readonly fixturesDir?: string;
  readonly onCase?: (r: CaseResult) => void;
  /** Stop starting new cases after this time. */
  readonly deadline?: number;
  /** Candidates the structural reducer may try per disagreement. */
  readonly reduceBudget?: number;
}

/** Expressions (CASE, LET, CHOOSE) and items (`\E`, either, if) a campaign's report counts the models of. */
const FORMS = ['case', 'caseTotal', 'let', 'chooseOr', 'pick', 'either', 'if'] as const;

export interface CampaignReport {
  tried: number;
  skipped: number;
  agreed: number;
  known: Record<string, number>;
  disagreements: { issue: string; wrong: Party | 'unknown'; detail: string; fixture?: string; shrinks: number; reduced: number; model: string; first: string }[];
  buildErrors: { name: string; detail: string }[];
  verdicts: Record<string, number>;
  /** How many of the models tried have a variable of each sort kind (`fn`, `set`, `seq`, `rec`, scalars). */
  sorts: Record<string, number>;
  /** How many of them use each of `FORMS`. */
  forms: Record<string, number>;
  ms: number;
  withTlc: boolean;
}

export async function runCampaign(o: CampaignOptions): Promise<CampaignReport> {
  const started = performance.now();
  const rep: CampaignReport = { tried: 0, skipped: 0, agreed: 0, known: {}, disagreements: [], buildErrors: [], verdicts: {}, sorts: {}, forms: {}, ms: 0, withTlc: !!o.tlc };
  const known: KnownIssue[] = [...(o.known ?? (await knownFromFixtures(o.fixturesDir)))];
  const lanes = o.lanes ?? 1;
  let remaining = o.count;
  /** Troubles one lane is already shrinking: another lane meeting the same one counts it as known. */
  const claimed = new Set<string>();
  const saved = new Set<string>();
  const lane = async (laneNo: number) => {
    let seed = o.seed + laneNo * 1_000_003;
    while (remaining > 0 && !(o.deadline && performance.now() > o.deadline)) {
      const batch = Math.min(remaining, 25);
      remaining -= batch;
      let firstFailure: CaseResult | undefined;
      let last: CaseResult | undefined;
      let counted = 0;
      const details = await fc.check(fc.asyncProperty(fuzzModelArb, async (d) => {
        const shrinking = firstFailure !== undefined;
        const parties: Party[] | undefined = shrinking ? shrinkParties(firstFailure!) : undefined;
        const r = await runCase(d, { ...o, known, ...(parties ? { parties } : {}) });
        if (!shrinking) {
          if (r.status === 'skipped') fc.pre(false);
          counted++;
          rep.tried++;
          for (const k of new Set(d.vars.map((v) => v.sort.k))) tally(rep.sorts, k);
          const kinds = kindsIn(d);
          for (const k of FORMS) if (kinds.has(k)) tally(rep.forms, k);
          o.onCase?.(r);
          if (r.status === 'agree') { rep.agreed++; tally(rep.verdicts, r.answers.evaluation?.verdict ?? '?'); }
          if (r.status === 'known') tally(rep.known, r.knownIssue!);
          if (r.status === 'build-error') rep.buildErrors.push({ name: d.name, detail: r.detail!.split('\n').slice(0, 4).join('\n') });
        } else if (r.status === 'skipped') fc.pre(false);
        if (!shrinking && r.status === 'disagree') {
          const key = builtinOf(r) ?? `${r.wrong ?? 'unknown'}:${troubleOf(r)}`;
          if (claimed.has(key)) { tally(rep.known, key); return true; }
          claimed.add(key);
        }
        const failed = r.status === 'disagree';
        if (failed) { firstFailure ??= r; last = r; }
        return !failed;
      }), { seed, numRuns: batch, maxSkipsPerRun: 1000 });
      rep.skipped += details.numSkips;
      if (counted < batch) remaining += batch - counted;
      if (details.failed && firstFailure && last) {
        // fast-check's shrink, then the structural reducer, then every party once more.
        const shrunk: CaseResult = last;
        const parties = shrinkParties(firstFailure);
        const sig = troubleOf(shrunk, firstFailure.wrong);
        // Stay on the same issue: the same built-in classification (or none) as the shrunk case.
        const cls = builtinOf(shrunk);
        const reduced = await reduce(shrunk.d, async (c) => {
          if (c.check.k === 'inv' && !c.invariants[c.check.inv]) return false;
          const r = await runCase(c, { ...o, known, ...(parties ? { parties } : {}) }).catch(() => undefined);
          return r?.status === 'disagree' && (!parties || troubleOf(r, firstFailure!.wrong) === sig) && builtinOf(r) === cls;
        }, o.reduceBudget ?? 250);
        const minimal = await runCase(reduced.d, { ...o, known: [] });
        const issue = issueId(minimal);
        if (saved.has(issue)) { tally(rep.known, issue); seed++; continue; }
        saved.add(issue);
        const fixture = o.save === false ? undefined : await saveFixture(minimal, issue, seed, undefined, o.fixturesDir);
        rep.disagreements.push({ issue, wrong: minimal.wrong ?? 'unknown', detail: minimal.detail ?? '', ...(fixture ? { fixture } : {}), shrinks: details.numShrinks, reduced: reduced.steps, model: minimal.d.name, first: firstFailure.detail ?? '' });
        // The same trouble again counts as known from now on (matched by what went wrong).
        known.push(BUILTIN_KNOWN.find((k) => k.id === issue) ?? sameTrouble(issue, minimal));
      }
      seed++;
    }
  };
  await Promise.all(Array.from({ length: lanes }, (_, i) => lane(i)));
  rep.ms = Math.round(performance.now() - started);
  return rep;
}

/** While shrinking, ask only the parties needed to see the same disagreement. */
function shrinkParties(f: CaseResult): Party[] | undefined {
  if (f.wrong === 'tla-checker') return ['evaluation', 'tla-checker'];
  if (f.wrong === 'tlc') return ['evaluation', 'tlc'];
  if (f.wrong === 'evaluation') return ['evaluation', 'tla-checker'];
  return undefined;
}

/** The built-in known issue a case shows, if any. */
function builtinOf(r: CaseResult): string | undefined {
  return BUILTIN_KNOWN.find((x) => x.matches(r.d, r.answers, r.wrong, r.stateLocals ?? []))?.id;
}

function issueId(r: CaseResult): string {
  return builtinOf(r) ?? `${r.wrong ?? 'unknown'}-${r.d.name.replace(/^Fuzz_/, '')}`;
}

/**
 * Issues with a saved fixture: the built-in classifier of its id, else "the same party wrong in
 * the same way". The built-in ones first: the other is coarse (any wrong verdict of that party)
 * and would claim their cases. Not those the emitter avoids now: met again, the way round it fell
 * short, which is news.
 */
export async function knownFromFixtures(dir = FIXTURES_DIR): Promise<KnownIssue[]> {
  const issues = (await loadFixtures(dir)).filter(({ json }) => json.emitterAvoids === undefined).map(({ json }) => BUILTIN_KNOWN.find((k) => k.id === json.issue)
    ?? sameTrouble(json.issue, { answers: json.observed, ...(json.wrong !== 'unknown' ? { wrong: json.wrong } : {}) }));
  return [...issues.filter((k) => BUILTIN_KNOWN.includes(k)), ...issues.filter((k) => !BUILTIN_KNOWN.includes(k))];
}

/** How `wrong` differs from the others: `verdict`, `count`, or `broken:<kind>`. */
function troubleOf(r: Pick<CaseResult, 'answers' | 'wrong'>, wrong: Party | undefined = r.wrong): string {
  const w = wrong ? r.answers[wrong] : undefined;
  const other = Object.entries(r.answers).find(([p]) => p !== wrong)?.[1];
  if (!w || !other) return 'unknown';
  if (w.trace) return `trace:${problemKind(w.trace)}`;
  return w.broken ? `broken:${w.verdict}` : w.verdict !== other.verdict ? 'verdict' : 'count';
}

/** A new issue matches later cases where the same party is the odd one out in the same way (verdict, count or trace). */
function sameTrouble(id: string, r: Pick<CaseResult, 'answers' | 'wrong' | 'detail'>): KnownIssue {
  const sig = troubleOf(r);
  // A wrong trace: only when every other party gives the evaluation's answer with a good one.
  return { id, summary: r.detail ?? '', matches: (_d, answers, wrong) => wrong === r.wrong && troubleOf({ answers, wrong }) === sig && (!sig.startsWith('trace:') || othersRight(answers, wrong)) };
}

export { invName };
