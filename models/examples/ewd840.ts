/**
 * EWD 840, Dijkstra's termination detection on a ring, ported from the TLA+ Examples:
 * tlaplus/Examples specifications/ewd840/EWD840.tla (and EWD840.cfg), commit
 * 32a32c7b0b97562da2dd4b2e55b7f81cd6fea2b9, by Stephan Merz. Same variables, actions, fairness
 * and properties; with N = 3 TLC finds 302 distinct states and every invariant and `Liveness`
 * hold, as the original's manifest records, and so does its refinement of
 * SyncTerminationDetection (`TDSpec == TD!Spec`, TLC only: it reads the instanced module).
 *
 * What it shows of the DSL: a named action formula (`System`) used for fairness
 * (`WF_vars(System)`), a second specification chosen per config (`SpecWFNext`, and `Unfair`
 * without fairness), an action property (`NeverChangeColor == [][UNCHANGED color]_vars`), and a
 * leads-to whose left side is temporal (`FalseLiveness`).
 */
import {
  alwaysAction, alwaysEventually, and, booleans, enumSet, eq, exists, fnSet, forall, gt, implies, int, ite, leadsTo, lift, lt,
  minus, model, not, or, pick, range, set, setMinus, setOf, t, unchanged, update, when, wf,
} from '../../dsl/index.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import { syncTerminationDetection } from './sync-termination-detection.js';

/** The module's declarations (for configs: the port's own below, or a test's). */
export function declareEWD840(m: ModelBuilder) {
  const N = m.intConstant('N');
  const Node = m.define('Node', range(0, minus(N, 1)));
  const Color = t.enum('white', 'black');
  const active = m.variableIn('active', t.fn(Node, t.bool()), fnSet(Node, booleans()));
  const color = m.variableIn('color', t.fn(Node, Color), fnSet(Node, enumSet(Color, 'white', 'black')));
  const tpos = m.variableIn('tpos', t.member(Node), Node);
  const tcolor = m.variable('tcolor', Color, 'black');

  const InitiateProbe = m.action('InitiateProbe', {}, () => [
    when(eq(tpos, 0)),
    when(or(eq(tcolor, 'black'), eq(color.at(0), 'black'))),
    set(tpos, minus(N, 1)),
    set(tcolor, 'white'),
    update(color, (p) => p.at(0).to('white')),
  ], { doc: 'node 0 starts a probe: a white token to node N-1' });

  const PassToken = m.action('PassToken', { i: setMinus(Node, setOf(int(0))) }, ({ i }) => [
    when(eq(tpos, i)),
    when(or(not(active.at(i)), eq(color.at(i), 'black'), eq(tcolor, 'black'))),
    set(tpos, minus(i, 1)),
    set(tcolor, ite(eq(color.at(i), 'black'), lift('black', Color), tcolor)),
    update(color, (p) => p.at(i).to('white')),
  ], { doc: 'node i passes the token on, staining it if i is black' });

  const System = m.define('System', or(InitiateProbe({}), exists(setMinus(Node, setOf(int(0))), (i) => PassToken({ i }))), 'the token-passing actions of the algorithm');

  m.action('SendMsg', { i: Node }, ({ i }) => [
    when(active.at(i)),
    pick(setMinus(Node, setOf(i)), (j) => [
      update(active, (p) => p.at(j).to(true)),
      update(color, (p) => p.at(i).to((old) => ite(gt(j, i), lift('black', Color), old))),
    ]),
  ], { doc: 'an active node activates another; against the token, it turns black' });

  m.action('Deactivate', { i: Node }, ({ i }) => [
    when(active.at(i)),
    update(active, (p) => p.at(i).to(false)),
  ], { doc: 'any active node may become inactive' });

  m.fairness(wf(System));
  const specWFNext = m.spec('SpecWFNext', { fairness: [wf(m.next())], doc: 'fairness of every step, not only of the algorithm' });
  const unfair = m.spec('Unfair', { doc: 'no fairness at all' });

  const terminated = m.define('terminated', forall(Node, (i) => not(active.at(i))));
  const terminationDetected = m.define('terminationDetected', and(eq(tpos, 0), eq(tcolor, 'white'), eq(color.at(0), 'white'), not(active.at(0))));
  const TerminationDetection = m.invariant('TerminationDetection', implies(terminationDetected, terminated), 'a white token at node 0 means every node is inactive');
  const Inv = m.invariant('Inv', or(
    forall(Node, (i) => implies(lt(tpos, i), not(active.at(i)))),
    exists(range(0, tpos), (j) => eq(color.at(j), 'black')),
    eq(tcolor, 'black'),
  ), "Dijkstra's inductive invariant");
  const TokenAlwaysBlack = m.invariant('TokenAlwaysBlack', eq(tcolor, 'black'), 'not a property: TLC should find a white token');
  const NeverChangeColor = m.property('NeverChangeColor', alwaysAction(unchanged(color)), 'not a property: nodes do change colour');
  const Liveness = m.property('Liveness', leadsTo(terminated, terminationDetected), 'termination is eventually detected');
  // EWD840 implements SyncTerminationDetection: its active is ours, its terminationDetected our predicate.
  const TD = m.instance('TD', syncTerminationDetection, { terminationDetected });
  const TDSpec = m.property('TDSpec', TD.spec(), 'refinement: every behaviour of EWD840 is one of SyncTerminationDetection');
  // Checked on TLC only (tla-checker cannot evaluate a temporal formula under \A): see test/examples.test.ts.
  const FalseLiveness = m.property('FalseLiveness', leadsTo(forall(Node, (i) => alwaysEventually(not(active.at(i)))), terminationDetected), 'does not hold: nodes can wake each other up');
  return { tpos, specWFNext, unfair, TerminationDetection, Inv, TokenAlwaysBlack, NeverChangeColor, Liveness, FalseLiveness, TDSpec };
}

/** N = 3, no deadlock check: EWD840.cfg's settings. */
export const EWD840_N3 = { constants: { N: 3 }, checkDeadlock: false } as const;

export const ewd840 = model('EWD840', (m) => {
  const d = declareEWD840(m);
  m.config('n3', { ...EWD840_N3, invariants: [d.TerminationDetection, d.Inv], properties: [d.Liveness], doc: 'EWD840.cfg (without TDSpec): 302 distinct states' });
  m.config('n3_wf_next', { ...EWD840_N3, spec: d.specWFNext, invariants: [d.TerminationDetection], properties: [d.Liveness] });
  m.config('n3_unfair', { ...EWD840_N3, spec: d.unfair, invariants: [], properties: [d.Liveness], expect: { violates: d.Liveness }, doc: 'without WF_vars(System) termination may never be detected' });
  m.config('n3_token_black', { ...EWD840_N3, invariants: [d.TokenAlwaysBlack], expect: { violates: d.TokenAlwaysBlack } });
  m.config('n3_color', { ...EWD840_N3, invariants: [], properties: [d.NeverChangeColor], expect: { violates: d.NeverChangeColor } });
});
