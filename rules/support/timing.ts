/** Worst-case time arithmetic over an error-handling policy: backoff schedules and deadlines. */
import type { ErrorHandlingPolicy } from '../../src/model/types.js';
import { parseDuration } from './duration.js';
import { attemptsOf } from './policies.js';

/**
 * Total wait between attempts before jitter (the most any jitter strategy waits): the sum of
 * `min(initialInterval × multiplier^i, maxInterval)` over the retries.
 */
export function worstCaseBackoff(policy: ErrorHandlingPolicy): number {
  const retry = policy.retry;
  const initial = parseDuration(retry?.initialInterval);
  if (!retry || initial === undefined) return 0;
  const multiplier = retry.multiplier ?? 1;
  const cap = parseDuration(retry.maxInterval) ?? Infinity;
  let total = 0;
  for (let i = 0; i < attemptsOf(policy) - 1; i++) total += Math.min(initial * multiplier ** i, cap);
  return total;
}

/**
 * The longest a caller can be kept waiting: the overall `timeout`, else every attempt running into
 * `perTryTimeout` plus the backoff between them; undefined when the policy bounds neither.
 */
export function deadlineOf(policy: ErrorHandlingPolicy | undefined): number | undefined {
  if (!policy) return undefined;
  const timeout = parseDuration(policy.timeout);
  if (timeout !== undefined) return timeout;
  const perTry = parseDuration(policy.perTryTimeout);
  if (perTry === undefined) return undefined;
  return attemptsOf(policy) * perTry + worstCaseBackoff(policy);
}
