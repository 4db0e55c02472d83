/**
 * Every reporter shows what TLC printed besides its verdict: warnings and `Print` output, read
 * by the parser from real TLC runs (test/fixtures/tlc/warn-sany.out and printer.out).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import type * as sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../dsl/check/result.js';
import { parseToolOutput } from '../dsl/check/tlc-output.js';
import type { Explanation } from '../dsl/map/explain.js';
import { renderGithub } from '../dsl/report/github.js';
import { renderJson } from '../dsl/report/json.js';
import { renderMarkdown } from '../dsl/report/markdown.js';
import { checkerNotes, type ConfigReport, type Report } from '../dsl/report/report.js';
import { sarifLog } from '../dsl/report/sarif.js';
import { TextReporter } from '../dsl/report/text.js';
import { PROJECT_ROOT } from './helpers/root.js';

const FIXTURES = path.resolve(import.meta.dirname, 'fixtures/tlc');

function parsed(file: string, module: string, exitCode: number): CheckResult {
  return parseToolOutput(readFileSync(path.join(FIXTURES, file), 'utf8'), { module, config: 'c', durationMs: 1000, exitCode });
}

/** A config report around one run; the explanation is what `explain` gives a run with no trace. */
function configOf(result: CheckResult): ConfigReport {
  const explanation: Explanation = {
    backend: result.backend, module: result.module, config: result.config, verdict: result.verdict.kind,
    ...(result.verdict.kind === 'passed' ? {} : { problem: { kind: result.verdict.kind, message: result.verdict.kind } }),
    steps: [],
  };
  return { module: result.module, config: 'c', expect: { kind: 'pass' }, asExpected: result.verdict.kind === 'passed', runs: [{ result, explanation }] };
}

const warned = parsed('warn-sany.out', 'Warn', 0);
const printer = parsed('printer.out', 'Printer', 11);
const report: Report = { configs: [configOf(warned), configOf(printer)] };
const FIRST_WARNING = 'Please run the Java VM, which executes TLC with a throughput optimized garbage collector, by passing the "-XX:+UseParallelGC" property.';

describe('checkerNotes', () => {
  it('a warnings: block, one indented line per warning', () => {
    const lines = checkerNotes(warned);
    expect(lines).toHaveLength(3);
    expect(lines.slice(0, 2)).toEqual(['warnings:', `  ${FIRST_WARNING}`]);
    expect(lines[2]).toMatch(/^ {2}line 6, col 14 to line 6, col 14 of module Warn: The field name "x"/);
  });

  it('a printed: block, capped at 20 lines', () => {
    expect(checkerNotes(printer)).toEqual(['printed:', ...printer.output!.map((l) => `  ${l}`)]);
    const many = { ...printer, output: Array.from({ length: 25 }, (_, i) => `line ${i}`) };
    const lines = checkerNotes(many);
    expect(lines).toHaveLength(22);
    expect(lines.at(-2)).toBe('  line 19');
    expect(lines.at(-1)).toBe('  … 5 more');
  });

  it('nothing for a run that printed neither', () => {
    expect(checkerNotes(parsed('grid-en.out', 'Grid', 0))).toEqual([]);
  });
});

describe('each reporter shows them', () => {
  it('text', () => {
    const out = new TextReporter({ root: PROJECT_ROOT }).report(report);
    expect(out).toContain(`       warnings:\n         ${FIRST_WARNING}\n`);
    expect(out).toContain('       printed:\n         <<"init", 0>>\n         <<"step from", 0>>  TRUE\n');
  });

  it('json: the fields of the result', () => {
    const doc = JSON.parse(renderJson(report)) as { configs: { runs: { result: CheckResult }[] }[] };
    expect(doc.configs[0]!.runs[0]!.result.warnings?.[0]).toBe(FIRST_WARNING);
    expect(doc.configs[1]!.runs[0]!.result.output).toEqual(printer.output);
  });

  it('markdown: folded blocks', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('<summary>Warn/c — tlc: 2 warnings, 0 printed lines</summary>');
    expect(md).toContain('<summary>Printer/c — tlc: 0 warnings, 9 printed lines</summary>');
    expect(md).toContain(`\`\`\`text\nwarnings:\n  ${FIRST_WARNING}\n`);
  });

  it('github: a warning annotation for warnings, a notice for Print output', () => {
    const lines = renderGithub(report).trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::warning title=Warn/c (tlc)::warnings:%0A  Please run the Java VM'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('::notice title=Printer/c (tlc)::printed:%0A  <<"init", 0>>'))).toHaveLength(1);
  });

  it('sarif: tool execution notifications in the run of their model, valid against the 2.1.0 schema', () => {
    const log = sarifLog(report);
    const notes = log.runs.map((r) => (r.invocations?.[0]?.toolExecutionNotifications ?? []).map((n: sarif.Notification) => [n.level, n.message.text?.split('\n').slice(0, 2)]));
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['zswap-tla/Warn/', 'zswap-tla/Printer/']);
    expect(notes).toEqual([
      [['warning', ['Warn/c (tlc):', 'warnings:']]],
      [['note', ['Printer/c (tlc):', 'printed:']]],
    ]);
    const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/report/sarif-schema-2.1.0.json'), 'utf8')) as object;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    formats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(sarifLog({ configs: [configOf(parsed('grid-en.out', 'Grid', 0))] }).runs[0]!.invocations).toBeUndefined();
  });
});
