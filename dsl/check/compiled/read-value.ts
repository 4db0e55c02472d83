/**
 * A value as a trace prints it (TLC, tla-checker, and `show` here print alike) read back into
 * this verifier's values, so that the module's formulas can be evaluated on another checker's
 * states. What it cannot read for certain gives undefined: an identifier that is none of the
 * config's model values, a set TLC keeps lazy (`1..3`, `[S -> T]`), text that does not parse.
 */
import { parseValue, type Value as Printed } from '../values.js';
import { EvalError, makeFn, makeRecord, ModelValue, SetValue, TupleValue, type Value } from './values.js';

/**
 * `text` as a value, model values among `modelValues`; sets and records are ordered by the order
 * entered now (`enterOrder`). A set or a function's domain whose elements TLC cannot compare
 * (`{1, "a"}`) is undefined too.
 */
export function readValue(text: string, modelValues: ReadonlySet<string>): Value | undefined {
  const read = (p: Printed): Value | undefined => {
    switch (p.k) {
      case 'atom': return atom(p.text, modelValues);
      case 'seq': { const xs = every(p.items.map(read)); return xs && new TupleValue(xs); }
      case 'set': { const xs = every(p.items.map(read)); return xs && SetValue.of(xs); }
      case 'record': { const xs = every(p.fields.map(([, v]) => read(v))); return xs && makeRecord(p.fields.map(([n]) => n), xs); }
      case 'fn': {
        const keys = every(p.entries.map(([k]) => read(parseValue(k))));
        const vals = every(p.entries.map(([, v]) => read(v)));
        return keys && vals && makeFn(keys, vals);
      }
    }
  };
  try {
    return read(parseValue(text));
  } catch (err) {
    if (err instanceof EvalError) return undefined;
    throw err;
  }
}

function atom(text: string, modelValues: ReadonlySet<string>): Value | undefined {
  if (text === 'TRUE') return true;
  if (text === 'FALSE') return false;
  if (/^-?\d+$/.test(text)) { const n = Number(text); return Number.isSafeInteger(n) ? n : undefined; }
  // TLC escapes \ " \t \n \f \r in strings as JSON does.
  if (text.startsWith('"')) { try { const s: unknown = JSON.parse(text); return typeof s === 'string' ? s : undefined; } catch { return undefined; } }
  return modelValues.has(text) ? ModelValue.of(text) : undefined;
}

const every = (xs: readonly (Value | undefined)[]): Value[] | undefined => (xs.every((x) => x !== undefined) ? xs as Value[] : undefined);
