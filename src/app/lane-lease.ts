/**
 * A job's lease on its lane (one pull request) in Redis, as the replica running it can know it
 * without asking Redis: a job may act on GitHub only while it holds.
 *
 * The lane key is set with a TTL and renewed while the job runs; another job takes the lane only once
 * the key is gone (`SET NX`). So the holder counts the TTL from when it *sent* its last successful
 * renewal (Redis started it later), less a margin, and its lease lapses before Redis can hand the
 * lane on. A replica frozen past that (a long pause, a stopped container, a VM moved) finds the lease
 * lapsed the moment it wakes, before any renewal is answered. A renewal Redis refuses (the key holds
 * another job, or is gone: Redis restarted empty) ends the lease for good; one Redis does not answer
 * changes nothing, and the lease lapses if that lasts. Time is the monotonic clock's, so a wall clock
 * set forward or back, or skewed against the other replicas', changes nothing either.
 */
import type { Octokit } from '../adapters/github/client.js';
import type { Lease } from './queue.js';
import { LeaseLost } from './queue.js';

/** The part of the lane key's TTL the holder counts on (the rest absorbs clock-rate drift and delays). */
const TRUSTED_PART = 0.8;

export class LaneLease implements Lease {
  private validUntil: number;
  private ended = false;

  constructor(
    private readonly ttlMs: number,
    takenAt: number,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.validUntil = takenAt + ttlMs * TRUSTED_PART;
  }

  held(): boolean {
    return !this.ended && this.now() < this.validUntil;
  }

  /** Ends the lease here and now (the job is handed back): its run may write nothing more. */
  end(): void {
    this.ended = true;
  }

  /** Renews with `renewal` (1: Redis still holds the lane for this job); a refusal ends the lease. */
  async renew(renewal: () => Promise<number>): Promise<void> {
    if (this.ended) return;
    const sent = this.now();
    let answer: number;
    try {
      answer = await renewal();
    } catch {
      return; // Redis did not answer: the lease lapses on its own if that lasts
    }
    if (answer === 1) this.validUntil = Math.max(this.validUntil, sent + this.ttlMs * TRUSTED_PART);
    else this.ended = true;
  }
}

/**
 * Refuses every request of a job whose lease no longer holds: when it is made, and again at the last
 * moment, in its fetch — after the throttle's wait for the write's turn (shared-throttle.ts wraps the
 * fetch this sets, when its hook was registered before this one), which may last seconds.
 */
export function fenceOctokit(octokit: Octokit, lease: Lease): void {
  octokit.hook.before('request', (options) => {
    if (!lease.held()) throw new LeaseLost();
    const request: Record<string, unknown> = { ...options.request };
    const fetch = (request.fetch as typeof globalThis.fetch | undefined) ?? globalThis.fetch;
    request.fetch = (input: string | URL | Request, init?: RequestInit) => {
      if (!lease.held()) {
        // Octokit reports a throw here as "no answer" (500), which its retry plugin retries for 14 s:
        // a lapsed lease does not come back. The plugin reads `retries` when the error arrives, from
        // the options every hook shares — whose `request` is the copy of the hook that ran last.
        (options.request as Record<string, unknown>).retries = 0;
        throw new LeaseLost();
      }
      return fetch(input, init);
    };
    options.request = request as typeof options.request;
  });
}

/**
 * A permit for a job's request, while the job's lease holds: checked when asked and again when the
 * throttle lets the request start (a frozen replica may wake up in between), so a request goes out
 * only if its lease held a moment before.
 */
export async function leased(
  lease: Lease | undefined,
  permit: () => Promise<() => void>,
): Promise<() => void> {
  if (lease && !lease.held()) throw new LeaseLost();
  const release = await permit();
  if (lease && !lease.held()) {
    release();
    throw new LeaseLost();
  }
  return release;
}
