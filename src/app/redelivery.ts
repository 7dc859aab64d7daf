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
 * a queue that takes jobs: bounded work (one request per 100 deliveries in that time, one per failed
 * one), and idempotent (the queue takes a delivery's job once). Each failed attempt is claimed in
 * Redis, so replicas scanning together ask once, and a delivery is redelivered `MAX_REDELIVERIES`
 * times at most: one that fails whatever is done is then left to an admin. */
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import type { Delivery } from '../adapters/github/deliveries.js';
import { deliveriesSince, failedDeliveries, redeliver } from '../adapters/github/deliveries.js';
import { loggedError, logText } from './log-text.js';
import type { Logger } from './jobs.js';
import type { Claims } from './queue-redis.js';

/** How far back failed deliveries are redelivered on connecting (`AppOptions.redeliverWithinMs`). */
export const REDELIVER_WITHIN_MS = 24 * 3_600_000;
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
  withinMs: number;
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

export async function redeliverFailed(deps: RedeliveryDeps): Promise<RedeliverySummary> {
  const client = new GitHubClient(await deps.appOctokit(), '', '', deps.client);
  const since = new Date((deps.now?.() ?? Date.now()) - deps.withinMs);
  const failed = failedDeliveries(await deliveriesSince(client, since));
  const summary: RedeliverySummary = { failed: failed.length, redelivered: 0, givenUp: 0 };
  for (const delivery of failed) {
    const claimed = await claimRedelivery(deps, delivery);
    if (claimed === 'given up') summary.givenUp++;
    if (typeof claimed !== 'string' || claimed === 'given up') continue;
    try {
      await redeliver(client, delivery);
      summary.redelivered++;
    } catch (error) {
      // Not redelivered: the next scan (this replica's or another's) may try it again.
      await Promise.all([deps.claims.release(attemptClaim(delivery)), deps.claims.release(claimed)]);
      deps.log.error(
        { err: loggedError(error), delivery: logText(delivery.guid) },
        'could not ask GitHub to deliver a failed delivery again: redeliver it from the app settings',
      );
    }
  }
  return summary;
}

const attemptClaim = (delivery: Delivery) => `redelivery:attempt:${delivery.id}`;

/**
 * The claim under which this replica redelivers `delivery`'s failed attempt: one per attempt (replicas
 * scanning together ask once), and one of `MAX_REDELIVERIES` per delivery.
 */
async function claimRedelivery(
  deps: RedeliveryDeps,
  delivery: Delivery,
): Promise<string | 'given up' | undefined> {
  const keep = Math.ceil(deps.withinMs / 1000);
  if (!(await deps.claims.take(attemptClaim(delivery), keep))) return undefined;
  for (let n = 1; n <= MAX_REDELIVERIES; n++) {
    const name = `redelivery:${delivery.guid}:${n}`;
    if (await deps.claims.take(name, keep)) return name;
  }
  deps.log.error(
    { delivery: logText(delivery.guid), redeliveries: MAX_REDELIVERIES },
    'a delivery failed each time it was delivered again: not redelivered any more; see the app settings',
  );
  return 'given up';
}
