/**
 * A PR comment (`--format markdown`): a verdict table of every config and backend, then each
 * counterexample as a step table (who did what, at which DSL line, what changed) and, folded in
 * `<details>`, a Mermaid sequence diagram with one participant per process instance (the
 * `self`-like parameter's value for an action-style model): each step is a message on its
 * participant's lifeline, and a lasso's cycle a `loop` block. Counterexamples of seeded bugs
 * found as expected are folded away too.
 */
import type { SourceLoc } from '../ir/nodes.js';
import { callText, lassoText, type Explanation, type Step } from '../map/explain.js';
import { distinctText, simulationText } from './counts.js';
import { laneOf, lanesOf } from './lanes.js';
import { stateLeaves, stepRows } from './readable.js';
import { checkerNotes, configName, expectText, locText, siteText, verdictText, type ConfigReport, type Report, type Run } from './report.js';

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
  const covered = r.configs.flatMap((c) => c.runs.filter((run) => run.explanation.covers?.length).map((run) => coverLine(c, run, o)));
  if (covered.length) out.push('', '**Covers** (situations each config must reach; an unreached one fails it):', '', ...covered);
  for (const c of r.configs) for (const run of c.runs) if (run.explanation.problem) out.push('', ...counterexample(c, run, o));
  for (const c of r.configs) for (const run of c.runs) out.push(...notes(c, run));
  return `${out.join('\n')}\n`;
}

/** Unknown counts are `—`, never an empty cell. */
function verdictRow(c: ConfigReport, { result: r }: Run): string {
  const expected = c.asExpected
    ? `✅ expected ${expectText(c.expect)}${c.expect.kind === 'violation' ? ' (seeded bug)' : ''}`
    : `❌ expected ${expectText(c.expect)}, found ${c.disagreement ? 'backends disagreeing' : unreachedText(r) ?? verdictText(r)}`;
  const distinct = r.simulation ? simulationText(r.simulation) : distinctText(r);
  const cells = [configName(c), r.backend, verdictText(r), distinct ?? '—', r.counts?.depth !== undefined ? String(r.counts.depth) : '—', `${(r.durationMs / 1000).toFixed(1)}s`, expected];
  return `| ${cells.map(cell).join(' | ')} |`;
}

function counterexample(c: ConfigReport, { result, explanation: x }: Run, o: MarkdownOptions): string[] {
  const p = x.problem!;
  const where = p.dsl ? ` — ${siteText(p, (name) => `\`${name}\``)} ${link(p.dsl, o)}` : '';
  const headline = `${c.asExpected ? '✅' : '❌'} ${configName(c)} — ${result.backend}: ${p.name ? verdictText(result) : p.message.split('\n')[0]}`;
  const body = [`${p.name ? `\`${p.name}\`` : p.kind}${where}.`];
  if (c.disagreement) body.push('', `Backends disagree: ${c.disagreement}`);
  if (x.steps.length > 0) body.push('', ...stepTable(x, o), '', '<details>', '<summary>Sequence diagram</summary>', '', ...mermaid(x, o), '', '</details>');
  if (c.asExpected) return ['<details>', `<summary>${escapeHtml(headline)}</summary>`, '', ...body, '', '</details>'];
  return [`#### ${headline}`, '', ...body];
}

/** `cover X unreached` when the run left covers unreached (and found what was expected otherwise). */
function unreachedText(r: Run['result']): string | undefined {
  const names = (r.covers ?? []).filter((k) => k.status === 'unreached').map((k) => k.name);
  return names.length ? `cover${names.length > 1 ? 's' : ''} ${names.join(', ')} unreached` : undefined;
}

/** One list item per run: covers reached (witness lengths), each unreached one at its line, the undecided ones. */
function coverLine(c: ConfigReport, { result, explanation: x }: Run, o: MarkdownOptions): string {
  const all = x.covers ?? [];
  const parts: string[] = [];
  const reached = all.filter((k) => k.status === 'reached');
  if (reached.length) parts.push(`reached: ${reached.map((k) => `\`${k.name}\` (${k.witness?.length ?? '?'} states)`).join(', ')}`);
  for (const k of all.filter((x) => x.status === 'unreached')) parts.push(`❌ \`${k.name}\` unreached — defined at ${k.dsl ? link(k.dsl, o) : 'an unknown line'}`);
  const undecided = all.filter((k) => k.status === 'undecided');
  if (undecided.length) parts.push(`not decided (${escapeHtml(undecided[0]!.reason ?? '')}): ${undecided.map((k) => `\`${k.name}\``).join(', ')}`);
  return `- ${configName(c)} — ${result.backend}: ${parts.join('; ')}`;
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
    return `| ${s.index} | ${cell(who(s))} | ${at ? link(at, o) : ''} | ${did(s).map(code).join('<br>')} |`;
  });
  const more = x.steps.length - shown.length;
  return [
    '| Step | Process / action | DSL | Changes |',
    '| ---: | --- | --- | --- |',
    ...rows,
    ...(more > 0 ? [`| … | ${more} more states (see the JSON report) | | |`] : []),
    ...(x.lasso ? [`| ↻ | ${cell(lassoText(x.lasso, false))} | ${x.lasso.closing?.dsl ? link(x.lasso.closing.dsl, o) : ''} | ${(x.lasso.closing ? did(x.lasso.closing) : []).map(code).join('<br>')} |`] : []),
  ];
}

/** A step's changes in readable terms (`phase[t1]: idle → read`); for the initial state, every value (`phase[t1] = idle`). */
function did(s: Step): string[] {
  return s.index === 1 && !s.action ? stateLeaves(s.vars).map((l) => `${l.path} = ${l.value}`) : stepRows(s).map(([k, v]) => `${k} ${v}`);
}

/** `Acquire(self=t1)`, or `initial state`. */
function what(s: Step): string {
  return s.index === 1 && !s.action ? 'initial state' : callText(s);
}

/** `t1: Acquire(self=t1)` */
function who(s: Step): string {
  return s.actor !== undefined ? `${s.actor}: ${what(s)}` : what(s);
}

/**
 * One participant per process instance; each step a message on its lifeline (a note across all
 * of them when no one owns it, like the initial state); a lasso's cycle a `loop` block.
 */
export function mermaid(x: Explanation, o: MarkdownOptions = {}): string[] {
  const shown = x.steps.slice(0, o.maxSteps ?? 60);
  const lanes = lanesOf(x, shown);
  if (lanes.length === 0) lanes.push('model');
  const all = lanes.length > 1 ? `P0,P${lanes.length - 1}` : 'P0';
  const message = (s: Step, head: string) => {
    const lane = laneOf(s);
    const text = [`${head} ${what(s)}`, ...(s.index === 1 ? [] : did(s))].map(mermaidText).join('<br/>');
    const p = lane === undefined ? undefined : `P${lanes.indexOf(lane)}`;
    return p === undefined ? `    Note over ${all}: ${text}` : `    ${p}->>${p}: ${text}`;
  };
  // A lasso's cycle as a loop block: the steps after state `loopsTo`, then the closing one.
  const loopsTo = x.lasso && !x.lasso.stuttering && x.steps.length === shown.length ? x.lasso.loopsTo : undefined;
  const openLoop = `    loop ${mermaidText(`forever: back to state ${loopsTo}`)}`;
  const lines = ['```mermaid', 'sequenceDiagram', ...lanes.map((l, i) => `    participant P${i} as ${mermaidText(l)}`)];
  for (const s of shown) {
    if (loopsTo !== undefined && s.index === loopsTo + 1) lines.push(openLoop);
    lines.push(loopsTo !== undefined && s.index > loopsTo ? `  ${message(s, `${s.index}.`)}` : message(s, `${s.index}.`));
  }
  if (x.steps.length > shown.length) lines.push(`    Note over ${all}: … ${x.steps.length - shown.length} more states`);
  if (loopsTo !== undefined) {
    if (shown.length <= loopsTo) lines.push(openLoop);
    lines.push(`  ${x.lasso?.closing ? message(x.lasso.closing, '↻') : `    Note over ${all}: ↻`}`, '    end');
  } else if (x.lasso) lines.push(`    Note over ${all}: ${mermaidText(`↻ ${lassoText(x.lasso, false)}`)}`);
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

/** A table cell's text as inline code. */
function code(s: string): string {
  return codeSpan(cell(s));
}

/**
 * `s` as Markdown inline code (CommonMark): delimited by one backtick more than its longest run of
 * them, padded with a space where it starts or ends with one, so a backtick inside never ends it.
 */
export function codeSpan(s: string): string {
  const longest = Math.max(0, ...(s.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(longest + 1), pad = s.startsWith('`') || s.endsWith('`') ? ' ' : '';
  return `${ticks}${pad}${s}${pad}${ticks}`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Mermaid entity codes for what would end a statement or be read as HTML. */
function mermaidText(s: string): string {
  return s.replace(/\s+/g, ' ').replace(/[#;<>"]/g, (ch) => `#${ch.charCodeAt(0)};`);
}
