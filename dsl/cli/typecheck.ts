/**
 * Type-check the model program before running it: a model with a `tsc` error (a wrong-sort
 * assignment, an enum literal that is not a value) would otherwise run and report nonsense.
 * Only the entry file and what it imports are checked, with the project's tsconfig.json, and
 * the result is kept as an incremental build (node_modules/.cache/zswap-tla/) so an unchanged
 * program re-checks in about a second.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export interface TypecheckResult {
  readonly ok: boolean;
  /** `tsc`'s diagnostics, formatted as it prints them (file:line:col - error TSnnnn: …). */
  readonly text: string;
  readonly errors: number;
}

export function typecheck(entries: readonly string[], root: string): TypecheckResult {
  const configPath = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
  const base = configPath
    ? ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, path.dirname(configPath)).options
    : { strict: true, module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, skipLibCheck: true };
  const cache = path.join(root, 'node_modules', '.cache', 'zswap-tla');
  mkdirSync(cache, { recursive: true });
  const options: ts.CompilerOptions = { ...base, noEmit: true, incremental: true, tsBuildInfoFile: path.join(cache, 'models.tsbuildinfo') };
  const program = ts.createIncrementalProgram({ rootNames: [...entries], options, host: ts.createIncrementalCompilerHost(options) });
  const diagnostics = [...program.getConfigFileParsingDiagnostics(), ...program.getOptionsDiagnostics(), ...program.getSyntacticDiagnostics(), ...program.getGlobalDiagnostics(), ...program.getSemanticDiagnostics()];
  program.emit(); // writes the build info (nothing else: noEmit)
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  const text = ts.formatDiagnostics(errors, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => root, getNewLine: () => '\n' });
  return { ok: errors.length === 0, text, errors: errors.length };
}
