/**
 * What the reviews file's `events` say — GitHub's issue events of the pull request, as
 * `gh api repos/OWNER/REPO/issues/NUMBER/events` prints them — read and derived by the app's own code:
 * what each dismissed review had been and who dismissed it, who took labels off, and when the base
 * branch was last changed. The same answers give the same facts at every door.
 */
import { labelRemovalsIn, latestRetarget, withDismissals } from '../adapters/github/issue-event-facts.js';
import { issueEventsIn } from '../adapters/github/issue-events.js';
import type { IssueEvent } from '../adapters/github/issue-events.js';
import { ShapeError } from '../adapters/github/shapes.js';
import type { LabelRemoval } from '../signoff/facts.js';
import type { Review } from '../signoff/types.js';
import { UsageError } from './io.js';

/** The facts the events give; without them (`given` false) the reviews and the file's own time as read. */
export interface EventFacts {
  given: boolean;
  /** The reviews, a dismissed one with what it was and who dismissed it where the events say. */
  reviews: Review[];
  /** Labels taken off, and by whom; undefined without events. */
  labelRemovals: LabelRemoval[] | undefined;
  /** The later of the file's `retargetedAt` and the events' latest change of base. */
  retargetedAt: string | undefined;
}

/** `raw`: the file's `events` (undefined: not given); `file`: the reviews file, for errors. */
export function eventFactsOf(
  raw: unknown,
  reviews: Review[],
  retargetedAt: string | undefined,
  file: string,
): EventFacts {
  if (raw === undefined) return { given: false, reviews, labelRemovals: undefined, retargetedAt };
  const events = readEvents(raw, file);
  const retargeted = latestRetargetIn(events, file);
  return {
    given: true,
    reviews: withDismissals(reviews, events),
    labelRemovals: labelRemovalsIn(events),
    retargetedAt: later(retargetedAt, retargeted),
  };
}

function readEvents(raw: unknown, file: string): IssueEvent[] {
  try {
    return issueEventsIn(raw, 'events');
  } catch (error) {
    if (error instanceof ShapeError) throw new UsageError(`--reviews ${file}: ${error.message}`);
    throw error;
  }
}

/** A change of base without a time places no approval before or after it: the file is refused. */
function latestRetargetIn(events: readonly IssueEvent[], file: string): string | undefined {
  try {
    return latestRetarget(events);
  } catch (error) {
    throw new UsageError(`--reviews ${file}: "events": ${(error as Error).message}`);
  }
}

function later(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined || b === undefined) return a ?? b;
  return Date.parse(a) >= Date.parse(b) ? a : b;
}
