/**
 * Type-check the model program before running it: a model with a `tsc` error (a wrong-sort
 * assignment, an enum literal that is not a value) would otherwise run and report nonsense.
 * Only the entry files and what they import are checked, with the project's tsconfig.json, and
 * the result is kept as an incremental build (node_modules/.cache/zswap-tla/). A program that
 * passed is stamped there with a hash of each of its files: while none changes, the next process
 * skips the check (as `tsc --build` skips an up-to-date project) instead of parsing the program
 * again, which took over a second of every `check`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ts from 'typescript';

export interface TypecheckResult {
  readonly ok: boolean;
  /** `tsc`'s diagnostics, formatted as it prints them (file:line:col - error TSnnnn: …). */
  readonly text: string;
  readonly errors: number;
  /** True when the program was not checked again: it passed, and none of its files has changed since. */
  readonly upToDate?: boolean;
}

/** The compiler, its options from the project's tsconfig.json (`config`, none: the defaults) and every file they came from. */
interface Compiler {
  readonly ts: typeof ts;
  readonly options: ts.CompilerOptions;
  readonly host: ts.CompilerHost;
  readonly config: string | null;
  readonly configFiles: readonly string[];
}

/**
 * A type-checker that stays warm: each `check` reuses the previous program, so only the files
 * whose text changed are parsed again and only the files they affect are checked again (what
 * `watch` relies on to answer a save quickly; see dsl/cli/watch.ts). TypeScript itself is loaded
 * only when a check has to run (required, not imported: an ESM import scans all of it for its
 * exports first, 0.4 s more).
 */
export class Typechecker {
  private compiler: Compiler | undefined;
  private last: ts.EmitAndSemanticDiagnosticsBuilderProgram | undefined;
  private readonly cache: string;

  constructor(private readonly root: string) {
    this.cache = path.join(root, 'node_modules', '.cache', 'zswap-tla');
    mkdirSync(this.cache, { recursive: true });
  }

  private load(): Compiler {
    if (this.compiler) return this.compiler;
    const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
    const configPath = ts.findConfigFile(this.root, ts.sys.fileExists, 'tsconfig.json');
    let base: ts.CompilerOptions = { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true };
    const configFiles: string[] = [];
    if (configPath) {
      const json = ts.readJsonConfigFile(configPath, ts.sys.readFile);
      base = ts.parseJsonSourceFileConfigFileContent(json, ts.sys, path.dirname(configPath)).options;
      configFiles.push(configPath, ...(json.extendedSourceFiles ?? []));
    }
    const options = { ...base, noEmit: true, incremental: true, tsBuildInfoFile: path.join(this.cache, 'models.tsbuildinfo') };
    const host = ts.createIncrementalCompilerHost(options);
    // The same SourceFile for the same text, so the next program reuses it instead of parsing again.
    const parsed = new Map<string, { text: string; file: ts.SourceFile }>();
    const parse = host.getSourceFile.bind(host);
    host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const text = ts.sys.readFile(fileName);
      const hit = parsed.get(fileName);
      if (hit && text !== undefined && hit.text === text) return hit.file;
      const file = parse(fileName, languageVersion, onError, shouldCreate);
      if (file && text !== undefined) parsed.set(fileName, { text, file });
      return file;
    };
    return this.compiler = { ts, options, host, config: configPath ?? null, configFiles };
  }

  check(entries: readonly string[]): TypecheckResult {
    // A warm checker (watch) re-checks only what changed anyway; a new process reads the stamp,
    // which lists the tsconfig files and TypeScript's own lib files with the program's.
    const stamp = path.join(this.cache, `passed-${hashOf(JSON.stringify([...entries].sort())).slice(0, 16)}.json`);
    if (!this.last && unchanged(stamp, this.root)) return { ok: true, text: '', errors: 0, upToDate: true };
    const { ts, options, host, config, configFiles } = this.load();
    const program = ts.createEmitAndSemanticDiagnosticsBuilderProgram([...entries], options, host, this.last ?? ts.readBuilderProgram(options, host));
    this.last = program;
    const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics()];
    program.emit(); // writes the build info (nothing else: noEmit)
    const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
    const text = ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => this.root, getNewLine: () => '\n' });
    if (errors.length) rmSync(stamp, { force: true });
    else {
      const files = [...program.getProgram().getSourceFiles().map((f) => f.fileName), ...configFiles];
      const stamped: Stamp = { config, files: Object.fromEntries(files.map((f) => [f, hashOf(readText(f) ?? '')])) };
      writeFileSync(stamp, JSON.stringify(stamped));
    }
    return { ok: errors.length === 0, text, errors: errors.length };
  }
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/** A file's text as TypeScript reads it (a UTF-8 byte-order mark dropped), or undefined. */
function readText(file: string): string | undefined {
  try { return readFileSync(file, 'utf8').replace(/^\uFEFF/, ''); } catch { return undefined; }
}

/** A program that passed: the tsconfig.json it was checked with, and a hash of each file it read. */
interface Stamp { readonly config: string | null; readonly files: Readonly<Record<string, string>> }

/**
 * Whether the program stamped in `stamp` would be checked as it was when it passed: the same
 * tsconfig.json found from `root` (TypeScript's search: the nearest one at or above), and every
 * file still with the text it had. A changed import changes its importer's text, so the stamp's
 * files are the whole program; a missing or unreadable stamp is a change.
 */
function unchanged(stamp: string, root: string): boolean {
  let s: Stamp;
  try { s = JSON.parse(readFileSync(stamp, 'utf8')) as Stamp; } catch { return false; }
  if (typeof s.files !== 'object' || s.config !== nearestConfig(root)) return false;
  for (const [file, hash] of Object.entries(s.files)) {
    const text = readText(file);
    if (text === undefined || hashOf(text) !== hash) return false;
  }
  return true;
}

function nearestConfig(dir: string): string | null {
  for (;;) {
    const file = path.join(dir, 'tsconfig.json');
    if (existsSync(file)) return file;
    const up = path.dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** One check of `entries` (incremental across processes through the build info). */
export function typecheck(entries: readonly string[], root: string): TypecheckResult {
  return new Typechecker(root).check(entries);
}
