/** Every model `npm run gen` and `npm run check` know about. */
import type { Model } from '../dsl/index.js';
import mutexCounter from './mutex-counter.js';
import { peerModels } from './peer/index.js';
import { zswapModels } from './zswap/index.js';
import { exampleModels } from './examples/index.js';

export const models: readonly Model[] = [mutexCounter, ...peerModels, ...exampleModels, ...zswapModels];
