import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { DslError, warningText } from '../errors.js';
import type { Model } from '../model.js';
import { diffGenerated, driftDiff, GenerateError, writeAtomically } from '../generate.js';
import { EXIT } from './exit-codes.js';
import { compileKeepingSpans } from './span-memo.js';
import { Typechecker } from './typecheck.js';
import { failureText, loadModelFiles } from './project.js';

export interface GenOptions {
  readonly root: string;
  readonly check: boolean;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
  /** The model files to import (see `project.ts`); defaults to `modelsModule`, else `models/index.ts` under root. */
  readonly modelFiles?: readonly string[];
  /** One module exporting the models. */
  readonly modelsModule?: string;
  readonly generatedDir?: string;
  /** Type-check the model program first (the CLI's default; `--no-typecheck` turns it off). */
  readonly typecheck?: boolean;
}

/** Import the models (DSL errors surface here), emit in memory, then write or compare. */
export async function runGen(o: GenOptions): Promise<number> {
  const dir = o.generatedDir ?? path.join(o.root, 'generated');
  const entries = o.modelFiles ?? [o.modelsModule ?? path.join(o.root, 'models', 'index.ts')];
  if (entries.length === 0) { o.err.write('error: no model files found (see the `models` setting)\nnothing was written.\n'); return EXIT.badInput; }
  if (o.typecheck && !typecheckOk(entries, o.root, o.err)) return EXIT.badInput;
  const { models, failures } = await loadModelFiles(entries);
  if (failures.length) {
    for (const f of failures) o.err.write(failureText(f, o.root));
    o.err.write('nothing was written.\n');
    return EXIT.badInput;
  }
  let files: Map<string, string>;
  try { files = compileKeepingSpans(models, o.root).files; } catch (e) { return reportError(e, o.err); }
  writeWarnings(models, o.err);
  if (o.check) {
    const drift = await diffGenerated(dir, files);
    if (drift.length === 0) { o.out.write(`generated/ is up to date (${files.size} files from ${models.length} models)\n`); return EXIT.ok; }
    o.err.write(`generated/ differs from what models/ emit; run \`npm run gen\`:\n${drift.map((d) => `  ${d.problem.padEnd(7)} ${d.file}`).join('\n')}\n`);
    o.err.write(`\n${await driftDiff(dir, drift, files, path.relative(o.root, dir) || '.')}`);
    return EXIT.badInput;
  }
  if (!(await written(dir, files, o.err))) return EXIT.badInput;
  o.out.write(`wrote ${files.size} files for ${models.length} models to ${path.relative(o.root, dir) || '.'}/\n`);
  return EXIT.ok;
}

/** Type-check the model program; on errors print tsc's diagnostics and say nothing ran. */
export function typecheckOk(entries: string | readonly string[], root: string, err: NodeJS.WritableStream, checker = new Typechecker(root)): boolean {
  const r = checker.check(typeof entries === 'string' ? [entries] : entries);
  if (!r.ok) err.write(`error: the models have ${r.errors} type error${r.errors === 1 ? '' : 's'} (tsc):\n${r.text}nothing was written or checked (--no-typecheck skips this check).\n`);
  return r.ok;
}

/** `writeAtomically`, with a failure reported as bad input (the previous tree is kept). */
export async function written(dir: string, files: ReadonlyMap<string, string>, err: NodeJS.WritableStream): Promise<boolean> {
  try {
    await writeAtomically(dir, files);
    return true;
  } catch (e) {
    if (!(e instanceof GenerateError)) throw e;
    err.write(`error: ${e.message}\n${path.basename(dir)}/ is unchanged; nothing was checked.\n`);
    return false;
  }
}

/** Each model's DSL warnings, one line each, on stderr. */
export function writeWarnings(models: readonly Model[], err: NodeJS.WritableStream): void {
  for (const m of models) for (const w of m.warnings ?? []) err.write(`${warningText(w)}\n`);
}

export async function loadModels(modulePath: string): Promise<readonly Model[]> {
  const mod = (await import(pathToFileURL(modulePath).href)) as { models?: readonly Model[] };
  if (!Array.isArray(mod.models)) throw new Error(`${modulePath} must export \`models\`, an array of models`);
  return mod.models;
}

function reportError(e: unknown, err: NodeJS.WritableStream): number {
  if (e instanceof DslError) {
    err.write(`error: ${e.message}\nnothing was written.\n`);
    return EXIT.badInput;
  }
  err.write(`error: ${e instanceof Error ? e.stack ?? e.message : String(e)}\nnothing was written.\n`);
  return EXIT.badInput;
}
