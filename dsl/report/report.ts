/**
 * What every reporter renders: each checked config with its expectation, and per backend run
 * the raw `CheckResult` beside its `Explanation`. Plus the small wordings reporters share.
 */
import type * as ir from '../ir/nodes.js';
import type { ConfigOutcome } from '../check/outcome.js';
import type { CheckResult } from '../check/result.js';
import { explain, type Explanation, type Problem } from '../map/explain.js';
import type { SourceMap } from '../map/sourcemap.js';

export interface Run {
  readonly result: CheckResult;
  readonly explanation: Explanation;
}

export interface ConfigReport {
  readonly module: string;
  readonly config: string;
  readonly expect: ir.Expectation;
  /** Every backend gave the expected verdict and they agree. */
  readonly asExpected: boolean;
  readonly disagreement?: string;
  readonly runs: readonly Run[];
}

export interface Report {
  readonly configs: readonly ConfigReport[];
}

export function configReport(o: ConfigOutcome, map: SourceMap, module: ir.Module): ConfigReport {
  return {
    module: o.module,
    config: o.config.name,
    expect: o.config.expect,
    asExpected: o.asExpected,
    ...(o.disagreement ? { disagreement: o.disagreement } : {}),
    runs: o.results.map((result) => ({ result, explanation: explain(result, map, module) })),
  };
}

/** `invariant NoLostUpdate violated`, `deadlock`, `passed`, … */
export function verdictText(r: CheckResult): string {
  const v = r.verdict;
  switch (v.kind) {
    // A simulation that found nothing covered its traces only: never a plain `passed`.
    case 'passed': return r.simulation ? `no violation in ${r.simulation.traces ?? '?'} random traces${r.simulation.timeLimited ? ' (time limit)' : ''}` : 'passed';
    case 'invariant': return `invariant ${v.name} violated`;
    case 'property': return v.name ? `property ${v.name} violated` : 'temporal property violated';
    case 'deadlock': return 'deadlock';
    case 'assert': return `assert ${v.message} failed`;
    case 'timeout': return timeoutText(v);
    default: return v.kind;
  }
}

export function expectText(e: ir.Expectation): string {
  switch (e.kind) {
    case 'pass': return 'pass';
    case 'deadlock': return 'a deadlock';
    case 'violation': return `${e.property} violated`;
  }
}

/** Longest `warnings:` or `printed:` block a reporter shows (the JSON report has them all). */
const NOTE_LINES = 20;

/** One block of what a checker printed besides its verdict: its title and lines (at most NOTE_LINES, then how many more). */
export interface NoteBlock { readonly title: 'warnings' | 'printed'; readonly lines: readonly string[] }

/**
 * What the checker printed besides its verdict: its warnings (and the pipeline's about its
 * output), and the spec's `Print`/`PrintT` output; none when it printed neither.
 */
export function checkerNoteBlocks(r: CheckResult): NoteBlock[] {
  return [noteBlock('warnings', r.warnings), noteBlock('printed', r.output)].filter((b): b is NoteBlock => b !== undefined);
}

/** `checkerNoteBlocks` as `warnings:` and `printed:` blocks with indented lines. */
export function checkerNotes(r: CheckResult): string[] {
  return checkerNoteBlocks(r).flatMap((b) => [`${b.title}:`, ...b.lines.map((l) => `  ${l}`)]);
}

function noteBlock(title: NoteBlock['title'], lines: readonly string[] | undefined): NoteBlock | undefined {
  if (!lines || lines.length === 0) return undefined;
  const more = lines.length - NOTE_LINES;
  return { title, lines: [...lines.slice(0, NOTE_LINES), ...(more > 0 ? [`… ${more} more`] : [])] };
}

/** `models/mutex-counter.ts:35` */
export function locText(loc: ir.SourceLoc): string {
  return `${loc.file}:${loc.line}`;
}

/**
 * What a problem's DSL location is, for every report to say alike: an invariant's or property's
 * definition; of TypeOK, the declaration of the variable outside its type; else (an assert, an
 * evaluation or parse error) where it failed.
 */
export function problemSite(p: Pick<Problem, 'kind' | 'variable'>): 'definition' | 'declaration' | 'failure' {
  if (p.kind !== 'invariant' && p.kind !== 'property') return 'failure';
  return p.variable ? 'declaration' : 'definition';
}

/** `problemSite` in words, before the location: `code` marks up the variable's name. */
export function siteText(p: Pick<Problem, 'kind' | 'variable'>, code = (name: string) => name): string {
  switch (problemSite(p)) {
    case 'failure': return 'at';
    case 'declaration': return `the type of ${code(p.variable!)}, declared at`;
    case 'definition': return 'defined at';
  }
}

/** The best DSL location to attach a run's finding to: the problem's, else the config's. */
export function anchorOf(x: Explanation): ir.SourceLoc | undefined {
  return x.problem?.dsl ?? x.configDsl;
}

/** `MutexCounter/racy` */
export function configName(c: Pick<ConfigReport, 'module' | 'config'>): string {
  return `${c.module}/${c.config}`;
}

/** `timed out after 60s (after 16,329 distinct states, depth 31, 1,114 on queue)`: how far the search got. */
export function timeoutText(v: Extract<CheckResult['verdict'], { kind: 'timeout' }>): string {
  const p = v.progress;
  const n = (x: number) => x.toLocaleString('en-US');
  const got = p?.distinct !== undefined ? ` (after ${n(p.distinct)} distinct states${p.depth !== undefined ? `, depth ${p.depth}` : ''}${p.queue !== undefined ? `, ${n(p.queue)} on queue` : ''})` : '';
  return `timed out after ${v.afterMs / 1000}s${got}`;
}
