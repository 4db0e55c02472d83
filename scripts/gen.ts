/** `npm run gen` writes generated/; `npm run gen:check` fails when generated/ is stale. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runGen } from '../dsl/cli/gen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = await runGen({ root, check: process.argv.includes('--check'), typecheck: !process.argv.includes('--no-typecheck'), out: process.stdout, err: process.stderr });
