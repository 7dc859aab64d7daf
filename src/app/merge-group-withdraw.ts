/**
 * A success that no longer holds is withdrawn (invariant 12), from merge groups too: a group's check
 * passed on the word of the pull request's check (merge-group-job.ts), so when that check leaves
 * success — changes requested, an approval dismissed, a membership lost — the same check on the pull
 * request's groups still in the queue is replaced by a failure before the pull request's own check is
 * rewritten. If the withdrawal fails, so does the write of the pull request's verdict, and the retry,
 * which still finds the old success, withdraws again.
 */
import { CheckRun, listOwnCheckRuns } from '../adapters/github/check-run.js';
import type { GitHubClient } from '../adapters/github/client.js';
import { isBuiltOn, queuedGroups } from '../adapters/github/merge-group.js';
import type { GroupVerdict } from '../signoff/merge-group.js';
import { queuedPullNumber, withdrawnVerdict } from '../signoff/merge-group.js';

/** Writes a verdict over a standing success, with the retries of every verdict write. */
export type VerdictWriter = (check: CheckRun, verdict: GroupVerdict) => Promise<void>;

/**
 * Withdraws this app's success of check `name` from every queued group of the pull request, and from
 * every queued group built on one of them: a group holds the changes of the groups ahead of it, and its
 * success vouched for them (src/signoff/merge-group.ts) — with "Only merge non-failing pull requests"
 * off, GitHub would merge them on it alone.
 */
export async function withdrawFromGroups(
  client: GitHubClient,
  pr: { number: number; baseRef: string },
  name: string,
  appId: number,
  write: VerdictWriter,
): Promise<number> {
  const groups = await queuedGroups(client, pr.baseRef);
  const own = groups.filter((g) => queuedPullNumber(g.ref, pr.baseRef) === pr.number);
  const behind: typeof groups = [];
  for (const group of groups) {
    if (own.includes(group)) continue;
    for (const mine of own)
      if (await isBuiltOn(client, mine.headSha, group.headSha)) {
        behind.push(group);
        break;
      }
  }
  let withdrawn = 0;
  for (const [group, isBehind] of [
    ...own.map((g) => [g, false] as const),
    ...behind.map((g) => [g, true] as const),
  ]) {
    const [run] = await listOwnCheckRuns(client, group.headSha, appId, name);
    if (run?.status !== 'completed' || run.conclusion !== 'success') continue;
    const check = new CheckRun(client, name, group.headSha, appId);
    check.adopt(run.id);
    await write(check, withdrawnVerdict(name, pr.number, isBehind));
    withdrawn++;
  }
  return withdrawn;
}
