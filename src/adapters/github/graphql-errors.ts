/**
 * GraphQL errors GitHub answers with status 200 (`{ "errors": [...] }`: Octokit's
 * `GraphqlResponseError`, which carries no status), as the typed failures of client.ts: GitHub
 * answered, so they are never "GitHub could not be reached".
 */
import type { GitHubFailure } from './client.js';

export type Headers = Record<string, string | number | undefined>;

/** One error of a GraphQL answer: GitHub's `type` (absent on some) and its words. */
interface GraphqlError {
  type: string | undefined;
  message: string;
}

/**
 * The errors of a GraphQL answer GitHub sent with status 200 (Octokit's `GraphqlResponseError`, told
 * by its shape: `errors` beside the request, and no status); undefined for any other error.
 */
function graphqlErrorsOf(error: unknown): GraphqlError[] | undefined {
  const e = error as { errors?: unknown; status?: unknown };
  if (!Array.isArray(e.errors) || e.errors.length === 0 || e.status !== undefined) return undefined;
  return e.errors.map((item: unknown) => {
    const { type, message } = (item ?? {}) as { type?: unknown; message?: unknown };
    return {
      type: typeof type === 'string' ? type : undefined,
      message: typeof message === 'string' ? message : String(message),
    };
  });
}

/**
 * What GitHub's GraphQL errors mean: a rate limit anywhere in them (its wait from the answer's
 * headers, else the minute GitHub asks for), else the first error's type when it is one the REST
 * failures name (not found, forbidden), else the errors in GitHub's words.
 */
function graphqlFailure(label: string, errors: readonly GraphqlError[], headers: Headers): GitHubFailure {
  const detail = errors
    .map((e) => e.message)
    .join('; ')
    .slice(0, 300);
  if (errors.some((e) => e.type === 'RATE_LIMITED'))
    return {
      kind: 'rate-limited',
      request: label,
      retryAfterSeconds: waitInHeaders(headers) ?? 60,
    };
  const type = errors[0]!.type;
  if (type === 'NOT_FOUND') return { kind: 'not-found', request: label };
  if (type === 'FORBIDDEN' || type === 'INSUFFICIENT_SCOPES')
    return { kind: 'permission-denied', request: label, detail: errors[0]!.message };
  return { kind: 'graphql-errors', request: label, detail };
}

/** The wait an answer's headers ask for: `retry-after`, or none left until `x-ratelimit-reset`. */
export function waitInHeaders(headers: Headers, now = Date.now()): number | undefined {
  const retryAfter = Number(headers['retry-after']);
  if (headers['retry-after'] !== undefined && Number.isFinite(retryAfter)) return Math.max(0, retryAfter);
  if (String(headers['x-ratelimit-remaining']) === '0') {
    const reset = Number(headers['x-ratelimit-reset']);
    return Number.isFinite(reset) ? Math.max(0, Math.ceil(reset - now / 1000)) : 60;
  }
  return undefined;
}

/** The failure GraphQL errors in `error` mean for the request `label`; undefined for any other error. */
export function graphqlFailureOf(label: string, error: unknown): GitHubFailure | undefined {
  const errors = graphqlErrorsOf(error);
  return errors && graphqlFailure(label, errors, (error as { headers?: Headers }).headers ?? {});
}
