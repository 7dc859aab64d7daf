/**
 * `blueprint-review lint` of generated blueprints (generate-blueprint.ts) with 10, 200 and 1,000
 * contracts, as whole processes: CPU seconds, CPU per contract and peak RSS.
 */
import { execFileSync } from 'node:child_process';
import { generateBlueprint, writeBlueprint } from '../generate-blueprint.js';
import { cachedFolder } from '../cache.js';
import { CLI, measureNode, medianUsage, megabytes, seconds } from '../process-usage.js';
import type { Row, Section } from './section.js';

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
    const rows: Row[] = [];
    const cpu: { size: number; cpuMs: number }[] = [];
    for (const size of sizes) {
      const repo = generatedRepository(size);
      const runs = Array.from({ length: runsFor(size) }, () =>
        measureNode([CLI, 'lint', repo, '--format', 'json']),
      );
      const findings = (JSON.parse(runs[0]!.stdout) as { summary: { total: number } }).summary.total;
      const u = medianUsage(runs);
      console.log(
        `  ${String(size).padStart(5)} contracts  ${seconds(u.cpuMs).padStart(9)} CPU ${seconds(u.wallMs).padStart(9)} wall  ${(u.cpuMs / size).toFixed(1).padStart(7)} ms/contract  ${megabytes(u.maxRssMb).padStart(7)}  ${findings} findings (median of ${runs.length})`,
      );
      cpu.push({ size, cpuMs: u.cpuMs });
      rows.push({
        what: `lint, ${size} contracts`,
        before: size >= 1000 ? '138–177 s CPU, 1.16 GB peak' : '≈ 140 ms/contract',
        target: size >= 1000 ? '≤ 20 s, ≤ 400 MB' : '—',
        now: `${seconds(u.cpuMs)} CPU, ${(u.cpuMs / size).toFixed(1)} ms/contract, ${megabytes(u.maxRssMb)}`,
      });
    }
    // Amortised: what one more contract costs between the two largest sizes, the process's fixed
    // start (validators compiled once, modules loaded) left out.
    const [smaller, larger] = [...cpu].sort((a, b) => a.size - b.size).slice(-2);
    if (smaller && larger && larger.size > smaller.size) {
      const perContract = (larger.cpuMs - smaller.cpuMs) / (larger.size - smaller.size);
      console.log(`  one more contract (${smaller.size} → ${larger.size}): ${perContract.toFixed(1)} ms CPU`);
      rows.push({
        what: `lint, per contract amortised (${smaller.size} → ${larger.size})`,
        before: '140 ms CPU',
        target: '≤ 10 ms',
        now: `${perContract.toFixed(1)} ms CPU`,
      });
    }
    return rows;
  },
});
