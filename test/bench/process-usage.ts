/**
 * Measuring whole processes for the bench: each run is a fresh `node` with usage-hook.mjs preloaded,
 * which reports the process's own CPU time (startup included) and peak RSS when it exits. The
 * machine is shared, so figures are compared as ratios within one run, on medians.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CACHE = path.join(ROOT, '.cache/bench');
/** The CLI as users run it: the package's `bin` (the bundle `npm run build` writes). */
export const CLI = path.join(
  ROOT,
  (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> }).bin[
    'blueprint-review'
  ]!,
);
const HOOK = path.join(import.meta.dirname, 'usage-hook.mjs');

export interface Usage {
  cpuMs: number;
  wallMs: number;
  maxRssMb: number;
  status: number | null;
  stdout: string;
}

/** Runs `node <args>` once and returns what it cost. Exit codes are reported, not judged. */
export function measureNode(
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Usage {
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-usage-'));
  const file = path.join(dir, 'usage.json');
  try {
    const start = performance.now();
    const result = spawnSync(process.execPath, ['--import', HOOK, ...args], {
      cwd: options.cwd ?? ROOT,
      env: { ...process.env, ...options.env, BENCH_USAGE_FILE: file },
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
    });
    const wallMs = performance.now() - start;
    if (result.error) throw result.error;
    let usage: { cpuMs: number; maxRssMb: number };
    try {
      usage = JSON.parse(readFileSync(file, 'utf8')) as typeof usage;
    } catch {
      throw new Error(`node ${args.join(' ')} exited without reporting its usage:\n${result.stderr}`);
    }
    return { ...usage, wallMs, status: result.status, stdout: result.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Medians of each figure over several runs of the same command. */
export function medianUsage(runs: readonly Usage[]): Omit<Usage, 'stdout' | 'status'> {
  return {
    cpuMs: median(runs.map((r) => r.cpuMs)),
    wallMs: median(runs.map((r) => r.wallMs)),
    maxRssMb: median(runs.map((r) => r.maxRssMb)),
  };
}

/** Runs the commands interleaved (so a change in the machine's load hits all alike), `runs` times each. */
export function interleaved(commands: readonly (() => Usage)[], runs: number): Usage[][] {
  const results: Usage[][] = commands.map(() => []);
  for (let i = 0; i < runs; i++) commands.forEach((command, k) => results[k]!.push(command()));
  return results;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
export const megabytes = (mb: number) => `${Math.round(mb)} MB`;
