/**
 * Errors crossing between the main thread and a job's worker thread (structured cloning keeps no
 * class): GitHub's failures stay `GitHubError`s, so the job's boundary and the queue judge them by
 * their type as in process — a token GitHub refused for good is not retried (job-errors.ts).
 */
import { expect, it } from 'vitest';
import { GitHubError } from '../../src/adapters/github/client.js';
import { tokenRefusedForGood } from '../../src/app/job-errors.js';
import { LeaseLost, worthRetrying } from '../../src/app/queue.js';
import { answerErrorOf, jobErrorOf, rejectionOf } from '../../src/app/thread-protocol.js';

const refused = new GitHubError({
  kind: 'token-refused',
  installationId: 4242,
  status: 404,
  request: 'POST /app/installations/4242/access_tokens',
  detail: 'Not Found',
});

it("a worker's call refused with GitHub's failure rejects with that failure, typed", () => {
  const crossed = rejectionOf(structuredClone(answerErrorOf(refused)));
  expect(crossed).toBeInstanceOf(GitHubError);
  expect((crossed as GitHubError).failure).toEqual(refused.failure);
  expect(crossed.message).toBe(refused.message);
  expect(tokenRefusedForGood(crossed)).toBe(true);
});

it("a job's failure with GitHub's failure reaches the queue typed, with its stack and wait", () => {
  const sent = { ...answerErrorOf(refused), stack: 'the stack in the worker', waitAskedForMs: 5 };
  const crossed = jobErrorOf(structuredClone(sent));
  expect(crossed).toBeInstanceOf(GitHubError);
  expect(worthRetrying(crossed)).toBe(false);
  expect(crossed.stack).toBe('the stack in the worker');
  expect(crossed).toMatchObject({ waitAskedForMs: 5 });
});

it('a lost lease stays one; any other error keeps its name and message', () => {
  expect(rejectionOf(structuredClone(answerErrorOf(new LeaseLost())))).toBeInstanceOf(LeaseLost);
  const other = jobErrorOf(structuredClone({ name: 'CheckNotWritten', message: 'rate-limited' }));
  expect(other).toMatchObject({ name: 'CheckNotWritten', message: 'rate-limited' });
  expect(worthRetrying(other)).toBe(true);
});
