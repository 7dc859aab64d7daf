/**
 * How the app is set up: what the entry (index.ts, from the environment) and the tests choose; every
 * option has a default, so `{}` is a working app.
 */
import type { RuleSet } from '../engine/rule-set.js';
import type { ClientOptions } from '../adapters/github/client.js';
import type { RetryPolicy } from './queue.js';
import type { RedisQueueOptions } from './queue-redis-options.js';
import type { JobBudget } from './job-budget.js';
import type { Spacing } from './shared-throttle.js';

export interface AppOptions {
  checkName?: string;
  /** Jobs running at once in this process, across pull requests (default 4). */
  concurrency?: number;
  ruleSet?: RuleSet;
  docsUrl?: string;
  client?: ClientOptions;
  /** The app's own login (`<slug>[bot]`); looked up once (with its id) when not given. */
  botLogin?: string;
  /** The app's id: only check runs it created are adopted. Looked up once when not given. */
  appId?: number;
  /** The "Blueprint sign-off" check (default on). */
  signoff?: boolean;
  /** Retries of a job that throws (default: 4 attempts, 2 s doubling). */
  retry?: RetryPolicy;
  /**
   * Run jobs in worker threads (one per concurrent job), so reviews never stall the webhook server;
   * they make their GitHub requests themselves, with this thread's installation tokens, throttle
   * (request-limiter.ts) and blob cache. Needs the default rules and client
   * settings (`ruleSet` and `client` stay in this thread). `npm start` turns it on.
   */
  workerThreads?: boolean;
  /**
   * The worker threads' entry module. Default: worker-thread.js beside this module, or, when the app
   * runs from its TypeScript sources, worker-thread.ts through tsx — which transpiles the engine
   * again in every thread (a second of CPU each), so tests that run the app from its sources give
   * the built one.
   */
  workerEntry?: URL;
  /**
   * With worker threads: each job's CPU-time limit and each thread's heap limit (default 10 minutes,
   * 512 MB) — a job past either is stopped and fails closed, never retried — and its wall-clock limit
   * (default three times the CPU time), past which it is ended and retried (job-budget.ts).
   */
  jobBudget?: JobBudget;
  /**
   * The open pull requests one config change on their base reviews again (default 20, the newest);
   * the others' successes under the old config are replaced by failures (stale-checks.ts).
   */
  reviewsPerConfigChange?: number;
  /**
   * The open pull requests one move of their base's blueprint evaluates again (default 20, the newest);
   * the others' sign-off successes are replaced by failures (stale-checks.ts).
   */
  rechecksPerBaseMove?: number;
  /**
   * The open pull requests one page of a sweep queues (default 100): an organisation-wide event (a
   * config other repositories extend, a team's membership) walks them all, a page per job (sweep.ts).
   */
  pullRequestsPerSweepPage?: number;
  /**
   * How long a job the queue refused (Redis unreachable) waits before it is offered to it again
   * (default 30 s); each refusal doubles the wait, up to ten times this (deferred-jobs.ts).
   */
  deferredRetryMs?: number;
  /** How many times a refused job is offered again before it is given up (default 8). */
  deferredOffers?: number;
  /** Redis for the queue (BullMQ), shared by every replica; without it jobs wait in this process. */
  redisUrl?: string;
  /**
   * Look through every installation for work the queue lost and queue it again (recovery.ts): without
   * Redis on start (a crash loses the in-process queue), with it when Redis is found without the
   * queue (new, or restarted without persistence). `npm start` turns it on.
   */
  recoverAtStart?: boolean;
  /** Without Redis: how long after a scan at start that failed it is made again (default 60 s, 5 scans at most). */
  recoveryRetryMs?: number;
  /**
   * With Redis and `recoverAtStart`: on connecting to a Redis that kept the queue (at start, or back
   * after it was unreachable), the deliveries of this long ago (default 24 h) whose latest attempt
   * failed are delivered again (redelivery.ts) — a job the queue refused meanwhile waited only in the
   * memory of the replica that refused it.
   */
  redeliverWithinMs?: number;
  /** How often one of the replicas looks for deliveries that failed since (default 10 min). */
  redeliverEveryMs?: number;
  /**
   * How far apart an installation's writes, notifying writes and searches start, in the app's own
   * throttle (worker threads' requests; with Redis, across replicas). Default GitHub's guidance
   * (1 s, 3 s, 2 s); tests shorten it so as not to wait it out. Probot's own throttle is not affected.
   */
  spacingMs?: Spacing;
  /** Tuning of the Redis queue (lock and stalled-check intervals, polling, replicas to wait for, how long a command waits). */
  redisQueue?: Partial<
    Pick<
      RedisQueueOptions,
      'prefix' | 'lockMs' | 'stalledIntervalMs' | 'pollMs' | 'replicasToAcknowledge' | 'commandTimeoutMs'
    >
  >;
}
