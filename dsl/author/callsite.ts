import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import type { SourceLoc } from '../ir/nodes.js';

/** The folder holding the DSL library itself: frames inside it are never the user's call site. */
const DSL_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const FRAME = /\(?((?:file:\/\/)?[^\s()]+?):(\d+):(\d+)\)?$/;

const roots = new Map<string, string>();
/**
 * The project a DSL file belongs to: the nearest folder at or above it with a `package.json`.
 * Paths in the IR are relative to it, so generated files are machine-independent and a
 * consumer's paths are their own (`models/x.ts`, not `../../models/x.ts`).
 */
export function projectRootOf(file: string): string {
  const dir = path.dirname(path.resolve(file));
  let root = roots.get(dir);
  if (root === undefined) {
    root = dir;
    for (let d = dir; ; d = path.dirname(d)) {
      if (existsSync(path.join(d, 'package.json'))) { root = d; break; }
      if (path.dirname(d) === d) break;
    }
    roots.set(dir, root);
  }
  return root;
}

/** A call site and the project root its path is relative to. */
export interface RootedSourceLoc { readonly loc: SourceLoc; readonly root: string }

/**
 * Where the DSL user called the builder that is running now: the first stack frame outside `dsl/`
 * (and outside node_modules), at its line and column in the `.ts` file. Only the start is known
 * here; `map/spans` widens it to the whole call. A model takes thousands of these: the frames are
 * taken as V8's call-site objects, not as a stack's text, so only the user's frame is
 * source-mapped (a stack's text maps every frame, which was a fifth of loading the models).
 */
export function rootedCallSite(): RootedSourceLoc {
  // The user's frame is within the first ten for every builder; only a deeper call takes 40.
  return userSite(10) ?? userSite(40) ?? { loc: { file: '<unknown>', line: 0, col: 0 }, root: process.cwd() };
}

/**
 * The user's frame among the innermost `limit`, formatted alone by the formatter in place —
 * Node's (exposed as Error.prepareStackTrace since 22, and in 20's later releases), which applies
 * the source maps tsx registers, or vitest's, which applies its own — and read as a stack's text
 * is. With none in place V8 formats stacks itself (Node still source-maps them): the text then.
 */
function userSite(limit: number): RootedSourceLoc | undefined {
  const format = Error.prepareStackTrace;
  if (typeof format !== 'function') return userFrame(stackText(limit));
  for (const f of callSites(limit)) {
    const name = f.getFileName();
    // Builtins' frames name no file.
    if (!name || !frameFile(name).user) continue;
    // A frame printed without a position is passed over, as in a stack's text.
    const at = userFrame(String(format(HEADER, [f])));
    if (at) return at;
  }
  return undefined;
}
const HEADER = new Error();

/** The innermost `limit` frames of the caller's stack, as V8's call-site objects. */
function callSites(limit: number): NodeJS.CallSite[] {
  return withStackTraceLimit(limit, () => {
    const prepare = Error.prepareStackTrace;
    try {
      Error.prepareStackTrace = (_e, sites) => sites;
      const holder = {} as { stack: NodeJS.CallSite[] };
      Error.captureStackTrace(holder, callSites);
      // Read while the override is in place: V8 formats a stack when it is first read.
      return holder.stack;
    } finally {
      Error.prepareStackTrace = prepare;
    }
  });
}

/** The innermost `limit` frames of the caller's stack, as text. */
function stackText(limit: number): string {
  return withStackTraceLimit(limit, () => {
    const holder = {} as { stack: string };
    Error.captureStackTrace(holder, stackText);
    return holder.stack;
  });
}

/** `f()` with stacks taken `limit` frames deep, the limit put back after. */
function withStackTraceLimit<T>(limit: number, f: () => T): T {
  const saved = Error.stackTraceLimit;
  try {
    Error.stackTraceLimit = limit;
    return f();
  } finally {
    Error.stackTraceLimit = saved;
  }
}

/** Whether the innermost frame of `stack` is inside the DSL library (a builder threw, not the user's own code). */
export function thrownInLibrary(stack: string): boolean {
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m) continue;
    return frameFile(m[1]!).inLibrary;
  }
  return false;
}

interface FrameFile { readonly file: string; readonly inLibrary: boolean; readonly user: boolean }
/** A stack frame's file as a path, and whose it is, by the frame's text (thousands of frames name a few files). */
const frameFiles = new Map<string, FrameFile>();
function frameFile(text: string): FrameFile {
  let f = frameFiles.get(text);
  if (!f) {
    const file = text.startsWith('file://') ? fileURLToPath(text) : text;
    const inLibrary = file.startsWith(DSL_ROOT + path.sep);
    // node:internal and friends are not absolute.
    const user = path.isAbsolute(file) && !inLibrary && !file.includes(`${path.sep}node_modules${path.sep}`);
    frameFiles.set(text, f = { file, inLibrary, user });
  }
  return f;
}

/** The first frame of `stack` in the user's own code (outside `dsl/` and node_modules), e.g. where a builder that threw was called. */
export function userFrame(stack: string): RootedSourceLoc | undefined {
  for (const line of stack.split('\n').slice(1)) {
    const m = FRAME.exec(line.trim());
    if (!m) continue;
    const { file, user } = frameFile(m[1]!);
    if (!user) continue;
    const root = projectRootOf(file);
    return { loc: { file: path.relative(root, file).split(path.sep).join('/'), line: Number(m[2]), col: Number(m[3]) }, root };
  }
  return undefined;
}

export function callSite(): SourceLoc {
  return rootedCallSite().loc;
}
