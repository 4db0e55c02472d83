/**
 * Covers on a backend that does not watch them in its own search (TLC, tla-checker): each cover
 * `C` is checked as the invariant `~C`, where a violation means reached and its counterexample
 * is the witness. The run explores the config's state space with every other check off (the
 * states its passing run explored: none of them violated anything, so none was cut short). All
 * covers not yet reached are listed in one run; breadth first, the first state where any of them
 * holds is at the least depth where that one holds, so each witness is shortest (TLC with one
 * worker). The reached one is dropped and the rest checked again: one run per reached cover, and
 * a last, exhaustive run that passes when the rest are unreached. Sound on any TLC version (no
 * `TLCSet`/`POSTCONDITION`), and the same method on tla-checker.
 */
import type * as ir from '../ir/nodes.js';
import { emitCfg } from '../emit/cfg.js';
import { stateSpaceConfig } from '../ir/config-variants.js';
import type { Checker, CheckJob, CheckOptions } from './checker.js';
import type { CheckResult, CoverResult, Verdict } from './result.js';

/** The invariant `~C` that checks cover `C`: a generated name (rule ZT002 keeps models off the `ZswapTla` prefix). */
export const UNREACHED_PREFIX = 'ZswapTlaUnreached_';

/**
 * `job` checking the invariants `~C` for each of `covers` and nothing else. Their definitions
 * are appended after the module's text (every TLA+ location stays where it was) and to its IR.
 */
export function coverJob(job: CheckJob, covers: readonly string[]): CheckJob {
  const end = job.tla.lastIndexOf('\n====');
  if (end < 0) throw new Error(`${job.module.name}: the emitted module has no end line`);
  const names = covers.map((c) => `${UNREACHED_PREFIX}${c}`);
  const text = covers.map((c, i) => `${names[i]} == ~${c}\n\n`).join('');
  const loc = (c: string) => job.module.definitions.find((d) => d.name === c)?.loc ?? job.module.loc;
  const definitions: ir.Definition[] = covers.map((c, i) => ({ name: names[i]!, params: [], body: { kind: 'not', operand: { kind: 'ref', name: c } }, role: 'invariant', loc: loc(c) }));
  const module: ir.Module = { ...job.module, definitions: [...job.module.definitions, ...definitions] };
  const config: ir.Config = { ...stateSpaceConfig(job.config, job.module), checkTypeOk: false, invariants: names };
  return { ...job, module, config, tla: `${job.tla.slice(0, end + 1)}${text}${job.tla.slice(end + 1)}`, cfg: emitCfg(module, config) };
}

/**
 * The covers of `job`'s config, after `main` (the config's own run on `checker`): decided by
 * invariant runs when `main` passed, else undecided (the search stopped at what it found).
 */
export async function coversByInvariants(checker: Checker, job: CheckJob, main: CheckResult, o: CheckOptions = {}): Promise<CoverResult[]> {
  const covers = job.config.covers ?? [];
  if (main.verdict.kind !== 'passed') return covers.map((name) => ({ name, status: 'undecided', reason: `the search stopped first, at the ${stoppedAt(main.verdict)}` }));
  const out = new Map<string, CoverResult>();
  let rest = [...covers];
  while (rest.length) {
    const r = await checker.check(coverJob(job, rest), { ...o, coverage: false });
    const v = r.verdict;
    const reached = v.kind === 'invariant' && v.name.startsWith(UNREACHED_PREFIX) ? v.name.slice(UNREACHED_PREFIX.length) : undefined;
    if (v.kind === 'passed') {
      for (const name of rest) out.set(name, { name, status: 'unreached' });
      break;
    }
    if (reached === undefined || !rest.includes(reached)) {
      for (const name of rest) out.set(name, { name, status: 'undecided', reason: `its run on ${checker.name} ended without deciding it: ${stoppedAt(v)}` });
      break;
    }
    out.set(reached, { name: reached, status: 'reached', witness: (v as Extract<Verdict, { kind: 'invariant' }>).trace });
    rest = rest.filter((n) => n !== reached);
  }
  return covers.map((name) => out.get(name)!);
}

function stoppedAt(v: Verdict): string {
  switch (v.kind) {
    case 'invariant': return `violation of ${v.name}`;
    case 'property': return `violation of ${v.name ?? 'a property'}`;
    case 'assert': return `failed assert ${v.message}`;
    case 'deadlock': return 'deadlock';
    case 'evalError': return `evaluation error (${v.message.split('\n')[0]})`;
    case 'timeout': return 'time limit';
    case 'crashed': case 'parseError': case 'configError': return `${v.kind}: ${v.message.split('\n')[0]}`;
    case 'passed': return 'end';
  }
}
