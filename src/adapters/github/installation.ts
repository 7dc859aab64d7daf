/**
 * The repositories an installation of the app can see: an organisation-wide event (a team's
 * membership changed) names no repository, and any of them may have a pull request waiting on
 * that team.
 */
import type { GitHubClient } from './client.js';
import { array, boolean, integer, object, optional, string } from './shapes.js';

const REPOSITORIES = object({
  total_count: integer,
  repositories: array(
    object({ name: string, owner: object({ login: string }), archived: optional(boolean) }),
  ),
});

const MAX_PAGES = 10;

/** `owner/name` of each repository the installation can see, archived ones left out. */
export async function installationRepositories(
  client: GitHubClient,
): Promise<{ owner: string; repo: string }[]> {
  const found: { owner: string; repo: string }[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const data = await client.rest(
      `GET /installation/repositories?page=${page}`,
      () => client.octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 100, page }),
      REPOSITORIES,
    );
    for (const r of data.repositories) if (!r.archived) found.push({ owner: r.owner.login, repo: r.name });
    if (data.repositories.length < 100) break;
  }
  return found;
}
