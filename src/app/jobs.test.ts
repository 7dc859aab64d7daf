import { describe, expect, it } from 'vitest';
import { coalescingOf, laneOf, NoRepositoryId, pullRequestJob } from './jobs.js';

const listed = { number: 7, headSha: 'a'.repeat(40), baseRef: 'release' };
const origin = {
  installationId: 3,
  repositoryId: 118,
  owner: 'acme',
  repo: 'shop',
  deliveryId: 'delivery-1',
};

describe('pullRequestJob', () => {
  it('takes the head and base GitHub lists, in the pull request’s lane', () => {
    const job = pullRequestJob(listed, origin, { kind: 'review', force: false });
    expect(job).toEqual({
      kind: 'review',
      installationId: 3,
      repositoryId: 118,
      owner: 'acme',
      repo: 'shop',
      pullNumber: 7,
      headSha: listed.headSha,
      base: 'release',
      force: false,
      deliveryId: 'delivery-1',
    });
    expect(laneOf(job)).toBe('repository:118#7');
  });

  it('keys the lane by the repository id, not by any spelling of its name', () => {
    const job = pullRequestJob(listed, origin, { kind: 'review', force: false });
    const renamed = { ...job, owner: 'acme-corp', repo: 'Store' };
    expect(laneOf(renamed)).toBe(laneOf(job));
    expect(laneOf({ ...job, repositoryId: 119 })).not.toBe(laneOf(job));
    expect(() => laneOf({ ...job, repositoryId: undefined })).toThrow(NoRepositoryId);
  });

  it('keeps a marking a marking: it coalesces with markings, not with evaluations', () => {
    const marking = pullRequestJob(listed, origin, { kind: 'signoff', force: true, stale: true });
    const evaluation = pullRequestJob(listed, origin, { kind: 'signoff', force: true });
    expect(coalescingOf(marking)?.key).toBe('signoff-stale');
    expect(coalescingOf(evaluation)?.key).toBe('signoff');
  });
});
