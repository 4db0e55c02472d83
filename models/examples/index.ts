/** Published specifications of the TLA+ Examples repository, ported (test/examples.test.ts: the originals' counts and verdicts). */
import type { Model } from '../../dsl/index.js';
import { ewd840 } from './ewd840.js';
import { innerFifo } from './fifo.js';
import { syncTerminationDetection } from './sync-termination-detection.js';
import { twoPhase } from './two-phase.js';

export const exampleModels: readonly Model[] = [twoPhase, innerFifo, syncTerminationDetection, ewd840];
