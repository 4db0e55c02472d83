/** `npm run tlc:record`: re-record the TLC runs in test/fixtures/tlc-runs/ (needs TLC). */
import path from 'node:path';
import { PROJECT_ROOT } from '../dsl/author/callsite.js';
import { findTlc } from '../dsl/check/tlc.js';
import { RECORDED_RUNS, recordRun, runName } from '../dsl/testing/recorded-runs.js';

const tlc = await findTlc();
if (!tlc.found) {
  process.stderr.write(`tlc:record needs TLC: ${tlc.reason}\n`);
  process.exitCode = 3;
} else {
  for (const r of RECORDED_RUNS) {
    const { dir, verdict } = await recordRun(PROJECT_ROOT, r, tlc);
    process.stdout.write(`${runName(r)}: ${verdict} → ${path.relative(PROJECT_ROOT, dir)}\n`);
  }
}
