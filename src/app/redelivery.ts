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
 * attempt failed. The handlers run again on a queue that takes jobs: bounded work (one request per
 * 100 deliveries in that time, one per failed one), and idempotent (the queue takes a delivery's job
 * once). Replicas that connect together do not each redeliver: the first to claim an attempt in Redis
 * does. An attempt that fails again is another attempt, redelivered at the next connection.
 */
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import { deliveriesSince, failedDeliveries, redeliver } from '../adapters/github/deliveries.js';
import { loggedError } from './log-text.js';
import type { Logger } from './jobs.js';
import type { Claim } from './queue-redis.js';

/** How far back failed deliveries are redelivered by default (`AppOptions.redeliverWithinMs`). */
export const REDELIVER_WITHIN_MS = 24 * 3_600_000;

export interface RedeliveryDeps {
  /** Authenticated as the app itself (its delivery record). */
  appOctokit(): Promise<Octokit>;
  claim: Claim;
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
}

export async function redeliverFailed(deps: RedeliveryDeps): Promise<RedeliverySummary> {
  const client = new GitHubClient(await deps.appOctokit(), '', '', deps.client);
  const since = new Date((deps.now?.() ?? Date.now()) - deps.withinMs);
  const failed = failedDeliveries(await deliveriesSince(client, since));
  const summary: RedeliverySummary = { failed: failed.length, redelivered: 0 };
  const keepSeconds = Math.ceil(deps.withinMs / 1000);
  for (const delivery of failed) {
    if (!(await deps.claim(`redelivery:${delivery.id}`, keepSeconds))) continue;
    try {
      await redeliver(client, delivery);
      summary.redelivered++;
    } catch (error) {
      deps.log.error(
        { err: loggedError(error), delivery: delivery.guid },
        'could not ask GitHub to deliver a failed delivery again: redeliver it from the app settings',
      );
    }
  }
  return summary;
}
