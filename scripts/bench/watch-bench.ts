/**
 * Edit → result in `watch`: a one-model project (as a consumer has it: the DSL imported, the
 * model file named by the `models` glob), the watcher started with its defaults (type-check on,
 * the embedded checkers), then the model saved several times — alternately breaking and
 * restoring its invariant — each timed from the write to the line that says its check ended.
 * Each save comes after a pause, as a person's would, so the next check is ready; beside it, a
 * fresh `check MODEL` process on the same project (what each save cost before watch started the
 * next check ahead).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execa } from 'execa';
import { secs, table } from './table.js';
import { removeWithRun } from './run-scope.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CLI = path.join(ROOT, 'dsl/cli/main.ts');
/** tsx by absolute URL: the temp project has no node_modules of its own. */
const TSX = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

export interface WatchFigures {
  readonly saves: number;
  /** Each save's edit → result, in ms. */
  readonly editToResultMs: readonly number[];
  /** A fresh `check MODEL` process, same project and options, in ms. */
  readonly freshCheckMs: readonly number[];
}

const model = (bound: number) => `import { model, plus, set, t, when, lt, le } from '../../../dsl/index.js';

export default model('Counter', (m) => {
  const x = m.variable('x', t.int(0, 3), 0);
  m.action('Step', {}, () => [when(lt(x, 3)), set(x, plus(x, 1))]);
  m.invariant('Bounded', le(x, ${bound}));
  m.config('small', { checkDeadlock: false });
});
`;

export async function benchWatch(o: { readonly saves: number; readonly pauseMs: number; readonly log: (line: string) => void }): Promise<WatchFigures> {
  // Inside the repository (.tmp/), so the type-check finds its tsconfig.json as a consumer's would find theirs.
  await mkdir(path.join(ROOT, '.tmp'), { recursive: true });
  const dir = await mkdtemp(path.join(ROOT, '.tmp', 'watch-bench-'));
  removeWithRun(dir);
  const file = path.join(dir, 'models', 'counter.ts');
  const child = { current: undefined as ReturnType<typeof execa> | undefined };
  try {
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'watch-bench', private: true, type: 'module', 'zswap-tla': { models: 'models/**/*.ts' } }));
    await writeFile(file, model(3));
    const fresh: number[] = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      await execa(process.execPath, ['--import', TSX, CLI, 'check', 'Counter', '--backend', 'embedded'], { cwd: dir, reject: false });
      fresh.push(performance.now() - t0);
    }
    const w = execa(process.execPath, ['--import', TSX, CLI, 'watch'], { cwd: dir, reject: false, all: true, stdin: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
    child.current = w;
    let out = '';
    w.all?.on('data', (b: Buffer) => { out += b.toString(); });
    const ended = () => (out.match(/check exited with/g) ?? []).length;
    const until = async (n: number, ms: number) => {
      const t0 = performance.now();
      while (ended() < n) {
        if (performance.now() - t0 > ms) throw new Error(`watch gave no result in ${ms / 1000}s:\n${out}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    };
    await until(1, 120_000);
    const times: number[] = [];
    for (let i = 1; i <= o.saves; i++) {
      await new Promise((r) => setTimeout(r, o.pauseMs));
      const t0 = performance.now();
      await writeFile(file, model(i % 2 === 1 ? 2 : 3));
      await until(i + 1, 60_000);
      times.push(performance.now() - t0);
      const last = out.split('[watch] checking').at(-1) ?? '';
      const expected = i % 2 === 1 ? /exited with 1/ : /exited with 0/;
      if (!expected.test(last)) throw new Error(`save ${i}: unexpected result:\n${last}`);
      o.log(`  save ${i}: ${secs(times.at(-1)!)}s (${i % 2 === 1 ? 'violation' : 'pass'})`);
    }
    return { saves: o.saves, editToResultMs: times.map(Math.round), freshCheckMs: fresh.map(Math.round) };
  } finally {
    child.current?.kill('SIGTERM');
    await child.current?.catch(() => {});
    await rm(dir, { recursive: true, force: true });
  }
}

const stats = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return [secs(s[0]!), secs(s[Math.floor(s.length / 2)]!), secs(s.at(-1)!)];
};

export function watchTable(f: WatchFigures): string {
  return table(['what', 'runs', 'min s', 'median s', 'max s'], [
    ['watch: save → result', String(f.editToResultMs.length), ...stats(f.editToResultMs)],
    ['a fresh `check MODEL` process', String(f.freshCheckMs.length), ...stats(f.freshCheckMs)],
  ]);
}
