/** Classic algorithms checked against their PlusCal versions (test/peer.test.ts). */
import type { Model } from '../../dsl/index.js';
import { lockedCounter } from './locked-counter.js';
import { peterson } from './peterson.js';
import { prodCons } from './prod-cons.js';

export const peerModels: readonly Model[] = [
  lockedCounter('locked'), lockedCounter('racy'),
  peterson('correct'), peterson('turnFirst'),
  prodCons('bounded'), prodCons('noWait'),
];
