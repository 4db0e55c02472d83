/**
 * Two tasks increment a shared counter under a mutex: read the counter into a local, then
 * write local + 1 back. `locked` checks the version that takes the mutex; `racy` lets a task
 * skip the mutex (the seeded bug), and TLC finds the lost update.
 */
import { and, either, eq, fn, forall, implies, model, plus, set, setOf, t, union, update, when } from '../dsl/index.js';

export default model('MutexCounter', (m) => {
  const TASKS = m.modelValues('TASKS');
  const NoTask = m.modelValue('NoTask', TASKS);
  const Racy = m.intConstant('RACY');

  const owner = m.variable('owner', t.member(union(TASKS, setOf(NoTask))), NoTask);
  const counter = m.variable('counter', t.int(0, 2), 0);
  const phase = m.variable('phase', t.fn(TASKS, t.enum('idle', 'read', 'wrote')), fn(TASKS, () => 'idle', t.enum('idle', 'read', 'wrote')));
  const local = m.variable('local', t.fn(TASKS, t.int(0, 2)), fn(TASKS, () => 0, t.int(0, 2)));

  m.action('Acquire', { self: TASKS }, ({ self }) => [
    when(phase.at(self).eq('idle')),
    either(
      [when(owner.eq(NoTask)), set(owner, self)],
      [when(eq(Racy, 1))],
    ),
    update(phase, (p) => p.at(self).to('read')),
    update(local, (p) => p.at(self).to(counter)),
  ], { fairness: 'weak' });

  m.action('Write', { self: TASKS }, ({ self }) => [
    when(phase.at(self).eq('read')),
    set(counter, plus(local.at(self), 1)),
    update(phase, (p) => p.at(self).to('wrote')),
    set(owner, NoTask),
  ], { fairness: 'weak' });

  m.invariant('NoLostUpdate', implies(forall(TASKS, (task) => phase.at(task).eq('wrote')), eq(counter, 2)),
    'both tasks done means both increments landed');
  m.invariant('MutualExclusion', forall(TASKS, (a) => forall(TASKS, (b) =>
    implies(and(phase.at(a).eq('read'), phase.at(b).eq('read')), eq(a, b)))),
    'at most one task between reading and writing the counter');

  m.config('locked', {
    constants: { TASKS: ['t1', 't2'], NoTask: { modelValue: true }, RACY: 0 },
    symmetry: [TASKS],
    checkDeadlock: false,
  });
  m.config('racy', {
    constants: { TASKS: ['t1', 't2'], NoTask: { modelValue: true }, RACY: 1 },
    checkDeadlock: false,
    invariants: ['NoLostUpdate'],
    expect: { violates: 'NoLostUpdate' },
    doc: 'seeded bug: a task may skip the mutex',
  });
});
