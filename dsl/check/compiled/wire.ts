/**
 * Values and errors as plain data, to cross between threads (the parallel search): a message
 * can carry numbers, strings, arrays and typed arrays but not the classes of values.ts, so
 * composite values travel as tagged arrays and are rebuilt on the other side, normalised as
 * they were sent (no re-sorting).
 */
import { AssertFailure } from './compile.js';
import type { Batch, BatchResult } from './expand.js';
import type { TlaLocation } from '../result.js';
import { EvalError, FnSetValue, FnValue, IntervalValue, ModelValue, RecordSetValue, RecordValue, SeqSetValue, SetValue, SubsetValue, TupleValue, type Value } from './values.js';

export type Wire = boolean | number | string | readonly [tag: string, ...rest: unknown[]];

export function toWire(v: Value): Wire {
  switch (typeof v) {
    case 'boolean': case 'number': return v;
    case 'string': return ['s', v];
  }
  if (v instanceof ModelValue) return ['m', v.name];
  if (v instanceof SetValue) return ['S', v.elems.map(toWire)];
  if (v instanceof TupleValue) return ['T', v.elems.map(toWire)];
  if (v instanceof RecordValue) return ['R', v.names, v.vals.map(toWire)];
  if (v instanceof FnValue) return ['F', v.dom.map(toWire), v.vals.map(toWire)];
  if (v instanceof IntervalValue) return ['I', v.lo, v.hi];
  if (v instanceof FnSetValue) return ['FS', toWire(v.dom), toWire(v.rng)];
  if (v instanceof SubsetValue) return ['P', toWire(v.base)];
  if (v instanceof SeqSetValue) return ['Q', toWire(v.base)];
  return ['RS', v.names, v.sets.map(toWire)];
}

export function fromWire(w: Wire): Value {
  if (typeof w !== 'object') return w;
  const list = (x: unknown) => (x as Wire[]).map(fromWire);
  switch (w[0]) {
    case 's': return w[1] as string;
    case 'm': return ModelValue.of(w[1] as string);
    case 'S': return new SetValue(list(w[1]));
    case 'T': return new TupleValue(list(w[1]));
    case 'R': return new RecordValue(w[1] as string[], list(w[2]));
    case 'F': return new FnValue(list(w[1]), list(w[2]));
    case 'I': return new IntervalValue(w[1] as number, w[2] as number);
    case 'FS': return new FnSetValue(fromWire(w[1] as Wire), fromWire(w[2] as Wire));
    case 'P': return new SubsetValue(fromWire(w[1] as Wire));
    case 'Q': return new SeqSetValue(fromWire(w[1] as Wire));
    case 'RS': return new RecordSetValue(w[1] as string[], list(w[2]));
  }
  throw new Error(`not a value on the wire: ${JSON.stringify(w)}`);
}

/** An error thrown while generating successors, as data: rebuilt, it is what the search would have caught. */
export type WireError =
  | { readonly kind: 'assert'; readonly name: string; readonly location?: TlaLocation; readonly frames: readonly unknown[] }
  | { readonly kind: 'eval'; readonly message: string; readonly frames: readonly unknown[]; readonly inAssert?: string; readonly place?: TlaLocation }
  | { readonly kind: 'other'; readonly message: string };

export function errorToWire(err: unknown): WireError {
  if (err instanceof AssertFailure) return { kind: 'assert', name: err.assertName, ...(err.location ? { location: err.location } : {}), frames: err.frames };
  if (err instanceof EvalError) return { kind: 'eval', message: err.message, frames: err.frames, ...(err.inAssert !== undefined ? { inAssert: err.inAssert } : {}), ...(err.place ? { place: err.place } : {}) };
  return { kind: 'other', message: err instanceof Error ? err.message : String(err) };
}

export function errorFromWire(w: WireError): Error {
  if (w.kind === 'other') return new Error(w.message);
  const err = w.kind === 'assert' ? new AssertFailure(w.name, w.location) : new EvalError(w.message);
  err.frames.push(...w.frames);
  if (w.kind === 'eval' && w.inAssert !== undefined) err.inAssert = w.inAssert;
  if (w.kind === 'eval' && w.place) (err as EvalError).place = w.place;
  return err;
}

/** A batch as a message: its values as plain data. */
export interface WireBatch extends Omit<Batch, 'added'> { readonly added: readonly (readonly Wire[])[] }
export interface WireResult extends Omit<BatchResult, 'fresh' | 'args' | 'stop'> {
  readonly fresh: readonly (readonly Wire[])[];
  readonly args: ReadonlyMap<number, readonly Wire[]>;
  readonly stop?: { readonly property: string } | { readonly error: WireError; readonly checking?: string };
}

export function batchToWire(b: Batch): WireBatch {
  return { ...b, added: b.added.map((vs) => vs.map(toWire)) };
}
export function batchFromWire(w: WireBatch): Batch {
  return { ...w, added: w.added.map((ws) => ws.map(fromWire)) };
}
export function resultToWire(r: BatchResult): WireResult {
  const { stop, ...rest } = r;
  return {
    ...rest, fresh: r.fresh.map((vs) => vs.map(toWire)), args: new Map([...r.args].map(([k, vs]) => [k, vs.map(toWire)])),
    ...(stop ? { stop: 'error' in stop ? { ...stop, error: errorToWire(stop.error) } : stop } : {}),
  };
}
export function resultFromWire(w: WireResult): BatchResult {
  const { stop, ...rest } = w;
  return {
    ...rest, fresh: w.fresh.map((ws) => ws.map(fromWire)), args: new Map([...w.args].map(([k, ws]) => [k, ws.map(fromWire)])),
    ...(stop ? { stop: 'error' in stop ? { ...stop, error: errorFromWire(stop.error) } : stop } : {}),
  };
}
