/**
 * The HTML report (`--format html`) in a real browser: the Debian Chromium driven by
 * puppeteer-core (which never downloads a browser). Opens the report of a real zswap
 * counterexample (ZswapTeardown/hotplug: the use-after-free across the pool manager, a task and
 * the hotplug thread) and of a lasso (MutexStarvation), and checks what an engineer sees: the
 * lanes, the step order, the diffs, the loop back, and the code frame a click shows. Screenshots
 * go to test-output/html/ (gitignored). Skipped, saying why, where Chromium is not installed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import type { Explanation } from '../dsl/map/explain.js';
import { parseToolOutput } from '../dsl/check/tlc-output.js';
import { cutTraceWarning, runPipeline } from '../dsl/pipeline/run.js';
import { render } from '../dsl/report/render.js';
import { RECORDED_DIR } from '../dsl/testing/recorded-runs.js';
import type { ConfigReport } from '../dsl/report/report.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { mutexStarvation } from '../models/peer/liveness-bugs.js';
import { doubleLock } from '../models/peer/mutex-misuse.js';
import { zswapModels } from '../models/zswap/index.js';
import { findChromium } from './helpers/chromium.js';
import { lineOf } from './helpers/locate.js';
import { tlcTraceCut } from './fixtures/tlc-trace-cut.js';

// In CI this waits for the background install of Chromium to end (helpers/chromium.ts).
const { path: CHROMIUM, note: NOTE } = await findChromium();
const OUT = path.join(PROJECT_ROOT, 'test-output', 'html');

describe.skipIf(!CHROMIUM)(`the HTML report in Chromium${NOTE}`, () => {
  let browser: Browser;
  let zswap: ConfigReport;
  let lasso: ConfigReport;
  let deadlock: ConfigReport;

  beforeAll(async () => {
    const { default: puppeteer } = await import('puppeteer-core');
    mkdirSync(OUT, { recursive: true });
    const teardown = zswapModels.find((m) => m.name === 'ZswapTeardown')!;
    [zswap, lasso, deadlock] = await Promise.all([
      checkModel(teardown, 'hotplug', { backend: 'compiled' }).then((r) => r.report),
      checkModel(mutexStarvation, 'two_cpus', { backend: 'tla-checker' }).then((r) => r.report),
      checkModel(doubleLock, 'one_task', { backend: 'tla-checker' }).then((r) => r.report),
    ]);
    browser = await puppeteer.launch({ executablePath: CHROMIUM!, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
  }, 300_000); // two model checks and a browser start on a loaded 2-core machine

  afterAll(async () => {
    await browser?.close();
  });

  /** Writes the report of `configs` and opens it; `requests` collects every URL the page asked for. */
  async function open(name: string, configs: ConfigReport[], hash = ''): Promise<{ page: Page; requests: string[] }> {
    const file = path.join(OUT, `${name}.html`);
    writeFileSync(file, render('html', { configs }, { root: PROJECT_ROOT }));
    const page = await browser.newPage();
    await page.setViewport({ width: 1400, height: 900 });
    const requests: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`file://${file}${hash}`);
    await page.waitForSelector('.step');
    expect(errors).toEqual([]);
    return { page, requests };
  }

  const explanation = (c: ConfigReport): Explanation => c.runs[0]!.explanation;
  const texts = (page: Page, sel: string) => page.$$eval(sel, (els) => els.map((e) => e.textContent ?? ''));
  const stepBox = (index: number) => `.lanes .step[data-index="${index}"]:not(.closing)`;

  it('a zswap counterexample: one lane per process, the steps in order, each in its lane', async () => {
    const x = explanation(zswap);
    const { page, requests } = await open('zswap', [zswap]);
    // Self-contained: the page asked for nothing but itself.
    expect(requests).toEqual([expect.stringMatching(/zswap\.html$/)]);
    expect(await texts(page, '.lane-head')).toEqual(['manager', 't1', 'hotplug']);
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('ZswapTeardown/hotplug — compiled');

    const boxes = await page.$$eval('.lanes .step', (els) => els.map((e) => {
      const r = e.getBoundingClientRect();
      return { index: Number((e as HTMLElement).dataset.index), label: e.querySelector('b')!.textContent, top: r.top, left: r.left, where: e.querySelector('.where')?.textContent };
    }));
    expect(boxes.map((b) => b.index)).toEqual(x.steps.map((s) => s.index));
    expect(boxes.map((b) => b.label)).toEqual(x.steps.map((s, i) => (i === 0 ? 'initial state' : s.unit?.label ?? s.action)));
    // Each step is below the one before it, and a lane's steps share its column.
    for (let i = 1; i < boxes.length; i++) expect(boxes[i]!.top, `step ${i + 1}`).toBeGreaterThan(boxes[i - 1]!.top);
    const heads = await page.$$eval('.lane-head', (els) => els.map((e) => e.getBoundingClientRect().left));
    for (const [i, s] of x.steps.entries()) if (s.actor !== undefined) expect(boxes[i]!.left, `step ${s.index}`).toBe(heads[['manager', 't1', 'hotplug'].indexOf(s.actor)]);
    // The free that makes the use a use-after-free, in the hotplug thread's lane, at its DSL line.
    const free = x.steps.find((s) => s.unit?.label === 'dead_req')!;
    expect(free.actor).toBe('hotplug');
    expect(boxes.find((b) => b.index === free.index)!.where).toBe(`models/zswap/acomp-ctx.ts:${lineOf('models/zswap/acomp-ctx.ts', "label('dead_req')")}`);
    // The failure and where it failed.
    const problem = await page.$eval('.problem summary', (e) => e.textContent);
    expect(problem).toContain('assert NoUseOfFreedResource failed');
    expect(problem).toContain(`${explanation(zswap).problem!.dsl!.file}:${explanation(zswap).problem!.dsl!.line}`);
    expect(await page.$eval('.lanes .end', (e) => e.textContent)).toContain(`in the next step of t1 after state ${x.steps.length}`);
    await page.$eval(stepBox(free.index), (e) => e.scrollIntoView({ block: 'center' }));
    await page.click(stepBox(free.index));
    await page.screenshot({ path: path.join(OUT, 'zswap.png') });
    await page.close();
  });

  it('clicking a step shows its code frame, its changes highlighted and the state after it; the filter narrows both', async () => {
    const x = explanation(zswap);
    const { page } = await open('zswap-click', [zswap]);
    const free = x.steps.find((s) => s.unit?.label === 'dead_req')!;
    const line = lineOf('models/zswap/acomp-ctx.ts', "label('dead_req')");
    await page.click(stepBox(free.index));
    expect(await page.$eval('.detail h2', (e) => e.textContent)).toBe(`${free.index}. hotplug: zswap_cpu_comp_dead_dead_req(self=hotplug)`);
    // The step's frame marks its label line; the statement's frame marks the assignment that changed the state.
    const frames = await page.$$eval('.detail .frame', (els) => els.map((f) => ({
      caption: f.querySelector('figcaption')!.textContent,
      marked: [...f.querySelectorAll('.hl')].map((l) => l.textContent),
    })));
    expect(frames[0]!.caption).toBe(`step: models/zswap/acomp-ctx.ts:${line}`);
    expect(frames[0]!.marked[0]).toContain(`${line} │`);
    expect(frames[0]!.marked[0]).toContain("label('dead_req')");
    expect(frames[1]!.caption).toMatch(new RegExp(`^statement: models/zswap/acomp-ctx\\.ts:${free.statement!.line}$`));
    // The diff in readable terms: the pool's ctx[c].req went from ok to freed, highlighted.
    const changes = await page.$$eval('.detail .changes tbody tr', (rows) => rows.map((r) => [...r.cells].map((c) => c.textContent)));
    const req = changes.find(([p]) => /^ctx\[\d+\]\[c\d\]\.req$/.test(p!));
    expect(req).toEqual([expect.any(String), 'ok', 'freed']);
    expect(await page.$$eval('.detail .changes mark', (ms) => ms.map((m) => m.textContent))).toContain('freed');
    // What it read without changing it: which CPU's ctx it frees.
    expect(await texts(page, '.detail .reads td:first-child')).toContain('dead_cpu[hotplug]');
    const changedRows = await page.$$eval('.detail .state tr.changed td:first-child', (tds) => tds.map((t) => t.textContent));
    // The state after it shows ctx whole (one entry per pool): that row holds the change and is marked.
    expect(changedRows).toContain('ctx');
    expect(changedRows).toContain('pc[hotplug]');
    // Filtering by variable leaves only that variable's rows.
    await page.type('.detail .filter', 'live');
    const visible = await page.$$eval('.detail .state tbody tr', (rows) => rows.filter((r) => !r.hidden).map((r) => r.cells[0]!.textContent));
    expect(visible.length).toBeGreaterThan(0);
    expect(visible.every((p) => p === 'live' || p!.startsWith('live['))).toBe(true);
    await page.close();
  });

  it('a lasso: the loop back is drawn from the closing step up to the state it returns to', async () => {
    const x = explanation(lasso);
    const { page } = await open('lasso', [lasso]);
    expect((await texts(page, '.lane-head')).sort()).toEqual(['c1', 'c2']);
    const to = x.lasso!.loopsTo!;
    const closing = await page.$eval('.step.closing', (e) => ({ text: e.textContent, bottom: e.getBoundingClientRect().bottom }));
    expect(closing.text).toContain(`↻ back to state ${to}`);
    expect(closing.text).toContain(x.lasso!.closing!.unit!.label);
    const target = await page.$eval(stepBox(to), (e) => e.getBoundingClientRect().top);
    const loop = await page.$eval('.lanes .loop', (e) => { const r = e.getBoundingClientRect(); return { top: r.top, bottom: r.bottom }; });
    // The bracket spans from the target's row to the closing step's row.
    expect(Math.abs(loop.top - target)).toBeLessThan(20);
    expect(Math.abs(loop.bottom - closing.bottom)).toBeLessThan(20);
    await page.click('.step.closing');
    // Which step closes the cycle is the checker's choice: any step of a CPU's loop.
    const step = x.lasso!.closing!;
    expect(mutexStarvation.module.actions.filter((a) => a.process === 'Cpu').map((a) => a.name)).toContain(step.action);
    expect(await page.$eval('.detail h2', (e) => e.textContent)).toMatch(new RegExp(`^↻ ${step.actor}: ${step.action}\\(self=${step.actor}\\) — back to state ${to}$`));
    expect(await page.$eval('.detail .frame figcaption', (e) => e.textContent)).toBe(`step: models/peer/liveness-bugs.ts:${lineOf('models/peer/liveness-bugs.ts', `label('${step.unit!.label}')`)}`);
    await page.screenshot({ path: path.join(OUT, 'lasso.png') });
    await page.close();
  });

  it('a deadlock names each waiting process, its label and the condition it waits on', async () => {
    const { page } = await open('deadlock', [deadlock]);
    const waits = await texts(page, '.lanes .end li');
    expect(waits).toEqual([`task waits at retake models/peer/mutex-misuse.ts:${lineOf('models/peer/mutex-misuse.ts', "label('retake')")} on lock(mtx) where mtx.init = true; mtx.owner = {task}`]);
    await page.close();
  });

  it('several configs open on a matrix whose cells link to their traces', async () => {
    const { page } = await open('matrix', [zswap, lasso], '#trace-1');
    // The hash opened the second trace directly; the matrix is one link away.
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('MutexStarvation/two_cpus — tla-checker');
    await page.click('a.back');
    await page.waitForSelector('.matrix table');
    const rows = await page.$$eval('.matrix tbody tr', (trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(rows.map((r) => r[0])).toEqual(['ZswapTeardown', 'MutexStarvation']);
    expect(await texts(page, '.matrix thead th')).toEqual(['model \\ config', 'hotplug', 'two_cpus']);
    await page.click('.matrix td a[href="#trace-0"]');
    await page.waitForSelector('.lanes .step');
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('ZswapTeardown/hotplug — compiled');
    await page.close();
  });

  it('what the checker printed besides its verdict: a warning open above the trace (TLC\'s cut trace, recorded), and in the matrix\'s cell', async () => {
    const recorded = parseToolOutput(readFileSync(path.join(PROJECT_ROOT, RECORDED_DIR, 'TlcTraceCut.c', 'tool.out'), 'utf8'), { module: 'TlcTraceCut', config: 'c', durationMs: 0 });
    const cut = (await runPipeline(tlcTraceCut, 'c', { checkers: [{ name: 'tlc', available: async () => ({ ok: true, detail: 'recorded run' }), check: async () => recorded }] })).report;
    const warning = cutTraceWarning('tlc', 'state', 'Small', 1);
    const { page } = await open('notes', [cut]);
    expect(await page.$eval('header details.notes.warnings', (e) => ({ open: (e as HTMLDetailsElement).open, summary: e.querySelector('summary')!.textContent, text: e.querySelector('pre')!.textContent }))).toEqual({ open: true, summary: 'warnings', text: warning });
    // None where the checker printed nothing besides its verdict.
    const plain = await open('no-notes', [zswap]);
    expect(await plain.page.$$('details.notes')).toHaveLength(0);
    await plain.page.close();
    // In the matrix, closed under the verdict of the run that printed it.
    const matrix = await open('notes-matrix', [zswap, cut], '#trace-0');
    await matrix.page.click('a.back');
    await matrix.page.waitForSelector('.matrix table');
    expect(await matrix.page.$$eval('.matrix td details.notes', (ds) => ds.map((d) => ({ open: (d as HTMLDetailsElement).open, text: d.querySelector('pre')!.textContent })))).toEqual([{ open: false, text: warning }]);
    await page.close();
    await matrix.page.close();
  });
});
