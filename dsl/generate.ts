import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { compile, type Artifacts } from './compile.js';
import type { Model } from './model.js';
import { SpanResolver } from './map/spans.js';

/** Emit every model in memory first: any error surfaces before a single file is touched. */
export function emitAll(models: readonly Model[]): Map<string, string> {
  return compileAll(models).files;
}

/** Every model compiled, and all their files together (file name → text). */
export function compileAll(models: readonly Model[]): { files: Map<string, string>; artifacts: Map<Model, Artifacts> } {
  const resolver = new SpanResolver();
  const files = new Map<string, string>();
  const artifacts = new Map<Model, Artifacts>();
  for (const m of models) {
    const a: Artifacts = compile(m, resolver);
    artifacts.set(m, a);
    for (const [name, text] of a.files) {
      if (files.has(name)) throw new Error(`two models emit ${name}: module names must be unique`);
      files.set(name, text);
    }
  }
  return { files, artifacts };
}

/**
 * Replace `dir` with exactly `files`. Written to a sibling temp folder, then swapped in with
 * renames, so a crash at any point leaves either the old or the new `generated/`, never a mix.
 */
export async function writeAtomically(dir: string, files: ReadonlyMap<string, string>): Promise<void> {
  const parent = path.dirname(path.resolve(dir));
  const base = path.basename(dir);
  // Unique per call, so concurrent generations never share a temp folder.
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const tmp = path.join(parent, `.${base}.tmp-${tag}`);
  const old = path.join(parent, `.${base}.old-${tag}`);
  await mkdir(tmp, { recursive: true });
  try {
    for (const [name, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) await writeFile(path.join(tmp, name), text);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  let hadOld = true;
  try { await rename(dir, old); } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') { await rm(tmp, { recursive: true, force: true }); throw e; }
    hadOld = false;
  }
  try {
    await rename(tmp, dir);
  } catch (e) {
    if (hadOld) await rename(old, dir);
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

export interface Drift { readonly file: string; readonly problem: 'missing' | 'stale' | 'extra' }

/** What differs between `dir` and what the models emit now. */
export async function diffGenerated(dir: string, files: ReadonlyMap<string, string>): Promise<Drift[]> {
  let present: string[] = [];
  try { present = await readdir(dir); } catch { /* missing dir: everything is missing */ }
  const drift: Drift[] = [];
  for (const [name, text] of files) {
    if (!present.includes(name)) drift.push({ file: name, problem: 'missing' });
    else if ((await readFile(path.join(dir, name), 'utf8')) !== text) drift.push({ file: name, problem: 'stale' });
  }
  for (const name of present) if (!files.has(name)) drift.push({ file: name, problem: 'extra' });
  return drift.sort((a, b) => a.file.localeCompare(b.file));
}
