/** Published TLA+ specifications ported into the DSL, each checked against the original's counts (test/examples.test.ts). */
import type { Model } from '../../dsl/index.js';
import { ewd840 } from './ewd840.js';
import { syncTerminationDetection } from './sync-termination-detection.js';

export const exampleModels: readonly Model[] = [syncTerminationDetection, ewd840];
