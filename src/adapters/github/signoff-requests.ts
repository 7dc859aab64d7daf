/**
 * The one thing the sign-off gate writes besides its check run: review requests for the approvers
 * still needed (who is already requested comes with the pull request, `pull-request.ts`).
 */
import type { Reviewers } from '../../signoff/requests.js';
import { slugOf } from '../../signoff/requests.js';
import type { GitHubClient } from './client.js';
import { ignored } from './shapes.js';

/**
 * Requests reviews in one call. GitHub can only request teams of the repository's organisation, and
 * never the author; those are left out here.
 */
export async function requestReviewers(
  client: GitHubClient,
  number: number,
  author: string,
  wanted: Reviewers,
): Promise<Reviewers> {
  const { owner, repo } = client;
  const users = wanted.users.filter((u) => u.toLowerCase() !== author.toLowerCase());
  const teams = wanted.teams.filter((t) => t.toLowerCase().startsWith(owner.toLowerCase() + '/'));
  if (users.length === 0 && teams.length === 0) return { users: [], teams: [] };
  await client.rest(
    `POST /repos/${owner}/${repo}/pulls/${number}/requested_reviewers`,
    () =>
      client.octokit.rest.pulls.requestReviewers({
        owner,
        repo,
        pull_number: number,
        reviewers: users,
        team_reviewers: teams.map(slugOf),
      }),
    ignored,
  );
  return { users, teams };
}
