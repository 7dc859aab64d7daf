/**
 * Merge queues, as GitHub shows them: where the commit a group is built on stands, whether one group
 * is built on another, and the queue branches of a base.
 */
import type { GitHubClient } from './client.js';
import { compareCommits } from './compare.js';
import { array, object, string } from './shapes.js';

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

/** The merge groups GitHub holds for `base`: its queue branches (`gh-readonly-queue/<base>/…`), by head commit. */
export async function queuedGroups(
  client: GitHubClient,
  base: string,
): Promise<{ ref: string; headSha: string }[]> {
  const { owner, repo } = client;
  const prefix = `heads/gh-readonly-queue/${base}/`;
  const data = await client.rest(
    `GET /repos/${owner}/${repo}/git/matching-refs/${prefix}`,
    () => client.octokit.rest.git.listMatchingRefs({ owner, repo, ref: prefix }),
    REFS,
  );
  return data.map((r) => ({ ref: r.ref, headSha: r.object.sha }));
}
