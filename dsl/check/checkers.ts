/**
 * The registered backends and the choice between them. Adding a backend: write its adapter
 * (a `Checker`) and add it to `CHECKERS`.
 */
import type { Availability, Checker, CheckJob } from './checker.js';
import type { Backend } from './result.js';
import { tlaChecker } from './tla-checker.js';
import { tlcChecker } from './tlc.js';
import { compiledChecker } from './compiled/index.js';

/**
 * In order of preference for `auto`: TLC is the reference checker; the compiled verifier is the
 * embedded default (no JVM, tens of times faster than tla-checker), and tla-checker checks what
 * it refuses (temporal properties) and stays an independent third opinion for `both`.
 */
export const CHECKERS: readonly Checker[] = [tlcChecker, compiledChecker, tlaChecker];

/**
 * `auto`: the first available backend that checks the config; `embedded`: the same among the
 * backends that ship in the package (no TLC: watch's fast loop); `both`: every available one,
 * cross-checked; or one by name.
 */
export type BackendChoice = 'auto' | 'embedded' | 'both' | Backend;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'embedded', 'both', ...CHECKERS.map((c) => c.name)];

export interface Resolved {
  readonly choice: BackendChoice;
  /** Every backend the choice may use, in order of preference. */
  readonly checkers: readonly Checker[];
  /** Why each backend passed over was not available (for the report's header line). */
  readonly unavailable: readonly { readonly name: Backend; readonly reason: string }[];
  readonly available: ReadonlyMap<Backend, Extract<Availability, { ok: true }>>;
}

/** The checkers `choice` selects. Throws (a usage error) when a named backend is not available or `both` finds fewer than two. */
export async function resolveCheckers(choice: BackendChoice, registry: readonly Checker[] = CHECKERS): Promise<Resolved> {
  const status = await Promise.all(registry.map(async (c) => [c, await c.available()] as const));
  const available = new Map(status.flatMap(([c, a]) => (a.ok ? [[c.name, a] as const] : [])));
  const unavailable = status.flatMap(([c, a]) => (a.ok ? [] : [{ name: c.name, reason: a.reason }]));
  const usable = status.filter(([, a]) => a.ok).map(([c]) => c);
  switch (choice) {
    case 'auto':
    case 'embedded': {
      const pool = choice === 'auto' ? registry : registry.filter((c) => c.embedded);
      const first = usable.find((c) => pool.includes(c));
      const missing = unavailable.filter((u) => pool.some((c) => c.name === u.name));
      if (!first) throw new Error(`no ${choice === 'auto' ? '' : 'embedded '}checker is available: ${missing.map((u) => `${u.name}: ${u.reason}`).join('; ')}`);
      return { choice, checkers: usable.filter((c) => pool.includes(c)), unavailable: missing.filter((u) => pool.findIndex((c) => c.name === u.name) < pool.indexOf(first)), available };
    }
    case 'both':
      if (usable.length < 2) throw new Error(`--backend both needs two available checkers; ${unavailable.map((u) => `${u.name}: ${u.reason}`).join('; ')}`);
      return { choice, checkers: usable, unavailable, available };
    default: {
      const c = registry.find((x) => x.name === choice);
      if (!c) throw new Error(`unknown backend '${choice}' (backends: ${registry.map((x) => x.name).join(', ')})`);
      const u = unavailable.find((x) => x.name === choice);
      if (u) throw new Error(`--backend ${choice}: ${u.reason}`);
      return { choice, checkers: [c], unavailable: [], available };
    }
  }
}

/**
 * The checkers that run `job`. `auto` and `embedded`: the first that does not refuse it (a refused job is never
 * passed: if every backend refuses, the first runs and reports why). `both`: every one that does
 * not refuse it. A named backend runs whatever it would say.
 */
export function checkersFor(r: Resolved, job: CheckJob): readonly Checker[] {
  if (r.choice !== 'auto' && r.choice !== 'embedded' && r.choice !== 'both') return r.checkers;
  const willing = r.checkers.filter((c) => !c.refuses?.(job));
  if (r.choice !== 'both') return [willing[0] ?? r.checkers[0]!];
  return willing.length ? willing : r.checkers;
}
