import type * as ir from '../ir/nodes.js';
import { allStmts } from '../ir/walk.js';

/** A process or a procedure: a statement list whose labels become steps. */
export type Unit = { readonly kind: 'process'; readonly decl: ir.ProcessDecl } | { readonly kind: 'procedure'; readonly decl: ir.ProcedureDecl };

export function unitsOf(m: { readonly processes: readonly ir.ProcessDecl[]; readonly procedures: readonly ir.ProcedureDecl[] }): Unit[] {
  return [...m.processes.map((decl) => ({ kind: 'process' as const, decl })), ...m.procedures.map((decl) => ({ kind: 'procedure' as const, decl }))];
}

/** A unit's locals: a procedure's parameters, then its (or a process's) declared locals. */
export function localsOf(u: Unit): readonly ir.LocalDecl[] {
  return u.kind === 'procedure' ? [...u.decl.params, ...u.decl.locals] : u.decl.locals;
}

/** Every label in `body` (a `loop` names one too), in source order. */
export function labelsIn(body: readonly ir.Stmt[]): { readonly name: string; readonly loc: ir.SourceLoc }[] {
  return [...allStmts(body)].flatMap((s) => (s.kind === 'label' ? [{ name: s.name, loc: s.loc }] : s.kind === 'while' ? [{ name: s.label, loc: s.loc }] : []));
}

/** Procedures called anywhere in `body`. */
export function calledIn(body: readonly ir.Stmt[]): string[] {
  return [...allStmts(body)].flatMap((s) => (s.kind === 'call' ? [s.procedure] : []));
}

/** Procedures `body` calls, directly or through other procedures, in declaration order. */
export function reachableProcedures(body: readonly ir.Stmt[], procs: readonly ir.ProcedureDecl[]): Set<string> {
  const seen = new Set<string>();
  const visit = (ss: readonly ir.Stmt[]) => {
    for (const name of calledIn(ss)) {
      if (seen.has(name)) continue;
      seen.add(name);
      const q = procs.find((p) => p.name === name);
      if (q) visit(q.body);
    }
  };
  visit(body);
  return new Set(procs.map((p) => p.name).filter((n) => seen.has(n)));
}
