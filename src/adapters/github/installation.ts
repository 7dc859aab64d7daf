/**
 * The app's installations, and the repositories an installation can see: an organisation-wide event
 * (a team's membership changed) names no repository, and any of them may have a pull request waiting
 * on that team; a process that restarts after a crash looks through them for unfinished work.
 */
import type { GitHubClient } from './client.js';
import { array, boolean, integer, nullable, object, optional, string } from './shapes.js';

const REPOSITORIES = object({
  total_count: integer,
  repositories: array(
    object({
      id: optional(integer),
      name: string,
      owner: object({ login: string }),
      archived: optional(boolean),
    }),
  ),
});

/** A repository as the installation lists it: its name now, and its id (which a rename keeps). */
export interface InstalledRepository {
  owner: string;
  repo: string;
  id?: number;
}

/**
 * `owner/name` (and id) of each repository the installation can see, archived ones left out: every
 * page (an organisation may have thousands; one left out keeps its successes when a team member leaves).
 */
export async function installationRepositories(client: GitHubClient): Promise<InstalledRepository[]> {
  const found: InstalledRepository[] = [];
  for await (const page of installationRepositoryPages(client)) found.push(...page);
  return found;
}

/** The same, one page at a time: a caller with a bound stops reading pages once it is reached. */
export async function* installationRepositoryPages(
  client: GitHubClient,
): AsyncGenerator<InstalledRepository[]> {
  for (let page = 1; ; page++) {
    const data = await client.rest(
      `GET /installation/repositories?page=${page}`,
      () => client.octokit.rest.apps.listReposAccessibleToInstallation({ per_page: 100, page }),
      REPOSITORIES,
    );
    yield data.repositories.flatMap((r) =>
      r.archived ? [] : [{ owner: r.owner.login, repo: r.name, ...(r.id === undefined ? {} : { id: r.id }) }],
    );
    if (data.repositories.length < 100) return;
  }
}

const INSTALLATIONS = array(
  object({
    id: integer,
    suspended_at: optional(nullable(string)),
    account: optional(nullable(object({ login: string }))),
  }),
);

/**
 * The app's installations (the client authenticated as the app itself), suspended ones left out: every
 * page (one left out would keep, after a crash, a success a lost evaluation was about to withdraw).
 */
export async function appInstallations(client: GitHubClient): Promise<{ id: number; account: string }[]> {
  const found: { id: number; account: string }[] = [];
  for (let page = 1; ; page++) {
    const data = await client.rest(
      `GET /app/installations?page=${page}`,
      () => client.octokit.rest.apps.listInstallations({ per_page: 100, page }),
      INSTALLATIONS,
    );
    for (const i of data) if (!i.suspended_at) found.push({ id: i.id, account: i.account?.login ?? '' });
    if (data.length < 100) return found;
  }
}
