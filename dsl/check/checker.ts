/**
 * The one interface every checking backend implements. A backend is an adapter: it gets the
 * emitted module and one config (as IR and as text) and returns a complete `CheckResult` —
 * every trace step names its action and parameters, a failure carries its TLA+ location, a
 * lasso is closed — so nothing above this stage needs to know which backend ran. Adding a
 * backend means writing one adapter and registering it in `checkers.ts`.
 */
import type * as ir from '../ir/nodes.js';
import type { SpanEntry } from '../emit/writer.js';
import type { Backend, CheckResult, Progress } from './result.js';

export type { Progress } from './result.js';

/** One config of one emitted module. */
export interface CheckJob {
  readonly module: ir.Module;
  /** The emitted `.tla` text (the spec of record). */
  readonly tla: string;
  /** Where each IR node landed in `tla`: backends that must locate failures themselves use it. */
  readonly spans: readonly SpanEntry[];
  readonly config: ir.Config;
  /** `emitCfg(module, config)`. */
  readonly cfg: string;
  /** The modules it instantiates, by name (TLC reads them from beside the module). */
  readonly instanced?: ReadonlyMap<string, string>;
}

export interface CheckOptions {
  /** Worker threads/processes: a positive integer or 'auto' (one per core). */
  readonly workers?: number | 'auto';
  /** Wall-clock limit of one run. */
  readonly timeoutMs?: number;
  /** Stop (as a crash, never a pass) beyond this many distinct states. */
  readonly maxStates?: number;
  /** Extra JVM options for TLC, e.g. `-Xmx4g`. */
  readonly jvmArgs?: readonly string[];
  readonly onProgress?: (p: Progress) => void;
  /** Aborting stops the run: children are killed and temp files removed before it settles. */
  readonly signal?: AbortSignal;
}

export type Availability =
  | { readonly ok: true; readonly version?: string; /** One line for the report header, e.g. the java and jar used. */ readonly detail: string }
  | { readonly ok: false; readonly reason: string };

export interface Checker {
  readonly name: Backend;
  /** Ships inside the package (no JVM, nothing to install): what `--backend embedded` may use. */
  readonly embedded?: boolean;
  /** Whether this backend can run on this machine (looked up once per process), and if not, why. */
  available(): Promise<Availability>;
  /**
   * Why this backend cannot check `job` at all (a construct or property kind it does not
   * support), or undefined. `auto` then asks the next backend; `check` itself says the same
   * as a `crashed` verdict, never a pass.
   */
  refuses?(job: CheckJob): string | undefined;
  /**
   * Optional: check each of `names` (invariants, asserts, `deadlock`) alone in one run of `job`
   * (its config checking all of them), each result what a run focused on that name, the others
   * off, would give. Backends without it are run once per name.
   */
  checkEach?(job: CheckJob, names: readonly string[], options?: CheckOptions): Promise<ReadonlyMap<string, CheckResult>>;
  /** Check `job`. Never throws for what the checker found; a checker that could not check returns `crashed`/`timeout`. */
  check(job: CheckJob, options?: CheckOptions): Promise<CheckResult>;
}
