/**
 * What the app's handlers share: the job queue, the settings, and the test for events the app caused
 * itself. Created once per Probot app. Handlers turn events into job descriptors (jobs.ts) and
 * enqueue them; the queue runs each job with an octokit for its installation, logs it with the
 * delivery, repository, pull request and head on every line, and follows a review that found a newer
 * head with a review of that head.
 */
import type { Probot } from 'probot';
import type { RuleSet } from '../engine/rule-set.js';
import type { SchemaValidator } from '../load/schema-validation.js';
import { createSchemaValidator } from '../load/schema-validation.js';
import { ruleDocs } from '../review/rule-docs.js';
import { RULE_SET } from '../../rules/index.js';
import type { AppIdentity } from '../adapters/github/app-identity.js';
import { authenticatedApp } from '../adapters/github/app-identity.js';
import type { ClientOptions, Octokit } from '../adapters/github/client.js';
import { GitHubClient } from '../adapters/github/client.js';
import { BlobCache } from '../adapters/github/file-source.js';
import { REVIEW_CHECK_NAME, SIGNOFF_CHECK_NAME } from './check-name.js';
import type { JobDescriptor, JobSettings, Logger } from './jobs.js';
import { followUpFor, groupsToWake, logBindings, mergeGroupSettings, runJob } from './jobs.js';
import type { MergeGroupEvent } from '../signoff/merge-group.js';
import { abandonMergeGroup } from './merge-group-job.js';
import { abandonReview, abandonSignoff } from './job-boundary.js';
import type { DelayedChecks } from './delayed-checks.js';
import type { HttpHandler } from './http.js';
import { operationsHandler } from './http.js';
import { AppMetrics } from './metrics.js';
import { ThreadRunner } from './threads.js';
import type { EnqueueResult, JobHandlers, JobQueue, Lease, RetryPolicy } from './queue.js';
import { InProcessQueue } from './queue.js';
import { fenceOctokit } from './lane-lease.js';
import type { RedisQueueOptions } from './queue-redis.js';
import { RedisQueue } from './queue-redis.js';
import { SharedThrottle } from './shared-throttle.js';
import { recoverUnfinished } from './recovery.js';
import { abandonStale, RECHECKS_PER_BASE_MOVE, REVIEWS_PER_CONFIG_CHANGE } from './stale-checks.js';
import { RequestLimiter } from './request-limiter.js';
import { InstallationTokens } from './installation-tokens.js';
import type { ReviewSettings } from './review-job.js';
import type { JobBudget } from './job-budget.js';
import { DEFAULT_JOB_BUDGET, JobStopped, stoppedReviewOutput } from './job-budget.js';

export { REVIEW_CHECK_NAME };

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
   * With worker threads: each job's wall-clock limit and each thread's heap limit (default 10 minutes,
   * 512 MB). A job past either is stopped and fails closed, never retried (job-budget.ts).
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
  /** Redis for the queue (BullMQ), shared by every replica; without it jobs wait in this process. */
  redisUrl?: string;
  /**
   * Look through every installation for work the queue lost and queue it again (recovery.ts): without
   * Redis on start (a crash loses the in-process queue), with it when Redis is found without the
   * queue (new, or restarted without persistence). `npm start` turns it on.
   */
  recoverAtStart?: boolean;
  /** Tuning of the Redis queue (lock and stalled-check intervals, polling). */
  redisQueue?: Partial<Pick<RedisQueueOptions, 'prefix' | 'lockMs' | 'stalledIntervalMs' | 'pollMs'>>;
}

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
  /** Queues a job; the log line says whether it was queued or a duplicate. */
  enqueue(job: JobDescriptor, log: Logger): Promise<EnqueueResult>;
  /** True for events whose sender is this app (its own actions must not trigger it again). */
  isOwnEvent(sender: { type?: string; login?: string } | undefined): Promise<boolean>;
  /** The app's own login (`<slug>[bot]`). */
  botLogin(): Promise<string>;
  /** The app's id (GitHub's `app_id` of the check runs it creates). */
  appId(): Promise<number>;
  /** What to write when the queue cannot take a job (fail closed). */
  delayedChecks: DelayedChecks;
  /** `/healthz`, `/readyz` and `/metrics`. */
  http: HttpHandler;
  /** Graceful shutdown: no new jobs; the running ones finish within `graceMs` or are handed back. */
  close(graceMs: number): Promise<void>;
}

export function createRuntime(app: Probot, options: AppOptions = {}): AppRuntime {
  const ruleSet = options.ruleSet ?? RULE_SET;
  const identity = identityLookup(app, options, options.client);
  const settings: ReviewSettings = {
    checkName: options.checkName ?? REVIEW_CHECK_NAME,
    ruleSet,
    // Worker threads compile their own: this thread compiles the schemas (~0.7 s) only if it runs a job.
    validator: options.workerThreads ? compiledOnFirstUse() : createSchemaValidator(),
    docs: ruleDocs(ruleSet, options.docsUrl ? { docsUrl: options.docsUrl } : {}),
    ...(options.client ? { client: options.client } : {}),
    log: app.log,
    blobs: new BlobCache(),
    appId: identity.appId,
    botLogin: identity.login,
    retriedByQueue: true,
  };
  const jobSettings: JobSettings = {
    review: settings,
    signoff:
      options.signoff === false
        ? undefined
        : {
            checkName: SIGNOFF_CHECK_NAME,
            reviewCheckName: settings.checkName,
            validator: settings.validator,
            botLogin: identity.login,
            appId: identity.appId,
            ...(settings.client ? { client: settings.client } : {}),
            ...(settings.blobs ? { blobs: settings.blobs } : {}),
          },
  };
  const jobLog = (job: JobDescriptor) => app.log.child(logBindings(job));
  const metrics = new AppMetrics(() => jobs);

  // With Redis, replicas share each installation's write budget (Probot's own throttling stays local).
  const throttle = options.redisUrl
    ? new SharedThrottle({
        url: options.redisUrl,
        ...(options.redisQueue?.prefix ? { prefix: options.redisQueue.prefix } : {}),
        log: app.log,
      })
    : undefined;
  const octokitFor = async (installationId: number, lease?: Lease) => {
    const octokit = (await app.auth(installationId)) as unknown as Octokit;
    instrument(octokit, installationId, metrics);
    throttle?.apply(octokit, installationId);
    // Registered last, so it runs first and its check of the lease wraps the fetch innermost.
    if (lease) fenceOctokit(octokit, lease);
    return octokit;
  };
  const concurrency = options.concurrency ?? 4;
  // Worker threads make their requests themselves; this thread only grants each its start.
  const limiter = new RequestLimiter(throttle);
  const tokens = new InstallationTokens(async () => (await app.auth()) as unknown as Octokit);
  const threads = options.workerThreads
    ? new ThreadRunner(concurrency, {
        init: {
          checkName: settings.checkName,
          signoff: jobSettings.signoff !== undefined,
          ...(options.docsUrl ? { docsUrl: options.docsUrl } : {}),
        },
        token: (installationId, refresh) => tokens.get(installationId, refresh),
        permit: (installationId, method, url) => limiter.permit(installationId, method, url),
        answered: (installationId, status, headers) =>
          metrics.githubResponse(installationId, status, headers),
        identity: async () => ({ login: await identity.login(), appId: await identity.appId() }),
        blobs: settings.blobs as BlobCache,
        budget: options.jobBudget ?? DEFAULT_JOB_BUDGET,
      })
    : undefined;
  const handlers: JobHandlers = {
    async run(job, signal, lease) {
      if (threads) return threads.run(job, signal, jobLog(job), lease);
      return runJob(job, await octokitFor(job.installationId, lease), jobSettings, signal, jobLog(job));
    },
    async finished(job, result) {
      metrics.jobEnded(job, result);
      const log = jobLog(job);
      // Its push stays in the lane's trail: the job of the newer head records it (queue.ts).
      if (result.kind === 'skipped') log.info({}, 'skipped: a newer head was pushed');
      if (result.kind === 'failed')
        log.error({ err: result.error, attempts: result.attempts }, 'job failed; giving up');
      if (result.kind !== 'done') return;
      const next = followUpFor(job, result.outcome);
      if (next)
        await enqueue(next, log).catch((error: unknown) =>
          log.error({ err: error }, 'could not queue the new head'),
        );
      await wakeGroupsBehind(job, result.outcome.mergeGroup?.wake ?? [], log);
    },
    async abandoned(job, reason, error, lease) {
      const log = jobLog(job);
      const stopped = error instanceof JobStopped ? error.limit : undefined;
      log.error({ reason, ...(stopped ? { stopped } : {}) }, `${job.kind} given up`);
      const { owner, repo, pullNumber, headSha, base, force } = job;
      let octokit: Octokit;
      try {
        octokit = await octokitFor(job.installationId, lease);
      } catch (error) {
        log.error({ err: error }, 'could not mark the checks of the job given up');
        return;
      }
      if (job.kind === 'merge-group') {
        if (job.mergeGroup)
          await abandonMergeGroup(
            { octokit, owner, repo, group: job.mergeGroup },
            mergeGroupSettings(jobSettings),
            reason,
          ).then(
            (behind) => wakeGroupsBehind(job, behind.wake, log),
            (error: unknown) =>
              log.error({ err: error }, 'could not mark the merge group checks of the job given up'),
          );
        return;
      }
      // A check is named for its base: without one (the event named none) the review has none to mark.
      if (job.kind === 'review' && base)
        await abandonReview(
          { octokit, owner, repo, pullNumber, headSha, base, force },
          settings,
          reason,
          stopped ? stoppedReviewOutput(stopped) : undefined,
        ).catch((error: unknown) =>
          log.error({ err: error }, 'could not mark the review check of the job given up'),
        );
      // A marking given up: a review success it did not get to may be as stale as the sign-off's.
      if (job.stale && !job.moved && base)
        await abandonStale(
          { octokit, owner, repo, pullNumber, headSha, base },
          settings,
          jobSettings.signoff?.appId ?? settings.appId,
        ).catch((error: unknown) =>
          log.error({ err: error }, 'could not mark the review check of the marking given up'),
        );
      if (jobSettings.signoff)
        await abandonSignoff(
          { octokit, owner, repo, pullNumber, headSha, base },
          jobSettings.signoff,
          reason,
        ).catch((error: unknown) =>
          log.error({ err: error }, 'could not mark the sign-off check of the job given up'),
        );
    },
    leaseLost(job) {
      jobLog(job).warn(
        {},
        `${job.kind}: lease lost (this replica was paused, or lost Redis): stopped writing; it runs again unless another replica took it over`,
      );
    },
    retrying(job, error, attempt, delayMs) {
      jobLog(job).warn({ err: error, attempt, delayMs }, 'job failed; retrying');
    },
  };
  const retry = options.retry ? { retry: options.retry } : {};
  // Redis found without the queue (new, or it lost its data): GitHub shows what may be unfinished.
  const onEmpty = options.recoverAtStart
    ? { onEmpty: () => recover('Redis holds no queue (a new Redis, or it lost its data)') }
    : {};
  const jobs: JobQueue = options.redisUrl
    ? new RedisQueue(handlers, {
        url: options.redisUrl,
        concurrency,
        ...retry,
        ...options.redisQueue,
        ...onEmpty,
      })
    : new InProcessQueue(handlers, { concurrency, ...retry });

  /** Queues again what GitHub shows unfinished, when the queue may have lost it (recovery.ts). */
  function recover(why: string): void {
    app.log.info({}, `recovery: ${why}; looking for unfinished work`);
    void recoverUnfinished({
      appOctokit: async () => (await app.auth()) as unknown as Octokit,
      installationOctokit: octokitFor,
      appId: identity.appId,
      reviewCheckName: settings.checkName,
      signoffCheckName: jobSettings.signoff?.checkName,
      enqueue,
      log: app.log,
      ...(settings.client ? { client: settings.client } : {}),
    }).then(
      (summary) => app.log.info(summary, 'recovery: looked for work a previous process left unfinished'),
      (error: unknown) =>
        app.log.error({ err: error }, 'recovery: could not look for work a previous process left unfinished'),
    );
  }
  if (options.recoverAtStart && !options.redisUrl) recover('the in-process queue starts empty');

  /**
   * A group's checks got their verdicts: the groups built on it, which may wait for them, are checked
   * again (merge-group-job.ts). One that cannot be queued is left to the queue's timeout for checks.
   */
  async function wakeGroupsBehind(job: JobDescriptor, wake: readonly MergeGroupEvent[], log: Logger) {
    for (const behind of groupsToWake(job, wake))
      await enqueue(behind, jobLog(behind)).catch((error: unknown) =>
        log.error({ err: error, group: behind.headSha }, 'could not queue the merge group built on this one'),
      );
  }

  async function enqueue(job: JobDescriptor, log: Logger): Promise<EnqueueResult> {
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

  return {
    queue: jobs,
    metrics,
    http: operationsHandler(jobs, metrics, () => threads?.unavailable()?.message),
    delayedChecks: {
      reviewCheckName: settings.checkName,
      signoff: jobSettings.signoff !== undefined,
      appId: identity.appId,
    },
    async close(graceMs) {
      const unfinished = await jobs.close(graceMs);
      const fate = options.redisUrl
        ? 'handed back: another replica takes it over'
        : 'not finished: lost (a new push or a re-run reviews it)';
      for (const job of unfinished) jobLog(job).warn({}, `shutting down: ${job.kind} ${fate}`);
      await threads?.close();
      throttle?.close();
    },
    settings,
    jobSettings,
    reviewsPerConfigChange: options.reviewsPerConfigChange ?? REVIEWS_PER_CONFIG_CHANGE,
    rechecksPerBaseMove: options.rechecksPerBaseMove ?? RECHECKS_PER_BASE_MOVE,
    enqueue,
    botLogin: identity.login,
    appId: identity.appId,
    async isOwnEvent(sender) {
      if (sender?.type !== 'Bot') return false;
      try {
        return sender.login === (await identity.login());
      } catch (error) {
        app.log.warn({ err: error }, 'could not look up the app login; treating the bot event as foreign');
        return false;
      }
    },
  };
}

/**
 * The app's login and id, looked up once (`GET /app`, through the GitHub client and its answer
 * checks) unless both are given; a failed lookup is not remembered (the next caller asks again).
 */
function identityLookup(
  app: Probot,
  known: { botLogin?: string; appId?: number },
  client: ClientOptions | undefined,
): { login(): Promise<string>; appId(): Promise<number> } {
  let pending: Promise<AppIdentity> | undefined =
    known.botLogin !== undefined && known.appId !== undefined
      ? Promise.resolve({ login: known.botLogin, appId: known.appId })
      : undefined;
  const lookUp = async (): Promise<AppIdentity> => {
    // Authenticated as the app itself: no repository (app-level requests name none).
    const found = await authenticatedApp(
      new GitHubClient((await app.auth()) as unknown as Octokit, '', '', client),
    );
    return { login: known.botLogin ?? found.login, appId: known.appId ?? found.appId };
  };
  const get = () => {
    const current = (pending ??= lookUp());
    current.catch(() => {
      if (pending === current) pending = undefined;
    });
    return current;
  };
  return { login: async () => (await get()).login, appId: async () => (await get()).appId };
}

/** Counts each GitHub response of a job's octokit, with the rate limit it reports. */
function instrument(octokit: Octokit, installationId: number, metrics: AppMetrics): void {
  octokit.hook.after('request', (response) => {
    metrics.githubResponse(installationId, response.status, response.headers);
  });
  octokit.hook.error('request', (error) => {
    const failure = error as { status?: number; response?: { headers?: Record<string, string> } };
    metrics.githubResponse(installationId, failure.status ?? 0, failure.response?.headers);
    throw error;
  });
}

function compiledOnFirstUse(): SchemaValidator {
  let validator: SchemaValidator | undefined;
  const get = () => (validator ??= createSchemaValidator());
  return {
    validate: (type, value) => get().validate(type, value),
    get contracts() {
      return get().contracts;
    },
  };
}
