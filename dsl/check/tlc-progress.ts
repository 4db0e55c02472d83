/**
 * TLC's progress while it runs, read from the `-tool` message stream as it arrives: 2185
 * (started), 2189/2190 (computing / computed initial states), 2200 (the progress report TLC
 * prints once a minute and at the end). A chunk may end mid-message; it waits for the rest.
 */

export interface TlcProgress {
  readonly phase: 'starting' | 'initial states' | 'exploring';
  readonly generated?: number;
  readonly distinct?: number;
  readonly queue?: number;
  /** Distinct states per minute, as TLC computed it. */
  readonly distinctPerMinute?: number;
  /** TLC's BFS depth so far (`Progress(N)`). */
  readonly depth?: number;
}

const MESSAGE = /@!@!@STARTMSG (\d+):\d+ @!@!@\r?\n([\s\S]*?)@!@!@ENDMSG \1 @!@!@/g;
const PROGRESS = /^Progress\((\d+)\)[^:]*:\d\d:\d\d: ([\d,]+) states generated \(([\d,]+) s\/min\), ([\d,]+) distinct states found \(([\d,]+) ds\/min\), ([\d,]+) states left on queue/m;
const num = (s: string) => Number(s.replace(/,/g, ''));

/** The progress a `-tool` message reports, if it reports any. */
export function progressOf(code: number, body: string): TlcProgress | undefined {
  if (code === 2185) return { phase: 'starting' };
  if (code === 2189) return { phase: 'initial states' };
  if (code === 2190) return { phase: 'exploring' };
  if (code !== 2200) return undefined;
  const m = PROGRESS.exec(body);
  if (!m) return undefined;
  return { phase: 'exploring', depth: num(m[1]!), generated: num(m[2]!), distinct: num(m[4]!), distinctPerMinute: num(m[5]!), queue: num(m[6]!) };
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
  if (p.phase !== 'exploring') return `TLC: ${p.phase === 'starting' ? 'starting' : 'computing initial states'}…`;
  if (p.distinct === undefined) return 'TLC: exploring…';
  const n = (x: number | undefined) => (x ?? 0).toLocaleString('en-US');
  return `TLC: ${n(p.distinct)} distinct states, ${n(p.queue)} on queue, depth ${p.depth ?? '?'}, ${n(p.distinctPerMinute)} distinct/min`;
}
