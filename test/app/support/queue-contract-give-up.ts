/**
 * The queue contract for jobs given up (run against every backend, as queue-contract.ts): a job given
 * up marks its checks while it still holds its lane; marks GitHub refused for a while are tried again
 * later, a bounded number of times, with what the first try learnt — the stop that ended the job, and
 * GitHub's time of its latest answer (after which a verdict is a newer job's: queue-give-up.ts).
 */
import { describe, expect, it } from 'vitest';
import { GitHubError } from '../../../src/adapters/github/client.js';
import { JobStopped } from '../../../src/app/job-budget.js';
import type { JobDescriptor } from '../../../src/app/jobs.js';
import type { JobQueue, RetryPolicy } from '../../../src/app/queue.js';
import { MARKING_ATTEMPTS } from '../../../src/app/queue-give-up.js';
import type { QueueBackend } from './queue-contract.js';
import { job, Recorder, waitUntil } from './queue-contract.js';

const TOKEN = 'POST /app/installations/1/access_tokens';

/**
 * Job 1@a (a review, failing) is queued while its lane is busy, and a second delivery for its head is
 * coalesced into it; the review is given up, then the second delivery redelivered (an admin's
 * Redeliver) is queued and runs. Returns that delivery.
 */
export async function redeliverCoalescedIntoGivenUp(
  queue: JobQueue,
  recorder: Recorder,
): Promise<JobDescriptor> {
  recorder.failing.add('1@a');
  // The pull request's lane is busy: the review waits, and a second event for the same head (a
  // delivery of its own) is answered by it.
  await queue.enqueue(job(1, 'a', { kind: 'signoff', force: true }));
  await waitUntil(() => recorder.started('signoff 1@a'), 'the lane is busy');
  await queue.enqueue(job(1, 'a'));
  const second = job(1, 'a');
  expect(await queue.enqueue(second)).toBe('duplicate');
  recorder.release('signoff 1@a');
  await waitUntil(() => recorder.results.has('1@a'), 'the review is given up');
  // An admin redelivers the second delivery (the one the log or the app's settings showed them).
  recorder.failing.delete('1@a');
  recorder.release('1@a');
  expect(await queue.enqueue(second)).toBe('queued');
  await waitUntil(() => recorder.results.get('1@a')?.length === 2, 'the redelivery runs');
  return second;
}

export function giveUpContract(label: string, backend: () => QueueBackend): void {
  describe(`${label}: the queue contract for jobs given up`, () => {
    async function setup(concurrency = 4, retry?: RetryPolicy) {
      const recorder = new Recorder();
      const queue = await backend().create(recorder, { concurrency, ...(retry ? { retry } : {}) });
      return { recorder, queue };
    }

    it('gives a failed job up while it still holds its lane: the next job of the pull request waits', async () => {
      const { recorder, queue } = await setup(4, { attempts: 1, backoffMs: 20 });
      let letGo!: () => void;
      recorder.giveUpHeld = new Promise<void>((resolve) => (letGo = resolve));
      recorder.failing.add('1@a');
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.givenUp.length === 1, 'the failed job is being given up');
      await queue.enqueue(job(1, 'a', { kind: 'signoff', force: true }));
      await queue.enqueue(job(2, 'b'));
      recorder.release('2@b');
      recorder.release('signoff 1@a');
      await waitUntil(() => recorder.results.has('2@b'), 'another pull request runs meanwhile');
      expect(recorder.started('signoff 1@a')).toBe(false);
      expect(recorder.results.has('1@a')).toBe(false);
      letGo();
      await waitUntil(() => recorder.started('signoff 1@a'), 'the next job of the pull request runs');
      expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
      await queue.idle();
      await queue.close(1_000);
    });

    it('marks a job given up again later when GitHub refused its marks for a while, then reports it failed once', async () => {
      const { recorder, queue } = await setup(4, { attempts: 2, backoffMs: 20 });
      recorder.failing.add('1@a');
      recorder.marksRefused = 1;
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.results.has('1@a'), 'the job is given up, its marks written');
      await queue.idle();
      expect(recorder.count('start 1@a')).toBe(2);
      expect(recorder.givenUp).toEqual([
        expect.stringMatching(/^1@a: it failed 2 times.*: 1@a failed$/),
        expect.stringMatching(/^1@a: it failed 2 times.*: 1@a failed$/),
      ]);
      expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 2 }]);
      await queue.close(1_000);
    });

    it('tries the marks of a job given up a bounded number of times, and its pull request’s next job runs', async () => {
      const { recorder, queue } = await setup(4, { attempts: 1, backoffMs: 20 });
      recorder.failing.add('1@a');
      recorder.marksRefused = 1_000;
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.givenUp.length === 1, 'the job is given up');
      await queue.enqueue(job(1, 'a', { kind: 'signoff', force: true }));
      recorder.release('signoff 1@a');
      await waitUntil(() => recorder.results.has('1@a'), 'the marks have had their tries');
      await waitUntil(() => recorder.results.has('signoff 1@a'), 'the next job of the pull request runs');
      await queue.idle();
      expect(recorder.givenUp).toHaveLength(MARKING_ATTEMPTS);
      expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
      await queue.close(1_000);
    });

    it('takes a request like a job given up anew while its marks wait, not as a duplicate', async () => {
      // A minute's backoff: the marks wait that long after their first try.
      const { recorder, queue } = await setup(4, { attempts: 1, backoffMs: 60_000 });
      recorder.failing.add('1@a');
      recorder.marksRefused = 1;
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.givenUp.length === 1, 'the job is given up');
      // Its marks were refused: they wait for their next try.
      while ((await queue.stats()).delayed === 0) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(await queue.enqueue(job(1, 'a'))).toBe('queued');
      await queue.close(1_000);
    });

    it('runs a delivery given up again when it is redelivered; one that ran stays a duplicate', async () => {
      const { recorder, queue } = await setup(4, { attempts: 2, backoffMs: 20 });
      recorder.failing.add('1@a');
      const delivery = job(1, 'a');
      await queue.enqueue(delivery);
      await waitUntil(() => recorder.results.has('1@a'), 'the job is given up');
      // An admin sees it given up, and presses Redeliver in the app's settings: the same delivery.
      recorder.failing.delete('1@a');
      recorder.release('1@a');
      expect(await queue.enqueue(delivery)).toBe('queued');
      await waitUntil(() => recorder.results.get('1@a')?.length === 2, 'the redelivery runs');
      expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 2 }, { kind: 'done' }]);
      // Done now: GitHub redelivering it again must not run it (nor write) a third time.
      expect(await queue.enqueue(delivery)).toBe('duplicate');
      await queue.idle();
      expect(recorder.count('start 1@a')).toBe(3);
      await queue.close(1_000);
    });

    it('runs a delivery coalesced into a job given up again when it is redelivered', async () => {
      const { recorder, queue } = await setup(4, { attempts: 1, backoffMs: 20 });
      const second = await redeliverCoalescedIntoGivenUp(queue, recorder);
      expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }, { kind: 'done' }]);
      // Answered by a job that ran now: GitHub redelivering it again must not run it a third time.
      expect(await queue.enqueue(second)).toBe('duplicate');
      await queue.idle();
      expect(recorder.count('start 1@a')).toBe(2);
      await queue.close(1_000);
    });

    it('never retries a job stopped by its budget: it is given up at once, and its lane moves on', async () => {
      const { recorder, queue } = await setup(4, { attempts: 3, backoffMs: 20 });
      recorder.stopping.add('1@a');
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.results.has('1@a'), 'the stopped job is given up');
      // The pull request's next job, queued after the stop, runs.
      await queue.enqueue(job(1, 'a', { kind: 'signoff', force: true }));
      recorder.release('signoff 1@a');
      await waitUntil(() => recorder.results.has('signoff 1@a'), 'the next job of the lane runs');
      await queue.idle();
      expect(recorder.count('start 1@a')).toBe(1);
      expect(recorder.retries).toEqual([]);
      expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
      expect(recorder.givenUpFor.get('1@a')).toBeInstanceOf(JobStopped);
      expect(recorder.givenUp).toEqual([
        expect.stringMatching(/^1@a: The job was stopped after 10 minutes: /),
      ]);
      expect(recorder.results.get('signoff 1@a')).toEqual([{ kind: 'done', outcome: {} }]);
      await queue.close(1_000);
    });

    it('never retries a job of an installation GitHub refuses a token for good (404): given up at once', async () => {
      const { recorder, queue } = await setup(4, { attempts: 3, backoffMs: 20 });
      const refused = (status: 401 | 404) =>
        new GitHubError({
          kind: 'token-refused',
          installationId: 1,
          status,
          request: TOKEN,
          detail: 'Refused',
        });
      recorder.throwing.set('1@a', refused(404));
      // A 401 may pass (a key being rotated): tried again.
      recorder.throwing.set('2@b', refused(401));
      await queue.enqueue(job(1, 'a'));
      await queue.enqueue(job(2, 'b'));
      await waitUntil(() => recorder.results.has('1@a') && recorder.results.has('2@b'), 'both are given up');
      await queue.idle();
      expect(recorder.count('start 1@a')).toBe(1);
      expect(recorder.count('start 2@b')).toBe(3);
      expect(recorder.givenUp).toEqual(
        expect.arrayContaining([expect.stringMatching(/^1@a: it failed once, .*installation 1 \(404/)]),
      );
      await queue.close(1_000);
    });

    it('marks a job stopped by its budget again as stopped when GitHub refused its marks for a while', async () => {
      const { recorder, queue } = await setup(4, { attempts: 3, backoffMs: 20 });
      recorder.stopping.add('1@a');
      recorder.marksRefused = 1;
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.results.has('1@a'), 'the stopped job is given up, its marks written');
      await queue.idle();
      expect(recorder.givenUp).toHaveLength(2);
      // The later try is told of the stop as the first was: its review check shows the stop's own
      // output (which limit, what to do), not a generic failure.
      const again = recorder.givenUpFor.get('1@a');
      expect(again).toBeInstanceOf(JobStopped);
      expect((again as JobStopped).limit).toEqual({ kind: 'time', seconds: 600 });
      expect(recorder.results.get('1@a')).toMatchObject([{ kind: 'failed', attempts: 1 }]);
      await queue.close(1_000);
    });

    it('hands later tries of the marks GitHub’s time of the first try that got an answer, and tells the last it is', async () => {
      const { recorder, queue } = await setup(4, { attempts: 1, backoffMs: 20 });
      recorder.failing.add('1@a');
      // The first try gets no answer at all (no token), the next two are rate-limited, the last writes.
      recorder.marksRefused = MARKING_ATTEMPTS - 1;
      const second = '2026-12-06T17:00:05.000Z';
      recorder.marksAnsweredAt = [undefined, second, '2026-12-06T17:00:09.000Z'];
      await queue.enqueue(job(1, 'a'));
      await waitUntil(() => recorder.results.has('1@a'), 'the marks are written');
      await queue.idle();
      // A verdict completed after the first answered try is a newer job's: every later try is told.
      // The last try is told so: what it cannot do is given up for good.
      expect(recorder.markings).toEqual([
        { last: false },
        { last: false },
        { since: second, last: false },
        { since: second, last: true },
      ]);
      await queue.close(1_000);
    });
  });
}
