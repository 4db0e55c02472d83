/**
 * Quiet diffs: a comment-only edit of a model leaves every generated `.tla` and `.cfg` byte for
 * byte the same; only the source maps (`*.map.json`, marked `-diff` in .gitattributes) move, and
 * they move by exactly the inserted line, so reports still point at the exact DSL line.
 *
 * Two copies of models/ are made in temporary projects (a package.json, models/ copied, dsl/ and
 * node_modules/ linked to this repository's); in the second, every model file gets one comment
 * line at its top. Both are imported and compiled, and their outputs compared.
 */
import { cp, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileAll } from '../dsl/generate.js';
import type { SourceMap } from '../dsl/map/sourcemap.js';
import type { Model } from '../dsl/model.js';
import { PROJECT_ROOT } from './helpers/root.js';

const COMMENT = '// A comment line added above everything: no model changes meaning.\n';
const temps: string[] = [];

/** A temporary project holding a copy of models/ (edited by `edit`), and the files it emits. */
async function emitCopy(edit: (file: string, text: string) => string | undefined): Promise<{ files: Map<string, string>; root: string }> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'quiet-diff-'));
  temps.push(root);
  await writeFile(path.join(root, 'package.json'), '{ "type": "module" }\n');
  await symlink(path.join(PROJECT_ROOT, 'dsl'), path.join(root, 'dsl'), 'dir');
  await symlink(path.join(PROJECT_ROOT, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  await cp(path.join(PROJECT_ROOT, 'models'), path.join(root, 'models'), { recursive: true });
  for (const rel of await readdir(path.join(root, 'models'), { recursive: true })) {
    if (!rel.endsWith('.ts')) continue;
    const file = path.join(root, 'models', rel);
    const edited = edit(`models/${rel}`, await readFile(file, 'utf8'));
    if (edited !== undefined) await writeFile(file, edited);
  }
  const mod = (await import(pathToFileURL(path.join(root, 'models', 'index.ts')).href)) as { models: readonly Model[] };
  return { files: compileAll(mod.models).files, root };
}

let before: Map<string, string>;
let after: Map<string, string>;
const edited: string[] = [];

beforeAll(async () => {
  before = (await emitCopy(() => undefined)).files;
  after = (await emitCopy((file, text) => { edited.push(file); return COMMENT + text; })).files;
}, 240_000);
afterAll(async () => {
  await Promise.all(temps.map((d) => rm(d, { recursive: true, force: true })));
});

describe('a comment line at the top of every model file', () => {
  it('edits every model file, the zswap ones included, and emits the same file set', () => {
    expect(edited).toContain('models/zswap/acomp-ctx.ts');
    expect(edited).toContain('models/mutex-counter.ts');
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    // The copy emits what this repository emits (same relative paths): the test sees the real models.
    expect(before.get('MutexCounter.tla')).toMatch(/from models\/mutex-counter\.ts/);
  });

  it('changes no line of any .tla or .cfg', () => {
    const generated = [...before.keys()].filter((n) => n.endsWith('.tla') || n.endsWith('.cfg'));
    expect(generated.filter((n) => n.endsWith('.tla')).length).toBeGreaterThanOrEqual(10);
    const changed = generated.filter((n) => after.get(n) !== before.get(n));
    expect(changed).toEqual([]);
  });

  it('moves every DSL location in the source maps down by exactly one line, and nothing else', () => {
    let entries = 0;
    for (const [name, text] of before) {
      if (!name.endsWith('.map.json')) continue;
      const a = JSON.parse(text) as SourceMap;
      const b = JSON.parse(after.get(name)!) as SourceMap;
      expect(b.entries.length, name).toBe(a.entries.length);
      a.entries.forEach((e, i) => {
        const moved = b.entries[i]!;
        expect(moved.tla, name).toEqual(e.tla);
        expect(moved.dsl, `${name} entry ${i}`).toEqual({ ...e.dsl, line: e.dsl.line + 1, ...(e.dsl.endLine !== undefined ? { endLine: e.dsl.endLine + 1 } : {}) });
      });
      entries += a.entries.length;
    }
    expect(entries).toBeGreaterThan(1000);
  });
});
