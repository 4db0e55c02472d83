import { constants } from 'node:fs';
import { access, chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { compile, type Artifacts } from './compile.js';
import type { Model } from './model.js';
import { SpanResolver } from './map/spans.js';
import { unifiedDiff } from './report/unified-diff.js';

/**
 * A temp name's tag, unique per call: the pid (a leftover's owner is looked up by it) and random
 * bytes, since concurrent writers — threads of one process too — share a pid.
 */
export const tempTag = () => `${process.pid}-${randomBytes(4).toString('hex')}`;

/** Emit every model in memory first: any error surfaces before a single file is touched. */
export function emitAll(models: readonly Model[]): Map<string, string> {
  return compileAll(models).files;
}

/** Every model compiled, and all their files together (file name → text). */
export function compileAll(models: readonly Model[], resolver = new SpanResolver()): { files: Map<string, string>; artifacts: Map<Model, Artifacts> } {
  const files = new Map<string, string>();
  const artifacts = new Map<Model, Artifacts>();
  const instanced = new Set<string>();
  for (const m of models) {
    const a: Artifacts = compile(m, resolver);
    artifacts.set(m, a);
    for (const n of a.instanced.keys()) instanced.add(`${n}.tla`);
    for (const [name, text] of a.files) {
      // A model instantiated by another is emitted by both, identically; any other clash is an error.
      const shared = instanced.has(name) && files.get(name) === text;
      if (files.has(name) && !shared) throw new Error(`two models emit ${name}: module names must be unique`);
      files.set(name, text);
    }
  }
  return { files, artifacts };
}

/** Writing `generated/` failed; the previous tree (if any) is still in place, unchanged. */
/**
 * `files` plus the files already in `dir` of every other module: what to write when only some
 * models were compiled (watch's fast path). A module's files are `NAME.tla`, `NAME.*.cfg` and
 * `NAME.map.json` (TLA+ names hold no dot).
 */
export async function withOtherModels(dir: string, files: ReadonlyMap<string, string>): Promise<Map<string, string>> {
  const moduleOf = (file: string) => file.split('.')[0]!;
  const mine = new Set([...files.keys()].map(moduleOf));
  const existing = await readdir(dir, { withFileTypes: true }).catch((e: NodeJS.ErrnoException) => { if (e.code === 'ENOENT') return []; throw e; });
  const merged = new Map<string, string>();
  for (const e of existing) if (e.isFile() && !mine.has(moduleOf(e.name))) merged.set(e.name, await readFile(path.join(dir, e.name), 'utf8'));
  for (const [f, text] of files) merged.set(f, text);
  return merged;
}

export class GenerateError extends Error {
  override readonly name = 'GenerateError';
}

/** The file-system calls a swap makes, so tests can make any one of them fail. */
export interface SwapFs {
  mkdir: typeof mkdir;
  writeFile: typeof writeFile;
  rename: typeof rename;
  rm: typeof rm;
  stat: typeof stat;
  chmod: typeof chmod;
  access: typeof access;
  readdir: (dir: string) => Promise<string[]>;
}
const realFs: SwapFs = { mkdir, writeFile, rename, rm, stat, chmod, access, readdir: (d) => readdir(d) };

/**
 * Replace `dir` with exactly `files`. Written to a sibling temp folder, then swapped in with
 * renames, so a crash at any point leaves either the old or the new `generated/`, never a mix.
 * A failure at any step puts the previous tree back and removes every temp folder; the new
 * tree keeps the old one's mode. Temp folders left by a killed run are removed first.
 */
export async function writeAtomically(dir: string, files: ReadonlyMap<string, string>, fs: SwapFs = realFs): Promise<void> {
  const parent = path.dirname(path.resolve(dir));
  const base = path.basename(dir);
  await removeStale(parent, base, fs);
  const mode = await fs.stat(dir).then((s) => s.mode & 0o7777, () => undefined);
  if (mode !== undefined) {
    // Its entries must be removable once it is swapped out; find out before touching anything.
    await fs.access(dir, constants.W_OK).catch((e: NodeJS.ErrnoException) => {
      throw new GenerateError(`${dir} is not writable (mode ${mode.toString(8)}): ${e.code ?? e.message}; make it writable or remove it`);
    });
  }
  const tag = tempTag();
  const tmp = path.join(parent, `.${base}.tmp-${tag}`);
  const old = path.join(parent, `.${base}.old-${tag}`);
  const fail = async (what: string, e: unknown): Promise<never> => {
    await fs.rm(tmp, { recursive: true, force: true }).catch(() => {});
    throw new GenerateError(`could not ${what}: ${(e as Error).message}`);
  };
  try {
    await fs.mkdir(tmp, { recursive: true });
    for (const [name, text] of [...files].sort(([a], [b]) => a.localeCompare(b))) await fs.writeFile(path.join(tmp, name), text);
    if (mode !== undefined) await fs.chmod(tmp, mode);
  } catch (e) {
    return fail(`write the new files in ${parent}`, e);
  }
  let hadOld = true;
  try { await fs.rename(dir, old); } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') return fail(`move ${dir} aside`, e);
    hadOld = false;
  }
  try {
    await fs.rename(tmp, dir);
  } catch (e) {
    if (hadOld) await fs.rename(old, dir);
    return fail(`move the new files into ${dir}`, e);
  }
  if (!hadOld) return;
  try {
    await fs.rm(old, { recursive: true, force: true });
  } catch (e) {
    // The old tree cannot be removed: swap it back rather than leave it beside the new one.
    await fs.rename(dir, tmp).then(() => fs.rename(old, dir)).catch(() => {});
    return fail(`remove the previous ${base}/`, e);
  }
}

/** Temp folders of earlier runs whose process is gone. */
async function removeStale(parent: string, base: string, fs: SwapFs): Promise<void> {
  const names = await fs.readdir(parent).catch(() => [] as string[]);
  for (const n of names) {
    const m = new RegExp(`^\\.${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.(?:tmp|old)-(\\d+)-[0-9a-f]+$`).exec(n);
    if (m && !alive(Number(m[1]))) await fs.rm(path.join(parent, n), { recursive: true, force: true }).catch(() => {});
  }
}

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (e) { return (e as NodeJS.ErrnoException).code === 'EPERM'; }
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

/** Diff lines shown per drifted file; the rest is counted. */
export const DRIFT_DIFF_LINES = 200;

/**
 * What `npm run gen` would change, as a unified diff per drifted file (`a/` is what `dir` holds,
 * `b/` what the models emit; a missing or extra file is diffed against /dev/null). Source maps
 * are named, not shown: they are marked `-diff` in .gitattributes and churn with every moved line.
 */
export async function driftDiff(dir: string, drift: readonly Drift[], files: ReadonlyMap<string, string>, label = path.basename(dir)): Promise<string> {
  const parts: string[] = [];
  for (const d of drift) {
    const name = `${label}/${d.file}`;
    if (d.file.endsWith('.map.json')) { parts.push(`source map ${name} is ${d.problem} (not shown)\n`); continue; }
    const before = d.problem === 'missing' ? '' : await readFile(path.join(dir, d.file), 'utf8');
    const after = d.problem === 'extra' ? '' : files.get(d.file)!;
    parts.push(unifiedDiff(before, after, d.problem === 'missing' ? '/dev/null' : `a/${name}`, d.problem === 'extra' ? '/dev/null' : `b/${name}`, { maxLines: DRIFT_DIFF_LINES }));
  }
  return parts.join('');
}
