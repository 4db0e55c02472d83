/**
 * A deterministic slice of the differential fuzzing (dsl/bench/fuzz.ts; the full campaign is
 * `npm run bench -- --only fuzz --fuzz 500`): a fixed seed's random models, compiled by the real
 * compiler, checked by tla-checker and evaluated independently (and checked by TLC where it is
 * installed). They must agree, except on disagreements already known (each has a fixture).
 * Then every saved fixture under test/fixtures/fuzz is replayed.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTlaChecker } from '../dsl/check/tla-checker.js';
import { findTlc, runTlc } from '../dsl/check/tlc.js';
import { buildFuzzModel, CONFIG, fuzzCfgFacts, evaluate, kindsIn, type FuzzModelD } from '../scripts/bench/fuzz-model.js';
import { blame, BUILTIN_KNOWN, FIXTURES_DIR, fuzzModelArb, knownFromFixtures, loadFixtures, runCase, type CaseResult, type FixtureJson, type PartyAnswer } from '../scripts/bench/fuzz.js';
import { fastTlcJvm, type FastJvm } from '../scripts/bench/tlc-fast.js';
import { tlcSkipNote } from './helpers/t2-java.js';
import { tempDirs } from './helpers/io.js';

const tmp = tempDirs();
const SEED = 424_243;
const COUNT = 15;
const tlc = await findTlc();
let jvm: FastJvm | undefined;
beforeAll(async () => { if (tlc.found) jvm = await fastTlcJvm(tlc); });
afterAll(async () => { await jvm?.cleanup(); });

const sample: FuzzModelD[] = fc.sample(fuzzModelArb, { seed: SEED, numRuns: COUNT });
const explain = (r: CaseResult) => `${r.d.name}: ${r.status}${r.detail ? ` — ${r.detail}` : ''}\n${JSON.stringify(r.d)}`;

describe(`${COUNT} random models, seed ${SEED}: tla-checker ${tlc.found ? 'and TLC agree' : 'agrees'} with the independent evaluation${tlcSkipNote(tlc)}`, () => {
  it.each(sample.map((d) => ({ d, name: d.name })))('$name', async ({ d }) => {
    const r = await runCase(d, { ...(tlc.found && jvm ? { tlc, jvmArgs: jvm.jvmArgs } : {}), known: BUILTIN_KNOWN, cap: 5000 });
    expect(r.status, explain(r)).not.toBe('build-error');
    if (r.status === 'skipped') return;
    // tla-checker accepts every generated module (no parse, config or evaluation error)…
    const t = r.answers['tla-checker']!;
    expect(['passed', 'deadlock', 'invariant'].some((k) => t.verdict.startsWith(k)), explain(r)).toBe(true);
    // …and agrees with the evaluation (and TLC), or disagrees in a known way.
    expect(['agree', 'known'], explain(r)).toContain(r.status);
    if (r.status === 'known') expect(BUILTIN_KNOWN.map((k) => k.id), explain(r)).toContain(r.knownIssue);
    if (tlc.found) {
      // TLC (SANY included) accepts every module and is never the odd one out.
      expect(r.answers.tlc?.broken, explain(r)).toBeUndefined();
      expect(r.answers.tlc, explain(r)).toEqual(expect.objectContaining({ verdict: r.answers.evaluation!.verdict, distinct: r.answers.evaluation!.distinct }));
    }
  });

  it('the slice is varied: passes and violations, processes, symmetry, every scalar sort, functions, sets or sequences or records, CASE (with OTHER and without) and LET', () => {
    // Judged by the independent evaluation alone, so this test needs no other test to have run.
    const evaluated = sample.map((d) => evaluate(d, { cap: 5000, stateLocals: buildFuzzModel(d).module.variables.map((v) => v.name) })).filter((e) => !e.tooBig);
    expect(evaluated.length).toBeGreaterThanOrEqual(COUNT - 2);
    const verdicts = new Set(evaluated.map((e) => e.verdict!.split(' ')[0]));
    expect([...verdicts].sort()).toEqual(expect.arrayContaining(['invariant', 'passed']));
    expect(sample.some((d) => d.process)).toBe(true);
    expect(sample.some((d) => d.symmetry)).toBe(true);
    const sorts = new Set(sample.flatMap((d) => d.vars.map((v) => (v.sort.k === 'fn' ? `fn ${v.sort.rng.k}` : v.sort.k))));
    for (const k of ['bool', 'int', 'enum', 'atom']) expect([...sorts].some((s) => s.endsWith(k)), k).toBe(true);
    expect([...sorts].some((s) => s.startsWith('fn'))).toBe(true);
    expect([...sorts].filter((s) => ['set', 'seq', 'rec'].includes(s)).length).toBeGreaterThanOrEqual(2);
    const forms = kindsIn(sample);
    for (const k of ['case', 'caseTotal', 'let', 'letRef']) expect(forms.has(k), k).toBe(true);
  });
});

const fixtures = readdirSync(FIXTURES_DIR, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();

describe('saved fuzz fixtures replay', () => {
  let loaded: { dir: string; json: FixtureJson }[] = [];
  beforeAll(async () => { loaded = await loadFixtures(); });

  it('the issues a campaign counts as known: every fixture\'s but those the emitter now avoids (met again, they are news)', async () => {
    const ids = (await knownFromFixtures()).map((k) => k.id).sort();
    expect(ids).toEqual(loaded.filter((f) => f.json.emitterAvoids === undefined).map((f) => f.json.issue).sort());
    expect(ids).not.toContain('tla-checker-c5d22af4');
    expect(ids).toContain('tla-checker-symmetry-incomplete');
  });

  it('built-in classifiers come before a fixture\'s coarse "same party wrong the same way", which would claim their cases', async () => {
    const dir = await tmp('zswap-tla-fixtures-');
    for (const name of ['tla-checker-c5d22af4', 'tla-checker-divmod-truncates']) await cp(path.join(FIXTURES_DIR, name), path.join(dir, name), { recursive: true });
    // As the CASE fixture was before the emitter avoided it.
    const json = path.join(dir, 'tla-checker-c5d22af4', 'model.json');
    const { emitterAvoids: _avoided, ...before } = JSON.parse(readFileSync(json, 'utf8')) as FixtureJson;
    await writeFile(json, JSON.stringify(before));
    expect((await knownFromFixtures(dir)).map((k) => k.id)).toEqual(['tla-checker-divmod-truncates', 'tla-checker-c5d22af4']);
  });

  it('a known tla-checker gap explains tla-checker only: not another party\'s other answer or wrong counterexample, nor its own wrong counterexample', async () => {
    for (const id of ['tla-checker-divmod-truncates', 'tla-checker-symmetry-incomplete']) {
      const { json } = loaded.find((f) => f.json.issue === id)!;
      const r = await runCase(json.description, { known: [] });
      const known = BUILTIN_KNOWN.find((k) => k.id === id)!;
      const claims = (answers: CaseResult['answers']) => known.matches(json.description, answers, r.wrong, r.stateLocals ?? []);
      expect(claims(r.answers), id).toBe(true);
      expect(claims({ ...r.answers, compiled: { ...r.answers.compiled!, trace: 'state 2 is not a reachable state' } }), id).toBe(false);
      expect(claims({ ...r.answers, compiled: { ...r.answers.compiled!, distinct: r.answers.compiled!.distinct! + 1 } }), id).toBe(false);
      expect(claims({ ...r.answers, 'tla-checker': { ...r.answers['tla-checker']!, trace: 'the last state satisfies Inv1' } }), id).toBe(false);
    }
  });

  it.each([
    { name: 'one checker\'s wrong trace: that checker', traces: ['compiled'], want: 'compiled' },
    { name: 'two of three checkers\' wrong traces: the first', traces: ['compiled', 'tla-checker'], want: 'compiled' },
    { name: 'every checked trace wrong: the evaluation\'s graph', traces: ['compiled', 'tla-checker', 'tlc'], want: 'evaluation' },
    { name: 'no wrong trace: the odd one out', traces: [], want: 'tla-checker', tcDistinct: 9 },
    { name: 'two and two: nobody', traces: [], want: undefined, tcDistinct: 9, tlcDistinct: 9 },
  ] as const)('blame: $name', ({ traces, want, ...o }) => {
    const a = (p: string, distinct = 4): PartyAnswer => ({ verdict: 'invariant Inv1', distinct, ...((traces as readonly string[]).includes(p) ? { trace: 'no step of Next from state 1 to state 2' } : {}) });
    const answers = { evaluation: a('evaluation'), compiled: a('compiled'), 'tla-checker': a('tla-checker', 'tcDistinct' in o ? o.tcDistinct : 4), tlc: a('tlc', 'tlcDistinct' in o ? o.tlcDistinct : 4) };
    const asked = ['evaluation', 'compiled', 'tla-checker', 'tlc'] as const;
    expect(blame(asked, answers, asked.filter((p) => answers[p].trace))).toBe(want);
  });

  it('every fixture folder has model.json, the .tla and the .cfg', () => {
    expect(loaded.map((f) => path.basename(f.dir))).toEqual(fixtures);
    for (const { dir, json } of loaded) {
      const files = readdirSync(dir);
      expect(files, dir).toContain(`${json.description.name}.tla`);
      expect(files, dir).toContain(`${json.description.name}.${CONFIG}.cfg`);
      expect(json.note.length, dir).toBeGreaterThan(40);
      expect(['tlc', 'tla-checker', 'evaluation', 'unknown']).toContain(json.wrong);
    }
  });

  it.each(fixtures)('%s', async (name) => {
    const { dir, json } = loaded.find((f) => path.basename(f.dir) === name)!;
    const d = json.description;
    if (json.dslRejects !== undefined) {
      // The DSL now refuses such models; the saved module still shows what each checker does.
      expect(() => buildFuzzModel(d)).toThrow(json.dslRejects);
      await expectSavedModuleReproduces(dir, json);
      return;
    }
    // The model still builds, and the independent evaluation still gives the expected answer.
    expect(() => buildFuzzModel(d)).not.toThrow();
    const ev = evaluate(d);
    if (json.wrong !== 'evaluation') expect({ verdict: ev.verdict, distinct: ev.distinct }).toEqual(json.expected);
    const r = await runCase(d, { ...(tlc.found && jvm ? { tlc, jvmArgs: jvm.jvmArgs } : {}), known: [] });
    for (const p of ['tlc', 'evaluation', 'tla-checker'] as const) {
      const a = r.answers[p];
      if (!a) continue;
      const saw = json.observed[p];
      if (p === json.wrong && json.emitterAvoids === undefined) {
        // Still wrong the same way. When a new version fixes it, this fails: update the fixture.
        expect({ verdict: a.verdict, distinct: a.distinct, trace: a.trace }, `${p} no longer answers as recorded: fixed?`).toEqual({ verdict: saw?.verdict, distinct: saw?.distinct, trace: saw?.trace });
      } else if (!(p === 'tlc' && a.broken && saw?.broken)) {
        expect({ verdict: a.verdict, distinct: a.distinct }, p).toEqual(json.expected);
      }
    }
    const known = BUILTIN_KNOWN.find((k) => k.id === json.issue);
    if (known) expect(r.knownIssue ?? (known.matches(d, r.answers, r.wrong, r.stateLocals ?? []) ? known.id : undefined)).toBe(known.id);
    // The saved module reproduces it by itself, whatever the emitter prints today (with
    // `emitterAvoids`, the module printed today is read right: the loop above).
    if (json.wrong === 'tla-checker') await expectSavedModuleReproduces(dir, json);
  });
});

/** tla-checker (and TLC, when found) answer on the saved .tla/.cfg as the fixture recorded. */
async function expectSavedModuleReproduces(dir: string, json: FixtureJson): Promise<void> {
  const d = json.description;
  const spec = readFileSync(path.join(dir, `${d.name}.tla`), 'utf8');
  const cfg = readFileSync(path.join(dir, `${d.name}.${CONFIG}.cfg`), 'utf8');
  const saved = await runTlaChecker(spec, cfg, fuzzCfgFacts(d), { module: d.name, config: CONFIG });
  expect(saved.verdict.kind === 'invariant' ? `invariant ${saved.verdict.name}` : saved.verdict.kind).toBe(json.observed['tla-checker']!.verdict);
  if (tlc.found && json.observed.tlc) {
    const t = await runTlc(tlc, dir, d.name, `${d.name}.${CONFIG}.cfg`, CONFIG, { workers: 1, ...(jvm ? { jvmArgs: jvm.jvmArgs } : {}) });
    expect(t.verdict.kind === 'invariant' ? `invariant ${t.verdict.name}` : t.verdict.kind).toBe(json.observed.tlc.verdict);
  }
}
