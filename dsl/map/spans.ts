import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { CallExpression, Node, Project, SourceFile } from 'ts-morph';
import type { SourceLoc } from '../ir/nodes.js';

/**
 * Spans a resolver widened, per file (absolute path): the hash of the text they were read from,
 * and each call site (`line:col`) with its span `[line, col, endLine, endCol]`. A later resolver
 * given these (`known`) answers from them while the file's text is the same, without parsing it:
 * the CLI keeps them between runs (dsl/cli/span-memo.ts).
 */
export type SpanMemo = Record<string, { readonly hash: string; readonly at: Record<string, readonly [number, number, number, number]> }>;

/**
 * Widens call-site positions (where V8 says a builder was called) to the full span of the call
 * expression in the DSL source, read with ts-morph. A stack frame points at the callee's name
 * (`eq` in `eq(a, b)`, `action` in `m.action(...)`); the span is the whole call around it.
 * ts-morph (and TypeScript under it, over a second to load) is loaded at the first file it has
 * to read.
 */
export class SpanResolver {
  /** Each span given, by file (absolute) and call site (`line:col`): what `memo()` hands on. */
  private readonly cache = new Map<string, Map<string, SourceLoc>>();
  /** Each file's text and its hash (undefined: unreadable), read once: the memo and ts-morph see the same text. */
  private readonly texts = new Map<string, { text: string; hash: string } | undefined>();

  constructor(private readonly known: SpanMemo = {}) {}

  /** `loc` widened; its file is read relative to `root`, the model's project root. */
  resolve(loc: SourceLoc, root: string): SourceLoc {
    if (loc.endLine !== undefined) return loc;
    const file = path.resolve(root, loc.file);
    const site = `${loc.line}:${loc.col}`;
    let sites = this.cache.get(file);
    const hit = sites?.get(site);
    if (hit) return hit;
    const read = this.read(file);
    // A file that cannot be read keeps the point (and what this process kept of it goes).
    const point = { ...loc, endLine: loc.line, endCol: loc.col };
    let out: SourceLoc = point;
    if (!read) forget(file);
    else {
      // An earlier run's span first (`known`), then one this process widened, for this very text.
      const here = keptFor(file, read.hash);
      const memo = (this.known[file]?.hash === read.hash ? this.known[file]!.at[site] : undefined) ?? here.at.get(site);
      out = memo ? { file: loc.file, line: memo[0], col: memo[1], endLine: memo[2], endCol: memo[3] } : widen(loc, file, read.text, here) ?? point;
      if (!memo) here.at.set(site, [out.line, out.col, out.endLine!, out.endCol!]);
    }
    if (!sites) this.cache.set(file, sites = new Map());
    sites.set(site, out);
    return out;
  }

  /** Every span this resolver gave, by file, to hand a later one as `known` (a file it could not read has none). */
  memo(): SpanMemo {
    const out: SpanMemo = {};
    for (const [file, sites] of this.cache) {
      const hash = this.texts.get(file)?.hash;
      if (hash !== undefined) out[file] = { hash, at: Object.fromEntries([...sites].map(([site, l]) => [site, [l.line, l.col, l.endLine!, l.endCol!] as const])) };
    }
    return out;
  }

  private read(file: string): { text: string; hash: string } | undefined {
    if (!this.texts.has(file)) {
      let text: string | undefined;
      try { text = readFileSync(file, 'utf8'); } catch { text = undefined; }
      this.texts.set(file, text === undefined ? undefined : { text, hash: createHash('sha256').update(text).digest('hex') });
    }
    return this.texts.get(file);
  }
}

/**
 * What this process keeps of each file, for the text (its hash) it was read from: the spans
 * widened there and the text parsed. Every resolver — each `compile()` makes its own — answers a
 * site that another has widened without widening it again (a test run widened some 36,000 call
 * sites, 16 s of parsing and walking, mostly the same models' sites again). An edited file has
 * another hash: it is parsed and widened afresh. A file is kept until it is edited or found
 * unreadable: a process reads the same few model files again and again.
 */
interface Kept { readonly hash: string; readonly at: Map<string, readonly [number, number, number, number]>; parsed?: SourceFile }
const kept = new Map<string, Kept>();
function keptFor(file: string, hash: string): Kept {
  let entry = kept.get(file);
  if (entry?.hash !== hash) kept.set(file, entry = { hash, at: new Map() });
  return entry;
}
/** A file that can no longer be read: what this process kept of it goes. */
function forget(file: string): void {
  kept.delete(file);
  const sf = project?.getSourceFile(file);
  if (sf) project!.removeSourceFile(sf);
}

/**
 * One ts-morph project for the process. In memory: it is handed each text, so it reads nothing
 * from disk (a project on the real file system parsed a new path twice, reading it first); no
 * tsconfig is loaded, and .js parses as .ts does.
 */
let project: Project | undefined;
function parse(file: string, text: string): SourceFile {
  project ??= new (morph().Project)({ useInMemoryFileSystem: true });
  spanWork.parsed++;
  return project.createSourceFile(file, text, { overwrite: true });
}
/**
 * Drops every span and parsed text this process kept: the next resolver widens afresh. For a run
 * that must not be answered from before (a mutation run starts each test file with none; a
 * determinism test compiles twice from nothing).
 */
export function forgetSpans(): void {
  kept.clear();
  project = undefined;
}
/** What this process has done so far: texts parsed, call sites widened (what the caches above save). */
export const spanWork = { parsed: 0, widened: 0 };

/** `loc` widened in `text` (the file's, kept as `here`), or undefined: a line or column outside it (line 0 too) keeps the point. */
function widen(loc: SourceLoc, file: string, text: string, here: Kept): SourceLoc | undefined {
  spanWork.widened++;
  const sf = here.parsed ??= parse(file, text);
  let pos: number;
  try { pos = sf.compilerNode.getPositionOfLineAndCharacter(loc.line - 1, loc.col - 1); } catch { return undefined; }
  const token = sf.getDescendantAtPos(pos);
  if (!token) return undefined;
  const { Node: N } = morph();
  let target: Node = token;
  for (let n: Node | undefined = token; n; n = n.getParent()) {
    if ((N.isCallExpression(n) || N.isNewExpression(n)) && calleeNameStart(n, N) === pos) { target = n; break; }
    if (N.isStatement(n)) break;
  }
  // TypeScript's line map, the one `pos` came from: ts-morph's own line lookup rescans the
  // text from its start on every call (it was 3% of checking all 64 zswap configs).
  const start = sf.compilerNode.getLineAndCharacterOfPosition(target.getStart());
  const end = sf.compilerNode.getLineAndCharacterOfPosition(target.getEnd());
  // Both 0-based; the end is exclusive, and TLC-style spans (and ours) are 1-based and inclusive.
  return { file: loc.file, line: start.line + 1, col: start.character + 1, endLine: end.line + 1, endCol: end.character };
}

let loaded: typeof import('ts-morph') | undefined;
/** ts-morph, required at first use, not imported: an ESM import would first scan all of TypeScript for its exports. */
const morph = () => loaded ??= createRequire(import.meta.url)('ts-morph') as typeof import('ts-morph');

/** Where V8 puts the call site of `n`: the start of the callee's last name (or `new`). */
function calleeNameStart(n: Node, N: typeof Node): number {
  if (N.isNewExpression(n)) return n.getStart();
  const callee = (n as CallExpression).getExpression();
  if (N.isPropertyAccessExpression(callee)) return callee.getNameNode().getStart();
  return callee.getStart();
}
