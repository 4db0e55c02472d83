/**
 * `npm run tlc:record [-- --all]`: re-record the TLC runs in test/fixtures/tlc-runs/ whose model
 * changed (all of them with --all). Needs TLC.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findTlc } from '../dsl/check/tlc.js';
import { isCurrent, recordRun, runName } from '../dsl/testing/recorded-runs.js';
import { RECORDED_RUNS } from '../test/fixtures/tlc-runs/runs.js';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const all = process.argv.includes('--all');

const tlc = await findTlc();
if (!tlc.found) {
  process.stderr.write(`tlc:record needs TLC: ${tlc.reason}\n`);
  process.exitCode = 3;
} else {
  for (const r of RECORDED_RUNS) {
    if (!all && (await isCurrent(PROJECT_ROOT, r))) { process.stdout.write(`${runName(r)}: current, kept\n`); continue; }
    const { dir, verdict } = await recordRun(PROJECT_ROOT, r, tlc);
    process.stdout.write(`${runName(r)}: ${verdict} → ${path.relative(PROJECT_ROOT, dir)}\n`);
  }
}
