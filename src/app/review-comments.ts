/**
 * The review's line comments: posted as one pull request review (never twice), and the bot's
 * threads whose finding is gone or moved resolved. Findings GitHub refuses as comments go to the check.
 */
import { loggedError } from './log-text.js';
import { planCommentSync } from '../review/comment-sync.js';
import type { ExistingThread } from '../review/comment-sync.js';
import type { Placement } from '../review/placement.js';
import type { ReviewComment } from '../review/render/pull-request-review.js';
import { renderLineComments, renderPullRequestReview } from '../review/render/pull-request-review.js';
import type { Review } from '../review/types.js';
import type { GitHubClient } from '../adapters/github/client.js';
import { GitHubError } from '../adapters/github/client.js';
import { botThreads, hasReview, postReviewOnce, resolveThread } from '../adapters/github/review-sink.js';
import type { BotAuthor } from '../adapters/github/review-sink.js';
import { checkNameFor } from './check-name.js';
import { explain, isRefused } from './job-errors.js';
import type { ReviewSettings, ReviewTarget } from './review-job.js';

/**
 * Posts the line comments the bot has not already posted, as one review, and resolves its threads
 * whose finding is gone or moved. Returns the placement actually achieved: if GitHub refuses the
 * review (a line outside the diff after all), those findings go to the check run instead.
 */
export async function publishComments(
  client: GitHubClient,
  target: ReviewTarget,
  settings: ReviewSettings,
  review: Review,
  placement: Placement,
): Promise<Placement> {
  const planned = renderLineComments(placement.comments, settings.docs);
  const bot = { login: settings.botLogin ? await settings.botLogin() : undefined };
  const threads = await listThreadsOrNone(client, target.pullNumber, bot, settings);
  const sync = planCommentSync(planned, threads ?? []);
  const achieved = await postComments(client, target, settings, review, placement, sync.post, bot);
  // Without the thread list nothing is known to be stale: nothing is resolved.
  if (threads !== undefined) await resolveThreads(client, sync.resolve, settings);
  return achieved;
}

/**
 * Posts `comments` as one review, unless that review (this head, these comments) is there already. When GitHub refuses it
 * (unprocessable, or a read-only token in the Action), their findings go to the check run instead.
 */
async function postComments(
  client: GitHubClient,
  target: ReviewTarget,
  settings: ReviewSettings,
  review: Review,
  placement: Placement,
  comments: ReviewComment[],
  bot: BotAuthor,
): Promise<Placement> {
  const body = renderPullRequestReview(review, comments, placement, {
    headSha: target.headSha,
    checkName: checkNameFor(settings.checkName, target.base),
  });
  // A redelivered event, or a second run after a crash: this review is already there. Another review
  // of the head (another base, another config) carries other comments, and does not stand for it.
  if (!body || (await hasReview(client, target.pullNumber, body, bot))) return placement;
  try {
    await postReviewOnce(client, target.pullNumber, target.headSha, body, bot);
    return placement;
  } catch (error) {
    // A commit GitHub does not know for the review (its check on that head exists: the check can say it).
    const unprocessable =
      error instanceof GitHubError &&
      (error.failure.kind === 'unprocessable' || error.failure.kind === 'commit-unknown');
    if (!unprocessable && !(isRefused(error) && settings.onWriteRefused)) throw error;
    if (!unprocessable) settings.onWriteRefused?.('pull-requests: write', explain(error));
    return inCheckRun(placement, new Set(comments.flatMap((c) => c.findingIds)));
  }
}

/** The placement with the findings `refused` as comments shown in the check run instead. */
function inCheckRun(placement: Placement, refused: ReadonlySet<string>): Placement {
  return {
    ...placement,
    comments: placement.comments.filter((c) => !refused.has(c.finding.id)),
    elsewhere: [
      ...placement.elsewhere,
      ...placement.comments.filter((c) => refused.has(c.finding.id)).map((c) => c.finding),
    ],
  };
}

/** Resolving stale threads is housekeeping: a failure is logged, it does not fail the review. */
async function resolveThreads(
  client: GitHubClient,
  stale: readonly ExistingThread[],
  settings: ReviewSettings,
): Promise<void> {
  for (const thread of stale) {
    try {
      await resolveThread(client, thread.threadId);
    } catch (error) {
      settings.log?.warn(
        { err: loggedError(error), thread: thread.threadId },
        'could not resolve an outdated review thread',
      );
    }
  }
}

/**
 * The bot's open review threads, or undefined when GitHub cannot list them (GraphQL down, a schema
 * change): resolving stale threads is best-effort and must not cost the review. The review still
 * posts — at most once, since `hasReview` finds it by its marker (its head and its comments).
 */
async function listThreadsOrNone(
  client: GitHubClient,
  pullNumber: number,
  bot: BotAuthor,
  settings: ReviewSettings,
): Promise<ExistingThread[] | undefined> {
  try {
    return await botThreads(client, pullNumber, bot);
  } catch (error) {
    settings.log?.warn(
      { err: loggedError(error) },
      `could not list the review threads (${explain(error)}); posting without resolving stale threads`,
    );
    return undefined;
  }
}
