/**
 * Which backends check a config: `resolveCheckers` (once per run) and `checkersFor` (per
 * config), as tables over fake checkers — available or not, refusing the config or not.
 */
import { describe, expect, it } from 'vitest';
import type { Checker, CheckJob } from '../dsl/check/checker.js';
import { CHECKERS, checkersFor, resolveCheckers, type BackendChoice } from '../dsl/check/checkers.js';
import type { Backend } from '../dsl/check/result.js';

/** A checker that is `up` or not, and refuses jobs whose config has temporal properties when `liveness` is false. */
function fake(name: Backend, up: boolean, liveness = true): Checker {
  return {
    name,
    embedded: name !== 'tlc',
    available: () => Promise.resolve(up ? { ok: true, detail: name } : { ok: false, reason: `${name} is down` }),
    refuses: (job) => (!liveness && job.config.properties.length ? 'no temporal properties' : undefined),
    check: () => { throw new Error('not run here'); },
  };
}

const job = (properties: string[]): CheckJob => ({ config: { properties } } as unknown as CheckJob);
const SAFETY = job([]);
const LIVENESS = job(['Live']);
const names = (cs: readonly Checker[]) => cs.map((c) => c.name);

// [choice, tlc up, which job, expected checkers]
const cases: [BackendChoice, boolean, CheckJob, Backend[]][] = [
  ['auto', true, SAFETY, ['tlc']],
  ['auto', true, LIVENESS, ['tlc']],
  ['auto', false, SAFETY, ['compiled']],
  ['auto', false, LIVENESS, ['tla-checker']],
  ['both', true, SAFETY, ['tlc', 'compiled', 'tla-checker']],
  ['both', true, LIVENESS, ['tlc', 'tla-checker']],
  ['both', false, SAFETY, ['compiled', 'tla-checker']],
  ['both', false, LIVENESS, ['tla-checker']],
  ['embedded', true, SAFETY, ['compiled']],
  ['embedded', true, LIVENESS, ['tla-checker']],
  ['embedded', false, SAFETY, ['compiled']],
  ['compiled', false, LIVENESS, ['compiled']],
  ['tla-checker', true, SAFETY, ['tla-checker']],
];

describe('checkersFor', () => {
  it.each(cases)('%s, TLC up: %s, %o → %j', async (choice, tlcUp, j, expected) => {
    const registry = [fake('tlc', tlcUp), fake('compiled', true, false), fake('tla-checker', true)];
    expect(names(checkersFor(await resolveCheckers(choice, registry), j))).toEqual(expected);
  });

  it('auto when every backend refuses: the first runs, to report its refusal (never a pass)', async () => {
    const registry = [fake('compiled', true, false)];
    expect(names(checkersFor(await resolveCheckers('auto', registry), LIVENESS))).toEqual(['compiled']);
  });

  it('the registry prefers TLC, then the compiled verifier, then tla-checker', () => {
    expect(names(CHECKERS)).toEqual(['tlc', 'compiled', 'tla-checker']);
  });
});

describe('resolveCheckers', () => {
  it('auto names the backends passed over before the one it uses, with their reasons', async () => {
    const r = await resolveCheckers('auto', [fake('tlc', false), fake('compiled', true), fake('tla-checker', true)]);
    expect(names(r.checkers)).toEqual(['compiled', 'tla-checker']);
    expect(r.unavailable).toEqual([{ name: 'tlc', reason: 'tlc is down' }]);
  });

  it('embedded never uses TLC, and names only the embedded backends passed over', async () => {
    const r = await resolveCheckers('embedded', [fake('tlc', true), fake('compiled', false), fake('tla-checker', true)]);
    expect(names(r.checkers)).toEqual(['tla-checker']);
    expect(r.unavailable).toEqual([{ name: 'compiled', reason: 'compiled is down' }]);
  });

  it('the shipped compiled verifier and tla-checker are embedded; TLC is not', () => {
    expect(CHECKERS.filter((c) => c.embedded).map((c) => c.name)).toEqual(['compiled', 'tla-checker']);
  });

  it.each([
    ['auto', [fake('tlc', false)], /no checker is available: tlc: tlc is down/],
    ['embedded', [fake('tlc', true), fake('compiled', false)], /^no embedded checker is available: compiled: compiled is down$/],
    ['both', [fake('tlc', false), fake('compiled', true)], /--backend both needs two available checkers; tlc: tlc is down/],
    ['tlc', [fake('tlc', false), fake('compiled', true)], /--backend tlc: tlc is down/],
    ['spin', [fake('tlc', true)], /unknown backend 'spin' \(backends: tlc\)/],
  ] as const)('%s with too few backends: a usage error naming why', async (choice, registry, message) => {
    await expect(resolveCheckers(choice as BackendChoice, registry)).rejects.toThrow(message);
  });
});
