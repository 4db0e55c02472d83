/**
 * The type-check of the whole repository (`tsc --noEmit -p .`: dsl/, models/, scripts/, test/) as
 * a test, so `npm test` runs it beside the other files instead of before all of them; it fails
 * with tsc's own `file(line,col): error TSxxxx` lines.
 */
import { createRequire } from 'node:module';
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';

const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

describe('tsc', () => {
  it('the repository type-checks (tsc --noEmit -p .)', async () => {
    const r = await execa(process.execPath, [TSC, '--noEmit', '--pretty', 'false', '-p', '.'], { cwd: PROJECT_ROOT, reject: false, all: true });
    expect(r.all, 'tsc --noEmit -p .').toBe('');
    expect(r.exitCode).toBe(0);
  });
});
