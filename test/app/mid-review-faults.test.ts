/**
 * Faults between a review's check-run write and its review post, through a real app process (worker
 * threads, the Redis queue) against the loopback fake GitHub: the installation's token revoked as the
 * review is posted (401), and GitHub refusing the review (422) as the pull request's head moves on.
 * Either way the check completes — never left `in_progress` — and the comments are posted once, or
 * said to be in the check.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppProcess, BurstPull, BurstRepository } from './support/burst.js';
import { burstRepository, queueDrained, REVIEW_CHECK, TEST_SPACING_ENV, until } from './support/burst.js';
import type { ReplicaCluster } from './support/replica-cluster.js';
import { replicaCluster } from './support/replica-cluster.js';

let cluster: ReplicaCluster;
let gh: ReplicaCluster['gh'];
let repository: BurstRepository;
let app: AppProcess;

beforeAll(async () => {
  // Pull requests 0 and 4 add a flow the review comments on (burstRepository: every fourth).
  cluster = await replicaCluster(burstRepository(1, 5, 1), 1, 'mid-review', TEST_SPACING_ENV);
  ({ gh, repository } = cluster);
  app = await cluster.start();
}, 60_000);

afterAll(() => cluster?.stop(), 60_000);

const runs = (head: string) => cluster.runs(REVIEW_CHECK, head);
const reviewsOf = (head: string) => gh.reviews.filter((r) => r.commit_id === head);
const completed = (head: string) => runs(head)[0]?.status === 'completed';

/** A new head on `pull`, delivered; its review post is held (answered once `release` is called). */
async function pushedWithPostHeld(pull: BurstPull, label: string) {
  const posted = gh.hold(new RegExp(`/pulls/${pull.number}/reviews$`), { once: true });
  const head = await pushed(pull, label);
  await posted.arrived;
  expect(runs(head)).toMatchObject([{ status: 'in_progress' }]);
  return { head, release: posted.release };
}

const pushed = (pull: BurstPull, label: string) => cluster.push(app, pull, label);

describe('the installation token revoked as the review is posted', () => {
  it('a new token is asked for, the review posted once and the check completed with its verdict', async () => {
    const pull = repository.pulls[0]!;
    const { head, release } = await pushedWithPostHeld(pull, 'token revoked');
    const tokens = gh.tokensIssued;
    gh.revokeTokens();
    release();
    await until(() => completed(head), 'the review completes');
    await queueDrained(app);
    expect(gh.tokensIssued).toBeGreaterThan(tokens);
    expect(runs(head)).toMatchObject([{ status: 'completed', conclusion: 'failure' }]);
    expect(runs(head)[0]!.output?.title).not.toMatch(/could not/);
    expect(reviewsOf(head)).toHaveLength(1);
    expect(reviewsOf(head)[0]!.comments.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('GitHub refusing the review (422) as the head moves on', () => {
  it('the older head’s check completes, and the newer head is reviewed and commented once', async () => {
    const pull = repository.pulls[4]!;
    const older = await pushedWithPostHeld(pull, 'refused review');
    const newer = await pushed(pull, 'pushed meanwhile');
    gh.refuse('POST', new RegExp(`/pulls/${pull.number}/reviews$`), 1, 422);
    older.release();
    await until(() => completed(older.head) && completed(newer), 'both reviews complete');
    await queueDrained(app);
    expect(runs(older.head)).toHaveLength(1);
    expect(reviewsOf(older.head)).toEqual([]);
    expect(runs(newer)).toMatchObject([{ status: 'completed', conclusion: 'failure' }]);
    expect(reviewsOf(newer)).toHaveLength(1);
    // The older head's review was posted and refused: its findings are in its check instead.
    const posts = gh.requested.filter(
      (r) => r === `POST /repos/${pull.owner}/${pull.repo}/pulls/${pull.number}/reviews`,
    );
    expect(posts).toHaveLength(2);
    expect(runs(older.head)[0]!.output?.summary).toContain('### New findings');
  }, 120_000);
});
