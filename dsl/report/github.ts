/**
 * GitHub Actions workflow commands (`--format github`): one `::error`/`::notice` annotation per
 * finding, at the DSL lines of the violated property, with the counterexample in the message.
 * Seeded bugs found as expected are notices. Escaping follows the runner's rules
 * (actions/toolkit `command.ts`): data escapes `%`, CR, LF; property values also `:` and `,`.
 */
import { lassoText } from '../map/explain.js';
import { findings, type Finding } from './findings.js';
import { checkerNotes, configName, type Report } from './report.js';

export function renderGithub(r: Report): string {
  return findings(r).map(annotation).join('') + notes(r);
}

/** One annotation per run that printed warnings (`::warning`) or only `Print` output (`::notice`). */
function notes(r: Report): string {
  return r.configs.flatMap((c) => c.runs.flatMap(({ result }) => {
    const lines = checkerNotes(result);
    if (lines.length === 0) return [];
    const level = result.warnings?.length ? 'warning' : 'notice';
    return [`::${level} title=${escapeProperty(`${configName(c)} (${result.backend})`)}::${escapeData(lines.join('\n'))}\n`];
  })).join('');
}

export function annotation(f: Finding): string {
  const props: [string, string | number][] = [];
  if (f.loc) {
    props.push(['file', f.loc.file], ['line', f.loc.line]);
    if (f.loc.endLine !== undefined) props.push(['endLine', f.loc.endLine]);
    // GitHub uses columns only on single-line annotations.
    if ((f.loc.endLine ?? f.loc.line) === f.loc.line) {
      props.push(['col', f.loc.col]);
      if (f.loc.endCol !== undefined) props.push(['endColumn', f.loc.endCol]);
    }
  }
  props.push(['title', f.title]);
  const steps = f.run?.explanation.steps.map((s) => `${s.index}. ${s.summary}${s.dsl ? ` (${s.dsl.file}:${s.dsl.line})` : ''}`) ?? [];
  const lasso = f.run?.explanation.lasso;
  const tail = lasso ? [lassoText(lasso)] : [];
  const body = [f.message, ...(steps.length ? ['Counterexample:', ...steps, ...tail] : [])].join('\n');
  return `::${f.expected ? 'notice' : 'error'} ${props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',')}::${escapeData(body)}\n`;
}

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
