/**
 * Covers (`m.cover`): a situation some reachable state must reach. The compiled verifier watches
 * them in its one search; TLC and tla-checker decide them as invariants `~C` (check/covers.ts).
 * All three must agree — reached with a shortest witness, unreached (the config fails, at the
 * m.cover line), or undecided when the search stopped first — and every report must show it.
 * Step coverage (map/coverage.ts) counts the successors of each step on the compiled verifier.
 */
import { describe, expect, it } from 'vitest';
import type { Checker } from '../dsl/check/checker.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import { coverJob, UNREACHED_PREFIX } from '../dsl/check/covers.js';
import { compareCovers } from '../dsl/check/outcome.js';
import type { CheckResult } from '../dsl/check/result.js';
import { tlaChecker } from '../dsl/check/tla-checker.js';
import { findTlc, tlcChecker } from '../dsl/check/tlc.js';
import { emptySeq, eq, head, label, lt, model, plus, set, t, when } from '../dsl/index.js';
import { stepCoverage, stepText, unreachedSteps } from '../dsl/map/coverage.js';
import { artifactsOf, jobFor, runPipeline } from '../dsl/pipeline/run.js';
import { render } from '../dsl/report/render.js';
import { coverageText } from '../dsl/cli/check-run.js';
import { pageView } from '../dsl/report/html/view.js';
import { SourceFiles } from '../dsl/report/code-frame.js';
import { coverCell, matrixMarkdown } from '../dsl/report/matrix.js';
import '../dsl/testing/matchers.js';
import { lineOf } from './helpers/locate.js';
import { PROJECT_ROOT } from './helpers/root.js';

const tlc = await findTlc();
const FILE = 'test/covers.test.ts';
const line = (needle: string) => lineOf(FILE, needle);

// x counts 0, 1, 2 and stops: ReachesTwo is reached after two steps (a 3-state witness), ReachesThree never.
const counter = model('CoverCounter', (b) => {
  const x = b.variable('x', t.int(0, 3), 0);
  b.action('Inc', {}, () => [when(lt(x, 2)), set(x, plus(x, 1))]);
  b.invariant('BelowTwo', lt(x, 2));
  b.cover('ReachesTwo', eq(x, 2));
  b.cover('ReachesThree', eq(x, 3));
  b.config('reached', { invariants: [], covers: ['ReachesTwo'], checkDeadlock: false });
  b.config('unreached', { invariants: [], checkDeadlock: false });
  b.config('violated', { checkDeadlock: false, expect: { violates: 'BelowTwo' } });
});

// A cover whose evaluation fails (Head of the empty sequence): never reached, never unreached.
const broken = model('CoverBroken', (b) => {
  const q = b.variable('q', t.seq(t.int(0, 1), 1), emptySeq(t.int(0, 1)));
  const y = b.variable('y', t.int(0, 1), 0);
  b.action('Flip', {}, () => [when(eq(y, 0)), set(y, 1)]);
  b.cover('HeadIsOne', eq(head(q), 1));
  b.cover('Flipped', eq(y, 1));
  b.config('c', { checkDeadlock: false });
});

// A process whose last step waits on what never holds: step 'never' is unreachable.
const stuck = model('CoverStuck', (b) => {
  const x = b.variable('x', t.int(0, 2), 0);
  b.process('P', 'p', {}, () => [
    label('first'), set(x, 1),
    label('wait'), when(eq(x, 2)),
    label('never'), set(x, 0),
  ]);
  b.config('c', { checkDeadlock: false });
});

type Status = readonly (readonly [string, string, number?])[];
/** [name, status, witness length] of each cover of a result, in config order. */
const statuses = (r: CheckResult): Status => (r.covers ?? []).map((c) => (c.witness ? [c.name, c.status, c.witness.length] as const : [c.name, c.status] as const));

const backends: readonly (readonly [string, Checker, boolean])[] = [
  ['compiled', compiledChecker, true], ['tla-checker', tlaChecker, true], ['tlc', tlcChecker, tlc.found],
];
/**
 * TLC: the config whose covers take the method's every branch (a reached one, then the last,
 * exhaustive run for the unreached one): three JVM starts. The other cases are tla-checker's
 * runs of the same method (check/covers.ts), and would cost TLC 10-20 s each here.
 */
const TLC_CASES = new Set(['unreached']);
/** Small model: C1 only (a JIT setting: it cuts JVM CPU time, not what TLC checks). */
const FAST = { workers: 1, jvmArgs: ['-XX:TieredStopAtLevel=1'] } as const;
/** Each backend decides its own covers (by default a passing TLC or tla-checker run has the compiled search decide them). */
const OWN = { ...FAST, covers: 'own' } as const;

describe.each(backends)('covers on %s', (name, checker, found) => {
  const cases: readonly { config: string; asExpected: boolean; covers: Status }[] = [
    { config: 'reached', asExpected: true, covers: [['ReachesTwo', 'reached', 3]] },
    { config: 'unreached', asExpected: false, covers: [['ReachesTwo', 'reached', 3], ['ReachesThree', 'unreached']] },
    // The compiled search watched the covers up to the violation (x = 2 is the violating state);
    // the invariant method runs only after a pass.
    { config: 'violated', asExpected: true, covers: name === 'compiled' ? [['ReachesTwo', 'reached', 3], ['ReachesThree', 'undecided']] : [['ReachesTwo', 'undecided'], ['ReachesThree', 'undecided']] },
  ];
  const mine = name === 'tlc' ? cases.filter((c) => TLC_CASES.has(c.config)) : cases;
  it.skipIf(!found).for(mine)(`$config${found ? '' : ` (skipped: ${'reason' in tlc ? tlc.reason : ''})`}`, async ({ config, asExpected, covers }) => {
    const o = await runPipeline(counter, config, { checkers: [checker], ...OWN });
    const r = o.results[0]!;
    expect(statuses(r)).toEqual(covers);
    expect(o.asExpected).toBe(asExpected);
    const explained = o.report.runs[0]!.explanation.covers!;
    for (const c of explained) expect(c.dsl?.line, c.name).toBe(line(`b.cover('${c.name}'`));
    // A witness ends in a state where the cover holds, and starts in the initial one.
    for (const c of r.covers!.filter((k) => k.witness)) {
      expect(c.witness!.at(-1)!.vars.x).toBe('2');
      expect(c.witness![0]!.vars.x).toBe('0');
      expect(c.witness!.slice(1).map((s) => s.action?.name)).toEqual(['Inc', 'Inc']);
    }
    for (const c of r.covers!.filter((k) => k.status === 'undecided')) expect(c.reason).toMatch(/stopped first, at the violation of BelowTwo/);
  });

  it.skipIf(!found || name === 'compiled')('by default, a passing run has its covers decided by one compiled search, and says so', async () => {
    const o = await runPipeline(counter, 'unreached', { checkers: [checker], ...FAST });
    expect(o.results[0]!.covers!.map((c) => [c.name, c.status, c.decidedBy, c.witness?.length])).toEqual(
      (await runPipeline(counter, 'unreached', { checkers: [compiledChecker] })).results[0]!.covers!.map((c) => [c.name, c.status, 'compiled', c.witness?.length]));
    expect(render('text', { configs: [o.report] }, { root: PROJECT_ROOT, color: false, width: 120 })).toContain('covers reached: ReachesTwo (witness: 3 states, found by compiled)');
  });

  it.skipIf(!found || name === 'tlc')('a cover that cannot be evaluated is undecided, saying why; the others are still decided', async () => {
    const o = await runPipeline(broken, 'c', { checkers: [checker], ...OWN });
    const [headIsOne, flipped] = o.results[0]!.covers!;
    expect(headIsOne!.status).toBe('undecided');
    // Each backend words the evaluation error its own way; each names Head / the empty sequence.
    expect(headIsOne!.reason).toMatch(name === 'compiled' ? /evaluating it failed: .*Head/ : /its run on .* ended without deciding it: evaluation error/);
    if (name === 'compiled') expect(flipped).toMatchObject({ status: 'reached' });
    expect(o.asExpected).toBe(true);
  });
});

describe('the invariant method (check/covers.ts)', () => {
  it('a cover job appends ~C for each cover after the module (every location stays) and checks only those', () => {
    const m = counter.module;
    const written = m.configs.find((c) => c.name === 'unreached')!;
    const job = jobFor(artifactsOf(counter, {}), m, written);
    const cj = coverJob(job, ['ReachesTwo', 'ReachesThree']);
    expect(cj.tla.startsWith(job.tla.slice(0, job.tla.lastIndexOf('\n====') + 1))).toBe(true);
    expect(cj.tla).toMatch(new RegExp(`\\n${UNREACHED_PREFIX}ReachesTwo == ~ReachesTwo\\n\\n${UNREACHED_PREFIX}ReachesThree == ~ReachesThree\\n\\n=+\\n$`));
    const invariants = cj.cfg.split('\n').filter((l) => l.startsWith('INVARIANT'));
    expect(invariants).toEqual([`INVARIANT ${UNREACHED_PREFIX}ReachesTwo`, `INVARIANT ${UNREACHED_PREFIX}ReachesThree`]);
    expect(cj.cfg).toMatch(/CHECK_DEADLOCK FALSE/);
    expect(cj.config.covers).toEqual([]);
    // The cfg of the config itself names its covers as comments only: TLC has no cover statement.
    expect(job.cfg).toMatch(/\\\* COVER ReachesThree \(must be reachable; checked by zswap-tla, not by this file\)/);
  });

  it('backends that decided a cover differently disagree; undecided is no disagreement', () => {
    const base = { module: 'M', config: 'c', verdict: { kind: 'passed' as const }, durationMs: 0 };
    const a: CheckResult = { ...base, backend: 'compiled', covers: [{ name: 'X', status: 'reached', witness: [] }, { name: 'Y', status: 'undecided', reason: 'r' }] };
    const b: CheckResult = { ...base, backend: 'tlc', covers: [{ name: 'X', status: 'unreached' }, { name: 'Y', status: 'unreached' }] };
    const c: CheckResult = { ...base, backend: 'tla-checker', covers: [{ name: 'X', status: 'undecided', reason: 'r' }, { name: 'Y', status: 'reached', witness: [] }] };
    expect(compareCovers([a, b])).toBe('compiled says cover X is reached, tlc says unreached');
    expect(compareCovers([a, c])).toBeUndefined();
    expect(compareCovers([b, c])).toBe('tlc says cover Y is unreached, tla-checker says reached');
  });

  it('compiled and tla-checker in one pipeline run agree on the covers', async () => {
    const o = await runPipeline(counter, 'unreached', { checkers: [compiledChecker, tlaChecker] });
    expect(o.disagreement).toBeUndefined();
    expect(o.results.map(statuses)).toEqual([statuses(o.results[0]!), statuses(o.results[0]!)]);
  });

  it.each([
    ['covers: false', { covers: false }, /covers were not checked on tla-checker \(--no-covers\)/],
    ['a simulation', { simulate: { seed: 1n, traces: 2, depth: 3 } }, /a random simulation does not decide covers/],
  ] as const)('%s leaves them undecided, saying why (and the config is not failed for it)', async (_what, opts, reason) => {
    const checker = 'simulate' in opts ? compiledChecker : tlaChecker;
    const o = await runPipeline(counter, 'unreached', { checkers: [checker], ...opts });
    expect(o.results[0]!.covers!.map((c) => c.status)).toEqual(['undecided', 'undecided']);
    for (const c of o.results[0]!.covers!) expect(c.reason).toMatch(reason);
    expect(o.asExpected).toBe(true);
  });
});

describe('reports show covers', async () => {
  const o = await runPipeline(counter, 'unreached', { checkers: [compiledChecker] });
  const report = { configs: [o.report] };
  const at = line("b.cover('ReachesThree'");
  const opts = { root: PROJECT_ROOT, color: false, width: 120 };

  it('text: the reached ones with their witness lengths, the unreached one at its line with a code frame', () => {
    const text = render('text', report, opts);
    expect(text).toMatch(/^FAIL CoverCounter\/unreached/m);
    expect(text).toContain('       covers reached: ReachesTwo (witness: 3 states)\n');
    expect(text).toContain(`       cover ReachesThree unreached — defined at ${FILE}:${at}: no reachable state satisfies it\n`);
    expect(text).toContain("b.cover('ReachesThree', eq(x, 3));");
  });

  it('JSON: the result and the explanation carry each cover', () => {
    const json = JSON.parse(render('json', report, opts)) as { configs: { asExpected: boolean; runs: { result: CheckResult; explanation: { covers: { name: string; status: string; dsl: { line: number }; witness?: unknown[] }[] } }[] }[] };
    const run = json.configs[0]!.runs[0]!;
    expect(json.configs[0]!.asExpected).toBe(false);
    expect(run.result.covers!.map((c) => c.status)).toEqual(['reached', 'unreached']);
    expect(run.explanation.covers.map((c) => [c.name, c.status, c.dsl.line, c.witness?.length])).toEqual([['ReachesTwo', 'reached', line("b.cover('ReachesTwo'"), 3], ['ReachesThree', 'unreached', at, undefined]]);
  });

  it('SARIF and GitHub: one CoverUnreached error at the m.cover line', () => {
    const sarif = JSON.parse(render('sarif', report, opts)) as { runs: { tool: { driver: { rules: { id: string; name: string }[] } }; results: { ruleId: string; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
    const results = sarif.runs.flatMap((r) => r.results);
    expect(results.map((r) => [r.ruleId, r.level, r.locations[0]!.physicalLocation.artifactLocation.uri, r.locations[0]!.physicalLocation.region.startLine])).toEqual([['cover-unreached', 'error', FILE, at]]);
    expect(results[0]!.message.text).toBe('CoverCounter/unreached (compiled): cover ReachesThree unreached — no reachable state satisfies it');
    expect(sarif.runs[0]!.tool.driver.rules.map((r) => r.name)).toEqual(['CoverUnreached']);
    expect(render('github', report, opts)).toMatch(new RegExp(`^::error file=${FILE.replace('.', '\\.')},line=${at},.*cover ReachesThree unreached`, 'm'));
  });

  it('Markdown: the verdict row says why the pass is not one, and a list gives every cover', () => {
    const md = render('markdown', report, opts);
    expect(md).toContain('| ❌ expected pass, found cover ReachesThree unreached |');
    expect(md).toMatch(new RegExp(`^- CoverCounter/unreached — compiled: reached: \`ReachesTwo\` \\(3 states\\); ❌ \`ReachesThree\` unreached — defined at \\[${FILE}:${at}\\]`, 'm'));
  });

  it('HTML: the matrix cell counts the covers and names the unreached one', () => {
    const view = pageView(report, new SourceFiles(PROJECT_ROOT));
    expect(view.matrix.cells[0]!.runs[0]!.covers).toBe(`covers: 1 of 2 reached; ReachesThree unreached (${FILE}:${at})`);
  });

  it('the verdict matrix: a column per cover', () => {
    const cells = new Map([['TypeOK', o.results[0]!]]);
    expect(matrixMarkdown([{ label: 'row', cells }], ['TypeOK']).split('\n').slice(0, 3)).toEqual([
      '|  | TypeOK | cover: ReachesTwo | cover: ReachesThree |', '| --- | :---: | :---: | :---: |', '| row | holds | reached 3 | ✗ unreached |',
    ]);
    expect(coverCell({ name: 'Z', status: 'undecided', reason: 'r' })).toBe('?');
    expect(coverCell(undefined)).toBe('—');
  });

  it('toPass fails on an unreached cover, naming it', async () => {
    await expect(counter).toPass({ config: 'reached', backend: 'compiled' });
    await expect(expect(counter).toPass({ config: 'unreached', backend: 'compiled' })).rejects.toThrow(/CoverCounter\/unreached: compiled left cover ReachesThree unreached/);
  });
});

describe('step coverage', () => {
  it('the compiled verifier counts the successors of each step; a step never taken is named at its label', async () => {
    const o = await runPipeline(stuck, 'c', { checkers: [compiledChecker], coverage: true });
    expect(stepCoverage(stuck.module, o.results, o.artifacts.sourceMap)!.map((s) => [s.action, s.generated])).toEqual([['P_first', 1], ['P_wait', 0], ['P_never', 0]]);
    // 'wait' is enabled never (its guard is false): it generates nothing, and 'never' is never reached.
    expect(unreachedSteps(stuck.module, o.results)!.map(stepText)).toEqual([
      `step 'wait' of P (${FILE}:${line("label('wait')")})`, `step 'never' of P (${FILE}:${line("label('never')")})`,
    ]);
  });

  it('check --coverage: per model, the steps taken and each one never taken at its DSL line; a run that stopped early is said to count less', async () => {
    const o = await runPipeline(stuck, 'c', { checkers: [compiledChecker], coverage: true });
    expect(coverageText([o])).toBe([
      'step coverage of CoverStuck: 1 of 3 steps taken in the 1 config checked',
      `  never taken: step 'wait' of P (${FILE}:${line("label('wait')")})`,
      `  never taken: step 'never' of P (${FILE}:${line("label('never')")})`,
      '',
    ].join('\n'));
    const runs = await Promise.all(['reached', 'violated'].map((c) => runPipeline(counter, c, { checkers: [compiledChecker], coverage: true })));
    expect(coverageText(runs)).toBe('step coverage of CoverCounter: 1 of 1 steps taken in the 2 configs checked (1 stopped early, at what they found: their counts cover only the states explored before)\n');
    const uncounted = await runPipeline(counter, 'reached', { checkers: [tlaChecker] });
    expect(coverageText([uncounted])).toBe('step coverage of CoverCounter: not counted (tla-checker did not count steps; compiled and tlc do)\n');
  });

  it.skipIf(!tlc.found)(`TLC (-coverage) counts the same successors per step as the compiled verifier${tlc.found ? '' : ` (skipped: ${'reason' in tlc ? tlc.reason : ''})`}`, async () => {
    const o = await runPipeline(stuck, 'c', { checkers: [tlcChecker, compiledChecker], coverage: true, ...FAST });
    const [onTlc, onCompiled] = o.results.map((r) => stepCoverage(stuck.module, [r])!.map((s) => [s.action, s.generated]));
    expect(onTlc).toEqual([['P_first', 1], ['P_wait', 0], ['P_never', 0]]);
    expect(onCompiled).toEqual(onTlc);
  });

  it('summed over configs; unknown when no run counted', async () => {
    const runs = await Promise.all(['reached', 'violated'].map((c) => runPipeline(counter, c, { checkers: [compiledChecker], coverage: true })));
    // Two successors of Inc in the full search, one before the violation (x = 2 is the first state violating BelowTwo).
    expect(stepCoverage(counter.module, runs.flatMap((r) => r.results))!.map((s) => [s.action, s.generated])).toEqual([['Inc', 4]]);
    expect(stepCoverage(counter.module, (await runPipeline(counter, 'reached', { checkers: [compiledChecker] })).results)).toBeUndefined();
  });
});
