/**
 * Every static check is a named rule (dsl/lower/rules) with valid and invalid cases in
 * test/fixtures/rules/<rule name>.ts. An invalid case must fail with that rule's id at the
 * line and column its caret marker gives (and its related location, when marked); a valid case
 * must build, raise nothing from the rule, and compile.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../dsl/compile.js';
import { DslError, type Model } from '../../dsl/index.js';
import { warningText } from '../../dsl/errors.js';
import { RULES } from '../../dsl/lower/rules/index.js';
import type { InvalidCase, RuleCases } from './cases.js';
import { parseMarkers, type Marker } from './markers.js';
import { PROJECT_ROOT } from '../helpers/root.js';

const fixtureFile = (name: string) => `test/fixtures/rules/${name}.ts`;
const fixtures = new Map<string, RuleCases>();
for (const r of RULES) fixtures.set(r.name, (await import(/* @vite-ignore */ path.join(PROJECT_ROOT, fixtureFile(r.name))) as { default: RuleCases }).default);
const markersOf = (name: string): Marker[] => parseMarkers(readFileSync(path.join(PROJECT_ROOT, fixtureFile(name)), 'utf8'));

type Outcome = { readonly error: DslError } | { readonly model: Model };
function outcome(build: () => Model): Outcome {
  try {
    return { model: build() };
  } catch (e) {
    if (e instanceof DslError) return { error: e };
    throw e;
  }
}

describe('the rule set', () => {
  it('ids and names are unique, ids look like ZTnnn, names are kebab-case', () => {
    expect(new Set(RULES.map((r) => r.id)).size).toBe(RULES.length);
    expect(new Set(RULES.map((r) => r.name)).size).toBe(RULES.length);
    for (const r of RULES) {
      expect(r.id).toMatch(/^ZT\d{3}$/);
      expect(r.name).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(r.description.length, r.id).toBeGreaterThan(20);
    }
  });

  it.each(RULES.map((r) => [r.id, r] as const))('%s has a valid and an invalid case, and every marker names an invalid case', (_id, r) => {
    const cases = fixtures.get(r.name)!;
    expect(Object.keys(cases.valid).length).toBeGreaterThan(0);
    expect(Object.keys(cases.invalid).length).toBeGreaterThan(0);
    const markers = markersOf(r.name);
    for (const m of markers) {
      expect(Object.keys(cases.invalid), `marker ${m.tag} ${m.caseName} at line ${m.line}`).toContain(m.caseName);
      expect([r.id, 'related']).toContain(m.tag);
    }
    for (const name of Object.keys(cases.invalid)) expect(markers.filter((m) => m.tag === r.id && m.caseName === name), name).toHaveLength(1);
  });

  it('every invalid case states its exact message', () => {
    for (const r of RULES) {
      const bare = Object.entries(fixtures.get(r.name)!.invalid).filter(([, c]) => typeof c !== 'object' || typeof c.message !== 'string' || c.message === '').map(([n]) => n);
      expect(bare, r.name).toEqual([]);
    }
  });

  it('README.md lists every rule by id and name', () => {
    const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
    for (const r of RULES) expect(readme, r.id).toMatch(new RegExp(`\\| \`${r.id}\` \\| \`${r.name}\` \\|`));
  });
});

/**
 * `RULE_CASES=field-name,unknown-name` runs only those rules' cases (a mutation run of a few rules:
 * every model runs every rule, so each mutant would otherwise rerun every rule's cases).
 */
const only = process.env.RULE_CASES?.split(',').filter((n) => n !== '');
const exercised = only ? RULES.filter((r) => only.includes(r.name)) : RULES;

describe.each(exercised.map((r) => [`${r.id} ${r.name}`, r] as const))('%s', (_title, rule) => {
  const cases = fixtures.get(rule.name)!;
  const file = fixtureFile(rule.name);

  it.each(Object.entries(cases.valid))('valid: %s', (_name, build) => {
    const o = outcome(build);
    if ('error' in o) expect.fail(o.error.message);
    expect(o.model.warnings.filter((w) => w.rule.id === rule.id)).toEqual([]);
    expect(() => compile(o.model)).not.toThrow();
  });

  it.each(Object.entries(cases.invalid))('invalid: %s', (name, c) => {
    const { model: build, message, related: relatedMessages }: InvalidCase = c;
    const markers = markersOf(rule.name).filter((m) => m.caseName === name);
    const at = markers.find((m) => m.tag === rule.id)!;
    const related = markers.find((m) => m.tag === 'related');
    const prefix = `${file}:${at.line}:${at.col}: ${rule.id} ${rule.name}: `;
    const o = outcome(build);
    let found: { readonly rule: { readonly id: string }; readonly loc: { readonly file: string; readonly line: number; readonly col: number }; readonly related?: readonly { readonly loc: { readonly line: number; readonly col: number } }[] };
    if (rule.severity === 'error') {
      if (!('error' in o)) return expect.fail(`expected ${rule.id} to fail the model`);
      found = o.error;
      // What the CLI prints: the DSL location, the rule, a message saying what is wrong, then
      // each related location on its own line, with what it is.
      const [head = '', ...rest] = o.error.message.split('\n');
      expect(head).toBe(prefix + message);
      expect(rest).toEqual(o.error.related.map((r) => `  ${r.loc.file}:${r.loc.line}:${r.loc.col}: ${r.message}`));
      expect(o.error.related.map((r) => r.message)).toEqual(relatedMessages ?? []);
    } else {
      if ('error' in o) return expect.fail(o.error.message);
      const warnings = o.model.warnings.filter((w) => w.rule.id === rule.id);
      expect(warnings).toHaveLength(1);
      found = warnings[0]!;
      expect(warningText(warnings[0]!)).toBe(`warning: ${prefix}${message}`);
    }
    expect({ id: found.rule.id, file: found.loc.file, line: found.loc.line, col: found.loc.col }).toEqual({ id: rule.id, file, line: at.line, col: at.col });
    if (related) expect({ line: found.related?.[0]?.loc.line, col: found.related?.[0]?.loc.col }).toEqual({ line: related.line, col: related.col });
  });
});

describe('caret markers', () => {
  it('point at the column of the caret on the nearest line above that is not a marker', () => {
    const text = ['a', '    set(x, 2),', '//  ^ ZT010 twice', '//  ^ related twice', 'b'].join('\n');
    expect(parseMarkers(text)).toEqual([
      { tag: 'ZT010', caseName: 'twice', line: 2, col: 5 },
      { tag: 'related', caseName: 'twice', line: 2, col: 5 },
    ]);
  });
});
