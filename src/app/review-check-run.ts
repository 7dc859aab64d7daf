/**
 * Which check run a review writes: the app's leaves the merge groups that passed on it when it stops
 * passing (merge-group-withdraw.ts); the Action's has no merge groups, and in read-only mode (a fork's
 * token) reports a refused write and goes on without the check.
 */
import type { GitHubClient } from '../adapters/github/client.js';
import type { CheckOutput } from '../adapters/github/check-run.js';
import { CheckRun } from '../adapters/github/check-run.js';
import { PullRequestCheckRun } from './merge-group-withdraw.js';
import { explain, isRefused } from './job-errors.js';
import type { ReviewSettings, ReviewTarget } from './review-job.js';

/**
 * The check run the review writes. The app's own leaves the merge groups that passed on it when it
 * stops passing; the Action's (no app id) has no merge groups, and in read-only mode tolerates refusals.
 */
export async function reviewCheckRun(
  client: GitHubClient,
  name: string,
  target: ReviewTarget,
  settings: ReviewSettings,
): Promise<CheckRun> {
  const appId = settings.appId ? await settings.appId() : undefined;
  if (settings.onWriteRefused)
    return new TolerantCheckRun(client, name, target.headSha, settings.onWriteRefused);
  if (appId === undefined) return new CheckRun(client, name, target.headSha, appId);
  return new PullRequestCheckRun(client, name, target.headSha, appId, {
    number: target.pullNumber,
    baseRef: target.base,
    rerun: target.force,
  });
}

/** A check run whose writes, once refused, are reported to `onRefused` and skipped. */
class TolerantCheckRun extends CheckRun {
  private refused = false;

  constructor(
    client: GitHubClient,
    name: string,
    headSha: string,
    private readonly onRefused: NonNullable<ReviewSettings['onWriteRefused']>,
  ) {
    super(client, name, headSha, undefined);
  }

  override async start(summary: string): Promise<void> {
    await this.tolerate(() => super.start(summary));
  }

  override async complete(output: CheckOutput): Promise<void> {
    await this.tolerate(() => super.complete(output));
  }

  private async tolerate(write: () => Promise<void>): Promise<void> {
    if (this.refused) return;
    try {
      await write();
    } catch (error) {
      if (!isRefused(error)) throw error;
      this.refused = true;
      this.onRefused('checks: write', explain(error));
    }
  }
}
