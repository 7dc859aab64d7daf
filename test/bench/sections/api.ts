/**
 * GitHub API calls per pull-request event, review and sign-off together, on a generated blueprint of
 * 294 files in which the pull request changes one contract (api-calls.ts): the first event and a
 * later push, each call listed in order.
 */
import path from 'node:path';
import type { EventCalls } from '../api-calls.js';
import { apiCallsPerEvent } from '../api-calls.js';
import { CACHE } from '../process-usage.js';
import type { Section } from './section.js';

/** 282 contracts + 6 include files + blueprint.yaml + 2 policies + 2 ADRs + the config = 294 files. */
const CONTRACTS = 282;

function show(action: string, event: EventCalls): string {
  const counts = new Map<string, number>();
  for (const call of event.calls) counts.set(call, (counts.get(call) ?? 0) + 1);
  const routes = [...counts].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n} ${r}`);
  console.log(
    `  ${action}: ${event.calls.length} calls in ${event.seconds.toFixed(1)} s — ${routes.join(', ')}`,
  );
  event.calls.forEach((call, i) => console.log(`    ${String(i + 1).padStart(3)}. ${call}`));
  for (const check of event.checks) console.log(`    ${check.line}`);
  // The conclusions go with the count: calls of a review that failed early would flatter it.
  return `${event.calls.length} (${event.checks.map((c) => `${c.name} ${c.conclusion}`).join(', ')})`;
}

export const apiSection = (): Section => ({
  name: 'api',
  title: `api: GitHub API calls per pull-request event, ${CONTRACTS} contracts (294 files), one contract changed`,
  async run() {
    const { files, first, later, codeOnly } = await apiCallsPerEvent(CONTRACTS, path.join(CACHE, 'api-repo'));
    return [
      {
        what: `app: API calls, ${files}-file blueprint, one contract changed, first event`,
        now: show('opened', first),
        before: '614',
        target: '≤ 30 + changed files (31)',
      },
      {
        what: 'app: API calls, later push (one more contract changed)',
        now: show('synchronize', later),
        before: '319',
        target: '≤ 30 + changed files (32)',
      },
      {
        what: 'app: API calls, force-push leaving no blueprint file changed',
        now: show('synchronize', codeOnly),
        // Without looking for links: the merge base's tree was not read.
        before: '22',
        target: '≤ 30',
      },
    ];
  },
});
