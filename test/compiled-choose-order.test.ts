/**
 * CHOOSE over functions takes TLC's first: TLC orders two functions of one size by their whole
 * domains, then by their values (FcnRcdValue#compareTo), as records by their names, then values.
 * Until 2026-12-07 the compiled verifier compared domain and value pair by pair, so of
 * `(1 :> 0 @@ 3 :> 0)` and `<<5, 0>>` it took the first where TLC takes `<<5, 0>>` (domain 1..2
 * before {1, 3}). compiled-values tests `compare` itself; here the whole check, beside TLC's.
 */
import { describe, expect, it } from 'vitest';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { choose, eq, fn, ite, model, range, setOf, t } from '../dsl/index.js';
import { jobOf } from './helpers/compiled-job.js';
import { tlcSkipNote } from './helpers/t2-java.js';

const tlc = await findTlc();

/** x = (CHOOSE f \in {F, G} : TRUE)[1], F = (1 :> 0 @@ 3 :> 0), G = <<5, 0>>; the invariant says x = 5 (G chosen). */
const chooser = model('ChooseFn', (b) => {
  const F = fn(setOf(1, 3), () => 0, t.int(0, 5));
  const G = fn(range(1, 2), (i) => ite(eq(i, 1), 5, 0));
  const x = b.variable('x', t.int(0, 5), choose(setOf(F, G), () => true).at(1));
  b.action('Stay', {}, () => []);
  b.invariant('ChoosesG', eq(x, 5));
  b.config('c', { invariants: ['ChoosesG'] });
});

describe(`CHOOSE over functions of one size takes TLC's first${tlcSkipNote(tlc)}`, () => {
  it('the compiled verifier takes <<5, 0>>: the invariant holds', async () => {
    const r = await checkCompiled(jobOf(chooser));
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts?.distinct).toBe(1);
  });
  it.skipIf(!tlc.found)('TLC takes it too', async () => {
    const r = await tlcChecker.check(jobOf(chooser), { workers: 1 });
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts?.distinct).toBe(1);
  });
});
