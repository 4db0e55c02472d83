/**
 * The peer models (models/peer) against their PlusCal originals (test/fixtures/pcal).
 *
 * Always: every peer config meets its expectation on tla-checker, and every config has a PlusCal
 * fixture with the same steps. With TLC: each fixture is translated with pcal.trans, TLC checks
 * the translation and the DSL version, and they must agree on the verdict while the DSL version
 * has no more distinct states (for violating configs both are counted with invariants off, over
 * the whole state space). The numbers are printed and written to .tmp/peer-counts.json.
 */
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import { compile } from '../dsl/compile.js';
import { meetsExpectation, violatedName } from '../dsl/check/outcome.js';
import { emitCfg } from '../dsl/emit/cfg.js';
import { stateSpaceConfig } from '../dsl/ir/config-variants.js';
import { jobFor, runPipeline } from '../dsl/pipeline/run.js';
import { tlcChecker } from '../dsl/check/tlc.js';
import type { CheckResult, Verdict } from '../dsl/check/result.js';
import { findTlc, runJarTool, runTlc } from '../dsl/check/tlc.js';
import type * as ir from '../dsl/ir/nodes.js';
import type { Model } from '../dsl/index.js';
import { peerModels } from '../models/peer/index.js';

const FIXTURES = path.join(PROJECT_ROOT, 'test/fixtures/pcal');
const COUNTS_FILE = path.join(PROJECT_ROOT, '.tmp/peer-counts.json');

const tlc = await findTlc();
/** One worker (deterministic BFS); C1-only JIT starts the JVM faster for these tiny models. */
const TLC_OPTIONS = { workers: 1, jvmArgs: ['-XX:TieredStopAtLevel=1'] } as const;

interface Case { readonly model: Model; readonly config: ir.Config; readonly id: string }
const cases: Case[] = peerModels.flatMap((model) => model.module.configs.map((config) => ({ model, config, id: `${model.name}/${config.name}` })));

/** Every peer module's `.tla` and `.cfg` files, emitted into a private temp dir. */
let dslDir: string;
beforeAll(async () => {
  dslDir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-peer-dsl-'));
  for (const m of peerModels) for (const [name, text] of compile(m).files) await writeFile(path.join(dslDir, name), text);
});
afterAll(async () => { if (dslDir) await rm(dslDir, { recursive: true, force: true }); });

const describeVerdict = (v: Verdict): string => `${v.kind}${violatedName(v) ? ` ${violatedName(v)}` : ''}`;
const describeExpect = (e: ir.Expectation): string => (e.kind === 'violation' ? `violates ${e.property}` : e.kind);

describe('peer models on tla-checker', () => {
  it.each(cases)('$id meets its expectation', async ({ model, config }) => {
    const o = await runPipeline(model, config.name, { backend: 'tla-checker' });
    const r = o.results[0]!;
    expect(describeVerdict(r.verdict), `expected ${describeExpect(config.expect)}`).toBe(expectedVerdict(config.expect));
    expect(o.asExpected).toBe(true);
    expect(r.counts?.distinct).toBeGreaterThan(0);
  });
});

/** The verdict text an expectation stands for. */
function expectedVerdict(e: ir.Expectation): string {
  return e.kind === 'pass' ? 'passed' : e.kind === 'deadlock' ? 'deadlock' : `invariant ${e.property}`;
}

/** Labels of the PlusCal algorithm in a fixture (the `name:` that start its steps). */
function pcalLabels(tla: string): string[] {
  const algorithm = /\(\*\s*--(?:fair\s+)?algorithm[\s\S]*?\*\)/.exec(tla)?.[0] ?? '';
  return [...algorithm.replace(/\\\*.*$/gm, '').matchAll(/^\s*([A-Za-z_]\w*)\s*:(?!=)/gm)].map((m) => m[1]!);
}

describe('PlusCal fixtures', () => {
  it.each(cases)('$id has an untranslated PlusCal fixture and a cfg', ({ model, config }) => {
    const tla = readFileSync(path.join(FIXTURES, `${model.name}.tla`), 'utf8');
    expect(tla).toMatch(new RegExp(`MODULE ${model.name}\\b`));
    expect(tla).toMatch(/\(\*\s*--(fair\s+)?algorithm /);
    // Untranslated: the markers are there, with nothing between them.
    expect(tla).toMatch(/\\\* BEGIN TRANSLATION\s*\n\\\* END TRANSLATION/);
    expect(existsSync(path.join(FIXTURES, `${model.name}.${config.name}.cfg`))).toBe(true);
  });

  it.each(peerModels.map((model) => ({ model, name: model.name })))('$name: the PlusCal algorithm has the same steps as the DSL', ({ model }) => {
    const dslLabels = model.module.actions.filter((a) => a.label).map((a) => a.label!);
    const tla = readFileSync(path.join(FIXTURES, `${model.name}.tla`), 'utf8');
    expect(pcalLabels(tla).sort()).toEqual([...dslLabels].sort());
  });

  it('has no fixture without a peer config', async () => {
    const files = (await readdir(FIXTURES)).filter((f) => f.endsWith('.cfg') || f.endsWith('.tla'));
    const wanted = new Set(cases.flatMap(({ model, config }) => [`${model.name}.tla`, `${model.name}.${config.name}.cfg`]));
    expect(files.filter((f) => !wanted.has(f))).toEqual([]);
  });
});

interface Row {
  readonly config: string;
  readonly expect: string;
  readonly dsl: { readonly verdict: string; readonly distinct: number | undefined };
  readonly pcal: { readonly verdict: string; readonly distinct: number | undefined };
  /** `check` when both runs passed (they explored everything), else `state space` (invariants off). */
  readonly countedBy: 'check' | 'state space';
}

describe.skipIf(!tlc.found)(`TLC: DSL version vs PlusCal translation${tlc.found ? '' : ` — skipped: ${tlc.reason}`}`, () => {
  const setup = tlc.found ? tlc : undefined;
  const rows: Row[] = [];
  const translated = new Map<string, Promise<void>>();
  let pcalDir: string;

  beforeAll(async () => {
    pcalDir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-peer-pcal-'));
    await mkdir(pcalDir, { recursive: true });
    for (const f of await readdir(FIXTURES)) await copyFile(path.join(FIXTURES, f), path.join(pcalDir, f));
  });

  afterAll(async () => {
    if (pcalDir) await rm(pcalDir, { recursive: true, force: true });
    if (!rows.length || !setup) return;
    const table = [
      ['config', 'expect', 'DSL verdict', 'DSL states', 'PlusCal verdict', 'PlusCal states', 'counted by'],
      ...rows.map((r) => [r.config, r.expect, r.dsl.verdict, String(r.dsl.distinct), r.pcal.verdict, String(r.pcal.distinct), r.countedBy]),
    ];
    const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
    console.log(`distinct states, TLC (${setup.jar}), workers 1:\n${table.map((row) => row.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n')}`);
    await mkdir(path.dirname(COUNTS_FILE), { recursive: true });
    await writeFile(COUNTS_FILE, `${JSON.stringify({ tlc: setup.jar, recordedAt: new Date().toISOString(), rows }, null, 2)}\n`);
  });

  /** `java -cp JAR pcal.trans -nocfg Module.tla` in the temp copy, once per module. */
  function translate(module: string): Promise<void> {
    let p = translated.get(module);
    if (!p) {
      p = (async () => {
        const r = await runJarTool(setup!, 'pcal.trans', ['-nocfg', `${module}.tla`], { cwd: pcalDir });
        if (r.exitCode !== 0 || !/Translation completed/.test(r.output)) throw new Error(`pcal.trans ${module}.tla failed (exit ${r.exitCode}):\n${r.output}`);
        const text = await readFile(path.join(pcalDir, `${module}.tla`), 'utf8');
        if (!/\\\* BEGIN TRANSLATION[\s\S]*\bVARIABLES?\b[\s\S]*\\\* END TRANSLATION/.test(text)) throw new Error(`pcal.trans left ${module}.tla untranslated`);
      })();
      translated.set(module, p);
    }
    return p;
  }

  it.each(cases)('$id: same verdict as the PlusCal translation, no more distinct states', async ({ model, config }) => {
    const o = TLC_OPTIONS;
    const module = model.name;
    const cfgFile = `${module}.${config.name}.cfg`;
    await translate(module);
    const [pcal, dsl] = await Promise.all([
      runTlc(setup!, pcalDir, module, cfgFile, config.name, o),
      runPipeline(model, config.name, { backend: 'tlc', ...o }).then((x) => x.results[0]!),
    ]);
    expect(describeVerdict(dsl.verdict), explain(dsl)).toBe(expectedVerdict(config.expect));
    expect(meetsExpectation(dsl.verdict, config.expect)).toBe(true);
    expect(describeVerdict(pcal.verdict), explain(pcal)).toBe(describeVerdict(dsl.verdict));

    let counts: [CheckResult, CheckResult] = [dsl, pcal];
    const bothPassed = dsl.verdict.kind === 'passed' && pcal.verdict.kind === 'passed';
    if (!bothPassed) {
      // The whole state space, invariants off, of both: the same cfg for each module (the
      // PlusCal translation has no TypeOK).
      const space = { ...stateSpaceConfig(config), checkTypeOk: false };
      const spaceCfg = `${module}.${config.name}.space.cfg`;
      await writeFile(path.join(pcalDir, spaceCfg), emitCfg(model.module, space));
      counts = await Promise.all([
        tlcChecker.check(jobFor(compile(model), model.module, space), o),
        runTlc(setup!, pcalDir, module, spaceCfg, config.name, o),
      ]);
      for (const r of counts) expect(r.verdict.kind, explain(r)).toBe('passed');
    }
    const [dslStates, pcalStates] = counts.map((r) => r.counts?.distinct);
    rows.push({
      config: `${module}/${config.name}`,
      expect: describeExpect(config.expect),
      dsl: { verdict: describeVerdict(dsl.verdict), distinct: dslStates },
      pcal: { verdict: describeVerdict(pcal.verdict), distinct: pcalStates },
      countedBy: bothPassed ? 'check' : 'state space',
    });
    expect(dslStates).toBeGreaterThan(0);
    expect(pcalStates).toBeGreaterThan(0);
    expect(dslStates!).toBeLessThanOrEqual(pcalStates!);
  });
});

function explain(r: CheckResult): string {
  const v = r.verdict;
  return `${r.backend} on ${r.module}/${r.config}: ${describeVerdict(v)}${'message' in v ? `: ${v.message}` : ''}${r.rawTail ? `\n${r.rawTail}` : ''}`;
}
