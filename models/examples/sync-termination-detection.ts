/**
 * The abstract specification EWD840 refines, ported from the TLA+ Examples:
 * tlaplus/Examples specifications/ewd840/SyncTerminationDetection.tla (and its .cfg), commit
 * 32a32c7b0b97562da2dd4b2e55b7f81cd6fea2b9, by Stephan Merz: termination detection on a ring
 * with synchronous communication. N = 7 (the original's cfg): 129 distinct states; TDCorrect,
 * Quiescence and Liveness hold. EWD840 (ewd840.ts) instantiates it.
 */
import type { ModelBuilder } from '../../dsl/author/model.js';
import { always, booleans, FALSE, fnSet, forall, implies, leadsTo, minus, model, not, pick, primed, range, set, setOf, t, update, when, wf } from '../../dsl/index.js';

/** The module's declarations (for configs: the port's own below, or a test's). */
export function declareSyncTerminationDetection(m: ModelBuilder) {
  const N = m.intConstant('N');
  const Node = m.define('Node', range(0, minus(N, 1)));
  const active = m.variableIn('active', t.fn(Node, t.bool()), fnSet(Node, booleans()));
  const terminated = m.define('terminated', forall(Node, (n) => not(active.at(n))));
  const terminationDetected = m.variableIn('terminationDetected', t.bool(), setOf(FALSE(), terminated));

  m.action('Terminate', { i: Node }, ({ i }) => [
    when(active.at(i)),
    update(active, (p) => p.at(i).to(false)),
    // possibly (but not necessarily) detect termination if all nodes are inactive; the original
    // says terminated', written out because tla-checker drops a definition that primes one
    pick(setOf(terminationDetected, forall(Node, (n) => not(primed(active).at(n)))), (d) => [set(terminationDetected, d)]),
  ], { doc: 'node i terminates' });
  m.action('Wakeup', { i: Node, j: Node }, ({ i, j }) => [
    when(active.at(i)),
    update(active, (p) => p.at(j).to(true)),
  ], { doc: 'node i activates node j' });
  const DetectTermination = m.action('DetectTermination', {}, () => [
    when(terminated),
    set(terminationDetected, true),
  ]);
  m.fairness(wf(DetectTermination({})));

  const TDCorrect = m.invariant('TDCorrect', implies(terminationDetected, terminated));
  const Quiescence = m.property('Quiescence', always(implies(terminated, always(terminated))));
  const Liveness = m.property('Liveness', leadsTo(terminated, terminationDetected));
  return { TDCorrect, Quiescence, Liveness };
}

export const syncTerminationDetection = model('SyncTerminationDetection', (m) => {
  const d = declareSyncTerminationDetection(m);
  // The original's cfg also checks Quiescence ([](terminated => []terminated)), which only TLC
  // can: test/examples.test.ts checks it there.
  m.config('n7', { constants: { N: 7 }, invariants: [d.TDCorrect], properties: [d.Liveness], doc: 'SyncTerminationDetection.cfg (Quiescence on TLC in the tests): 129 distinct states' });
});
