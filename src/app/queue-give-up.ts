/**
 * The marks of a job given up (its checks failed with the reason, a success it was to replace
 * withdrawn: `JobHandlers.abandoned`) that GitHub refused for a while — a rate limit, no answer. They
 * are the only trace on GitHub of why the job ended: only logged, they would leave its check
 * `in_progress`, or absent, or a success standing, for good. Both queues mark such a job again later,
 * in its lane (nothing newer of the pull request runs while it marks), no sooner than the limit asked,
 * a bounded number of times.
 *
 * Between two tries the lane is free: a newer job of the pull request (a re-run, a review submitted)
 * may run and write its verdict first. A later try leaves it as it is: the first try records GitHub's
 * time of its latest answer (`since`, the `Date` of that answer: answer-clock.ts), and a later try
 * replaces no verdict GitHub completed after it (`completedAfter`, GitHub's `completed_at`) — what
 * stood before the give-up, the success it was to withdraw, it still replaces. A first try that got no
 * answer at all records nothing: the first try that gets one sets `since` (a success written between
 * the two is replaced — closed, never open). Holding the lane until the marks are written instead
 * would keep every newer verdict of the pull request waiting out the rate limit that refused them,
 * and a sweep's marks are written outside the lanes of the pull requests they mark.
 */
import type { BudgetLimit } from './job-budget.js';
import { JobStopped } from './job-budget.js';
import type { RetryPolicy } from './queue.js';
import { retryDelay } from './queue.js';

/** `abandoned` rejects with it when some of the job's marks could not be written yet. */
export class MarksNotWritten extends Error {
  override readonly name = 'MarksNotWritten';
  constructor(
    /** What GitHub answered: a rate limit says how long to wait (retry-wait.ts). */
    cause: unknown,
    /** GitHub's time of the latest answer the try got (answer-clock.ts), when it got one. */
    readonly answeredAt?: string,
  ) {
    super(
      `the checks of the job given up could not be marked yet: ${cause instanceof Error ? cause.message : String(cause)}`,
      { cause },
    );
  }
}

/** How often the marks of a job given up are tried in all. */
export const MARKING_ATTEMPTS = 4;

/** A job given up whose marks are still to be written: why it was given up, and which try is next. */
export interface PendingMarks {
  reason: string;
  /** Attempts the job made before it was given up. */
  attempts: number;
  /** The next try of the marks (2 for the first one after the give-up). */
  marking: number;
  /**
   * The budget limit that stopped the job, when one did: a later try marks the review check with the
   * stop's own output (which limit, what to do) as the first did. Plain data, as a queue on Redis
   * keeps it; the error itself does not survive that.
   */
  stopped?: BudgetLimit;
  /**
   * GitHub's time (an answer's `Date`) of the latest answer of the first try that got one: a later
   * try leaves any verdict GitHub completed after it. Unset until a try got an answer.
   */
  since?: string;
}

/** Which try of a job's marks `abandoned` makes: what it is told of the tries before and after it. */
export interface MarkingTry {
  /** GitHub's time of the first try that got an answer (`PendingMarks.since`). */
  since?: string;
  /** No try follows: what this one cannot write or read is given up for good (and logged so). */
  last: boolean;
}

/** The try `marks` are for; `closing`: the queue tries none later (an in-process queue closing). */
export function markingTry(marks: PendingMarks, closing = false): MarkingTry {
  return {
    ...(marks.since !== undefined ? { since: marks.since } : {}),
    last: closing || marks.marking >= MARKING_ATTEMPTS,
  };
}

/** The marks of a job given up after `attempts`, its last one ending with `error`: their first try. */
export function firstMarks(reason: string, attempts: number, error: unknown): PendingMarks {
  return { reason, attempts, marking: 1, ...(error instanceof JobStopped ? { stopped: error.limit } : {}) };
}

/**
 * What a later try of the marks hands `abandoned` as the job's error, rebuilt from its data: the stop,
 * when a budget limit stopped the job (its checks say so), else the reason.
 */
export function errorOfMarks(marks: PendingMarks): Error {
  return marks.stopped ? new JobStopped(marks.stopped) : new Error(marks.reason);
}

/**
 * The next try of `marks` after theirs ended with `outcome` (what `abandoned` rejected with, undefined
 * when it did not), and when: after the queue's backoff and no sooner than a limit asked; none when
 * they were written, failed for good, or have had their tries. It keeps the `since` of the first try
 * that got an answer.
 */
export function nextMarking(
  policy: RetryPolicy,
  marks: PendingMarks,
  outcome: unknown,
): { marks: PendingMarks; delayMs: number } | undefined {
  if (!(outcome instanceof MarksNotWritten) || marks.marking >= MARKING_ATTEMPTS) return undefined;
  const since = marks.since ?? outcome.answeredAt;
  return {
    marks: { ...marks, marking: marks.marking + 1, ...(since !== undefined ? { since } : {}) },
    delayMs: retryDelay(policy, marks.marking, outcome),
  };
}
