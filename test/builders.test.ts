/**
 * The public builders of issue 14 (item 3): record sets, sets of sequences, integer process
 * ids, sort bounds from constants, ASSUME, and literals whose sort comes from the other operand.
 * Each case is a small model whose distinct-state count (or error) is known by hand, checked on
 * the compiled verifier and tla-checker every run, and on TLC when found.
 */
import { describe, expect, it } from 'vitest';
import type { Checker } from '../dsl/check/checker.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import {
  emptySeq, eq, exists, record, goto, isIn, ite, label, len, lt, model, neq, pick, plus, range, recordOf, recordSet, seqSet, set, setOf, t, union, when,
  type Model,
} from '../dsl/index.js';
import { runPipeline } from '../dsl/pipeline/run.js';
import { compile } from '../dsl/compile.js';
import { TLC_JVM } from './helpers/t2-java.js';

const tlc = await findTlc();

/** Messages of two record shapes, a sequence bounded by a constant, literal-first comparisons. */
const messages = model('T14Messages', (m) => {
  const RM = m.modelValues('RM');
  const N = m.intConstant('N');
  m.assume('NIsSmall', lt(N, 3));
  m.assume(neq(0, N));
  const Prepared = t.record({ type: t.enum('Prepared'), rm: t.member(RM) });
  const Decision = t.record({ type: t.enum('Commit', 'Abort') });
  const Message = m.define('Message', union(recordSet({ type: setOf('Prepared'), rm: RM }), recordSet({ type: setOf('Commit', 'Abort') })));
  const msgs = m.variable('msgs', t.set(t.member(Message)), setOf(recordOf(Decision, { type: 'Commit' })));
  const q = m.variable('q', t.seq(t.int(0, 1), N), emptySeq(t.int(0, 1)));
  const n = m.variable('n', t.int(0, N), 0);
  // 1 + 2 msgs values (each RM's Prepared added or not: 4 sets) x q in seqs of length <= N over {0, 1} (1 + 2 + 4 = 7 with N = 2) x n.
  m.action('Prepare', { r: RM }, ({ r }) => [set(msgs, union(msgs, setOf(recordOf(Prepared, { type: 'Prepared', rm: r }))))]);
  m.action('Push', {}, () => [pick(seqSet(setOf(0, 1), N), (s) => [when(eq(len(s), plus(len(q), 1))), set(q, s)])]);
  m.action('Count', {}, () => [when(lt(n, N)), set(n, ite(eq(0, n), 1, plus(n, 1)))]);
  m.invariant('CommitSent', isIn(record({ type: 'Commit' }), msgs));
  m.invariant('QInSeq', isIn(q, seqSet(setOf(0, 1))));
  m.invariant('Bits', exists(seqSet(setOf(0, 1), 2), (s) => eq(s, q)));
  m.config('two', { constants: { RM: ['r1', 'r2'], N: 2 }, checkDeadlock: false });
  m.config('too_big', { constants: { RM: ['r1'], N: 3 }, checkDeadlock: false, expect: 'pass' });
});

/** PlusCal's `process (P \in 1..N)`: each id runs to Done once, so 2^N states. */
const ranged = model('T14Range', (m) => {
  const N = m.intConstant('N');
  const turns = m.variable('turns', t.int(0, N), 0);
  m.process('P', range(1, N), {}, ({ self }) => [label('go'), when(lt(0, self)), set(turns, plus(turns, 1)), goto('stop'), label('stop')]);
  m.invariant('InRange', isIn(turns, range(0, N)));
  m.config('three', { constants: { N: 3 } });
});

const backends: [string, Checker, boolean][] = [['compiled', compiledChecker, true], ['tla-checker', tlaChecker, true], ['tlc', tlcChecker, tlc.found]];
const skipped = tlc.found ? '' : ` (TLC skipped: ${tlc.reason})`;

const run = (mdl: Model, config: string, checker: Checker) => runPipeline(mdl, config, { checkers: [checker], workers: 1, jvmArgs: TLC_JVM });

describe('the builders emit what TLA+ says', () => {
  const tla = compile(messages).files.get('T14Messages.tla')!;
  it.each([
    ['record sets of two shapes', 'Message == [type : {"Prepared"}, rm : RM] \\cup [type : {"Commit", "Abort"}]'],
    ['a named ASSUME', 'ASSUME NIsSmall == N < 3'],
    ['an unnamed ASSUME, literal first', 'ASSUME 0 # N'],
    ['a sequence bound from a constant', '/\\ Len(q) <= N'],
    ['an int range from a constant', '/\\ n \\in 0..N'],
    ['Seq(S) for membership', 'QInSeq == q \\in Seq({0, 1})'],
    ['a bounded set of sequences', '\\E s \\in UNION {[1..n2 -> {0, 1}] : n2 \\in 0..2} : s = q'],
    ['a literal-first ite condition and literal branch', "n' = (IF 0 = n THEN 1 ELSE n + 1)"],
  ])('%s', (_, text) => expect(tla).toContain(text));

  it('integer process ids: ProcSet is the range', () => {
    const text = compile(ranged).files.get('T14Range.tla')!;
    expect(text).toContain('ProcSet == 1..N');
    expect(text).toContain('\\E self \\in 1..N : P(self)');
  });
});

describe.each(backends)('the builders check on %s' + skipped, (_, checker, available) => {
  // TLC runs only the ASSUME case (its message is the one the others copy): the rest is plain TLA+ the other suites cross-check.
  it.skipIf(!available || checker === tlcChecker)('messages, sequences and constant bounds: every state, passed', async () => {
    const o = await run(messages, 'two', checker);
    expect(o.results[0]!.verdict).toEqual({ kind: 'passed' });
    // msgs: 4, q: 7, n: 3.
    expect(o.results[0]!.counts?.distinct).toBe(4 * 7 * 3);
  });

  it.skipIf(!available)('a false ASSUME stops the check with its TLA+ location', async () => {
    const o = await run(messages, 'too_big', checker);
    const v = o.results[0]!.verdict;
    const line = compile(messages).files.get('T14Messages.tla')!.split('\n').findIndex((l) => l.startsWith('ASSUME NIsSmall')) + 1;
    expect(v).toMatchObject({ kind: 'evalError', message: `Assumption line ${line}, col 20 to line ${line}, col 24 of module T14Messages is false.` });
  });

  it.skipIf(!available || checker === tlcChecker)("integer process ids 1..N: each at go, stop or Done (3^N states)", async () => {
    const o = await run(ranged, 'three', checker);
    expect(o.results[0]!.verdict).toEqual({ kind: 'passed' });
    expect(o.results[0]!.counts?.distinct).toBe(3 ** 3);
  });
});
