/**
 * A checker for the layout of TLA+ junction lists (`/\` and `\/` bullets), independent of the
 * emitter. TLA+ (and tla-checker, which is stricter about it) reads a bulleted list by column:
 * every bullet of one list sits in the same column, an item extends over the following lines as
 * long as they start strictly right of that column, and the first token at or left of it ends
 * the item (and, unless it is a bullet of the same kind in exactly that column, the list).
 *
 * The checker replays that rule over the text with a stack of open lists and reports layouts
 * a generator should never produce:
 *  - a bullet strictly between an open list's column and that list's content (column + 3):
 *    it is neither a sibling nor a properly nested list (a sibling misaligned to the right);
 *  - a bullet that is the first token of its line, ends an open list of the same kind and
 *    opens a new one further left (a sibling misaligned to the left);
 *  - a list ended by something other than a sibling bullet standing in its own column
 *    (e.g. a `\/` under a `/\` list, which TLA+ reads as an infix operator).
 */

export type JunctionOp = '/\\' | '\\/';

export interface Bullet { readonly line: number; readonly col: number; readonly op: JunctionOp }

export interface LayoutReport {
  readonly problems: string[];
  /** Every list found: its column, kind and the bullets in it. */
  readonly lists: { readonly col: number; readonly op: JunctionOp; readonly bullets: Bullet[] }[];
}

/** Tokens after which a `/\` or `\/` is a prefix bullet (starts a list) rather than an infix operator. */
const LIST_OPENERS = new Set(['/\\', '\\/', 'THEN', 'ELSE', 'IN', '==', ':', '->', '(', ',', '[]', 'OTHER']);

/** Blank out comments and string contents, keeping columns. */
function code(lines: readonly string[]): string[] {
  let inBlock = 0;
  return lines.map((raw) => {
    let out = '';
    for (let i = 0; i < raw.length; i++) {
      if (inBlock > 0) {
        if (raw.startsWith('*)', i)) { inBlock--; out += '  '; i++; } else if (raw.startsWith('(*', i)) { inBlock++; out += '  '; i++; } else out += ' ';
        continue;
      }
      if (raw.startsWith('(*', i)) { inBlock++; out += '  '; i++; continue; }
      if (raw.startsWith('\\*', i)) { out += ' '.repeat(raw.length - i); break; }
      if (raw[i] === '"') {
        out += '"';
        for (i++; i < raw.length && raw[i] !== '"'; i++) out += raw[i] === '\\' ? (i++, '  ') : ' ';
        if (i < raw.length) out += '"';
        continue;
      }
      out += raw[i];
    }
    return out;
  });
}

/** The prefix bullets on one (comment- and string-free) line. */
export function bulletsOn(text: string, line: number): Bullet[] {
  const out: Bullet[] = [];
  const re = /\/\\|\\\//g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const after = text[m.index + 2];
    if (after !== undefined && after !== ' ') continue;
    const before = text.slice(0, m.index).trimEnd();
    const prev = before === '' ? '' : /(\/\\|\\\/|==|->|\[\]|[A-Za-z_]\w*|\S)$/.exec(before)![1]!;
    if (prev === '' || LIST_OPENERS.has(prev)) out.push({ line, col: m.index + 1, op: m[0] as JunctionOp });
  }
  return out;
}

export function checkJunctionLayout(tla: string): LayoutReport {
  const lines = code(tla.split('\n'));
  const problems: string[] = [];
  const lists: LayoutReport['lists'] = [];
  const stack: LayoutReport['lists'] = [];
  const where = (b: Bullet) => `line ${b.line} col ${b.col}`;

  lines.forEach((text, i) => {
    const line = i + 1;
    const first = text.search(/\S/);
    if (first < 0) return;
    const f = first + 1;
    const bullets = bulletsOn(text, line);
    const lead = bullets[0]?.col === f ? bullets[0] : undefined;

    const closed: (typeof stack)[number][] = [];
    while (stack.length && stack[stack.length - 1]!.col > f) closed.push(stack.pop()!);
    const top = stack[stack.length - 1];
    let rest = bullets;
    if (top && top.col === f) {
      if (lead && lead.op === top.op) {
        top.bullets.push(lead);
        rest = bullets.slice(1);
      } else {
        problems.push(`line ${line} col ${f}: '${text.trim().slice(0, 20)}' stands in the column of the ${top.op} list opened at ${where(top.bullets[0]!)} without being one of its bullets`);
        stack.pop();
      }
    }
    for (const b of rest) {
      const outer = stack[stack.length - 1];
      if (outer && b.col > outer.col && b.col < outer.col + 3) {
        problems.push(`${where(b)}: ${b.op} lies between the column (${outer.col}) of the ${outer.op} list opened at ${where(outer.bullets[0]!)} and its content (${outer.col + 3})`);
      }
      if (b === lead) {
        const sameKind = closed.find((c) => c.op === b.op);
        if (sameKind) problems.push(`${where(b)}: ${b.op} ends the ${b.op} list in column ${sameKind.col} (opened at ${where(sameKind.bullets[0]!)}) and starts a new one left of it: misaligned bullet`);
      }
      const list = { col: b.col, op: b.op, bullets: [b] };
      lists.push(list);
      stack.push(list);
    }
  });
  return { problems, lists };
}
