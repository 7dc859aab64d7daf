/**
 * Where the sign-off gate learns who pushed each head (see src/signoff/pushes.ts). Its own records:
 * the `external_id` of the app's "Blueprint sign-off: <base>" check run on that commit (GitHub keeps
 * it across updates of the run, every replica reads it, only this app can write its runs). And
 * GitHub's repository activity for the pull request's branch (`GET /repos/{owner}/{repo}/activity`,
 * one call per evaluation): who pushed each commit to the branch, also before the pull request was
 * opened and while the app was not listening — it fills gaps in the app's records and names pushers
 * the opener would otherwise stand in for.
 */
import type { EntriesAt, PushEntry } from '../../signoff/pushes.js';
import { parsePushes, pushEntry, serializePushes, withPush } from '../../signoff/pushes.js';
import type { CheckRun } from './check-run.js';
import { listOwnCheckRuns } from './check-run.js';
import type { GitHubClient, GitHubFailure } from './client.js';
import { GitHubError, isTransient } from './client.js';
import type { ShapeOf } from './shapes.js';
import { array, ignored, integer, nullable, object, optional, string } from './shapes.js';

/**
 * Every push known to have made a commit the head: recorded on the app's check runs on it (any base,
 * any run), and — when `branch` names the pull request's head branch in this repository — listed in
 * GitHub's activity for that branch (read once, on the first commit asked about).
 */
export function pushEntriesAt(client: GitHubClient, appId: number, branch?: string): EntriesAt {
  let activity: Promise<Map<string, PushEntry[]>> | undefined;
  return async (sha) => {
    try {
      const runs = await listOwnCheckRuns(client, sha, appId, undefined, 'all');
      const recorded = runs.flatMap((run) => parsePushes(run.externalId));
      if (branch === undefined) return { kind: 'ok', value: recorded };
      const listed = (await (activity ??= branchPushes(client, branch))).get(sha) ?? [];
      return { kind: 'ok', value: [...recorded, ...listed] };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { kind: 'error', reason, transient: isTransient(error) };
    }
  };
}

/** GitHub's repository activity, as far as it is read here (checked before use: shapes.ts). */
const ACTIVITY = array(
  object({
    before: string,
    after: string,
    activity_type: string,
    actor: optional(nullable(object({ login: string }))),
  }),
);
/** Activities that move a branch to a commit someone sent (merges made by GitHub are not pushes). */
const PUSHING: ReadonlySet<string> = new Set(['push', 'force_push', 'branch_creation']);
const NO_COMMIT = /^0{40}$/;
const ABSENT: ReadonlySet<GitHubFailure['kind']> = new Set(['not-found', 'permission-denied']);
/** The most recent activities of the branch read (one page): older pushes stay unknown. */
const ACTIVITIES = 100;

/**
 * Who pushed each commit that became the head of `branch`, by that commit, from GitHub's repository
 * activity. A branch created at a commit has no previous head (`before: null`). An activity by a
 * deleted account names nobody and is left out.
 */
export async function branchPushes(client: GitHubClient, branch: string): Promise<Map<string, PushEntry[]>> {
  const { owner, repo } = client;
  const ref = `refs/heads/${branch}`;
  let activities: ShapeOf<typeof ACTIVITY>;
  try {
    activities = await client.rest(
      `GET /repos/${owner}/${repo}/activity?ref=${ref}`,
      () => client.octokit.rest.repos.listActivities({ owner, repo, ref, per_page: ACTIVITIES }),
      ACTIVITY,
    );
  } catch (error) {
    // A GitHub Enterprise Server without the API, or an installation not allowed to read it: the
    // app's own records are all there is (as before the API existed).
    if (error instanceof GitHubError && ABSENT.has(error.failure.kind)) return new Map();
    throw error;
  }
  const byCommit = new Map<string, PushEntry[]>();
  for (const a of activities) {
    const login = a.actor?.login;
    if (!PUSHING.has(a.activity_type) || !login) continue;
    const entries = pushEntry(login, NO_COMMIT.test(a.before) ? null : a.before);
    byCommit.set(a.after, [...(byCommit.get(a.after) ?? []), ...entries]);
  }
  return byCommit;
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
