/**
 * A models index that imports fine but cannot be emitted: two models emit the same files. Used
 * by test/gen.test.ts to check that an emit-time error (not a DslError) also writes nothing.
 * (The same model object exported twice is found once; two models with one name are an error.)
 */
import type { Model } from '../../dsl/index.js';
import mutexCounter from '../../models/mutex-counter.js';

export const models: readonly Model[] = [mutexCounter, { ...mutexCounter }];
