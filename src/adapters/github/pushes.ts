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
  MAX_RECORD_CHARS,
  newPushes,
  packPushes,
  parsePushes,
  pushTo,
  recordCommit,
  serializePushes,
} from '../../signoff/pushes.js';
import type { CheckRun, ExistingCheckRun } from './check-run.js';
import { listOwnCheckRuns } from './check-run.js';
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
      const runs = await listOwnCheckRuns(client, sha, appId, undefined, 'all');
      const recorded = runs.flatMap((run) => parsePushes(run.externalId, sha));
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
    const pushes = pushTo(a.after, login, NO_COMMIT.test(a.before) ? null : a.before);
    byCommit.set(a.after, [...(byCommit.get(a.after) ?? []), ...pushes]);
  }
  return byCommit;
}

/** Why pushes could not be recorded: the job fails, and the sign-off with it (fail closed). */
export class PushesNotRecorded extends Error {
  override readonly name = 'PushesNotRecorded';
  constructor(
    readonly commit: string,
    /** `full`: the commit's record holds as much as the app stores in one; `altered`: GitHub kept another text. */
    readonly kind: 'full' | 'altered',
  ) {
    super(
      kind === 'full'
        ? `who pushed cannot be recorded: the record on commit ${commit.slice(0, 7)} is full (${MAX_RECORD_CHARS} characters); the sign-off fails closed until a new commit is pushed`
        : `who pushed cannot be recorded: GitHub did not keep the record written on commit ${commit.slice(0, 7)} as sent`,
    );
  }
}

/**
 * Records `pushes` (oldest first; each made its `after` the head) on sign-off check runs (`checkAt`
 * names the run of a commit): in one write on the newest head's run when they fit beside what it
 * holds, else the newest that fit there and the rest likewise on the newest head among them. A push
 * already recorded there (a redelivery, a job retried) is not written again; none is ever dropped.
 * Returns the writes made.
 */
export async function recordPushes(
  client: GitHubClient,
  checkAt: (commit: string) => CheckRun,
  pushes: readonly Push[],
): Promise<number> {
  const runs = new Map<string, ExistingCheckRun | undefined>();
  let rest = newPushes(pushes, []);
  let writes = 0;
  while (rest.length > 0) {
    const commit = recordCommit(rest);
    const check = checkAt(commit);
    if (!runs.has(commit)) runs.set(commit, await check.findExisting());
    const existing = runs.get(commit);
    const held = parsePushes(existing?.externalId, commit);
    const fresh = newPushes(rest, held);
    // Some were recorded here already: the others may belong on another commit.
    if (fresh.length < rest.length) {
      rest = fresh;
      continue;
    }
    const { packed, rest: left } = packPushes(held, fresh);
    if (packed.length === 0) throw new PushesNotRecorded(commit, 'full');
    const externalId = serializePushes([...held, ...packed]);
    const id = await writeRecord(client, check, existing, externalId);
    runs.set(commit, { ...(existing ?? queuedRun(check.name, id)), externalId });
    writes++;
    rest = left;
  }
  return writes;
}

/** What a record write answers, as far as it is read: the run, and the text GitHub kept. */
const WRITTEN = object({ id: integer, external_id: optional(nullable(string)) });

/**
 * Writes `externalId` on the run there (its status and output stay), or on a new `queued` run that
 * the evaluation after the review then completes. A text GitHub cut or changed is an error: a cut
 * record would read as no record at all.
 */
async function writeRecord(
  client: GitHubClient,
  check: CheckRun,
  existing: ExistingCheckRun | undefined,
  externalId: string,
): Promise<number> {
  const { owner, repo } = client;
  const written = existing
    ? await client.rest(
        `PATCH /repos/${owner}/${repo}/check-runs/${existing.id}`,
        () =>
          client.octokit.rest.checks.update({
            owner,
            repo,
            check_run_id: existing.id,
            external_id: externalId,
          }),
        WRITTEN,
      )
    : await client.rest(
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
        WRITTEN,
      );
  if (written.external_id != null && written.external_id !== externalId)
    throw new PushesNotRecorded(check.headSha, 'altered');
  return written.id;
}

/** A run just created by `writeRecord` (read again only for its record). */
function queuedRun(name: string, id: number): ExistingCheckRun {
  const output = { title: null, summary: null, text: null };
  return { id, name, status: 'queued', conclusion: null, externalId: null, output };
}
