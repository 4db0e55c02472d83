/** The processes below one, read from /proc (Linux; none elsewhere): for the bench's memory figures and its stop. */
import { readdirSync } from 'node:fs';
import { procStat } from '../../dsl/cli/interrupt.js';

type Proc = { readonly pid: number; readonly stat: readonly string[] };

/** Every process there is, with its /proc/<pid>/stat fields (`procStat`). */
function processes(): Proc[] {
  let entries: string[];
  try { entries = readdirSync('/proc'); } catch { return []; }
  return entries.flatMap((e) => {
    const stat = /^\d+$/.test(e) ? procStat(Number(e)) : undefined;
    return stat ? [{ pid: Number(e), stat }] : [];
  });
}

/** Every process below `pid` (children before theirs), of `all` (a scan of /proc). */
export function descendants(pid: number, all = processes()): Proc[] {
  const children = new Map<number, Proc[]>();
  for (const p of all) {
    const siblings = children.get(Number(p.stat[1]));
    if (siblings) siblings.push(p); else children.set(Number(p.stat[1]), [p]);
  }
  const out: Proc[] = [];
  const walk = (p: number) => { for (const c of children.get(p) ?? []) { out.push(c); walk(c.pid); } };
  walk(pid);
  return out;
}

/**
 * The processes a stop of `pid` must reach, from one scan of /proc: every one below it, and,
 * where `pid` leads its process group (as a bench started with `setsid`, or detached, does), the
 * group's other members. A process whose parent died before it was seen is below init, not below
 * us, but keeps its group.
 */
export function stoppable(pid: number): Proc[] {
  const all = processes(), below = descendants(pid, all);
  const leads = all.find((p) => p.pid === pid)?.stat[2] === String(pid);
  if (!leads) return below;
  const seen = new Set(below.map((p) => p.pid));
  return [...below, ...all.filter((p) => p.pid !== pid && !seen.has(p.pid) && p.stat[2] === String(pid))];
}
