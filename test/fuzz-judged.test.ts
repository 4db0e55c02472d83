/**
 * The campaign loop the TLC-judged fuzzers share (scripts/bench/judged.ts), with a stand-in for
 * the two checkers whose answer follows from the model's shape: what it counts, which
 * disagreements it reduces and saves, fixtures already saved, and the deadline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fuzzModelArb } from '../scripts/bench/fuzz.js';
import type { FuzzModelD } from '../scripts/bench/fuzz-model.js';
import { emptyReport, runJudgedCampaign, type JudgedCase } from '../scripts/bench/judged.js';
import { tempDirs } from './helpers/io.js';

/** Skipped with three model values; a disagreement of kind `actions` with two or more actions, of kind `vars` with four variables; else agreed. */
const stand = async (d: FuzzModelD): Promise<JudgedCase> => {
  if (d.p === 3) return { d, status: 'skipped' };
  if (d.actions.length >= 2) return { d, status: 'disagree', detail: `actions (${d.actions.length})` };
  if (d.vars.length === 4) return { d, status: 'disagree', detail: 'vars' };
  return { d, status: 'agree' };
};
const kindOf = (r: JudgedCase) => r.detail!.replace(/ \(.*\)/, '');
const tmp = tempDirs();
// The models a campaign draws: 25 a seed, from 7 on.
const drawn = [7, 8, 9].flatMap((seed) => fc.sample(fuzzModelArb, { numRuns: 25, seed }));
const byName = (name: string) => drawn.find((d) => d.name === name)!;

async function campaign(count: number, o: { deadline?: number; fixturesDir?: string; run?: typeof stand } = {}) {
  const compared: [string, number][] = [];
  const saved: { name: string; seed: number }[] = [];
  const rep = await runJudgedCampaign({
    count, seed: 7, tlc: () => { throw new Error('the stand-in checks'); },
    onCase: (r, n) => compared.push([r.d.name, n]), ...(o.deadline !== undefined ? { deadline: o.deadline } : {}),
  }, emptyReport(), {
    arb: fuzzModelArb, run: o.run ?? stand, kindOf, verdictOf: (r) => r.status, fixturesDir: o.fixturesDir ?? await tmp('judged-'),
    save: async (minimal, dir, seed) => { saved.push({ name: minimal.d.name, seed }); return path.join(dir, minimal.d.name); },
  });
  return { rep, compared, saved };
}

afterEach(() => { vi.restoreAllMocks(); });

describe('runJudgedCampaign', () => {
  it('compares `count` models, numbered in order, passing over those skipped (counted apart), and counts the verdicts', async () => {
    const { rep, compared } = await campaign(30);
    const taken = drawn.filter((d) => d.p !== 3).slice(0, 30);
    expect(compared).toEqual(taken.map((d, i) => [d.name, i + 1]));
    const last = drawn.indexOf(taken.at(-1)!);
    expect([rep.tried, rep.tooBig]).toEqual([30, drawn.slice(0, last + 1).filter((d) => d.p === 3).length]);
    const answers = await Promise.all(taken.map(stand));
    expect(rep.agreed).toBe(answers.filter((r) => r.status === 'agree').length);
    expect(rep.verdicts).toEqual({ agree: rep.agreed, disagree: 30 - rep.agreed });
  });

  it('reduces the first disagreement of each kind and saves it with its seed, the original\'s name and detail beside it; later ones of a kind are counted', async () => {
    const { rep, compared, saved } = await campaign(30);
    const answers = await Promise.all(compared.map(([name]) => stand(byName(name))));
    const byKind = new Map<string, JudgedCase[]>();
    for (const r of answers.filter((x) => x.status === 'disagree')) byKind.set(kindOf(r), [...(byKind.get(kindOf(r)) ?? []), r]);
    expect(byKind.size).toBe(2);
    const firsts = [...byKind.values()].map((rs) => rs[0]!);
    expect(rep.disagreements.map((x) => x.reducedFrom)).toEqual(firsts.map((r) => r.d.name));
    expect(rep.again).toEqual(Object.fromEntries([...byKind].filter(([, rs]) => rs.length > 1).map(([k, rs]) => [k, rs.length - 1])));
    for (const [i, x] of rep.disagreements.entries()) {
      const minimal = await stand(drawn.find((d) => d.name === x.model) ?? { ...byName(x.reducedFrom), name: x.model });
      expect(x.fixture).toBe(path.join(path.dirname(x.fixture!), x.model));
      expect(saved[i]).toEqual({ name: x.model, seed: 7 + Math.floor(drawn.findIndex((d) => d.name === x.reducedFrom) / 25) });
      // Still the same kind, and smaller: two actions are the fewest that disagree on actions.
      if (kindOf(firsts[i]!) === 'actions') expect(x.detail).toBe('actions (2)');
      else expect([x.detail, minimal.status]).toEqual(['vars', 'disagree']);
    }
  });

  it('a reduced model that no longer disagrees (a flaky answer) is not saved, and keeps the detail it was found with', async () => {
    let reducing = false;
    const flaky = async (d: FuzzModelD) => (reducing && d.actions.length < 5 ? { d, status: 'agree' as const } : stand(d));
    const first = drawn.find((d) => d.p !== 3 && (d.actions.length >= 2 || d.vars.length === 4))!;
    const run = async (d: FuzzModelD) => { const r = await flaky(d); if (d.name === first.name) reducing = true; return r; };
    const { rep, saved } = await campaign(drawn.filter((d) => d.p !== 3).indexOf(first) + 1, { run });
    expect(saved).toEqual([]);
    expect(rep.disagreements).toEqual([{ model: first.name, detail: (await stand(first)).detail, reducedFrom: first.name }]);
  });

  it('a disagreement that reduces to a model saved as a fixture is counted, not saved again', async () => {
    const dir = await tmp('judged-');
    const first = await campaign(30, { fixturesDir: dir });
    const name = first.saved[0]!.name;
    await mkdir(path.join(dir, name));
    await writeFile(path.join(dir, name, 'model.json'), '{}');
    const again = await campaign(30, { fixturesDir: dir });
    expect(again.rep.toFixture).toEqual({ [name]: 1 });
    expect(again.saved.map((x) => x.name)).toEqual(first.saved.slice(1).map((x) => x.name));
    expect(first.rep.toFixture).toEqual({});
  });

  it('starts nothing once the deadline has passed', async () => {
    const { rep, compared, saved } = await campaign(30, { deadline: performance.now() - 1 });
    expect([rep.tried, compared.length, saved.length]).toEqual([0, 0, 0]);
  });

  it('a deadline met while reducing: the kind is counted as not reduced, nothing is saved, and nothing new starts', async () => {
    let over = false;
    const now = performance.now.bind(performance);
    vi.spyOn(performance, 'now').mockImplementation(() => (over ? Number.MAX_VALUE : now()));
    const run = async (d: FuzzModelD) => { const r = await stand(d); if (r.status === 'disagree') over = true; return r; };
    const { rep, compared, saved } = await campaign(30, { deadline: now() + 3_600_000, run });
    const first = drawn.find((d) => d.p !== 3 && (d.actions.length >= 2 || d.vars.length === 4))!;
    expect(compared.at(-1)).toEqual([first.name, compared.length]);
    expect(rep.again).toEqual({ [`${kindOf((await stand(first)))} (not reduced: the deadline)`]: 1 });
    expect([saved, rep.disagreements]).toEqual([[], []]);
  });
});
