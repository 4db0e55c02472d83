/**
 * How a tla-checker worker session (dsl/check/tla-checker-session.ts) ends when the worker does
 * not end through the session: it dies on its own, or raises an error event; what a reply for a
 * call no longer waited for does; that a closed session answers at once; that callInWorker ends
 * its worker. The session's ordinary use (calls, timeouts, abort, close) is tested in
 * test/tla-checker-recover.test.ts. The worker is reached through the session's private field
 * only to make it fail the way a crashed thread would.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { callInWorker, TlaCheckerSession } from '../dsl/check/tla-checker-session.js';

const SPEC = '---- MODULE S ----\nVARIABLE x\nInit == x = 0\nNext == x\' = 1 - x\n====\n';
const CFG = 'INIT Init\nNEXT Next\n';
const workerOf = (s: TlaCheckerSession) => (s as unknown as { worker: Worker }).worker;
/** `p`, or `'no answer'` if it has not settled within `ms`. */
const within = <T>(p: Promise<T>, ms: number) => Promise.race([p, new Promise<'no answer'>((r) => setTimeout(() => r('no answer'), ms))]);
/** Whether `p` settles within a few microtask turns, before any event (a worker's exit, a timer) can arrive. */
const settled = async (p: Promise<unknown>) => {
  let done = false;
  void p.then(() => { done = true; }, () => { done = true; });
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return done;
};

afterEach(() => { vi.restoreAllMocks(); });

describe('TlaCheckerSession when its worker ends on its own', () => {
  it('a worker that exits: the pending call answers nothing, and so does every later call, at once', async () => {
    const s = new TlaCheckerSession();
    try {
      const pending = s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
      await workerOf(s).terminate();
      expect(await within(pending, 5_000)).toBeUndefined();
      const later = s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
      expect(await settled(later)).toBe(true);
      expect(await later).toBeUndefined();
    } finally { await s.close(); }
  });

  it('an error event: the pending call fails with that error, later calls answer nothing at once; a late reply is dropped', async () => {
    const s = new TlaCheckerSession();
    try {
      const w = workerOf(s);
      const pending = s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
      const failed = pending.then(() => 'answered', (e: unknown) => e);
      const reply = new Promise((r) => w.once('message', r));
      const boom = new Error('the worker failed');
      w.emit('error', boom);
      expect(await within(failed, 5_000)).toBe(boom);
      const later = s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
      expect(await settled(later)).toBe(true);
      expect(await later).toBeUndefined();
      // The worker still answers the call it was given: that reply finds nothing waiting, and is dropped.
      expect(await within(reply, 20_000)).toMatchObject({ id: 0, ok: true });
    } finally { await s.close(); }
  });
});

describe('TlaCheckerSession.close', () => {
  it('a call made while the worker is still stopping answers nothing at once', async () => {
    const s = new TlaCheckerSession();
    const closing = s.close();
    const call = s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
    expect(await settled(call)).toBe(true);
    expect(await call).toBeUndefined();
    await closing;
  });

  it('the timer of a call answered by close is cleared: it does not fire later', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const s = new TlaCheckerSession();
      const pending = s.call('explore_init', [SPEC, CFG, '{}'], 60_000);
      expect(vi.getTimerCount()).toBe(1);
      await s.close();
      expect(vi.getTimerCount()).toBe(0);
      expect(await pending).toBeUndefined();
    } finally { vi.useRealTimers(); }
  });
});

describe('callInWorker', () => {
  it('ends its worker once the call is answered', async () => {
    const terminate = vi.spyOn(Worker.prototype, 'terminate');
    const r = await callInWorker('explore_init', [SPEC, CFG, '{}'], 30_000);
    expect(r).toMatchObject({ ok: true });
    expect(terminate).toHaveBeenCalledTimes(1);
  });
});
