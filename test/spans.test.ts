/**
 * Source spans with columns: the resolver that widens a V8 call site to its whole call
 * (dsl/map/spans.ts), and the source map built from them (dsl/map/sourcemap.ts). Expected spans
 * are found in the fixture's text by bracket counting (test/helpers/t2-source.ts), not by
 * ts-morph, and compared line and column, start and end.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberingResolver } from '../dsl/cli/span-memo.js';
import type { SourceLoc } from '../dsl/ir/nodes.js';
import type { SpanEntry } from '../dsl/emit/writer.js';
import { forgetSpans, spanWork, SpanResolver, type SpanMemo } from '../dsl/map/spans.js';
import { buildSourceMap, definitionSpan, innermostAt, serializeSourceMap, type SourceMap } from '../dsl/map/sourcemap.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { callSpan, posAt, projectText, type Pos } from './helpers/t2-source.js';

const FILE = 'test/fixtures/spans/calls.ts';

/** Where `needle` starts in the fixture (its `occurrence`-th match), as V8 would report a call site there. */
function site(needle: string, occurrence = 1): SourceLoc {
  const text = projectText(FILE);
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not in ${FILE}`);
  const { line, col } = posAt(text, at);
  return { file: FILE, line, col };
}

const spanOf = (start: Pos, end: Pos): SourceLoc => ({ file: FILE, line: start.line, col: start.col, endLine: end.line, endCol: end.col });
const call = (needle: string): SourceLoc => { const s = callSpan(FILE, needle); return spanOf(s.start, s.end); };
/** The span of `needle` itself (for a chain, whose first bracket closes only its first call). */
const whole = (needle: string): SourceLoc => {
  const start = site(needle);
  return { ...start, endLine: start.line, endCol: start.col + needle.length - 1 };
};

describe('SpanResolver: a call site widened to its whole call', () => {
  const resolver = new SpanResolver();
  const resolve = (loc: SourceLoc) => resolver.resolve(loc, PROJECT_ROOT);

  it.each<[string, () => SourceLoc, () => SourceLoc]>([
    ['a call on the first line', () => site('eq(1, 2)'), () => call('eq(1, 2)')],
    ['the outer call of a nest', () => site('eq(plus'), () => call('eq(plus')],
    ['a call nested two deep', () => site('plus(times'), () => call('plus(times')],
    ['the innermost call', () => site('times(a, b)'), () => call('times(a, b)')],
    ['a method call spans from its receiver, over lines', () => site("action('Bump'"), () => call("m.action('Bump'")],
    ['a call on a call result, from the first receiver', () => site('eq(2)'), () => whole('x.at(1).eq(2)')],
    ['the inner call of a chain', () => site('at(1)'), () => call('x.at(1)')],
    ['new', () => site('new Box'), () => call('new Box(')],
    ['a call on its own line inside another', () => site('eq(b, 2)'), () => call('eq(b, 2)')],
  ])('%s', (_, at, expected) => {
    expect(resolve(at())).toEqual(expected());
  });

  it('a site that is not a callee keeps the span of its token', () => {
    const a = site('a, b), 1)');
    expect(resolve(a)).toEqual({ ...a, endLine: a.line, endCol: a.col });
    const bump = site("'Bump'");
    expect(resolve(bump)).toEqual({ ...bump, endLine: bump.line, endCol: bump.col + "'Bump'".length - 1 });
  });

  it('a location that already has an end is kept as it is', () => {
    const given = { ...site('times(a, b)'), endLine: 1, endCol: 1 };
    expect(resolve(given)).toBe(given);
  });

  it.each<[string, SourceLoc]>([
    ['a file that does not exist', { file: 'test/fixtures/spans/missing.ts', line: 3, col: 4 }],
    ['line 0', { file: FILE, line: 0, col: 1 }],
    ['a line past the end of the file', { file: FILE, line: 999, col: 1 }],
    ['the empty line after the last newline', { file: FILE, line: 17, col: 1 }],
    ['a column past the end of its line', { file: FILE, line: 2, col: 999 }],
  ])('%s gives the point itself', (_, loc) => {
    expect(resolve(loc)).toEqual({ ...loc, endLine: loc.line, endCol: loc.col });
  });

  it('the file is read relative to the root it is given', () => {
    const loc = { file: 'calls.ts', ...(({ line, col }) => ({ line, col }))(site('times(a, b)')) };
    expect(new SpanResolver().resolve(loc, `${PROJECT_ROOT}/test/fixtures/spans`)).toEqual({ ...call('times(a, b)'), file: 'calls.ts' });
    // The same relative path under another root is another file (here: none).
    expect(new SpanResolver().resolve(loc, PROJECT_ROOT)).toEqual({ ...loc, endLine: loc.line, endCol: loc.col });
  });

  it('a JavaScript file: the same calls, the same spans', () => {
    const js = 'test/fixtures/spans/calls.js';
    const text = projectText(js);
    const at = (needle: string): SourceLoc => ({ file: js, ...posAt(text, text.indexOf(needle)) });
    const span = (needle: string): SourceLoc => { const c = callSpan(js, needle); return { file: js, line: c.start.line, col: c.start.col, endLine: c.end.line, endCol: c.end.col }; };
    expect(resolve(at('times(2'))).toEqual(span('times(2'));
    expect(resolve(at('plus(times'))).toEqual(span('plus(times'));
  });

  it('a second lookup of the same site is answered from the cache (the same object)', () => {
    const r = new SpanResolver();
    const first = r.resolve(site('plus(times'), PROJECT_ROOT);
    expect(r.resolve(site('plus(times'), PROJECT_ROOT)).toBe(first);
    expect(r.resolve(site('times(a, b)'), PROJECT_ROOT)).toEqual(call('times(a, b)'));
  });
});

describe('SpanResolver: the spans of an earlier run (`known`)', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-spans-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('answer while the file has the text they were read from; an edited file is read again', async () => {
    const file = 'calls.ts';
    await writeFile(path.join(dir, file), projectText(FILE));
    const sites = ['eq(plus', 'times(a, b)', "action('Bump'", 'a, b), 1)'].map((n) => ({ ...site(n), file }));
    const first = new SpanResolver();
    const spans = sites.map((s) => first.resolve(s, dir));
    // A file that cannot be read keeps its points and is not remembered.
    expect(first.resolve({ file: 'missing.ts', line: 1, col: 1 }, dir)).toEqual({ file: 'missing.ts', line: 1, col: 1, endLine: 1, endCol: 1 });
    const memo = first.memo();
    expect(Object.keys(memo)).toEqual([path.join(dir, file)]);
    // Every site of the file, and each the same span as given (the first one asked again, after the others).
    expect(Object.keys(memo[path.join(dir, file)]!.at).sort()).toEqual(sites.map((s) => `${s.line}:${s.col}`).sort());
    expect(first.resolve(sites[0]!, dir)).toBe(spans[0]);
    // A later resolver given them gives the same spans.
    expect(sites.map((s) => new SpanResolver(memo).resolve(s, dir))).toEqual(spans);
    // From the memo, not from the file: a span put there by hand comes back as it is.
    const abs = path.join(dir, file);
    const site0 = `${sites[0]!.line}:${sites[0]!.col}`;
    const doctored: SpanMemo = { [abs]: { hash: memo[abs]!.hash, at: { ...memo[abs]!.at, [site0]: [1, 1, 1, 2] } } };
    expect(new SpanResolver(doctored).resolve(sites[0]!, dir)).toEqual({ file, line: 1, col: 1, endLine: 1, endCol: 2 });
    // A site the memo lacks is read from the file (nothing kept from before in this process).
    forgetSpans();
    expect(new SpanResolver({ [abs]: { hash: memo[abs]!.hash, at: {} } }).resolve(sites[1]!, dir)).toEqual(spans[1]);
    // The file edited (one blank line more at the top): the memo no longer answers; the file is read.
    await writeFile(path.join(dir, file), `\n${projectText(FILE)}`);
    const moved = { ...sites[0]!, line: sites[0]!.line + 1 };
    expect(new SpanResolver(doctored).resolve(moved, dir)).toEqual({ ...spans[0]!, line: spans[0]!.line + 1, endLine: spans[0]!.endLine! + 1 });
    expect(new SpanResolver(doctored).resolve(sites[0]!, dir)).not.toEqual({ file, line: 1, col: 1, endLine: 1, endCol: 2 });
  });

  it('in one process, a site another resolver widened is answered without widening it again; an edited file is parsed again', async () => {
    const file = 'shared.ts';
    await writeFile(path.join(dir, file), projectText(FILE));
    const [bump, times] = [{ ...site('plus(times'), file }, { ...site('times(a, b)'), file }];
    const before = { ...spanWork };
    const first = new SpanResolver().resolve(bump, dir);
    expect(first).toEqual({ ...call('plus(times'), file });
    expect(spanWork).toEqual({ parsed: before.parsed + 1, widened: before.widened + 1 });
    // Another resolver, the same site: the same span, neither parsed nor widened again.
    expect(new SpanResolver().resolve(bump, dir)).toEqual(first);
    expect(spanWork).toEqual({ parsed: before.parsed + 1, widened: before.widened + 1 });
    // Another site of the file: widened in the text parsed already.
    expect(new SpanResolver().resolve(times, dir)).toEqual({ ...call('times(a, b)'), file });
    expect(spanWork).toEqual({ parsed: before.parsed + 1, widened: before.widened + 2 });
    // The file edited (one blank line more at the top): parsed again, and the span moves with the call.
    await writeFile(path.join(dir, file), `\n${projectText(FILE)}`);
    expect(new SpanResolver().resolve({ ...bump, line: bump.line + 1 }, dir)).toEqual({ ...first, line: first.line + 1, endLine: first.endLine! + 1 });
    expect(spanWork.parsed).toBe(before.parsed + 2);
    // The old site is no longer the call's: not answered from what the old text gave.
    expect(new SpanResolver().resolve(bump, dir)).not.toEqual(first);
    // The file gone: its point is kept, and nothing of it is answered from before when it is back as it was.
    const moved = { ...bump, line: bump.line + 1 }, movedSpan = { ...first, line: first.line + 1, endLine: first.endLine! + 1 };
    await rm(path.join(dir, file));
    expect(new SpanResolver().resolve(moved, dir)).toEqual({ ...moved, endLine: moved.line, endCol: moved.col });
    await writeFile(path.join(dir, file), `\n${projectText(FILE)}`);
    const widenedBefore = spanWork.widened;
    expect(new SpanResolver().resolve(moved, dir)).toEqual(movedSpan);
    expect(spanWork.widened).toBe(widenedBefore + 1);
    // forgetSpans: nothing kept, the file parsed and the site widened again.
    forgetSpans();
    const parsedBefore = spanWork.parsed;
    expect(new SpanResolver().resolve(moved, dir)).toEqual(movedSpan);
    expect(spanWork).toEqual({ parsed: parsedBefore + 1, widened: widenedBefore + 2 });
  });

  it('the CLI keeps them in node_modules/.cache/zswap-tla/ for the next run, without the files deleted since', async () => {
    const root = await mkdtemp(path.join(dir, 'project-'));
    const a = path.join(root, 'a.ts'), b = path.join(root, 'b.ts');
    await writeFile(a, projectText(FILE));
    await writeFile(b, projectText(FILE));
    const one = rememberingResolver(root);
    const at = (file: string) => one.resolver.resolve({ ...site('times(a, b)'), file }, root);
    const span = at('a.ts');
    at('b.ts');
    one.keep();
    const memoFile = path.join(root, 'node_modules/.cache/zswap-tla/spans.json');
    const kept = () => readFile(memoFile, 'utf8').then((t) => JSON.parse(t) as { version: number; files: SpanMemo });
    expect(Object.keys((await kept()).files).sort()).toEqual([a, b]);
    // The next run reads a.ts only, and b.ts is gone: a's spans are kept, b's dropped.
    await rm(b);
    const two = rememberingResolver(root);
    expect(two.resolver.resolve({ ...site('times(a, b)'), file: 'a.ts' }, root)).toEqual(span);
    two.keep();
    const memo = await kept();
    expect(Object.keys(memo.files)).toEqual([a]);
    // What the next run is handed: the memo's spans, as kept (a doctored one comes back as it is).
    const site0 = Object.keys(memo.files[a]!.at)[0]!;
    const [line, col] = site0.split(':').map(Number) as [number, number];
    const doctored = (at: unknown, version = memo.version) => writeFile(memoFile, JSON.stringify({ version, files: { [a]: { hash: memo.files[a]!.hash, at: { [site0]: at } } } }));
    const read = () => rememberingResolver(root).resolver.resolve({ file: 'a.ts', line, col }, root);
    await doctored([1, 1, 1, 2]);
    expect(read()).toEqual({ file: 'a.ts', line: 1, col: 1, endLine: 1, endCol: 2 });
    // Never a reason to fail, nor to be believed: unreadable, of another version, or malformed, a memo is no memo.
    for (const bad of [() => writeFile(memoFile, '{not json'), () => writeFile(memoFile, 'null'), () => doctored([1, 1, 1, 2], memo.version + 1), () => doctored([1, 'x']), () => doctored(null)]) {
      await bad();
      expect(read()).toEqual(span);
    }
  });
});

const pos = (line: number, col: number) => ({ line, col });
const entry = (definition: string, kind: SpanEntry['kind'], start: Pos, end: Pos, dslLine: number): SpanEntry =>
  ({ kind, definition, tla: { start, end }, dsl: { file: 'models/m.ts', line: dslLine, col: 1, endLine: dslLine, endCol: 9 } });

describe('source maps', () => {
  // `Inv == a = 1 /\ b = 2` on line 3, then `Next ==` over lines 5-7:
  //  Inv: 3:1-3:21; `a = 1` 3:8-3:12; `b = 2` 3:17-3:21; the conjunction 3:8-3:21.
  const map: SourceMap = {
    version: 1, module: 'M', tla: 'M.tla',
    entries: [
      entry('Inv', 'expr', pos(3, 8), pos(3, 12), 11),
      entry('Inv', 'expr', pos(3, 17), pos(3, 21), 12),
      entry('Inv', 'expr', pos(3, 8), pos(3, 21), 10),
      entry('Inv', 'definition', pos(3, 1), pos(3, 21), 9),
      entry('Next', 'expr', pos(6, 6), pos(7, 4), 21),
      entry('Next', 'definition', pos(5, 1), pos(7, 20), 20),
    ],
  };
  const at = (start: Pos, end?: Pos) => innermostAt(map, start, end)?.dsl.line;

  it.each<[string, Pos, Pos | undefined, number | undefined]>([
    ['the first expression on a line, at its first column', pos(3, 8), undefined, 11],
    ['the first expression, at its last column', pos(3, 12), undefined, 11],
    ['between the two: the conjunction', pos(3, 13), undefined, 10],
    ['the second expression, at its first column', pos(3, 17), undefined, 12],
    ['the second expression, at its last column', pos(3, 21), undefined, 12],
    ['before any expression: the definition', pos(3, 7), undefined, 9],
    ['a span over both expressions: the conjunction', pos(3, 8), pos(3, 21), 10],
    ['a span inside the first', pos(3, 9), pos(3, 11), 11],
    ['a span leaving the first by one column', pos(3, 9), pos(3, 13), 10],
    ['a span starting one column early', pos(3, 7), pos(3, 12), 9],
    ['a multi-line expression, on its first line', pos(6, 30), undefined, 21],
    ['a multi-line expression, on its last line', pos(7, 4), undefined, 21],
    ['after its end on its last line: the definition', pos(7, 5), undefined, 20],
    ['before its start on its first line: the definition', pos(6, 5), undefined, 20],
    ['outside every definition', pos(4, 1), undefined, undefined],
    ['past the last column of a definition', pos(3, 22), undefined, undefined],
  ])('innermostAt: %s', (_, start, end, line) => {
    expect(at(start, end)).toBe(line);
  });

  it('innermostAt keeps the innermost whatever the order of the entries', () => {
    const reversed = { ...map, entries: [...map.entries].reverse() };
    expect(innermostAt(reversed, pos(3, 9))?.dsl.line).toBe(11);
    expect(innermostAt(reversed, pos(3, 13))?.dsl.line).toBe(10);
  });

  it('definitionSpan finds a definition by name, not its expressions', () => {
    expect(definitionSpan(map, 'Inv')?.dsl.line).toBe(9);
    expect(definitionSpan(map, 'Next')?.dsl.line).toBe(20);
    expect(definitionSpan(map, 'Init')).toBeUndefined();
  });

  it('buildSourceMap widens every DSL site and names the module and its file', () => {
    const s = callSpan(FILE, 'times(a, b)');
    const spans = [{ ...entry('D', 'expr', pos(1, 6), pos(1, 10), 0), dsl: site('times(a, b)') }];
    expect(buildSourceMap('Calls', spans, new SpanResolver(), PROJECT_ROOT)).toEqual({
      version: 1, module: 'Calls', tla: 'Calls.tla',
      entries: [{ ...spans[0], dsl: spanOf(s.start, s.end) }],
    });
  });

  it('serializeSourceMap: valid JSON of the map, one entry per line', () => {
    const text = serializeSourceMap(map);
    expect(JSON.parse(text)).toEqual(map);
    const lines = text.split('\n');
    expect(lines[0]).toBe('{"version":1,"module":"M","tla":"M.tla","entries":[');
    expect(lines.slice(1, -2)).toEqual(map.entries.map((e, i) => `  ${JSON.stringify(e)}${i < map.entries.length - 1 ? ',' : ''}`));
    expect(lines.slice(-2)).toEqual([']}', '']);
  });
});
