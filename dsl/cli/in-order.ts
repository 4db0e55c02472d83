/**
 * `run(i, lane)` for each i below `n`, at most `limit` at once (`lane`, below `limit`, tells
 * which of them runs it), started in order; each result goes to
 * `deliver` in index order as soon as it and every earlier one are in, so a report streams in
 * command-line order whatever finishes first. No new run starts once `stopped()`, or once one
 * has thrown: `failed` is told once the throw is judged a failure (to stop the runs still going),
 * they are let finish, then the first error is thrown. A run that throws once `stopped()` was
 * stopped, not broken (stopping can take what it was using with it: a Ctrl-C reaches every process
 * of the group): it delivers nothing and fails nothing. Which came first is judged a turn of the
 * event loop after the throw: the Ctrl-C that ends a helper process (tsx's esbuild service, say)
 * reaches this process at the same moment, but its handler may run just after the error it
 * caused is seen.
 */
export async function inOrder<T>(n: number, limit: number, run: (i: number, lane: number) => Promise<T>, deliver: (result: T, i: number) => void, stopped: () => boolean, failed?: () => void): Promise<void> {
  const done = new Map<number, T>();
  let next = 0;
  let delivered = 0;
  let failure: { error: unknown } | undefined;
  /** Throws not judged yet: no run starts meanwhile. */
  let judging = 0;
  const lane = async (at: number) => {
    while (next < n && !stopped() && !failure && !judging) {
      const i = next++;
      try {
        done.set(i, await run(i, at));
      } catch (error) {
        judging++;
        await new Promise((resolve) => setImmediate(resolve));
        judging--;
        if (!failure && !stopped()) { failure = { error }; failed?.(); }
        return;
      }
      for (; done.has(delivered) && !failure; delivered++) {
        deliver(done.get(delivered)!, delivered);
        done.delete(delivered);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, n)) }, (_, at) => lane(at)));
  if (failure) throw failure.error;
}
