/** The processes below one, read from /proc (Linux; none elsewhere): for the bench's memory figures and its stop. */
import { readdirSync } from 'node:fs';
import { procStat } from '../../dsl/cli/interrupt.js';

/** Every process below `pid` (children before theirs), with its /proc/<pid>/stat fields (`procStat`). */
export function descendants(pid: number): { readonly pid: number; readonly stat: readonly string[] }[] {
  let entries: string[];
  try { entries = readdirSync('/proc'); } catch { return []; }
  const children = new Map<number, { pid: number; stat: string[] }[]>();
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const stat = procStat(Number(e));
    if (!stat) continue;
    const siblings = children.get(Number(stat[1]));
    if (siblings) siblings.push({ pid: Number(e), stat }); else children.set(Number(stat[1]), [{ pid: Number(e), stat }]);
  }
  const out: { pid: number; stat: string[] }[] = [];
  const walk = (p: number) => { for (const c of children.get(p) ?? []) { out.push(c); walk(c.pid); } };
  walk(pid);
  return out;
}
