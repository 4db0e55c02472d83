/**
 * The Two-Phase Commit protocol, action style, ported from the TLA+ Examples repository:
 * github:tlaplus/Examples, specifications/transaction_commit/TwoPhase.tla (and its TwoPhase.cfg),
 * at commit 32a32c7b0b97562da2dd4b2e55b7f81cd6fea2b9 (Gray and Lamport). A transaction manager
 * (TM) collects "Prepared" messages from the resource managers (RMs) and broadcasts Commit, or
 * aborts on its own; messages are a set that only grows. The safety part only: the original's
 * refinement of TCommit (`TC == INSTANCE TCommit`) is not ported here.
 *
 * The original's TPTypeOK is the generated TypeOK (the same four conjuncts, from the sorts).
 * Its TPNext quantifies once over the RMs for five actions; here each action has its own
 * `\E rm \in RM`, the same relation. TLC on the original, RM = {r1, r2, r3}: 288 distinct
 * states, no error (test/examples.test.ts asserts the same on every backend).
 */
import { eq, emptySet, fn, isIn, model, recordOf, recordSet, set, setOf, t, union, update, when, type TExpr } from '../../dsl/index.js';

export const twoPhase = model('TwoPhase', (m) => {
  const RM = m.modelValues('RM');
  const RMState = t.enum('working', 'prepared', 'committed', 'aborted');
  const Prepared = t.record({ type: t.enum('Prepared'), rm: t.member(RM) });
  const Decision = t.record({ type: t.enum('Commit', 'Abort') });
  const Message = m.define('Message', union(recordSet({ type: setOf('Prepared'), rm: RM }), recordSet({ type: setOf('Commit', 'Abort') })),
    'every message: Prepared from an RM to the TM, Commit or Abort broadcast by the TM');

  const rmState = m.variable('rmState', t.fn(RM, RMState), fn(RM, () => 'working', RMState));
  const tmState = m.variable('tmState', t.enum('init', 'committed', 'aborted'), 'init');
  const tmPrepared = m.variable('tmPrepared', t.set(t.member(RM)), emptySet(t.member(RM)));
  const Msg = t.member(Message);
  const msgs = m.variable('msgs', t.set(Msg), emptySet(Msg));
  const send = (msg: TExpr<typeof Msg>) => set(msgs, union(msgs, setOf(msg)));

  m.action('TMRcvPrepared', { rm: RM }, ({ rm }) => [
    when(eq(tmState, 'init')), when(isIn(recordOf(Prepared, { type: 'Prepared', rm }), msgs)), set(tmPrepared, union(tmPrepared, setOf(rm))),
  ], { doc: 'the TM receives a Prepared message from rm' });
  m.action('TMCommit', {}, () => [
    when(eq(tmState, 'init')), when(eq(tmPrepared, RM)), set(tmState, 'committed'), send(recordOf(Decision, { type: 'Commit' })),
  ], { doc: 'the TM commits once every RM is prepared' });
  m.action('TMAbort', {}, () => [when(eq(tmState, 'init')), set(tmState, 'aborted'), send(recordOf(Decision, { type: 'Abort' }))],
    { doc: 'the TM spontaneously aborts' });
  m.action('RMPrepare', { rm: RM }, ({ rm }) => [
    when(eq(rmState.at(rm), 'working')), update(rmState, (p) => p.at(rm).to('prepared')), send(recordOf(Prepared, { type: 'Prepared', rm })),
  ], { doc: 'rm prepares' });
  m.action('RMChooseToAbort', { rm: RM }, ({ rm }) => [when(eq(rmState.at(rm), 'working')), update(rmState, (p) => p.at(rm).to('aborted'))],
    { doc: 'rm spontaneously aborts (sending nothing)' });
  m.action('RMRcvCommitMsg', { rm: RM }, ({ rm }) => [when(isIn(recordOf(Decision, { type: 'Commit' }), msgs)), update(rmState, (p) => p.at(rm).to('committed'))],
    { doc: 'rm is told to commit' });
  m.action('RMRcvAbortMsg', { rm: RM }, ({ rm }) => [when(isIn(recordOf(Decision, { type: 'Abort' }), msgs)), update(rmState, (p) => p.at(rm).to('aborted'))],
    { doc: 'rm is told to abort' });

  m.config('three_rms', { constants: { RM: ['r1', 'r2', 'r3'] }, doc: "TwoPhase.cfg: RM = {r1, r2, r3}, INVARIANT TPTypeOK (here TypeOK)" });
});
