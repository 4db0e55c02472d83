/**
 * A bounded buffer between one producer and one consumer, as in the PlusCal textbook version:
 *
 *   process (Producer = "producer") {
 *     produce: while (produced < N) {
 *                await Len(buf) < Cap;
 *                buf := Append(buf, produced + 1);
 *                produced := produced + 1 } }
 *   process (Consumer = "consumer") variables item = 0; {
 *     consume: while (consumed < N) {
 *                await buf # <<>>;
 *                item := Head(buf);
 *                buf := Tail(buf);
 *     use:       consumed := item } }
 *
 * The producer sends the items 1..N in order. `noWait` is the seeded bug: the producer does not
 * wait for room, and the buffer overflows.
 */
import {
  append, emptySeq, forall, head, label, le, len, local, loop, lt, minus, model, neq, nth, plus, range, set, t, tail, when,
} from '../../dsl/index.js';

/** The most items any config produces (the bound TypeOK checks). */
const MAX_ITEMS = 3;
const ITEM = t.int(0, MAX_ITEMS);

export const prodCons = (variant: 'bounded' | 'noWait') => model(variant === 'bounded' ? 'ProdCons' : 'ProdConsNoWait', (m) => {
  const N = m.intConstant('N');
  const Cap = m.intConstant('Cap');

  const buf = m.variable('buf', t.seq(ITEM, MAX_ITEMS), emptySeq(ITEM));
  const produced = m.variable('produced', ITEM, 0);
  const consumed = m.variable('consumed', ITEM, 0);

  m.process('Producer', 'producer', { fairness: 'weak' }, () => [
    loop('produce', lt(produced, N), [
      ...(variant === 'bounded' ? [when(lt(len(buf), Cap))] : []),
      set(buf, append(buf, plus(produced, 1))),
      set(produced, plus(produced, 1)),
    ]),
  ]);

  m.process('Consumer', 'consumer', { locals: { item: local(ITEM, 0) }, fairness: 'weak' }, ({ item }) => [
    loop('consume', lt(consumed, N), [
      when(neq(buf, emptySeq(ITEM))),
      set(item, head(buf)),
      set(buf, tail(buf)),
      label('use'), set(consumed, item),
    ]),
  ]);

  m.invariant('BufferBounded', le(len(buf), Cap), 'the buffer never holds more than Cap items');
  m.invariant('InOrder', forall(range(1, len(buf)), (i) => nth(buf, i).eq(plus(minus(produced, len(buf)), i))),
    'the buffer holds the newest items, oldest first');

  if (variant === 'bounded') {
    m.config('three_items', { constants: { N: 3, Cap: 2 }, properties: ['Termination'] });
  } else {
    m.config('three_items', { constants: { N: 3, Cap: 2 }, expect: { violates: 'BufferBounded' }, doc: 'seeded bug: the producer does not wait for room' });
  }
});
