import type * as ir from '../../ir/nodes.js';
import { moduleRule } from './rule.js';

const NEEDS: Record<ir.ConstantDecl['kind'], string> = {
  modelValues: 'a list of model-value names',
  modelValue: '{ modelValue: true }',
  value: 'an integer, string or boolean',
};

function fits(kind: ir.ConstantDecl['kind'], v: ir.ConstantValue): boolean {
  switch (kind) {
    case 'modelValues': return v.k === 'modelValues';
    case 'modelValue': return v.k === 'modelValue';
    case 'value': return v.k === 'str' || v.k === 'bool' || (v.k === 'int' && Number.isInteger(v.v));
  }
}

function shown(v: ir.ConstantValue): string {
  switch (v.k) {
    case 'modelValues': return JSON.stringify(v.names);
    case 'modelValue': return '{ modelValue: true }';
    default: return JSON.stringify(v.v);
  }
}

export const configConstantValue = moduleRule({
  id: 'ZT022',
  name: 'config-constant-value',
  severity: 'error',
  description: 'A constant gets the kind of value it was declared for: model-value names for `modelValues`, `{ modelValue: true }` for `modelValue`, an integer (or string, boolean) for `intConstant`.',
  check(m, report) {
    for (const c of m.configs) {
      for (const [name, v] of c.constants) {
        const decl = m.constants.find((k) => k.name === name);
        if (decl && !decl.auto && !fits(decl.kind, v)) report(c.loc, `config '${c.name}': constant '${name}' needs ${NEEDS[decl.kind]}, got ${shown(v)}`);
      }
    }
  },
});
