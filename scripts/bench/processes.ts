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

/** Every process below `pid` (children before theirs). */
export function descendants(pid: number): Proc[] {
  const children = new Map<number, Proc[]>();
  for (const p of processes()) {
    const siblings = children.get(Number(p.stat[1]));
    if (siblings) siblings.push(p); else children.set(Number(p.stat[1]), [p]);
  }
  const out: Proc[] = [];
  const walk = (p: number) => { for (const c of children.get(p) ?? []) { out.push(c); walk(c.pid); } };
  walk(pid);
  return out;
}

/**
 * The other processes of `pid`'s process group, where `pid` leads it (as a bench started with
 * `setsid`, or detached, does); none otherwise. A process whose parent died before it was seen is
 * below init, not below us, but keeps its group.
 */
export function groupOf(pid: number): Proc[] {
  if (procStat(pid)?.[2] !== String(pid)) return [];
  return processes().filter((p) => p.pid !== pid && p.stat[2] === String(pid));
}
