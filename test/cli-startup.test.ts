/**
 * `check` loads TypeScript and ts-morph (about a second of a start) only when it needs them: for
 * a type-check of a program that changed since it last passed (dsl/cli/typecheck.ts), or to read
 * a call span not known from the last run (dsl/map/spans.ts). Reading its arguments (`--help`, a
 * bad argument) and loading the run load neither. Checked in a fresh process, by what its module
 * cache holds (TypeScript and ts-morph are CommonJS, so they land there when loaded).
 */
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';

const HEAVY = /node_modules\/(typescript|ts-morph|@ts-morph\/common)\//;
/** Whether `file` is TypeScript's or ts-morph's (paths read with `/`, whatever the platform's separator). */
const heavy = (file: string) => HEAVY.test(file.replaceAll('\\', '/'));

/** The CommonJS modules a fresh process has loaded after each step of `steps` (module text, run in turn). */
async function loadedAfter(steps: readonly string[]): Promise<string[][]> {
  const script = `
    import { createRequire } from 'node:module';
    const cache = () => Object.keys(createRequire(import.meta.url).cache);
    const out = [];
    ${steps.map((s) => `{ ${s} } out.push(cache());`).join('\n')}
    console.log(JSON.stringify(out));`;
  const r = await execa(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: PROJECT_ROOT });
  return JSON.parse(r.stdout) as string[][];
}

describe("check's start", () => {
  it('neither reading the arguments nor loading the run loads TypeScript or ts-morph; reading a span does', async () => {
    const [front, run, span, typescript] = await loadedAfter([
      "await import('./dsl/cli/check.ts');",
      "await import('./dsl/cli/check-run.ts');",
      "const { SpanResolver } = await import('./dsl/map/spans.ts'); new SpanResolver().resolve({ file: 'test/fixtures/spans/calls.ts', line: 1, col: 1 }, process.cwd());",
      "createRequire(import.meta.url)('typescript');",
    ]);
    expect(front!.filter(heavy)).toEqual([]);
    expect(run!.filter(heavy)).toEqual([]);
    // Not a test that cannot fail: a span no memo knows is read with ts-morph (which brings its
    // own TypeScript), and TypeScript, once loaded, is seen (the type-check requires it so).
    expect([...new Set(span!.filter(heavy).map((f) => /node_modules\/((@ts-morph\/)?[^/]+)/.exec(f)![1]))].sort()).toEqual(['@ts-morph/common', 'ts-morph']);
    expect(typescript!.some((f) => f.includes('/node_modules/typescript/'))).toBe(true);
  });
});
