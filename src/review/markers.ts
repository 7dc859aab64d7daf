/**
 * Hidden markers the bot writes into what it posts, so it can recognise its own review, check-run
 * summary and comments later: a redelivered webhook finds the review for the same head SHA and
 * posts nothing; a new push finds the comments whose finding is gone and minimizes them.
 */

const PREFIX = 'blueprint-review';

export function reviewMarker(headSha: string): string {
  return `<!-- ${PREFIX}:review sha=${headSha} -->`;
}

export function findingMarker(findingId: string): string {
  return `<!-- ${PREFIX}:finding id=${findingId} -->`;
}

export function hasReviewMarker(body: string | null | undefined, headSha: string): boolean {
  return (body ?? '').includes(reviewMarker(headSha));
}

/** The finding id of a comment the bot wrote, or undefined for anyone else's comment. */
export function findingIdIn(body: string | null | undefined): string | undefined {
  const match = new RegExp(`<!-- ${PREFIX}:finding id=([0-9a-f]+) -->`).exec(body ?? '');
  return match?.[1];
}
