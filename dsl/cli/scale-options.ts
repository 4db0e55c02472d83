/**
 * `check`'s options for runs past one machine and past exhaustive search: simulation, distributed
 * TLC, TLC's heap, fingerprint set and checkpoints. Each value is checked as it is parsed (a bad
 * one is exit 2 naming its option), then `scaleOptions` checks how they combine.
 */
import os from 'node:os';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CheckOptions } from '../check/checker.js';
import type { BackendChoice } from '../check/checkers.js';

export interface ScaleFlags {
  simulate?: boolean;
  depth?: number;
  traces?: number;
  seed?: bigint;
  distributed?: boolean;
  distributedWorkers?: number;
  distributedHosts?: string[];
  distributedAddress?: string;
  distributedPort?: number;
  memory?: number;
  fpmem?: number;
  checkpoint?: number;
  checkpointDir?: string;
  resume?: boolean;
}

/** Local workers `--distributed` starts when it is given no number. */
export const DEFAULT_LOCAL_WORKERS = 2;
const MAX_INT = 2 ** 31 - 1;

export function addScaleOptions(program: Command): Command {
  return program
    .option('--simulate', 'random simulation instead of exhaustive search (TLC -simulate; the compiled verifier\'s random walks): finds bugs in state spaces too big to exhaust, proves nothing when it finds none; the seed is printed')
    .option('--depth <n>', 'with --simulate: the most steps in one trace (TLC -depth, default 100)', intArg('--depth', 1, MAX_INT))
    .option('--traces <k>', 'with --simulate: how many traces (default: until --timeout)', intArg('--traces', 1, Number.MAX_SAFE_INTEGER))
    .option('--seed <s>', 'with --simulate: the seed that reproduces a run (an integer, 0 ≤ s < 2^63)', seedArg)
    .option('--distributed', `distributed TLC: a TLCServer and ${DEFAULT_LOCAL_WORKERS} TLCWorker processes on this machine, on loopback only (safety only: a config with temporal properties is refused)`)
    .option('--distributed-workers <n>', `with --distributed: local TLCWorker processes (default ${DEFAULT_LOCAL_WORKERS}; 0 with --distributed-hosts), each with --workers threads (default 1)`, intArg('--distributed-workers', 0, 256))
    .option('--distributed-hosts <hosts>', 'with --distributed: also wait for a worker on each of these comma-separated hosts, printing the command to start on each', listArg('--distributed-hosts'))
    .option('--distributed-address <addr>', 'with --distributed-hosts: the address the workers reach this machine at (default: its host name)')
    .option('--distributed-port <port>', 'with --distributed: the TLCServer\'s RMI registry port (default: a free one; 10997 with --distributed-hosts)', intArg('--distributed-port', 1, 65535))
    .option('--memory <size>', 'TLC\'s heap: 4g, 512m or 50% of physical memory (default: half of it, at least 2 GiB left to the rest)', memoryArg)
    .option('--fpmem <share>', 'TLC -fpmem: the share of memory (0 < share < 1) for the set of found states (TLC\'s default 0.25)', fractionArg('--fpmem'))
    .option('--checkpoint-dir <dir>', 'keep TLC\'s state directories under DIR (one per config) so a long run can be resumed')
    .option('--checkpoint <minutes>', 'with --checkpoint-dir: minutes between TLC checkpoints (TLC\'s default 30)', intArg('--checkpoint', 1, 525_600))
    .addOption(new Option('--resume', 'with --checkpoint-dir: resume each config from its newest TLC checkpoint there (TLC -recover)'));
}

/**
 * The check options these flags ask for, or what is wrong with how they combine. `cwd` anchors a
 * relative `--checkpoint-dir`; `backend` and `workers` are the `--backend` and `--workers` given
 * (with --distributed, `--workers N` is each local worker's threads).
 */
export function scaleOptions(f: ScaleFlags, backend: BackendChoice, cwd: string, each: boolean, workers: number | 'auto'): { options: Partial<CheckOptions>; tlcOnly: boolean } | string {
  const simOnly = (['depth', 'traces', 'seed'] as const).filter((k) => f[k] !== undefined);
  if (simOnly.length && !f.simulate) return `${only(simOnly.map((k) => `--${k}`))} with --simulate`;
  const distributedOnly = ([['distributedHosts', '--distributed-hosts'], ['distributedPort', '--distributed-port'], ['distributedWorkers', '--distributed-workers'], ['distributedAddress', '--distributed-address']] as const).filter(([k]) => f[k] !== undefined);
  const distributed = f.distributed === true;
  if (distributedOnly.length && !distributed) return `${only(distributedOnly.map(([, n]) => n))} with --distributed`;
  if (f.distributedAddress !== undefined && !f.distributedHosts) return '--distributed-address only applies with --distributed-hosts';
  if (f.checkpoint !== undefined && !f.checkpointDir) return '--checkpoint needs --checkpoint-dir (where the checkpoints are kept)';
  if (f.resume && !f.checkpointDir) return '--resume needs --checkpoint-dir (where the checkpoints were kept)';
  if (f.simulate && distributed) return '--simulate and --distributed do not combine: distributed TLC does not simulate';
  if (f.simulate && f.resume) return '--simulate and --resume do not combine: TLC does not checkpoint a simulation';
  if ((f.simulate || distributed) && each) return `--each does not combine with ${f.simulate ? '--simulate' : '--distributed'}`;
  if (f.simulate && backend === 'both') return '--simulate and --backend both do not combine: random traces differ between checkers';
  const tlcOnlyFlags = [
    ...(distributed ? ['--distributed'] : []), ...(f.memory !== undefined ? ['--memory'] : []), ...(f.fpmem !== undefined ? ['--fpmem'] : []),
    ...(f.checkpointDir !== undefined ? ['--checkpoint-dir'] : []),
  ];
  if (tlcOnlyFlags.length && backend !== 'auto' && backend !== 'tlc') return `${only(tlcOnlyFlags)} to TLC, not --backend ${backend}`;
  const local = !distributed ? undefined : f.distributedWorkers ?? (f.distributedHosts ? 0 : DEFAULT_LOCAL_WORKERS);
  if (local === 0 && !f.distributedHosts?.length) return '--distributed-workers 0 needs --distributed-hosts (no worker would run)';
  return {
    tlcOnly: distributed,
    options: {
      ...(f.simulate ? { simulate: { ...(f.depth !== undefined ? { depth: f.depth } : {}), ...(f.traces !== undefined ? { traces: f.traces } : {}), ...(f.seed !== undefined ? { seed: f.seed } : {}) } } : {}),
      ...(local !== undefined ? {
        distributed: {
          localWorkers: local,
          ...(typeof workers === 'number' ? { threads: workers } : {}),
          ...(f.distributedHosts ? { hosts: f.distributedHosts } : {}),
          ...(f.distributedAddress !== undefined ? { address: f.distributedAddress } : {}),
          ...(f.distributedPort !== undefined ? { port: f.distributedPort } : {}),
        },
      } : {}),
      ...(f.memory !== undefined ? { memory: f.memory } : {}),
      ...(f.fpmem !== undefined ? { fpmem: f.fpmem } : {}),
      ...(f.checkpointDir !== undefined ? { checkpoint: { dir: path.resolve(cwd, f.checkpointDir), ...(f.checkpoint !== undefined ? { minutes: f.checkpoint } : {}), ...(f.resume ? { resume: true } : {}) } } : {}),
    },
  };
}

/** `--depth only applies`, `--depth, --seed only apply`. */
function only(names: readonly string[]): string {
  return `${names.join(', ')} only appl${names.length === 1 ? 'ies' : 'y'}`;
}

function intArg(name: string, min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer from ${min} to ${max.toLocaleString('en-US')}`);
    return n;
  };
}

function fractionArg(name: string): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^(0?\.\d+|0)$/.test(v.trim()) || !(n > 0 && n < 1)) throw new InvalidArgumentError(`${name} must be a number above 0 and below 1, e.g. 0.5`);
    return n;
  };
}

function listArg(name: string): (v: string) => string[] {
  return (v) => {
    const hosts = v.split(',').map((h) => h.trim());
    if (hosts.some((h) => !/^[A-Za-z0-9.:[\]-]+$/.test(h))) throw new InvalidArgumentError(`${name} must be comma-separated host names or addresses, e.g. node1,node2`);
    return hosts;
  };
}

function seedArg(v: string): bigint {
  if (!/^\d+$/.test(v.trim())) throw new InvalidArgumentError('--seed must be an integer from 0 to 2^63 - 1');
  const n = BigInt(v.trim());
  if (n >= 2n ** 63n) throw new InvalidArgumentError('--seed must be an integer from 0 to 2^63 - 1');
  return n;
}

/** The smallest heap TLC starts with comfortably; the largest is physical memory. */
const MIN_MEMORY = 256 * 2 ** 20;

/** `4g`, `4096m`, `512M`, `50%` (of physical memory) → bytes. */
export function memoryArg(v: string, total = os.totalmem()): number {
  const m = /^(\d+(?:\.\d+)?)\s*([gGmM%])$/.exec(v.trim());
  const bad = () => new InvalidArgumentError(`--memory must be a size like 4g, 512m or 50% (of physical memory), from 256m to the ${Math.floor(total / 2 ** 20)}m this machine has`);
  if (!m) throw bad();
  const x = Number(m[1]);
  const bytes = m[2] === '%' ? Math.floor((total * x) / 100) : Math.floor(x * (/[gG]/.test(m[2]!) ? 2 ** 30 : 2 ** 20));
  if (!(bytes >= MIN_MEMORY && bytes <= total)) throw bad();
  return bytes;
}
