/**
 * Type-check the model program before running it: a model with a `tsc` error (a wrong-sort
 * assignment, an enum literal that is not a value) would otherwise run and report nonsense.
 * Only the entry files and what they import are checked, with the project's tsconfig.json, and
 * the result is kept as an incremental build (node_modules/.cache/zswap-tla/). A program that
 * passed is stamped there with a hash of each of its files: while none changes, the next process
 * skips the check (as `tsc --build` skips an up-to-date project) instead of parsing the program
 * again, which took over a second of every `check`.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type ts from 'typescript';
import { cacheDir, dropCacheFile, sha256, writeCacheFile } from './cache.js';

export interface TypecheckResult {
  readonly ok: boolean;
  /** `tsc`'s diagnostics, formatted as it prints them (file:line:col - error TSnnnn: …). */
  readonly text: string;
  readonly errors: number;
  /** True when the program was not checked again: it passed, and none of its files has changed since. */
  readonly upToDate?: boolean;
}

/** The compiler, its options from the project's tsconfig.json (`config`; none: the defaults), and the text of every config file they came from, as read. */
interface Compiler {
  readonly ts: typeof ts;
  readonly options: ts.CompilerOptions;
  readonly host: ts.CompilerHost;
  readonly config: string | null;
  readonly configTexts: ReadonlyMap<string, string>;
}

/**
 * Every file parsed in this process, by name and how it was parsed: a later program — the next
 * check of a warm checker, or another checker in the same process (`gen` then `check` through
 * the API, a test's many) — reuses the SourceFile while the file's text is the same, instead of
 * parsing it (the lib files most of all) again.
 */
const parsed = new Map<string, ts.SourceFile>();

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
    this.cache = cacheDir(root);
    mkdirSync(this.cache, { recursive: true });
  }

  private load(): Compiler {
    if (this.compiler) return this.compiler;
    const ts = createRequire(import.meta.url)('typescript') as typeof import('typescript');
    const configPath = ts.findConfigFile(this.root, ts.sys.fileExists, 'tsconfig.json');
    let base: ts.CompilerOptions = { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true };
    const configTexts = new Map<string, string>();
    if (configPath) {
      const json = ts.readJsonConfigFile(configPath, ts.sys.readFile);
      base = ts.parseJsonSourceFileConfigFileContent(json, ts.sys, path.dirname(configPath)).options;
      configTexts.set(configPath, json.text);
      for (const f of json.extendedSourceFiles ?? []) configTexts.set(f, ts.sys.readFile(f) ?? '');
    }
    const options = { ...base, noEmit: true, incremental: true, tsBuildInfoFile: path.join(this.cache, 'models.tsbuildinfo') };
    const host = ts.createIncrementalCompilerHost(options);
    const parse = host.getSourceFile.bind(host);
    // The options whole: a SourceFile is parsed and bound under them. (TypeScript's document registry
    // keys by those flagged as affecting a source file, which leaves out some that change binding:
    // isolatedModules, verbatimModuleSyntax, preserveConstEnums.)
    const settings = JSON.stringify(options);
    host.getSourceFile = (fileName, how, onError, shouldCreate) => {
      // And how this file is parsed: the language version and, under NodeNext, ES module or CommonJS (the nearest package.json).
      const key = [settings, fileName, ...(typeof how === 'object' ? [how.languageVersion, how.impliedNodeFormat] : [how])].join('\0');
      const hit = parsed.get(key);
      // A SourceFile's text is the file's as TypeScript read it.
      if (hit && hit.text === ts.sys.readFile(fileName)) return hit;
      const file = parse(fileName, how, onError, shouldCreate);
      if (file) parsed.set(key, file);
      return file;
    };
    return this.compiler = { ts, options, host, config: configPath ? path.resolve(configPath) : null, configTexts };
  }

  /**
   * Type-check `entries`. A warm checker (watch) re-checks only what changed anyway; a new one
   * first reads the stamp of the last pass of these entries (`unchanged`) and answers from it
   * when nothing it lists has changed. `fresh`: check whatever the stamp says (watch does so
   * before the save it waits for, to have the program built when the save comes).
   */
  check(entries: readonly string[], o: { fresh?: boolean } = {}): TypecheckResult {
    const stamp = path.join(this.cache, `passed-${sha256(JSON.stringify([...entries].sort())).slice(0, 16)}.json`);
    if (!this.last && !o.fresh && unchanged(stamp, this.root)) return { ok: true, text: '', errors: 0, upToDate: true };
    const { ts, options, host, config, configTexts } = this.load();
    const program = ts.createEmitAndSemanticDiagnosticsBuilderProgram([...entries], options, host, this.last ?? ts.readBuilderProgram(options, host));
    this.last = program;
    const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics()];
    program.emit(); // writes the build info (nothing else: noEmit)
    const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
    const text = ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => this.root, getNewLine: () => '\n' });
    if (errors.length) dropCacheFile(stamp);
    else writeCacheFile(stamp, JSON.stringify(stampOf(program.getProgram(), config, configTexts, options.types === undefined ? this.root : undefined)));
    return { ok: errors.length === 0, text, errors: errors.length };
  }
}

/**
 * What a passing program was checked from: the text of each of its files as it was checked, of
 * each tsconfig file as it was read, and which package.json is nearest each file, with its text
 * (its `type` decides ES module or CommonJS under NodeNext); with `typesFrom` (no `types`
 * option: every package in node_modules/@types is included), what node_modules/@types holds
 * at and above it. Hashes, not texts.
 */
interface Stamp {
  /** The tsconfig.json TypeScript found (the nearest at or above the root), or null. */
  readonly config: string | null;
  readonly files: Readonly<Record<string, string>>;
  /** Each folder of the program's files, and the package.json nearest it (null: none). */
  readonly packages: Readonly<Record<string, string | null>>;
  readonly typesDirs: Readonly<Record<string, string>>;
}

function stampOf(program: ts.Program, config: string | null, configTexts: ReadonlyMap<string, string>, typesFrom: string | undefined): Stamp {
  const sources = program.getSourceFiles();
  const files: Record<string, string> = {};
  for (const f of sources) files[f.fileName] = sha256(f.text);
  for (const [f, text] of configTexts) files[f] = sha256(text);
  const packages: Record<string, string | null> = {};
  for (const dir of new Set(sources.map((f) => path.dirname(f.fileName)))) {
    const pkg = nearest(dir, 'package.json');
    packages[dir] = pkg ?? null;
    if (pkg && !(pkg in files)) files[pkg] = sha256(readText(pkg) ?? '');
  }
  const typesDirs = typesFrom ? Object.fromEntries(ancestors(typesFrom).map((d) => { const t = path.join(d, 'node_modules', '@types'); return [t, listing(t)]; })) : {};
  return { config, files, packages, typesDirs };
}

/** A file's text as TypeScript reads it (a UTF-8 byte-order mark dropped), or undefined. */
function readText(file: string): string | undefined {
  try { return readFileSync(file, 'utf8').replace(/^\uFEFF/, ''); } catch { return undefined; }
}

/** What a folder holds, as a hash ('' when it does not exist). */
function listing(dir: string): string {
  try { return sha256(readdirSync(dir).sort().join('\n')); } catch { return ''; }
}

/**
 * Whether the program stamped in `stamp` would be checked as it was when it passed: the same
 * tsconfig.json found from `root`, and every file and @types folder the stamp lists as it was
 * then (they are the whole program and what decided how it was read). A missing or unreadable
 * stamp is a change.
 */
function unchanged(stamp: string, root: string): boolean {
  let s: Partial<Stamp> | null;
  try { s = JSON.parse(readFileSync(stamp, 'utf8')) as Partial<Stamp> | null; } catch { return false; }
  const isMap = (x: unknown) => typeof x === 'object' && x !== null;
  if (!isMap(s?.files) || !isMap(s!.packages) || !isMap(s!.typesDirs)) return false;
  const config = nearest(root, 'tsconfig.json');
  if (s!.config !== (config ? path.resolve(config) : null)) return false;
  for (const [file, hash] of Object.entries(s!.files!)) {
    const text = readText(file);
    if (text === undefined || sha256(text) !== hash) return false;
  }
  return Object.entries(s!.packages!).every(([dir, pkg]) => (nearest(dir, 'package.json') ?? null) === pkg)
    && Object.entries(s!.typesDirs!).every(([dir, hash]) => listing(dir) === hash);
}

/** `dir` and every folder above it. */
function ancestors(dir: string): string[] {
  const out = [path.resolve(dir)];
  for (let up = path.dirname(out[0]!); up !== out.at(-1); up = path.dirname(up)) out.push(up);
  return out;
}

/** The file `name` in `dir` or the nearest folder above it (TypeScript's search for tsconfig.json, Node's for package.json). */
function nearest(dir: string, name: string): string | undefined {
  return ancestors(dir).map((d) => path.join(d, name)).find((f) => existsSync(f));
}

/** One check of `entries` (incremental across processes through the build info). */
export function typecheck(entries: readonly string[], root: string): TypecheckResult {
  return new Typechecker(root).check(entries);
}
