/**
 * The registered backends and the choice between them. Adding a backend: write its adapter
 * (a `Checker`) and add it to `CHECKERS`.
 */
import type { Availability, Checker } from './checker.js';
import type { Backend } from './result.js';
import { tlaChecker } from './tla-checker.js';
import { tlcChecker } from './tlc.js';
import { compiledChecker } from './compiled/index.js';

/** In order of preference for `auto`: TLC is the reference checker. */
export const CHECKERS: readonly Checker[] = [tlcChecker, tlaChecker, compiledChecker];

/**
 * The backends `auto` and `both` choose from. The compiled verifier is selected by name only
 * until it checks temporal properties (it refuses them; `auto` must never refuse a model).
 */
const DEFAULT_SET: ReadonlySet<string> = new Set(['tlc', 'tla-checker']);

/** `auto`: the first available backend; `both`: every available one, cross-checked; or one by name. */
export type BackendChoice = 'auto' | 'both' | Backend;
export const BACKEND_CHOICES: readonly BackendChoice[] = ['auto', 'both', ...CHECKERS.map((c) => c.name)];

export interface Resolved {
  readonly checkers: readonly Checker[];
  /** Why each backend passed over was not available (for the report's header line). */
  readonly unavailable: readonly { readonly name: Backend; readonly reason: string }[];
  readonly available: ReadonlyMap<Backend, Extract<Availability, { ok: true }>>;
}

/** The checkers `choice` selects. Throws (a usage error) when a named backend is not available or `both` finds fewer than two. */
export async function resolveCheckers(choice: BackendChoice, registry: readonly Checker[] = CHECKERS): Promise<Resolved> {
  const status = await Promise.all(registry.map(async (c) => [c, await c.available()] as const));
  const inDefault = (c: Checker) => registry !== CHECKERS || DEFAULT_SET.has(c.name);
  const available = new Map(status.flatMap(([c, a]) => (a.ok ? [[c.name, a] as const] : [])));
  const unavailable = status.flatMap(([c, a]) => (a.ok ? [] : [{ name: c.name, reason: a.reason }]));
  const usable = status.filter(([c, a]) => a.ok && inDefault(c)).map(([c]) => c);
  switch (choice) {
    case 'auto': {
      const first = usable[0];
      if (!first) throw new Error(`no checker is available: ${unavailable.map((u) => `${u.name}: ${u.reason}`).join('; ')}`);
      return { checkers: [first], unavailable: unavailable.filter((u) => DEFAULT_SET.has(u.name) && registry.findIndex((c) => c.name === u.name) < registry.indexOf(first)), available };
    }
    case 'both':
      if (usable.length < 2) throw new Error(`--backend both needs two available checkers; ${unavailable.map((u) => `${u.name}: ${u.reason}`).join('; ')}`);
      return { checkers: usable, unavailable: unavailable.filter((u) => DEFAULT_SET.has(u.name)), available };
    default: {
      const c = registry.find((x) => x.name === choice);
      if (!c) throw new Error(`unknown backend '${choice}' (backends: ${registry.map((x) => x.name).join(', ')})`);
      const u = unavailable.find((x) => x.name === choice);
      if (u) throw new Error(`--backend ${choice}: ${u.reason}`);
      return { checkers: [c], unavailable: [], available };
    }
  }
}
