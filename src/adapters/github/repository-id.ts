/**
 * A repository's id, read by its name: GitHub answers an old name of a repository renamed or
 * transferred with a redirect to the repository (which the client follows), and any spelling of a
 * name (names are case-insensitive) with the same repository — so the id is that of the repository
 * the name leads to now. Read for a job queued without the id (src/app/queue-redis.ts).
 */
import type { GitHubClient } from './client.js';
import { integer, object } from './shapes.js';

const REPOSITORY = object({ id: integer });

export async function repositoryIdOf(client: GitHubClient): Promise<number> {
  const { owner, repo } = client;
  const data = await client.rest(
    `GET /repos/${owner}/${repo}`,
    () => client.octokit.rest.repos.get({ owner, repo }),
    REPOSITORY,
  );
  return data.id;
}
