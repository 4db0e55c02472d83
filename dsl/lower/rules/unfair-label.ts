import type * as ir from '../../ir/nodes.js';
import { labelsIn, reachableProcedures } from '../units.js';
import { sourceRule } from './rule.js';

/** The labels of `p`'s steps: its own and those of every procedure it calls, directly or not (their steps are the process's too, as lowering makes `P(self)`). */
function stepLabels(p: ir.ProcessDecl, procedures: readonly ir.ProcedureDecl[]): Set<string> {
  const reached = reachableProcedures(p.body, procedures);
  return new Set([p.body, ...procedures.filter((q) => reached.has(q.name)).map((q) => q.body)].flatMap((body) => labelsIn(body).map((l) => l.name)));
}

export const unfairLabel = sourceRule({
  id: 'ZT051',
  name: 'unfair-label',
  severity: 'error',
  description: 'A process\'s `unfair` labels are labels of its own steps, and it has fairness for them to leave out: otherwise they leave out nothing, and the fairness (or its absence) silently covers every step.',
  check(src, report) {
    const quoted = (ls: Iterable<string>) => [...ls].map((l) => `'${l}'`).join(', ');
    const labelsWord = (n: number) => (n > 1 ? 'labels' : 'label');
    for (const p of src.processes) {
      if (!p.unfair?.length) continue;
      if (p.fairness === 'none') { report(p.loc, `${p.name}: unfair ${labelsWord(p.unfair.length)} ${quoted(p.unfair)} on a process without fairness ${p.unfair.length > 1 ? 'leave' : 'leaves'} out nothing (give it fairness: 'weak' or 'strong')`); continue; }
      const labels = stepLabels(p, src.procedures);
      const unknown = p.unfair.filter((l) => !labels.has(l));
      if (unknown.length) report(p.loc, `${p.name}: unfair ${labelsWord(unknown.length)} ${quoted(unknown)}: no such step label in ${p.name} or the procedures it calls (its labels: ${quoted(labels)})`);
    }
  },
});
