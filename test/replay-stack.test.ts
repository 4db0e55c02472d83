/**
 * An invariant's evaluation error after the first state, as TLC reports it: the stack TLC prints
 * is what it met taking the steps from the state before again — another error's, or none
 * (test/fixtures/tlc-replay.ts, its runs recorded in test/fixtures/tlc-runs). The pipeline puts
 * the invariant's own frames on TLC's report (`invariantOn` of the compiled verifier), and a
 * warning says what TLC printed. Live TLC where it is found.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import { cases, eq, FALSE, implies, int, model, nth, seqOf, set, t, when } from '../dsl/index.js';
import type { Checker } from '../dsl/check/checker.js';
import { invariantOn } from '../dsl/check/compiled/index.js';
import type { CheckResult, TlaLocation } from '../dsl/check/result.js';
import { findTlc } from '../dsl/check/tlc.js';
import { parseToolOutput } from '../dsl/check/tlc-output.js';
import { replayStackWarning, runPipeline } from '../dsl/pipeline/run.js';
import { render } from '../dsl/report/render.js';
import { RECORDED_DIR } from '../dsl/testing/recorded-runs.js';
import type { Model } from '../dsl/model.js';
import { replayError, replayInAction, replayNew, replayViolation } from './fixtures/tlc-replay.js';
import { jobOf, successorError } from './helpers/compiled-job.js';
import { pageView } from '../dsl/report/html/view.js';
import { SourceFiles } from '../dsl/report/code-frame.js';

const tlc = await findTlc();

const recorded = (m: Model, config = 'c'): CheckResult =>
  parseToolOutput(readFileSync(path.join(PROJECT_ROOT, RECORDED_DIR, `${m.name}.${config}`, 'tool.out'), 'utf8'), { module: m.name, config, durationMs: 0 });
const standIn = (result: CheckResult, name: Checker['name'] = 'tlc'): Checker => ({ name, available: async () => ({ ok: true, detail: 'recorded run' }), check: async () => ({ ...result, backend: name }) });
const evalError = (r: CheckResult) => (r.verdict.kind === 'evalError' ? r.verdict : expect.unreachable(`an evaluation error, not ${r.verdict.kind}`));
/** `Inv`'s CASE in the fixtures' module: where the error is. */
const invFrame = (m: Model): TlaLocation => {
  const lines = readFileSync(path.join(PROJECT_ROOT, RECORDED_DIR, `${m.name}.c`, `${m.name}.tla`), 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith('Inv == '));
  return { module: m.name, startLine: i + 1, startCol: 8, endLine: i + 1, endCol: lines[i]!.length };
};

describe('invariantOn: an evaluation error, as the compiled verifier reports it', () => {
  it('the message and the frames down to the failing expression', () => {
    expect(invariantOn(jobOf(replayNew, 'c'), 'Inv', { x: '1', y: '0' })).toEqual({
      raises: { message: `Attempted to evaluate a CASE with no conditions true.\nline ${invFrame(replayNew).startLine}, col 8 to line ${invFrame(replayNew).startLine}, col ${invFrame(replayNew).endCol} of module TlcReplayNew`, stack: [invFrame(replayNew)] },
    });
  });
  it.each([
    ['holds', { x: '0', y: '0' }, { holds: true }],
    ['does not hold', { x: '0', y: '3' }, { holds: false }],
    ['a value TLC cannot compare (a string against 1): raises', { x: '"a"', y: '0' }, { raises: expect.objectContaining({ message: expect.stringMatching(/^Attempted to check equality of string "a" with non-string/) }) }],
  ] as const)('%s', (_, vars, want) => expect(invariantOn(jobOf(replayNew, 'c'), 'Inv', vars)).toEqual(want));
});

/** An action whose CASE has no arm true in the initial state. */
const actionError = model('ActionError', (m) => {
  const x = m.variable('x', t.int(0, 3), 0);
  m.action('A', {}, () => [set(x, cases([[FALSE(), int(1)]]))]);
  m.config('c', { checkDeadlock: false });
});

describe("the pipeline on TLC's invariant evaluation error after the first state", () => {
  it.each([
    ['its replay met no error: TLC printed no stack', replayNew, undefined],
    ['its replay ended at a state breaking Inv: no stack', replayViolation, undefined],
    ['its replay met an action\'s error: that action\'s stack', replayError, 'A2'],
    ['its replay met an error in the failing action itself: its stack', replayInAction, 'A1b'],
  ] as const)('%s — the stack is replaced by Inv\'s, and the warning says what TLC printed', async (_, m, other) => {
    const theirs = recorded(m);
    const tlcStack = evalError(theirs).stack;
    expect(tlcStack.length > 0).toBe(other !== undefined);
    const r = await runPipeline(m, 'c', { checkers: [standIn(theirs)] });
    const v = evalError(r.results[0]!);
    expect(v.stack).toEqual([invFrame(m)]);
    expect(v.message).toBe(evalError(theirs).message);
    expect(r.results[0]!.counts).toEqual(theirs.counts);
    expect(r.results[0]!.warnings).toEqual([replayStackWarning('Inv', 2, tlcStack.at(-1))]);
    if (other) {
      // TLC's innermost frame: the CASE in the action the replay took.
      const tla = readFileSync(path.join(PROJECT_ROOT, RECORDED_DIR, `${m.name}.c`, `${m.name}.tla`), 'utf8').split('\n');
      const f = tlcStack.at(-1)!;
      expect(tla[f.startLine - 1]!.slice(f.startCol - 1, f.endCol)).toMatch(/^CASE FALSE -> 1$/);
      expect(tla.slice(0, f.startLine).reverse().find((l) => /^\w+ ==/.test(l))).toMatch(new RegExp(`^${other} ==`));
      expect(r.results[0]!.warnings![0]).toContain(`another error's, which it met there first: line ${f.startLine}, col ${f.startCol}`);
    } else expect(r.results[0]!.warnings![0]).toContain('printed none (it met no error there)');
    // Every report locates the failure at Inv's builder call, and says why.
    const text = render('text', { configs: [r.report] }, { color: false, root: PROJECT_ROOT });
    expect(text).toMatch(/\(test\/fixtures\/tlc-replay\.ts:\d+\)\n.*\n\s+> \d+ \|\s+m\.invariant\('Inv'/);
    expect(JSON.parse(render('json', { configs: [r.report] }, { root: PROJECT_ROOT })).configs[0].runs[0].result.warnings).toEqual(r.results[0]!.warnings);
    expect(pageView({ configs: [r.report] }, new SourceFiles(PROJECT_ROOT)).traces[0]!.problem!.failsAt).toBe('while evaluating Inv in state 2');
  });

  it('where it fails, in the HTML report: an invariant\'s error in the last state, an action property\'s on the last step, an action\'s after it', async () => {
    const at = async (m: Model) => pageView({ configs: [(await runPipeline(m, 'c', { backend: 'compiled' })).report] }, new SourceFiles(PROJECT_ROOT)).traces[0]!.problem!.failsAt;
    expect(await at(replayNew)).toBe('while evaluating Inv in state 2');
    expect(await at(successorError('property'))).toBe('while evaluating Small on the step to state 2');
    expect(await at(actionError)).toBe('while evaluating the next step after state 1');
  });

  it('left as it is: the same stack as the compiled verifier\'s, another error than its, an initial state\'s error, another backend, SYMMETRY', async () => {
    const theirs = recorded(replayNew);
    const v = evalError(theirs);
    const same = { ...theirs, verdict: { ...v, stack: [invFrame(replayNew)] } };
    const kept = (await runPipeline(replayNew, 'c', { checkers: [standIn(same)] })).results[0]!;
    expect([kept.verdict, kept.warnings]).toEqual([same.verdict, undefined]);
    // Another error than TLC's (here: TLC's message says so): its frames would point elsewhere.
    const other = { ...theirs, verdict: { ...v, message: 'Evaluating invariant Inv failed. Attempted to apply function: <<>> to argument 1, which is not in the domain of the function.' } };
    const unchanged = (await runPipeline(replayNew, 'c', { checkers: [standIn(other)] })).results[0]!;
    expect([unchanged.verdict, unchanged.warnings]).toEqual([other.verdict, undefined]);
    const initial = { ...theirs, verdict: { ...v, trace: [{ ...v.trace[1]!, index: 1, action: undefined }] } };
    expect((await runPipeline(replayNew, 'c', { checkers: [standIn(initial)] })).results[0]!.verdict).toEqual(initial.verdict);
    expect((await runPipeline(replayNew, 'c', { checkers: [standIn(theirs, 'tla-checker')] })).results[0]!.verdict).toEqual(v);
    const symmetric = model('ReplaySym', (m) => {
      const P = m.modelValues('P');
      const x = m.variable('x', t.int(0, 3), 0);
      m.invariant('Inv', eq(x, 0));
      m.config('c', { constants: { P: ['p1', 'p2'] }, symmetry: [P], invariants: ['Inv'], checkDeadlock: false });
    });
    const symTheirs = { ...theirs, module: 'ReplaySym', verdict: { ...v, trace: v.trace.map((s) => ({ ...s, vars: { x: s.vars.x! } })) } };
    expect((await runPipeline(symmetric, 'c', { checkers: [standIn(symTheirs)] })).results[0]!.warnings).toBeUndefined();
  });

  it('TLC\'s message wraps a long value over lines, a space inside each bracket: still the same error, so the frames are put on', async () => {
    const longValue = model('ReplayLong', (m) => {
      const x = m.variable('x', t.int(0, 1), 0);
      const s = m.variable('s', t.seq(t.int(0, 30000), 30), seqOf(int(1000), ...Array.from({ length: 29 }, (_, i) => int((i + 2) * 1000))));
      m.action('Step', {}, () => [when(eq(x, 0)), set(x, 1)]);
      m.invariant('Inv', implies(eq(x, 1), eq(nth(s, int(30 + 69)), 0)));
      m.config('c', { invariants: ['Inv'], checkDeadlock: false });
    });
    const mine = await runPipeline(longValue, 'c', { backend: 'compiled' });
    const v = evalError(mine.results[0]!);
    expect(v.message).toMatch(/^Evaluating invariant Inv failed\.\nAttempted to access index 99 of tuple\n<<1000, 2000, /);
    // As TLC prints it: the tuple over lines, `<< 1000,\n  2000, … >>`, and no stack (its replay met no error).
    const wrapped = v.message.replace('<<', '<< ').replace(/, /g, ',\n  ').replace('>>', ' >>');
    const theirs: CheckResult = { ...mine.results[0]!, backend: 'tlc', verdict: { ...v, message: wrapped, stack: [] } };
    const r = await runPipeline(longValue, 'c', { checkers: [standIn(theirs)] });
    expect(evalError(r.results[0]!).stack).toEqual(v.stack);
    expect(r.results[0]!.warnings).toEqual([replayStackWarning('Inv', 2, undefined)]);
  });

  it.skipIf(!tlc.found)(`live TLC: the count, and the warning naming A2's error (${tlc.found ? 'TLC found' : tlc.reason})`, async () => {
    const r = await runPipeline(replayError, 'c', { backend: 'tlc' });
    expect(r.results[0]!.counts?.distinct).toBe(2);
    expect(evalError(r.results[0]!).stack).toEqual([invFrame(replayError)]);
    expect(r.results[0]!.warnings).toEqual([replayStackWarning('Inv', 2, evalError(recorded(replayError)).stack.at(-1))]);
  });
});
