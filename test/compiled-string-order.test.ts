/**
 * TLC orders strings (and record field names) by when it interned them, not by their characters:
 * CHOOSE takes the first element in that order, and sets print in it. Each module here has a
 * set of strings in its initial state; the compiled verifier's order is worked out by hand from
 * where each string first occurs (the config's values, SANY's built-in names, the module's words,
 * the standard modules' words, string literals), and where TLC is found it prints the same set in
 * the same order.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findTlc, runTlc, tlcChecker } from '../dsl/check/tlc.js';
import { compileSpec } from '../dsl/check/compiled/compile.js';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { emitCfg } from '../dsl/emit/cfg.js';
import { assert, label, lt, model, set, t } from '../dsl/index.js';
import { focusConfig } from '../dsl/ir/config-variants.js';
import { BUILT_IN, enterOrder, SetValue, show, STANDARD, valueOrder } from '../dsl/check/compiled/values.js';
import { buildFuzzModel, type FuzzModelD } from '../scripts/bench/fuzz-model.js';
import { jobOf } from './helpers/compiled-job.js';
import { tempDirs } from './helpers/io.js';
import { tlcSkipNote } from './helpers/t2-java.js';

const tlc = await findTlc();

/** A module whose initial state is `zq = {strings}` (and an invariant it breaks, so TLC prints it); `extra`: more lines. */
const moduleText = (strings: readonly string[], extra = '') => [
  '---- MODULE Order ----',
  'EXTENDS Integers, FiniteSets, Sequences, TLC',
  'CONSTANTS Q, C',
  'VARIABLE zq',
  `In == zq = {${strings.map((s) => `"${s}"`).join(', ')}}`,
  "Nx == zq' = zq",
  'Ok == zq = {}',
  extra,
  '====',
  '',
].join('\n');
const CFG = 'CONSTANTS\n  Q = {p2, p1}\n  C = "cv"\nINIT In\nNEXT Nx\nINVARIANT Ok\n';
const tmp = tempDirs();

/** TLC's verdict on `tla` under CFG (its first state prints zq). */
async function tlcVerdict(found: Extract<typeof tlc, { found: true }>, tla: string) {
  const dir = await tmp('zswap-tla-order-');
  await writeFile(path.join(dir, 'Order.tla'), tla);
  await writeFile(path.join(dir, 'Order.cfg'), CFG);
  return (await runTlc(found, dir, 'Order', 'Order.cfg', 'Order', { workers: 1 })).verdict;
}

const CASES: readonly { readonly name: string; readonly strings: readonly string[]; readonly extra?: string; readonly order: readonly string[] }[] = [
  // Literal-only strings in the order first written; "g" is a word of TLC.tla (`f @@ g`), read before them.
  { name: 'string literals as written, after a standard module\'s word', strings: ['y', 'r', 'g'], order: ['g', 'y', 'r'] },
  // A word of the module is read before any literal, wherever it stands.
  { name: 'a word of the module, even written after the literal', strings: ['y', 'r', 'g'], extra: 'Later == \\E y \\in {1} : TRUE', order: ['y', 'g', 'r'] },
  // The config's values first (model values in its order, then C's string), then SANY's built-ins.
  { name: 'the config\'s values, then SANY\'s built-in names', strings: ['zz', 'TRUE', 'cv', 'p1', 'FALSE', 'p2', 'STRING'], order: ['p2', 'p1', 'cv', 'STRING', 'FALSE', 'TRUE', 'zz'] },
  // The module's words in order (EXTENDS before CONSTANTS, C before zq), then the standard modules' (Int before Nat), then literals.
  { name: 'the module\'s words, then the standard modules\'', strings: ['qq', 'Nat', 'zq', 'Int', 'C', 'CONSTANTS', 'EXTENDS'], order: ['EXTENDS', 'CONSTANTS', 'C', 'zq', 'Int', 'Nat', 'qq'] },
  // `\in` and `\E` are operators: their letters are no words ("in" and "E" are literals here, in the order written).
  { name: 'no word inside an operator (\\in) or a comment', strings: ['in', 'E', 'kk', 'cup'], extra: 'Later == \\E v \\in {1} : v \\in {1} \\cup {2} \\* kk\n(* cup kk *)', order: ['in', 'E', 'kk', 'cup'] },
  // Strings no identifier or operator could be: literals, as written. (A string spelled as an
  // operator, "=" or "-", TLC interns where a module writes that operator: not modelled.)
  { name: 'strings that are no identifier rank as the literals they are', strings: ['a-b', 'zz', '', 'x y', 'a.b'], order: ['a-b', 'zz', '', 'x y', 'a.b'] },
];

describe(`strings in TLC's order${tlcSkipNote(tlc)}`, () => {
  it.each(CASES)('$name', async ({ strings, extra, order }) => {
    const tla = moduleText(strings, extra);
    enterOrder(valueOrder(tla, ['p2', 'p1'], ['p2', 'p1', 'cv']));
    const mine = show(SetValue.of([...strings]));
    expect(mine).toBe(`{${order.map((s) => `"${s}"`).join(', ')}}`);
    if (!tlc.found) return;
    const v = await tlcVerdict(tlc, tla);
    expect(v).toEqual(expect.objectContaining({ kind: 'invariant', name: 'Ok' }));
    expect(v.kind === 'invariant' && v.trace[0]?.vars.zq?.replace(/\s+/g, ' ')).toBe(mine);
  });
});

describe('the built-in names and the standard modules\' words, as observed from TLC', () => {
  // Every word of both lists written as a string, in reverse: TLC prints them in its intern order,
  // which is the lists' own (and literals it never interned after them, as written).
  it.skipIf(!tlc.found)(`TLC prints them in the order of the lists${tlcSkipNote(tlc)}`, async () => {
    const strings = [...BUILT_IN, ...STANDARD, 'never1', 'never0'].reverse();
    const tla = moduleText(strings);
    enterOrder(valueOrder(tla, ['p2', 'p1'], ['p2', 'p1', 'cv']));
    const mine = show(SetValue.of([...strings]));
    expect(mine).toBe(`{${[...BUILT_IN, ...STANDARD, 'never0', 'never1'].map((s) => `"${s}"`).join(', ')}}`);
    const v = await tlcVerdict(tlc as Extract<typeof tlc, { found: true }>, tla);
    // A set this long TLC prints over several lines, `{ "STRING",` …: only the spacing differs.
    expect(v.kind === 'invariant' && v.trace[0]?.vars.zq?.replace(/\s+/g, ' ').replace(/^\{ /, '{').replace(/ \}$/, '}')).toBe(mine);
  });
});

describe('the config\'s values as compiled', () => {
  it('the cfg\'s values in the order it writes them (a model-value set, a lone model value, a string), ranked before every word of the module', () => {
    const m = model('Written', (b) => {
      const cpus = b.modelValues('Cpus');
      b.modelValue('NoCpu', cpus);
      b.intConstant('Size');
      const x = b.variable('x', t.int(0, 2), 0);
      b.action('Stay', {}, () => [set(x, x)]);
      b.config('c', { constants: { Cpus: ['c2', 'c1'], NoCpu: { modelValue: true }, Size: 'sz' }, checkDeadlock: false });
    });
    const job = jobOf(m);
    expect(job.cfg).toMatch(/Cpus = \{c2, c1\}[^]*NoCpu = NoCpu[^]*Size = "sz"/);
    const spec = compileSpec(m.module, job.config, job.tla, job.spans);
    expect(spec.order.modelValues).toEqual(['c2', 'c1', 'NoCpu']);
    const rank = (s: string) => spec.order.ranks.of(s);
    expect(rank('c2')).toBeLessThan(rank('c1'));
    expect(rank('c1')).toBeLessThan(rank('NoCpu'));
    expect(rank('NoCpu')).toBeLessThan(rank('sz'));
    expect(rank('sz')).toBeLessThan(rank('STRING'));
    expect(rank('STRING')).toBeLessThan(rank('x'));
  });
  it('the asserts a focused check switches off are the config\'s values, ranked before every word of the module', () => {
    const m = model('Focused', (b) => {
      const x = b.variable('x', t.int(0, 2), 0);
      b.process('Stepper', 'stepper', {}, () => [label('one'), set(x, 1), label('two'), assert('AtMostZero', lt(x, 1)), label('three'), assert('AtMostOne', lt(x, 2))]);
      b.config('c', { checkDeadlock: false });
    });
    const job = jobOf(m);
    const focused = focusConfig(m.module, job.config, 'AtMostOne');
    expect(focused.assertsOff).toEqual(['AtMostZero']);
    const spec = compileSpec(m.module, focused, job.tla, job.spans);
    // The cfg writes AssertsOff = {"AtMostZero"}; the module writes both names only as literals.
    expect(emitCfg(m.module, focused)).toContain('AssertsOff = {"AtMostZero"}');
    expect(spec.order.ranks.of('AtMostZero')).toBeLessThan(spec.order.ranks.of('STRING'));
    expect(spec.order.ranks.of('AtMostOne')).toBeGreaterThan(spec.order.ranks.of('x'));
  });
});

describe(`CHOOSE over strings takes TLC's first${tlcSkipNote(tlc)}`, () => {
  const lit = (v: string) => ({ k: 'lit', v, e: 1 }) as const;
  // x1 = {"y", "r", "g"}; x2' = CHOOSE y \in x1 : y # "g". The binder's name makes "y" a word of
  // the module, read before "g" (a word of TLC.tla) and "r" (a literal only): "y" is chosen, and
  // x2 # "y" fails. By the strings' characters it would be "r", and the invariant would hold.
  const d: FuzzModelD = {
    name: 'Fuzz_choosestring', p: 2, symmetry: false, check: { k: 'inv', inv: 0 },
    vars: [
      { name: 'x1', sort: { k: 'set', elem: { k: 'enum', e: 1 } }, init: { k: 'value', items: [lit('y'), lit('r'), lit('g')] } },
      { name: 'x2', sort: { k: 'enum', e: 1 }, init: { k: 'value', e: lit('g') } },
    ],
    actions: [{ name: 'Act1', param: false, items: [{ k: 'set', v: 'x2', e: { k: 'chooseOr', v: 'x1', op: 'neq', e: lit('g'), d: lit('g') } }] }],
    invariants: [{ k: 'neq', a: { k: 'var', name: 'x2' }, b: lit('y') }],
  };
  it('the compiled verifier chooses "y", as TLC does', async () => {
    const r = await checkCompiled(jobOf(buildFuzzModel(d)));
    expect(r.verdict).toEqual(expect.objectContaining({ kind: 'invariant', name: 'Inv1' }));
    expect(r.verdict.kind === 'invariant' && r.verdict.trace.at(-1)?.vars.x2).toBe('"y"');
    if (!tlc.found) return;
    const t = await tlcChecker.check(jobOf(buildFuzzModel(d)), { workers: 1 });
    expect(t.verdict).toEqual(expect.objectContaining({ kind: 'invariant', name: 'Inv1' }));
    expect(t.verdict.kind === 'invariant' && t.verdict.trace.at(-1)?.vars.x2).toBe('"y"');
  });
});
