/**
 * The reporters on a real counterexample: the racy config of models/mutex-counter.ts on
 * tla-checker, plus TLC when it is installed. The SARIF 2.1.0 schema in
 * test/fixtures/report/sarif-schema-2.1.0.json is the OASIS one (draft-07 edition), copied from
 * github.com/oasis-tcs/sarif-spec at commit e0583813964ec43cea53b6b531b402866095ed1f,
 * file sarif-2.1/prose/sarif-schema-2.1.0.json (formerly Schemata/sarif-schema-2.1.0.json).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import type * as sarif from 'sarif';
import { beforeAll, describe, expect, it } from 'vitest';
import { findTlc } from '../dsl/check/tlc.js';
import { annotation, escapeData, escapeProperty, renderGithub } from '../dsl/report/github.js';
import { findings } from '../dsl/report/findings.js';
import { renderJson } from '../dsl/report/json.js';
import { renderMarkdown } from '../dsl/report/markdown.js';
import type { ConfigReport, Report } from '../dsl/report/report.js';
import { render } from '../dsl/report/render.js';
import { FINGERPRINT_KEY, fingerprint, sarifCategory, sarifLog } from '../dsl/report/sarif.js';
import { TextReporter } from '../dsl/report/text.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { checkModel } from '../dsl/testing/check-model.js';
import { lruRace } from '../models/peer/lru-race.js';
import { doubleLock } from '../models/peer/mutex-misuse.js';
import { MODEL_FILE, runRacy } from './fixtures/report/racy.js';
import { lineOf } from './helpers/locate.js';

const NO_LOST_UPDATE = () => lineOf(MODEL_FILE, "m.invariant('NoLostUpdate'");
const ACTION_LINE = (name: string) => lineOf(MODEL_FILE, `m.action('${name}'`);

/** The same config, as if the seeded bug had been a regression. */
const unexpected = (c: ConfigReport): ConfigReport => ({ ...c, asExpected: false, expect: { kind: 'pass' } });

let tlcReason: string | undefined;
let report: Report;

beforeAll(async () => {
  const tlc = await findTlc();
  tlcReason = tlc.found ? undefined : tlc.reason;
  const { report: cr } = await runRacy(tlc.found ? ['tlc', 'tla-checker'] : ['tla-checker']);
  report = { configs: [cr] };
});

const run = (backend: 'tlc' | 'tla-checker') => report.configs[0]!.runs.find((r) => r.result.backend === backend);

describe('SARIF', () => {
  const schema = JSON.parse(readFileSync(path.join(import.meta.dirname, 'fixtures/report/sarif-schema-2.1.0.json'), 'utf8')) as object;
  // The schema's `language` pattern is not a valid `u`-flag regex.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object.
  formats.default(ajv);
  const validate = ajv.compile(schema);

  it('validates against the SARIF 2.1.0 schema, expected and unexpected alike', () => {
    for (const r of [report, { configs: report.configs.map(unexpected) }, { configs: [...report.configs, { ...report.configs[0]!, module: 'Other' }] }]) {
      const log = sarifLog(r);
      expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it('puts each result at the property and a code flow through the DSL lines of the steps', (ctx) => {
    const log: sarif.Log = JSON.parse(render('sarif', report, { root: PROJECT_ROOT })) as sarif.Log;
    const sarifRun = log.runs[0]!;
    expect(sarifRun.tool.driver.name).toBe('zswap-tla');
    expect(sarifRun.tool.driver.rules?.map((r) => r.id)).toEqual(['invariant-violated']);
    for (const res of sarifRun.results!) {
      expect(res.level).toBe('note');
      const region = res.locations![0]!.physicalLocation!;
      expect(region.artifactLocation?.uri).toBe(MODEL_FILE);
      expect(region.region?.startLine).toBe(NO_LOST_UPDATE());
      const steps = res.codeFlows![0]!.threadFlows[0]!.locations;
      expect(steps.length).toBe(run(res.properties!.backend as 'tlc')!.explanation.steps.length);
    }
    if (tlcReason) ctx.skip(`TLC not available for named steps: ${tlcReason}`);
    const tlcResult = sarifRun.results!.find((r) => r.properties?.backend === 'tlc')!;
    for (const loc of tlcResult.codeFlows![0]!.threadFlows[0]!.locations.slice(1)) {
      const text = loc.location!.message!.text!;
      const m = /^(t[12]): (Acquire|Write)\(self=\1\) — /.exec(text);
      expect(m, text).not.toBeNull();
      expect(loc.location!.physicalLocation!.region!.startLine).toBe(ACTION_LINE(m![2]!));
    }
  });
});

describe('SARIF for code scanning: a category per model, fingerprints that survive moved lines', () => {
  /** `c` under another model name (what a second model's config looks like in a report). */
  const asModel = (c: ConfigReport, module: string): ConfigReport => ({ ...c, module });

  it('one run per model, in report order, each with its own automationDetails.id (category)', () => {
    const c = report.configs[0]!;
    const log = sarifLog({ configs: [c, asModel(c, 'Other'), { ...c, config: 'again' }] });
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['zswap-tla/MutexCounter/', 'zswap-tla/Other/']);
    expect(log.runs.map((r) => r.results!.map((x) => [x.properties!.module, x.properties!.config]))).toEqual([
      [...c.runs.map(() => ['MutexCounter', 'racy']), ...c.runs.map(() => ['MutexCounter', 'again'])],
      c.runs.map(() => ['Other', 'racy']),
    ]);
    expect(sarifCategory('MutexCounter')).toBe('zswap-tla/MutexCounter/');
  });

  it('a model with nothing to report still has its run, empty, so its old alerts close', () => {
    const passed: ConfigReport = { ...report.configs[0]!, module: 'Clean', runs: [] };
    const log = sarifLog({ configs: [passed] });
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0]!.automationDetails?.id).toBe('zswap-tla/Clean/');
    expect(log.runs[0]!.results).toEqual([]);
  });

  it('every result has a partialFingerprints entry: the same across backends and moved lines, different across configs and properties', () => {
    const c = report.configs[0]!;
    const log = sarifLog(report);
    const prints = log.runs[0]!.results!.map((r) => r.partialFingerprints?.[FINGERPRINT_KEY]);
    expect(prints.length).toBeGreaterThan(0);
    for (const p of prints) expect(p).toMatch(/^[0-9a-f]{64}$/);
    // TLC and tla-checker reporting the same violation are one alert.
    expect(new Set(prints).size).toBe(1);
    const [f] = findings(report);
    const moved = { ...f!, loc: { ...f!.loc!, line: f!.loc!.line + 7, endLine: f!.loc!.endLine! + 7 } };
    expect(fingerprint(moved)).toBe(fingerprint(f!));
    expect(fingerprint({ ...f!, config: { ...c, config: 'other' } })).not.toBe(fingerprint(f!));
    expect(fingerprint({ ...f!, config: asModel(c, 'Other') })).not.toBe(fingerprint(f!));
    expect(fingerprint({ ...f!, rule: 'deadlock' })).not.toBe(fingerprint(f!));
    expect(fingerprint({ ...f!, loc: { ...f!.loc!, file: 'models/elsewhere.ts' } })).not.toBe(fingerprint(f!));
    const other = { ...f!.run!, explanation: { ...f!.run!.explanation, problem: { ...f!.run!.explanation.problem!, name: 'MutualExclusion' } } };
    expect(fingerprint({ ...f!, run: other })).not.toBe(fingerprint(f!));
  });
});

describe('GitHub annotations', () => {
  it('a notice for the seeded bug, an error for a regression, at the property lines', () => {
    const [notice] = renderGithub(report).split('\n');
    const line = NO_LOST_UPDATE();
    expect(notice).toMatch(new RegExp(`^::notice file=${MODEL_FILE},line=${line},endLine=\\d+,title=NoLostUpdate violated::MutexCounter/racy \\(`));
    const [error] = renderGithub({ configs: report.configs.map(unexpected) }).split('\n');
    expect(error!.startsWith(`::error file=${MODEL_FILE},line=${line},`)).toBe(true);
    // The message is one line: the counterexample's newlines are escaped.
    expect(error).toContain('%0ACounterexample:%0A1. initial state');
  });

  it('escapes data and property values by the runner rules', () => {
    expect(escapeData('100% a\r\nb: c, d')).toBe('100%25 a%0D%0Ab: c, d');
    expect(escapeProperty('100% a\nb: c, d')).toBe('100%25 a%0Ab%3A c%2C d');
    const f = findings(report)[0]!;
    const odd = annotation({ ...f, title: 'x: y, z', message: 'm%\nn', run: undefined, loc: { file: 'a,b:c.ts', line: 3, col: 2, endLine: 3, endCol: 9 } });
    expect(odd).toBe('::notice file=a%2Cb%3Ac.ts,line=3,endLine=3,col=2,endColumn=9,title=x%3A y%2C z::m%25%0An\n');
  });
});

describe('Markdown', () => {
  it('has the verdict table, a step table and a mermaid sequence diagram per counterexample', () => {
    const md = renderMarkdown({ configs: report.configs.map(unexpected) }, { linkBase: 'https://example.test/blob/abc/' });
    expect(md).toContain('| Model / config | Backend | Verdict | Distinct states | Depth | Time | Expected? |');
    expect(md).toMatch(/\| MutexCounter\/racy \| tla-checker \| invariant NoLostUpdate violated \| \d+ \|/);
    expect(md).toContain('| Step | Process / action | DSL | Changes |');
    expect(md).toContain(`[${MODEL_FILE}:${NO_LOST_UPDATE()}](https://example.test/blob/abc/${MODEL_FILE}#L${NO_LOST_UPDATE()}`);
    expect(md.match(/```mermaid\nsequenceDiagram\n/g)?.length).toBe(report.configs[0]!.runs.length);
    expect(md).toContain(`| 2 | `);
    if (!tlcReason) expect(md).toMatch(/participant P0 as t[12]\n {4}participant P1 as t[12]/);
  });

  it('folds the counterexamples of seeded bugs found as expected', () => {
    expect(renderMarkdown(report)).toContain('<details>\n<summary>✅ MutexCounter/racy');
  });
});

describe('JSON', () => {
  it('round-trips, with a schema version', () => {
    const doc = JSON.parse(renderJson(report)) as { schemaVersion: number; tool: string; configs: { expect: unknown }[] };
    expect(doc.schemaVersion).toBe(2);
    expect(doc.configs.map((c) => c.expect)).toContainEqual({ kind: 'violation', property: 'NoLostUpdate' });
    expect(doc.tool).toBe('zswap-tla');
    expect(doc.configs).toEqual(JSON.parse(JSON.stringify(report.configs)));
    expect(doc.configs).toEqual(report.configs);
  });
});

describe('text', () => {
  it('names the property line and lists the steps; code frames only when not as expected', () => {
    const line = NO_LOST_UPDATE();
    const ok = new TextReporter({ root: PROJECT_ROOT }).report(report);
    expect(ok).toContain(`NoLostUpdate violated — defined at ${MODEL_FILE}:${line} (expected: seeded bug)`);
    expect(ok).toContain(`${MODEL_FILE}:${ACTION_LINE('Acquire')}`);
    expect(ok).not.toMatch(/^\s+> \d+ \|/m);
    expect(ok).toContain('1 of 1 configs as expected');
    const bad = new TextReporter({ root: PROJECT_ROOT }).report({ configs: report.configs.map(unexpected) });
    expect(bad).toMatch(new RegExp(`> ${line} \\|\\s+m\\.invariant\\('NoLostUpdate'`));
    // Step frames point at the statement that made the step's change, not at the action's first line.
    // (Which statement depends on the backend's counterexample: the Write that changed the counter, or the phase.)
    const writeStatements = ['set(counter, plus(', "update(phase, (p) => p.at(self).to('wrote'))"].map((needle) => lineOf(MODEL_FILE, needle));
    expect(bad).toMatch(new RegExp(`> (${writeStatements.join('|')}) \\|\\s+(set\\(counter, plus\\(|update\\(phase)`));
    expect(bad).not.toMatch(new RegExp(`> ${ACTION_LINE('Write')} \\|\\s+m\\.action\\('Write'`));
    expect(bad).not.toContain('\x1b[');
    expect(new TextReporter({ color: true, root: PROJECT_ROOT }).report(report)).toContain('\x1b[');
  });
});

describe('text: states, steps and deadlocks', () => {
  let deadlock: ConfigReport;
  let evalError: ConfigReport;
  beforeAll(async () => {
    [deadlock, evalError] = await Promise.all([
      checkModel(doubleLock, 'one_task', { backend: 'tla-checker' }).then((r) => r.report),
      checkModel(lruRace, 'two_reclaimers', { backend: 'tla-checker' }).then((r) => r.report),
    ]);
  });

  /** The indented block under step `index` of a text report (its changes and reads). */
  const block = (text: string, index: number) => {
    const lines = text.split('\n');
    const start = lines.findIndex((l) => new RegExp(`^ {7} {2} *${index}  `).test(l));
    const end = lines.findIndex((l, i) => i > start && !/^ {14}/.test(l));
    return lines.slice(start + 1, end);
  };

  it('wraps state blocks to the width and shows values in readable terms', () => {
    for (const width of [60, 100, 160]) {
      const text = new TextReporter({ width, root: PROJECT_ROOT }).report({ configs: [...report.configs, deadlock, evalError] });
      const blocks = text.split('\n').filter((l) => /^ {14}\S/.test(l));
      expect(blocks.length).toBeGreaterThan(10);
      for (const l of blocks) expect(l.length, l).toBeLessThanOrEqual(width);
      expect(text).not.toContain(':>');
      expect(text).not.toContain('|->');
    }
    const initial = block(new TextReporter({ width: 100, root: PROJECT_ROOT }).report(report), 1).join('\n');
    expect(initial).toMatch(/phase\[t1\] = idle +phase\[t2\] = idle/);
    // Narrower, fewer columns: the same leaves.
    expect(block(new TextReporter({ width: 60, root: PROJECT_ROOT }).report(report), 1).length).toBeGreaterThan(block(new TextReporter({ width: 160, root: PROJECT_ROOT }).report(report), 1).length);
  });

  it('after the first state, each step shows only what it changed and what it read', () => {
    const only = run('tla-checker')!;
    const x = only.explanation;
    const text = new TextReporter({ width: 100, root: PROJECT_ROOT }).report({ configs: [{ ...report.configs[0]!, runs: [only] }] });
    for (const s of x.steps.slice(1)) {
      const lines = block(text, s.index).map((l) => l.trim());
      const changed = s.changes.map((c) => c.path);
      const read = (s.reads ?? []).map((r) => r.path);
      for (const l of lines) {
        const shown = l.startsWith('read: ') ? l.slice(6).split('; ').map((r) => r.split(' = ')[0]!) : [l.split(/:\s/)[0]!];
        for (const p of shown) expect([...changed, ...read, ...s.labels.map((c) => c.id)], l).toContain(p);
      }
      expect(lines.length).toBeGreaterThan(0);
    }
    // The lost update: the second Write reads the stale local copy and changes nothing but its phase.
    const lastWrite = x.steps.at(-1)!;
    expect(block(text, lastWrite.index).join('\n')).toMatch(/read: .*local(\[t[12]\])? = (0|\{t1: 0, t2: 0\})/);
  });

  it('a deadlock lists each waiting process, the step it waits at and the condition', () => {
    const text = new TextReporter({ width: 100, root: PROJECT_ROOT }).report({ configs: [deadlock] });
    const retake = lineOf('models/peer/mutex-misuse.ts', "label('retake')");
    expect(text).toContain('deadlock in state 2: no step is enabled');
    expect(text).toContain(`task  waits at retake (models/peer/mutex-misuse.ts:${retake}) on lock(mtx)`);
    expect(text).toMatch(/where .*mtx\.owner = \{task\}/);
  });

  it('a failed step says the states explored were not reported, never "0 distinct"', () => {
    expect(evalError.runs[0]!.result.counts?.distinct).toBe(0);
    const text = new TextReporter({ width: 100, root: PROJECT_ROOT }).report({ configs: [evalError] });
    expect(text.split('\n')[0]).toMatch(/evalError +distinct states not reported, [\d.]+s$/);
    expect(text).not.toContain('0 distinct');
  });
});
