/**
 * `npm run api`: writes docs/api.md, the API reference: every export of dsl/index.ts (what a
 * model file imports from `zswap-tla`) and the methods of `m` (the `ModelBuilder` that `model`
 * passes), with signature and TSDoc, grouped by the file that declares it. `npm run api -- --check` exits 1 when docs/api.md is stale (test/api-doc.test.ts
 * checks the same).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Node, Project, ts, type JSDocableNode } from 'ts-morph';

const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '');
export const API_MD = 'docs/api.md';

const oneLine = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The text of a node up to (not including) `stop`: a signature without its body or initializer. */
function head(node: Node, stop: Node | undefined): string {
  const text = node.getText();
  return oneLine(stop ? text.slice(0, stop.getStart() - node.getStart()) : text).replace(/\s*(=>|=|\{)$/, '').replace(/;$/, '');
}

/** A node's TSDoc, as Markdown: the description, then `@example`s as code. */
function docOf(node: Node): string {
  const host = Node.isVariableDeclaration(node) ? node.getVariableStatement() ?? node : node;
  if (!Node.isJSDocable(host)) return '';
  return (host as unknown as JSDocableNode).getJsDocs().map((d) => {
    const description = d.getDescription().trim();
    const tags = d.getTags().map((tag) => {
      const text = (tag.getCommentText() ?? '').trim();
      return tag.getTagName() === 'example' ? `Example: ${text}` : `@${tag.getTagName()} ${text}`;
    });
    return [description, ...tags].filter(Boolean).join('\n\n');
  }).join('\n\n');
}

function typeText(node: Node): string {
  return node.getType().getText(node, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.UseAliasDefinedOutsideCurrentScope);
}

interface Entry { readonly title: string; readonly code: string; readonly doc: string }

/** The entries one declaration contributes: itself and, for a class or a builder table, its members. */
function entriesOf(name: string, decl: Node, memberPrefix = name): Entry[] {
  if (Node.isFunctionDeclaration(decl)) {
    const sigs = decl.getOverloads().length ? decl.getOverloads() : [decl];
    return [{ title: name, code: sigs.map((s) => head(s, s.getBody()).replace(/^export /, '')).join('\n'), doc: docOf(sigs[0]!) }];
  }
  if (Node.isVariableDeclaration(decl)) {
    const init = decl.getInitializer();
    const typeNode = decl.getTypeNode();
    if (!typeNode && init && Node.isObjectLiteralExpression(init)) {
      const members = init.getProperties().flatMap((p): Entry[] => {
        if (Node.isPropertyAssignment(p)) {
          const value = p.getInitializer();
          const code = value && Node.isArrowFunction(value)
            ? `${name}.${p.getName()}${head(value, value.getEqualsGreaterThan())}`
            : `${name}.${p.getName()}: ${typeText(p)}`;
          return [{ title: `${name}.${p.getName()}`, code, doc: docOf(p) }];
        }
        if (Node.isShorthandPropertyAssignment(p)) {
          const target = decl.getSourceFile().getVariableDeclaration(p.getName());
          return [{ title: `${name}.${p.getName()}`, code: `${name}.${p.getName()}: ${typeText(p)}`, doc: target ? docOf(target) : '' }];
        }
        return [];
      });
      return [{ title: name, code: `const ${name}`, doc: docOf(decl) }, ...members];
    }
    const code = !typeNode && init && Node.isArrowFunction(init)
      ? `const ${name} = ${head(init, init.getEqualsGreaterThan())}`
      : `const ${name}: ${typeNode ? oneLine(typeNode.getText()) : typeText(decl)}`;
    return [{ title: name, code, doc: docOf(decl) }];
  }
  if (Node.isClassDeclaration(decl)) {
    const entries: Entry[] = [{ title: name, code: head(decl, decl.getFirstChildByKind(ts.SyntaxKind.OpenBraceToken)).replace(/^export /, ''), doc: docOf(decl) }];
    for (const m of decl.getMembers()) {
      if (Node.isConstructorDeclaration(m)) {
        entries.push({ title: `new ${name}`, code: head(m, m.getBody()), doc: docOf(m) });
        continue;
      }
      if (!(Node.isMethodDeclaration(m) || Node.isPropertyDeclaration(m) || Node.isGetAccessorDeclaration(m))) continue;
      if (m.hasModifier(ts.SyntaxKind.PrivateKeyword) || m.hasModifier(ts.SyntaxKind.ProtectedKeyword) || m.getName().startsWith('#')) continue;
      if (Node.isMethodDeclaration(m)) {
        const sigs = m.getOverloads().length ? m.getOverloads() : [m];
        entries.push({ title: `${memberPrefix}.${m.getName()}`, code: sigs.map((s) => head(s, s.getBody())).join('\n'), doc: docOf(sigs[0]!) });
      } else if (Node.isPropertyDeclaration(m)) {
        entries.push({ title: `${memberPrefix}.${m.getName()}`, code: head(m, m.getInitializer()), doc: docOf(m) });
      } else {
        entries.push({ title: `${memberPrefix}.${m.getName()}`, code: head(m, m.getBody()), doc: docOf(m) });
      }
    }
    return entries;
  }
  if (Node.isInterfaceDeclaration(decl) || Node.isTypeAliasDeclaration(decl)) {
    return [{ title: name, code: decl.getText().replace(/^export /, ''), doc: docOf(decl) }];
  }
  return [{ title: name, code: `${decl.getKindName()} ${name}`, doc: '' }];
}

/** docs/api.md as it should be, from the source under `root`. */
export function renderApi(root = ROOT): string {
  const project = new Project({ tsConfigFilePath: path.join(root, 'tsconfig.json'), skipAddingFilesFromTsConfig: true });
  const index = project.addSourceFileAtPath(path.join(root, 'dsl/index.ts'));
  project.resolveSourceFileDependencies();
  const byFile = new Map<string, { pos: number; entries: Entry[] }[]>();
  for (const [name, decls] of index.getExportedDeclarations()) {
    // An overloaded function or a merged declaration: its first declaration speaks for it.
    const decl = decls[0]!;
    const file = path.relative(root, decl.getSourceFile().getFilePath());
    const list = byFile.get(file) ?? [];
    list.push({ pos: decl.getStart(), entries: entriesOf(name, decl) });
    byFile.set(file, list);
  }
  // Not exported, but every model calls it: the builder `m` that `model(name, (m) => ...)` passes.
  const builder = project.getSourceFileOrThrow(path.join(root, 'dsl/author/model.ts')).getClassOrThrow('ModelBuilder');
  byFile.get('dsl/author/model.ts')?.push({ pos: builder.getStart(), entries: entriesOf('ModelBuilder', builder, 'm') });
  const out = [
    '# API reference',
    '',
    '<!-- Generated by `npm run api` from dsl/index.ts; do not edit. test/api-doc.test.ts fails when it is stale. -->',
    '',
    'Every export of `zswap-tla` (`dsl/index.ts`: what a model file imports), with its signature and TSDoc,',
    'grouped by the file that declares it, in declaration order; and the methods of `m`, the `ModelBuilder`',
    'that `model(name, (m) => ...)` passes to its callback.',
    '',
  ];
  for (const file of [...byFile.keys()].sort()) {
    out.push(`## ${file}`, '');
    for (const { entries } of byFile.get(file)!.sort((a, b) => a.pos - b.pos)) {
      for (const e of entries) {
        out.push(`### \`${e.title}\``, '', '```ts', e.code, '```', '');
        if (e.doc) out.push(e.doc, '');
      }
    }
  }
  return `${out.join('\n').trimEnd()}\n`;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const want = renderApi();
  const file = path.join(ROOT, API_MD);
  if (process.argv.includes('--check')) {
    let have = '';
    try { have = readFileSync(file, 'utf8'); } catch { /* missing: stale */ }
    if (have !== want) {
      console.error(`${API_MD} is stale: run npm run api`);
      process.exit(1);
    }
    console.log(`${API_MD} is up to date`);
  } else {
    writeFileSync(file, want);
    console.log(`wrote ${API_MD}`);
  }
}
