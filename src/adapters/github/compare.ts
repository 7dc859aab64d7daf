import type { GitHubClient } from './client.js';
import type { Shape } from './shapes.js';

/**
 * One comparison `base...head` (commits or branch names), read in the shape the caller needs: the
 * merge base or how the two stand. Only the first page: GitHub sends the status with it whatever its
 * size, and no caller needs the commits (nor its files: at most 300 are listed).
 */
export function compareCommits<T>(
  client: GitHubClient,
  base: string,
  head: string,
  shape: Shape<T>,
): Promise<T> {
  const { owner, repo } = client;
  const short = (ref: string) => (/^[0-9a-f]{40}$/.test(ref) ? ref.slice(0, 7) : ref);
  return client.rest(
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
}
