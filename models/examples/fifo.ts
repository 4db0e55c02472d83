/**
 * A FIFO buffer between two asynchronous channels, ported from the TLA+ Examples repository:
 * github:tlaplus/Examples, specifications/SpecifyingSystems/FIFO/InnerFIFO.tla with Channel.tla
 * (the channel it instantiates twice, `in` and `out`) and the model MCInnerFIFO.tla/.cfg (the
 * constraint `Len(q) <= qLen`), at commit 32a32c7b0b97562da2dd4b2e55b7f81cd6fea2b9 (Lamport,
 * Specifying Systems ch. 4). A sender puts messages on `in`, the buffer moves them to the queue
 * `q` and from its head onto `out`, a receiver acknowledges them.
 *
 * Each channel is a record `[val, rdy, ack]`; a value is waiting when `rdy # ack`. The channel
 * operators (InChan!Send, OutChan!Rcv …) are written into the four actions, which is what the
 * INSTANCE substitution makes of them. TypeOK bounds `q` by `QLen + 1`: the constraint stops
 * exploring at `QLen`, but TLC still generates (and checks) a queue one longer — the constraint
 * gap of issue 14 (test/constraint-gap.test.ts). TLC on the original, Message = {m1, m2, m3},
 * qLen = 3: 3864 distinct states, no error (test/examples.test.ts asserts the same on every backend).
 */
import { append, emptySeq, eq, filter, head, le, len, minus, model, neq, plus, recordSet, set, setOf, t, tail, update, when, type TExpr } from '../../dsl/index.js';

export const innerFifo = model('InnerFIFO', (m) => {
  const Message = m.modelValues('Message');
  const QLen = m.intConstant('QLen');
  const Chan = t.record({ val: t.member(Message), rdy: t.int(0, 1), ack: t.int(0, 1) });
  // Channel's Init: any value, nothing waiting (ack = rdy).
  const idle = filter(recordSet({ val: Message, rdy: setOf(0, 1), ack: setOf(0, 1) }), (c) => eq(c.get('ack'), c.get('rdy')));
  const inC = m.variableIn('in', Chan, idle);
  const outC = m.variableIn('out', Chan, idle);
  const q = m.variable('q', t.seq(t.member(Message), plus(QLen, 1)), emptySeq(t.member(Message)));

  /** Channel!Send(d) and Channel!Rcv on one channel. */
  const ready = (c: TExpr<typeof Chan>) => when(eq(c.get('rdy'), c.get('ack')));
  const waiting = (c: TExpr<typeof Chan>) => when(neq(c.get('rdy'), c.get('ack')));

  m.action('SSend', { msg: Message }, ({ msg }) => [
    ready(inC), update(inC, (p) => [p.get('val').to(msg), p.get('rdy').to((r) => minus(1, r))]),
  ], { doc: 'send msg on channel in' });
  m.action('BufRcv', {}, () => [
    waiting(inC), update(inC, (p) => p.get('ack').to((a) => minus(1, a))), set(q, append(q, inC.get('val'))),
  ], { doc: 'receive from in, append to q' });
  m.action('BufSend', {}, () => [
    when(neq(q, emptySeq(t.member(Message)))), ready(outC),
    update(outC, (p) => [p.get('val').to(head(q)), p.get('rdy').to((r) => minus(1, r))]), set(q, tail(q)),
  ], { doc: 'send Head(q) on out, remove it from q' });
  m.action('RRcv', {}, () => [waiting(outC), update(outC, (p) => p.get('ack').to((a) => minus(1, a)))], { doc: 'receive from out' });

  m.constraint('qConstraint', le(len(q), QLen), 'MCInnerFIFO: explore queues up to QLen');
  m.config('three_messages', {
    constants: { Message: ['m1', 'm2', 'm3'], QLen: 3 }, constraints: ['qConstraint'],
    doc: 'MCInnerFIFO.cfg: Message = {m1, m2, m3}, qLen = 3, CONSTRAINT qConstraint, INVARIANT TypeInvariant (here TypeOK)',
  });
});
