import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
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
  let disagreement = compareVerdicts(results);
  // An Assert fires whatever the cfg says, so its runs cannot be recounted without it: compare verdicts only.
  const assertStop = results.some((r) => r.verdict.kind === 'assert' || r.verdict.kind === 'evalError');
  if (!disagreement && results.length > 1 && !assertStop) {
    // A violation stops each checker at a point that depends on its search order (and TLC's
    // worker count), so agreement on the state count is checked on the whole state space.
    disagreement = results.every((r) => r.verdict.kind === 'passed')
      ? compareCounts(results, 'distinct states')
      : compareCounts(await Promise.all(backends.map((b) => countStateSpace(dir, module.name, cfgFile, config.name, b, tlc, o))), 'reachable states (invariants off)');
  }
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

/** Where TLC and tla-checker both ran, they must agree on the verdict. */
export function compareVerdicts(results: readonly CheckResult[]): string | undefined {
  const [a, b] = results;
  if (!a || !b) return undefined;
  const describe = (r: CheckResult) => `${r.verdict.kind}${violatedName(r.verdict) ? ` ${violatedName(r.verdict)}` : ''}`;
  return describe(a) === describe(b) ? undefined : `${a.backend} says ${describe(a)}, ${b.backend} says ${describe(b)}`;
}

export function compareCounts(results: readonly CheckResult[], what: string): string | undefined {
  const [a, b] = results;
  if (!a || !b) return undefined;
  return a.counts?.distinct === b.counts?.distinct ? undefined : `${a.backend} found ${a.counts?.distinct ?? '?'} ${what}, ${b.backend} ${b.counts?.distinct ?? '?'}`;
}

/**
 * The config with every invariant but TypeOK and every property removed and deadlock off: it
 * just counts states. TypeOK stays listed because tla-checker, given no INVARIANT line, checks
 * every definition named `Inv…`/`TypeOK` on its own.
 */
export function stateSpaceCfg(cfg: string): string {
  const kept = cfg.split('\n').filter((l) => !/^\s*(INVARIANTS?|PROPERT(Y|IES)|CHECK_DEADLOCK)\b/.test(l));
  const typeOk = /^\s*INVARIANTS?\s+TypeOK\b/m.test(cfg) ? ['INVARIANT TypeOK'] : [];
  return [...kept.join('\n').trimEnd().split('\n'), ...typeOk, 'CHECK_DEADLOCK FALSE'].join('\n') + '\n';
}

/** Count the reachable states of a config with one backend (in a private temp dir). */
export async function countStateSpace(dir: string, module: string, cfgFile: string, config: string, backend: 'tlc' | 'tla-checker', tlc: TlcLookup, o: CheckOptions = {}): Promise<CheckResult> {
  const cfg = stateSpaceCfg(await readFile(path.join(dir, cfgFile), 'utf8'));
  if (backend === 'tla-checker') return runTlaChecker(await readFile(path.join(dir, `${module}.tla`), 'utf8'), cfg, { module, config }, o);
  if (!tlc.found) throw new Error(tlc.reason);
  const work = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-space-'));
  try {
    await copyFile(path.join(dir, `${module}.tla`), path.join(work, `${module}.tla`));
    await writeFile(path.join(work, 'space.cfg'), cfg);
    return await runTlc(tlc, work, module, 'space.cfg', config, o);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
