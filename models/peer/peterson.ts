/**
 * Peterson's mutual exclusion for two processes, as in Lamport's PlusCal version:
 *
 *   a1: while (TRUE) {
 *         skip;                         \* noncritical section
 *   a2:   flag[self] := TRUE;
 *   a3:   turn := Other(self);
 *   a4:   await ~flag[Other(self)] \/ turn = self;
 *   cs:   skip;                         \* critical section
 *   a5:   flag[self] := FALSE }
 *
 * Process ids are model values, so `1 - self` becomes `Other(self)`. `turnFirst` is the seeded
 * bug: giving away the turn before raising the flag lets both processes into `cs`.
 */
import {
  and, choose, eq, FALSE, fn, forall, implies, label, leadsTo, loop, model, neq, not, or, set, skip, t, TRUE, update, when,
} from '../../dsl/index.js';

export const peterson = (variant: 'correct' | 'turnFirst') => model(variant === 'correct' ? 'Peterson' : 'PetersonTurnFirst', (m) => {
  const PROCS = m.modelValues('PROCS');
  const Other = m.defineOp('Other', { p: PROCS }, ({ p }) => choose(PROCS, (q) => neq(q, p)), 'the other process');

  const flag = m.variable('flag', t.fn(PROCS, t.bool()), fn(PROCS, () => FALSE()));
  const turn = m.variable('turn', t.member(PROCS), choose(PROCS, () => TRUE()));

  m.process('Proc', PROCS, { fairness: 'weak' }, ({ self }) => [
    loop('a1', true, [
      skip(), // the noncritical section
      ...(variant === 'correct'
        ? [label('a2'), update(flag, (f) => f.at(self).to(true)),
           label('a3'), set(turn, Other({ p: self }))]
        : [label('a2'), set(turn, Other({ p: self })),
           label('a3'), update(flag, (f) => f.at(self).to(true))]),
      label('a4'), when(or(not(flag.at(Other({ p: self }))), eq(turn, self))),
      label('cs'), skip(), // the critical section
      label('a5'), update(flag, (f) => f.at(self).to(false)),
    ]),
  ]);

  m.invariant('MutualExclusion', forall(PROCS, (p) => forall(PROCS, (q) => implies(neq(p, q), not(and(eq(m.pc(p), 'cs'), eq(m.pc(q), 'cs')))))),
    'no two processes are in the critical section at once');
  m.property('StarvationFree', forall(PROCS, (p) => leadsTo(eq(m.pc(p), 'a2'), eq(m.pc(p), 'cs'))),
    'a process that wants the critical section gets it');

  if (variant === 'correct') {
    m.config('two_procs', { constants: { PROCS: ['p1', 'p2'] }, properties: ['StarvationFree'], doc: 'no SYMMETRY: Init chooses turn' });
  } else {
    m.config('two_procs', { constants: { PROCS: ['p1', 'p2'] }, expect: { violates: 'MutualExclusion' }, doc: 'seeded bug: turn given away before the flag is raised' });
  }
});
