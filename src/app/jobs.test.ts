import { describe, expect, it } from 'vitest';
import { coalescingOf, laneOf, pullRequestJob } from './jobs.js';

const listed = { number: 7, headSha: 'a'.repeat(40), baseRef: 'release' };
const origin = { installationId: 3, owner: 'acme', repo: 'shop', deliveryId: 'delivery-1' };

describe('pullRequestJob', () => {
  it('takes the head and base GitHub lists, in the pull request’s lane', () => {
    const job = pullRequestJob(listed, origin, { kind: 'review', force: false });
    expect(job).toEqual({
      kind: 'review',
      installationId: 3,
      owner: 'acme',
      repo: 'shop',
      pullNumber: 7,
      headSha: listed.headSha,
      base: 'release',
      force: false,
      deliveryId: 'delivery-1',
    });
    expect(laneOf(job)).toBe('acme/shop#7');
  });

  it('keeps a marking a marking: it coalesces with markings, not with evaluations', () => {
    const marking = pullRequestJob(listed, origin, { kind: 'signoff', force: true, stale: true });
    const evaluation = pullRequestJob(listed, origin, { kind: 'signoff', force: true });
    expect(coalescingOf(marking)?.key).toBe('signoff-stale');
    expect(coalescingOf(evaluation)?.key).toBe('signoff');
  });
});
