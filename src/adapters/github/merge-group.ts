/**
 * Merge queues, as GitHub shows them: where the commit a group is built on stands, whether one group
 * is built on another, and the queue branches of a base.
 */
import type { GitHubClient } from './client.js';
import { compareCommits } from './compare.js';
import { array, ignored, integer, object, string } from './shapes.js';

const STANDING = object({ status: string });

/**
 * Whether the commit a group is built on (`base_sha`) is already on the base branch — the branch's
 * tip or one of its ancestors — rather than the head of a group ahead in the queue, whose content
 * this group's check would otherwise vouch for unjudged.
 */
export async function isOnBranch(client: GitHubClient, branch: string, sha: string): Promise<boolean> {
  // `behind`: the branch has moved on past the commit; `identical`: the commit is its tip.
  const status = await compareStatus(client, branch, sha);
  return status === 'identical' || status === 'behind';
}

/** Whether commit `descendant` is built on commit `ancestor` (holds it in its history). */
export async function isBuiltOn(
  client: GitHubClient,
  ancestor: string,
  descendant: string,
): Promise<boolean> {
  const status = await compareStatus(client, ancestor, descendant);
  return status === 'ahead' || status === 'identical';
}

/** How `head` stands against `base` (`identical`, `ahead`, `behind`, `diverged`), in one comparison. */
async function compareStatus(client: GitHubClient, base: string, head: string): Promise<string> {
  return (await compareCommits(client, base, head, STANDING)).status;
}

const REFS = array(object({ ref: string, object: object({ sha: string }) }));

/**
 * The merge groups GitHub holds for `base` (every base when none is given): its queue branches
 * (`gh-readonly-queue/<base>/…`), by head commit.
 */
export async function queuedGroups(
  client: GitHubClient,
  base?: string,
): Promise<{ ref: string; headSha: string }[]> {
  const { owner, repo } = client;
  const prefix = base === undefined ? 'heads/gh-readonly-queue/' : `heads/gh-readonly-queue/${base}/`;
  const data = await client.rest(
    `GET /repos/${owner}/${repo}/git/matching-refs/${prefix}`,
    () => client.octokit.rest.git.listMatchingRefs({ owner, repo, ref: prefix }),
    REFS,
  );
  return data.map((r) => ({ ref: r.ref, headSha: r.object.sha }));
}

const CREATED = object({ id: integer });

/**
 * Shows the app's check `name` on a group's head in progress with `output` (a group waiting for the
 * group ahead): its run still open is updated, else a new run is created (a completed run is never
 * reopened; the newest run of a name is the one GitHub counts).
 */
export async function showInProgress(
  client: GitHubClient,
  name: string,
  headSha: string,
  run: { id: number; status: string } | undefined,
  output: { title: string; summary: string },
): Promise<void> {
  const { owner, repo } = client;
  if (run && run.status !== 'completed') {
    const id = run.id;
    await client.rest(
      `PATCH /repos/${owner}/${repo}/check-runs/${id}`,
      () =>
        client.octokit.rest.checks.update({ owner, repo, check_run_id: id, status: 'in_progress', output }),
      ignored,
    );
    return;
  }
  await client.rest(
    `POST /repos/${owner}/${repo}/check-runs`,
    () =>
      client.octokit.rest.checks.create({
        owner,
        repo,
        name,
        head_sha: headSha,
        status: 'in_progress',
        output,
      }),
    CREATED,
  );
}
