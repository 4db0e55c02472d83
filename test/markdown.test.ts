/**
 * The Markdown report's Mermaid sequence diagrams, parsed by mermaid's own parser (the `mermaid`
 * package's `mermaid.parse`, on a jsdom window since it sanitises with DOMPurify), for real
 * counterexamples: an invariant (MutexCounter/racy), a lasso (MutexStarvation), a deadlock
 * (MutexDoubleLock) and an evaluation error (LruRace).
 */
import { JSDOM } from 'jsdom';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Explanation, Problem, Step } from '../dsl/map/explain.js';
import { SourceFiles } from '../dsl/report/code-frame.js';
import { captionOf, pageView } from '../dsl/report/html/view.js';
import { laneOf } from '../dsl/report/lanes.js';
import { mermaid, renderMarkdown } from '../dsl/report/markdown.js';
import type { ConfigReport } from '../dsl/report/report.js';
import { checkModel } from '../dsl/testing/check-model.js';
import mutexCounter from '../models/mutex-counter.js';
import { mutexStarvation } from '../models/peer/liveness-bugs.js';
import { lruRace } from '../models/peer/lru-race.js';
import { doubleLock } from '../models/peer/mutex-misuse.js';
import { lineOf } from './helpers/locate.js';
import { PROJECT_ROOT } from './helpers/root.js';

type Parse = (text: string) => Promise<unknown>;
let parse: Parse;
const reports: Record<string, ConfigReport> = {};

beforeAll(async () => {
  const { window } = new JSDOM('<!doctype html><html><body></body></html>');
  Object.assign(globalThis, { window, document: window.document });
  const { default: m } = await import('mermaid');
  parse = (text) => m.parse(text);
  const runs = await Promise.all([
    checkModel(mutexCounter, 'racy', { backend: 'tla-checker' }),
    checkModel(mutexStarvation, 'two_cpus', { backend: 'tla-checker' }),
    checkModel(doubleLock, 'one_task', { backend: 'tla-checker' }),
    checkModel(lruRace, 'two_reclaimers', { backend: 'tla-checker' }),
  ]);
  for (const r of runs) reports[r.model.name] = r.report;
});

/** The Mermaid blocks of a Markdown text. */
const diagrams = (md: string) => [...md.matchAll(/```mermaid\n([\s\S]*?)```/g)].map((m) => m[1]!);
const x = (name: string): Explanation => reports[name]!.runs[0]!.explanation;

describe('Mermaid sequence diagrams', () => {
  it("every diagram parses with mermaid's parser, and a broken one does not", async () => {
    const md = renderMarkdown({ configs: Object.values(reports) });
    const found = diagrams(md);
    expect(found.length).toBe(4);
    for (const d of found) await expect(parse(d), d).resolves.toBeTruthy();
    // The lasso's diagram without the `end` of its loop block is not a diagram.
    const lasso = found.find((d) => d.includes('    loop '))!;
    await expect(parse(lasso.replace(/\n {4}end\n/, '\n'))).rejects.toThrow(/Parse error/);
  });

  it('one participant per process instance; each step a message on its lifeline, in order', () => {
    const lasso = x('MutexStarvation');
    const lines = mermaid(lasso);
    const participants = lines.filter((l) => l.includes('participant')).map((l) => l.trim());
    expect(participants.map((p) => p.replace(/^participant P\d as /, '')).sort()).toEqual(['c1', 'c2']);
    const messages = lines.filter((l) => /->>/.test(l));
    expect(messages.length).toBe(lasso.steps.length - 1 + 1); // every step but the initial state, plus the closing one
    for (const s of lasso.steps.slice(1)) {
      const line = messages.find((m) => m.includes(`: ${s.index}. `))!;
      const p = participants.find((q) => q.endsWith(` as ${s.actor}`))!.split(' ')[1];
      expect(line.trim().startsWith(`${p}->>${p}: ${s.index}. ${s.action}(self=${s.actor})`), line).toBe(true);
    }
  });

  it("a lasso's cycle is a loop block from the state it returns to, ending with the closing step", () => {
    const lasso = x('MutexStarvation');
    const lines = mermaid(lasso).map((l) => l.trim());
    const open = lines.findIndex((l) => l.startsWith('loop '));
    expect(lines[open]).toBe(`loop forever: back to state ${lasso.lasso!.loopsTo}`);
    expect(lines[open + 1]).toContain(`: ${lasso.lasso!.loopsTo! + 1}. `);
    // Which step closes the cycle is the checker's choice: any step of a CPU's loop.
    const closing = lasso.lasso!.closing!;
    expect(mutexStarvation.module.actions.filter((a) => a.process === 'Cpu').map((a) => a.name)).toContain(closing.action);
    expect(lines.at(-3)).toMatch(new RegExp(`^P\\d->>P\\d: ↻ ${closing.action}\\(self=${closing.actor}\\)`));
    expect(lines.at(-2)).toBe('end');
  });

  it('the participant of an action-style step is its self-like parameter, not the action', () => {
    const step = (params: Record<string, string>, actor?: string): Step => ({ index: 2, action: 'Write', params, vars: {}, changes: [], labels: [], effects: [], summary: '', ...(actor ? { actor } : {}) });
    expect(laneOf(step({ self: 't1' }))).toBe('t1');
    expect(laneOf(step({ t: 't2' }))).toBe('t2');
    expect(laneOf(step({ self: 't1' }, 'c1'))).toBe('c1');
    expect(laneOf(step({}))).toBeUndefined();
    expect(laneOf(step({ a: '1', b: '2' }))).toBeUndefined();
  });

  it('diagrams are folded in <details>', () => {
    const md = renderMarkdown({ configs: [reports.MutexStarvation!] });
    expect(md).toContain('<details>\n<summary>Sequence diagram</summary>\n\n```mermaid\nsequenceDiagram\n');
  });
});

describe("each counterexample's first line", () => {
  it('names the invariant and where the model defines it, as the text and HTML reports do', () => {
    const line = lineOf('models/mutex-counter.ts', "m.invariant('NoLostUpdate'");
    const md = renderMarkdown({ configs: [reports.MutexCounter!] });
    expect(md).toContain(`\n\`NoLostUpdate\` — defined at [models/mutex-counter.ts:${line}](models/mutex-counter.ts#L${line}`);
    // The HTML report's code frame says the same.
    const html = pageView({ configs: [reports.MutexCounter!] }, new SourceFiles(PROJECT_ROOT));
    expect(html.traces[0]!.problem!.frame!.caption).toBe(`defined here: models/mutex-counter.ts:${line}`);
    // A problem with no name (an evaluation error) is placed "at" where it happened; in HTML, "fails here".
    expect(renderMarkdown({ configs: [reports.LruRace!] })).toMatch(/\nevalError — at \[models\/peer\/lru-race\.ts:\d+\]/);
    expect(pageView({ configs: [reports.LruRace!] }, new SourceFiles(PROJECT_ROOT)).traces[0]!.problem!.frame!.caption).toMatch(/^fails here: models\/peer\/lru-race\.ts:\d+$/);
  });
});

describe("the HTML problem frame's caption", () => {
  it.each<[Problem['kind'], string | undefined, string]>([
    ['invariant', undefined, 'defined here'],
    ['property', undefined, 'defined here'],
    ['invariant', 'pool', 'declared here'],
    ['assert', undefined, 'fails here'],
    ['evalError', undefined, 'fails here'],
    ['parseError', undefined, 'fails here'],
    // These have no DSL location, so no frame is drawn; were one given, it would be where it failed.
    ['deadlock', undefined, 'fails here'],
    ['configError', undefined, 'fails here'],
    ['crashed', undefined, 'fails here'],
    ['timeout', undefined, 'fails here'],
  ])('%s (TypeOK variable %s): %s', (kind, variable, caption) => {
    expect(captionOf({ kind, ...(variable ? { variable } : {}) })).toBe(caption);
  });
});

describe('the verdict table', () => {
  it('says what was expected and what was found; unknown counts are —', () => {
    const racy = reports.MutexCounter!;
    const ok = renderMarkdown({ configs: [racy] });
    expect(ok).toMatch(/\| MutexCounter\/racy \| tla-checker \| invariant NoLostUpdate violated \| \d+ \| — \| [\d.]+s \| ✅ expected NoLostUpdate violated \(seeded bug\) \|/);
    const regression = renderMarkdown({ configs: [{ ...racy, asExpected: false, expect: { kind: 'pass' } }] });
    expect(regression).toContain('| ❌ expected pass, found invariant NoLostUpdate violated |');
    // tla-checker reports 0 states explored when it stops on an evaluation error: not a count.
    const lru = reports.LruRace!;
    expect(lru.runs[0]!.result.counts?.distinct).toBe(0);
    expect(renderMarkdown({ configs: [lru] })).toMatch(/\| LruRace\/two_reclaimers \| tla-checker \| evalError \| — \| — \|/);
  });
});
