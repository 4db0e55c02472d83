/**
 * The two backends on the real models: tla-checker's verdict meets every config's expectation;
 * where TLC is installed, TLC agrees with it (verdict and distinct states) and SANY parses every
 * generated module. Also: finding (or not finding) TLC, timeouts that really stop the checker,
 * and TLC runs that share a directory.
 *
 * The zswap configs (tens of thousands of states, 5-35 s each in tla-checker) are checked cell
 * by cell on both backends in test/zswap.test.ts, not here. State budget: a config of another
 * model whose tla-checker run needs more than T2_CHECKERS_MAX_STATES distinct states (default
 * 300) is reported as skipped, with that reason, in both per-config groups, so the suite stays
 * within its time budget as big models are added. Set T2_CHECKERS_MAX_STATES=0 to check every
 * config to the end.
 */
import { randomBytes } from 'node:crypto';
import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { tempDirs } from './helpers/io.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { meetsExpectation, violatedName } from '../dsl/check/outcome.js';
import { jobFor, runPipeline, type PipelineResult } from '../dsl/pipeline/run.js';
import { stateSpaceConfig } from '../dsl/ir/config-variants.js';
import { cfgFacts } from '../dsl/check/cfg-facts.js';
import type { CheckResult, Verdict } from '../dsl/check/result.js';
import { assert, label, lt, model, set, t, type Model } from '../dsl/index.js';
import type * as ir from '../dsl/ir/nodes.js';
import { runTlaChecker, tlaChecker } from '../dsl/check/tla-checker.js';
import { compiledChecker } from '../dsl/check/compiled/index.js';
import type { Checker } from '../dsl/check/checker.js';
import { closeIdleSessions, TlaCheckerSession } from '../dsl/check/tla-checker-session.js';
import { findJar } from '../dsl/check/tlc-jar.js';
import { findTlc, runTlc, tlcChecker } from '../dsl/check/tlc.js';
import { models } from '../models/index.js';
import { zswapModels } from '../models/zswap/index.js';
import { exampleModels } from '../models/examples/index.js';
import { processesMatching, sany, tlcSkipNote } from './helpers/t2-java.js';

/** Every tla-checker worker thread started in this file, with what happened to it. */
const workers = vi.hoisted(() => [] as { messages: number; exitCode?: number }[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const orig = await importOriginal<typeof import('node:worker_threads')>();
  class RecordingWorker extends orig.Worker {
    constructor(...args: ConstructorParameters<typeof orig.Worker>) {
      super(...args);
      const rec: { messages: number; exitCode?: number } = { messages: 0 };
      workers.push(rec);
      this.on('message', () => { rec.messages++; });
      this.once('exit', (code) => { rec.exitCode = code; });
    }
  }
  return { ...orig, Worker: RecordingWorker };
});

const GENERATED = path.join(PROJECT_ROOT, 'generated');
const tlc = await findTlc();
const NOTE = tlcSkipNote(tlc);
if (!tlc.found) console.log(`checkers.test.ts: TLC tests skipped: ${tlc.reason}`);
/** Small models: one worker, and C1 only (a JIT setting: it cuts JVM CPU time, not what TLC checks). */
const FAST_TLC = { workers: 1, jvmArgs: ['-XX:TieredStopAtLevel=1'] } as const;

// The zswap table has its own cell-by-cell test on both backends (test/zswap.test.ts), the ported
// examples theirs on all three (test/examples.test.ts).
const configs = models.filter((m) => !zswapModels.includes(m) && !exampleModels.includes(m)).flatMap((m) => m.module.configs.map((c) => [m.module.name, c.name, m, c] as const));

const BUDGET = Number(process.env.T2_CHECKERS_MAX_STATES ?? 300);
const budget = BUDGET > 0 ? { maxStates: BUDGET } : {};
const overBudget = (r: CheckResult) => r.verdict.kind === 'crashed' && /MaxStatesExceeded/.test(r.verdict.message);
const overBudgetNote = (what: string) => `${what} needs more than ${BUDGET} states (T2_CHECKERS_MAX_STATES=0 checks it)`;

/** tla-checker's run of each config within the budget, shared by both per-config groups. */
const probes = new Map<string, Promise<PipelineResult>>();
function probe(m: Model, config: ir.Config): Promise<PipelineResult> {
  const key = `${m.name}.${config.name}`;
  if (!probes.has(key)) probes.set(key, runPipeline(m, config.name, { checkers: [tlaChecker], ...budget }));
  return probes.get(key)!;
}

const describeVerdict = (v: Verdict) => `${v.kind}${violatedName(v) ? ` ${violatedName(v)}` : ''}${'message' in v ? `: ${v.message}` : ''}`;

async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
}

const tempDir = tempDirs();

describe('tla-checker verdicts meet every config\'s expectation', () => {
  it('there are configs to check', () => {
    expect(configs.length).toBeGreaterThan(0);
    expect(configs.some(([, , , c]) => c.expect.kind === 'violation')).toBe(true);
    expect(configs.some(([, , , c]) => c.expect.kind === 'pass')).toBe(true);
  });

  it.for(configs)('%s / %s', async ([, , m, config], ctx) => {
    const o = await probe(m, config);
    expect(o.results).toHaveLength(1);
    const r = o.results[0]!;
    expect(r.backend).toBe('tla-checker');
    if (overBudget(r)) ctx.skip(overBudgetNote('checking this config'));
    expect(meetsExpectation(r.verdict, config.expect), `${describeVerdict(r.verdict)}; expected ${JSON.stringify(config.expect)}`).toBe(true);
    expect(o.asExpected).toBe(true);
    expect(o.disagreement).toBeUndefined();
    expect(r.counts).toBeDefined();
    if (r.verdict.kind === 'passed') expect(r.counts!.distinct).toBeGreaterThan(0);
    if (config.expect.kind === 'violation') expect('trace' in r.verdict && r.verdict.trace.length > 0).toBe(true);
  });
});

describe.skipIf(!tlc.found)(`TLC${NOTE}`, () => {
  it.for(configs)('%s / %s: TLC gives the same verdict and the same distinct-state count', async ([, , m, config], ctx) => {
    if (!tlc.found) return;
    // Both backends must explore everything: skip what tla-checker cannot finish within the budget.
    const probed = await probe(m, config);
    if (overBudget(probed.results[0]!)) ctx.skip(overBudgetNote('checking this config'));
    if (config.expect.kind !== 'pass' && BUDGET > 0) {
      const space = await tlaChecker.check(jobFor(probed.artifacts, m.module, stateSpaceConfig(config)), budget);
      if (overBudget(space)) ctx.skip(overBudgetNote('its reachable state space'));
    }
    const o = await runPipeline(m, config.name, { checkers: [tlcChecker, tlaChecker], ...FAST_TLC });
    const [t, e] = o.results;
    expect(t!.backend).toBe('tlc');
    expect(e!.backend).toBe('tla-checker');
    expect(describeVerdict(t!.verdict)).toBe(describeVerdict(e!.verdict));
    expect(meetsExpectation(t!.verdict, config.expect), describeVerdict(t!.verdict)).toBe(true);
    if (t!.verdict.kind === 'passed') {
      // Passing configs: each run's own count, explored to the end by both.
      expect(t!.counts?.distinct).toBeGreaterThan(0);
      expect(t!.counts?.distinct).toBe(e!.counts?.distinct);
    }
    // Violating configs stop at search-order-dependent points: the pipeline compared the whole
    // state spaces (invariants off, on both) and reports any difference as `disagreement`.
    expect(o.disagreement).toBeUndefined();
    expect(o.asExpected).toBe(true);
  });

  // An Assert lives in the actions, so no cfg can switch it off for a recount: for assertion
  // verdicts the pipeline compares verdicts only (it once reported a false count disagreement).
  it('a config whose expected violation is an assertion: both backends agree (no disagreement)', async () => {
    if (!tlc.found) return;
    const m = model('T2Assert', (b) => {
      const x = b.variable('x', t.int(0, 3), 0);
      b.process('Stepper', 'stepper', {}, () => [
        label('one'), set(x, 1),
        label('two'), set(x, 2),
        label('three'), assert('XBelowTwo', lt(x, 2)),
      ]);
      b.config('c', { checkDeadlock: false, expect: { violates: 'XBelowTwo' } });
    });
    const o = await runPipeline(m, 'c', { checkers: [tlcChecker, tlaChecker], ...FAST_TLC });
    expect(o.results.map((r) => [r.backend, r.verdict.kind, violatedName(r.verdict)])).toEqual([['tlc', 'assert', 'XBelowTwo'], ['tla-checker', 'assert', 'XBelowTwo']]);
    expect(o.disagreement).toBeUndefined();
    expect(o.asExpected).toBe(true);
  });

  it('SANY parses every generated module (exit 0), run from a temp copy', async () => {
    if (!tlc.found) return;
    const dir = await tempDir('t2-sany-');
    await cp(GENERATED, dir, { recursive: true });
    const before = (await readdir(GENERATED)).sort();
    const modules = (await readdir(dir)).filter((f) => f.endsWith('.tla')).sort();
    expect(modules.map((f) => f.replace(/\.tla$/, ''))).toEqual(models.map((m) => m.name).sort());
    // One JVM for all modules: SANY stops at the first module that fails and exits non-zero.
    const r = await sany(tlc, dir, modules);
    expect(r.exitCode, r.output).toBe(0);
    for (const f of modules) expect(r.output).toContain(`Semantic processing of module ${f.replace(/\.tla$/, '')}\n`);
    expect((await readdir(GENERATED)).sort()).toEqual(before);
  });

  it('SANY run that way fails when any one module does not parse (so the check above can fail)', async () => {
    if (!tlc.found) return;
    const dir = await tempDir('t2-sany-bad-');
    await cp(path.join(GENERATED, 'MutexCounter.tla'), path.join(dir, 'MutexCounter.tla'));
    // `/\` and `\/` mixed without parentheses: a precedence conflict.
    await writeFile(path.join(dir, 'T2Bad.tla'), '---- MODULE T2Bad ----\nVARIABLE x\nFoo == (x /\\ x \\/ x)\n====\n');
    const r = await sany(tlc, dir, ['MutexCounter.tla', 'T2Bad.tla']);
    expect(r.output).toContain('Semantic processing of module MutexCounter');
    expect(r.exitCode).not.toBe(0);
  });
});

describe('cross-checking two backends (no TLC needed: tla-checker and the compiled verifier)', () => {
  // An invariant stops the search at x = 2; an Assert would fail at x = 3. The recount of the
  // whole state space switches invariants and asserts off, so it explores every state on both
  // (before asserts were switchable, the Assert stopped each recount at a search-order-dependent
  // point and the pipeline reported 25137 vs 0 states).
  const m = model('T2AssertBehindInvariant', (b) => {
    const x = b.variable('x', t.int(0, 4), 0);
    b.process('Stepper', 'stepper', {}, () => [
      label('one'), set(x, 1),
      label('two'), set(x, 2),
      label('three'), set(x, 3),
      label('four'), assert('XBelowThree', lt(x, 3)),
    ]);
    b.invariant('XBelowTwo', lt(x, 2));
    b.config('c', { checkDeadlock: false, invariants: ['XBelowTwo'], expect: { violates: 'XBelowTwo' } });
  });

  it('an Assert behind the violated invariant: the recounts run to the end and agree', async () => {
    const o = await runPipeline(m, 'c', { checkers: [tlaChecker, compiledChecker] });
    expect(o.results.map((r) => [r.backend, violatedName(r.verdict)])).toEqual([['tla-checker', 'XBelowTwo'], ['compiled', 'XBelowTwo']]);
    expect(o.disagreement).toBeUndefined();
    expect(o.asExpected).toBe(true);
  });

  it('the recount has every assert off: it passes with all five pc values, on both backends', async () => {
    const o = await runPipeline(m, 'c', { checkers: [tlaChecker, compiledChecker] });
    const space = jobFor(o.artifacts, m.module, stateSpaceConfig(o.config, m.module));
    expect(space.cfg).toContain('AssertsOff = {"XBelowThree"}');
    for (const c of [tlaChecker, compiledChecker]) {
      const r = await c.check(space);
      expect(r.verdict.kind, c.name).toBe('passed');
      expect(r.counts?.distinct, c.name).toBe(5); // one, two, three, four, Done
    }
  });

  it('recounts that disagree are reported as a disagreement', async () => {
    // A checker that miscounts the recount (one state too many).
    const miscount: Checker = { ...compiledChecker, check: async (job, o) => {
      const r = await compiledChecker.check(job, o);
      return job.config.invariants.length ? r : { ...r, counts: { ...r.counts!, distinct: r.counts!.distinct + 1 } };
    } };
    const o = await runPipeline(m, 'c', { checkers: [tlaChecker, miscount] });
    expect(o.disagreement).toBe('tla-checker found 5 reachable states (invariants and asserts off), compiled 6');
    expect(o.asExpected).toBe(false);
  });

  it('recounts that disagree on the verdict are reported as a disagreement', async () => {
    const blind: Checker = { ...compiledChecker, check: async (job, o) => {
      const r = await compiledChecker.check(job, o);
      return job.config.invariants.length ? r : { ...r, verdict: { kind: 'deadlock', trace: [] } };
    } };
    const o = await runPipeline(m, 'c', { checkers: [tlaChecker, blind] });
    expect(o.disagreement).toBe('with invariants and asserts off, tla-checker says passed, compiled says deadlock');
  });
});

describe('finding TLC', () => {
  it('a missing java: found:false, and the reason names the java command', async () => {
    // TLA2TOOLS_JAR points at an existing file so the lookup gets as far as running java.
    const r = await findTlc({ ...process.env, TLA2TOOLS_JAR: path.join(PROJECT_ROOT, 'package.json'), JAVA: '/nonexistent/java' });
    expect(r.found).toBe(false);
    if (r.found) return;
    expect(r.reason).toContain('/nonexistent/java');
    expect(r.reason).toMatch(/-version/);
  });

  it('TLA2TOOLS_JAR set to a missing path: found:false, and the reason names that path', async () => {
    const missing = '/nonexistent/t2/tla2tools.jar';
    const jar = findJar({ ...process.env, TLA2TOOLS_JAR: missing });
    expect(jar.found).toBe(false);
    if (!jar.found) expect(jar.reason).toContain(missing);
    const lookup = await findTlc({ ...process.env, TLA2TOOLS_JAR: missing });
    expect(lookup.found).toBe(false);
    if (!lookup.found) expect(lookup.reason).toContain(missing);
  });

  it('no TLA2TOOLS_JAR and an empty cache: found:false, and the reason names the cache path', async () => {
    const cache = await tempDir('t2-cache-');
    const env: NodeJS.ProcessEnv = { ...process.env, XDG_CACHE_HOME: cache };
    delete env.TLA2TOOLS_JAR;
    const jar = findJar(env);
    expect(jar.found).toBe(false);
    if (!jar.found) expect(jar.reason).toContain(path.join(cache, 'zswap-tla', 'tla2tools.jar'));
  });

  it('TLA2TOOLS_JAR set to an existing file is used, as an absolute path', () => {
    const jar = findJar({ ...process.env, TLA2TOOLS_JAR: 'package.json' });
    // Relative to the working directory (vitest runs from the project root).
    expect(jar).toEqual({ found: true, jar: path.resolve('package.json'), source: 'TLA2TOOLS_JAR' });
  });
});

/** The generated MutexCounter module and its first cfg: a small spec for worker tests. */
async function mutexCounterFiles() {
  const m = models.find((x) => x.name === 'MutexCounter') ?? models[0]!;
  const [spec, cfg] = await Promise.all([
    readFile(path.join(GENERATED, `${m.name}.tla`), 'utf8'),
    readFile(path.join(GENERATED, `${m.name}.${m.module.configs[0]!.name}.cfg`), 'utf8'),
  ]);
  return { m, spec, cfg };
}

describe('timeouts', () => {
  it('tla-checker past its timeoutMs returns a timeout verdict and its worker is terminated; a warm worker serves the next check', async () => {
    const { m, spec, cfg } = await mutexCounterFiles();
    await closeIdleSessions();

    // Control: a normal run posts its result; its worker stays, warm, for the next check.
    const n0 = workers.length;
    const ok = await runTlaChecker(spec, cfg, cfgFacts(m.module.configs[0]!), { module: m.name, config: 'control' });
    expect(ok.verdict.kind).not.toBe('timeout');
    expect(workers.length).toBe(n0 + 1);
    expect(workers[n0]!.messages).toBe(1);
    expect(workers[n0]!.exitCode, 'kept for the next check').toBeUndefined();

    // An unbounded counter never finishes (a warm worker checks MutexCounter within 1 ms).
    const forever = '---- MODULE Forever ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x\' = x + 1\nSpec == Init /\\ [][Next]_x\n====\n';
    const started = Date.now();
    const r = await runTlaChecker(forever, 'SPECIFICATION Spec\n', cfgFacts(m.module.configs[0]!), { module: 'Forever', config: 'timeout' }, { timeoutMs: 200 });
    expect(r.verdict).toEqual({ kind: 'timeout', afterMs: 200 });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(workers.length, 'the timed-out check ran in the warm worker').toBe(n0 + 1);
    const w = workers[n0]!;
    expect(await until(() => w.exitCode !== undefined, 5_000), 'the worker thread exits').toBe(true);
    expect(w.messages, 'it was stopped before it could answer').toBe(1);

    // The terminated worker is not reused: the next check starts a new one.
    const again = await runTlaChecker(spec, cfg, cfgFacts(m.module.configs[0]!), { module: m.name, config: 'control' });
    expect(again.verdict).toEqual(ok.verdict);
    expect(workers.length).toBe(n0 + 2);
    expect(await closeIdleSessions()).toBe(1);
    expect(await until(() => workers[n0 + 1]!.exitCode !== undefined, 5_000)).toBe(true);
  });

  it('a tla-checker session answers many calls from one worker; a call past its timeout ends the session and the worker', async () => {
    const { spec, cfg } = await mutexCounterFiles();
    const n = workers.length;
    const session = new TlaCheckerSession();
    const replies = await Promise.all([1, 2, 3].map(() => session.call('explore_init', [spec, cfg, '{}'], 30_000)));
    for (const r of replies) expect(r?.ok && (JSON.parse(r.json) as { ok: boolean }).ok).toBe(true);
    expect(workers.length, 'one worker for every call').toBe(n + 1);
    expect(workers[n]!.messages).toBe(3);
    // An exhaustive check of an unbounded counter never finishes (a small model could answer
    // before a loaded machine fires a 1 ms timer): the session ends, later calls answer nothing.
    const forever = '---- MODULE Forever ----\nEXTENDS Naturals\nVARIABLE x\nInit == x = 0\nNext == x\' = x + 1\nSpec == Init /\\ [][Next]_x\n====\n';
    expect(await session.call('check_spec_with_options', [forever, JSON.stringify({ cfg_source: 'SPECIFICATION Spec\n', max_states: 2 ** 31 - 1, max_depth: 2 ** 31 - 1 })], 200)).toBeUndefined();
    expect(await until(() => workers[n]!.exitCode !== undefined, 5_000), 'the worker thread exits').toBe(true);
    expect(await session.call('explore_init', [spec, cfg, '{}'], 30_000)).toBeUndefined();
    await session.close();
  });

  it.skipIf(!tlc.found)(`runTlc with timeoutMs: 300 returns a timeout verdict and leaves no TLC process${NOTE}`, async () => {
    if (!tlc.found) return;
    const dir = await tempDir('t2-tlc-timeout-');
    // A counter with no bound: TLC would run until killed.
    await writeFile(path.join(dir, 'T2Forever.tla'), [
      '---- MODULE T2Forever ----', 'EXTENDS Naturals', 'VARIABLE x', 'Init == x = 0', "Next == x' = x + 1", 'Spec == Init /\\ [][Next]_x', '====', '',
    ].join('\n'));
    const cfgFile = `t2-forever-${randomBytes(6).toString('hex')}.cfg`;
    await writeFile(path.join(dir, cfgFile), 'SPECIFICATION Spec\n');

    let seen = false;
    let done = false;
    const run = runTlc(tlc, dir, 'T2Forever', cfgFile, 'forever', { ...FAST_TLC, timeoutMs: 300 }).finally(() => { done = true; });
    while (!done) {
      if (processesMatching(cfgFile).length) seen = true;
      await new Promise((r) => setTimeout(r, 25));
    }
    const r = await run;
    expect(r.verdict).toEqual({ kind: 'timeout', afterMs: 300 });
    expect(seen, 'the TLC process was visible while it ran (so the check below can see one)').toBe(true);
    expect(processesMatching(cfgFile)).toEqual([]);
    expect(processesMatching('tlc2.TLC').filter((p) => p.cmd.includes(dir))).toEqual([]);
  });
});

describe.skipIf(!tlc.found)(`concurrent TLC runs${NOTE}`, () => {
  it('two runTlc calls on the same module in parallel both succeed, and generated/ gets no states/ directory', async () => {
    if (!tlc.found) return;
    const before = (await readdir(GENERATED)).sort();
    const racy = models.find((m) => m.name === 'MutexCounter')!.module.configs.find((c) => c.name === 'racy')!;
    // Watch our own TLC children while both run: each must have its own -metadir.
    const metadirs = new Set<string>();
    let maxTogether = 0;
    let done = false;
    const runs = Promise.all([1, 2].map(() => runTlc(tlc, GENERATED, 'MutexCounter', 'MutexCounter.racy.cfg', 'racy', FAST_TLC))).finally(() => { done = true; });
    while (!done) {
      const mine = processesMatching('tlc2.TLC').filter((p) => p.ppid === process.pid && p.cmd.includes('MutexCounter.racy.cfg'));
      maxTogether = Math.max(maxTogether, mine.length);
      for (const p of mine) metadirs.add(/-metadir (\S+)/.exec(p.cmd)?.[1] ?? '?');
      await new Promise((r) => setTimeout(r, 25));
    }
    const rs = await runs;
    expect(maxTogether, 'the two runs overlapped').toBe(2);
    expect(metadirs.size).toBe(2);
    for (const d of metadirs) {
      expect(path.isAbsolute(d) && !d.startsWith(GENERATED), d).toBe(true);
    }
    for (const r of rs) {
      expect(describeVerdict(r.verdict)).toBe('invariant NoLostUpdate');
      expect(meetsExpectation(r.verdict, racy.expect)).toBe(true);
      // Each run read its own JSON trace (it carries the action parameters the -tool text lacks).
      const trace = 'trace' in r.verdict ? r.verdict.trace : [];
      expect(trace.length).toBeGreaterThan(1);
      for (const s of trace.slice(1)) expect(s.action?.params?.self, JSON.stringify(s.action)).toBeDefined();
    }
    const after = (await readdir(GENERATED)).sort();
    expect(after).not.toContain('states');
    expect(after).toEqual(before);
  });
});
