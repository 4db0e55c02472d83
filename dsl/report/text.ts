/**
 * The terminal report: one line per backend run, then for each violation the property's DSL line
 * and the counterexample step by step. Configs that are not as expected also get code frames of
 * the DSL source (the property, and each step's action), since that is where the engineer goes next.
 */
import pc from 'picocolors';
import type { CheckResult } from '../check/result.js';
import { lassoText, type Explanation } from '../map/explain.js';
import { codeFrame, SourceFiles } from './code-frame.js';
import { configName, expectText, locText, verdictText, type ConfigReport, type Report } from './report.js';

export interface TextOptions {
  readonly color?: boolean;
  /** The project root DSL paths are relative to (where code frames are read from). */
  readonly root: string;
}

const INDENT = '       ';
/** Problems whose checker message says more than the verdict line. */
const MESSAGE_KINDS: ReadonlySet<string> = new Set(['crashed', 'parseError', 'configError', 'evalError']);

/** Renders configs one at a time (the CLI prints each as soon as it is checked). */
export class TextReporter {
  private readonly c: ReturnType<typeof pc.createColors>;
  private readonly files: SourceFiles;
  private readonly color: boolean;

  constructor(o: TextOptions) {
    this.color = o.color ?? false;
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
      const seeded = cr.expect.k === 'violation' ? ' (expected: seeded bug)' : '';
      lines.push(`${INDENT}${p.name} ${p.kind === 'assert' ? 'failed' : 'violated'} — ${p.kind === 'assert' ? 'at' : 'defined at'} ${p.dsl ? this.c.cyan(locText(p.dsl)) : 'an unknown line'}${seeded}`);
    }
    if (!cr.asExpected && cr.expect.k !== 'pass') lines.push(`${INDENT}expected ${expectText(cr.expect)}`);
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
      lines.push(`${INDENT}  ${String(s.index).padStart(2)}  ${this.c.cyan(where)}  ${s.summary}`);
      if (!cr.asExpected && s.dsl) lines.push(...this.frame(s.dsl, 1, 0).map((l) => `      ${l}`));
    }
    if (x.lasso) {
      const closing = x.lasso.closing?.dsl ? locText(x.lasso.closing.dsl).padEnd(width) : ''.padEnd(width);
      lines.push(x.lasso.stuttering ? `${INDENT}  …then stutters forever` : `${INDENT}   ↻  ${this.c.cyan(closing)}  ${lassoText(x.lasso)}`);
    }
    return lines;
  }

  private frame(loc: NonNullable<Explanation['configDsl']>, maxSpanLines: number, linesAbove: number): string[] {
    const f = codeFrame(this.files, loc, { color: this.color, maxSpanLines, linesAbove });
    return f ? f.split('\n').map((l) => `${INDENT}${l}`) : [];
  }
}

function countsText(r: CheckResult): string {
  const c = r.counts;
  return [c ? `${c.distinct} distinct` : '', c?.depth !== undefined ? `depth ${c.depth}` : '', `${(r.durationMs / 1000).toFixed(1)}s`].filter(Boolean).join(', ');
}
