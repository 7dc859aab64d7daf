/**
 * GitHub's answers to a request refused by a rate limit, as nock replies (status, body, headers):
 * the primary limit (the hour's budget spent: `x-ratelimit-remaining: 0` and when it resets) and the
 * secondary one (`retry-after`). The app tells the two apart by these headers only (retry-wait.ts).
 */
export type Reply = [number, unknown, Record<string, string>];

/** The primary limit, resetting at `resetAt` (seconds since the epoch, as GitHub sends it). */
export function primaryLimitUntil(resetAt: number): Reply {
  return [
    403,
    { message: 'API rate limit exceeded for installation ID 4242.' },
    { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(resetAt) },
  ];
}

/** The primary limit, resetting in `seconds` from now. */
export function primaryLimit(seconds: number): Reply {
  return primaryLimitUntil(Math.ceil(Date.now() / 1000) + seconds);
}

/** A secondary limit asking for `retryAfter` seconds. */
export function secondaryLimit(retryAfter: number): Reply {
  return [
    403,
    { message: 'You have exceeded a secondary rate limit.' },
    { 'retry-after': String(retryAfter) },
  ];
}
