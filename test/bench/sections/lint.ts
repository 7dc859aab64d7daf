/**
 * `blueprint-review lint` of generated blueprints (generate-blueprint.ts) with 10, 200 and 1,000
 * contracts, as whole processes: CPU seconds, CPU per contract and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { generateBlueprint, writeBlueprint } from '../generate-blueprint.js';
import { cachedFolder } from '../cache.js';
import { measureNode, medianUsage, megabytes, ROOT, seconds } from '../process-usage.js';
import type { Section } from './section.js';

/** A generated blueprint in its own git repository under .cache/bench. */
export function generatedRepository(contracts: number): string {
  return cachedFolder(`blueprint-${contracts}`, String(contracts), import.meta.filename, (dir) => {
    writeBlueprint(dir, generateBlueprint({ contracts }));
    execFileSync('git', ['init', '-q', dir]);
  });
}

export const lintSection = (sizes: readonly number[], runsFor: (size: number) => number): Section => ({
  name: 'lint',
  title: `lint: generated blueprints of ${sizes.join(', ')} contracts, whole process`,
  async run() {
    const rows = [];
    for (const size of sizes) {
      const repo = generatedRepository(size);
      const runs = Array.from({ length: runsFor(size) }, () =>
        measureNode([path.join(ROOT, 'build/src/cli/main.js'), 'lint', repo, '--format', 'json']),
      );
      const findings = (JSON.parse(runs[0]!.stdout) as { summary: { total: number } }).summary.total;
      const u = medianUsage(runs);
      console.log(
        `  ${String(size).padStart(5)} contracts  ${seconds(u.cpuMs).padStart(9)} CPU ${seconds(u.wallMs).padStart(9)} wall  ${(u.cpuMs / size).toFixed(1).padStart(7)} ms/contract  ${megabytes(u.maxRssMb).padStart(7)}  ${findings} findings (median of ${runs.length})`,
      );
      rows.push({
        what: `lint, ${size} contracts`,
        now: `${seconds(u.cpuMs)} CPU, ${(u.cpuMs / size).toFixed(1)} ms/contract, ${megabytes(u.maxRssMb)}`,
        target: size >= 1000 ? '≤ 20 s, ≤ 400 MB; ≤ 10 ms/contract' : '≤ 10 ms/contract amortised',
      });
    }
    return rows;
  },
});
