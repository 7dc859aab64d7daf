import { describe, expect, it } from 'vitest';
import { backoffDelay, isSuperseded } from '../../src/app/queue.js';
import { InProcessQueue } from '../../src/app/queue-in-process.js';
import { job, queueContract } from './support/queue-contract.js';

queueContract('in process', () => ({
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
