/**
 * TLA+ values in the terms a kernel engineer reads: `(c1 :> "ok" @@ c2 :> "NULL")` becomes
 * `{c1: ok, c2: NULL}`, `<<a, b>>` `[a, b]`, `TRUE` `true`; and a state as one line per leaf,
 * `ctx[c1].buffer = freed`, descending into functions and records.
 */
import type { Step } from '../map/explain.js';
import type { Change } from '../check/values.js';
import { parseValue, showValue, type Value } from '../check/values.js';

/** One leaf of a state: `ctx[c1].buffer` and its readable value. */
export interface Leaf {
  readonly variable: string;
  readonly path: string;
  readonly value: string;
}

/** A value in JSON-like terms (strings unquoted, booleans lower case). */
export function readable(text: string): string {
  return show(parseValue(text));
}

function show(v: Value): string {
  switch (v.k) {
    case 'atom': return v.text === 'TRUE' ? 'true' : v.text === 'FALSE' ? 'false' : showValue(v.text).replace(/\s+/g, ' ');
    case 'fn': return `{${v.entries.map(([k, x]) => `${readable(k)}: ${show(x)}`).join(', ')}}`;
    case 'record': return `{${v.fields.map(([k, x]) => `${k}: ${show(x)}`).join(', ')}}`;
    case 'seq': return `[${v.items.map(show).join(', ')}]`;
    case 'set': return `{${v.items.map(show).join(', ')}}`;
  }
}

/** Every leaf of a variable: functions and records are opened, sets and sequences are values. */
export function leaves(variable: string, text: string): Leaf[] {
  const out: Leaf[] = [];
  const walk = (path: string, v: Value): void => {
    if (v.k === 'fn' && v.entries.length > 0) for (const [k, x] of v.entries) walk(`${path}[${readable(k)}]`, x);
    else if (v.k === 'record' && v.fields.length > 0) for (const [k, x] of v.fields) walk(`${path}.${k}`, x);
    else out.push({ variable, path, value: show(v) });
  };
  walk(variable, parseValue(text));
  return out;
}

/** Every leaf of a state, variable by variable. */
export function stateLeaves(vars: Readonly<Record<string, string>>): Leaf[] {
  return Object.entries(vars).flatMap(([k, v]) => leaves(k, v));
}

/** `ctx[c1].buffer: ok → freed`, or `counter = 0` for a new value. */
export function readableChange(c: Change): string {
  return c.from === undefined ? `${c.path} = ${readable(c.to)}` : `${c.path}: ${readable(c.from)} → ${readable(c.to)}`;
}

/**
 * What a step did, as `[what, how]` rows: label moves (`t1:`, `lock → use`), then the other
 * changes in readable terms; the actor's call stack, when decoded, is the last row (`calls of t1:`).
 */
export function stepRows(s: Step): [string, string][] {
  const calls = s.effects.filter((e) => e.startsWith('calls of '));
  return [
    ...s.labels.map((l): [string, string] => [`${l.id}:`, `${l.from} → ${l.to}`]),
    ...s.changes
      .filter((c) => !(c.variable === 'pc' && s.labels.length > 0) && !(c.variable === 'stack' && calls.length > 0))
      .map((c): [string, string] => [`${c.path}:`, c.from === undefined ? readable(c.to) : `${readable(c.from)} → ${readable(c.to)}`]),
    ...calls.map((c): [string, string] => { const at = c.indexOf(': '); return [c.slice(0, at + 1), c.slice(at + 2)]; }),
  ];
}
