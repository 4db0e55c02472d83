/**
 * The type-check of the whole repository (`tsc --noEmit -p .`: dsl/, models/, scripts/, test/) as
 * a test, so `npm test` runs it beside the other files instead of before all of them; it fails
 * with tsc's own `file(line,col): error TSxxxx` lines. With TypeScript 7's native tsc where it is
 * installed (scripts/tsc.ts): the same checker, a quarter of the time of TypeScript 5's.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { tscPath } from '../scripts/tsc.js';
import { PROJECT_ROOT } from './helpers/root.js';

const versionOf = async (tsc: string) => (await execa(process.execPath, [tsc, '--version'])).stdout;
const packageVersion = (name: string) => (createRequire(import.meta.url)(`${name}/package.json`) as { version: string }).version;

describe('tsc', () => {
  it('the repository type-checks (tsc --noEmit -p .)', async () => {
    const r = await execa(process.execPath, [tscPath(), '--noEmit', '--pretty', 'false', '-p', '.'], { cwd: PROJECT_ROOT, reject: false, all: true });
    expect(r.all, 'tsc --noEmit -p .').toBe('');
    expect(r.exitCode).toBe(0);
  });

  it('is TypeScript 7 where its native binary is installed, and TypeScript 5 on a platform it has none for', async () => {
    expect(path.basename(path.dirname(path.dirname(tscPath())))).toBe('typescript-go');
    expect(await versionOf(tscPath())).toBe(`Version ${packageVersion('typescript-go')}`);
    const fallback = tscPath('plan9', 'mips');
    expect(path.basename(path.dirname(path.dirname(fallback)))).toBe('typescript');
    expect(await versionOf(fallback)).toBe(`Version ${packageVersion('typescript')}`);
  });
});
