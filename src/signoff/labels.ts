/**
 * The labels a rule's `when.labels` reads. A label adds requirements, so taking it off lifts them: as a
 * change request dismissed by the change's own side still blocks (reviews.ts), a label taken off by
 * whoever wrote or pushed the change, by a bot (a workflow token the author may control), or by someone
 * GitHub does not name, still stands. Taken off by anyone else (a maintainer), it is off.
 */
import type { LabelRemoval } from './facts.js';
import { contributorRole } from './reviews.js';
import type { Pusher } from './types.js';
import { isBotAccount, normalizeLogin } from './types.js';

/** Who took a label off, besides the author: whether they pushed decides whether it still stands. */
export function labelRemovers(removals: readonly LabelRemoval[], author: string): Pusher[] {
  return removals.flatMap((r): Pusher[] =>
    r.by === undefined || normalizeLogin(r.by) === normalizeLogin(author)
      ? []
      : [{ login: r.by, ...(r.byId === undefined ? {} : { id: r.byId }) }],
  );
}

export function labelsThatStand(
  labels: readonly string[],
  removals: readonly LabelRemoval[],
  contributors: ReadonlyMap<string, string>,
): string[] {
  const standing = removals.filter(
    (r) =>
      r.by === undefined ||
      isBotAccount(r.by, r.byBot) ||
      contributorRole(contributors, r.by, r.byId) !== undefined,
  );
  return [...labels, ...standing.map((r) => r.label)];
}
