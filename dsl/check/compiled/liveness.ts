/**
 * Liveness on the state graph the breadth-first search built: a temporal property is violated
 * when some fair behaviour satisfies its negation, and each negation the compiled backend
 * accepts is a `Goal` — a lasso whose tail starts somewhere, stays inside some states and whose
 * cycle visits others. A behaviour that ends in a cycle through a strongly connected component
 * C, taking every edge of C infinitely often, is the fairest one confined to C:
 *  - `WF_vars(A)` holds of it iff some state of C has `<<A>>_vars` disabled or some edge of C is
 *    an `<<A>>_vars` step; when it fails, every behaviour confined to C or a part of it is unfair;
 *  - `SF_vars(A)` holds iff C has an `<<A>>_vars` edge or no state of C has it enabled; when it
 *    fails, the states where it is enabled are removed and what is left is decomposed again
 *    (the Emerson–Lei / Streett emptiness check).
 * Every state may stutter (TLA+ specs are `[][Next]_vars`), so a single state is a cycle too.
 */

/** The graph of reachable states (ids in breadth-first order), as the search recorded it. */
export interface StateGraph {
  readonly size: number;
  /** The initial states are ids 0 … initialCount − 1. */
  readonly initialCount: number;
  /** Successor ids of `id` in the graph; states a CONSTRAINT excludes are not in it. */
  successors(id: number): ArrayLike<number>;
  /** The state's parent in the breadth-first tree, or −1 for an initial state. */
  parent(id: number): number;
}

/** One `WF_vars(A)` / `SF_vars(A)` conjunct of the specification, for fixed values of its `\A`s. */
export interface Fairness {
  readonly strong: boolean;
  /** Whether `<<A>>_vars` is enabled in the state, and the graph states its steps lead to (asked often: memoise it). */
  at(id: number): FairAt;
}
export interface FairAt { readonly enabled: boolean; readonly steps: readonly number[] }

/** The negation of a temporal property, as the lasso that shows it. */
export interface Goal {
  /** Where the tail begins: at an initial state, or at any reachable state satisfying the predicate. */
  readonly start: 'init' | ((id: number) => boolean);
  /** Every state of the tail and of the cycle satisfies each of these. */
  readonly within: readonly ((id: number) => boolean)[];
  /** The cycle passes through a state satisfying each of these. */
  readonly visits: readonly ((id: number) => boolean)[];
}

/** State ids from an initial state through the cycle; the last state returns to `states[loopsTo]`, or stutters. */
export interface Lasso {
  readonly states: readonly number[];
  /** 0-based index of the state the last one steps back to; absent: the behaviour stutters at the last state. */
  readonly loopsTo?: number;
}

/** A fair behaviour of `g` satisfying `goal`, as a lasso, or undefined when there is none (the property holds). */
export function findLasso(g: StateGraph, goal: Goal, fairness: readonly Fairness[]): Lasso | undefined {
  const allowed = (id: number) => goal.within.every((p) => p(id));
  // The tail: breadth first inside `allowed`, from its possible first states.
  const from = new Int32Array(g.size).fill(-2); // -2: not reached; -1: a first state
  const reached: number[] = [];
  for (let id = 0; id < (goal.start === 'init' ? g.initialCount : g.size); id++) {
    if (allowed(id) && (goal.start === 'init' || goal.start(id))) { from[id] = -1; reached.push(id); }
  }
  for (let h = 0; h < reached.length; h++) {
    const u = reached[h]!, succ = g.successors(u);
    for (let j = 0; j < succ.length; j++) {
      const v = succ[j]!;
      if (from[v] === -2 && allowed(v)) { from[v] = u; reached.push(v); }
    }
  }
  const order = new Int32Array(g.size).fill(-1);
  reached.forEach((id, i) => { order[id] = i; });

  const scc = new Components(g);
  const fairAt = fairness.map((f) => (id: number) => f.at(id));
  const search = (nodes: readonly number[]): Cycle | undefined => {
    for (const c of scc.of(nodes).sort((a, b) => order[a[0]!]! - order[b[0]!]!)) {
      const found = fairCycle(g, c, fairness, fairAt, goal.visits, search);
      if (found) return found;
    }
    return undefined;
  };
  const cycle = search(reached);
  if (!cycle) return undefined;

  // The prefix: back along the tail to its first state, then (a start predicate) along the search's tree.
  const prefix: number[] = [];
  for (let id = cycle.entry; id >= 0; id = from[id]!) { prefix.push(id); if (from[id] === -1) break; }
  for (let id = g.parent(prefix.at(-1)!); id >= 0 && goal.start !== 'init'; id = g.parent(id)) prefix.push(id);
  prefix.reverse();
  if (cycle.path.length === 1) return { states: prefix };
  return { states: [...prefix, ...cycle.path.slice(1)], loopsTo: prefix.length - 1 };
}

interface Cycle {
  readonly entry: number;
  /** From `entry` round to the state before it returns to `entry` (just `[entry]`: it stutters). */
  readonly path: readonly number[];
}

/**
 * A fair cycle inside the component `c` (its states sorted by when the tail reached them) that
 * visits every `visits` predicate, or undefined. An `SF` that fails prunes and searches again.
 */
function fairCycle(g: StateGraph, c: readonly number[], fairness: readonly Fairness[], fairAt: readonly ((id: number) => FairAt)[], visits: Goal['visits'], again: (nodes: readonly number[]) => Cycle | undefined): Cycle | undefined {
  const inC = new Set(c);
  const entry = c[0]!;
  const witnesses: (number | readonly [number, number])[] = [];
  for (let k = 0; k < fairness.length; k++) {
    const at = fairAt[k]!;
    let step: [number, number] | undefined;
    let disabled: number | undefined;
    const enabled: number[] = [];
    for (const u of c) {
      const a = at(u);
      if (!a.enabled) { if (disabled === undefined || u === entry) disabled = u; continue; }
      enabled.push(u);
      if (!step) {
        const succ = g.successors(u);
        const v = a.steps.find((t) => t !== u && inC.has(t) && includes(succ, t));
        if (v !== undefined) step = [u, v];
      }
    }
    if (fairness[k]!.strong) {
      if (step) witnesses.push(step);
      else if (enabled.length) return again(c.filter((u) => !at(u).enabled));
    } else if (disabled !== undefined) witnesses.push(disabled);
    else if (step) witnesses.push(step);
    else return undefined;
  }
  for (const p of visits) {
    if (p(entry)) continue;
    const u = c.find(p);
    if (u === undefined) return undefined;
    witnesses.push(u);
  }
  // Round the witnesses from `entry`, inside `c`, and back: the steps first, then the states the
  // path has not passed through yet.
  const path = [entry];
  let cur = entry;
  const goTo = (to: number) => { if (to !== cur) { path.push(...pathWithin(g, inC, cur, to)); cur = to; } };
  for (const w of witnesses) if (typeof w !== 'number') { goTo(w[0]); path.push(w[1]); cur = w[1]; }
  for (const w of witnesses) if (typeof w === 'number' && !path.includes(w)) goTo(w);
  goTo(entry);
  if (path.length > 1) path.pop(); // the return to `entry` closes the loop
  return { entry, path };
}

function includes(xs: ArrayLike<number>, x: number): boolean {
  for (let i = 0; i < xs.length; i++) if (xs[i] === x) return true;
  return false;
}

/** The states after `from` on a shortest path to `to` inside `inside` (both in it, `to` reachable). */
function pathWithin(g: StateGraph, inside: ReadonlySet<number>, from: number, to: number): number[] {
  const back = new Map<number, number>([[from, -1]]);
  const queue = [from];
  for (let h = 0; h < queue.length && !back.has(to); h++) {
    const u = queue[h]!, succ = g.successors(u);
    for (let j = 0; j < succ.length; j++) {
      const v = succ[j]!;
      if (!back.has(v) && inside.has(v)) { back.set(v, u); queue.push(v); }
    }
  }
  const out: number[] = [];
  for (let id = to; id !== from; id = back.get(id)!) out.push(id);
  return out.reverse();
}

/** Strongly connected components of the subgraph a node list induces (Tarjan's algorithm, without recursion). */
class Components {
  private readonly index: Int32Array;
  private readonly low: Int32Array;
  private readonly stamp: Int32Array;
  private readonly onStack: Uint8Array;
  private round = 0;
  constructor(private readonly g: StateGraph) {
    this.index = new Int32Array(g.size);
    this.low = new Int32Array(g.size);
    this.stamp = new Int32Array(g.size);
    this.onStack = new Uint8Array(g.size);
  }

  /** Each component's states, in the order of `nodes`. */
  of(nodes: readonly number[]): number[][] {
    const round = ++this.round, member = -round;
    const { index, low, stamp, onStack, g } = this;
    const rank = new Map<number, number>();
    nodes.forEach((u, i) => { stamp[u] = member; rank.set(u, i); });
    const out: number[][] = [];
    const stack: number[] = [];
    const calls: number[] = []; // pairs: node, next successor to look at
    let counter = 0;
    for (const root of nodes) {
      if (stamp[root] !== member) continue;
      const visit = (u: number) => { stamp[u] = round; index[u] = low[u] = counter++; stack.push(u); onStack[u] = 1; calls.push(u, 0); };
      visit(root);
      while (calls.length) {
        const u = calls[calls.length - 2]!, j = calls[calls.length - 1]!;
        const succ = g.successors(u);
        if (j < succ.length) {
          calls[calls.length - 1] = j + 1;
          const v = succ[j]!;
          if (stamp[v] === member) visit(v);
          else if (stamp[v] === round && onStack[v]) low[u] = Math.min(low[u]!, index[v]!);
          continue;
        }
        calls.length -= 2;
        if (calls.length) { const p = calls[calls.length - 2]!; low[p] = Math.min(low[p]!, low[u]!); }
        if (low[u] === index[u]) {
          const comp: number[] = [];
          let v: number;
          do { v = stack.pop()!; onStack[v] = 0; comp.push(v); } while (v !== u);
          out.push(comp.sort((a, b) => rank.get(a)! - rank.get(b)!));
        }
      }
    }
    return out;
  }
}
