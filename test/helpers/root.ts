import { fileURLToPath } from 'node:url';
import { findTlc, type TlcLookup } from '../../dsl/check/tlc.js';

/** This repository's root: where its models, fixtures and generated/ live. */
export const PROJECT_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

let tlcLookup: Promise<TlcLookup> | undefined;
/** `findTlc()`, once per test file. */
export function tlcOnce(): Promise<TlcLookup> {
  tlcLookup ??= findTlc();
  return tlcLookup;
}
