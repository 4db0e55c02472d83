/**
 * The vitest matchers (dsl/testing/matchers.ts) and checkModel on real models: the mutex
 * counter, peer algorithms, seeded mutex misuse, and zswap variants with a one-CPU config. Most
 * run on the compiled verifier (the embedded default); one on tla-checker, whose traces carry no
 * action names (recovered by replay); the TLC cases run where TLC is installed.
 */
import { describe, expect, it } from 'vitest';
import '../dsl/testing/matchers.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { focusConfig } from '../dsl/ir/config-variants.js';
import { emitCfg } from '../dsl/emit/cfg.js';
import { findTlc } from '../dsl/check/tlc.js';
import { zswapScalingModel } from '../scripts/bench/zswap-scaling.js';
import mutexCounter from '../models/mutex-counter.js';
import { lockedCounter } from '../models/peer/locked-counter.js';
import { doubleLock, unlockByNonOwner } from '../models/peer/mutex-misuse.js';
import { peterson } from '../models/peer/peterson.js';
import { tlcSkipNote } from './helpers/t2-java.js';

/** The embedded default: what a model's own tests run on where TLC is absent. */
const embedded = { backend: 'compiled' } as const;
const tlc = await findTlc();

describe('toHold / toViolate on the mutex counter (compiled)', () => {
  it('locked: MutualExclusion holds; racy: NoLostUpdate is violated, ending at Write', async () => {
    await expect(mutexCounter).toHold('MutualExclusion', { config: 'locked', ...embedded });
    await expect(mutexCounter).toViolate('NoLostUpdate', { config: 'racy', atStep: 'Write', ...embedded });
    await expect(mutexCounter).not.toHold('NoLostUpdate', { config: 'racy', ...embedded });
  });

  it('a property checked in a config that does not list it: MutualExclusion fails in racy', async () => {
    // Over every config: locked holds, racy (added to its cfg by focusing) breaks it.
    await expect(expect(mutexCounter).toHold('MutualExclusion', embedded)).rejects.toThrow(/MutexCounter\/racy: compiled found MutualExclusion violated/);
    await expect(mutexCounter).toViolate('MutualExclusion', embedded);
  });

  it('a failing toHold shows the counterexample mapped to DSL lines', async () => {
    const failure = expect(mutexCounter).toHold('NoLostUpdate', { config: 'racy', ...embedded });
    await expect(failure).rejects.toThrow(/expected MutexCounter to satisfy NoLostUpdate in config racy/);
    const message = await failure.then(() => '', (e: Error) => e.message);
    expect(message).toMatch(/NoLostUpdate violated — defined at models\/mutex-counter\.ts:\d+/);
    expect(message).toMatch(/counterexample, \d+ states:/);
    expect(message).toMatch(/models\/mutex-counter\.ts:\d+\s+.*Write/);
    expect(message).toMatch(/models\/mutex-counter\.ts:\d+\s+.*Acquire/);
  });

  it('toViolate fails when the trace ends elsewhere, or nothing is violated', async () => {
    await expect(expect(mutexCounter).toViolate('NoLostUpdate', { config: 'racy', atStep: 'Acquire', ...embedded }))
      .rejects.toThrow(/counterexample ends at action Write at models\/mutex-counter\.ts:\d+, not 'Acquire'/);
    await expect(expect(mutexCounter).toViolate('NoLostUpdate', { config: 'locked', ...embedded }))
      .rejects.toThrow(/MutexCounter\/locked: compiled found no violation/);
  });

  it('names the model does not check, and configs it lacks, are errors', async () => {
    await expect(expect(mutexCounter).toHold('Nope', embedded)).rejects.toThrow(/MutexCounter checks nothing called 'Nope' \(it checks: TypeOK, NoLostUpdate, MutualExclusion, deadlock\)/);
    await expect(expect(mutexCounter).toHold('NoLostUpdate', { config: 'huge', ...embedded })).rejects.toThrow(/no config 'huge' \(configs: locked, racy\)/);
    await expect(expect({ name: 'x' }).toHold('Inv')).rejects.toThrow(/expected a Model/);
  });
});

describe('toPass, and judging a result already checked', () => {
  it('toPass checks each config as written: locked passes, racy does not (and says what it found)', async () => {
    await expect(mutexCounter).toPass({ config: 'locked', ...embedded });
    await expect(expect(mutexCounter).toPass({ config: 'racy', ...embedded })).rejects.toThrow(/MutexCounter\/racy: compiled found NoLostUpdate/);
    await expect(expect(mutexCounter).not.toPass({ config: 'locked', ...embedded })).rejects.toThrow(/to violate something, but nothing is: MutexCounter\/locked \(compiled: \d+ distinct states\)/);
  });

  it('a checkModel() result is judged as checked: one run, many assertions; names its cfg does not check are errors', async () => {
    const racy = await checkModel(mutexCounter, 'racy', { ...embedded });
    await expect(racy).toViolate('NoLostUpdate', { atStep: 'Write' });
    await expect(racy).not.toPass();
    await expect(expect(racy).toHold('NoLostUpdate')).rejects.toThrow(/compiled found NoLostUpdate violated/);
    await expect(expect(racy).toHold('MutualExclusion')).rejects.toThrow(/MutexCounter\/racy was checked with a config that does not check 'MutualExclusion'/);
    await expect(expect(racy).toPass({ config: 'locked' })).rejects.toThrow(/options.config and options.backend apply when checking a model/);
    const locked = await checkModel(mutexCounter, 'locked', embedded);
    await expect(locked).toPass();
    await expect(locked).toHold('MutualExclusion');
  });
});

describe('peer algorithms (compiled)', () => {
  it('LockedCounter: NoLostUpdate holds in every config; the racy one loses an update when a task finishes', async () => {
    await expect(lockedCounter('locked')).toHold('NoLostUpdate', embedded);
    await expect(lockedCounter('racy')).toViolate('NoLostUpdate', { config: 'two_tasks', atStep: 'unlock', ...embedded });
    await expect(lockedCounter('racy')).toViolate('NoLostUpdate', { atStep: 'Task_unlock', ...embedded });
  });

  it('Peterson: mutual exclusion holds; turn-first lets both in at a4', async () => {
    await expect(peterson('correct')).toHold('MutualExclusion', embedded);
    await expect(peterson('turnFirst')).toViolate('MutualExclusion', { atStep: 'a4', ...embedded });
    await expect(expect(peterson('turnFirst')).toHold('MutualExclusion', embedded)).rejects.toThrow(/MutualExclusion violated[\s\S]*models\/peer\/peterson\.ts:\d+/);
  });

  it('seeded mutex misuse: a deadlock, and an assert at the step that fails it', async () => {
    // A deadlock's last step is the one into the stuck state: `take`, after which `retake` waits forever.
    await expect(doubleLock).toViolate('deadlock', { atStep: 'take', ...embedded });
    await expect(expect(doubleLock).toHold('deadlock', embedded)).rejects.toThrow(/MutexDoubleLock\/one_task: compiled found deadlock violated/);
    // The trace of a failed assert stops before the failing step: the step is found from the assert.
    await expect(unlockByNonOwner).toViolate('MutexUnlockedByNonOwner', { atStep: 'meddle', ...embedded });
    await expect(expect(unlockByNonOwner).toViolate('MutexUnlockedByNonOwner', { atStep: 'drop', ...embedded }))
      .rejects.toThrow(/ends at Other step 'meddle' \(Other_meddle\)/);
  });
});

describe('zswap with one CPU and one task (compiled)', () => {
  const v13 = zswapScalingModel('v13', 'alloc-fail', [{ cpus: 1, tasks: 1, symmetry: false }]);
  const fix = zswapScalingModel('v13-fix', 'alloc-fail', [{ cpus: 1, tasks: 1, symmetry: false }]);

  it('v13 removes a cpuhp instance it never added when an allocation fails; v13-fix does not', async () => {
    await expect(v13).toViolate('RemoveOnlyAddedInstance', { config: 'c1_t1', atStep: 'remove_lock', ...embedded });
    await expect(fix).toHold('RemoveOnlyAddedInstance', { config: 'c1_t1', ...embedded });
    await expect(fix).toHold('NoDoubleFree', embedded);
  });

  it('checkModel returns the outcome, every result and its explanation (on tla-checker: its steps are named by replay)', async () => {
    const r = await checkModel(v13, 'c1_t1', { backend: 'tla-checker', focus: 'RemoveOnlyAddedInstance' });
    expect(r.results).toHaveLength(1);
    expect(r.results[0]!.verdict).toMatchObject({ kind: 'assert', message: 'RemoveOnlyAddedInstance' });
    expect(r.explanations[0]!.problem?.dsl?.file).toBe('models/zswap/cpuhp.ts');
    // Action names were recovered by replay (tla-checker's traces have none).
    expect(r.explanations[0]!.steps.slice(1).every((s) => s.action !== undefined)).toBe(true);
    expect(r.text).toMatch(/RemoveOnlyAddedInstance failed — at models\/zswap\/cpuhp\.ts:\d+/);
    expect(r.cfg).toMatch(/CHECK_DEADLOCK FALSE\n$/);
    expect(r.cfg).not.toMatch(/INVARIANT/);
  });
});

describe('focusConfig', () => {
  const racy = mutexCounter.module.configs.find((c) => c.name === 'racy')!;
  const checks = (c: ReturnType<typeof focusConfig>) => ({ typeOk: c.checkTypeOk, invariants: c.invariants, properties: c.properties, deadlock: c.checkDeadlock });
  it.each([
    ['NoLostUpdate', { typeOk: false, invariants: ['NoLostUpdate'], properties: [], deadlock: false }],
    ['MutualExclusion', { typeOk: false, invariants: ['MutualExclusion'], properties: [], deadlock: false }],
    ['TypeOK', { typeOk: true, invariants: [], properties: [], deadlock: false }],
    ['deadlock', { typeOk: false, invariants: [], properties: [], deadlock: true }],
  ] as const)('%s alone', (name, want) => {
    expect(checks(focusConfig(mutexCounter.module, racy, name))).toEqual(want);
  });
  it('an assert: nothing else is checked (asserts are part of the spec)', () => {
    const c = unlockByNonOwner.module.configs[0]!;
    expect(checks(focusConfig(unlockByNonOwner.module, c, 'MutexUnlockedByNonOwner'))).toEqual({ typeOk: false, invariants: [], properties: [], deadlock: false });
  });
  it('the focused config prints as a cfg with that one check', () => {
    const cfg = emitCfg(mutexCounter.module, focusConfig(mutexCounter.module, racy, 'NoLostUpdate'));
    expect(cfg.split('\n').filter((l) => /^(INVARIANT|PROPERTY|CHECK_DEADLOCK)/.test(l))).toEqual(['INVARIANT NoLostUpdate', 'CHECK_DEADLOCK FALSE']);
  });
  it('refuses a name the model does not check, and a temporal property under symmetry', () => {
    expect(() => focusConfig(mutexCounter.module, racy, 'Nope')).toThrow(/checks nothing called 'Nope'/);
    const locked = lockedCounter('locked');
    const sym = locked.module.configs.find((c) => c.symmetry.length > 0);
    expect(sym, 'LockedCounter has a config with SYMMETRY').toBeDefined();
    expect(() => focusConfig(locked.module, sym!, 'Termination')).toThrow(/temporal property .* SYMMETRY/);
  });
});

describe.skipIf(!tlc.found)(`with TLC${tlcSkipNote(tlc)}`, () => {
  it('the same verdicts and steps on TLC, and on both backends at once', async () => {
    await expect(mutexCounter).toViolate('NoLostUpdate', { config: 'racy', atStep: 'Write', backend: 'tlc' });
    await expect(unlockByNonOwner).toViolate('MutexUnlockedByNonOwner', { atStep: 'meddle', backend: 'both' });
    await expect(peterson('correct')).toHold('StarvationFree', { backend: 'tlc' });
    await expect(expect(mutexCounter).toHold('NoLostUpdate', { config: 'racy', backend: 'tlc' }))
      .rejects.toThrow(/tlc found NoLostUpdate violated[\s\S]*models\/mutex-counter\.ts:\d+\s+t\d: Write\(self=t\d\)/);
  });
});
