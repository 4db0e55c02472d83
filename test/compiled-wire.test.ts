/**
 * The parallel search's wire format (dsl/check/compiled/wire.ts): each kind of value as the tagged
 * array that crosses to another thread, and back as the same class with the same contents in the
 * same order (never re-sorted); errors thrown while generating successors, as data and back as
 * the error the search would have caught. Values are built inside each test (a table built at load
 * would hide a mutant: see README, "Mutation testing").
 */
import { describe, expect, it } from 'vitest';
import { AssertFailure } from '../dsl/check/compiled/compile.js';
import {
  EvalError, messageOf, FnSetValue, FnValue, IntervalValue, ModelValue, RecordSetValue, RecordValue, SeqSetValue, SetValue, SubsetValue, TupleValue, type Value,
} from '../dsl/check/compiled/values.js';
import { batchFromWire, batchToWire, errorFromWire, errorToWire, fromWire, resultFromWire, resultToWire, toWire, type Wire } from '../dsl/check/compiled/wire.js';
import type { TlaLocation } from '../dsl/check/result.js';

describe('values on the wire', () => {
  it('booleans and numbers cross as themselves, strings and model values tagged', () => {
    expect(toWire(true)).toBe(true);
    expect(toWire(false)).toBe(false);
    expect(toWire(0)).toBe(0);
    expect(toWire(-7)).toBe(-7);
    expect(toWire('a')).toEqual(['s', 'a']);
    expect(toWire(ModelValue.of('t1'))).toEqual(['m', 't1']);
    expect(fromWire(true)).toBe(true);
    expect(fromWire(3)).toBe(3);
    expect(fromWire(['s', 'a'])).toBe('a');
    // Model values are interned: the one rebuilt is the same object, so identity comparisons hold.
    expect(fromWire(['m', 't1'])).toBe(ModelValue.of('t1'));
  });

  it('each composite value: its tag and contents, in the order sent', () => {
    const t1 = ModelValue.of('t1');
    const cases: [Value, Wire][] = [
      // Deliberately unsorted: the wire keeps the order it was given.
      [new SetValue([3, 1, 2]), ['S', [3, 1, 2]]],
      [new TupleValue(['x', true]), ['T', [['s', 'x'], true]]],
      [new RecordValue(['b', 'a'], [1, t1]), ['R', ['b', 'a'], [1, ['m', 't1']]]],
      [new FnValue([t1, 'k'], [new SetValue([]), 0]), ['F', [['m', 't1'], ['s', 'k']], [['S', []], 0]]],
      [new IntervalValue(2, 5), ['I', 2, 5]],
      [new FnSetValue(new IntervalValue(0, 1), new SetValue([false, true])), ['FS', ['I', 0, 1], ['S', [false, true]]]],
      [new SubsetValue(new IntervalValue(1, 3)), ['P', ['I', 1, 3]]],
      [new SeqSetValue(new SetValue([t1])), ['Q', ['S', [['m', 't1']]]]],
      [new RecordSetValue(['ok', 'n'], [new SetValue([false, true]), new IntervalValue(0, 2)]), ['RS', ['ok', 'n'], [['S', [false, true]], ['I', 0, 2]]]],
    ];
    for (const [value, wire] of cases) {
      expect(toWire(value), value.constructor.name).toStrictEqual(wire);
      const back = fromWire(wire);
      expect(back, value.constructor.name).toBeInstanceOf(value.constructor);
      expect(back, value.constructor.name).toStrictEqual(value);
    }
  });

  it('nested values rebuild at every level', () => {
    const inner = new RecordValue(['a'], [new TupleValue([1, 2])]);
    const v = new SetValue([new FnValue([1], [inner]), new SubsetValue(new SetValue(['x']))]);
    const back = fromWire(toWire(v)) as SetValue;
    expect(back).toStrictEqual(v);
    const fnBack = back.elems[0] as FnValue;
    expect(fnBack).toBeInstanceOf(FnValue);
    expect(fnBack.vals[0]).toBeInstanceOf(RecordValue);
    expect((fnBack.vals[0] as RecordValue).vals[0]).toBeInstanceOf(TupleValue);
    expect((back.elems[1] as SubsetValue).base).toBeInstanceOf(SetValue);
  });

  it('an unknown tag is refused, naming what arrived', () => {
    expect(() => fromWire(['X', 1])).toThrow(new Error('not a value on the wire: ["X",1]'));
    expect(() => fromWire([] as unknown as Wire)).toThrow(new Error('not a value on the wire: []'));
  });
});

describe('errors on the wire', () => {
  const where: TlaLocation = { module: 'M', startLine: 3, startCol: 5, endLine: 3, endCol: 20 };

  it('an assert failure: its name, location and frames, rebuilt as an AssertFailure', () => {
    const err = new AssertFailure('NoDoubleFree', where);
    err.frames.push('outer', 'inner');
    const w = errorToWire(err);
    expect(w).toStrictEqual({ kind: 'assert', name: 'NoDoubleFree', location: where, frames: ['outer', 'inner'] });
    const back = errorFromWire(w);
    expect(back).toBeInstanceOf(AssertFailure);
    expect(back.message).toBe(err.message);
    expect((back as AssertFailure).assertName).toBe('NoDoubleFree');
    expect((back as AssertFailure).location).toStrictEqual(where);
    expect((back as AssertFailure).frames).toStrictEqual(['outer', 'inner']);
  });

  it('an assert failure without a location has no location key', () => {
    const w = errorToWire(new AssertFailure('A', undefined));
    expect(w).toStrictEqual({ kind: 'assert', name: 'A', frames: [] });
    expect('location' in w).toBe(false);
    const back = errorFromWire(w) as AssertFailure;
    expect(back).toBeInstanceOf(AssertFailure);
    expect(back.location).toBeUndefined();
    expect(back.frames).toStrictEqual([]);
  });

  it('an evaluation error: its message, frames and the assert it happened in', () => {
    const err = new EvalError('Attempted to apply function to an argument out of its domain');
    err.frames.push(where);
    err.inAssert = 'Guard';
    const w = errorToWire(err);
    expect(w).toStrictEqual({ kind: 'eval', message: 'Attempted to apply function to an argument out of its domain', frames: [where], inAssert: 'Guard' });
    const back = errorFromWire(w);
    expect(back).toBeInstanceOf(EvalError);
    expect(back).not.toBeInstanceOf(AssertFailure);
    expect(back.message).toBe('Attempted to apply function to an argument out of its domain');
    expect((back as EvalError).frames).toStrictEqual([where]);
    expect((back as EvalError).inAssert).toBe('Guard');
  });

  it('an evaluation error outside any assert keeps inAssert unset (an empty name is still one)', () => {
    const plain = errorToWire(new EvalError('boom'));
    expect(plain).toStrictEqual({ kind: 'eval', message: 'boom', frames: [] });
    expect((errorFromWire(plain) as EvalError).inAssert).toBeUndefined();
    const empty = new EvalError('boom');
    empty.inAssert = '';
    expect(errorToWire(empty)).toStrictEqual({ kind: 'eval', message: 'boom', frames: [], inAssert: '' });
    expect((errorFromWire({ kind: 'eval', message: 'boom', frames: [], inAssert: '' }) as EvalError).inAssert).toBe('');
  });

  it('an error whose message TLC ends with its place (a CASE with no arm true) keeps the place: it is written out where it is reported', () => {
    const err = new EvalError('Attempted to evaluate a CASE with no conditions true.');
    err.place = where;
    err.frames.push(where);
    const w = errorToWire(err);
    expect(w).toStrictEqual({ kind: 'eval', message: err.message, frames: [where], place: where });
    const back = errorFromWire(w) as EvalError;
    expect(back.place).toStrictEqual(where);
    expect(messageOf(back)).toBe(`Attempted to evaluate a CASE with no conditions true.\nline ${where.startLine}, col ${where.startCol} to line ${where.endLine}, col ${where.endCol} of module ${where.module}`);
    expect((errorFromWire(errorToWire(new EvalError('boom'))) as EvalError).place).toBeUndefined();
    expect(messageOf(new EvalError('boom'))).toBe('boom');
  });

  it('any other error, or a thrown non-error, crosses as its message and comes back a plain Error', () => {
    expect(errorToWire(new RangeError('too deep'))).toStrictEqual({ kind: 'other', message: 'too deep' });
    expect(errorToWire('a string')).toStrictEqual({ kind: 'other', message: 'a string' });
    expect(errorToWire(42)).toStrictEqual({ kind: 'other', message: '42' });
    const back = errorFromWire({ kind: 'other', message: 'too deep' });
    expect(back).toBeInstanceOf(Error);
    expect(back).not.toBeInstanceOf(EvalError);
    expect(back.message).toBe('too deep');
  });
});

describe('batches and their results on the wire', () => {
  it('a batch: its added values per variable as wire values, its rows untouched; and back', () => {
    const t1 = ModelValue.of('t1');
    const rows = Int32Array.of(0, 1, 1, 0);
    const w = batchToWire({ added: [[new SetValue([2, 1]), 'a'], [t1]], rows });
    expect(w.added).toStrictEqual([[['S', [2, 1]], ['s', 'a']], [['m', 't1']]]);
    expect(w.rows).toBe(rows);
    expect(Object.keys(w).sort()).toEqual(['added', 'rows']);
    const back = batchFromWire(structuredClone(w));
    expect(back.added).toStrictEqual([[new SetValue([2, 1]), 'a'], [t1]]);
    expect(back.added[0]![0]).toBeInstanceOf(SetValue);
    expect(back.added[1]![0]).toBe(t1);
    expect([...back.rows]).toEqual([0, 1, 1, 0]);
  });

  it('a result without a stop: counts, rows, flags, actions as sent, fresh values and arguments as wire values; no stop key', () => {
    const r = {
      expanded: 2, counts: Int32Array.of(1, 2), rows: Int32Array.of(0, -1, 3), flags: Int32Array.of(0, 1, 0), actions: Int32Array.of(0, 1, -1),
      fresh: [[new TupleValue([1, 'x'])], []], args: new Map<number, readonly Value[]>([[1, [ModelValue.of('p1'), 4]]]),
    };
    const w = resultToWire(r);
    expect(w.fresh).toStrictEqual([[['T', [1, ['s', 'x']]]], []]);
    expect([...w.args]).toStrictEqual([[1, [['m', 'p1'], 4]]]);
    expect(w.expanded).toBe(2);
    expect(w.counts).toBe(r.counts);
    expect(w.rows).toBe(r.rows);
    expect(w.flags).toBe(r.flags);
    expect(w.actions).toBe(r.actions);
    expect('stop' in w).toBe(false);
    const back = resultFromWire(structuredClone(w));
    expect('stop' in back).toBe(false);
    expect(back.expanded).toBe(2);
    expect([...back.counts]).toEqual([1, 2]);
    expect([...back.rows]).toEqual([0, -1, 3]);
    expect([...back.flags]).toEqual([0, 1, 0]);
    expect([...back.actions]).toEqual([0, 1, -1]);
    expect(back.fresh).toStrictEqual([[new TupleValue([1, 'x'])], []]);
    expect(back.fresh[0]![0]).toBeInstanceOf(TupleValue);
    expect(back.args).toBeInstanceOf(Map);
    expect([...back.args]).toStrictEqual([[1, [ModelValue.of('p1'), 4]]]);
    expect(back.args.get(1)![0]).toBe(ModelValue.of('p1'));
  });

  it('a result stopped by a failed action property keeps the property name as it is', () => {
    const r = { expanded: 1, counts: Int32Array.of(1), rows: Int32Array.of(0), flags: Int32Array.of(2), actions: Int32Array.of(0), fresh: [[]], args: new Map(), stop: { property: 'Mono' } };
    const w = resultToWire(r);
    expect(w.stop).toStrictEqual({ property: 'Mono' });
    expect(resultFromWire(structuredClone(w)).stop).toStrictEqual({ property: 'Mono' });
  });

  it('a result stopped by an error carries the error as data and rebuilds it as the error the search would have caught', () => {
    const where: TlaLocation = { module: 'M', startLine: 7, startCol: 1, endLine: 7, endCol: 9 };
    const err = new AssertFailure('Safe', where);
    err.frames.push(where);
    const r = { expanded: 3, counts: Int32Array.of(1, 1, 1), rows: Int32Array.of(0, 0, 0), flags: Int32Array.of(0, 0, 4), actions: Int32Array.of(0, 0, 0), fresh: [[]], args: new Map(), stop: { error: err } };
    const w = resultToWire(r);
    expect(w.stop).toStrictEqual({ error: { kind: 'assert', name: 'Safe', location: where, frames: [where] } });
    const back = resultFromWire(structuredClone(w));
    const stop = back.stop as { error: AssertFailure };
    expect(Object.keys(back.stop!)).toEqual(['error']);
    expect(stop.error).toBeInstanceOf(AssertFailure);
    expect(stop.error.assertName).toBe('Safe');
    expect(stop.error.location).toStrictEqual(where);
    expect(stop.error.frames).toStrictEqual([where]);
    const evalStop = resultFromWire(structuredClone(resultToWire({ ...r, stop: { error: new EvalError('out of domain') } }))).stop as { error: EvalError };
    expect(evalStop.error).toBeInstanceOf(EvalError);
    expect(evalStop.error.message).toBe('out of domain');
    // What was being checked when it was raised travels with it.
    const checked = resultFromWire(structuredClone(resultToWire({ ...r, stop: { error: new EvalError('out of domain'), checking: 'action property Mono' } }))).stop as { error: EvalError; checking: string };
    expect([checked.checking, checked.error.message]).toEqual(['action property Mono', 'out of domain']);
  });
});
