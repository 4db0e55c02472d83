/**
 * `npm run bench -- --only models --configs <globs>`: re-measure some configs of the `models`
 * section (and of the `compiled` section it feeds) and keep every other row of the results file;
 * `--only matrix --configs <globs>` the same for cells of the verdict matrix (`2x2x2/v13-fix/hotplug`).
 * A glob is matched against `Model/config` (`*` within a name, `**`, `?`, `{a,b}`): `Zswap*`
 * followed by `/switch` is the `switch` config of every zswap model, and not `switch-hotplug`.
 */
import os from 'node:os';
import { globRegExp } from '../../dsl/cli/project.js';

/** Is `Model/config` selected by one of `globs` (no globs: everything)? */
export function configFilter(globs: readonly string[] | undefined): (model: string, config: string) => boolean {
  if (!globs?.length) return () => true;
  const res = globs.map(globRegExp);
  return (model, config) => res.some((re) => re.test(`${model}/${config}`));
}

/** `--configs a,b/{x,y}`: the globs, split at the commas outside braces. */
export function splitGlobs(v: string): string[] {
  const out: string[] = [];
  let depth = 0, cur = '';
  for (const c of v) {
    if (c === ',' && depth === 0) { out.push(cur); cur = ''; continue; }
    if (c === '{') depth++;
    else if (c === '}') depth = Math.max(0, depth - 1);
    cur += c;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter(Boolean);
}

/** Is the matrix cell `SIZE/variant/scenario` (matrix-bench.ts `cellKey`) selected by one of `globs`? */
export function cellFilter(globs: readonly string[]): (key: string) => boolean {
  const res = globs.map(globRegExp);
  return (key) => res.some((re) => re.test(key));
}

/** What a section measured on a `--configs` run carries until it is merged (see `mergeResults`). */
export interface PartialRun {
  readonly configs: readonly string[];
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  /** tla-checker's state cap on this run (0: none); the file's top-level `options` say the last run's. */
  readonly tlaCheckerCap: number;
}

/** One re-measurement, as the merged section records it. */
export interface Remeasured extends PartialRun {
  readonly recordedAt: string;
  /** The rows it replaced or added, by key. */
  readonly rows: readonly string[];
}

export const loadAverage = (): number[] => os.loadavg().map((x) => Math.round(x * 100) / 100);

/**
 * `old` with each row of `fresh` in place of the row with the same key (a row new to `old` goes
 * at the end); every other row, and the order, as it was.
 */
export function mergeRows<T>(old: readonly T[], fresh: readonly T[], key: (r: T) => string): T[] {
  const byKey = new Map(fresh.map((r) => [key(r), r]));
  const merged = old.map((r) => {
    const k = key(r);
    const f = byKey.get(k);
    if (!f) return r;
    byKey.delete(k);
    return f;
  });
  return [...merged, ...byKey.values()];
}

type Section<R> = { rows: R[]; recordedAt: string; partial?: PartialRun; remeasured?: Remeasured[] };

/**
 * A section of a `--configs` run merged into the same section of the results file: its rows put
 * in place, the section's own `recordedAt` kept (it dates the other rows), and a `remeasured`
 * entry saying which rows were measured again, when, and at what load. A full run replaces the
 * section as before.
 */
export function mergeSection<R>(old: Section<R> | undefined, fresh: Section<R> | undefined, key: (r: R) => string): Section<R> | undefined {
  if (!fresh?.partial) return fresh;
  const { partial, ...rest } = fresh;
  const entry: Remeasured = { ...partial, recordedAt: rest.recordedAt, rows: rest.rows.map(key) };
  if (!old) return { ...rest, remeasured: [entry] };
  return { ...old, rows: mergeRows(old.rows, rest.rows, key), remeasured: [...(old.remeasured ?? []), entry] };
}
