/**
 * What the app's handlers share: the job queue, the settings, and the test for events the app caused
 * itself. Created once per Probot app. Handlers turn events into job descriptors (jobs.ts) and
 * enqueue them; the queue runs each job with an octokit for its installation, logs it with the
 * delivery, repository, pull request and head on every line, and follows a review that found a newer
 * head with a review of that head. This module only composes: settings (runtime-settings.ts), who
 * the app is (identity-lookup.ts), GitHub access (github-access.ts), what the queue calls around
 * each job (job-handlers.ts), the queue itself, recovery at start and shutdown.
 */
import type { Probot } from 'probot';
import { BlobCache } from '../adapters/github/file-source.js';
import { REVIEW_CHECK_NAME } from './check-name.js';
import type { JobDescriptor, JobSettings, Logger } from './jobs.js';
import { logBindings } from './jobs.js';
import type { DelayedChecks } from './delayed-checks.js';
import { jobsMarkedFor, markNoLongerOffered } from './delayed-checks.js';
import type { DeferralTiming } from './deferred-jobs.js';
import { DEFERRED_FIRST_WAIT_MS, DEFERRED_OFFERS, deferredJobs } from './deferred-jobs.js';
import type { HttpHandler } from './http.js';
import { operationsHandler } from './http.js';
import { AppMetrics } from './metrics.js';
import type { ThreadRunner } from './threads.js';
import type { EnqueueResult, JobHandlers, JobQueue } from './queue.js';
import { InProcessQueue } from './queue-in-process.js';
import { RedisQueue } from './queue-redis.js';
import type { SharedThrottle } from './shared-throttle.js';
import { recoverUnfinished } from './recovery.js';
import {
  REDELIVER_EVERY_MS,
  REDELIVER_WITHIN_MS,
  REDELIVERY_SCAN_MARK,
  redeliverFailed,
} from './redelivery.js';
import type { ReplicasShare } from './redis-claims.js';
import { evictingPolicySaid } from './redis-policy.js';
import { PULL_REQUESTS_PER_PAGE } from './sweep.js';
import { RECHECKS_PER_BASE_MOVE, REVIEWS_PER_CONFIG_CHANGE } from './stale-checks.js';
import type { ReviewSettings } from './review-job.js';
import type { IdentityLookup } from './identity-lookup.js';
import { identityLookup, ownEventTest } from './identity-lookup.js';
import { jobSettingsFor } from './runtime-settings.js';
import type { OctokitFor } from './github-access.js';
import { appOctokit, installationOctokits, sharedThrottleFor, workerThreadsFor } from './github-access.js';
import { jobHandlers } from './job-handlers.js';
import type { AppOptions } from './app-options.js';
import { loggedError } from './log-text.js';

export { REVIEW_CHECK_NAME };

export type { AppOptions };

export interface AppRuntime {
  queue: JobQueue;
  metrics: AppMetrics;
  settings: ReviewSettings;
  /** What each job runs with (the review's settings and the sign-off's). */
  jobSettings: JobSettings;
  /** The open pull requests one config change reviews again; the rest are marked (stale-checks.ts). */
  reviewsPerConfigChange: number;
  /** The open pull requests one move of their base evaluates again; the rest are marked (stale-checks.ts). */
  rechecksPerBaseMove: number;
  /** The open pull requests one page of a sweep queues (sweep.ts). */
  pullRequestsPerSweepPage: number;
  /** Queues a job; the log line says whether it was queued or a duplicate. */
  enqueue(job: JobDescriptor, log: Logger): Promise<EnqueueResult>;
  /** True for events whose sender is this app (its own actions must not trigger it again). */
  isOwnEvent(sender: { type?: string; login?: string } | undefined): Promise<boolean>;
  /** The app's own login (`<slug>[bot]`). */
  botLogin(): Promise<string>;
  /** The app's id (GitHub's `app_id` of the check runs it creates). */
  appId(): Promise<number>;
  /**
   * Queues `job` once the queue takes jobs again, offered again after `deferredRetryMs` (default
   * 30 s), then after waits that double up to 5 min, `deferredOffers` times (default 8) before it is
   * given up and its checks say so (deferred-jobs.ts): a sweep (sweep.ts) the queue refused must
   * still run. Held by this process only: lost with it, so the delivery that asked for it fails as
   * well, and a replica (on connecting, or every 10 min) has GitHub deliver it again (redelivery.ts).
   */
  defer(job: JobDescriptor, log: Logger): void;
  /** What to write when the queue cannot take a job (fail closed). */
  delayedChecks: DelayedChecks;
  /** `/healthz`, `/readyz` and `/metrics`. */
  http: HttpHandler;
  /** Graceful shutdown: no new jobs; the running ones finish within `graceMs` or are handed back. */
  close(graceMs: number): Promise<void>;
}

export function createRuntime(app: Probot, options: AppOptions = {}): AppRuntime {
  const identity = identityLookup(app, options, options.client);
  const blobs = new BlobCache();
  const jobSettings = jobSettingsFor({ app, options, identity, blobs });
  const jobLog = (job: JobDescriptor) => app.log.child(logBindings(job));
  const metrics = new AppMetrics(() => jobs);
  const throttle = sharedThrottleFor(app, options);
  const octokitFor = installationOctokits(app, metrics, throttle);
  const concurrency = options.concurrency ?? 4;
  const threads = workerThreadsFor({
    app,
    options,
    concurrency,
    checkName: jobSettings.review.checkName,
    signoff: jobSettings.signoff !== undefined,
    identity,
    metrics,
    throttle,
    blobs,
  });
  const handlers = jobHandlers({ jobSettings, metrics, octokitFor, threads, jobLog, enqueue });
  const recover = (why: string) => startRecovery({ app, identity, jobSettings, octokitFor, enqueue }, why);
  const redeliveries = redeliveriesFor(app, options);
  const evicting = (policy: string) => app.log.error(evictingPolicySaid(policy));
  const catchUp = { recover, redeliver: redeliveries.connected, evicting };
  const jobs = createQueue(handlers, options, concurrency, catchUp);
  const startScan =
    options.recoverAtStart && !options.redisUrl
      ? scanUntilDone(() => recover('the in-process queue starts empty'), options.recoveryRetryMs)
      : undefined;

  function enqueue(job: JobDescriptor, log: Logger): Promise<EnqueueResult> {
    return enqueueCounted(jobs, metrics, job, log);
  }
  const delayedChecks: DelayedChecks = {
    reviewCheckName: jobSettings.review.checkName,
    signoff: jobSettings.signoff !== undefined,
    appId: identity.appId,
  };
  const deferred = deferredJobs(enqueue, deferralTiming(options), async (job, log, why) => {
    const octokit = await octokitFor(job.installationId);
    // The checks its refusal marked delayed: a sweep's are its first page's.
    for (const marked of await jobsMarkedFor(octokit, job, jobSettings.review.client, log))
      await markNoLongerOffered(octokit, marked, delayedChecks, log, why);
  });
  const stop = (graceMs: number) => {
    startScan?.stop();
    deferred.stop();
    redeliveries.stop();
    return shutDown({ jobs, threads, throttle, options, jobLog }, graceMs);
  };
  return runtimeOf(
    { app, jobs, metrics, threads, jobSettings, identity, delayedChecks, enqueue, defer: deferred.add, stop },
    options,
  );
}

/** What `createRuntime` made, as the handlers see it. */
interface RuntimeParts {
  app: Probot;
  jobs: JobQueue;
  metrics: AppMetrics;
  threads: ThreadRunner | undefined;
  jobSettings: JobSettings;
  identity: IdentityLookup;
  delayedChecks: DelayedChecks;
  enqueue(job: JobDescriptor, log: Logger): Promise<EnqueueResult>;
  defer(job: JobDescriptor, log: Logger): void;
  stop(graceMs: number): Promise<void>;
}

function runtimeOf(parts: RuntimeParts, options: AppOptions): AppRuntime {
  const { jobs, metrics, threads, jobSettings, identity, enqueue } = parts;
  const settings = jobSettings.review;
  return {
    queue: jobs,
    metrics,
    http: operationsHandler(jobs, metrics, () => threads?.unavailable()?.message),
    delayedChecks: parts.delayedChecks,
    close: parts.stop,
    defer: parts.defer,
    settings,
    jobSettings,
    reviewsPerConfigChange: options.reviewsPerConfigChange ?? REVIEWS_PER_CONFIG_CHANGE,
    rechecksPerBaseMove: options.rechecksPerBaseMove ?? RECHECKS_PER_BASE_MOVE,
    pullRequestsPerSweepPage: options.pullRequestsPerSweepPage ?? PULL_REQUESTS_PER_PAGE,
    enqueue,
    botLogin: identity.login,
    appId: identity.appId,
    isOwnEvent: ownEventTest(identity, parts.app.log),
  };
}

/** How refused jobs are offered to the queue again (deferred-jobs.ts). */
function deferralTiming(options: AppOptions): DeferralTiming {
  return {
    firstWaitMs: options.deferredRetryMs ?? DEFERRED_FIRST_WAIT_MS,
    offers: options.deferredOffers ?? DEFERRED_OFFERS,
  };
}

/**
 * In process, or on Redis shared by every replica (which may find Redis without the queue, or
 * connect to one that kept it while jobs it refused meanwhile were lost with another replica).
 */
function createQueue(
  handlers: JobHandlers,
  options: AppOptions,
  concurrency: number,
  catchUp: {
    recover(why: string): Promise<void>;
    redeliver(shared: ReplicasShare): void;
    evicting(policy: string): void;
  },
): JobQueue {
  const retry = options.retry ? { retry: options.retry } : {};
  if (!options.redisUrl) return new InProcessQueue(handlers, { concurrency, ...retry });
  // Redis found without the queue (new, or it lost its data): GitHub shows what may be unfinished.
  // Found with it: GitHub's record of failed deliveries shows what a replica may have refused and lost.
  const onEmpty = options.recoverAtStart
    ? {
        onEmpty: () => catchUp.recover('Redis holds no queue (a new Redis, or it lost its data)'),
        onKept: catchUp.redeliver,
      }
    : {};
  return new RedisQueue(handlers, {
    url: options.redisUrl,
    concurrency,
    ...retry,
    ...options.redisQueue,
    ...onEmpty,
    onEvictingPolicy: catchUp.evicting,
  });
}

/** Queues a job, counted by its fate (a refusal too), and logs whether it was queued or a duplicate. */
async function enqueueCounted(
  jobs: JobQueue,
  metrics: AppMetrics,
  job: JobDescriptor,
  log: Logger,
): Promise<EnqueueResult> {
  let state: EnqueueResult;
  try {
    state = await jobs.enqueue(job);
  } catch (error) {
    metrics.enqueuedJob(job, 'refused');
    throw error;
  }
  metrics.enqueuedJob(job, state);
  log.info({ state, force: job.force }, `${job.kind} ${state}`);
  return state;
}

interface RecoverySources {
  app: Probot;
  identity: IdentityLookup;
  jobSettings: JobSettings;
  octokitFor: OctokitFor;
  enqueue(job: JobDescriptor, log: Logger): Promise<EnqueueResult>;
}

/** Scans at most, without Redis, when the one at start fails: GitHub down as the process starts. */
const START_SCAN_ATTEMPTS = 5;
const START_SCAN_RETRY_MS = 60_000;

/**
 * Without Redis, the scan at start is the only one: the process that lost the queue is gone, and no
 * other looks. A scan that fails is made again a minute later, a few times, else the work it was to
 * find stays lost until each pull request's next event.
 */
function scanUntilDone(scan: () => Promise<void>, retryMs = START_SCAN_RETRY_MS): { stop(): void } {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = (n: number): void =>
    void scan().catch(() => {
      if (stopped || n >= START_SCAN_ATTEMPTS) return;
      timer = setTimeout(() => attempt(n + 1), retryMs);
      timer.unref();
    });
  attempt(1);
  return {
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}

/**
 * Queues again what GitHub shows unfinished, when the queue may have lost it (recovery.ts). It runs
 * in the background: the app serves webhooks meanwhile. A failed scan is logged and rejects: with
 * Redis, the queue's mark is given back, so that the scan is tried again (redis-claims.ts).
 */
function startRecovery(sources: RecoverySources, why: string): Promise<void> {
  const { app, identity, jobSettings, octokitFor, enqueue } = sources;
  const settings = jobSettings.review;
  app.log.info({}, `recovery: ${why}; looking for unfinished work`);
  return recoverUnfinished({
    appOctokit: appOctokit(app),
    installationOctokit: octokitFor,
    appId: identity.appId,
    reviewCheckName: settings.checkName,
    signoffCheckName: jobSettings.signoff?.checkName,
    enqueue,
    log: app.log,
    ...(settings.client ? { client: settings.client } : {}),
  }).then(
    (summary) => app.log.info(summary, 'recovery: looked for work a previous process left unfinished'),
    (error: unknown) => {
      app.log.error(
        { err: loggedError(error) },
        'recovery: could not look for work a previous process left unfinished',
      );
      throw error;
    },
  );
}

/**
 * Delivers again what failed while a replica's queue refused it (redelivery.ts), in the background
 * (a failed scan is only logged: the deliveries stay failed for the next scan). On each connection to
 * a Redis that kept the queue, the last `redeliverWithinMs`; then every `redeliverEveryMs`, by one
 * replica (a claim per period), the last three periods — a replica that died with refused jobs while
 * the others stayed connected (it alone was cut off from Redis) leaves no replica that connects.
 */
function redeliveriesFor(
  app: Probot,
  options: AppOptions,
): { connected(shared: ReplicasShare): void; stop(): void } {
  const everyMs = options.redeliverEveryMs ?? REDELIVER_EVERY_MS;
  const longestMs = options.redeliverWithinMs ?? REDELIVER_WITHIN_MS;
  let timer: NodeJS.Timeout | undefined;
  const scan = ({ claims, mark }: ReplicasShare, withinMs: number) =>
    void redeliverFailed({
      appOctokit: appOctokit(app),
      claims,
      withinMs,
      // Shared by the replicas: a start reads only since the last scan that completed.
      scanned: { mark: mark(REDELIVERY_SCAN_MARK), longestMs },
      log: app.log,
      ...(options.client ? { client: options.client } : {}),
    }).then(
      (summary) =>
        summary.failed > 0 &&
        app.log.warn(summary, 'redelivery: asked GitHub to deliver again the deliveries that failed'),
      (error: unknown) =>
        app.log.error({ err: loggedError(error) }, 'redelivery: could not read the failed deliveries'),
    );
  const periodic = async (shared: ReplicasShare) => {
    const period = Math.floor(Date.now() / everyMs);
    if (await shared.claims.take(`redelivery:scan:${period}`, Math.ceil(everyMs / 1000)).catch(() => false))
      scan(shared, 3 * everyMs);
  };
  return {
    connected(shared) {
      scan(shared, longestMs);
      timer ??= setInterval(() => void periodic(shared), everyMs).unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
    },
  };
}

interface Closable {
  jobs: JobQueue;
  threads: ThreadRunner | undefined;
  throttle: SharedThrottle | undefined;
  options: AppOptions;
  jobLog(job: JobDescriptor): Logger;
}

/** No new jobs; the running ones finish within `graceMs` or are handed back (Redis) or lost. */
async function shutDown(
  { jobs, threads, throttle, options, jobLog }: Closable,
  graceMs: number,
): Promise<void> {
  const unfinished = await jobs.close(graceMs);
  const fate = options.redisUrl
    ? 'handed back: another replica takes it over'
    : 'not finished: lost (a new push or a re-run reviews it)';
  for (const job of unfinished) jobLog(job).warn({}, `shutting down: ${job.kind} ${fate}`);
  await threads?.close();
  throttle?.close();
}
