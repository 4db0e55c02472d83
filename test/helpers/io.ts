import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { afterAll } from 'vitest';

/** A stream that keeps what is written to it (a CLI's stdout or stderr in a test). */
export class Sink extends Writable {
  text = '';
  override _write(chunk: Buffer | string, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    this.text += chunk.toString();
    cb();
  }
}

/** `mkdtemp` under the OS temp dir, removed when the test file ends. */
export function tempDirs(): (prefix: string) => Promise<string> {
  const made: string[] = [];
  afterAll(async () => { await Promise.all(made.map((d) => rm(d, { recursive: true, force: true }))); });
  return async (prefix) => {
    const d = await mkdtemp(path.join(os.tmpdir(), prefix));
    made.push(d);
    return d;
  };
}
