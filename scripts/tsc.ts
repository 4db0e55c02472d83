/**
 * The tsc this repository type-checks and builds with (`npm run typecheck`, test/tsc.test.ts,
 * scripts/build.ts): TypeScript 7's native one (devDependency `typescript-go`) where its binary
 * for this platform is installed, else TypeScript 5's — the same checker, four times slower. npm
 * leaves the native package out on a platform it has none for, and under `--omit=optional`.
 * Run directly, it runs that tsc with the arguments given.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const binOf = (pkg: string) => path.join(path.dirname(require.resolve(`${pkg}/package.json`)), 'bin', 'tsc');

export function tscPath(platform: string = process.platform, arch: string = process.arch): string {
  try {
    const go = binOf('typescript-go');
    // Resolved as the native tsc's launcher resolves it: from its own package.
    createRequire(go).resolve(`@typescript/typescript-${platform}-${arch}/package.json`);
    return go;
  } catch {
    return binOf('typescript');
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const r = spawnSync(process.execPath, [tscPath(), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(r.status ?? 1);
}
