/**
 * The `.cfg` printer (dsl/emit/cfg.ts), `TypeOK`'s sets (dsl/emit/typeset.ts) and the generated
 * names (dsl/lower/names.ts), on hand-built IR: every line kind, every constant kind, every sort.
 */
import { describe, expect, it } from 'vitest';
import type * as ir from '../dsl/ir/nodes.js';
import { emitCfg } from '../dsl/emit/cfg.js';
import { boundExpr, typeSet } from '../dsl/emit/typeset.js';
import { ASSERTS_OFF, definedNames, IDENTIFIER } from '../dsl/lower/names.js';

const loc: ir.SourceLoc = { file: 'models/m.ts', line: 3, col: 1 };
const config = (extra: Partial<ir.Config> = {}): ir.Config => ({
  name: 'small', constants: [], invariants: [], properties: [], constraints: [], symmetry: [], checkDeadlock: true,
  expect: { kind: 'pass' }, loc, ...extra,
});
const mod = (extra: Partial<ir.Module> = {}): ir.Module => ({
  name: 'M', extends: [], constants: [], variables: [], definitions: [], actions: [], configs: [], loc, ...extra,
});

describe('emitCfg', () => {
  it('the least config: header, Spec and TypeOK', () => {
    expect(emitCfg(mod(), config())).toBe('\\* M / small: generated from models/m.ts.\nSPECIFICATION Spec\nINVARIANT TypeOK\n');
  });

  it('every line kind in order', () => {
    const c = config({
      doc: ' Two CPUs.\nOne task. ', spec: 'FairSpec', invariants: ['Safe', 'Other'], properties: ['Live'], constraints: ['Bounded'],
      symmetry: ['CPUS'], checkDeadlock: false,
      constants: [['CPUS', { kind: 'modelValues', names: ['c1', 'c2'] }], ['None', { kind: 'modelValue' }], ['N', { kind: 'int', value: -2 }],
        ['Name', { kind: 'str', value: 'a "b"' }], ['On', { kind: 'bool', value: true }], ['Off', { kind: 'bool', value: false }]],
    });
    expect(emitCfg(mod(), c).split('\n')).toEqual([
      '\\* M / small: generated from models/m.ts. Two CPUs. One task.',
      'SPECIFICATION FairSpec',
      'CONSTANTS',
      '    CPUS = {c1, c2}',
      '    None = None',
      '    N = -2',
      '    Name = "a \\"b\\""',
      '    On = TRUE',
      '    Off = FALSE',
      'INVARIANT TypeOK',
      'INVARIANT Safe',
      'INVARIANT Other',
      'PROPERTY Live',
      'CONSTRAINT Bounded',
      'SYMMETRY Symmetry_CPUS',
      'CHECK_DEADLOCK FALSE',
      '',
    ]);
  });

  it('INIT/NEXT replace SPECIFICATION; TypeOK switched off', () => {
    expect(emitCfg(mod(), config({ checkTypeOk: false, invariants: ['Safe'] }), { initNext: ['ReplayInit', 'ReplayNext'] }))
      .toBe('\\* M / small: generated from models/m.ts.\nINIT ReplayInit\nNEXT ReplayNext\nINVARIANT Safe\n');
  });

  it('a module with asserts gets AssertsOff, empty unless the config names some', () => {
    const m = mod({ constants: [{ name: ASSERTS_OFF, kind: 'value', auto: true, loc }] });
    expect(emitCfg(m, config())).toContain('CONSTANTS\n    AssertsOff = {}\nINVARIANT TypeOK\n');
    expect(emitCfg(m, config({ assertsOff: ['A1', 'A2'], constants: [['N', { kind: 'int', value: 1 }]] })))
      .toContain('CONSTANTS\n    N = 1\n    AssertsOff = {"A1", "A2"}\n');
    expect(emitCfg(mod(), config({ assertsOff: ['A1'] }))).not.toContain('CONSTANTS');
    const other = mod({ constants: [{ name: 'N', kind: 'value', loc }] });
    expect(emitCfg(other, config({ constants: [['N', { kind: 'int', value: 1 }]] }))).toBe('\\* M / small: generated from models/m.ts.\nSPECIFICATION Spec\nCONSTANTS\n    N = 1\nINVARIANT TypeOK\n');
  });
});

describe('typeSet', () => {
  const N: ir.Expr = { kind: 'ref', name: 'N' };
  const CPUS: ir.Expr = { kind: 'ref', name: 'CPUS' };
  it.each<[string, ir.SortNode, ir.Expr]>([
    ['bool', { kind: 'bool' }, { kind: 'ref', name: 'BOOLEAN' }],
    ['int with literal bounds', { kind: 'int', lo: 0, hi: 3 }, { kind: 'infix', op: '..', left: { kind: 'int', value: 0 }, right: { kind: 'int', value: 3 } }],
    ['int with a constant bound', { kind: 'int', lo: -1, hi: N }, { kind: 'infix', op: '..', left: { kind: 'int', value: -1 }, right: N }],
    ['enum', { kind: 'enum', values: ['idle', 'busy'] }, { kind: 'setEnum', elements: [{ kind: 'str', value: 'idle' }, { kind: 'str', value: 'busy' }] }],
    ['member', { kind: 'member', set: CPUS }, CPUS],
    ['record', { kind: 'record', fields: [['ok', { kind: 'bool' }], ['who', { kind: 'member', set: CPUS }]] },
      { kind: 'recordSet', fields: [['ok', { kind: 'ref', name: 'BOOLEAN' }], ['who', CPUS]] }],
    ['fn', { kind: 'fn', dom: CPUS, rng: { kind: 'bool' } }, { kind: 'fnSet', dom: CPUS, rng: { kind: 'ref', name: 'BOOLEAN' } }],
    ['set', { kind: 'set', elem: { kind: 'bool' } }, { kind: 'builtin', op: 'SUBSET', args: [{ kind: 'ref', name: 'BOOLEAN' }] }],
    ['seq', { kind: 'seq', elem: { kind: 'member', set: CPUS }, max: 2 }, { kind: 'builtin', op: 'Seq', args: [CPUS] }],
  ])('%s', (_name, sort, set) => {
    expect(typeSet(sort)).toEqual(set);
  });
  it('boundExpr: a number becomes a literal, an expression stays itself', () => {
    expect(boundExpr(0)).toEqual({ kind: 'int', value: 0 });
    expect(boundExpr(N)).toBe(N);
  });
});

describe('definedNames', () => {
  const TRUE: ir.Expr = { kind: 'bool', value: true };
  it('the generated operators, then definitions, actions and specs', () => {
    expect([...definedNames(mod())]).toEqual(['vars', 'TypeOK', 'Init', 'Next', 'Spec']);
    const m = mod({
      definitions: [{ name: 'Safe', params: [], body: TRUE, loc } as unknown as ir.Definition],
      actions: [{ name: 'Step' } as unknown as ir.Action],
      specs: [{ name: 'FairSpec' } as unknown as ir.SpecDecl],
    });
    expect([...definedNames(m)]).toEqual(['vars', 'TypeOK', 'Init', 'Next', 'Spec', 'Safe', 'Step', 'FairSpec']);
  });
  it('Terminating only with processes (allDone)', () => {
    expect(definedNames(mod({ allDone: TRUE })).has('Terminating')).toBe(true);
    expect(definedNames(mod()).has('Terminating')).toBe(false);
  });
  it('IDENTIFIER', () => {
    for (const ok of ['a', 'A1', '_x', 'x_y']) expect(ok).toMatch(IDENTIFIER);
    for (const bad of ['', '1a', 'a-b', 'a b', ' a', 'a ']) expect(bad).not.toMatch(IDENTIFIER);
  });
});
