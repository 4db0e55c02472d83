/**
 * What the compiled search watches besides its checks (dsl/check/compiled/watch.ts): covers
 * (first witness, errors, unreached versus undecided) and per-action successor counts, with the
 * undo of an abandoned expansion. The Watch is driven directly, over hand-made covers.
 */
import { describe, expect, it } from 'vitest';
import type { ActionInfo, CompiledSpec, Env } from '../dsl/check/compiled/compile.js';
import type { Step } from '../dsl/check/compiled/search.js';
import type { Value } from '../dsl/check/compiled/values.js';
import { Watch } from '../dsl/check/compiled/watch.js';

type Check = (e: Env) => Value;
/** A spec with only covers (all the Watch reads), each counting its evaluations. */
function specWith(covers: Record<string, Check>) {
  const calls: Record<string, number> = {};
  const list = Object.entries(covers).map(([name, f]) => ({ name, check: (e: Env) => { calls[name] = (calls[name] ?? 0) + 1; return f(e); } }));
  return { spec: { covers: list } as unknown as CompiledSpec, calls };
}
const env = (): Env => ({ s: [], n: [], b: [], at: undefined, action: undefined, args: [], entered: 0, undo: [], suppressed: new Set() });
const step = (x: number): Step => ({ values: [x] });
/** The trace a witness becomes: the values of its steps. */
const toTrace = (steps: readonly Step[]) => steps.map((s, i) => ({ index: i + 1, vars: { x: String(s.values[0]) } }));
const action = (name: string): ActionInfo => ({ name, params: [] });

describe('Watch: covers', () => {
  it('a cover is reached at the first state where it holds, with that state\'s trace; it is not evaluated again', () => {
    const { spec, calls } = specWith({ Two: (e) => e.s[0] === 2, Three: (e) => e.s[0] === 3 });
    const w = new Watch(spec, env());
    let traces = 0;
    for (const x of [0, 1, 2, 2, 1]) w.state([x], () => { traces++; return [step(0), step(x)]; });
    expect(traces).toBe(1);
    expect(calls).toEqual({ Two: 3, Three: 5 });
    expect(w.covers(true, 'stopped', toTrace)).toEqual([
      { name: 'Two', status: 'reached', witness: [{ index: 1, vars: { x: '0' } }, { index: 2, vars: { x: '2' } }] },
      { name: 'Three', status: 'unreached' },
    ]);
    expect(w.covers(false, 'the time limit', toTrace)[1]).toEqual({ name: 'Three', status: 'undecided', reason: 'the time limit' });
  });
  it('once every cover is decided, states are no longer looked at', () => {
    const { spec, calls } = specWith({ Any: () => true });
    const e = env();
    const w = new Watch(spec, e);
    w.state([0], () => [step(0)]);
    const seen = [5];
    w.state(seen, () => [step(5)]);
    expect(calls).toEqual({ Any: 1 });
    expect(e.s).toEqual([0]);
    expect(e.s).not.toBe(seen);
  });
  it('with no covers nothing is evaluated and there is nothing to report', () => {
    const { spec } = specWith({});
    const e = env();
    const w = new Watch(spec, e);
    w.state([1], () => { throw new Error('no trace wanted'); });
    expect(e.s).toEqual([]);
    expect(w.covers(true, 'x', toTrace)).toEqual([]);
  });
  it('a cover that fails to evaluate is undecided with the error, complete or not, and is not evaluated again; the others go on', () => {
    const { spec, calls } = specWith({
      Throws: () => { throw new Error('Head of the empty sequence'); },
      ThrowsText: () => { throw 'plain text'; },
      NotBool: () => 7,
      AString: () => 'on',
      Late: (e) => e.s[0] === 1,
    });
    const w = new Watch(spec, env());
    w.state([0], () => [step(0)]);
    w.state([1], () => [step(0), step(1)]);
    w.state([2], () => [step(2)]);
    expect(calls).toEqual({ Throws: 1, ThrowsText: 1, NotBool: 1, AString: 1, Late: 2 });
    const reasons = [
      { name: 'Throws', status: 'undecided', reason: 'evaluating it failed: Head of the empty sequence' },
      { name: 'ThrowsText', status: 'undecided', reason: 'evaluating it failed: plain text' },
      { name: 'NotBool', status: 'undecided', reason: 'evaluating it failed: the cover NotBool is not a boolean' },
      // A string value is a value like 7, not an error message.
      { name: 'AString', status: 'undecided', reason: 'evaluating it failed: the cover AString is not a boolean' },
    ];
    expect(w.covers(true, 'stopped', toTrace)).toEqual([...reasons, { name: 'Late', status: 'reached', witness: [{ index: 1, vars: { x: '0' } }, { index: 2, vars: { x: '1' } }] }]);
    expect(w.covers(false, 'stopped', toTrace).slice(0, 4)).toEqual(reasons);
  });
  it('a cover that is false everywhere leaves the search watching', () => {
    const { spec, calls } = specWith({ Never: () => false });
    const w = new Watch(spec, env());
    for (const x of [0, 1, 2]) w.state([x], () => [step(x)]);
    expect(calls).toEqual({ Never: 3 });
    expect(w.covers(true, 's', toTrace)).toEqual([{ name: 'Never', status: 'unreached' }]);
  });
});

describe('Watch: step coverage', () => {
  it('counts each action\'s successors, summed by name, in the order asked, 0 for one never taken', () => {
    const { spec } = specWith({});
    const w = new Watch(spec, env(), true);
    const up = action('Up'), upAgain = action('Up'), down = action('Down');
    w.expand();
    for (const a of [up, up, down, upAgain, undefined]) w.successor(a);
    expect(w.coverage(['Down', 'Never', 'Up'])).toEqual([
      { kind: 'action', name: 'Down', generated: 1 },
      { kind: 'action', name: 'Never', generated: 0 },
      { kind: 'action', name: 'Up', generated: 3 },
    ]);
  });
  it('counts nothing unless asked to', () => {
    const { spec } = specWith({});
    const w = new Watch(spec, env());
    w.successor(action('Up'));
    expect(w.coverage(['Up'])).toEqual([{ kind: 'action', name: 'Up', generated: 0 }]);
  });
  it('an expansion started again forgets what the abandoned one counted, and only that', () => {
    const { spec } = specWith({});
    const w = new Watch(spec, env(), true);
    const up = action('Up'), down = action('Down');
    w.expand();
    w.successor(up); w.successor(down);
    w.expand(); // the next state: what came before stays counted
    w.successor(up); w.successor(up);
    w.expand(true); // that state again: its two Up successors were abandoned
    w.successor(up);
    expect(w.coverage(['Up', 'Down'])).toEqual([
      { kind: 'action', name: 'Up', generated: 2 },
      { kind: 'action', name: 'Down', generated: 1 },
    ]);
    w.expand(true); // undone once more: only the last expansion's one Up
    expect(w.coverage(['Up'])).toEqual([{ kind: 'action', name: 'Up', generated: 1 }]);
    w.expand(true); // nothing pending any more
    expect(w.coverage(['Up', 'Down'])).toEqual([{ kind: 'action', name: 'Up', generated: 1 }, { kind: 'action', name: 'Down', generated: 1 }]);
  });
});
