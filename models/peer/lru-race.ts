/**
 * A seeded evaluation error (test/seeded-bugs.test.ts): two reclaimers each check that the LRU
 * list is non-empty, then take its first page in a later step — the check and the removal are
 * not atomic (a `list_empty()` test outside the lock). With one page on the list, the second
 * reclaimer takes `Head` of the empty list, which TLA+ leaves undefined: the checker stops with
 * an evaluation error at that expression. Not in `peerModels`: a config cannot expect one.
 */
import { append, emptySeq, emptySet, gt, head, ifThen, label, len, model, set, setOf, skip, t, tail, union } from '../../dsl/index.js';

export const lruRace = model('LruRace', (m) => {
  const PAGES = m.modelValues('PAGES');
  const RECLAIMERS = m.modelValues('RECLAIMERS');
  const lru = m.variable('lru', t.seq(t.member(PAGES), 1), emptySeq(t.member(PAGES)));
  const reclaimed = m.variable('reclaimed', t.set(t.member(PAGES)), emptySet(t.member(PAGES)));

  m.process('Store', PAGES, {}, ({ self }) => [
    label('add'), set(lru, append(lru, self)),
  ]);
  m.process('Reclaim', RECLAIMERS, {}, () => [
    label('check'), ifThen(gt(len(lru), 0), [
      label('take'),
      set(reclaimed, union(reclaimed, setOf(head(lru)))), // seeded bug: the list may be empty by now
      set(lru, tail(lru)),
    ]),
    label('done'), skip(),
  ]);
  m.config('two_reclaimers', { constants: { PAGES: ['p1'], RECLAIMERS: ['r1', 'r2'] }, checkDeadlock: false, doc: 'seeded bug: Head of an empty list' });
});
