/**
 * What the sign-off gate reads about a pull request besides its facts (labels, who is requested),
 * and the one thing it writes besides its check run: review requests for the approvers still needed.
 */
import type { Reviewers } from '../../signoff/requests.js';
import { slugOf } from '../../signoff/requests.js';
import type { GitHubClient } from './client.js';
import { array, ignored, integer, nullable, object, optional, string } from './shapes.js';

/** GitHub's pull request, as far as the gate reads it (checked before use: shapes.ts). */
const PULL = object({
  number: integer,
  state: string,
  user: nullable(object({ login: string })),
  head: object({ sha: string }),
  base: object({ sha: string, ref: string }),
  labels: optional(array(object({ name: optional(string) }))),
  requested_reviewers: optional(nullable(array(object({ login: optional(string) })))),
  requested_teams: optional(nullable(array(object({ slug: optional(string) })))),
});

export interface SignoffPullRequest {
  number: number;
  state: string;
  author: string;
  headSha: string;
  baseSha: string;
  baseRef: string;
  labels: string[];
  /** Currently requested reviewers; teams as `org/slug`. */
  requested: Reviewers;
}

export async function getSignoffPullRequest(
  client: GitHubClient,
  number: number,
): Promise<SignoffPullRequest> {
  const { owner, repo } = client;
  const data = await client.rest(
    `GET /repos/${owner}/${repo}/pulls/${number}`,
    () => client.octokit.rest.pulls.get({ owner, repo, pull_number: number }),
    PULL,
  );
  return {
    number: data.number,
    state: data.state,
    // A deleted account ("ghost") has no user: nobody, so nobody is excluded as the author.
    author: data.user?.login ?? '',
    headSha: data.head.sha,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    labels: (data.labels ?? []).flatMap((l) => (l.name ? [l.name] : [])),
    requested: {
      users: (data.requested_reviewers ?? []).flatMap((u) => (u.login ? [u.login] : [])),
      teams: (data.requested_teams ?? []).flatMap((t) => (t.slug ? [`${owner}/${t.slug}`] : [])),
    },
  };
}

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
