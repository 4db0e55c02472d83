/**
 * Published specifications ported from the TLA+ Examples repository (models/examples/, each
 * citing the original by path and commit): each port finds what TLC finds on the original — the
 * same verdicts and the same number of distinct states (TwoPhase 288, MCInnerFIFO 3864,
 * SyncTerminationDetection 129, EWD840 302, as the repository's manifest.json records them) —
 * on the embedded checkers in every run and on TLC when it is found, and its generated module
 * stays within 1.5x the original's length.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eq, model, type Model } from '../dsl/index.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { jobOf } from './helpers/compiled-job.js';
import { declareEWD840, ewd840, EWD840_N3 } from '../models/examples/ewd840.js';
import { declareSyncTerminationDetection, syncTerminationDetection } from '../models/examples/sync-termination-detection.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { compileAll } from '../dsl/generate.js';
import { PROJECT_ROOT } from './helpers/root.js';
import type { Checker } from '../dsl/check/checker.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { runPipeline } from '../dsl/pipeline/run.js';
import { innerFifo } from '../models/examples/fifo.js';
import { twoPhase } from '../models/examples/two-phase.js';
import { TLC_JVM } from './helpers/t2-java.js';

const tlc = await findTlc();
const onTlc = tlc.found ? it : it.skip;
const skipNote = tlc.found ? '' : ` (skipped: ${tlc.reason})`;
const lines = (module: string) => readFileSync(path.join(PROJECT_ROOT, 'generated', `${module}.tla`), 'utf8').trimEnd().split('\n').length;

describe('SyncTerminationDetection (tlaplus/Examples specifications/ewd840/SyncTerminationDetection.tla, 32a32c7b)', () => {
  /** Its manifest: SyncTerminationDetection.cfg (N = 7), 129 distinct states, success. */
  const ORIGINAL = { lines: 66, distinct: 129 };

  it('n7 on tla-checker: TDCorrect and Liveness hold over the original\'s 129 states', async () => {
    const r = await checkModel(syncTerminationDetection, 'n7', { backend: 'tla-checker' });
    expect(r.results[0]!.verdict.kind).toBe('passed');
    expect(r.results[0]!.counts?.distinct).toBe(ORIGINAL.distinct);
  });

  it('n7 on the compiled verifier (its invariants; Liveness is refused): 129 states', async () => {
    const safety = model('SyncTerminationDetection', (m) => {
      const d = declareSyncTerminationDetection(m);
      m.config('n7_safety', { constants: { N: 7 }, invariants: [d.TDCorrect] });
    });
    const r = await checkModel(safety, 'n7_safety', { backend: 'compiled' });
    expect(r.results[0]!.verdict.kind).toBe('passed');
    expect(r.results[0]!.counts?.distinct).toBe(ORIGINAL.distinct);
  });

  it(`the generated module is within 1.5× the original's ${ORIGINAL.lines} lines`, () => {
    expect(lines('SyncTerminationDetection')).toBeLessThanOrEqual(1.5 * ORIGINAL.lines);
  });

  onTlc(`Quiescence ([](terminated => []terminated)), which tla-checker refuses, holds on TLC${skipNote}`, async () => {
    const quiet = model('SyncTerminationDetection', (m) => {
      const d = declareSyncTerminationDetection(m);
      m.config('n7_quiescence', { constants: { N: 7 }, invariants: [d.TDCorrect], properties: [d.Quiescence, d.Liveness] });
    });
    expect(tlaChecker.refuses!(jobOf(quiet, 'n7_quiescence'))).toMatch(/Quiescence is not/);
    const r = await checkModel(quiet, 'n7_quiescence', { backend: 'tlc', jvmArgs: TLC_JVM });
    expect(r.results[0]!.verdict.kind).toBe('passed');
    expect(r.results[0]!.counts?.distinct).toBe(ORIGINAL.distinct);
  });
});

describe('EWD840 (tlaplus/Examples specifications/ewd840/EWD840.tla, 32a32c7b)', () => {
  /** EWD840.tla at that commit: 176 lines; its manifest: EWD840.cfg, 302 distinct states, success. */
  const ORIGINAL = { lines: 176, distinct: 302 };

  it.each([
    ['n3', 'passed'],
    ['n3_wf_next', 'passed'],
    ['n3_unfair', 'property Liveness'],
  ])('%s on tla-checker: %s, over the original\'s 302 states (WF_vars(System), SpecWFNext, no fairness)', async (config, verdict) => {
    const r = await checkModel(ewd840, config, { backend: 'tla-checker' });
    const v = r.results[0]!.verdict;
    expect(v.kind === 'property' ? `property ${v.name}` : v.kind).toBe(verdict);
    if (v.kind === 'passed') expect(r.results[0]!.counts?.distinct).toBe(ORIGINAL.distinct);
    expect(r.outcome.asExpected).toBe(true);
  });

  it('without fairness the lasso ends stuttering in a terminated state: the token need never move again', async () => {
    const r = await checkModel(ewd840, 'n3_unfair', { backend: 'tla-checker' });
    const v = r.results[0]!.verdict;
    expect(v.kind === 'property' && v.stuttering).toBe(true);
    const last = v.kind === 'property' ? v.trace.at(-1)!.vars : {};
    expect(last.active).toMatch(/FALSE/);
    expect(last.active).not.toMatch(/TRUE/);
  });

  it('n3 on the compiled verifier (its invariants; Liveness is refused): the original\'s 302 states', async () => {
    const safety = model('EWD840', (m) => {
      const d = declareEWD840(m);
      m.config('n3_safety', { ...EWD840_N3, invariants: [d.TerminationDetection, d.Inv] });
    });
    const r = await checkModel(safety, 'n3_safety', { backend: 'compiled' });
    expect(r.results[0]!.verdict.kind).toBe('passed');
    expect(r.results[0]!.counts?.distinct).toBe(ORIGINAL.distinct);
  });

  it('n3_token_black on the compiled verifier: TokenAlwaysBlack (a non-property) fails after one step', async () => {
    const r = await checkModel(ewd840, 'n3_token_black', { backend: 'compiled' });
    const v = r.results[0]!.verdict;
    expect(v.kind === 'invariant' && v.name).toBe('TokenAlwaysBlack');
    expect(v.kind === 'invariant' && v.trace.at(-1)!.action?.name).toBe('InitiateProbe');
  });

  it('n3_color on the compiled verifier: the action property NeverChangeColor fails on a step that recolours a node; tla-checker refuses it', async () => {
    const r = await checkModel(ewd840, 'n3_color', { backend: 'compiled' });
    const v = r.results[0]!.verdict;
    expect(v.kind === 'property' && v.name).toBe('NeverChangeColor');
    const trace = v.kind === 'property' ? v.trace : [];
    expect(trace.at(-1)!.vars.color).not.toBe(trace.at(-2)!.vars.color);
    expect(r.outcome.asExpected).toBe(true);
    expect(tlaChecker.refuses!(jobOf(ewd840, 'n3_color'))).toMatch(/does not check action properties .*NeverChangeColor/);
  });

  it(`the generated module is within 1.5× the original's ${ORIGINAL.lines} lines`, () => {
    expect(lines('EWD840')).toBeLessThanOrEqual(1.5 * ORIGINAL.lines);
  });

  it('the refinement is said as in the original: TD == INSTANCE SyncTerminationDetection WITH …, TDSpec == TD!Spec', () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'generated', 'EWD840.tla'), 'utf8');
    expect(text).toMatch(/^TD == INSTANCE SyncTerminationDetection WITH terminationDetected <- terminationDetected$/m);
    expect(text).toMatch(/^TDSpec == TD!Spec$/m);
    // Both models emit the instanced module, identically: generated/ holds it once.
    const { files } = compileAll([ewd840, syncTerminationDetection]);
    expect(files.get('SyncTerminationDetection.tla')).toBe(readFileSync(path.join(PROJECT_ROOT, 'generated', 'SyncTerminationDetection.tla'), 'utf8'));
  });

  it('the embedded checkers refuse what they cannot check, naming it: the refinement, FalseLiveness', () => {
    const withAll = model('EWD840', (m) => {
      const d = declareEWD840(m);
      m.config('refines', { ...EWD840_N3, invariants: [], properties: [d.TDSpec] });
      m.config('false_liveness', { ...EWD840_N3, invariants: [], properties: [d.FalseLiveness] });
    });
    expect(tlaChecker.refuses!(jobOf(withAll, 'refines'))).toMatch(/does not read INSTANCE \(TDSpec/);
    expect(compiledChecker.refuses!(jobOf(withAll, 'refines'))).toMatch(/TDSpec: it refers to TD!Spec.*TLC only/);
    expect(tlaChecker.refuses!(jobOf(withAll, 'false_liveness'))).toMatch(/FalseLiveness is not/);
  });

  describe(`on TLC${skipNote}`, () => {
    onTlc.each([
      ['n3_unfair', 'property Liveness'],
      ['n3_color', 'property NeverChangeColor'],
    ])('%s: %s', async (config, verdict) => {
      const r = await checkModel(ewd840, config, { backend: 'tlc', jvmArgs: TLC_JVM });
      const v = r.results[0]!.verdict;
      expect(v.kind === 'property' ? `property ${v.name}` : v.kind).toBe(verdict);
      if (v.kind === 'passed') expect(r.results[0]!.counts?.distinct).toBe(ORIGINAL.distinct);
    });

    onTlc('EWD840.cfg in full: TerminationDetection, Inv, Liveness and TDSpec — EWD840 refines SyncTerminationDetection (TD == INSTANCE … WITH terminationDetected <- terminationDetected)', async () => {
      const refines = model('EWD840', (m) => {
        const d = declareEWD840(m);
        m.config('n3_refines', { ...EWD840_N3, invariants: [d.TerminationDetection, d.Inv], properties: [d.Liveness, d.TDSpec] });
      });
      const r = await checkModel(refines, 'n3_refines', { backend: 'tlc', jvmArgs: TLC_JVM });
      expect(r.results[0]!.verdict.kind).toBe('passed');
      expect(r.results[0]!.counts?.distinct).toBe(ORIGINAL.distinct);
    });

    onTlc('a wrong refinement mapping is caught: terminationDetected <- (tpos = 0) breaks TD!Spec', async () => {
      const wrong = model('EWD840', (m) => {
        const d = declareEWD840(m);
        const TDWrong = m.instance('TDWrong', syncTerminationDetection, { terminationDetected: eq(d.tpos, 0) });
        const p = m.property('WrongRefinement', TDWrong.spec());
        m.config('n3_wrong', { ...EWD840_N3, invariants: [], properties: [p], expect: { violates: p } });
      });
      const r = await checkModel(wrong, 'n3_wrong', { backend: 'tlc', jvmArgs: TLC_JVM });
      const v = r.results[0]!.verdict;
      expect(v.kind === 'property' && v.name).toBe('WrongRefinement');
    });

    onTlc('FalseLiveness, a leads-to from a temporal formula ((\\A i : []<>~active[i]) ~> terminationDetected), is violated', async () => {
      const withFalse = model('EWD840', (m) => {
        const d = declareEWD840(m);
        m.config('n3_false_liveness', { ...EWD840_N3, invariants: [], properties: [d.FalseLiveness], expect: { violates: d.FalseLiveness } });
      });
      const r = await checkModel(withFalse, 'n3_false_liveness', { backend: 'tlc', jvmArgs: TLC_JVM });
      expect(r.outcome.asExpected).toBe(true);
      expect(r.cfg).toMatch(/PROPERTY FalseLiveness/);
    });
  });
});

const backends: [string, Checker, boolean][] = [['compiled', compiledChecker, true], ['tla-checker', tlaChecker, true], ['tlc', tlcChecker, tlc.found]];

const ports: [string, Model, string, number][] = [
  ['TwoPhase (transaction_commit/TwoPhase.tla)', twoPhase, 'three_rms', 288],
  ['InnerFIFO (SpecifyingSystems/FIFO/MCInnerFIFO.tla)', innerFifo, 'three_messages', 3864],
];

describe.each(backends)('ported examples on %s' + (tlc.found ? '' : ` (TLC skipped: ${tlc.reason})`), (_, checker, available) => {
  it.skipIf(!available).each(ports)('%s: no error, the original\'s distinct states', async (_name, model, config, distinct) => {
    const r = (await runPipeline(model, config, { checkers: [checker], workers: 1, jvmArgs: TLC_JVM })).results[0]!;
    expect(r.verdict).toEqual({ kind: 'passed' });
    expect(r.counts?.distinct).toBe(distinct);
  }, 120_000);
});
