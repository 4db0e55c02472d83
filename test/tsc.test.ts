/**
 * The type-check of the whole repository (`tsc --noEmit -p .`: dsl/, models/, scripts/, test/) as
 * a test, so `npm test` runs it beside the other files instead of before all of them; it fails
 * with tsc's own `file(line,col): error TSxxxx` lines. TypeScript 7's native tsc (devDependency
 * `typescript-go`): the same checker, a quarter of the time of TypeScript 5's.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';

// Its package exports no bin/ path: found beside its package.json.
const TSC = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript-go/package.json')), 'bin', 'tsc');

describe('tsc', () => {
  it('the repository type-checks (tsc --noEmit -p .)', async () => {
    const r = await execa(process.execPath, [TSC, '--noEmit', '--pretty', 'false', '-p', '.'], { cwd: PROJECT_ROOT, reject: false, all: true });
    expect(r.all, 'tsc --noEmit -p .').toBe('');
    expect(r.exitCode).toBe(0);
  });
});
