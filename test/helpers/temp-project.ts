/**
 * A throw-away consumer project for the CLI tests: a package.json (with an optional `zswap-tla`
 * field) and model files that import the DSL from this repository by absolute path.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PROJECT_ROOT } from './root.js';

export const DSL_ENTRY = path.join(PROJECT_ROOT, 'dsl', 'index.ts');

export async function tempProject(files: Readonly<Record<string, string>>, settings?: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-project-'));
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'p', private: true, type: 'module', ...(settings === undefined ? {} : { 'zswap-tla': settings }) }));
  for (const [rel, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(dir, rel)), { recursive: true });
    await writeFile(path.join(dir, rel), text);
  }
  return dir;
}

/** A model with an int `x` that counts to `bound`; each config name in `configs` checks `x <= bound`. */
export function counterModel(name: string, configs: readonly string[], o: { bound?: number; invariantBound?: number } = {}): string {
  const bound = o.bound ?? 2;
  return `import { model, plus, set, t, when, lt, le } from '${DSL_ENTRY}';

export default model('${name}', (m) => {
  const x = m.variable('x', t.int(0, ${bound}), 0);
  m.action('Step', {}, () => [when(lt(x, ${bound})), set(x, plus(x, 1))]);
  m.invariant('Bounded', le(x, ${o.invariantBound ?? bound}));
${configs.map((c) => `  m.config('${c}', { checkDeadlock: false });`).join('\n')}
});
`;
}
