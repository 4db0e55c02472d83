/**
 * Processes and procedures lowered to actions (dsl/lower/process.ts), read off the emitted steps
 * of small models: one behaviour per test (loops, branches, PlusCal's sequential reads, locals
 * kept or substituted, call frames and returns, the step disjunctions, pc's initial value).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import {
  assert, eitherOf, eq, goto, ifThen, label, le, local, loop, lt, model, plus, ret, set, skip, t, TRUE, when, withSome, type Model,
} from '../dsl/index.js';
import { emitModule } from '../dsl/emit/module.js';

const FILE = 'test/process-lowering.test.ts';

/** Definition `name` (header through the line before the next blank line). */
function definition(text: string, name: string): string {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`${name} ==`) || l.startsWith(`${name}(`));
  if (start < 0) throw new Error(`no ${name} in\n${text}`);
  const end = lines.findIndex((l, i) => i > start && l === '');
  return lines.slice(start, end).join('\n');
}

const procs = (): Model => model('Procs', (m) => {
  const P = m.modelValues('P');
  const Q = m.modelValues('Q');
  const x = m.variable('x', t.int(0, 5), 0);
  const bump = m.procedure('Bump', { params: { by: local(t.int(0, 2), 0) }, locals: { old: local(t.int(0, 5), 0), tmp: local(t.int(0, 5), 0) } }, ({ by, old, tmp }) => [
    label('b1'), set(old, x), set(tmp, plus(x, by)), set(x, tmp),
    label('b2'), when(le(old, 5)), ret(),
  ]);
  m.process('Worker', P, { locals: { n: local(t.int(0, 3), 0), scratch: local(t.int(0, 5), 0) } }, ({ self, n, scratch }) => [
    loop('w1', lt(n, 2), [
      set(scratch, plus(x, 1)),
      set(x, scratch),
      set(n, plus(n, 1)),
      ifThen(eq(n, 2), [when(le(x, 4))], [when(le(x, 3))]),
      label('w2'), bump({ by: 1 }),
      label('w3'), eitherOf([set(x, 0)], [goto('w1')]),
    ]),
    label('w4'), withSome(P, (p) => [when(eq(p, self))]), assert('Small', le(x, 5)),
  ]);
  m.process('Other', Q, {}, () => [loop('o1', TRUE(), [label('o2'), set(x, 1)])]);
  m.process('Single', 'one', {}, () => [label('s1'), bump({ by: 2 })]);
  m.config('c', { constants: { P: ['p1'], Q: ['q1'] } });
});
/**
 * Built once per test that uses it, never at load nor kept across tests: a mutation run reruns the tests
 * in the same loaded file, so a module built once would hide every mutant of the lowering.
 */
let text: string | undefined;
beforeEach(() => { text = undefined; });
const tla = (): string => (text ??= emitModule(procs().module).text);

describe('the state of processes', () => {
  it('ProcSet is the union of every process\'s ids; a single id is a one-element set', () => {
    expect(definition(tla(), 'ProcSet')).toBe('ProcSet == P \\cup Q \\cup {one}');
  });
  it('pc starts at each process\'s first label (CASE over the processes), stack empty; kept locals per id', () => {
    expect(definition(tla(), 'Init')).toBe([
      'Init ==', '  /\\ x = 0',
      '  /\\ pc = [p \\in ProcSet |-> CASE p \\in P -> "w1" [] p \\in Q -> "o1" [] p \\in {one} -> "s1"]',
      '  /\\ stack = [p \\in ProcSet |-> <<>>]', '  /\\ n = [p \\in P |-> 0]', '  /\\ by = [p \\in ProcSet |-> 0]', '  /\\ old = [p \\in ProcSet |-> 0]',
    ].join('\n'));
  });
  it('locals only ever written before read (scratch, tmp) are not state; every label and Done is a pc value', () => {
    expect(tla()).toContain('\nVARIABLES x, pc, stack, n, by, old\n');
    expect(definition(tla(), 'TypeOK')).toBe([
      'TypeOK ==', '  /\\ x \\in 0..5', '  /\\ pc \\in [ProcSet -> {"w1", "w2", "w3", "w4", "o1", "o2", "s1", "b1", "b2", "Done"}]',
      '  /\\ DOMAIN stack \\in SUBSET ProcSet', '  /\\ n \\in [P -> 0..3]', '  /\\ by \\in [ProcSet -> 0..2]', '  /\\ old \\in [ProcSet -> 0..5]',
    ].join('\n'));
  });
  it('one process without procedures: pc a plain function of its ids, no stack', () => {
    const one = emitModule(model('One', (m) => {
      const P = m.modelValues('P');
      m.process('W', P, {}, () => [label('a'), skip()]);
    }).module).text;
    expect(definition(one, 'Init')).toBe('Init ==\n  pc = [p \\in P |-> "a"]');
    expect(one).not.toContain('stack');
    expect(definition(one, 'W_a')).toBe('W_a(self) ==\n  /\\ pc[self] = "a"\n  /\\ pc\' = [pc EXCEPT ![self] = "Done"]');
  });
  it('Termination: every process eventually at Done', () => {
    expect(tla()).toContain(`\\* ${FILE}: every process eventually reaches Done\nTermination == <>(\\A p \\in ProcSet : pc[p] = "Done")\n`);
  });
});

describe('steps', () => {
  it('a while label tests the loop: the body (to the next label) or what follows the loop; reads after writes are primed; a temp local is substituted', () => {
    expect(definition(tla(), 'Worker_w1')).toBe([
      'Worker_w1(self) ==',
      '  /\\ pc[self] = "w1"',
      '  /\\ IF n[self] < 2',
      '     THEN /\\ x\' = x + 1',
      '          /\\ n\' = [n EXCEPT ![self] = n[self] + 1]',
      '          /\\ IF n\'[self] = 2',
      '             THEN /\\ x\' <= 4',
      '                  /\\ pc\' = [pc EXCEPT ![self] = "w2"]',
      '             ELSE /\\ x\' <= 3',
      '                  /\\ pc\' = [pc EXCEPT ![self] = "w2"]',
      '     ELSE /\\ pc\' = [pc EXCEPT ![self] = "w4"]',
      '          /\\ UNCHANGED <<x, n>>',
      '  /\\ UNCHANGED <<stack, by, old>>',
    ].join('\n'));
  });
  it('while (TRUE): the body alone; the end of a loop body goes back to the loop label', () => {
    expect(definition(tla(), 'Other_o1')).toBe('Other_o1(self) ==\n  /\\ pc[self] = "o1"\n  /\\ pc\' = [pc EXCEPT ![self] = "o2"]\n  /\\ UNCHANGED <<x, stack, n, by, old>>');
    expect(definition(tla(), 'Other_o2')).toContain('/\\ x\' = 1\n  /\\ pc\' = [pc EXCEPT ![self] = "o1"]');
  });
  it('either: one disjunct per alternative; goto sets pc; the end of a loop body returns to its head', () => {
    expect(definition(tla(), 'Worker_w3')).toBe([
      'Worker_w3(self) ==', '  /\\ pc[self] = "w3"',
      '  /\\ \\/ /\\ x\' = 0', '        /\\ pc\' = [pc EXCEPT ![self] = "w1"]',
      '     \\/ /\\ pc\' = [pc EXCEPT ![self] = "w1"]', '        /\\ UNCHANGED x',
      '  /\\ UNCHANGED <<stack, n, by, old>>',
    ].join('\n'));
  });
  it('with: the rest of the step inside \\E; the end of a process body is Done', () => {
    expect(definition(tla(), 'Worker_w4')).toBe([
      'Worker_w4(self) ==', '  /\\ pc[self] = "w4"', '  /\\ \\E p \\in P :', '       /\\ p = self',
      '       /\\ Assert("Small" \\notin AssertsOff => x <= 5, "Small")', '       /\\ pc\' = [pc EXCEPT ![self] = "Done"]',
      '  /\\ UNCHANGED <<x, stack, n, by, old>>',
    ].join('\n'));
  });
  it('a call pushes a frame (procedure, return label, the kept params and locals), sets the arguments and locals, enters the procedure', () => {
    expect(definition(tla(), 'Worker_w2')).toBe([
      'Worker_w2(self) ==', '  /\\ pc[self] = "w2"',
      '  /\\ stack\' = [stack EXCEPT ![self] = <<[procedure |-> "Bump", pc |-> "w3", by |-> by[self], old |-> old[self]]>> \\o stack[self]]',
      '  /\\ by\' = [by EXCEPT ![self] = 1]', '  /\\ old\' = [old EXCEPT ![self] = 0]', '  /\\ pc\' = [pc EXCEPT ![self] = "b1"]',
      '  /\\ UNCHANGED <<x, n>>',
    ].join('\n'));
  });
  it('a call that ends a process body returns to Done', () => {
    expect(definition(tla(), 'Single_s1')).toContain('<<[procedure |-> "Bump", pc |-> "Done", by |-> by[self], old |-> old[self]]>> \\o stack[self]]\n  /\\ by\' = [by EXCEPT ![self] = 2]');
  });
  it('in a procedure: locals per process id; a temp substituted; return pops the frame and restores', () => {
    expect(definition(tla(), 'Bump_b1')).toBe([
      'Bump_b1(self) ==', '  /\\ pc[self] = "b1"', '  /\\ old\' = [old EXCEPT ![self] = x]', '  /\\ x\' = x + by[self]',
      '  /\\ pc\' = [pc EXCEPT ![self] = "b2"]', '  /\\ UNCHANGED <<stack, n, by>>',
    ].join('\n'));
    expect(definition(tla(), 'Bump_b2')).toBe([
      'Bump_b2(self) ==', '  /\\ pc[self] = "b2"', '  /\\ old[self] <= 5',
      '  /\\ pc\' = [pc EXCEPT ![self] = stack[self][1].pc]', '  /\\ by\' = [by EXCEPT ![self] = stack[self][1].by]',
      '  /\\ old\' = [old EXCEPT ![self] = stack[self][1].old]', '  /\\ stack\' = [stack EXCEPT ![self] = Tail(stack[self])]',
      '  /\\ UNCHANGED <<x, n>>',
    ].join('\n'));
  });
  it('each unit\'s steps as one disjunction, procedures first, a process with the procedures it can reach', () => {
    const t = tla();
    expect(definition(t, 'Bump')).toBe('Bump(self) ==\n  \\/ Bump_b1(self)\n  \\/ Bump_b2(self)');
    expect(definition(t, 'Worker')).toBe('Worker(self) ==\n  \\/ Worker_w1(self)\n  \\/ Worker_w2(self)\n  \\/ Worker_w3(self)\n  \\/ Worker_w4(self)\n  \\/ Bump(self)');
    expect(definition(t, 'Other')).toBe('Other(self) ==\n  \\/ Other_o1(self)\n  \\/ Other_o2(self)');
    expect(definition(t, 'Single')).toBe('Single(self) ==\n  \\/ Single_s1(self)\n  \\/ Bump(self)');
    expect(t.indexOf('Bump(self) ==')).toBeLessThan(t.indexOf('Worker(self) =='));
    expect(t.indexOf('Worker(self) ==')).toBeLessThan(t.indexOf('Other(self) =='));
    expect(t.indexOf('Other(self) ==')).toBeLessThan(t.indexOf('Single(self) =='));
    expect(t).toContain('\nNext ==\n  \\/ \\E self \\in P : Worker(self)\n  \\/ \\E self \\in Q : Other(self)\n  \\/ \\E self \\in {one} : Single(self)\n  \\/ Terminating\n');
  });
  it('a procedure called only through another procedure is reachable too; one only another process calls is not', () => {
    const text = emitModule(model('Nested', (m) => {
      const P = m.modelValues('P');
      const inner = m.procedure('Inner', {}, () => [label('i1'), ret()]);
      const outer = m.procedure('Outer', {}, () => [label('o1'), inner({}), label('o2'), ret()]);
      const alone = m.procedure('Alone', {}, () => [label('z1'), ret()]);
      m.process('W', P, {}, () => [label('a'), outer({}), label('b'), outer({})]);
      m.process('V', 'v', {}, () => [label('c'), alone({})]);
    }).module).text;
    expect(definition(text, 'W')).toBe('W(self) ==\n  \\/ W_a(self)\n  \\/ W_b(self)\n  \\/ Inner(self)\n  \\/ Outer(self)');
    expect(definition(text, 'Outer_o1')).toContain('pc |-> "o2"');
    expect(definition(text, 'Outer')).toBe('Outer(self) ==\n  \\/ Outer_o1(self)\n  \\/ Outer_o2(self)');
    expect(definition(text, 'V')).toBe('V(self) ==\n  \\/ V_c(self)\n  \\/ Alone(self)');
  });
  it('each process lists its labels, loop labels included, for the reports', () => {
    expect(procs().module.processes!.map((p) => [p.name, p.labels])).toEqual([['Worker', ['w1', 'w2', 'w3', 'w4']], ['Other', ['o1', 'o2']], ['Single', ['s1']]]);
  });
  it('a local nothing reads is left out, with a warning that survives lowering', () => {
    const m = model('Unread', (b) => {
      const P = b.modelValues('P');
      b.process('W', P, { locals: { junk: local(t.int(0, 3), 0) } }, ({ junk }) => [label('a'), set(junk, 1)]);
    });
    expect(m.warnings.map((w) => w.rule.id)).toEqual(['ZT100']);
    expect(emitModule(m.module).text).not.toContain('junk');
  });
  it('a call returns to the target of a following goto or loop; labels inside if and either branches continue after them', () => {
    const text = emitModule(model('Returns', (m) => {
      const P = m.modelValues('P');
      const x = m.variable('x', t.int(0, 3), 0);
      const q = m.procedure('Q', {}, () => [label('q1'), ret()]);
      m.process('G', P, {}, () => [label('g1'), q({}), goto('g1')]);
      m.process('L', 'l', {}, () => [label('l1'), q({}), loop('l2', lt(x, 3), [set(x, plus(x, 1))])]);
      m.process('B', 'b', {}, () => [
        label('f1'), ifThen(eq(x, 0), [label('f2'), set(x, 1)]), label('f3'), skip(),
        label('e1'), eitherOf([label('e2'), set(x, 2)], [skip()]), label('e3'), skip(),
      ]);
    }).module).text;
    expect(definition(text, 'G_g1')).toContain('pc |-> "g1"');
    expect(definition(text, 'L_l1')).toContain('pc |-> "l2"');
    // A loop body without a label goes back to the loop's own label.
    expect(definition(text, 'L_l2')).toContain('THEN /\\ x\' = x + 1\n          /\\ pc\' = [pc EXCEPT ![self] = "l2"]');
    expect(definition(text, 'B_f2')).toContain('/\\ x\' = 1\n  /\\ pc\' = [pc EXCEPT ![self] = "f3"]');
    expect(definition(text, 'B_e2')).toContain('/\\ x\' = 2\n  /\\ pc\' = [pc EXCEPT ![self] = "e3"]');
  });
});
