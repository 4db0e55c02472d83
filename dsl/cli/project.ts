/**
 * The consumer's project: the nearest folder at or above the working directory with a
 * `package.json`, and its `zswap-tla` settings — a `zswap-tla` field in that package.json, or a
 * `zswap-tla.config.json` beside it:
 *
 *     { "models": "models/**\/*.ts", "generated": "generated" }
 *
 * `models` is a glob or a list of globs and files, relative to the root; every file it matches is
 * imported and every model it exports (default, named, or in an exported array) is found —
 * nothing is registered by hand. Paths in the TLA+, the reports, SARIF and the source maps are
 * relative to this root.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DslError } from '../errors.js';
import type { Model } from '../model.js';

export const CONFIG_FILE = 'zswap-tla.config.json';
export const DEFAULT_MODELS = ['models/**/*.ts'] as const;
export const DEFAULT_GENERATED = 'generated';

export interface Project {
  readonly root: string;
  /** Globs or files, relative to root. */
  readonly models: readonly string[];
  /** Absolute. */
  readonly generatedDir: string;
}

/** Thrown for a project that cannot be read (no package.json, a malformed config). */
export class ProjectError extends Error {
  override readonly name = 'ProjectError';
}

/** The project holding `cwd` (nearest package.json) and its settings. */
export function findProject(cwd: string = process.cwd()): Project {
  let root: string | undefined;
  for (let d = path.resolve(cwd); ; d = path.dirname(d)) {
    if (existsSync(path.join(d, 'package.json'))) { root = d; break; }
    if (path.dirname(d) === d) break;
  }
  if (root === undefined) throw new ProjectError(`no package.json at or above ${cwd}: run from inside your project (or \`zswap-tla init\` one)`);
  const settings = readSettings(root);
  const models = settings.models === undefined ? [...DEFAULT_MODELS] : typeof settings.models === 'string' ? [settings.models] : settings.models;
  if (!Array.isArray(models) || models.length === 0 || !models.every((m) => typeof m === 'string' && m.length > 0)) {
    throw new ProjectError('zswap-tla config: `models` must be a glob or a non-empty list of globs and files');
  }
  if (settings.generated !== undefined && (typeof settings.generated !== 'string' || settings.generated === '')) {
    throw new ProjectError('zswap-tla config: `generated` must be a folder name');
  }
  return { root, models, generatedDir: path.resolve(root, settings.generated ?? DEFAULT_GENERATED) };
}

interface Settings { models?: string | string[]; generated?: string }

function readSettings(root: string): Settings {
  const file = path.join(root, CONFIG_FILE);
  if (existsSync(file)) return parseJson(file) as Settings;
  const pkg = parseJson(path.join(root, 'package.json')) as { 'zswap-tla'?: Settings };
  return pkg['zswap-tla'] ?? {};
}

function parseJson(file: string): unknown {
  try {
    const v: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (v === null || typeof v !== 'object') throw new Error('not an object');
    return v;
  } catch (e) {
    throw new ProjectError(`${file}: ${(e as Error).message}`);
  }
}

/** The files the globs match (sorted, no duplicates; node_modules, dot folders and .d.ts left out). */
export function modelFiles(root: string, patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of patterns) {
    const abs = path.resolve(root, p);
    if (!/[*?[{]/.test(p)) {
      if (existsSync(abs)) out.add(abs);
      continue;
    }
    const rel = path.relative(root, abs).split(path.sep).join('/');
    const parts = rel.split('/');
    const fixed = parts.slice(0, parts.findIndex((s) => /[*?[{]/.test(s))).join('/');
    const re = globRegExp(rel);
    for (const f of walk(path.join(root, fixed))) {
      if (re.test(path.relative(root, f).split(path.sep).join('/')) && !f.endsWith('.d.ts')) out.add(f);
    }
  }
  return [...out].sort();
}

/** `**` any number of folders, `*` and `?` within one name, `{a,b}` alternatives. */
export function globRegExp(glob: string): RegExp {
  let re = '';
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      i++;
      if (glob[i + 1] === '/') { i++; re += '(?:[^/]+/)*'; } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '{') { depth++; re += '(?:'; }
    else if (c === '}' && depth > 0) { depth--; re += ')'; }
    else if (c === ',' && depth > 0) re += '|';
    else re += c.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function* walk(dir: string): Generator<string> {
  let entries;
  try { entries = readdirSync(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (e.isFile()) yield p;
  }
}

/** A model file that could not be imported: a DslError, a syntax error, anything it threw. */
export interface LoadFailure { readonly file: string; readonly error: unknown }

export interface Loaded {
  /** In file order, then export order; a model exported from two files is found once. */
  readonly models: readonly Model[];
  readonly failures: readonly LoadFailure[];
}

/** Import each file; one that throws is a failure and the others still load. */
export async function loadModelFiles(files: readonly string[]): Promise<Loaded> {
  const models: Model[] = [];
  const failures: LoadFailure[] = [];
  for (const file of files) {
    try {
      const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
      for (const v of Object.values(mod)) {
        for (const m of Array.isArray(v) ? v : [v]) if (isModel(m) && !models.includes(m)) models.push(m);
      }
    } catch (e) {
      failures.push({ file, error: e });
    }
  }
  return { models, failures };
}

function isModel(v: unknown): v is Model {
  const m = v as Partial<Model> | null;
  return typeof m === 'object' && m !== null && typeof m.name === 'string' && typeof m.root === 'string' && typeof m.module === 'object' && m.module !== null && Array.isArray(m.module.configs);
}

/** A DslError by its own message (it names its line) and the file being loaded; anything else as `error: FILE failed to load:` and its stack. */
export function failureText(f: LoadFailure, root: string): string {
  const e = f.error;
  const rel = path.relative(root, f.file).split(path.sep).join('/');
  if (e instanceof DslError) return `error: ${e.message}\n  (while loading ${rel})\n`;
  return `error: ${rel} failed to load: ${e instanceof Error ? e.stack ?? e.message : String(e)}\n`;
}

/** The file (absolute) that declared a model: where `model(...)` was called. */
export function fileOf(m: Model): string {
  return path.resolve(m.root, m.module.loc.file);
}
