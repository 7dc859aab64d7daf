/**
 * `npm run bench`: breaking-change detection on GitHub's REST description, 22.0.0 → 23.0.2
 * (`generated/api.github.com.json`, 12–13 MB each), next to the floor (read + JSON.parse + visit
 * every node of both) and api-smart-diff on the same pair. Each figure comes from a fresh process;
 * time is the median of the runs, memory the peak RSS of the process (Node itself included).
 * Downloads go to .cache/bench (gitignored); api-smart-diff is installed there, never as a
 * project dependency. A benchmark, not a test: it asserts nothing.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CACHE = path.join(ROOT, '.cache/bench');
const VERSIONS = ['22.0.0', '23.0.2'] as const;
const PEER = 'api-smart-diff@1.0.6';
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function fetchSpec(version: string): string {
  const folder = `octokit-openapi-${version}`;
  const rel = `${folder}/package/generated/api.github.com.json`;
  if (existsSync(path.join(CACHE, rel))) return rel;
  mkdirSync(path.join(CACHE, folder), { recursive: true });
  const tarball = `octokit-openapi-${version}.tgz`;
  if (!existsSync(path.join(CACHE, tarball)))
    execFileSync('npm', ['pack', `@octokit/openapi@${version}`, '--pack-destination', CACHE, '--silent'], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
  execFileSync('tar', [
    '-xzf',
    path.join(CACHE, tarball),
    '-C',
    path.join(CACHE, folder),
    'package/generated/api.github.com.json',
  ]);
  return rel;
}

function installPeer(): void {
  if (existsSync(path.join(CACHE, 'peers/node_modules/api-smart-diff/package.json'))) return;
  execFileSync(
    'npm',
    ['install', '--prefix', path.join(CACHE, 'peers'), PEER, '--no-audit', '--no-fund', '--silent'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

type Result = { mode: string; ms: number; maxRssMb: number } & Record<string, unknown>;

function measure(mode: string, base: string, head: string): Result {
  const out = execFileSync(
    process.execPath,
    ['--import', 'tsx', path.join(ROOT, 'test/bench/measure.ts'), mode, CACHE, base, head],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(out.trim().split('\n').pop()!) as Result;
}

function median(results: Result[]): Result {
  const sorted = [...results].sort((a, b) => a.ms - b.ms);
  return sorted[Math.floor(sorted.length / 2)]!;
}

const fmtMs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const fmtMb = (mb: number) => `${Math.round(mb)} MB`;

mkdirSync(CACHE, { recursive: true });
const [base, head] = VERSIONS.map(fetchSpec) as [string, string];
installPeer();
for (const f of [base, head])
  if (!readdirSync(path.dirname(path.join(CACHE, f))).includes('api.github.com.json'))
    throw new Error(`${f} was not extracted`);

console.log(
  `GitHub REST description ${VERSIONS[0]} → ${VERSIONS[1]} (${RUNS} runs each, median; peak RSS per process)\n`,
);
// Interleaved, so a change in the machine's load hits both alike.
const floorRuns: Result[] = [];
const ourRuns: Result[] = [];
for (let i = 0; i < RUNS; i++) {
  floorRuns.push(measure('floor', base, head));
  ourRuns.push(measure('ours', base, head));
}
const floor = median(floorRuns);
const ours = median(ourRuns);
const peer = measure('peer', base, head);

const rows = [
  ['floor: read + JSON.parse + visit every node', floor, `${floor.nodes} nodes`],
  [
    'blueprint-review diff',
    ours,
    `${ours.changes} changes (${ours.error} error, ${ours.warning} warning, ${ours.info} info); ${ours.findings} findings located in ${Math.round(Number(ours.locateMs))} ms`,
  ],
  [`${PEER}`, peer, `${peer.changes} diffs, ${peer.breaking} classified breaking`],
] as const;
for (const [label, r, note] of rows)
  console.log(
    `${label.padEnd(46)} ${fmtMs(r.ms).padStart(8)}  ${(r.ms / floor.ms).toFixed(2).padStart(6)}× floor  ${fmtMb(r.maxRssMb).padStart(7)}  ${note}`,
  );
console.log(`\nTarget: blueprint-review within 1.5× the floor → ${(ours.ms / floor.ms).toFixed(2)}×.`);

// The app under a burst of webhooks, 1 vs 2 replicas (test/bench/burst.ts). BENCH_BURST=off skips it.
if (process.env.BENCH_BURST !== 'off') {
  const { burstRows } = await import('./burst.js');
  console.log('');
  for (const line of await burstRows()) console.log(line);
}
