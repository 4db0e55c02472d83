/**
 * `check` reads its arguments before it loads the run (dsl/cli/check-run.ts): `--help` and a
 * bad argument must answer without loading TypeScript and ts-morph (about 1.5 s of a start),
 * which only the type-check and the source map need. Checked in a fresh process, by what its
 * module cache holds (TypeScript and ts-morph are CommonJS, so they land there when loaded).
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';

const HEAVY = /node_modules\/(typescript|ts-morph|@ts-morph\/common)\//;

/** The CommonJS modules a fresh process has loaded after importing `modules` in turn, one list per import. */
async function loadedAfter(modules: readonly string[]): Promise<string[][]> {
  const script = `
    import { createRequire } from 'node:module';
    const cache = () => Object.keys(createRequire(import.meta.url).cache);
    const out = [];
    for (const m of ${JSON.stringify(modules)}) { await import(m); out.push(cache()); }
    console.log(JSON.stringify(out));`;
  const r = await execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT });
  return JSON.parse(r.stdout) as string[][];
}

describe("check's start", () => {
  it('reading the arguments loads neither TypeScript nor ts-morph; the run does', async () => {
    const [front, run] = await loadedAfter(['./dsl/cli/check.ts', './dsl/cli/check-run.ts']);
    expect(front!.filter((f) => HEAVY.test(f))).toEqual([]);
    // Not a test that cannot fail: the run loads both (the type-check, the source map).
    expect(run!.some((f) => f.includes('/node_modules/typescript/'))).toBe(true);
    expect(run!.some((f) => f.includes('/node_modules/ts-morph/'))).toBe(true);
  });
});
