/**
 * Hidden markers the bot writes into what it posts, so it can recognise its own review, check-run
 * summary and comments later: a redelivered webhook finds the review it would post (same head, same
 * comments) and posts nothing; a new push finds the comments whose finding is gone and minimizes them.
 *
 * A marker is always the first line of what the bot posts, and only that position is read: repository
 * text further down (a flow named `<!-- blueprint-review:finding id=… -->`, shown inert in a code
 * span) can never be mistaken for it.
 */

import { createHash } from 'node:crypto';

const PREFIX = 'blueprint-review';

/**
 * A review's marker: its head and which comments it carries (a digest of their finding ids). The head
 * alone does not name a review: one head is reviewed again with other findings on its lines — the
 * pull request retargeted at another base, a re-run under a changed config — and a review of those
 * must not be taken for the one already there, or its comments are never posted.
 */
export function reviewMarker(headSha: string, findingIds: readonly string[]): string {
  const ids = [...new Set(findingIds)].sort().join(',');
  const digest = createHash('sha256').update(ids).digest('hex').slice(0, 16);
  return `<!-- ${PREFIX}:review sha=${headSha} comments=${digest} -->`;
}

export function findingMarker(findingId: string): string {
  return findingsMarker([findingId]);
}

/** One marker for a comment that lists several findings on one line: every id, comma-separated. */
export function findingsMarker(findingIds: readonly string[]): string {
  return `<!-- ${PREFIX}:finding id=${findingIds.join(',')} -->`;
}

/**
 * A check's record of what its verdict was computed under (a digest of the base's config as read): a
 * completed check is reused for its head only while the base still reads the same. The sign-off adds
 * the base branch's tip it read owners at (`tip`): a marking for a later move of the base tells by it
 * whether the verdict already saw that move.
 */
export function basisMarker(digest: string, tip?: string): string {
  return `<!-- ${PREFIX}:basis ${digest}${tip ? ` tip=${tip}` : ''} -->`;
}

const BASIS = new RegExp(`^<!-- ${PREFIX}:basis ([0-9a-f]{64})(?: tip=([0-9a-f]{40,64}))? -->$`);

/** The basis a check summary the bot wrote records, or undefined (none, or not the bot's first line). */
export function basisIn(summary: string | null | undefined): string | undefined {
  return BASIS.exec(firstLine(summary))?.[1];
}

/** The base tip a sign-off summary records it was evaluated at, or undefined (none recorded). */
export function baseTipIn(summary: string | null | undefined): string | undefined {
  return BASIS.exec(firstLine(summary))?.[2];
}

/** `body` with `marker` as its first line. */
export function withMarker(marker: string, body: string): string {
  return `${marker}\n${body}`;
}

/** True when `body` is a review the bot wrote of `headSha` (with any comments). */
export function hasReviewMarker(body: string | null | undefined, headSha: string): boolean {
  return new RegExp(`^<!-- ${PREFIX}:review sha=${headSha} comments=[0-9a-f]{16} -->$`).test(firstLine(body));
}

/** True when `existing` is the review `posted` (its marker: the same head and the same comments). */
export function isSameReview(existing: string | null | undefined, posted: string): boolean {
  return firstLine(existing) === firstLine(posted);
}

/** The finding id of a comment the bot wrote, or undefined for anyone else's comment. */
export function findingIdIn(body: string | null | undefined): string | undefined {
  return findingIdsIn(body)[0];
}

/** Every finding id of a comment the bot wrote (several when findings share a line); none for others. */
export function findingIdsIn(body: string | null | undefined): string[] {
  const match = new RegExp(`^<!-- ${PREFIX}:finding id=([0-9a-f]+(?:,[0-9a-f]+)*) -->$`).exec(
    firstLine(body),
  );
  return match ? match[1]!.split(',') : [];
}

function firstLine(body: string | null | undefined): string {
  const text = body ?? '';
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
}
