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
  return userSite(callSites(10)) ?? userSite(callSites(40)) ?? { loc: { file: '<unknown>', line: 0, col: 0 }, root: process.cwd() };
}

function userSite(frames: readonly NodeJS.CallSite[]): RootedSourceLoc | undefined {
  for (const f of frames) {
    const name = f.getFileName();
    if (name === undefined || name === null || !frameFile(name).user) continue;
    const at = originalPosition(f);
    if (!at) break;
    const root = projectRootOf(at.file);
    return { loc: { file: path.relative(root, at.file).split(path.sep).join('/'), line: at.line, col: at.col }, root };
  }
  return undefined;
}

/** The innermost `limit` frames of the caller's stack, as V8's call-site objects. */
function callSites(limit: number): NodeJS.CallSite[] {
  const saved = { limit: Error.stackTraceLimit, prepare: Error.prepareStackTrace };
  Error.stackTraceLimit = limit;
  Error.prepareStackTrace = (_e, sites) => sites;
  try {
    const holder = {} as { stack: NodeJS.CallSite[] };
    Error.captureStackTrace(holder, callSites);
    // Read while the override is in place: V8 formats a stack when it is first read.
    return holder.stack;
  } finally {
    Error.stackTraceLimit = saved.limit;
    Error.prepareStackTrace = saved.prepare;
  }
}

/**
 * A frame's position in the file the user wrote, as a stack's text gives it: the frame formatted
 * alone by the formatter in place — Node's (20 and later expose it), which applies the source maps
 * tsx registers, or vitest's, which applies its own — else as it ran.
 */
const HEADER = new Error();
function originalPosition(f: NodeJS.CallSite): { file: string; line: number; col: number } | undefined {
  const text = Error.prepareStackTrace ? String(Error.prepareStackTrace(HEADER, [f])) : `at ${f.getFileName()}:${f.getLineNumber()}:${f.getColumnNumber()}`;
  const m = FRAME.exec(text.split('\n').at(-1)!.trim());
  return m ? { file: frameFile(m[1]!).file, line: Number(m[2]), col: Number(m[3]) } : undefined;
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
