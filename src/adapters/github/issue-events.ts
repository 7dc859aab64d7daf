/**
 * A pull request's issue events (its timeline's force-pushes, review requests, dismissals, base
 * changes), as far as the sign-off gate reads them: read once per evaluation by
 * `GitHubPullRequestFacts`, which several of its questions share.
 */
import type { GitHubClient } from './client.js';
import type { ShapeOf } from './shapes.js';
import { array, integer, nullable, object, optional, string } from './shapes.js';

const LOGIN = object({ login: string });
const EVENTS = array(
  object({
    event: string,
    actor: optional(nullable(object({ login: string, type: optional(string), id: optional(integer) }))),
    created_at: optional(string),
    requested_reviewer: optional(nullable(LOGIN)),
    requested_team: optional(nullable(object({ slug: string }))),
    dismissed_review: optional(nullable(object({ review_id: integer, state: string }))),
    label: optional(nullable(object({ name: string }))),
  }),
);
/** Pages of 100 events read at most: a pull request with more is refused, never judged on a part. */
const MAX_PAGES = 10;

/** One issue event of the PR, as far as the gate reads them. */
export interface IssueEvent {
  event: string;
  actor: string | undefined;
  /** GitHub's id of the actor's account, when given (a login may be renamed; the id stays). */
  actorId: number | undefined;
  /** GitHub says the actor is a bot account (`type: Bot`). */
  actorIsBot: boolean;
  createdAt: string | undefined;
  requestedReviewer: string | undefined;
  requestedTeam: string | undefined;
  /** `review_dismissed`: the review and the state it had. */
  dismissedReview: { reviewId: number; state: string } | undefined;
  /** `labeled` / `unlabeled`: the label's name. */
  label: string | undefined;
}

/** Every issue event of pull request `number`, oldest first; more than 1,000 throws. */
export async function readIssueEvents(client: GitHubClient, number: number): Promise<IssueEvent[]> {
  const { owner, repo } = client;
  const out: IssueEvent[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const data = await client.rest(
      `GET /repos/${owner}/${repo}/issues/${number}/events`,
      () => client.octokit.rest.issues.listEvents({ owner, repo, issue_number: number, per_page: 100, page }),
      EVENTS,
    );
    out.push(...data.map(issueEventOf));
    if (data.length < 100) return out;
  }
  throw new Error(`the pull request has more than ${MAX_PAGES * 100} events`);
}

/**
 * GitHub's answer listing a pull request's issue events (`gh api repos/o/r/issues/7/events` prints it)
 * as the gate reads it: the CLI's reviews file gives it as the app reads it. A `ShapeError` names
 * the first field that differs (`path`, e.g. `events[3].actor`).
 */
export function issueEventsIn(value: unknown, path: string): IssueEvent[] {
  return EVENTS(value, path).map(issueEventOf);
}

function issueEventOf(e: ShapeOf<typeof EVENTS>[number]): IssueEvent {
  return {
    event: e.event,
    actor: e.actor?.login,
    actorId: e.actor?.id,
    actorIsBot: e.actor?.type === 'Bot',
    createdAt: e.created_at,
    requestedReviewer: e.requested_reviewer?.login,
    requestedTeam: e.requested_team?.slug,
    dismissedReview: e.dismissed_review
      ? { reviewId: e.dismissed_review.review_id, state: e.dismissed_review.state }
      : undefined,
    label: e.label?.name,
  };
}
