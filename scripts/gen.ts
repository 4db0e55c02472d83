/** `npm run gen` writes generated/; `npm run gen:check` fails when generated/ is stale. Exit codes: 0 ok, 2 bad input or stale. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { runGen } from '../dsl/cli/gen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const program = new Command('gen')
  .description('Generate TLA+ (and cfg and source maps) from the models into generated/, atomically')
  .option('--check', 'write nothing; exit 2 when generated/ differs from what the models emit')
  .option('--no-typecheck', 'do not type-check the models first')
  .option('--models <file>', 'the module exporting `models` (default: models/index.ts)')
  .option('--generated <dir>', 'the output directory (default: generated/)')
  .addHelpText('after', '\nExit codes: 0 written (or up to date); 2 a DSL or type error, a stale generated/ (--check), or generated/ could not be replaced (it is then unchanged).')
  .parse();
const f = program.opts<{ check?: boolean; typecheck: boolean; models?: string; generated?: string }>();
process.exitCode = await runGen({
  root, check: f.check === true, typecheck: f.typecheck, out: process.stdout, err: process.stderr,
  ...(f.models ? { modelsModule: path.resolve(f.models) } : {}), ...(f.generated ? { generatedDir: path.resolve(f.generated) } : {}),
});
