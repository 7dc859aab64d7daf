/**
 * Where the sign-off gate keeps who pushed each head (see src/signoff/pushes.ts): in the `external_id`
 * of the app's own "Blueprint sign-off: <base>" check run on that commit. GitHub keeps it across
 * updates of the run, every replica reads it, and only this app can write its runs.
 */
import type { EntriesAt, PushEntry } from '../../signoff/pushes.js';
import { parsePushes, serializePushes, withPush } from '../../signoff/pushes.js';
import type { CheckRun } from './check-run.js';
import { listOwnCheckRuns } from './check-run.js';
import type { GitHubClient } from './client.js';
import { isTransient } from './client.js';
import { ignored, integer, object } from './shapes.js';

/** Every push recorded on a commit, from all of the app's check runs on it (any base, any run). */
export function pushEntriesAt(client: GitHubClient, appId: number): EntriesAt {
  return async (sha) => {
    try {
      const runs = await listOwnCheckRuns(client, sha, appId, undefined, 'all');
      return { kind: 'ok', value: runs.flatMap((run) => parsePushes(run.externalId)) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'error', reason, transient: isTransient(error) };
    }
  };
}

/**
 * Records `pushes` (each made the check's commit the head) on the sign-off check of that commit, in
 * one write: on the run there (a redelivery changes nothing), or on a new `queued` run that the
 * evaluation after the review then completes.
 */
export async function recordPush(
  client: GitHubClient,
  check: CheckRun,
  pushes: readonly PushEntry[],
): Promise<'recorded' | 'known'> {
  const { owner, repo } = client;
  const existing = await check.findExisting();
  let entries = parsePushes(existing?.externalId);
  let changed = false;
  for (const push of pushes) {
    const added = withPush(entries, push);
    entries = added.entries;
    changed ||= added.changed;
  }
  if (!changed) return 'known';
  const externalId = serializePushes(entries);
  if (existing) {
    await client.rest(
      `PATCH /repos/${owner}/${repo}/check-runs/${existing.id}`,
      () =>
        client.octokit.rest.checks.update({
          owner,
          repo,
          check_run_id: existing.id,
          external_id: externalId,
        }),
      ignored,
    );
    return 'recorded';
  }
  await client.rest(
    `POST /repos/${owner}/${repo}/check-runs`,
    () =>
      client.octokit.rest.checks.create({
        owner,
        repo,
        name: check.name,
        head_sha: check.headSha,
        status: 'queued',
        external_id: externalId,
        output: {
          title: 'Waiting for the review',
          summary:
            '**The sign-off is evaluated once the review of this commit has finished.** It does not pass meanwhile.\n',
        },
      }),
    object({ id: integer }),
  );
  return 'recorded';
}
