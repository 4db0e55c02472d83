/**
 * A unified diff (`diff -u`, `git diff` style) of two texts, line by line, for `gen:check` to show
 * what is stale. The edit script is a longest common subsequence of the lines between the common
 * head and tail (dynamic programming); when that middle is too large to compare cell by cell, it
 * is shown as deleted and re-added whole — still a correct diff, just not a minimal one.
 */

export interface UnifiedDiffOptions {
  /** Unchanged lines shown around each change (default 3, as `diff -u`). */
  readonly context?: number;
  /** Most diff lines shown after the two file headers; the rest is counted (default: all). */
  readonly maxLines?: number;
  /** Largest middle (old lines × new lines) compared by LCS (default 25 million). */
  readonly maxCells?: number;
}

export type Op = { readonly t: ' ' | '-' | '+'; readonly text: string; readonly a: number; readonly b: number };

/** The lines of a text, and whether its last line lacks a newline. */
function linesOf(text: string): { lines: string[]; noEol: boolean } {
  if (text === '') return { lines: [], noEol: false };
  const lines = text.split('\n');
  const noEol = lines[lines.length - 1] !== '';
  if (!noEol) lines.pop();
  return { lines, noEol };
}

/** Every line of `a` and `b` as kept, deleted or added, in order (a, b: 0-based line indices). */
export function editScript(a: readonly string[], b: readonly string[], maxCells = 25_000_000): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let i = 0; i < head; i++) ops.push({ t: ' ', text: a[i]!, a: i, b: i });
  const n = a.length - head - tail;
  const m = b.length - head - tail;
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= maxCells) {
    // lcs[i][j]: the LCS length of a[head+i..] and b[head+j..], row-major in one array.
    const w = m + 1;
    const lcs = Math.min(n, m) < 0xffff ? new Uint16Array((n + 1) * w) : new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] === b[head + j]) { ops.push({ t: ' ', text: a[head + i]!, a: head + i, b: head + j }); i++; j++; }
      // Deletions before additions within a change, as diff prints them.
      else if (i < n && (j === m || lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!)) { ops.push({ t: '-', text: a[head + i]!, a: head + i, b: head + j }); i++; }
      else { ops.push({ t: '+', text: b[head + j]!, a: head + i, b: head + j }); j++; }
    }
  } else {
    for (let i = 0; i < n; i++) ops.push({ t: '-', text: a[head + i]!, a: head + i, b: head });
    for (let j = 0; j < m; j++) ops.push({ t: '+', text: b[head + j]!, a: head + n, b: head + j });
  }
  for (let k = 0; k < tail; k++) ops.push({ t: ' ', text: a[head + n + k]!, a: head + n + k, b: head + m + k });
  return ops;
}

/**
 * `--- oldName` / `+++ newName` and the hunks turning `oldText` into `newText`; '' when they are
 * equal. A missing side is `/dev/null` with empty text.
 */
export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, o: UnifiedDiffOptions = {}): string {
  if (oldText === newText) return '';
  const context = o.context ?? 3;
  const A = linesOf(oldText);
  const B = linesOf(newText);
  // A last line without a newline differs from the same text with one.
  const key = (x: { lines: string[]; noEol: boolean }) => x.noEol ? [...x.lines.slice(0, -1), `${x.lines[x.lines.length - 1]!}\0`] : x.lines;
  const ops = editScript(key(A), key(B), o.maxCells).map((x) => ({ ...x, text: x.t === '+' ? B.lines[x.b]! : A.lines[x.a]! }));
  const body: string[] = [];
  let k = 0;
  while (k < ops.length) {
    // The next change, and the hunk around it: changes closer than 2×context lines share a hunk.
    while (k < ops.length && ops[k]!.t === ' ') k++;
    if (k === ops.length) break;
    const start = Math.max(0, k - context);
    let end = k;
    for (let gap = 0; end < ops.length; end++) {
      if (ops[end]!.t !== ' ') gap = 0;
      else if (++gap > 2 * context) break;
    }
    // `end` is past the hunk's last change by up to 2×context+1 kept lines; keep `context` of them.
    let lastChange = end - 1;
    while (ops[lastChange]!.t === ' ') lastChange--;
    const stop = Math.min(ops.length, lastChange + 1 + context);
    const hunk = ops.slice(start, stop);
    const oldCount = hunk.filter((x) => x.t !== '+').length;
    const newCount = hunk.filter((x) => x.t !== '-').length;
    const first = hunk[0]!;
    // Per diff -u: a side with no lines in the hunk is numbered by the line before it.
    const oldStart = oldCount === 0 ? first.a : first.a + 1;
    const newStart = newCount === 0 ? first.b : first.b + 1;
    body.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const x of hunk) {
      body.push(`${x.t}${x.text}`);
      // The last line of a side without a final newline is marked, as diff does.
      const lastOld = x.t !== '+' && x.a === A.lines.length - 1 && A.noEol;
      const lastNew = x.t !== '-' && x.b === B.lines.length - 1 && B.noEol;
      if ((x.t === '-' && lastOld) || (x.t === '+' && lastNew) || (x.t === ' ' && lastOld && lastNew)) body.push('\\ No newline at end of file');
    }
    k = stop;
  }
  const max = o.maxLines ?? Infinity;
  const shown = body.length > max ? [...body.slice(0, max), `... ${body.length - max} more diff lines not shown`] : body;
  return `--- ${oldName}\n+++ ${newName}\n${shown.join('\n')}\n`;
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
