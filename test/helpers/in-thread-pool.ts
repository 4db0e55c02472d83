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

export class InThreadPool implements Pool {
  readonly ready = true;
  readonly failure = undefined;
  batches = 0;
  private readonly members: { expander: Expander; known: number[] }[];
  constructor(source: SpecSource, workers: number) {
    this.members = Array.from({ length: workers }, () => ({ expander: new Expander(compileSpec(source.module, source.config, source.tla, source.spans)), known: [] }));
  }
  expand(rows: Int32Array, tables: readonly ValueTable[]): Promise<BatchResult> {
    // Round robin: each member's replica sees only the values sent to it, as a worker's does.
    const m = this.members[this.batches % this.members.length]!;
    const batch = structuredClone(batchFor(this.batches++, rows, tables, m.known));
    return Promise.resolve(structuredClone(m.expander.expand(batch)));
  }
  close(): Promise<void> { return Promise.resolve(); }
}
