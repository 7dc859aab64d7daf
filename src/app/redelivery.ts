/**
 * Work a replica's queue refused while Redis was unreachable waits in that replica's memory (the
 * handlers' `defer`: re-offered every 30 s) and is lost if the replica dies before Redis is back —
 * a pull request past the first page of a config change or a sweep then keeps a success that no
 * longer holds. Redis kept its data, so no replica runs the recovery scan (recovery.ts), and nothing
 * in Redis can say what was refused while it was down. GitHub can: every delivery whose job the
 * queue refused was answered with an error (handlers/enqueue.ts), and GitHub keeps that failed
 * attempt in the app's delivery record, whichever replica took it and whether or not it still runs.
 *
 * So each replica, when it connects to a Redis that kept the queue — at start, and back after Redis
 * was unreachable — asks GitHub to deliver again every delivery of the last `withinMs` whose latest
 * attempt failed, and one replica does so every few minutes for the last few (a replica cut off from
 * Redis alone dies with its refused jobs while the others never reconnect). The handlers run again on
 * a queue that takes jobs: bounded work (one request per 100 deliveries read, one per failed one), and
 * idempotent (the queue takes a delivery's job once). Each failed attempt is claimed in Redis, so
 * replicas scanning together ask once, and a delivery is redelivered `MAX_REDELIVERIES` times at most:
 * one that fails whatever is done is then left to an admin.
 *
 * A busy organisation's day is hundreds of pages, and every replica of a rolling restart would read
 * them again: a scan reads only since where the last completed scan reached (a mark in Redis shared
 * by the replicas, `SCAN_MARK_LAG_MS` behind its start), never further back than `withinMs`. The mark
 * moves forward only, only past deliveries done for good (redelivered, or given up), and only by a
 * scan that began at or before it or read the whole `withinMs`, so no failed delivery falls behind
 * it unasked. Lost (Redis lost its data, or it expired), the next scan reads the whole window. */
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import { backgroundClient } from '../adapters/github/rate-limit-bound.js';
import type { Delivery } from '../adapters/github/deliveries.js';
import { deliveriesSince, failedDeliveries, redeliver } from '../adapters/github/deliveries.js';
import { loggedError, logText } from './log-text.js';
import type { Logger } from './jobs.js';
import type { Claims, SharedMark } from './redis-claims.js';

/** How far back failed deliveries are redelivered on connecting (`AppOptions.redeliverWithinMs`). */
export const REDELIVER_WITHIN_MS = 24 * 3_600_000;
/** The shared mark of how far the last completed scan reached (`<prefix>:mark:<this>` in Redis). */
export const REDELIVERY_SCAN_MARK = 'redelivery:scanned-until';
/** How often one replica looks for deliveries failed since (`AppOptions.redeliverEveryMs`). */
export const REDELIVER_EVERY_MS = 10 * 60_000;
/**
 * Redeliveries of one delivery at most within `withinMs`: one that fails whatever is done (a handler
 * that throws on it) is not redelivered for ever.
 */
export const MAX_REDELIVERIES = 3;

export interface RedeliveryDeps {
  /** Authenticated as the app itself (its delivery record). */
  appOctokit(): Promise<Octokit>;
  claims: Claims;
  /** How far back the scan reads at most. */
  withinMs: number;
  /**
   * Where the last completed scan reached, shared by replicas: the scan reads only since (never
   * further back than `withinMs`), and moves it on when done. Without it, the whole `withinMs`.
   * `longestMs`: how far back any scan reads (the scan on connecting), so how long a mark is worth
   * keeping.
   */
  scanned?: { mark: SharedMark; longestMs: number };
  log: Logger;
  client?: ClientOptions;
  now?: () => number;
}

export interface RedeliverySummary {
  /** Deliveries whose latest attempt failed. */
  failed: number;
  /** Those this replica asked GitHub to deliver again (others were claimed by another replica). */
  redelivered: number;
  /** Those redelivered `MAX_REDELIVERIES` times already, left failed (logged each). */
  givenUp: number;
}

/**
 * Deliveries attempted within this long before a scan may not be in GitHub's record yet, or not with
 * their answer, and GitHub's clock may differ from ours: a scan's mark stays this far behind it.
 */
export const SCAN_MARK_LAG_MS = 5 * 60_000;

/** What became of one failed delivery in a scan. */
type Fate =
  | 'redelivered'
  | 'given up'
  /** Given up by an earlier scan: nothing to do or say. */
  | 'left'
  /** Claimed by another replica now (or asked earlier, and the new attempt is not recorded yet). */
  | 'claimed elsewhere'
  /** GitHub refused to deliver it again: for the next scan. */
  | 'refused';

export async function redeliverFailed(deps: RedeliveryDeps): Promise<RedeliverySummary> {
  const client = new GitHubClient(await deps.appOctokit(), '', '', backgroundClient(deps.client));
  const now = deps.now?.() ?? Date.now();
  const from = Math.max(now - deps.withinMs, (await deps.scanned?.mark.read()) ?? 0);
  const failed = failedDeliveries(await deliveriesSince(client, new Date(from)));
  const summary: RedeliverySummary = { failed: failed.length, redelivered: 0, givenUp: 0 };
  let reached = now - SCAN_MARK_LAG_MS;
  for (const delivery of failed) {
    const fate = await redeliverOne(deps, client, delivery);
    if (fate === 'redelivered') summary.redelivered++;
    if (fate === 'given up') summary.givenUp++;
    // Not done for good: the mark stays before it, so the next scan reads it again.
    if (fate === 'claimed elsewhere' || fate === 'refused')
      reached = Math.min(reached, Date.parse(delivery.deliveredAt) - 1);
  }
  if (deps.scanned) {
    const { mark, longestMs } = deps.scanned;
    await mark.advance(from, reached, deps.withinMs >= longestMs, longestMs);
  }
  return summary;
}

async function redeliverOne(deps: RedeliveryDeps, client: GitHubClient, delivery: Delivery): Promise<Fate> {
  const claimed = await claimRedelivery(deps, delivery);
  if (typeof claimed !== 'object') return claimed;
  try {
    await redeliver(client, delivery);
    return 'redelivered';
  } catch (error) {
    // Not redelivered: the next scan (this replica's or another's) may try it again.
    await Promise.all([deps.claims.release(attemptClaim(delivery)), deps.claims.release(claimed.claim)]);
    deps.log.error(
      { err: loggedError(error), delivery: logText(delivery.guid) },
      'could not ask GitHub to deliver a failed delivery again: redeliver it from the app settings',
    );
    return 'refused';
  }
}

const attemptClaim = (delivery: Delivery) => `redelivery:attempt:${delivery.id}`;
const givenUpClaim = (delivery: Delivery) => `given-up:attempt:${delivery.id}`;

/**
 * The claim under which this replica redelivers `delivery`'s failed attempt: one per attempt (replicas
 * scanning together ask once), and one of `MAX_REDELIVERIES` per delivery. Else why not.
 */
async function claimRedelivery(
  deps: RedeliveryDeps,
  delivery: Delivery,
): Promise<{ claim: string } | 'given up' | 'left' | 'claimed elsewhere'> {
  const keep = Math.ceil(deps.withinMs / 1000);
  if (!(await deps.claims.take(attemptClaim(delivery), keep)))
    return (await deps.claims.held(givenUpClaim(delivery))) ? 'left' : 'claimed elsewhere';
  for (let n = 1; n <= MAX_REDELIVERIES; n++) {
    const name = `redelivery:${delivery.guid}:${n}`;
    if (await deps.claims.take(name, keep)) return { claim: name };
  }
  await deps.claims.take(givenUpClaim(delivery), keep);
  deps.log.error(
    { delivery: logText(delivery.guid), redeliveries: MAX_REDELIVERIES },
    'a delivery failed each time it was delivered again: not redelivered any more; see the app settings',
  );
  return 'given up';
}
