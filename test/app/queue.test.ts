import { describe, expect, it } from 'vitest';
import { backoffDelay, isSuperseded } from '../../src/app/queue.js';
import { InProcessQueue } from '../../src/app/queue-in-process.js';
import { job, queueContract, Recorder, waitUntil } from './support/queue-contract.js';
import { giveUpContract } from './support/queue-contract-give-up.js';

queueContract('in process', () => ({
  create: async (handlers, options) => new InProcessQueue(handlers, options),
}));
giveUpContract('in process', () => ({
  create: async (handlers, options) => new InProcessQueue(handlers, options),
}));

describe('queue rules', () => {
  it('backs off exponentially with jitter between half and all of the ceiling', () => {
    const policy = { attempts: 5, backoffMs: 1_000 };
    expect(backoffDelay(policy, 1, () => 0)).toBe(500);
    expect(backoffDelay(policy, 1, () => 1)).toBe(1_000);
    expect(backoffDelay(policy, 3, () => 0.5)).toBe(3_000);
  });

  it('supersedes a review only by a different head asked for later; never a sign-off', () => {
    const latest = { headSha: 'new', seq: 5 };
    expect(isSuperseded(job(1, 'old'), 4, latest)).toBe(true);
    expect(isSuperseded(job(1, 'new'), 4, latest)).toBe(false);
    expect(isSuperseded(job(1, 'old', { force: true }), 6, latest)).toBe(false);
    expect(isSuperseded(job(1, 'old', { kind: 'signoff' }), 4, latest)).toBe(false);
    expect(isSuperseded(job(1, 'old'), 4, undefined)).toBe(false);
  });
});

describe('the in-process queue on close', () => {
  it('names the jobs it drops while they wait for a retry or for their marks, as it names the waiting ones', async () => {
    const recorder = new Recorder();
    // A minute's backoff: the failed job and the marks refused wait that long.
    const queue = new InProcessQueue(recorder, { concurrency: 4, retry: { attempts: 2, backoffMs: 60_000 } });
    recorder.failing.add('1@a');
    recorder.stopping.add('2@b');
    recorder.marksRefused = 1;
    await queue.enqueue(job(1, 'a'));
    await waitUntil(() => recorder.retries.includes('1@a'), 'the failed job waits for its retry');
    // Stopped by its budget, given up at once: its marks refused, they wait for their next try.
    await queue.enqueue(job(2, 'b'));
    await waitUntil(() => recorder.givenUp.length === 1, 'the stopped job is given up');
    await queue.enqueue(job(3, 'c'));
    await waitUntil(() => recorder.started('3@c'), 'the third job runs');
    const closing = queue.close(100);
    const unfinished = await closing;
    // In process they are lost, and the log must say which: every one of them, not only those in line.
    expect(unfinished.map((j) => `${j.pullNumber}@${j.headSha}`).sort()).toEqual(['1@a', '2@b', '3@c']);
  });
});
