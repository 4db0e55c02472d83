/**
 * TLC's progress while it runs, read from the `-tool` message stream as it arrives: 2185
 * (started), 2189/2190 (computing / computed initial states), 2200 (the progress report TLC
 * prints once a minute — every few seconds as `runTlc` sets it — and at the end), 2192 (checking
 * temporal properties on the state graph), 2209 (a simulation's progress: traces, states generated).
 * A chunk may end mid-message; it waits for the rest. Counts are read in any locale's format.
 */
import { COUNT, toCount } from './tlc-messages.js';


export interface TlcProgress {
  readonly phase: 'starting' | 'initial states' | 'exploring' | 'liveness';
  readonly generated?: number;
  readonly distinct?: number;
  readonly queue?: number;
  /** Distinct states per minute, as TLC computed it. */
  readonly distinctPerMinute?: number;
  /** TLC's BFS depth so far (`Progress(N)`). */
  readonly depth?: number;
  /** Simulation (2209): traces run so far (its `Progress(N)`). */
  readonly traces?: number;
}

const MESSAGE = /@!@!@STARTMSG (\d+)(?::\d+)? @!@!@\r?\n([\s\S]*?)@!@!@ENDMSG \1 @!@!@/g;
/** With rates once a minute and at the end; without them before checking temporal properties. */
const PROGRESS = new RegExp(`^Progress\\(${COUNT}\\)[^:]*:\\d\\d:\\d\\d: ${COUNT} states generated(?: \\(${COUNT} s/min\\))?, ${COUNT} distinct states found(?: \\(${COUNT} ds/min\\))?, ${COUNT} states left on queue`, 'm');
const LIVENESS = new RegExp(`with ${COUNT} total distinct states`);
const SIMULATION = new RegExp(`^Progress\\(${COUNT}\\)[^:]*:\\d\\d:\\d\\d: ${COUNT} states generated`, 'm');

/** The progress a `-tool` message reports, if it reports any. */
export function progressOf(code: number, body: string): TlcProgress | undefined {
  if (code === 2185) return { phase: 'starting' };
  if (code === 2189) return { phase: 'initial states' };
  if (code === 2190) return { phase: 'exploring' };
  if (code === 2192) {
    const l = LIVENESS.exec(body);
    return { phase: 'liveness', ...(l ? { distinct: toCount(l[1]!) } : {}) };
  }
  if (code === 2209) {
    const s = SIMULATION.exec(body);
    return s ? { phase: 'exploring', traces: toCount(s[1]!), generated: toCount(s[2]!) } : undefined;
  }
  if (code !== 2200) return undefined;
  const m = PROGRESS.exec(body);
  if (!m) return undefined;
  return {
    phase: 'exploring', depth: toCount(m[1]!), generated: toCount(m[2]!), distinct: toCount(m[4]!),
    ...(m[5] === undefined ? {} : { distinctPerMinute: toCount(m[5]) }), queue: toCount(m[6]!),
  };
}

/** A consumer of output chunks that calls `onProgress` for each progress message completed. */
export function progressReader(onProgress: (p: TlcProgress) => void): (chunk: string) => void {
  let pending = '';
  return (chunk) => {
    pending += chunk;
    let consumed = 0;
    for (const m of pending.matchAll(MESSAGE)) {
      const p = progressOf(Number(m[1]), m[2]!);
      if (p) onProgress(p);
      consumed = m.index + m[0].length;
    }
    pending = pending.slice(consumed);
  };
}

/** One line for a terminal: `TLC: 12,345 distinct states, 678 on queue, depth 9, 41,000 distinct/min`. */
export function progressText(p: TlcProgress): string {
  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');
  if (p.phase === 'liveness') return `TLC: checking temporal properties${p.distinct === undefined ? '' : ` over ${n(p.distinct)} distinct states`}…`;
  if (p.phase !== 'exploring') return `TLC: ${p.phase === 'starting' ? 'starting' : 'computing initial states'}…`;
  if (p.traces !== undefined) return `TLC: ${n(p.traces)} traces simulated, ${n(p.generated)} states generated`;
  if (p.distinct === undefined) return 'TLC: exploring…';
  return `TLC: ${n(p.distinct)} distinct states, ${n(p.queue)} on queue, depth ${p.depth ?? '?'}, ${n(p.distinctPerMinute)} distinct/min`;
}
