/**
 * Seeded liveness bugs (test/seeded-bugs.test.ts): each breaks a temporal property, so the
 * checker's counterexample is a lasso — a path, then a cycle that repeats forever or a state
 * where the system stutters. Not in `peerModels`: they exist to test that lassos map back here.
 */
import { eq, eventually, forall, label, leadsTo, lock, loop, model, set, skip, t, unlock, when } from '../../dsl/index.js';

/**
 * `wait_for_completion()` with the `complete()` side in a thread the scheduler never has to run
 * (no fairness): the waiter may wait forever. The lasso ends stuttering.
 */
export const unfairCompletion = model('UnfairCompletion', (m) => {
  const done = m.variable('done', t.bool(), false);
  const waiter = m.process('Waiter', 'waiter', { fairness: 'weak' }, () => [
    label('wait'), when(done), // seeded bug: nothing forces the completer to run
    label('woken'), skip(),
  ]);
  m.process('Completer', 'completer', {}, () => [
    label('complete'), set(done, true),
  ]);
  m.property('WaiterWakes', eventually(eq(m.pc(waiter), 'Done')), 'the waiter is eventually woken');
  m.config('one_waiter', { properties: ['WaiterWakes'], checkDeadlock: false, expect: { violates: 'WaiterWakes' }, doc: 'seeded bug: complete() may never run' });
});

/**
 * Two CPUs take a plain mutex in a loop. Weak fairness is not enough: the waiter's lock step is
 * enabled only while the other CPU is outside its critical section, so the other CPU may take
 * the lock again every time. The lasso ends in a cycle.
 */
export const mutexStarvation = model('MutexStarvation', (m) => {
  const CPUS = m.modelValues('CPUS');
  const mtx = m.mutex('mtx', { initialised: true });
  m.process('Cpu', CPUS, { fairness: 'weak' }, () => [
    loop('idle', true, [
      skip(),
      label('take'), ...lock(mtx),
      label('work'), skip(),
      label('drop'), ...unlock(mtx),
    ]),
  ]);
  m.property('EveryCpuGetsTheLock', forall(CPUS, (c) => leadsTo(eq(m.pc(c), 'take'), eq(m.pc(c), 'work'))),
    'a CPU that wants the mutex gets it');
  m.config('two_cpus', { constants: { CPUS: ['c1', 'c2'] }, properties: ['EveryCpuGetsTheLock'], expect: { violates: 'EveryCpuGetsTheLock' }, doc: 'seeded bug: weak fairness does not prevent starvation' });
});

export const livenessBugs = [unfairCompletion, mutexStarvation] as const;
