/** `npm run tlc:install`: fetch the pinned tla2tools.jar into the per-user cache (SHA-256 checked). */
import { installTlc } from '../dsl/cli/tlc-install.js';

process.exitCode = await installTlc({ out: process.stdout, err: process.stderr, timeoutMs: 30_000 });
