/**
 * docs/api.md, the API reference, is what `npm run api` writes from the current source: an export
 * added to dsl/index.ts, a changed signature or an edited TSDoc comment without `npm run api`
 * fails here.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { API_MD, renderApi } from '../scripts/api.js';
import { PROJECT_ROOT } from './helpers/root.js';

describe('docs/api.md', () => {
  const want = renderApi(PROJECT_ROOT);

  it('lists every export of dsl/index.ts and every method of the model builder m', () => {
    for (const name of ['model', 'and', 'forall', 'when', 'label', 'lock', 't.int', 'DslError', 'm.variable', 'm.invariant', 'm.property', 'm.config', 'm.process', 'm.action']) {
      expect(want, name).toContain(`### \`${name}\``);
    }
    expect(want).toContain('variable<S extends Sort>(name: string, sort: S, init: ExprLike<S>): Var<S>');
  });

  it('is up to date (run `npm run api`)', () => {
    expect(readFileSync(path.join(PROJECT_ROOT, API_MD), 'utf8') === want, `${API_MD} is stale: run npm run api`).toBe(true);
  });
});
