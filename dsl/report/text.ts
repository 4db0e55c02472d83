/**
 * The terminal report: one line per backend run, then for each violation the property's DSL line
 * and the counterexample step by step. Configs that are not as expected also get code frames of
 * the DSL source (the property, and each step's action), since that is where the engineer goes next.
 */
import pc from 'picocolors';
import { lassoText, type Explanation, type Step } from '../map/explain.js';
import { codeFrame, SourceFiles, sourceText } from './code-frame.js';
import { countsText } from './counts.js';
import { readable, stateLeaves, stepRows } from './readable.js';
import { checkerNotes, configName, expectText, locText, siteText, verdictText, type ConfigReport, type Report } from './report.js';

export interface TextOptions {
  readonly color?: boolean;
  /** The project root DSL paths are relative to (where code frames are read from). */
  readonly root: string;
  /** Columns to wrap state blocks at; default: the terminal's width, or 100 when stdout is not a terminal. */
  readonly width?: number;
}

const INDENT = '       ';
/** Where a step's changes and a state's values start. */
const BLOCK = `${INDENT}       `;
/** Problems whose checker message says more than the verdict line. */
const MESSAGE_KINDS: ReadonlySet<string> = new Set(['crashed', 'parseError', 'configError', 'evalError']);

/** Renders configs one at a time (the CLI prints each as soon as it is checked). */
export class TextReporter {
  private readonly c: ReturnType<typeof pc.createColors>;
  private readonly files: SourceFiles;
  private readonly color: boolean;
  private readonly width: number;

  constructor(o: TextOptions) {
    this.color = o.color ?? false;
    this.width = Math.max(60, o.width ?? (process.stdout.isTTY && process.stdout.columns ? process.stdout.columns : 100));
    this.c = pc.createColors(this.color);
    this.files = new SourceFiles(o.root);
  }

  config(cr: ConfigReport): string {
    const lines: string[] = [];
    for (const { result, explanation } of cr.runs) {
      const mark = cr.asExpected ? this.c.green('ok  ') : this.c.red('FAIL');
      lines.push(`${mark} ${configName(cr).padEnd(34)} ${result.backend.padEnd(11)} ${verdictText(result).padEnd(34)} ${countsText(result)}`);
      lines.push(...this.problem(cr, explanation));
      lines.push(...this.steps(cr, explanation));
      lines.push(...this.covers(explanation));
      lines.push(...checkerNotes(result).map((l) => `${INDENT}${l}`));
    }
    if (cr.disagreement) lines.push(this.c.red(`${INDENT}backends disagree: ${cr.disagreement}`));
    return lines.join('\n') + '\n';
  }

  summary(r: Report): string {
    const ok = r.configs.filter((c) => c.asExpected).length;
    return `\n${ok} of ${r.configs.length} configs as expected\n`;
  }

  report(r: Report): string {
    return r.configs.map((c) => this.config(c)).join('') + this.summary(r);
  }

  private problem(cr: ConfigReport, x: Explanation): string[] {
    const lines: string[] = [];
    const p = x.problem;
    if (p?.name) {
      const seeded = cr.expect.kind === 'violation' ? ' (expected: seeded bug)' : '';
      lines.push(`${INDENT}${p.name} ${p.kind === 'assert' ? 'failed' : 'violated'} — ${siteText(p)} ${p.dsl ? this.c.cyan(locText(p.dsl)) : 'an unknown line'}${seeded}`);
    }
    if (!cr.asExpected && cr.expect.kind !== 'pass') lines.push(`${INDENT}expected ${expectText(cr.expect)}`);
    if (p && MESSAGE_KINDS.has(p.kind)) {
      lines.push(`${INDENT}${p.message.split('\n').join(`\n${INDENT}`)}${p.dsl ? ` (${this.c.cyan(locText(p.dsl))})` : ''}`);
    }
    if (!cr.asExpected && p?.dsl) lines.push(...this.frame(p.dsl, 6, 1));
    return lines;
  }

  private steps(cr: ConfigReport, x: Explanation): string[] {
    if (x.steps.length === 0) return [];
    const lines = [`${INDENT}counterexample, ${x.steps.length} state${x.steps.length === 1 ? '' : 's'}:`];
    const width = Math.max(...x.steps.map((s) => (s.dsl ? locText(s.dsl).length : 0)));
    for (const s of x.steps) {
      const where = (s.dsl ? locText(s.dsl) : '').padEnd(width);
      const head = s.index === 1 && !s.action ? 'initial state' : s.summary.split(' — ')[0]!;
      lines.push(`${INDENT}  ${String(s.index).padStart(2)}  ${this.c.cyan(where)}  ${head}`);
      lines.push(...(s.index === 1 ? this.stateBlock(s) : this.stepBlock(s)));
      const at = s.statement ?? s.dsl;
      if (!cr.asExpected && at) lines.push(...this.frame(at, 1, 0).map((l) => `      ${l}`));
    }
    if (x.lasso) {
      const closing = x.lasso.closing?.dsl ? locText(x.lasso.closing.dsl).padEnd(width) : ''.padEnd(width);
      lines.push(x.lasso.stuttering ? `${INDENT}  …then stutters forever` : `${INDENT}   ↻  ${this.c.cyan(closing)}  ${lassoText(x.lasso)}`);
    }
    if (x.waiting) lines.push(...this.waiting(x));
    return lines;
  }

  /**
   * The config's covers: those reached on one line with their witness lengths, each unreached
   * one at its DSL line with a code frame (it fails the config), the undecided ones with why.
   */
  private covers(x: Explanation): string[] {
    const all = x.covers ?? [];
    const lines: string[] = [];
    const reached = all.filter((c) => c.status === 'reached');
    if (reached.length) lines.push(...wrap(`covers reached: ${reached.map((c) => `${c.name} (witness: ${c.witness?.length ?? '?'} states${c.decidedBy ? `, found by ${c.decidedBy}` : ''})`).join(', ')}`, this.width - INDENT.length, 'covers reached: '.length).map((l) => `${INDENT}${l}`));
    for (const c of all.filter((k) => k.status === 'unreached')) {
      lines.push(this.c.red(`${INDENT}cover ${c.name} unreached — defined at ${c.dsl ? locText(c.dsl) : 'an unknown line'}: no reachable state satisfies it`));
      if (c.dsl) lines.push(...this.frame(c.dsl, 6, 1));
    }
    const undecided = all.filter((c) => c.status === 'undecided');
    const reasons = [...new Set(undecided.map((c) => c.reason ?? ''))];
    for (const reason of reasons) lines.push(`${INDENT}covers not decided (${reason}): ${undecided.filter((c) => (c.reason ?? '') === reason).map((c) => c.name).join(', ')}`);
    return lines;
  }

  /** The first state: every leaf (`ctx[c1].buffer = NULL`), in aligned columns that fit the width. */
  private stateBlock(s: Step): string[] {
    return columns(stateLeaves(s.vars).map((l) => `${l.path} = ${l.value}`), this.width - BLOCK.length).map((l) => `${BLOCK}${l}`);
  }

  /** A later step: its label moves and changes (paths aligned), then what it read that it did not change. */
  private stepBlock(s: Step): string[] {
    const rows = stepRows(s);
    const pad = Math.min(Math.max(0, ...rows.filter(([k]) => !k.startsWith('calls of ')).map(([k]) => k.length)), 40);
    const out = rows.flatMap(([k, v]) => (k.startsWith('calls of ')
      ? wrap(`${k} ${v}`, this.width - BLOCK.length, k.length + 1)
      : wrap(`${k.padEnd(pad)} ${v}`, this.width - BLOCK.length, pad + 1)));
    const changed = new Set(s.changes.map((c) => c.path));
    const read = (s.reads ?? []).filter((r) => !changed.has(r.path)).map((r) => `${r.path} = ${readable(r.value)}`);
    if (read.length) out.push(...wrap(`read: ${read.join('; ')}`, this.width - BLOCK.length, 'read: '.length));
    return out.map((l) => this.c.dim(`${BLOCK}${l}`));
  }

  /** A deadlock: each unfinished process, the step it waits at, and what it waits on. */
  private waiting(x: Explanation): string[] {
    const w = x.waiting!;
    const lines = [`${INDENT}deadlock in state ${x.steps.at(-1)?.index}: no step is enabled${w.length === 0 ? ' and no process is waiting' : ''}`];
    const idWidth = Math.max(...w.map((p) => p.actor.length));
    for (const p of w) {
      const at = `${p.actor.padEnd(idWidth)}  waits at ${p.label}${p.dsl ? ` (${this.c.cyan(locText(p.dsl))})` : ''}`;
      const on = p.guards.map((g) => `${sourceText(g, this.files) ?? '?'}${g.file === p.dsl?.file && g.line === p.dsl.line ? '' : ` (${this.c.cyan(locText(g))})`}`);
      lines.push(...wrap(on.length ? `${at} on ${on.join(' and ')}` : `${at}: its step is not enabled`, this.width - INDENT.length - 2, idWidth + 2).map((l) => `${INDENT}  ${l}`));
      const read = p.reads.map((r) => `${r.path} = ${readable(r.value)}`);
      if (read.length) lines.push(...wrap(`where ${read.join('; ')}`, this.width - INDENT.length - 2, idWidth + 2 + 'where '.length).map((l) => `${INDENT}  ${' '.repeat(idWidth + 2)}${l}`));
    }
    return lines;
  }

  private frame(loc: NonNullable<Explanation['configDsl']>, maxSpanLines: number, linesAbove: number): string[] {
    const f = codeFrame(this.files, loc, { color: this.color, maxSpanLines, linesAbove });
    return f ? f.split('\n').map((l) => `${INDENT}${l}`) : [];
  }
}

/**
 * Lay `items` out row by row in as many aligned columns as fit `width`; an item wider than half
 * the width gets lines of its own, wrapped after its ` = `.
 */
function columns(items: readonly string[], width: number): string[] {
  const gap = 3;
  const narrow = (i: string) => i.length <= (width - gap) / 2;
  const cell = Math.max(0, ...items.filter(narrow).map((i) => i.length)) + gap;
  const cols = Math.max(1, Math.floor((width + gap) / cell));
  const out: string[] = [];
  let row: string[] = [];
  const flush = () => { if (row.length) out.push(row.map((r, i) => (i < row.length - 1 ? r.padEnd(cell) : r)).join('')); row = []; };
  for (const it of items) {
    if (!narrow(it)) { flush(); out.push(...wrap(it, width, Math.min(it.indexOf(' = ') + 3, 40))); continue; }
    row.push(it);
    if (row.length === cols) flush();
  }
  flush();
  return out;
}

/** Break `line` at spaces to fit `width`; continuation lines are indented by `hang`. */
function wrap(line: string, width: number, hang: number): string[] {
  const out: string[] = [];
  let rest = line;
  let first = true;
  while ((first ? 0 : hang) + rest.length > width) {
    const room = width - (first ? 0 : hang);
    let cut = rest.lastIndexOf(' ', room);
    if (cut <= room / 3) cut = room;
    out.push(`${first ? '' : ' '.repeat(hang)}${rest.slice(0, cut).trimEnd()}`);
    rest = rest.slice(cut).trimStart();
    first = false;
  }
  out.push(`${first ? '' : ' '.repeat(hang)}${rest}`);
  return out;
}
