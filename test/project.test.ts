/**
 * The consumer's project (dsl/cli/project.ts): found from the working directory, configured by a
 * package.json field or zswap-tla.config.json, models discovered by glob; a model file that fails
 * to load is reported and the others still run; `check MODEL/CONFIG` in command-line order.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckCli } from '../dsl/cli/check.js';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { runGen } from '../dsl/cli/gen.js';
import { findProject, globRegExp, modelFiles, ProjectError } from '../dsl/cli/project.js';
import { Sink } from './helpers/io.js';
import { counterModel, tempProject } from './helpers/temp-project.js';


const made: string[] = [];
async function project(files: Record<string, string>, settings?: unknown) {
  const d = await tempProject(files, settings);
  made.push(d);
  return d;
}
afterAll(async () => { for (const d of made) await rm(d, { recursive: true, force: true }); });

describe('findProject', () => {
  it('is the nearest package.json above the working directory, with the defaults', async () => {
    const d = await project({ 'models/deep/x.ts': '' });
    const p = findProject(path.join(d, 'models', 'deep'));
    expect(p).toEqual({ root: d, models: ['models/**/*.ts'], generatedDir: path.join(d, 'generated') });
  });

  it('reads the package.json field, and zswap-tla.config.json over it', async () => {
    const d = await project({}, { models: 'specs/*.ts', generated: 'out/tla' });
    expect(findProject(d)).toEqual({ root: d, models: ['specs/*.ts'], generatedDir: path.join(d, 'out', 'tla') });
    await writeFile(path.join(d, 'zswap-tla.config.json'), JSON.stringify({ models: ['a.ts', 'b/**/*.ts'] }));
    expect(findProject(d).models).toEqual(['a.ts', 'b/**/*.ts']);
  });

  it('rejects a malformed config', async () => {
    const d = await project({}, { models: [] });
    expect(() => findProject(d)).toThrow(ProjectError);
    await writeFile(path.join(d, 'zswap-tla.config.json'), '{ nope');
    expect(() => findProject(d)).toThrow(/zswap-tla\.config\.json/);
  });
});

describe('model discovery', () => {
  it('globs: ** spans folders, * stays in one, {a,b} alternatives', () => {
    expect(globRegExp('models/**/*.ts').test('models/a.ts')).toBe(true);
    expect(globRegExp('models/**/*.ts').test('models/x/y/a.ts')).toBe(true);
    expect(globRegExp('models/*.ts').test('models/x/a.ts')).toBe(false);
    expect(globRegExp('models/*.{ts,mts}').test('models/a.mts')).toBe(true);
    expect(globRegExp('models/*.ts').test('models/a.tsx')).toBe(false);
  });

  it('finds files under the glob, sorted, without node_modules, dot folders or .d.ts', async () => {
    const d = await project({ 'models/b.ts': '', 'models/a/c.ts': '', 'models/x.d.ts': '', 'models/node_modules/n.ts': '', 'models/.hidden/h.ts': '', 'other/o.ts': '' });
    expect(modelFiles(d, ['models/**/*.ts']).map((f) => path.relative(d, f))).toEqual(['models/a/c.ts', 'models/b.ts']);
    expect(modelFiles(d, ['other/o.ts', 'missing.ts']).map((f) => path.relative(d, f))).toEqual(['other/o.ts']);
  });
});

describe('check and gen in a project', () => {
  const files = {
    'models/alpha.ts': counterModel('Alpha', ['one', 'two']),
    'models/beta/beta.ts': counterModel('Beta', ['only']),
    'models/broken.ts': `throw new Error('boom at load');\n`,
    'models/helper.ts': 'export const notAModel = 1;\n',
  };
  const io = (root: string) => {
    const out = new Sink();
    const err = new Sink();
    const p = findProject(root);
    return { out, err, cli: { root: p.root, modelFiles: modelFiles(p.root, p.models), generatedDir: p.generatedDir, out, err } };
  };

  it('a file that fails to load is reported; the other models are checked, in command-line order; exit 2', async () => {
    const d = await project(files);
    const { out, err, cli } = io(d);
    const code = await runCheckCli(['Beta', 'Alpha/two', '--backend', 'tla-checker', '--no-typecheck'], cli);
    expect(err.text).toMatch(/^error: models\/broken\.ts failed to load: Error: boom at load/m);
    expect(err.text).toMatch(/generated\/ was not updated: 1 model file failed to load/);
    expect(code).toBe(EXIT.badInput);
    const order = [...out.text.matchAll(/^ok +(\S+)/gm)].map((m) => m[1]);
    expect(order).toEqual(['Beta/only', 'Alpha/two']);
    expect(out.text).toMatch(/2 of 2 configs as expected/);
    // generated/ would have lost the broken file's models: it is left as it was (here: absent).
    expect(existsSync(path.join(d, 'generated'))).toBe(false);
  });

  it('without the broken file: exit 0, every config of every discovered model, generated/ written', async () => {
    const d = await project({ ...files, 'models/broken.ts': '' });
    const { out, cli } = io(d);
    expect(await runCheckCli(['--backend', 'tla-checker', '--no-typecheck'], cli)).toBe(EXIT.ok);
    expect([...out.text.matchAll(/^ok +(\S+)/gm)].map((m) => m[1])).toEqual(['Alpha/one', 'Alpha/two', 'Beta/only']);
    expect(existsSync(path.join(d, 'generated', 'Alpha.tla'))).toBe(true);
  });

  it('an unknown model or config is bad input, naming what exists', async () => {
    const d = await project({ ...files, 'models/broken.ts': '' });
    const { err, cli } = io(d);
    expect(await runCheckCli(['Alpha/three', '--no-typecheck'], cli)).toBe(EXIT.badInput);
    expect(err.text).toMatch(/unknown config Alpha\/three \(configs of Alpha: one, two\)/);
    expect(await runCheckCli(['Gamma', '--no-typecheck'], cli)).toBe(EXIT.badInput);
    expect(err.text).toMatch(/unknown model Gamma \(models: Alpha, Beta\)/);
  });

  it('--changed FILE checks the models declared in it (all of them for a file that declares none)', async () => {
    const d = await project({ ...files, 'models/broken.ts': '' });
    const a = io(d);
    expect(await runCheckCli(['--backend', 'tla-checker', '--no-typecheck', '--changed', path.join(d, 'models/beta/beta.ts')], a.cli)).toBe(EXIT.ok);
    expect([...a.out.text.matchAll(/^ok +(\S+)/gm)].map((m) => m[1])).toEqual(['Beta/only']);
    const b = io(d);
    expect(await runCheckCli(['--backend', 'tla-checker', '--no-typecheck', '--changed', path.join(d, 'models/helper.ts')], b.cli)).toBe(EXIT.ok);
    expect([...b.out.text.matchAll(/^ok +(\S+)/gm)].map((m) => m[1])).toEqual(['Alpha/one', 'Alpha/two', 'Beta/only']);
  });

  it('gen with a file that fails to load names it and writes nothing', async () => {
    const d = await project(files);
    const p = findProject(d);
    const out = new Sink();
    const err = new Sink();
    const code = await runGen({ root: d, check: false, modelFiles: modelFiles(d, p.models), generatedDir: p.generatedDir, out, err });
    expect(code).toBe(EXIT.badInput);
    expect(err.text).toMatch(/models\/broken\.ts failed to load: Error: boom at load[\s\S]*nothing was written/);
    expect(existsSync(p.generatedDir)).toBe(false);
  });

  it('paths in the generated TLA+ are relative to the project root', async () => {
    const d = await project({ 'models/beta/beta.ts': files['models/beta/beta.ts'] });
    await mkdir(path.join(d, 'generated'));
    const p = findProject(d);
    const code = await runGen({ root: d, check: false, modelFiles: modelFiles(d, p.models), generatedDir: p.generatedDir, out: new Sink(), err: new Sink() });
    expect(code).toBe(EXIT.ok);
    const { readFile } = await import('node:fs/promises');
    const tla = await readFile(path.join(d, 'generated', 'Beta.tla'), 'utf8');
    expect(tla).toMatch(/models\/beta\/beta\.ts/);
    expect(tla).not.toMatch(/\.\.\//);
  });
});

describe('init', () => {
  it('adds the config and scripts to an existing package.json, keeping its own scripts and files', async () => {
    const { runInit, INIT_SCRIPTS, WORKFLOW_TEMPLATE } = await import('../dsl/cli/init.js');
    const d = await project({ 'tsconfig.json': '{"mine": true}\n' });
    const { readFile } = await import('node:fs/promises');
    const pkg0 = JSON.parse(await readFile(path.join(d, 'package.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(path.join(d, 'package.json'), JSON.stringify({ ...pkg0, scripts: { check: 'my-own-check' } }));
    const out = new Sink();
    expect(await runInit([], { cwd: d, out, err: new Sink() })).toBe(EXIT.ok);
    const pkg = JSON.parse(await readFile(path.join(d, 'package.json'), 'utf8')) as { scripts: Record<string, string>; 'zswap-tla': unknown };
    expect(pkg.scripts).toEqual({ ...INIT_SCRIPTS, check: 'my-own-check' });
    expect(pkg['zswap-tla']).toEqual({ models: 'models/**/*.ts', generated: 'generated' });
    expect(out.text).toMatch(/kept {3}npm script "check" \(my-own-check\)/);
    expect(out.text).toMatch(/kept {3}tsconfig\.json \(exists\)/);
    expect(await readFile(path.join(d, 'tsconfig.json'), 'utf8')).toBe('{"mine": true}\n');
    expect(existsSync(path.join(d, 'models', 'counter.ts'))).toBe(true);
    // The CI workflow only when the package ships its template.
    expect(existsSync(path.join(d, '.github', 'workflows', 'zswap-tla.yml'))).toBe(existsSync(WORKFLOW_TEMPLATE));
    // The scaffolded model is found by the config it wrote.
    expect(modelFiles(d, findProject(d).models).map((f) => path.relative(d, f))).toEqual(['models/counter.ts']);
  });
});
