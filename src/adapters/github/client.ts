/**
 * The one door to the GitHub API for the review: every request goes through `GitHubClient.call`,
 * which counts requests, turns failures into typed `GitHubFailure`s (never string-matched), and
 * handles secondary rate limits — Probot's octokit only logs those, so the error reaches us: wait
 * `retry-after` (bounded) and retry once, else fail with a reason a person can act on.
 */
import type { ProbotOctokit } from 'probot';

export type Octokit = ProbotOctokit;

export type GitHubFailure =
  | { kind: 'rate-limited'; request: string; retryAfterSeconds: number | undefined }
  | { kind: 'server-error'; request: string; status: number }
  | { kind: 'permission-denied'; request: string; status: 401 | 403 }
  | { kind: 'not-found'; request: string }
  | { kind: 'unprocessable'; request: string; detail: string }
  | { kind: 'network'; request: string; detail: string }
  | { kind: 'tree-truncated'; sha: string }
  | { kind: 'too-many-changed-files'; limit: number }
  | { kind: 'unexpected'; request: string; status: number | undefined; detail: string };

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(readonly failure: GitHubFailure) {
    super(describeFailure(failure));
  }
}

/** Plain words for a check run: what went wrong and what the reader can do. */
export function describeFailure(f: GitHubFailure): string {
  switch (f.kind) {
    case 'rate-limited':
      return `GitHub rate-limited the app (${f.request})${f.retryAfterSeconds !== undefined ? ` and asked it to wait ${f.retryAfterSeconds} s` : ''}; the review could not finish.`;
    case 'server-error':
      return `GitHub answered ${f.status} (a server error) to ${f.request}; the review could not finish.`;
    case 'permission-denied':
      return `GitHub refused ${f.request} (${f.status}): the app may lack a permission it needs (checks: write, pull requests: write, contents: read).`;
    case 'not-found':
      return `GitHub answered 404 to ${f.request}: the commit, file or pull request is gone or the app cannot see it.`;
    case 'unprocessable':
      return `GitHub rejected ${f.request}: ${f.detail}`;
    case 'network':
      return `Could not reach GitHub for ${f.request} (${f.detail}).`;
    case 'tree-truncated':
      return `The repository tree at ${f.sha.slice(0, 7)} is too large for GitHub to list in one response; the blueprint cannot be read completely.`;
    case 'too-many-changed-files':
      return `The pull request changes more than ${f.limit} files, more than GitHub lists; it cannot be reviewed completely. Split it.`;
    case 'unexpected':
      return `GitHub answered ${f.status ?? 'with an error'} to ${f.request}: ${f.detail}`;
  }
}

export interface ClientOptions {
  /** Longest `retry-after` the client waits before its one retry. */
  maxRateLimitWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class GitHubClient {
  /** Requests made through this client (each retry counts). */
  requests = 0;
  private readonly maxWait: number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly octokit: Octokit,
    readonly owner: string,
    readonly repo: string,
    options: ClientOptions = {},
  ) {
    this.maxWait = options.maxRateLimitWaitSeconds ?? 60;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Runs one request; `label` names it in failures (e.g. `POST /check-runs`). */
  async call<T>(label: string, request: () => Promise<T>): Promise<T> {
    try {
      this.requests++;
      return await request();
    } catch (error) {
      const wait = rateLimitWait(error);
      if (wait === undefined) throw toGitHubError(label, error);
      if (wait > this.maxWait)
        throw new GitHubError({ kind: 'rate-limited', request: label, retryAfterSeconds: wait });
      await this.sleep(wait * 1000);
      try {
        this.requests++;
        return await request();
      } catch (retryError) {
        throw toGitHubError(label, retryError, rateLimitWait(retryError));
      }
    }
  }
}

interface HttpErrorShape {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Record<string, string | number | undefined>; data?: unknown };
}

function statusOf(error: unknown): number | undefined {
  const status = (error as HttpErrorShape | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/**
 * Seconds to wait when the error is a rate limit (403/429 with `retry-after`, or with no requests
 * remaining until `x-ratelimit-reset`); undefined for any other error.
 */
export function rateLimitWait(error: unknown, now = Date.now()): number | undefined {
  const status = statusOf(error);
  if (status !== 403 && status !== 429) return undefined;
  const headers = (error as HttpErrorShape).response?.headers ?? {};
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter);
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) ? Math.max(0, Math.ceil(reset - now / 1000)) : 60;
  }
  return status === 429 ? 60 : undefined;
}

function toGitHubError(label: string, error: unknown, rateLimitedFor?: number): GitHubError {
  if (error instanceof GitHubError) return error;
  const status = statusOf(error);
  const detail = detailOf(error);
  if (rateLimitedFor !== undefined)
    return new GitHubError({ kind: 'rate-limited', request: label, retryAfterSeconds: rateLimitedFor });
  if (status === undefined) return new GitHubError({ kind: 'network', request: label, detail });
  if (status >= 500) return new GitHubError({ kind: 'server-error', request: label, status });
  if (status === 401 || status === 403)
    return new GitHubError({ kind: 'permission-denied', request: label, status });
  if (status === 404) return new GitHubError({ kind: 'not-found', request: label });
  if (status === 422) return new GitHubError({ kind: 'unprocessable', request: label, detail });
  return new GitHubError({ kind: 'unexpected', request: label, status, detail });
}

function detailOf(error: unknown): string {
  const message = (error as HttpErrorShape | null)?.message;
  return typeof message === 'string' ? message.split('\n')[0]!.slice(0, 300) : String(error);
}

/** GitHub did not answer (rate limit, 5xx, network): the same request may well succeed later. */
export function isTransient(error: unknown): boolean {
  if (!(error instanceof GitHubError)) return false;
  const kind = error.failure.kind;
  return kind === 'rate-limited' || kind === 'server-error' || kind === 'network';
}

/** True when GitHub answered 404 (a missing config file is not an error). */
export function isNotFound(error: unknown): boolean {
  return error instanceof GitHubError && error.failure.kind === 'not-found';
}
