import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Project, ts } from 'ts-morph';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';

const FIXTURE = path.join(PROJECT_ROOT, 'test/fixtures/type-misuse.ts');

/** One project for both texts: the second program reuses the files the first parsed (the DSL's and the lib's). */
let project: Project | undefined;
function diagnosticsFor(text: string): { line: number; message: string }[] {
  project ??= new Project({ tsConfigFilePath: path.join(PROJECT_ROOT, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const sf = project.createSourceFile(FIXTURE, text, { overwrite: true });
  project.resolveSourceFileDependencies();
  return sf.getPreEmitDiagnostics().map((d) => ({
    line: d.getLineNumber() ?? 0,
    message: ts.flattenDiagnosticMessageText(d.getMessageText() as string | ts.DiagnosticMessageChain, '\n'),
  }));
}

describe('type-level misuse', () => {
  const source = readFileSync(FIXTURE, 'utf8');
  const misuses = source.split('\n').flatMap((l, i) => (l.includes('@ts-expect-error MISUSE') ? [{ line: i + 2, what: /MISUSE (\S+)/.exec(l)![1]! }] : []));

  it('the fixture type-checks with its @ts-expect-error directives (each one is needed)', () => {
    expect(misuses.length).toBeGreaterThanOrEqual(8);
    expect(diagnosticsFor(source)).toEqual([]);
  });

  // Every directive removed at once: one type-check (a full program, seconds) whose errors each
  // misuse below looks for on its own line; the text is the same for all of them.
  let stripped: { line: number; message: string }[] | undefined;
  const strippedErrors = () => (stripped ??= diagnosticsFor(source.split('\n').map((l) => (l.includes('@ts-expect-error') ? '' : l)).join('\n')));

  it.each(misuses)('$what is a compile error on its own line', ({ line }) => {
    expect(strippedErrors().map((e) => e.line)).toContain(line);
  });
});
