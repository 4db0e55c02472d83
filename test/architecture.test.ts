/**
 * The folder layout is the pipeline, and each stage imports only from the stages below it.
 * This reads every import under dsl/ and fails on one that runs upwards (or sideways into
 * another stage of the same rank), or that leaves dsl/ for the project's own models, tests or
 * scripts.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';

/** Bottom to top. A stage is a folder under dsl/ or a single file directly in it. */
const STAGES: readonly (readonly string[])[] = [
  ['ir'],
  ['errors.ts'],
  ['author'],
  ['lower'],
  ['model.ts'],
  ['index.ts', 'emit'],
  ['check'],
  ['map'],
  ['compile.ts', 'report'],
  ['generate.ts', 'pipeline'],
  ['testing', 'cli'],
];

const rankOf = (stage: string) => STAGES.findIndex((s) => s.includes(stage));

/** `dsl/check/tlc.ts` → `check`; `dsl/model.ts` → `model.ts`; outside dsl/ → undefined. */
function stageOf(rel: string): string | undefined {
  const parts = rel.split('/');
  if (parts[0] !== 'dsl') return undefined;
  return parts.length === 2 ? parts[1]! : parts[1]!;
}

export interface ImportEdge { readonly from: string; readonly to: string }

/** Every relative import of the files given (path relative to the project → its text). */
export function importsOf(files: ReadonlyMap<string, string>): ImportEdge[] {
  const edges: ImportEdge[] = [];
  for (const [from, source] of files) {
    // Examples in comments are not imports.
    const text = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    for (const m of text.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*|\bimport\s+|new URL\(\s*)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const to = path.posix.normalize(path.posix.join(path.posix.dirname(from), m[1]!)).replace(/\.js$/, '.ts');
      edges.push({ from, to });
    }
  }
  return edges;
}

/** What is wrong with an import, or undefined. */
export function violation(e: ImportEdge): string | undefined {
  const a = stageOf(e.from);
  const b = stageOf(e.to);
  if (a === undefined || e.to === 'package.json') return undefined; // the library's own manifest (its version)
  if (b === undefined) return `${e.from} imports ${e.to}, outside dsl/ (the library must not depend on the project's models, tests or scripts)`;
  if (a === b) return undefined;
  const ra = rankOf(a);
  const rb = rankOf(b);
  if (ra < 0 || rb < 0) return `${a < b ? a : b}: a stage the layout does not list (add it to STAGES in test/architecture.test.ts)`;
  return rb < ra ? undefined : `${e.from} (${a}) imports ${e.to} (${b}), which is ${rb === ra ? 'a sibling stage' : 'above it'}`;
}

function dslFiles(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string) => {
    for (const d of readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true })) {
      const rel = `${dir}/${d.name}`;
      if (d.isDirectory()) walk(rel);
      else if (/\.(ts|mjs)$/.test(d.name)) out.set(rel, readFileSync(path.join(PROJECT_ROOT, rel), 'utf8'));
    }
  };
  walk('dsl');
  return out;
}

describe('stage layering', () => {
  it('reads the imports of every file under dsl/', () => {
    const edges = importsOf(dslFiles());
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({ from: 'dsl/pipeline/run.ts', to: 'dsl/check/checker.ts' });
  });

  it('no file under dsl/ imports upwards, sideways, or out of dsl/', () => {
    expect(importsOf(dslFiles()).map(violation).filter(Boolean)).toEqual([]);
  });

  it.each([
    [{ from: 'dsl/map/explain.ts', to: 'dsl/report/values.ts' }, /above it/],
    [{ from: 'dsl/emit/module.ts', to: 'dsl/check/result.ts' }, /above it/],
    [{ from: 'dsl/report/text.ts', to: 'dsl/compile.ts' }, /sibling stage/],
    [{ from: 'dsl/testing/recorded-runs.ts', to: 'models/mutex-counter.ts' }, /outside dsl/],
    [{ from: 'dsl/newstage/x.ts', to: 'dsl/ir/nodes.ts' }, /does not list/],
  ])('flags %j', (edge, message) => {
    expect(violation(edge)).toMatch(message);
  });

  it.each([
    { from: 'dsl/report/text.ts', to: 'dsl/map/explain.ts' },
    { from: 'dsl/check/tlc.ts', to: 'dsl/check/tlc-output.ts' },
    { from: 'dsl/pipeline/run.ts', to: 'dsl/compile.ts' },
  ])('allows $from → $to', (edge) => {
    expect(violation(edge)).toBeUndefined();
  });

  it('nothing in dsl/, scripts/ or test/ reads outside the repository (a fresh clone has nothing beside it)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const d of readdirSync(path.join(PROJECT_ROOT, dir), { withFileTypes: true })) {
        const rel = `${dir}/${d.name}`;
        if (d.isDirectory()) { if (d.name !== 'fixtures') walk(rel); } else if (/\.(ts|mjs)$/.test(d.name) && /\.\.\/\.\.\/shared\b|\.\.\/shared\/|'shared\/tlc/.test(readFileSync(path.join(PROJECT_ROOT, rel), 'utf8'))) offenders.push(rel);
      }
    };
    for (const dir of ['dsl', 'scripts', 'test']) walk(dir);
    expect(offenders.filter((f) => f !== 'test/architecture.test.ts')).toEqual([]);
  });

  it('parses import forms: named, side-effect, dynamic, worker URL; not examples in comments', () => {
    const edges = importsOf(new Map([['dsl/check/a.ts', "/**\n * import '../cli/x.js';\n */\nimport { x } from './b.js';\nimport './c.js';\n// import '../cli/y.js';\nconst m = await import('../ir/d.js');\nnew Worker(new URL('./w.mjs', import.meta.url));"]]));
    expect(edges.map((e) => e.to)).toEqual(['dsl/check/b.ts', 'dsl/check/c.ts', 'dsl/ir/d.ts', 'dsl/check/w.mjs']);
  });
});
