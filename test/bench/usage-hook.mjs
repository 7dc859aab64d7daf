/**
 * Preloaded (`node --import`) into every process the bench measures: at exit it writes the whole
 * process's CPU time (user + system, startup included) and peak RSS to $BENCH_USAGE_FILE. Node has
 * no API for a child's resource usage, so the child reports its own.
 */
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_USAGE_FILE;
if (file) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    writeFileSync(
      file,
      JSON.stringify({
        cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
        maxRssMb: usage.maxRSS / 1024,
      }),
    );
  });
}
