/**
 * CPU hotplug (kernel/cpu.c, Linux 6.12.117) for the multi-instance state
 * CPUHP_MM_ZSWP_POOL_PREPARE (include/linux/cpuhotplug.h:119), which is in the PREPARE section
 * (before CPUHP_BRINGUP_CPU, cpuhotplug.h:128): its callbacks run on the control CPU, the startup
 * before the CPU comes online, the teardown (if registered) after it is dead. cpu_hotplug_lock
 * (a percpu rwsem, cpu.c:484) is taken for read by instance add/remove and for write by CPU
 * up/down; cpuhp_state_mutex serialises the instance operations inside their read sections.
 */
import {
  and, assert, cardinality, choose, le, plus, eitherOf, emptySet, filter, forall, ge, goto, ifThen, label, local, lock, loop, minus, not, or, ret, set,
  setMinus, setOf, t, union, unlock, update, when, withSome, type Stmt, type TExpr,
} from '../../dsl/index.js';
import type { AtomSort, SetSort } from '../../dsl/author/sorts.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { Callbacks } from './acomp-ctx.js';
import { POOL, type Zswap } from './state.js';

type Pool = TExpr<typeof POOL>;

export interface InstanceOps {
  /** cpuhp_state_add_instance(CPUHP_MM_ZSWP_POOL_PREPARE, &pool->node): leaves the result in `add_ok`. */
  readonly addInstance: (args: { pool: Pool }) => Stmt;
  /** cpuhp_state_remove_instance(CPUHP_MM_ZSWP_POOL_PREPARE, &pool->node) */
  readonly removeInstance: (args: { pool: Pool }) => Stmt;
}

/**
 * cpus_read_lock() (kernel/cpu.c:2452 / 2563) and mutex_lock(&cpuhp_state_mutex) (cpu.c:2416 /
 * 2564) in one step: between them the kernel only checks the state (cpu.c:2410-2414), and a
 * reader waiting for the mutex only keeps writers out, which the mutex holder's read side already
 * does. Waits while a writer holds the lock (percpu_down_read blocks on a writer).
 */
export function readLockState(z: Zswap): Stmt[] {
  return [when(z.hp_writer.eq(false)), set(z.hp_readers, plus(z.hp_readers, 1)), ...lock(z.state_mutex)];
}
/** mutex_unlock(&cpuhp_state_mutex); cpus_read_unlock() (cpu.c:2443-2444, 2454 / 2583-2584). */
export function readUnlockState(z: Zswap): Stmt[] {
  return [...unlock(z.state_mutex), set(z.hp_readers, minus(z.hp_readers, 1))];
}

export function declareInstanceOps(m: ModelBuilder, z: Zswap, cb: Callbacks): InstanceOps {
  const cpuSet = t.set(t.member(z.CPUS));
  const cpuOrNone = t.member(union(z.CPUS, setOf(z.NoCpu)));

  // cpuhp_state_add_instance() -> __cpuhp_state_add_instance() (kernel/cpu.c:2447-2456) ->
  // __cpuhp_state_add_instance_cpuslocked() (cpu.c:2402-2445): the startup callback for each
  // present CPU at or past the state, in order; on failure at CPU N, the teardown (only if
  // registered) for the CPUs before N (cpuhp_rollback_install, cpu.c:2383-2400), and the node
  // is not added.
  const addInstance = m.procedure('cpuhp_state_add_instance', { params: { add_pool: local(POOL, 0) }, locals: {
    add_todo: local(cpuSet, emptySet(t.member(z.CPUS))), add_done: local(cpuSet, emptySet(t.member(z.CPUS))), add_cpu: local(cpuOrNone, z.NoCpu),
  } }, ({ add_pool: pool, add_todo: todo, add_done: done, add_cpu: cur }) => [
    // cpus_read_lock() (cpu.c:2452); mutex_lock(&cpuhp_state_mutex) (cpu.c:2416)
    label('add_lock'), ...readLockState(z), set(todo, z.atStateCpus), set(done, emptySet(t.member(z.CPUS))),
    loop('add_next', todo.neq(emptySet(t.member(z.CPUS))), [
      // for_each_present_cpu (cpu.c:2425-2432): kernel order is ascending CPU number; any order
      // here (a superset of behaviours).
      withSome(todo, (c) => [set(cur, c), cb.prepare(pool, c)]),
      label('add_result'), // if (ret) { if (sp->teardown.multi) cpuhp_rollback_install(); goto unlock; } (cpu.c:2433-2437)
      ifThen(z.prep_ok, [set(todo, setMinus(todo, setOf(cur))), set(done, union(done, setOf(cur)))], [goto('add_rollback')]),
    ]),
    // add_node: hlist_add_head(node, &sp->list) (cpu.c:2439-2441); mutex_unlock; cpus_read_unlock (cpu.c:2443-2444, 2454)
    label('add_link'), update(z.node_added, (p) => p.at(pool).to(true)), set(z.add_ok, true), ...readUnlockState(z), ret(),
    // cpuhp_rollback_install(), cpu.c:2383-2400: without a teardown, nothing is undone.
    ...(cb.teardown
      ? [loop('add_rollback', done.neq(emptySet(t.member(z.CPUS))), [
        withSome(done, (c) => [set(done, setMinus(done, setOf(c))), cb.teardown!(pool, c)]),
      ])]
      : [label('add_rollback')]),
    label('add_unlock'), set(z.add_ok, false), ...readUnlockState(z), ret(), // unlock: (cpu.c:2442-2444, 2454)
  ]);

  // cpuhp_state_remove_instance() -> __cpuhp_state_remove_instance() (kernel/cpu.c:2552-2588):
  // the teardown (if registered) for each present CPU at or past the state (cpu.c:2566-2579),
  // then hlist_del(node) unconditionally (cpu.c:2581-2582): on a node never added (pprev NULL
  // after kzalloc) __hlist_del() writes through NULL (include/linux/list.h:990-998). Checked,
  // not assumed.
  const removeInstance = m.procedure('cpuhp_state_remove_instance', { params: { remove_pool: local(POOL, 0) }, locals: { remove_todo: local(cpuSet, emptySet(t.member(z.CPUS))) } }, ({ remove_pool: pool, remove_todo: todo }) => [
    // cpus_read_lock(); mutex_lock(&cpuhp_state_mutex) (cpu.c:2563-2564)
    label('remove_lock'), assert('RemoveOnlyAddedInstance', z.node_added.at(pool)), ...readLockState(z),
    ...(cb.teardown
      ? [set(todo, z.atStateCpus),
         loop('remove_next', todo.neq(emptySet(t.member(z.CPUS))), [withSome(todo, (c) => [set(todo, setMinus(todo, setOf(c))), cb.teardown!(pool, c)])])]
      : []),
    // hlist_del(node); mutex_unlock; cpus_read_unlock (cpu.c:2582-2584)
    label('remove_unlink'), update(z.node_added, (p) => p.at(pool).to(false)), ...readUnlockState(z), ret(),
  ]);
  return { addInstance: ({ pool }) => addInstance({ add_pool: pool }), removeInstance: ({ pool }) => removeInstance({ remove_pool: pool }) };
}

/**
 * The hotplug control thread: cpu_up()/cpu_down() (kernel/cpu.c:1627-1690, 1399-1457), up to
 * HOTPLUG_OPS times. Up runs the startup callback for the pool's instance (if added) and on
 * failure resets the CPU to offline (cpuhp_up_callbacks, cpu.c:1014-1032; a later up may
 * retry); down takes the CPU out of the scheduler (sched_cpu_deactivate, the CPUHP_AP_ACTIVE
 * teardown, cpu.c:2250-2253, pushes its tasks away), kills it (takedown_cpu, cpu.c:1295), then
 * runs the PREPARE teardowns (cpuhp_down_callbacks, cpu.c:1443, 1376-1396), ours if registered.
 * With INTERMEDIATE = 1 an up may stop past our state but before online, and a down may stop
 * before reaching our state (Documentation/core-api/cpu_hotplug.rst:625-658); the next operation
 * on that CPU continues from there. Returns the thread's process id (covers read its pc).
 */
export function declareHotplug(m: ModelBuilder, z: Zswap, cb: Callbacks): TExpr<AtomSort<'hotplug'>> {
  const offline = filter(z.CPUS, (c) => and(not(z.online.at(c)), not(z.parked.at(c))));
  const parked = filter(z.CPUS, (c) => z.parked.at(c));
  const offlinable = filter(z.CPUS, (c) => and(
    z.online.at(c),
    ge(cardinality(z.onlineCpus), 2), // the last CPU never goes down: if (num_online_cpus() == 1) return -EBUSY; (cpu.c:1405-1406)
    forall(z.TASKS, (task) => or(z.cpu_of.at(task).neq(c), m.pc(task).eq('Done'))),
  ));
  const OP = t.enum('up', 'up_rest', 'down', 'down_part', 'down_rest');
  const intermediate = z.INTERMEDIATE.eq(1);
  const noPools = emptySet(POOL);
  return m.process('Hotplug', 'hotplug', { locals: {
    hp_cpu: local(t.member(union(z.CPUS, setOf(z.NoCpu))), z.NoCpu), hp_op: local(OP, 'up'),
    // Instances whose callback is still to run in this operation (with one pool, always empty).
    hp_todo: local(t.set(POOL), noPools),
  } }, ({ hp_cpu: target, hp_op: op, hp_todo: todo }) => {
    const start = (c: TExpr<AtomSort<'CPUS'>>, o: 'up' | 'up_rest' | 'down' | 'down_part' | 'down_rest', extra: Stmt[] = []): Stmt[] => [
      // cpus_write_lock(): percpu_down_write waits for every reader to leave (and for no writer).
      set(target, c), set(op, o), when(and(z.hp_readers.eq(0), z.hp_writer.eq(false))), set(z.hp_writer, true),
      set(z.hp_budget, minus(z.hp_budget, 1)), ...extra,
    ];
    const budget = ge(z.hp_budget, 1);
    // Going down, the CPU stops taking tasks (and is dead) before the PREPARE teardowns run.
    const goDown = (c: TExpr<AtomSort<'CPUS'>>) => [update(z.online, (p) => p.at(c).to(false))];
    const setParked = (to: boolean) => update(z.parked, (p) => p.at(target).to(to));
    const tearsDown = or(op.eq('down'), op.eq('down_rest'));
    /** Call `cb` for the first instance of `set` in list order (newest first), the rest left in `todo`. */
    const first = (from: TExpr<SetSort<typeof POOL>>, call: (p: TExpr<typeof POOL>) => Stmt): Stmt =>
      withSome(setOf(z.newest(from)), (q) => [set(todo, setMinus(from, setOf(q))), call(q)]);
    const oldest = (set: TExpr<SetSort<typeof POOL>>) => choose(set, (p) => forall(set, (q) => le(p, q)));
    // Instances whose callback ran before the one that just returned (they come before it on the list).
    const before = setMinus(setMinus(z.instances, todo), setOf(oldest(setMinus(z.instances, todo))));
    return [
      // cpu_up()/cpu_down() take cpus_write_lock() first (cpu.c:1633, 1411).
      label('hp_pick'),
      eitherOf(
        [when(budget), withSome(offline, (c) => start(c, 'up'))],
        [when(budget), withSome(offlinable, (c) => start(c, 'down', goDown(c)))],
        [when(and(intermediate, budget)), withSome(offlinable, (c) => start(c, 'down_part', goDown(c)))],
        [when(and(intermediate, budget)), withSome(parked, (c) => start(c, 'up_rest'))],
        [when(and(intermediate, budget)), withSome(parked, (c) => start(c, 'down_rest'))],
        [goto('hp_end')],
      ),
      label('hp_callbacks'),
      ifThen(op.eq('up'),
        // cpuhp_up_callbacks() -> cpuhp_invoke_callback(): for each instance on the list
        // (hlist_for_each, newest first), the startup callback on the control CPU, before the CPU
        // starts (cpu.c:209-229).
        [ifThen(z.instances.neq(noPools), [first(z.instances, (q) => cb.prepare(q, target))], [set(z.prep_ok, true)])],
        // cpuhp_down_callbacks() through our state (cpu.c:1376-1396): the teardown, if registered,
        // for each instance.
        cb.teardown ? [ifThen(and(z.instances.neq(noPools), tearsDown), [first(z.instances, (q) => cb.teardown!(q, target))])] : []),
      label('hp_online'),
      // The next instance on the list, while the callbacks succeed (cpu.c:217-229).
      ifThen(and(todo.neq(noPools), or(op.neq('up'), z.prep_ok)),
        [first(todo, (q) => (cb.teardown ? ifThen(op.eq('up'), [cb.prepare(q, target)], [cb.teardown!(q, target)]) : cb.prepare(q, target))), goto('hp_online')],
        [
          ...(cb.teardown
            // A startup failed: the teardown of the instances before it (cpuhp_invoke_callback's
            // err: rollback, cpu.c:231-248), newest first.
            ? [ifThen(and(op.eq('up'), not(z.prep_ok), before.neq(noPools)), [set(todo, before), goto('hp_rollback')])]
            : []),
          // Up: online, or (INTERMEDIATE) stopped past our state; on failure cpuhp_reset_state() and
          // the rollback leave it offline (cpu.c:1021-1029).
          ifThen(op.eq('up'), [ifThen(z.prep_ok, [
            eitherOf([update(z.online, (p) => p.at(target).to(true))], [when(intermediate), setParked(true)])],
          [update(z.failed_online, (p) => p.at(target).to(true))])],
          // From an intermediate state: up to online (our state is passed: no callback), or down
          // through our state (teardown above); or a down that stopped above our state.
          [ifThen(op.eq('up_rest'), [setParked(false), update(z.online, (p) => p.at(target).to(true))],
            [ifThen(op.eq('down_part'), [setParked(true)], [ifThen(op.eq('down_rest'), [setParked(false)])])])]),
          set(todo, noPools), set(z.hp_writer, false), goto('hp_pick'), // cpus_write_unlock() (cpu.c:1687, 1454)
        ]),
      ...(cb.teardown
        ? [loop('hp_rollback', todo.neq(noPools), [first(todo, (q) => cb.teardown!(q, target))]),
          // Then as any failed up: reset to offline (cpu.c:1021-1029); cpus_write_unlock() (cpu.c:1687).
          // The failing instance's error is what cpuhp_invoke_callback() returns, not the
          // rollback's: `rollback_ret` (cpu.c:177, 241-246), "cpu: hotplug: Preserve per instance
          // callback errors" (upstream 673db10729fb, in 6.12.y since 6.12.97; models/zswap/README.md 5a).
          update(z.failed_online, (p) => p.at(target).to(true)), set(z.hp_writer, false), goto('hp_pick')]
        : []),
      label('hp_end'),
    ];
  });
}
