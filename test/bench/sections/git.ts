/**
 * The CLI's `review` of big pull requests in a local git repository, as whole processes (time and
 * peak memory): one that adds 20,000 files next to a generated blueprint (and changes one contract),
 * and one that adds 50 MB files (two outside the blueprint, one inside its folder), each next to a
 * pull request that only changes the contract: O(changed blueprint files) means about the same time.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cachedFolder } from '../cache.js';
import { addResponseField, generateBlueprint, writeBlueprint } from '../generate-blueprint.js';
import { CLI, interleaved, measureNode, medianUsage, megabytes, seconds } from '../process-usage.js';
import type { Row, Section } from './section.js';

const CONTRACTS = 50;
const ADDED_FILES = Number(process.env.BENCH_ADDED_FILES ?? 20_000);
const LARGE_FILE_MB = 50;

function git(dir: string, args: string[]): string {
  return execFileSync('git', args, { cwd: dir, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).trim();
}

/** A repository with a generated blueprint on `main`, and `feature` that changes a contract and more. */
function repository(name: string, change: (dir: string) => void): string {
  return cachedFolder(name, `${ADDED_FILES} ${LARGE_FILE_MB}`, import.meta.filename, (dir) => {
    git(dir, ['init', '-q', '-b', 'main']);
    const generated = generateBlueprint({ contracts: CONTRACTS });
    writeBlueprint(dir, generated);
    const commit = (message: string) => {
      git(dir, ['add', '-A']);
      git(dir, [
        '-c',
        'user.name=Bench',
        '-c',
        'user.email=bench@example.com',
        'commit',
        '-q',
        '-m',
        message,
      ]);
    };
    commit('base');
    git(dir, ['checkout', '-q', '-b', 'feature']);
    addResponseField(path.join(dir, generated.contractFiles[0]!), 'nickname');
    change(dir);
    commit('feature');
  });
}

function manyFiles(dir: string): void {
  for (let i = 0; i < ADDED_FILES; i++) {
    const folder = path.join(dir, `vendor/package-${Math.floor(i / 100)}`);
    if (i % 100 === 0) mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, `file-${i}.js`), `export const value${i} = ${i};\n`);
  }
}

function largeFiles(dir: string): void {
  const line = '{"id": 1234567890, "name": "a record of a large data export", "status": "active"},\n';
  const text = '[\n' + line.repeat(Math.ceil((LARGE_FILE_MB * 1024 * 1024) / line.length)) + '{}]\n';
  mkdirSync(path.join(dir, 'data'), { recursive: true });
  writeFileSync(path.join(dir, 'data/export-1.json'), text);
  writeFileSync(path.join(dir, 'data/export-2.json'), text.replace('active', 'retired'));
  writeFileSync(path.join(dir, 'blueprints/org/contracts/sample-export.json'), text);
}

export const gitSection = (runs: number): Section => ({
  name: 'git',
  title: `git: \`blueprint-review review\` of big pull requests (whole process, median of ${runs})`,
  async run() {
    const cases = [
      {
        what: 'review of a PR changing one contract (the yardstick)',
        before: '—',
        dir: repository('pr-one-contract', () => {}),
      },
      {
        what: `review of a PR adding ${ADDED_FILES.toLocaleString('en')} files`,
        before: ADDED_FILES === 20_000 ? '435 s (one git process per file per side)' : '—',
        dir: repository(`pr-${ADDED_FILES}-files`, manyFiles),
      },
      {
        what: `review of a PR adding ${LARGE_FILE_MB} MB files (3)`,
        before: '—',
        dir: repository(`pr-${LARGE_FILE_MB}mb-files`, largeFiles),
      },
    ];
    const review = (dir: string) => () =>
      measureNode([CLI, 'review', '--base', 'main', '--head', 'feature', dir, '--format', 'json']);
    // Interleaved, so a change in the machine's load hits every case alike.
    const results = interleaved(
      cases.map((c) => review(c.dir)),
      runs,
    );
    const yardstick = medianUsage(results[0]!);
    const rows: Row[] = [];
    cases.forEach((c, i) => {
      const first = results[i]![0]!;
      const u = medianUsage(results[i]!);
      const verdict =
        first.status === 0 || first.status === 1
          ? (JSON.parse(first.stdout) as { conclusion?: string }).conclusion
          : `exit ${first.status}`;
      console.log(
        `  ${c.what.padEnd(52)} ${seconds(u.wallMs).padStart(9)} wall ${seconds(u.cpuMs).padStart(9)} CPU (this process) ${megabytes(u.maxRssMb).padStart(7)}  ${verdict}`,
      );
      rows.push({
        what: c.what,
        before: c.before,
        target: i === 0 ? '—' : 'O(changed blueprint files): ≈ the yardstick',
        now: `${seconds(u.wallMs)} wall (${(u.wallMs / yardstick.wallMs).toFixed(2)}× the yardstick), ${megabytes(u.maxRssMb)} peak`,
      });
    });
    return rows;
  },
});
