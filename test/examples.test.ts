/**
 * Published specifications ported from the TLA+ Examples repository (models/examples/, each
 * citing the original by path and commit): the port must find what TLC finds on the original —
 * the same verdict and the same number of distinct states (288 for TwoPhase with three RMs, 3864
 * for MCInnerFIFO with three messages and qLen = 3, both measured by running TLC 2026.12.02 on
 * the originals, and as the repository's manifest.json records them). On the compiled verifier
 * and tla-checker every run, on TLC when found.
 */
import { describe, expect, it } from 'vitest';
import type { Checker } from '../dsl/check/checker.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import type { Model } from '../dsl/index.js';
import { runPipeline } from '../dsl/pipeline/run.js';
import { innerFifo } from '../models/examples/fifo.js';
import { twoPhase } from '../models/examples/two-phase.js';

const tlc = await findTlc();
const backends: [string, Checker, boolean][] = [['compiled', compiledChecker, true], ['tla-checker', tlaChecker, true], ['tlc', tlcChecker, tlc.found]];

const ports: [string, Model, string, number][] = [
  ['TwoPhase (transaction_commit/TwoPhase.tla)', twoPhase, 'three_rms', 288],
  ['InnerFIFO (SpecifyingSystems/FIFO/MCInnerFIFO.tla)', innerFifo, 'three_messages', 3864],
];

describe.each(backends)('ported examples on %s' + (tlc.found ? '' : ` (TLC skipped: ${tlc.reason})`), (_, checker, available) => {
  it.skipIf(!available).each(ports)('%s: no error, the original\'s distinct states', async (_name, model, config, distinct) => {
    const r = (await runPipeline(model, config, { checkers: [checker], workers: 1 })).results[0]!;
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts?.distinct).toBe(distinct);
  }, 120_000);
});
