/**
 * The generated TLA+ reads like the PlusCal translation (issue 14, item 4): an `if` is
 * `IF … THEN … ELSE …` (never a disjunction of guarded branches with `~(~c)`), a loop test too,
 * and `loop(…, TRUE, …)` is its body alone (no `/\ TRUE … \/ ~TRUE`). The peer test
 * (test/peer.test.ts) checks the same formulas give pcal.trans's state counts.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../dsl/compile.js';
import { checkCompiled } from '../dsl/check/compiled/index.js';
import { TRUE, ifThen, label, loop, lt, model, not, plus, set, t, when } from '../dsl/index.js';
import { jobOf } from './helpers/compiled-job.js';

const m = model('T14Readable', (b) => {
  const x = b.variable('x', t.int(0, 3), 0);
  const done = b.variable('done', t.bool(), false);
  b.process('Worker', 'worker', {}, () => [
    loop('spin', TRUE(), [
      label('step'),
      ifThen(not(done), [set(x, plus(x, 1)), ifThen(lt(x, 2), [], [set(done, true)])], [when(lt(x, 3)), set(done, false)]),
    ]),
  ]);
  b.config('c', { checkDeadlock: false });
});
const tla = compile(m).files.get('T14Readable.tla')!;
const definition = (name: string) => tla.split('\n\n').find((d) => d.includes(`\n${name}(self) ==`))!.split('\n').slice(1).join('\n');

describe('processes read like their PlusCal translation', () => {
  it.each([
    ['while (TRUE) is its body alone', 'Worker_spin', [
      'Worker_spin(self) ==',
      '  /\\ pc[self] = "spin"',
      '  /\\ pc\' = [pc EXCEPT ![self] = "step"]',
      '  /\\ UNCHANGED <<x, done>>',
    ]],
    ['an if is IF/THEN/ELSE, nested ones too, with UNCHANGED per branch', 'Worker_step', [
      'Worker_step(self) ==',
      '  /\\ pc[self] = "step"',
      '  /\\ IF ~done',
      '     THEN /\\ x\' = x + 1',
      '          /\\ IF x\' < 2',
      '             THEN /\\ pc\' = [pc EXCEPT ![self] = "spin"]',
      '                  /\\ UNCHANGED done',
      '             ELSE /\\ done\' = TRUE',
      '                  /\\ pc\' = [pc EXCEPT ![self] = "spin"]',
      '     ELSE /\\ x < 3',
      '          /\\ done\' = FALSE',
      '          /\\ pc\' = [pc EXCEPT ![self] = "spin"]',
      '          /\\ UNCHANGED x',
    ]],
  ])('%s', (_, name, lines) => expect(definition(name as string)).toBe((lines as string[]).join('\n')));

  it('no double negation and no TRUE noise anywhere', () => {
    expect(tla).not.toContain('~(~');
    expect(tla).not.toContain('~TRUE');
  });

  // spin/step × (0,F) (1,F) (2,T) (2,F) (3,T); at (3,T) step is disabled (x < 3 fails).
  it('the state space the branches say: ten states', async () => {
    const r = await checkCompiled(jobOf(m));
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts?.distinct).toBe(10);
  });
});
