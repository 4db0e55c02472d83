/**
 * `--format html`: one self-contained page (styles, script and data inlined; nothing is fetched)
 * with a swimlane view of each counterexample and, for a report of several configs, a matrix of
 * verdicts whose cells link to their traces. The viewer (viewer.js) is plain DOM code.
 */
import { readFileSync } from 'node:fs';
import { SourceFiles } from '../code-frame.js';
import type { Report } from '../report.js';
import { pageView } from './view.js';

export interface HtmlOptions {
  /** The project root DSL paths are relative to (where code frames are read from). */
  readonly root: string;
}

const asset = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

export function renderHtml(r: Report, o: HtmlOptions): string {
  const view = pageView(r, new SourceFiles(o.root));
  // In a <script> element only `</script` (and `<!--`) can end the data early: escape every `<`.
  const data = JSON.stringify(view).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(view.title)}</title>
<style>
${asset('viewer.css')}</style>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="report-data">${data}</script>
<script>
${asset('viewer.js')}</script>
</body>
</html>
`;
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
