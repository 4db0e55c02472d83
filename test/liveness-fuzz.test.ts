/**
 * Differential fuzzing of the compiled verifier's liveness search (liveness.ts) on random small
 * state graphs with random fairness and goals, against a brute-force oracle that knows nothing
 * of components or pruning: it tries every set of edges a behaviour could end up taking forever
 * (each strongly connected edge set, and each single state stuttering) and asks whether the
 * behaviour taking exactly those edges infinitely often is fair and shows the goal. Every lasso
 * the search returns is also checked to be a real behaviour that is fair and shows the goal.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLasso, type Fairness, type Goal, type Lasso, type StateGraph } from '../dsl/check/compiled/liveness.js';

interface Case {
  readonly n: number;
  readonly initialCount: number;
  readonly edges: readonly (readonly [number, number])[];
  readonly fair: readonly { readonly strong: boolean; readonly steps: readonly (readonly [number, number])[]; readonly enabled: readonly number[] }[];
  readonly start: 'init' | readonly number[];
  readonly within: readonly (readonly number[])[];
  readonly visits: readonly (readonly number[])[];
}

const nodeSet = (n: number) => fc.uniqueArray(fc.integer({ min: 0, max: n - 1 }), { maxLength: n });
const caseArb: fc.Arbitrary<Case> = fc.integer({ min: 1, max: 5 }).chain((n) =>
  fc.uniqueArray(fc.tuple(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: n - 1 })), { maxLength: 9, selector: ([a, b]) => `${a},${b}` }).chain((edges) => {
    const moves = edges.filter(([a, b]) => a !== b);
    const fairArb = fc.record({
      strong: fc.boolean(),
      steps: moves.length ? fc.subarray(moves) : fc.constant([] as (readonly [number, number])[]),
      extra: nodeSet(n),
    }).map(({ strong, steps, extra }) => ({ strong, steps, enabled: [...new Set([...steps.map(([a]) => a), ...extra])] }));
    return fc.record({
      n: fc.constant(n),
      initialCount: fc.integer({ min: 1, max: n }),
      edges: fc.constant(edges),
      fair: fc.array(fairArb, { maxLength: 3 }),
      start: fc.oneof(fc.constant('init' as const), nodeSet(n)),
      within: fc.array(nodeSet(n), { maxLength: 2 }),
      visits: fc.array(nodeSet(n), { maxLength: 2 }),
    });
  }));

// The search requires every state to be reachable from an initial one (it is the BFS's graph).
const reachable = (c: Case): boolean => {
  const seen = new Set<number>();
  const queue = Array.from({ length: c.initialCount }, (_, i) => i);
  queue.forEach((i) => seen.add(i));
  for (let h = 0; h < queue.length; h++) for (const [a, b] of c.edges) if (a === queue[h] && !seen.has(b)) { seen.add(b); queue.push(b); }
  return seen.size === c.n;
};

function graphOf(c: Case): StateGraph {
  const succ = Array.from({ length: c.n }, (_, u) => c.edges.filter(([a]) => a === u).map(([, b]) => b));
  // Breadth-first parents from the initial states, as the search's tree.
  const parent = new Array<number>(c.n).fill(-2);
  const queue: number[] = [];
  for (let i = 0; i < c.initialCount; i++) { parent[i] = -1; queue.push(i); }
  for (let h = 0; h < queue.length; h++) for (const v of succ[queue[h]!]!) if (parent[v] === -2) { parent[v] = queue[h]!; queue.push(v); }
  return { size: c.n, initialCount: c.initialCount, successors: (id) => succ[id]!, parent: (id) => parent[id]! };
}
const fairnessOf = (c: Case): Fairness[] => c.fair.map((f) => ({
  strong: f.strong,
  at: (id) => ({ enabled: f.enabled.includes(id), steps: f.steps.filter(([a]) => a === id).map(([, b]) => b) }),
}));
const goalOf = (c: Case): Goal => ({
  start: c.start === 'init' ? 'init' : (id) => (c.start as readonly number[]).includes(id),
  within: c.within.map((s) => (id: number) => s.includes(id)),
  visits: c.visits.map((s) => (id: number) => s.includes(id)),
});

/** Whether taking exactly `cycle` (edges) forever, passing through `nodes`, is fair and shows the goal's cycle part. */
function fairAndShows(c: Case, nodes: ReadonlySet<number>, cycle: readonly (readonly [number, number])[]): boolean {
  if (![...nodes].every((u) => c.within.every((s) => s.includes(u)))) return false;
  if (!c.visits.every((s) => [...nodes].some((u) => s.includes(u)))) return false;
  return c.fair.every((f) => {
    const taken = cycle.some(([a, b]) => f.steps.some(([x, y]) => x === a && y === b));
    const enabledSomewhere = [...nodes].some((u) => f.enabled.includes(u));
    const disabledSomewhere = [...nodes].some((u) => !f.enabled.includes(u));
    return taken || (f.strong ? !enabledSomewhere : disabledSomewhere);
  });
}

/** The brute-force answer: is there a fair behaviour showing the goal? */
function oracle(c: Case): boolean {
  const ok = (u: number) => c.within.every((s) => s.includes(u));
  // States the tail can reach: from its first states, through states inside every `within`.
  const first = c.start === 'init' ? Array.from({ length: c.initialCount }, (_, i) => i) : [...c.start];
  const tail = new Set(first.filter(ok));
  const queue = [...tail];
  for (let h = 0; h < queue.length; h++) for (const [a, b] of c.edges) if (a === queue[h] && ok(b) && !tail.has(b)) { tail.add(b); queue.push(b); }
  // Stuttering at one state for ever.
  for (const u of tail) if (fairAndShows(c, new Set([u]), [])) return true;
  // Every non-empty edge set whose states are all in the tail and strongly connected by its edges.
  const candidates = c.edges.filter(([a, b]) => tail.has(a) && tail.has(b));
  for (let mask = 1; mask < 1 << candidates.length; mask++) {
    const es = candidates.filter((_, i) => mask & (1 << i));
    const nodes = new Set(es.flatMap(([a, b]) => [a, b]));
    const from = (s: number) => { const r = new Set([s]); const q = [s]; for (let h = 0; h < q.length; h++) for (const [a, b] of es) if (a === q[h] && !r.has(b)) { r.add(b); q.push(b); } return r; };
    const root = [...nodes][0]!;
    if (from(root).size !== nodes.size || ![...nodes].every((u) => from(u).has(root))) continue;
    if (fairAndShows(c, nodes, es)) return true;
  }
  return false;
}

/** The lasso is a behaviour of the graph, its tail and cycle satisfy the goal, and its cycle is fair. */
function expectGenuine(c: Case, l: Lasso): void {
  const s = l.states;
  const isEdge = (a: number, b: number) => c.edges.some(([x, y]) => x === a && y === b);
  expect(s[0]!).toBeLessThan(c.initialCount);
  for (let i = 1; i < s.length; i++) expect(isEdge(s[i - 1]!, s[i]!), `step ${s[i - 1]} → ${s[i]}`).toBe(true);
  const loopStart = l.loopsTo ?? s.length - 1;
  if (l.loopsTo !== undefined) expect(isEdge(s.at(-1)!, s[l.loopsTo]!), 'the closing step').toBe(true);
  const cycleNodes = s.slice(loopStart);
  const cycleEdges = l.loopsTo === undefined ? [] : [...cycleNodes.slice(1).map((b, i) => [cycleNodes[i]!, b] as const), [s.at(-1)!, s[l.loopsTo]!] as const];
  expect(fairAndShows(c, new Set(cycleNodes), cycleEdges), 'the cycle is fair and shows the goal').toBe(true);
  // The tail starts where the goal says and stays inside `within` from there on.
  const tailFrom = c.start === 'init' ? 0 : s.findIndex((u, i) => (c.start as readonly number[]).includes(u) && s.slice(i).every((v) => c.within.every((w) => w.includes(v))));
  expect(tailFrom).toBeGreaterThanOrEqual(0);
  expect(tailFrom).toBeLessThanOrEqual(loopStart);
  for (const u of s.slice(tailFrom)) for (const w of c.within) expect(w).toContain(u);
}

// Shapes random graphs of this size rarely take. Each: [what it exercises, the case, a lasso exists].
const handMade: [string, Case, boolean][] = [
  // Tarjan: component {2, 3} is searched after {0, 1} and has an edge into it (3 → 0); only it visits 2.
  ['an edge into a component already found', { n: 4, initialCount: 3, edges: [[0, 1], [1, 0], [2, 3], [3, 2], [3, 0]], fair: [], start: [0, 2], within: [], visits: [[2], [3]] }, true],
  // Strong fairness of an action enabled only at 1, taken nowhere: pruning 1 leaves {0, 2}, which cycles.
  ['a strong fairness that prunes and searches again', { n: 3, initialCount: 1, edges: [[0, 1], [1, 0], [0, 2], [2, 0]], fair: [{ strong: true, steps: [], enabled: [1] }], start: 'init', within: [], visits: [[2]] }, true],
  // …and when the pruned states are the only ones that visit the goal, there is none.
  ['pruning removes every goal state', { n: 3, initialCount: 1, edges: [[0, 1], [1, 0], [0, 2], [2, 0]], fair: [{ strong: true, steps: [], enabled: [1] }, { strong: false, steps: [[0, 2]], enabled: [0] }], start: 'init', within: [], visits: [[1]] }, false],
  // Weak fairness enabled everywhere in the cycle, its step leading out of it: unfair; the stutter at 2 (disabled) is fair.
  ['weak fairness whose step leaves the component', { n: 3, initialCount: 1, edges: [[0, 1], [1, 0], [1, 2]], fair: [{ strong: false, steps: [[1, 2]], enabled: [0, 1] }], start: 'init', within: [[0, 1]], visits: [] }, false],
];

describe('liveness search on hand-made graphs', () => {
  it.each(handMade)('%s', (_, c, exists) => {
    expect(reachable(c)).toBe(true);
    expect(oracle(c)).toBe(exists);
    const l = findLasso(graphOf(c), goalOf(c), fairnessOf(c));
    expect(l !== undefined).toBe(exists);
    if (l) expectGenuine(c, l);
  });
});

describe('liveness search against a brute-force oracle on random graphs', () => {
  it('finds a fair lasso exactly when one exists, and every lasso it finds is genuine', () => {
    let found = 0, none = 0;
    fc.assert(fc.property(caseArb.filter(reachable), (c) => {
      const l = findLasso(graphOf(c), goalOf(c), fairnessOf(c));
      expect(l !== undefined, JSON.stringify(c)).toBe(oracle(c));
      if (l) { expectGenuine(c, l); found++; } else none++;
    }), { seed: 20_261_202, numRuns: 1500 });
    // The sample decides both ways often.
    expect(Math.min(found, none)).toBeGreaterThan(300);
  });
});
