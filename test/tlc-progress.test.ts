/**
 * TLC's live progress: the reader over real `-tool` output (shared samples) cut into chunks at
 * every possible point, and a real TLC run reporting progress as it goes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../dsl/compile.js';
import { runTlc } from '../dsl/check/tlc.js';
import { progressOf, progressReader, progressText, type TlcProgress } from '../dsl/check/tlc-progress.js';
import { splitToolMessages } from '../dsl/check/tlc-output.js';
import { tlcOnce } from './helpers/root.js';
import { peterson } from '../models/peer/peterson.js';

const SAMPLES = path.resolve(import.meta.dirname, '../../shared/tlc-output-samples');
const tlc = await tlcOnce();

function readAll(text: string, chunk: number): TlcProgress[] {
  const seen: TlcProgress[] = [];
  const read = progressReader((p) => seen.push(p));
  for (let i = 0; i < text.length; i += chunk) read(text.slice(i, i + chunk));
  return seen;
}

describe('progress from the -tool stream', () => {
  const pass = readFileSync(path.join(SAMPLES, 'tool/tool-pass.out'), 'utf8');

  it('a whole run: starting, initial states, exploring, then the final report with its counts', () => {
    const seen = readAll(pass, pass.length);
    expect(seen.map((p) => p.phase)).toEqual(['starting', 'initial states', 'exploring', 'exploring']);
    const final = seen.at(-1)!;
    // The same numbers the 2200 body states, read independently here.
    const body = splitToolMessages(pass).messages.find((m) => m.code === 2200)!.body;
    const [, depth, generated, , distinct, , queue] = /Progress\((\d+)\).*?([\d,]+) states generated \(([\d,]+).*?([\d,]+) distinct states found \(([\d,]+).*?([\d,]+) states left/.exec(body)!;
    expect(final).toMatchObject({ depth: Number(depth), generated: Number(generated), distinct: Number(distinct), queue: Number(queue) });
    expect(progressText(final)).toBe(`TLC: ${distinct} distinct states, ${queue} on queue, depth ${depth}, ${final.distinctPerMinute!.toLocaleString('en-US')} distinct/min`);
  });

  it('chunks cut anywhere (mid-marker, mid-line) give the same progress', () => {
    const whole = readAll(pass, pass.length);
    for (const size of [1, 2, 7, 64, 333]) expect(readAll(pass, size), `chunks of ${size}`).toEqual(whole);
  });

  it('other messages are not progress; thousands separators are read', () => {
    expect(progressOf(2193, 'Model checking completed.')).toBeUndefined();
    expect(progressOf(2200, 'Progress(12) at 2026-11-25 10:00:00: 1,234,567 states generated (80,000 s/min), 98,765 distinct states found (6,000 ds/min), 4,321 states left on queue.'))
      .toEqual({ phase: 'exploring', depth: 12, generated: 1234567, distinct: 98765, distinctPerMinute: 6000, queue: 4321 });
  });
});

describe.skipIf(!tlc.found)(`a real TLC run reports progress as it goes${tlc.found ? '' : ` (skipped: ${tlc.reason})`}`, () => {
  it('Peterson: starting → initial states → exploring, the last report equal to the final counts', async () => {
    if (!tlc.found) return;
    const dir = await mkdtemp(path.join(os.tmpdir(), 'zswap-tla-progress-'));
    try {
      const a = compile(peterson('correct'));
      for (const [f, t] of a.files) await writeFile(path.join(dir, f), t);
      const seen: TlcProgress[] = [];
      const capture: { output?: string } = {};
      const r = await runTlc(tlc, dir, 'Peterson', 'Peterson.two_procs.cfg', 'two_procs', { workers: 1, onProgress: (p) => seen.push(p), capture });
      expect(r.verdict.kind).toBe('passed');
      expect(seen[0]!.phase).toBe('starting');
      expect(seen.map((p) => p.phase)).toContain('initial states');
      const last = seen.at(-1)!;
      expect(last.distinct).toBe(r.counts?.distinct);
      expect(capture.output).toContain('@!@!@STARTMSG 2200');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
