/**
 * Why the get-cpu-lock / reclaim deadlock is 35 states in CI and 41 at the matrix bench's
 * 2 CPUs × 2 tasks × 2 pools (README.md, the matrix bench's "At larger sizes"):
 * a deadlock is a state where no process can move, so every process the config adds must first
 * get stuck or finish. The ABBA core (t holds scomp_lock and waits for c1's ctx mutex, the
 * hotplug thread holds that mutex and waits for scomp_lock) is the same at every size; each
 * extra process adds the fewest steps that take it out of play, 3 each. Checked on the compiled
 * verifier at the two one-factor sizes (2 × 2 × 2 is 41 = 35 + 3 + 3; it takes minutes, so it is
 * the bench's, with TLC's 41 recorded in that README).
 */
import { describe, expect, it } from 'vitest';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import type { CheckResult } from '../dsl/check/result.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { SCENARIO_COVERS, zswapModel } from '../models/zswap/index.js';
import { VARIANTS } from '../models/zswap/variants.js';
import { sizedConstants, type MatrixSize } from '../scripts/bench/matrix-bench.js';

async function deadlockTrace(size: MatrixSize): Promise<string[]> {
  const v = VARIANTS.find((x) => x.name === 'get-cpu-lock')!;
  const m = zswapModel(v, (mb) => {
    mb.config('sized', { constants: sizedConstants('reclaim', size), covers: SCENARIO_COVERS.reclaim });
  }, 'test: get-cpu-lock / reclaim deadlock by size');
  const r = await checkModel(m, 'sized', { checkers: [compiledChecker], focus: 'deadlock', covers: false });
  const res: CheckResult = r.results[0]!;
  expect(res.verdict.kind).toBe('deadlock');
  if (res.verdict.kind !== 'deadlock') return [];
  return res.verdict.trace.map((s) => s.action ? `${s.action.params?.self ?? s.action.params?.task ?? ''}:${s.action.name}` : 'init');
}

/** `big` with the steps of `small` removed one occurrence each, in order: what the larger config added. */
function extra(big: readonly string[], small: readonly string[]): string[] {
  const left = [...small];
  return big.filter((s) => {
    const i = left.indexOf(s);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}

describe('get-cpu-lock / reclaim: the deadlock\'s length by size', () => {
  it('is 35 states in CI, and each extra process adds the 3 steps that take it out of play', async () => {
    const ci = await deadlockTrace({ cpus: 2, tasks: 1, pools: 1 });
    expect(ci).toHaveLength(35);
    // The ABBA core: t1 stores from reclaim holding scomp_lock and takes c1's ctx, the hotplug
    // thread takes c1's ctx mutex in the teardown and waits for scomp_lock in crypto_free_acomp();
    // the manager's switch to a compressor not modelled kills the pool and waits for t1's reference.
    expect(ci.slice(-11)).toEqual([
      'manager:PoolManager_create_ref', 't1:Task_store_start', 't1:Task_store_get_pool', 'manager:PoolManager_pool_replace',
      't1:Task_store_compress', 't1:zswap_compress_comp_get_ctx', 't1:Migrate', 'hotplug:Hotplug_hp_pick', 'hotplug:Hotplug_hp_callbacks',
      'hotplug:zswap_cpu_comp_dead_dead_lock', 'hotplug:zswap_cpu_comp_dead_dead_req',
    ]);

    // A second pool: the switch creates it first (zswap_pool_create()), and the manager blocks in
    // cpuhp_state_add_instance()'s cpus_read_lock() behind the hotplug thread's write lock.
    const pools = await deadlockTrace({ cpus: 2, tasks: 1, pools: 2 });
    expect(pools).toHaveLength(38);
    expect(extra(pools, ci)).toEqual(['manager:PoolManager_create_alloc', 'manager:PoolManager_create_mutex_init', 'manager:PoolManager_create_add']);
    expect(pools.at(-10)).toBe('manager:PoolManager_create_add'); // its last step: the next one, add_lock, waits

    // A second task: it must finish, a store that finds no current pool (zswap_pool_current_get()
    // NULL: before the boot pool is made current, or after it was killed) and ends.
    const tasks = await deadlockTrace({ cpus: 2, tasks: 2, pools: 1 });
    expect(tasks).toHaveLength(38);
    const stepsOf = (trace: readonly string[], who: string) => trace.filter((x) => x.startsWith(`${who}:`)).map((x) => x.slice(who.length + 1));
    const [done, stuck] = stepsOf(tasks, 't1').includes('Task_store_end') ? ['t1', 't2'] : ['t2', 't1'];
    expect(stepsOf(tasks, done)).toEqual(['Task_store_start', 'Task_store_get_pool', 'Task_store_end']);
    expect(stepsOf(tasks, stuck)).toEqual(stepsOf(ci, 't1'));
    expect(tasks.filter((x) => !/^t\d:/.test(x))).toEqual(ci.filter((x) => !/^t\d:/.test(x)));

    // A third CPU changes nothing: every non-empty set of online CPUs is an initial state, the
    // deadlock needs two online (c1 going down, one to migrate t1 to), and its trace starts so.
    expect(await deadlockTrace({ cpus: 3, tasks: 1, pools: 1 })).toHaveLength(35);
  }, 240_000);
});
