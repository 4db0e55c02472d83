import path from 'node:path';
import { Node, Project, type SourceFile } from 'ts-morph';
import type { SourceLoc } from '../ir/nodes.js';

/**
 * Widens call-site positions (where V8 says a builder was called) to the full span of the call
 * expression in the DSL source, read with ts-morph. A stack frame points at the callee's name
 * (`eq` in `eq(a, b)`, `action` in `m.action(...)`); the span is the whole call around it.
 */
export class SpanResolver {
  // The project keeps each file it has read; no tsconfig is loaded, and .js parses as .ts does.
  private readonly project = new Project();
  private readonly cache = new Map<string, SourceLoc>();

  /** `loc` widened; its file is read relative to `root`, the model's project root. */
  resolve(loc: SourceLoc, root: string): SourceLoc {
    if (loc.endLine !== undefined) return loc;
    const key = `${path.resolve(root, loc.file)}:${loc.line}:${loc.col}`;
    const hit = this.cache.get(key);
    if (hit) return hit;
    const out = this.widen(loc, root) ?? { ...loc, endLine: loc.line, endCol: loc.col };
    this.cache.set(key, out);
    return out;
  }

  private widen(loc: SourceLoc, root: string): SourceLoc | undefined {
    let sf: SourceFile;
    let pos: number;
    // A file that cannot be read, or a line or column outside it (line 0 too), keeps the point.
    try {
      sf = this.project.addSourceFileAtPath(path.resolve(root, loc.file));
      pos = sf.compilerNode.getPositionOfLineAndCharacter(loc.line - 1, loc.col - 1);
    } catch { return undefined; }
    const token = sf.getDescendantAtPos(pos);
    if (!token) return undefined;
    let target: Node = token;
    for (let n: Node | undefined = token; n; n = n.getParent()) {
      if ((Node.isCallExpression(n) || Node.isNewExpression(n)) && calleeNameStart(n) === pos) { target = n; break; }
      if (Node.isStatement(n)) break;
    }
    const start = sf.getLineAndColumnAtPos(target.getStart());
    const end = sf.getLineAndColumnAtPos(target.getEnd());
    // ts-morph's end is exclusive; TLC-style spans (and ours) are inclusive.
    return { file: loc.file, line: start.line, col: start.column, endLine: end.line, endCol: end.column - 1 };
  }
}

/** Where V8 puts the call site of `n`: the start of the callee's last name (or `new`). */
function calleeNameStart(n: Node): number {
  if (Node.isNewExpression(n)) return n.getStart();
  const callee = (n as import('ts-morph').CallExpression).getExpression();
  if (Node.isPropertyAccessExpression(callee)) return callee.getNameNode().getStart();
  return callee.getStart();
}
