/** What starting the CLI costs before any command runs: `--help` next to `node -e 0`. */
import { CLI, interleaved, measureNode, medianUsage, seconds } from '../process-usage.js';
import type { Section } from './section.js';

export const startupSection = (runs: number): Section => ({
  name: 'startup',
  title: `startup: blueprint-review --help vs node -e 0 (CPU, median of ${runs})`,
  async run() {
    const [bare, help] = interleaved(
      [() => measureNode(['-e', '0']), () => measureNode([CLI, '--help'])],
      runs,
    ).map(medianUsage) as [ReturnType<typeof medianUsage>, ReturnType<typeof medianUsage>];
    console.log(`  node -e 0  ${seconds(bare.cpuMs)} CPU   --help  ${seconds(help.cpuMs)} CPU`);
    return [
      {
        what: 'startup: `--help` vs `node -e 0`',
        now: `${(help.cpuMs / bare.cpuMs).toFixed(2)}× (${seconds(help.cpuMs)} vs ${seconds(bare.cpuMs)} CPU)`,
        before: '5.3×',
        target: '≤ 2×',
      },
    ];
  },
});
