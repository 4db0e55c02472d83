/**
 * Every kind of declaration the name rules see (dsl/lower/rules/declarations.ts), each with its
 * DSL line and column and the word the message calls it by: a name TLA+ cannot print (ZT001) is
 * reported where it is declared, whatever declared it; a clash (ZT004) says what the second
 * declaration is and points back at the first. And what ZT010's message says an action or a
 * process step is. Locations are found in this file's text (test/helpers/locate.ts).
 */
import { describe, expect, it } from 'vitest';
import { DslError, always, eventually, label, local, model, ret, set, t, type Model } from '../../dsl/index.js';
import { projectText } from '../helpers/t2-source.js';

const FILE = 'test/rules/declared-names.test.ts';

/**
 * Where V8 puts the call that `needle` starts: its last match in the file (not the needle's own
 * string in a table row), at the callee's name (`intConstant` of `m.intConstant(…)`).
 */
function colOf(file: string, needle: string): { line: number; col: number } {
  const lines = projectText(file).split('\n');
  const line = lines.map((l, i) => (l.includes(needle) ? i + 1 : 0)).reduce((a, b) => Math.max(a, b));
  return { line, col: lines[line - 1]!.lastIndexOf(needle) + 1 + (needle.startsWith('m.') ? 2 : 0) };
}

function errorOf(build: () => Model): DslError {
  try {
    build();
  } catch (e) {
    if (e instanceof DslError) return e;
    throw e;
  }
  throw new Error('expected a DslError');
}

/** Each builds a model whose only fault is the name in its needle; the needle starts the declaring call. */
const INVALID: readonly [what: string, name: string, needle: string, build: () => Model][] = [
  ['constant', 'bad-const', "m.intConstant('bad-const')", () => model('D1', (m) => { m.intConstant('bad-const'); m.variable('x', t.int(0, 1), 0); })],
  ['variable', 'bad-var', "m.variable('bad-var'", () => model('D2', (m) => { m.variable('bad-var', t.int(0, 1), 0); })],
  ['definition', 'bad-def', "m.define('bad-def'", () => model('D3', (m) => { const x = m.variable('x', t.int(0, 1), 0); m.define('bad-def', x.eq(0)); })],
  ['invariant', 'bad-inv', "m.invariant('bad-inv'", () => model('D4', (m) => { const x = m.variable('x', t.int(0, 1), 0); m.invariant('bad-inv', x.eq(0)); })],
  ['property', 'bad-prop', "m.property('bad-prop'", () => model('D5', (m) => { const x = m.variable('x', t.int(0, 1), 0); m.property('bad-prop', always(eventually(x.eq(0)))); })],
  ['action', 'bad-act', "m.action('bad-act'", () => model('D6', (m) => { const x = m.variable('x', t.int(0, 1), 0); m.action('bad-act', {}, () => [set(x, 1)]); })],
  ["model value of config 'c'", 'bad-mv', "m.config('c', { constants: { TASKS: ['bad-mv'] } })", () => model('D7', (m) => {
    m.modelValues('TASKS'); m.variable('x', t.int(0, 1), 0);
    m.config('c', { constants: { TASKS: ['bad-mv'] } });
  })],
  ['process', 'bad-proc', "m.process('bad-proc'", () => model('D8', (m) => { const x = m.variable('x', t.int(0, 1), 0); m.process('bad-proc', 'p', {}, () => [label('go'), set(x, 1)]); })],
  ['procedure', 'bad-procedure', "m.procedure('bad-procedure'", () => model('D9', (m) => {
    m.variable('x', t.int(0, 1), 0);
    m.procedure('bad-procedure', {}, () => [label('sub'), ret()]);
  })],
  // A local is declared by its process's call.
  ['local', 'bad-local', "m.process('P', 'p', { locals: { 'bad-local'", () => model('D10', (m) => {
    const x = m.variable('x', t.int(0, 2), 0);
    m.process('P', 'p', { locals: { 'bad-local': local(t.int(0, 2), 0) } }, (l) => [label('go'), set(x, l['bad-local'])]);
  })],
];

describe('ZT001 on each kind of declaration', () => {
  it.each(INVALID)('%s: reported where it is declared', (what, name, needle, build) => {
    const e = errorOf(build);
    const { line, col } = colOf(FILE, needle);
    expect(e.rule.id).toBe('ZT001');
    expect({ file: e.loc.file, line: e.loc.line, col: e.loc.col }).toEqual({ file: FILE, line, col });
    expect(e.message.split('\n')[0]).toBe(`${FILE}:${line}:${col}: ZT001 invalid-identifier: '${name}' (${what}) is not a TLA+ identifier: use letters, digits and '_', not starting with a digit`);
  });
});

describe('ZT004: what the second declaration is, and where the first was', () => {
  it.each<[string, string, string, string, () => Model]>([
    ['a constant, then a variable', 'variable', "m.intConstant('N1')", "m.variable('N1'", () => model('C1', (m) => { m.intConstant('N1'); m.variable('N1', t.int(0, 1), 0); })],
    ['a variable, then an action', 'action', "m.variable('y1'", "m.action('y1'", () => model('C2', (m) => { const x = m.variable('y1', t.int(0, 1), 0); m.action('y1', {}, () => [set(x, 1)]); })],
    ['a variable, then a model value listed by two configs: the first config', "model value of config 'one'", "m.variable('t9'", "m.config('one'", () => model('C3', (m) => {
      m.modelValues('TASKS'); m.variable('t9', t.int(0, 1), 0);
      m.config('one', { constants: { TASKS: ['t9'] } });
      m.config('two', { constants: { TASKS: ['t9'] } });
    })],
    ['a variable, then a process', 'process', "m.variable('Q1'", "m.process('Q1'", () => model('C4', (m) => { const x = m.variable('Q1', t.int(0, 1), 0); m.process('Q1', 'q', {}, () => [label('go'), set(x, 1)]); })],
  ])('%s', (_, what, firstNeedle, secondNeedle, build) => {
    const e = errorOf(build);
    const first = colOf(FILE, firstNeedle);
    const second = colOf(FILE, secondNeedle);
    expect(e.rule.id).toBe('ZT004');
    expect(e.message).toMatch(new RegExp(`^${FILE}:${second.line}:${second.col}: ZT004 duplicate-name: '\\w+' is declared twice in module C\\d \\(here as ${/^[aeiou]/.test(what) ? 'an' : 'a'} ${what.replace(/'/g, "'")}\\)\\n  ${FILE}:${first.line}:${first.col}: first declared here$`));
  });
});

describe('ZT010 says which action or step', () => {
  it('in an action: its name', () => {
    const e = errorOf(() => model('T1', (m) => { const x = m.variable('x', t.int(0, 2), 0); m.action('Bump', {}, () => [set(x, 1), set(x, 2)]); }));
    expect(e.message.split('\n')[0]).toMatch(/: ZT010 assigned-twice: 'x' is assigned twice in action 'Bump'$/);
    expect(e.message.split('\n')[1]).toMatch(/: first assigned here$/);
  });

  it('in a process step: the process and the step\'s label', () => {
    const e = errorOf(() => model('T2', (m) => { const x = m.variable('x', t.int(0, 2), 0); m.process('Task', 'task', {}, () => [label('one'), set(x, 1), set(x, 2)]); }));
    expect(e.message.split('\n')[0]).toMatch(/: ZT010 assigned-twice: 'x' is assigned twice in one step of Task \(step 'one' is one atomic action\)$/);
  });
});

describe('ZT022: what a constant needs, and what it got', () => {
  /** A model with one constant of each kind, checked under one config's values. */
  const withValues = (name: string, constants: Record<string, unknown>) => () => model(name, (m) => {
    const TASKS = m.modelValues('TASKS');
    m.modelValue('NoTask', TASKS);
    m.intConstant('N');
    m.variable('x', t.int(0, 1), 0);
    m.config('c', { constants: { TASKS: ['t1'], NoTask: { modelValue: true }, N: 1, ...constants } as never });
  });

  it.each<[string, Record<string, unknown>]>([
    ['an integer', { N: 3 }], ['a string', { N: 'a' }], ['a boolean', { N: false }],
  ])('a value constant takes %s', (_, constants) => {
    expect(() => withValues('V1', constants)()).not.toThrow();
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['a list for a value', { N: ['a'] }, `constant 'N' needs an integer, string or boolean, got ["a"]`],
    ['a fraction for a value', { N: 1.5 }, `constant 'N' needs an integer, string or boolean, got 1.5`],
    ['a model value for a value', { N: { modelValue: true } }, `constant 'N' needs an integer, string or boolean, got { modelValue: true }`],
    ['a number for model values', { TASKS: 2 }, `constant 'TASKS' needs a list of model-value names, got 2`],
    ['a model value for model values', { TASKS: { modelValue: true } }, `constant 'TASKS' needs a list of model-value names, got { modelValue: true }`],
    ['a list for a model value', { NoTask: ['y'] }, `constant 'NoTask' needs { modelValue: true }, got ["y"]`],
    ['a string for a model value', { NoTask: 'x' }, `constant 'NoTask' needs { modelValue: true }, got "x"`],
  ])('%s', (_, constants, message) => {
    const e = errorOf(withValues('V2', constants));
    expect(e.rule.id).toBe('ZT022');
    expect(e.message.split('\n')[0]).toMatch(new RegExp(`: ZT022 config-constant-value: config 'c': ${message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`));
  });
});

describe('ZT002: the WF_/SF_ prefix only at the start', () => {
  it('a name with WF_ inside is an ordinary name', () => {
    expect(() => model('W1', (m) => { m.variable('myWF_x', t.int(0, 1), 0); })).not.toThrow();
    expect(errorOf(() => model('W2', (m) => { m.variable('SF_x', t.int(0, 1), 0); })).rule.id).toBe('ZT002');
  });
});
