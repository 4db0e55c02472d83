import { describe, expect, it } from 'vitest';
import { compile } from '../dsl/compile.js';
import { DslError } from '../dsl/index.js';
import * as bad from './fixtures/bad-models.js';
import { lineOf } from './helpers/locate.js';
import { writeWarnings } from '../dsl/cli/gen.js';
import { models } from '../models/index.js';

const FILE = 'test/fixtures/bad-models.ts';

/** Build (and compile) a bad model; return the DslError it throws. */
function errorOf(build: () => ReturnType<typeof bad.assignedTwice>): DslError {
  try {
    compile(build());
  } catch (e) {
    if (e instanceof DslError) return e;
    throw e;
  }
  throw new Error('expected a DslError');
}

describe('misuse types cannot catch is a DslError naming the DSL file and line', () => {
  it.each([
    ['assignedTwice', 'assigned-twice', /'x' is assigned twice in action 'Bump'/],
    ['duplicateName', 'duplicate', /'x' is declared twice/],
    ['reservedName', 'reserved', /'Init' is reserved/],
    ['reservedKeyword', 'keyword', /'CHOOSE' is reserved/],
    ['unknownConstant', 'unknown-constant', /sets constant 'TASKS', which the model does not declare/],
    ['missingConstant', 'missing-constant', /gives no value for constant 'CPUS'/],
    ['unknownInvariant', 'unknown-invariant', /names invariant 'NoSuchThing', which the model does not declare/],
    ['constantInvariant', 'constant-invariant', /invariant 'NIsBig' reads no variable/],
  ] as const)('%s', (name, mark, message) => {
    const e = errorOf(bad[name]);
    expect(e.message).toMatch(message);
    expect(e.loc.file).toBe(FILE);
    expect(e.loc.line).toBe(lineOf(FILE, `MARK ${mark}`));
    expect(e.message.startsWith(`${FILE}:${e.loc.line}:`)).toBe(true);
  });

  it('a variable assigned twice also points at the first assignment', () => {
    const e = errorOf(bad.assignedTwice);
    expect(e.related[0]?.loc.line).toBe(lineOf(FILE, 'set(x, 1)'));
  });
});

describe('warnings: legal TLA+, probably not what the model means', () => {
  it('a local nothing reads is reported at its assignment (and left out of the TLA+); gen/check print it', () => {
    const m = bad.writeOnlyLocal();
    expect(m.warnings).toHaveLength(1);
    const w = m.warnings[0]!;
    expect(w.message).toMatch(/local 'scratch' is assigned but never read/);
    expect(w.loc.file).toBe(FILE);
    expect(w.loc.line).toBe(lineOf(FILE, 'MARK write-only-local'));
    const tla = compile(m).files.get('WriteOnlyLocal.tla')!;
    expect(tla).not.toMatch(/scratch/);
    expect(tla).toMatch(/kept/);
    let printed = '';
    writeWarnings([m], { write: (s: string) => { printed += s; return true; } } as NodeJS.WritableStream);
    expect(printed).toBe(`warning: ${FILE}:${w.loc.line}:${w.loc.col}: ${w.message}\n`);
  });

  it('the project models have none', () => {
    expect(models.flatMap((m) => m.warnings)).toEqual([]);
  });
});
