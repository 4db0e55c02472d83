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
  /**
   * Random simulation instead of an exhaustive search (TLC `-simulate`; the compiled verifier's
   * random walks): a `passed` result then only covers the traces that were run.
   */
  readonly simulate?: SimulateOptions;
  /** TLC's heap in bytes (`-Xmx`); default `defaultTlcHeap()`, a safe share of physical memory. */
  readonly memory?: number;
  /** TLC `-fpmem`: the share (0–1) of memory for the fingerprint set of found states. */
  readonly fpmem?: number;
  /** Long runs: keep TLC's state directory, checkpoint it, and resume from its newest checkpoint. */
  readonly checkpoint?: CheckpointOptions;
  /** Distributed TLC: a TLCServer and its TLCWorkers instead of one TLC process (TLC only). */
  readonly distributed?: DistributedOptions;
  /**
   * Partial-order reduction (the compiled verifier; safety properties only): the reduced state
   * graph is searched, so distinct-state counts are its own (`CheckResult.reduction`).
   */
  readonly por?: boolean;
  /** Count the successors each action generates (`CheckResult.coverage`): step coverage. */
  readonly coverage?: boolean;
  /**
   * Run the check off the calling thread, so that several can run at once (`check --jobs`):
   * the compiled verifier then searches in a worker thread of its own. TLC (a child process)
   * and tla-checker (a worker thread) always run off it.
   */
  readonly thread?: boolean;
  readonly onProgress?: (p: Progress) => void;
  /** Aborting stops the run: children are killed and temp files removed before it settles. */
  readonly signal?: AbortSignal;
}

export interface SimulateOptions {
  /** The most steps in one trace after its initial state (TLC `-depth`, default 100). */
  readonly depth?: number;
  /** Traces to run (TLC `-simulate num=K`); default: until the time limit. */
  readonly traces?: number;
  /** Reproduces a run; default: a random seed, printed in the report. */
  readonly seed?: bigint;
}

export interface CheckpointOptions {
  /** Root of the kept state directories: TLC's for `Model/config` is `<dir>/<Model>.<config>/<timestamp>/`. */
  readonly dir: string;
  /** Minutes between checkpoints (TLC `-checkpoint`, default 30). */
  readonly minutes?: number;
  /** Recover from the newest checkpoint under the config's directory (TLC `-recover`). */
  readonly resume?: boolean;
}

export interface DistributedOptions {
  /** TLCWorker processes started on this machine (loopback), each with `threads` threads. */
  readonly localWorkers: number;
  /** Worker threads per local worker (default 1: on one machine the workers share its cores). */
  readonly threads?: number;
  /** Remote workers to wait for: one command per host is printed (`onWorkerCommand`). */
  readonly hosts?: readonly string[];
  /** The address remote workers reach this machine at (default: its host name). */
  readonly address?: string;
  /** The RMI registry's port (default: a free one for loopback, TLC's 10997 with remote hosts). */
  readonly port?: number;
  /** Told the exact command to start on each remote host, before the server waits for it. */
  readonly onWorkerCommand?: (host: string, command: string) => void;
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
