import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as ir from '../ir/nodes.js';
import { runTlaChecker, type EmbeddedOptions } from './tla-checker.js';
import { findTlc, runTlc, type TlcLookup, type TlcRunOptions } from './tlc.js';
import type { CheckResult, Verdict } from './result.js';

export type BackendChoice = 'auto' | 'tlc' | 'tla-checker' | 'both';

export interface CheckOptions extends TlcRunOptions, EmbeddedOptions {
  readonly backend?: BackendChoice;
  /** Reuse one TLC lookup across many configs. */
  readonly tlc?: TlcLookup;
}

export interface ConfigOutcome {
  readonly module: string;
  readonly config: ir.Config;
  readonly results: readonly CheckResult[];
  /** Did every backend give the verdict the model expects? */
  readonly asExpected: boolean;
  /** Set when two backends disagree on verdict or distinct states. */
  readonly disagreement?: string;
}

/** Which backends to run for `choice`, and (for `auto` without TLC) why TLC was not used. */
export async function resolveBackends(choice: BackendChoice, tlc?: TlcLookup): Promise<{ backends: ('tlc' | 'tla-checker')[]; tlc: TlcLookup }> {
  const lookup = tlc ?? (await findTlc());
  switch (choice) {
    case 'tla-checker': return { backends: ['tla-checker'], tlc: lookup };
    case 'tlc':
      if (!lookup.found) throw new Error(`--backend tlc: ${lookup.reason}`);
      return { backends: ['tlc'], tlc: lookup };
    case 'both':
      if (!lookup.found) throw new Error(`--backend both: ${lookup.reason}`);
      return { backends: ['tlc', 'tla-checker'], tlc: lookup };
    case 'auto': return { backends: [lookup.found ? 'tlc' : 'tla-checker'], tlc: lookup };
  }
}

/** Check one config of one emitted module (files in `dir`) with the chosen backends. */
export async function checkConfig(dir: string, module: ir.Module, config: ir.Config, backends: readonly ('tlc' | 'tla-checker')[], tlc: TlcLookup, o: CheckOptions = {}): Promise<ConfigOutcome> {
  const cfgFile = `${module.name}.${config.name}.cfg`;
  const results: CheckResult[] = [];
  for (const b of backends) {
    if (b === 'tlc') {
      if (!tlc.found) throw new Error(tlc.reason);
      results.push(await runTlc(tlc, dir, module.name, cfgFile, config.name, o));
    } else {
      const [spec, cfg] = await Promise.all([readFile(path.join(dir, `${module.name}.tla`), 'utf8'), readFile(path.join(dir, cfgFile), 'utf8')]);
      results.push(await runTlaChecker(spec, cfg, { module: module.name, config: config.name }, o));
    }
  }
  const disagreement = compareResults(results);
  return {
    module: module.name,
    config,
    results,
    asExpected: !disagreement && results.every((r) => meetsExpectation(r.verdict, config.expect)),
    ...(disagreement ? { disagreement } : {}),
  };
}

export function meetsExpectation(v: Verdict, e: ir.Expectation): boolean {
  switch (e.k) {
    case 'pass': return v.kind === 'passed';
    case 'deadlock': return v.kind === 'deadlock';
    case 'violation': return violatedName(v) === e.property;
  }
}

/** The name of what was violated, in the model's terms. */
export function violatedName(v: Verdict): string | undefined {
  switch (v.kind) {
    case 'invariant': return v.name;
    case 'property': return v.name;
    case 'assert': return v.message;
    default: return undefined;
  }
}

/** Where TLC and tla-checker both ran, they must agree on the verdict and the distinct-state count. */
export function compareResults(results: readonly CheckResult[]): string | undefined {
  const [a, b] = results;
  if (!a || !b) return undefined;
  const describe = (r: CheckResult) => `${r.verdict.kind}${violatedName(r.verdict) ? ` ${violatedName(r.verdict)}` : ''}`;
  if (describe(a) !== describe(b)) return `${a.backend} says ${describe(a)}, ${b.backend} says ${describe(b)}`;
  if (a.counts?.distinct !== b.counts?.distinct) return `${a.backend} found ${a.counts?.distinct ?? '?'} distinct states, ${b.backend} ${b.counts?.distinct ?? '?'}`;
  return undefined;
}
