/**
 * The unified diff `gen:check` prints (dsl/report/unified-diff.ts): exact output on small cases
 * (as GNU `diff -u` prints them), and on random texts a patch that `git apply` (an independent
 * reader of the format, strict about hunk counts) turns the old text into the new one, with as
 * few changed lines as a longest common subsequence allows.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { editScript, unifiedDiff } from '../dsl/report/unified-diff.js';

const has = (tool: string) => { try { execFileSync(tool, ['--version'], { stdio: 'ignore' }); return true; } catch { return false; } };
const git = has('git');
const gnuPatch = has('patch');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'unified-diff-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** `patch` applied to `old` by `git apply`, or the error it gives. */
function gitApply(old: string, patch: string): string {
  const file = path.join(tmp, 'f.txt');
  writeFileSync(file, old);
  writeFileSync(path.join(tmp, 'p.diff'), patch);
  execFileSync('git', ['apply', '--unsafe-paths', '--unidiff-zero', `--directory=${path.relative('/', tmp)}`, '-p0', path.join(tmp, 'p.diff')], { cwd: '/', stdio: 'pipe' });
  return readFileSync(file, 'utf8');
}

/**
 * `patch` applied to `old` by GNU patch. With no context lines `git apply --unidiff-zero` keeps
 * the newline off the line before a deleted last line that had none (its own `git diff -U0`
 * output does not round-trip either), so zero-context patches go to GNU patch.
 */
function gnuPatchApply(old: string, patch: string): string {
  const file = path.join(tmp, 'f.txt');
  writeFileSync(file, old);
  execFileSync('patch', ['-s', '-p0', '-i', path.join(tmp, 'p.diff')], { cwd: tmp, stdio: 'pipe', input: '' });
  return readFileSync(file, 'utf8');
}

/** LCS length by the textbook recurrence (small inputs only). */
function lcs(a: readonly string[], b: readonly string[]): number {
  const t = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  return t[0]![0]!;
}

describe('unifiedDiff: exact output', () => {
  it('equal texts give nothing', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', 'x', 'y')).toBe('');
  });

  it('one changed line with three lines of context each side, as diff -u', () => {
    const old = ['1', '2', '3', '4', '5', '6', '7', '8', '9'].join('\n') + '\n';
    const now = old.replace('5\n', 'five\n');
    expect(unifiedDiff(old, now, 'a/f', 'b/f')).toBe(['--- a/f', '+++ b/f', '@@ -2,7 +2,7 @@', ' 2', ' 3', ' 4', '-5', '+five', ' 6', ' 7', ' 8', ''].join('\n'));
  });

  it('changes more than six lines apart are separate hunks; closer ones share one', () => {
    const lines = Array.from({ length: 30 }, (_, i) => `l${i + 1}`);
    const old = lines.join('\n') + '\n';
    const two = lines.map((l) => (l === 'l3' || l === 'l20' ? `${l}!` : l)).join('\n') + '\n';
    expect(unifiedDiff(old, two, 'a', 'b').split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,6 +1,6 @@', '@@ -17,7 +17,7 @@']);
    const near = lines.map((l) => (l === 'l3' || l === 'l9' ? `${l}!` : l)).join('\n') + '\n';
    expect(unifiedDiff(old, near, 'a', 'b').split('\n').filter((l) => l.startsWith('@@'))).toEqual(['@@ -1,12 +1,12 @@']);
  });

  it('a new file is diffed from /dev/null, a removed one to it', () => {
    expect(unifiedDiff('', 'x\ny\n', '/dev/null', 'b/n')).toBe('--- /dev/null\n+++ b/n\n@@ -0,0 +1,2 @@\n+x\n+y\n');
    expect(unifiedDiff('x\n', '', 'a/n', '/dev/null')).toBe('--- a/n\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n');
  });

  it('a lost final newline is a change, marked as diff marks it', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb', 'a', 'b')).toBe('--- a\n+++ b\n@@ -1,2 +1,2 @@\n a\n-b\n+b\n\\ No newline at end of file\n');
  });

  it('maxLines cuts the body and says how much is left', () => {
    const out = unifiedDiff('', Array.from({ length: 10 }, (_, i) => `${i}\n`).join(''), 'a', 'b', { maxLines: 4 });
    expect(out.split('\n')).toEqual(['--- a', '+++ b', '@@ -0,0 +1,10 @@', '+0', '+1', '+2', '... 7 more diff lines not shown', '']);
  });

  it('a middle too large for the table is replaced whole: still a correct edit script', () => {
    const a = ['h', 'x1', 'same', 'x2', 't'];
    const b = ['h', 'y1', 'same', 'y2', 't'];
    const ops = editScript(a, b, 4);
    expect(ops.map((o) => o.t).join('')).toBe(' ---+++ ');
    expect(editScript(a, b).map((o) => o.t).join('')).toBe(' -+ -+ ');
  });
});

describe.skipIf(!git)(`unifiedDiff: random texts${git ? '' : ' (skipped: git not found)'}`, () => {
  const text = fc.array(fc.constantFrom('a', 'b', 'c', 'd', ''), { maxLength: 25 }).chain((lines) =>
    fc.boolean().map((eol) => (lines.length === 0 ? '' : lines.join('\n') + (eol ? '\n' : ''))));

  it.skipIf(!gnuPatch)(`the one case git apply gets wrong: zero context, a deleted last line without a newline (GNU patch applies it)${gnuPatch ? '' : ' (skipped: GNU patch not found)'}`, () => {
    const old = 'd\nc\n\na\nb\nb';
    const patch = unifiedDiff(old, 'b\n', 'f.txt', 'f.txt', { context: 0 });
    expect(patch).toBe('--- f.txt\n+++ f.txt\n@@ -1,4 +0,0 @@\n-d\n-c\n-\n-a\n@@ -6 +1,0 @@\n-b\n\\ No newline at end of file\n');
    writeFileSync(path.join(tmp, 'p.diff'), patch);
    expect(gnuPatchApply(old, patch)).toBe('b\n');
  });

  it('git apply (GNU patch with no context) turns old into new, and the diff changes no more lines than the LCS requires', () => {
    fc.assert(fc.property(text, text, fc.integer({ min: 0, max: 4 }), (old, now, context) => {
      const patch = unifiedDiff(old, now, 'f.txt', 'f.txt', { context });
      if (old === now) return patch === '';
      if (context > 0 || !gnuPatch) {
        // Without GNU patch, the one zero-context case git apply gets wrong is not applied.
        if (context > 0 || !patch.includes('No newline')) expect(gitApply(old, patch)).toBe(now);
      } else { writeFileSync(path.join(tmp, 'p.diff'), patch); expect(gnuPatchApply(old, patch)).toBe(now); }
      const split = (t: string) => t === '' ? [] : t.replace(/\n$/, '').split('\n');
      const body = patch.split('\n').slice(2);
      const changed = body.filter((l) => /^[-+]/.test(l)).length;
      const a = split(old);
      const b = split(now);
      // A differing final newline costs one more line each side at most.
      const minimal = a.length + b.length - 2 * lcs(a, b);
      expect(changed).toBeGreaterThanOrEqual(minimal);
      expect(changed).toBeLessThanOrEqual(minimal + 2);
      return true;
    }), { numRuns: 100 });
  });
});
