import type { GitHubClient } from './client.js';
import { unavailableObject } from './client.js';
import type { Shape } from './shapes.js';

const FULL_SHA = /^[0-9a-f]{40}$/;

/**
 * One comparison `base...head` (commits or branch names), read in the shape the caller needs: the
 * merge base or how the two stand. Only the first page: GitHub sends the status with it whatever its
 * size, and no caller needs the commits. Its files are listed on that page, at most 300: a caller
 * that reads them (pull-request.ts `baseBranchNow`) must know the list may be cut there.
 *
 * A 404 to a head named by its SHA is `object-unavailable`, not `not-found`: the head came from an
 * event, so GitHub knew it or is about to — right after a push the comparison can answer 404 for a
 * head it has not indexed yet, and the same request succeeds a few seconds later (the queue runs the
 * job again; only once it gives up is the head said to be gone).
 */
export async function compareCommits<T>(
  client: GitHubClient,
  base: string,
  head: string,
  shape: Shape<T>,
): Promise<T> {
  const { owner, repo } = client;
  const short = (ref: string) => (FULL_SHA.test(ref) ? ref.slice(0, 7) : ref);
  try {
    return await client.rest(
      `GET /repos/${owner}/${repo}/compare/${short(base)}...${short(head)}`,
      () =>
        client.octokit.rest.repos.compareCommitsWithBasehead({
          owner,
          repo,
          basehead: `${base}...${head}`,
          per_page: 1,
        }),
      shape,
    );
  } catch (error) {
    throw FULL_SHA.test(head) ? unavailableObject(error) : error;
  }
}
