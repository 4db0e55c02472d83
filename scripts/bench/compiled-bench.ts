/**
 * The compiled backend beside TLC and tla-checker, per zswap config: wall time and distinct
 * states per second. Compiled and TLC (`-workers 1`, JVM start-up included, as a user sees it)
 * run one after the other on an otherwise idle pool, so they share the machine's load;
 * tla-checker's figures come from the models section of the same bench run when it ran (else it
 * is run here too). Compiled's time is emitting the module plus checking it, in this process
 * (the CLI's one-off start-up — node and loading the models, about a second — is not included).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { checkCompiled } from '../../dsl/check/compiled/index.js';
import { violatedName } from '../../dsl/check/outcome.js';
import type { CheckResult } from '../../dsl/check/result.js';
import { runTlaChecker } from '../../dsl/check/tla-checker.js';
import { runTlc, type TlcLookup } from '../../dsl/check/tlc.js';
import { emitCfg } from '../../dsl/emit/cfg.js';
import { emitModule } from '../../dsl/emit/module.js';
import { cfgFacts } from '../../dsl/check/cfg-facts.js';
import { models as allModels } from '../../models/index.js';
import { rate, ratio, secs, table } from './table.js';

export interface CompiledRow {
  readonly config: string;
  readonly verdict: string;
  readonly agree: boolean;
  readonly compiled: { readonly ms: number; readonly distinct?: number; readonly perSec?: number };
  readonly tlc?: { readonly ms: number; readonly distinct?: number; readonly perSec?: number };
  /** `capped`: tla-checker stopped at the bench's state cap (its rate is still measured). */
  readonly tlaChecker?: { readonly ms: number; readonly distinct?: number; readonly perSec?: number; readonly capped?: boolean };
}

const verdictText = (r: CheckResult) => `${r.verdict.kind}${violatedName(r.verdict) ? ` ${violatedName(r.verdict)}` : ''}`;
const figures = (r: CheckResult, ms = r.durationMs) => ({ ms, ...(r.counts ? { distinct: r.counts.distinct, perSec: rate(r.counts.distinct, ms)! } : {}) });

export async function benchCompiled(
  o: { readonly quick: boolean; readonly timeoutMs: number; readonly log: (line: string) => void },
  tlc: TlcLookup,
  tlaCheckerRows?: readonly { readonly model: string; readonly config: string; readonly tlaChecker?: { readonly ms: number; readonly distinct?: number; readonly capped?: boolean } }[],
): Promise<CompiledRow[]> {
  const chosen = allModels.filter((m) => m.name.startsWith('Zswap') && (!o.quick || m.name === 'ZswapV13Fix'));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-bench-compiled-'));
  const rows: CompiledRow[] = [];
  try {
    for (const m of chosen) {
      const t0 = performance.now();
      const { text, spans } = emitModule(m.module);
      const emitMs = performance.now() - t0;
      await writeFile(path.join(dir, `${m.name}.tla`), text);
      for (const c of m.module.configs) {
        const cfg = emitCfg(m.module, c);
        const mine = await checkCompiled({ module: m.module, tla: text, spans, config: c, cfg });
        const compiled = figures(mine, Math.round(mine.durationMs + emitMs));
        let t: CheckResult | undefined;
        if (tlc.found) {
          await writeFile(path.join(dir, `${c.name}.cfg`), cfg);
          t = await runTlc(tlc, dir, m.name, `${c.name}.cfg`, c.name, { workers: 1, timeoutMs: o.timeoutMs });
        }
        const earlier = tlaCheckerRows?.find((r) => r.model === m.name && r.config === c.name)?.tlaChecker;
        const e = earlier ? undefined : await runTlaChecker(text, cfg, cfgFacts(c), { module: m.name, config: c.name }, { timeoutMs: o.timeoutMs });
        const tlaChecker = earlier
          ? { ms: earlier.ms, ...(earlier.capped ? { capped: true } : {}), ...(earlier.distinct !== undefined ? { distinct: earlier.distinct, perSec: rate(earlier.distinct, earlier.ms)! } : {}) }
          : figures(e!);
        const agree = !t || verdictText(t) === verdictText(mine);
        rows.push({ config: `${m.name}/${c.name}`, verdict: verdictText(mine), agree, compiled, ...(t ? { tlc: figures(t) } : {}), tlaChecker });
        o.log(`  ${m.name}/${c.name}: compiled ${verdictText(mine)} ${secs(compiled.ms)}s${t ? `, TLC ${secs(t.durationMs)}s` : ''}, tla-checker ${secs(tlaChecker.ms)}s`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return rows;
}

export function compiledTable(rows: readonly CompiledRow[]): string {
  const body = table(
    ['config', 'verdict (compiled)', 'TLC agrees', 'compiled s', 'TLC w1 s', 'tla-chk s', 'compiled st/s', 'TLC st/s', 'tla-chk st/s', 'time vs TLC', 'st/s vs TLC', 'st/s vs tla-chk'],
    rows.map((r) => [
      r.config, r.verdict, r.tlc ? (r.agree ? 'yes' : 'NO') : undefined, secs(r.compiled.ms), secs(r.tlc?.ms), r.tlaChecker ? `${secs(r.tlaChecker.ms)}${r.tlaChecker.capped ? ' (cap)' : ''}` : undefined,
      r.compiled.perSec, r.tlc?.perSec, r.tlaChecker?.perSec, ratio(r.compiled.ms, r.tlc?.ms), ratio(r.compiled.perSec, r.tlc?.perSec), ratio(r.compiled.perSec, r.tlaChecker?.perSec, 1),
    ]),
  );
  const sum = (f: (r: CompiledRow) => number | undefined) => rows.reduce((a, r) => a + (f(r) ?? 0), 0);
  const total = `total: compiled ${secs(sum((r) => r.compiled.ms))}s, TLC ${rows.some((r) => r.tlc) ? `${secs(sum((r) => r.tlc?.ms))}s` : '–'}, tla-checker ${secs(sum((r) => r.tlaChecker?.ms))}s`;
  return `${body}\n${total}`;
}
