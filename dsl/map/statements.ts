/**
 * Finer DSL locations than a step's `label(...)` line: the statement whose assignment made a
 * step's change, and the conditions (`when(...)`, a mutex's wait) a process waits on at a label.
 * Both are read from the IR action the step took; spans are widened through the source map.
 */
import type * as ir from '../ir/nodes.js';
import type { SourceMap } from './sourcemap.js';

/** Variables the process encoding changes on every step: they say where, not what. */
const CONTROL = new Set(['pc', 'stack']);

/**
 * The assignment in `action` that made the first change of `changed` (variable names, in the
 * order the step's changes are listed); in an `if` or `either`, the alternative that assigns the
 * most of them.
 */
export function statementOf(action: ir.Action, changed: readonly string[], map: SourceMap): ir.SourceLoc | undefined {
  const wanted = new Set(changed.filter((v) => !CONTROL.has(v)));
  const path = pathAssignments(action.body, wanted);
  const hit = [...wanted].map((v) => path.find((a) => a.variable === v)).find((a) => a !== undefined);
  return hit ? widen(hit.loc, map) : undefined;
}

/** The guards of `action` a process waits on, without the `pc` test at its label. */
export function waitGuards(action: ir.Action, map: SourceMap): ir.SourceLoc[] {
  const top = action.body.flatMap((it) => (it.kind === 'with' ? it.body : [it]));
  return top.flatMap((it) => (it.kind === 'guard' && !sameStart(it.loc, action.loc) ? [widen(it.loc, map)] : []));
}

/** The assignments along the alternatives that best match `wanted`. */
function pathAssignments(items: readonly ir.ActionItem[], wanted: ReadonlySet<string>): ir.Assign[] {
  return items.flatMap((it): ir.Assign[] => {
    switch (it.kind) {
      case 'assign': return [it];
      case 'with': return pathAssignments(it.body, wanted);
      case 'either': {
        const alts = it.alts.map((alt) => pathAssignments(alt, wanted));
        const score = (as: ir.Assign[]) => new Set(as.map((a) => a.variable).filter((v) => wanted.has(v))).size;
        return alts.reduce((best, alt) => (score(alt) > score(best) ? alt : best), alts[0] ?? []);
      }
      default: return [];
    }
  });
}

/** The IR records where a builder call starts; the source map knows its full extent. */
export function widen(loc: ir.SourceLoc, map: SourceMap): ir.SourceLoc {
  let best = loc;
  for (const e of map.entries) {
    if (!sameStart(e.dsl, loc)) continue;
    if (best.endLine === undefined || (e.dsl.endLine ?? 0) > best.endLine || ((e.dsl.endLine ?? 0) === best.endLine && (e.dsl.endCol ?? 0) > (best.endCol ?? 0))) best = e.dsl;
  }
  return best;
}

function sameStart(a: ir.SourceLoc, b: ir.SourceLoc): boolean {
  return a.file === b.file && a.line === b.line && a.col === b.col;
}
