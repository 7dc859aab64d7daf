/**
 * The labels a rule's `when.labels` reads. A label adds requirements, so taking it off lifts them: as a
 * change request dismissed by the change's own side still blocks (reviews.ts), a label taken off by
 * whoever wrote or pushed the change, by a bot (a workflow token the author may control), or by someone
 * GitHub does not name, still stands. Taken off by anyone else (a maintainer), it is off.
 */
import { token } from '../core/inert-text.js';
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

/** The labels that stand, and for each one a rule names that stands though taken off, why, in words. */
export interface StandingLabels {
  labels: string[];
  notes: string[];
}

/**
 * `named`: the labels the rules name. A label of theirs taken off by the change's own side is said to
 * stand, and who may take it off: an author who added it by mistake cannot, a maintainer can.
 */
export function labelsThatStand(
  labels: readonly string[],
  removals: readonly LabelRemoval[],
  contributors: ReadonlyMap<string, string>,
  named: readonly string[],
): StandingLabels {
  const standing = removals.flatMap((r) => {
    const why = whyItStands(r, contributors);
    return why === undefined ? [] : [{ label: r.label, why }];
  });
  const ruled = new Set(named.map((label) => label.toLowerCase()));
  return {
    labels: [...labels, ...standing.map((s) => s.label)],
    notes: standing
      .filter((s) => ruled.has(s.label.toLowerCase()))
      .map(
        (s) =>
          `Label ${token(s.label)} still applies: ${s.why}. Only someone who did not write or push this change (a maintainer) can take it off; if it was added by mistake, ask one to.`,
      ),
  };
}

/** Why a label taken off still stands, or undefined when the removal counts. */
function whyItStands(removal: LabelRemoval, contributors: ReadonlyMap<string, string>): string | undefined {
  if (removal.by === undefined) return "GitHub's events do not say who took it off";
  if (isBotAccount(removal.by, removal.byBot))
    return `@${removal.by} took it off, and a bot's removal does not count (a workflow token may be the author's)`;
  const role = contributorRole(contributors, removal.by, removal.byId);
  return role === undefined ? undefined : `@${removal.by} took it off, and is ${role}`;
}
