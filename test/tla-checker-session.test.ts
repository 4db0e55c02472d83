/**
 * How a tla-checker worker session (dsl/check/tla-checker-session.ts) ends when the worker does
 * not end through the session: it dies on its own, or raises an error event; what a reply for a
 * call no longer waited for does; that a closed session answers at once; and the pool of warm
 * sessions: which are kept, for how long, how many, and that a kept one holds no process open.
 * The session's ordinary use (calls, timeouts, abort, close) is tested in
 * test/tla-checker-recover.test.ts. The worker is reached through the session's private field
 * only to make it fail the way a crashed thread would.
 */
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { execa } from 'execa';
import os from 'node:os';
import { callInWorker, closeIdleSessions, IDLE_MS, KEEP_MEMORY_BYTES, TlaCheckerSession, withSession } from '../dsl/check/tla-checker-session.js';
import { PROJECT_ROOT } from './helpers/root.js';

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

describe('the pool of warm sessions (withSession, callInWorker)', () => {
  const ok = (s: TlaCheckerSession) => s.call('explore_init', [SPEC, CFG, '{}'], 30_000);
  const COUNTER = '---- MODULE C ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x < 50 /\\ x\' = x + 1\nSpec == Init /\\ [][Next]_x\nSmall == x < 40\n====\n';
  const check = (s: TlaCheckerSession, spec: string, cfg: string) => s.call('check_spec_with_options', [spec, JSON.stringify({ cfg_source: cfg, max_states: 1e6, max_depth: 1e6 })], 30_000);
  afterEach(async () => { await closeIdleSessions(); });

  it('a session that answered every call well serves the next check; closeIdleSessions ends it', async () => {
    await closeIdleSessions();
    const a = await withSession(undefined, async (s) => { expect(await ok(s)).toMatchObject({ ok: true }); return s; });
    expect(a.reusable).toBe(true);
    const b = await withSession(undefined, async (s) => { expect(await ok(s)).toMatchObject({ ok: true }); return s; });
    expect(b, 'the same warm session').toBe(a);
    const worker = workerOf(a);
    const exited = new Promise((r) => worker.once('exit', r));
    expect(await closeIdleSessions()).toBe(1);
    expect(a.reusable, 'closed at once, not left to its idle timer').toBe(false);
    await exited;
    expect(await closeIdleSessions()).toBe(0);
  });

  it('a reused session answers as a fresh one does, after other checks', async () => {
    await closeIdleSessions();
    const [first, fresh] = await withSession(undefined, async (s) => [s, await check(s, COUNTER, 'SPECIFICATION Spec\nINVARIANT Small\n')] as const);
    const [again, reused] = await withSession(undefined, async (s) => {
      await check(s, SPEC, 'INIT Init\nNEXT Next\n');
      return [s, await check(s, COUNTER, 'SPECIFICATION Spec\nINVARIANT Small\n')] as const;
    });
    expect(again, 'the second check ran in the first one\'s session').toBe(first);
    expect(fresh?.ok && JSON.parse(fresh.json)).toMatchObject({ success: false, states_explored: expect.any(Number) });
    expect(reused).toEqual(fresh);
  });

  it('a session left with a call pending (its user threw without waiting) is closed, not kept', async () => {
    await closeIdleSessions();
    let pending: Promise<unknown> | undefined;
    let held: TlaCheckerSession | undefined;
    await expect(withSession(undefined, (s) => { held = s; pending = ok(s); return Promise.reject(new Error('the check failed')); })).rejects.toThrow('the check failed');
    expect(await pending, 'closing answers it with nothing').toBeUndefined();
    expect(held!.reusable).toBe(false);
    expect(await closeIdleSessions()).toBe(0);
  });

  it('the signal of a check that ended no longer reaches its session: aborting it later leaves the warm session be', async () => {
    await closeIdleSessions();
    const ac = new AbortController();
    const a = await withSession(ac.signal, async (s) => { await ok(s); return s; });
    ac.abort();
    expect(a.reusable).toBe(true);
    expect(await withSession(undefined, async (s) => s)).toBe(a);
  });

  it('a session is not to be called once its withSession has ended', async () => {
    const s = await withSession(undefined, async (x) => x);
    expect(() => ok(s)).toThrow(/waiting in the pool/);
  });

  it('a pooled session whose worker dies leaves the pool at once: the next check gets a live one', async () => {
    await closeIdleSessions();
    const a = await withSession(undefined, async (s) => s);
    const exited = new Promise((r) => workerOf(a).once('exit', r));
    await workerOf(a).terminate();
    await exited;
    const b = await withSession(undefined, async (s) => { expect(await ok(s)).toMatchObject({ ok: true }); return s; });
    expect(b).not.toBe(a);
  });

  it(`a session whose wasm memory grew past ${KEEP_MEMORY_BYTES / 2 ** 20} MiB is not kept`, async () => {
    await closeIdleSessions();
    const memoryOf = (s: TlaCheckerSession) => (s as unknown as { memory: number }).memory;
    const small = await withSession(undefined, async (s) => { await ok(s); return s; });
    expect(memoryOf(small), 'each reply says how big the instance is').toBeGreaterThan(0);
    expect(memoryOf(small)).toBeLessThanOrEqual(KEEP_MEMORY_BYTES);
    expect(small.reusable).toBe(true);
    await closeIdleSessions();
    const reply = (s: TlaCheckerSession, memory: number) => {
      const pending = ok(s);
      workerOf(s).emit('message', { id: 0, ok: true, json: '{"ok":true}', memory });
      return pending;
    };
    const atLimit = await withSession(undefined, async (s) => { await reply(s, KEEP_MEMORY_BYTES); return s; });
    expect(atLimit.reusable, 'exactly at the limit: kept').toBe(true);
    await closeIdleSessions();
    // A reply from an instance that grew (a real one takes a check of millions of states): the
    // call's own reply, sent before the worker's, which then finds nothing waiting.
    const big = await withSession(undefined, async (s) => {
      expect(await reply(s, KEEP_MEMORY_BYTES + 1)).toEqual({ ok: true, json: '{"ok":true}' });
      return s;
    });
    expect(big.reusable).toBe(false);
    expect(await closeIdleSessions(), 'closed, not kept').toBe(0);
  });

  it('a session given an error reply, a timeout or an abort is closed, never reused', async () => {
    const failed = await withSession(undefined, async (s) => { expect(await s.call('no_such_call', [], 30_000)).toMatchObject({ ok: false }); return s; });
    expect(failed.reusable).toBe(false);
    const timedOut = await withSession(undefined, async (s) => { expect(await s.call('explore_init', [SPEC, CFG, '{}'], 1)).toBeUndefined(); return s; });
    expect(timedOut.reusable).toBe(false);
    const ac = new AbortController();
    const aborted = await withSession(ac.signal, async (s) => { const p = ok(s); ac.abort(); expect(await p).toBeUndefined(); return s; });
    expect(aborted.reusable).toBe(false);
    const next = await withSession(undefined, async (s) => s);
    expect([failed, timedOut, aborted]).not.toContain(next);
    expect(await callInWorker('explore_init', [SPEC, CFG, '{}'], 30_000, AbortSignal.abort()), 'an aborted signal: nothing is called').toBeUndefined();
  });

  it('keeps one session per core at most', async () => {
    await closeIdleSessions();
    const n = os.availableParallelism() + 1;
    const sessions = await Promise.all(Array.from({ length: n }, () => withSession(undefined, async (s) => { await ok(s); return s; })));
    expect(new Set(sessions).size).toBe(n);
    expect(sessions.filter((s) => s.reusable)).toHaveLength(n - 1);
    expect(await closeIdleSessions()).toBe(n - 1);
  });

  it(`an idle session ends after IDLE_MS (${IDLE_MS} ms) unless taken`, async () => {
    await closeIdleSessions();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const a = await withSession(undefined, async (s) => s);
      vi.advanceTimersByTime(IDLE_MS - 1);
      const b = await withSession(undefined, async (s) => s);
      expect(b, 'taken in time: the same session, its timer cleared').toBe(a);
      vi.advanceTimersByTime(IDLE_MS - 1);
      expect(a.reusable).toBe(true);
      vi.advanceTimersByTime(1);
      expect(a.reusable).toBe(false);
      expect(await closeIdleSessions(), 'it left the pool').toBe(0);
    } finally { vi.useRealTimers(); }
  });

  it('an idle timer that could not be cleared does not end the session once it is taken', async () => {
    await closeIdleSessions();
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const a = await withSession(undefined, async (s) => s);
      // As when fake timers replace clearTimeout after the timer was set with the real one.
      const clear = vi.spyOn(globalThis, 'clearTimeout').mockImplementation(() => undefined);
      await withSession(undefined, async (s) => {
        expect(s).toBe(a);
        clear.mockRestore();
        vi.advanceTimersByTime(IDLE_MS);
        expect(s.reusable, 'in use: not ended by the old timer').toBe(true);
      });
      expect(await closeIdleSessions(), 'back in the pool').toBe(1);
    } finally { vi.useRealTimers(); }
  });

  it('an idle session does not keep the process alive', async () => {
    // CommonJS `-e` and a dynamic import: the worker thread inherits the process's flags, and `--input-type` would stop it.
    const script = `import('./dsl/check/tla-checker-session.ts').then(async ({ callInWorker }) => {
      const r = await callInWorker('explore_init', [${JSON.stringify(SPEC)}, ${JSON.stringify(CFG)}, '{}'], 30_000);
      console.log(r?.ok ? 'answered' : 'no answer');
      setImmediate(() => console.log(JSON.stringify(process.getActiveResourcesInfo())));
    });`;
    const r = await execa(process.execPath, ['--import', 'tsx', '-e', script], { cwd: PROJECT_ROOT, reject: false });
    expect(r.stdout.split('\n')[0]).toBe('answered');
    expect(r.exitCode).toBe(0);
    // Once the answer is in, nothing holds the event loop: no thread's port, no timer (the idle one is unref'd).
    expect(JSON.parse(r.stdout.split('\n')[1]!)).not.toEqual(expect.arrayContaining([expect.stringMatching(/MessagePort|Timeout|Worker/)]));
  });
});
