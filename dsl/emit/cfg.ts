import type * as ir from '../ir/nodes.js';
import { symmetryName } from './module.js';
import { ASSERTS_OFF } from '../lower/names.js';

export interface CfgOptions {
  /** `INIT`/`NEXT` operators instead of `SPECIFICATION Spec` (e.g. a replay's instrumented next-state relation). */
  readonly initNext?: readonly [string, string];
}

/** A TLC `.cfg` for one config. INVARIANT/PROPERTY/CONSTRAINT name operators, never expressions (TLC error 2230). */
export function emitCfg(m: ir.Module, c: ir.Config, o: CfgOptions = {}): string {
  const lines: string[] = [`\\* ${m.name} / ${c.name}: generated from ${c.loc.file}.${c.doc ? ` ${c.doc.trim().split('\n').join(' ')}` : ''}`];
  if (o.initNext) lines.push(`INIT ${o.initNext[0]}`, `NEXT ${o.initNext[1]}`);
  else lines.push(`SPECIFICATION ${c.spec ?? 'Spec'}`);
  const assertsOff = m.constants.some((k) => k.name === ASSERTS_OFF) ? [[ASSERTS_OFF, `{${(c.assertsOff ?? []).map((n) => JSON.stringify(n)).join(', ')}}`] as const] : [];
  if (c.constants.length || assertsOff.length) {
    lines.push('CONSTANTS');
    for (const [name, v] of c.constants) lines.push(`    ${name} = ${constantText(name, v)}`);
    for (const [name, text] of assertsOff) lines.push(`    ${name} = ${text}`);
  }
  for (const inv of [...(c.checkTypeOk === false ? [] : ['TypeOK']), ...c.invariants]) lines.push(`INVARIANT ${inv}`);
  for (const p of c.properties) lines.push(`PROPERTY ${p}`);
  for (const k of c.constraints) lines.push(`CONSTRAINT ${k}`);
  for (const s of c.symmetry) lines.push(`SYMMETRY ${symmetryName(s)}`);
  if (!c.checkDeadlock) lines.push('CHECK_DEADLOCK FALSE');
  // TLC's cfg has no cover statement: zswap-tla checks each as the invariant ~name in a run of its own.
  for (const k of c.covers ?? []) lines.push(`\\* COVER ${k} (must be reachable; checked by zswap-tla, not by this file)`);
  return lines.join('\n') + '\n';
}

function constantText(name: string, v: ir.ConstantValue): string {
  switch (v.kind) {
    case 'modelValues': return `{${v.names.join(', ')}}`;
    case 'modelValue': return name;
    case 'int': return String(v.value);
    case 'str': return JSON.stringify(v.value);
    case 'bool': return v.value ? 'TRUE' : 'FALSE';
  }
}
