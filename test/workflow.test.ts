/**
 * The pull-request workflow (.github/workflows/check.yml, and templates/workflow.yml that `init`
 * copies): valid against the published GitHub workflow schema, and its shell steps run here as
 * the runner would run them — `gen:check`, then `check` on one small model writing SARIF and
 * Markdown — with outputs that parse: SARIF valid against the 2.1.0 schema, with a category per
 * model and fingerprints, and the Markdown report in the job summary.
 *
 * test/fixtures/schemas/github-workflow.json is SchemaStore's schema (JSON Schema draft-07),
 * src/schemas/json/github-workflow.json at commit 3b6446ad8a077bac56f4a4796c0b7fd88927fc8e of
 * github.com/SchemaStore/schemastore (Apache-2.0), published at
 * https://json.schemastore.org/github-workflow.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Ajv } from 'ajv';
import formats from 'ajv-formats';
import type * as sarif from 'sarif';
import { afterAll, describe, expect, it } from 'vitest';
import { runCheckCli } from '../dsl/cli/check.js';
import { EXIT } from '../dsl/cli/exit-codes.js';
import { FINGERPRINT_KEY } from '../dsl/report/sarif.js';
import { Sink } from './helpers/io.js';
import { PROJECT_ROOT } from './helpers/root.js';
import { parseYamlSubset, type Yaml } from './helpers/yaml-subset.js';

const WORKFLOW = '.github/workflows/check.yml';
const TEMPLATE = 'templates/workflow.yml';
const read = (rel: string) => readFileSync(path.join(PROJECT_ROOT, rel), 'utf8');
const json = (rel: string) => JSON.parse(read(rel)) as object;

interface Step { readonly name?: string; readonly id?: string; readonly uses?: string; readonly run?: string; readonly if?: string; readonly with?: Record<string, Yaml>; readonly 'continue-on-error'?: boolean }
const workflow = parseYamlSubset(read(WORKFLOW)) as unknown as { on: Record<string, Yaml>; permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
const steps = workflow.jobs.check!.steps;

/** PyYAML's reading of a file, as JSON (YAML 1.1: its `on` key comes back as `true`), or undefined without it. */
function pyYaml(file: string): unknown {
  const r = spawnSync('python3', ['-c', 'import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))', file], { encoding: 'utf8' });
  return r.status === 0 ? JSON.parse(r.stdout) : undefined;
}

describe('the workflow file', () => {
  it('templates/workflow.yml is the same workflow (init copies it into a new project)', () => {
    expect(read(TEMPLATE)).toBe(read(WORKFLOW));
  });

  it('is valid against the GitHub workflow schema (SchemaStore, draft-07)', () => {
    const schema = json('test/fixtures/schemas/github-workflow.json') as { $schema: string };
    expect(schema.$schema).toMatch(/draft-07/);
    const ajv = new Ajv({ strict: false, allErrors: true });
    formats.default(ajv);
    const validate = ajv.compile(schema);
    expect(validate(workflow), JSON.stringify(validate.errors, null, 2)).toBe(true);
    // The schema really constrains: a misspelt key and a step that neither runs nor uses fail.
    expect(validate({ ...workflow, jobz: {} })).toBe(false);
    expect(validate({ ...workflow, jobs: { check: { ...workflow.jobs.check, steps: [{ name: 'nothing' }] } } })).toBe(false);
  });

  it('is read the same by PyYAML, where it is installed (an independent YAML parser)', (ctx) => {
    const py = pyYaml(path.join(PROJECT_ROOT, WORKFLOW)) as Record<string, unknown> | undefined;
    if (py === undefined) return ctx.skip('python3 with PyYAML is not installed');
    const { true: on, ...rest } = py;
    expect({ on, ...rest }).toEqual(workflow);
  });

  it('runs on pull requests and pushes to main, with the permissions upload-sarif and the comment need, and no more', () => {
    expect(Object.keys(workflow.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({ 'contents': 'read', 'security-events': 'write', 'actions': 'read', 'pull-requests': 'write' });
  });

  it('uploads the SARIF and comments with the Markdown the check step writes, without a category that would override the per-model ones', () => {
    const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@'))!;
    const comment = steps.find((s) => s.uses?.startsWith('marocchino/sticky-pull-request-comment@'))!;
    const check = steps.find((s) => s.id === 'check')!;
    expect(upload.with).toEqual({ sarif_file: '${{ runner.temp }}/zswap-tla.sarif' });
    expect(comment.with).toEqual({ header: 'zswap-tla', path: '${{ runner.temp }}/zswap-tla.md' });
    expect(check.run).toContain('--output "$RUNNER_TEMP/zswap-tla.sarif" --output "$RUNNER_TEMP/zswap-tla.md"');
    expect(check.run).toContain('>> "$GITHUB_STEP_SUMMARY"');
    for (const s of [upload, comment]) expect(s.if).toMatch(/^always\(\) && steps\.check\.outputs\.report == 'true'/);
  });
});

describe('the workflow steps, run here as the runner runs them', () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'workflow-'));
  afterAll(() => rmSync(tmp, { recursive: true, force: true }));
  const env = { ...process.env, RUNNER_TEMP: tmp, GITHUB_OUTPUT: path.join(tmp, 'output'), GITHUB_STEP_SUMMARY: path.join(tmp, 'summary.md'), FORCE_COLOR: '0' };
  writeFileSync(env.GITHUB_OUTPUT, '');
  writeFileSync(env.GITHUB_STEP_SUMMARY, '');

  /** A `run:` step under bash -e -o pipefail (the runner's default shell), in the project root. */
  const runStep = (script: string) => spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd: PROJECT_ROOT, env, encoding: 'utf8' });
  const outputs = () => Object.fromEntries(readFileSync(env.GITHUB_OUTPUT, 'utf8').trim().split('\n').filter(Boolean).map((l) => l.split('=', 2) as [string, string]));

  it('every step either uses a pinned-major action or runs an npm script this project has', () => {
    const scripts = Object.keys((json('package.json') as { scripts: Record<string, string> }).scripts);
    for (const s of steps) {
      if (s.uses) { expect(s.uses, s.name).toMatch(/^[\w-]+\/[\w/-]+@v\d+$/); continue; }
      for (const m of s.run!.matchAll(/npm run ([\w:-]+)/g)) expect(scripts, s.name).toContain(m[1]);
    }
  });

  it('gen:check, then check on MutexCounter: exit 0, SARIF and Markdown written and parsed, the summary filled', () => {
    const ran: string[] = [];
    for (const s of steps.filter((x) => x.run !== undefined)) {
      // `npm ci` would reinstall this checkout's dependencies, and TLC's install needs the network
      // (its step may fail: the check falls back to the embedded checker).
      if (s.run === 'npm ci' || s.run === 'npm run tlc:install') { ran.push(`skipped: ${s.run}`); continue; }
      if (s.if !== undefined) {
        // The verdict step: runs only on a non-zero status, which it exits with.
        expect(s.if).toBe("steps.check.outputs.status != '0'");
        const status = outputs().status;
        if (status !== '0') expect(runStep(s.run!.replaceAll('${{ steps.check.outputs.status }}', status!)).status).toBe(Number(status));
        ran.push(`verdict: status ${status}`);
        continue;
      }
      // One small model, its TLA+ written to the temp folder rather than over generated/.
      const script = s.run!.replace('npm run check -- ', 'npm run check -- MutexCounter --generated "$RUNNER_TEMP/generated" ');
      const r = runStep(script);
      expect(r.status, `${s.name}\n${r.stdout}\n${r.stderr}`).toBe(0);
      ran.push(s.run!.split('\n')[s.id === 'check' ? 1 : 0]!.trim());
    }
    expect(ran).toEqual([
      'skipped: npm ci',
      'skipped: npm run tlc:install',
      'npm run gen:check',
      'npm run check -- --output "$RUNNER_TEMP/zswap-tla.sarif" --output "$RUNNER_TEMP/zswap-tla.md" || status=$?',
      'verdict: status 0',
    ]);
    expect(outputs()).toEqual({ status: '0', report: 'true' });

    const log = JSON.parse(readFileSync(path.join(tmp, 'zswap-tla.sarif'), 'utf8')) as sarif.Log;
    const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
    formats.default(ajv);
    const validate = ajv.compile(json('test/fixtures/report/sarif-schema-2.1.0.json'));
    expect(validate(log), JSON.stringify(validate.errors, null, 2)).toBe(true);
    expect(log.runs.map((r) => r.automationDetails?.id)).toEqual(['zswap-tla/MutexCounter/']);
    // The racy config's seeded bug is a note at the invariant, fingerprinted.
    const results = log.runs[0]!.results!;
    expect(results.length).toBeGreaterThan(0);
    for (const r of results) {
      expect(r.level).toBe('note');
      expect(r.partialFingerprints?.[FINGERPRINT_KEY]).toMatch(/^[0-9a-f]{64}$/);
      expect(r.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe('models/mutex-counter.ts');
    }

    const md = readFileSync(path.join(tmp, 'zswap-tla.md'), 'utf8');
    expect(md).toMatch(/^### zswap-tla: 2 of 2 configs as expected ✅\n/);
    expect(md).toContain('| MutexCounter/racy |');
    expect(readFileSync(env.GITHUB_STEP_SUMMARY, 'utf8')).toBe(md);
  }, 300_000);

  it('several --output files need extensions that name their formats', async () => {
    const [out, err] = [new Sink(), new Sink()];
    const code = await runCheckCli(['MutexCounter', '--no-typecheck', '--output', path.join(tmp, 'a.sarif'), '--output', path.join(tmp, 'b.pdf')], { root: PROJECT_ROOT, generatedDir: path.join(tmp, 'generated-bad'), out, err });
    expect(code).toBe(EXIT.badInput);
    expect(err.text).toContain(`each needs an extension naming its format (.txt, .json, .sarif, .md, .html): ${path.join(tmp, 'b.pdf')}`);
    expect(out.text).toBe('');
    expect(existsSync(path.join(tmp, 'generated-bad'))).toBe(false);
  });

  it('an --output that cannot be written: exit 2, naming the file and why (not a crash)', async () => {
    const [out, err] = [new Sink(), new Sink()];
    const file = path.join(tmp, 'no-such-folder', 'r.sarif');
    const code = await runCheckCli(['MutexCounter/locked', '--no-typecheck', '--backend', 'compiled', '--output', file], { root: PROJECT_ROOT, generatedDir: path.join(tmp, 'generated-unwritable'), out, err });
    expect(code).toBe(EXIT.badInput);
    expect(err.text).toMatch(new RegExp(`^error: cannot write the report to ${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} \\(--output\\): ENOENT`, 'm'));
    expect(err.text).not.toMatch(/\n\s+at /);
  });
});

describe('the YAML subset reader', () => {
  it('reads what the workflow uses, by YAML 1.2 core rules', () => {
    const doc = parseYamlSubset([
      '# comment', 'on:', '  push:', '    branches:', '      - main', '  pull_request:', 'n: 22', 'f: 1.5', 'b: true', "q: 'it''s'", 'd: "a\\"b"',
      'steps:', '  - uses: a/b@v1', '    with:', '      x: 1', '  - run: |', '      line 1', '', '        indented', '    name: after', 'tail: |-', '  no newline',
    ].join('\n'));
    expect(doc).toEqual({
      on: { push: { branches: ['main'] }, pull_request: null }, n: 22, f: 1.5, b: true, q: "it's", d: 'a"b',
      steps: [{ uses: 'a/b@v1', with: { x: 1 } }, { run: 'line 1\n\n  indented\n', name: 'after' }], tail: 'no newline',
    });
  });

  it.each([
    ['a flow sequence', 'a: [1, 2]'],
    ['an anchor', 'a: &x 1'],
    ['a comment after a value', 'a: b # c'],
    ["a ': ' in a plain scalar", 'a: b: c'],
    ['a duplicate key', 'a: 1\na: 2'],
    ['a folded block', 'a: >\n  x'],
    ['a tab', 'a:\n\tb: 1'],
    ['stray indentation', 'a: 1\n  b: 2'],
  ])('throws on %s', (_what, text) => {
    expect(() => parseYamlSubset(text)).toThrow(/line \d+/);
  });
});
