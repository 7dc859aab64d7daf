/**
 * Jobs the queue refused, offered to it again by this process (`AppRuntime.defer`): a sweep or a
 * marked delivery must still run once Redis takes jobs again. Refused again, a job waits longer each
 * time — the first wait doubled per offer, up to ten times the first (30 s grows to 5 min) — and
 * after `offers` refused offers it is no longer offered: a queue that stays refused (replicas that
 * lag for good, a Redis that stays down) must not have every replica add the same jobs for ever. That
 * give-up is logged (an `error` per job, with why) and handed to `givenUp`, which says so on the
 * checks; the delivery failed when it was refused, so GitHub's record still lets it be redelivered
 * (redelivery.ts), and a push or a re-run runs it.
 */
import type { EnqueueResult } from './queue.js';
import type { JobDescriptor, Logger } from './jobs.js';
import { laneOf, nameLaneOf } from './jobs.js';
import { loggedError } from './log-text.js';
import { NotReplicated } from './queue-redis-replication.js';

/** How long a refused job first waits before it is offered again (`AppOptions.deferredRetryMs`). */
export const DEFERRED_FIRST_WAIT_MS = 30_000;
/** How many times a refused job is offered again before it is given up (`AppOptions.deferredOffers`). */
export const DEFERRED_OFFERS = 8;
/** The longest wait between two offers, as a multiple of the first: a Redis back is used within minutes. */
const CEILING_FACTOR = 10;

export interface DeferralTiming {
  firstWaitMs: number;
  offers: number;
}

/** Why the queue would not keep a job, as the checks say it: from the error's type, no foreign text. */
export type RefusalReason = 'not-replicated' | 'unreachable';

/** What a job given up is handed to: the refusals it met and the last one's reason. */
export interface GivenUpOffering {
  offers: number;
  reason: RefusalReason;
}

export interface DeferredJobs {
  add(job: JobDescriptor, log: Logger): void;
  stop(): void;
}

/** The wait before offer `offer` (1 for the first offer again): doubled each time, up to the ceiling. */
export function deferralWaitMs(firstWaitMs: number, offer: number): number {
  return Math.min(firstWaitMs * 2 ** (offer - 1), firstWaitMs * CEILING_FACTOR);
}

export function refusalReason(error: unknown): RefusalReason {
  return error instanceof NotReplicated ? 'not-replicated' : 'unreachable';
}

interface Waiting {
  job: JobDescriptor;
  log: Logger;
  /** Offers made again so far, all refused. */
  offers: number;
  dueAt: number;
}

/**
 * The jobs waiting to be offered again, each on its own schedule; one timer, set for the earliest,
 * runs only while some wait and does not keep the process alive. Offers are made one at a time.
 */
export function deferredJobs(
  enqueue: (job: JobDescriptor, log: Logger) => Promise<EnqueueResult>,
  timing: DeferralTiming,
  givenUp: (job: JobDescriptor, log: Logger, why: GivenUpOffering) => Promise<void>,
): DeferredJobs {
  const waiting = new Map<string, Waiting>();
  let timer: { handle: NodeJS.Timeout; dueAt: number } | undefined;
  let offering = false;
  const schedule = () => {
    if (offering || waiting.size === 0) return;
    const next = Math.min(...[...waiting.values()].map((entry) => entry.dueAt));
    // A job refused now must not wait for an older job's longer wait: the timer follows the earliest.
    if (timer && timer.dueAt <= next) return;
    if (timer) clearTimeout(timer.handle);
    const handle = setTimeout(() => void offerDue(), Math.max(0, next - performance.now()));
    handle.unref();
    timer = { handle, dueAt: next };
  };
  const refusedAgain = (key: string, entry: Waiting, error: unknown) => {
    entry.offers += 1;
    const { job, log, offers } = entry;
    if (offers < timing.offers) {
      const waitMs = deferralWaitMs(timing.firstWaitMs, offers + 1);
      entry.dueAt = performance.now() + waitMs;
      log.warn(
        { err: loggedError(error), offers },
        `the queue refused the ${job.kind} job again: offered again in ${waitMs} ms`,
      );
      return;
    }
    waiting.delete(key);
    log.error(
      { err: loggedError(error), offers },
      `the queue refused the ${job.kind} job ${offers} more times: no longer offered; ` +
        'redeliver its delivery, re-run its check or push to run it',
    );
    void givenUp(job, log, { offers, reason: refusalReason(error) }).catch((markError: unknown) =>
      log.error({ err: loggedError(markError) }, `could not mark the checks of the ${job.kind} job given up`),
    );
  };
  const offerDue = async () => {
    timer = undefined;
    offering = true;
    try {
      for (const [key, entry] of waiting) {
        if (entry.dueAt > performance.now()) continue;
        await enqueue(entry.job, entry.log).then(
          () => waiting.delete(key),
          (error: unknown) => refusedAgain(key, entry, error),
        );
      }
    } finally {
      offering = false;
      schedule();
    }
  };
  return {
    add(job, log) {
      // By lane, as the queue takes deliveries (a job without its lane is refused there, not here).
      const key = `${job.deliveryId}:${laneKeyOf(job)}:${job.kind}`;
      const known = waiting.get(key);
      // Refused again through another door (a redelivery): the same job, on the schedule it has.
      if (known) {
        Object.assign(known, { job, log });
        return;
      }
      const waitMs = deferralWaitMs(timing.firstWaitMs, 1);
      waiting.set(key, { job, log, offers: 0, dueAt: performance.now() + waitMs });
      log.warn(
        {},
        `the queue refused the ${job.kind} job: offered again in ${waitMs} ms, up to ${timing.offers} times`,
      );
      schedule();
    },
    stop() {
      if (timer) clearTimeout(timer.handle);
      timer = undefined;
      waiting.clear();
    },
  };
}

/** A job's lane, or its name's when it has none (the queue refuses it then, with the reason). */
function laneKeyOf(job: JobDescriptor): string {
  try {
    return laneOf(job);
  } catch {
    return nameLaneOf(job);
  }
}
