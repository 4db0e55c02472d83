/**
 * A structural reducer for fuzz descriptions, run after fast-check's own shrinking (which cannot
 * shrink through the generator's `chain`s much): greedily tries smaller variants — fewer model
 * values, no symmetry, fewer actions/steps/items/invariants/variables, sub-expressions replaced
 * by a same-sorted child or a literal — and keeps each one that still fails the same way.
 */
import type { ActionD, ExprD, FuzzModelD, ItemD, ProcessD, StatePropD, StepD } from './fuzz-model.js';
import { named } from './fuzz-model.js';

/** Every one-step simplification of `d` (most aggressive first). Some may be invalid: the caller rejects those. */
export function* simplifications(d: FuzzModelD): Generator<FuzzModelD> {
  const v = (x: Partial<FuzzModelD>) => named({ ...d, ...x } as FuzzModelD);
  for (let p = 1; p < d.p; p++) yield v({ p });
  if (d.symmetry) yield v({ symmetry: false });
  if (d.process && d.actions.length) yield named(withoutKey(d, 'process'));
  for (let i = 0; i < d.actions.length; i++) if (d.actions.length > 1 || d.process) yield v({ actions: d.actions.filter((_, j) => j !== i) });
  if (d.check.k === 'inv' && d.invariants.length > 1) yield v({ invariants: [d.invariants[d.check.inv]!], check: { k: 'inv', inv: 0 } });
  // A temporal property's model: invariants it does not check, then each fairness.
  if (d.check.k === 'prop' && d.invariants.length > 1) yield v({ invariants: d.invariants.slice(0, 1) });
  for (let i = 0; i < d.actions.length; i++) if (d.actions[i]!.fairness) yield v({ actions: d.actions.map((a, j) => (j === i ? unfairAction(a) : a)) });
  if (d.process?.unfair) yield v({ process: withoutKey(d.process, 'unfair') });
  if (d.process?.fairness) yield v({ process: withoutKey(withoutKey(d.process, 'unfair'), 'fairness') });
  if (d.process) {
    const pr = d.process;
    if (pr.loop) yield v({ process: { ...pr, loop: false } });
    for (let i = 1; i < pr.steps.length; i++) yield v({ process: withoutStep(pr, i) });
    if (pr.locals.length) yield v({ process: { ...pr, locals: [] } });
    if (pr.ids === 'P') yield v({ process: { ...pr, ids: 'single' } });
  }
  for (let i = 0; i < d.vars.length; i++) yield v({ vars: d.vars.filter((_, j) => j !== i) });
  for (let i = 0; i < d.vars.length; i++) {
    const x = d.vars[i]!;
    if (x.init.k === 'in' && (x.init.choices?.length ?? 0) > 1) yield v({ vars: d.vars.map((y, j) => (j === i ? { ...y, init: { k: 'in', choices: [x.init.choices![0]!] } } : y)) });
    const fc = x.init.fieldChoices;
    if (fc && (fc.f.length > 1 || fc.g.length > 1)) yield v({ vars: d.vars.map((y, j) => (j === i ? { ...y, init: { k: 'in', fieldChoices: { f: fc.f.slice(0, 1), g: fc.g.slice(0, 1) } } } : y)) });
  }
  // Items, then expressions, anywhere.
  for (const c of mapItems(d, dropItem)) yield c;
  for (const c of mapExprs(d)) yield c;
}

const unfairAction = (a: ActionD): ActionD => withoutKey(a, 'fairness');
/** `pr` without its `i`th step, nor that step's label among those left out of its fairness. */
function withoutStep(pr: ProcessD, i: number): ProcessD {
  const steps = pr.steps.filter((_, j) => j !== i);
  const unfair = pr.unfair?.filter((l) => l !== pr.steps[i]!.label);
  return unfair?.length ? { ...pr, steps, unfair } : { ...withoutKey(pr, 'unfair'), steps };
}
function withoutKey<T extends object, K extends keyof T>(x: T, key: K): T {
  const { [key]: _, ...rest } = x;
  return rest as T;
}

/** Variants of `items` with one item removed, or one branch/pick body simplified. */
function dropItem(items: readonly ItemD[]): ItemD[][] {
  const out: ItemD[][] = [];
  items.forEach((it, i) => {
    out.push(items.filter((_, j) => j !== i));
    const put = (x: ItemD) => out.push(items.map((y, j) => (j === i ? x : y)));
    if (it.k === 'either') {
      it.alts.forEach((alt, a) => { out.push([...items.slice(0, i), ...alt, ...items.slice(i + 1)]); for (const s of dropItem(alt)) put({ ...it, alts: it.alts.map((x, b) => (b === a ? s : x)) }); });
    } else if (it.k === 'if') {
      out.push([...items.slice(0, i), ...it.then, ...items.slice(i + 1)], [...items.slice(0, i), ...it.else, ...items.slice(i + 1)]);
      for (const s of dropItem(it.then)) put({ ...it, then: s });
      for (const s of dropItem(it.else)) put({ ...it, else: s });
    } else if (it.k === 'pick') {
      for (const s of dropItem(it.items)) put({ ...it, items: s });
    }
  });
  return out;
}

function* mapItems(d: FuzzModelD, f: (items: readonly ItemD[]) => ItemD[][]): Generator<FuzzModelD> {
  for (let i = 0; i < d.actions.length; i++) {
    for (const items of f(d.actions[i]!.items)) yield named({ ...d, actions: d.actions.map((a, j): ActionD => (j === i ? { ...a, items } : a)) });
  }
  const pr = d.process;
  if (pr) {
    for (let i = 0; i < pr.steps.length; i++) {
      for (const items of f(pr.steps[i]!.items)) yield named({ ...d, process: { ...pr, steps: pr.steps.map((s, j): StepD => (j === i ? { ...s, items } : s)) } as ProcessD });
    }
  }
}

/** Same-sorted simpler forms of an expression. */
function smaller(e: ExprD): ExprD[] {
  switch (e.k) {
    case 'not': return [e.a, { k: 'lit', v: true }, { k: 'lit', v: false }];
    case 'and': case 'or': return [...e.es, { k: 'lit', v: true }, { k: 'lit', v: false }, ...(e.es.length > 2 ? e.es.map((_, i) => ({ ...e, es: e.es.filter((_, j) => j !== i) })) : [])];
    case 'implies': return [e.b, { k: 'lit', v: true }, { k: 'lit', v: false }];
    case 'eq': case 'neq': case 'lt': case 'le': case 'gt': case 'ge': case 'forall': case 'exists': case 'pcIs': case 'inRange':
      return [{ k: 'lit', v: true }, { k: 'lit', v: false }];
    case 'plus': case 'minus': case 'times': return [e.a, e.b, { k: 'lit', v: 0 }];
    case 'div': case 'mod': return [e.a, { k: 'lit', v: 0 }];
    case 'count': return [{ k: 'lit', v: 0 }];
    case 'ite': return [e.a, e.b];
    case 'case': case 'caseTotal': return [e.other, ...e.arms.map(([, v]) => v)];
    case 'let': return [e.body]; // fails to build where the body reads the name: the caller rejects it
    case 'chooseOr': case 'headOr': return [e.d];
    case 'casePartial': return e.arms.map(([, v]) => v);
    case 'divBy': return [e.a];
    case 'opDiv': return [{ k: 'divBy', op: e.op, a: e.a, by: e.by }, e.a];
    case 'lazyAt': return [{ k: 'app', fn: e.v, key: e.key }];
    case 'has': return [{ k: 'lit', v: true }, { k: 'lit', v: false }];
    case 'card': case 'len': return [{ k: 'lit', v: 0 }];
    default: return [];
  }
}

/** Children of an expression, with a function that puts a replacement back. */
function children(e: ExprD): [ExprD, (x: ExprD) => ExprD][] {
  const r: [ExprD, (x: ExprD) => ExprD][] = [];
  for (const [k, val] of Object.entries(e)) {
    if (k === 'k') continue;
    if (Array.isArray(val)) {
      val.forEach((c, i) => {
        const at = (x: unknown) => ({ ...e, [k]: val.map((y, j) => (j === i ? x : y)) }) as ExprD;
        if (c && typeof c === 'object' && 'k' in c) r.push([c as ExprD, at]);
        // A CASE arm, [condition, value].
        else if (Array.isArray(c)) c.forEach((part, n) => r.push([part as ExprD, (x) => at(c.map((y, m) => (m === n ? x : y)))]));
      });
    }
    else if (val && typeof val === 'object' && 'k' in val) r.push([val as ExprD, (x) => ({ ...e, [k]: x }) as ExprD]);
  }
  return r;
}

/** Every expression with one sub-expression simplified. */
function exprVariants(e: ExprD): ExprD[] {
  const out = [...smaller(e)];
  for (const [c, put] of children(e)) for (const s of exprVariants(c)) out.push(put(s));
  return out;
}

function itemExprVariants(items: readonly ItemD[]): ItemD[][] {
  const out: ItemD[][] = [];
  items.forEach((it, i) => {
    const put = (x: ItemD) => out.push(items.map((y, j) => (j === i ? x : y)));
    switch (it.k) {
      case 'when': case 'assert': for (const e of exprVariants(it.e)) put({ ...it, e }); break;
      case 'set': case 'setLocal': for (const e of exprVariants(it.e)) put({ ...it, e }); break;
      case 'update': case 'add': case 'del': case 'push': case 'setField': for (const e of exprVariants(it.e)) put({ ...it, e }); break;
      case 'either': it.alts.forEach((alt, a) => { for (const s of itemExprVariants(alt)) put({ ...it, alts: it.alts.map((x, b) => (b === a ? s : x)) }); }); break;
      case 'if':
        for (const c of exprVariants(it.c)) put({ ...it, c });
        for (const s of itemExprVariants(it.then)) put({ ...it, then: s });
        for (const s of itemExprVariants(it.else)) put({ ...it, else: s });
        break;
      case 'pick': for (const s of itemExprVariants(it.items)) put({ ...it, items: s }); break;
    }
  });
  return out;
}

function* mapExprs(d: FuzzModelD): Generator<FuzzModelD> {
  for (const c of mapItems(d, itemExprVariants)) yield c;
  for (let i = 0; i < d.invariants.length; i++) for (const e of exprVariants(d.invariants[i]!)) yield named({ ...d, invariants: d.invariants.map((x, j) => (j === i ? e : x)) });
  const prop = d.check.k === 'prop' ? d.check.prop : undefined;
  if (prop && prop.k !== 'termination') {
    const inner = prop.k === 'forall' ? prop.prop : prop;
    const withProp = (x: StatePropD) => named({ ...d, check: { k: 'prop', prop: prop.k === 'forall' ? { k: 'forall', prop: x } : x } });
    if (inner.k === 'leadsTo') {
      for (const e of exprVariants(inner.p)) yield withProp({ ...inner, p: e });
      for (const e of exprVariants(inner.q)) yield withProp({ ...inner, q: e });
    } else for (const e of exprVariants(inner.e)) yield withProp({ ...inner, e });
  }
}

/**
 * Greedy reduction: take the first simplification that still fails, repeat until none does or
 * `budget` candidates were tried. `fails` must return false for invalid candidates.
 */
export async function reduce(d: FuzzModelD, fails: (c: FuzzModelD) => Promise<boolean>, budget = 300): Promise<{ d: FuzzModelD; tried: number; steps: number }> {
  let cur = d;
  let tried = 0;
  let steps = 0;
  const seen = new Set<string>([JSON.stringify(d)]);
  outer: while (tried < budget) {
    for (const c of simplifications(cur)) {
      const key = JSON.stringify(c);
      if (seen.has(key)) continue;
      seen.add(key);
      if (++tried > budget) break outer;
      if (await fails(c)) { cur = c; steps++; continue outer; }
    }
    break;
  }
  return { d: cur, tried, steps };
}
