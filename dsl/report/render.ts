import { renderGithub } from './github.js';
import { renderJson } from './json.js';
import { renderMarkdown, type MarkdownOptions } from './markdown.js';
import type { Report } from './report.js';
import { renderSarif } from './sarif.js';
import { TextReporter, type TextOptions } from './text.js';

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'github', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export type RenderOptions = TextOptions & MarkdownOptions;

/** The whole report in one format. */
export function render(format: ReportFormat, r: Report, o: RenderOptions): string {
  switch (format) {
    case 'text': return new TextReporter(o).report(r);
    case 'json': return renderJson(r);
    case 'sarif': return renderSarif(r);
    case 'github': return renderGithub(r);
    case 'markdown': return renderMarkdown(r, o);
  }
}
