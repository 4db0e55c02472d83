/** SANY and TLC runs and process listing for the emit and checker suites. */
import { readdirSync, readFileSync } from 'node:fs';
import type { CheckJob } from '../../dsl/check/checker.js';
import type { CheckResult } from '../../dsl/check/result.js';
import { runJarTool, tlcChecker, type TlcLookup } from '../../dsl/check/tlc.js';

/** `java -cp JAR tla2sany.SANY -error-codes File.tla…` in `cwd` (SANY may write next to the files). */
export async function sany(tlc: Extract<TlcLookup, { found: true }>, cwd: string, files: string | readonly string[]): Promise<{ exitCode: number; output: string }> {
  return runJarTool(tlc, 'tla2sany.SANY', ['-error-codes', ...(typeof files === 'string' ? [files] : files)], { cwd, jvmArgs: ['-XX:TieredStopAtLevel=1'] });
}

/** Running processes whose command line contains `needle` (from /proc), with their parent pid. */
export function processesMatching(needle: string): { pid: number; ppid: number; cmd: string }[] {
  const out: { pid: number; ppid: number; cmd: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let cmd: string;
    try { cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').join(' ').trim(); } catch { continue; }
    if (!cmd) continue; // zombie or kernel thread
    if (!cmd.includes(needle)) continue;
    let ppid = -1;
    try { ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').replace(/^.*\)\s+/s, '').split(' ')[1]); } catch { /* gone */ }
    out.push({ pid: Number(entry), ppid, cmd });
  }
  return out;
}

/** Skip reason for suites that need TLC (printed, and part of the suite name). */
export function tlcSkipNote(tlc: TlcLookup): string {
  return tlc.found ? '' : ` [skipped: TLC not found: ${tlc.reason}]`;
}

/**
 * JVM options for TLC in tests: C1 only. A JIT setting (TLC checks the same thing): on the test
 * models, JVM start-up and compilation dominate, and this cuts TLC's CPU time by about half.
 */
export const TLC_JVM: readonly string[] = ['-XX:TieredStopAtLevel=1'];

/**
 * Whether this TLC orders two functions (or records) of one size by their whole domains first
 * (tlaplus master since tlaplus#652, which the compiled verifier follows) or domain and value pair
 * by pair (the 1.7.x releases, `tlc install`'s pinned v1.7.4: "Version 2.15"–"2.19"; a build from
 * master prints its build date instead).
 */
export function comparesDomainsFirst(tlc: Extract<TlcLookup, { found: true }>): boolean {
  return isMasterBuild(tlc);
}

/** Whether this TLC is a build of master (it prints its build date), not a 1.7.x release ("Version 2.15"–"2.19"), whose messages the compiled verifier follows. */
export function isMasterBuild(tlc: Extract<TlcLookup, { found: true }>): boolean {
  return !/^2\.1[5-9]$/.test(tlc.version ?? '');
}

/** TLC on `job` as the tests compare it with another backend: one worker (a reproducible search), {@link TLC_JVM}. */
export function tlcOn(job: CheckJob): Promise<CheckResult> {
  return tlcChecker.check(job, { workers: 1, timeoutMs: 120_000, jvmArgs: TLC_JVM });
}

/** A message as compared across checkers: TLC wraps lines where the others may not. */
export const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();
