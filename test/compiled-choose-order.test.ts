/**
 * CHOOSE over functions takes TLC's first: TLC (master, since tlaplus#652) orders two functions
 * of one size by their whole domains, then by their values (FcnRcdValue#compareTo), as records by
 * their names, then values. So of `(1 :> 0 @@ 3 :> 0)` and `<<5, 0>>` it takes `<<5, 0>>` (domain
 * 1..2 before {1, 3}); compared pair by pair (1 = 1, then 0 < 5, as the 1.7.x releases do) it is
 * the other. compiled-values tests `compare` itself; here the whole check, beside TLC's.
 */
import { describe, expect, it } from 'vitest';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { choose, eq, fn, ite, model, range, setOf, t } from '../dsl/index.js';
import { jobOf } from './helpers/compiled-job.js';
import { comparesDomainsFirst, tlcSkipNote } from './helpers/t2-java.js';

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
  it.skipIf(!tlc.found)(`TLC takes it too (a 1.7.x release, comparing pair by pair, takes the other: x = 0)`, async () => {
    const r = await tlcChecker.check(jobOf(chooser), { workers: 1 });
    if (tlc.found && comparesDomainsFirst(tlc)) expect(r.verdict).toEqual({ kind: 'passed' });
    else expect(r.verdict.kind === 'invariant' && r.verdict.trace.at(-1)?.vars.x).toBe('0');
    expect(r.counts?.distinct).toBe(1);
  });
});
