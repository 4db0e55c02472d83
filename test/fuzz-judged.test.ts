/**
 * The campaign loop the TLC-judged fuzzers share (scripts/bench/judged.ts), with a stand-in for
 * the two checkers whose answer follows from the model's shape: what it counts, which
 * disagreements it reduces and hands on, and the deadline.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fuzzModelArb } from '../scripts/bench/fuzz.js';
import type { FuzzModelD } from '../scripts/bench/fuzz-model.js';
import { runJudgedCampaign, type JudgedCase } from '../scripts/bench/judged.js';
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

async function campaign(count: number, o: { deadline?: number; fixturesDir?: string } = {}) {
  const compared: [string, number][] = [];
  const reduced: { minimal: JudgedCase; from: string; seed: number }[] = [];
  const tally = await runJudgedCampaign({ count, seed: 7, ...(o.deadline !== undefined ? { deadline: o.deadline } : {}) }, {
    arb: fuzzModelArb, run: stand, kindOf, fixturesDir: o.fixturesDir ?? await tmp('judged-'),
    compared: (r, n) => compared.push([r.d.name, n]),
    reduced: async (minimal, d, seed) => { reduced.push({ minimal, from: d.name, seed }); },
  });
  return { tally, compared, reduced };
}

describe('runJudgedCampaign', () => {
  // The models it draws: 25 a seed, from 7 on.
  const drawn = [7, 8, 9].flatMap((seed) => fc.sample(fuzzModelArb, { numRuns: 25, seed }));

  it('compares `count` models, numbered in order, passing over those skipped (counted apart)', async () => {
    const { tally, compared } = await campaign(30);
    const taken = drawn.filter((d) => d.p !== 3).slice(0, 30);
    expect(compared).toEqual(taken.map((d, i) => [d.name, i + 1]));
    const last = drawn.indexOf(taken.at(-1)!);
    expect([tally.tried, tally.tooBig]).toEqual([30, drawn.slice(0, last + 1).filter((d) => d.p === 3).length]);
  });

  it('reduces the first disagreement of each kind and hands it on with its seed; later ones of a kind are counted', async () => {
    const { tally, compared, reduced } = await campaign(30);
    const kinds = compared.map(([name]) => stand(drawn.find((d) => d.name === name)!));
    const answers = await Promise.all(kinds);
    const disagreements = answers.filter((r) => r.status === 'disagree');
    const byKind = new Map<string, JudgedCase[]>();
    for (const r of disagreements) byKind.set(kindOf(r), [...(byKind.get(kindOf(r)) ?? []), r]);
    expect(byKind.size).toBeGreaterThan(0);
    expect(reduced.map((x) => x.from)).toEqual([...byKind.values()].map((rs) => rs[0]!.d.name));
    expect(tally.again).toEqual(Object.fromEntries([...byKind].filter(([, rs]) => rs.length > 1).map(([k, rs]) => [k, rs.length - 1])));
    for (const x of reduced) {
      // Still the same kind, and smaller: two actions are the fewest that disagree on actions.
      expect(x.minimal.status).toBe('disagree');
      if (kindOf(x.minimal) === 'actions') expect(x.minimal.d.actions).toHaveLength(2);
      expect(x.seed).toBe(7 + Math.floor(drawn.findIndex((d) => d.name === x.from) / 25));
    }
  });

  it('starts nothing once the deadline has passed', async () => {
    const { tally, compared, reduced } = await campaign(30, { deadline: performance.now() - 1 });
    expect([tally.tried, compared.length, reduced.length]).toEqual([0, 0, 0]);
  });

  it('a disagreement that reduces to a model saved as a fixture is counted, not handed on', async () => {
    const dir = await tmp('judged-');
    const first = await campaign(30, { fixturesDir: dir });
    const saved = first.reduced[0]!.minimal.d.name;
    await mkdir(path.join(dir, saved));
    await writeFile(path.join(dir, saved, 'model.json'), '{}');
    const again = await campaign(30, { fixturesDir: dir });
    expect(again.tally.toFixture).toEqual({ [saved]: 1 });
    expect(again.reduced.map((x) => x.minimal.d.name)).toEqual(first.reduced.slice(1).map((x) => x.minimal.d.name));
    expect(first.tally.toFixture).toEqual({});
  });
});
