/**
 * What the sign-off gate learns from a pull request's issue events (read once, issue-events.ts): when
 * its base last changed, which labels its latest events took off, which reviews were dismissed from
 * what, and whom the app itself asked to review. Pure: `GitHubPullRequestFacts` reads, these derive.
 */
import type { LabelRemoval } from '../../signoff/facts.js';
import type { Review } from '../../signoff/types.js';
import { isReviewState } from '../../signoff/types.js';
import type { IssueEvent } from './issue-events.js';

/** Who did it, as the gate weighs actors: login, the account's id when given, and whether a bot. */
interface Actor {
  by: string | undefined;
  byId?: number;
  byBot?: boolean;
}

function actorOf(e: IssueEvent): Actor {
  return {
    by: e.actor,
    ...(e.actorId === undefined ? {} : { byId: e.actorId }),
    ...(e.actorIsBot ? { byBot: true } : {}),
  };
}

/** When the base branch last changed, or undefined; a change without a time throws (fail closed). */
export function latestRetarget(events: readonly IssueEvent[]): string | undefined {
  let latest: string | undefined;
  for (const e of events)
    if (e.event === 'base_ref_changed') {
      // Without its time no approval can be placed before or after it: unknown, and the gate fails
      // closed saying so.
      if (e.createdAt === undefined || Number.isNaN(Date.parse(e.createdAt)))
        throw new Error('GitHub listed a change of its base branch without a time');
      if (latest === undefined || Date.parse(e.createdAt) > Date.parse(latest)) latest = e.createdAt;
    }
  return latest;
}

/** Each label whose latest event is `unlabeled`, with who took it off (letter case aside). */
export function labelRemovalsIn(events: readonly IssueEvent[]): LabelRemoval[] {
  const removed = new Map<string, LabelRemoval>();
  for (const e of events) {
    if (e.label === undefined) continue;
    const key = e.label.toLowerCase();
    if (e.event === 'labeled') removed.delete(key);
    if (e.event === 'unlabeled') removed.set(key, { label: e.label, ...actorOf(e) });
  }
  return [...removed.values()];
}

/** Each dismissed review's id, with the state it had and who dismissed it. */
function dismissalsIn(events: readonly IssueEvent[]): Map<number, NonNullable<Review['dismissal']>> {
  const dismissals = new Map<number, NonNullable<Review['dismissal']>>();
  for (const e of events) {
    if (e.event !== 'review_dismissed' || !e.dismissedReview) continue;
    const was = e.dismissedReview.state.toUpperCase();
    if (isReviewState(was)) dismissals.set(e.dismissedReview.reviewId, { was, ...actorOf(e) });
  }
  return dismissals;
}

/**
 * Each dismissed review with what it had been and who dismissed it, as the `review_dismissed` events
 * say (one with no such event stays unexplained: reviews.ts weighs both).
 */
export function withDismissals(reviews: readonly Review[], events: readonly IssueEvent[]): Review[] {
  const dismissals = dismissalsIn(events);
  return reviews.map((r) => {
    const dismissal = r.state === 'DISMISSED' ? dismissals.get(r.id) : undefined;
    return dismissal ? { ...r, dismissal } : r;
  });
}

/** What the app requested before: users, teams (`org/slug`), and when it last asked each user. */
export interface AppRequests {
  users: string[];
  teams: string[];
  /** Lower-cased login → the latest time the app asked them. */
  askedAt: Record<string, string>;
}

/** The reviewers and teams `appLogin` requested, and when it last asked each user. */
export function appRequestsIn(events: readonly IssueEvent[], appLogin: string, org: string): AppRequests {
  const mine = events.filter(
    (e) => e.event === 'review_requested' && e.actor?.toLowerCase() === appLogin.toLowerCase(),
  );
  const askedAt: Record<string, string> = {};
  for (const e of mine)
    if (e.requestedReviewer && e.createdAt) {
      const login = e.requestedReviewer.toLowerCase();
      if (!askedAt[login] || askedAt[login] < e.createdAt) askedAt[login] = e.createdAt;
    }
  return {
    users: mine.flatMap((e) => (e.requestedReviewer ? [e.requestedReviewer] : [])),
    teams: mine.flatMap((e) => (e.requestedTeam ? [`${org}/${e.requestedTeam}`] : [])),
    askedAt,
  };
}
