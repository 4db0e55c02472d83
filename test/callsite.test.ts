/**
 * dsl/author/callsite.ts: which stack frame is the DSL user's call site. Stacks are taken ten
 * frames deep (every builder's user frame is within them) and again 40 deep when none is, as
 * V8's call-site objects; only the user's frame is formatted, by the formatter in place.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { rootedCallSite, thrownInLibrary, userFrame } from '../dsl/author/callsite.js';
import { PROJECT_ROOT } from './helpers/root.js';

const HERE = fileURLToPath(import.meta.url);
const DSL = path.join(PROJECT_ROOT, 'dsl');
const stack = (...frames: string[]) => ['Error', ...frames.map((f) => `    at ${f}`)].join('\n');

describe('userFrame', () => {
  it.each([
    ['the first frame outside dsl/ and node_modules', stack(`m (${DSL}/author/model.ts:3:4)`, `x (${PROJECT_ROOT}/node_modules/a/b.js:1:1)`, `f (${PROJECT_ROOT}/models/x.ts:12:5)`), { file: 'models/x.ts', line: 12, col: 5 }],
    ['a file:// URL, a frame with no function name', stack(`${'file://'}${DSL}/author/model.ts:3:4`, `file://${PROJECT_ROOT}/models/y.ts:7:9`), { file: 'models/y.ts', line: 7, col: 9 }],
    ['node:internal and native frames are skipped', stack('node:internal/x:1:1', 'Array.map (<anonymous>)', `g (${PROJECT_ROOT}/test/z.ts:2:3)`), { file: 'test/z.ts', line: 2, col: 3 }],
    ['deep: the twelfth frame', stack(...Array.from({ length: 11 }, (_, i) => `h (${DSL}/lower/f.ts:${i + 1}:1)`), `u (${PROJECT_ROOT}/models/deep.ts:40:2)`), { file: 'models/deep.ts', line: 40, col: 2 }],
  ])('%s', (_, s, loc) => {
    expect(userFrame(s)).toEqual({ loc, root: PROJECT_ROOT });
  });

  it('none: only library, dependency and internal frames', () => {
    expect(userFrame(stack(`m (${DSL}/author/model.ts:3:4)`, `x (${PROJECT_ROOT}/node_modules/a/b.js:1:1)`, 'node:internal/x:1:1'))).toBeUndefined();
    expect(userFrame('Error: no frames')).toBeUndefined();
  });
});

describe('thrownInLibrary', () => {
  it.each([
    [stack(`m (${DSL}/author/model.ts:3:4)`, `f (${PROJECT_ROOT}/models/x.ts:1:1)`), true],
    [stack(`f (${PROJECT_ROOT}/models/x.ts:1:1)`, `m (${DSL}/author/model.ts:3:4)`), false],
    [stack(`file://${DSL}/emit/expr.ts:1:1`), true],
    ['Error: no frames', false],
  ])('%#', (s, inLibrary) => {
    expect(thrownInLibrary(s)).toBe(inLibrary);
  });
});

describe('rootedCallSite', () => {
  it('names this file and line when called from it', () => {
    const site = rootedCallSite(); const line = Number(new Error().stack!.split('\n')[1]!.match(/:(\d+):\d+\)?$/)![1]);
    expect(site.root).toBe(PROJECT_ROOT);
    expect(site.loc.file).toBe(path.relative(PROJECT_ROOT, HERE));
    expect(site.loc.line).toBe(line);
  });

  it('finds the user frame past the first ten, behind frames of no file (a deeper stack is taken)', () => {
    // Twelve nested functions compiled with a filename that is not a path: none is the user's.
    const nest = vm.runInThisContext(`(function nest(n, f) { return n === 0 ? f() : nest(n - 1, f); })`, { filename: 'nested-frames' }) as (n: number, f: () => unknown) => ReturnType<typeof rootedCallSite>;
    const deep = nest(12, rootedCallSite); const line = Number(new Error().stack!.split('\n')[1]!.match(/:(\d+):\d+\)?$/)![1]);
    expect(deep.loc.file).toBe(path.relative(PROJECT_ROOT, HERE));
    expect(deep.loc.line).toBe(line);
    // Past 40 frames of no file, none is found.
    expect(nest(45, rootedCallSite).loc).toEqual({ file: '<unknown>', line: 0, col: 0 });
  });

  /** Runs `f` with `prepare` as Error.prepareStackTrace, then puts back the one in place. */
  const withFormatter = <T>(prepare: ((e: Error, frames: NodeJS.CallSite[]) => unknown) | undefined, f: () => T): T => {
    const saved = Error.prepareStackTrace;
    // undefined is what a runtime without an exposed formatter has (the types say there is always one).
    Error.prepareStackTrace = prepare as typeof Error.prepareStackTrace;
    try { return f(); } finally { Error.prepareStackTrace = saved; }
  };

  it('hands the formatter in place (Node\'s or vitest\'s, which apply the source maps) the user\'s frame alone, and reads the position it prints', () => {
    const seen: string[][] = [];
    const site = withFormatter((_e, frames) => {
      seen.push(frames.map((f) => String(f.getFileName())));
      return `Error\n    at mapped (${PROJECT_ROOT}/models/mapped.ts:77:5)`;
    }, rootedCallSite);
    expect(seen).toEqual([[HERE]]);
    expect(site).toEqual({ loc: { file: 'models/mapped.ts', line: 77, col: 5 }, root: PROJECT_ROOT });
  });

  it('passes over frames of no file (a builtin that called the builder) to the user\'s', () => {
    // Array.prototype.map's frame, between rootedCallSite and this test, names no file.
    const [site] = [0].map(rootedCallSite); const line = Number(new Error().stack!.split('\n')[1]!.match(/:(\d+):\d+\)?$/)![1]);
    expect(site!.loc).toEqual({ file: path.relative(PROJECT_ROOT, HERE), line, col: expect.any(Number) });
  });

  it('a user frame the formatter prints no position for: unknown, not a crash', () => {
    expect(withFormatter(() => 'Error\n    at <no position>', rootedCallSite)).toEqual({ loc: { file: '<unknown>', line: 0, col: 0 }, root: process.cwd() });
  });

  it('a user frame printed without a position is passed over for the next one, as in a stack\'s text; lines after the frame\'s are read too', () => {
    const inner = () => rootedCallSite();
    const format = (_e: Error, [f]: NodeJS.CallSite[]) => f!.getFunctionName() === 'inner' ? 'Error\n    at <no position>' : `Error\n    at outer (${PROJECT_ROOT}/models/outer.ts:9:3)\n`;
    expect(withFormatter(format, inner).loc).toEqual({ file: 'models/outer.ts', line: 9, col: 3 });
  });

  it('puts back the stack trace limit and the formatter, also when the formatter throws', () => {
    const saved = Error.stackTraceLimit;
    try {
      Error.stackTraceLimit = 77;
      const format = () => { throw new Error('formatter failed'); };
      expect(() => withFormatter(format, () => {
        try { return rootedCallSite(); } finally { expect(Error.prepareStackTrace).toBe(format); }
      })).toThrow('formatter failed');
      expect(Error.stackTraceLimit).toBe(77);
      rootedCallSite();
      expect(Error.stackTraceLimit).toBe(77);
      withFormatter(undefined, rootedCallSite);
      expect(Error.stackTraceLimit).toBe(77);
    } finally {
      Error.stackTraceLimit = saved;
    }
  });

  it('with no formatter in place, reads the stack as V8 prints it (Node source-maps it; vitest\'s modules are not), at the user\'s frame', () => {
    const raw = () => withFormatter((_e, frames) => frames, () => {
      const holder = {} as { stack: NodeJS.CallSite[] };
      Error.captureStackTrace(holder, raw);
      return holder.stack[0]!;
    });
    const [site, here] = withFormatter(undefined, () => [rootedCallSite(), raw()] as const);
    expect(site.loc).toEqual({ file: path.relative(PROJECT_ROOT, HERE), line: here.getLineNumber(), col: expect.any(Number) });
  });
});
