/**
 * `npm run bench [-- section…]`: the scale figures of issue 13, one section per row of its table.
 * Sections: diff, diff-scale, startup, lint, rules, api, git, burst (default: all; BENCH_BURST=off skips the burst). A benchmark, not a test: it asserts
 * nothing. The machine may be shared: compare ratios within one run; whole-process figures are CPU
 * time (user + system), medians of BENCH_RUNS runs (default 5).
 *
 * Whole-process figures run the built CLI (`build/`), rebuilt first with `npm run build`. Generated
 * blueprints, repositories and downloads live in .cache/bench (gitignored).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { CACHE, ROOT } from './process-usage.js';
import { apiSection } from './sections/api.js';
import { burstSection } from './sections/burst.js';
import { diffSection } from './sections/diff.js';
import { diffScaleSection } from './sections/diff-scale.js';
import { gitSection } from './sections/git.js';
import { lintSection } from './sections/lint.js';
import { rulesSection } from './sections/rules.js';
import type { Row, Section } from './sections/section.js';
import { startupSection } from './sections/startup.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const LINT_SIZES = (process.env.BENCH_LINT_SIZES ?? '10,200,1000').split(',').map(Number);

const SECTIONS: Section[] = [
  diffSection(RUNS),
  diffScaleSection(RUNS),
  startupSection(RUNS),
  lintSection(LINT_SIZES, (size) => (size >= 1000 ? 1 : 3)),
  rulesSection(RUNS),
  apiSection(),
  gitSection(Math.min(RUNS, 3)),
  burstSection(),
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((w) => !SECTIONS.some((s) => s.name === w));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(', ')}; sections: ${SECTIONS.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const selected = SECTIONS.filter((s) => wanted.length === 0 || wanted.includes(s.name));

mkdirSync(CACHE, { recursive: true });
if (selected.some((s) => ['diff', 'diff-scale', 'startup', 'lint', 'git'].includes(s.name))) {
  console.log('Building the CLI (npm run build)…');
  execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
}

const rows: Row[] = [];
for (const section of selected) {
  console.log(`\n${section.title}`);
  rows.push(...(await section.run()));
}

console.log('\n| what | before (issue 13) | target | now |\n|---|---|---|---|');
for (const row of rows) console.log(`| ${row.what} | ${row.before} | ${row.target} | ${row.now} |`);
