/**
 * `zswap-tla init`: scaffold a project in the working directory — the `zswap-tla` config (a
 * package.json field), npm scripts, a tsconfig.json, and a first model with a seeded bug whose
 * config expects the violation. Nothing that exists is overwritten: existing files are kept and
 * existing npm scripts of the same name are left alone (each is reported).
 *
 * The CI workflow is written only when the package ships its template
 * (`templates/workflow.yml` beside dist/), to `.github/workflows/zswap-tla.yml`.
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile, copyFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { EXIT, parseOrExit } from './exit-codes.js';
import { helpFooter } from './help.js';

export interface InitIo {
  readonly cwd: string;
  readonly out: NodeJS.WritableStream;
  readonly err: NodeJS.WritableStream;
}

/** The package's own folder (dist/cli/init.js or dsl/cli/init.ts → two levels up). */
const PACKAGE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The CI workflow (this repository's own, .github/workflows/check.yml); init writes it only when the package ships it. */
export const WORKFLOW_TEMPLATE = path.join(PACKAGE_ROOT, 'templates', 'workflow.yml');

export const INIT_SCRIPTS: Readonly<Record<string, string>> = {
  gen: 'zswap-tla gen',
  'gen:check': 'zswap-tla gen --check --no-typecheck',
  check: 'zswap-tla check',
  watch: 'zswap-tla watch',
  // The workflow's steps run these by name.
  'tlc:install': 'zswap-tla tlc install',
};

export const FIRST_MODEL = 'models/counter.ts';

const TSCONFIG = `{
  "compilerOptions": {
    "target": "ES2022",
    "module": "NodeNext",
    "moduleResolution": "NodeNext",
    "strict": true,
    "skipLibCheck": true,
    "noEmit": true
  },
  "include": ["models"]
}
`;

export const MODEL_SOURCE = `/**
 * Two tasks increment a shared counter: read it into a local, then write local + 1 back.
 * \`locked\` takes a lock around the read and the write; \`racy\` lets a task skip the lock —
 * the seeded bug — and the checker finds the lost update, which that config expects.
 */
import { eq, fn, forall, implies, model, plus, set, setOf, t, union, update, when, either } from 'zswap-tla';

export default model('Counter', (m) => {
  const TASKS = m.modelValues('TASKS');
  const NoTask = m.modelValue('NoTask', TASKS);
  const Racy = m.intConstant('RACY');

  const owner = m.variable('owner', t.member(union(TASKS, setOf(NoTask))), NoTask);
  const counter = m.variable('counter', t.int(0, 2), 0);
  const phase = m.variable('phase', t.fn(TASKS, t.enum('idle', 'read', 'wrote')), fn(TASKS, () => 'idle', t.enum('idle', 'read', 'wrote')));
  const local = m.variable('local', t.fn(TASKS, t.int(0, 2)), fn(TASKS, () => 0, t.int(0, 2)));

  m.action('Read', { self: TASKS }, ({ self }) => [
    when(phase.at(self).eq('idle')),
    either(
      [when(owner.eq(NoTask)), set(owner, self)],
      [when(eq(Racy, 1))],
    ),
    update(phase, (p) => p.at(self).to('read')),
    update(local, (p) => p.at(self).to(counter)),
  ], { fairness: 'weak' });

  m.action('Write', { self: TASKS }, ({ self }) => [
    when(phase.at(self).eq('read')),
    set(counter, plus(local.at(self), 1)),
    update(phase, (p) => p.at(self).to('wrote')),
    set(owner, NoTask),
  ], { fairness: 'weak' });

  m.invariant('NoLostUpdate', implies(forall(TASKS, (task) => phase.at(task).eq('wrote')), eq(counter, 2)),
    'both tasks done means both increments landed');

  m.config('locked', {
    constants: { TASKS: ['t1', 't2'], NoTask: { modelValue: true }, RACY: 0 },
    checkDeadlock: false,
  });
  m.config('racy', {
    constants: { TASKS: ['t1', 't2'], NoTask: { modelValue: true }, RACY: 1 },
    checkDeadlock: false,
    expect: { violates: 'NoLostUpdate' },
    doc: 'seeded bug: a task may skip the lock',
  });
});
`;

export async function runInit(argv: readonly string[], io: InitIo): Promise<number> {
  const program = new Command('init')
    .description(`Scaffold a zswap-tla project in the working directory: the config (a "zswap-tla" field in package.json), npm scripts (${Object.keys(INIT_SCRIPTS).join(', ')}), tsconfig.json, and ${FIRST_MODEL} with a seeded bug its config expects. Existing files and scripts are kept.`)
    .addHelpText('after', helpFooter([0, 2], [], { 0: 'scaffolded (existing files and scripts kept)', 2: 'a wrong argument, or a package.json that is not JSON' }))
;
  const parsed = parseOrExit(program, argv, io);
  if (parsed !== undefined) return parsed;
  const say = (s: string) => io.out.write(`${s}\n`);
  const pkgPath = path.join(io.cwd, 'package.json');
  let pkg: Record<string, unknown>;
  try {
    pkg = existsSync(pkgPath) ? JSON.parse(await readFile(pkgPath, 'utf8')) as Record<string, unknown> : { name: path.basename(io.cwd), private: true, type: 'module' };
  } catch (e) {
    io.err.write(`error: ${pkgPath}: ${(e as Error).message}\n`);
    return EXIT.badInput;
  }
  const scripts = { ...(pkg.scripts as Record<string, string> | undefined) };
  for (const [name, cmd] of Object.entries(INIT_SCRIPTS)) {
    if (scripts[name] === undefined) scripts[name] = cmd;
    else if (scripts[name] !== cmd) say(`kept   npm script "${name}" (${scripts[name]}); zswap-tla's would be: ${cmd}`);
  }
  pkg.scripts = scripts;
  if (pkg['zswap-tla'] === undefined && !existsSync(path.join(io.cwd, 'zswap-tla.config.json'))) pkg['zswap-tla'] = { models: 'models/**/*.ts', generated: 'generated' };
  if (pkg.type !== 'module') say('note   package.json has no "type": "module": model files are ES modules, so add it (or name them .mts)');
  await writeFile(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  say(`wrote  package.json (config and npm scripts)`);

  const files: [string, () => Promise<void>][] = [
    ['tsconfig.json', () => writeFile(path.join(io.cwd, 'tsconfig.json'), TSCONFIG)],
    [FIRST_MODEL, async () => { await mkdir(path.join(io.cwd, 'models'), { recursive: true }); await writeFile(path.join(io.cwd, FIRST_MODEL), MODEL_SOURCE); }],
  ];
  if (existsSync(WORKFLOW_TEMPLATE)) {
    files.push(['.github/workflows/zswap-tla.yml', async () => {
      await mkdir(path.join(io.cwd, '.github', 'workflows'), { recursive: true });
      await copyFile(WORKFLOW_TEMPLATE, path.join(io.cwd, '.github', 'workflows', 'zswap-tla.yml'));
    }]);
  }
  for (const [rel, write] of files) {
    if (existsSync(path.join(io.cwd, rel))) { say(`kept   ${rel} (exists)`); continue; }
    await write();
    say(`wrote  ${rel}`);
  }
  say(`\nnext: npm install --save-dev zswap-tla (if it is not installed yet), then npm run check:\n  Counter/locked passes; Counter/racy violates NoLostUpdate, as its config expects.`);
  return EXIT.ok;
}
