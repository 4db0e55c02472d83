/**
 * `gen` and `check` type-check the model program before running it: a model with a tsc error
 * stops with tsc's diagnostics (exit 2) and nothing is written or checked.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { runCheckCli } from '../dsl/cli/check.js';
import { runGen } from '../dsl/cli/gen.js';
import { Typechecker, typecheck } from '../dsl/cli/typecheck.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { colOf } from './helpers/locate.js';
import { Sink } from './helpers/io.js';

const FIXTURE = 'test/fixtures/typecheck/wrong-sort.ts';
const ENTRY = path.join(PROJECT_ROOT, FIXTURE);
/** Where tsc must point: the `true` assigned to the integer variable. */
const AT = colOf(FIXTURE, 'true)]);');

/** A tsconfig.json for the projects these tests make outside the repository (no @types: each check is quick; no DOM lib). */
const tsconfigText = (o: Record<string, unknown> = {}) => JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022'], skipLibCheck: true, types: [], ...o } });
const temps: string[] = [];
afterAll(async () => { await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true }))); });
async function missingDir(): Promise<string> {
  const d = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-typecheck-'));
  temps.push(d);
  return path.join(d, 'generated');
}

describe('typecheck', () => {
  it("reports the wrong-sort assignment at its file, line and column, as tsc prints it", () => {
    const r = typecheck([ENTRY], PROJECT_ROOT);
    expect(r.ok).toBe(false);
    expect(r.errors).toBe(1);
    expect(r.text).toContain(`${FIXTURE}(${AT.line},${AT.col}): error TS2345`);
  });

  it('a warm Typechecker sees each edit: an error appears, then goes, without a new checker', async () => {
    await mkdir(path.join(PROJECT_ROOT, '.tmp'), { recursive: true });
    const dir = await mkdtemp(path.join(PROJECT_ROOT, '.tmp', 'typecheck-warm-'));
    temps.push(dir);
    const file = path.join(dir, 'edited.ts');
    await writeFile(file, 'export const n: number = 1;\n');
    const tc = new Typechecker(dir);
    expect(tc.check([file]).ok).toBe(true);
    await writeFile(file, 'export const n: number = "one";\n');
    const broken = tc.check([file]);
    expect(broken.errors).toBe(1);
    expect(broken.text).toMatch(/edited\.ts\(1,14\): error TS2322/);
    await writeFile(file, 'export const n: number = 2;\n');
    expect(tc.check([file])).toEqual({ ok: true, errors: 0, text: '' });
  });

  it('a program that passed is not checked again by the next process while none of its inputs changes; any change is checked', async () => {
    // Outside the repository, with a tsconfig.json and a package.json of its own (no @types/node:
    // each check is quick); the model files in src/, the project root.
    const top = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-typecheck-stamp-'));
    temps.push(top);
    const dir = path.join(top, 'src');
    await mkdir(dir);
    await writeFile(path.join(top, 'tsconfig.json'), tsconfigText());
    await writeFile(path.join(top, 'package.json'), JSON.stringify({ type: 'module' }));
    const entry = path.join(dir, 'entry.ts'), dep = path.join(dir, 'dep.ts');
    // `unused` is an error only under noUnusedLocals; `import.meta` only where the nearest package.json makes the file CommonJS.
    await writeFile(entry, "import { n } from './dep.js';\nconst unused = 0;\nexport const m: number = n + 1;\nexport const where = import.meta;\n");
    await writeFile(dep, 'export const n = 1;\n');
    // A new Typechecker each time: what a new `check` process starts with.
    const fresh = () => new Typechecker(dir).check([entry]);
    const passed = { ok: true, errors: 0, text: '' };
    expect(fresh()).toEqual(passed);
    expect(fresh()).toEqual({ ...passed, upToDate: true });
    // An edit to a file the entry imports, not to the entry.
    await writeFile(dep, "export const n = 'one';\n");
    const broken = fresh();
    expect(broken.upToDate).toBeUndefined();
    expect(broken.text).toMatch(/entry\.ts\(3,14\): error TS2322/);
    // A program with errors is not stamped: the next process reports them again.
    expect(fresh().errors).toBe(1);
    await writeFile(dep, 'export const n = 2;\n');
    expect(fresh()).toEqual(passed);
    expect(fresh().upToDate).toBe(true);
    await rm(dep);
    expect(fresh().text).toMatch(/error TS2307: Cannot find module '\.\/dep\.js'/);
    // Another set of entries has a stamp of its own.
    await writeFile(dep, 'export const n = 3;\n');
    expect(new Typechecker(dir).check([dep]).upToDate).toBeUndefined();
    expect(new Typechecker(dir).check([dep]).upToDate).toBe(true);
    expect(fresh()).toEqual(passed);
    // A nearer tsconfig.json, then an edit to it.
    const tsconfig = path.join(dir, 'tsconfig.json');
    await writeFile(tsconfig, tsconfigText({ noUnusedLocals: true }));
    expect(fresh().text).toMatch(/entry\.ts\(2,7\): error TS6133/);
    await writeFile(tsconfig, tsconfigText());
    expect(fresh()).toEqual(passed);
    expect(fresh().upToDate).toBe(true);
    await writeFile(tsconfig, tsconfigText({ noUnusedLocals: true }));
    expect(fresh().errors).toBe(1);
    // A nearer package.json, then an edit to it (its `type` decides ESM or CommonJS).
    await writeFile(tsconfig, tsconfigText());
    expect(fresh()).toEqual(passed);
    const pkg = path.join(dir, 'package.json');
    await writeFile(pkg, JSON.stringify({ type: 'commonjs' }));
    expect(fresh().text).toMatch(/entry\.ts\(4,\d+\): error TS1470/);
    await writeFile(pkg, JSON.stringify({ type: 'module' }));
    expect(fresh()).toEqual(passed);
    expect(fresh().upToDate).toBe(true);
    await writeFile(pkg, JSON.stringify({ type: 'commonjs' }));
    expect(fresh().errors).toBe(1);
    // Without a `types` option every package in node_modules/@types is in the program: one more is a change.
    await writeFile(pkg, JSON.stringify({ type: 'module' }));
    await writeFile(tsconfig, tsconfigText({ types: undefined })); // JSON leaves the key out
    expect(fresh()).toEqual(passed);
    expect(fresh().upToDate).toBe(true);
    await mkdir(path.join(dir, 'node_modules', '@types', 'extra'), { recursive: true });
    await writeFile(path.join(dir, 'node_modules', '@types', 'extra', 'index.d.ts'), 'declare const extra: number;\n');
    expect(fresh()).toEqual(passed);
    // A file with a byte-order mark is stamped as TypeScript read it (without): it stays up to date.
    await writeFile(dep, '\uFEFFexport const n = 4;\n');
    expect(fresh()).toEqual(passed);
    expect(fresh().upToDate).toBe(true);
    // A stamp that is not one is no stamp (checked again, never a crash).
    const stamps = (await readdir(path.join(dir, 'node_modules', '.cache', 'zswap-tla'))).filter((f) => f.startsWith('passed-'));
    expect(stamps.length).toBeGreaterThan(0);
    for (const bad of ['null', '{}', '{"files": null, "packages": {}, "typesDirs": {}}', '{"files": {}, "packages": null, "typesDirs": {}}', '{"files": {}, "packages": {}, "typesDirs": null}', '[1']) {
      for (const f of stamps) await writeFile(path.join(dir, 'node_modules', '.cache', 'zswap-tla', f), bad);
      expect(fresh(), bad).toEqual(passed);
    }
  });

  it('a new checker in the same process reuses what an earlier one parsed, file by file, while its text is the same', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-typecheck-reuse-'));
    temps.push(dir);
    await writeFile(path.join(dir, 'tsconfig.json'), tsconfigText());
    // Two files of the same text: each is its own file, reported under its own name.
    const a = path.join(dir, 'a.ts'), b = path.join(dir, 'b.ts');
    await writeFile(a, 'export const n: number = "x";\n');
    await writeFile(b, 'export const n: number = "x";\n');
    const filesOf = (c: Typechecker) => new Map((c as unknown as { last: { getProgram(): { getSourceFiles(): readonly { fileName: string }[] } } }).last.getProgram().getSourceFiles().map((f) => [f.fileName, f]));
    const first = new Typechecker(dir), second = new Typechecker(dir);
    expect(first.check([a, b]).text).toMatch(/^a\.ts\(1,14\): error TS2322.*\nb\.ts\(1,14\): error TS2322/);
    await writeFile(b, 'export const n: number = 1;\n');
    expect(second.check([a, b]).text).toMatch(/^a\.ts\(1,14\): error TS2322[^\n]*\n$/);
    const [one, two] = [filesOf(first), filesOf(second)];
    const libs = [...two.keys()].filter((f) => f.includes('/typescript/lib/'));
    expect(libs.length).toBeGreaterThan(5);
    // Identity as a boolean: a failing toBe would print a diff of two whole SourceFiles.
    for (const f of [...libs, a]) expect(two.get(f) === one.get(f), f).toBe(true);
    // The file whose text changed was parsed again.
    expect(two.get(b) === one.get(b)).toBe(false);
  });

  it('a file parsed under other options is parsed again: a new checker does not reuse what an earlier one bound', async () => {
    // Unreachable code is an error only without allowUnreachableCode, and the binder decides it as it binds the file.
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-typecheck-parse-'));
    temps.push(dir);
    const options = (allowUnreachableCode: boolean) => tsconfigText({ allowUnreachableCode });
    const file = path.join(dir, 'early.ts');
    await writeFile(file, 'export function f(): number {\n  return 1;\n  const late = 2;\n}\n');
    await writeFile(path.join(dir, 'tsconfig.json'), options(true));
    expect(new Typechecker(dir).check([file])).toEqual({ ok: true, errors: 0, text: '' });
    await writeFile(path.join(dir, 'tsconfig.json'), options(false));
    expect(new Typechecker(dir).check([file]).text).toMatch(/early\.ts\(3,3\): error TS7027: Unreachable code detected/);
    // A const enum after a return is unreachable code only where it is kept (isolatedModules): an option
    // that changes binding though TypeScript's document registry leaves it out of its key. Two projects
    // (each its own build info: TypeScript's incremental build misses this change within one) check one file.
    const kept = (isolatedModules: boolean) => tsconfigText({ isolatedModules, allowUnreachableCode: false });
    const enums = path.join(dir, 'enums.ts');
    await writeFile(enums, 'export function g(): number {\n  return 1;\n  const enum E { A }\n}\n');
    const [elided, preserved] = [path.join(dir, 'elided'), path.join(dir, 'preserved')];
    for (const [d, on] of [[elided, false], [preserved, true]] as const) {
      await mkdir(d);
      await writeFile(path.join(d, 'tsconfig.json'), kept(on));
    }
    expect(new Typechecker(elided).check([enums])).toEqual({ ok: true, errors: 0, text: '' });
    expect(new Typechecker(preserved).check([enums]).text).toMatch(/enums\.ts\(3,3\): error TS7027: Unreachable code detected/);
  });

  it('passes the repository models', () => {
    const r = typecheck([path.join(PROJECT_ROOT, 'models/index.ts')], PROJECT_ROOT);
    expect(r.text).toBe('');
    expect(r.ok).toBe(true);
  });

  it('check: exit 2 with the tsc message; nothing written; --no-typecheck goes on without it', async () => {
    const generatedDir = await missingDir();
    const out = new Sink();
    const err = new Sink();
    const code = await runCheckCli(['--backend', 'tla-checker'], { root: PROJECT_ROOT, modelsModule: ENTRY, generatedDir, out, err });
    expect(code).toBe(EXIT.badInput);
    expect(err.text).toContain(`${FIXTURE}(${AT.line},${AT.col}): error TS2345`);
    expect(err.text).toMatch(/nothing was written or checked/);
    expect(out.text).toBe('');
    expect(existsSync(generatedDir)).toBe(false);

    const err2 = new Sink();
    await runCheckCli(['--backend', 'tla-checker', '--no-typecheck'], { root: PROJECT_ROOT, modelsModule: ENTRY, generatedDir, out: new Sink(), err: err2 });
    expect(err2.text).not.toContain('TS2345');
  });

  it('gen: exit 2 with the tsc message; nothing written', async () => {
    const generatedDir = await missingDir();
    const err = new Sink();
    const code = await runGen({ root: PROJECT_ROOT, check: false, typecheck: true, modelsModule: ENTRY, generatedDir, out: new Sink(), err });
    expect(code).toBe(EXIT.badInput);
    expect(err.text).toContain('error TS2345');
    expect(existsSync(generatedDir)).toBe(false);
  });
});
