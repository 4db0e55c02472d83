/**
 * CPU hotplug (kernel/cpu.c) for the multi-instance state CPUHP_MM_ZSWP_POOL_PREPARE, which is in
 * the PREPARE section: callbacks run on the control CPU, the startup before the CPU comes online,
 * the teardown (if registered) after it is dead. cpu_hotplug_lock serialises instance add/remove
 * (read side) against CPU up/down (write side); one mutex models that, since here each side has
 * one thread.
 */
import {
  and, assert, cardinality, eitherOf, emptySet, filter, forall, ge, goto, ifThen, label, local, lock, loop, minus, or, ret, set,
  setMinus, setOf, t, union, unlock, update, when, withSome, type Stmt,
} from '../../dsl/index.js';
import type { ModelBuilder } from '../../dsl/author/model.js';
import type { Callbacks } from './acomp-ctx.js';
import type { Zswap } from './state.js';

export interface InstanceOps {
  /** cpuhp_state_add_instance(): leaves the result in `add_ok`. */
  readonly addInstance: (args: Record<string, never>) => Stmt;
  /** cpuhp_state_remove_instance() */
  readonly removeInstance: (args: Record<string, never>) => Stmt;
}

export function declareInstanceOps(m: ModelBuilder, z: Zswap, cb: Callbacks): InstanceOps {
  const cpuSet = t.set(t.member(z.CPUS));
  const cpuOrNone = t.member(union(z.CPUS, setOf(z.NoCpu)));

  // __cpuhp_state_add_instance_cpuslocked (cpu.c L2402-2445): the startup callback for each CPU
  // at or past the state, in order; on failure at CPU N, the teardown (only if registered) for
  // the CPUs before N, and the node is not added.
  const addInstance = m.procedure('cpuhp_state_add_instance', { locals: {
    add_todo: local(cpuSet, emptySet(t.member(z.CPUS))), add_done: local(cpuSet, emptySet(t.member(z.CPUS))), add_cpu: local(cpuOrNone, z.NoCpu),
  } }, ({ add_todo: todo, add_done: done, add_cpu: cur }) => [
    label('add_lock'), ...lock(z.hotplug_lock), set(todo, z.onlineCpus), set(done, emptySet(t.member(z.CPUS))), // cpus_read_lock()
    loop('add_next', todo.neq(emptySet(t.member(z.CPUS))), [
      // Kernel order is ascending CPU number; any order here (a superset of behaviours).
      withSome(todo, (c) => [set(cur, c), cb.prepare(c)]),
      label('add_result'),
      ifThen(z.prep_ok, [set(todo, setMinus(todo, setOf(cur))), set(done, union(done, setOf(cur)))], [goto('add_rollback')]),
    ]),
    label('add_link'), set(z.node_added, true), set(z.add_ok, true), ...unlock(z.hotplug_lock), ret(), // hlist_add_head(node, &sp->list)
    // cpuhp_rollback_install(): without a teardown, nothing is undone.
    ...(cb.teardown
      ? [loop('add_rollback', done.neq(emptySet(t.member(z.CPUS))), [
        withSome(done, (c) => [set(done, setMinus(done, setOf(c))), cb.teardown!(c)]),
      ])]
      : [label('add_rollback')]),
    label('add_unlock'), set(z.add_ok, false), ...unlock(z.hotplug_lock), ret(),
  ]);

  // __cpuhp_state_remove_instance (cpu.c L2552-2588): the teardown (if registered) for each CPU
  // at or past the state, then hlist_del(node) unconditionally: on a node never added
  // (pprev == NULL after kzalloc) that is a NULL-pointer write. Checked, not assumed.
  const removeInstance = m.procedure('cpuhp_state_remove_instance', { locals: { remove_todo: local(cpuSet, emptySet(t.member(z.CPUS))) } }, ({ remove_todo: todo }) => [
    label('remove_lock'), assert('RemoveOnlyAddedInstance', z.node_added), ...lock(z.hotplug_lock),
    ...(cb.teardown
      ? [set(todo, z.onlineCpus),
         loop('remove_next', todo.neq(emptySet(t.member(z.CPUS))), [withSome(todo, (c) => [set(todo, setMinus(todo, setOf(c))), cb.teardown!(c)])])]
      : []),
    label('remove_unlink'), set(z.node_added, false), ...unlock(z.hotplug_lock), ret(),
  ]);
  return { addInstance, removeInstance };
}

/**
 * The hotplug control thread: onlines or offlines CPUs, up to HOTPLUG_OPS times. Online runs the
 * startup callback for the pool's instance (if added) and fails back to offline if it fails (a
 * later online may retry); offline marks the CPU dead, then runs the teardown (if registered).
 * Tasks are migrated off a CPU before it goes down (sched_cpu_deactivate / balance_push).
 */
export function declareHotplug(m: ModelBuilder, z: Zswap, cb: Callbacks): void {
  const offline = filter(z.CPUS, (c) => z.online.at(c).eq(false));
  const offlinable = filter(z.CPUS, (c) => and(
    z.online.at(c),
    ge(cardinality(z.onlineCpus), 2), // the last CPU never goes down
    forall(z.TASKS, (task) => or(z.cpu_of.at(task).neq(c), m.pc(task).eq('Done'))),
  ));
  m.process('Hotplug', 'hotplug', { locals: { hp_cpu: local(t.member(union(z.CPUS, setOf(z.NoCpu))), z.NoCpu), hp_up: local(t.bool(), false) } }, ({ hp_cpu: target, hp_up: up }) => [
    // cpu_up()/cpu_down() take cpus_write_lock() first. Going down, the CPU stops taking tasks
    // (sched_cpu_deactivate) and is dead (takedown_cpu) before the PREPARE teardowns run.
    label('hp_pick'),
    eitherOf(
      [when(ge(z.hp_budget, 1)), withSome(offline, (c) => [
        set(target, c), set(up, true), ...lock(z.hotplug_lock), set(z.hp_budget, minus(z.hp_budget, 1))])],
      [when(ge(z.hp_budget, 1)), withSome(offlinable, (c) => [
        set(target, c), set(up, false), ...lock(z.hotplug_lock), set(z.hp_budget, minus(z.hp_budget, 1)), update(z.online, (p) => p.at(c).to(false))])],
      [goto('hp_end')],
    ),
    label('hp_callbacks'),
    ifThen(up, [
      // cpuhp_up_callbacks(): the startup callback on the control CPU, before the CPU starts.
      ifThen(z.node_added, [cb.prepare(target)], [set(z.prep_ok, true)]),
      label('hp_online'), ifThen(z.prep_ok, [update(z.online, (p) => p.at(target).to(true))]), // else cpuhp_reset_state(): back to offline
    ], [
      ...(cb.teardown ? [ifThen(z.node_added, [cb.teardown(target)])] : []),
    ]),
    label('hp_unlock'), ...unlock(z.hotplug_lock), goto('hp_pick'),
    label('hp_end'),
  ]);
}
