/**
 * Processes end to end: seeded mutex misuse (models/peer/mutex-misuse.ts) is found by both
 * checkers, and the trace leads back to the DSL lines of the steps involved; the generated TLA+
 * names every step `<Process>_<label>` under a comment with its DSL line.
 *
 * How a trace ends: for a deadlock, in the stuck state, so its last step is the one that got the
 * process there and the process's pc names the step that cannot run. For a failed `Assert`
 * (the `Mutex…` checks), TLC and tla-checker stop in the state the failing step starts from:
 * the process that moved last is at the label of the failing step. TLC also reports where the
 * failing `Assert` is, which the source map turns into the DSL line of the `lock`/`unlock` call.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from './helpers/root.js';
import { compile } from '../dsl/compile.js';
import { violatedName } from '../dsl/check/outcome.js';
import type { CheckResult, TraceState, Verdict } from '../dsl/check/result.js';
import { findTlc } from '../dsl/check/tlc.js';
import { definitionSpan, innermostAt } from '../dsl/map/sourcemap.js';
import { runPipeline } from '../dsl/pipeline/run.js';
import { showValue } from '../dsl/check/values.js';
import type { Model } from '../dsl/index.js';
import { doubleLock, lockBeforeInit, mutexMisuseModels, unlockByNonOwner, unlockInProcedure } from '../models/peer/mutex-misuse.js';
import { peerModels } from '../models/peer/index.js';
import { lineOf } from './helpers/locate.js';

const FILE = 'models/peer/mutex-misuse.ts';
const tlc = await findTlc();
/** One worker (deterministic BFS); C1-only JIT starts the JVM faster for these tiny models. */
const TLC_OPTIONS = { workers: 1, jvmArgs: ['-XX:TieredStopAtLevel=1'] } as const;

interface Misuse {
  readonly name: string;
  readonly model: Model;
  /** `deadlock`, or the message of the failed `Mutex…` check. */
  readonly verdict: 'deadlock' | 'MutexUnlockedByNonOwner' | 'MutexLockedBeforeInit';
  /** The label of the trace's last step. */
  readonly lastStep: string;
  /** The step that misuses the mutex (pending when the trace ends), and text on its DSL line. */
  readonly culprit: string;
  readonly culpritCall: string;
}

const MISUSES: readonly Misuse[] = [
  { name: 'double lock', model: doubleLock, verdict: 'deadlock', lastStep: 'take', culprit: 'retake', culpritCall: 'lock(mtx)' },
  { name: 'unlock by a non-owner', model: unlockByNonOwner, verdict: 'MutexUnlockedByNonOwner', lastStep: 'wait', culprit: 'meddle', culpritCall: 'unlock(mtx)' },
  { name: 'lock before init', model: lockBeforeInit, verdict: 'MutexLockedBeforeInit', lastStep: 'start', culprit: 'early', culpritCall: 'lock(mtx)' },
  { name: 'unlock in a procedure', model: unlockInProcedure, verdict: 'MutexUnlockedByNonOwner', lastStep: 'finish', culprit: 'rel', culpritCall: 'unlock(mtx)' },
];

/** `(a :> "x" @@ b :> "y")` → { a: 'x', b: 'y' } */
function pcOf(state: TraceState): Record<string, string> {
  const pc = state.vars.pc;
  if (pc === undefined) throw new Error(`state ${state.index} has no pc`);
  return Object.fromEntries([...pc.matchAll(/([A-Za-z_]\w*) :> "([^"]*)"/g)].map((m) => [m[1]!, m[2]!]));
}

/** The last step of a trace, from the pc that changed between its last two states. */
function lastStep(trace: readonly TraceState[]): { id: string; from: string; to: string } {
  expect(trace.length, 'a trace with at least one step').toBeGreaterThanOrEqual(2);
  const before = pcOf(trace.at(-2)!);
  const after = pcOf(trace.at(-1)!);
  const moved = Object.keys(after).filter((id) => before[id] !== after[id]);
  expect(moved, 'exactly one process moves in a step').toHaveLength(1);
  return { id: moved[0]!, from: before[moved[0]!]!, to: after[moved[0]!]! };
}

/** The action a label starts (labels are unique in a module). */
function actionOf(model: Model, label: string): string {
  const a = model.module.actions.find((x) => x.label === label);
  if (!a) throw new Error(`${model.name} has no step '${label}'`);
  return a.name;
}

function traceOf(v: Verdict): readonly TraceState[] {
  if (!('trace' in v)) throw new Error(`no trace in a ${v.kind} verdict`);
  return v.trace;
}

describe('seeded mutex misuse', () => {
  for (const backend of ['tla-checker', 'tlc'] as const) {
    const skip = backend === 'tlc' && !tlc.found;
    describe.skipIf(skip)(`${backend}${!tlc.found && skip ? ` — skipped: ${tlc.reason}` : ''}`, () => {
      it.each(MISUSES)('$name: $verdict, traced to the DSL lines of the steps', async (c) => {
        const config = c.model.module.configs[0]!;
        // tla-checker names neither actions nor the failing assert: its adapter recovers both by replay.
        const outcome = await runPipeline(c.model, config.name, { backend, ...TLC_OPTIONS });
        const r: CheckResult = outcome.results[0]!;
        const v = r.verdict;
        if (c.verdict === 'deadlock') {
          expect(v.kind, JSON.stringify(v).slice(0, 500)).toBe('deadlock');
          expect(outcome.asExpected).toBe(true);
        } else {
          expect(v.kind, JSON.stringify(v).slice(0, 500)).toBe('assert');
          expect(violatedName(v)).toBe(c.verdict);
        }
        const map = outcome.artifacts.sourceMap;
        const trace = traceOf(v);

        // The last step: its label (from the pc diff) and, where TLC names it, the action.
        const step = lastStep(trace);
        expect(step.from).toBe(c.lastStep);
        const lastAction = actionOf(c.model, step.from);
        expect(trace.at(-1)!.action?.name).toBe(lastAction);
        // TLC's JSON trace quotes model values; either way the value is the process that moved.
        expect(showValue(trace.at(-1)!.action?.params?.self ?? '')).toBe(step.id);
        expect(definitionSpan(map, lastAction)?.dsl.line).toBe(lineOf(FILE, `label('${c.lastStep}')`));

        // The misusing step: where the process that moved now stands.
        expect(step.to).toBe(c.culprit);
        const culpritAction = actionOf(c.model, step.to);
        const culpritLine = lineOf(FILE, `label('${c.culprit}')`);
        expect(definitionSpan(map, culpritAction)?.dsl.line).toBe(culpritLine);
        expect(readFileSync(path.join(PROJECT_ROOT, FILE), 'utf8').split('\n')[culpritLine - 1]).toContain(c.culpritCall);

        // Where the failed Assert is (TLC reports it; for tla-checker the replay finds it, also
        // when another step carries an assert of the same name): the lock/unlock call.
        if (v.kind === 'assert') {
          expect(v.location, 'the Assert location').toBeDefined();
          const at = innermostAt(map, { line: v.location!.startLine, col: v.location!.startCol }, { line: v.location!.endLine, col: v.location!.endCol });
          expect(at?.definition).toBe(culpritAction);
          expect(at?.dsl.line).toBe(culpritLine);
          const text = readFileSync(path.join(PROJECT_ROOT, FILE), 'utf8').split('\n')[culpritLine - 1]!;
          expect(text.slice(at!.dsl.col - 1)).toMatch(new RegExp(`^${c.culpritCall.replace(/[()]/g, '\\$&')}`));
        }
      });
    });
  }
});

describe('generated TLA+ for processes is readable', () => {
  /** Every line of `file` holding `needle` (labels may repeat across a model's variants). */
  function linesOf(file: string, needle: string): number[] {
    const out: number[] = [];
    for (let from = 1; ; ) {
      let line: number;
      try { line = lineOf(file, needle, from); } catch { return out; }
      out.push(line);
      from = line + 1;
    }
  }

  const all = [...peerModels, ...mutexMisuseModels];
  it.each(all.map((model) => ({ model, name: model.name })))('$name: each step is `<Process>_<label>` under its file and label, its DSL line in the source map', ({ model }) => {
    const { files, sourceMap } = compile(model);
    const tla = files.get(`${model.name}.tla`)!;
    const file = model.module.loc.file;
    const steps = model.module.actions.filter((a) => a.label);
    expect(steps.length).toBeGreaterThan(0);
    const units = new Set([...(model.module.processes ?? []).map((p) => p.name), ...steps.map((a) => a.process!)]);
    for (const a of steps) {
      expect(a.name).toBe(`${a.process}_${a.label}`);
      expect(units.has(a.process!)).toBe(true);
      const lines = [...linesOf(file, `label('${a.label}')`), ...linesOf(file, `loop('${a.label}'`)];
      expect(lines, `${a.label} in ${file}`).toContain(a.loc.line);
      expect(tla).toContain(`\\* ${file}: step '${a.label}' of ${a.process}\n${a.name}(self) ==\n  /\\ pc[self] = "${a.label}"`);
      expect(definitionSpan(sourceMap, a.name)?.dsl.line).toBe(a.loc.line);
    }
    // Every label the model's processes declare is a step.
    for (const p of model.module.processes ?? []) for (const l of p.labels) expect(steps.some((a) => a.process === p.name && a.label === l)).toBe(true);
  });
});
