/**
 * A lock-protected counter written as processes: each task locks, reads the counter into a local,
 * writes it back incremented, unlocks. `racy` skips the lock (the seeded race); `locked` holds.
 * The increment is a procedure, to exercise call/return.
 */
import { cardinality, eq, forall, implies, label, local, lock, model, plus, ret, set, t, unlock } from '../../dsl/index.js';

export const lockedCounter = (variant: 'locked' | 'racy') => model(variant === 'locked' ? 'LockedCounter' : 'RacyCounter', (m) => {
  const TASKS = m.modelValues('TASKS');
  const counter = m.variable('counter', t.int(0, 3), 0);
  const mtx = m.mutex('counter_lock', { initialised: true });

  const increment = m.procedure('increment', { locals: { tmp: local(t.int(0, 3), 0) } }, ({ tmp }) => [
    label('read'), set(tmp, counter),
    label('write'), set(counter, plus(tmp, 1)),
    label('inc_done'), ret(),
  ]);

  m.process('Task', TASKS, { fairness: 'weak' }, () => [
    label('lock'), ...(variant === 'locked' ? lock(mtx) : []),
    label('add'), increment({}),
    label('unlock'), ...(variant === 'locked' ? unlock(mtx) : []),
  ]);

  m.invariant('NoLostUpdate', implies(forall(TASKS, (task) => eq(m.pc(task), 'Done')), eq(counter, cardinality(TASKS))),
    'once every task is done, every increment landed');

  if (variant === 'locked') {
    m.config('two_tasks', { constants: { TASKS: ['t1', 't2'] }, properties: ['Termination'] });
    m.config('three_tasks_sym', { constants: { TASKS: ['t1', 't2', 't3'] }, symmetry: [TASKS] });
  } else {
    m.config('two_tasks', { constants: { TASKS: ['t1', 't2'] }, expect: { violates: 'NoLostUpdate' }, doc: 'seeded race: no lock' });
  }
});

