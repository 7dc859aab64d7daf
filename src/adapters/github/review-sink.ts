/**
 * Where the review goes on a pull request: one `createReview` per head SHA and set of line comments,
 * found again by its hidden marker (so a redelivered event posts nothing), and the bot's earlier
 * review threads, resolved when the finding they point at is gone or has moved.
 */
import { findingIdsIn, isSameReview } from '../../review/markers.js';
import type { PullRequestReview } from '../../review/render/pull-request-review.js';
import type { ExistingThread } from '../../review/comment-sync.js';
import type { GitHubClient } from './client.js';
import { GitHubError } from './client.js';
import { array, boolean, ignored, integer, nullable, object, optional, string } from './shapes.js';
import type { ShapeOf } from './shapes.js';

/**
 * Who may have written the bot's reviews and threads: a bot account, and when the app knows its own
 * login (`<slug>[bot]`; the Action's token does not say who it is), that one. A marker is plain text
 * anyone can type: a person (or a workflow posting as `github-actions[bot]`) who writes a review
 * starting with this head's review marker would otherwise make the bot skip its review, and a thread
 * starting with a finding's marker would make it think that finding already commented on.
 */
export type BotAuthor = { login: string | undefined };

function writtenBy(bot: BotAuthor, author: { type: string; login: string } | null | undefined): boolean {
  if (author?.type !== 'Bot') return false;
  // REST names a bot `<slug>[bot]`, GraphQL `<slug>`.
  const bare = (login: string) => login.replace(/\[bot\]$/, '');
  return bot.login === undefined || bare(author.login) === bare(bot.login);
}

const REVIEWS = array(
  object({
    body: optional(nullable(string)),
    user: optional(nullable(object({ login: string, type: string }))),
  }),
);

/** True when the bot's review `review` (by its marker: its head and its comments) is on the pull request. */
export async function hasReview(
  client: GitHubClient,
  pr: number,
  review: PullRequestReview,
  bot: BotAuthor,
): Promise<boolean> {
  const { owner, repo } = client;
  for (let page = 1; page <= 30; page++) {
    const data = await client.rest(
      `GET /repos/${owner}/${repo}/pulls/${pr}/reviews?page=${page}`,
      () => client.octokit.rest.pulls.listReviews({ owner, repo, pull_number: pr, per_page: 100, page }),
      REVIEWS,
    );
    if (data.some((r) => writtenBy(bot, r.user) && isSameReview(r.body, review.body))) return true;
    if (data.length < 100) return false;
  }
  return false;
}

export async function postReview(
  client: GitHubClient,
  pr: number,
  headSha: string,
  review: PullRequestReview,
): Promise<void> {
  const { owner, repo } = client;
  await client.rest(
    `POST /repos/${owner}/${repo}/pulls/${pr}/reviews`,
    () =>
      client.octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: pr,
        commit_id: headSha,
        event: review.event,
        body: review.body,
        comments: review.comments.map(({ path, line, side, body }) => ({ path, line, side, body })),
        // Never repeated blindly (Octokit's retry plugin repeats a 5xx): see `postReviewOnce`.
        request: { retries: 0 },
      }),
    ignored,
  );
}

/**
 * Posts a review at most once. GitHub can create a review and still answer with a 5xx or drop
 * the connection (a review with many comments outlasts its request timeout); posting again blindly
 * would duplicate every comment. After such a failure: wait, look for the review by its marker, and
 * post again only when it is not there. Any other failure, or the last one, is the caller's.
 */
export async function postReviewOnce(
  client: GitHubClient,
  pr: number,
  headSha: string,
  review: PullRequestReview,
  bot: BotAuthor,
): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await postReview(client, pr, headSha, review);
      return;
    } catch (error) {
      const wait = REPOST_WAITS_MS[attempt];
      if (wait === undefined || !mayHaveBeenApplied(error)) throw error;
      await client.sleep(wait);
      if (await hasReview(client, pr, review, bot)) return;
    }
  }
}

/** Waits before looking for a review whose POST failed, one per further attempt. */
const REPOST_WAITS_MS = [2_000, 8_000];

function mayHaveBeenApplied(error: unknown): boolean {
  return (
    error instanceof GitHubError &&
    (error.failure.kind === 'server-error' || error.failure.kind === 'network')
  );
}

const THREADS_QUERY = `query($owner: String!, $repo: String!, $number: Int!, $cursor: String) {
  repository(owner: $owner, name: $repo) {
    pullRequest(number: $number) {
      reviewThreads(first: 100, after: $cursor) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id
          isResolved
          isOutdated
          path
          line
          comments(first: 1) { nodes { body author { __typename login } } }
        }
      }
    }
  }
}`;

const THREADS_SHAPE = object({
  repository: nullable(
    object({
      pullRequest: nullable(
        object({
          reviewThreads: object({
            pageInfo: object({ hasNextPage: boolean, endCursor: nullable(string) }),
            nodes: array(
              object({
                id: string,
                isResolved: boolean,
                isOutdated: boolean,
                path: string,
                line: nullable(integer),
                comments: object({
                  nodes: array(
                    object({
                      body: string,
                      author: nullable(object({ __typename: string, login: string })),
                    }),
                  ),
                }),
              }),
            ),
          }),
        }),
      ),
    }),
  ),
});

/** The bot's open review threads (first comment written by this bot and carrying a finding marker). */
export async function botThreads(
  client: GitHubClient,
  pr: number,
  bot: BotAuthor,
): Promise<ExistingThread[]> {
  const { owner, repo } = client;
  const threads: ExistingThread[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 20; page++) {
    const data: ShapeOf<typeof THREADS_SHAPE> = await client.graphql(
      `GraphQL reviewThreads of #${pr}`,
      THREADS_QUERY,
      { owner, repo, number: pr, cursor },
      THREADS_SHAPE,
    );
    const connection = data.repository?.pullRequest?.reviewThreads;
    if (!connection) break;
    for (const node of connection.nodes) {
      const first = node.comments.nodes[0];
      const findingIds = findingIdsIn(first?.body);
      const author = first?.author ? { type: first.author.__typename, login: first.author.login } : null;
      if (node.isResolved || findingIds.length === 0 || !writtenBy(bot, author)) continue;
      threads.push({
        threadId: node.id,
        findingIds,
        path: node.path,
        line: node.isOutdated ? null : node.line,
      });
    }
    if (!connection.pageInfo.hasNextPage) break;
    cursor = connection.pageInfo.endCursor;
  }
  return threads;
}

const RESOLVE_MUTATION = `mutation($threadId: ID!) {
  resolveReviewThread(input: { threadId: $threadId }) { thread { id isResolved } }
}`;

export async function resolveThread(client: GitHubClient, threadId: string): Promise<void> {
  await client.graphql(`GraphQL resolveReviewThread`, RESOLVE_MUTATION, { threadId }, ignored);
}
