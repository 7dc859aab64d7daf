/**
 * `diff` of GitHub's REST description 22.0.0 → 23.0.2 (`generated/api.github.com.json`, 12–13 MB
 * each) as a whole process, next to the floor (read + JSON.parse + visit every node of both, also a
 * whole process) and api-smart-diff on the same pair. Downloads go to .cache/bench (gitignored);
 * api-smart-diff is installed there, never as a project dependency.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { stringify } from 'yaml';
import {
  CACHE,
  CLI,
  interleaved,
  measureNode,
  median,
  medianUsage,
  megabytes,
  ROOT,
  seconds,
} from '../process-usage.js';
import type { Section } from './section.js';

const VERSIONS = ['22.0.0', '23.0.2'] as const;
const PEER = 'api-smart-diff@1.0.6';

export function fetchSpec(version: string): string {
  const folder = path.join(CACHE, `octokit-openapi-${version}`);
  const file = path.join(folder, 'package/generated/api.github.com.json');
  if (existsSync(file)) return file;
  mkdirSync(folder, { recursive: true });
  const tarball = path.join(CACHE, `octokit-openapi-${version}.tgz`);
  if (!existsSync(tarball))
    execFileSync('npm', ['pack', `@octokit/openapi@${version}`, '--pack-destination', CACHE, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  execFileSync('tar', ['-xzf', tarball, '-C', folder, 'package/generated/api.github.com.json']);
  return file;
}

/** The description written as YAML beside it (once): the yaml library's default style. */
function asYaml(jsonFile: string): string {
  const file = jsonFile.replace(/\.json$/, '.yaml');
  if (!existsSync(file)) writeFileSync(file, stringify(JSON.parse(readFileSync(jsonFile, 'utf8'))));
  return file;
}

function installPeer(): void {
  if (existsSync(path.join(CACHE, 'peers/node_modules/api-smart-diff/package.json'))) return;
  execFileSync(
    'npm',
    ['install', '--prefix', path.join(CACHE, 'peers'), PEER, '--no-audit', '--no-fund', '--silent'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
}

export const diffSection = (runs: number): Section => ({
  name: 'diff',
  title: `diff: GitHub REST ${VERSIONS[0]} → ${VERSIONS[1]}, whole process vs the floor (CPU, median of ${runs})`,
  async run() {
    mkdirSync(CACHE, { recursive: true });
    const [base, head] = VERSIONS.map(fetchSpec) as [string, string];
    installPeer();
    const [floorRuns, oursRuns] = interleaved(
      [
        () => measureNode([path.join(import.meta.dirname, '../floor.mjs'), base, head]),
        () => measureNode([CLI, 'diff', base, head]),
      ],
      runs,
    );
    const floor = medianUsage(floorRuns!);
    const ours = medianUsage(oursRuns!);
    const summary = oursRuns![0]!.stdout.trim().split('\n').at(-1);
    const peer = measureNode([
      '--import',
      'tsx',
      path.join(import.meta.dirname, '../peer.ts'),
      CACHE,
      base,
      head,
    ]);
    const peerResult = JSON.parse(peer.stdout.trim().split('\n').pop()!) as {
      changes: number;
      breaking: number;
    };
    const lines: [string, { cpuMs: number; wallMs: number; maxRssMb: number }, string][] = [
      ['floor: read + JSON.parse + visit every node', floor, floorRuns![0]!.stdout.trim()],
      ['blueprint-review diff', ours, summary ?? ''],
      [PEER, peer, `${peerResult.changes} diffs, ${peerResult.breaking} classified breaking`],
    ];
    for (const [label, u, note] of lines)
      console.log(
        `  ${label.padEnd(44)} ${seconds(u.cpuMs).padStart(8)} CPU ${seconds(u.wallMs).padStart(8)} wall ${(u.cpuMs / floor.cpuMs).toFixed(2).padStart(6)}× floor ${megabytes(u.maxRssMb).padStart(7)}  ${note}`,
      );
    console.log(`  where the time goes (CPU ms, median of ${runs}): ${await phaseSplit(base, head, runs)}`);
    // The same pair written as YAML: what the YAML fast path (core/fast-yaml.ts) is for.
    const yamlRuns = Array.from({ length: runs }, () =>
      measureNode([CLI, 'diff', ...[base, head].map(asYaml)]),
    );
    const yaml = medianUsage(yamlRuns);
    console.log(
      `  ${'the same pair as YAML'.padEnd(44)} ${seconds(yaml.cpuMs).padStart(8)} CPU ${seconds(yaml.wallMs).padStart(8)} wall ${(yaml.cpuMs / floor.cpuMs).toFixed(2).padStart(6)}× floor ${megabytes(yaml.maxRssMb).padStart(7)}`,
    );
    return [
      {
        what: `diff of the same pair written as YAML (yaml.stringify, 9–10 MB a side)`,
        now: `${seconds(yaml.cpuMs)} CPU, ${megabytes(yaml.maxRssMb)}`,
        before: '9.7 s CPU, 661 MB (before the YAML fast path, c20bde3)',
        target: 'near the JSON figure',
      },
      {
        what: `diff GitHub REST ${VERSIONS[0]} → ${VERSIONS[1]}, whole process vs floor`,
        now: `${(ours.cpuMs / floor.cpuMs).toFixed(2)}× (${seconds(ours.cpuMs)} vs ${seconds(floor.cpuMs)} CPU; ${megabytes(ours.maxRssMb)} vs ${megabytes(floor.maxRssMb)})`,
        before: '3.7× (1.07 s vs 0.29 s CPU)',
        target: '≤ 1.5×',
      },
    ];
  },
});

/**
 * The diff's phases (diff-phases.mjs: imports, read, parse, compare, render), each the median over
 * `runs` processes; the whole process also pays Node's start and the CLI's own modules. The engine is
 * bundled as the CLI's is (src/cli/bundle.ts), so "imports" is what the CLI pays for it, and V8 is
 * tuned as the CLI tunes it (src/cli/tiering.ts).
 */
async function phaseSplit(base: string, head: string, runs: number): Promise<string> {
  const engine = path.join(CACHE, 'diff-engine');
  rmSync(engine, { recursive: true, force: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['src/diff/index.ts', 'src/diff/load.ts', 'src/diff/render.ts', 'src/cli/tiering.ts'],
    outdir: engine,
    // Flat (index.js, …, tiering.js), whatever folders the entries come from.
    entryNames: '[name]',
    bundle: true,
    splitting: true,
    packages: 'external',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    logLevel: 'warning',
  });
  const samples: Record<string, number>[] = [];
  for (let i = 0; i < runs; i++) {
    const run = measureNode([path.join(import.meta.dirname, '../diff-phases.mjs'), engine, base, head]);
    samples.push(JSON.parse(run.stdout.trim()) as Record<string, number>);
  }
  return ['imports', 'read', 'parse', 'compare', 'render']
    .map((phase) => `${phase} ${Math.round(median(samples.map((s) => s[phase]!)))}`)
    .join(', ');
}
