import type * as ir from '../../ir/nodes.js';
import { moduleRule } from './rule.js';

const NEEDS: Record<ir.ConstantDecl['kind'], string> = {
  modelValues: 'a list of model-value names',
  modelValue: '{ modelValue: true }',
  value: 'an integer, string or boolean',
};

function fits(kind: ir.ConstantDecl['kind'], v: ir.ConstantValue): boolean {
  switch (kind) {
    case 'modelValues': return v.kind === 'modelValues';
    case 'modelValue': return v.kind === 'modelValue';
    case 'value': return v.kind === 'str' || v.kind === 'bool' || (v.kind === 'int' && Number.isInteger(v.value));
  }
}

function shown(v: ir.ConstantValue): string {
  switch (v.kind) {
    case 'modelValues': return JSON.stringify(v.names);
    case 'modelValue': return '{ modelValue: true }';
    default: return JSON.stringify(v.value);
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
