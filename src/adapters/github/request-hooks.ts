/**
 * The hooks every GitHubClient puts on its octokit: a request that would name `.` or `..` as a path
 * segment is refused before it is sent, and one that cannot reach GitHub at all (or that the process
 * withheld) is not retried as if GitHub had answered 500. Apart from client.ts so that the client's
 * reading of GitHub's answers stays one module of its own size.
 */
import type { Octokit } from './client.js';

/** Set on an octokit once the client's hooks are on it (state of that octokit, not of this module). */
const HOOKED = Symbol('blueprint-review: client hooks added');

/**
 * Adds the client's hooks to `octokit` once: the app's own octokit (`app.auth()`) is shared for the
 * process's life, and each identity lookup, recovery scan and redelivery scan builds a client over
 * it — hooks added each time piled up with uptime, every request running through all of them.
 */
export function addClientHooks(octokit: Octokit): void {
  const marked = octokit as Octokit & { [HOOKED]?: true };
  if (marked[HOOKED]) return;
  failFastWhenUnreachable(octokit);
  refuseDotSegments(octokit);
  Object.defineProperty(marked, HOOKED, { value: true });
}

/**
 * A request whose parameters make `.` or `..` a whole path segment, refused before it is sent.
 * Parameters can be repository text (a team or a login from a blueprint's owners, a repository the
 * config's `_extends` names), and Octokit encodes `/`, `?`, `#` and `%` in them but not dots, which
 * URL parsing then resolves: team `acme/..` asked `GET /orgs/acme/teams/../memberships/bob`, which
 * is the organisation's membership, so every member of the organisation counted as the team's. No
 * organisation, team, user or repository on GitHub has such a name: the request is answered as not
 * found (`toGitHubError`), as GitHub would have answered the name.
 */
export class DotSegmentRefused extends Error {
  override readonly name = 'DotSegmentRefused';
}

export function refuseDotSegments(octokit: Octokit): void {
  const hook = (octokit as Partial<Octokit>).hook;
  if (typeof hook?.before !== 'function') return;
  hook.before('request', (options) => {
    const { url } = octokit.request.endpoint.parse(options);
    const path = url.replace(/^[a-z]+:\/\/[^/]*/i, '').replace(/[?#].*$/s, '');
    if (path.split('/').some((segment) => segment === '.' || segment === '..'))
      throw new DotSegmentRefused(`${options.method} ${path}`);
  });
}

/**
 * A request the process itself refused to send (its job may no longer act: its lease ran out).
 * Thrown by a request's `fetch`, it is never retried: waiting changes nothing.
 */
export abstract class RequestWithheld extends Error {}

/**
 * Octokit's retry plugin retries every error with a status of 400 or more, and it gives a request
 * that got no answer at all status 500: a refused connection was retried for most of a minute and
 * then reported as "GitHub answered 500", and a request withheld by the process was retried for 14 s
 * before its job could stop. The plugin reads the request's `retries` option when the error arrives,
 * so a hook that runs before the plugin (added after it, hence outermost) wraps the request's `fetch`
 * and sets `retries` to 0 when fetch fails because GitHub cannot be reached or the request was
 * withheld — a 5xx answer, and a connection that merely dropped, are still retried. Guarded by tests
 * with the plugin enabled; plain objects (tests) have no hooks.
 */
export function failFastWhenUnreachable(octokit: Octokit): void {
  const hook = (octokit as Partial<Octokit>).hook;
  if (typeof hook?.before !== 'function') return;
  hook.before('request', (options) => {
    const request: Record<string, unknown> = { ...options.request };
    const fetch = (request.fetch as typeof globalThis.fetch | undefined) ?? globalThis.fetch;
    const waitMs = typeof request.answerWithinMs === 'number' ? request.answerWithinMs : ANSWER_WAIT_MS;
    request.fetch = async (...[url, init]: Parameters<typeof globalThis.fetch>) => {
      try {
        return await answeredWithin(waitMs, init?.signal ?? undefined, (signal) =>
          fetch(url, { ...init, signal }),
        );
      } catch (error) {
        // On the options every hook shares: the retry plugin reads the last hook's copy of `request`.
        if (isUnreachable(error) || error instanceof RequestWithheld)
          (options.request as Record<string, unknown>).retries = 0;
        throw error;
      }
    };
    options.request = request as typeof options.request;
  });
}

/**
 * How long a request waits for GitHub's answer to begin (its status and headers; the body may take
 * longer). GitHub ends a REST request itself after 10 s; silence far past that is a connection gone
 * dead on the way (a NAT or proxy that dropped it), which fetch would wait on for 5 minutes, twice
 * with a retry — past a job's whole budget, its lane held and its review then lost. Given up on, the
 * request fails as a dropped connection does: retried by Octokit, and a review post is looked for
 * before it is made again (review-sink.ts `postReviewOnce`). Octokit's `request.answerWithinMs`
 * overrides it (tests).
 */
export const ANSWER_WAIT_MS = 60_000;

/** GitHub sent nothing back within `ANSWER_WAIT_MS`: the request was given up on. */
export class NoAnswer extends Error {
  override readonly name = 'NoAnswer';
  constructor(waitMs: number) {
    super(`GitHub sent no answer within ${Math.round(waitMs / 1000)} s`);
  }
}

/** `send` with a signal that aborts it after `waitMs` (or with `outer`), unless it resolved by then. */
async function answeredWithin<T>(
  waitMs: number,
  outer: AbortSignal | undefined,
  send: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const timer = new AbortController();
  const timeout = setTimeout(() => timer.abort(new NoAnswer(waitMs)), waitMs);
  try {
    return await send(outer ? AbortSignal.any([outer, timer.signal]) : timer.signal);
  } finally {
    clearTimeout(timeout);
  }
}

/**
 * Error codes (Node's, on fetch's `cause` chain) that say no connection to GitHub could be made at
 * all. Waiting a few seconds does not change them; anything else (a reset, a socket closed while
 * the request was on it, undici's own errors) may well succeed on the next attempt.
 */
const UNREACHABLE_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_HAS_EXPIRED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
]);

function isUnreachable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let e = error; e && typeof e === 'object' && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && UNREACHABLE_CODES.has(code)) return true;
    // AggregateError (happy eyeballs: every address refused) holds the codes in `errors`.
    const errors = (e as { errors?: unknown }).errors;
    if (Array.isArray(errors) && errors.some((inner) => isUnreachable(inner))) return true;
  }
  return false;
}
