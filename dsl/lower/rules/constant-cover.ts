import { stateReader } from './constant-invariant.js';
import { moduleRule } from './rule.js';

/**
 * A cover must read the state. A constant one is reached by every initial state or by none,
 * whatever the model does, so it witnesses nothing; and TLC, which checks it as the invariant
 * `~name`, would evaluate that constant formula once at start-up (an error, not a trace).
 */
export const constantCover = moduleRule({
  id: 'ZT044',
  name: 'constant-cover',
  severity: 'error',
  description: 'A cover reads at least one variable (directly or through definitions): a constant one is reached by every state or by none, so it witnesses nothing, and TLC would check its negation once at start-up.',
  check(m, report) {
    const readsState = stateReader(m);
    for (const d of m.definitions) {
      if (d.role === 'cover' && !readsState(d.body)) {
        report(d.loc, `cover '${d.name}' reads no variable: it is reached by every state or by none, whatever the model does; state the situation over variables`);
      }
    }
  },
});
