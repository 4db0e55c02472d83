/**
 * A mutation run's set-up file (vitest.mutate.config.ts): each test file starts with no span kept
 * by the process (dsl/map/spans.ts), so a mutant of the widening is run, not answered from before.
 */
import { forgetSpans } from '../../dsl/map/spans.js';

forgetSpans();
