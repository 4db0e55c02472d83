/** Classic algorithms checked against their PlusCal versions (test/peer.test.ts). */
import type { Model } from '../../dsl/index.js';
import { lockedCounter } from './locked-counter.js';

export const peerModels: readonly Model[] = [lockedCounter('locked'), lockedCounter('racy')];
