/** The repository's models by name, and results compared without their timing. */
import type { CheckResult } from '../../dsl/check/result.js';
import { models } from '../../models/index.js';

export const modelNamed = (name: string) => models.find((m) => m.name === name)!;

/** A result with its duration zeroed: two runs of the same check compare equal. */
export const timeless = (r: CheckResult): CheckResult => ({ ...r, durationMs: 0 });
