/**
 * What `check` does once its arguments are read (check.ts): type-check, load and generate the
 * models, then check the configs and report. Loaded only then, so `check --help` and a bad
 * argument answer without loading TypeScript, the pipeline and the checkers.
 */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type tty from 'node:tty';
import pc from 'picocolors';
import type { Checker, Progress } from '../check/checker.js';
import { checkersFor, resolveCheckers, type Resolved } from '../check/checkers.js';
import { defaultTlcHeap } from '../check/tlc.js';
import { warmThreads } from '../check/compiled/thread.js';
import { compileAll, withOtherModels } from '../generate.js';
import { DslError } from '../errors.js';
import { progressText } from '../report/progress.js';
import { render } from '../report/render.js';
import { jobFor, runPipeline, type PipelineResult } from '../pipeline/run.js';
import { checkEach } from '../pipeline/each.js';
import { stepCoverage, stepText } from '../map/coverage.js';
import { matrixMarkdown, type MatrixRow } from '../report/matrix.js';
import { TextReporter } from '../report/text.js';
import type { Model } from '../model.js';
import { distributedRefusal } from '../check/tlc-distributed.js';
import type { CheckCliIo, Flags, Output, Scale } from './check.js';
import { EXIT } from './exit-codes.js';
import { typecheckOk, writeWarnings, written } from './gen.js';
import { inOrder } from './in-order.js';
import { exitStatusOf, type Interrupts } from './interrupt.js';
import { failureText, fileOf, loadModelFiles, modelFiles, type Loaded } from './project.js';
import { compileKeepingSpans } from './span-memo.js';
import { Typechecker } from './typecheck.js';

/** Stopped before any checking started: say so. */
function stoppedEarly(interrupts: Interrupts, err: NodeJS.WritableStream, phase: string): number | undefined {
  const why = interrupts.reason();
  if (why === undefined) return undefined;
  if (why !== 'EPIPE') err.write(`interrupted (${why}) while ${phase}: nothing was checked.\n`);
  return exitStatusOf(why);
}

/** Check the configs `names` pick (every one when none), after the type-check and writing the generated files. */
export async function check(flags: Flags, names: readonly string[], outputs: readonly Output[], scale: Scale, io: CheckCliIo, interrupts: Interrupts): Promise<number> {
  const entries = flags.models !== undefined ? modelFiles(process.cwd(), [flags.models]) : io.modelFiles ?? [io.modelsModule ?? path.join(io.root, 'models', 'index.ts')];
  if (entries.length === 0) { io.err.write(`error: no model files found${flags.models !== undefined ? ` for ${flags.models}` : ' (see the `models` setting)'}\nnothing was checked.\n`); return EXIT.badInput; }
  // Started now: finding TLC (a JVM start) overlaps the type-check.
  // Distributed checking is TLC's: `auto` means TLC, and a missing TLC is an error, not a fallback.
  const resolving = resolveCheckers(scale.tlcOnly && flags.backend === 'auto' ? 'tlc' : flags.backend).then((r) => r, (e: unknown) => e as Error);
  // A check thread for each lane after the first loads the verifier (about a second of CPU), so
  // only as many as there are configs to share the lanes: known now when each name is one config
  // (`Model/config`) or none is given and the whole project is checked, and then they start
  // loading beside the type-check; with a model's name, or only a changed file's models (--changed,
  // watch), once the models are loaded and the configs picked are counted.
  const threaded = flags.jobs !== 1 && flags.backend !== 'tlc' && flags.backend !== 'tla-checker' && !scale.options.distributed;
  const warmFor = (configs: number) => { if (threaded) warmThreads(concurrency(flags, configs, false).jobs - 1); };
  const countKnown = names.length ? names.every((n) => n.includes('/')) : flags.changed === undefined && !flags.awaitChange;
  if (countKnown) warmFor(names.length || Infinity);
  const typechecker = flags.typecheck ? new Typechecker(io.root) : undefined;
  let changed = flags.changed;
  if (flags.awaitChange) {
    // watch started this process before the save: do everything that does not depend on it.
    typechecker?.check(entries, { fresh: true });
    await resolving;
    const message = await firstLine(io.in ?? process.stdin, interrupts.signal);
    if (message === undefined) return stoppedEarly(interrupts, io.err, 'waiting for a change') ?? EXIT.ok;
    changed = (JSON.parse(message) as { changed?: string }).changed;
  }
  if (typechecker && !typecheckOk(entries, io.root, io.err, typechecker)) return EXIT.badInput;
  const early = stoppedEarly(interrupts, io.err, 'type-checking');
  if (early !== undefined) return early;
  // A file that fails to load is reported; the models of the others are still checked.
  const { models, failures, alone } = await loadFor(entries, changed);
  for (const f of failures) io.err.write(failureText(f, io.root));
  let compiled: ReturnType<typeof compileAll>;
  try {
    compiled = compileKeepingSpans(models, io.root);
  } catch (e) {
    io.err.write(`error: ${e instanceof DslError ? e.message : e instanceof Error ? e.stack ?? e.message : String(e)}\nnothing was written or checked.\n`);
    return EXIT.badInput;
  }
  const picked = select(models, names, changed);
  if (typeof picked === 'string') {
    io.err.write(`error: ${picked}\n`);
    return EXIT.badInput;
  }
  if (!countKnown) warmFor(picked.length);
  if (scale.options.distributed) {
    // Refused before anything is written or run, each config with what it would leave unchecked.
    const refused = picked.flatMap(([m, c]) => { const why = distributedRefusal({ config: c }); return why ? [`${m.name}/${c.name}: ${why}`] : []; });
    if (refused.length) { io.err.write(`error: --distributed: ${refused.join('\nerror: --distributed: ')}\nnothing was written or checked.\n`); return EXIT.badInput; }
  }
  const dir = flags.generated !== undefined ? path.resolve(flags.generated) : io.generatedDir ?? path.join(io.root, 'generated');
  const beforeWrite = stoppedEarly(interrupts, io.err, 'loading the models');
  if (beforeWrite !== undefined) return beforeWrite;
  // With a model missing, replacing generated/ would delete its files: leave it as it is.
  if (failures.length) io.err.write(`${path.basename(dir)}/ was not updated: ${failures.length} model file${failures.length === 1 ? '' : 's'} failed to load; checking the others.\n`);
  else if (!(await written(dir, alone ? await withOtherModels(dir, compiled.files) : compiled.files, io.err))) return EXIT.badInput;
  writeWarnings(models, io.err);

  const backends = await resolving;
  if (backends instanceof Error) {
    io.err.write(`error: ${backends.message}\n`);
    return EXIT.checkerFailure;
  }
  // A closed stdout (`check | head`) ends the run quietly.
  const onOutError = (e: NodeJS.ErrnoException) => { if (e.code === 'EPIPE') interrupts.stop('EPIPE'); };
  io.out.on('error', onOutError);
  const out = (s: string) => { if (interrupts.reason() !== 'EPIPE') io.out.write(s); };
  try {
    // The text summary streams to stdout unless stdout carries a machine-readable report.
    const summary = flags.format === 'text' || outputs.length > 0;
    const text = new TextReporter({ color: colorFor(io.out, process.env), root: io.root });
    if (summary) out(backendLine(backends));

    const selected = picked;
    const { jobs, workers } = concurrency(flags, selected.length, scale.options.distributed !== undefined);
    if (flags.each) return await eachMatrix(selected, { backends, compiled, flags, io, interrupts, out, text, jobs, workers, memory: scale.options.memory });
    const outcomes: PipelineResult[] = [];
    // The configs being checked, in order, with their last progress; the status line shows the first.
    type Running = { name: string; checkers: readonly Checker[]; last?: Progress; detail?: string; failedAs?: string };
    const running = new Map<number, Running>();
    const line = progress(io.err);
    const redraw = () => {
      if (!line.live) return;
      const [first, ...more] = [...running.values()];
      if (!first) return line.clear();
      line.show(`checking ${first.name} with ${first.checkers.map((x) => x.name).join(' + ')}…${first.detail ? ` ${first.detail}` : ''}${more.length ? ` (and ${more.map((r) => r.name).join(', ')})` : ''}`);
    };
    // Configs cut short by an interrupt, by index: not reported (one that ended before it still is).
    const stoppedDuring = new Map<number, Running>();
    /** The configs whose check failed, as they stood: stopped ones if the run was interrupted. */
    const failedChecks = new Map<number, Running>();
    // A config whose check throws stops the others (their results would be thrown away).
    const failed = new AbortController();
    const signal = AbortSignal.any([interrupts.signal, failed.signal]);
    const checkOne = async (i: number, lane: number): Promise<PipelineResult> => {
      const [m, c] = selected[i]!;
      const artifacts = compiled.artifacts.get(m)!;
      const state: Running = { name: `${m.name}/${c.name}`, checkers: checkersFor(backends, jobFor(artifacts, m.module, c)) };
      running.set(i, state);
      redraw();
      try {
        const o = await runPipeline(m, c.name, {
          checkers: state.checkers, artifacts, signal,
          // A distributed run's --workers are each local worker's threads (scale.options), not TLC's.
          ...(scale.options.distributed ? {} : { workers }), timeoutMs: flags.timeout * 1000,
          ...scale.options,
          // Several at once: all but the first lane off this thread (the compiled verifier's search in a thread of its own), each JVM a share of the heap.
          ...(jobs > 1 ? { thread: lane > 0, memory: scale.options.memory ?? Math.floor(defaultTlcHeap() / jobs) } : {}),
          ...(flags.covers === false ? { covers: false } : flags.ownCovers ? { covers: 'own' as const } : {}),
          ...(flags.coverage ? { coverage: true } : {}),
          ...(flags.por ? { por: true } : {}),
          ...(scale.options.distributed ? { distributed: { ...scale.options.distributed, onWorkerCommand: (host: string, cmd: string) => { line.clear(); io.err.write(`waiting for a TLC worker on ${host}; start it there (with this tla2tools.jar in its directory):\n  ${cmd}\n`); } } } : {}),
          onProgress: (p: Progress) => { state.last = p.distinct !== undefined || p.traces !== undefined ? p : state.last; state.detail = progressText(p); redraw(); },
        });
        if (interrupts.reason() !== undefined) stoppedDuring.set(i, state);
        return o;
      } catch (e) {
        // Interrupted, a check may fail instead of stopping (a check thread still loading the
        // verifier through tsx, whose esbuild service the same Ctrl-C ended): it was stopped,
        // and the interrupted line says how it ended. The Ctrl-C's handler may run just after
        // the failure it caused is seen: inOrder judges it a turn later, and so does this, below.
        failedChecks.set(i, { ...state, failedAs: String(e instanceof Error ? e.message : e).split('\n')[0] });
        throw e;
      } finally {
        running.delete(i);
        redraw();
      }
    };
    await inOrder(selected.length, jobs, checkOne, (o, i) => {
      if (stoppedDuring.has(i) || interrupts.reason() === 'EPIPE') return;
      outcomes.push(o);
      // Other configs may still be running: their status line goes, the report is printed, the line comes back.
      line.clear();
      if (summary) out(text.config(o.report));
      redraw();
    }, () => interrupts.signal.aborted, () => failed.abort());
    if (interrupts.reason() !== undefined) for (const [i, f] of failedChecks) stoppedDuring.set(i, f);
    line.clear();
    const why = interrupts.reason();
    if (why !== undefined && stoppedDuring.size) {
      const stopped = [...stoppedDuring.values()];
      // Each one stopped: how far it got, and how it ended when it failed as it stopped.
      const reached = stopped.map((s) => `${stopped.length > 1 ? `${s.name} ` : 'it '}${s.last ? `had reached ${progressText(s.last)}` : 'had not reported progress yet'}${s.failedAs ? ` (it failed as it stopped: ${s.failedAs})` : ''}`);
      const finished = outcomes.length ? ` (${outcomes.map((o) => `${o.report.module}/${o.report.config}`).join(', ')}, reported above)` : '';
      if (why !== 'EPIPE') io.err.write(`interrupted (${why}) while checking ${stopped.map((s) => s.name).join(' and ')}: ${outcomes.length} of ${selected.length} configs checked${finished}; ${reached.join('; ')}; checkers stopped, temp files removed.\n`);
      return exitStatusOf(why);
    }
    // Stopped between two configs: not everything was checked.
    if (interrupts.reason() !== undefined && outcomes.length < selected.length) return exitStatusOf(interrupts.reason()!);
    const report = { configs: outcomes.map((o) => o.report) };
    if (summary && flags.coverage) out(coverageText(outcomes));
    if (summary) out(text.summary(report));
    const renderOptions = { root: io.root, ...githubLinkBase(process.env) };
    for (const o of outputs) {
      try {
        await writeFile(path.resolve(o.file), render(o.format, report, renderOptions));
      } catch (e) {
        io.err.write(`error: cannot write the report to ${o.file} (--output): ${e instanceof Error ? e.message : String(e)}\n`);
        return EXIT.badInput;
      }
    }
    if (outputs.length === 0 && flags.format !== 'text') out(render(flags.format, report, renderOptions));
    const status = verdictStatus(outcomes);
    return failures.length && status === EXIT.ok ? EXIT.badInput : status;
  } finally {
    io.out.off('error', onOutError);
  }
}

/** `--coverage`: per model, how many of its steps the checked configs took, and each one none took. */
export function coverageText(outcomes: readonly PipelineResult[]): string {
  const lines: string[] = [];
  for (const model of [...new Set(outcomes.map((o) => o.model))]) {
    const mine = outcomes.filter((o) => o.model === model);
    const steps = stepCoverage(model.module, mine.flatMap((o) => o.results), mine[0]!.artifacts.sourceMap);
    const configs = `${mine.length} config${mine.length === 1 ? '' : 's'}`;
    if (!steps) { lines.push(`step coverage of ${model.name}: not counted (${[...new Set(mine.flatMap((o) => o.results.map((r) => r.backend)))].join(', ')} did not count steps; compiled and tlc do)`); continue; }
    const never = steps.filter((s) => s.generated === 0);
    const cut = mine.filter((o) => o.results.some((r) => r.verdict.kind !== 'passed')).length;
    const partial = cut ? ` (${cut} stopped early, at what they found: their counts cover only the states explored before)` : '';
    lines.push(`step coverage of ${model.name}: ${steps.length - never.length} of ${steps.length} steps taken in the ${configs} checked${partial}`);
    for (const s of never) lines.push(`  never taken: ${stepText(s)}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * The models to check. A saved file that is one of the model files and declares models is
 * imported alone (watch's fast path: the others are not imported again, and `alone` tells the
 * writer to keep their generated files); otherwise every model file.
 */
async function loadFor(entries: readonly string[], changed: string | undefined): Promise<Loaded & { alone: boolean }> {
  const file = changed === undefined ? undefined : path.resolve(changed);
  if (file !== undefined && entries.some((e) => path.resolve(e) === file)) {
    const one = await loadModelFiles([file]);
    const declared = one.models.filter((m) => fileOf(m) === file);
    if (one.failures.length || declared.length) return { models: declared, failures: one.failures, alone: true };
  }
  return { ...(await loadModelFiles(entries)), alone: false };
}

/** The first line `input` gives (without its newline), or undefined at its end or on an interrupt. */
function firstLine(input: NodeJS.ReadableStream, signal: AbortSignal): Promise<string | undefined> {
  return new Promise((resolve) => {
    let text = '';
    const done = (line: string | undefined) => {
      input.off('data', onData).off('end', onEnd);
      signal.removeEventListener('abort', onEnd);
      (input as Partial<Readable>).destroy?.();
      resolve(line);
    };
    const onData = (d: Buffer | string) => {
      text += d.toString();
      const i = text.indexOf('\n');
      if (i >= 0) done(text.slice(0, i));
    };
    const onEnd = () => done(undefined);
    input.on('data', onData).on('end', onEnd);
    signal.addEventListener('abort', onEnd);
  });
}

type Selected = readonly (readonly [Model, Model['module']['configs'][number]])[];

/**
 * `--each`: every property of every selected config alone; the text report of each violation,
 * then the verdict matrix (Markdown) on stdout. Exit 0 when every cell was decided (held or
 * violated: the matrix is the finding), 3 when a checker could not decide one.
 */
async function eachMatrix(selected: Selected, c: {
  backends: Resolved; compiled: ReturnType<typeof compileAll>; flags: Flags; io: CheckCliIo; interrupts: Interrupts;
  out: (s: string) => void; text: TextReporter; jobs: number; workers: number | 'auto'; memory: number | undefined;
}): Promise<number> {
  const rows: MatrixRow[] = [];
  const names: string[] = [];
  let undecided = 0;
  const line = progress(c.io.err);
  const running = new Set<string>();
  const redraw = () => (running.size ? line.show(`checking each property of ${[...running].join(', ')}…`) : line.clear());
  const failed = new AbortController();
  const signal = AbortSignal.any([c.interrupts.signal, failed.signal]);
  await inOrder(selected.length, c.jobs, async (i, lane) => {
    const [m, config] = selected[i]!;
    const name = `${m.name}/${config.name}`;
    running.add(name);
    redraw();
    try {
      return await checkEach(m, config.name, {
        resolved: c.backends, artifacts: c.compiled.artifacts.get(m)!, signal,
        workers: c.workers, timeoutMs: c.flags.timeout * 1000,
        // As check's own lanes: all but the first off this thread, each JVM a share of the heap.
        ...(c.jobs > 1 ? { thread: lane > 0, memory: c.memory ?? Math.floor(defaultTlcHeap() / c.jobs) } : {}),
      });
    } finally {
      running.delete(name);
      redraw();
    }
  }, (e) => {
    if (c.interrupts.reason() !== undefined) return;
    line.clear();
    for (const cell of e.cells) {
      if (!names.includes(cell.name)) names.push(cell.name);
      const k = cell.result.verdict.kind;
      if (k === 'crashed' || k === 'timeout') undecided++;
      if (k !== 'passed') c.out(c.text.config(cell.report));
    }
    rows.push({ label: `${e.model.name}/${e.config.name}`, cells: new Map(e.cells.map((x) => [x.name, x.result])) });
    redraw();
  }, () => c.interrupts.signal.aborted, () => failed.abort());
  const why = c.interrupts.reason();
  if (why !== undefined) return exitStatusOf(why);
  c.out(`\n${matrixMarkdown(rows, names, 'config')}`);
  return undecided ? EXIT.checkerFailure : EXIT.ok;
}

/**
 * The configs to check, in command-line order: `MODEL` is each of its configs, `MODEL/CONFIG`
 * one; none named is every config of every model (of the models declared in `changed`, if any).
 * A string is what is wrong with the names.
 */
function select(models: readonly Model[], names: readonly string[], changed: string | undefined): Selected | string {
  const all = (ms: readonly Model[]): Selected => ms.flatMap((m) => m.module.configs.map((c) => [m, c] as const));
  if (names.length === 0) {
    if (changed === undefined) return all(models);
    const touched = models.filter((m) => fileOf(m) === path.resolve(changed));
    return all(touched.length ? touched : models);
  }
  const out: [Model, Model['module']['configs'][number]][] = [];
  for (const n of names) {
    const [modelName, configName, ...rest] = n.split('/');
    const m = models.find((x) => x.name === modelName);
    if (!m || rest.length) return `unknown model ${modelName} (models: ${models.map((x) => x.name).join(', ')})`;
    const configs = configName === undefined ? m.module.configs : m.module.configs.filter((c) => c.name === configName);
    if (!configs.length) return `unknown config ${n} (configs of ${m.name}: ${m.module.configs.map((c) => c.name).join(', ')})`;
    for (const c of configs) if (!out.some(([om, oc]) => om === m && oc === c)) out.push([m, c]);
  }
  return out;
}

/** NO_COLOR turns colour off, FORCE_COLOR (not 0) on; otherwise colour on a terminal. */
function colorFor(out: NodeJS.WritableStream, env: NodeJS.ProcessEnv): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return isTty(out) && pc.isColorSupported;
}

/** 0 every config as expected; 1 a violation or a missing expected one; 3 a checker could not decide. */
function verdictStatus(outcomes: readonly PipelineResult[]): number {
  const failed = outcomes.filter((o) => !o.asExpected);
  if (failed.some((o) => o.disagreement || o.results.some((r) => ['crashed', 'timeout', 'parseError', 'configError'].includes(r.verdict.kind)))) return EXIT.checkerFailure;
  return failed.length ? EXIT.violation : EXIT.ok;
}

function isTty(s: NodeJS.WritableStream): boolean {
  return (s as Partial<tty.WriteStream>).isTTY === true;
}

/** A status line on a terminal's stderr while configs are checked; nothing when not a TTY. */
function progress(err: NodeJS.WritableStream): { live: boolean; show: (text: string) => void; clear: () => void } {
  if (!isTty(err)) return { live: false, show: () => {}, clear: () => {} };
  return { live: true, show: (text) => err.write(`\x1b[2K\r${text}`), clear: () => err.write('\x1b[2K\r') };
}

/**
 * How many configs are checked at once (`--jobs`; `auto`: one per core when several are
 * checked, one with --distributed) and each one's `--workers`: `auto` shares the cores among
 * the jobs, so two configs on two cores search one thread each.
 */
export function concurrency(flags: { readonly jobs: number | 'auto'; readonly workers: number | 'auto' }, configs: number, distributed: boolean, cores = os.availableParallelism()): { jobs: number; workers: number | 'auto' } {
  const jobs = distributed ? 1 : Math.max(1, Math.min(flags.jobs === 'auto' ? cores : flags.jobs, configs));
  return { jobs, workers: jobs > 1 && flags.workers === 'auto' ? Math.max(1, Math.floor(cores / jobs)) : flags.workers };
}

/** In GitHub Actions, Markdown links point at the checked commit. */
function githubLinkBase(env: NodeJS.ProcessEnv): { linkBase?: string } {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_SHA: sha } = env;
  return server && repo && sha ? { linkBase: `${server}/${repo}/blob/${sha}/` } : {};
}

function backendLine(r: Resolved): string {
  // Each detail names its backend (`TLC 1.8.0: java -cp …`, `compiled (zswap-tla …)`).
  const detail = (c: Checker) => r.available.get(c.name)?.detail ?? c.name;
  const passedOver = r.unavailable.map((u) => ` — ${u.name} not used: ${u.reason}`).join('');
  if (r.choice !== 'auto' && r.choice !== 'embedded') return `checker: ${r.checkers.map(detail).join(' + ')}${passedOver}\n\n`;
  // `auto`/`embedded` run the first; the others check only the configs it refuses.
  const [first, ...rest] = r.checkers;
  const fallback = rest.length ? `; ${rest.map((c) => c.name).join(', then ')} where it refuses a config` : '';
  return `checker: ${detail(first!)}${fallback}${passedOver}\n\n`;
}
