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
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface TypecheckResult {
  readonly ok: boolean;
  /** `tsc`'s diagnostics, formatted as it prints them (file:line:col - error TSnnnn: …). */
  readonly text: string;
  readonly errors: number;
  /** True when the program was not checked again: it passed, and none of its files has changed since. */
  readonly upToDate?: boolean;
}

/**
 * A type-checker that stays warm: each `check` reuses the previous program, so only the files
 * whose text changed are parsed again and only the files they affect are checked again (what
 * `watch` relies on to answer a save quickly; see dsl/cli/watch.ts).
 */
export class Typechecker {
  private readonly options: ts.CompilerOptions;
  private readonly host: ts.CompilerHost;
  private last: ts.EmitAndSemanticDiagnosticsBuilderProgram | undefined;
  private readonly cache: string;

  constructor(private readonly root: string) {
    const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
    const base = configPath
      ? ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, path.dirname(configPath)).options
      : { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true };
    this.cache = path.join(root, 'node_modules', '.cache', 'zswap-tla');
    mkdirSync(this.cache, { recursive: true });
    this.options = { ...base, noEmit: true, incremental: true, tsBuildInfoFile: path.join(this.cache, 'models.tsbuildinfo') };
    this.host = ts.createIncrementalCompilerHost(this.options);
    // The same SourceFile for the same text, so the next program reuses it instead of parsing again.
    const parsed = new Map<string, { text: string; file: ts.SourceFile }>();
    const parse = this.host.getSourceFile.bind(this.host);
    this.host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
      const text = ts.sys.readFile(fileName);
      const hit = parsed.get(fileName);
      if (hit && text !== undefined && hit.text === text) return hit.file;
      const file = parse(fileName, languageVersion, onError, shouldCreate);
      if (file && text !== undefined) parsed.set(fileName, { text, file });
      return file;
    };
  }

  check(entries: readonly string[]): TypecheckResult {
    // A warm checker (watch) re-checks only what changed anyway; a new process reads the stamp.
    const stamp = path.join(this.cache, `passed-${hashOf(JSON.stringify([ts.version, this.options, [...entries].sort()])).slice(0, 16)}.json`);
    if (!this.last && unchanged(stamp)) return { ok: true, text: '', errors: 0, upToDate: true };
    const program = ts.createEmitAndSemanticDiagnosticsBuilderProgram([...entries], this.options, this.host, this.last ?? ts.readBuilderProgram(this.options, this.host));
    this.last = program;
    const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics()];
    program.emit(); // writes the build info (nothing else: noEmit)
    const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
    const text = ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => this.root, getNewLine: () => '\n' });
    if (errors.length) rmSync(stamp, { force: true });
    else writeFileSync(stamp, JSON.stringify(Object.fromEntries(program.getProgram().getSourceFiles().map((f) => [f.fileName, hashOf(f.text)]))));
    return { ok: errors.length === 0, text, errors: errors.length };
  }
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Whether every file of the program stamped in `stamp` still has the text it had when the
 * program passed. A changed import changes its importer's text, so the stamp's files are
 * the whole program; a missing or unreadable stamp is a change.
 */
function unchanged(stamp: string): boolean {
  let files: Record<string, string>;
  try { files = JSON.parse(readFileSync(stamp, 'utf8')) as Record<string, string>; } catch { return false; }
  for (const [file, hash] of Object.entries(files)) {
    const text = ts.sys.readFile(file);
    if (text === undefined || hashOf(text) !== hash) return false;
  }
  return true;
}

/** One check of `entries` (incremental across processes through the build info). */
export function typecheck(entries: readonly string[], root: string): TypecheckResult {
  return new Typechecker(root).check(entries);
}
