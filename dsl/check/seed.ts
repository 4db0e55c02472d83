import { randomBytes } from 'node:crypto';

/** A random seed for a simulation that was given none: 63 bits, so it is also a valid Java long (TLC `-seed`). */
export function randomSeed(): bigint {
  return BigInt.asUintN(63, BigInt(`0x${randomBytes(8).toString('hex')}`));
}
