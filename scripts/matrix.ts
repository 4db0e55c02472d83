/**
 * `npm run matrix`: compute the zswap verdict matrix (models/zswap/matrix.ts) and write it into
 * README.md; `--check` exits 2 when the README's copy is stale, writing nothing.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { matrixSection, withMatrix, zswapMatrix } from '../models/zswap/matrix.js';

const readme = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'README.md');
const before = readFileSync(readme, 'utf8');
const after = withMatrix(before, matrixSection(await zswapMatrix()));
if (process.argv.includes('--check')) {
  if (after !== before) { console.error('README.md: the zswap verdict matrix is stale; run `npm run matrix`'); process.exit(2); }
  console.log('README.md: the zswap verdict matrix is current');
} else if (after !== before) {
  writeFileSync(readme, after);
  console.log('README.md: wrote the zswap verdict matrix');
} else console.log('README.md: the zswap verdict matrix is current');
