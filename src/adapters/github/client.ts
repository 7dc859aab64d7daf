/**
 * The one door to the GitHub API: every request goes through `GitHubClient`, which counts requests,
 * checks each answer against the shape the app expects (`./shapes.ts`), and turns failures into
 * typed `GitHubFailure`s (never string-matched). Retries:
 * - a server error (5xx answered by GitHub): Octokit's retry plugin retries it (1, 4, 9 s);
 * - GitHub not reachable at all (connection refused, no route, DNS): fails at once — Octokit
 *   reports it as a 500 and would retry it like one, which only delays the one message that helps;
 * - a connection that drops mid-request (reset, closed keep-alive socket): transient, retried by
 *   Octokit like a 5xx — failing a whole review on one dropped socket would lose it for nothing;
 * - a rate limit (Probot's octokit only logs a secondary one, and hands a primary one back beyond a
 *   short wait: rate-limit-bound.ts): one asking for no more than `SHORT_RATE_LIMIT_WAIT_SECONDS`
 *   is waited out and the request retried once; a longer one fails at once, typed, and the app's
 *   queue runs the job again once the limit has lifted (a worker waiting minutes would hold its pull
 *   request's lane and lease all that time);
 * - GraphQL errors GitHub answers with status 200: a rate limit among them is one (as above), the
 *   rest are typed by what GitHub said (graphql-errors.ts) — GitHub answered, so never `network`.
 *   Octokit's retry plugin already retries GitHub's "Something went wrong while executing your query"
 *   (a timeout) as a 500, which ends as a `server-error` when it persists.
 */
import type { ProbotOctokit } from 'probot';
import { code, foreignText } from '../../core/inert-text.js';
import type { Shape } from './shapes.js';
import { ShapeError } from './shapes.js';
import { isBriefWait, SHORT_RATE_LIMIT_WAIT_SECONDS } from './rate-limit-bound.js';
import type { Headers } from './graphql-errors.js';
import { graphqlFailureOf, waitInHeaders } from './graphql-errors.js';
import { describeTokenRefusal, isTokenRefusal, tokenRequestOf } from './token-refused.js';
import { addClientHooks, DotSegmentRefused } from './request-hooks.js';

export { RequestWithheld } from './request-hooks.js';

export type Octokit = ProbotOctokit;

export type GitHubFailure =
  | { kind: 'rate-limited'; request: string; retryAfterSeconds: number | undefined }
  | { kind: 'server-error'; request: string; status: number }
  | { kind: 'unauthorized'; request: string }
  /**
   * GitHub refused the installation token `request` needed (token-refused.ts): 401, the app's id or
   * private key is wrong; 403, the installation is suspended; 404, the app is not installed there.
   */
  | {
      kind: 'token-refused';
      installationId: number;
      status: 401 | 403 | 404;
      request: string;
      detail: string;
    }
  | { kind: 'permission-denied'; request: string; detail: string }
  | { kind: 'not-found'; request: string }
  | { kind: 'unprocessable'; request: string; detail: string }
  /**
   * GitHub does not know the commit the request names (422 "No commit found for SHA"): right after a
   * push, the webhook can arrive before the API has indexed its head, and the same request succeeds
   * a few seconds later.
   */
  | { kind: 'commit-unknown'; request: string; detail: string }
  /**
   * A git object named by its SHA (a commit's tree, a blob that tree lists) answered 404 although the
   * commit was known: right after a push GitHub can serve the commit before its objects, and the same
   * request succeeds a few seconds later (the app's queue runs the job again). Only when it still
   * fails is it gone.
   */
  | { kind: 'object-unavailable'; request: string }
  | { kind: 'network'; request: string; detail: string }
  /**
   * GitHub answered a GraphQL query with errors (status 200, `{ "errors": [...] }`) of no type the app
   * reads as another failure (a rate limit, not found, forbidden): what GitHub said, in its words.
   */
  | { kind: 'graphql-errors'; request: string; detail: string }
  | { kind: 'malformed-answer'; request: string; detail: string }
  | { kind: 'tree-truncated'; sha: string }
  | { kind: 'too-many-changed-files'; limit: number }
  /** The pull request's head moved while its changed files were listed: they may be the newer head's. */
  | { kind: 'head-moved'; pullNumber: number; from: string; to: string }
  | { kind: 'too-many-check-runs'; sha: string; count: number; limit: number }
  /** GitHub's changed files leave out files its comparison of the merge base and the head lists. */
  | { kind: 'changed-files-unlisted'; pullNumber: number; paths: string[] }
  | { kind: 'unexpected'; request: string; status: number | undefined; detail: string };

export class GitHubError extends Error {
  override readonly name = 'GitHubError';
  constructor(readonly failure: GitHubFailure) {
    super(describeFailure(failure));
  }
}

/**
 * Plain words for a check run: what went wrong and what the reader can do. A request names what the
 * repository named (a branch in `compare/…`, a config path `_extends` names, a team from a
 * blueprint's owners), and GitHub's or the network's own words (`detail`) quote the input they
 * refused: both are another's text in our sentence (`foreignText`), one code span when they hold a
 * backtick, which would otherwise pair with a fence of the message and turn the rest inside out. A
 * malformed answer's detail is ours: it quotes what it names itself.
 */
export function describeFailure(f: GitHubFailure): string {
  switch (f.kind) {
    case 'rate-limited':
      return `GitHub rate-limited the token's requests (${foreignText(f.request)})${f.retryAfterSeconds !== undefined ? ` and asked to wait ${f.retryAfterSeconds} s` : ''}, so nothing was judged on it.`;
    case 'server-error':
      return `GitHub answered ${f.status} (a server error) to ${foreignText(f.request)}, so nothing was judged on it; re-run once GitHub answers.`;
    case 'unauthorized':
      return `GitHub rejected the credentials (401) for ${foreignText(f.request)}: the token is invalid or expired, or the app's private key or id is wrong.`;
    case 'token-refused':
      return describeTokenRefusal(f);
    case 'permission-denied':
      return `GitHub refused ${foreignText(f.request)} (403: ${foreignText(f.detail)}): the app or token lacks a permission it needs (checks: write, pull requests: write, contents: read, members: read).`;
    case 'not-found':
      return `GitHub answered 404 to ${foreignText(f.request)}: the commit, file or pull request is gone or the app cannot see it.`;
    case 'unprocessable':
      return `GitHub rejected ${foreignText(f.request)}: ${foreignText(f.detail)}`;
    case 'commit-unknown':
      return `GitHub did not know the commit of ${foreignText(f.request)} (${foreignText(f.detail)}): a commit pushed a moment ago may not be indexed yet, so nothing was judged on it; re-run in a minute.`;
    case 'object-unavailable':
      return `GitHub answered 404 to ${foreignText(f.request)}: the commit's files are gone or the app cannot see them, so nothing was judged on it.`;
    case 'network':
      return `GitHub could not be reached for ${foreignText(f.request)} (${foreignText(f.detail)}): no answer came back, so nothing was judged. Check the network to GitHub (or GitHub's status) and re-run.`;
    case 'graphql-errors':
      return `GitHub answered ${foreignText(f.request)} with errors (${foreignText(f.detail)}), so it was not carried out. Re-run, and report it if it persists.`;
    case 'malformed-answer':
      return `GitHub's answer to ${foreignText(f.request)} was not what the app expects: ${f.detail}. Nothing was judged on it; re-run, and report it if it persists.`;
    case 'tree-truncated':
      return `The repository tree at ${f.sha.slice(0, 7)} is too large for GitHub to list in one response; the blueprint cannot be read completely.`;
    case 'too-many-changed-files':
      return `The pull request changes more than ${f.limit} files, more than GitHub lists; it cannot be reviewed completely. Split it.`;
    case 'head-moved':
      return `#${f.pullNumber} moved from ${f.from.slice(0, 7)} to ${f.to.slice(0, 7)} while its changed files were read (GitHub lists them for the current head only), so nothing was judged on ${f.from.slice(0, 7)}; ${f.to.slice(0, 7)} is evaluated on its own.`;
    case 'too-many-check-runs':
      return `Commit ${f.sha.slice(0, 7)} has ${f.count} check runs of this app, and GitHub keeps at most ${f.limit} of one name on a commit (it deletes the oldest): what the app recorded on it cannot all be read.`;
    case 'changed-files-unlisted':
      return `GitHub's list of #${f.pullNumber}'s changed files leaves out ${f.paths.length === 1 ? 'a file that differs' : `${f.paths.length} files that differ`} between the merge base and the head (${f.paths
        .slice(0, 3)
        .map((p) => code(foreignText(p)))
        .join(
          ', ',
        )}${f.paths.length > 3 ? ', …' : ''}): the list may describe another base commit (the base branch moved or was rewritten), so nothing was judged. Re-run this check in a minute.`;
    case 'unexpected':
      return `GitHub answered ${f.status ?? 'with an error'} to ${foreignText(f.request)}: ${foreignText(f.detail)}`;
  }
}

export interface ClientOptions {
  /** Longest wait a rate limit may ask for that the client waits before its one retry (default: short). */
  maxRateLimitWaitSeconds?: number;
  sleep?: (ms: number) => Promise<void>;
}

export class GitHubClient {
  /** Requests made through this client (each retry counts). */
  requests = 0;
  private readonly maxWait: number;
  /** Waits `ms` (a fake in tests): for a rate limit here, and between attempts of a write callers retry. */
  readonly sleep: (ms: number) => Promise<void>;

  constructor(
    readonly octokit: Octokit,
    /** The repository the requests are about ('' and '' for app-level requests such as `GET /app`). */
    readonly owner: string,
    readonly repo: string,
    options: ClientOptions = {},
  ) {
    this.maxWait = options.maxRateLimitWaitSeconds ?? SHORT_RATE_LIMIT_WAIT_SECONDS;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    addClientHooks(octokit);
  }

  /** A REST request whose answer's `data` must have `shape`; `label` names it in failures. */
  async rest<T>(label: string, request: () => Promise<{ data: unknown }>, shape: Shape<T>): Promise<T> {
    const { data } = await this.call(label, request);
    return checked(label, data, shape);
  }

  /** A GraphQL query or mutation whose answer must have `shape`. */
  async graphql<T>(
    label: string,
    query: string,
    variables: Record<string, unknown>,
    shape: Shape<T>,
  ): Promise<T> {
    const data = await this.call(label, () => this.octokit.graphql<unknown>(query, variables));
    return checked(label, data, shape);
  }

  /**
   * Runs one request with the retry policy; `label` names it in failures (e.g. `POST /check-runs`).
   * The answer is not checked: use `rest` or `graphql` for anything whose answer is used.
   */
  async call<T>(label: string, request: () => Promise<T>): Promise<T> {
    let waitedForRateLimit = false;
    for (;;) {
      try {
        this.requests++;
        return await request();
      } catch (error) {
        const failure = toGitHubError(label, error);
        const f = failure.failure;
        const wait = f.kind === 'rate-limited' ? f.retryAfterSeconds : undefined;
        if (wait === undefined || wait > this.maxWait || waitedForRateLimit) throw failure;
        waitedForRateLimit = true;
        await this.sleep(wait * 1000);
      }
    }
  }
}

function checked<T>(label: string, data: unknown, shape: Shape<T>): T {
  try {
    return shape(data, '');
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new GitHubError({ kind: 'malformed-answer', request: label, detail: error.message });
  }
}

interface HttpErrorShape {
  status?: unknown;
  message?: unknown;
  response?: { headers?: Headers; data?: unknown };
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
  return (
    waitInHeaders((error as HttpErrorShape).response?.headers ?? {}, now) ?? (status === 429 ? 60 : undefined)
  );
}

/**
 * A secondary rate limit answered without `retry-after` is a plain 403 whose message says so (the
 * only signal GitHub gives; Octokit's throttling plugin reads it the same way). GitHub asks to wait
 * at least a minute then.
 */
function secondaryRateLimitWait(status: number, detail: string): number | undefined {
  return (status === 403 || status === 429) && /\bsecondary rate limit/i.test(detail) ? 60 : undefined;
}

/**
 * The typed failure for an error thrown by a request. Anything that is not an HTTP error (a bug in
 * the caller, say) is passed on as it is, so it is never reported as GitHub's fault. Exported for a
 * request made outside any client (installation-tokens.ts, on the app's shared octokit, where each
 * client would add its hooks again).
 */
export function toGitHubError(label: string, error: unknown): GitHubError {
  if (error instanceof GitHubError) return error;
  if (error instanceof DotSegmentRefused) return new GitHubError({ kind: 'not-found', request: label });
  const e = error as HttpErrorShape | null;
  if (e === null || typeof e !== 'object' || !('request' in e || 'status' in e)) throw error;
  const graphql = graphqlFailureOf(label, error);
  if (graphql) return new GitHubError(graphql);
  // The installation token the request needed failed (Octokit's auth hook asks for it first): the
  // failure is the token request's, whatever GitHub answered it.
  const token = tokenRequestOf(error);
  const request = token?.request ?? label;
  const status = statusOf(error);
  const detail = detailOf(error);
  // Octokit reports "no answer at all" (refused, reset, DNS) as status 500 without a response.
  if (status === undefined || !hasResponse(error))
    return new GitHubError({ kind: 'network', request, detail });
  const wait = rateLimitWait(error) ?? secondaryRateLimitWait(status, detail);
  if (wait !== undefined) return new GitHubError({ kind: 'rate-limited', request, retryAfterSeconds: wait });
  if (status >= 500) return new GitHubError({ kind: 'server-error', request, status });
  if (token && isTokenRefusal(status))
    return new GitHubError({ kind: 'token-refused', ...token, status, request: label, detail });
  if (status === 401) return new GitHubError({ kind: 'unauthorized', request });
  if (status === 403) return new GitHubError({ kind: 'permission-denied', request, detail });
  if (status === 404) return new GitHubError({ kind: 'not-found', request });
  if (status === 422 && COMMIT_UNKNOWN.test(detail))
    return new GitHubError({ kind: 'commit-unknown', request, detail });
  if (status === 422) return new GitHubError({ kind: 'unprocessable', request, detail });
  return new GitHubError({ kind: 'unexpected', request, status, detail });
}

/** GitHub's words for a commit it does not know (checks, statuses, commits by SHA), read once here. */
const COMMIT_UNKNOWN = /^No commit found for SHA\b/i;

function hasResponse(error: unknown): boolean {
  const response = (error as HttpErrorShape | null)?.response;
  return response !== undefined && response !== null;
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

/**
 * A transient failure a job may try again itself, after a short backoff: a 5xx, a dropped connection,
 * a rate limit that asked for a brief wait. A rate limit asking for longer is the queue's to wait out
 * (rate-limit-bound.ts): a job trying again within it only holds its lane for nothing.
 */
export function isRetriableInJob(error: unknown): boolean {
  if (!isTransient(error)) return false;
  const failure = (error as GitHubError).failure;
  return failure.kind !== 'rate-limited' || isBriefWait(failure.retryAfterSeconds);
}

/**
 * A git object read by its SHA (`label`) that GitHub answered 404 to is `object-unavailable`, not
 * `not-found`: the commit was known, so the object may only not be served yet (see the failure).
 */
export function unavailableObject(error: unknown): unknown {
  if (!(error instanceof GitHubError) || error.failure.kind !== 'not-found') return error;
  return new GitHubError({ kind: 'object-unavailable', request: error.failure.request });
}

/** A git object (or a head compared by its SHA) GitHub does not serve yet: see the failure. */
export function isUnavailableObject(error: unknown): boolean {
  return error instanceof GitHubError && error.failure.kind === 'object-unavailable';
}

/** True when GitHub answered 404 (a missing config file is not an error). */
export function isNotFound(error: unknown): boolean {
  return error instanceof GitHubError && error.failure.kind === 'not-found';
}
