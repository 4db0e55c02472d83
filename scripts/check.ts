/** `npm run check [-- MODEL…] [--backend auto|tlc|tla-checker|both]`; see README for exit codes. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCheckCli } from '../dsl/cli/check.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = await runCheckCli(process.argv.slice(2), { root, out: process.stdout, err: process.stderr });
