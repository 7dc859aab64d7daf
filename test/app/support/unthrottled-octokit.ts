/**
 * Probot's octokit as the app's tests use it: Probot retries a 5xx after 1, 4 and 9 s and spaces
 * writes 1 s apart, which would only make tests wait — a 5xx reaches the app at once, and the app's
 * own spacing (request-limiter.ts, shared-throttle.ts) has tests of its own. A function, because
 * Probot overwrites a plain `throttle` default.
 */
import { ProbotOctokit } from 'probot';

export function unthrottledOctokit(): typeof ProbotOctokit {
  return ProbotOctokit.defaults((options: Record<string, unknown>) => ({
    ...options,
    retry: { enabled: false },
    throttle: { ...(options.throttle as object), enabled: false },
  }));
}

/**
 * A client holding installation token `token`, for code handed an octokit (no app, no Probot): it
 * neither retries nor spaces requests, so each nock reply is met once, at once.
 */
export function tokenOctokit(token = 'ghs_test'): InstanceType<typeof ProbotOctokit> {
  return new ProbotOctokit({ auth: { token }, retry: { enabled: false }, throttle: { enabled: false } });
}
