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
import { queuedGroupsOf } from '../adapters/github/merge-group.js';
import type { GroupVerdict } from '../signoff/merge-group.js';
import { withdrawnVerdict } from '../signoff/merge-group.js';

/** Writes a verdict over a standing success, with the retries of every verdict write. */
export type VerdictWriter = (check: CheckRun, verdict: GroupVerdict) => Promise<void>;

/** Withdraws this app's success of check `name` from every queued group of the pull request. */
export async function withdrawFromGroups(
  client: GitHubClient,
  pr: { number: number; baseRef: string },
  name: string,
  appId: number,
  write: VerdictWriter,
): Promise<number> {
  let withdrawn = 0;
  for (const group of await queuedGroupsOf(client, pr.baseRef, pr.number)) {
    const [run] = await listOwnCheckRuns(client, group.headSha, appId, name);
    if (run?.status !== 'completed' || run.conclusion !== 'success') continue;
    const check = new CheckRun(client, name, group.headSha, appId);
    check.adopt(run.id);
    await write(check, withdrawnVerdict(name, pr.number));
    withdrawn++;
  }
  return withdrawn;
}
