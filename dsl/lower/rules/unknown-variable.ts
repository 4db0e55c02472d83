import { allStmts } from '../../ir/walk.js';
import { localsOf, unitsOf } from '../units.js';
import { sourceRule } from './rule.js';

export const unknownVariable = sourceRule({
  id: 'ZT011',
  name: 'unknown-variable',
  severity: 'error',
  description: "An assignment's target is a state variable of the model, or inside a process or procedure one of its own locals (a local of another process, or a Var the model never declared, has no place in the state).",
  check(src, report) {
    const globals = new Set(src.variables.map((v) => v.name));
    for (const a of src.actions) {
      for (const s of allStmts(a.body)) {
        if (s.kind === 'assign' && !globals.has(s.variable)) report(s.loc, `action '${a.name}' assigns '${s.variable}', which is not a variable of the model (process locals are assigned only in their own process)`);
      }
    }
    for (const u of unitsOf(src)) {
      const own = new Set(localsOf(u).map((l) => l.name));
      for (const s of allStmts(u.decl.body)) {
        if (s.kind === 'assign' && !globals.has(s.variable) && !own.has(s.variable)) report(s.loc, `'${s.variable}' is neither a variable nor a local of ${u.decl.name}`);
      }
    }
  },
});
