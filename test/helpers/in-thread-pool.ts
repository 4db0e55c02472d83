/**
 * The parallel search's pool with its "workers" in this thread: each batch crosses through
 * `structuredClone` both ways, as a message would, and is expanded by an `Expander` over a spec
 * compiled separately from the same source, as a worker's is. So the search's side of the
 * protocol (batches cut in queue order, values sent and returned, successors taken in order)
 * is tested on many models without starting threads.
 */
import { compileSpec } from '../../dsl/check/compiled/compile.js';
import { Expander, type BatchResult } from '../../dsl/check/compiled/expand.js';
import { batchFor, type Pool, type SpecSource } from '../../dsl/check/compiled/parallel.js';
import type { ValueTable } from '../../dsl/check/compiled/store.js';
import { batchFromWire, batchToWire, resultFromWire, resultToWire } from '../../dsl/check/compiled/wire.js';

export class InThreadPool implements Pool {
  readonly ready = true;
  readonly failure = undefined;
  batches = 0;
  /** States sent to the members (the search expands the others itself). */
  statesSent = 0;
  private readonly members: { expander: Expander; known: number[] }[];
  /** `lateMs`: answer each batch only after that long, as a busy worker would. */
  constructor(source: SpecSource, workers: number, private readonly lateMs?: number) {
    this.members = Array.from({ length: workers }, () => ({ expander: new Expander(compileSpec(source.module, source.config, source.tla, source.spans)), known: [] }));
  }
  expand(rows: Int32Array, tables: readonly ValueTable[]): Promise<BatchResult> {
    // Round robin: each member's replica sees only the values sent to it, as a worker's does.
    const m = this.members[this.batches++ % this.members.length]!;
    const batch = batchFromWire(structuredClone(batchToWire(batchFor(rows, tables, m.known))));
    this.statesSent += rows.length / tables.length;
    const answer = resultFromWire(structuredClone(resultToWire(m.expander.expand(batch))));
    return this.lateMs === undefined ? Promise.resolve(answer) : new Promise((resolve) => setTimeout(() => resolve(answer), this.lateMs));
  }
  close(): Promise<void> { return Promise.resolve(); }
}
