/**
 * How jobs reach GitHub. In this thread a job gets an installation octokit that counts every
 * response, waits for the installation's shared write spacing (with Redis) and is fenced by the job's
 * lease; in worker threads the jobs make their requests themselves, and this thread only hands out
 * tokens and grants each request its start, under the same throttle and metrics.
 */
import type { Probot } from 'probot';
import type { Octokit } from '../adapters/github/client.js';
import type { BlobCache } from '../adapters/github/file-source.js';
import type { AppMetrics } from './metrics.js';
import type { Lease } from './queue.js';
import { fenceOctokit } from './lane-lease.js';
import { SharedThrottle } from './shared-throttle.js';
import { RequestLimiter } from './request-limiter.js';
import { InstallationTokens } from './installation-tokens.js';
import type { ThreadRunnerDeps } from './threads.js';
import { ThreadRunner } from './threads.js';
import { DEFAULT_JOB_BUDGET } from './job-budget.js';
import type { IdentityLookup } from './identity-lookup.js';
import type { AppOptions } from './app-options.js';

export type OctokitFor = (installationId: number, lease?: Lease) => Promise<Octokit>;

/** The octokit of the app itself (not of an installation): lists installations, mints tokens. */
export function appOctokit(app: Probot): () => Promise<Octokit> {
  return async () => (await app.auth()) as unknown as Octokit;
}

/** Where the app's GitHub API is: `https://api.github.com`, or a GitHub Enterprise Server's `…/api/v3`. */
async function apiBaseUrl(app: Probot): Promise<string> {
  return String((await appOctokit(app)()).request.endpoint.DEFAULTS.baseUrl);
}

/** With Redis, replicas share each installation's write budget (Probot's own throttling stays local). */
export function sharedThrottleFor(app: Probot, options: AppOptions): SharedThrottle | undefined {
  if (!options.redisUrl) return undefined;
  return new SharedThrottle({
    url: options.redisUrl,
    ...(options.redisQueue?.prefix ? { prefix: options.redisQueue.prefix } : {}),
    ...(options.spacingMs ? { spacingMs: options.spacingMs } : {}),
    log: app.log,
  });
}

export function installationOctokits(
  app: Probot,
  metrics: AppMetrics,
  throttle: SharedThrottle | undefined,
): OctokitFor {
  return async (installationId, lease) => {
    const octokit = (await app.auth(installationId)) as unknown as Octokit;
    instrument(octokit, installationId, metrics);
    throttle?.apply(octokit, installationId);
    // Registered last, so it runs first and its check of the lease wraps the fetch innermost.
    if (lease) fenceOctokit(octokit, lease);
    return octokit;
  };
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

export interface WorkerThreadsSources {
  app: Probot;
  options: AppOptions;
  concurrency: number;
  checkName: string;
  signoff: boolean;
  identity: IdentityLookup;
  metrics: AppMetrics;
  throttle: SharedThrottle | undefined;
  blobs: BlobCache;
}

/** One worker thread per concurrent job, when the options ask for them. */
export function workerThreadsFor(sources: WorkerThreadsSources): ThreadRunner | undefined {
  const { app, options, identity, metrics } = sources;
  if (!options.workerThreads) return undefined;
  const limiter = new RequestLimiter(sources.throttle, undefined, options.spacingMs);
  const tokens = new InstallationTokens(appOctokit(app));
  const entry = options.workerEntry && { source: options.workerEntry, eval: false };
  const deps: ThreadRunnerDeps = {
    init: {
      checkName: sources.checkName,
      signoff: sources.signoff,
      ...(options.docsUrl ? { docsUrl: options.docsUrl } : {}),
    },
    token: (installationId, refresh) => tokens.get(installationId, refresh),
    baseUrl: () => apiBaseUrl(app),
    permit: (installationId, method, url) => limiter.permit(installationId, method, url),
    answered: (installationId, status, headers) => metrics.githubResponse(installationId, status, headers),
    identity: async () => ({ login: await identity.login(), appId: await identity.appId() }),
    blobs: sources.blobs,
    budget: options.jobBudget ?? DEFAULT_JOB_BUDGET,
  };
  return new ThreadRunner(sources.concurrency, deps, entry);
}
