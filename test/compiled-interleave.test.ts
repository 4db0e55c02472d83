/**
 * Two compiled searches in one process, interleaved (each yields to the event loop as it goes):
 * each keeps its own spec's value order — model values as its config names them, record fields
 * as its module first writes them — or one record or set is stored in two shapes and the counts
 * grow. The two models put the fields, and their configs the model values, in opposite orders.
 */
import { describe, expect, it } from 'vitest';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import type { CheckResult } from '../dsl/check/result.js';
import { compile } from '../dsl/compile.js';
import { emptySet, lt, model, notIn, plus, recordOf, set, setOf, t, union, update, when, type Model } from '../dsl/index.js';
import { SpanResolver } from '../dsl/map/spans.js';
import { jobFor } from '../dsl/pipeline/run.js';

const N = 150;
const P = ['p1', 'p2', 'p3'];
/** (N+1)^2 counter pairs times the 2^|P| subsets of P. */
const EXPECTED = (N + 1) ** 2 * 2 ** P.length;

function counters(name: string, fields: readonly ['x', 'y'] | readonly ['y', 'x'], order: readonly string[]): Model {
  return model(name, (m) => {
    const PS = m.modelValues('P');
    const R = t.record(Object.fromEntries(fields.map((f) => [f, t.int(0, N)])) as { x: ReturnType<typeof t.int>; y: ReturnType<typeof t.int> });
    const r = m.variable('r', R, recordOf(R, { x: 0, y: 0 }));
    const s = m.variable('s', t.set(t.member(PS)), emptySet(t.member(PS)));
    m.action('IncX', {}, () => [when(lt(r.get('x'), N)), update(r, (p) => p.get('x').to((v) => plus(v, 1)))]);
    m.action('IncY', {}, () => [when(lt(r.get('y'), N)), update(r, (p) => p.get('y').to((v) => plus(v, 1)))]);
    m.action('Add', { p: PS }, ({ p }) => [when(notIn(p, s)), set(s, union(s, setOf(p)))]);
    m.config('c', { constants: { P: [...order] }, checkDeadlock: false });
  });
}

const check = (m: Model): Promise<CheckResult> => {
  const a = compile(m, new SpanResolver());
  return compiledChecker.check(jobFor(a, m.module, m.module.configs[0]!));
};

describe('two compiled searches interleaved in one process', () => {
  it('each counts its own states, as it does alone', async () => {
    const xy = counters('T2FieldsXY', ['x', 'y'], P);
    const yx = counters('T2FieldsYX', ['y', 'x'], [...P].reverse());
    const alone = [await check(xy), await check(yx)];
    const together = await Promise.all([check(xy), check(yx)]);
    for (const r of [...alone, ...together]) {
      expect(r.verdict.kind).toBe('passed');
      expect(r.counts?.distinct).toBe(EXPECTED);
    }
    // They really interleaved: each took longer than one yield interval (200 ms).
    expect(Math.min(...together.map((r) => r.durationMs))).toBeGreaterThan(200);
  });
});
