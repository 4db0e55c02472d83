/** `npm run check [-- MODEL…] [--backend auto|both|tlc|tla-checker]`; see README for exit codes. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// Signals and the npm parent are watched before the (slow) rest of the CLI loads.
import { watchInterrupts } from '../dsl/cli/interrupt.js';

const interrupts = watchInterrupts();
const { runCheckCli } = await import('../dsl/cli/check.js');
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.exitCode = await runCheckCli(process.argv.slice(2), { root, out: process.stdout, err: process.stderr, interrupts });
interrupts.dispose();
