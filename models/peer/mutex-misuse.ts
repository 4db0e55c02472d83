/**
 * Seeded mutex misuse, one small model per bug (test/process.test.ts). Each bug is caught by the
 * checks `lock`/`unlock`/`mutexInit` carry, and the checker's trace leads back to the DSL line of
 * the step that misused the mutex. Not in `peerModels`: a config's `expect` cannot name the
 * `Mutex…` checks (they are asserts, not invariants), so `npm run check` would call them failures.
 */
import { label, lock, model, mutexInit, ret, skip, unlock } from '../../dsl/index.js';

/** A task locks the mutex it already holds: it waits for itself forever (TLC: deadlock). */
export const doubleLock = model('MutexDoubleLock', (m) => {
  const mtx = m.mutex('mtx', { initialised: true });
  m.process('Task', 'task', {}, () => [
    label('take'), ...lock(mtx),
    label('retake'), ...lock(mtx), // seeded bug: already held
    label('release'), ...unlock(mtx),
  ]);
  m.config('one_task', { expect: 'deadlock', doc: 'seeded bug: the task locks the mutex twice' });
});

/** One task unlocks the mutex another holds. */
export const unlockByNonOwner = model('MutexUnlockByNonOwner', (m) => {
  const mtx = m.mutex('mtx', { initialised: true });
  m.process('Owner', 'owner', {}, () => [
    label('grab'), ...lock(mtx),
    label('work'), skip(),
    label('drop'), ...unlock(mtx),
  ]);
  m.process('Other', 'other', {}, () => [
    label('wait'), skip(),
    label('meddle'), ...unlock(mtx), // seeded bug: never locked it
  ]);
  m.config('owner_and_other', { doc: 'seeded bug: MutexUnlockedByNonOwner' });
});

/** A mutex that needs `mutexInit` is locked before it. */
export const lockBeforeInit = model('MutexLockBeforeInit', (m) => {
  const mtx = m.mutex('mtx', { initialised: false });
  m.process('Probe', 'probe', {}, () => [
    label('start'), skip(),
    label('early'), ...lock(mtx), // seeded bug: before mutexInit
    label('setup'), ...mutexInit(mtx),
  ]);
  m.config('one_probe', { doc: 'seeded bug: MutexLockedBeforeInit' });
});

/** The same misuse one call deep: a task calls a release helper without holding the lock. */
export const unlockInProcedure = model('MutexUnlockInProcedure', (m) => {
  const mtx = m.mutex('mtx', { initialised: true });
  const release = m.procedure('release', {}, () => [
    label('rel'), ...unlock(mtx),
    label('rel_done'), ret(),
  ]);
  m.process('Task', 'task', {}, () => [
    label('prepare'), skip(), // seeded bug: forgets to lock
    label('finish'), release({}),
    label('after'), skip(),
  ]);
  m.config('one_task', { doc: 'seeded bug: MutexUnlockedByNonOwner inside release()' });
});

export const mutexMisuseModels = [doubleLock, unlockByNonOwner, lockBeforeInit, unlockInProcedure] as const;
