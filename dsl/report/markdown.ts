/**
 * A PR comment (`--format markdown`): a verdict table of every config and backend, then each
 * counterexample as a step table (who did what, at which DSL line, what changed) and a Mermaid
 * sequence diagram with one lifeline per process id (or per action when the model has none).
 * Counterexamples of seeded bugs found as expected are folded away in `<details>`.
 */
import type { SourceLoc } from '../ir/nodes.js';
import { callText, lassoText, type Explanation, type Step } from '../map/explain.js';
import { checkerNotes, configName, expectText, locText, verdictText, type ConfigReport, type Report, type Run } from './report.js';

export interface MarkdownOptions {
  /** Prefix for DSL links, e.g. `https://github.com/o/r/blob/<sha>/`; default: links relative to the repository root. */
  readonly linkBase?: string;
  /** Longest counterexample shown in full (a comment must stay under GitHub's size limit). */
  readonly maxSteps?: number;
}

export function renderMarkdown(r: Report, o: MarkdownOptions = {}): string {
  const ok = r.configs.filter((c) => c.asExpected).length;
  const out = [
    `### zswap-tla: ${ok} of ${r.configs.length} configs as expected ${ok === r.configs.length ? '✅' : '❌'}`,
    '',
    '| Model / config | Backend | Verdict | Distinct states | Depth | Time | Expected? |',
    '| --- | --- | --- | ---: | ---: | ---: | --- |',
    ...r.configs.flatMap((c) => c.runs.map((run) => verdictRow(c, run))),
  ];
  for (const c of r.configs) for (const run of c.runs) if (run.explanation.problem) out.push('', ...counterexample(c, run, o));
  for (const c of r.configs) for (const run of c.runs) out.push(...notes(c, run));
  return `${out.join('\n')}\n`;
}

function verdictRow(c: ConfigReport, { result: r }: Run): string {
  const expected = `${c.asExpected ? '✅' : '❌'} ${expectText(c.expect)}${c.asExpected && c.expect.k === 'violation' ? ' (seeded bug)' : ''}`;
  const cells = [configName(c), r.backend, verdictText(r), r.counts ? String(r.counts.distinct) : '', r.counts?.depth !== undefined ? String(r.counts.depth) : '', `${(r.durationMs / 1000).toFixed(1)}s`, expected];
  return `| ${cells.map(cell).join(' | ')} |`;
}

function counterexample(c: ConfigReport, { result, explanation: x }: Run, o: MarkdownOptions): string[] {
  const p = x.problem!;
  const where = p.dsl ? ` — ${p.kind === 'assert' || !p.name ? 'at' : 'declared at'} ${link(p.dsl, o)}` : '';
  const headline = `${c.asExpected ? '✅' : '❌'} ${configName(c)} — ${result.backend}: ${p.name ? verdictText(result) : p.message.split('\n')[0]}`;
  const body = [`${p.name ? `\`${p.name}\`` : p.kind}${where}.`];
  if (c.disagreement) body.push('', `Backends disagree: ${c.disagreement}`);
  if (x.steps.length > 0) body.push('', ...stepTable(x, o), '', ...mermaid(x, o));
  if (c.asExpected) return ['<details>', `<summary>${escapeHtml(headline)}</summary>`, '', ...body, '', '</details>'];
  return [`#### ${headline}`, '', ...body];
}

/** Warnings and `Print` output, folded away: they explain a run but are rarely the news. */
function notes(c: ConfigReport, { result }: Run): string[] {
  const lines = checkerNotes(result);
  if (lines.length === 0) return [];
  const fence = lines.some((l) => l.includes('```')) ? '~~~~' : '```';
  return ['', '<details>', `<summary>${escapeHtml(`${configName(c)} — ${result.backend}: ${result.warnings?.length ?? 0} warnings, ${result.output?.length ?? 0} printed lines`)}</summary>`, '', `${fence}text`, ...lines, fence, '', '</details>'];
}

function stepTable(x: Explanation, o: MarkdownOptions): string[] {
  const shown = x.steps.slice(0, o.maxSteps ?? 60);
  const rows = shown.map((s) => {
    const at = s.dsl ?? (s.index === 1 ? x.configDsl : undefined);
    return `| ${s.index} | ${cell(who(s))} | ${at ? link(at, o) : ''} | ${s.effects.map(code).join('<br>')} |`;
  });
  const more = x.steps.length - shown.length;
  return [
    '| Step | Process / action | DSL | Changes |',
    '| ---: | --- | --- | --- |',
    ...rows,
    ...(more > 0 ? [`| … | ${more} more states (see the JSON report) | | |`] : []),
    ...(x.lasso ? [`| ↻ | ${cell(lassoText(x.lasso, false))} | ${x.lasso.closing?.dsl ? link(x.lasso.closing.dsl, o) : ''} | ${(x.lasso.closing?.effects ?? []).map(code).join('<br>')} |`] : []),
  ];
}

/** `Acquire(self=t1)`, or `initial state`. */
function what(s: Step): string {
  return s.index === 1 && !s.action ? 'initial state' : callText(s);
}

/** `t1: Acquire(self=t1)` */
function who(s: Step): string {
  return s.actor !== undefined ? `${s.actor}: ${what(s)}` : what(s);
}

/** One lifeline per actor (process id), or per action when no step has an actor. */
function mermaid(x: Explanation, o: MarkdownOptions): string[] {
  const shown = x.steps.slice(0, o.maxSteps ?? 60);
  const byActor = shown.some((s) => s.actor !== undefined);
  const laneOf = (s: Step) => (byActor ? s.actor : s.action);
  const lanes = [...new Set(shown.map(laneOf).filter((l): l is string => l !== undefined))];
  if (lanes.length === 0) lanes.push('model');
  const all = `P0,P${lanes.length - 1}`;
  const lines = ['```mermaid', 'sequenceDiagram', ...lanes.map((l, i) => `    participant P${i} as ${mermaidText(l)}`)];
  for (const s of shown) {
    const lane = laneOf(s);
    const text = [`${s.index}. ${what(s)}`, ...(s.index === 1 ? [] : s.effects)].map(mermaidText).join('<br/>');
    lines.push(`    Note over ${lane === undefined ? all : `P${lanes.indexOf(lane)}`}: ${text}`);
  }
  if (x.steps.length > shown.length) lines.push(`    Note over ${all}: … ${x.steps.length - shown.length} more states`);
  if (x.lasso) lines.push(`    Note over ${all}: ${mermaidText(`↻ ${lassoText(x.lasso, false)}`)}`);
  lines.push('```');
  return lines;
}

function link(loc: SourceLoc, o: MarkdownOptions): string {
  const lines = loc.endLine !== undefined && loc.endLine !== loc.line ? `#L${loc.line}-L${loc.endLine}` : `#L${loc.line}`;
  return `[${locText(loc)}](${o.linkBase ?? ''}${encodeURI(loc.file)}${lines})`;
}

/** A table cell: `|` would end it and a newline the row. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function code(s: string): string {
  const ticks = s.includes('`') ? '``' : '`';
  return `${ticks}${cell(s)}${ticks}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Mermaid entity codes for what would end a statement or be read as HTML. */
function mermaidText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[#;<>"]/g, (ch) => `#${ch.charCodeAt(0)};`);
}
