/**
 * Where the sign-off gate learns who pushed each head (see src/signoff/pushes.ts). Its own records:
 * the `external_id` of the app's "Blueprint sign-off: <base>" check runs (GitHub keeps it across
 * updates of the run, every replica reads it, only this app can write its runs) — on that commit or
 * on a later head that a job recorded it with, in the same write as its own push. And
 * GitHub's repository activity for the pull request's branch (`GET /repos/{owner}/{repo}/activity`,
 * one call per evaluation): who pushed each commit to the branch, also before the pull request was
 * opened and while the app was not listening — it fills gaps in the app's records and names pushers
 * the opener would otherwise stand in for.
 */
import type { EntriesAt, Push } from '../../signoff/pushes.js';
import {
  newPushes,
  packPushes,
  parsePushes,
  pushTo,
  recordCommit,
  serializePushes,
} from '../../signoff/pushes.js';
import { listOwnCheckRuns, PushesNotRecorded } from './check-run.js';

export { PushesNotRecorded };
import type { GitHubClient, GitHubFailure } from './client.js';
import { GitHubError, isTransient } from './client.js';
import type { ShapeOf } from './shapes.js';
import { array, integer, nullable, object, optional, string } from './shapes.js';

/**
 * Every push known to have made a commit the head: recorded on the app's check runs on it (any base,
 * any run), and — when `branch` names the pull request's head branch in this repository — listed in
 * GitHub's activity for that branch (read once, on the first commit asked about).
 */
export function pushEntriesAt(client: GitHubClient, appId: number, branch?: string): EntriesAt {
  let activity: Promise<Map<string, Push[]>> | undefined;
  return async (sha) => {
    try {
      const recorded = await recordedAt(client, appId, sha);
      if (branch === undefined) return { kind: 'ok', value: recorded };
      const listed = (await (activity ??= branchPushes(client, branch))).get(sha) ?? [];
      return { kind: 'ok', value: [...recorded, ...listed] };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      // Reading again will not help: the trace treats the commit as unrecorded (see tracePushers).
      if (error instanceof GitHubError && error.failure.kind === 'too-many-check-runs')
        return { kind: 'unreadable', reason };
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
    actor: optional(nullable(object({ login: string, id: optional(integer) }))),
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
export async function branchPushes(client: GitHubClient, branch: string): Promise<Map<string, Push[]>> {
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
  const byCommit = new Map<string, Push[]>();
  for (const a of activities) {
    const login = a.actor?.login;
    if (!PUSHING.has(a.activity_type) || !login) continue;
    const pushes = pushTo(a.after, login, NO_COMMIT.test(a.before) ? null : a.before, a.actor?.id);
    byCommit.set(a.after, [...(byCommit.get(a.after) ?? []), ...pushes]);
  }
  return byCommit;
}

/** What a new record's run shows until the evaluation completes it (the verdict goes on the newest run). */
export interface PendingRun {
  title: string;
  summary: string;
}

const WAITING: PendingRun = {
  title: 'Waiting for the review',
  summary:
    '**The sign-off is evaluated once the review of this commit has finished.** It does not pass meanwhile.\n',
};

/**
 * Records `pushes` (oldest first; each made its `after` the head) on new `queued` runs of the check
 * `checkName`: in one write on the newest head when they fit in one record, else the newest that fit
 * there and the rest likewise on the newest head among them. A push already recorded on that commit
 * (a redelivery, a job retried) is not written again; none is ever dropped. Returns the writes made,
 * and the record held back for `holdFor`: the caller writes it with that commit's verdict, on a new
 * run (`CheckRun.complete` with a record), and records it here if it writes no verdict.
 *
 * A record is never rewritten: each is a run of its own, created with its text. GitHub has no
 * compare-and-set, so two writers that each read a record, add their push and write it back (two
 * replicas without Redis, two pull requests into one base sharing a head, a job and the delayed
 * check) would each keep only their own push: the other pusher then goes unknown and could approve
 * their own change. A lock would narrow that window only where every writer shares it (not across
 * replicas without Redis); a new run per record closes it without any, at the same cost (one write,
 * `POST` where it was `PATCH`). Readers take every run on a commit (`pushEntriesAt`), and the newest
 * run is the one the evaluation then completes with the verdict, so the check shows one run, never
 * an older verdict over a newer push. Runs per commit grow by one per new push recorded there;
 * GitHub keeps 1,000 of a name, and `listOwnCheckRuns` refuses a commit near that.
 */
export async function recordPushes(
  client: GitHubClient,
  appId: number,
  checkName: string,
  pushes: readonly Push[],
  options: { pending?: PendingRun; holdFor?: string } = {},
): Promise<{ writes: number; held: Push[] }> {
  const known = new Map<string, Push[]>();
  let rest = newPushes(pushes, []);
  let writes = 0;
  let held: Push[] = [];
  while (rest.length > 0) {
    const commit = recordCommit(rest);
    if (!known.has(commit)) known.set(commit, await recordedAt(client, appId, commit));
    const there = known.get(commit)!;
    const fresh = newPushes(rest, there);
    // Some were recorded here already: the others may belong on another commit.
    if (fresh.length < rest.length) {
      rest = fresh;
      continue;
    }
    const { packed, rest: left } = packPushes(fresh);
    there.push(...packed);
    rest = left;
    // The first record of the head being evaluated goes in its verdict's write (one write fewer).
    if (commit === options.holdFor && held.length === 0) held = packed;
    else {
      await createRecord(client, checkName, commit, serializePushes(packed), options.pending ?? WAITING);
      writes++;
    }
  }
  return { writes, held };
}

/** The pushes the app's runs on `commit` record (every run: each record is one of its own). */
async function recordedAt(client: GitHubClient, appId: number, commit: string): Promise<Push[]> {
  const runs = await listOwnCheckRuns(client, commit, appId, undefined, 'all');
  return runs.flatMap((run) => parsePushes(run.externalId, commit));
}

/** What a record write answers, as far as it is read: the text GitHub kept. */
const WRITTEN = object({ id: integer, external_id: optional(nullable(string)) });

/**
 * Creates a `queued` run holding `externalId`, which the evaluation after the review then completes.
 * A text GitHub cut or changed is an error: a cut record would read as no record at all.
 */
async function createRecord(
  client: GitHubClient,
  checkName: string,
  commit: string,
  externalId: string,
  pending: PendingRun,
): Promise<void> {
  const { owner, repo } = client;
  const written = await client.rest(
    `POST /repos/${owner}/${repo}/check-runs`,
    () =>
      client.octokit.rest.checks.create({
        owner,
        repo,
        name: checkName,
        head_sha: commit,
        status: 'queued',
        external_id: externalId,
        output: pending,
      }),
    WRITTEN,
  );
  if (written.external_id != null && written.external_id !== externalId) throw new PushesNotRecorded(commit);
}
