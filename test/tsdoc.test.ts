/**
 * Every exported builder and expression of the authoring API has a TSDoc comment: each exported
 * function and const of dsl/author/{expr,model,process,sorts}.ts, each member of an exported object
 * literal (`t.int`, `t.enum`, …), each exported class, and each public method and property of
 * those classes (`m.variable`, `m.invariant`, …). An overloaded
 * function needs the comment on its first signature (the one an editor shows first).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';

export const DOCUMENTED_FILES = ['dsl/author/expr.ts', 'dsl/author/model.ts', 'dsl/author/process.ts', 'dsl/author/sorts.ts'];

function hasDoc(node: ts.Node): boolean {
  // A variable's comment sits on its statement.
  const host = ts.isVariableDeclaration(node) ? node.parent.parent : node;
  return ts.getJSDocCommentsAndTags(host).some((d) => ts.isJSDoc(d) && (d.comment !== undefined || (d.tags?.length ?? 0) > 0));
}

const isExported = (n: ts.Node): boolean =>
  ts.canHaveModifiers(n) && (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

const isPublic = (n: ts.ClassElement): boolean =>
  !(ts.getCombinedModifierFlags(n as ts.Declaration) & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected)) &&
  !(n.name !== undefined && ts.isPrivateIdentifier(n.name));

/** The top-level `const name = ...` of a file. */
function declarationOf(sf: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  for (const st of sf.statements) {
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (ts.isIdentifier(d.name) && d.name.text === name) return d;
  }
  return undefined;
}

/** `file:line name` for each exported function, const, class or public class member without TSDoc. */
export function undocumented(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const out: string[] = [];
  const seen = new Set<string>();
  const check = (node: ts.Node, name: string, at: ts.Node = node) => {
    if (seen.has(name)) return; // a later overload or the implementation of one already checked
    seen.add(name);
    if (!hasDoc(node)) out.push(`${file}:${sf.getLineAndCharacterOfPosition(at.getStart(sf)).line + 1} ${name}`);
  };
  for (const st of sf.statements) {
    if (!isExported(st)) continue;
    if (ts.isFunctionDeclaration(st) && st.name) check(st, st.name.text);
    else if (ts.isVariableStatement(st)) {
      for (const d of st.declarationList.declarations) {
        check(d, d.name.getText(sf));
        // A builder table such as `t`: each of its members (`t.int`, `t.enum`, …) too.
        if (d.initializer && ts.isObjectLiteralExpression(d.initializer)) {
          for (const p of d.initializer.properties) {
            if (!p.name) continue;
            // `{ BOOL }`: the comment is on the const it names.
            const target = ts.isShorthandPropertyAssignment(p) ? declarationOf(sf, p.name.text) ?? p : p;
            check(target, `${d.name.getText(sf)}.${p.name.getText(sf)}`, p);
          }
        }
      }
    }
    else if (ts.isClassDeclaration(st) && st.name) {
      const cls = st.name.text;
      check(st, cls);
      for (const m of st.members) {
        if (!isPublic(m) || m.name === undefined || ts.isConstructorDeclaration(m)) continue;
        if (ts.isMethodDeclaration(m) || ts.isPropertyDeclaration(m) || ts.isGetAccessor(m)) check(m, `${cls}.${m.name.getText(sf)}`);
      }
    }
  }
  return out;
}

describe('TSDoc on the authoring API', () => {
  it('finds an undocumented export, overload, class member (and accepts documented ones)', () => {
    const src = [
      '/** Doc. */ export function a(): void {}',
      'export function b(): void {}',
      '/** Doc. */ export function c(x: number): void;',
      'export function c(x: string): void;',
      'export function c(x: unknown): void {}',
      'export const d = 1;',
      '/** Doc. */ export const e = 1;',
      '/** Doc. */ export const tt = {',
      '  /** Doc. */',
      '  m: 1,',
      '  n: 2,',
      '  o, p,',
      '};',
      'function f(): void {}',
      '/** Doc. */ const o = 1;',
      'const p = 1;',
      '/** Doc. */',
      'export class G {',
      '  /** Doc. */',
      '  h(): void {}',
      '  i(): void {}',
      '  private j(): void {}',
      '  #k = 1;',
      '  readonly l = 2;',
      '}',
    ].join('\n');
    expect(undocumented('x.ts', src)).toEqual(['x.ts:2 b', 'x.ts:6 d', 'x.ts:11 tt.n', 'x.ts:12 tt.p', 'x.ts:21 G.i', 'x.ts:24 G.l']);
  });

  it.each(DOCUMENTED_FILES)('%s: every exported function, const and public class member has TSDoc', (file) => {
    expect(undocumented(file, readFileSync(path.join(PROJECT_ROOT, file), 'utf8'))).toEqual([]);
  });
});
