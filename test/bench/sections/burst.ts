/**
 * The app under a burst of webhooks (issue 14's row): test/bench/burst.ts runs it and reports its own
 * table; this section prints that table. BENCH_BURST=off skips it (it takes minutes).
 */
import type { Section } from './section.js';

export const burstSection = (): Section => ({
  name: 'burst',
  title: 'burst: 300 deliveries over 20 pull requests, 1 and 2 replicas (test/bench/burst.ts)',
  async run() {
    if (process.env.BENCH_BURST === 'off') {
      console.log('  skipped (BENCH_BURST=off)');
      return [];
    }
    const { burstRows } = await import('../burst.js');
    for (const line of await burstRows()) console.log(`  ${line}`);
    return [
      {
        what: 'app: burst of 300 deliveries over 20 PRs',
        before: 'delivery → completed check p95 59 s; `/ping` p95 820 ms, max 1.7 s',
        target: '`/ping` p95 < 50 ms, webhooks answered < 1 s (issue 14)',
        now: 'see the burst table above',
      },
    ];
  },
});
